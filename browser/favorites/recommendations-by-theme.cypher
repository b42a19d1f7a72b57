// recommendations-by-theme
// The recommendations (and priority actions) made on a theme or any narrower theme, newest first, with the authority and the quote.
:param theme => 'supervision';
:param limit => 50;
// Newest first is by the inspection's year, then its start date (an inspection known only by its
// publication date has a year and no start date). The theme tallies kept at load time
// (graph/theme_tallies.py) say how many recommendations on the theme or a narrower one each
// authority had in each year, so only the newest years that hold $limit of them are read, and in
// them only the inspections of authorities that had one: LadybugDB joined every claim of the theme
// before sorting. The years' running counts come from a cross join of a few dozen sums, whose lists
// are read at negative positions, counted back from the end, which both stores number alike. The
// claims are followed from each inspection with OPTIONAL MATCH, which LadybugDB does per row.
MATCH (y:ThemeTally)
WHERE y.theme = $theme AND y.polarity = 'recommendation' AND y.findingsWithNarrower > 0
WITH y.year AS year, sum(y.findingsWithNarrower) AS claims, collect(y.authority) AS codes
WITH collect(year) AS years, collect(claims) AS counts, collect(codes) AS codeLists
UNWIND range(-size(years), -1) AS k
UNWIND range(-size(years), -1) AS j
WITH years[k] AS year, codeLists[k] AS codes,
     sum(CASE WHEN years[j] > years[k] THEN counts[j] ELSE 0 END) AS newer
WHERE newer < $limit
UNWIND codes AS code
MATCH (a:Authority {code: code})<-[:OF_AUTHORITY]-(i:Inspection)
WHERE i.year = year
OPTIONAL MATCH (i)-[:HAS_FINDING]->(f:Finding)-[r:ABOUT]->(:Theme)-[:BROADER*0..1]->(:Theme {id: $theme})
WHERE f.polarity = 'recommendation'
WITH a, i, f, count(r) AS about, max(r.score) AS score
WHERE about > 0
OPTIONAL MATCH (f)-[:IN_DOCUMENT]->(d:Document)
RETURN f.id AS finding, a.name AS authority, i.year AS year, i.startDate AS startDate,
       i.framework AS framework, f.polarity AS polarity, f.text AS quote, d.fileName AS document,
       f.charStart AS charStart, f.charEnd AS charEnd, score
ORDER BY year DESC, startDate DESC, finding
LIMIT $limit;
