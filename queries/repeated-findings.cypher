// name: repeated-findings
// description: Claims that restate a weakness or recommendation of an earlier inspection or visit of the same authority, side by side: both quotes, both events, how the link was made, its similarity and the gap, and where each quote stands (inspection, document file name and SHA-256, offsets). For one authority, or across all.
// param: authority string = "" : ONS code or name of one authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name); empty for all
// param: theme string = "" : only repeats whose later claim is about this theme (id); empty for all
// param: method string = "" : only links made this way (explicit, text-similarity); empty for both
// param: minSimilarity float = 0.0 : only links at least this similar (0 to 1)
// param: limit integer = 50 : rows at most
// columns: authority, laterDate, laterFramework, laterQuote, earlierDate, earlierFramework, earlierQuote, method, similarity, gapYears, gapInspections, laterDocument, earlierDocument, later, earlier, laterInspection, earlierInspection, laterSha256, earlierSha256, laterCharStart, laterCharEnd, earlierCharStart, earlierCharEnd
// Read from the repeat tallies kept at load time (graph/repeat_tallies.py), not every link. The
// tally of the theme and method asked ('' for any) of each authority counts its links at least as
// similar as asked (the last of its similarity steps the minimum admits); the rows come from the
// authorities, in name order, before which fewer than $limit rows come; they are taken from those
// tallies' lists of links, which are in the rows' order, and only their links are read. Lists are
// read at negative positions, counted back from the end, which both stores number alike (from the
// start, one counts from 0 and the other from 1).
MATCH (s:RepeatTally)
WHERE s.theme = $theme AND s.method = $method
MATCH (a:Authority)
WHERE a.code = s.authority AND ($authority = '' OR a.code = $authority OR a.name = $authority)
UNWIND range(-size(s.stepSimilarities), -1) AS at
WITH a, s, at
WHERE s.stepSimilarities[at] >= $minSimilarity
WITH a.name AS authority, s.id AS tally, max(s.stepRepeats[at]) AS found
WITH collect(authority) AS names, collect(tally) AS tallies, collect(found) AS counts
UNWIND range(-size(names), -1) AS i
UNWIND range(-size(names), -1) AS j
WITH names[i] AS authority, tallies[i] AS tally, sum(CASE WHEN names[j] < names[i] THEN counts[j] ELSE 0 END) AS before
WHERE before < $limit
MATCH (s:RepeatTally {id: tally})
UNWIND range(-size(s.similarities), -1) AS at
WITH authority, at, s.similarities[at] AS similarity, s.laterClaims[at] AS later, s.earlierClaims[at] AS earlier
WHERE similarity >= $minSimilarity
// An aggregation (each row counts 1) so that Neo4j's sort holds these columns alone, not the lists
// the rows were read from, which it would count against the transaction's memory once per row
WITH authority, at, later, earlier, count(*) AS links
ORDER BY authority, at
LIMIT $limit
// The links are followed from the claims with OPTIONAL MATCH, which LadybugDB does per row instead
// of joining every claim's; a link no longer there (a load between the two reads) gives no row.
OPTIONAL MATCH (lf:Finding {id: later})
OPTIONAL MATCH (ef:Finding {id: earlier})
OPTIONAL MATCH (lf)-[r:REPEATS]->(ef)
OPTIONAL MATCH (li:Inspection)-[:HAS_FINDING]->(lf)
OPTIONAL MATCH (ei:Inspection)-[:HAS_FINDING]->(ef)
OPTIONAL MATCH (lf)-[:IN_DOCUMENT]->(ld:Document)
OPTIONAL MATCH (ef)-[:IN_DOCUMENT]->(ed:Document)
WITH authority, lf, ef, r, li, ei, ld, ed
WHERE r IS NOT NULL
RETURN authority, coalesce(li.startDate, li.publishedDate) AS laterDate, li.framework AS laterFramework,
       lf.text AS laterQuote, coalesce(ei.startDate, ei.publishedDate) AS earlierDate, ei.framework AS earlierFramework,
       ef.text AS earlierQuote, r.method AS method, r.similarity AS similarity, r.gapYears AS gapYears,
       r.gapInspections AS gapInspections, ld.fileName AS laterDocument, ed.fileName AS earlierDocument,
       lf.id AS later, ef.id AS earlier, li.id AS laterInspection, ei.id AS earlierInspection,
       ld.sha256 AS laterSha256, ed.sha256 AS earlierSha256, lf.charStart AS laterCharStart,
       lf.charEnd AS laterCharEnd, ef.charStart AS earlierCharStart, ef.charEnd AS earlierCharEnd
ORDER BY authority, laterDate, later, earlier
LIMIT $limit
