"""Alternations that must begin at the start of a word, written so that the regex engine finds
them by their first letters.

A pattern that opens with "\\b" (or any look-around) is tried by the engine at every offset of
the text it searches (a match attempt each); one that opens with a literal letter, or with one
of a few letters, is found by a scan from letter to letter in C. So "\\b(?:A|B)" is written
"(?:a(?<!\\wa)A'|b(?<!\\wb)B')", each alternative its first letter and then the look-behind:
the same matches, since that letter is a word character (the boundary before it is exactly "no
word character before it"), and both the look-behind and "\\b" read the character before a
search's start position."""

from __future__ import annotations

import re

#: an alternative's opening: a letter, or a set of letters ("[Pp]"), then the rest
_OPENING = re.compile(r"(?:(\w)|\[(\w+)\])(.*)", re.DOTALL)


def at_word_start(alternatives) -> str:
    """`\\b(?:` + "|".join(f"(?:{a})" for a in alternatives) + `)` for regexes that each open
    with a letter or a set of letters (and hold no "|" outside a group), as an alternation that
    opens with those letters (in the alternatives' order; a set becomes one alternative per
    letter, in its order: a set matches one letter, so at most one of them matches at any place).
    For case-sensitive patterns: under IGNORECASE a cased letter gets no such scan."""
    out: list[str] = []
    for alternative in alternatives:
        m = _OPENING.fullmatch(alternative)
        if m is None:
            raise ValueError(f"opens with no letter: {alternative!r}")
        letter, letters, rest = m.groups()
        if rest[:1] in ("?", "*", "+", "{"):
            raise ValueError(f"opens with an optional letter: {alternative!r}")
        for first in letter or letters:
            out.append(f"{first}(?<!\\w{first})(?:{rest})")
    return "(?:" + "|".join(out) + ")"
