"""A partner list's year in brackets right after a name: "Sterzing (ITA, seit 1971), Rueil
Malmaison (FRA, seit 1979)" (meinbezirk.at), "Allendorf/Lumda (seit 1998 Partnerschaftsvertrag)"
(hessen-wielkopolska.de), "Nürnberg-Kraków (seit 03. Oktober 1979)" (bavariaworldwide.de),
"Villette sur Ain (seit 1988)" (pressreader.com): the name before it is a partner town, whatever
its size and whether or not its country is named (places.py accepts a town's own name so)."""

from __future__ import annotations

import re

#: " (" then at most a country code or name and a comma, then "seit" and a year, as a date may
#: write it ("seit 1971", "seit dem 12. Mai 1962", "seit 07.04.2003")
_YEAR_BRACKET = re.compile(r" \((?:[^()\n]{0,40}?,\s*)?seit\s+(?:dem\s+)?(?:\d{1,2}\.\s*(?:[A-ZÄÖÜa-zäöü]+\s+|\d{1,2}\.)?)?\d{4}\b")


def year_bracket_after(text: str, end: int) -> bool:
    """Whether a bracket with a "seit" year follows the name ending at `end`."""
    return text.startswith(" (", end) and _YEAR_BRACKET.match(text, end) is not None
