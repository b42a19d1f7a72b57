// inspection-summary
// One inspection: framework, dates, grade, authority, and the documents that report it.
:param inspection => 'E08000029-unannounced-contact-referral-assessment-2011-04-13';
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:REPORTED_IN]->(d:Document)
WHERE i.id = $inspection
RETURN i.id AS inspection, i.framework AS framework, i.startDate AS startDate, i.endDate AS endDate,
       i.publishedDate AS publishedDate, i.overallGrade AS overallGrade, a.code AS code, a.name AS authority,
       d.sha256 AS document, d.fileName AS fileName, d.format AS format, d.title AS title
ORDER BY fileName, document;
