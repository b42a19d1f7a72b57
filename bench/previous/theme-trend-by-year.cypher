// theme-trend-by-year as the previous design answered it: counting every claim, before the theme tallies.
// The tests compare the tallies' answers with it; `bench/run.py previous` times both.
MATCH (y:Inspection)
WITH y.year AS year, count(y) AS inspectionsThatYear
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:ABOUT]->(:Theme)
      -[:BROADER*0..1]->(t:Theme)
WHERE t.id = $theme AND f.polarity = $polarity AND i.year = year
RETURN year, count(DISTINCT i) AS inspections, count(DISTINCT a) AS authorities,
       count(DISTINCT f) AS findings, inspectionsThatYear
ORDER BY year
