"""Training of the models that ship in the loaders package, from the shared corpus and hand labels."""
