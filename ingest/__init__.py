"""The load pipeline: documents into a store, then their cross-document links and people."""
