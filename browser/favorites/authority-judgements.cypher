// authority-judgements
// Every graded judgement of an authority's inspections in date order: the area, the grade as the report words it, and the grade of the one vocabulary (grades.ttl) with its rank, 1 Outstanding to 4 Inadequate.
:param authority => 'E08000025';
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_JUDGEMENT]->(j:Judgement)
WHERE a.code = $authority OR a.name = $authority
RETURN i.id AS inspection, i.framework AS framework, coalesce(i.startDate, i.publishedDate) AS date,
       j.area AS area, j.grade AS grade, j.gradeId AS gradeId, j.gradeRank AS gradeRank
ORDER BY date, inspection, area;
