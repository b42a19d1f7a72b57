// inspector-workload as the previous design answered it: reading every INSPECTED
// relationship, before the inspector tallies. The tests compare the tallies' answers with it;
// `bench/run.py previous` times both.
MATCH (p:Inspector)-[r:INSPECTED]->(i:Inspection)-[:OF_AUTHORITY]->(a:Authority)
WHERE r.inspects
RETURN p.id AS inspector, p.name AS name, count(DISTINCT i) AS inspections,
       count(DISTINCT CASE WHEN r.role IN ['lead inspector', 'HMI'] THEN i.id END) AS asLead,
       count(DISTINCT a) AS authorities, min(i.year) AS firstYear, max(i.year) AS lastYear
ORDER BY inspections DESC, inspector
LIMIT $limit
