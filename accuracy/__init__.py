"""Accuracy of the extractor and its models against hand labels: python -m accuracy.<name>."""
