"""SPARQL text read as the engine reads it: ``\\u`` escapes decoded (`decode_escapes`), then cut
into tokens (`lex`) with anchored regular expressions that never restart inside a token, so the
cost is linear in the text's length. guard.py decides on these tokens; see its docstring.
"""

from __future__ import annotations

import re
from functools import cache
from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple

from ..errors import ForbiddenQuery, QueryError

# -- \u escapes --------------------------------------------------------------------------------
#
# The engine's decoder (spargebra's, and SPARQL 1.1 §19.2): a backslash followed by a backslash
# is kept as the pair (so `\\u0041` is no escape); `\u` + 4 and `\U` + 8 characters that read as
# a hexadecimal Unicode scalar value become that character; anything else is kept as written.
# Rust's u32::from_str_radix accepts a leading "+", so `\u+041` is "A" there: so it is here.

_ESCAPE = re.compile(r"\\(?:\\|u(\+?[0-9A-Fa-f]{3}[0-9A-Fa-f]?)|U(\+?[0-9A-Fa-f]{7}[0-9A-Fa-f]?))", re.DOTALL)


#: a decoded escape may stand for these anywhere: they cannot change where a token ends
@cache
def _name_char() -> re.Pattern:
    # (compiled on first use, like _token_pattern: only a query with escapes needs it)
    return re.compile(r"[A-Za-z0-9_\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D"
                      r"\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
                      r"\U00010000-\U000EFFFF]")


# (the small classes of the query path are plain classes and NamedTuples, not dataclasses: the
# dataclasses module imports inspect, ast and dis, ~9 ms of a small query's start-up)
class Decoded:
    __slots__ = ("text", "escapes")

    def __init__(self, text: str, escapes: list[tuple[int, int, int]] | None = None):
        self.text = text  # the query with its escapes decoded
        #: per decoded escape: (offset in `text`, offset in the original, length in the original)
        self.escapes = escapes if escapes is not None else []

    def __repr__(self) -> str:
        return f"Decoded(text={self.text!r}, escapes={self.escapes!r})"

    def original_offset(self, pos: int) -> int:
        i = bisect_right(self.escapes, (pos, float("inf"), 0))
        if not i:
            return pos
        at, orig, length = self.escapes[i - 1]
        return orig + (pos - at) + (length - 1 if pos > at else 0)


def decode_escapes(text: str) -> Decoded:
    out: list[str] = []
    escapes: list[tuple[int, int, int]] = []
    last = 0
    size = 0
    for m in _ESCAPE.finditer(text):
        digits = m.group(1) or m.group(2)
        if digits is None or len(digits) != (4 if m.group(1) else 8):
            continue  # `\\` (kept, and its second backslash starts no escape) or too few digits
        value = int(digits, 16)
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            continue  # no Unicode scalar value: kept as written, as the engine does
        out.append(text[last:m.start()])
        size += m.start() - last
        escapes.append((size, m.start(), m.end() - m.start()))
        out.append(chr(value))
        size += 1
        last = m.end()
    if not escapes:
        return Decoded(text)
    out.append(text[last:])
    return Decoded("".join(out), escapes)


# -- tokens ------------------------------------------------------------------------------------

_PN_CHARS_BASE = (r"A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D"
                  r"\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
PN_CHARS = _PN_CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{PN_CHARS}.]*[{PN_CHARS}])?"
# PN_LOCAL may not end in ".": the greedy run is trimmed afterwards (`_trim_dots`)
_PN_LOCAL = rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:[{PN_CHARS}.:]|{_PLX})*"
_ECHAR = r"""\\[tbnrf"'\\]"""


_NON_ASCII_MEMBER = re.compile(r"\\u[0-9A-Fa-f]{4}(?:-\\u[0-9A-Fa-f]{4})?|\\U[0-9A-Fa-f]{8}(?:-\\U[0-9A-Fa-f]{8})?")


def ascii_only(source: str) -> str:
    """A pattern's source without the non-ASCII members of its character classes: on ASCII text it
    matches exactly what the whole pattern matches (every ``\\u``/``\\U`` in our token patterns is
    a member of a class that also holds ASCII letters), and it compiles in a fraction of the time:
    Python's compiler walks every code point of a class's ranges (~50,000 per PN_CHARS class)."""
    return _NON_ASCII_MEMBER.sub("", source)


def token_pattern(text: str) -> re.Pattern:
    """The token pattern for `text`: the ASCII-only one (~1 ms to compile) when `text` is ASCII,
    as almost every query is, else the whole one (~40 ms)."""
    return _token_pattern(text.isascii())


@cache
def _token_pattern(ascii_text: bool = False) -> re.Pattern:
    # compiled on first use: its Unicode classes take ~40 ms to compile, which every command
    # paid at start-up when this was a module constant (benchmarks/bench_startup.py)
    source = _token_source()
    return re.compile(ascii_only(source) if ascii_text else source)


def _token_source() -> str:
    return "|".join((
        r"(?P<ws>[ \t\r\n]+)",
        r"(?P<comment>#[^\r\n]*)",
        r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
        # possessive loops (*+): a string that does not end fails without backtracking through it
        # (an iteration ends with a non-quote, so no completed iteration is ever needed back)
        rf"(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*+'''"
        rf'|"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*+"""'
        rf"|'(?:[^'\\\r\n]|{_ECHAR})*+'"
        rf'|"(?:[^"\\\r\n]|{_ECHAR})*+")',
        rf"(?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*)",
        rf"(?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{PN_CHARS}.]*[{PN_CHARS}])?)",
        rf"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
        r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?)",
        r"(?P<number>[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.?[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)",
        # the whole run of name characters (dots only between them), so that no position inside it is
        # tried again as the start of a prefixed name: `a.a.a…` and `a-a-a…` stay linear
        rf"(?P<word>[{_PN_CHARS_BASE}][{PN_CHARS}]*(?:\.+[{PN_CHARS}]+)*)",
        r"(?P<punct>\^\^|<=|>=|!=|&&|\|\||<<|>>|\{\||\|\}|[{}()\[\];,.=<>!+\-*/|^?~])",
    ))


_START_QUOTES = ("'''", '"""', "'", '"')


class Token(NamedTuple):
    kind: str
    text: str
    start: int  # offset in the decoded text


class Where:
    """Line and column in the user's text (without the prologue) for an offset in the decoded text."""

    def __init__(self, original: str, decoded: Decoded, prologue_lines: int):
        self.original = original
        self.decoded = decoded
        self.prologue_lines = prologue_lines
        self._newlines: list[int] | None = None

    def __call__(self, pos: int) -> str:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.original)]
        orig = self.decoded.original_offset(pos)
        line = bisect_right(self._newlines, orig - 1)
        column = orig - (self._newlines[line - 1] + 1 if line else 0) + 1
        return f"line {max(line + 1 - self.prologue_lines, 1)}, column {column}"


def _trim_dots(text: str) -> str:
    """A prefixed name ends before trailing dots that are not escaped (`ex:a.` is `ex:a` then `.`)."""
    while text.endswith(".") and not text.endswith("\\."):
        text = text[:-1]
    return text


def lex(text: str, decoded: Decoded, label: str, where: Callable[[int], str]):
    """The tokens of the decoded text, one at a time (the checks stop at the first refusal)."""
    source = decoded.text
    token = token_pattern(source)
    escapes = decoded.escapes
    next_escape = 0
    pos = 0
    while pos < len(source):
        m = token.match(source, pos)
        if m is None:
            if source.startswith(_START_QUOTES, pos):
                raise QueryError(f"{label}: syntax error at {where(pos)}: a string that does not end "
                                 "(or holds an escape other than \\t \\b \\n \\r \\f \\\" \\' \\\\)")
            raise QueryError(f"{label}: syntax error at {where(pos)}: unexpected {source[pos]!r}")
        kind = m.lastgroup
        value = m.group()
        if kind == "pname":
            value = _trim_dots(value)
        end = pos + len(value)
        # an escape may only spell what cannot change where this token ends (guard.py's docstring)
        while next_escape < len(escapes) and escapes[next_escape][0] < end:
            at = escapes[next_escape][0]
            ch = source[at]
            inside = pos < at < end - 1 or (kind == "comment" and pos < at)
            allowed = (_name_char().match(ch) is not None
                       or (inside and kind == "string" and ch not in "'\"\\\r\n")
                       or (inside and kind == "iri")
                       or (inside and kind == "comment" and ch not in "\r\n"))
            if not allowed:
                original = text[escapes[next_escape][1]:escapes[next_escape][1] + escapes[next_escape][2]]
                raise ForbiddenQuery(f"{label}: {original} at {where(at)} encodes {ch!r}, which engines read "
                                     "differently there; write the character itself")
            next_escape += 1
        if kind != "ws" and kind != "comment":
            yield Token(kind, value, pos)
        pos = end
