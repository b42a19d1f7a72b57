// themes-recurring-across-authorities
// Which themes recur across authorities in findings of one polarity (by default weaknesses): how many authorities, inspections and findings raise each theme.
:param polarity => 'weakness';
:param minAuthorities => 2;
:param limit => 20;
// Read from the theme totals kept at load time (graph/theme_tallies.py), not from every claim.
MATCH (c:ThemeTotal)
WHERE c.polarity = $polarity AND c.authorities >= $minAuthorities
MATCH (t:Theme)
WHERE t.id = c.theme
RETURN c.theme AS theme, t.label AS label, c.authorities AS authorities, c.inspections AS inspections, c.findings AS findings
ORDER BY authorities DESC, findings DESC, theme
LIMIT $limit;
