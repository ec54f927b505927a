"""The learned candidate-pair scorer: which candidate pairs (pair_candidates.py) are partnerships.

A logistic regression trained on the annotated real-text splits (the six open ones and fresh3,
fresh4, which the rules were not tuned on; benchmarks/real/train_pair_scorer.py,
one command regenerates data/pair-scorer.json) weighs each candidate's features. The rules' pairs
stay where their score reaches the model's keep threshold; a pair no rule found is added where its
score reaches the add threshold, and is then recorded exactly as a rule pair is (partnerships.py
`record`), so its type, start year, status and programme come from the same pair-attribute code.
The keep threshold is the choice of a cross-validation grouped by publisher; the add threshold is
the training script's ADD_THRESHOLD, which says why it is 1.01 (add none) as shipped: the scorer
did not beat the rules on the grouped CV nor on the validation split, so it ships switched off,
at no cost (a model that keeps every rule pair and adds none is not evaluated); the model file's
provenance says both. Evaluated in pure Python: the runtime needs no learning library.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..errors import PartnergraphError
from ..models import Extraction, Mention, Span
from ..resources import data_file
from .pair_candidates import FEATURES, Candidate, candidates

MODEL_FILE = "pair-scorer.json"
#: sentences an added pair is recorded from: its evidence (as MAX_EVIDENCE bounds the rules', this
#: bounds the attribute reading of a pair named all over a long page)
ADDED_EVIDENCE = 3
_SHIPPED = object()  # PairScorer.model not yet read from the model file


class PairModel:
    """A logistic model over FEATURES: a score in 0..1 and the two thresholds."""

    def __init__(self, spec: dict, source: str = MODEL_FILE):
        if list(spec.get("features", ())) != list(FEATURES):
            raise PartnergraphError(f"{source}: the model's features are not the extractor's "
                                    f"(pair_candidates.FEATURES); retrain with benchmarks/real/train_pair_scorer.py")
        self.intercept = float(spec["intercept"])
        self.coefficients = [float(w) for w in spec["coefficients"]]
        self.keep = float(spec["keep_threshold"])
        self.add = float(spec["add_threshold"])
        self.spec = spec

    def score(self, features: list[float]) -> float:
        z = self.intercept + sum(map(operator.mul, self.coefficients, features))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@lru_cache(maxsize=1)
def shipped_model() -> PairModel | None:
    path: Path = data_file(MODEL_FILE)
    if not path.is_file():
        return None
    return PairModel(json.loads(path.read_text(encoding="utf-8")), str(path))


class PairScorer:
    """Decides an article's pairs from the rules' pairs and the candidates.

    `model`: None leaves the rules' pairs as they are (training reads the candidates so); by
    default the shipped one (data/pair-scorer.json);
    `trace`: called with (extraction, candidates) before deciding, for the training script."""

    def __init__(self) -> None:
        self._model: PairModel | None | object = _SHIPPED
        self.trace: Callable[[Extraction, dict[frozenset, Candidate]], None] | None = None

    @property
    def model(self) -> PairModel | None:
        """The shipped model, read when first needed (so that training, which sets its own or
        None, never reads a model file that an engine change has outdated)."""
        if self._model is _SHIPPED:
            self._model = shipped_model()
        return self._model  # type: ignore[return-value]

    @model.setter
    def model(self, model: PairModel | None) -> None:
        self._model = model

    def decide(self, ex: Extraction, ctx, found: dict, by_sentence: dict[Span, list[Mention]],
               record: Callable[..., None], rules, types: tuple[dict[Span, list[Mention]], ...]) -> None:
        """Drops from and adds to `found` (partnerships.py), adding by `record`; `rules`: the
        `RelationRules` applying (their locator and refusal patterns); `types`: dictionaries
        sentence → its partnership-type mentions (specific ones, generic ones)."""
        model = self.model
        if self.trace is None and (model is None or model.keep <= 0 and model.add > 1):
            return  # (a model that keeps every rule pair and adds none changes nothing: not read)
        # a model that keeps every rule pair (keep threshold 0) need not score them
        cands = candidates(ex, ctx, found, by_sentence, rules, types, rule_features=self.trace is not None or model is None
                           or model.keep > 0)
        if self.trace is not None:
            self.trace(ex, cands)
        if model is None:
            return
        for key, c in sorted(cands.items(), key=lambda kv: (kv[1].a.start, kv[1].b.start)):
            if c.rule is not None:
                if model.keep > 0 and model.score(c.features) < model.keep:
                    del found[key]
            elif model.score(c.features) >= model.add:
                a, b = (c.a, c.b) if c.a.start <= c.b.start else (c.b, c.a)
                for sent in (c.sentences or [c.b.sentence])[:ADDED_EVIDENCE]:
                    named = by_sentence.get(sent, ())
                    ma = next((m for m in named if m.ref == a.ref), a)
                    mb = next((m for m in named if m.ref == b.ref), b)
                    record(ma, mb, sent, scope=_own_stretch(ma, mb, sent, named, key))


def _own_stretch(a: Mention, b: Mention, sent: Span, named, key: frozenset) -> tuple[int, int]:
    """The part of the sentence that speaks of the pair a–b: from the end of the last other place
    before the first of them (else the sentence start) to the next other place after the second
    (else the sentence end). A year or type word there is the pair's ("Die erste wurde 1967
    zwischen A und B gegründet, die letzte 2016 zwischen C und D": 1967 is A–B's, 2016 C–D's)."""
    first, last = (a, b) if a.start <= b.start else (b, a)
    others = [m for m in named if (m.kind, m.ref) not in key]
    lo = max((m.end for m in others if m.end <= first.start), default=sent.start)
    hi = min((m.start for m in others if m.start >= last.end), default=sent.end)
    return lo, hi
