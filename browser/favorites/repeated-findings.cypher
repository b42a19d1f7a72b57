// repeated-findings
// Findings that restate a finding of the authority's earlier inspection (explicit wording or close text), side by side.
:param authority => '';
:param limit => 50;
MATCH (a:Authority)<-[:OF_AUTHORITY]-(li:Inspection)-[:HAS_FINDING]->(lf:Finding)-[r:REPEATS]->(ef:Finding)<-[:HAS_FINDING]-(ei:Inspection)
WHERE $authority = '' OR a.code = $authority OR lower(a.name) = lower($authority)
RETURN a.name AS authority, li.startDate AS laterDate, lf.text AS laterQuote, ei.startDate AS earlierDate,
       ef.text AS earlierQuote, r.method AS method, r.similarity AS similarity, lf.id AS later, ef.id AS earlier
ORDER BY authority, laterDate, later, earlier
LIMIT $limit;
