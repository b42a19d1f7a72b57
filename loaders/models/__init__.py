"""Trained pipelines that ship with the loaders (see training/)."""
