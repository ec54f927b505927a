"""A pair anaphor ("die Partnerschaft", "der beiden Kommunen", "beide Seiten") points back to the
partnership the page speaks of; it founds no new pair of a town that already has one with the
latest place the page named beside it (issue #17, session 19: false pairs of the open splits on
four publishers: the city a mayor travelled to, the village a founder came from, a minister's or
a speaker's surname read as a town). Own-words fixtures."""

from conftest import pairs_in

URL = "https://www.lokalblatt.de/artikel"


def test_the_partnership_is_not_one_with_the_city_a_mayor_travelled_to(extractor):
    text = ("Die Städtepartnerschaft zwischen Weilheim und Lucca besteht seit 1990. Im Mai reiste "
            "der Bürgermeister von Weilheim zu einem Empfang nach Rom. Gerne hätte er noch mehr "
            "Freunde der Partnerschaft mitgenommen.")
    assert pairs_in(extractor, text, URL) == {frozenset({"Weilheim", "Lucca"})}


def test_the_partnership_of_both_towns_is_not_one_with_a_founders_home_village(extractor):
    text = ("Seit 2001 ist Weilheim mit der italienischen Stadt Lucca durch eine "
            "Städtepartnerschaft verbunden. Zum Jubiläum reiste eine Abordnung aus Weilheim nach "
            "Lucca. Die Partnerschaft der beiden Kommunen geht auf ein Ehepaar aus Penzberg zurück.")
    assert pairs_in(extractor, text, URL) == {frozenset({"Weilheim", "Lucca"})}


def test_a_town_the_anaphors_sentence_calls_a_partner_town_is_one(extractor):
    text = ("Die Städtepartnerschaft zwischen Weilheim und Lucca besteht seit 1990. Zwischen beiden "
            "Partnerstädten ist es ruhiger geworden, anders als mit unserer ungarischen "
            "Partnerstadt Tata.")
    assert frozenset({"Weilheim", "Tata"}) in pairs_in(extractor, text, URL)


def test_a_partner_named_alone_belongs_to_the_town_already_paired_with_it(extractor):
    # the latest German town named is where an association sits, not Lucca's partner
    text = ("Die Stadt Weilheim und die italienische Stadt Lucca feiern ihre Städtepartnerschaft. "
            "Die ersten Kontakte knüpfte der Altbürgermeister auf einer Studienreise des "
            "Kreisverbandes Penzberg der Europa-Union. Erst ein Besuch in der Partnerstadt Lucca "
            "führte schließlich zur Städtepartnerschaft.")
    assert pairs_in(extractor, text, URL) == {frozenset({"Weilheim", "Lucca"})}
