// recurring-weaknesses
// Which weaknesses recur across authorities: per theme, how many authorities, inspections and claims judge it not good enough (weakness or mixed), with sample quotes, each with its authority, year, document SHA-256, file name and offsets.
:param since => 0;
:param minAuthorities => 2;
:param samples => 3;
:param limit => 20;
// Read from the recurring weaknesses kept at load time (graph/recurring_weaknesses.py), not every
// claim: one row per theme and first year, of which the first year at or after $since answers.
MATCH (r:RecurringWeakness)
WHERE r.since >= $since
WITH r.theme AS theme, min(r.since) AS since
MATCH (r:RecurringWeakness)
WHERE r.theme = theme AND r.since = since AND r.authorities >= $minAuthorities
WITH r
ORDER BY r.authorities DESC, r.findings DESC, r.theme
LIMIT $limit
MATCH (t:Theme)
WHERE t.id = r.theme
MATCH (r)-[:SAMPLE]->(f:Finding)-[:IN_DOCUMENT]->(d:Document)
MATCH (i:Inspection)-[:HAS_FINDING]->(f)
MATCH (i)-[:OF_AUTHORITY]->(a:Authority)
// SKIP 0: the embedded store orders the rows a WITH passes on only with SKIP or LIMIT after ORDER BY
WITH r, t, f, d, i, a
ORDER BY f.polarityScore DESC, f.id
SKIP 0
WITH r.theme AS theme, t.label AS label, r.authorities AS authorities, r.inspections AS inspections,
     r.findings AS findings,
     collect({finding: f.id, quote: f.text, authority: a.name, year: i.year, document: d.sha256,
              fileName: d.fileName, charStart: f.charStart, charEnd: f.charEnd}) AS quotes
RETURN theme, label, authorities, inspections, findings, quotes[0..$samples] AS samples
ORDER BY authorities DESC, findings DESC, theme;
