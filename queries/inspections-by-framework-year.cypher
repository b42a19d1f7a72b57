// name: inspections-by-framework-year
// description: What the graph holds, per inspection framework and year: inspections, authorities, reports (one per inspection, however many copies of it are loaded), the further copies, and findings.
// param: framework string = "" : one framework (e.g. ilacs-standard); empty for all
// columns: framework, year, inspections, authorities, documents, copies, findings
MATCH (i:Inspection)
WHERE $framework = '' OR i.framework = $framework
OPTIONAL MATCH (i)-[:HAS_FINDING]->(f:Finding)
WITH i, count(f) AS findings
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i)-[:REPORTED_IN]->(d:Document)
WITH i, findings, a, count(DISTINCT d) AS documents
RETURN i.framework AS framework, i.year AS year, count(i) AS inspections, count(DISTINCT a) AS authorities,
       count(i) AS documents, sum(documents) - count(i) AS copies, sum(findings) AS findings
ORDER BY framework, year
