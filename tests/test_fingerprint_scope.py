"""The extraction fingerprint leaves out only modules that cannot feed an article's graph, dump
piece, viewer facts or SHACL results (pipeline/state.py, NOT_PER_ARTICLE): a module left out
wrongly would let a rebuild keep stale pieces, a wrong graph that nothing reports."""

from __future__ import annotations

import ast
from pathlib import Path

import partnergraph
from partnergraph.pipeline.state import NOT_PER_ARTICLE, _modules, code_digest, fingerprint, per_article

PACKAGE = Path(partnergraph.__file__).resolve().parent


def _module_files() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules `name` imports anywhere in its text (in functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")[: len(name.split(".")) - node.level + (path.name == "__init__.py")]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{a.name}" for a in node.names)
    return {m for m in found if m in modules}


def _closure(start: str) -> set[str]:
    modules = _module_files()
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in modules)
        todo.extend(_imports(name, modules[name], modules))
    return seen


def _relative(name: str) -> str:
    return _module_files()[name].relative_to(PACKAGE).as_posix()


def test_every_module_the_extraction_workers_import_is_fingerprinted():
    reached = _closure("partnergraph.pipeline.workers")
    assert "partnergraph.extract.extractor" in reached and "partnergraph.viewer.facts" in reached
    left_out = sorted(_relative(m) for m in reached if not per_article(_relative(m)))
    assert left_out == []


def test_extraction_graph_data_and_viewer_input_files_are_fingerprinted():
    hashed = {p.relative_to(PACKAGE).as_posix() for p in _modules(PACKAGE)
              if per_article(p.relative_to(PACKAGE).as_posix())}
    for folder in ("extract", "graph", "data", "store", "sources"):
        files = [p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / folder).rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts and "viewer" not in p.parts
                 and (p.suffix == ".py" or folder == "data")]
        assert files and set(files) <= hashed, folder
    for name in ("viewer/facts.py", "viewer/load.py", "viewer/records.py", "viewer/join_delta.py",
                 "viewer/join_rows.py", "pipeline/workers.py", "pipeline/load.py", "pipeline/store_writes.py",
                 "pipeline/outputs.py", "publish/dumps.py", "validate/shapecheck.py", "validate/shacl.py", "vocab.py"):
        assert name in hashed, name


def test_only_listed_modules_are_left_out_of_the_fingerprint():
    left_out = {p.relative_to(PACKAGE).as_posix() for p in _modules(PACKAGE)
                if not per_article(p.relative_to(PACKAGE).as_posix())}
    assert left_out
    for path in left_out:
        assert any(path == x or (x.endswith("/") and path.startswith(x)) for x in NOT_PER_ARTICLE)
        assert not path.startswith(("extract/", "graph/", "data/"))


def test_the_memo_key_covers_every_module_and_differs_from_the_fingerprint():
    base = "https://example.org/pg/"
    assert code_digest(base) != fingerprint(base)
    assert fingerprint(base) == fingerprint(base)
