"""The committed real-text gold (benchmarks/real/gold.jsonl) keeps the format bench_real.py and
partnergraph.extract.evaluate rely on, so a hand edit that breaks it fails here rather than silently
skewing the benchmark. The page texts themselves are not in the repository; nothing here needs
them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from partnergraph.extract.evaluate import read_gold
from partnergraph.vocab import load_vocabulary

GOLD = Path(__file__).resolve().parent.parent / "benchmarks" / "real" / "gold.jsonl"
STATUSES = {"active", "suspended", "ended", "planned"}
SHA256 = re.compile(r"[0-9a-f]{64}")


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return read_gold(GOLD)


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


def test_every_record_names_its_page_publisher_split_and_text_hash(gold):
    urls = [g["url"] for g in gold]
    assert len(urls) == len(set(urls)), "a page is annotated twice"
    for g in gold:
        assert g["split"] in {"dev", "dev2", "dev3", "test", "fresh", "fresh2", "fresh3", "fresh4",
                              "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11"}, g["url"]
        assert g["publisher"] and "/" not in g["publisher"], g["url"]
        assert SHA256.fullmatch(g["text_sha256"]), g["url"]
        assert "title_sha256" not in g or SHA256.fullmatch(g["title_sha256"]), g["url"]


def test_a_publisher_stays_in_one_split(gold):
    splits: dict[str, set] = {}
    for g in gold:
        splits.setdefault(g["publisher"], set()).add(g["split"])
    assert {p: s for p, s in splits.items() if len(s) > 1} == {}


def test_partners_are_annotated_municipalities_with_known_type_and_status(gold, vocabulary):
    types = {c.slug for c in vocabulary.of_kind("partnership-type")}
    for g in gold:
        names = {m["name"] for m in g.get("municipalities", [])}
        for p in g.get("partnerships", []):
            # a partner the page names only by its demonym adjective ("die Dortmunder") has no
            # municipality entry (README, Conventions); its record says which side that is
            assert all(p[side] in names or p[side] == p.get("demonym") for side in ("a", "b")), (g["url"], p)
            assert p.get("demonym") in (None, p["a"], p["b"]) and p.get("demonym") not in names, (g["url"], p)
            assert p["a"] != p["b"], (g["url"], p)
            assert p["type"] in types, (g["url"], p)
            assert p["status"] in STATUSES, (g["url"], p)
            assert "start" not in p or 1900 <= p["start"] <= 2030, (g["url"], p)


def test_municipalities_countries_and_programmes_use_the_shared_codes(gold, vocabulary):
    programmes = {c.slug for c in vocabulary.of_kind("programme")}
    for g in gold:
        for m in g.get("municipalities", []):
            assert m["surface"] and m["name"], g["url"]
            assert re.fullmatch(r"[A-Z]{2}", m["country"]), (g["url"], m)
            assert m["geonameid"] is None or isinstance(m["geonameid"], int), (g["url"], m)
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in g.get("countries", [])), g["url"]
        assert set(g.get("programmes", [])) <= programmes, g["url"]


def test_the_held_out_split_is_about_a_third_of_the_pages(gold):
    # the issue asks for roughly one page in three held out; a publisher-hash split drifts from
    # exactly a third, so the band is wide enough for that drift but catches a broken rule
    first = [g for g in gold if g["split"] in {"dev", "test"}]
    share = sum(g["split"] == "test" for g in first) / len(first)
    assert 0.2 <= share <= 0.45


@pytest.mark.parametrize("split", ["fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
                                   "fresh9", "fresh10", "fresh11"])
def test_a_fresh_split_comes_from_publishers_no_other_split_uses(gold, split):
    # a fresh split measures generalisation to unseen pages: a publisher already in another split
    # would bring its site's wording (and its errors, read while tuning or reporting) into the
    # held-out measure; fresh2 has since been opened for tuning, so fresh3, the held-out split of
    # session 7, must not share a publisher with it either, nor fresh4 (session 8) with fresh3,
    # which the next session may open for tuning, nor fresh5 (session 9) with fresh3 or fresh4, the
    # validation and test splits of that session
    others = {g["publisher"] for g in gold if g["split"] != split}
    pages = [g for g in gold if g["split"] == split]
    assert pages, f"no {split} split"
    assert sorted({g["publisher"] for g in pages} & others) == []


@pytest.mark.parametrize("split", ["dev2", "dev3"])
def test_a_later_tuning_split_comes_from_publishers_no_other_split_uses(gold, split):
    # dev2 and dev3 widen what the rules are tuned on: a publisher already in another split would
    # bring pages of a site the rules have seen (dev) or that must stay unseen (test, the fresh splits)
    others = {g["publisher"] for g in gold if g["split"] != split}
    pages = [g for g in gold if g["split"] == split]
    assert pages, f"no {split} split"
    assert sorted({g["publisher"] for g in pages} & others) == []


def test_the_news_prose_split_has_pair_pages_and_precision_pages(gold):
    # dev3 was drawn (issue 17, session 7) as at least 40 news-prose pages, most stating one to
    # three pairs and about eight or more precision pages; fewer would make its figures noise
    pages = [g for g in gold if g["split"] == "dev3"]
    with_pairs = [g for g in pages if g.get("partnerships")]
    assert len(pages) >= 40 and len({g["publisher"] for g in pages}) >= 35
    assert len(with_pairs) >= 25 and len(pages) - len(with_pairs) >= 8
    # news prose: a page names few pairs (the list pages of the other splits name dozens)
    assert max(len({frozenset((p["a"], p["b"])) for p in g["partnerships"]}) for g in with_pairs) <= 5


@pytest.mark.parametrize("split", ["fresh2", "dev2", "fresh3"])
def test_a_later_split_is_large_enough_to_measure(gold, split):
    # issue 17 asks for at least 50 pages from 40 publishers, mostly pages that state a pair and
    # the rest precision pages; fewer would make its figures noise
    pages = [g for g in gold if g["split"] == split]
    with_pairs = [g for g in pages if g.get("partnerships")]
    assert len(pages) >= 50 and len({g["publisher"] for g in pages}) >= 40
    assert len(with_pairs) >= 30 and len(pages) - len(with_pairs) >= 10


def test_the_blind_news_split_fresh4_has_pair_pages_and_precision_pages(gold):
    # fresh4 (session 8) was drawn as 40 to 50 news-prose pages from as many publishers, about
    # three in four stating a pair with both partners named and the rest precision pages (towns
    # without a partnership, aid without one, refused requests); fewer would make its figures noise
    pages = [g for g in gold if g["split"] == "fresh4"]
    with_pairs = [g for g in pages if g.get("partnerships")]
    assert 40 <= len(pages) <= 50
    assert len({g["publisher"] for g in pages}) == len(pages), "one page per publisher"
    assert len(with_pairs) >= 30 and len(pages) - len(with_pairs) >= 10


def related_hosts(a: str, b: str) -> bool:
    """Whether two publishers are the same site: equal, or one a sub-domain of the other (a city's
    council-information host beside its main site, a newspaper's mobile host)."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)


@pytest.mark.parametrize("split", ["fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11"])
def test_a_blind_split_shares_no_site_with_another_split(gold, split):
    # fresh5 (session 9), fresh6 (session 11), fresh7 (session 12), fresh8 (session 14), fresh9
    # (session 15), fresh10 (session 20) and fresh11 (session 22) were drawn so that no page comes from a publisher of
    # another split, nor from another host of one
    others = {g["publisher"] for g in gold if g["split"] != split}
    pages = [g for g in gold if g["split"] == split]
    assert pages, f"no {split} split"
    clashes = sorted((g["publisher"], o) for g in pages for o in others if related_hosts(g["publisher"], o))
    assert clashes == []


def test_the_blind_split_fresh5_measures_status_pairs_and_precision(gold):
    # fresh5 was drawn as 50 to 60 pages from as many publishers (one page each), most stating a
    # pair with both partners named, at least ten precision pages, and, unlike fresh4 (all its pairs
    # active), at least six planned, suspended or ended pairs, so status is measured on blind pages too
    pages = [g for g in gold if g["split"] == "fresh5"]
    with_pairs = [g for g in pages if g.get("partnerships")]
    assert 50 <= len(pages) <= 60
    assert len({g["publisher"] for g in pages}) == len(pages), "one page per publisher"
    assert len(with_pairs) >= 30 and len(pages) - len(with_pairs) >= 10
    not_active = [p for g in pages for p in g["partnerships"] if p["status"] != "active"]
    assert len(not_active) >= 6
    assert {p["status"] for p in not_active} == {"planned", "suspended", "ended"}


# fresh6 (session 11) was drawn as 50 to 60 pages from as many publishers (one page each), most
# stating a pair with both partners named, at least ten precision pages, at least 25 partnership
# records with a start year and at least six planned, suspended or ended ones, so that start year
# and status are measured on blind pages too (fresh5 had only 27 and 16). fresh7 (session 12, when
# fresh6 was opened for tuning) was drawn like it as 55 to 60 pages: at least 40 stating a pair, at
# least 12 precision pages; the corpus yielded planned and suspended pairs but no page from a new
# publisher stated an ended partnership. fresh8 (session 14, when fresh7 was opened) was drawn the
# same way, as 55 to 60 pages from new publishers of a heavily mined corpus
# (at least 40 stating a pair, at least 12 precision pages) with planned, suspended and ended pairs.
# fresh9 (session 15, when fresh8 was opened) came from a corpus mined further still: 50 pages (the
# brief allowed 40 to 50 when new publishers run out), at least 35 stating a pair, at least 12 precision
# pages, planned and suspended pairs (no page of a new publisher stated an ended one). fresh10 (session
# 20, a second blind split beside fresh9) was drawn the same way: 40 to 50 pages, at least 35 stating a
# pair, at least 10 precision pages, planned and ended pairs (every suspended pair the corpus offered
# came from a publisher already in the gold). fresh11 (session 22, a second blind split beside fresh10)
# likewise: 40 to 50 pages, at least 35 stating a pair, at least 12 precision pages, planned and ended pairs.
@pytest.mark.parametrize("split, sizes, pair_pages, precision_pages, statuses", [
    ("fresh6", (50, 60), 30, 10, {"planned", "suspended", "ended"}),
    ("fresh7", (55, 60), 40, 12, {"planned", "suspended"}),
    ("fresh8", (55, 60), 40, 12, {"planned", "suspended", "ended"}),
    ("fresh9", (50, 60), 35, 12, {"planned", "suspended"}),
    ("fresh10", (40, 50), 35, 10, {"planned", "ended"}),
    ("fresh11", (40, 50), 35, 12, {"planned", "ended"}),
])
def test_a_blind_split_measures_pairs_years_status_and_precision(gold, split, sizes, pair_pages,
                                                                 precision_pages, statuses):
    pages = [g for g in gold if g["split"] == split]
    with_pairs = [g for g in pages if g.get("partnerships")]
    assert sizes[0] <= len(pages) <= sizes[1]
    assert len({g["publisher"] for g in pages}) == len(pages), "one page per publisher"
    assert len(with_pairs) >= pair_pages and len(pages) - len(with_pairs) >= precision_pages
    records = [p for g in pages for p in g["partnerships"]]
    assert sum("start" in p for p in records) >= 25
    not_active = [p for p in records if p["status"] != "active"]
    assert len(not_active) >= 6
    assert statuses <= {p["status"] for p in not_active}


@pytest.mark.parametrize("split", ["fresh7", "fresh8", "fresh9", "fresh10", "fresh11"])
def test_a_blind_split_shares_no_registrable_domain_with_another_split(gold, split):
    # stricter than related_hosts: two hosts under one registrable domain (a town's council-minutes
    # host beside a party group's site of the same name) are one publisher too; fresh7, fresh8,
    # fresh9, fresh10 and fresh11 were drawn so (their collision scripts compared the last two labels, three under co.uk,
    # gv.at and the like)
    def domain(host):
        labels = host.split(".")
        return ".".join(labels[-3:] if ".".join(labels[-2:]) in {"co.uk", "gv.at", "or.at", "com.pl"} else labels[-2:])
    others = {domain(g["publisher"]) for g in gold if g["split"] != split}
    assert sorted(g["publisher"] for g in gold if g["split"] == split and domain(g["publisher"]) in others) == []


def test_the_gold_is_one_json_object_per_line():
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert all(isinstance(json.loads(line), dict) for line in lines)
