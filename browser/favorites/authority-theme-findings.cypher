// authority-theme-findings
// What inspectors said about one theme (or a narrower one) in one authority over the years: every finding with its quote and where it stands in the report.
:param authority => 'E08000025';
:param theme => 'supervision';
:param fromYear => 2009;
:param toYear => 2100;
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(:Theme)-[:BROADER*0..1]->(t:Theme)
WHERE (a.code = $authority OR a.name = $authority) AND t.id = $theme
  AND i.year >= $fromYear AND i.year <= $toYear
MATCH (f)-[:IN_DOCUMENT]->(d:Document)
RETURN DISTINCT i.year AS year, i.startDate AS startDate, i.framework AS framework, f.polarity AS polarity,
       f.text AS quote, f.id AS finding, d.fileName AS document, d.sha256 AS sha256,
       f.charStart AS charStart, f.charEnd AS charEnd
ORDER BY startDate, finding;
