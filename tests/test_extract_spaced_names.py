"""A compound name whose parts the gazetteer joins by hyphens is found where the text writes
spaces instead (transliterate.spaced, compiled into the gazetteer's names): transliterated
Ukrainian towns and foreign compound names in partner lists. Own-words fixtures."""

import pytest

from partnergraph.extract.transliterate import spaced
from partnergraph.models import Article


@pytest.mark.parametrize("name, form", [
    ("Kamianets-Podilskyi", "Kamianets Podilskyi"),
    ("Ronzo-Chienis", "Ronzo Chienis"),
    ("Bietigheim-Bissingen", "Bietigheim Bissingen"),
    ("Ulm", None),  # no hyphen
    ("Kamianets Podilskyi", None),  # already spaced
    ("Rhein-Sieg-Kreis", "Rhein Sieg Kreis"),
    ("Le-Puy", None),  # a part of two letters
    ("Saint-étienne", None),  # a part in lower case
])
def test_the_spaced_form_replaces_hyphens_between_capitalised_parts(name, form):
    assert spaced(name) == form


def test_transliterated_towns_written_with_spaces_are_the_gazetteers_hyphenated_towns(extractor):
    ex = extractor.extract(Article(url="https://www.stadtzeitung.de/ukraine", title="", date=None, text=(
        "Neue Partnerschaften mit der Ukraine: Iwano Frankiwsk und Potsdam, Bilhorod Dnistrovskyi und Ulm, "
        "Kamianets Podilskyi und Esslingen am Neckar unterzeichneten Vereinbarungen.")))
    ids = {p.name_de: p.geonameid for p in ex.places.values()}
    assert ids["Kamjanez-Podilskyj"] == 706950 and ids["Bilhorod-Dnistrowskyj"] == 712160
    assert ids["Iwano-Frankiwsk"] == 707471
    pairs = {frozenset(ex.places[r].name_de for _, r in p.partners) for p in ex.partnerships}
    assert frozenset({"Esslingen", "Kamjanez-Podilskyj"}) in pairs
    assert frozenset({"Ulm", "Bilhorod-Dnistrowskyj"}) in pairs
