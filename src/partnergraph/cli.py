"""The command line: parse, call one library function, print. The only module that prints.

User errors (bad input, unknown query, missing graph) end with one line on stderr and exit 1;
the library's exceptions carry the file, line or URL, so no traceback is ever needed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .cli_parser import Parser as _Parser
from .cli_parser import verbosity as _verbosity
from .errors import PartnergraphError, UsageError
from .graphdir import DEFAULT_DIR, DOCS_FILE, HTTP_CACHE_DIRNAME, NETWORK_FILE
from .logconfig import configure_logging
from .namespaces import DEFAULT_BASE

DESCRIPTION = """\
Turn German news articles about international municipal partnerships (town twinning, climate
partnerships, Ukraine partnerships, …) into an RDF knowledge graph: who partners with whom,
since when, in which programme, on which themes. Build it from the bundled sample, JSON Lines,
HTML pages or crawled news sites; then query it with SPARQL, export it, draw it as a network,
validate it and serve it as a SPARQL endpoint with linked data."""

EPILOG = """\
first steps:
  partnergraph build                   build the sample (48 articles) into ./partnergraph-out
  partnergraph query --list            the bundled questions
  partnergraph query ukraine-water     answer one
  partnergraph COMMAND --help          the options of a command"""


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
    p.add_argument("--store", metavar="URL", default=os.environ.get("PARTNERGRAPH_STORE"),
                   help="a SPARQL 1.1 endpoint to use instead of the embedded store "
                        "(env PARTNERGRAPH_STORE; credentials from PARTNERGRAPH_STORE_AUTH=user:password)")
    p.add_argument("--update-url", metavar="URL", help="SPARQL Update endpoint of --store (default: derived)")
    p.add_argument("--gsp-url", metavar="URL", help="Graph Store Protocol endpoint of --store (default: derived)")


def _remote(args) -> dict:
    return {k: v for k, v in (("update_url", args.update_url), ("gsp_url", args.gsp_url)) if v}


def _sandbox(args, store) -> None:
    """Before SPARQL runs on the embedded store: no network for the rest of this process
    (sandbox.py), so a SERVICE the query check missed cannot reach another host. Only in a
    process of its own (started as a program, not `main([...])` inside another program), and
    not for a remote store, which is reached over the network."""
    from .store.embedded import EmbeddedStore

    if getattr(args, "dedicated_process", False) and isinstance(store, EmbeddedStore):
        from .query.sandbox import deny_outgoing_connections

        deny_outgoing_connections()


def _open(args):
    """The graph of -d DIR (and --store), for reading (api.open)."""
    from .api import open as open_graph

    return open_graph(args.dir, store=args.store, **_remote(args))


# -- commands ---------------------------------------------------------------------------------

def cmd_build(args, out: Printer) -> int:
    from .api import build
    from .sources.crawl import options_from_args

    report = build(args.sources or None, args.dir, base=args.base, store=args.store, **_remote(args),
                   prune=args.prune, validate=not args.no_validate, jobs=args.jobs, progress=out.progress,
                   crawl_options=options_from_args(args))
    if out.quiet:  # without -q each skipped input was already reported as it happened
        for s in report.skipped:
            print(f"partnergraph: skipped {s.reason}" if s.reason.startswith(s.source) else
                  f"partnergraph: skipped {s.source}: {s.reason}", file=sys.stderr)
    print(report.summary())
    return 0


def cmd_crawl(args, out: Printer) -> int:
    import dataclasses
    import json

    from .errors import SourceError
    from .publish.export import write_atomic
    from .sources.crawl import crawl_articles, options_from_args
    from .sources.files import article_record

    options = dataclasses.replace(options_from_args(args), progress=out.progress)
    lines: list[str] = []
    for item in crawl_articles(args.urls, options=options):
        if isinstance(item, SourceError):
            print(f"partnergraph: skipped {item}", file=sys.stderr, flush=True)
            continue
        lines.append(json.dumps(article_record(item), ensure_ascii=False) + "\n")
        if not args.output:
            sys.stdout.write(lines[-1])
            sys.stdout.flush()
    if not lines:
        raise SourceError(f"no articles found at {' '.join(args.urls)}")
    if args.output:
        write_atomic(args.output, "".join(lines))
        out.progress(f"wrote {len(lines)} articles to {args.output}")
    return 0


def cmd_query(args, out: Printer) -> int:
    if args.list:
        from .query.bundled import bundled_queries

        queries = bundled_queries()
        width = max(map(len, queries))
        for q in queries.values():
            print(f"{q.name.ljust(width)}  {q.title}")
        return 0
    if not args.query:
        raise UsageError("give a QUERY (SPARQL text, a .rq file or a bundled name; see --list)")
    with _open(args) as graph:
        _sandbox(args, graph.store)
        print(graph.query(args.query, format=args.format))
    return 0


def cmd_export(args, out: Printer) -> int:
    with _open(args) as graph:
        graph.export(args.format, args.output or sys.stdout.buffer)
    if args.output:
        out.progress(f"wrote {args.output}")
    else:
        sys.stdout.buffer.flush()
    return 0


def cmd_viz(args, out: Printer) -> int:
    with _open(args) as graph:
        _sandbox(args, graph.store)
        print(graph.network(args.output, focus=args.focus, depth=args.depth, articles=args.articles,
                            programme=args.programme, country=args.country, aggregate=args.aggregate,
                            size_by=args.size))
    return 0


def cmd_stats(args, out: Printer) -> int:
    from .graph.analytics import format_stats, stats_json

    with _open(args) as graph:
        stats = graph.stats()
    print(stats_json(stats).rstrip("\n") if args.format == "json" else format_stats(stats, top=args.top))
    return 0


def cmd_evaluate(args, out: Printer) -> int:
    import json

    from .api import evaluate
    from .extract.evaluate import format_evaluation

    result = evaluate(args.gold, args.sources or None, split=args.split, directory=args.dir, progress=out.progress)
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_evaluation(result, details=not args.summary))
    return 0


def cmd_validate(args, out: Printer) -> int:
    with _open(args) as graph:
        result = graph.validate(max_triples=args.max_triples)
    if result.skipped:
        raise UsageError(result.skipped)
    for v in result.violations:
        print(v)
    print(f"{'conforms' if result.conforms else 'does not conform'}: "
          f"{result.violation_count} violations in {result.triples} triples")
    return 0 if result.conforms else 1


# -- the parser -------------------------------------------------------------------------------

def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {value}")
    return value


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="partnergraph", description=DESCRIPTION, epilog=EPILOG,
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"partnergraph {__version__}")
    _verbosity(p, False)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")  # their parsers are _Parser too
    sub.required = True

    b = sub.add_parser("build", help="build the graph directory from articles (default: the sample corpus)",
                       later=_add_crawl_flags)
    _common(b)
    b.add_argument("sources", nargs="*", metavar="SOURCE",
                   help=".jsonl files, listing-page .txt files, .html pages, folders of them, or URLs")
    b.add_argument("--base", default=DEFAULT_BASE, metavar="IRI", help=f"resource base IRI (default: {DEFAULT_BASE})")
    b.add_argument("--prune", action="store_true", help="remove articles no longer in the sources")
    b.add_argument("--no-validate", action="store_true", help="skip the SHACL validation")
    b.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (default: one per core)")
    b.set_defaults(func=cmd_build)

    c = sub.add_parser("crawl", help="fetch articles from news listings, article pages, feeds or sitemaps "
                                     "into JSON Lines (the input format of build)", later=_add_crawl_flags)
    c.add_argument("urls", nargs="+", metavar="URL")
    c.add_argument("-o", "--output", type=Path, metavar="FILE", help="write JSON Lines to FILE (default: stdout)")
    c.add_argument("-d", "--dir", type=Path, default=Path(DEFAULT_DIR), metavar="DIR",
                   help=f"graph directory whose HTTP cache (DIR/{HTTP_CACHE_DIRNAME}) is used (default: ./{DEFAULT_DIR})")
    c.set_defaults(func=cmd_crawl)

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
    v.add_argument("-o", "--output", type=Path, metavar="FILE", help=f"default: DIR/{NETWORK_FILE}")
    v.add_argument("--articles", action="store_true", help="show articles as nodes, linked to what they mention")
    v.add_argument("--programme", metavar="SLUG", help="only the partnerships of this programme (e.g. klimapartnerschaften)")
    v.add_argument("--country", metavar="CODE", help="only partnerships with a partner in this country (ISO code, e.g. UA)")
    v.add_argument("--aggregate", action="store_true", help="countries as nodes, edge weight = partnerships between them")
    v.add_argument("--size", choices=("degree", "articles"), default="degree", help="node size by (default: degree)")
    v.set_defaults(func=cmd_viz)

    st = sub.add_parser("stats", help="network analytics: centralities, components, communities, bridges")
    _common(st)
    st.add_argument("-f", "--format", choices=("table", "json"), default="table")
    st.add_argument("--top", type=int, default=10, metavar="N", help="rows per table (default 10)")
    st.set_defaults(func=cmd_stats)

    ev = sub.add_parser("evaluate", help="score the extractor against gold annotations (JSON Lines)")
    ev.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    ev.add_argument("sources", nargs="*", metavar="SOURCE", help="the annotated articles (default: the sample corpus)")
    ev.add_argument("-f", "--format", choices=("table", "json"), default="table")
    ev.add_argument("--summary", action="store_true", help="only the scores, not every false positive/negative")
    ev.add_argument("--split", metavar="NAME", help="only the gold records of this split (e.g. dev)")
    ev.add_argument("-d", "--dir", type=Path, default=Path(DEFAULT_DIR), metavar="DIR",
                    help=f"graph directory whose HTTP cache (DIR/{HTTP_CACHE_DIRNAME}) URL sources are read through "
                         f"(default: ./{DEFAULT_DIR})")
    ev.set_defaults(func=cmd_evaluate)

    val = sub.add_parser("validate", help="check the graph against the SHACL shapes")
    _common(val)
    val.add_argument("--max-triples", type=int, default=2_000_000, help="refuse larger graphs (memory)")
    val.set_defaults(func=cmd_validate)

    doc = sub.add_parser("docs", help="write the HTML documentation of the ontology and vocabularies")
    doc.add_argument("-d", "--dir", type=Path, default=Path(DEFAULT_DIR), metavar="DIR",
                     help=f"the graph directory (default: ./{DEFAULT_DIR})")
    doc.add_argument("-o", "--output", type=Path, metavar="FILE", help=f"default: DIR/{DOCS_FILE}")
    doc.set_defaults(func=cmd_docs)
    _add_serve(sub)
    _add_reconcile(sub)
    pub = sub.add_parser("publish", help="write the graph as a static linked-data site (HTML, Turtle, JSON-LD "
                                         "per resource; dumps; VoID; rewrite rules)")
    _common(pub)
    pub.add_argument("outdir", type=Path, metavar="OUTDIR", help="the folder to write the site into")
    pub.set_defaults(func=cmd_publish)
    return p


def _add_reconcile(sub) -> None:
    r = sub.add_parser("reconcile", help="link municipalities to Wikidata and compare partnerships with its "
                                         "twinnings (P190): a gap report", later=_reconcile_flags)
    _common(r)
    r.set_defaults(func=cmd_reconcile)


def _reconcile_flags(r: argparse.ArgumentParser) -> None:
    # their defaults come from reconcile.py, which imports requests: added on first use (_Parser)
    from .publish.reconcile import MAX_DISTANCE_KM, WIKIDATA_ENDPOINT

    r.add_argument("--endpoint", default=WIKIDATA_ENDPOINT, metavar="URL",
                   help=f"a SPARQL endpoint with Wikidata's shape (default: {WIKIDATA_ENDPOINT})")
    r.add_argument("--max-km", type=float, default=MAX_DISTANCE_KM, metavar="KM",
                   help=f"how far a match by label may lie from our coordinates (default: {MAX_DISTANCE_KM:g})")


def _add_serve(sub) -> None:
    s = sub.add_parser("serve", help="serve the graph: SPARQL endpoint, linked data, dumps, VoID (docs/server.md)")
    _common(s)
    s.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--port", type=_port, default=8000, help="port (default: 8000; 0: any free port)")
    s.add_argument("--timeout", type=float, metavar="SECONDS", help="time limit of one query (default: 30)")
    s.add_argument("--max-results", type=int, metavar="N", help="rows or triples one query may return (default: 100000)")
    s.add_argument("--workers", type=int, metavar="N",
                   help="query worker processes at most (default: twice the cores, at least 4)")
    s.add_argument("--memory-limit", type=int, metavar="MB",
                   help="memory all query workers together may use; the largest query is ended past it (default: 640)")
    s.add_argument("--public-url", metavar="URL",
                   help="the server's address as clients see it, for the links of the VoID description (default: from each request)")
    s.add_argument("--get", metavar="PATH", help="answer one request for PATH in-process, print the body, exit")
    s.add_argument("--accept", metavar="TYPE", help="the Accept header of --get (e.g. text/turtle)")
    s.set_defaults(func=cmd_serve)


def cmd_serve(args, out: Printer) -> int:
    import signal
    import threading

    from .server import app as web
    from .server.app import is_loopback

    limits = {k: v for k, v in (("timeout", args.timeout), ("max_results", args.max_results),
                                ("workers", args.workers)) if v is not None}
    if args.memory_limit is not None:
        limits["memory_limit"] = args.memory_limit << 20
    graph = _open(args)
    app = graph.app(public_url=args.public_url, **limits)
    try:
        if args.get:
            response = app.get(args.get, accept=args.accept)
            if response.status >= 400:
                raise UsageError(f"{args.get}: {response.status} {response.body.decode('utf-8', 'replace').strip()}")
            sys.stdout.buffer.write(response.body)
            sys.stdout.buffer.flush()
            return 0
        if not is_loopback(args.host):
            print(f"partnergraph: warning: {args.host} is not a loopback address: the endpoint is reachable from "
                  "other machines (put it behind a reverse proxy; docs/server.md)", file=sys.stderr, flush=True)
        try:
            server = web.make_server(app, args.host, args.port)
        except OSError as exc:
            raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None

        def stop(signum, frame):  # Ctrl-C and SIGTERM: leave serve_forever at once, clean up once
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            raise KeyboardInterrupt

        def reload(signum, frame):
            app.reload()

        previous = {}
        if threading.current_thread() is threading.main_thread():  # only the main thread may set them
            handlers = [(signal.SIGINT, stop), (signal.SIGTERM, stop)]
            if hasattr(signal, "SIGHUP"):
                handlers.append((signal.SIGHUP, reload))
            previous = {sig: signal.signal(sig, handler) for sig, handler in handlers}
        out.progress(f"serving {args.dir} at http://{args.host}:{server.server_port}/ "
                     "(Ctrl-C stops; SIGHUP reloads after a rebuild)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            out.progress("stopped")
        finally:
            server.server_close()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return 0
    finally:
        app.close()
        graph.close()


def cmd_reconcile(args, out: Printer) -> int:
    from .publish.reconcile import REPORT_HTML, REPORT_JSON

    with _open(args) as graph:
        report = graph.reconcile(endpoint=args.endpoint, max_km=args.max_km, progress=out.progress)
    s = report["summary"]
    print(f"{s['matched']} of {s['municipalities']} municipalities linked to Wikidata "
          f"({s['ambiguous']} ambiguous, {s['unmatched']} without an item); partnerships: "
          f"{s['news_only']} only in the news, {s['wikidata_only']} only in Wikidata, {s['conflicts']} conflicts, "
          f"{s['in_both']} in both, {s['not_comparable']} not comparable → {args.dir / REPORT_JSON}, "
          f"{args.dir / REPORT_HTML}")
    return 0


def cmd_publish(args, out: Printer) -> int:
    with _open(args) as graph:
        report = graph.publish(args.outdir, progress=out.progress)
    for iri in report.skipped:
        print(f"partnergraph: skipped <{iri}>: its path cannot be a folder of a static site", file=sys.stderr)
    print(f"{report.resources} resources in {len(report.classes)} classes → {args.outdir}/ "
          f"(content negotiation: {args.outdir}/.htaccess for Apache, {args.outdir}/nginx.conf for nginx)")
    return 0


def cmd_docs(args, out: Printer) -> int:
    from .publish.docs import write_docs

    print(write_docs(args.output or args.dir / DOCS_FILE))
    return 0


def _add_crawl_flags(p: argparse.ArgumentParser) -> None:
    from .sources.crawl import add_crawl_arguments

    add_crawl_arguments(p)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # started as a program (console script, python -m): this process is the command's alone
    args.dedicated_process = argv is None
    return _run(args)


def _run(args) -> int:
    configure_logging(verbose=args.verbose)
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


#: the commands that only read and print: their process may end without the interpreter's
#: teardown (fast_exit.py)
READ_ONLY_COMMANDS = frozenset({"query"})


def program() -> None:
    """The program (console script, `python -m partnergraph`): `main()`, then the exit. After
    --help, --version, a usage error or a query nothing is left to write, and the process ends
    without the interpreter's teardown (fast_exit.py)."""
    from .fast_exit import exit_now

    try:
        args = parser().parse_args()
    except SystemExit as exc:
        exit_now(exc.code)
        raise
    args.dedicated_process = True
    code = _run(args)
    if args.command in READ_ONLY_COMMANDS:
        exit_now(code)
    raise SystemExit(code)
