// authorities-like as the previous design answered it: counting every claim, before the theme tallies.
// The tests compare the tallies' answers with it; `bench/run.py previous` times both.
MATCH (a:Authority)<-[:OF_AUTHORITY]-(:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(t:Theme)
WHERE (a.code = $authority OR lower(a.name) = lower($authority))
  AND f.polarity IN ['weakness', 'mixed', 'recommendation']
WITH a, collect(DISTINCT t.id) AS mine
MATCH (b:Authority)<-[:OF_AUTHORITY]-(:Inspection)-[:HAS_FINDING]->(g:Finding)-[:ABOUT]->(u:Theme)
WHERE b.code <> a.code AND g.polarity IN ['weakness', 'mixed', 'recommendation']
WITH mine, b, collect(DISTINCT u.id) AS theirs
WITH mine, b, theirs, size(theirs) AS themes
UNWIND theirs AS theme
WITH mine, b, themes, count(CASE WHEN theme IN mine THEN 1 END) AS sharedThemes
WHERE sharedThemes > 0
RETURN b.code AS code, b.name AS name, sharedThemes, themes,
       round(sharedThemes * 1.0 / (size(mine) + themes - sharedThemes), 3) AS similarity
ORDER BY similarity DESC, sharedThemes DESC, code
LIMIT $limit
