"""What the network picture shows, as data: the node classes and edge relations with their
German labels, colours and shapes, the colours of the partnership types, and which relations
carry the partnership structure (the ego view walks along them, the layout is shaped by them).
Read by the view model (`views`), the layout and the page data; the page script gets them in
the page data's ``classes`` and ``relations`` (docs/viewer.md, "The page data")."""

from __future__ import annotations

#: node classes: German label, colour (Tableau 10, distinguishable for most colour-blind
#: readers together with the shape), vis-network shape (all draw their label below the shape)
CLASSES: dict[str, tuple[str, str, str]] = {
    "Municipality": ("Kommune", "#1f77b4", "dot"),
    "Country": ("Land", "#e6a118", "square"),
    "Programme": ("Programm", "#2ca02c", "diamond"),
    "Organisation": ("Organisation", "#9467bd", "triangle"),
    "Theme": ("Thema", "#8c564b", "hexagon"),
    "Event": ("Veranstaltung", "#d62728", "star"),
    "Article": ("Artikel", "#7f7f7f", "triangleDown"),
}
#: edge relations: German label, colour, dash pattern (vis `dashes`; False = solid), width
RELATIONS: dict[str, tuple[str, str, object, float]] = {
    "partnership": ("Partnerschaft", "#1f4e9c", False, 2.5),
    "aggregate": ("Partnerschaften zwischen Ländern", "#1f4e9c", False, 2.0),
    "host": ("Gastgeber", "#d62728", [8, 3], 1.5),
    "country": ("liegt in", "#c7c7c7", [2, 4], 1.0),
    "programme": ("im Programm", "#2ca02c", [6, 4], 1.5),
    "theme": ("zum Thema", "#a0785a", [1, 4], 1.0),
    "implementer": ("durchgeführt von", "#9467bd", [4, 2], 1.0),
    "funder": ("gefördert von", "#9467bd", [2, 2], 1.0),
    "mentions": ("erwähnt", "#bdbdbd", [1, 3], 0.5),
}
#: partnership edges are coloured by their type (slugs of ontology/partnership-types.ttl)
TYPE_COLOURS = {
    "staedtepartnerschaft": "#1f4e9c", "freundschaft": "#7b4fa0", "projektpartnerschaft": "#e07b00",
    "klimapartnerschaft": "#2e8b3a", "betreiberpartnerschaft": "#00838f",
    "solidaritaetspartnerschaft": "#c62828", "unspecified": "#6b6b6b",
}
#: relations the ego view walks along (from its start node it walks along every relation);
#: walking through a country, programme or theme would reach the whole network in two steps
WALK = {"partnership", "host", "aggregate"}
#: relations whose edges shape the layout; the other nodes are placed near their neighbours
CORE = WALK
#: articles' country of publication is Germany; municipalities elsewhere get their ISO code in
#: the label ("Yarinacocha · PE"), German ones need none
HOME_COUNTRY = "DE"


def relation_order(key: str) -> int:
    """Legend position of a relation key ("partnership:klimapartnerschaft" sorts as "partnership")."""
    return list(RELATIONS).index(key.partition(":")[0])
