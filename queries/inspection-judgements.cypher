// name: inspection-judgements
// description: The graded judgements of one inspection.
// param: inspection string = "" : inspection id
// columns: area, grade, gradeRank
MATCH (i:Inspection)-[:HAS_JUDGEMENT]->(j:Judgement)
WHERE i.id = $inspection
RETURN j.area AS area, j.grade AS grade, j.gradeRank AS gradeRank
ORDER BY area
