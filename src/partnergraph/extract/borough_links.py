"""A borough a cue word introduces ("Bezirk X", "die Bezirke X und Y") linked to the cities500
place of exactly its name. Berlin's and Hamburg's boroughs and the districts of big foreign cities
are cities500 places of their own (Wilmersdorf, Eimsbüttel, Hongkou), and linking them is how the
gold names them (benchmarks/real/README.md).

The country the cue rules guess for an uncued borough is only a guess: the page's sole foreign
country ("der Fusion der Bezirke Charlottenburg und Wilmersdorf" on a page about a Polish partner
town made both Polish, mein-berlin.net), the home country ("Der Bezirk Hongkou ist einer von zehn
Verwaltungsbezirken Shanghais" made a German Hongkou, hansjoerg-schmidt.de), or a city adjective
that reaches past its own name ("dem Londoner Bezirk Waltham Forest und Eimsbüttel" made
Eimsbüttel a London borough, hansjoerg-schmidt.de). Where no cities500 place of the guessed
country bears the name, one of another country does: the home country's first, else a big city's
district (KNOWN_CITY_POPULATION: the foreign districts that partner German boroughs are big city
districts, and a smaller namesake abroad is more likely a coincidence). A country the text states
at the name ("der polnische Bezirk X", "Bezirk Morogoro in Tansania") or a city adjective right
before it stays."""

from __future__ import annotations

from dataclasses import replace

from ..models import Place
from .places import KNOWN_CITY_POPULATION


def linked_borough(gazetteer, place: Place, home: str, stated: bool) -> Place:
    """The borough linked to the cities500 place of exactly its name: of its own country (the
    most populous such place), else, where its country is not `stated` by the text, of the home
    country or a big foreign one; unchanged where there is none."""
    exact = [c for c in gazetteer.lookup(place.name_de) if place.name_de in (c.name_de, c.name_en)]
    same = [c for c in exact if c.country == place.country]
    if not same and not stated:
        same = [c for c in exact if c.country == home] or \
            [c for c in exact if c.population >= KNOWN_CITY_POPULATION]
    if not same:
        return place
    c = max(same, key=lambda c: c.population)
    return replace(place, country=c.country, geonameid=c.geonameid, name_en=c.name_en, lat=c.lat, lon=c.lon,
                   population=c.population)
