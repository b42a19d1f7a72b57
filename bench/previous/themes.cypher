// themes as the previous design answered it: counting every claim, before the theme tallies.
// The tests compare the tallies' answers with it; `bench/run.py previous` times both.
MATCH (t:Theme)
OPTIONAL MATCH (t)-[:BROADER]->(b:Theme)
OPTIONAL MATCH (f:Finding)-[:ABOUT]->(t)
RETURN t.id AS theme, t.label AS label, b.id AS broader, t.definition AS definition,
       count(DISTINCT f) AS findings,
       count(DISTINCT CASE WHEN f.polarity IN ['weakness', 'mixed', 'recommendation'] THEN f.id END)
         AS weaknessFindings
ORDER BY theme
