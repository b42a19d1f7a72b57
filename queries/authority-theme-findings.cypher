// name: authority-theme-findings
// description: What inspectors said about one theme (or a narrower one) in one authority over the years: every finding with its quote and where it stands in the report.
// param: authority string = E08000025 : ONS code or name of the authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name)
// param: theme string = supervision : theme id (see GET /themes)
// param: fromYear integer = 2009 : first year
// param: toYear integer = 2100 : last year
// columns: year, startDate, framework, polarity, quote, finding, document, sha256, charStart, charEnd
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(:Theme)-[:BROADER*0..1]->(t:Theme)
WHERE (a.code = $authority OR a.name = $authority) AND t.id = $theme
  AND i.year >= $fromYear AND i.year <= $toYear
MATCH (f)-[:IN_DOCUMENT]->(d:Document)
RETURN DISTINCT i.year AS year, i.startDate AS startDate, i.framework AS framework, f.polarity AS polarity,
       f.text AS quote, f.id AS finding, d.fileName AS document, d.sha256 AS sha256,
       f.charStart AS charStart, f.charEnd AS charEnd
ORDER BY startDate, finding
