"""Writing the outputs: graph.ttl and graph.trig (from the dump pieces, in this process or in a
child process, or from the store), graph.html, stats.json, void.ttl, ontology.html and the
validation of the merged graph."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import PartnergraphError
from ..graph.iri import Minter
from ..graphdir import DOCS_FILE, GRAPH_TRIG, GRAPH_TTL, MERGED_FINDINGS_FILE, NETWORK_FILE, REPORT_FILE
from ..namespaces import PG_IRI
from ..store.embedded import GraphStore
from .report import BuildOptions, BuildReport, Progress, Skipped
from .state import pieces_digest

if TYPE_CHECKING:
    from ..publish.dumps import DumpCache

LOGGER = logging.getLogger(__name__)

#: a rebuild that extracts at most this share of the articles writes the dumps in a child
#: process while this one writes graph.html: the two took 4.2 and 4.3 s of a 10.1 s rebuild at
#: 10,000 articles. A build that extracts more writes them here, beside the store still loading
#: (a child would then compete with the loader for the cores).
DUMPS_CHILD_MAX_SHARE = 0.5
#: ... and only from this many articles on: starting the child costs ~0.4 s (measured), and
#: graph.html of a 1,000-article graph takes ~0.5 s
DUMPS_CHILD_MIN_ARTICLES = 1_000


def dumps_child_pays(articles: int, extracted: int) -> bool:
    """Whether a build of `articles` articles that extracted `extracted` of them writes the dumps
    in a child process (the thresholds above)."""
    return articles >= DUMPS_CHILD_MIN_ARTICLES and extracted <= DUMPS_CHILD_MAX_SHARE * articles


def dumps_child_pays_full(articles: int) -> bool:
    """Whether a build that extracted more (its store still loading when the extraction ends)
    writes the dumps in a child process once it has merged the pieces for the analysis."""
    return articles >= DUMPS_CHILD_MIN_ARTICLES


_DUMPS = "import sys; from partnergraph.pipeline.outputs import dumps_child; sys.exit(dumps_child(sys.argv[1]))"


class DumpsChild:
    """graph.ttl and graph.trig written by a fresh Python process from the dump pieces: both
    that and graph.html are long, mostly single-threaded Python, so threads would take turns;
    two processes use both cores."""

    #: children still running: a build that fails stops them (build's except clause)
    running: set[DumpsChild] = set()

    def __init__(self, cache: DumpCache, pieces: dict[str, str], others: dict[str, list[ox.Quad]],
                 staging: Path, base: str):
        import subprocess
        import sys

        others_file = staging / ".dumps-others.nq"
        others_file.write_bytes(ox.serialize([q for quads in others.values() for q in quads],
                                             format=ox.RdfFormat.N_QUADS))
        spec = staging / ".dumps-spec.json"
        spec.write_text(json.dumps({"cache": str(cache.dir.parent), "pieces": pieces, "others": str(others_file),
                                    "graphs": sorted(others), "base": base, "ttl": str(staging / GRAPH_TTL),
                                    "trig": str(staging / GRAPH_TRIG), "parent": os.getpid()}), encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-c", _DUMPS, str(spec)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        DumpsChild.running.add(self)

    def result(self) -> dict:
        """The counts for the report; ValueError when the child failed (the caller then writes
        the dumps itself)."""
        out, err = self.proc.communicate()
        DumpsChild.running.discard(self)
        if self.proc.returncode != 0:
            lines = err.strip().splitlines()
            raise ValueError(lines[-1] if lines else f"exit {self.proc.returncode}")
        return json.loads(out)

    def stop(self) -> None:
        self.proc.kill()
        self.proc.communicate()
        DumpsChild.running.discard(self)


@dataclass
class Run:
    """What the store update hands to the outputs."""
    #: article graph IRI → its dump piece (None for an article extracted before pieces existed)
    pieces: dict[str, str | None]
    analysis: object = None
    #: graph.ttl and graph.trig being written by a child process, or None
    dumps: DumpsChild | None = None
    #: [check, focus] of the SHACL checks article graphs fail alone (to confirm on the merged
    #: graph), and how many article graphs this build checked
    shacl: list = field(default_factory=list)
    checked: int = 0
    #: the shared resources the changed article graphs state something about (before and
    #: after), or None: the merged graph's checks then run on every focus node
    touched: set[str] | None = None
    #: `pieces_digest` of the previous build's articles: the merged findings a previous build
    #: left are of that graph only if the digests agree
    previous: str = ""
    #: what the viewer reads from each article graph (viewer.facts.FactCache), or None
    facts: object = None
    #: the results of whole-graph computations kept between builds (memo.Memo), or None
    memo: object = None
    #: the name of the viewer facts of the whole graph (viewer/unchanged.py), or None
    facts_key: str | None = None
    #: the name of the partnership network (viewer/unchanged.py), or None
    network_key: str | None = None
    #: the quads of the analytics graph as the build wrote it (from `analysis`), or None
    analytics: list | None = None
    #: [the newest xsd:date an article graph states as schema:datePublished, or None] from the
    #: state (each article's date recorded at its extraction), so void.ttl's dcterms:modified
    #: needs no query over every article (0.52 s at 10,000 articles); None: query the store
    newest: list | None = None
    #: whether the analytics graph was left as the last build wrote it (`load.write_analytics`
    #: found the same quads there): the merged graph's checks on the metrics then need run only
    #: where the change touched (validate.shacl.validate_build)
    analytics_kept: bool = False


def dumps_child(spec_path: str) -> int:
    """The child's side of `DumpsChild`: prints the counts as JSON."""
    from ..publish import dump_splice
    from ..publish.dumps import DumpCache

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    if spec.get("parent"):
        from .lock import die_with_parent

        die_with_parent(spec["parent"])  # a killed build leaves no writer in its staging area
    others: dict[str, list[ox.Quad]] = {g: [] for g in spec["graphs"]}
    for q in ox.parse(path=spec["others"], format=ox.RdfFormat.N_QUADS):
        others[q.graph_name.value].append(q)
    cache = DumpCache(Path(spec["cache"]))
    tally = dump_splice.write_dumps(cache, spec["pieces"], others, base=spec["base"],
                                    ttl=Path(spec["ttl"]), trig=Path(spec["trig"]))
    print(json.dumps(tally_counts(tally)))
    return 0


def tally_counts(tally) -> dict:
    return {"quads": tally.quads, "triples": tally.triples, "classes": dict(sorted(tally.classes.items())),
            "entities": tally.entities, "properties": len(tally.predicates), "distinct_classes": len(tally.types),
            "examples": tally.examples()}


def dumps_from_pieces(cache: DumpCache, pieces: dict[str, str], others: dict[str, list[ox.Quad]],
                      staging: Path, minter: Minter, report: BuildReport) -> bool:
    """graph.ttl, graph.trig and the report's counts from the merged pieces, without reading
    the store (it may still be loading). False when a piece turned out unreadable."""
    from ..publish import dump_splice

    try:
        tally = dump_splice.write_dumps(cache, pieces, others, base=minter.base,
                                        ttl=staging / GRAPH_TTL, trig=staging / GRAPH_TRIG)
    except (OSError, ValueError, KeyError) as exc:  # a damaged piece: the store has it all
        LOGGER.warning("%s: %s; writing the dumps from the store", cache.dir, exc)
        return False
    set_counts(report, tally_counts(tally))
    return True


def set_counts(report: BuildReport, counts: dict) -> None:
    for name, value in counts.items():
        setattr(report, name, value)


def dumps_from_store(store: GraphStore, staging: Path, minter: Minter, report: BuildReport,
                     progress: Progress) -> None:
    from ..publish.export import atomic_file, serialize_store

    report.quads = len(store)
    report.triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    report.classes = dict(sorted(class_counts(store).items()))
    report.entities = report.properties = report.distinct_classes = 0  # VoID counts them by query
    report.examples = []
    for name, fmt in ((GRAPH_TTL, "turtle"), (GRAPH_TRIG, "trig")):
        progress(f"writing {name}")
        with atomic_file(staging / name) as fh:
            serialize_store(store, fmt, fh, base=minter.base)


def class_counts(store: GraphStore) -> dict[str, int]:
    q = f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c . FILTER(STRSTARTS(STR(?c), \"{PG_IRI}\")) }} GROUP BY ?c"
    return {sol["c"].value[len(PG_IRI):]: int(sol["n"].value) for sol in store.query(q)}


def write_outputs(store: GraphStore, out_dir: Path, minter: Minter, report: BuildReport,
                  options: BuildOptions, progress: Progress, *, analysis=None,
                  dumps: DumpsChild | None = None, run: Run | None = None) -> None:
    """graph.html, stats.json, void.ttl, ontology.html and the validation, from the store
    (graph.ttl and graph.trig are written with the store update)."""
    report.outputs += [str(out_dir / GRAPH_TTL), str(out_dir / GRAPH_TRIG)]
    if options.viz:
        _write_network(store, out_dir, minter, report, progress, run)
    if dumps is not None:
        try:
            set_counts(report, dumps.result())
        except ValueError as exc:  # the child failed: the store has it all
            LOGGER.warning("writing the dumps in a child process failed (%s); writing them from the store", exc)
            dumps_from_store(store, out_dir, minter, report, progress)
    from ..graph.analytics import analyse_store
    from ..graph.stats_memo import write_remembered_stats
    from ..viewer.unchanged import only_known_graphs
    from ..publish.dataset import write_void
    from ..publish.docs import write_docs

    # remembered with the network it describes (graph/stats_memo.py); an analysis made here from
    # the store has no digest, so it is summarised afresh
    analysis = analysis or analyse_store(store, base=minter.base)
    report.outputs.append(str(write_remembered_stats(out_dir, analysis, run.memo if run is not None else None)))
    newest = run.newest if run is not None and only_known_graphs(store, run.pieces) else None
    report.outputs.append(str(write_void(store, out_dir, base=minter.base, report=report,
                                         **({"modified": newest[0]} if newest is not None else {}))))
    report.outputs.append(str(write_docs(out_dir / DOCS_FILE, memo=run.memo if run is not None else None)))
    if options.validate:
        _validate_merged(store, out_dir, minter, report, progress, run)


def _write_network(store: GraphStore, out_dir: Path, minter: Minter, report: BuildReport,
                   progress: Progress, run: Run | None) -> None:
    try:
        from ..viewer.network import write_network
        from ..viewer.unchanged import only_known_graphs, remember_page, reuse_page

        progress("writing graph.html")
        target = out_dir / NETWORK_FILE
        key = run.facts_key if run is not None else None
        # the viewer's facts are the last build's: so is the page (out_dir is the staging area)
        if key and only_known_graphs(store, run.pieces) and reuse_page(run.memo, key, out_dir.parent / NETWORK_FILE,
                                                                       target):
            report.outputs.append(str(target))
            return
        # from the facts kept per article (the extracted ones stored with them), not the store
        facts, pieces = (run.facts, run.pieces) if run is not None else (None, None)
        report.outputs.append(str(write_network(store, target, base=minter.base,
                                                facts=facts, pieces=pieces, memo=run.memo if run else None,
                                                analytics=run.analytics if run else None)))
        remember_page(run.memo if run else None, key, target)
    except PartnergraphError as exc:
        report.skipped.append(Skipped(NETWORK_FILE, str(exc)))


def _validate_merged(store: GraphStore, out_dir: Path, minter: Minter, report: BuildReport,
                     progress: Progress, run: Run | None) -> None:
    """The SHACL validation of the merged graph: the checks article graphs failed alone are
    confirmed, and the last build's findings are kept where nothing they concern changed."""
    from ..publish.export import write_atomic
    from ..validate.shacl import validate_build

    progress("validating against ontology/shapes.ttl")
    previous = None
    try:  # the last build's findings on the merged graph (out_dir is the staging area)
        saved = json.loads((out_dir.parent / MERGED_FINDINGS_FILE).read_text(encoding="utf-8"))
        if run is not None and saved.get("pieces") == run.previous:
            previous = saved["findings"]
    except (OSError, ValueError, AttributeError, KeyError):
        pass
    result, findings = validate_build(store, minter, candidates=run.shacl if run else [],
                                      articles=len(run.pieces) if run else 0,
                                      checked=run.checked if run else 0, quads=report.quads,
                                      touched=run.touched if run else None, previous=previous,
                                      analytics_kept=run.analytics_kept if run else False)
    digest = pieces_digest({g: {"graph": g, "piece": p} for g, p in run.pieces.items()}) if run else ""
    write_atomic(out_dir / MERGED_FINDINGS_FILE, json.dumps({"pieces": digest, "findings": findings}))
    report.validation = result.to_dict()
    if not result.conforms:
        progress(f"validation: {result.violation_count} SHACL violations (see {REPORT_FILE})")
