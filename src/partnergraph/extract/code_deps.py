"""What a module depends on inside the package: the modules it imports, directly or not, and
the data files they open. The compiled gazetteer's cache key hashes them (gazetteer.cache_key),
so a change to any of them rebuilds it."""

from __future__ import annotations

from pathlib import Path


def code_and_data(start: Path, package: Path) -> tuple[list[Path], list[str]]:
    """The package modules `start` imports, directly or not (relative and ``partnergraph.``
    imports, at module level or inside functions), and the names of the data files they open
    with ``data_file("…")``: what the compiled gazetteer depends on."""
    import ast

    seen: dict[Path, None] = {}
    data: set[str] = set()
    todo = [start]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen[path] = None
        tree = ast.parse(path.read_bytes())
        here = path.parent.relative_to(package).parts
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = node.module.split(".") if node.module else []
                if node.level:  # relative: from the importing module's package upwards
                    parts = list(here[: len(here) - (node.level - 1)]) + module
                elif module[:1] == ["partnergraph"]:
                    parts = module[1:]
                else:
                    continue
                todo += module_files(package, parts, [a.name for a in node.names])
            elif (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "data_file"
                  and node.args and isinstance(node.args[0], ast.Constant)):
                data.add(node.args[0].value)
    return sorted(seen, key=str), sorted(data)


def module_files(package: Path, parts: list[str], names: list[str]) -> list[Path]:
    """The files of module `parts` below `package`, and of any of `names` that are submodules."""
    base = package.joinpath(*parts)
    # a package's __init__ is left out: Python runs it on import, but the package inits hold
    # only docstrings and the lazy public names (partnergraph/__init__ would pull in the whole
    # build), none of which makes places
    found = [base.with_suffix(".py")] + [base / f"{name}.py" for name in names]
    return [f for f in found if f.is_file()]
