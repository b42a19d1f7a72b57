// document-text
// The cleaned text of one document, which every finding's offsets (charStart, charEnd, paragraphStart, paragraphEnd) point into: a quote read in its context.
:param document => '';
MATCH (d:Document)
WHERE d.sha256 = $document
RETURN d.sha256 AS document, d.fileName AS fileName, d.text AS text;
