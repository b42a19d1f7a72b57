// authority-timeline
// An authority's inspections in date order: framework, dates, overall grade, how many findings of each kind each one gave, and the report its findings were read from (the file name and SHA-256 of its canonical copy).
:param authority => 'E08000025';
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)
WHERE a.code = $authority OR a.name = $authority
MATCH (i)-[:REPORTED_IN]->(d:Document)
WHERE d.canonical
OPTIONAL MATCH (i)-[:HAS_FINDING]->(f:Finding)
RETURN i.id AS inspection, i.framework AS framework, i.startDate AS startDate, i.endDate AS endDate,
       i.publishedDate AS publishedDate, i.overallGrade AS overallGrade, count(f) AS findings,
       count(CASE WHEN f.polarity = 'weakness' THEN 1 END) AS weaknesses,
       count(CASE WHEN f.polarity = 'recommendation' THEN 1 END) AS recommendations,
       d.fileName AS document, d.sha256 AS sha256
ORDER BY startDate, inspection;
