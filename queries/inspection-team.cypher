// name: inspection-team
// description: Who inspected: the whole team of one inspection with their roles, and whether each role inspects (false for data analysts, quality assurance managers and shadow inspectors).
// param: inspection string = "" : inspection id
// columns: inspector, name, role, inspects
MATCH (p:Inspector)-[r:INSPECTED]->(i:Inspection)
WHERE i.id = $inspection
RETURN p.id AS inspector, p.name AS name, r.role AS role, r.inspects AS inspects
ORDER BY role, name
