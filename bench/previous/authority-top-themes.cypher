// authority-top-themes before the theme tallies answered it: every claim of the authority of the
// polarity counted per theme.
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(t:Theme)
WHERE (a.code = $authority OR a.name = $authority) AND f.polarity = $polarity
// SKIP 0: the embedded store orders the rows a WITH passes on only with SKIP or LIMIT after ORDER BY
WITH t, i, f
ORDER BY i.year DESC, i.id DESC, f.polarityScore DESC, f.id
SKIP 0
WITH t, count(DISTINCT f.id) AS findings, count(DISTINCT i.id) AS inspections,
     min(i.year) AS firstYear, max(i.year) AS lastYear, collect(f.id) AS ids
ORDER BY findings DESC, t.id
LIMIT $limit
// Quotes are read for the samples only. '' is an id no claim has: it keeps a theme's row when
// samples is 0 (an empty UNWIND would drop it). The claim's relationships are followed from it with
// OPTIONAL MATCH, which LadybugDB does per claim instead of joining every claim's.
UNWIND ids[0..$samples] + [''] AS id
OPTIONAL MATCH (f:Finding {id: id})
OPTIONAL MATCH (f)-[:IN_DOCUMENT]->(d:Document)
OPTIONAL MATCH (i:Inspection)-[:HAS_FINDING]->(f)
WITH t, findings, inspections, firstYear, lastYear, i, f, d
ORDER BY i.year DESC, i.id DESC, f.polarityScore DESC, f.id
SKIP 0
WITH t, findings, inspections, firstYear, lastYear,
     collect(CASE WHEN f IS NULL THEN NULL ELSE
             {finding: f.id, quote: f.text, inspection: i.id, year: i.year, document: d.sha256,
              fileName: d.fileName, charStart: f.charStart, charEnd: f.charEnd} END) AS samples
RETURN t.id AS theme, t.label AS label, findings, inspections, firstYear, lastYear, samples
ORDER BY findings DESC, theme
LIMIT $limit
