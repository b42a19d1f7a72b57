// inspector-network as the previous design answered it: reading every INSPECTED
// relationship, before the inspector tallies. The tests compare the tallies' answers with it;
// `bench/run.py previous` times both.
MATCH (p:Inspector)-[r1:INSPECTED]->(i:Inspection)<-[r2:INSPECTED]-(q:Inspector)
WHERE p.id < q.id AND r1.inspects AND r2.inspects
MATCH (i)-[:OF_AUTHORITY]->(a:Authority)
WITH p.name AS inspector, q.name AS colleague, count(DISTINCT i) AS shared, count(DISTINCT a) AS authorities
WHERE shared >= $minShared
RETURN inspector, colleague, shared, authorities
ORDER BY shared DESC, inspector, colleague
LIMIT $limit
