"""Start-year wordings (session 12, issue #17): a partnership's founding worded as its coming
about ("zustande kommen", "das Zustandekommen der Städtepartnerschaft"), also in the sentence
after the pair's that refers back with a pronoun; the years gone by since the act ("37 Jahre sind
vergangen, seit …"); an undated act with "die offizielle Städtepartnerschaft" as the day's news.
Every text is written by us, in our own words; each wording is checked against one that must not
count."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph import Article
from conftest import partnership_of

PAIR = frozenset({"Erfurt", "Kalisz"})


def _pair(extractor, text: str):
    return partnership_of(extractor, text, PAIR, "test:coming-about")


@pytest.mark.parametrize("text, expected", [
    # the pronoun's sentence after the pair's: the coming about and its year
    ("Lange warb ein Freundeskreis in Erfurt für eine Städtepartnerschaft mit Kalisz. "
     "Diese kam 1994 zustande, und seither organisiert der Kreis die Reisen.", 1994),
    ("Lange warb ein Freundeskreis in Erfurt für eine Städtepartnerschaft mit Kalisz. "
     "Sie ist im Jahr 1994 zustande gekommen.", 1994),
    # what did not come about has no year
    ("Lange warb ein Freundeskreis in Erfurt für eine Städtepartnerschaft mit Kalisz. "
     "Ein Besuch kam 2020 nicht zustande, weil die Grenzen zu waren.", None),
    # the noun, its partnership and the year
    ("Der Freundeskreis aus Erfurt hat am Zustandekommen der Städtepartnerschaft mit Kalisz 1994 mitgewirkt.",
     1994),
    ("Der Freundeskreis aus Erfurt war am Zustandekommen der offiziellen Städtepartnerschaft 1994 beteiligt, "
     "die er mit Kalisz pflegt.", 1994),
])
def test_the_coming_about_of_a_partnership_dates_it(extractor, text, expected):
    assert _pair(extractor, text).start_year == expected


@pytest.mark.parametrize("text, expected", [
    # the years gone by since the act, counted from the article's date
    ("31 Jahre sind vergangen, seit die Bürgermeister von Erfurt und Kalisz die Städtepartnerschaft "
     "unterzeichneten.", 1988),
    ("Es ist nun 31 Jahre her, dass Erfurt und Kalisz ihre Städtepartnerschaft besiegelten.", 1988),
    # years gone by since something else: no start
    ("31 Jahre sind vergangen, seit die Mauer fiel; die Städtepartnerschaft von Erfurt und Kalisz lebt.", None),
])
def test_the_years_gone_by_since_the_founding_act_date_it(extractor, text, expected):
    ex = extractor.extract(Article(url="test:gone-by", text=text, date=dt.date(2019, 5, 3)))
    names = {k: p.name_de for k, p in ex.places.items()}
    [year] = [p.start_year for p in ex.partnerships if frozenset(names.get(r, r) for _, r in p.partners) == PAIR]
    assert year == expected


#: a second partnership of the article's town: the pair below is not the article's only one
OTHER = " Erfurt pflegt seit 1975 auch eine Städtepartnerschaft mit Mainz."
HEADING = "Erfurt – Kalisz: neue Städtepartnerschaft\n\n"


@pytest.mark.parametrize("text, expected", [
    # the news of the act: "die offizielle Städtepartnerschaft … unterzeichnet", no date in the sentence
    (HEADING + "Der Oberbürgermeister hat in Kalisz die offizielle Städtepartnerschaft mit der polnischen "
     "Stadt unterzeichnet." + OTHER, 2019),
    # without a mark of the day's event the perfect may sum up an old act
    (HEADING + "Der Oberbürgermeister hat in Kalisz die Städtepartnerschaft mit der polnischen Stadt "
     "unterzeichnet." + OTHER, None),
    # a look back stays undated
    (HEADING + "Der Oberbürgermeister hat einst in Kalisz die offizielle Städtepartnerschaft mit der "
     "polnischen Stadt unterzeichnet." + OTHER, None),
])
def test_the_official_partnership_signed_in_the_perfect_is_the_news_of_the_articles_year(extractor, text,
                                                                                          expected):
    ex = extractor.extract(Article(url="test:official-act", text=text, date=dt.date(2019, 5, 3)))
    names = {k: p.name_de for k, p in ex.places.items()}
    [year] = [p.start_year for p in ex.partnerships if frozenset(names.get(r, r) for _, r in p.partners) == PAIR]
    assert year == expected
