"""The rules that take back a gazetteer hit places.py's acceptance rules turned down, each where
the text around it vouches for a town (places.PlaceResolution._place_mentions runs them in this
order, all on the same acceptances): a country stated at it (stated_countries.py), a demonym
naming it (demonym_towns.py), a partnership sentence beside it (partner_neighbours.py), a
partnership sentence naming a city the frequent-word list holds (partner_cities.py) or a
noun-named city joined to an accepted town (noun_named_partners.py).

Each takes (extractor, hits, resolved, facts, ok, ctx) and returns the indices it makes places.
"""

from __future__ import annotations

from .demonym_towns import demonym_towns
from .noun_named_partners import noun_named_partners
from .partner_cities import partner_cities
from .partner_neighbours import partner_neighbour_towns
from .stated_countries import stated_country_towns

TAKE_BACK_RULES = (stated_country_towns, demonym_towns, partner_neighbour_towns, partner_cities, noun_named_partners)
