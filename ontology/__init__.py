"""The ontology: OWL vocabulary, SKOS themes and SHACL shapes, and the names derived from them."""

from ontology.vocabulary import Names, vocabulary

# Node labels and relationship types as attributes, e.g. L.Authority, R.OF_AUTHORITY.
L = Names("node label", tuple(vocabulary().nodes))
R = Names("relationship type", tuple(vocabulary().relationships))

__all__ = ["L", "R", "vocabulary"]
