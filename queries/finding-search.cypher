// name: finding-search
// description: Claims that contain the words, found by each store's full-text index, with the quote, where it stands in which document, and the authority and date: every answer traceable to the report.
// param: text string = supervision : words to look for, as a phrase: whole words in this order, case-insensitive (empty: every claim)
// param: authority string = "" : ONS code or name of one authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name); empty for all
// param: polarity string = "" : one polarity; empty for all
// param: limit integer = 50 : rows at most
// columns: finding, authority, startDate, framework, polarity, section, paragraph, quote, document, sha256, charStart, charEnd
// search: matches
// Every claim has its document, inspection and authority. OPTIONAL MATCH makes LadybugDB follow the
// found claims' relationships instead of joining every claim's (5 ms against 5 s at 10,000 documents).
UNWIND $matches AS match
MATCH (f:Finding {id: match})
OPTIONAL MATCH (f)-[:IN_DOCUMENT]->(d:Document)
OPTIONAL MATCH (i:Inspection)-[:HAS_FINDING]->(f)
OPTIONAL MATCH (i)-[:OF_AUTHORITY]->(a:Authority)
RETURN f.id AS finding, a.name AS authority, i.startDate AS startDate, i.framework AS framework,
       f.polarity AS polarity, f.section AS section, f.paragraph AS paragraph, f.text AS quote,
       d.fileName AS document, d.sha256 AS sha256, f.charStart AS charStart, f.charEnd AS charEnd
// Undated rows last: LadybugDB 0.22's ORDER BY ... LIMIT ignores the keys after a null one.
ORDER BY coalesce(startDate, date('0001-01-01')) DESC, finding
LIMIT $limit
