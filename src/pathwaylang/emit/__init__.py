"""Emitters: model (and graph) to artefact text. No file I/O here; `build` writes."""
