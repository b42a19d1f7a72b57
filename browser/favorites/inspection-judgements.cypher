// inspection-judgements
// The graded judgements of one inspection.
:param inspection => 'E08000029-unannounced-contact-referral-assessment-2011-04-13';
MATCH (i:Inspection)-[:HAS_JUDGEMENT]->(j:Judgement)
WHERE i.id = $inspection
RETURN j.area AS area, j.grade AS grade, j.gradeRank AS gradeRank
ORDER BY area;
