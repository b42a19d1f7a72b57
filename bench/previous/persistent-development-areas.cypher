// persistent-development-areas as the previous design answered it: joining every claim of every
// pair of consecutive full inspections, before the persistent areas. The tests compare the areas'
// answers with it; `bench/run.py previous` times both.
MATCH (a:Authority)<-[:OF_AUTHORITY]-(later:Inspection)-[:PREVIOUS_FULL]->(earlier:Inspection)
WHERE $authority = '' OR a.code = $authority OR lower(a.name) = lower($authority)
MATCH (earlier)-[:HAS_FINDING]->(f1:Finding)-[:ABOUT]->(t:Theme)
WHERE f1.polarity IN ['weakness', 'mixed', 'recommendation']
WITH a, earlier, later, t, count(DISTINCT f1) AS earlierFindings
MATCH (later)-[:HAS_FINDING]->(f2:Finding)-[:ABOUT]->(t)
WHERE f2.polarity IN ['weakness', 'mixed', 'recommendation']
OPTIONAL MATCH (f2)-[:REPEATS]->(f3:Finding)<-[:HAS_FINDING]-(earlier)
WITH a, earlier.startDate AS earlierDate, later.startDate AS laterDate, t, earlierFindings,
     count(DISTINCT f2) AS laterFindings,
     count(DISTINCT CASE WHEN f3 IS NULL THEN NULL ELSE f2.id END) AS repeats
RETURN a.code AS code, a.name AS authority, t.id AS theme, t.label AS label,
       earlierDate AS earlier, laterDate AS later, earlierFindings, laterFindings, repeats
ORDER BY authority, later, theme
LIMIT $limit
