"""What a build is asked to do (`BuildOptions`) and what it reports (`BuildReport`,
``build-report.json``): the contract between `build` and its callers (the CLI, the API)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..namespaces import DEFAULT_BASE

#: receives one line of progress ("extracted 100/200 articles")
Progress = Callable[[str], None]

REPORT_FILE = "build-report.json"


@dataclass
class BuildOptions:
    out_dir: Path = Path("partnergraph-out")
    base: str = DEFAULT_BASE
    store_url: str | None = None
    store_options: dict = field(default_factory=dict)
    prune: bool = False
    validate: bool = True
    viz: bool = True
    jobs: int = 0  # 0: one per core
    progress: Progress | None = None
    #: fetch options for URL sources (sources.crawl.CrawlOptions), when any
    crawl_options: object | None = None


@dataclass
class Skipped:
    source: str
    reason: str


@dataclass
class BuildReport:
    out_dir: str
    articles_read: int = 0
    articles_extracted: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0
    #: articles the graph holds after the build: those read now and those kept from earlier
    #: builds of other sources (without --prune a build adds to the directory)
    articles_total: int = 0
    triples: int = 0
    quads: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    #: distinct subjects under the base, predicates and classes (VoID's entities, properties,
    #: classes); 0 when not counted in the build (then VoID counts them by query)
    entities: int = 0
    properties: int = 0
    distinct_classes: int = 0
    #: VoID's example resources, when counted in the build
    examples: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    validation: dict | None = None
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

