"""Scores the extractor against gold annotations (JSON Lines, format in docs/extraction.md).

Articles are matched by `url`; municipalities by GeoNames id where the gold has one, else by
normalised name and country; partnerships by their two partners and type. Precision, recall
and F1 are micro-averaged over all articles, per category, with every false positive and false
negative listed so a reader sees what to fix.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError
from .extract import Extractor
from .models import Article, Extraction

CATEGORIES = ("municipalities", "countries", "programmes", "partnerships", "partnership pairs")


def norm(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name: "Drâa" = "draa"."""
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    return "".join(c for c in folded if c.isalnum())


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, article_id: str, gold: set, predicted: set, show=str) -> None:
        self.tp += len(gold & predicted)
        for x in sorted(predicted - gold, key=str):
            self.fp += 1
            self.false_positives.append(f"{article_id}: {show(x)}")
        for x in sorted(gold - predicted, key=str):
            self.fn += 1
            self.false_negatives.append(f"{article_id}: {show(x)}")


@dataclass
class Evaluation:
    scores: dict[str, Score]
    articles: int
    missing: list[str]  # gold urls with no article among the sources

    def to_dict(self) -> dict:
        return {
            "articles": self.articles, "missing": self.missing,
            "scores": {k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                           "tp": s.tp, "fp": s.fp, "fn": s.fn,
                           "false_positives": s.false_positives, "false_negatives": s.false_negatives}
                       for k, s in self.scores.items()},
        }


def read_gold(path: Path) -> list[dict]:
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read gold annotations: {exc}", source=str(path)) from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"broken JSON ({exc.msg})", source=str(path), line=n) from None
        if not isinstance(obj, dict) or not isinstance(obj.get("url"), str):
            raise SourceError("gold record without 'url'", source=str(path), line=n)
        out.append(obj)
    return out


def _place_keys(ex: Extraction) -> dict[str, tuple[str, ...]]:
    """Predicted municipalities: key → every name a gold annotation may use for it."""
    out = {}
    for p in ex.places.values():
        key = f"gn:{p.geonameid}" if p.geonameid is not None else f"{norm(p.name_de)}|{p.country or ''}"
        out[key] = tuple({norm(p.name_de), norm(p.name_en or p.name_de), norm(p.name_de.removeprefix("Landkreis "))})
    return out


def _gold_place_key(m: dict) -> str:
    if m.get("geonameid") is not None:
        return f"gn:{int(m['geonameid'])}"
    return f"{norm(m.get('name') or m.get('surface', ''))}|{m.get('country') or ''}"


def score_article(ev: dict[str, Score], gold: dict, ex: Extraction) -> None:
    aid = gold.get("id") or gold["url"]
    predicted_places = _place_keys(ex)
    gold_places = {_gold_place_key(m) for m in gold.get("municipalities", [])}
    # a gold place without GeoNames id also matches a prediction of the same name in any
    # country when the gold gives none
    pred_keys = set(predicted_places)
    ev["municipalities"].add(aid, gold_places, pred_keys)
    ev["countries"].add(aid, set(gold.get("countries", [])), set(ex.refs("country")))
    ev["programmes"].add(aid, set(gold.get("programmes", [])), set(ex.refs("programme")))

    names = {k: v for k, v in predicted_places.items()}

    def pred_name(kind: str, ref: str) -> str:
        if kind == "municipality" and ref in ex.places:
            p = ex.places[ref]
            key = f"gn:{p.geonameid}" if p.geonameid is not None else f"{norm(p.name_de)}|{p.country or ''}"
            return sorted(names[key])[0]
        return norm(ex.organisations.get(ref, ref))

    def aliases(kind: str, ref: str) -> set[str]:
        if kind == "municipality" and ref in ex.places:
            p = ex.places[ref]
            return {norm(p.name_de), norm(p.name_en or p.name_de)}
        return {norm(ex.organisations.get(ref, ref))}

    gold_pairs = set()
    for gp in gold.get("partnerships", []):
        gold_pairs.add((frozenset({norm(gp["a"]), norm(gp["b"])}), gp.get("type", "unspecified")))
    predicted_pairs = set()
    for p in ex.partnerships:
        (ka, ra), (kb, rb) = p.partners[0], p.partners[-1]
        # map each predicted partner to the gold spelling when one of its names matches
        gold_names = {n for pair, _ in gold_pairs for n in pair}
        na = next((n for n in aliases(ka, ra) if n in gold_names), pred_name(ka, ra))
        nb = next((n for n in aliases(kb, rb) if n in gold_names), pred_name(kb, rb))
        predicted_pairs.add((frozenset({na, nb}), p.type))

    def show(x):
        pair, t = x
        return " – ".join(sorted(pair)) + f" ({t})"

    ev["partnerships"].add(aid, gold_pairs, predicted_pairs, show)
    ev["partnership pairs"].add(aid, {p for p, _ in gold_pairs}, {p for p, _ in predicted_pairs},
                                lambda pair: " – ".join(sorted(pair)))


def evaluate(gold_path: Path, articles: Iterable[Article], *, extractor: Extractor | None = None) -> Evaluation:
    gold = read_gold(gold_path)
    by_url = {a.url: a for a in articles}
    extractor = extractor or Extractor()
    ev = {c: Score() for c in CATEGORIES}
    missing = []
    n = 0
    for g in gold:
        article = by_url.get(g["url"])
        if article is None:
            missing.append(g["url"])
            continue
        n += 1
        score_article(ev, g, extractor.extract(article))
    return Evaluation(scores=ev, articles=n, missing=missing)


def format_evaluation(result: Evaluation, *, details: bool = True) -> str:
    lines = [f"{result.articles} articles scored" + (f", {len(result.missing)} gold articles not found in the sources"
                                                    if result.missing else ""),
             "", f"{'category':<18} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
    for name, s in result.scores.items():
        lines.append(f"{name:<18} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
    if details:
        for name, s in result.scores.items():
            if s.false_positives or s.false_negatives:
                lines.append(f"\n{name}:")
                lines += [f"  FP {x}" for x in s.false_positives]
                lines += [f"  FN {x}" for x in s.false_negatives]
        for url in result.missing:
            lines.append(f"missing article: {url}")
    return "\n".join(lines)
