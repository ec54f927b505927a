"""The viewer's network (`RawData`) one record at a time: what `load._join` makes of the
distinct fact rows of all graphs, made here for one entity, article or partnership from the
rows about it, so that a rebuild remakes only the records whose rows changed (join_delta.py).

A *row* is one fact of `facts.facts_of` as a tuple: ``("t", resource, class IRI)``,
``("l", property, resource, text, language, datatype)``, ``("p", property, subject, object)``
or ``("e", partnership, article, start, quote)``. `_join` collects every answer into sets and
minima, so it is a function of the set of distinct rows; each function below reads the rows of
one subject (and, where `_join` looks across, of the records already made) and gives what
`_join` gives for it. One difference that the page does not show: an article's topics
(schema:about) are kept for every article, where `_join` without article nodes reads only those
of articles whose partnerships name no theme (the only ones the page reads, through the
partnerships' themes)."""

from __future__ import annotations

from collections.abc import Iterable

from .load import (_ARTICLE_PROPS, _CLASS_RANK, _ENTITY_CLASSES, _LABEL_PROPS, _PARTNER_CLASSES, _PG, _PROPS,
                   _WKT)
from .records import ArticleRecord, Entity, PartnershipRecord

Row = tuple
MENTIONS = _PG + "mentions"
ABOUT = "https://schema.org/about"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PARTNER = _PG + "partner"
TYPE = _PG + "partnershipType"
PROGRAMME = _PG + "programme"
THEME = _PG + "theme"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
YEAR = _PG + "startYear"
GEOMETRY = "http://www.opengis.net/ont/geosparql#hasGeometry"
ARTICLE_CLASS, PARTNERSHIP_CLASS = _PG + "Article", _PG + "Partnership"
_ENTITY_CLASS_IRIS = {_PG + c: c for c in _ENTITY_CLASSES}
#: the properties whose object names another record that the subject's record depends on, or
#: that depends on the subject (the rows are found by their object, `ref_of`)
REF_PROPS = frozenset({MENTIONS, ABOUT, PARTNER, TYPE, PROGRAMME, THEME, DERIVED, GEOMETRY})
#: the properties by which a partnership's record reads an entity's (existence, class, name)
PARTNERSHIP_ENTITY_PROPS = frozenset({PARTNER, TYPE, PROGRAMME, THEME})
_ARTICLE_FIELDS = {iri: name for iri, name in _ARTICLE_PROPS.items() if name not in ("about", "mentions")}
WKT = _WKT


def rows_of(facts: dict) -> Iterable[Row]:
    """The rows of one graph's facts (`facts.facts_of`), repetitions and all."""
    for x, c in facts["t"]:
        yield ("t", x, c)
    for prop, rows in facts["l"].items():
        for x, text, lang, datatype in rows:
            yield ("l", prop, x, text, lang, datatype)
    for prop, rows in facts["p"].items():
        for s, o in rows:
            yield ("p", prop, s, o)
    for p, a, start, quote in facts["e"]:
        yield ("e", p, a, start, quote)


def subject_of(row: Row) -> str:
    return row[1] if row[0] == "t" else row[2] if row[0] in ("l", "p") else row[1]


def ref_of(row: Row) -> str | None:
    """The record a row points to (see `REF_PROPS`; an evidence row points to its article)."""
    if row[0] == "p":
        return row[3] if row[1] in REF_PROPS else None
    if row[0] == "e":
        return row[2]
    return None


def entity(x: str, rows: Iterable[Row], wkt_rows, mention_rows: Iterable[Row], articles) -> Entity | None:
    """The entity `x` from its own rows, the rows of its geometries (`wkt_rows(g)`), the
    mentions that name it and the articles (`articles`: IRIs that are article records)."""
    rows = list(rows)
    cls = None
    for row in rows:
        if row[0] == "t" and row[2] in _ENTITY_CLASS_IRIS:
            c = _ENTITY_CLASS_IRIS[row[2]]
            if cls is None or _CLASS_RANK[c] < _CLASS_RANK[cls]:
                cls = c
    if cls is None:
        return None
    e = Entity(x, cls)
    labels = {(_LABEL_PROPS[row[1]], row[3:6]) for row in rows if row[0] == "l" and row[1] in _LABEL_PROPS}
    if labels:
        ranked = sorted(((0 if lang == "de" else 1 if not lang else 2) + (3 if prop == "alt" else 0), text)
                        for prop, (text, lang, _) in labels)
        e.name = ranked[0][1]
        e.alt = {text for _, text in ranked[1:]}
    for row in rows:
        if row[0] == "p" and row[1] in _PROPS:
            e.props[_PROPS[row[1]]].add(row[3])
    for g in e.props.get("geometry", ()):
        points = [row[3] for row in wkt_rows(g) if row[0] == "p" and row[1] == WKT]
        if points:
            e.props["wkt"].add(min(points))
    e.mentioned_in = {row[2] for row in mention_rows if row[0] == "p" and row[1] == MENTIONS and row[2] in articles}
    return e


def article(a: str, rows: Iterable[Row], entities, *, datelines: bool) -> ArticleRecord | None:
    rows = list(rows)
    if not any(row[0] == "t" and row[2] == ARTICLE_CLASS for row in rows):
        return None
    rec = ArticleRecord(a, "", "", "")
    values: dict[str, list[str]] = {}
    for row in rows:
        if row[0] == "p" and row[1] in _ARTICLE_FIELDS:
            values.setdefault(_ARTICLE_FIELDS[row[1]], []).append(row[3])
    for name, found in values.items():
        if name != "dateline" or datelines:
            setattr(rec, name, min(found))  # one value, the same every run (as `_join`)
    rec.mentions = {row[3] for row in rows if row[0] == "p" and row[1] == MENTIONS and row[3] in entities}
    rec.about = {row[3] for row in rows if row[0] == "p" and row[1] == ABOUT}
    return rec


_FACT_NAMES = {TYPE: "type", YEAR: "year", PARTNER: "partner", PROGRAMME: "programme", THEME: "theme",
               DERIVED: "derivedFrom"}


def partnership(p: str, rows: Iterable[Row], entities, articles) -> PartnershipRecord | None:
    """The partnership `p` as `_join` makes it, from its rows, the entities and the article
    records (`articles`: IRI → ArticleRecord); None when `_join` leaves it out."""
    rows = list(rows)
    if not any(row[0] == "t" and row[2] == PARTNERSHIP_CLASS for row in rows):
        return None
    facts: dict[str, set[str]] = {name: set() for name in _FACT_NAMES.values()}
    labels: set[str] = set()
    evidence: set[tuple[str, int, str]] = set()
    for row in rows:
        if row[0] == "p" and row[1] in _FACT_NAMES:
            facts[_FACT_NAMES[row[1]]].add(row[3])
        elif row[0] == "l" and row[1] == LABEL:
            labels.add(row[3])
        elif row[0] == "e" and row[2] in articles:
            evidence.add((row[2], int(row[3] or 0), row[4]))
    sides = sorted(x for x in facts["partner"] if x in entities and entities[x].cls in _PARTNER_CLASSES)
    if len(sides) < 2:
        return None
    t = min(facts["type"], default="")
    year = min(facts["year"], default="")
    rec = PartnershipRecord(
        p, min(labels, default=""), t.rsplit("/", 1)[-1] if t else "unspecified",
        entities[t].name if t in entities else "Partnerschaft",
        int(year[:4]) if year[:4].isdigit() else None, sides,
        programmes={x for x in facts["programme"] if x in entities}, themes={x for x in facts["theme"] if x in entities},
        articles={a for a in facts["derivedFrom"] if a in articles}, evidence=sorted(evidence))
    if not rec.themes:  # as `_join`: the themes its articles are about
        rec.themes = {t for a in rec.articles for t in articles[a].about if t in entities}
    return rec
