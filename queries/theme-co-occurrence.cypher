// name: theme-co-occurrence
// description: Which themes are raised together in the same finding, and how often.
// param: polarity string = weakness : finding polarity; empty for all
// param: minFindings integer = 2 : only pairs seen in at least this many findings
// param: limit integer = 50 : rows at most
// columns: theme, otherTheme, findings, authorities
// Read from the pair totals kept at load time (graph/theme_pairs.py), not every pair of every claim.
MATCH (c:PairTotal)
WHERE c.polarity = $polarity AND c.findings >= $minFindings
RETURN c.theme AS theme, c.otherTheme AS otherTheme, c.findings AS findings, c.authorities AS authorities
ORDER BY findings DESC, theme, otherTheme
LIMIT $limit
