"""The build's bookkeeping in ``state.json`` (read by `GraphDir.read_state`): which version of
which article the graph holds (URL, content hash, named graph, dump piece, source), under which
fingerprint of the code and data, in which store; the fingerprint itself, and the names of the
articles' dump pieces."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..graphdir import STORE_ENDPOINTS
from ..version import __version__


#: modules that cannot feed an article's graph, dump piece, viewer facts, SHACL results or store
#: rows: the command line, the query sandbox and the server (they read a finished graph), the
#: pages made of the whole graph every time they are written (ontology.html, graph.html's views,
#: layout and page data, the static site), the Wikidata reconciliation. Leaving them out of the
#: fingerprint spares a full re-extraction (52 minutes at 30,000 articles, session 20) when only
#: they change. Not listed, so hashed: everything the extraction workers import (a test walks
#: their imports), the store loading (pipeline/load.py, store_writes.py, store/), the sources and
#: the dumps, whose earlier results later builds reuse. What these modules leave between builds
#: sits in the memo (memo.py), which `code_digest` keys: it still covers every module.
NOT_PER_ARTICLE = ("__main__.py", "api.py", "cli.py", "cli_parser.py", "fast_exit.py", "logconfig.py",
                   "query/", "server/", "publish/docs.py", "publish/site.py", "publish/reconcile.py",
                   "publish/reconcile_report.py", "publish/wikidata.py", "viewer/energy.py", "viewer/layout.py",
                   "viewer/network.py", "viewer/page.py", "viewer/page_data.py", "viewer/page_patch.py", "viewer/unchanged.py",
                   "viewer/views.py")


def _modules(package: Path) -> list[Path]:
    """The package's Python modules and the data files the extractor may read (all of ``data/``
    but the viewer's assets), in a stable order."""
    # the parts below the package only: a checkout in a folder named "viewer" hashed no data file
    return sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and (p.suffix == ".py" or (p.relative_to(package).parts[0] == "data"
                                             and "viewer" not in p.relative_to(package).parts)))


def per_article(relative: str) -> bool:
    """Whether the module or data file at `relative` (a path below the package, with "/") is
    hashed by `fingerprint`."""
    return not any(relative == x or (x.endswith("/") and relative.startswith(x)) for x in NOT_PER_ARTICLE)


def fingerprint(base: str) -> str:
    """Changes whenever a rebuild of an unchanged article could give a different graph.

    It hashes every Python module of the package but those of `NOT_PER_ARTICLE`, and every data
    file the extractor may read, not a hand-kept list of what the extraction uses: such a list
    misses the next rules file someone adds (local-governments-de.tsv was missed so), and a
    stale piece is a wrong graph that nothing reports. The price is that most code changes
    re-extract."""
    return _digests(base)[0]


def code_digest(base: str) -> str:
    """Like `fingerprint`, but over every module: the key of results kept between builds that
    any module may have made (the memo)."""
    return _digests(base)[1]


def _digests(base: str) -> tuple[str, str]:
    """`fingerprint` and `code_digest`, read in one pass over the files."""
    from ..vocab import load_vocabulary

    head = f"{__version__}|{base}".encode()
    fp, every = hashlib.sha256(head), hashlib.sha256(head)
    for path in load_vocabulary().files:
        data = path.read_bytes()
        fp.update(data)
        every.update(data)
    package = Path(__file__).resolve().parent.parent  # the partnergraph package
    for path in _modules(package):
        relative = path.relative_to(package).as_posix()
        data = str(path.relative_to(package)).encode() + b"\0" + path.read_bytes()
        if per_article(relative):
            fp.update(data)
        every.update(data)
    from ..resources import ontology_dir

    shapes = (ontology_dir() / "shapes.ttl").read_bytes()  # the article graphs' SHACL results are kept
    fp.update(shapes)
    every.update(shapes)
    return fp.hexdigest()[:16], every.hexdigest()[:16]


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
