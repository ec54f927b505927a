"""`partnergraph reconcile` against a real Oxigraph server on 127.0.0.1 loaded with a small
Wikidata-shaped fixture the team wrote (tests/fixtures/wikidata/wikidata-mini.ttl). Nothing here
touches the internet."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from partnergraph.cli import main
from partnergraph.errors import FetchError
from partnergraph.query.runner import resolve, run
from partnergraph.publish.reconcile import (REPORT_HTML, REPORT_JSON, USER_AGENT, WIKIDATA_GRAPH, SparqlClient,
                                    distance_km, quickstatements)
from partnergraph.namespaces import DEFAULT_BASE
from partnergraph.store.embedded import EmbeddedStore
from test_remote_store import _free_port, _oxigraph_binary

FIXTURE = Path(__file__).parent / "fixtures" / "wikidata" / "wikidata-mini.ttl"
#: seconds to wait for a freshly started server to answer (it opens its store first)
STARTUP_TIMEOUT = 30
WD = "http://www.wikidata.org/entity/"


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory):
    """A read-only Oxigraph server holding the fixture; yields its query URL."""
    tmp = tmp_path_factory.mktemp("wikidata")
    binary = _oxigraph_binary()
    subprocess.run([binary, "load", "--location", str(tmp / "db"), "--file", str(FIXTURE)],
                   check=True, capture_output=True)
    port = _free_port()
    log = (tmp / "oxigraph.log").open("wb")
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(tmp / "db"),
                             "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            requests.post(url, data={"query": "ASK {}"}, timeout=2).raise_for_status()
            break
        except requests.RequestException:
            assert proc.poll() is None, (tmp / "oxigraph.log").read_text()
            assert time.monotonic() < deadline, "oxigraph serve-read-only did not answer"
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def reconciled(sample_build, wikidata, tmp_path_factory):
    """A copy of the sample graph directory, reconciled through the CLI; (dir, report, stdout)."""
    src, _ = sample_build
    out = tmp_path_factory.mktemp("reconciled") / "graph"
    shutil.copytree(src, out)
    code = main(["reconcile", "-d", str(out), "--endpoint", wikidata, "-q"])
    assert code == 0
    return out, json.loads((out / REPORT_JSON).read_text(encoding="utf-8"))


def by_label(rows, key="label"):
    return {r[key]: r for r in rows}


def pairs(rows):
    return {frozenset((r["a"], r["b"])) for r in rows}


def test_municipalities_are_linked_by_their_geonames_id(reconciled):
    _, report = reconciled
    matched = by_label(report["matched"])
    assert matched["Köln"]["wikidata"] == WD + "Q365" and matched["Köln"]["method"] == "geonames"
    assert matched["Kyjiw"]["wikidata"] == WD + "Q1899"


def test_same_named_places_keep_their_own_items(reconciled):
    _, report = reconciled
    granadas = {(r["country"], r["wikidata"]) for r in report["matched"] if r["label"] == "Granada"}
    assert granadas == {("ES", WD + "Q8810"), ("NI", WD + "Q1004485")}


def test_a_place_without_a_geonames_item_is_found_by_label_country_and_coordinates(reconciled):
    _, report = reconciled
    sindelfingen = by_label(report["matched"])["Sindelfingen"]
    # the namesake 150 km away (Q900001) is not taken
    assert sindelfingen["wikidata"] == WD + "Q4026"
    assert sindelfingen["method"] == "label+country+coordinates"


def test_ambiguous_identities_are_reported_and_never_guessed(reconciled):
    out, report = reconciled
    ambiguous = by_label(report["ambiguous"])
    assert set(ambiguous["San Carlos"]["candidates"]) == {WD + "Q1070428", WD + "Q900003"}
    assert set(ambiguous["Trossingen"]["candidates"]) == {WD + "Q83186", WD + "Q900002"}
    assert "San Carlos" not in by_label(report["matched"])
    store = EmbeddedStore(out / "store", read_only=True)
    try:
        linked = {s["m"].value for s in store.query(
            f"SELECT ?m WHERE {{ GRAPH <{WIKIDATA_GRAPH}> {{ ?m <http://www.w3.org/2002/07/owl#sameAs> ?i }} }}")}
    finally:
        store.close()
    assert DEFAULT_BASE + "municipality/ni/san-carlos" not in linked


def test_a_place_without_coordinates_is_not_matched_by_label_but_its_candidates_are_listed(reconciled):
    _, report = reconciled
    yarinacocha = by_label(report["unmatched"])["Yarinacocha"]
    assert yarinacocha["candidates"] == [WD + "Q1543419"]


def test_partnerships_the_news_attests_and_wikidata_lacks_come_with_evidence_and_quickstatements(reconciled):
    _, report = reconciled
    gaps = {frozenset((r["a"], r["b"])): r for r in report["news_only"]}
    hamburg = gaps[frozenset(("Hamburg", "Daressalam"))] if frozenset(("Hamburg", "Daressalam")) in gaps else None
    # Hamburg and Dar es Salaam have no item in the fixture: not comparable, not a gap
    assert hamburg is None
    assert frozenset(("Hamburg", "Daressalam")) in pairs(report["not_comparable"])
    frankfurt = gaps[frozenset(("Frankfurt am Main", "Granada"))]
    assert frankfurt["evidence"] and frankfurt["source"].startswith("https://")
    line = frankfurt["quickstatements"].split("\t")
    assert line[:3] in (["Q1648", "P190", "Q8810"], ["Q1648", "P190", "Q1004485"])
    assert line[-2] == "S854" and json.loads(line[-1]) == frankfurt["source"]


def test_twinnings_recorded_on_one_side_only_are_found(reconciled):
    _, report = reconciled
    assert frozenset(("München", "Kyjiw")) in pairs(report["in_both"])
    assert frozenset(("Leipzig", "Kyjiw")) in pairs(report["in_both"])


def test_a_start_year_that_differs_from_p580_is_a_conflict(reconciled):
    _, report = reconciled
    conflict = {frozenset((r["a"], r["b"])): r for r in report["conflicts"]}[frozenset(("Regensburg", "Odesa"))]
    assert conflict["start"] == 1990 and conflict["wikidata_start"] == 1991
    assert "1990" in conflict["conflict"] and "1991" in conflict["conflict"]


def test_wikidata_twinnings_the_news_never_mentions_are_listed(reconciled):
    _, report = reconciled
    only = {(r["municipality"], r["partner"]) for r in report["wikidata_only"]}
    assert only == {("Köln", "Turin")}


def test_the_bundled_query_over_the_result_lists_the_gaps(reconciled):
    out, report = reconciled
    store = EmbeddedStore(out / "store", read_only=True)
    try:
        label, text = resolve("wikidata-gaps", base=DEFAULT_BASE)
        rows = {frozenset((s["a"].value, s["b"].value)) for s in run(store, label=label, text=text)}
    finally:
        store.close()
    assert rows == pairs(report["news_only"])


def test_the_report_page_is_escaped_and_self_contained(reconciled):
    out, _ = reconciled
    page = (out / REPORT_HTML).read_text(encoding="utf-8")
    assert "default-src 'none'" in page and "<script" not in page
    assert "Frankfurt am Main" in page and "Q1648" in page


def test_reconciling_twice_gives_the_same_report(reconciled, wikidata):
    out, report = reconciled
    before = (out / REPORT_JSON).read_bytes()
    assert main(["reconcile", "-d", str(out), "--endpoint", wikidata, "-q"]) == 0
    assert (out / REPORT_JSON).read_bytes() == before


def test_a_directory_built_into_a_remote_store_is_reconciled_in_that_store(wikidata, tmp_path):
    from partnergraph.resources import sample_dir
    from test_remote_store import _serve

    corpus = tmp_path / "two.jsonl"
    corpus.write_text("\n".join((sample_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:2])
                      + "\n", encoding="utf-8")
    remote = _serve(tmp_path)
    url = next(remote)
    try:
        out = tmp_path / "g"
        assert main(["build", "-q", "--no-validate", "-d", str(out), "--store", url, str(corpus)]) == 0
        # no --store here: the store the directory records is the one read and written
        assert main(["reconcile", "-d", str(out), "--endpoint", wikidata, "-q"]) == 0
        report = json.loads((out / REPORT_JSON).read_text(encoding="utf-8"))
        assert report["summary"]["municipalities"] > 0
        assert not (out / "store").exists()  # no empty embedded store made beside it
    finally:
        remote.close()


def test_quickstatements_line_carries_start_year_and_reference():
    assert quickstatements("Q1", "Q2", 1961, "https://example.org/a") == \
        'Q1\tP190\tQ2\tP580\t+1961-00-00T00:00:00Z/9\tS854\t"https://example.org/a"'
    assert quickstatements("Q1", "Q2", None, "urn:partnergraph:x") == "Q1\tP190\tQ2"


def test_distance_is_great_circle():
    assert distance_km((50.9333, 6.95), (50.9333, 6.95)) == 0
    assert 470 < distance_km((50.94, 6.96), (52.52, 13.40)) < 480  # Köln–Berlin


class _Flaky(BaseHTTPRequestHandler):
    """Answers 429 with Retry-After once, then an empty SPARQL result; records User-Agents."""
    calls: list[str] = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).calls.append(self.headers.get("User-Agent", ""))
        if len(type(self).calls) == 1:
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.end_headers()
            return
        body = b'{"head": {"vars": []}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_client_identifies_itself_and_honours_retry_after():
    _Flaky.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    slept: list[float] = []
    try:
        client = SparqlClient(f"http://127.0.0.1:{server.server_port}/sparql", sleep=slept.append)
        assert client.select("SELECT * WHERE { ?s ?p ?o }") == []
    finally:
        server.shutdown()
    assert len(_Flaky.calls) == 2 and all(ua == USER_AGENT for ua in _Flaky.calls)
    assert "partnergraph" in USER_AGENT and slept and slept[0] >= 1


def test_an_endpoint_that_refuses_is_one_line_naming_it():
    port = _free_port()  # nothing listens there
    client = SparqlClient(f"http://127.0.0.1:{port}/sparql", retries=1, sleep=lambda s: None)
    with pytest.raises(FetchError) as err:
        client.select("ASK {}")
    assert f"127.0.0.1:{port}" in str(err.value) and "\n" not in str(err.value)
