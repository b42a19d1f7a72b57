// inspections-by-framework-year
// What the graph holds, per inspection framework and year: inspections, authorities, reports (one per inspection, however many copies of it are loaded), the further copies, and findings.
:param framework => '';
MATCH (i:Inspection)
WHERE $framework = '' OR i.framework = $framework
// COUNT of a pattern with no label on its end: Neo4j reads each inspection's degree instead of
// following its 2.5 million relationships at 10,000 documents.
WITH i, COUNT { MATCH (i)-[:HAS_FINDING]->() } AS findings
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i)-[:REPORTED_IN]->(d:Document)
WITH i, findings, a, count(DISTINCT d) AS documents
RETURN i.framework AS framework, i.year AS year, count(i) AS inspections, count(DISTINCT a) AS authorities,
       count(i) AS documents, sum(documents) - count(i) AS copies, sum(findings) AS findings
ORDER BY framework, year;
