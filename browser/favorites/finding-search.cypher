// finding-search
// Findings whose text contains the words, with the quote, where it stands in which document, and the authority and date: every answer traceable to the report.
:param text => 'supervision';
:param authority => '';
:param polarity => '';
:param limit => 50;
MATCH (a:Authority)<-[:OF_AUTHORITY]-(i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:IN_DOCUMENT]->(d:Document)
WHERE lower(f.text) CONTAINS lower($text)
  AND ($authority = '' OR a.code = $authority OR lower(a.name) = lower($authority))
  AND ($polarity = '' OR f.polarity = $polarity)
RETURN f.id AS finding, a.name AS authority, i.startDate AS startDate, i.framework AS framework,
       f.polarity AS polarity, f.section AS section, f.paragraph AS paragraph, f.text AS quote,
       d.fileName AS document, d.sha256 AS sha256, f.charStart AS charStart, f.charEnd AS charEnd
ORDER BY startDate DESC, finding
LIMIT $limit;
