// recommendations-by-theme as the previous design answered it: joining every claim about the theme
// (or a narrower one) to its inspection, before the tallies of recommendations listed theirs. The
// tests compare the tallies' answers with it; `bench/run.py previous` times both.
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[r:ABOUT]->(:Theme)-[:BROADER*0..1]->(t:Theme)
WHERE t.id = $theme AND f.polarity = 'recommendation'
MATCH (f)-[:IN_DOCUMENT]->(d:Document)
RETURN f.id AS finding, a.name AS authority, i.startDate AS startDate, i.framework AS framework,
       f.polarity AS polarity, f.text AS quote, d.fileName AS document, f.charStart AS charStart,
       f.charEnd AS charEnd, max(r.score) AS score
// Undated rows last: LadybugDB 0.22's ORDER BY ... LIMIT ignores the keys after a null one.
ORDER BY coalesce(startDate, date('0001-01-01')) DESC, finding
LIMIT $limit
