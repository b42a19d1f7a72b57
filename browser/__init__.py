"""Content for Neo4j Browser: a guide through the model and the canned questions, a GraSS stylesheet
(colours and captions per label), and the canned queries as favourites.

The files in this folder are generated from the ontology and queries/ by `python -m browser` (a test
checks that the checked-in files are the generated ones); the API serves them under /browser/.
"""
