"""The programme of one pair (issue 17: "a year, type, programme or theme attaches only to the
pair its sentence states it for").

A pair takes the programme its own sentences name, else the article's only programme (a SKEW
report on its Klimapartnerschaften names the programme once, in its heading or lead, and its pairs
in the sentences after). Not so a pair of an article with several pairs whose own sentences call
it a town twinning or a friendship only, where the programme stands for another kind ("Im Projekt
Kommunale Klimapartnerschaften arbeitet A mit B zusammen. Daneben pflegt A eine
Städtepartnerschaft mit C": A–C is outside the programme; a Dresden–Brazzaville twinning beside the
operator partnerships a conference report presents, utilityplatform.connective-cities.net); the
article's only pair keeps it (a programme page's "Partnerstadt" is often the climate partner too:
partnerships.py adds the programme's type). A project partnership may be a programme's (Nakopa,
Maghreb-Deutschland fund them) and keeps it."""

from __future__ import annotations

#: the kinds a council's bond is, which no programme of ontology/programmes.ttl stands for (they
#: fund climate, operator, project and expert partnerships, programme_implies_type in rules-de.json)
TWINNING_TYPES = frozenset({"staedtepartnerschaft", "freundschaft"})


def pair_programme(programmes: list[str], article_programmes: list[str], own_types: list[str],
                   pairs: int, implied_type: dict[str, str]) -> str | None:
    """`programmes`: those the pair's own sentences name; `article_programmes`: the article's;
    `own_types`: the types the pair's own sentences state; `pairs`: how many pairs the article
    has; `implied_type`: the type each programme stands for (programme_implies_type)."""
    if programmes:
        return programmes[0]
    if len(article_programmes) != 1:
        return None
    programme = article_programmes[0]
    implied = implied_type.get(programme)
    specific = [t for t in own_types if t != "unspecified"]
    if pairs > 1 and implied is not None and specific and all(t in TWINNING_TYPES for t in specific):
        return None
    return programme
