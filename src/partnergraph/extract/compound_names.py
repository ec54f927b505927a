"""Two towns of one foreign country joined by a hyphen into one word name one municipality, the
merger or the city district that bears the joined name: "Illnau-Effretikon" (zueriost.ch),
"Évry-Courcouronnes" (de.frwiki.wiki), "Kiew-Petschersk" (berlingeschichte.de); and two British
towns joined by "&" name the borough of both ("Reigate & Banstead", rat.eschweiler.de: the
borough is written with "and"). Neither town is meant on its own. A partnership joins towns of
two countries, so a dash pair ("Trier-Gloucester") never has both sides in one country; a run of
more than two hyphen-joined names is a list ("Ahlen-Amstelveen-…-Paderborn-Penzberg-…",
readkong.com) and stays one. German compounds are left alone: "Mainz-Kastel", "Berlin-Mitte"
name a quarter of the first town, which stays the town meant (benchmarks/real/README.md:
quarters are not annotated). The second town must be written by its own name: an exonym after
the hyphen ("Heydebreck-Cosel" for Kędzierzyn-Koźle) is a German name of a known place."""

from __future__ import annotations

from ..graph.iri import slugify
from ..models import Extraction, Mention, Place
from .context import HOME_COUNTRY

#: the joiners of one name and how the joined name is written; "&" only in British names
_JOINERS = {"-": ("-", None), " & ": (" and ", "GB")}


def join_compound_names(ex: Extraction, text: str) -> None:
    """Replaces each such pair of mentions by one mention of the joined municipality."""
    # (cheap test first: few mentions are glued to a hyphen or an ampersand)
    glued = [m for m in ex.mentions if m.kind == "municipality"
             and (text[m.end:m.end + 1] == "-" or text.startswith(" & ", m.end))]
    if not glued:
        return
    starts = {m.start: m for m in ex.mentions if m.kind == "municipality" and m.ref in ex.places}
    replaced: dict[int, Mention] = {}
    gone: set[int] = set()
    for a in sorted(glued, key=lambda m: m.start):
        joiner = "-" if text[a.end:a.end + 1] == "-" else " & "
        b = starts.get(a.end + len(joiner))
        if b is None or a.ref not in ex.places or id(a) in gone:
            continue
        written, only_in = _JOINERS[joiner]
        pa, pb = ex.places[a.ref], ex.places[b.ref]
        country = pa.country
        if country is None or country != pb.country or country == HOME_COUNTRY or pa.key == pb.key \
                or (only_in is not None and country != only_in):
            continue
        if text[a.start - 1:a.start] == "-" or text[b.end:b.end + 1] in ("-", "&") or text[b.end:b.end + 1].isalnum():
            continue  # a run of hyphen-joined names is a list
        if b.surface not in (pb.name_de, pb.name_en):
            continue  # the second name is an exonym of a known place
        name = f"{a.surface}{written}{b.surface}"
        place = Place(name_de=name, country=country, slug=slugify(name), kind="municipality")
        ex.places.setdefault(place.key, place)
        replaced[id(a)] = Mention("municipality", ex.places[place.key].key, text[a.start:b.end], a.start, b.end, a.sentence)
        gone.add(id(b))
    if replaced:
        ex.mentions[:] = [replaced.get(id(m), m) for m in ex.mentions if id(m) not in gone]
