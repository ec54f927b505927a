"""Partnerships, programmes, themes, events, people and population figures."""

import datetime as dt

import pytest

from partnergraph.models import Article


def extract(extractor, text, title="", date=dt.date(2023, 11, 9)):
    return extractor.extract(Article(url="https://beispiel.example/r", title=title, text=text, date=date))


def pairs(ex):
    names = {k: p.name_de for k, p in ex.places.items()}
    return {(frozenset(names.get(r, r) for _, r in p.partners), p.type, p.start_year, p.start_month)
            for p in ex.partnerships}


def test_partnership_with_type_start_month_and_programme(extractor):
    ex = extract(extractor, "Köln und die peruanische Stadt Yarinacocha sind seit Oktober 2017 im Projekt "
                            "„Kommunale Klimapartnerschaften“ durch eine Klimapartnerschaft verbunden.")
    assert (frozenset({"Köln", "Yarinacocha"}), "klimapartnerschaft", 2017, 10) in pairs(ex)
    assert ex.partnerships[0].programme == "klimapartnerschaften"


def test_partnership_across_sentences_through_the_beiden_staedte(extractor):
    ex = extract(extractor, "Sindelfingen berät die algerische Stadt Annaba Drâa Errich. "
                            "Die beiden Städte arbeiten seit 2016 im Projekt " "„Kommunale Zusammenarbeit Maghreb-Deutschland“ zusammen.", title="Sindelfingen hilft")
    found = pairs(ex)
    assert any(p == frozenset({"Sindelfingen", "Annaba Drâa Errich"}) and y == 2016 for p, _, y, _ in found)
    assert ex.partnerships[0].programme == "maghreb"


def test_anniversary_in_years_gives_the_start_year(extractor):
    ex = extract(extractor, "Die Stadt Leipzig kann auf eine lange Partnerschaft mit Kyjiw zurückblicken: "
                            "Auf 62 Jahre.", title="Leipzig – Kyjiw: Eine Partnerschaft", date=dt.date(2023, 11, 9))
    assert any(y == 1961 for _, _, y, _ in pairs(ex))


def test_title_with_a_dash_states_a_partnership(extractor):
    ex = extract(extractor, "Die Städte tauschen sich regelmäßig aus.", title="Nürnberg – Charkiw: Hilfe im Winter")
    assert frozenset({"Nürnberg", "Charkiw"}) in {p for p, *_ in pairs(ex)}


def test_owner_and_partnerstadt_side_by_side_form_a_staedtepartnerschaft(extractor):
    ex = extract(extractor, "Auch Erlangens thüringische Partnerstadt Jena unterhält eine Verbindung nach "
                            "Nicaragua – mit San Marcos.")
    found = pairs(ex)
    assert (frozenset({"Erlangen", "Jena"}), "staedtepartnerschaft", None, None) in found
    assert any(p == frozenset({"Jena", "San Marcos"}) for p, *_ in found)
    assert not any(p == frozenset({"Erlangen", "San Marcos"}) for p, *_ in found)


def test_two_places_of_one_foreign_country_are_not_partners_of_each_other(extractor):
    ex = extract(extractor, "Hier erzählen Schtschyrez und Radomyschl, zwei Gemeinden in der Ukraine, "
                            "wie ihre deutschen Partnerkommunen sie unterstützen.")
    assert ex.partnerships == []


def test_list_of_foreign_partners_attaches_to_the_german_subject(extractor):
    ex = extract(extractor, "Bonn pflegt projektbezogene Partnerschaften. Zu den Projektpartnern zählen Buchara in "
                            "Usbekistan, Chengdu in China und La Paz in Bolivien.")
    found = {p for p, t, *_ in pairs(ex) if t == "projektpartnerschaft"}
    assert found == {frozenset({"Bonn", x}) for x in ("Buchara", "Chengdu", "La Paz")}


def test_a_conference_is_an_event_with_host_and_dates(extractor):
    ex = extract(extractor, "Die Partnerstädte Hildesheim und Padang (Indonesien) richten vom 26. bis 28. September 2023 "
                            "die deutsch-asiatische kommunale Partnerschaftskonferenz aus.")
    assert len(ex.events) == 1
    ev = ex.events[0]
    assert ev.label == "Deutsch-asiatische kommunale Partnerschaftskonferenz"
    assert (ev.start, ev.end) == (dt.date(2023, 9, 26), dt.date(2023, 9, 28))
    assert ex.places[ev.host].name_de in {"Hildesheim", "Padang"}


def test_person_with_role_is_found_and_not_mistaken_for_a_place(extractor):
    ex = extract(extractor, "Marc Kapust arbeitet als Fachkraft in Yarinacocha, der Partnerstadt von Köln in Peru.")
    assert [(p.name, p.role) for p in ex.persons] == [("Marc Kapust", "Fachkraft")]


def test_population_figure_is_attached_to_its_place(extractor):
    ex = extract(extractor, "Die peruanische Stadt Yarinacocha zählt etwa 100.000 Einwohner*innen.")
    assert [(ex.places[p.place].name_de, p.value) for p in ex.populations] == [("Yarinacocha", 100000)]


def test_programmes_organisations_and_themes_come_from_the_vocabularies(extractor):
    ex = extract(extractor, "Das Projekt wird von der Servicestelle Kommunen in der Einen Welt (SKEW) gemeinsam mit "
                            "der GIZ im Auftrag des BMZ durchgeführt und stärkt die Trinkwasserversorgung sowie die "
                            "Kreislaufwirtschaft im Rahmen der Betreiberpartnerschaften.")
    assert {"skew", "giz", "bmz"} <= set(ex.refs("organisation"))
    assert "betreiberpartnerschaften" in ex.refs("programme")
    assert {"kreislaufwirtschaft"} <= set(ex.refs("theme"))


def test_every_mention_carries_its_sentence_and_exact_span(extractor):
    text = "Köln pflegt seit Oktober 2017 eine Klimapartnerschaft mit Yarinacocha in Peru. Das ist gut."
    ex = extract(extractor, text)
    analysed = ex.article.analysed_text
    for m in ex.mentions:
        assert analysed[m.start:m.end] == m.surface
        assert m.sentence.start <= m.start < m.end <= m.sentence.end
    for p in ex.partnerships:
        assert all(analysed[s.start:s.end].endswith("Peru.") for s in p.evidence)


@pytest.mark.parametrize("text", ["", " ", "\x00\x01", "Köln" * 10000, "Ünïcödé ☃ 𝔘𝔫𝔦 ع ह 中文 Київ"])
def test_degenerate_inputs_give_a_result(extractor, text):
    ex = extract(extractor, text, title="")
    assert ex.article.text == text


def test_a_signed_partnerschaftsvertrag_is_a_town_twinning(extractor):
    # the whole compound is a label of Städtepartnerschaft; "Partnerschaft" + a compound tail
    # (the unspecified type) must not win the tie on the same span
    ex = extract(extractor, "1988 unterzeichneten Tübingen und die französische Stadt Aix-en-Provence den "
                            "Partnerschaftsvertrag.")
    assert (frozenset({"Tübingen", "Aix-en-Provence"}), "staedtepartnerschaft", 1988, None) in pairs(ex)


def test_the_type_word_of_an_apposition_does_not_type_the_other_pair_of_the_sentence(extractor):
    ex = extract(extractor, "Schon seit 1980 pflegt Tübingen eine Kooperation mit Durham. "
                            "Auch Tübingens Partnerstadt Perugia unterhält eine Verbindung mit "
                            "der Gemeinde Villa El Salvador in Peru.")
    types = {p: t for p, t, _, _ in pairs(ex)}
    assert types.get(frozenset({"Tübingen", "Perugia"})) == "staedtepartnerschaft"
    assert types.get(frozenset({"Perugia", "Villa El Salvador"})) != "staedtepartnerschaft"


@pytest.mark.parametrize("text", [
    "Die Stadt hat 1.234.567 Einwohnerinnen und Einwohner, davon 12.000 Menschen im Zentrum.",
    "Rund 1,2 Millionen Menschen leben dort; die 240.000-Einwohnerstadt Annaba und 3 500 Bewohner:innen.",
    "123Einwohner 45 Einwohner*innen 7 Einwohnerinnenstadt 8.000.000-Einwohner-Metropole Einwohner",
    "Ohne Zahl: Einwohner, Menschen und Bewohner. " * 3 + "Am Ende 99 Menschen",
    "",
])
def test_population_figures_are_searched_near_their_units_only_with_the_same_result(extractor, text):
    rules = extractor._relations.populations
    assert [m.span() for m in rules._population_matches(text)] == [m.span() for m in rules.population.finditer(text)]


def test_a_deed_two_sentences_on_types_the_articles_only_pair_a_town_twinning_a_bare_signature_does_not(extractor):
    ex = extract(extractor, "Die Hansestädte Rostock und Riga haben am Sonntag das 62-jährige Bestehen ihrer "
                            "Partnerschaft gefeiert. Der Bürgermeister reiste dazu an die Ostsee. Die 1961 "
                            "unterzeichnete Partnerschaftsurkunde hänge noch heute im Rathaus, sagte er.")
    assert pairs(ex) == {(frozenset({"Rostock", "Riga"}), "staedtepartnerschaft", 1961, None)}
    # a partnership only signed names no kind (benchmarks/real/README.md, generic wording)
    ex = extract(extractor, "Die Hansestädte Rostock und Riga haben am Sonntag das 62-jährige Bestehen ihrer "
                            "Partnerschaft gefeiert. Der Bürgermeister reiste dazu an die Ostsee. Die 1961 "
                            "unterzeichnete Partnerschaft sei eine der ältesten der Region, sagte er.")
    assert pairs(ex) == {(frozenset({"Rostock", "Riga"}), "unspecified", 1961, None)}
    # with two pairs in the article the signed one is not known: both stay unspecified
    ex = extract(extractor, "Die Städte Rostock und Riga feierten ihre Partnerschaft. Auch Kiel und Brest "
                            "pflegen eine Partnerschaft. Die 1961 unterzeichnete Partnerschaft sei eine der "
                            "ältesten der Region, sagte er.")
    assert {t for _, t, _, _ in pairs(ex)} == {"unspecified"}


def test_sowohl_a_als_auch_b_with_both_towns_before_pairs_each_with_each(extractor):
    ex = extract(extractor, "Beim Treffen in Kiel waren auch Gäste aus dem finnischen Vaasa und dem estnischen "
                            "Tartu. Mit den beiden Städten pflegen sowohl Kiel als auch die Stadt Brest eine "
                            "Partnerschaft.")
    assert {p for p, _, _, _ in pairs(ex)} == {frozenset(pair) for pair in (
        ("Kiel", "Vaasa"), ("Kiel", "Tartu"), ("Brest", "Vaasa"), ("Brest", "Tartu"))}
    # the two coordinated towns are no pair of each other, also when "beiden Städten" finds nothing
    ex = extract(extractor, "Mit den beiden Städten pflegen sowohl Kiel als auch Brest eine Partnerschaft.")
    assert pairs(ex) == set()


def test_a_signing_day_without_a_year_takes_the_articles_year_only_where_its_date_allows(extractor):
    signed = "Die Bürgermeister von Takayama und Sibiu unterzeichneten am 4. September eine Städtepartnerschaft."
    # a dateline of its own names the article's date: 4 September lies before it, in its year
    ex = extract(extractor, "23. September 2012\n" + signed, date=None)
    assert pairs(ex) == {(frozenset({"Takayama", "Sibiu"}), "staedtepartnerschaft", 2012, 9)}
    # an undated article, or a month after the article's, says no year
    for text, date in ((signed, None), (signed.replace("September", "Dezember"), dt.date(2012, 9, 23))):
        assert {y for _, _, y, _ in pairs(extract(extractor, text, date=date))} == {None}


def test_a_partnership_entered_with_the_separable_gingen_ein_is_dated_by_the_year_before_it(extractor):
    ex = extract(extractor, "Im März 2019 gingen die Stadtwerke der Stadt Rostock, die Hafenbetriebe und der "
                            "Wasserversorger aus Riga eine geförderte Betreiberpartnerschaft ein.")
    assert pairs(ex) == {(frozenset({"Rostock", "Riga"}), "betreiberpartnerschaft", 2019, 3)}
    # "ging … ein" without a partnership noun before the particle dates nothing
    ex = extract(extractor, "Im Mai 2019 gingen Gäste aus Riga im Rathaus Rostock ein und aus; die "
                            "Betreiberpartnerschaft beider Städte wächst.")
    assert {y for _, _, y, _ in pairs(ex)} <= {None}


def test_the_only_pair_of_a_programme_article_is_also_the_programmes_partnership(extractor):
    text = ("Im Projekt Kommunale Klimapartnerschaften arbeitet Rostock mit Kommunen im globalen Süden "
            "zusammen. Beim ersten Workshop in der tansanischen Partnerstadt Tanga nahm das "
            "Handlungsprogramm der Klimapartnerschaft Gestalt an.")
    assert {t for _, t, _, _ in pairs(extract(extractor, text))} == {"staedtepartnerschaft", "klimapartnerschaft"}
    # with a second pair the programme may be either pair's: each keeps its own words' type
    ex = extract(extractor, text + " Auch Rostocks Partnerstadt Riga schickte Gäste.")
    assert {t for _, t, _, _ in pairs(ex)} == {"staedtepartnerschaft"}


def test_die_partnerstadt_x_of_a_foreign_x_is_the_german_towns_not_the_foreign_one_named_last(extractor):
    ex = extract(extractor, "Rostock arbeitet mit Kommunen im globalen Süden zusammen. Beim ersten Workshop in der "
                            "tansanischen Partnerstadt Tanga entstand ein Handlungsprogramm. Auch die "
                            "Partnerstadt Riga schickte Gäste.")
    assert {p for p, _, _, _ in pairs(ex)} == {frozenset({"Rostock", "Tanga"}), frozenset({"Rostock", "Riga"})}


@pytest.mark.parametrize("text", [
    "Freiburg und seine Partnerstadt Lwiw berieten auf dem Netzwerktreffen in Krakau über den Wiederaufbau.",
    "Die Partnerstädte Freiburg und Lwiw trafen sich in Krakau bei einer Partnerschaftskonferenz zum Wiederaufbau.",
    "Freiburg und seine Partnerstadt Lwiw kamen in Krakau bei einem Kongress der Partnerkommunen zusammen.",
])
def test_the_venue_of_a_meeting_of_many_is_no_partner(extractor, text):
    assert {p for p, _, _, _ in pairs(extract(extractor, text))} == {frozenset({"Freiburg", "Lwiw"})}


def test_a_count_of_partnerships_in_general_does_not_type_the_articles_pairs(extractor):
    text = ("Bundesweit zählt der Städtetag inzwischen mehr als 4.000 deutsch-französische "
            "Städtepartnerschaften. Seit 2019 kooperieren Freiburg und Sfax beim Wassermanagement.")
    assert {(p, t) for p, t, _, _ in pairs(extract(extractor, text))} == {(frozenset({"Freiburg", "Sfax"}), "unspecified")}
    # an age is no count: the article's only type word still types its pair
    aged = "15 Jahre deutsch-tunesische Städtepartnerschaft. Seit 2008 kooperieren Freiburg und Sfax beim Wassermanagement."
    assert {t for _, t, _, _ in pairs(extract(extractor, aged))} == {"staedtepartnerschaft"}


def test_a_capital_named_only_to_locate_the_partner_is_no_partner(extractor):
    text = ("Bereits seit 2012 unterhält Erfurt eine Städtepartnerschaft mit Kawagoe in der Nähe der Hauptstadt "
            "Tokio. Im Herbst reist eine Delegation an.")
    assert {p for p, _, _, _ in pairs(extract(extractor, text))} == {frozenset({"Erfurt", "Kawagoe"})}


def test_each_bulleted_line_of_pairs_is_its_own_pair_and_lends_no_partner_to_the_next(extractor):
    # the line without a partnership word between lines that have one is one more pair of the
    # list; the line whose German town no gazetteer knows (Neustadtl) pairs nobody with Zittau
    text = ("Die Region ist mit dem Nachbarland eng verflochten. Viele Orte haben Freunde jenseits der Neiße.\n\n"
            "  • Bolesławiec (Bunzlau) — Pirna (seit 1992 Partnerschaftsvertrag)\n"
            "  • Jelenia Góra (Hirschberg) — Zittau\n"
            "  • Jawor (Jauer) — Neustadtl (seit 1999 Partnerschaftsvertrag)\n"
            "  • Lubań (Lauban) — Görlitz (seit 2001 Partnerschaftsvertrag)")
    found = {(p, y) for p, _, y, _ in pairs(extract(extractor, text, title="Grenzland"))}
    assert (frozenset({"Zittau", "Jelenia Góra"}), None) in found
    assert (frozenset({"Pirna", "Bolesławiec"}), 1992) in found
    assert (frozenset({"Görlitz", "Lubań"}), 2001) in found
    assert not any("Jawor" in p for p, _ in found)


def test_a_council_deliberating_on_a_partnership_makes_it_planned_but_a_dated_vote_is_history(extractor):
    deliberated = extract(extractor, "In Hof berät der Stadtrat am Montag über eine Partnerschaft mit Cheb.")
    voted = extract(extractor, "In Hof stimmte der Stadtrat 1992 für die Partnerschaft mit Cheb, die bis heute lebt.")
    assert [p.status for p in deliberated.partnerships] == ["planned"]
    assert [p.status for p in voted.partnerships] == [None]


def test_an_undated_letter_of_intent_of_the_pair_in_a_sentence_without_cue_makes_it_planned(extractor):
    head = "Städtepartnerschaft zwischen Lindau und Chur: die Bürgermeister beim Treffen. "
    undated = extract(extractor, head + "Lindau und Chur unterzeichneten eine Absichtserklärung.")
    dated = extract(extractor, head + "Lindau und Chur unterzeichneten im Jahr 2001 eine Absichtserklärung.")
    assert [p.status for p in undated.partnerships] == ["planned"]
    assert [p.status for p in dated.partnerships] == [None]


def test_a_month_without_a_year_before_a_signature_is_the_articles_year_unless_later_than_the_article(extractor):
    text = ("Seit einigen Jahren pflegt Potsdam Kontakte nach Asien. Im Mai kam eine weitere Verbindung dazu: "
            "Im Rathaus unterzeichneten die Bürgermeister von Potsdam und Jiangyin die Urkunde zur Städtepartnerschaft.")
    assert {y for _, _, y, _ in pairs(extract(extractor, text, date=dt.date(2019, 6, 3)))} == {2019}
    assert {y for _, _, y, _ in pairs(extract(extractor, text, date=dt.date(2019, 3, 3)))} == {None}
    assert {y for _, _, y, _ in pairs(extract(extractor, text, date=None))} == {None}


def test_an_approximate_count_of_years_states_no_start_but_an_exact_one_does(extractor):
    def start(text):
        return {y for _, _, y, _ in pairs(extract(extractor, text, date=dt.date(2020, 5, 1)))}

    assert start("Die Städtepartnerschaft zwischen Hameln und Saint-Maur besteht seit über 50 Jahren.") == {None}
    assert start("Die Städtepartnerschaft zwischen Hameln und Saint-Maur besteht seit fast 50 Jahren.") == {None}
    assert start("Die Städtepartnerschaft zwischen Hameln und Saint-Maur besteht seit 50 Jahren.") == {1970}


def test_a_history_reaching_back_to_a_year_and_a_founding_in_the_past_tense_give_the_start(extractor):
    def start(text):
        return {y for _, _, y, _ in pairs(extract(extractor, text))}

    assert start("Die Partnerschaft zwischen Hameln und Saint-Maur reicht bis ins Jahr 1968 zurück.") == {1968}
    assert start("Die Städtepartnerschaft zwischen Hameln und Saint-Maur stammt aus dem Jahr 1968.") == {1968}
    assert start("Im Jahr 1968 gründeten Hameln und Saint-Maur ihre Städtepartnerschaft.") == {1968}
    # the act outranks the earlier friendship the history reaches back to
    assert start("Die Städtepartnerschaft zwischen Hameln und Saint-Maur wurde 1970 unterzeichnet, "
                 "die Freundschaft reicht aber bis ins Jahr 1962 zurück.") == {1970}


def test_a_bullet_line_whose_partner_is_unknown_is_not_paired_with_a_town_of_another_bullet_line(extractor):
    ex = extract(extractor, (
        "Zwischen Gebietskörperschaften in Sachsen und Niederschlesien bestehen folgende Beziehungen:\n\n"
        "  • Lubań (Lauban) —      Pirna\n"
        "  • Bolesławiec (Bunzlau) — Quetzendorf (seit 2001 Partnerschaftsvertrag)\n"
        "  • Zgorzelec — Görlitz (seit 1991 Partnerschaftsvertrag)"))
    assert {names for names, *_ in pairs(ex)} == {frozenset({"Zgorzelec", "Görlitz"})}


def test_an_undated_act_a_dated_article_reports_is_of_the_articles_year_unless_the_sentence_looks_back(extractor):
    def start(text, date=dt.date(2021, 9, 14)):
        return {y for _, _, y, _ in pairs(extract(extractor, text, date=date))}

    assert start("Am Wochenende haben Hameln und Saint-Maur eine Städtepartnerschaft besiegelt.") == {2021}
    assert start("Am Wochenende haben Hameln und Saint-Maur eine Städtepartnerschaft besiegelt.", date=None) == {None}
    # looking back is no act of the day: forty years before the article's date (rules-de.json
    # age_patterns, group 'ago'), not the article's year
    assert start("Vor vierzig Jahren haben Hameln und Saint-Maur eine Städtepartnerschaft besiegelt.") == {1981}
    # without a mark of the day's event, and outside the article's lead (whose act is the day's
    # news: tests/test_extract_lead_acts.py), the perfect may tell old history
    assert start("Hameln liegt an der Weser und zählt rund 57.000 Einwohner. "
                 "Hameln und Saint-Maur haben eine Städtepartnerschaft besiegelt.") == {None}


def test_a_full_date_after_seit_or_in_a_partners_parenthesis_gives_its_year(extractor):
    # the German date forms: a day and a month written out or in figures before the year
    text = ("Die Gemeinde Lindau hat drei Partnerstädte: Bordeaux (Frankreich, seit 12. Mai 1962), "
            "Leeds (Großbritannien, seit 03.10.1969) und Krakau (Polen, seit Juni 1991).")
    found = {(p, y, m) for p, _, y, m in pairs(extract(extractor, text))}
    assert (frozenset({"Lindau", "Bordeaux"}), 1962, 5) in found
    assert (frozenset({"Lindau", "Leeds"}), 1969, None) in found
    assert (frozenset({"Lindau", "Kraków"}), 1991, 6) in found
    text = "Die Städtepartnerschaft zwischen Hameln und Saint-Maur besteht seit dem 4. Juli 1970."
    assert {(y, m) for _, _, y, m in pairs(extract(extractor, text))} == {(1970, 7)}


def test_two_towns_of_one_country_that_sealed_their_partnership_are_partners(extractor):
    # the German-German twinnings of 1988-1990 are reported so: the two as the ones who signed
    def found(text):
        return {(p, y) for p, _, y, _ in pairs(extract(extractor, text))}

    expected = {(frozenset({"Hameln", "Quedlinburg"}), 1989)}
    assert found("Hameln und Quedlinburg unterzeichneten 1989 einen Partnerschaftsvertrag.") == expected
    assert found("Im Jahr 1989 unterzeichneten die Bürgermeister von Hameln und Quedlinburg "
                 "den Partnerschaftsvertrag.") == expected
    assert found("1989 besiegelten Hameln und die Stadt Quedlinburg ihre Städtepartnerschaft.") == expected


def test_two_towns_of_one_country_without_their_own_act_are_no_pair(extractor):
    # fellow partners of a third, plural partnerships, or an act in another clause
    for text in ("Hameln und Quedlinburg unterzeichneten Partnerschaftsverträge mit polnischen Städten.",
                 "Die Bürgermeister von Hameln und Quedlinburg unterzeichneten die Urkunde für die "
                 "Partnerschaft mit einer ukrainischen Stadt.",
                 "Hameln und Quedlinburg pflegen Städtepartnerschaften.",
                 "Hameln und Quedlinburg besuchten die Feier, bei der die Städtepartnerschaft unterzeichnet wurde."):
        assert pairs(extract(extractor, text)) == set(), text


def test_a_sentence_continuing_a_towns_set_of_partners_lists_that_towns_partners(extractor):
    # "X hat N Partnerstädte. Dazu gehören …": the list continues the set the sentence before named
    for text in ("Hameln hat drei Partnerstädte. Dazu gehören Kalisz in Polen, Leeds in England und Quedlinburg.",
                 "Hameln pflegt drei Städtepartnerschaften. Das sind Kalisz, Leeds und Quedlinburg."):
        found = {p for p, _, _, _ in pairs(extract(extractor, text))}
        assert found == {frozenset({"Hameln", t}) for t in ("Kalisz", "Leeds", "Quedlinburg")}, text


def test_a_list_not_continuing_a_set_of_partners_is_no_towns_partners(extractor):
    for text in ("Hameln besucht gern große Städte. Dazu gehören Kalisz und Leeds.",
                 "Hameln hat drei Partnerstädte. Im Sommer kamen Gäste aus Kalisz und Leeds."):
        assert not any("Hameln" in p and ("Kalisz" in p or "Leeds" in p)
                       for p, _, _, _ in pairs(extract(extractor, text))), text
