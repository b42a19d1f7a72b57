// inspection-team
// Who inspected: the whole team of one inspection with their roles, and whether each role inspects (false for data analysts, quality assurance managers and shadow inspectors).
:param inspection => 'E08000029-unannounced-contact-referral-assessment-2011-04-13';
MATCH (p:Inspector)-[r:INSPECTED]->(i:Inspection)
WHERE i.id = $inspection
RETURN p.id AS inspector, p.name AS name, r.role AS role, r.inspects AS inspects
ORDER BY role, name;
