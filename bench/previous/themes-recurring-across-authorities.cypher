// themes-recurring-across-authorities as the previous design answered it: counting every claim, before the theme tallies.
// The tests compare the tallies' answers with it; `bench/run.py previous` times both.
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(t:Theme)
WHERE f.polarity = $polarity
WITH t.id AS theme, t.label AS label, count(DISTINCT a) AS authorities,
     count(DISTINCT i) AS inspections, count(DISTINCT f) AS findings
WHERE authorities >= $minAuthorities
RETURN theme, label, authorities, inspections, findings
ORDER BY authorities DESC, findings DESC, theme
LIMIT $limit
