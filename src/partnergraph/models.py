"""The values that flow through the pipeline: `Article` in, `Extraction` out. Pure data."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known only to the year or to the month ("2023", "März 2023"). A full date is a
    `datetime.date`; both have `year` and `isoformat()`."""

    year: int
    month: int | None = None

    def isoformat(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    @property
    def xsd_type(self) -> str:
        """The XML Schema type of the value: gYear or gYearMonth."""
        return "gYear" if self.month is None else "gYearMonth"


def date_xsd_type(date: dt.date | PartialDate) -> str:
    """xsd:date for a full date, xsd:gYearMonth or xsd:gYear for a partial one (local name)."""
    return date.xsd_type if isinstance(date, PartialDate) else "date"


@dataclass(frozen=True)
class Article:
    """One news article, whatever it was read from."""

    url: str
    title: str = ""
    text: str = ""
    #: as precise as the source says: a full date, or a year or month (`PartialDate`)
    date: dt.date | PartialDate | None = None
    place: str = ""
    image_alt: str = ""
    #: where it came from, for messages: ``file:line``, ``file#block``, or the fetched URL
    origin: str = ""

    @cached_property  # (a frozen dataclass allows it: it writes the instance's __dict__)
    def analysed_text(self) -> str:
        """The string the extractor reads and all offsets refer to: headline, blank line, body.

        The image caption is deliberately not part of it: pictures are often unrelated stock
        photos (the seed listing shows Bangkok above an article about Peru).
        """
        if self.title and self.text:
            return f"{self.title}\n\n{self.text}"
        return self.title or self.text

    @property
    def content_hash(self) -> str:
        """Changes whenever anything the graph is built from changes."""
        # every part followed by a NUL byte, hashed as one string: the digest of the parts fed
        # one by one, encoded once (a rebuild's stale check computes it for every article)
        parts = (self.url, self.title, self.text, self.date.isoformat() if self.date else "", self.place,
                 self.image_alt, "")
        return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


#: the kinds of local government a partner can be (ontology/local-government-kinds.ttl):
#: a town or Gemeinde; a district (Landkreis, Kreis, county, powiat, rajon, département); a
#: borough of a city (Berlin and Hamburg Bezirke); a regional association that takes a
#: district's place (Region Hannover, Städteregion Aachen)
LOCAL_GOVERNMENT_KINDS = ("municipality", "district", "borough", "regional-association")

#: the kinds of mention that can be a side of a partnership: a local government the extractor
#: reads as a municipality, or an organisation named as a partner (a utility's Betreiberpartnerschaft)
PARTNER_MENTION_KINDS = ("municipality", "organisation-partner")


def side_kind(mention_kind: str) -> str:
    """The kind of entity a mention of `mention_kind` names: an organisation named as a partner is
    an organisation (a partnership's side, a graph node), any other kind is itself."""
    return "organisation" if mention_kind == "organisation-partner" else mention_kind


@dataclass(frozen=True)
class Place:
    """A local government (town, Landkreis, borough) as resolved by the gazetteer, the table of
    German local governments or a cue rule."""

    name_de: str
    country: str | None  # ISO 3166-1 alpha-2, upper case
    geonameid: int | None = None
    name_en: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    region: str | None = None  # German label of the region, when known
    #: the IRI slug: assigned by the gazetteer so that same-named places of one country differ
    slug: str = ""
    #: one of LOCAL_GOVERNMENT_KINDS: Landkreis Harburg is a district, never the town Harburg
    kind: str = "municipality"

    @property
    def key(self) -> str:
        if self.geonameid is not None:
            return f"gn:{self.geonameid}"
        if self.kind != "municipality":
            return f"{self.country or 'XX'}:{self.kind}:{self.name_de.casefold()}"
        return f"{self.country or 'XX'}:{self.name_de.casefold()}"


class Span(NamedTuple):
    """A stretch of the analysed text (a sentence, a piece of evidence): [start, end).

    A named tuple, not a dataclass: sentences key the extraction's per-sentence tables (tens of
    thousands of lookups per hundred articles), and a tuple's hash and equality run in C where
    the dataclass's ran Python code on each lookup (4-5 % of the cold extraction of the real
    pages, benchmarks/bench_extract.py). The repr, the fields, the hash (hash((start, end))) and
    the equality among spans are those the dataclass had; a span is also equal to the plain
    tuple (start, end), which no rule compares it with."""

    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """One span of the analysed text that names an entity.

    ``ref`` identifies the entity within its ``kind``: a `Place.key` for municipalities, an ISO
    code for countries, a slug for concepts (programme, theme, organisation, partnership-type,
    region, event, person).
    """

    kind: str
    ref: str
    surface: str
    start: int
    end: int
    sentence: Span

    def __init__(self, kind: str, ref: str, surface: str, start: int, end: int, sentence: Span):
        # the generated __init__ of a frozen dataclass sets each field through
        # object.__setattr__; written into __dict__ at once it costs half (measured), and the
        # extraction makes thousands of mentions per hundred articles
        self.__dict__.update(kind=kind, ref=ref, surface=surface, start=start, end=end, sentence=sentence)


#: the order the extraction keeps its mentions in (start, end, kind): a sort key read in C, where
#: a lambda per mention cost ~1 % of the extraction of the real pages
MENTION_ORDER = attrgetter("start", "end", "kind")


@dataclass(frozen=True)
class Partnership:
    partners: tuple[tuple[str, str], ...]  # sorted (kind, ref) pairs: municipality or organisation
    type: str = "unspecified"  # slug in ontology/partnership-types.ttl
    start_year: int | None = None
    start_month: int | None = None
    programme: str | None = None
    themes: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()
    #: "ended" ("aufgelöst", "ehemalige Partnerstadt"), "suspended" ("ruht", "ausgesetzt", "auf
    #: Eis") or "planned" ("soll … geschlossen werden", "Absichtserklärung") where the text says
    #: so; None: not stated, read as active
    status: str | None = None


@dataclass(frozen=True)
class Event:
    slug: str
    label: str
    host: str | None = None  # Place.key
    start: dt.date | None = None
    end: dt.date | None = None
    evidence: Span | None = None


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    role: str = ""
    represents: tuple[str, str] | None = None  # (kind, ref)
    evidence: Span | None = None


@dataclass(frozen=True)
class PopulationFigure:
    place: str  # Place.key
    value: int
    evidence: Span


@dataclass
class Extraction:
    """Everything the extractor found in one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    #: organisations found in the text that the vocabulary does not define: slug → label
    organisations: dict[str, str] = field(default_factory=dict)
    regions: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # slug → (label, cc)
    partnerships: list[Partnership] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    populations: list[PopulationFigure] = field(default_factory=list)
    home: str = "DE"  # the country the article writes from, its own side (extract/home.py)

    def refs(self, kind: str) -> list[str]:
        """Distinct refs of one kind, in order of first mention."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.kind == kind:
                seen.setdefault(m.ref, None)
        return list(seen)
