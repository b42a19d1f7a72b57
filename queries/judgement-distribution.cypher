// name: judgement-distribution
// description: How grades are distributed per judgement area and framework, by the one grade vocabulary (grades.ttl: "Requires improvement" and "Requires improvement to be good" are one grade, requires-improvement).
// param: area string = "" : one judgement area (e.g. Overall effectiveness); empty for all
// columns: framework, area, grade, gradeRank, judgements, authorities
MATCH (i:Inspection)-[:HAS_JUDGEMENT]->(j:Judgement)
WHERE $area = '' OR lower(j.area) = lower($area)
MATCH (i)-[:OF_AUTHORITY]->(a:Authority)
RETURN i.framework AS framework, j.area AS area, j.gradeId AS grade, j.gradeRank AS gradeRank,
       count(j) AS judgements, count(DISTINCT a.code) AS authorities
ORDER BY framework, area, gradeRank, grade
