// inspection-summary
// One inspection: framework, dates, grade, authority, its canonical document (the copy its claims, offsets and quotes come from) and the other copies of the report loaded.
:param inspection => 'E08000029-unannounced-contact-referral-assessment-2011-04-13';
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:REPORTED_IN]->(d:Document)
WHERE i.id = $inspection AND d.canonical
OPTIONAL MATCH (i)-[:REPORTED_IN]->(c:Document)
WHERE NOT c.canonical
WITH a, i, d, c ORDER BY c.fileName SKIP 0
WITH a, i, d, collect(c.fileName) AS copies
RETURN i.id AS inspection, i.framework AS framework, i.startDate AS startDate, i.endDate AS endDate,
       i.publishedDate AS publishedDate, i.overallGrade AS overallGrade, a.code AS code, a.name AS authority,
       d.sha256 AS document, d.fileName AS fileName, d.format AS format, d.title AS title, copies;
