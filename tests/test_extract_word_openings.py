"""Alternations written to open with their first letters match where "\\b(?:…)" matches."""

import re

import pytest

from partnergraph.extract.word_openings import at_word_start

_TEXTS = [
    "Die Partnerstädte Ulm und Gotha; die Schwesterstädte Brest und Kiel.",
    "Städtepartnerschaften mit den Städten Lyon und Turin, partnerschaften zu Orten.",
    "KeinePartnerstädte hier, aber die beiden Partnerorte und zwei Partnergemeinden.",
    "", "P", "Partner", "xPartnerstädte Partnerstädte",
]
_ALTERNATIVES = ["Partnerstädte", "Partnerorte", "Schwesterstädte", "Städte[Pp]artnerschaften\\s+(?:zu|mit)",
                 "[Pp]artnerschaften\\s+(?:zu|mit)", "beiden", "zwei", "beide"]


def test_an_alternation_opened_by_its_letters_matches_where_the_word_boundary_form_does():
    old = re.compile(r"\b(?:" + "|".join(f"(?:{a})" for a in _ALTERNATIVES) + r")")
    new = re.compile(at_word_start(_ALTERNATIVES))
    for text in _TEXTS:
        for pos in range(len(text) + 1):
            for endpos in (pos + 3, pos + 20, len(text)):
                assert [m.span() for m in old.finditer(text, pos, endpos)] == \
                    [m.span() for m in new.finditer(text, pos, endpos)]
                assert (old.match(text, pos, endpos) is None) == (new.match(text, pos, endpos) is None)


def test_an_alternative_that_opens_with_no_letter_is_refused():
    with pytest.raises(ValueError):
        at_word_start([r"\s+Partner"])
    with pytest.raises(ValueError):
        at_word_start(["P?artner"])
