// theme-co-occurrence
// Which themes are raised together in the same finding, and how often.
:param polarity => 'weakness';
:param minFindings => 2;
:param limit => 50;
MATCH (s:Theme)<-[:ABOUT]-(f:Finding)-[:ABOUT]->(o:Theme)
WHERE s.id < o.id AND ($polarity = '' OR f.polarity = $polarity)
MATCH (f)<-[:HAS_FINDING]-(:Inspection)-[:OF_AUTHORITY]->(a:Authority)
WITH s.id AS theme, o.id AS otherTheme, count(DISTINCT f) AS findings, count(DISTINCT a) AS authorities
WHERE findings >= $minFindings
RETURN theme, otherTheme, findings, authorities
ORDER BY findings DESC, theme, otherTheme
LIMIT $limit;
