// name: authority-timeline
// description: An authority's inspections in date order: framework, dates, overall grade, and how many findings of each kind each one gave.
// param: authority string = E08000025 : ONS code or name of the authority
// columns: inspection, framework, startDate, endDate, publishedDate, overallGrade, findings, weaknesses, recommendations
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)
WHERE a.code = $authority OR lower(a.name) = lower($authority)
OPTIONAL MATCH (i)-[:HAS_FINDING]->(f:Finding)
RETURN i.id AS inspection, i.framework AS framework, i.startDate AS startDate, i.endDate AS endDate,
       i.publishedDate AS publishedDate, i.overallGrade AS overallGrade, count(f) AS findings,
       count(CASE WHEN f.polarity = 'weakness' THEN 1 END) AS weaknesses,
       count(CASE WHEN f.polarity = 'recommendation' THEN 1 END) AS recommendations
ORDER BY startDate, inspection
