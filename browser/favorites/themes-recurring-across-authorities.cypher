// themes-recurring-across-authorities
// Which themes recur across authorities in findings of one polarity (by default weaknesses): how many authorities, inspections and findings raise each theme.
:param polarity => 'weakness';
:param minAuthorities => 2;
:param limit => 20;
// Counted from the theme tallies kept at load time (graph/theme_tallies.py), not from every claim.
MATCH (c:ThemeTally)
WHERE c.polarity = $polarity AND c.findings > 0
WITH c.theme AS theme, count(DISTINCT c.authority) AS authorities, sum(c.inspections) AS inspections, sum(c.findings) AS findings
WHERE authorities >= $minAuthorities
MATCH (t:Theme)
WHERE t.id = theme
RETURN theme, t.label AS label, authorities, inspections, findings
ORDER BY authorities DESC, findings DESC, theme
LIMIT $limit;
