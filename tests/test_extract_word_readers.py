"""context.previous_word and next_word read by one anchored match each (the reversed text for the
word before): the words a character loop found, on every offset of odd texts."""

from partnergraph.extract.context import next_word, previous_word


def _previous_by_loop(text: str, start: int) -> str:
    i = start
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in "„\"(«»"):
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-_"):
        j -= 1
    return text[j:i]


def _next_by_loop(text: str, end: int) -> str:
    i = end
    while i < len(text) and text[i].isspace():
        i += 1
    j = i
    while j < len(text) and text[j].isalnum():
        j += 1
    return text[i:j]


ODD = ("Die Partnerstadt „Neu-Altdorf_Ost“ liegt  am\u00a0See; (Zoë)\tund «Ǆurđevac» ½ Ⅻ ٣٤ "
       "ﬁnal İstanbul 𝔘𝔫 x_y-z,\n\n„Oberheim\" ")


def test_the_word_before_skips_spaces_and_opening_quotes_and_keeps_hyphens_and_underscores():
    assert previous_word("Partnerstadt „Neu-Altdorf_Ost", 13) == "Partnerstadt"
    assert previous_word("die Gemeinde Neu-Altdorf_Ost Bad", 29) == "Neu-Altdorf_Ost"
    assert previous_word("Partnerschaft mit\u00a0 (Oberheim", 20) == "mit"
    assert previous_word("Oberheim", 0) == "" and previous_word("Oberheim", -1) == ""


def test_the_word_after_skips_white_space_and_stops_at_an_underscore_or_hyphen():
    assert next_word("Stadt \t Neu-Altdorf", 5) == "Neu"
    assert next_word("x_y", 0) == "x" and next_word("x", 5) == ""


def test_the_word_readers_find_what_a_character_loop_finds_at_every_offset():
    for text in (ODD, ODD[::-1], " " * 3, ""):
        for k in range(len(text) + 2):
            if k <= len(text):
                assert previous_word(text, k) == _previous_by_loop(text, k), (text, k)
            assert next_word(text, k) == _next_by_loop(text, k), (text, k)


def test_the_word_before_is_read_from_the_text_asked_about_when_texts_alternate():
    a, b = "in der Stadt Oberheim", "mit dem Dorf Unterau"
    assert [previous_word(t, t.rindex(" ") + 1) for t in (a, b, a, b)] == ["Stadt", "Dorf", "Stadt", "Dorf"]
