"""Partnerships of institutions that a later sentence refers back to (issue 17, session 20: the
false pairs of the open splits that a church body's partnership left behind). A school,
university or church body that opens its sentence as the subject keeping a partnership is that
body's partnership, and "die Partnerschaft" or "diese Partnerschaft" after it still speaks of
it: neither pairs the towns the sentences name.

Every text is written by us, in our own words; each rule is checked both ways."""

from __future__ import annotations

from partnergraph import Article
from partnergraph.models import Extraction
from conftest import pair_names


def _extract(extractor, text: str) -> Extraction:
    return extractor.extract(Article(url="test:institution-anaphora", text=text))


def test_a_church_body_as_the_subject_keeps_its_own_partnership(extractor):
    ex = _extract(extractor, "Der evangelische Kirchenkreis Oberland pflegt schon lange eine Freundschaft "
                             "mit der Gemeinde Kalisz in Polen. Im vergangenen Jahr hat die Stadt Erfurt "
                             "beschlossen, diese Partnerschaft auch selbst zu fördern.")
    assert frozenset({"Erfurt", "Kalisz"}) not in pair_names(ex)


def test_a_town_as_the_subject_keeps_its_friendship_referred_back_to(extractor):
    ex = _extract(extractor, "Die Gemeinde Gotha pflegt schon lange eine Freundschaft mit der Gemeinde "
                             "Kalisz in Polen. Im vergangenen Jahr hat die Stadt Erfurt beschlossen, diese "
                             "Partnerschaft auch selbst zu fördern.")
    assert frozenset({"Gotha", "Kalisz"}) in pair_names(ex)


def test_a_town_as_the_subject_keeps_its_pair_beside_a_school(extractor):
    ex = _extract(extractor, "Würzburg\n\nDie Stadt Würzburg pflegt seit langem eine Partnerschaft mit der Stadt "
                             "Caen, die das Gymnasium am Markt hat, mit Freundschaft zu allen.")
    assert frozenset({"Würzburg", "Caen"}) in pair_names(ex)


def test_the_partnership_referred_back_to_is_the_church_bodys(extractor):
    ex = _extract(extractor, "Die Partnerschaft zwischen dem Kirchenkreis Erfurt und der Gemeinde in Kalisz "
                             "ist nach dreißig Jahren zu Ende gegangen. Gotha. Den Beschluss zum Ende der "
                             "Partnerschaft hatte die Synode schon im Frühjahr gefasst.")
    assert pair_names(ex) == set()


def test_the_partnership_referred_back_to_after_a_town_twinning_is_the_towns(extractor):
    ex = _extract(extractor, "Die Städtepartnerschaft zwischen Erfurt und Kalisz besteht seit dreißig Jahren. "
                             "Gotha. Den Beschluss zum Ausbau der Partnerschaft hatte der Rat schon im Frühjahr "
                             "gefasst.")
    assert frozenset({"Erfurt", "Kalisz"}) in pair_names(ex)
