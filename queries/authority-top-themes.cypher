// name: authority-top-themes
// description: An authority's themes ranked by how many of its findings of one polarity are about them (with strength: its strongest areas), with sample quotes, the latest inspection's first, each with its inspection, year, document SHA-256, file name and offsets.
// param: authority string = E08000025 : ONS code or name of the authority
// param: polarity string = strength : finding polarity
// param: samples integer = 3 : sample quotes per theme: the latest inspection's first, the classifier's surest first within it
// param: limit integer = 10 : rows at most
// columns: theme, label, findings, inspections, firstYear, lastYear, samples
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(t:Theme)
WHERE (a.code = $authority OR lower(a.name) = lower($authority)) AND f.polarity = $polarity
MATCH (f)-[:IN_DOCUMENT]->(d:Document)
// SKIP 0: the embedded store orders the rows a WITH passes on only with SKIP or LIMIT after ORDER BY
WITH t, i, f, d
ORDER BY i.year DESC, i.id DESC, f.polarityScore DESC, f.id
SKIP 0
WITH t.id AS theme, t.label AS label, count(DISTINCT f.id) AS findings, count(DISTINCT i.id) AS inspections,
     min(i.year) AS firstYear, max(i.year) AS lastYear,
     collect({finding: f.id, quote: f.text, inspection: i.id, year: i.year, document: d.sha256,
              fileName: d.fileName, charStart: f.charStart, charEnd: f.charEnd}) AS quotes
RETURN theme, label, findings, inspections, firstYear, lastYear, quotes[0..$samples] AS samples
ORDER BY findings DESC, theme
LIMIT $limit
