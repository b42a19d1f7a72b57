// name: themes-recurring-across-authorities
// description: Which themes recur across authorities in findings of one polarity (by default weaknesses): how many authorities, inspections and findings raise each theme.
// param: polarity string = weakness : claim polarity (strength, weakness, mixed, recommendation, context)
// param: minAuthorities integer = 2 : only themes raised in at least this many authorities
// param: limit integer = 20 : rows at most
// columns: theme, label, authorities, inspections, findings
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(t:Theme)
WHERE f.polarity = $polarity
WITH t.id AS theme, t.label AS label, count(DISTINCT a) AS authorities, count(DISTINCT i) AS inspections, count(DISTINCT f) AS findings
WHERE authorities >= $minAuthorities
RETURN theme, label, authorities, inspections, findings
ORDER BY authorities DESC, findings DESC, theme
LIMIT $limit
