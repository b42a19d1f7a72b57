// name: authority-top-themes
// description: An authority's themes ranked by how many of its findings of one polarity are about them (with strength: its strongest areas), with sample quotes, the latest inspection's first, each with its inspection, year, document SHA-256, file name and offsets.
// param: authority string = E08000025 : ONS code or name of the authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name)
// param: polarity string = strength : finding polarity
// param: samples integer to 10 = 3 : sample quotes per theme: the latest inspection's first, the classifier's surest first within it (every quote of a theme: authority-theme-findings)
// param: limit integer = 10 : rows at most
// columns: theme, label, findings, inspections, firstYear, lastYear, samples
// Ranked from the theme tallies kept at load time (graph/theme_tallies.py: per authority, theme,
// polarity and year, each claim and inspection in one year), not from every claim of the authority.
// The samples are read only in the newest years of each ranked theme that hold $samples of its claims
// (a cross join of its few years' counts, whose lists are read at negative positions, counted back
// from the end, which both stores number alike), and followed with OPTIONAL MATCH, which LadybugDB
// does per row.
MATCH (a:Authority)
WHERE a.code = $authority OR a.name = $authority
MATCH (y:ThemeTally)
WHERE y.authority = a.code AND y.polarity = $polarity AND y.findings > 0
WITH a, y.theme AS theme, sum(y.findings) AS findings, sum(y.inspections) AS inspections,
     min(y.year) AS firstYear, max(y.year) AS lastYear, collect(y.year) AS years,
     collect(y.findings) AS counts
ORDER BY findings DESC, theme
LIMIT $limit
UNWIND range(-size(years), -1) AS k
UNWIND range(-size(years), -1) AS j
WITH a, theme, findings, inspections, firstYear, lastYear, years[k] AS year,
     sum(CASE WHEN years[j] > years[k] THEN counts[j] ELSE 0 END) AS newer
OPTIONAL MATCH (a)<-[:OF_AUTHORITY]-(i:Inspection)
WHERE newer < $samples AND i.year = year
OPTIONAL MATCH (i)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(:Theme {id: theme})
WHERE f.polarity = $polarity
OPTIONAL MATCH (f)-[:IN_DOCUMENT]->(d:Document)
// SKIP 0: the embedded store orders the rows a WITH passes on only with SKIP or LIMIT after ORDER BY
WITH theme, findings, inspections, firstYear, lastYear, i, f, d
ORDER BY i.year DESC, i.id DESC, f.polarityScore DESC, f.id
SKIP 0
WITH theme, findings, inspections, firstYear, lastYear,
     collect(CASE WHEN f IS NULL THEN NULL ELSE
             {finding: f.id, quote: f.text, inspection: i.id, year: i.year, document: d.sha256,
              fileName: d.fileName, charStart: f.charStart, charEnd: f.charEnd} END) AS samples
MATCH (t:Theme {id: theme})
RETURN t.id AS theme, t.label AS label, findings, inspections, firstYear, lastYear,
       samples[0..$samples] AS samples
ORDER BY findings DESC, theme
LIMIT $limit
