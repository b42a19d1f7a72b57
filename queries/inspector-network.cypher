// name: inspector-network
// description: Who inspected with whom: pairs of inspectors and the inspections they shared (inspectors only, not the team members who do not inspect).
// param: minShared integer = 1 : only pairs who shared at least this many inspections
// param: limit integer = 100 : rows at most
// columns: inspector, colleague, shared, authorities
// Read from the colleague pairs kept at load time (graph/inspector_tallies.py), not every pair of
// INSPECTED relationships.
MATCH (c:ColleaguePair)
WHERE c.shared >= $minShared
RETURN c.inspectorName AS inspector, c.colleagueName AS colleague, c.shared AS shared,
       c.authorities AS authorities
ORDER BY shared DESC, inspector, colleague
LIMIT $limit
