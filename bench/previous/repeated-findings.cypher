// repeated-findings as the previous design answered it: joining every REPEATS link to its
// claims, inspections and themes, before the repeat tallies. The tests compare the tallies' answers
// with it; `bench/run.py previous` times both.
MATCH (a:Authority)<-[:OF_AUTHORITY]-(li:Inspection)-[:HAS_FINDING]->(lf:Finding)-[r:REPEATS]->(ef:Finding)<-[:HAS_FINDING]-(ei:Inspection)
WHERE ($authority = '' OR a.code = $authority OR a.name = $authority)
  AND ($method = '' OR r.method = $method) AND r.similarity >= $minSimilarity
  AND ($theme = '' OR EXISTS { MATCH (lf)-[:ABOUT]->(t:Theme) WHERE t.id = $theme })
MATCH (lf)-[:IN_DOCUMENT]->(ld:Document)
MATCH (ef)-[:IN_DOCUMENT]->(ed:Document)
RETURN a.name AS authority, coalesce(li.startDate, li.publishedDate) AS laterDate, li.framework AS laterFramework,
       lf.text AS laterQuote, coalesce(ei.startDate, ei.publishedDate) AS earlierDate, ei.framework AS earlierFramework,
       ef.text AS earlierQuote, r.method AS method, r.similarity AS similarity, r.gapYears AS gapYears,
       r.gapInspections AS gapInspections, ld.fileName AS laterDocument, ed.fileName AS earlierDocument,
       lf.id AS later, ef.id AS earlier, li.id AS laterInspection, ei.id AS earlierInspection,
       ld.sha256 AS laterSha256, ed.sha256 AS earlierSha256, lf.charStart AS laterCharStart,
       lf.charEnd AS laterCharEnd, ef.charStart AS earlierCharStart, ef.charEnd AS earlierCharEnd
ORDER BY authority, laterDate, later, earlier
LIMIT $limit
