"""The gazetteer side of a dash pair: "die Städtesolidarität Aschaffenburg-Villavicencio"
(ila-bonn.de), "Nürnberg-Kraków (seit 1979)" (bavariaworldwide.de), "Partnerschaftsverein
Bonn-La Paz" (bonn.de), "Städtepartnerschaftsverein Mainz-Odessa" (antenne-mainz.de),
"Freundeskreises Hamburg-León" (nielsannen.de): two towns glued by a dash, one of them a place the
acceptance rules took, the other a town of ANOTHER country named by its own name, are a pair of
partners, and the second is a place too however small or far away it is (the size rules turned
down Villavicencio: 320k, Colombia unnamed on the page).

Two towns of one country glued so are mostly a town and its quarter ("Mainz-Kastel",
"Berlin-Mitte") or a double name ("Bietigheim-Bissingen"): this module leaves them to the usual
rules. A German noun is never taken so ("Berlin-Marathon": Marathon is a Greek town too), nor a
first name or a frequent word. dash_pairs.py handles the names the gazetteer lacks, on pages that
list several pairs so.
"""

from __future__ import annotations

from .context import PlaceHit
from .gazetteer import PlaceRecord
from .place_names import own_name

#: the dashes that glue two names without a space ("Köln-Bethlehem", "Jena–Beit Jala")
DASHES = "-‐–"


def glued_partners(hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                   ok: list[bool], text: str, frequent, first_names) -> list[int]:
    """Indices of the hits that are the other-country side of a dash pair whose first or second
    side was accepted (see the module)."""
    out = []
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        if ok[i] == ok[i + 1] or not (b.start == a.end + 1 and text[a.end] in DASHES or _pair_line(text, a, b)):
            continue
        ra, rb = resolved.get(i), resolved.get(i + 1)
        if ra is None or rb is None or ra.country == rb.country:
            continue
        j = i + 1 if ok[i] else i
        h, rec = hits[j], resolved[j]
        if h.ambiguous or h.adjective or h.surface.lower() in frequent or h.surface in first_names \
                or facts[j] is None or facts[j]["first_name_before"] or not own_name(h.surface, rec):
            continue
        out.append(j)
    return out


def _pair_line(text: str, a: PlaceHit, b: PlaceHit) -> bool:
    """"Partenheim - Troissy", "Peuerbach – Malo" as a line of its own (a heading or a line of a
    list of pairs: vgwoerrstadt.de, peuerbach.at, eppstein.de, martensmann.de): the spaced dash
    joins two partners as the unspaced one does."""
    if text[a.end:b.start] not in (" - ", " – "):
        return False
    line_start = text.rfind("\n", 0, a.start) + 1
    line_end = text.find("\n", b.end)
    return not text[line_start:a.start].strip() and not text[b.end:line_end if line_end >= 0 else len(text)].strip()


#: what joins the two sides of a pair in a sentence listing pairs: "Novomoskovsk und Brandenburg"
_PAIR_JOINERS = frozenset({"und", "-", "–", "—"})


def land_named_towns(hits: list[PlaceHit], resolved: dict[int, PlaceRecord], facts: list[dict],
                     ok: list[bool], text: str, territory_spans, home: str) -> list[int]:
    """Pairs listed as "A und B, C und D, E und F", a Ukrainian town then a German one each (cities4cities.eu, unitedforua.org): a home-country town bearing a Land's or region's name
    (which makes it a frequent word the size rules turn down) is the town where it is paired
    with an accepted foreign town in a sentence about partnerships; a Land's partner is a
    region or a country, not a town."""
    out = []
    for i in range(len(hits) - 1):
        for j, k in ((i, i + 1), (i + 1, i)):
            if ok[j] or not ok[k]:
                continue
            h, rec, other = hits[j], resolved.get(j), resolved.get(k)
            if rec is None or other is None or rec.country != home or other.country == home \
                    or (h.start, h.end) not in territory_spans or h.ambiguous or facts[j] is None \
                    or not facts[j]["partnership_sentence"] \
                    or text[hits[i].end:hits[i + 1].start].strip() not in _PAIR_JOINERS:
                continue
            out.append(j)
    return out
