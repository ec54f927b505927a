"""Foreign towns listed right after a plural partner noun are the partners of the town the
article is about, not of each other; a list that also names a home town, or one a town before
the noun may own, is left to the other rules (issue 17, extract/partner_noun_lists.py).

Every text here is written by us, in our own words."""

from __future__ import annotations

from conftest import pairs_in


def test_foreign_towns_after_a_plural_partner_noun_are_the_article_towns_partners(extractor):
    pairs = pairs_in(extractor, "Sommerfest im Stadtpark von Weinheim.\n\nDer Bürgermeister von Weinheim lud ein. "
                                "Erwartet werden Gäste aus den Partnerstädten Cavaillon (Frankreich) und "
                                "Imola (Italien) sowie viele Vereine.", "test:noun-lists")
    assert frozenset({"Weinheim", "Cavaillon"}) in pairs
    assert frozenset({"Weinheim", "Imola"}) in pairs
    assert frozenset({"Cavaillon", "Imola"}) not in pairs


def _foreign_list(extractor, text: str) -> list[str]:
    """The names of the foreign-only list the article's last sentence holds."""
    from partnergraph import Article
    from partnergraph.extract.partner_noun_lists import PartnerNounLists

    ex = extractor.extract(Article(url="test:noun-lists-unit", text=text))
    full = ex.article.analysed_text
    last = max(m.sentence for m in ex.mentions if m.kind == "municipality")
    here = [m for m in ex.mentions if m.kind == "municipality" and m.sentence == last]
    lists = PartnerNounLists(extractor.rules["plural_partners"])
    return [ex.places[m.ref].name_de for m in lists.one_sided_list(ex, full, last, here)]


def test_the_list_after_the_noun_is_read_up_to_the_first_other_words(extractor):
    assert _foreign_list(extractor, "Fest in Weinheim. Gäste kamen aus den Partnerstädten Cavaillon (Frankreich) "
                                    "und Imola sowie aus der Nachbarstadt Mannheim.") == ["Cavaillon", "Imola"]


def test_a_town_before_the_noun_may_own_the_listed_partners(extractor):
    assert _foreign_list(extractor, "Fest in Weinheim. Auch Kayseris Partnerstädte Yongin und Mostar "
                                    "schickten Vertreter.") == []


def test_a_list_naming_a_home_town_names_partners_of_each_other(extractor):
    assert _foreign_list(extractor, "Fest in Weinheim. Es feierten die Partnerstädte Cavaillon und "
                                    "Hildesheim.") == []


def test_home_towns_after_a_plural_partner_noun_are_the_article_towns_partners(extractor):
    pairs = pairs_in(extractor, "Festtag in Jahnsdorf\n\nDer Bürgermeister von Jahnsdorf dankte allen Helfern. "
                                "Zum Jubiläum begrüßte die Gemeinde Gäste aus unseren Partnergemeinden Wilhermsdorf "
                                "und Veitsbronn.", "test:noun-lists-home")
    assert frozenset({"Jahnsdorf", "Wilhermsdorf"}) in pairs
    assert frozenset({"Jahnsdorf", "Veitsbronn"}) in pairs
    assert frozenset({"Wilhermsdorf", "Veitsbronn"}) not in pairs
