"""The German spellings `data/exonyms-de.tsv` lists for a place beside its label ("Tulkarem" for
Tulkarm, "Pressburg" for Bratislava, "Reichenberg" for Liberec): a German page names the place by
them as by its own name, so `place_names.own_name` counts them as its own, not as one of the
GeoNames aliases anyone may bear (issue #17: the exonyms and transliterations of partner towns).
"""

from __future__ import annotations

from functools import lru_cache

from ..resources import data_file


@lru_cache(maxsize=1)
def german_spellings() -> dict[str, frozenset[tuple[str, str]]]:
    """Spelling → the (GeoNames name, country) of the places exonyms-de.tsv gives it to: its
    German name (third column) and further spellings (fourth)."""
    out: dict[str, set[tuple[str, str]]] = {}
    for line in data_file("exonyms-de.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, cc, german, *more = line.split("\t")
        for spelling in (german, *(more[0] if more else "").split("|")):
            if spelling.strip():
                out.setdefault(spelling.strip(), set()).add((name, cc))
    return {k: frozenset(v) for k, v in out.items()}
