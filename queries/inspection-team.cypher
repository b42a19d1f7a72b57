// name: inspection-team
// description: Who inspected: the inspectors of one inspection with their roles.
// param: inspection string = "" : inspection id
// columns: inspector, name, role
MATCH (p:Inspector)-[r:INSPECTED]->(i:Inspection)
WHERE i.id = $inspection
RETURN p.id AS inspector, p.name AS name, r.role AS role
ORDER BY role, name
