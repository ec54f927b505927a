"""A list of pairs whose items are a German district and its foreign counterpart, each with its
designation after the joiner ("der Landkreis G und die Hromada J sowie …"): the designation does
not part the pair (relations-de.json pair_joiner_designations). All fixtures are our own."""

from conftest import pairs_in


def pair_names(extractor, text):
    return {tuple(sorted(pair)) for pair in pairs_in(extractor, text, "https://nachrichten.example/ukraine/5",
                                                      title="Ukraine")}


def test_each_district_pair_in_a_list_of_pairs_is_read(extractor):
    text = ("Zu den jüngsten deutsch-ukrainischen Partnerschaften gehören Lüneburg und Winnyzja, der Landkreis "
            "Gießen und die Hromada Jaremtsche sowie Augsburg und Poltawa.")
    found = pair_names(extractor, text)
    assert ("Lüneburg", "Winnyzja") in found and ("Augsburg", "Poltawa") in found
    assert any("Gießen" in a and "Jaremtsche" in b or "Gießen" in b and "Jaremtsche" in a for a, b in found)


def test_a_designation_inside_the_second_partners_name_does_not_part_the_pair(extractor):
    text = ("Neue Partnerschaften haben der Kreis Lippe und die Hromada Butscha sowie der Landkreis Harburg "
            "und der Rajon Winnyzja geschlossen.")
    found = pair_names(extractor, text)
    assert len(found) == 2
    assert any("Lippe" in a and "Butscha" in b or "Lippe" in b and "Butscha" in a for a, b in found)
    assert any("Harburg" in a and "Winnyzja" in b or "Harburg" in b and "Winnyzja" in a for a, b in found)
