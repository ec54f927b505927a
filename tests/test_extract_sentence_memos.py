"""The questions a rule asks of one sentence for each pair of an article are worked out once per
sentence (sentence_memo.PerSentence, coordinated_years' joined pairs, pair_statuses): the same
answers as asking each time, for every pair of a long list too."""

from __future__ import annotations

from partnergraph.extract.coordinated_years import _JOINED, _joined_pairs
from partnergraph.extract.sentence_memo import PerSentence
from partnergraph.models import Mention, Span


def test_a_per_sentence_answer_is_worked_out_once_per_sentence_of_a_text():
    memo: PerSentence[int] = PerSentence()
    text = "Erste Zeile. Zweite Zeile."
    calls = []

    def work_out(n: int):
        return lambda: calls.append(n) or n

    first, second = Span(0, 12), Span(13, 26)
    assert memo.answer(text, first, work_out(1)) == 1
    assert memo.answer(text, first, work_out(2)) == 1  # (asked again: the answer kept)
    assert memo.answer(text, second, work_out(3)) == 3
    assert calls == [1, 3]


def test_a_per_sentence_answer_of_another_text_is_worked_out_anew():
    memo: PerSentence[str] = PerSentence()
    one, other = "Kiel und Brest.", "Jena und Lugoj."
    assert memo.answer(one, Span(0, 15), lambda: one[:4]) == "Kiel"
    assert memo.answer(other, Span(0, 15), lambda: other[:4]) == "Jena"
    # (a falsy answer is an answer too: kept, not worked out again)
    assert memo.answer(other, Span(0, 4), lambda: False) is False
    assert memo.answer(other, Span(0, 4), lambda: True) is False


def _town(ref: str, text: str, sent: Span) -> Mention:
    start = text.index(ref)
    return Mention("municipality", ref, ref, start, start + len(ref), sent)


def _joined_each_time(text: str, here, a: tuple, b: tuple) -> bool:
    """The test as each pair of pairs asked it before: neighbouring mentions of a and b joined."""
    ms = sorted((m for m in here if m.kind == "municipality"), key=lambda m: m.start)
    return any({(x.kind, x.ref), (y.kind, y.ref)} == {a, b} and _JOINED.fullmatch(text, x.end, y.start)
               for x, y in zip(ms, ms[1:]))


def test_the_joined_pairs_of_a_sentence_are_those_each_pair_finds_joined():
    text = "Seit 1968 mit Lewisham und Sutton, seit 1970 mit Split, Gagny/Paris sowie Linz und Minden."
    sent = Span(0, len(text))
    here = [_town(r, text, sent) for r in ("Linz", "Lewisham", "Split", "Sutton", "Gagny", "Paris", "Minden")]
    joined = _joined_pairs(text, here)
    towns = [("municipality", m.ref) for m in here]
    for a in towns:
        for b in towns:
            assert (frozenset((a, b)) in joined) == _joined_each_time(text, here, a, b), (a, b)
    assert frozenset({("municipality", "Lewisham"), ("municipality", "Sutton")}) in joined
    assert frozenset({("municipality", "Sutton"), ("municipality", "Split")}) not in joined  # (a comma between)
