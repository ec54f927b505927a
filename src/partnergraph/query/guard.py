"""May this SPARQL query run? Read-only, no federation, only this store's graphs.

The decision is made in three layers, all before the query reaches any store:

1. **Lexical, linear, always** (`scan`): one pass decodes ``\\u`` escapes the way the engine's
   parser does, a second pass cuts the text into SPARQL tokens (strings with their escapes,
   IRIs, comments, prefixed names with ``PN_LOCAL_ESC``, variables, numbers, keywords,
   punctuation) with anchored regular expressions that never restart inside a token. The token
   stream bounds the query's size, its nesting depth and its operator chains *before* any
   recursive parser sees it, and refuses the keywords SERVICE and every update keyword. SPARQL's
   keywords are reserved words: an engine can only call another endpoint if its lexer meets the
   token SERVICE, so a lexer that reads the text as the engine does sees every one of them.
   FROM / FROM NAMED are resolved here too (PREFIX and BASE are tracked). The decoding and the
   tokens are lexer.py's; the checks on them are here.
2. **Ambiguous tokens** (readings.py): where a parser that reads in context may cut the text
   otherwise than the lexer (a name that begins with a keyword, ``SERVICE:ep``; an IRI after an
   operand that may be a less-than sign, ``FILTER(?a<?b)SERVICE:ep#>``), the keywords above are
   not enough: such a query must pass the syntactic layer, and one too large for it is refused.
3. **Syntactic, bounded** (`parse_check`): rdflib's SPARQL 1.1 grammar parses the same decoded
   text and its algebra is walked: no SERVICE node, and the dataset it names must be the one the
   lexical layer found. Text that does not parse is refused. rdflib's parser (pyparsing) costs
   5–15 ms per operator (measured: 250 ``+`` in one FILTER take 2.7 s, 1,000 FILTERs 20 s), so it
   only runs on queries within `PARSE_MAX_CHARS` and `PARSE_MAX_OPERATORS`; beyond them the
   first two layers decide and the engine's own parser refuses malformed text. It runs on every
   query (``syntax="parser"``: the server, remote stores) or only on those with an ambiguous
   token (``syntax="engine"``: the caller runs the text on pyoxigraph in this process, whose
   parser judges the syntax; importing and building rdflib's grammar costs ~0.3 s, most of a
   small ``partnergraph query``).

Every refusal is a `ForbiddenQuery` (→ HTTP 400) or a `QueryError` with one line naming the
line and column in the user's text (the prologue of standard prefixes that callers prepend is not
counted). Three escapes differ between engines: pyoxigraph 0.5 decodes ``\\u`` only inside
strings and IRIs, the SPARQL 1.1 text (§19.2) and older engines decode them anywhere. An escape
that would make the two readings differ (one that encodes a quote, a bracket, ``#``, a space, …)
is refused, so both readings see the same tokens; `SERVI\\u0043E` reads as SERVICE and is refused.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable
from functools import cache
from typing import NamedTuple
from urllib.parse import urljoin

from ..errors import ForbiddenQuery, QueryError
from .lexer import PN_CHARS, Decoded, Token, Where, ascii_only, decode_escapes, lex  # noqa: F401 - decode_escapes: tests
from .readings import UPDATE_WORDS, ambiguous_token

#: longest query text, in characters: the server's largest request body (server.MAX_BODY, 1 MiB),
#: so every body the server accepts is checked whole; the lexical layer reads 1 MiB in ~0.2 s
MAX_QUERY_CHARS = 1 << 20
#: deepest nesting of ( ) { } [ ] << >> and of runs of ! - + ^. The bundled queries nest at most
#: 6 deep. pyoxigraph 0.5.13 dies (SIGSEGV, 8 MiB thread stack) at 1,000 nested function calls
#: (CONCAT(CONCAT(…))), 4,000 nested groups or subqueries, 8,000 nested parentheses; and it
#: parses nested blank nodes and collections in polynomial time (depth 64: 1.4 s, 128: 19 s,
#: depth 32: 0.1 s). 32 is five times what the bundled queries need, 30 times below the
#: shallowest crash, and keeps that polynomial parse near 0.1 s.
MAX_DEPTH = 32
#: operators and pattern keywords (UNION, OPTIONAL, FILTER, ., ||, +, …) on the path from the
#: query's root to any token: each adds a level to the left-deep trees the engine builds, and
#: pyoxigraph 0.5.13 dies at 7,000–10,000 of them in one chain (UNION, +, ||, FILTER, !). The
#: bundled queries have at most 37; 1,000 is 27 times that and 7 times below the first crash.
MAX_CHAIN = 1000
#: rdflib's parser runs on queries up to this size and operator count (module docstring): the
#: largest bundled query has 1.6 kB and 37 operators. Measured at these bounds: 64 KiB of VALUES
#: 0.6 s; 91 operators took 0.4 s (UNION, OPTIONAL) to 1.06 s (|| chain), so 64 keeps the
#: slowest shape near 0.7 s
PARSE_MAX_CHARS = 64 << 10
PARSE_MAX_OPERATORS = 64
#: Python frames rdflib may use: ~55 per nesting level (nested function calls, the deepest kind)
#: times MAX_DEPTH, plus one per UNION / OPTIONAL in a chain, plus the caller's frames
PARSE_RECURSION = 6000

#: graph names that are this project's own when the caller does not list the store's graphs
OWN_GRAPHS = ("https://w3id.org/partnergraph/",)

#: words and punctuation that combine what surrounds them into one more level of the engine's
#: expression or algebra tree (MAX_CHAIN)
CHAIN_WORDS = frozenset(("UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "VALUES", "SERVICE",
                         "EXISTS", "NOT", "IN", "LATERAL"))
CHAIN_PUNCT = frozenset(("||", "&&", "=", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "!", "^", "|",
                         ".", ";"))
UNARY = frozenset(("!", "-", "+", "^"))
OPENERS = {"(": ")", "{": "}", "[": "]", "<<": ">>", "{|": "|}"}
CLOSERS = {v: k for k, v in OPENERS.items()}


class QueryDataset(NamedTuple):
    """The RDF dataset a query names itself with FROM / FROM NAMED (empty: the whole store)."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


# -- the lexical layer -------------------------------------------------------------------------

#: SERVICE or an update keyword as a whole run of letters inside a (upper-cased) word token
_FORBIDDEN_PART = re.compile(rf"(?<![A-Z])(?:SERVICE|{'|'.join(sorted(UPDATE_WORDS))})(?![A-Z])")


#: a less-than sign can start what looks like an IRI: `FILTER(?a<?b)SERVICE?x#>` reads as one
#: IRI to a lexer but as `?a < ?b ) SERVICE ?x` and a comment to a parser. SERVICE hidden so
#: needs a variable right after it and a `#` later in the same "IRI" (no space, `{` or `<`
#: can be inside one): such an IRI is refused.
@cache
def _hidden_service(ascii_text: bool = False) -> re.Pattern:
    # compiled on first use: its Unicode classes under IGNORECASE cost every command's start-up
    # ~10 ms as a module constant (benchmarks/bench_startup.py); ASCII text needs none of them
    # (lexer.ascii_only; under IGNORECASE only non-ASCII text can hold a "ſ" that matches "s")
    source = rf"(?<![{PN_CHARS}:.])SERVICE[?$][^#]*#"
    return re.compile(ascii_only(source) if ascii_text else source, re.IGNORECASE)


_IRI_BRACKET = re.compile(r"[()\[\]]")
_IRI_OPERATORS = ("/", "*", "+", "!", "&&", "=")


class Scan(NamedTuple):
    """The lexical layer's findings about one query."""

    tokens: list[Token]
    decoded: Decoded
    dataset: QueryDataset
    operators: int  # chain-building operators in the whole query (PARSE_MAX_OPERATORS)


def scan(text: str, *, label: str = "query", prologue_lines: int = 0) -> Scan:
    """The lexical layer: every check whose cost is linear in the query's length."""
    if len(text) > MAX_QUERY_CHARS:
        raise ForbiddenQuery(f"{label}: the query has {len(text):,} characters; at most {MAX_QUERY_CHARS:,} are accepted")
    decoded = decode_escapes(text)
    where = Where(text, decoded, prologue_lines)
    tokens: list[Token] = []
    dataset, operators = _structure(lex(text, decoded, label, where), tokens, label, where)
    return Scan(tokens, decoded, dataset, operators)


def _structure(lexer, tokens: list[Token], label: str, where: Callable[[int], str]) -> tuple[QueryDataset, int]:
    """Keywords, nesting and operator chains as the tokens come (into `tokens`), then the dataset."""
    stack: list[tuple[str, int, int]] = []  # (closer, chain count of the level, where it opened)
    chain = 0  # operators on the path from the root to here
    level_ops = 0
    operators = 0
    unary_run = 0
    prefixes: dict[str, str] = {}
    base: str | None = None
    default: list[str] = []
    named: list[str] = []
    declarations: list[int] = []  # indexes of BASE, PREFIX and FROM
    hidden_depth = 0  # brackets opened inside IRIs and not closed in one
    for tok in lexer:
        tokens.append(tok)
        word = tok.text.upper() if tok.kind == "word" else None
        if word is not None:
            # a word is a run of name characters: any keyword inside it counts (no valid query has
            # a bare word other than a keyword, so this refuses nothing that could run)
            if (m := _FORBIDDEN_PART.search(word)) and m.group() == "SERVICE":
                raise ForbiddenQuery(f"{label}: SERVICE is not allowed (at {where(tok.start)}): "
                                     "queries may not reach other endpoints")
            if m:
                raise ForbiddenQuery(f"{label}: SPARQL Update is not allowed ({m.group()} at {where(tok.start)}): "
                                     "the graph is read-only")
            if word in ("BASE", "PREFIX", "FROM"):
                declarations.append(len(tokens) - 1)
        if tok.kind == "iri":
            if _hidden_service(tok.text.isascii()).search(tok.text):
                raise ForbiddenQuery(f"{label}: SERVICE is not allowed (at {where(tok.start)}, inside what reads "
                                     f"as an IRI {tok.text[:40]!r})")
            # the same ambiguity could hide nesting and operator chains from the counts below: the
            # brackets inside IRIs are counted on their own (a balanced `_(bar)` costs one level
            # for a moment), and one IRI may not hold more operator characters than a chain
            hidden_peak = hidden_depth
            for m in _IRI_BRACKET.finditer(tok.text):
                hidden_depth = hidden_depth + 1 if m.group() in "([" else max(hidden_depth - 1, 0)
                hidden_peak = max(hidden_peak, hidden_depth)
            if len(stack) + hidden_peak > MAX_DEPTH:
                raise ForbiddenQuery(f"{label}: nesting deeper than {MAX_DEPTH} (at {where(tok.start)}, counting "
                                     "the brackets inside IRIs)")
            if sum(tok.text.count(c) for c in _IRI_OPERATORS) > MAX_CHAIN:
                raise ForbiddenQuery(f"{label}: an IRI with more than {MAX_CHAIN} operator characters "
                                     f"(at {where(tok.start)})")
        # -- nesting and chains
        if tok.kind == "punct" and tok.text in UNARY:
            unary_run += 1
        else:
            unary_run = 0
        if word in CHAIN_WORDS or (tok.kind == "punct" and tok.text in CHAIN_PUNCT) or tok.text == "{":
            level_ops += 1
            chain += 1
            operators += 1
            if chain > MAX_CHAIN:
                raise ForbiddenQuery(f"{label}: more than {MAX_CHAIN} operators and pattern keywords in one "
                                     f"chain (at {where(tok.start)}): split the query")
        if tok.kind == "punct" and tok.text in OPENERS:
            stack.append((OPENERS[tok.text], level_ops, tok.start))
            level_ops = 0
        elif tok.kind == "punct" and tok.text in CLOSERS:
            if not stack or stack[-1][0] != tok.text:
                raise QueryError(f"{label}: syntax error at {where(tok.start)}: unbalanced {tok.text!r}")
            chain -= level_ops
            _, level_ops, _ = stack.pop()
        if len(stack) + unary_run > MAX_DEPTH:
            raise ForbiddenQuery(f"{label}: nesting deeper than {MAX_DEPTH} (at {where(tok.start)})")
    if stack:
        closer, _, start = stack[-1]
        raise QueryError(f"{label}: syntax error at {where(start)}: no {closer!r} closes this")
    # -- the prologue and the dataset
    n = len(tokens)
    for i in declarations:
        tok = tokens[i]
        word = tok.text.upper()
        if word == "BASE" and i + 1 < n and tokens[i + 1].kind == "iri":
            base = _resolve(tokens[i + 1].text[1:-1], base)
        elif word == "PREFIX" and i + 2 < n and tokens[i + 1].kind == "pname" and tokens[i + 2].kind == "iri":
            prefixes[tokens[i + 1].text[:-1]] = _resolve(tokens[i + 2].text[1:-1], base)
        elif word == "FROM":
            j = i + 1
            is_named = j < n and tokens[j].kind == "word" and tokens[j].text.upper() == "NAMED"
            j += is_named
            ref = tokens[j] if j < n else None
            iri = _dataset_iri(ref, prefixes, base)
            if iri is None:
                shown = ref.text[:60] if ref else "(end of query)"
                raise ForbiddenQuery(f"{label}: FROM {shown} (at {where(tok.start)}): only IRIs of this store's "
                                     "graphs may follow FROM")
            (named if is_named else default).append(iri)
    return QueryDataset(tuple(default), tuple(named)), operators


def _resolve(iri: str, base: str | None) -> str:
    return urljoin(base, iri) if base and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) else iri


_LOCAL_ESC = re.compile(r"\\(.)")


def _dataset_iri(tok: Token | None, prefixes: dict[str, str], base: str | None) -> str | None:
    if tok is None:
        return None
    if tok.kind == "iri":
        return _resolve(tok.text[1:-1], base)
    if tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + _LOCAL_ESC.sub(r"\1", local)
    return None


# -- the parse ---------------------------------------------------------------------------------

_PARSE_LOCK = threading.Lock()
_grammar = None


def _rdflib_grammar():
    """rdflib's SPARQL grammar, with TriplesBlock read as a loop instead of recursion.

    rdflib's rule `TriplesBlock ::= TriplesSameSubjectPath ('.' TriplesBlock?)?` recurses once
    per triple pattern (200 patterns exhaust Python's default recursion limit); rdflib already
    rewrote TriplesTemplate, the same rule's twin, as a loop for that reason. The loop yields the
    same parse results.
    """
    global _grammar
    if _grammar is None:
        from pyparsing import Optional, Suppress, ZeroOrMore
        from rdflib.plugins.sparql import parser
        from rdflib.plugins.sparql.parserutils import ParamList

        parser.TriplesBlock <<= ParamList("triples", parser.TriplesSameSubjectPath) + ZeroOrMore(
            Suppress(".") + Optional(ParamList("triples", parser.TriplesSameSubjectPath)))
        _grammar = parser.Query
    return _grammar


def parseable(found: Scan) -> bool:
    """Is the query within rdflib's affordable size (`PARSE_MAX_CHARS`, `PARSE_MAX_OPERATORS`)?"""
    return len(found.decoded.text) <= PARSE_MAX_CHARS and found.operators <= PARSE_MAX_OPERATORS


def parse_check(found: Scan, *, label: str = "query", prologue_lines: int = 0, original: str = "") -> None:
    """The syntactic layer: rdflib parses the decoded text; its algebra must hold no SERVICE and
    name the dataset the lexical layer found. Skipped beyond rdflib's affordable size."""
    source = found.decoded.text
    if not parseable(found):
        return
    from pyparsing import ParseBaseException

    where = Where(original or source, found.decoded, prologue_lines)
    grammar = _rdflib_grammar()
    with _PARSE_LOCK:  # the recursion limit is the interpreter's: raise it for one parse at a time
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old, PARSE_RECURSION))
        try:
            tree = grammar.parse_string(source, parse_all=True)
            algebra = _translate(tree)
        except ParseBaseException as exc:
            raise QueryError(f"{label}: syntax error at {where(exc.loc)}: {_near(found, exc.loc)}") from None
        except RecursionError:
            raise ForbiddenQuery(f"{label}: the query is nested too deeply to check") from None
        except Exception as exc:  # rdflib's algebra refuses what its grammar let through
            raise QueryError(f"{label}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
        finally:
            sys.setrecursionlimit(old)
    _walk(algebra, label)
    if _parsed_dataset(algebra) != (set(found.dataset.default), set(found.dataset.named)):
        raise ForbiddenQuery(f"{label}: the graphs named by FROM could not be determined")


def _translate(tree):
    """rdflib's translateQuery, with prefixes kept in a dictionary.

    rdflib binds prefixes through a NamespaceManager, which keeps one prefix per namespace: a
    query declaring its own prefix for a namespace the standard prologue already names (``ex:``
    beside ``pg:``) would lose ``pg:``. SPARQL lets any number of prefixes name one namespace.
    """
    import functools

    from rdflib import URIRef
    from rdflib.plugins.sparql import algebra as alg
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import Prologue

    class DictPrologue(Prologue):
        def __init__(self):
            super().__init__()
            self.prefixes: dict[str, str] = {}

        def bind(self, prefix, uri):
            self.prefixes[prefix or ""] = str(uri)

        def resolvePName(self, prefix, localname):  # noqa: N802 - rdflib's name
            if (prefix or "") not in self.prefixes:
                raise QueryError(f"unknown prefix {prefix or ''}:")
            return URIRef(self.prefixes[prefix or ""] + (localname or ""))

    prologue = alg.translatePrologue(tree[0], None, prologue=DictPrologue())
    tree[1] = alg.traverse(tree[1], visitPost=functools.partial(alg.translatePName, prologue=prologue))
    pattern, projection = alg.translate(tree[1])
    if tree[1].name == "ConstructQuery":
        template = alg.triples(tree[1].template) if tree[1].template else None
        res = CompValue(tree[1].name, p=pattern, template=template, datasetClause=tree[1].datasetClause)
    else:
        res = CompValue(tree[1].name, p=pattern, datasetClause=tree[1].datasetClause, PV=projection)
    res = alg.traverse(res, visitPost=alg.simplify)
    alg._traverseAgg(res, visitor=alg.analyse)
    alg._traverseAgg(res, alg._addVars)
    return res


def _near(found: Scan, loc: int) -> str:
    for tok in found.tokens:
        if tok.start >= loc:
            return f"unexpected {tok.text[:30]}"
    return "unexpected end of query"


def _walk(algebra, label: str) -> None:
    """Every node of rdflib's algebra, iteratively (trees may be deep)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    todo = [algebra]
    while todo:
        node = todo.pop()
        if isinstance(node, CompValue):
            if node.name in ("ServiceGraphPattern", "Service"):
                raise ForbiddenQuery(f"{label}: SERVICE is not allowed: queries may not reach other endpoints")
            todo.extend(node.values())
        elif isinstance(node, (list, tuple)):
            todo.extend(node)
        elif isinstance(node, dict):
            todo.extend(node.values())


def _parsed_dataset(algebra) -> tuple[set[str], set[str]]:
    clauses = algebra.get("datasetClause") or []
    default = {str(c["default"]) for c in clauses if "default" in c}
    named = {str(c["named"]) for c in clauses if "named" in c}
    return default, named


# -- the decision ------------------------------------------------------------------------------

def check_query(text: str, *, label: str = "query", is_local: Callable[[str], bool] | None = None,
                prologue_lines: int = 0, syntax: str = "parser") -> QueryDataset:
    """Refuses updates, federation and foreign datasets; returns the dataset the query names.

    FROM / FROM NAMED may only name graphs of this store: `is_local(iri)` decides (default: IRIs
    under ``https://w3id.org/partnergraph/``); ``file:`` IRIs never pass. `prologue_lines`:
    lines the caller prepended (standard prefixes), left out of line numbers in messages.

    `syntax`: "parser" (rdflib's grammar judges every query within its affordable size: the
    default, for stores whose engine runs elsewhere) or "engine" (the caller executes the text on
    pyoxigraph in this process, whose parser refuses what does not parse with its own line and
    column: rdflib is then asked only about a query with a token the engine may read otherwise
    than the lexer, readings.py). Either way, such a query beyond rdflib's size is refused.
    """
    if syntax not in ("parser", "engine"):
        raise ValueError(f"syntax must be 'parser' or 'engine', not {syntax!r}")
    is_local = is_local or (lambda iri: iri.startswith(OWN_GRAPHS))
    found = scan(text, label=label, prologue_lines=prologue_lines)
    check_dataset(found.dataset.default + found.dataset.named, is_local, what=f"{label}: FROM")
    ambiguous = ambiguous_token(found.tokens, found.decoded.text)
    if ambiguous is not None and not parseable(found):
        where = Where(text, found.decoded, prologue_lines)
        raise ForbiddenQuery(f"{label}: {ambiguous.text[:40]!r} (at {where(ambiguous.start)}) may read as a keyword "
                             f"or as more than one token, and the query is too large to parse "
                             f"(over {PARSE_MAX_CHARS:,} characters or {PARSE_MAX_OPERATORS} operators): "
                             "write spaces around a '<' that means less-than, and name prefixes other than keywords")
    if syntax == "parser" or ambiguous is not None:
        parse_check(found, label=label, prologue_lines=prologue_lines, original=text)
    return found.dataset


def check_dataset(iris, is_local: Callable[[str], bool], *, what: str) -> None:
    """Each IRI (FROM, default-graph-uri, named-graph-uri) must name a graph of this store."""
    for iri in iris:
        if iri.lower().startswith("file:") or not is_local(iri):
            raise ForbiddenQuery(f"{what} <{iri}> is not allowed: only the graphs of this store can be "
                                 "queried; remote and file: IRIs are never fetched")
