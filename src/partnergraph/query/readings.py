"""Where the guard's tokens and a parser's reading of the same text may part (guard.py).

The lexer (lexer.py) cuts the text into tokens without context; the engine's parser reads in
context. They agree everywhere except at two kinds of token, and only there can the engine meet a
SERVICE, a FROM or an update keyword that the lexer's tokens do not show:

1. **A name that begins with a keyword.** A parser that tries its keywords at the start of a run of
   name characters can read ``SERVICE:ep`` (a prefixed name to the lexer) as SERVICE followed by
   ``:ep``, ``SERVICESILENT<…>`` as SERVICE SILENT, ``FROMx:g`` as FROM ``x:g``. No SPARQL keyword
   holds SERVICE, FROM, NAMED or an update keyword inside it, so a word or a prefix (the part before
   the colon; a local part is always read whole) that holds one of them and is not that keyword
   exactly is such a name.
2. **An IRI that may be a less-than sign.** After an operand (a variable, a literal, an IRI, a
   prefixed name, ``)``…) the engine reads ``<`` as less-than wherever that parses, and reads what
   the lexer took for the IRI's text as tokens: ``FILTER(?a<?b)SERVICE:ep#>`` ends in a comment
   for the engine. Such an IRI matters when its text, read so, holds a keyword (any of the words
   above), a quote (a string that runs on past the ``>``, hiding what follows from the lexer) or
   a ``#`` (a comment to the end of the line: the two readings meet again after it unless a long
   string the lexer read starts on that line and runs past its end).

Everywhere else both readings cut the text at the same places (the lexer's strings, comments and
escapes are the engine's; `lexer.py`), so the keywords the lexical layer checks are the ones the
engine will see. A query with such a token is checked by a parser as well (guard.parse_check).
"""

from __future__ import annotations

import re

from .lexer import Token

#: the keywords of SPARQL Update (guard.py refuses them; defined here, where guard imports them
#: from, so that the hidden readings below look for the same list)
UPDATE_WORDS = frozenset(("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                          "WITH", "USING"))
#: the words a hidden reading could bring in: SERVICE and SILENT (federation), FROM and NAMED
#: (the dataset), and the update keywords
#: (matched against upper-cased text: without IGNORECASE, Python's regex engine skips ahead to the
#: possible first letters, where a case-insensitive search tries every alternative at every
#: position: 0.3 s more on a 1 MiB name in benchmarks/bench_guard.py)
_KEYWORDS = re.compile("|".join(("SERVICE", "SILENT", "FROM", "NAMED", *sorted(UPDATE_WORDS))))
#: punctuation after which `<` can only start an IRI (an operator, an opening bracket or a
#: separator comes before an operand, never after one)
_BEFORE_OPERAND = frozenset(("(", "{", "[", "<<", "{|", ",", ".", ";", "=", "!=", "<", ">", "<=", ">=", "&&", "||",
                             "!", "+", "-", "*", "/", "|", "^", "^^", "?"))
#: words that end an operand: every other SPARQL word is a keyword after which `<` starts an IRI
_OPERAND_WORDS = frozenset(("TRUE", "FALSE"))


def ambiguous_token(tokens: list[Token], source: str) -> Token | None:
    """The first token the engine may read otherwise than the lexer (module docstring), if any.
    `source`: the decoded text the tokens were cut from."""
    for i, tok in enumerate(tokens):
        if tok.kind == "word":
            word = tok.text.upper()
            if _KEYWORDS.search(word) and not _KEYWORDS.fullmatch(word):
                return tok
        elif tok.kind == "pname":
            if _KEYWORDS.search(tok.text.partition(":")[0].upper()):
                return tok
        elif tok.kind == "iri" and _after_operand(tokens, i) and _iri_may_hide(tok, tokens, i, source):
            return tok
    return None


def _after_operand(tokens: list[Token], i: int) -> bool:
    """May the token before `tokens[i]` end an operand, so that `<` there can be less-than?"""
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.kind == "punct":
        return prev.text not in _BEFORE_OPERAND
    if prev.kind == "word":
        return prev.text.upper() in _OPERAND_WORDS
    if prev.kind == "pname" and i >= 2 and tokens[i - 2].kind == "word" and tokens[i - 2].text.upper() == "PREFIX":
        return False  # PREFIX p: <…>: the grammar wants an IRI there
    return True


def _iri_may_hide(tok: Token, tokens: list[Token], i: int, source: str) -> bool:
    inner = tok.text[1:-1]
    hash_at = inner.find("#")
    read = inner if hash_at < 0 else inner[:hash_at]
    if "'" in read or _KEYWORDS.search(read.upper()):
        return True
    if hash_at < 0:
        return False
    # a comment from the `#` to the end of the line: a long string the lexer reads from this line
    # on would be tokens to the engine on the next lines
    end = tok.start + len(tok.text)
    line_end = min((p for p in (source.find("\n", end), source.find("\r", end)) if p >= 0), default=len(source))
    for later in tokens[i + 1:]:
        if later.start >= line_end:
            break
        if later.kind == "string" and later.start + len(later.text) > line_end:
            return True
    return False
