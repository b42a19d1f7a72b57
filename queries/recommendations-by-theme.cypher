// name: recommendations-by-theme
// description: The recommendations (and priority actions) made on a theme or any narrower theme, newest first (undated last), with the authority and the quote.
// param: theme string = supervision : theme id (see GET /themes)
// param: limit integer = 50 : rows at most
// columns: finding, authority, startDate, framework, polarity, quote, document, charStart, charEnd, score
// Chosen from the theme tallies kept at load time (graph/theme_tallies.py): a tally of
// recommendations lists its claims with their inspections' start dates (0001-01-01 where none is
// known, so that undated rows come last and no sort key is null: LadybugDB 0.22's ORDER BY ... LIMIT
// ignores the keys after a null one). The newest $limit are taken from those lists, read at negative
// positions, counted back from the end, which both stores number alike, and only those claims are
// followed, by key, instead of joining every claim about the theme.
MATCH (y:ThemeTally)
WHERE y.theme = $theme AND y.polarity = 'recommendation' AND y.findingsWithNarrower > 0
UNWIND range(-size(y.recommendations), -1) AS at
WITH y.recommendations[at] AS id, y.recommendationDates[at] AS dated
ORDER BY dated DESC, id
LIMIT $limit
// MATCH, not OPTIONAL MATCH, for the claim itself: LadybugDB then follows the claims' relationships
// from these rows, where it would join every claim's to them (60 ms against 740 ms at 10,000
// documents). A claim no longer there (a load between the tallies and this read) gives no row.
MATCH (f:Finding {id: id})
OPTIONAL MATCH (i:Inspection)-[:HAS_FINDING]->(f)
OPTIONAL MATCH (i)-[:OF_AUTHORITY]->(a:Authority)
OPTIONAL MATCH (f)-[:IN_DOCUMENT]->(d:Document)
OPTIONAL MATCH (f)-[r:ABOUT]->(:Theme)-[:BROADER*0..1]->(t:Theme {id: $theme})
WITH f, i, a, d, max(r.score) AS score
RETURN f.id AS finding, a.name AS authority, i.startDate AS startDate, i.framework AS framework,
       f.polarity AS polarity, f.text AS quote, d.fileName AS document, f.charStart AS charStart,
       f.charEnd AS charEnd, score
ORDER BY coalesce(startDate, date('0001-01-01')) DESC, finding
LIMIT $limit
