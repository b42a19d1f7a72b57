// recurring-weaknesses as the previous design answered it: every weakness and mixed claim about a
// theme, before the recurring weaknesses kept at load time. The tests compare the kept answers with
// it; `bench/run.py previous` times both.
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(t:Theme)
WHERE f.polarity IN ['weakness', 'mixed'] AND i.year >= $since
MATCH (f)-[:IN_DOCUMENT]->(d:Document)
// SKIP 0: the embedded store orders the rows a WITH passes on only with SKIP or LIMIT after ORDER BY
WITH t, a, i, f, d
ORDER BY f.polarityScore DESC, f.id
SKIP 0
WITH t.id AS theme, t.label AS label, count(DISTINCT a.code) AS authorities, count(DISTINCT i.id) AS inspections,
     count(DISTINCT f.id) AS findings,
     collect({finding: f.id, quote: f.text, authority: a.name, year: i.year, document: d.sha256,
              fileName: d.fileName, charStart: f.charStart, charEnd: f.charEnd}) AS quotes
WHERE authorities >= $minAuthorities
RETURN theme, label, authorities, inspections, findings, quotes[0..$samples] AS samples
ORDER BY authorities DESC, findings DESC, theme
LIMIT $limit
