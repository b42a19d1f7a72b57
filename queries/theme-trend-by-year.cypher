// name: theme-trend-by-year
// description: How often a theme (or any narrower theme) is raised, year by year: inspections and authorities with at least one finding of the polarity on it, and the share of that year's inspections.
// param: theme string = supervision : theme id (see GET /themes)
// param: polarity string = weakness : finding polarity
// columns: year, inspections, authorities, findings, inspectionsThatYear
// Counted from the theme tallies kept at load time (graph/theme_tallies.py), not from every claim;
// the tallies are read once and grouped by year before the year's inspections are counted.
MATCH (c:ThemeTally)
WHERE c.theme = $theme AND c.polarity = $polarity AND c.findingsWithNarrower > 0
WITH c.year AS year, sum(c.inspectionsWithNarrower) AS inspections, count(DISTINCT c.authority) AS authorities,
     sum(c.findingsWithNarrower) AS findings
MATCH (y:Inspection)
WHERE y.year = year
RETURN year, inspections, authorities, findings, count(y) AS inspectionsThatYear
ORDER BY year
