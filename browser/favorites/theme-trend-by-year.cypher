// theme-trend-by-year
// How often a theme (or any narrower theme) is raised, year by year: inspections and authorities with at least one finding of the polarity on it, and the share of that year's inspections.
:param theme => 'supervision';
:param polarity => 'weakness';
MATCH (y:Inspection)
WITH y.year AS year, count(y) AS inspectionsThatYear
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(:Theme)-[:BROADER*0..1]->(t:Theme)
WHERE t.id = $theme AND f.polarity = $polarity AND i.year = year
RETURN year, count(DISTINCT i) AS inspections, count(DISTINCT a) AS authorities, count(DISTINCT f) AS findings, inspectionsThatYear
ORDER BY year;
