// name: authority-theme-findings
// description: What inspectors said about one theme (or a narrower one) in one authority over the years: every finding with its quote, how sure its polarity and theme are, and where it stands in the report.
// param: authority string = E08000025 : ONS code or name of the authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name)
// param: theme string = supervision : theme id (see GET /themes)
// param: fromYear integer = 2009 : first year
// param: toYear integer = 2100 : last year
// param: minPolarityScore float = 0.0 : only findings whose polarity scores at least this (at 0.8 about 0.95 of polarities are right: docs/accuracy.md)
// param: minThemeScore float = 0.0 : only findings whose theme scores at least this (at 0.7 about 0.9 of themes are right: docs/accuracy.md)
// columns: year, startDate, framework, polarity, polarityScore, themeScore, quote, finding, document, sha256, charStart, charEnd
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[about:ABOUT]->(:Theme)-[:BROADER*0..1]->(t:Theme)
WHERE (a.code = $authority OR a.name = $authority) AND t.id = $theme
  AND i.year >= $fromYear AND i.year <= $toYear
MATCH (f)-[:IN_DOCUMENT]->(d:Document)
// A finding about two narrower themes of the theme is one row, with the surer theme's score. The
// scores are compared after that, on the theme's findings: before it, Neo4j reads them for every
// finding of the authority (twice as slow at 10,000 documents).
WITH i, f, d, max(about.score) AS themeScore
WHERE themeScore >= $minThemeScore AND f.polarityScore >= $minPolarityScore
RETURN i.year AS year, i.startDate AS startDate, i.framework AS framework, f.polarity AS polarity,
       f.polarityScore AS polarityScore, themeScore, f.text AS quote, f.id AS finding,
       d.fileName AS document, d.sha256 AS sha256, f.charStart AS charStart, f.charEnd AS charEnd
ORDER BY startDate, finding
