"""`--store URL`: build, query and export against a real Oxigraph server that the tests start on
127.0.0.1 (the `oxigraph` command from PyPI; the tests fail, not skip, without it). The remote
store holds what the embedded one holds, a second build changes nothing, a changed article's
named graph is replaced, a pruned one dropped, and the default graph stays the merge of the
named graphs throughout. Credentials come from PARTNERGRAPH_STORE_AUTH, never from the URL."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from partnergraph.cli import main
from partnergraph.errors import StoreError, UsageError
from partnergraph.graph.iri import Minter
from partnergraph.store.remote import MERGE_GRAPH, PROBE_GRAPH, RemoteStore, derive_endpoints
from partnergraph.resources import sample_dir
from partnergraph.store.embedded import EmbeddedStore

#: seconds to wait for a freshly started server to answer (it opens its store first)
STARTUP_TIMEOUT = 30
KOELN_ARTICLE = "https://beispiel-kommunal.de/news/koeln-yarinacocha-handlungsprogramm"


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the oxigraph server is missing: pip install oxigraph (in the test extras)"
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(tmp_path: Path, *flags: str):
    """A fresh Oxigraph server; yields its query URL."""
    port = _free_port()
    log = (tmp_path / "oxigraph.log").open("wb")
    proc = subprocess.Popen([_oxigraph_binary(), "serve", "--location", str(tmp_path / "oxigraph"),
                             "--bind", f"127.0.0.1:{port}", *flags], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            requests.post(url, data={"query": "ASK {}"}, timeout=2).raise_for_status()
            break
        except requests.RequestException:
            assert proc.poll() is None, (tmp_path / "oxigraph.log").read_text()
            assert time.monotonic() < deadline, "oxigraph serve did not answer"
            time.sleep(0.1)
    try:
        yield url
    finally:  # also when a caller closes the generator (GeneratorExit at the yield)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def server(tmp_path):
    yield from _serve(tmp_path)


@pytest.fixture
def union_server(tmp_path):
    """Oxigraph answering queries over the union of its graphs (``--union-default-graph``)."""
    yield from _serve(tmp_path, "--union-default-graph")


def _build(url: str, out: Path, sources: list[str] | None = None, *extra: str) -> int:
    return main(["build", "-q", "--no-validate", "-d", str(out), "--store", url, *extra, *(sources or [])])


def _sample_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(sample_dir(), copy)
    return copy


def _edit_article(corpus: Path, url: str, change) -> None:
    path = corpus / "articles.jsonl"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["url"] == url:
            record = change(record)
            if record is None:
                continue
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _merged(store: RemoteStore) -> set[ox.Triple]:
    return set(store.triples())


# -- against a real server -----------------------------------------------------------------------

def test_remote_build_holds_what_the_embedded_build_holds(server, tmp_path, capsys):
    assert _build(server, tmp_path / "remote") == 0
    assert "49 articles (49 extracted" in capsys.readouterr().out
    assert main(["build", "-q", "--no-validate", "-d", str(tmp_path / "local")]) == 0  # the same, embedded
    local = EmbeddedStore(tmp_path / "local" / "store", read_only=True)
    remote = RemoteStore(server)
    assert set(remote.quads()) == set(local.quads())
    assert remote.graph_names() == local.graph_names()
    # the default graph is the merge of the named graphs, each triple once
    assert _merged(remote) == {q.triple for q in local.quads()}
    count = next(iter(remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    assert int(count) == len({q.triple for q in local.quads()})
    # and the files written from it are the same bytes
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "remote" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    local.close()


def test_query_and_export_read_the_remote_store(server, tmp_path, capsys):
    assert _build(server, tmp_path / "out") == 0
    capsys.readouterr()
    assert main(["query", "-d", str(tmp_path / "out"), "--store", server, "-f", "json", "climate-partnerships"]) == 0
    doc = json.loads(capsys.readouterr().out)
    rows = [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
    assert {"german": "Köln", "partner": "Yarinacocha", "country": "Peru", "since": "2017"} in rows
    # CONSTRUCT comes back as triples (Turtle in the table format), ASK as a boolean
    assert main(["query", "-d", str(tmp_path / "out"), "--store", server,
                 "CONSTRUCT { ?p a pg:Partnership } WHERE { ?p a pg:Partnership }"]) == 0
    assert "pg:Partnership" in capsys.readouterr().out
    assert main(["query", "-d", str(tmp_path / "out"), "--store", server, "-f", "json",
                 "ASK { ?m pg:kind \"population\" }"]) == 0
    assert json.loads(capsys.readouterr().out)["boolean"] is True
    exported = tmp_path / "export.nq"
    assert main(["export", "-q", "-d", str(tmp_path / "out"), "--store", server, "-f", "nquads", "-o", str(exported)]) == 0
    assert set(ox.parse(path=str(exported), format=ox.RdfFormat.N_QUADS)) == set(RemoteStore(server).quads())


def test_second_build_changes_nothing(server, tmp_path, capsys):
    assert _build(server, tmp_path / "out") == 0
    capsys.readouterr()
    store = RemoteStore(server)
    before = set(store.quads())
    assert _build(server, tmp_path / "out") == 0
    assert "(0 extracted, 49 unchanged" in capsys.readouterr().out
    assert set(store.quads()) == before
    assert _merged(store) == {q.triple for q in before}


def test_a_changed_article_replaces_its_named_graph(server, tmp_path, capsys):
    corpus = _sample_copy(tmp_path)
    assert _build(server, tmp_path / "out", [str(corpus)]) == 0
    store = RemoteStore(server)
    graph = Minter().article(KOELN_ARTICLE)
    old_headline = "Köln und Yarinacocha schreiben ihr Handlungsprogramm fort"
    new_headline = "Köln und Yarinacocha beschließen ihr neues Handlungsprogramm"
    ask = 'ASK {{ ?a <https://schema.org/headline> "{}"@de }}'
    assert bool(store.query(ask.format(old_headline)))
    others = {q for q in store.quads() if q.graph_name.value != graph}

    _edit_article(corpus, KOELN_ARTICLE, lambda r: {**r, "title": new_headline})
    capsys.readouterr()
    assert _build(server, tmp_path / "out", [str(corpus)]) == 0
    assert "(1 extracted, 48 unchanged" in capsys.readouterr().out
    assert not bool(store.query(ask.format(old_headline)))  # gone from the merge, too
    assert bool(store.query(ask.format(new_headline)))
    in_graph = store.query(f"SELECT ?h WHERE {{ GRAPH <{graph}> {{ ?a <https://schema.org/headline> ?h }} }}")
    assert [s["h"].value for s in in_graph] == [new_headline]
    assert {q for q in store.quads() if q.graph_name.value != graph} == others  # the rest untouched
    assert _merged(store) == {q.triple for q in store.quads()}

    # --prune drops the graph of an article that left the sources, and its triples leave the merge
    _edit_article(corpus, KOELN_ARTICLE, lambda r: None)
    assert _build(server, tmp_path / "out", [str(corpus)], "--prune") == 0
    assert graph not in store.graph_names()
    assert not bool(store.query(ask.format(new_headline)))
    assert _merged(store) == {q.triple for q in store.quads()}


def test_a_server_that_unions_its_graphs_gets_nothing_in_its_default_graph(union_server, tmp_path, capsys):
    # Oxigraph's union repeats a triple once per graph that holds it (a bag): partnergraph keeps
    # the merge in a named graph of its own and queries it as the default graph (docs/stores.md)
    corpus = tmp_path / "koeln.jsonl"
    corpus.write_text("".join(line + "\n" for line in (sample_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()
                              if '"url": "https://beispiel-kommunal.de/news/koeln-yarinacocha-' in line), encoding="utf-8")
    assert _build(union_server, tmp_path / "out", [str(corpus)]) == 0
    assert "2 articles (2 extracted" in capsys.readouterr().out
    store = RemoteStore(union_server)
    assert store._mode() == "graph"  # found out by the probe on the first write
    assert MERGE_GRAPH not in store.graph_names()
    assert PROBE_GRAPH not in store.graph_names()
    # nothing was written to the default graph itself (the Graph Store Protocol reads it as stored)
    stored = requests.get(union_server.replace("/query", "/store"), params={"default": ""},
                          headers={"Accept": "application/n-triples"}, timeout=10)
    assert stored.status_code == 200 and stored.content.strip() == b""
    assert len(store.graph_names()) >= 3  # two articles and the vocabulary
    capsys.readouterr()
    assert main(["query", "-d", str(tmp_path / "out"), "--store", union_server, "-f", "json", "climate-partnerships"]) == 0
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(capsys.readouterr().out)["results"]["bindings"]]
    assert {"german": "Köln", "partner": "Yarinacocha", "country": "Peru", "since": "2017"} in rows
    # every triple once in what queries read: the labels both article graphs state are not doubled
    count = 'SELECT (COUNT(*) AS ?n) WHERE { ?m a pg:Municipality ; rdfs:label ?name }'
    local = tmp_path / "local"
    assert main(["build", "-q", "--no-validate", "-d", str(local), str(corpus)]) == 0
    capsys.readouterr()
    assert main(["query", "-d", str(tmp_path / "out"), "-f", "csv", count]) == 0
    remote_n = capsys.readouterr().out
    assert main(["query", "-d", str(local), "-f", "csv", count]) == 0
    assert remote_n == capsys.readouterr().out and remote_n.split()[1] != "0"


def test_unreachable_store_is_one_line_naming_the_url(tmp_path, capsys):
    url = f"http://127.0.0.1:{_free_port()}/query"
    assert main(["query", "-d", str(tmp_path), "--store", url, "partnerships"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and url in err and "cannot connect" in err


def test_endpoint_errors_name_the_url_and_status(server):
    store = RemoteStore(server)
    with pytest.raises(StoreError, match=r"127\.0\.0\.1.*HTTP 400"):
        store.query("SELECT * WHERE { ?s ?p }")


# -- credentials and endpoint layouts --------------------------------------------------------------

class _AuthEndpoint(BaseHTTPRequestHandler):
    """A minimal SPARQL endpoint that wants HTTP basic auth pg:secret."""

    seen: list[str] = []

    def do_POST(self):  # noqa: N802 - the http.server name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        header = self.headers.get("Authorization", "")
        type(self).seen.append(header)
        if header != "Basic " + base64.b64encode(b"pg:secret").decode():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
            self.end_headers()
            return
        body = b'{"head":{"vars":["g"]},"results":{"bindings":[{"g":{"type":"uri","value":"https://example.org/g"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def auth_endpoint():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _AuthEndpoint)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _AuthEndpoint.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    httpd.shutdown()
    httpd.server_close()


def test_credentials_come_from_the_environment(auth_endpoint, monkeypatch):
    monkeypatch.setenv("PARTNERGRAPH_STORE_AUTH", "pg:secret")
    assert RemoteStore(auth_endpoint).graph_names() == {"https://example.org/g"}


def test_missing_credentials_say_where_to_put_them(auth_endpoint, monkeypatch):
    monkeypatch.delenv("PARTNERGRAPH_STORE_AUTH", raising=False)
    with pytest.raises(StoreError, match="HTTP 401.*PARTNERGRAPH_STORE_AUTH"):
        RemoteStore(auth_endpoint).graph_names()


class _DigestOnlyEndpoint(BaseHTTPRequestHandler):
    """Like Virtuoso's /sparql-auth: Basic credentials get a bare 401 without WWW-Authenticate;
    a request without credentials gets a Digest challenge; pg:secret in Digest is let in."""

    seen: list[str] = []
    NONCE = "f00dcafe"

    def do_POST(self):  # noqa: N802 - the http.server name
        import hashlib

        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        header = self.headers.get("Authorization", "")
        type(self).seen.append(header.split(" ")[0])
        if header.startswith("Digest "):
            fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header[7:]))
            md5 = lambda text: hashlib.md5(text.encode()).hexdigest()  # noqa: E731 - RFC 2617's H()
            ha1, ha2 = md5(f"pg:{fields['realm']}:secret"), md5(f"POST:{fields['uri']}")
            expected = md5(f"{ha1}:{self.NONCE}:{fields['nc']}:{fields['cnonce']}:{fields['qop']}:{ha2}")
            if fields.get("username") == "pg" and fields.get("response") == expected:
                body = b'{"head":{"vars":["g"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        self.send_response(401)
        if not header:
            self.send_header("WWW-Authenticate", f'Digest realm="SPARQL", nonce="{self.NONCE}", qop="auth"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_basic_refused_with_a_bare_401_is_retried_as_digest_and_digest_is_kept(monkeypatch):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _DigestOnlyEndpoint)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    _DigestOnlyEndpoint.seen = []
    try:
        monkeypatch.setenv("PARTNERGRAPH_STORE_AUTH", "pg:secret")
        store = RemoteStore(f"http://127.0.0.1:{httpd.server_address[1]}/sparql-auth")
        assert store.graph_names() == set()
        assert _DigestOnlyEndpoint.seen[0] == "Basic" and "Digest" in _DigestOnlyEndpoint.seen
        _DigestOnlyEndpoint.seen = []
        store.graph_names()
        assert "Basic" not in _DigestOnlyEndpoint.seen  # digest from then on
        # wrong credentials: the 401 is reported, naming where credentials go
        monkeypatch.setenv("PARTNERGRAPH_STORE_AUTH", "pg:falsch")
        with pytest.raises(StoreError, match="HTTP 401.*PARTNERGRAPH_STORE_AUTH"):
            RemoteStore(f"http://127.0.0.1:{httpd.server_address[1]}/sparql-auth").graph_names()
    finally:
        httpd.shutdown()
        httpd.server_close()


class _CappedEndpoint(BaseHTTPRequestHandler):
    """Like Virtuoso at its ResultSetMaxRows: five rows, and the X-SPARQL-MaxRows header."""

    def do_POST(self):  # noqa: N802 - the http.server name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        rows = ",".join('{"g":{"type":"uri","value":"https://w3id.org/partnergraph/id/article/%016x"}}' % i
                        for i in range(5))
        body = ('{"head":{"vars":["g"]},"results":{"bindings":[' + rows + "]}}").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("X-SPARQL-MaxRows", "5")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_an_answer_the_server_cut_short_is_an_error_not_a_silent_loss():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _CappedEndpoint)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        store = RemoteStore(f"http://127.0.0.1:{httpd.server_address[1]}/sparql")
        with pytest.raises(StoreError, match="cut the answer off at 5 rows.*ResultSetMaxRows"):
            store.graph_names()
        with pytest.raises(StoreError, match="cut the answer off at 5 rows"):
            list(store.quads())
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_credentials_in_the_url_are_refused(monkeypatch):
    with pytest.raises(UsageError, match="PARTNERGRAPH_STORE_AUTH"):
        RemoteStore("http://pg:secret@127.0.0.1:7878/query")


@pytest.mark.parametrize("url, update, gsp", [
    ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),  # Oxigraph
    ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data"),  # Fuseki
    ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),  # Fuseki
    ("http://h:7200/repositories/pg", "http://h:7200/repositories/pg/statements",
     "http://h:7200/repositories/pg/rdf-graphs/service"),  # GraphDB, RDF4J
    ("http://h:8890/sparql", "http://h:8890/sparql", None),  # Virtuoso
    ("http://h:7001/", "http://h:7001/", None),  # QLever
])
def test_update_and_graph_store_urls_follow_the_server_layout(url, update, gsp):
    assert derive_endpoints(url) == (url, update, gsp)


def test_environment_is_not_leaked_into_messages(monkeypatch):
    monkeypatch.setenv("PARTNERGRAPH_STORE_AUTH", "pg:secret")
    url = f"http://127.0.0.1:{_free_port()}/query"
    with pytest.raises(StoreError) as info:
        RemoteStore(url).graph_names()
    assert "secret" not in str(info.value) and url in str(info.value)
    assert os.environ["PARTNERGRAPH_STORE_AUTH"] == "pg:secret"


# -- a directory remembers its store ----------------------------------------------------------------

def test_a_directory_built_with_store_is_read_from_that_store_by_every_command(server, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PARTNERGRAPH_STORE", raising=False)
    out = tmp_path / "out"
    assert _build(server, out, None, "--update-url", server.replace("/query", "/update")) == 0
    state = json.loads((out / "state.json").read_text(encoding="utf-8"))
    assert state["store"] == server
    assert state["store_endpoints"] == {"update_url": server.replace("/query", "/update")}
    assert not (out / "store").exists()  # nothing embedded to fall back on: every answer below is the server's
    capsys.readouterr()
    assert main(["query", "-d", str(out), "-f", "csv", "climate-partnerships"]) == 0
    assert "Köln,Yarinacocha,Peru,2017" in capsys.readouterr().out
    exported = tmp_path / "export.nq"
    assert main(["export", "-q", "-d", str(out), "-f", "nquads", "-o", str(exported)]) == 0
    assert set(ox.parse(path=str(exported), format=ox.RdfFormat.N_QUADS)) == set(RemoteStore(server).quads())
    assert main(["stats", "-d", str(out), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["validate", "-d", str(out)]) == 0
    assert "conforms" in capsys.readouterr().out
    assert main(["viz", "-d", str(out), "-o", str(tmp_path / "net.html")]) == 0
    assert "Yarinacocha" in (tmp_path / "net.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["serve", "-d", str(out), "--get", "/sparql?query=ASK%20%7B%20%3Fs%20a%20pg%3APartnership%20%7D",
                 "--accept", "application/sparql-results+json"]) == 0
    assert json.loads(capsys.readouterr().out)["boolean"] is True


def test_the_recorded_store_holds_no_credentials_and_an_explicit_store_wins(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PARTNERGRAPH_STORE_AUTH", "pg:secret")
    out = tmp_path / "out"
    assert _build(server, out) == 0
    assert "secret" not in (out / "state.json").read_text(encoding="utf-8")
    # another --store on the command line is used instead of the recorded one
    other = f"http://127.0.0.1:{_free_port()}/query"
    assert main(["query", "-d", str(out), "--store", other, "partnerships"]) == 1
    assert other in capsys.readouterr().err
