"""Tokens a parser may read otherwise than the guard's lexer (query/readings.py): a name that
begins with a keyword, an IRI that may be a less-than sign. Each shape below is one pyoxigraph
reads as SERVICE or FROM; the guard refuses it whatever its size and whichever syntax mode, where
it used to let through any such query too large for rdflib's parse (over 64 operators): a SERVICE
that the engine would call (stopped only by the sandbox, and not at all before a remote store), a
FROM the store would read."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from partnergraph.errors import ForbiddenQuery, QueryError
from partnergraph.query.guard import PARSE_MAX_OPERATORS, check_query, parse_check, scan
from partnergraph.query.readings import ambiguous_token

#: more operators than rdflib is asked to parse (guard.PARSE_MAX_OPERATORS)
PAD = " ".join(f"FILTER(?z{i})" for i in range(PARSE_MAX_OPERATORS + 6))
TARGET = "http://127.0.0.1:1/"

HIDDEN = {
    "SERVICE glued to a prefix": f"PREFIX x: <{TARGET}> SELECT * WHERE {{ {{}} SERVICEx:y {{ ?s ?p ?o }} }}",
    "SERVICE SILENT glued": f"SELECT * WHERE {{ {{}} SERVICESILENT<{TARGET}x>{{ ?s ?p ?o }} }}",
    "a quote in what reads as an IRI": f"SELECT * WHERE {{ ?s ?p ?a {{}} FILTER(?a<?b&&'>'=?c) SERVICE<{TARGET}>{{?s ?p ?o}} #')\n}}",
    "SERVICE:ep after a less-than": f"PREFIX : <{TARGET}> SELECT * WHERE {{ ?s ?p ?a {{}} FILTER(?a<?b)SERVICE:ep#>)\n{{ ?x ?y ?z }} }}",
    # the lexer finds no FROM (an empty dataset: the store would take the query's own), the engine
    # reads FROM :g and a comment
    "FROM after a less-than": f"PREFIX : <{TARGET}> SELECT (COUNT(?a<?b)AS?c)FROM:g#>))\nWHERE {{ ?a ?p ?b {{}} }}",
}


def padded(query: str) -> str:
    return query.replace("{}", PAD, 1)


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_pyoxigraph_reads_each_shape_as_a_query(name):
    """The shapes are real: the engine parses them (so it would call SERVICE)."""
    # on an empty store, to a closed port on the loopback: a SyntaxError would fail the test; an
    # OSError comes only from evaluating a query that parsed
    try:
        ox.Store().query(padded(HIDDEN[name]))
    except OSError:
        pass


@pytest.mark.parametrize("syntax", ["parser", "engine"])
@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_a_hidden_service_or_from_is_refused_at_any_size(name, syntax):
    with pytest.raises(QueryError):
        check_query(HIDDEN[name].replace("{}", "", 1), syntax=syntax)
    with pytest.raises(ForbiddenQuery, match="may read as a keyword"):
        check_query(padded(HIDDEN[name]), syntax=syntax)


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_the_parse_alone_used_to_skip_the_large_ones(name):
    """Why the verdicts differ from before: beyond rdflib's size the old check had only the
    lexical layer, which passes these."""
    found = scan(padded(HIDDEN[name]))
    parse_check(found)  # skipped: too large
    assert ambiguous_token(found.tokens, found.decoded.text) is not None


@pytest.mark.parametrize("query", [
    "PREFIX service: <https://w3id.org/partnergraph/ontology#> SELECT ?service WHERE { ?service a service:Municipality }",
    "SELECT ?s WHERE { ?s <http://example.org/vocab#service> ?o }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o = <http://x/a#b>) }",
    "SELECT * WHERE { ?s ?p <http://x/from/a> }",
    "SELECT * WHERE { ?s schema:address ?a ; pg:addedBy ?b }",
    "SELECT * WHERE { ?a ?p ?b FILTER(?a<?b&&?c>?d) }",
])
def test_lookalikes_pass_engine_mode(query):
    check_query(query, syntax="engine")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p <http://x/a#b> . {} }",
    "SELECT * WHERE { ?s schema:address ?a . {} }",
    "PREFIX ex: <http://x/ns#> SELECT * WHERE { ?s ex:p \"a\"^^<http://www.w3.org/2001/XMLSchema#string> . {} }",
])
def test_large_queries_without_an_ambiguous_token_pass(query):
    check_query(padded(query), syntax="engine")


@pytest.mark.parametrize("query,token", [
    ("SELECT * WHERE { ?s ?p <http://x/delete/1> }", "<http://x/delete/1>"),  # ?p < http://x/delete/1 >
    ("SELECT * WHERE { ?a ?p ?b FILTER(?a<?b)WITH>?c) }", "<?b)WITH>"),
    ("SELECT * WHERE { ?s ?p <http://x/#a> '''\n}''' }", "<http://x/#a>"),  # a long string across the comment's end
    ("PREFIX FROM: <http://x/> SELECT * WHERE { ?s ?p FROM:g }", "FROM:"),
    ("SELECT * WHERE { ?s ?p ?o } LIMITWITH", "LIMITWITH"),
])
def test_ambiguous_tokens_are_found(query, token):
    found = scan(query)
    assert ambiguous_token(found.tokens, found.decoded.text).text == token


@pytest.mark.parametrize("query", [
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT * WHERE { ?s a <http://x/C#from> }",
    "SELECT * WHERE { ?s ?p \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> FILTER(?s = <http://x/add>) }",
    "SELECT * WHERE { ?s ?p <http://x/a#b> . ?s ?q 'x' }",
    "SELECT * WHERE { GRAPH <http://x/g> { ?s ?p ?o } }",
])
def test_unambiguous_tokens_are_not_flagged(query):
    found = scan(query)
    assert ambiguous_token(found.tokens, found.decoded.text) is None
