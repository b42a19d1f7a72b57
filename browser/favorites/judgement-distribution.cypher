// judgement-distribution
// How grades are distributed per judgement area and framework.
:param area => '';
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_JUDGEMENT]->(j:Judgement)
WHERE $area = '' OR lower(j.area) = lower($area)
RETURN i.framework AS framework, j.area AS area, j.grade AS grade, j.gradeRank AS gradeRank,
       count(DISTINCT j) AS judgements, count(DISTINCT a) AS authorities
ORDER BY framework, area, gradeRank, grade;
