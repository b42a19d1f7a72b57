// authorities
// The authorities, with how many inspections each has in the graph and the date of the latest, by name.
:param region => '';
:param offset => 0;
:param limit => 50;
MATCH (a:Authority)
WHERE $region = '' OR lower(a.region) = lower($region)
OPTIONAL MATCH (a)<-[:OF_AUTHORITY]-(i:Inspection)
RETURN a.code AS code, a.name AS name, a.dfeCode AS dfeCode, a.region AS region,
       count(i) AS inspections, max(i.startDate) AS latestInspection
ORDER BY name, code
SKIP $offset
LIMIT $limit;
