// inspection-team
// Who inspected: the inspectors of one inspection with their roles.
:param inspection => 'E08000029-unannounced-contact-referral-assessment-2011-04-13';
MATCH (p:Inspector)-[r:INSPECTED]->(i:Inspection)
WHERE i.id = $inspection
RETURN p.id AS inspector, p.name AS name, r.role AS role
ORDER BY role, name;
