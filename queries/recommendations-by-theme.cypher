// name: recommendations-by-theme
// description: The recommendations (and priority actions) made on a theme or any narrower theme, newest first (undated last), with the authority and the quote.
// param: theme string = supervision : theme id (see GET /themes)
// param: limit integer = 50 : rows at most
// columns: finding, authority, startDate, framework, polarity, quote, document, charStart, charEnd, score
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[r:ABOUT]->(:Theme)-[:BROADER*0..1]->(t:Theme)
WHERE t.id = $theme AND f.polarity = 'recommendation'
MATCH (f)-[:IN_DOCUMENT]->(d:Document)
RETURN f.id AS finding, a.name AS authority, i.startDate AS startDate, i.framework AS framework,
       f.polarity AS polarity, f.text AS quote, d.fileName AS document, f.charStart AS charStart,
       f.charEnd AS charEnd, max(r.score) AS score
// Undated rows last: LadybugDB 0.22's ORDER BY ... LIMIT ignores the keys after a null one.
ORDER BY coalesce(startDate, date('0001-01-01')) DESC, finding
LIMIT $limit
