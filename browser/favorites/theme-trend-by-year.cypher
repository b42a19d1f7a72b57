// theme-trend-by-year
// How often a theme (or any narrower theme) is raised, year by year: inspections and authorities with at least one finding of the polarity on it, and the share of that year's inspections.
:param theme => 'supervision';
:param polarity => 'weakness';
MATCH (y:Inspection)
WITH y.year AS year, count(y) AS inspectionsThatYear
// Counted from the theme tallies kept at load time (graph/theme_tallies.py), not from every claim.
MATCH (c:ThemeTally)
WHERE c.theme = $theme AND c.polarity = $polarity AND c.year = year AND c.findingsWithNarrower > 0
RETURN year, sum(c.inspectionsWithNarrower) AS inspections, count(DISTINCT c.authority) AS authorities,
       sum(c.findingsWithNarrower) AS findings, inspectionsThatYear
ORDER BY year;
