// authorities-told-twice as the previous design answered it: joining every REPEATS link to its
// claims, inspections and themes, before the repeat tallies. The tests compare the tallies' answers
// with it; `bench/run.py previous` times both.
MATCH (a:Authority)<-[:OF_AUTHORITY]-(li:Inspection)-[:HAS_FINDING]->(lf:Finding)-[r:REPEATS]->(:Finding)
WHERE r.similarity >= $minSimilarity
OPTIONAL MATCH (lf)-[:ABOUT]->(t:Theme)
WITH a, li, lf, r, t
ORDER BY t.id
SKIP 0
WITH a, count(DISTINCT lf) AS repeats, count(DISTINCT li) AS inspections, collect(DISTINCT t.id) AS themes,
     max(r.gapYears) AS longestGapYears, max(coalesce(li.startDate, li.publishedDate)) AS latest
RETURN a.code AS code, a.name AS authority, repeats, inspections, themes, longestGapYears, latest
ORDER BY repeats DESC, authority
LIMIT $limit
