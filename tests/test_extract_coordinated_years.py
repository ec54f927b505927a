"""Partners coordinated in one phrase share the date the phrase has ("seit 1994 mit den polnischen
Städten A und B": both), while a partner's own date stays its own (session 13, issue #17:
coordinated_years.py). Every text is written by us, in our own words."""

from __future__ import annotations

from partnergraph import Article


def _starts(extractor, text: str) -> dict[str, int | None]:
    ex = extractor.extract(Article(url="test:coordinated-years", text=text))
    names = {k: p.name_de for k, p in ex.places.items()}
    return {next(n for n in (names.get(r, r) for _, r in p.partners) if n != "Erfurt"): p.start_year
            for p in ex.partnerships if "Erfurt" in {names.get(r, r) for _, r in p.partners}}


def test_a_date_before_coordinated_partners_dates_each_of_them(extractor):
    starts = _starts(extractor, "Erfurt unterhält Städtepartnerschaften: seit 1961 mit Lille, seit 1994 mit den "
                                "polnischen Städten Kalisz und Opole, seit 1999 mit Brno.")
    assert starts["Kalisz"] == 1994 and starts["Opole"] == 1994 and starts["Lille"] == 1961


def test_a_date_a_later_sentence_gives_one_coordinated_partner_stays_its_own(extractor):
    starts = _starts(extractor, "Erfurt hat zwei Partnerstädte, Kalisz und Opole. Mit Kalisz ist Erfurt seit 1994 verbunden.")
    assert starts["Kalisz"] == 1994 and starts["Opole"] is None
