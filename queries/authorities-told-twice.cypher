// name: authorities-told-twice
// description: Authorities ranked by how many of their claims restate an earlier inspection's or visit's weakness or recommendation: the repeats, the themes they are about, and the longest gap; read the pairs with repeated-findings.
// param: minSimilarity float = 0.0 : only links at least this similar (0 to 1)
// param: limit integer = 50 : rows at most
// columns: code, authority, repeats, inspections, themes, longestGapYears, latest
MATCH (a:Authority)<-[:OF_AUTHORITY]-(li:Inspection)-[:HAS_FINDING]->(lf:Finding)-[r:REPEATS]->(:Finding)
WHERE r.similarity >= $minSimilarity
OPTIONAL MATCH (lf)-[:ABOUT]->(t:Theme)
// SKIP 0: the embedded store orders the rows a WITH passes on only with SKIP or LIMIT after ORDER BY;
// ordered, both stores collect the themes in the same order
WITH a, li, lf, r, t
ORDER BY t.id
SKIP 0
WITH a, count(DISTINCT lf) AS repeats, count(DISTINCT li) AS inspections, collect(DISTINCT t.id) AS themes,
     max(r.gapYears) AS longestGapYears, max(coalesce(li.startDate, li.publishedDate)) AS latest
RETURN a.code AS code, a.name AS authority, repeats, inspections, themes, longestGapYears, latest
ORDER BY repeats DESC, authority
LIMIT $limit
