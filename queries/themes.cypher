// name: themes
// description: The theme taxonomy: each theme with its broader theme and how many findings are about it, by polarity of interest.
// columns: theme, label, broader, definition, findings, weaknessFindings
// Counted from the theme totals kept at load time (graph/theme_tallies.py), not from every claim.
MATCH (t:Theme)
OPTIONAL MATCH (t)-[:BROADER]->(b:Theme)
OPTIONAL MATCH (c:ThemeTotal)
WHERE c.theme = t.id
RETURN t.id AS theme, t.label AS label, b.id AS broader, t.definition AS definition,
       coalesce(sum(c.findings), 0) AS findings,
       coalesce(sum(CASE WHEN c.polarity IN ['weakness', 'mixed', 'recommendation'] THEN c.findings ELSE 0 END), 0) AS weaknessFindings
ORDER BY theme
