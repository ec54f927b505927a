"""The counts behind a dump's tally (publish/dump_splice.py): the articles' local tallies and the
shared lines' counts, kept up to date line by line and piece by piece, and the shared lines
packed per subject as the dumps index stores them."""

from __future__ import annotations

from collections import Counter

from ..namespaces import PG_IRI
from .dumps import _MENTIONS_TERM, _RDF_TYPE_TERM, EXAMPLE_CLASSES, Tally, count_line


def _tally(local_quads: int, agg: dict, shared_agg: dict, others: dict):
    """The tally of the whole dump: what `Tally.merge` sums over the pieces' local parts, plus
    what `Tally.add` counts over the distinct shared lines, both kept up to date line by line."""
    tally = Tally()
    tally.quads = local_quads + sum(len(quads) for quads in others.values())
    tally.triples = agg["triples"] + shared_agg["triples"]
    tally.entities = agg["entities"] + shared_agg["entities"]
    for key in ("classes", "mentioned"):
        into = getattr(tally, key)
        for part in (agg[key], shared_agg[key]):
            for x, n in part.items():
                into[x] = into.get(x, 0) + n
    tally.predicates = set(agg["predicates"]) | set(shared_agg["predicates"])
    tally.types = set(agg["types"]) | set(shared_agg["types"])
    tally.members = {cls: set(members) for cls, members in shared_agg["members"].items() if members}
    return tally


def _empty_agg() -> dict:
    return {"triples": 0, "entities": 0, "classes": {}, "predicates": {}, "types": {}, "mentioned": {},
            "members": {}}


def _bump(into: dict, key, step: int) -> None:
    n = into.get(key, 0) + step
    if n:
        into[key] = n
    else:
        del into[key]


def _shared_line(agg: dict, line: bytes, step: int) -> None:
    """What one distinct shared line adds to `Tally.add`'s counts (step 1) or took (step -1);
    sets are kept as counts of the lines holding each member."""
    subject, predicate, obj = line.split(b" ", 2)
    agg["triples"] += step
    _bump(agg["predicates"], predicate[1:-1].decode(), step)
    if predicate == _RDF_TYPE_TERM and obj.startswith(b"<"):
        cls = obj[1:obj.index(b">")].decode()
        _bump(agg["types"], cls, step)
        if cls.startswith(PG_IRI):
            name = cls[len(PG_IRI):]
            _bump(agg["classes"], name, step)
            if name in EXAMPLE_CLASSES:
                members = agg["members"].setdefault(name, set())
                (members.add if step > 0 else members.discard)(subject[1:-1].decode())
    elif predicate == _MENTIONS_TERM and obj.startswith(b"<"):
        _bump(agg["mentioned"], obj[1:obj.index(b">")].decode(), step)


def _packed_all(counts: Counter, base_prefix: bytes) -> tuple[dict, dict]:
    """`packed` and the shared lines' `_shared_line` counts of all distinct lines at once: one
    loop that calls out only for type and mention lines (`count_line`, shared with `Tally.add`,
    which it replaces here)."""
    lines = sorted(counts)
    packed: dict[bytes, tuple[bytes, list[int]]] = {}
    agg = _empty_agg()
    predicates: dict[bytes, int] = {}
    types, classes, mentioned, members = agg["types"], agg["classes"], agg["mentioned"], agg["members"]
    entities = 0
    run_subject, run = None, []
    for line in lines:
        subject, predicate, obj = line.split(b" ", 2)
        if subject != run_subject:
            if run:
                packed[run_subject] = (b"".join(run), [counts[x] for x in run])
            run_subject, run = subject, []
            if subject.startswith(base_prefix):
                entities += 1
        run.append(line)
        predicates[predicate] = predicates.get(predicate, 0) + 1
        if predicate == _RDF_TYPE_TERM or predicate == _MENTIONS_TERM:  # the few lines count_line counts
            cls = count_line(subject, predicate, obj, classes, members, mentioned)
            if cls is not None:
                types[cls] = types.get(cls, 0) + 1
    if run:
        packed[run_subject] = (b"".join(run), [counts[x] for x in run])
    agg["triples"], agg["entities"] = len(lines), entities
    agg["predicates"] = {p[1:-1].decode(): n for p, n in predicates.items()}
    return packed, agg


def _pack(per: dict[bytes, int]) -> tuple[bytes, list[int]]:
    lines = sorted(per)
    return b"".join(lines), [per[line] for line in lines]


def _unpack(entry: tuple[bytes, list[int]] | None) -> dict[bytes, int]:
    return dict(zip(_lines(entry), entry[1])) if entry else {}


def _lines(entry: tuple[bytes, list[int]]) -> list[bytes]:
    return entry[0].splitlines(keepends=True)


def _local_in(agg: dict, part: dict, step: int = 1) -> None:
    """Adds (or with step -1 takes out) one piece's local tally: what `Tally.merge` sums, with
    the sets kept as counts of the pieces that hold each member."""
    agg["triples"] += step * part["triples"]
    agg["entities"] += step * part["entities"]
    for key, values in (("classes", part["classes"]), ("mentioned", part.get("mentioned", {}))):
        into = agg[key]
        for x, n in values.items():
            m = into.get(x, 0) + step * n
            if m:
                into[x] = m
            else:
                del into[x]
    for key in ("predicates", "types"):
        into = agg[key]
        for x in part[key]:
            m = into.get(x, 0) + step
            if m:
                into[x] = m
            else:
                del into[x]
