"""Names listed after the plural of a landmark noun are the landmarks, not towns (issue #17,
session 20: landmark_lists.py). Own-words fixtures."""

import pytest

from partnergraph.models import Article


def extract(extractor, text, url="https://www.lokalblatt.de/artikel"):
    return extractor.extract(Article(url=url, title="", text=text, date=None))


def names(ex):
    return {p.name_de for p in ex.places.values()}


@pytest.mark.parametrize("text, landmark", [
    ("Die Reisegruppe der Partnerstadt fuhr durch Polen und sah die Schlösser Moszna und Kamień an.", "Kamień"),
    ("In Polen standen für die Schüler der Partnerschule auch die Konzentrationslager Auschwitz und "
     "Birkenau auf dem Programm.", "Oświęcim"),
    ("In Polen standen für die Schüler der Partnerschule auch die Konzentrationslager Auschwitz und "
     "Birkenau auf dem Programm.", "Birkenau"),
    ("Die Freunde aus der Partnerstadt in Polen zeigten uns die alten Siedlungen Biskupin und Lednica.",
     "Biskupin"),
])
def test_names_after_a_plural_landmark_noun_are_no_towns(extractor, text, landmark):
    assert landmark not in names(extract(extractor, text))


def test_a_town_after_the_listed_landmarks_stays_a_town(extractor):
    ex = extract(extractor, "Die Gruppe sah die Schlösser Moszna und Kamień und fuhr dann weiter nach Breslau "
                            "in Polen.")
    assert "Wrocław" in names(ex)
