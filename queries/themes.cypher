// name: themes
// description: The theme taxonomy: each theme with its broader theme and how many findings are about it, by polarity of interest.
// columns: theme, label, broader, definition, findings, weaknessFindings
MATCH (t:Theme)
OPTIONAL MATCH (t)-[:BROADER]->(b:Theme)
OPTIONAL MATCH (f:Finding)-[:ABOUT]->(t)
RETURN t.id AS theme, t.label AS label, b.id AS broader, t.definition AS definition,
       count(DISTINCT f) AS findings,
       count(DISTINCT CASE WHEN f.polarity IN ['weakness', 'mixed', 'recommendation'] THEN f.id END) AS weaknessFindings
ORDER BY theme
