"""Extraction: text of an `Article` → `Extraction` (places from the gazetteer, rules, relations between them)."""
