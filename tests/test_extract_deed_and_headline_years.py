"""Start-year wordings of session 21 (issue #17, the errors of fresh9 beside the older open
splits): a headline that reports a treaty concluded or names its signing as a noun
(lead_acts.py); the place-and-date line that closes a deed a page reproduces, above its
signatories (deed_dates.py); a council that approved the partnership's contract; the date of
the occasion a signing took place at ("am <Datum> bei der Unterzeichnung …"); "am selben Tag"
after a signing dated in full (same_day.py); and a founding participle that qualifies an
association ("der ein Jahr darauf gegründete Förderverein"), which dates the association, not the
partnership. Every text is written by us, in our own words; each wording is checked against one
that must not count."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.models import Article

DATED = dt.date(2021, 6, 14)
PASSAU_KREMS = frozenset({"Passau", "Krems an der Donau"})


def start_years(extractor, text, title="", date=DATED):
    ex = extractor.extract(Article(url="https://beispiel.example/mitteilung", title=title, text=text, date=date))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {frozenset(names.get(r, r) for _, r in p.partners): p.start_year for p in ex.partnerships}


# -- headlines ----------------------------------------------------------------------------------

@pytest.mark.parametrize("headline", [
    # the treaty's participle closing a headline longer than the short headlines read before
    "Partnerschaftsvertrag zwischen der Stadt Passau und der Stadt Krems an der Donau geschlossen",
    # the signing as a noun, also after a heading's lead-in
    "Unterzeichnung des Partnerschaftsvertrags zwischen Passau und Krems",
    "Nach vielen Besuchen: Unterzeichnung der Partnerschaftsurkunde mit Krems",
])
def test_a_headline_of_the_treatys_conclusion_or_signing_is_the_dated_articles_news(extractor, headline):
    text = (headline + "\n\nDie Bürgermeister aus Passau und Krems trafen sich dazu im Rathaus. "
            "Die Vereine beider Städte kennen sich schon lange.")
    assert start_years(extractor, text)[PASSAU_KREMS] == 2021


@pytest.mark.parametrize("headline", [
    # a participle headline about something other than a treaty
    "Das Rathaus von Passau bleibt am Montag wegen einer Feier geschlossen",
    # a signing the headline looks back on
    "Vor 25 Jahren: Unterzeichnung der Partnerschaftsurkunde mit Krems",
])
def test_a_headline_of_something_else_or_of_a_past_signing_dates_nothing(extractor, headline):
    text = (headline + "\n\nDie Städtepartnerschaft von Passau und Krems lebt von vielen Besuchen. "
            "Die Vereine beider Städte kennen sich schon lange.")
    assert start_years(extractor, text)[PASSAU_KREMS] is None


# -- a reproduced deed's place and date -------------------------------------------------------

DEED = ("Urkunde über die Städtepartnerschaft\n\n"
        "Die Stadt Passau und die Stadt Krems an der Donau schließen eine Städtepartnerschaft. "
        "Beide Städte wollen den Austausch ihrer Schulen, Vereine und Verwaltungen fördern und "
        "die Begegnung ihrer Bürgerinnen und Bürger stärken. "
        "Sie haben am 3. März 2004 eine erste Vereinbarung über die Zusammenarbeit geschlossen, "
        "auf der diese Urkunde aufbaut.\n"
        + "Die Partner treffen sich regelmäßig, beraten über gemeinsame Vorhaben und laden einander "
          "zu ihren Festen ein. " * 6
        + "\nDies bestätigen die Unterzeichnenden mit ihrer Unterschrift.\n\n")


@pytest.mark.parametrize("closing", [
    "Passau, 12. Oktober 2006\n\nMaria Beispiel\nOberbürgermeisterin\n\nJohann Muster\nBürgermeister\n",
    "Gegeben im Rathaus zu Krems am\n12. Oktober 2006\nMaria Beispiel, Oberbürgermeisterin der Stadt Passau\n",
])
def test_the_date_line_over_a_deeds_signatories_is_its_signing_over_an_earlier_agreement(extractor, closing):
    assert start_years(extractor, DEED + closing, date=None)[PASSAU_KREMS] == 2006


def test_a_signed_greeting_that_recalls_the_deeds_year_is_no_deed(extractor):
    text = ("Grußwort zum Jubiläum\n\n"
            "Die Städtepartnerschaft von Passau und Krems an der Donau wurde 1986 mit der Unterzeichnung "
            "der Urkunde besiegelt. Seither haben sich viele Freundschaften entwickelt, und die Vereine "
            "beider Städte besuchen einander jedes Jahr.\n\n"
            + "Ich danke allen, die diese Freundschaft mit Leben füllen, und freue mich auf die nächsten "
              "Begegnungen unserer Bürgerinnen und Bürger. " * 3
            + "\n\nPassau, 12. Oktober 2016\n\nMaria Beispiel\nOberbürgermeisterin\n")
    assert start_years(extractor, text, date=None)[PASSAU_KREMS] == 1986


def test_a_date_line_with_no_signatory_below_is_no_deeds_signing(extractor):
    closing = "Passau, 12. Oktober 2006\n\nDie Feier im Rathaus dauerte bis in den Abend.\n"
    assert start_years(extractor, DEED + closing, date=None)[PASSAU_KREMS] == 2004


# -- acts dated in other words ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a council that approved the contract founds the partnership in that year
    ("Passau feierte das Jubiläum der Partnerschaft mit Krems. Ihre Anfänge liegen im Jahr 1996, "
     "als der Stadtrat von Passau den Vertrag mit der österreichischen Stadt genehmigte.", 1996),
    ("Passau feierte das Jubiläum der Partnerschaft mit Krems. Der Vertrag, der am 4. Mai 1996 vom "
     "Passauer Stadtrat genehmigt worden war, wurde beim Fest verlesen.", 1996),
    # the date of the occasion the deed was signed at
    ("Passau feierte das Jubiläum der Partnerschaft mit Krems. Der Grundstein dafür wurde am "
     "4. Mai 1996 bei der Unterzeichnung der Partnerschaftsurkunde im Rathaus gelegt.", 1996),
    # a building approved in a year founds nothing
    ("Passau feierte das Jubiläum der Partnerschaft mit Krems. Der Bau der neuen Brücke war im "
     "Jahr 1996 von den Behörden nicht genehmigt worden.", None),
])
def test_an_approved_contract_or_a_signing_occasion_dates_the_pair(extractor, text, expected):
    assert start_years(extractor, text, date=None)[PASSAU_KREMS] == expected


def test_the_same_day_as_a_signing_told_paragraphs_before_is_in_its_year(extractor):
    text = ("Am 30. April 2011 unterzeichneten die Bürgermeister von Passau und Krems im Rathaus einen "
            "Partnerschaftsvertrag.\n\n"
            + "Zu den Gästen der Feier gehörten Abgeordnete, Vertreter der Schulen und viele Vereine. " * 8
            + "\n\nAm selben Tag wurden auch die Partnerschaftsverträge von Passau mit Hackensack "
            "und mit Liberec unterzeichnet.")
    years = start_years(extractor, text, date=None)
    assert years[frozenset({"Passau", "Hackensack"})] == 2011
    assert years[frozenset({"Passau", "Liberec"})] == 2011


def test_the_same_day_with_no_date_told_before_states_no_year(extractor):
    text = ("Die Bürgermeister von Passau und Krems trafen sich im Rathaus. "
            "Am selben Tag wurden auch die Partnerschaftsverträge von Passau mit Hackensack "
            "und mit Liberec unterzeichnet.")
    years = start_years(extractor, text, date=None)
    assert years[frozenset({"Passau", "Hackensack"})] is None


def test_a_founding_participle_that_qualifies_an_association_dates_the_association(extractor):
    text = ("Die Städtepartnerschaft zwischen Passau und Krems besteht seit 1988. Die Besuche plant "
            "seither der ein Jahr darauf gegründete Förderverein der beiden Städte.")
    assert start_years(extractor, text, date=None)[PASSAU_KREMS] == 1988
