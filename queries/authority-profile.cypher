// name: authority-profile
// description: One authority at a glance: identity, how many inspections and documents, the span of years, and its findings by polarity.
// param: authority string = E08000025 : ONS code or name of the authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name)
// columns: code, name, dfeCode, region, inspections, firstYear, lastYear, findings, strengths, weaknesses, recommendations
MATCH (a:Authority)
WHERE a.code = $authority OR a.name = $authority
OPTIONAL MATCH (a)<-[:OF_AUTHORITY]-(i:Inspection)
WITH a, count(i) AS inspections, min(i.year) AS firstYear, max(i.year) AS lastYear
OPTIONAL MATCH (a)<-[:OF_AUTHORITY]-(:Inspection)-[:HAS_FINDING]->(f:Finding)
WITH a, inspections, firstYear, lastYear, f.polarity AS polarity, count(f) AS n
RETURN a.code AS code, a.name AS name, a.dfeCode AS dfeCode, a.region AS region,
       inspections, firstYear, lastYear,
       sum(n) AS findings,
       sum(CASE WHEN polarity = 'strength' THEN n ELSE 0 END) AS strengths,
       sum(CASE WHEN polarity = 'weakness' THEN n ELSE 0 END) AS weaknesses,
       sum(CASE WHEN polarity = 'recommendation' THEN n ELSE 0 END) AS recommendations
