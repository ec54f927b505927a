"""Every bundled query answers its question on the sample corpus (data/sample/): the facts a
reader of those 49 articles expects, checked one query at a time. The corpus is built once for
the module; `test_every_bundled_query_has_a_checked_answer` keeps the list complete.

Facts the extractor does not get right yet are deliberately not asserted here (they are
reported to the lead instead), so a failure means the query, not the extractor, went wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from partnergraph.graph.triples import vocabulary_quads
from partnergraph.graph.iri import Minter
from partnergraph.namespaces import DEFAULT_BASE
from partnergraph.query.runner import bundled_queries, resolve, run
from partnergraph.resources import queries_dir
from partnergraph.store.embedded import EmbeddedStore
from partnergraph.vocab import load_vocabulary

SAMPLE_ARTICLES = 49  # data/sample/README.md: 39 jsonl articles, 6 listing blocks, 4 HTML pages


@pytest.fixture(scope="module")
def store(sample_build):
    out, report = sample_build
    assert report.articles_read == SAMPLE_ARTICLES and not report.skipped
    s = EmbeddedStore(out / "store", read_only=True)
    yield s
    s.close()


def answer(store, name: str) -> list[dict[str, str | None]]:
    label, text = resolve(name, base=DEFAULT_BASE)
    result = run(store, text, label=label)
    names = [v.value for v in result.variables]
    return [{v: (sol[v].value if sol[v] is not None else None) for v in names} for sol in result]


def find(rows, **want) -> list[dict]:
    return [r for r in rows if all(r.get(k) == v for k, v in want.items())]


# -- one check per bundled query ---------------------------------------------------------------

def check_articles_by_country(rows):
    assert rows[0]["code"] == "DE"  # German news: Germany or a German town in nearly every article
    by_code = {r["code"]: int(r["articles"]) for r in rows}
    assert by_code["UA"] >= 5  # the Ukraine articles: Leipzig, München, Nürnberg, Freiburg, Betreiber…
    assert by_code["PE"] >= 2  # Yarinacocha, Peru: three articles
    assert find(rows, code="PE", name="Peru")


def check_articles_per_month(rows):
    months = [r["month"] for r in rows]
    assert months == sorted(months) and all(re.fullmatch(r"\d{4}-\d{2}", m) for m in months)
    assert sum(int(r["articles"]) for r in rows) == SAMPLE_ARTICLES  # every article has a date
    assert months[0] == "2021-05" and months[-1] == "2024-11"  # oldest and newest article


def check_articles(rows):
    assert len(rows) == SAMPLE_ARTICLES
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    fachkraft = find(rows, headline="Fachkraft in Yarinacocha stärkt Klimapartnerschaft mit Köln")
    assert len(fachkraft) == 1
    assert int(fachkraft[0]["municipalities"]) >= 2 and int(fachkraft[0]["partnerships"]) >= 1
    listing = [r for r in rows if r["url"].startswith("urn:partnergraph:listing-2024:")]
    assert len(listing) == 6


def check_climate_partnerships(rows):
    assert find(rows, german="Köln", partner="Yarinacocha", country="Peru", since="2017")
    assert find(rows, german="Ludwigsburg", partner="Kongoussi", country="Burkina Faso")
    assert all(r["country"] != "Deutschland" for r in rows)


def check_countries_by_partnerships(rows):
    # seven German–Nicaraguan and six German–Ukrainian pairs: no other country comes close
    assert {r["country"] for r in rows[:2]} == {"NI", "UA"}
    ukraine = find(rows, country="UA", name="Ukraine")
    assert int(ukraine[0]["partnerships"]) >= 4 and int(ukraine[0]["germanMunicipalities"]) >= 4
    assert all(r["country"] != "DE" for r in rows)
    assert find(rows, country="PE")


def check_events(rows):
    ukraine = [r for r in rows if "ukrainische" in r["name"]]
    assert any(r["host"] == "Leipzig" for r in ukraine)  # the 2023 conference in Leipzig
    assert find(rows, start="2023-09-26", end="2023-09-28")  # Hildesheim/Padang, 26–28 September


def check_municipalities_by_partners(rows):
    assert rows[0]["name"] == "Bonn" and int(rows[0]["partners"]) >= 5  # Oxford, Opole, La Paz, Cape Coast …
    counts = [int(r["partners"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert find(rows, name="Yarinacocha", country="PE", partners="1")


def check_municipality_map(rows):
    koeln = find(rows, name="Köln", country="DE")
    assert len(koeln) == 1
    assert abs(float(koeln[0]["longitude"]) - 6.95) < 0.1 and abs(float(koeln[0]["latitude"]) - 50.93) < 0.1
    assert all(-180 <= float(r["longitude"]) <= 180 and -90 <= float(r["latitude"]) <= 90 for r in rows)
    assert not find(rows, name="Yarinacocha")  # no GeoNames point, so not on the map


def check_organisations(rows):
    assert rows[0]["name"] == "Servicestelle Kommunen in der Einen Welt" and int(rows[0]["articles"]) >= 10
    names = {r["name"] for r in rows}
    assert {"Engagement Global", "Deutsche Gesellschaft für Internationale Zusammenarbeit"} <= names


def check_partnership_evidence(rows):
    koeln = find(rows, label="Köln – Yarinacocha")
    assert any("Seit Oktober 2017 verbindet Köln und Yarinacocha" in r["quote"] for r in koeln)
    assert {r["headline"] for r in koeln} >= {"Fachkraft in Yarinacocha stärkt Klimapartnerschaft mit Köln"}


def check_partnerships_by_type(rows):
    by_name = {r["name"]: int(r["partnerships"]) for r in rows}
    assert max(by_name, key=by_name.get) == "Städtepartnerschaft"
    assert by_name["Klimapartnerschaft"] >= 2 and by_name["Projektpartnerschaft"] >= 2
    assert all(int(r["international"]) <= int(r["partnerships"]) for r in rows)


def check_partnerships_timeline(rows):
    years = [int(r["since"]) for r in rows]
    assert years == sorted(years)
    assert find(rows, label="Dijon – Mainz", since="1958")  # "65 Jahre" in 2023
    assert find(rows, label="Kyjiw – Leipzig", since="1961")
    assert find(rows, label="Köln – Yarinacocha", since="2017", type="Klimapartnerschaft")


def check_partnerships_without_year(rows):
    labels = {r["label"] for r in rows}
    assert "Hildesheim – Padang" in labels  # "seit Jahrzehnten", no year in either article
    assert "Köln – Yarinacocha" not in labels and "Dijon – Mainz" not in labels


def check_partnerships(rows):
    koeln = find(rows, partnerA="Köln", partnerB="Yarinacocha", type="Klimapartnerschaft")
    assert len(koeln) == 1
    assert koeln[0]["countryA"] == "DE" and koeln[0]["countryB"] == "PE" and koeln[0]["since"] == "2017"
    assert "Kommunale Klimapartnerschaften" in koeln[0]["programme"] and int(koeln[0]["articles"]) >= 2
    assert find(rows, partnerA="Mainz", partnerB="Dijon", since="1958", type="Städtepartnerschaft")
    assert len({r["partnership"] for r in rows}) == len(rows)  # one row per partnership and pair


def check_people(rows):
    assert find(rows, name="Félix Kir", represents="Dijon")


def check_programme_countries(rows):
    assert find(rows, name="Kommunale Klimapartnerschaften", country="PE")
    assert find(rows, name="Kommunale Zusammenarbeit Maghreb-Deutschland", country="TN")  # Stuttgart–Menzel Bourguiba
    assert all(r["country"] != "DE" for r in rows)


def check_programmes(rows):
    programmes = {r["name"]: r for r in rows}
    # every programme of ontology/programmes.ttl, named in the news or not
    assert sorted(programmes) == sorted(c.pref_de for c in load_vocabulary().of_kind("programme"))
    klima = programmes["Kommunale Klimapartnerschaften"]
    assert int(klima["articles"]) >= 4 and int(klima["partnerships"]) >= 2
    assert "Servicestelle Kommunen in der Einen Welt" in klima["implementedBy"]
    assert "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung" in klima["fundedBy"]
    assert int(programmes["Kommunale Zusammenarbeit Maghreb-Deutschland"]["articles"]) >= 2


def check_stated_populations(rows):
    # "Die baden-württembergische Stadt Sindelfingen mit gut 60.000 Einwohnerinnen und Einwohnern"
    assert find(rows, name="Sindelfingen", country="DE", population="60000")


def check_themes(rows):
    counts = [int(r["articles"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    water = find(rows, name="Trinkwasser und Abwasser")
    assert water and "http://metadata.un.org/sdg/6" in water[0]["sdgs"].split()
    assert find(rows, name="Klimaschutz")


def check_ukraine_partnerships(rows):
    assert find(rows, german="Leipzig", ukrainian="Kyjiw", since="1961", type="Städtepartnerschaft")
    assert find(rows, german="München", ukrainian="Kyjiw", since="1989")
    assert find(rows, german="Nürnberg", ukrainian="Charkiw", since="1990")
    assert find(rows, german="Regensburg", ukrainian="Odesa", since="1990")


def check_ukraine_water(rows):
    # The Betreiberpartnerschaften articles name Ukrainian water utilities, not a pair of
    # municipalities; Filderstadt–Poltawa (the sample's last article) is the one pair working on
    # drinking water and, later, wastewater, in the Ukraine programme, since 1990
    assert rows == [
        {"german": "Filderstadt", "ukrainian": "Poltawa", "since": "1990",
         "programme": "Kommunale Partnerschaften mit der Ukraine", "theme": "Abwasserentsorgung"},
        {"german": "Filderstadt", "ukrainian": "Poltawa", "since": "1990",
         "programme": "Kommunale Partnerschaften mit der Ukraine", "theme": "Trinkwasserversorgung"},
    ]


def check_unlinked_municipalities(rows):
    assert find(rows, name="Yarinacocha", country="PE")  # not in GeoNames' cities500
    assert not find(rows, name="Köln")


def check_wikidata_gaps(rows):
    # empty until `partnergraph reconcile` has written the Wikidata graph; its answers after a
    # reconciliation are checked in test_reconcile_wikidata.py
    assert rows == []


CHECKS = {name[len("check_"):].replace("_", "-"): fn for name, fn in globals().items() if name.startswith("check_")}


def test_every_bundled_query_has_a_checked_answer():
    assert len(bundled_queries()) >= 15
    assert set(CHECKS) == set(bundled_queries())


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_bundled_query_answers_its_question_on_the_sample(store, name):
    rows = answer(store, name)
    CHECKS[name](rows)


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_bundled_query_returns_no_duplicate_rows(store, name):
    # the union default graph of Oxigraph keeps a triple once per graph that holds it; a query
    # without DISTINCT or GROUP BY would repeat its rows once per article
    rows = [tuple(sorted(r.items(), key=lambda kv: kv[0])) for r in answer(store, name)]
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize("path", sorted(queries_dir().glob("*.rq")), ids=lambda p: p.stem)
def test_bundled_query_says_what_it_answers(path: Path):
    text = path.read_text(encoding="utf-8")
    assert re.match(r"# title: \S", text)
    assert re.search(r"^# Answers: \S", text, re.MULTILINE)


def test_ukraine_water_finds_a_pair_through_a_narrower_theme():
    minter = Minter(DEFAULT_BASE)
    store = EmbeddedStore(None)
    store.replace_graph("https://w3id.org/partnergraph/graph/vocabulary", vocabulary_quads(load_vocabulary(), minter))
    article = DEFAULT_BASE + "article/00000000000000aa"
    trig = f"""
    @prefix pg: <https://w3id.org/partnergraph/ontology#> .
    @prefix pgid: <{DEFAULT_BASE}> .
    @prefix schema: <https://schema.org/> .
    @prefix prov: <http://www.w3.org/ns/prov#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <{article}> {{
      <{article}> a pg:Article ; schema:about <{DEFAULT_BASE}theme/trinkwasserversorgung> .
      <{DEFAULT_BASE}municipality/de/hamm> a pg:Municipality ; rdfs:label "Hamm"@de ;
          pg:country <{DEFAULT_BASE}country/de> .
      <{DEFAULT_BASE}municipality/ua/kropywnyzkyj> a pg:Municipality ; rdfs:label "Kropywnyzkyj"@de ;
          pg:country <{DEFAULT_BASE}country/ua> .
      <{DEFAULT_BASE}country/de> pg:countryCode "DE" .
      <{DEFAULT_BASE}country/ua> pg:countryCode "UA" .
      <{DEFAULT_BASE}partnership/00000000000000bb> a pg:Partnership ;
          pg:partner <{DEFAULT_BASE}municipality/de/hamm> , <{DEFAULT_BASE}municipality/ua/kropywnyzkyj> ;
          pg:startYear "2023"^^xsd:gYear ; prov:wasDerivedFrom <{article}> .
    }}"""
    store.replace_graph(article, ox.parse(trig, format=ox.RdfFormat.TRIG))
    rows = answer(store, "ukraine-water")
    assert rows == [{"german": "Hamm", "ukrainian": "Kropywnyzkyj", "since": "2023", "programme": None,
                     "theme": "Trinkwasserversorgung"}]


def test_docs_list_every_bundled_query():
    docs = (Path(__file__).parent.parent / "docs" / "queries.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([\w-]+)` \|", docs, re.MULTILINE))
    assert listed == set(bundled_queries())
