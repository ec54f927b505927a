"""The guard's "engine" mode (what `partnergraph query` uses on the embedded store: rdflib's parser
only for tokens a parser may read otherwise, pyoxigraph's own parser for the syntax) against the
rdflib mode it replaced (every query parsed by rdflib), on every query text the project holds and on
mutations of them. The verdicts may differ only where the rdflib mode was wrong:

- what the rdflib mode refused as forbidden (SERVICE, update, foreign FROM), engine mode refuses;
- what the rdflib mode refused as a syntax error and engine mode lets through, pyoxigraph parses
  (it is valid SPARQL to the engine that runs it), and it holds none of the words that could make
  it reach out or write: rdflib lacks SPARQL 1.2 and pyoxigraph's extensions;
- what the rdflib mode let through and engine mode refuses is refused by pyoxigraph's parser (the
  engine would refuse it too) or is an ambiguous token in a query too large to parse, which the
  rdflib mode never looked at (readings.py).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnergraph.errors import ForbiddenQuery, QueryError
from partnergraph.namespaces import DEFAULT_BASE, sparql_prologue
from partnergraph.query import guard
from partnergraph.query.runner import bundled_queries

ROOT = Path(__file__).parent.parent
PROLOGUE = sparql_prologue(DEFAULT_BASE)
_FORMS = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|SERVICE|PREFIX)\b", re.IGNORECASE)
#: a text without any of these (after decoding escapes) cannot reach another endpoint, write, or
#: name a dataset, whatever a parser reads in it
_DANGER = re.compile(r"SERVICE|FROM|NAMED|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH|USING", re.IGNORECASE)


def rdflib_mode(text: str) -> str:
    """The verdict of the guard as it was: the lexical layer, then rdflib's parse of every query
    within its affordable size."""
    try:
        found = guard.scan(text)
        guard.check_dataset(found.dataset.default + found.dataset.named, lambda iri: iri.startswith(guard.OWN_GRAPHS),
                            what="query: FROM")
        guard.parse_check(found, original=text)
    except ForbiddenQuery:
        return "forbidden"
    except QueryError:
        return "error"
    return "ok"


def engine_mode(text: str) -> str:
    try:
        guard.check_query(text, syntax="engine")
    except ForbiddenQuery:
        return "forbidden"
    except QueryError:
        return "error"
    return "ok"


_PROBE = """
import json, sys
import pyoxigraph as ox
from partnergraph.query.sandbox import deny_outgoing_connections
sandboxed = deny_outgoing_connections()
out = []
for text in json.load(sys.stdin):
    if not sandboxed and "service" in text.lower():
        out.append(None)
        continue
    try:
        ox.Store().query(text)
        out.append(True)
    except SyntaxError:
        out.append(False)
    except Exception:
        out.append(True)  # parsed; evaluating on an empty store failed (a SERVICE denied the network)
json.dump(out, sys.stdout)
"""


def engine_parses(texts: list[str]) -> list[bool | None]:
    """Does pyoxigraph parse each text? Asked in a child process that cannot open network
    connections (sandbox.py), since pyoxigraph parses by evaluating on an (empty) store."""
    done = subprocess.run([sys.executable, "-c", _PROBE], input=json.dumps(texts), capture_output=True, text=True,
                          check=True, timeout=300)
    return json.loads(done.stdout)


def _strings_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def corpus() -> list[str]:
    """Every query text in the tests, the bundled queries, the README and the docs."""
    found: list[str] = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        found += [s for s in _strings_in(path) if _FORMS.search(s) and len(s) < 20_000]
    from test_query_guard import bypasses

    found += list(bypasses(9).values())
    found += [q.text for q in bundled_queries().values()]
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        found += re.findall(r"```sparql\n(.*?)```", text, re.DOTALL)
        found += re.findall(r"partnergraph query[^'\n]*'([^'\n]+)'", text)
        found += [m for m in re.findall(r"`([^`\n]{8,})`", text) if _FORMS.search(m)]
    texts = []
    for q in dict.fromkeys(found):
        texts.append(q)
        if "PREFIX pg:" not in q:
            texts.append(PROLOGUE + q)  # as `query` and `serve` run it
    return texts


def _judge(text: str, old: str, new: str, parses: bool | None) -> str | None:
    """Why a difference is wrong, or None when the verdicts agree or differ where the old one was wrong."""
    final = new if new != "ok" or parses is None else ("ok" if parses else "error")
    if old == final:
        return None
    if old == "forbidden":
        return None if final != "ok" else "the rdflib mode refused it as forbidden; engine mode lets it through"
    if final == "ok":  # old: a syntax error to rdflib
        if _DANGER.search(guard.decode_escapes(text).text):
            return "rdflib refused it as a syntax error; it holds a keyword that could reach out or write"
        return None
    return None  # the old mode let it through; engine mode or the engine's parser refuses it


@pytest.fixture(scope="module")
def verdicts():
    texts = corpus()
    parses = engine_parses(texts)
    return [(t, rdflib_mode(t), engine_mode(t), p) for t, p in zip(texts, parses)]


def test_the_corpus_holds_the_project_s_queries(verdicts):
    texts = [t for t, *_ in verdicts]
    assert len(texts) > 300
    assert any("SERVICE" in t for t in texts) and any("ukraine" in t.lower() or "Partnership" in t for t in texts)


def test_engine_mode_refuses_all_the_rdflib_mode_refused_as_forbidden(verdicts):
    wrong = [(t[-200:], old, new) for t, old, new, _ in verdicts if old == "forbidden" and new == "ok"]
    assert not wrong


def test_every_difference_is_one_where_the_rdflib_mode_was_wrong(verdicts):
    wrong = [(why, t[-300:]) for t, old, new, p in verdicts if (why := _judge(t, old, new, p))]
    assert not wrong, wrong[:5]


def test_the_differences_are_few_and_of_the_expected_kinds(verdicts):
    """What changes, counted: syntax left to pyoxigraph is most of it; nothing forbidden turns ok."""
    pairs: dict[tuple[str, str], int] = {}
    for _, old, new, parses in verdicts:
        final = new if new != "ok" or parses is None else ("ok" if parses else "error")
        pairs[(old, final)] = pairs.get((old, final), 0) + 1
    assert pairs.get(("forbidden", "ok"), 0) == 0
    same = sum(n for (a, b), n in pairs.items() if a == b)
    assert same / len(verdicts) > 0.9, pairs


# -- mutations -----------------------------------------------------------------------------------

#: what a mutation inserts: the characters and words at which a context-free lexer and a parser
#: may part (readings.py), escapes, and keywords
_PIECES = ["<", ">", "#", "'", '"', ":", "?a", " ", "\n", "{", "}", "(", ")", ".", ";", "SERVICE", "service", "FROM",
           "NAMED", "SILENT", "INSERT", "WITH", "ADD", "x:", "<?b)", "#>\n", "\\u0053", "\\u003C", "'''", "e:",
           "FILTER(?a<?b)", "SERVICE:ep", "FROM:g", "<http://e/x#>", "<http://e/>", "1", "a"]


@st.composite
def mutated(draw, seeds: list[str]):
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from(_PIECES))
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)):]
        else:
            text = text[:at] + piece + text[at + len(piece):]
    return "PREFIX e: <http://e/> PREFIX : <http://evil/> " + text


_SEEDS = [
    "SELECT * WHERE { ?s ?p ?a FILTER(?a<?b) { ?x ?y ?z } }",
    "SELECT (COUNT(?a<?b) AS ?c) FROM <https://w3id.org/partnergraph/g> WHERE { ?a ?p ?b }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o = 'x') OPTIONAL { ?s e:p ?q } } LIMIT 3",
    "ASK { ?s a <https://w3id.org/partnergraph/ontology#Programme> }",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?o > 1 && ?o < 9) }",
    "SELECT ?x WHERE { VALUES ?x { e:a e:b } BIND(?x AS ?y) } ORDER BY ?x",
]


@settings(max_examples=800, deadline=None)
@given(mutated(_SEEDS))
def test_mutations_keep_their_verdicts(text):
    """What the rdflib mode refuses as forbidden, engine mode refuses; what it accepts, engine mode
    accepts (these texts are small: an ambiguous token is sent to rdflib as before). Only its
    syntax errors may pass engine mode, for pyoxigraph to judge when it runs the text."""
    old, new = rdflib_mode(text), engine_mode(text)
    if old == "forbidden":
        assert new != "ok", text
    if old == "ok":
        assert new == "ok", text
