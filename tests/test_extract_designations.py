"""Designations glued to a foreign partner's name ("Svendborg Kommune", "Mariestad kommun",
"Setagaya-Ku"): stripped before the gazetteer lookup and kept as the country's cue
(designations.py, data/place-designations.tsv). Own-words fixtures, invented sentences."""

import pytest

from partnergraph.extract.designations import designation_after, strip_designation
from partnergraph.models import Article


def extract(extractor, text, url="https://www.kreisblatt-nord.de/artikel"):
    return extractor.extract(Article(url=url, title="", text=text, date=None))


def towns(ex):
    return {(p.name_de, p.country, p.geonameid is not None) for p in ex.places.values()}


@pytest.mark.parametrize("name, expected", [
    ("Svendborg Kommune", ("Svendborg", ("DK", "NO"))),
    ("Mariestad kommun", ("Mariestad", ("SE",))),
    ("Setagaya-Ku", ("Setagaya", ("JP",))),
    ("Comune di Cervia", ("Cervia", ("IT",))),
    ("Gmina Kłodzko", ("Kłodzko", ("PL",))),
    ("Svendborg", None),
    ("Kommune", None),  # a designation alone names nothing
    ("Halle-Neustadt", None),
])
def test_strip_designation_returns_the_bare_name_and_the_designations_countries(name, expected):
    assert strip_designation(name) == expected


def test_designation_after_reads_only_a_whole_word_right_after_the_name():
    text = "mit der Svendborg Kommune und Setagaya-Ku, nicht Svendborg Kommunen"
    assert designation_after(text, text.index(" Kommune")) == ("DK", "NO")
    assert designation_after(text, text.index("-Ku")) == ("JP",)
    assert designation_after(text, text.rindex(" Kommunen")) == ()


def test_a_partner_named_with_its_danish_designation_is_the_gazetteers_danish_town(extractor):
    ex = extract(extractor, "Die Städtepartnerschaft zwischen der Stadt Brake und Svendborg Kommune "
                            "wurde im Mai gefeiert.")
    assert ("Svendborg", "DK", True) in towns(ex)
    assert not any("Kommune" in name for name, _, _ in towns(ex))


def test_a_japanese_ward_with_its_suffix_is_the_gazetteers_ward(extractor):
    ex = extract(extractor, "Eine Delegation aus Wismar besuchte die Partnerstadt Setagaya-Ku im Herbst.")
    assert ("Setagaya", "JP", True) in towns(ex)
    assert not any(name.endswith("-Ku") for name, _, _ in towns(ex))


def test_a_swedish_kommun_the_gazetteer_lacks_is_minted_in_sweden_without_its_designation(extractor):
    ex = extract(extractor, "Partnergemeinden unserer Ämter:\nStadt Wismar – Mariestad kommun\n"
                            "Amt Nordwald – Norrvik kommun\n")
    assert ("Mariestad", "SE", True) in towns(ex)
    assert ("Norrvik", "SE", False) in towns(ex)


def test_the_german_word_kommune_before_a_name_makes_no_danish_town(extractor):
    ex = extract(extractor, "Die Kommune Bergheim lud zum Bürgerfest ein, die Stadt Brake war zu Gast.")
    assert not any(country in ("DK", "NO") for _, country, _ in towns(ex))
