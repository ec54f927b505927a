"""The network as the viewer reads it from the store (`load.load`): entities, partnerships and
articles as plain records, and the analytics values per node. Everything downstream (`views`,
`layout`, `page_data`) works on a `RawData`, never on the store."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Entity:
    iri: str
    cls: str
    name: str = ""
    alt: set[str] = field(default_factory=set)
    props: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentioned_in: set[str] = field(default_factory=set)

    @property
    def cc(self) -> str:
        codes = sorted(self.props.get("cc", ()))
        return codes[0].upper() if codes else ""


@dataclass
class PartnershipRecord:
    iri: str
    label: str
    type: str  # partnership-type slug
    type_label: str
    year: int | None
    partners: list[str]
    programmes: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)  # pg:theme, or the themes its articles are about
    articles: set[str] = field(default_factory=set)
    evidence: list[tuple[str, int, str]] = field(default_factory=list)  # (article, start, quote)


@dataclass
class ArticleRecord:
    iri: str
    title: str
    url: str
    date: str
    dateline: str = ""
    about: set[str] = field(default_factory=set)
    mentions: set[str] = field(default_factory=set)


@dataclass
class RawData:
    entities: dict[str, Entity]
    partnerships: dict[str, PartnershipRecord]
    articles: dict[str, ArticleRecord]
    analytics: dict[str, dict[str, str]]
    #: how join_delta.py made these records: the digests of the graphs (with their pieces) its
    #: file described before and after, and the IRIs of the records that differ from the ones
    #: it held before (None when everything was joined anew); page_patch.py patches the last
    #: page with them
    joined_from: str | None = None
    joined_to: str | None = None
    changed: frozenset[str] | None = None
