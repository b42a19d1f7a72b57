// name: theme-co-occurrence
// description: Which themes are raised together in the same finding, and how often.
// param: polarity string = weakness : finding polarity; empty for all
// param: minFindings integer = 2 : only pairs seen in at least this many findings
// param: limit integer = 50 : rows at most
// columns: theme, otherTheme, findings, authorities
MATCH (s:Theme)<-[:ABOUT]-(f:Finding)-[:ABOUT]->(o:Theme)
WHERE s.id < o.id AND ($polarity = '' OR f.polarity = $polarity)
MATCH (f)<-[:HAS_FINDING]-(:Inspection)-[:OF_AUTHORITY]->(a:Authority)
WITH s.id AS theme, o.id AS otherTheme, count(DISTINCT f) AS findings, count(DISTINCT a) AS authorities
WHERE findings >= $minFindings
RETURN theme, otherTheme, findings, authorities
ORDER BY findings DESC, theme, otherTheme
LIMIT $limit
