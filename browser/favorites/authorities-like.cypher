// authorities-like
// Authorities whose weaknesses look like this one's: ranked by the Jaccard similarity of the sets of themes of their weaknesses and recommendations.
:param authority => 'E08000025';
:param limit => 10;
// Compared through each authority's development themes kept at load time (graph/theme_tallies.py):
// one list per authority, not every claim or tally.
MATCH (a:Authority)
WHERE a.code = $authority OR a.name = $authority
MATCH (m:DevelopmentThemes)
WHERE m.authority = a.code
MATCH (d:DevelopmentThemes)
WHERE d.authority <> a.code
UNWIND d.themes AS theme
WITH m, d, count(CASE WHEN theme IN m.themes THEN 1 END) AS sharedThemes
WHERE sharedThemes > 0
MATCH (b:Authority)
WHERE b.code = d.authority
RETURN b.code AS code, b.name AS name, sharedThemes, size(d.themes) AS themes,
       round(sharedThemes * 1.0 / (size(m.themes) + size(d.themes) - sharedThemes), 3) AS similarity
ORDER BY similarity DESC, sharedThemes DESC, code
LIMIT $limit;
