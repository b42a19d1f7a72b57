// theme-co-occurrence
// Which themes are raised together in the same finding, and how often.
:param polarity => 'weakness';
:param minFindings => 2;
:param limit => 50;
// Read from the pair totals kept at load time (graph/theme_pairs.py), not every pair of every claim.
MATCH (c:PairTotal)
WHERE c.polarity = $polarity AND c.findings >= $minFindings
RETURN c.theme AS theme, c.otherTheme AS otherTheme, c.findings AS findings, c.authorities AS authorities
ORDER BY findings DESC, theme, otherTheme
LIMIT $limit;
