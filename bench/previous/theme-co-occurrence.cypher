// theme-co-occurrence as the previous design answered it: every pair of ABOUT relationships of every
// claim, before the pair totals. The tests compare the totals' answers with it; `bench/run.py previous` times both.
MATCH (s:Theme)<-[:ABOUT]-(f:Finding)-[:ABOUT]->(o:Theme)
WHERE s.id < o.id AND ($polarity = '' OR f.polarity = $polarity)
MATCH (f)<-[:HAS_FINDING]-(:Inspection)-[:OF_AUTHORITY]->(a:Authority)
WITH s.id AS theme, o.id AS otherTheme, count(DISTINCT f) AS findings, count(DISTINCT a) AS authorities
WHERE findings >= $minFindings
RETURN theme, otherTheme, findings, authorities
ORDER BY findings DESC, theme, otherTheme
LIMIT $limit
