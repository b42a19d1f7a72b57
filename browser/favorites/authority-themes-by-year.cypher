// authority-themes-by-year
// The themes of one authority's findings of one polarity, year by year: per year and theme, how many findings and inspections raise it (the heat map of the authority page, with weakness).
:param authority => 'E08000025';
:param polarity => 'weakness';
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(t:Theme)
WHERE (a.code = $authority OR a.name = $authority) AND f.polarity = $polarity
RETURN i.year AS year, t.id AS theme, t.label AS label, count(DISTINCT f.id) AS findings,
       count(DISTINCT i.id) AS inspections
ORDER BY year, theme;
