"""The learned candidate-pair scorer (extract/pair_candidates.py, extract/pair_scorer.py): it adds a
pair stated in wording no rule reads, leaves towns that are merely named together unpaired, its
model file names the features the extractor computes, and training it is deterministic
(benchmarks/real/train_pair_scorer.py).

Every text is written by us, in our own words."""

from __future__ import annotations

import importlib.util
import json
import random
from contextlib import contextmanager
from pathlib import Path

import pytest

from partnergraph import Article
from partnergraph.errors import PartnergraphError
from partnergraph.extract.pair_candidates import FEATURES
from partnergraph.extract.pair_scorer import MODEL_FILE, PairModel
from partnergraph.resources import data_file

TRAIN = Path(__file__).resolve().parent.parent / "benchmarks" / "real" / "train_pair_scorer.py"

#: a cue sentence with no place, then the pairs in a sentence of their own without a cue word,
#: each town with where it lies: no wording rule pairs them (checked below with the scorer switched
#: off; "zwischen A und B" right after a cue sentence is a rule of referring_partners.py since
#: session 11, the region words between the towns are not)
TWO_FIRSTS = ("In der Region gibt es viele deutsch-französische Städtepartnerschaften. Die erste wurde 1962 "
              "zwischen Offenburg im Ortenaukreis und Lons-le-Saunier im Jura geschlossen.")
#: a trip to a partner town: the towns on the way are stops, not partners
TRIP = "Auf ihrer Fahrt zur Partnerstadt machte die Gruppe Halt in Straßburg, Dijon und Lyon."


#: the add threshold of the variant measured in session 9 (benchmarks/real/train_pair_scorer.py
#: ADD_THRESHOLD: the shipped model adds none, so the mechanism is tested with the shipped
#: coefficients at this threshold)
ADDING_AT = 0.8


@contextmanager
def scorer_model(extractor, model):
    """The shared extractor with this scorer model, restored afterwards."""
    scorer = extractor._relations.pair_scorer
    shipped = scorer.model
    scorer.model = model
    try:
        yield extractor
    finally:
        scorer.model = shipped


def rules_only(extractor):
    return scorer_model(extractor, None)


def adding(extractor):
    spec = json.loads(data_file(MODEL_FILE).read_text(encoding="utf-8"))
    return scorer_model(extractor, PairModel({**spec, "add_threshold": ADDING_AT}))


def _partnerships(extractor, text: str) -> dict[frozenset[str], object]:
    ex = extractor.extract(Article(url="test:pair-scorer", text=text))
    return {frozenset(ex.places[r].name_de for _, r in p.partners): p for p in ex.partnerships}


def test_a_pair_stated_in_wording_no_rule_covers_is_added_with_its_attributes(extractor):
    pair = frozenset({"Offenburg", "Lons-le-Saunier"})
    with rules_only(extractor):
        assert pair not in _partnerships(extractor, TWO_FIRSTS)
    with adding(extractor):
        found = _partnerships(extractor, TWO_FIRSTS)
    assert pair in found
    # type and year come from the pair-attribute code, as for a rule pair
    assert found[pair].type == "staedtepartnerschaft"
    assert found[pair].start_year == 1962
    assert found[pair].evidence


def test_towns_merely_named_on_a_trip_are_not_paired(extractor):
    with adding(extractor):
        assert _partnerships(extractor, TRIP) == {}


def test_the_scorer_keeps_the_rules_pairs_of_a_plain_statement(extractor):
    text = "Seit 1985 pflegen Tübingen und Aix-en-Provence eine enge Städtepartnerschaft."
    with rules_only(extractor):
        before = set(_partnerships(extractor, text))
    with adding(extractor):
        after = set(_partnerships(extractor, text))
    assert before == after == {frozenset({"Tübingen", "Aix-en-Provence"})}


def test_extraction_with_the_scorer_is_deterministic(extractor):
    with adding(extractor):
        first = _partnerships(extractor, TWO_FIRSTS)
        again = _partnerships(extractor, TWO_FIRSTS)
    assert first == again


def test_the_shipped_scorer_adds_nothing_and_keeps_every_rule_pair(extractor):
    # switched off as shipped (train_pair_scorer.ADD_THRESHOLD): the extraction is the rules'
    spec = json.loads(data_file(MODEL_FILE).read_text(encoding="utf-8"))
    assert spec["keep_threshold"] <= 0 and spec["add_threshold"] > 1
    text = TWO_FIRSTS + " Seit 1985 pflegen Tübingen und Aix-en-Provence eine enge Städtepartnerschaft."
    with rules_only(extractor):
        before = _partnerships(extractor, text)
    assert _partnerships(extractor, text) == before


def test_the_model_file_names_the_features_the_extractor_computes():
    spec = json.loads(data_file(MODEL_FILE).read_text(encoding="utf-8"))
    assert spec["features"] == list(FEATURES)
    assert len(spec["coefficients"]) == len(FEATURES)
    assert 0 <= spec["keep_threshold"] <= 1 and 0 <= spec["add_threshold"] <= 1.01
    assert spec["provenance"]["trained_by"] == "benchmarks/real/train_pair_scorer.py"


def test_a_model_for_other_features_is_refused_with_a_message():
    spec = json.loads(data_file(MODEL_FILE).read_text(encoding="utf-8"))
    spec["features"] = spec["features"][1:]
    with pytest.raises(PartnergraphError, match="retrain"):
        PairModel(spec, "old-model.json")


@pytest.fixture(scope="module")
def train():
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location("train_pair_scorer", TRAIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _synthetic(seed: int = 7, n: int = 300):
    """Candidates whose label follows two of the features (cue and tokens) with some noise."""
    rng = random.Random(seed)
    cue, tokens = FEATURES.index("cue"), FEATURES.index("tokens")
    X, y = [], []
    for _ in range(n):
        row = [float(rng.random() < 0.5) for _ in FEATURES]
        row[tokens] = rng.random()
        score = 2.0 * row[cue] - 2.0 * row[tokens] + rng.gauss(0, 0.5)
        X.append(row)
        y.append(int(score > 0.0))
    return X, y


def test_training_is_deterministic_and_learns_the_signal_of_a_synthetic_set(train):
    X, y = _synthetic()
    first = train.fit(X, y, 1.0)
    assert train.fit(X, y, 1.0) == first
    _, weights = first
    assert weights[FEATURES.index("cue")] > 0 > weights[FEATURES.index("tokens")]


def test_the_folds_keep_each_publisher_whole_and_are_the_same_every_time(train):
    pages = [{"publisher": f"p{i % 7}", "split": "dev"} for i in range(30)]
    folds = train.folds_of(pages, "publisher")
    assert folds == train.folds_of(pages, "publisher")
    assert sorted(i for f in folds for i in f) == list(range(30))
    for fold in folds:
        others = {pages[i]["publisher"] for f in folds if f is not fold for i in f}
        assert not {pages[i]["publisher"] for i in fold} & others


def test_the_decision_keeps_rule_pairs_above_keep_and_adds_others_above_add(train):
    page = {"fixed": set(), "rules": {"r1", "r2"}, "candidates": [
        {"rule": True, "emitted": True, "pair": "r1"},
        {"rule": True, "emitted": True, "pair": "r2"},
        {"rule": False, "emitted": False, "pair": "n1"},
        {"rule": False, "emitted": False, "pair": "n2"},
    ]}
    assert train.decided(page, None, 0.5, 0.5) == {"r1", "r2"}
    assert train.decided(page, [0.9, 0.1, 0.8, 0.3], 0.2, 0.7) == {"r1", "n1"}


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_training_reads_the_chosen_splits_pages_from_several_caches(train, tmp_path):
    # one page per cache file in a training split, a third in a split not asked for
    pages = {
        "https://a.example/1": ("a", "Offenburg und Lons-le-Saunier feiern ihre Städtepartnerschaft, die 1962 begann."),
        "https://b.example/2": ("b", "Der Rat von Tübingen hat die Partnerschaft mit Aix-en-Provence erneuert."),
        "https://b.example/3": ("c", "Die Stadt Freiburg im Breisgau pflegt eine Partnerschaft mit Besançon."),
    }
    first = _jsonl(tmp_path / "one.jsonl", [{"url": "https://a.example/1", "text": pages["https://a.example/1"][1]}])
    second = _jsonl(tmp_path / "two.jsonl", [{"url": u, "text": t} for u, (_, t) in pages.items() if u != "https://a.example/1"])
    gold = _jsonl(tmp_path / "gold.jsonl", [
        {"url": "https://a.example/1", "split": "a", "partnerships": [{"a": "Offenburg", "b": "Lons-le-Saunier"}]},
        {"url": "https://b.example/2", "split": "b", "partnerships": [{"a": "Tübingen", "b": "Aix-en-Provence"}]},
        {"url": "https://b.example/3", "split": "c", "partnerships": [{"a": "Freiburg im Breisgau", "b": "Besançon"}]},
    ])
    read = train.collect([first, second], gold, ("a", "b"))
    assert [(p["url"], p["split"]) for p in read] == [("https://a.example/1", "a"), ("https://b.example/2", "b")]
    assert all(p["gold"] and p["candidates"] for p in read)
    assert all(c["label"] == 1 for p in read for c in p["candidates"] if c["pair"] in p["gold"])


@pytest.mark.parametrize("split", ["fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11"])
def test_training_refuses_every_blind_split_whatever_the_caches(train, tmp_path, capsys, split):
    # fresh5 (session 9), fresh6 (session 11), fresh7 (session 12), fresh8 (session 14), fresh9
    # (session 15), fresh10 (session 20) and fresh11 (session 22) were each drawn as the split nobody reads; the trainer refuses them all, opened
    # later or not, so no model learns from them
    cache = _jsonl(tmp_path / "pages.jsonl", [{"url": "https://a.example/1", "text": TWO_FIRSTS}])
    out = tmp_path / "model.json"
    code = train.main([str(cache), "--splits", f"dev,{split}", "--out", str(out), "--report", str(tmp_path / "r.txt")])
    assert code == 1
    assert split in capsys.readouterr().out
    assert not out.exists()
