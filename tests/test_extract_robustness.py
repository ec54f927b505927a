"""Any Unicode string gives an extraction, never an exception or a hang (property-based)."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.models import Article

GERMANISH = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ .,;:–-„“\"()\n0123456789")), max_size=400)
WORDS = st.lists(st.sampled_from(["Köln", "Leipzig", "Kyjiw", "und", "Stadt", "Partnerstadt", "seit", "2016",
                                  "Klimapartnerschaft", "die", "beiden", "Städte", "Essen", "in", "der", "Gemeinde",
                                  "peruanischen", "–", ".", ":", "Jahre", "62", "Oberbürgermeisterin", "Einwohner",
                                  "Konferenz", "vom", "bis", "September", "Landkreis", "Annaba", "Drâa"]),
                 max_size=80).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=200), text=st.one_of(st.text(max_size=2000), GERMANISH, WORDS))
def test_any_text_extracts_without_error(extractor, title, text):
    ex = extractor.extract(Article(url="https://beispiel.example/h", title=title, text=text, date=dt.date(2024, 1, 1)))
    analysed = ex.article.analysed_text
    for m in ex.mentions:
        assert 0 <= m.start <= m.end <= len(analysed)
    for p in ex.partnerships:
        assert len(p.partners) >= 2


def test_five_megabytes_of_text_extract(extractor):
    filler = "Die Verwaltung berichtet im Ausschuss über Fortschritte bei Schulen und Straßen. " * 65000
    text = ("Köln und die peruanische Stadt Yarinacocha sind seit 2017 durch eine Klimapartnerschaft verbunden. "
            + filler)[:5_000_000]
    ex = extractor.extract(Article(url="https://beispiel.example/big", text=text))
    assert len(ex.article.analysed_text) == 5_000_000
    assert ex.partnerships


def test_one_endless_word_and_one_endless_number_stay_linear(extractor):
    ex = extractor.extract(Article(url="https://beispiel.example/w", text="Köln" * 50_000 + " " + "1" * 50_000))
    assert ex.partnerships == []


def test_binary_garbage_extracts(extractor):
    garbage = bytes(range(256)).decode("latin-1") * 200
    ex = extractor.extract(Article(url="https://beispiel.example/bin", text=garbage))
    assert ex.article.url.endswith("/bin")
