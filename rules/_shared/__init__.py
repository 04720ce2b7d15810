"""Helpers shared by the machine-translation artefact rules: the lexicon (lexicon.toml) and
document-level analyses (analysis.py), built once and cached on the Document."""
