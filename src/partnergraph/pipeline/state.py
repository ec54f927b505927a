"""A graph directory's ``state.json``: which version of which article its graph holds (URL,
content hash, named graph, dump piece, source), under which fingerprint of the code and data,
in which store; and the fingerprint itself."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from ..version import __version__

LOGGER = logging.getLogger(__name__)

STATE_FILE = "state.json"
#: the endpoint URLs of a remote store that state.json records (RemoteStore's keyword arguments)
STORE_ENDPOINTS = ("update_url", "gsp_url")


def fingerprint(base: str) -> str:
    """Changes whenever a rebuild of an unchanged article could give a different graph.

    It hashes every Python module of the package and every data file the extractor may read
    (all of ``data/`` but the viewer's assets), not a hand-kept list of them: a list misses the
    next rules file someone adds (local-governments-de.tsv was missed so), and a stale piece is
    a wrong graph that nothing reports. The price is that any code change re-extracts."""
    from ..vocab import load_vocabulary

    h = hashlib.sha256(f"{__version__}|{base}".encode())
    for path in load_vocabulary().files:
        h.update(path.read_bytes())
    package = Path(__file__).resolve().parent.parent  # the partnergraph package
    # the parts below the package only: a checkout in a folder named "viewer" hashed no data file
    files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and (p.suffix == ".py" or (p.relative_to(package).parts[0] == "data"
                                        and "viewer" not in p.relative_to(package).parts))]
    for path in sorted(files):
        h.update(str(path.relative_to(package)).encode() + b"\0")
        h.update(path.read_bytes())
    from ..resources import ontology_dir

    h.update((ontology_dir() / "shapes.ttl").read_bytes())  # the article graphs' SHACL results are kept
    return h.hexdigest()[:16]


def load_state(out_dir: Path) -> dict:
    path = out_dir / STATE_FILE
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            LOGGER.warning("%s is unreadable; rebuilding every article", path)
    return {"fingerprint": "", "articles": {}}


def next_state(state: dict, fp: str, base: str, store_url: str | None, store_options: dict) -> tuple[dict, bool]:
    """The state a build starts from (`state` as read, updated to this build's fingerprint, base
    and store), and whether every article it knows is stale (`fresh`: other rules, another store)."""
    store_kind = store_url or "embedded"
    fresh = state.get("fingerprint") != fp or state.get("store") != store_kind
    if state.get("store") != store_kind:
        state = {"articles": {}}  # another store: nothing in it is known
    state.update(fingerprint=fp, store=store_kind, base=base)
    # the endpoints beside the query URL, so later commands with -d DIR find the same store
    # (URLs only: credentials stay in the environment)
    endpoints = {k: v for k, v in sorted(store_options.items()) if k in STORE_ENDPOINTS and v}
    if endpoints:
        state["store_endpoints"] = endpoints
    else:
        state.pop("store_endpoints", None)
    state.setdefault("articles", {})
    return state, fresh


def piece_name(fp: str, url: str, content_hash: str) -> str:
    """The dump piece of one version of one article under one fingerprint."""
    return hashlib.sha256(f"{fp}|{url}|{content_hash}".encode()).hexdigest()[:24]


def pieces_digest(known: dict) -> str:
    """One digest of which version of every article a graph holds (their dump pieces)."""
    return hashlib.sha256(json.dumps(sorted((rec.get("graph"), rec.get("piece")) for rec in known.values()),
                                     ).encode()).hexdigest()[:24]


def recorded_store(out_dir: Path) -> tuple[str | None, dict]:
    """(query URL, endpoint URLs) of the remote store `out_dir` was built into; (None, {}) for
    the embedded store or a directory not built yet."""
    state = load_state(out_dir)
    url = state.get("store")
    if not isinstance(url, str) or url == "embedded" or not url:
        return None, {}
    endpoints = state.get("store_endpoints") or {}
    return url, {k: v for k, v in endpoints.items() if k in STORE_ENDPOINTS and isinstance(v, str)}
