"""The unknown side of a dash pair in a page that lists its pairs so: "Köln-Bethlehem, Jena-Beit
Jala, …, Bielefeld-Zababdeh, Krefeld-Aroura" (skew.engagement-global.de), "Ingolstadt-Opole (seit
2005)⏎Grafling-Pelplin (seit 2000)" (bavariaworldwide.de), "die Städtesolidarität
Aschaffenburg-Villavicencio" (ila-bonn.de). Where the page writes at least MIN_KNOWN_PAIRS such
pairs whose two sides the gazetteer knows, a name glued by a dash to a known town is that town's
partner: a place of the other side (German for a foreign town, foreign for a German one), the
gazetteer's if it has the name in that country, else minted from the text."""

from __future__ import annotations

import re
from collections import Counter

from .context import HOME_COUNTRY, Context, Taken
from ..graph.iri import slugify
from ..models import Extraction, Mention, Place
from .sentences import sentence_of
from .word_openings import at_word_start

#: how many dash pairs of two known places make a page one that lists its pairs so (a single
#: "Mecklenburg-Vorpommern" or "Rheinland-Pfalz" next to a town must not start it; the three
#: pages above have 2 to 22)
MIN_KNOWN_PAIRS = 2

#: the unknown side after "Known-": a name up to the end of its list item
_RIGHT = re.compile(r"[A-ZÄÖÜ][^\n,;:()]*?(?=\s*(?:[\n,;:(]|\bund\b|\bsowie\b|\bseit\b|$))")
#: the unknown side before "-Known": a name from the start of its list item
_LEFT = re.compile(r"(?:^|[\n,;:]|\bund\b|\bsowie\b|\b(?:der|die|das|dem|den)\b)[ \t•·*]*(?P<name>[A-ZÄÖÜ][^\n,;:()]*?)$")
_JOINER = re.compile(at_word_start(["und", "sowie"]) + r"\s+")  # (found by the words' first letters)
#: how far a side may reach ("Vestenbergsgreuth", "Mazari‘ Al-Nubani", "Nowe Miasto nad Wartą")
SIDE_REACH = 40


def dash_pair_places(extractor, ex: Extraction, ctx: Context) -> None:
    """Add the unknown sides of the dash pairs of a page that lists its pairs so (see the module)."""
    text = ctx.text
    # (cheap tests first: most pages have no place glued to a dash at all)
    glued = [m for m in ex.mentions if m.kind == "municipality" and text[m.end:m.end + 1] == "-"]
    if len(glued) < MIN_KNOWN_PAIRS:
        return
    places = sorted((m for m in ex.mentions if m.kind == "municipality" and m.ref in ex.places),
                    key=lambda m: m.start)
    by_start = {m.start: m for m in places}
    by_end = {m.end: m for m in places}
    home = {m.start: ex.places[m.ref].country == ctx.home for m in places}
    known = [(a, by_start[a.end + 1]) for a in places
             if text[a.end:a.end + 1] == "-" and a.end + 1 in by_start and home[a.start] != home[a.end + 1]]
    if len(known) < MIN_KNOWN_PAIRS:
        return
    foreign = Counter(ex.places[(b if home[a.start] else a).ref].country for a, b in known)
    abroad = foreign.most_common(1)[0][0] if len(foreign) == 1 else None
    taken: Taken | None = None
    for m in places:
        sides = []
        if text[m.end:m.end + 1] == "-" and m.end + 1 not in by_start:
            right = _RIGHT.match(text, m.end + 1, min(len(text), m.end + 1 + SIDE_REACH))
            if right:
                sides.append((right.start(), right.end()))
        if text[m.start - 1:m.start] == "-" and m.start - 1 not in by_end:
            left = _LEFT.search(text, max(0, m.start - 1 - SIDE_REACH), m.start - 1)
            if left:  # (the last item of "…, Erding-Brzozowice und Kleinwaldau-Gniezno")
                cut = [c.end() for c in _JOINER.finditer(text, left.start("name"), left.end("name"))]
                sides.append((cut[-1] if cut else left.start("name"), left.end("name")))
        for start, end in sides:
            name = text[start:end].strip()
            end = start + len(name)
            taken = taken or Taken.of(ex, len(text))
            if not name or taken.ids(start, end) or name.split()[0] in extractor.nouns \
                    or name.lower() in extractor.frequent or name in extractor.first_names:
                continue  # "Stein-Puck": a common word is no name we can vouch for
            country = abroad if home[m.start] else ctx.home
            place = _place(extractor, name, country)
            ex.places.setdefault(place.key, place)
            mention = Mention("municipality", place.key, name, start, end, sentence_of(ctx.sentences, start))
            ex.mentions.append(mention)
            taken.take(start, end, mention)


def _place(extractor, name: str, country: str | None) -> Place:
    """The gazetteer's place of that name in that country, else one made from the text."""
    same = [c for c in extractor.gazetteer.lookup(name) if country and c.country == country]
    if same:
        return max(same, key=lambda c: c.population).to_place()
    if country == HOME_COUNTRY:  # "Unterallgäu-Gostyń": a Landkreis named without its designation
        unit = extractor._german_unit(f"Landkreis {name}", "district")
        if unit is not None:
            return unit
    return Place(name_de=name, country=country, slug=slugify(name))
