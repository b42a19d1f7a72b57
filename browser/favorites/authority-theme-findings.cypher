// authority-theme-findings
// What inspectors said about one theme (or a narrower one) in one authority over the years: every finding with its quote, how sure its polarity and theme are, and where it stands in the report.
:param authority => 'E08000025';
:param theme => 'supervision';
:param fromYear => 2009;
:param toYear => 2100;
:param minPolarityScore => 0.0;
:param minThemeScore => 0.0;
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
ORDER BY startDate, finding;
