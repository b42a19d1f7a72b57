// name: persistent-development-areas
// description: Themes raised as weaknesses (a weakness, a mixed claim or a recommendation) at two consecutive full inspections of the same authority (PREVIOUS_FULL: past any focused visit between them), with how many of the later claims on the theme are linked as repeats of the earlier inspection's.
// param: authority string = "" : ONS code or name of one authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name); empty for all
// param: limit integer = 50 : rows at most
// columns: code, authority, theme, label, earlier, later, earlierFindings, laterFindings, repeats
// Read from the persistent areas the links step keeps (graph/persistent_areas.py), not every claim.
// The rows come from the authorities, in name order, before which fewer than $limit areas come
// (counted per authority, which Neo4j reads from its authority index given IS NOT NULL, then a cross
// join of about 160 counts), so only their areas are joined to their inspections and themes:
// LadybugDB joined all 167,280 at 10,000 documents before sorting. The lists of the cross join are
// read at negative positions, counted back from the end, which both stores number alike. The details
// are looked up with OPTIONAL MATCH, which LadybugDB does per row.
MATCH (p:PersistentArea)
WHERE p.authority IS NOT NULL
WITH p.authority AS code, count(*) AS found
MATCH (a:Authority)
WHERE a.code = code AND ($authority = '' OR a.code = $authority OR a.name = $authority)
WITH collect(a.name) AS names, collect(code) AS codes, collect(found) AS counts
UNWIND range(-size(names), -1) AS i
UNWIND range(-size(names), -1) AS j
WITH names[i] AS name, codes[i] AS code, sum(CASE WHEN names[j] < names[i] THEN counts[j] ELSE 0 END) AS before
WHERE before < $limit
MATCH (p:PersistentArea)
WHERE p.authority = code
OPTIONAL MATCH (a:Authority {code: code})
OPTIONAL MATCH (t:Theme {id: p.theme})
OPTIONAL MATCH (i:Inspection {id: p.earlier})
OPTIONAL MATCH (j:Inspection {id: p.later})
RETURN a.code AS code, a.name AS authority, t.id AS theme, t.label AS label,
       i.startDate AS earlier, j.startDate AS later, p.earlierFindings AS earlierFindings,
       p.laterFindings AS laterFindings, p.repeats AS repeats
ORDER BY authority, later, theme
LIMIT $limit
