"""The command line: parse, call one library function, print. The only module that prints.

User errors (bad input, unknown query, missing graph) end with one line on stderr and exit 1;
the library's exceptions carry the file, line or URL, so no traceback is ever needed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import __version__
from .errors import PartnergraphError, UsageError
from .namespaces import DEFAULT_BASE

DEFAULT_DIR = "partnergraph-out"


class Printer:
    """Progress lines on stderr (silenced by -q); results on stdout."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet

    def progress(self, message: str) -> None:
        if not self.quiet:
            print(f"partnergraph: {message}", file=sys.stderr, flush=True)


# -- shared options ---------------------------------------------------------------------------

def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-d", "--dir", type=Path, default=Path(DEFAULT_DIR), metavar="DIR",
                   help=f"the graph directory (default: ./{DEFAULT_DIR})")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages on stderr")
    p.add_argument("--store", metavar="URL", default=os.environ.get("PARTNERGRAPH_STORE"),
                   help="a SPARQL 1.1 endpoint to use instead of the embedded store "
                        "(env PARTNERGRAPH_STORE; credentials from PARTNERGRAPH_STORE_AUTH=user:password)")
    p.add_argument("--update-url", metavar="URL", help="SPARQL Update endpoint of --store (default: derived)")
    p.add_argument("--gsp-url", metavar="URL", help="Graph Store Protocol endpoint of --store (default: derived)")


def _remote(args) -> dict:
    return {k: v for k, v in (("update_url", args.update_url), ("gsp_url", args.gsp_url)) if v}


def _base_of(directory: Path) -> str:
    """The resource base the directory was built with (recorded in its state file)."""
    import json

    try:
        return json.loads((directory / "state.json").read_text(encoding="utf-8")).get("base") or DEFAULT_BASE
    except (OSError, ValueError):
        return DEFAULT_BASE


# -- commands ---------------------------------------------------------------------------------

def cmd_build(args, out: Printer) -> int:
    from .build import BuildOptions, build

    options = BuildOptions(out_dir=args.dir, base=args.base, store_url=args.store, store_options=_remote(args),
                           prune=args.prune, validate=not args.no_validate, jobs=args.jobs,
                           progress=out.progress, crawl_options=_crawl_options(args))
    report = build(args.sources or None, options)
    for s in report.skipped:
        print(f"partnergraph: skipped {s.reason}" if s.reason.startswith(s.source) else
              f"partnergraph: skipped {s.source}: {s.reason}", file=sys.stderr)
    valid = report.validation or {}
    verdict = ("valid" if valid.get("conforms") and not valid.get("skipped") else
               f"validation skipped ({valid.get('skipped')})" if valid.get("skipped") else
               f"{valid.get('violation_count', 0)} SHACL violations" if valid else "not validated")
    print(f"{report.articles_read} articles ({report.articles_extracted} extracted, "
          f"{report.articles_unchanged} unchanged, {len(report.skipped)} inputs skipped), "
          f"{report.triples} triples, {verdict} → {args.dir}/")
    return 0


def _crawl_options(args):
    try:
        from .sources.crawl import options_from_args
    except ImportError:
        return None
    return options_from_args(args)


def cmd_query(args, out: Printer) -> int:
    from .build import open_existing
    from .query import bundled_queries, format_result, resolve, run

    if args.list:
        queries = bundled_queries()
        width = max(map(len, queries))
        for q in queries.values():
            print(f"{q.name.ljust(width)}  {q.title}")
        return 0
    if not args.query:
        raise UsageError("give a QUERY (SPARQL text, a .rq file or a bundled name; see --list)")
    base = _base_of(args.dir)
    label, text = resolve(args.query, base=base)
    store = open_existing(args.dir, store_url=args.store, **_remote(args))
    print(format_result(run(store, text, label=label), args.format, base=base))
    return 0


def cmd_export(args, out: Printer) -> int:
    from .build import open_existing
    from .export import serialize

    store = open_existing(args.dir, store_url=args.store, **_remote(args))
    base = _base_of(args.dir)
    if args.output:
        tmp = Path(str(args.output) + ".tmp")
        with tmp.open("wb") as fh:
            serialize(store.quads(), args.format, fh, base=base)
        os.replace(tmp, args.output)
        out.progress(f"wrote {args.output}")
    else:
        serialize(store.quads(), args.format, sys.stdout.buffer, base=base)
        sys.stdout.buffer.flush()
    return 0


def cmd_viz(args, out: Printer) -> int:
    from .build import open_existing
    from .network import write_network

    store = open_existing(args.dir, store_url=args.store, **_remote(args))
    path = write_network(store, args.output or args.dir / "graph.html", base=_base_of(args.dir),
                         focus=args.focus, depth=args.depth)
    print(path)
    return 0


def cmd_validate(args, out: Printer) -> int:
    from .build import open_existing
    from .validate import validate_store

    store = open_existing(args.dir, store_url=args.store, **_remote(args))
    result = validate_store(store, base=_base_of(args.dir), max_triples=args.max_triples)
    if result.skipped:
        raise UsageError(result.skipped)
    for v in result.violations:
        print(v)
    print(f"{'conforms' if result.conforms else 'does not conform'}: "
          f"{result.violation_count} violations in {result.triples} triples")
    return 0 if result.conforms else 1


# -- the parser -------------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="partnergraph", description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--version", action="version", version=f"partnergraph {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log details on stderr")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    b = sub.add_parser("build", help="build the graph directory from articles (default: the sample corpus)")
    _common(b)
    b.add_argument("sources", nargs="*", metavar="SOURCE",
                   help=".jsonl files, listing-page .txt files, .html pages, folders of them, or URLs")
    b.add_argument("--base", default=DEFAULT_BASE, metavar="IRI", help=f"resource base IRI (default: {DEFAULT_BASE})")
    b.add_argument("--prune", action="store_true", help="remove articles no longer in the sources")
    b.add_argument("--no-validate", action="store_true", help="skip the SHACL validation")
    b.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (default: one per core)")
    _add_crawl_flags(b)
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a SPARQL query (text, .rq file or bundled name)")
    _common(q)
    q.add_argument("query", nargs="?", metavar="QUERY")
    q.add_argument("--list", action="store_true", help="list the bundled queries")
    q.add_argument("-f", "--format", choices=("table", "csv", "tsv", "json"), default="table")
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="write the whole graph in an RDF format")
    _common(e)
    e.add_argument("-f", "--format", choices=("turtle", "ntriples", "nquads", "trig", "jsonld"), default="turtle")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    e.set_defaults(func=cmd_export)

    v = sub.add_parser("viz", help="write the interactive HTML network")
    _common(v)
    v.add_argument("--focus", metavar="LABEL", help="only the neighbourhood of this entity")
    v.add_argument("--depth", type=int, default=1, help="neighbourhood radius for --focus (default 1)")
    v.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: DIR/graph.html")
    v.set_defaults(func=cmd_viz)

    val = sub.add_parser("validate", help="check the graph against the SHACL shapes")
    _common(val)
    val.add_argument("--max-triples", type=int, default=2_000_000, help="refuse larger graphs (memory)")
    val.set_defaults(func=cmd_validate)
    return p


def _add_crawl_flags(p: argparse.ArgumentParser) -> None:
    try:
        from .sources.crawl import add_crawl_arguments
    except ImportError:
        return
    add_crawl_arguments(p)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="partnergraph: %(levelname)s: %(message)s")
    out = Printer(quiet=getattr(args, "quiet", False))
    try:
        return args.func(args, out)
    except PartnergraphError as exc:
        print(f"partnergraph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("partnergraph: interrupted; the previous outputs are intact", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
