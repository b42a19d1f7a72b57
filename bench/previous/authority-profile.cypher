// authority-profile before it counted an authority's claims per polarity: every claim's id read
// once per count, each count made DISTINCT.
MATCH (a:Authority)
WHERE a.code = $authority OR a.name = $authority
OPTIONAL MATCH (a)<-[:OF_AUTHORITY]-(i:Inspection)
OPTIONAL MATCH (i)-[:HAS_FINDING]->(f:Finding)
RETURN a.code AS code, a.name AS name, a.dfeCode AS dfeCode, a.region AS region,
       count(DISTINCT i) AS inspections, min(i.year) AS firstYear, max(i.year) AS lastYear,
       count(DISTINCT f) AS findings,
       count(DISTINCT CASE WHEN f.polarity = 'strength' THEN f.id END) AS strengths,
       count(DISTINCT CASE WHEN f.polarity = 'weakness' THEN f.id END) AS weaknesses,
       count(DISTINCT CASE WHEN f.polarity = 'recommendation' THEN f.id END) AS recommendations
