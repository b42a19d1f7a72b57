// recommendations-by-theme before the theme tallies answered it: every recommendation on the theme
// joined and sorted (with the year the canned query now sorts by first).
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[r:ABOUT]->(:Theme)-[:BROADER*0..1]->(t:Theme)
WHERE t.id = $theme AND f.polarity = 'recommendation'
MATCH (f)-[:IN_DOCUMENT]->(d:Document)
RETURN f.id AS finding, a.name AS authority, i.year AS year, i.startDate AS startDate,
       i.framework AS framework, f.polarity AS polarity, f.text AS quote, d.fileName AS document,
       f.charStart AS charStart, f.charEnd AS charEnd, max(r.score) AS score
ORDER BY year DESC, startDate DESC, finding
LIMIT $limit
