// name: authorities-told-twice
// description: Authorities ranked by how many of their claims restate an earlier inspection's or visit's weakness or recommendation: the repeats, the themes they are about, and the longest gap; read the pairs with repeated-findings.
// param: minSimilarity float = 0.0 : only links at least this similar (0 to 1)
// param: limit integer = 50 : rows at most
// columns: code, authority, repeats, inspections, themes, longestGapYears, latest
// Read from the repeat tallies kept at load time (graph/repeat_tallies.py), not every link: per
// authority, the tally of all its links lists each similarity its links have, highest first, with
// what the links at least that similar add up to; the last entry the minimum admits holds the most.
// Lists are read at negative positions, counted back from the end, which both stores number alike
// (from the start, one counts from 0 and the other from 1).
MATCH (s:RepeatTally)
WHERE s.theme = '' AND s.method = ''
UNWIND range(-size(s.stepSimilarities), -1) AS at
WITH s, at
WHERE s.stepSimilarities[at] >= $minSimilarity
WITH s, max(s.stepRepeats[at]) AS repeats, max(s.stepEvents[at]) AS inspections,
     max(s.stepGaps[at]) AS longestGapYears, max(s.stepLatest[at]) AS latest
// The themes: those whose tally (of the links from claims about it) has a link similar enough
OPTIONAL MATCH (t:RepeatTally)
WHERE t.authority = s.authority AND t.method = '' AND t.theme <> '' AND t.highest >= $minSimilarity
// SKIP 0: the embedded store orders the rows a WITH passes on only with SKIP or LIMIT after ORDER BY
WITH s, repeats, inspections, longestGapYears, latest, t
ORDER BY t.theme
SKIP 0
WITH s, repeats, inspections, longestGapYears, latest, collect(t.theme) AS themes
MATCH (a:Authority)
WHERE a.code = s.authority
RETURN a.code AS code, a.name AS authority, repeats, inspections, themes, longestGapYears, latest
ORDER BY repeats DESC, authority
LIMIT $limit
