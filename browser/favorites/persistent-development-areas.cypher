// persistent-development-areas
// Themes raised as weaknesses (a weakness, a mixed claim or a recommendation) at two consecutive inspections of the same authority: the authorities that were told the same thing twice.
:param authority => '';
:param limit => 50;
MATCH (a:Authority)<-[:OF_AUTHORITY]-(later:Inspection)-[:PREVIOUS]->(earlier:Inspection)
WHERE $authority = '' OR a.code = $authority OR lower(a.name) = lower($authority)
MATCH (earlier)-[:HAS_FINDING]->(f1:Finding)-[:ABOUT]->(t:Theme)
WHERE f1.polarity IN ['weakness', 'mixed', 'recommendation']
// Counted per theme before the later inspection's findings are joined: joining both sides through the
// theme at once meets every finding on that theme in the graph.
WITH a, earlier, later, t, count(DISTINCT f1) AS earlierFindings
MATCH (later)-[:HAS_FINDING]->(f2:Finding)-[:ABOUT]->(t)
WHERE f2.polarity IN ['weakness', 'mixed', 'recommendation']
RETURN a.code AS code, a.name AS authority, t.id AS theme, t.label AS label,
       earlier.startDate AS earlier, later.startDate AS later,
       earlierFindings, count(DISTINCT f2) AS laterFindings
ORDER BY authority, later, theme
LIMIT $limit;
