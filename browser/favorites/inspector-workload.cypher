// inspector-workload
// Each inspector's inspections: how many, as lead, in how many authorities, over which years. Inspectors only: team members who do not inspect (data analysts, quality assurance managers, shadow inspectors) are left out; inspection-team lists them.
:param limit => 100;
// Read from the inspector tallies kept at load time (graph/inspector_tallies.py), not every
// INSPECTED relationship.
MATCH (t:InspectorTally)
RETURN t.id AS inspector, t.inspectorName AS name, t.inspections AS inspections, t.asLead AS asLead,
       t.authorities AS authorities, t.firstYear AS firstYear, t.lastYear AS lastYear
ORDER BY inspections DESC, inspector
LIMIT $limit;
