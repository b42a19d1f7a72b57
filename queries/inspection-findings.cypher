// name: inspection-findings
// description: Every finding (claim) of one inspection with its quote, its polarity and how it was decided, and where it and its paragraph stand in which document.
// param: inspection string = "" : inspection id
// param: offset integer = 0 : rows to skip
// param: limit integer = 500 : rows at most
// columns: finding, ordinal, polarity, polarityScore, polarityMethod, priority, section, paragraph, paragraphOrdinal, paragraphStart, paragraphEnd, quote, document, fileName, charStart, charEnd, repeatOfPrevious
MATCH (i:Inspection)-[:HAS_FINDING]->(f:Finding)-[:IN_DOCUMENT]->(d:Document)
WHERE i.id = $inspection
RETURN f.id AS finding, f.ordinal AS ordinal, f.polarity AS polarity, f.polarityScore AS polarityScore,
       f.polarityMethod AS polarityMethod, f.priority AS priority, f.section AS section,
       f.paragraph AS paragraph, f.paragraphOrdinal AS paragraphOrdinal, f.paragraphStart AS paragraphStart,
       f.paragraphEnd AS paragraphEnd, f.text AS quote, d.sha256 AS document, d.fileName AS fileName,
       f.charStart AS charStart, f.charEnd AS charEnd, f.repeatOfPrevious AS repeatOfPrevious
ORDER BY fileName, ordinal
SKIP $offset
LIMIT $limit
