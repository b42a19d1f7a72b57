// name: authorities-like
// description: Authorities whose weaknesses look like this one's: ranked by the Jaccard similarity of the sets of themes of their weaknesses and recommendations.
// param: authority string = E08000025 : ONS code or name of the authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name)
// param: limit integer = 10 : rows at most
// columns: code, name, sharedThemes, themes, similarity
// Compared through the theme tallies kept at load time (graph/theme_tallies.py), not every claim.
MATCH (a:Authority)
WHERE a.code = $authority OR a.name = $authority
MATCH (c:ThemeTally)
WHERE c.authority = a.code AND c.polarity IN ['weakness', 'mixed', 'recommendation'] AND c.findings > 0
WITH a, collect(DISTINCT c.theme) AS mine
MATCH (d:ThemeTally)
WHERE d.authority <> a.code AND d.polarity IN ['weakness', 'mixed', 'recommendation'] AND d.findings > 0
WITH mine, d.authority AS code, collect(DISTINCT d.theme) AS theirs
WITH mine, code, theirs, size(theirs) AS themes
UNWIND theirs AS theme
WITH mine, code, themes, count(CASE WHEN theme IN mine THEN 1 END) AS sharedThemes
WHERE sharedThemes > 0
MATCH (b:Authority)
WHERE b.code = code
RETURN b.code AS code, b.name AS name, sharedThemes, themes,
       round(sharedThemes * 1.0 / (size(mine) + themes - sharedThemes), 3) AS similarity
ORDER BY similarity DESC, sharedThemes DESC, code
LIMIT $limit
