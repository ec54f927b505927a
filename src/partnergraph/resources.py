"""Where the shipped data lives: in the installed wheel, or in the source checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent  # src/partnergraph → repository root


def _find(installed: str, checkout: str) -> Path:
    for candidate in (_PACKAGE / installed, _CHECKOUT / checkout):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"neither {_PACKAGE / installed} nor {_CHECKOUT / checkout} exists")


def ontology_dir() -> Path:
    """The SKOS/OWL Turtle files (``ontology/`` in the checkout)."""
    override = os.environ.get("PARTNERGRAPH_ONTOLOGY")
    return Path(override) if override else _find("ontology", "ontology")


def sample_dir() -> Path:
    """The bundled sample corpus (``data/sample/`` in the checkout)."""
    return _find("sample", "data/sample")


def data_file(name: str) -> Path:
    """A rules/data file shipped inside the package (``src/partnergraph/data/``)."""
    return _PACKAGE / "data" / name


def queries_dir() -> Path:
    return _PACKAGE / "queries"


def cache_dir() -> Path:
    """Where compiled artefacts (the gazetteer) are kept between runs."""
    root = os.environ.get("PARTNERGRAPH_CACHE") or os.environ.get("XDG_CACHE_HOME")
    base = Path(root) if root else Path.home() / ".cache"
    return base / "partnergraph" if not os.environ.get("PARTNERGRAPH_CACHE") else base
