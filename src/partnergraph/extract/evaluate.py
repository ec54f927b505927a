"""Scores the extractor against gold annotations (JSON Lines, format in tests/gold/README.md).

Articles are matched by `url`; municipalities by GeoNames id where the gold has one, else by
normalised name (and country, when the gold gives one); partnerships by their two partners'
names and type. Precision, recall and F1 are micro-averaged over all articles, per category,
with every false positive and false negative listed so a reader sees what to fix.

Beside these, accuracies over what was found (each with its errors listed):
- partner identity: of the gold partnerships whose pair was found, the share whose partners are
  the gold's places by GeoNames id, where the gold gives one (Granada NI is not Granada ES);
- type, start year and status: of the gold partnerships whose pair was found (and that state a
  start year / status), the share the extractor gives the same value (a year not given counts
  as wrong: the error reads "None");
- no start year: of the found gold partnerships that state no start year, the share the
  extractor gives none either (a year given there is a year the page does not state: for an
  analyst asking "since when" a wrong year is worse than none);
- municipality kind: of the gold municipalities with a "kind" that were found, the share whose
  kind of local government (district, borough …) is the gold's.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import SourceError
from .extractor import Extractor
from ..models import Article, Extraction
from ..sources.urls import article_iri

CATEGORIES = ("municipalities", "countries", "programmes", "partnerships", "partnership pairs")
ACCURACIES = ("partner identity", "partnership type", "start year", "no start year", "status", "municipality kind")
#: what a partnership is taken to be when the extractor states no status
DEFAULT_STATUS = "active"


#: letters with a stroke or ligature, which NFKD does not decompose: "Mikolów" is "Mikołów"
#: written without the stroke, as "Draa" is "Drâa" without the accent
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


def norm(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name: "Drâa" = "draa", "Mikołów" = "mikolow"."""
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss").translate(_UNDECOMPOSED))
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
        # sorted by what is shown: str() of an item holding a frozenset follows the set's hash
        # order, which string-hash randomisation changes from run to run
        key = lambda x: (show(x), str(x))  # noqa: E731
        for x in sorted(predicted - gold, key=key):
            self.fp += 1
            self.false_positives.append(f"{article_id}: {show(x)}")
        for x in sorted(gold - predicted, key=key):
            self.fn += 1
            self.false_negatives.append(f"{article_id}: {show(x)}")


@dataclass
class Accuracy:
    """Right answers among the items that could be checked, with each wrong one described."""

    correct: int = 0
    total: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, article_id: str, right: bool, error: str) -> None:
        self.total += 1
        if right:
            self.correct += 1
        else:
            self.errors.append(f"{article_id}: {error}")


@dataclass
class Evaluation:
    scores: dict[str, Score]
    articles: int
    missing: list[str]  # gold urls with no article among the sources
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    #: article id → kind of error (missed, spurious, wrong type …) → descriptions
    errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "articles": self.articles, "missing": self.missing,
            "scores": {k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                           "tp": s.tp, "fp": s.fp, "fn": s.fn,
                           "false_positives": s.false_positives, "false_negatives": s.false_negatives}
                       for k, s in self.scores.items()},
            "accuracies": {k: {"accuracy": None if a.value is None else round(a.value, 4), "correct": a.correct,
                               "total": a.total, "errors": a.errors}
                           for k, a in self.accuracies.items()},
            "errors": self.errors,
        }


@lru_cache(maxsize=1)
def kind_names() -> dict[str, str]:
    """Every label of every local-government kind (ontology/local-government-kinds.ttl),
    folded → the kind's slug: gold written with "Landkreis", "powiat" or "Bezirk" is scored
    against the controlled vocabulary."""
    from rdflib import RDF, Literal
    from rdflib.namespace import SKOS

    from ..namespaces import PG
    from ..vocab import load_vocabulary

    g = load_vocabulary().graph
    out = {}
    for concept in g.subjects(RDF.type, PG.LocalGovernmentKind):
        slug = str(concept).rstrip("/").rsplit("/", 1)[-1]
        out[norm(slug)] = slug
        for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for o in g.objects(concept, p):
                if isinstance(o, Literal):
                    out.setdefault(norm(str(o)), slug)
    return out


def gold_kind(value: str) -> str:
    """The controlled kind of a gold "kind" value; unknown values stay as written."""
    return kind_names().get(norm(value), value)


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


def _place_key(p) -> str:
    return f"gn:{p.geonameid}" if p.geonameid is not None else f"{norm(p.name_de)}|{p.country or ''}"


def _place_keys(ex: Extraction) -> dict[str, tuple[str, ...]]:
    """Predicted municipalities: key → every name a gold annotation may use for it."""
    out = {}
    for p in ex.places.values():
        out[_place_key(p)] = tuple({norm(p.name_de), norm(p.name_en or p.name_de),
                                    norm(p.name_de.removeprefix("Landkreis "))})
    return out


def _gold_place_key(m: dict, ex: Extraction | None = None) -> str:
    if m.get("geonameid") is not None:
        return f"gn:{int(m['geonameid'])}"
    name = norm(m.get("name") or m.get("surface", ""))
    if not m.get("country") and ex is not None:
        # a gold place without GeoNames id or country matches a prediction of the same name
        # (also unlinked) in any country
        for p in ex.places.values():
            if p.geonameid is None and norm(p.name_de) == name:
                return _place_key(p)
    return f"{name}|{m.get('country') or ''}"


def score_article(ev: dict[str, Score], gold: dict, ex: Extraction,
                  acc: dict[str, Accuracy] | None = None, errors: dict[str, list[str]] | None = None) -> None:
    """Adds one article's counts to `ev` (and to the accuracies `acc`, with its errors by kind
    in `errors`, when given)."""
    acc = acc if acc is not None else {a: Accuracy() for a in ACCURACIES}
    errors = errors if errors is not None else {}
    aid = gold.get("id") or gold["url"]
    predicted_places = _place_keys(ex)
    by_key = {_place_key(p): p for p in ex.places.values()}
    gold_places = {_gold_place_key(m, ex) for m in gold.get("municipalities", [])}
    pred_keys = set(predicted_places)
    ev["municipalities"].add(aid, gold_places, pred_keys)
    for k in sorted(gold_places - pred_keys):
        errors.setdefault("missed place", []).append(k)
    for k in sorted(pred_keys - gold_places):
        errors.setdefault("spurious place", []).append(f"{k} ({by_key[k].name_de})")
    ev["countries"].add(aid, set(gold.get("countries", [])), set(ex.refs("country")))
    ev["programmes"].add(aid, set(gold.get("programmes", [])), set(ex.refs("programme")))

    for m in gold.get("municipalities", []):
        if m.get("kind"):
            place = by_key.get(_gold_place_key(m, ex))
            if place is not None:
                want = gold_kind(m["kind"])
                kind = getattr(place, "kind", "municipality")  # extractions made before kinds existed
                acc["municipality kind"].add(aid, kind == want,
                                             f"{m.get('surface') or m.get('name')}: {kind}, gold {want}")

    names = {k: v for k, v in predicted_places.items()}

    def pred_name(kind: str, ref: str) -> str:
        if kind == "municipality" and ref in ex.places:
            return sorted(names[_place_key(ex.places[ref])])[0]
        return norm(ex.organisations.get(ref, ref))

    def aliases(kind: str, ref: str) -> set[str]:
        if kind == "municipality" and ref in ex.places:
            p = ex.places[ref]
            return {norm(p.name_de), norm(p.name_en or p.name_de)}
        return {norm(ex.organisations.get(ref, ref))}

    gold_pairs = set()
    for gp in gold.get("partnerships", []):
        gold_pairs.add((frozenset({norm(gp["a"]), norm(gp["b"])}), gp.get("type", "unspecified")))
    gold_names = {n for pair, _ in gold_pairs for n in pair}
    predicted_pairs = set()
    #: name pair → [(partnership, {gold name → the predicted partner's GeoNames id})]
    by_pair: dict[frozenset, list] = {}
    for p in ex.partnerships:
        (ka, ra), (kb, rb) = p.partners[0], p.partners[-1]
        # map each predicted partner to the gold spelling when one of its names matches
        na = next((n for n in aliases(ka, ra) if n in gold_names), pred_name(ka, ra))
        nb = next((n for n in aliases(kb, rb) if n in gold_names), pred_name(kb, rb))
        pair = frozenset({na, nb})
        predicted_pairs.add((pair, p.type))
        ids = {}
        for n, (k, r) in ((na, (ka, ra)), (nb, (kb, rb))):
            ids[n] = ex.places[r].geonameid if k == "municipality" and r in ex.places else None
        by_pair.setdefault(pair, []).append((p, ids))

    def show(x):
        pair, t = x
        return " – ".join(sorted(pair)) + f" ({t})"

    ev["partnerships"].add(aid, gold_pairs, predicted_pairs, show)
    ev["partnership pairs"].add(aid, {p for p, _ in gold_pairs}, {p for p, _ in predicted_pairs},
                                lambda pair: " – ".join(sorted(pair)))
    found_pairs = {p for p, _ in predicted_pairs}
    for x in sorted(predicted_pairs - gold_pairs, key=show):
        if x[0] not in {p for p, _ in gold_pairs}:
            errors.setdefault("spurious partnership", []).append(show(x))

    gold_ids: dict[str, int] = {}
    for m in gold.get("municipalities", []):
        if m.get("geonameid") is not None:
            for n in (m.get("name"), m.get("surface")):
                if n:
                    gold_ids.setdefault(norm(n), int(m["geonameid"]))
    for gp in gold.get("partnerships", []):
        pair = frozenset({norm(gp["a"]), norm(gp["b"])})
        label = f"{gp['a']} – {gp['b']}"
        gtype = gp.get("type", "unspecified")
        if pair not in found_pairs:
            errors.setdefault("missed partnership", []).append(f"{label} ({gtype})")
            continue
        entries = by_pair[pair]
        same_type = [e for e in entries if e[0].type == gtype]
        best = (same_type or entries)[0]
        checked = [n for n in pair if n in gold_ids]
        if checked:
            wrong = [f"{n}: gn:{best[1].get(n)}, gold gn:{gold_ids[n]}" for n in sorted(checked)
                     if best[1].get(n) != gold_ids[n]]
            acc["partner identity"].add(aid, not wrong, f"{label}: " + "; ".join(wrong))
        types = sorted({e[0].type for e in entries})
        acc["partnership type"].add(aid, gtype in types, f"{label}: {', '.join(types)}, gold {gtype}")
        year = best[0].start_year
        if gp.get("start") is not None:
            acc["start year"].add(aid, year == int(gp["start"]), f"{label}: {year}, gold {gp['start']}")
        else:
            acc["no start year"].add(aid, year is None, f"{label}: {year}, gold none")
        if gp.get("status"):
            status = getattr(best[0], "status", None) or DEFAULT_STATUS
            acc["status"].add(aid, status == gp["status"], f"{label}: {status}, gold {gp['status']}")


def _as_read(url: str) -> str:
    """The gold's URL as the readers state an article's (percent-encoded where a raw URL holds
    characters no IRI may hold, e.g. the [ ] of a query string: sources/urls.py), so a gold
    record written with the address as copied from the browser still finds its article."""
    try:
        return article_iri(url)[0]
    except SourceError:
        return url


def evaluate(gold_path: Path, articles: Iterable[Article], *, extractor: Extractor | None = None,
             split: str | None = None) -> Evaluation:
    """Scores every gold article found among `articles`; with `split`, only the gold records
    of that split ("dev", "test")."""
    gold = read_gold(gold_path)
    if split is not None:
        gold = [g for g in gold if g.get("split") == split]
    by_url = {a.url: a for a in articles}
    extractor = extractor or Extractor()
    ev = {c: Score() for c in CATEGORIES}
    acc = {a: Accuracy() for a in ACCURACIES}
    errors: dict[str, dict[str, list[str]]] = {}
    missing = []
    n = 0
    for g in gold:
        article = by_url.get(g["url"]) or by_url.get(_as_read(g["url"]))
        if article is None:
            missing.append(g["url"])
            continue
        n += 1
        found: dict[str, list[str]] = {}
        aid = g.get("id") or g["url"]
        before = {k: len(a.errors) for k, a in acc.items()}
        score_article(ev, g, extractor.extract(article), acc, found)
        for k, a in acc.items():
            for e in a.errors[before[k]:]:
                found.setdefault(f"wrong {k}", []).append(e.split(": ", 1)[1])
        if found:
            errors[aid] = found
    return Evaluation(scores=ev, articles=n, missing=missing, accuracies=acc, errors=errors)


def format_evaluation(result: Evaluation, *, details: bool = True) -> str:
    lines = [f"{result.articles} articles scored" + (f", {len(result.missing)} gold articles not found in the sources"
                                                    if result.missing else ""),
             "", f"{'category':<18} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
    for name, s in result.scores.items():
        lines.append(f"{name:<18} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
    if result.accuracies:
        lines += ["", f"{'accuracy over what was found':<30} {'value':>6} {'right':>6} {'of':>5}"]
        for name, a in result.accuracies.items():
            value = "—" if a.value is None else f"{a.value:.3f}"
            lines.append(f"{name:<30} {value:>6} {a.correct:6d} {a.total:5d}")
    if details and result.errors:
        lines.append("\nerrors by article:")
        for aid, kinds in result.errors.items():
            lines.append(f"  {aid}")
            for kind, items in kinds.items():
                lines += [f"    {kind}: {x}" for x in items]
    if details:
        for name, s in result.scores.items():
            if s.false_positives or s.false_negatives:
                lines.append(f"\n{name}:")
                lines += [f"  FP {x}" for x in s.false_positives]
                lines += [f"  FN {x}" for x in s.false_negatives]
        for url in result.missing:
            lines.append(f"missing article: {url}")
    return "\n".join(lines)
