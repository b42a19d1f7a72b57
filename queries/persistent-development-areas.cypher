// name: persistent-development-areas
// description: Themes raised as weaknesses (a weakness, a mixed claim or a recommendation) at two consecutive full inspections of the same authority (PREVIOUS_FULL: past any focused visit between them), with how many of the later claims on the theme are linked as repeats of the earlier inspection's.
// param: authority string = "" : ONS code or name of one authority (a name in any case through the API and ikg; the Cypher itself compares the exact code or name); empty for all
// param: limit integer = 50 : rows at most
// columns: code, authority, theme, label, earlier, later, earlierFindings, laterFindings, repeats
// Read from the persistent areas the links step keeps (graph/persistent_areas.py), not every claim.
MATCH (a:Authority)
WHERE $authority = '' OR a.code = $authority OR a.name = $authority
MATCH (p:PersistentArea)
WHERE p.authority = a.code
MATCH (t:Theme)
WHERE t.id = p.theme
MATCH (i:Inspection)
WHERE i.id = p.earlier
MATCH (j:Inspection)
WHERE j.id = p.later
RETURN a.code AS code, a.name AS authority, t.id AS theme, t.label AS label,
       i.startDate AS earlier, j.startDate AS later, p.earlierFindings AS earlierFindings,
       p.laterFindings AS laterFindings, p.repeats AS repeats
ORDER BY authority, later, theme
LIMIT $limit
