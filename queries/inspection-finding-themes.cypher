// name: inspection-finding-themes
// description: The themes of every finding of one inspection, with the score and method of each assignment.
// param: inspection string = "" : inspection id
// columns: finding, theme, score, method
MATCH (i:Inspection)-[:HAS_FINDING]->(f:Finding)-[r:ABOUT]->(t:Theme)
WHERE i.id = $inspection
RETURN f.id AS finding, t.id AS theme, r.score AS score, r.method AS method
ORDER BY finding, score DESC, theme
