// name: authority-themes-by-year
// description: The themes of one authority's findings of one polarity, year by year: per year and theme, how many findings and inspections raise it (the heat map of the authority page, with weakness).
// param: authority string = E08000025 : ONS code or name of the authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name)
// param: polarity string = weakness : finding polarity
// columns: year, theme, label, findings, inspections
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(t:Theme)
WHERE (a.code = $authority OR a.name = $authority) AND f.polarity = $polarity
RETURN i.year AS year, t.id AS theme, t.label AS label, count(DISTINCT f.id) AS findings,
       count(DISTINCT i.id) AS inspections
ORDER BY year, theme
