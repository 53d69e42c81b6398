"""spaCy pipeline: model choice, gazetteer patterns, entity linking, temporal tagging."""
