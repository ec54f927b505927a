"""Trains the learned candidate-pair scorer (src/partnergraph/extract/pair_scorer.py) on the
annotated real-text splits and writes its model file, src/partnergraph/data/pair-scorer.json.

One command regenerates the model (deterministic: same engine, gold and caches → byte-identical file):
    PARTNERGRAPH_REAL_CACHE=/work/realcache/pages.jsonl:/work/realcache/fresh3.jsonl:/work/realcache/fresh4.jsonl \
        python benchmarks/real/train_pair_scorer.py

The caches are given as arguments (several: one per split file) or in PARTNERGRAPH_REAL_CACHE
(os.pathsep between them); only the pages of the splits in TRAIN_SPLITS (or --splits) are read,
so a blind split's cache given by mistake is never scored. The texts are used as labelled data
only: the report is pooled figures, never a page.

Steps: every training page is
extracted with the scorer switched off, its candidate pairs and their features traced
(pair_candidates.py); a candidate is positive when its two partners' names are a gold pair's, as
`partnergraph.extract.evaluate` matches pairs. A logistic regression (scikit-learn, the `train`
extra; the runtime only reads the coefficients) is cross-validated with folds grouped by publisher
(no publisher on both sides of a fold) to choose the regularisation and the two thresholds: keep a
rule pair at or above `keep`, add a pair no rule found at or above `add`. The report compares the
pairs precision / recall / F1 of the rules alone and of rules + scorer on the same folds (pooled
over the held-out folds), then also with folds by split (the splits were drawn at different times
from different kinds of page). The final model is fitted on all training pages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OPEN_SPLITS = ("dev", "dev2", "dev3", "test", "fresh", "fresh2")
#: splits annotated but never tuned on (fresh3: validation in session 9, fresh4: its test split);
#: the pairs the rules miss there are the ones they were not taught to leave, so they are the
#: honest signal of the CV (reported apart, "new pages")
UNTUNED_SPLITS = ("fresh3", "fresh4")
#: the splits trained on by default (never a blind split)
TRAIN_SPLITS = OPEN_SPLITS + UNTUNED_SPLITS
#: the blind splits, scored once by the coordinator: never read here, whatever --splits says
#: (fresh5, blind in sessions 9-10; fresh6, drawn in session 11 when fresh5 was opened; fresh7,
#: drawn in session 12 when fresh6 was opened; fresh8, drawn in session 14 when fresh7 was opened;
#: fresh9, drawn in session 15 when fresh8 was opened; fresh10, drawn in session 20 as a second
#: blind split beside fresh9; fresh11, drawn in session 22 as a second blind split beside fresh10:
#: the opened ones stay refused, so that no model trained here has read a split that was blind when
#: it was last scored)
BLIND_SPLITS = ("fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11")
MODEL = ROOT / "src" / "partnergraph" / "data" / "pair-scorer.json"
#: the regularisation strengths tried (inverse L2 weight); chosen by grouped CV
CS = (0.1, 0.3, 1.0, 3.0)
#: the thresholds tried: keep a rule pair from this score (0: keep every rule pair), add a new one
#: from that (1.01: add none)
KEEPS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
ADDS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01)
FOLDS = 5
#: the add threshold; 1.01: add none (the scorer ships switched off). Grouped CV on the open splits
#: never preferred adding (the rules were tuned on those very pages, so the pairs they leave there
#: are the ones they were taught to leave: 4 % of the candidates no rule found are pairs). On the
#: validation split fresh3 (scored in aggregate three times in session 9), two early variants at
#: 0.6 and 0.8 added mostly right pairs (pairs F1 0.667 -> 0.696 and 0.698), but they also added
#: pairs the rules refuse for stated reasons (denied and institutional partnerships, locating
#: places, "sowohl A als auch B": 8 unit tests failed); with those refusals and the cheaper
#: candidate set, the final model at 0.8 added no pair on fresh3 (0.682 = rules alone, on the
#: engine with session 9's place recognition) and cost 0.002 pairs F1 on the grouped CV. Session
#: 10 added fresh3 and fresh4 (108 pages the rules were not tuned on) to the training pages: on
#: the 5-fold publisher-grouped CV over all 8 splits (engine 7c277d3), rules alone pairs F1 0.821,
#: rules + scorer 0.811..0.823 over the add grid 0.4..0.9; on the fresh3+fresh4 pages alone
#: (0.667 rules) 0.661..0.669, at best +0.002 (add 0.6/0.65: one pair more right, one more wrong),
#: far from the +0.01 asked for. The candidates are the bottleneck, not the model: of the 47 gold
#: pairs the rules miss on fresh3+fresh4, 18 have both partners found as places but only 2 are
#: candidates (49 candidates no rule found there, 2 of them pairs). Nothing shown to help, so
#: nothing is added; `--add 0.8` trains the variant measured. Session 11 added candidates across
#: sentences (home town x a place of a cue paragraph, commit 5808c4a, reverted): 9 of those 18 became
#: candidates, but at best +0.005 on fresh3+fresh4 (add 0.7), none of it from them (docs/extraction.md)
ADD_THRESHOLD = 1.01
#: the most pairs F1 the added pairs may cost on the open splits' grouped CV (about one pair in
#: ten of their 661 gold pairs' F1 noise: one pair more or less moves it by ~0.001)
ADD_GUARD = 0.01


# -- the data ------------------------------------------------------------------------------------

def collect(caches: list[Path], gold_path: Path, splits: tuple[str, ...] = TRAIN_SPLITS) -> list[dict]:
    """One record per training page (splits `splits`, texts from any of `caches`): its candidates
    (features, label, whether a rule found it, its name pair) and the name pairs the rules emitted."""
    sys.path.insert(0, str(HERE.parent))
    from bench_real import read_cache
    from partnergraph.extract.evaluate import norm, read_gold
    from partnergraph.extract.extractor import Extractor

    gold = [g for g in read_gold(gold_path) if g.get("split") in splits]
    articles, hashes = {}, {}
    for cache in caches:
        a, h, _ = read_cache(cache)
        articles.update(a)
        hashes.update(h)
    extractor = Extractor()
    scorer = extractor._relations.pair_scorer
    scorer.model = None  # the rules alone: what the scorer is trained to correct
    traced: dict[str, dict] = {}
    scorer.trace = lambda ex, cands: traced.__setitem__(ex.article.url, cands)
    pages = []
    for g in gold:
        url = g["url"]
        if url not in articles or (g.get("text_sha256") and g["text_sha256"] != hashes[url][0]):
            continue
        traced.pop(url, None)
        ex = extractor.extract(articles[url])
        gold_pairs = {frozenset({norm(p["a"]), norm(p["b"])}) for p in g.get("partnerships", [])}
        gold_names = {n for p in gold_pairs for n in p}

        def names(ref: str, kind: str = "municipality") -> set[str]:
            if kind == "municipality" and ref in ex.places:
                p = ex.places[ref]
                return {norm(p.name_de), norm(p.name_en or p.name_de)}
            return {norm(ex.organisations.get(ref, ref))}

        def shown(aliases: set[str]) -> str:  # the gold spelling where one matches (evaluate.py)
            return next((n for n in sorted(aliases) if n in gold_names), sorted(aliases)[0])

        def pair_of(key) -> frozenset:
            (ka, ra), (kb, rb) = sorted(key)
            return frozenset({shown(names(ra, ka)), shown(names(rb, kb))})

        emitted = {frozenset(p.partners): pair_of(p.partners) for p in ex.partnerships}
        cands = []
        for key, c in sorted(traced.get(url, {}).items(), key=lambda kv: sorted(kv[0])):
            pair = pair_of(key)
            cands.append({"features": c.features, "label": int(pair in gold_pairs), "rule": c.rule is not None,
                          "emitted": key in emitted, "pair": pair})
        fixed = {pair for key, pair in emitted.items() if key not in traced.get(url, {})}  # organisations
        found = {n for ref in ex.places for n in names(ref)} | {norm(o) for o in ex.organisations.values()}
        pages.append({"url": url, "split": g["split"], "publisher": g.get("publisher") or url,
                      "gold": gold_pairs, "candidates": cands, "fixed": fixed,
                      "rules": set(emitted.values()), "found": found})
    return pages


# -- fitting ------------------------------------------------------------------------------------

#: the features that say what the rules did: the rules were tuned on these very pages, so in-sample
#: a rule pair is right far more often than on pages nobody tuned on (open splits pairs P 0.90,
#: fresh3 0.69); a model that learns to trust them learns that bias. Left out (weight 0) unless
#: --with-rule-features
RULE_FEATURES = ("bias_rule", "rule_list", "rule_typed", "rule_dated", "rule_evidence", "page_rule_pairs")
USED: set[str] | None = None  # the features fitted (None: all), set by main()


def fit(X: list[list[float]], y: list[int], C: float) -> tuple[float, list[float]]:
    """(intercept, coefficients) of an L2 logistic regression on the raw features (standardised
    for fitting, folded back so the runtime multiplies raw values); the features not in USED get
    weight 0. Deterministic: lbfgs from zero."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from partnergraph.extract.pair_candidates import FEATURES

    mask = np.array([USED is None or f in USED for f in FEATURES], dtype=bool)
    Xa = np.asarray(X, dtype=float) * mask
    mean = Xa.mean(axis=0)
    std = Xa.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=5000, tol=1e-10)
    model.fit((Xa - mean) / std, np.asarray(y))
    w = model.coef_[0] / std
    b = float(model.intercept_[0] - np.sum(model.coef_[0] * mean / std))
    return round(b, 6), [round(float(v), 6) for v in w]


def predict(model: tuple[float, list[float]], X: list[list[float]]) -> list[float]:
    from partnergraph.extract.pair_scorer import PairModel
    from partnergraph.extract.pair_candidates import FEATURES

    m = PairModel({"features": list(FEATURES), "intercept": model[0], "coefficients": model[1],
                   "keep_threshold": 0, "add_threshold": 1})
    return [m.score(x) for x in X]


# -- scoring ------------------------------------------------------------------------------------

def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def decided(page: dict, scores: list[float] | None, keep: float, add: float) -> set:
    """The page's name pairs: the rules' alone (scores None), or rules + scorer."""
    if scores is None:
        return set(page["rules"])
    out = set(page["fixed"])
    for c, s in zip(page["candidates"], scores):
        if c["rule"]:
            if c["emitted"] and s >= keep:
                out.add(c["pair"])
        elif s >= add:
            out.add(c["pair"])
    return out


def counts(pages: list[dict], scores: dict[str, list[float]] | None, keep: float = 0, add: float = 1.01):
    tp = fp = fn = 0
    for page in pages:
        got = decided(page, None if scores is None else scores[page["url"]], keep, add)
        tp += len(got & page["gold"])
        fp += len(got - page["gold"])
        fn += len(page["gold"] - got)
    return tp, fp, fn


def folds_of(pages: list[dict], by: str, n: int = FOLDS) -> list[list[int]]:
    """Page indices per fold, whole groups (publishers or splits) per fold: groups sorted by size,
    then name, each given to the fold with fewest pages so far (deterministic)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pages):
        groups[p[by]].append(i)
    if by == "split":
        return [groups[s] for s in sorted(groups)]
    folds: list[list[int]] = [[] for _ in range(n)]
    for g in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        min(folds, key=len).extend(groups[g])
    return folds


def out_of_fold(pages: list[dict], folds: list[list[int]], C: float) -> dict[str, list[float]]:
    scores = {}
    for k, test in enumerate(folds):
        test_set = set(test)
        X, y = [], []
        for i, p in enumerate(pages):
            if i not in test_set:
                for c in p["candidates"]:
                    X.append(c["features"])
                    y.append(c["label"])
        model = fit(X, y, C)
        for i in test:
            scores[pages[i]["url"]] = predict(model, [c["features"] for c in pages[i]["candidates"]])
    return scores


def log_loss(pages: list[dict], scores: dict[str, list[float]]) -> float:
    import math

    total = n = 0
    for p in pages:
        for c, s in zip(p["candidates"], scores[p["url"]]):
            s = min(max(s, 1e-9), 1 - 1e-9)
            total -= math.log(s if c["label"] else 1 - s)
            n += 1
    return total / max(n, 1)


def best_thresholds(pages: list[dict], scores: dict[str, list[float]]) -> tuple[float, float, tuple]:
    best = None
    for keep in KEEPS:
        for add in ADDS:
            c = counts(pages, scores, keep, add)
            f = prf(*c)[2]
            if best is None or f > best[0] + 1e-12:
                best = (f, keep, add, c)
    return best[1], best[2], best[3]


def nested(pages: list[dict], folds: list[list[int]], scores: dict[str, list[float]]) -> tuple:
    """Pooled counts when each fold's thresholds are chosen on the other folds' out-of-fold scores."""
    tp = fp = fn = 0
    for test in folds:
        test_set = set(test)
        others = [p for i, p in enumerate(pages) if i not in test_set]
        keep, add, _ = best_thresholds(others, scores)
        c = counts([pages[i] for i in test], scores, keep, add)
        tp, fp, fn = tp + c[0], fp + c[1], fn + c[2]
    return tp, fp, fn


def fmt(name: str, c: tuple) -> str:
    p, r, f = prf(*c)
    return f"{name:<44} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (TP {c[0]}, FP {c[1]}, FN {c[2]})"


def main(argv=None) -> int:
    import os

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cache", nargs="*", type=Path,
                    help="the page caches (JSON lines; default: PARTNERGRAPH_REAL_CACHE, os.pathsep between files)")
    ap.add_argument("--splits", default=",".join(TRAIN_SPLITS),
                    help="the splits trained and cross-validated on, comma-separated (default: %(default)s)")
    ap.add_argument("--gold", type=Path, default=HERE / "gold.jsonl")
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--report", type=Path, default=HERE.parent / "out" / "pair-scorer-cv.txt")
    ap.add_argument("--with-rule-features", action="store_true",
                    help="also fit the features saying which rule found a pair (see RULE_FEATURES)")
    ap.add_argument("--keep", type=float, help="force the keep threshold (default: the CV choice)")
    ap.add_argument("--add", type=float, help="force the add threshold (default: the CV choice)")
    args = ap.parse_args(argv)
    global USED
    if not args.with_rule_features:
        from partnergraph.extract.pair_candidates import FEATURES as ALL
        USED = {f for f in ALL if f not in RULE_FEATURES}
    caches = args.cache or [Path(c) for c in os.environ.get("PARTNERGRAPH_REAL_CACHE", "").split(os.pathsep) if c]
    missing = [str(c) for c in caches if not c.is_file()]
    if not caches or missing:
        print(f"no cache of the real pages ({', '.join(missing) or 'give it or set PARTNERGRAPH_REAL_CACHE'}): "
              "nothing to train on")
        return 1
    splits = tuple(s.strip() for s in args.splits.split(",") if s.strip())
    if blind := [s for s in splits if s in BLIND_SPLITS]:
        print(f"--splits: {', '.join(blind)} is blind (BLIND_SPLITS): never trained or scored on")
        return 1
    from partnergraph.extract.pair_candidates import FEATURES

    pages = collect(caches, args.gold, splits)
    counted = defaultdict(int)
    for p in pages:
        counted[p["split"]] += 1
    lines = [f"splits: {', '.join(f'{s} {counted[s]}' for s in splits)} pages"]
    lines.append(f"{len(pages)} pages, {sum(len(p['candidates']) for p in pages)} candidates, "
             f"{sum(c['label'] for p in pages for c in p['candidates'])} positive; "
             f"gold pairs {sum(len(p['gold']) for p in pages)}")
    rules = counts(pages, None)
    lines.append(fmt("rules alone (all training pages)", rules))
    publisher_folds = folds_of(pages, "publisher")
    by_c = {}
    for C in CS:
        scores = out_of_fold(pages, publisher_folds, C)
        by_c[C] = (log_loss(pages, scores), scores)
        lines.append(f"CV by publisher, C={C}: log-loss {by_c[C][0]:.4f}")
    C = min(CS, key=lambda k: (round(by_c[k][0], 4), k))  # (ties: the stronger regularisation)
    scores = by_c[C][1]
    # the keep threshold: the grouped CV's choice for the scorer as a filter of the rules' pairs
    keep = min(KEEPS, key=lambda k: (-round(prf(*counts(pages, scores, k, 1.01))[2], 4), k))
    add = ADD_THRESHOLD
    lines.append(f"chosen C={C} (least out-of-fold log-loss), keep {keep} (CV), add {add} (ADD_THRESHOLD)")
    lines.append("add threshold (keep every rule pair), CV by publisher: " + "; ".join(
        f"{a} {prf(*counts(pages, scores, 0.0, a))[2]:.3f}" for a in ADDS))
    # the same folds, pooled over subsets of their held-out pages: the pages the rules were tuned
    # on, and those they were not (the honest signal)
    untuned = [p for p in pages if p["split"] in UNTUNED_SPLITS]
    subsets = [("all folds", pages),
               ("open splits", [p for p in pages if p["split"] in OPEN_SPLITS]),
               ("untuned splits (" + "+".join(UNTUNED_SPLITS) + ")", untuned)]
    for name, sub in subsets:
        if not sub:
            continue
        new = [c for p in sub for c in p["candidates"] if not c["rule"]]
        missed = sum(len(p["gold"] - p["rules"]) for p in sub)
        lines.append(f"{name}: {len(new)} candidates no rule found, {sum(c['label'] for c in new)} of them gold "
                     f"pairs; the rules miss {missed} gold pairs (the most adding can recover)")
        both = sum(1 for p in sub for pair in p["gold"] - p["rules"] if pair <= p["found"])
        one = sum(1 for p in sub for pair in p["gold"] - p["rules"] if len(pair & p["found"]) == 1)
        lines.append(f"  of the {missed} missed: both partners found as places {both}, one {one}, "
                     f"neither {missed - both - one} (by name, as evaluate matches)")
        lines.append(fmt(f"CV by publisher, {name}: rules alone", counts(sub, None)))
        for a in ADDS:
            lines.append(fmt(f"  rules + scorer, keep 0, add {a}", counts(sub, scores, 0.0, a)))
    if args.keep is not None or args.add is not None:
        keep = keep if args.keep is None else args.keep
        add = add if args.add is None else args.add
        lines.append(f"forced thresholds: keep {keep}, add {add}")
    chosen = counts(pages, scores, keep, add)
    lines.append(fmt("rules + scorer, CV by publisher", chosen))
    loss = prf(*rules)[2] - prf(*chosen)[2]
    if loss > ADD_GUARD:
        lines.append(f"WARNING: the scorer costs {loss:.3f} pairs F1 on the grouped CV, more than ADD_GUARD {ADD_GUARD}")
    lines.append(fmt("  CV alone (both thresholds chosen on the other folds)", nested(pages, publisher_folds, scores)))
    lines.append(fmt("  scorer as a filter only (add none)", counts(pages, scores, keep, 1.01)))
    lines.append(fmt("  scorer adding only (keep every rule pair)", counts(pages, scores, 0.0, add)))
    split_folds = folds_of(pages, "split")
    split_scores = out_of_fold(pages, split_folds, C)
    lines.append(fmt(f"CV by split (leave one split out), keep {keep}, add {add}", counts(pages, split_scores, keep, add)))
    for fold in split_folds:
        sub = [pages[i] for i in fold]
        lines.append(fmt(f"  {sub[0]['split']}: rules", counts(sub, None))
                     + "\n" + fmt(f"  {sub[0]['split']}: rules + scorer (split held out)", counts(sub, split_scores, keep, add)))
    X = [c["features"] for p in pages for c in p["candidates"]]
    y = [c["label"] for p in pages for c in p["candidates"]]
    intercept, coefficients = fit(X, y, C)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    spec = {
        "kind": "logistic-regression",
        "features": list(FEATURES),
        "intercept": intercept,
        "coefficients": coefficients,
        "keep_threshold": keep,
        "add_threshold": add,
        "provenance": {
            "trained_by": "benchmarks/real/train_pair_scorer.py",
            "engine_commit_at_training": head,
            "splits": list(splits),
            "pages": len(pages),
            "candidates": len(X),
            "positives": sum(y),
            "C": C,
            "fitted_features": sorted(USED) if USED is not None else "all",
            "thresholds": f"keep: {FOLDS}-fold cross-validation grouped by publisher (the best pooled pairs F1 "
                          "of the scorer as a filter); add: ADD_THRESHOLD of the training script, whose comment says "
                          "why (1.01: add none)",
            "cv_by_publisher": {"rules": [round(v, 4) for v in prf(*rules)],
                                "rules_and_scorer": [round(v, 4) for v in prf(*chosen)]},
            "cv_by_publisher_untuned_splits": {
                "splits": [s for s in UNTUNED_SPLITS if s in splits],
                "rules": [round(v, 4) for v in prf(*counts(untuned, None))],
                "rules_and_scorer": [round(v, 4) for v in prf(*counts(untuned, scores, keep, add))]},
        },
    }
    args.out.write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    lines.append(f"model written to {args.out}")
    lines.append("weights (raw features): " + ", ".join(f"{n} {w:+.3f}" for n, w in zip(FEATURES, coefficients)))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
