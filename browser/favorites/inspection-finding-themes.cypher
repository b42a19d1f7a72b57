// inspection-finding-themes
// The themes of every finding of one inspection, with the score and method of each assignment.
:param inspection => 'E08000029-unannounced-contact-referral-assessment-2011-04-13';
MATCH (i:Inspection)-[:HAS_FINDING]->(f:Finding)-[r:ABOUT]->(t:Theme)
WHERE i.id = $inspection
RETURN f.id AS finding, t.id AS theme, r.score AS score, r.method AS method
ORDER BY finding, score DESC, theme;
