"""Missed pairs of the twelve open splits whose partners the extraction had already found
(issue 17, session 19; the classes in the session's report): a partnership noun before
"zwischen" that names two towns of one country. Each rule is checked both ways.

Every text here is written by us, in our own words."""

from __future__ import annotations

from conftest import pairs_in


def _pairs(extractor, text: str) -> set[frozenset[str]]:
    return pairs_in(extractor, text, "test:missed20")


# -- a partnership noun before "zwischen", two towns of one country --------------------------------

def test_a_partnership_between_two_towns_of_one_country_pairs_them(extractor):
    # (two more places after them: before, each was paired with a foreign one)
    text = ("Es gibt auch Städtepartnerschaften zwischen den Gemeinden Göttingen und Zittau, beide in "
            "Deutschland, oder Lyon und Toulouse.")
    assert frozenset({"Göttingen", "Zittau"}) in _pairs(extractor, text)
    assert frozenset({"Göttingen", "Lyon"}) not in _pairs(extractor, text)


def test_a_town_lying_between_two_towns_of_one_country_pairs_neither(extractor):
    text = ("Die Stadt Göttingen pflegt eine Partnerschaft mit Toruń, das auf halber Strecke "
            "zwischen Warschau und Danzig liegt.")
    assert frozenset({"Warschau", "Danzig"}) not in _pairs(extractor, text)


# -- relation words the cue list lacked: forms of words it knows ------------------------------------

def test_a_verschwisterung_between_two_towns_pairs_them(extractor):
    text = "Seit 1990 feiern die Bürger die deutsch-französische Verschwisterung zwischen Göttingen und Dijon."
    assert _pairs(extractor, text) == {frozenset({"Göttingen", "Dijon"})}


def test_two_towns_made_schwestergemeinden_are_a_pair(extractor):
    text = "Der Vertrag zur Festsetzung von Göttingen und Dijon als Schwestergemeinden wurde 1996 unterschrieben."
    assert _pairs(extractor, text) == {frozenset({"Göttingen", "Dijon"})}


def test_friendly_relations_in_the_genitive_plural_are_a_friendship(extractor):
    from partnergraph import Article

    text = ("Die Bürgermeister haben eine Erklärung zum Aufbau freundschaftlicher Beziehungen zwischen "
            "der Stadt Dijon und der Stadt Göttingen unterzeichnet.")
    ex = extractor.extract(Article(url="test:missed20", title="", text=text))
    assert {p.type for p in ex.partnerships} == {"freundschaft"}


def test_a_sister_of_a_person_names_no_pair(extractor):
    text = "Die Schwester des Bürgermeisters von Göttingen wohnt seit Jahren in Dijon."
    assert _pairs(extractor, text) == set()


# -- "deren Partnerstadt": the partner of the town before the pronoun --------------------------------

def test_the_partner_after_deren_partnerstadt_is_the_partner_of_the_town_before(extractor):
    text = ("Die Stadt Göttingen ist mit Hebron seit 2011 partnerschaftlich verbunden. Den Weg nach "
            "Hebron wies uns die gemeinsame Arbeit mit der burgundischen Partnerstadt Dijon, deren "
            "Partnerstadt Hebron schon seit 1995 ist.")
    assert _pairs(extractor, text) == {frozenset({"Göttingen", "Hebron"}), frozenset({"Göttingen", "Dijon"}),
                                       frozenset({"Dijon", "Hebron"})}


def test_a_relative_pronoun_before_a_person_names_no_partner_of_the_town_before(extractor):
    text = "Die Stadt Göttingen pflegt eine Partnerschaft mit Dijon, dessen Bürgermeister Hebron besucht hat."
    assert frozenset({"Dijon", "Hebron"}) not in _pairs(extractor, text)


# -- "besteht seit <year> eine Städtefreundschaft": the partnership's own "seit" ----------------------

def _start(extractor, text: str):
    import datetime

    from partnergraph import Article

    ex = extractor.extract(Article(url="test:missed20", title="", text=text, date=datetime.date(2015, 8, 7)))
    return {p.start_year for p in ex.partnerships}


def test_a_friendship_that_exists_since_a_year_keeps_it_over_a_beginning_told_later(extractor):
    text = ("Zwischen der Stadt Göttingen und der Gemeinde Dijon besteht bereits seit 1991 eine "
            "Städtefreundschaft. Die Geschichte begann im Jahr 1987, als eine Gruppe aus Göttingen nach "
            "Dijon fuhr, um eine Zusammenarbeit zwischen Göttingen und Dijon zu besprechen.")
    assert _start(extractor, text) == {1991}


def test_a_seit_of_another_thing_leaves_the_beginning_the_start(extractor):
    text = ("Zwischen der Stadt Göttingen und der Gemeinde Dijon besteht bereits seit 1991 ein Vertrag über "
            "den Müll. Die Geschichte der Städtefreundschaft begann im Jahr 1987, als eine Gruppe aus "
            "Göttingen nach Dijon fuhr, um eine Zusammenarbeit zwischen Göttingen und Dijon zu besprechen.")
    assert _start(extractor, text) == {1987}
