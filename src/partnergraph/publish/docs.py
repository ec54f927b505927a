"""The human documentation: one self-contained HTML page (no script, no stylesheet or font from
the network) describing the ontology's classes and properties, the SHACL constraints on each
class, and every concept of every SKOS scheme in ``ontology/``.

Every term has an anchor, so other documents can link into the page: ``#Partnership`` and
``#partnerOf`` for ontology terms (their local names), ``#programme-nakopa`` or
``#theme-klimaschutz`` for concepts (their IRI path below the resource base, ``/`` → ``-``), and
``#scheme-themes`` for concept schemes. Same files in, byte-identical page out.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, Namespace

from .export import write_atomic
from ..namespaces import DEFAULT_BASE, PG_IRI, PREFIXES
from ..resources import ontology_dir
from ..vocab import load_vocabulary, parse_turtle

LOGGER = logging.getLogger(__name__)

ONTOLOGY_FILE = "partnergraph.ttl"
SHAPES_FILE = "shapes.ttl"

PG_NS = Namespace(PG_IRI)
SH = Namespace("http://www.w3.org/ns/shacl#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")
SDG = "http://metadata.un.org/sdg/"
#: prefixes for showing external IRIs compactly (the project's own, plus those the ontology
#: files declare for alignments)
SHOWN_PREFIXES = {**{p: ns for p, ns in PREFIXES.items() if p != "pgid"},
                  "oa": "http://www.w3.org/ns/oa#", "wdt": "http://www.wikidata.org/prop/direct/",
                  "wd": "http://www.wikidata.org/entity/", "vann": str(VANN), "sh": str(SH)}
#: links from a programme to organisations, in the column order of the programme table
ORGANISATION_LINKS = (("implementedBy", "durchgeführt von / implemented by"),
                      ("fundedBy", "finanziert von / funded by"),
                      ("cooperationPartner", "Kooperationspartner / cooperation partner"))
#: the order of the concept schemes on the page (any other scheme follows, by IRI)
SCHEME_ORDER = ("programmes", "themes", "partnership-types", "register-types", "organisations")
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)




def _sorted(nodes: Iterable) -> list:
    return sorted(set(nodes), key=str)


def _text(g: Graph, s, p, lang: str) -> str:
    values = sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang)
    return values[0] if values else ""


def _scheme_key(scheme) -> tuple[int, str]:
    name = str(scheme).rsplit("/", 1)[-1]
    return (SCHEME_ORDER.index(name) if name in SCHEME_ORDER else len(SCHEME_ORDER), str(scheme))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class Page:
    """Collects what the page shows and renders it; `render` is the only output."""

    def __init__(self, directory: Path):
        self.onto = parse_turtle(directory / ONTOLOGY_FILE)
        self.shapes = parse_turtle(directory / SHAPES_FILE)
        vocabulary = load_vocabulary(directory)
        self.vocab = vocabulary.graph
        self.files = sorted([ONTOLOGY_FILE, SHAPES_FILE] + [p.name for p in vocabulary.files])
        self.classes = [c for c in _sorted(self.onto.subjects(RDF.type, OWL.Class)) if self._own(c)]
        kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
        self.properties = [p for p in _sorted(s for k in kinds for s in self.onto.subjects(RDF.type, k))
                           if self._own(p)]
        self.schemes = sorted(set(self.vocab.subjects(RDF.type, SKOS.ConceptScheme)), key=_scheme_key)
        #: IRI → anchor, for every term the page documents
        self.anchors: dict[str, str] = {}
        for term in self.classes + self.properties:
            self.anchors[str(term)] = str(term)[len(PG_IRI):]
        for node in self.schemes + _sorted(self.vocab.subjects(SKOS.inScheme, None)):
            if str(node).startswith(DEFAULT_BASE):
                self.anchors[str(node)] = str(node)[len(DEFAULT_BASE):].replace("/", "-")

    @staticmethod
    def _own(node) -> bool:
        return isinstance(node, URIRef) and str(node).startswith(PG_IRI)

    # -- terms ------------------------------------------------------------------------------

    def label(self, node, lang: str = "de") -> str:
        for g in (self.vocab, self.onto):
            for p in (SKOS.prefLabel, RDFS.label):
                text = _text(g, node, p, lang)
                if text:
                    return text
        return ""

    def curie(self, iri: str) -> str:
        for prefix, ns in sorted(SHOWN_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def term(self, node, graph: Graph | None = None) -> str:
        """One node as HTML: a link into this page, a link out, a union, or a literal."""
        graph = graph if graph is not None else self.onto
        if isinstance(node, BNode):
            members = graph.value(node, OWL.unionOf)
            if members is not None:
                return " or ".join(self.term(m, graph) for m in Collection(graph, members))
            return "(anonymous)"
        if isinstance(node, Literal):
            lang = f' <span class="lang">@{node.language}</span>' if node.language else ""
            return f"{_esc(str(node))}{lang}"
        iri = str(node)
        anchor = self.anchors.get(iri)
        if anchor is not None:
            if iri.startswith(PG_IRI):
                return f'<a href="#{_esc(anchor)}"><code>{_esc(self.curie(iri))}</code></a>'
            return f'<a href="#{_esc(anchor)}">{_esc(self.label(node) or anchor)}</a>'
        if iri.startswith(SDG):
            return f'<a href="{_esc(iri)}">SDG {_esc(iri[len(SDG):])}</a>'
        return f'<a href="{_esc(iri)}"><code>{_esc(self.curie(iri))}</code></a>'

    def terms(self, nodes: Iterable, graph: Graph | None = None) -> str:
        return ", ".join(self.term(n, graph) for n in _sorted(nodes))

    # -- sections ---------------------------------------------------------------------------

    def header(self) -> str:
        o = next(iter(_sorted(self.onto.subjects(RDF.type, OWL.Ontology))))
        rows = [("IRI", f"<code>{_esc(str(o))}</code>"),
                ("Namespace", f"<code>{_esc(PG_IRI)}</code> (prefix <code>pg:</code>)"),
                ("Version", self.terms(self.onto.objects(o, OWL.versionInfo))),
                ("Creator", self.terms(self.onto.objects(o, DCTERMS.creator))),
                ("Licence", self.terms(self.onto.objects(o, DCTERMS.license))),
                ("Resources", f"<code>{_esc(DEFAULT_BASE)}</code> (prefix <code>pgid:</code>; "
                              "changed by <code>build --base</code>)"),
                ("Files", ", ".join(f"<code>ontology/{_esc(f)}</code>" for f in self.files)),
                ("Terms", f"{len(self.classes)} classes, {len(self.properties)} properties, "
                          f"{len(self.schemes)} concept schemes, "
                          f"{len(set(self.vocab.subjects(SKOS.inScheme, None)))} concepts")]
        table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        title_en = _text(self.onto, o, DCTERMS.title, "en") or "partnergraph ontology"
        return (f"<h1>{_esc(title_en)}</h1>\n<table class=\"meta\">{table}</table>\n"
                f"{self.comments(o, RDFS.comment)}\n")

    def comments(self, node, prop, graph: Graph | None = None) -> str:
        graph = graph if graph is not None else self.onto
        out = []
        for lang in ("de", "en"):
            text = _text(graph, node, prop, lang)
            if text:
                out.append(f'<p lang="{lang}"><span class="lang">{lang}</span> {_esc(text)}</p>')
        return "".join(out)

    def contents(self) -> str:
        def items(nodes):
            return " · ".join(self.term(n) for n in nodes)
        schemes = "".join(f"<li>{self.term(s)}</li>" for s in self.schemes)
        return ("<nav><h2>Contents</h2><ul>"
                f'<li><a href="#classes">Classes</a>: {items(self.classes)}</li>'
                f'<li><a href="#properties">Properties</a>: {items(self.properties)}</li>'
                f'<li><a href="#schemes">Concept schemes</a><ul>{schemes}</ul></li>'
                "</ul></nav>\n")

    def _domain_classes(self, prop) -> set:
        out = set()
        for d in self.onto.objects(prop, RDFS.domain):
            members = self.onto.value(d, OWL.unionOf) if isinstance(d, BNode) else None
            out.update(Collection(self.onto, members) if members is not None else [d])
        return out

    def constraints(self, cls) -> str:
        """The SHACL constraints that apply to instances of `cls`, as path → message."""
        rows = []
        for shape in _sorted(self.shapes.subjects(SH.targetClass, cls)):
            own = self.shapes.value(shape, SH.message)
            if own is not None and (shape, SH.pattern, None) in self.shapes:
                rows.append(("IRI", str(own)))
            for ps in self.shapes.objects(shape, SH.property):
                msg = self.shapes.value(ps, SH.message)
                if msg is not None:
                    rows.append((self.path(self.shapes.value(ps, SH.path)), str(msg)))
            for sparql in self.shapes.objects(shape, SH.sparql):
                msg = self.shapes.value(sparql, SH.message)
                if msg is not None:
                    rows.append(("(SPARQL)", str(msg)))
            if (shape, SH["or"], None) in self.shapes and own is not None:
                rows.append(("(node)", str(own)))
        if not rows:
            return ""
        body = "".join(f"<tr><td><code>{_esc(p)}</code></td><td>{_esc(m)}</td></tr>"
                       for p, m in sorted(set(rows)))
        return (f'<details><summary>SHACL constraints ({len(set(rows))})</summary>'
                f'<table class="shacl">{body}</table></details>')

    def path(self, node) -> str:
        if isinstance(node, URIRef):
            return self.curie(str(node))
        if isinstance(node, BNode):
            alt = self.shapes.value(node, SH.alternativePath)
            if alt is not None:
                return " | ".join(self.path(x) for x in Collection(self.shapes, alt))
            inv = self.shapes.value(node, SH.inversePath)
            if inv is not None:
                return "^" + self.path(inv)
        return str(node)

    def class_section(self, cls) -> str:
        local = str(cls)[len(PG_IRI):]
        rows = [("Superclasses", self.terms(self.onto.objects(cls, RDFS.subClassOf)))]
        with_domain = [p for p in self.properties if cls in self._domain_classes(p)]
        if with_domain:
            rows.append(("Properties", " · ".join(self.term(p) for p in with_domain)))
        as_range = [p for p in self.properties if cls in set(self._range_classes(p))]
        if as_range:
            rows.append(("Value of", " · ".join(self.term(p) for p in as_range)))
        see = list(self.onto.objects(cls, RDFS.seeAlso))
        if see:
            rows.append(("See also", self.terms(see)))
        return self._term_section(cls, local, "Class", rows) + self.constraints(cls) + "</section>\n"

    def _range_classes(self, prop) -> list:
        out = []
        for r in self.onto.objects(prop, RDFS.range):
            members = self.onto.value(r, OWL.unionOf) if isinstance(r, BNode) else None
            out.extend(Collection(self.onto, members) if members is not None else [r])
        return out

    def property_section(self, prop) -> str:
        local = str(prop)[len(PG_IRI):]
        types = [self.curie(str(t)) for t in _sorted(self.onto.objects(prop, RDF.type))]
        rows = [("Type", ", ".join(f"<code>{_esc(t)}</code>" for t in types)),
                ("Domain", self.terms(self.onto.objects(prop, RDFS.domain))),
                ("Range", self.terms(self.onto.objects(prop, RDFS.range)))]
        for label, p in (("Subproperty of", RDFS.subPropertyOf), ("Close match", SKOS.closeMatch),
                         ("See also", RDFS.seeAlso)):
            values = list(self.onto.objects(prop, p))
            if values:
                rows.append((label, self.terms(values)))
        return self._term_section(prop, local, "Property", rows) + "</section>\n"

    def _term_section(self, node, local: str, kind: str, rows: list[tuple[str, str]]) -> str:
        de, en = self.label(node, "de"), self.label(node, "en")
        table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v)
        # the anchor is the table's head row (`<tr id>`), the heading inside it: the server's
        # /ontology serves this page, and links and clients there address terms as row ids
        return (f'<section class="term"><table><tr id="{_esc(local)}"><td colspan="2">'
                f'<h3><code>pg:{_esc(local)}</code> <span class="kind">{kind}</span></h3>'
                f'<p class="labels"><span lang="de">{_esc(de)}</span> · <span lang="en">{_esc(en)}</span>'
                f' · <code class="iri">{_esc(str(node))}</code></p>'
                f"{self.comments(node, RDFS.comment)}</td></tr>{table}</table>")

    # -- concept schemes --------------------------------------------------------------------

    def concepts_of(self, scheme) -> list:
        """The scheme's concepts, each followed by its narrower ones (depth-first, by label)."""
        members = set(self.vocab.subjects(SKOS.inScheme, scheme))

        def key(c):
            return (self.label(c).casefold(), str(c))

        def parents(c):
            return [b for b in self.vocab.objects(c, SKOS.broader) if b in members]

        out, seen = [], set()

        def walk(c, depth):
            if c in seen:
                return
            seen.add(c)
            out.append((c, depth))
            for child in sorted((x for x in members if c in parents(x)), key=key):
                walk(child, depth + 1)

        for root in sorted((c for c in members if not parents(c)), key=key):
            walk(root, 0)
        for rest in sorted(members - seen, key=key):  # a cycle of skos:broader: still shown
            walk(rest, 0)
        return out

    def scheme_section(self, scheme) -> str:
        anchor = self.anchors.get(str(scheme), _esc(str(scheme)))
        concepts = self.concepts_of(scheme)
        links = [(p, title) for p, title in ORGANISATION_LINKS
                 if any((c, PG_NS[p], None) in self.vocab for c, _ in concepts)]
        has_broader = any((c, SKOS.broader, None) in self.vocab for c, _ in concepts)
        has_mapping = any((c, m, None) in self.vocab for c, _ in concepts for m in MAPPINGS)
        head = ["Begriff / concept", "Bezeichnungen / labels", "Definition"]
        head += ["Oberbegriff / broader"] if has_broader else []
        head += ["Abgleich / mappings"] if has_mapping else []
        head += [title for _, title in links]
        rows = []
        for c, depth in concepts:
            cid = self.anchors.get(str(c), "")
            alts = sorted({str(a) for a in self.vocab.objects(c, SKOS.altLabel)}, key=str.casefold)
            hidden = sorted({str(a) for a in self.vocab.objects(c, SKOS.hiddenLabel)}, key=str.casefold)
            labels = (f'<b lang="de">{_esc(self.label(c, "de"))}</b><br><span lang="en">'
                      f'{_esc(self.label(c, "en"))}</span>')
            if alts:
                labels += '<div class="alt">' + " · ".join(_esc(a) for a in alts) + "</div>"
            if hidden:
                labels += '<div class="alt hidden">hidden: ' + " · ".join(_esc(a) for a in hidden) + "</div>"
            cells = [f'<td id="{_esc(cid)}" style="padding-left:{0.4 + 1.2 * depth:.1f}em">'
                     f'<code>{_esc(str(c).rsplit("/", 1)[-1])}</code></td>',
                     f"<td>{labels}</td>", f"<td>{self.comments(c, SKOS.definition, self.vocab)}</td>"]
            if has_broader:
                cells.append(f"<td>{self.terms(self.vocab.objects(c, SKOS.broader))}</td>")
            if has_mapping:
                mapped = []
                for m in MAPPINGS:
                    values = list(self.vocab.objects(c, m))
                    if values:
                        mapped.append(f'<span class="map">{_esc(self.curie(str(m)))}</span> '
                                      f"{self.terms(values, self.vocab)}")
                cells.append("<td>" + "<br>".join(mapped) + "</td>")
            for p, _ in links:
                cells.append(f"<td>{self.terms(self.vocab.objects(c, PG_NS[p]), self.vocab)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        thead = "".join(f"<th>{_esc(h)}</th>" for h in head)
        return (f'<section class="scheme" id="{_esc(anchor)}"><h3>{_esc(self.label(scheme, "de"))}'
                f' · <span lang="en">{_esc(self.label(scheme, "en"))}</span></h3>'
                f'<p class="labels"><code class="iri">{_esc(str(scheme))}</code> · {len(concepts)} concepts</p>'
                f"{self.comments(scheme, SKOS.definition, self.vocab)}"
                f'<table class="concepts"><thead><tr>{thead}</tr></thead><tbody>{"".join(rows)}</tbody>'
                "</table></section>\n")

    def render(self) -> str:
        body = [self.header(), self.contents(), '<h2 id="classes">Classes</h2>\n']
        body += [self.class_section(c) for c in self.classes]
        body.append('<h2 id="properties">Properties</h2>\n')
        body += [self.property_section(p) for p in self.properties]
        body.append('<h2 id="schemes">Concept schemes</h2>\n')
        body += [self.scheme_section(s) for s in self.schemes]
        return _TEMPLATE.format(title="partnergraph ontology", css=_CSS, body="".join(body))



def render(directory: Path | None = None) -> str:
    """The documentation page of the ontology files in `directory` (default: ``ontology/``)."""
    return Page(Path(directory) if directory else ontology_dir()).render()


def write_docs(path: Path, *, directory: Path | None = None, memo=None) -> Path:
    """Writes the page to `path` (atomically) and returns the path. A build passes its `memo`
    (memo.py, whose rows are of one version of the code): the page of the same ontology files
    is then taken from it, where rendering it (parsing every Turtle file with rdflib) cost
    about 0.4 s of every one-article rebuild, whatever the graph's size (issue 16)."""
    directory = Path(directory) if directory else ontology_dir()
    key = _files_key(directory) if memo is not None else None
    page = memo.get(MEMO_KIND, key) if key is not None else None
    if page is None:
        page = render(directory).encode("utf-8")
        if key is not None:
            memo.put(MEMO_KIND, key, page)
    write_atomic(Path(path), page)
    LOGGER.info("wrote %s", path)
    return Path(path)


#: the memo's kind of row for the page
MEMO_KIND = "ontology-page"


def _files_key(directory: Path) -> str:
    """A digest of the Turtle files the page is made of (their names and bytes)."""
    import hashlib

    h = hashlib.sha256()
    for p in sorted(directory.glob("*.ttl")):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:78em;margin:0 auto;
padding:1em 2em;line-height:1.45;color:#1d1d1f}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #2b7bba;padding-bottom:.2em;margin-top:2em}
h3{margin:.2em 0}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
a{color:#1f5f99;text-decoration:none}a:hover{text-decoration:underline}
section.term{border:1px solid #d8dde3;border-radius:6px;padding:.6em 1em;margin:1em 0}
section:target,tr:target,td:target{background:#fff8dc}
section.term table{width:100%}section.term tr[id] td{padding:0 0 .3em}
.kind{font-size:.7em;color:#666;font-weight:normal;text-transform:uppercase;margin-left:.5em}
.labels{color:#444;margin:.2em 0}.iri{color:#777;font-size:.8em}
.lang{display:inline-block;font-size:.7em;color:#fff;background:#8a94a0;border-radius:3px;
padding:0 .3em;margin-right:.3em;vertical-align:middle}
table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:.25em .5em}
section.term table th{color:#555;font-weight:600;white-space:nowrap}
table.meta th{color:#555}
table.concepts{width:100%;font-size:.9em}table.concepts th{background:#eef2f6;position:sticky;top:0}
table.concepts td{border-top:1px solid #e3e7eb}table.concepts p{margin:.1em 0}
table.concepts td:first-child{max-width:12em;overflow-wrap:anywhere}
table.concepts td:nth-child(2){min-width:14em}table.concepts td:nth-child(3){min-width:30em}
.alt{color:#555;font-size:.85em;margin-top:.3em}.hidden{color:#888}
.map{color:#777;font-size:.85em}
table.shacl td{border-top:1px solid #eee;font-size:.9em}details{margin-top:.5em}
nav ul{padding-left:1.2em}nav li{margin:.3em 0}
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{css}</style></head>
<body>
{body}<footer><p>Generated by <code>partnergraph docs</code> from the Turtle files in
<code>ontology/</code>.</p></footer>
</body></html>
"""
