"""`partnergraph publish OUTDIR`: the graph as a static linked-data site, servable by any web
server without partnergraph running.

Every resource under the base IRI gets a folder ``id/<path>/`` with the same representations
`serve` gives for ``/id/<path>``: ``index.html`` (the evidence page), ``index.ttl``,
``index.jsonld`` and ``index.nt``. Folders, not files, because one IRI can be the prefix of
another (``municipality/de/koeln`` and ``municipality/de/koeln/geometry``), and because every
static server answers ``/id/x`` with ``/id/x/index.html``: the IRIs resolve even without the
rewrite rules. Beside them: an index page per class, the dumps, the VoID/DCAT description at
``/.well-known/void``, the ontology page, and content-negotiation rules for Apache
(``.htaccess``) and nginx (``nginx.conf``), so the site behind a w3id redirect answers a client
that asks for Turtle or JSON-LD with the same bytes as `serve`.
"""

from __future__ import annotations

import gzip
import html
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from . import dataset as publish
from .export import to_bytes, write_atomic
from ..namespaces import sparql_prologue
from ..query.results import serialize_graph
from ..server.pages import render_resource
from ..store.embedded import GraphStore

#: the representations of a resource: file name → (format, media type)
REPRESENTATIONS = {
    "index.ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "index.jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    "index.nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
}
#: one path segment we are willing to turn into a folder name: the characters our IRI minting
#: produces (iri.py: slugs, hashes, offsets), never "." or ".." (no escape out of OUTDIR)
_SEGMENT = re.compile(r"^(?!\.{1,2}$)[A-Za-z0-9._~-]+$")


@dataclass
class SiteReport:
    out_dir: Path
    resources: int = 0
    skipped: list[str] = field(default_factory=list)  # IRIs with a path we will not write
    classes: dict[str, int] = field(default_factory=dict)


def resource_path(iri: str, base: str) -> str | None:
    """``id/<path>`` for a resource IRI under `base`, or None when it cannot be a folder."""
    if not iri.startswith(base):
        return None
    rest = iri[len(base):]
    segments = rest.split("/")
    if not rest or not all(_SEGMENT.match(s) for s in segments):
        return None
    return "id/" + rest


def resources_under(store: GraphStore, base: str) -> list[str]:
    """Every IRI under the base that the graph uses as a subject or an object."""
    found: set[str] = set()
    for q in (f"SELECT DISTINCT ?x WHERE {{ ?x ?p ?o . FILTER(isIRI(?x) && STRSTARTS(STR(?x), {ox.Literal(base)})) }}",
              f"SELECT DISTINCT ?x WHERE {{ ?s ?p ?x . FILTER(isIRI(?x) && STRSTARTS(STR(?x), {ox.Literal(base)})) }}"):
        found.update(sol["x"].value for sol in store.query(q))
    return sorted(found)


def _static_links(page: str) -> str:
    """The server's pages link data by ``?format=…``, which a static server ignores: point them
    at the files instead (the server still understands both)."""
    page = re.sub(r'href="(/id/[^"?]*)\?format=(ttl|jsonld|nt)"',
                  lambda m: f'href="{m.group(1)}/index.{m.group(2)}"', page)
    # the query page and the SPARQL endpoint do not exist on a static site
    return page.replace('<a href="/">Abfrage</a>', '<a href="/">Start</a>')


def publish_site(store: GraphStore, out_dir: Path, *, base: str,
                 progress: Callable[[str], None] | None = None) -> SiteReport:
    """Writes the static site of the graph in `store` into `out_dir` (created if needed)."""
    progress = progress or (lambda _m: None)
    out_dir = Path(out_dir)
    report = SiteReport(out_dir)
    iris = resources_under(store, base)
    progress(f"writing {len(iris)} resources")
    for i, iri in enumerate(iris, 1):
        rel = resource_path(iri, base)
        if rel is None:
            report.skipped.append(iri)
            continue
        description = publish.describe(store, iri, base=base)
        if description is None:  # pragma: no cover - found by the queries above, so known
            report.skipped.append(iri)
            continue
        folder = out_dir / rel
        write_atomic(folder / "index.html", _static_links(render_resource(description, base=base)))
        triples = description.triples()
        for name, (fmt, _) in REPRESENTATIONS.items():
            write_atomic(folder / name, serialize_graph(triples, fmt, base=base))
        report.resources += 1
        if i % 500 == 0:
            progress(f"{i} of {len(iris)} resources")
    _write_class_indexes(store, out_dir, base, report)
    _write_dataset_files(store, out_dir, base)
    write_atomic(out_dir / ".htaccess", apache_rules())
    write_atomic(out_dir / "nginx.conf", nginx_rules())
    return report


def _write_class_indexes(store: GraphStore, out_dir: Path, base: str, report: SiteReport) -> None:
    members: dict[str, list[str]] = defaultdict(list)
    q = sparql_prologue(base) + f"""SELECT DISTINCT ?x ?c WHERE {{ ?x a ?c .
        FILTER(STRSTARTS(STR(?x), {ox.Literal(base)}) && STRSTARTS(STR(?c), STR(pg:))) }}"""
    for sol in store.query(q):
        members[sol["c"].value.rsplit("#", 1)[-1]].append(sol["x"].value)
    labels = publish.labels_for(store, [x for xs in members.values() for x in xs], base=base)
    e = html.escape
    items = []
    for cls in sorted(members):
        xs = sorted(members[cls], key=lambda x: (labels.get(x, x).casefold(), x))
        report.classes[cls] = len(xs)
        rows = "".join(f'<li><a href="{e(_href(x, base))}">{e(labels.get(x, x[len(base):]))}</a></li>'
                       for x in xs if resource_path(x, base))
        write_atomic(out_dir / "class" / cls / "index.html",
                     _page(f"{cls} ({len(xs)})", f"<h1>{e(cls)} ({len(xs)})</h1><ul>{rows}</ul>"))
        items.append(f'<li><a href="/class/{e(cls)}/">{e(cls)}</a> ({len(xs)})</li>')
    body = ("<h1>partnergraph</h1><p>International municipal partnerships from German news, as linked data. "
            "Every resource below answers in HTML, Turtle, JSON-LD and N-Triples.</p>"
            f"<h2>Classes</h2><ul>{''.join(items)}</ul>"
            '<h2>Data</h2><ul><li><a href="/dump.ttl.gz">dump.ttl.gz</a> (Turtle)</li>'
            '<li><a href="/dump.nq.gz">dump.nq.gz</a> (N-Quads, one graph per article)</li>'
            '<li><a href="/.well-known/void">VoID / DCAT description</a></li>'
            '<li><a href="/ontology/">the ontology</a></li></ul>')
    write_atomic(out_dir / "index.html", _page("partnergraph", body))


def _href(iri: str, base: str) -> str:
    return "/id/" + quote(iri[len(base):], safe="/-._~") + "/"


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>body{{font:15px/1.45 system-ui,sans-serif;margin:0 auto;"
            "max-width:70rem;padding:1rem 1.5rem}}a{{color:#1a5fa0}}</style></head><body>"
            f"{body}</body></html>\n")


def _write_dataset_files(store: GraphStore, out_dir: Path, base: str) -> None:
    # the same bytes `serve` answers for /dump.*.gz (mtime=0 keeps the gzip header stable)
    quads = list(store.quads())
    for name in publish.DUMPS:
        fmt = "turtle" if name.endswith(".ttl.gz") else "nquads"
        write_atomic(out_dir / name, gzip.compress(to_bytes(quads, fmt, base=base), mtime=0))
    stats = publish.dataset_stats(store, base=base)
    void = publish.void_turtle(stats, base=base)
    write_atomic(out_dir / ".well-known" / "void", void)
    write_atomic(out_dir / publish.VOID_FILE, void)
    source, triples = publish.read_ontology()
    from . import docs  # the page the build writes as ontology.html and `serve` answers at /ontology

    write_atomic(out_dir / "ontology" / "index.html", _static_links(docs.render()))
    write_atomic(out_dir / "ontology" / "index.ttl", source)
    write_atomic(out_dir / "ontology" / "index.jsonld", serialize_graph(triples, ox.RdfFormat.JSON_LD, base=base))


def apache_rules() -> str:
    """Content negotiation for Apache (mod_rewrite, mod_mime): the representation a client asks
    for by Accept header or by ``?format=``, as `serve` answers. Browsers get HTML."""
    lines = [
        "# partnergraph static site: content negotiation for Apache (mod_rewrite, mod_mime, mod_headers).",
        "# Deploy the site at the root of its host; the w3id.org redirect points /partnergraph/id/… here.",
        "Options -MultiViews",
        "DirectoryIndex index.html",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples .nt",
        "AddType application/gzip .gz",
        "AddCharset utf-8 .html .ttl .jsonld .nt",
        "<Files \"void\">",
        "  ForceType text/turtle",
        "</Files>",
        "Header always set Vary Accept",
        "Header always set Access-Control-Allow-Origin \"*\"",
        "RewriteEngine On",
        "RewriteBase /",
    ]
    for name, (_, media) in REPRESENTATIONS.items():
        ext = name.split(".", 1)[1]
        accept = re.escape(media).replace("/", "\\/")
        for cond in (f"%{{QUERY_STRING}} (^|&)format={ext}(&|$)", f"%{{HTTP_ACCEPT}} {accept}"):
            lines += [f"RewriteCond {cond}", "RewriteCond %{REQUEST_URI} !/index\\.[a-z]+$",
                      f"RewriteRule ^((?:id|ontology)(?:/.*?)?)/?$ $1/{name} [L]"]
    return "\n".join(lines) + "\n"


def nginx_rules() -> str:
    """The same negotiation for nginx: include this file in the site's ``server`` block."""
    maps = "\n".join(f"    \"~*{re.escape(media)}\" {name.split('.', 1)[1]};"
                     for name, (_, media) in REPRESENTATIONS.items())
    return f"""# partnergraph static site: content negotiation for nginx. The map goes into the http block,
# the rest into the server block whose root is the site folder.
map $http_accept $partnergraph_ext {{
    default html;
{maps}
}}
map $arg_format $partnergraph_fmt {{
    default $partnergraph_ext;
    ttl ttl;
    jsonld jsonld;
    nt nt;
    html html;
}}
types {{
    text/html html;
    text/turtle ttl;
    application/ld+json jsonld;
    application/n-triples nt;
    application/gzip gz;
}}
charset utf-8;
charset_types text/turtle application/ld+json application/n-triples;
add_header Vary Accept always;
add_header Access-Control-Allow-Origin * always;
location ~ ^/(id|ontology)(/.*)?$ {{
    try_files $uri/index.$partnergraph_fmt $uri/index.html $uri =404;
}}
location = /.well-known/void {{
    default_type text/turtle;
}}
"""
