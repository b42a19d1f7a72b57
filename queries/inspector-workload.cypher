// name: inspector-workload
// description: Each inspector's inspections: how many, as lead, in how many authorities, over which years. Inspectors only: team members who do not inspect (data analysts, quality assurance managers, shadow inspectors) are left out; inspection-team lists them.
// param: limit integer = 100 : rows at most
// columns: inspector, name, inspections, asLead, authorities, firstYear, lastYear
MATCH (p:Inspector)-[r:INSPECTED]->(i:Inspection)-[:OF_AUTHORITY]->(a:Authority)
WHERE r.inspects
RETURN p.id AS inspector, p.name AS name, count(DISTINCT i) AS inspections,
       count(DISTINCT CASE WHEN r.role IN ['lead inspector', 'HMI'] THEN i.id END) AS asLead,
       count(DISTINCT a) AS authorities, min(i.year) AS firstYear, max(i.year) AS lastYear
ORDER BY inspections DESC, inspector
LIMIT $limit
