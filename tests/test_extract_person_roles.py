"""A person is a role word and a name in one paragraph: a headline that ends in a role word is
no role of the words that open the body (people.py: ONE_PARAGRAPH). Own-words fixtures."""

from partnergraph.models import Article


def persons(extractor, title, text):
    ex = extractor.extract(Article(url="https://stadt.example/meldung", title=title, text=text))
    return {(p.name, p.role) for p in ex.persons}


def test_a_headline_ending_in_a_role_word_names_nobody_in_the_body(extractor):
    text = "Seit Oktober 2019 sind Lindau und die peruanische Stadt Chiclayo durch eine Klimapartnerschaft verbunden."
    assert persons(extractor, "Neue Fachkraft", text) == set()


def test_a_role_and_its_name_across_one_line_break_stay_a_person(extractor):
    # text taken off a page often breaks a caption's line between the role and the name
    text = "Empfangen wurde die Gruppe von Oberbürgermeisterin\nAnna Lorenz im Rathaus von Lindau."
    assert ("Anna Lorenz", "Oberbürgermeisterin") in persons(extractor, "Besuch", text)


def test_a_role_and_its_name_in_one_line_stay_a_person(extractor):
    text = "Empfangen wurde die Gruppe von Oberbürgermeisterin Anna Lorenz im Rathaus von Lindau."
    assert ("Anna Lorenz", "Oberbürgermeisterin") in persons(extractor, "Besuch", text)
