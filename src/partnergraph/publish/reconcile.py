"""Reconciliation with Wikidata: which of our municipalities are which Wikidata items, and how
the partnerships the news attests compare with Wikidata's twinning statements (P190).

The work happens in three steps, each a small batch of SPARQL queries against an endpoint with
Wikidata's shape (the public one by default, any other with the same properties for tests and
mirrors):

1. **Identity.** An item whose GeoNames id (P1566) equals the municipality's is the same place.
   A municipality without a GeoNames id (or whose id no item carries) is looked up by its label
   in German or English, restricted to items in its country (P17 → P297) with coordinates
   (P625) within `MAX_DISTANCE_KM`. One such item is a match; several are reported as ambiguous
   and left unlinked; a municipality without coordinates of its own is never matched by label
   (we would have to guess) and its candidates are listed for a person to decide.
2. **Twinning.** The P190 statements of every matched item are read in both directions (Wikidata
   often records a twinning on one side only), with their start (P580) and end (P582) qualifiers.
3. **Comparison.** Partnerships the news attests that Wikidata lacks (with the evidence sentence,
   the article and a QuickStatements line to add them), P190 links of our municipalities the news
   never mentions, and conflicts (a start year that differs from P580).

The links and the statements read are written into one named graph of their own
(`WIKIDATA_GRAPH`), in Wikidata's own vocabulary, so the bundled query ``wikidata-gaps`` can ask
the same questions in SPARQL; the report goes to ``reconcile.json`` and ``reconcile.html``.

The endpoint and its polite client are in publish/wikidata.py, the Turtle and HTML outputs in
publish/reconcile_report.py.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..geo import distance_km  # noqa: F401 (also part of this module's interface)
from ..namespaces import GRAPH_BASE, sparql_prologue
from ..store.embedded import GraphStore
from .export import write_atomic
from .reconcile_report import links_turtle, render_html
# USER_AGENT: re-exported, the client's identity belongs to reconciliation's public names
from .wikidata import P, PQ, PS, USER_AGENT, WD, WD_PROLOGUE, WDT, WIKIDATA_ENDPOINT, SparqlClient  # noqa: F401

LOGGER = logging.getLogger(__name__)

WIKIDATA_GRAPH = GRAPH_BASE + "wikidata"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: values per VALUES block. The public service refuses GET URLs over ~8 kB and times queries out
#: after 60 s; 200 ids in a POST body stay far below both (a 200-id P190 query answers in < 1 s)
BATCH_SIZE = 200
#: how far a label match's coordinates may lie from ours: GeoNames places a town at its centre,
#: Wikidata often at its town hall or the centroid of a large municipality; 20 km separates
#: Granada (Nicaragua) from Granada (Spain) and San Carlos (NI) from its namesakes, yet keeps the
#: 5–15 km offsets we saw between the two databases for large cities
MAX_DISTANCE_KM = 20.0


@dataclass(frozen=True)
class Place:
    iri: str
    label: str
    country: str  # ISO alpha-2
    geonames: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class NewsPartnership:
    iri: str
    a: str  # municipality IRIs, sorted
    b: str
    type: str
    start: int | None
    quote: str
    url: str


@dataclass
class Reconciliation:
    endpoint: str
    matched: dict[str, tuple[str, str]] = field(default_factory=dict)  # our IRI → (QID, method)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # our IRI → candidate QIDs
    unmatched: dict[str, list[str]] = field(default_factory=dict)  # our IRI → candidates (may be empty)
    twinnings: list[dict] = field(default_factory=list)  # P190 statements read
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # QID → {lang: label}
    news_only: list[dict] = field(default_factory=list)
    wikidata_only: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    in_both: list[dict] = field(default_factory=list)
    not_comparable: list[dict] = field(default_factory=list)

    def to_dict(self, places: dict[str, Place]) -> dict:
        def place(iri: str) -> dict:
            p = places[iri]
            return {"iri": iri, "label": p.label, "country": p.country}

        return {
            "endpoint": self.endpoint,
            "summary": {
                "municipalities": len(places), "matched": len(self.matched), "ambiguous": len(self.ambiguous),
                "unmatched": len(self.unmatched), "p190_statements": len(self.twinnings),
                "news_only": len(self.news_only), "wikidata_only": len(self.wikidata_only),
                "conflicts": len(self.conflicts), "in_both": len(self.in_both),
                "not_comparable": len(self.not_comparable),
            },
            "matched": [{**place(iri), "wikidata": WD + q, "method": m}
                        for iri, (q, m) in sorted(self.matched.items())],
            "ambiguous": [{**place(iri), "candidates": [WD + q for q in qs]}
                          for iri, qs in sorted(self.ambiguous.items())],
            "unmatched": [{**place(iri), "candidates": [WD + q for q in qs]}
                          for iri, qs in sorted(self.unmatched.items())],
            "news_only": self.news_only,
            "wikidata_only": self.wikidata_only,
            "conflicts": self.conflicts,
            "in_both": self.in_both,
            "not_comparable": self.not_comparable,
        }


def _qid(iri: str) -> str | None:
    return iri[len(WD):] if iri.startswith(WD) and re.fullmatch(r"Q\d+", iri[len(WD):]) else None


_POINT = re.compile(r"Point\(\s*([-+\d.eE]+)\s+([-+\d.eE]+)\s*\)", re.IGNORECASE)


def _point(wkt: str | None) -> tuple[float, float] | None:
    m = _POINT.search(wkt or "")
    return (float(m.group(2)), float(m.group(1))) if m else None  # (lat, lon)


def _batches(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# -- our side ----------------------------------------------------------------------------------

def _value(term) -> str | None:
    return None if term is None else term.value


def our_places(store: GraphStore, base: str) -> dict[str, Place]:
    q = sparql_prologue(base) + """
SELECT ?m ?label ?cc ?gn ?wkt WHERE {
  ?m a pg:Municipality ; rdfs:label ?label ; pg:country/pg:countryCode ?cc .
  FILTER(LANG(?label) = "de")
  OPTIONAL { ?m pg:geonamesId ?gn }
  OPTIONAL { ?m geo:hasGeometry/geo:asWKT ?wkt }
}"""
    places: dict[str, Place] = {}
    for s in store.query(q):
        iri = s["m"].value
        point = _point(_value(s["wkt"]))
        if iri not in places:
            places[iri] = Place(iri, s["label"].value, s["cc"].value.upper(), _value(s["gn"]),
                                point[0] if point else None, point[1] if point else None)
    return dict(sorted(places.items()))


def our_partnerships(store: GraphStore, base: str, places: dict[str, Place]) -> list[NewsPartnership]:
    """Partnerships between two municipalities, each with its first evidence sentence (by
    article URL and offset, so the choice is stable)."""
    q = sparql_prologue(base) + """
SELECT ?p ?a ?b ?type ?year ?quote ?url ?start WHERE {
  ?p a pg:Partnership ; pg:partner ?a, ?b ; pg:partnershipType ?t .
  ?a a pg:Municipality . ?b a pg:Municipality .
  FILTER(STR(?a) < STR(?b))
  BIND(REPLACE(STR(?t), "^.*/", "") AS ?type)
  OPTIONAL { ?p pg:startYear ?year }
  OPTIONAL { ?p pg:evidence ?e . ?e pg:quote ?quote ; pg:start ?start ; pg:inArticle/schema:url ?url }
}"""
    best: dict[tuple[str, str, str], tuple] = {}
    for s in store.query(q):
        a, b = s["a"].value, s["b"].value
        if a not in places or b not in places:
            continue
        year = _value(s["year"])
        key = (s["p"].value, a, b)
        evidence = (_value(s["url"]) or "", int(s["start"].value) if s["start"] else 0, _value(s["quote"]) or "")
        candidate = (s["type"].value, int(year[:4]) if year and year[:4].isdigit() else None, evidence)
        if key not in best or candidate[2] < best[key][2]:
            best[key] = candidate
    return [NewsPartnership(p, a, b, t, start, quote, url)
            for (p, a, b), (t, start, (url, _, quote)) in sorted(best.items())]


# -- Wikidata's side ---------------------------------------------------------------------------

def match_places(client: SparqlClient, places: dict[str, Place], rec: Reconciliation,
                 max_km: float = MAX_DISTANCE_KM) -> None:
    by_gn: dict[str, list[str]] = {}
    for p in places.values():
        if p.geonames:
            by_gn.setdefault(p.geonames, []).append(p.iri)
    items_of: dict[str, set[str]] = {}
    for batch in _batches(sorted(by_gn)):
        values = " ".join(str(ox.Literal(g)) for g in batch)  # N-Triples syntax, which SPARQL reads
        for row in client.select(WD_PROLOGUE + f"SELECT ?item ?gn WHERE {{ VALUES ?gn {{ {values} }} "
                                                f"?item wdt:P1566 ?gn . }}"):
            q = _qid(row["item"]["value"])
            if q:
                items_of.setdefault(row["gn"]["value"], set()).add(q)
    rest = []
    for gn, iris in by_gn.items():
        qs = sorted(items_of.get(gn, ()), key=lambda q: int(q[1:]))
        for iri in iris:
            if len(qs) == 1:
                rec.matched[iri] = (qs[0], "geonames")
            elif len(qs) > 1:
                rec.ambiguous[iri] = qs
            else:
                rest.append(iri)
    rest += [p.iri for p in places.values() if not p.geonames]
    _match_by_label(client, [places[i] for i in sorted(rest)], rec, max_km)


def _match_by_label(client: SparqlClient, todo: list[Place], rec: Reconciliation, max_km: float) -> None:
    if not todo:
        return
    labels = sorted({p.label for p in todo})
    found: dict[str, list[tuple[str, str, tuple[float, float] | None]]] = {}  # label → (QID, cc, point)
    for batch in _batches(labels):
        values = " ".join(f"{ox.Literal(l, language='de')} {ox.Literal(l, language='en')}" for l in batch)
        query = WD_PROLOGUE + f"""SELECT DISTINCT ?item ?label ?cc ?coord WHERE {{
  VALUES ?label {{ {values} }}
  ?item rdfs:label ?label ; wdt:P17/wdt:P297 ?cc .
  OPTIONAL {{ ?item wdt:P625 ?coord }}
}}"""
        for row in client.select(query):
            q = _qid(row["item"]["value"])
            if q:
                found.setdefault(row["label"]["value"], []).append(
                    (q, row["cc"]["value"].upper(), _point(row.get("coord", {}).get("value"))))
    for p in todo:
        same_country = sorted({(q, pt) for q, cc, pt in found.get(p.label, ()) if cc == p.country},
                              key=lambda c: int(c[0][1:]))
        if p.lat is None or p.lon is None:
            rec.unmatched[p.iri] = sorted({q for q, _ in same_country}, key=lambda q: int(q[1:]))
            continue
        near = sorted({q for q, pt in same_country if pt and distance_km((p.lat, p.lon), pt) <= max_km},
                      key=lambda q: int(q[1:]))
        if len(near) == 1:
            rec.matched[p.iri] = (near[0], "label+country+coordinates")
        elif len(near) > 1:
            rec.ambiguous[p.iri] = near
        else:
            rec.unmatched[p.iri] = []


def read_twinnings(client: SparqlClient, rec: Reconciliation) -> None:
    """Every P190 statement whose subject or object is one of our matched items."""
    ours = sorted({q for q, _ in rec.matched.values()}, key=lambda q: int(q[1:]))
    seen: dict[str, dict] = {}
    for batch in _batches(ours):
        values = " ".join(f"wd:{q}" for q in batch)
        for side in ("?a", "?b"):
            query = WD_PROLOGUE + f"""SELECT ?st ?a ?b ?start ?end WHERE {{
  VALUES {side} {{ {values} }}
  ?a p:P190 ?st . ?st ps:P190 ?b .
  OPTIONAL {{ ?st pq:P580 ?start }}
  OPTIONAL {{ ?st pq:P582 ?end }}
}}"""
            for row in client.select(query):
                a, b = _qid(row["a"]["value"]), _qid(row["b"]["value"])
                if not a or not b:
                    continue
                st = row["st"]["value"]
                seen.setdefault(st, {"statement": st, "a": a, "b": b,
                                     "start": row.get("start", {}).get("value"),
                                     "end": row.get("end", {}).get("value")})
    rec.twinnings = sorted(seen.values(), key=lambda t: (int(t["a"][1:]), int(t["b"][1:]), t["statement"]))
    items = sorted({t[k] for t in rec.twinnings for k in ("a", "b")} | set(ours), key=lambda q: int(q[1:]))
    for batch in _batches(items):
        values = " ".join(f"wd:{q}" for q in batch)
        query = WD_PROLOGUE + f"""SELECT ?item ?label WHERE {{
  VALUES ?item {{ {values} }}
  ?item rdfs:label ?label . FILTER(LANG(?label) IN ("de", "en"))
}}"""
        for row in client.select(query):
            q = _qid(row["item"]["value"])
            if q:
                rec.labels.setdefault(q, {})[row["label"].get("xml:lang", "")] = row["label"]["value"]


def _year(value: str | None) -> int | None:
    m = re.match(r"^[+]?(-?\d{1,4})-", value or "")
    return int(m.group(1)) if m else None


def compare(rec: Reconciliation, places: dict[str, Place], partnerships: list[NewsPartnership]) -> None:
    by_pair: dict[frozenset, list[dict]] = {}
    for t in rec.twinnings:
        by_pair.setdefault(frozenset((t["a"], t["b"])), []).append(t)
    qid_of = {iri: q for iri, (q, _) in rec.matched.items()}
    ours_by_qid = {q: iri for iri, q in qid_of.items()}
    news_pairs: set[frozenset] = set()
    for np in partnerships:
        qa, qb = qid_of.get(np.a), qid_of.get(np.b)
        entry = {"partnership": np.iri, "a": places[np.a].label, "b": places[np.b].label,
                 "a_iri": np.a, "b_iri": np.b, "type": np.type, "start": np.start,
                 "evidence": np.quote, "source": np.url}
        if not qa or not qb:
            entry["reason"] = "partner without a Wikidata item: " + ", ".join(
                places[i].label for i, q in ((np.a, qa), (np.b, qb)) if not q)
            rec.not_comparable.append(entry)
            continue
        pair = frozenset((qa, qb))
        news_pairs.add(pair)
        entry.update(a_wikidata=WD + qa, b_wikidata=WD + qb)
        statements = by_pair.get(pair, [])
        if not statements:
            entry["quickstatements"] = quickstatements(qa, qb, np.start, np.url)
            rec.news_only.append(entry)
            continue
        wd_years = sorted({y for y in (_year(t["start"]) for t in statements) if y is not None})
        entry["wikidata_start"] = wd_years[0] if len(wd_years) == 1 else (wd_years or None)
        entry["statements"] = sorted(t["statement"] for t in statements)
        if np.start is not None and wd_years and np.start not in wd_years:
            rec.conflicts.append({**entry, "conflict": f"start year {np.start} in the news, "
                                                      f"{', '.join(map(str, wd_years))} in Wikidata (P580)"})
        else:
            rec.in_both.append(entry)
    for pair, statements in sorted(by_pair.items(), key=lambda kv: sorted(int(q[1:]) for q in kv[0])):
        if pair in news_pairs or len(pair) != 2:
            continue
        for q in sorted(pair, key=lambda q: int(q[1:])):
            if q in ours_by_qid:
                other = next(x for x in pair if x != q)
                t = statements[0]
                rec.wikidata_only.append({
                    "municipality": places[ours_by_qid[q]].label, "municipality_iri": ours_by_qid[q],
                    "wikidata": WD + q, "partner": _label(rec, other), "partner_wikidata": WD + other,
                    "partner_in_graph": ours_by_qid.get(other),
                    "start": _year(t["start"]), "end": _year(t["end"]),
                    "statements": sorted(s["statement"] for s in statements)})
                break
    for lst in (rec.news_only, rec.conflicts, rec.in_both, rec.not_comparable):
        lst.sort(key=lambda e: (e["a"], e["b"], e["type"], e["partnership"]))
    rec.wikidata_only.sort(key=lambda e: (e["municipality"], e["partner"], e["partner_wikidata"]))


def _label(rec: Reconciliation, q: str) -> str:
    labels = rec.labels.get(q, {})
    return labels.get("de") or labels.get("en") or q


def quickstatements(qa: str, qb: str, start: int | None, source: str) -> str:
    """A QuickStatements (v1) line adding the twinning, with its start year and the article as
    reference URL (S854), so a Wikidata editor can review and submit it."""
    cells = [qa, "P190", qb]
    if start is not None:
        cells += ["P580", f"+{start:04d}-00-00T00:00:00Z/9"]
    if source.startswith(("http://", "https://")):
        cells += ["S854", json.dumps(source)]
    return "\t".join(cells)


# -- outputs -----------------------------------------------------------------------------------

def links_quads(rec: Reconciliation) -> list[ox.Quad]:
    """sameAs links and the statements read, in Wikidata's vocabulary, in `WIKIDATA_GRAPH`."""
    g = ox.NamedNode(WIKIDATA_GRAPH)
    quads = []
    for iri, (q, _) in rec.matched.items():
        quads.append(ox.Quad(ox.NamedNode(iri), ox.NamedNode(OWL_SAME_AS), ox.NamedNode(WD + q), g))
    for t in rec.twinnings:
        a, b, st = ox.NamedNode(WD + t["a"]), ox.NamedNode(WD + t["b"]), ox.NamedNode(t["statement"])
        quads += [ox.Quad(a, ox.NamedNode(WDT + "P190"), b, g), ox.Quad(a, ox.NamedNode(P + "P190"), st, g),
                  ox.Quad(st, ox.NamedNode(PS + "P190"), b, g)]
        for key, prop in (("start", "P580"), ("end", "P582")):
            if t[key]:
                quads.append(ox.Quad(st, ox.NamedNode(PQ + prop),
                                     ox.Literal(t[key], datatype=ox.NamedNode(XSD + "dateTime")), g))
    for q, labels in rec.labels.items():
        for lang, text in labels.items():
            if lang:
                quads.append(ox.Quad(ox.NamedNode(WD + q), ox.NamedNode(RDFS_LABEL), ox.Literal(text, language=lang), g))
    return sorted(set(quads), key=str)


REPORT_JSON = "reconcile.json"
#: the Wikidata graph as Turtle, for consumers of the dumps (graph.ttl is the build's alone)
LINKS_TTL = "wikidata.ttl"
REPORT_HTML = "reconcile.html"
QUICKSTATEMENTS = "reconcile-quickstatements.tsv"


def reconcile(store: GraphStore, out_dir: Path, *, base: str, endpoint: str = WIKIDATA_ENDPOINT,
              client: SparqlClient | None = None, max_km: float = MAX_DISTANCE_KM) -> dict:
    """Reconciles the graph in `store` with `endpoint`; writes the report files into `out_dir`,
    replaces the `WIKIDATA_GRAPH` in the store, and returns the report (as written to JSON)."""
    client = client or SparqlClient(endpoint)
    places = our_places(store, base)
    partnerships = our_partnerships(store, base, places)
    rec = Reconciliation(endpoint=endpoint)
    match_places(client, places, rec, max_km)
    read_twinnings(client, rec)
    compare(rec, places, partnerships)
    report = rec.to_dict(places)
    report["summary"]["requests"] = client.requests
    quads = links_quads(rec)
    try:
        store.replace_graph(WIKIDATA_GRAPH, quads)
        store.flush()
    except (OSError, RuntimeError, ValueError) as exc:
        raise StoreError(f"cannot write the Wikidata links into the store: {exc}") from None
    # the request count depends on batching, not on the data: kept out of the file so it stays
    # the same for the same graph and endpoint
    body = {**report, "summary": {k: v for k, v in report["summary"].items() if k != "requests"}}
    write_atomic(out_dir / REPORT_JSON, json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    write_atomic(out_dir / REPORT_HTML, render_html(report))
    write_atomic(out_dir / LINKS_TTL, links_turtle(quads))
    write_atomic(out_dir / QUICKSTATEMENTS, "".join(e["quickstatements"] + "\n" for e in rec.news_only))
    return report
