"""IRI minting: the only place where resource IRIs are made.

Every IRI is ``{base}{kind}/{part}/{part}...``; the kinds are listed in ``KINDS`` and in
docs/data-model.md. Slugs are German-aware (ä → ae, ß → ss) so ``Köln`` becomes ``koeln``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..namespaces import DEFAULT_BASE, GRAPH_BASE

KINDS = frozenset({
    "article", "municipality", "country", "region", "programme", "theme", "partnership-type",
    "organisation", "partnership", "event", "person", "mention", "local-government-kind",
})

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """`Annaba Drâa Errich` → `annaba-draa-errich`; `Köln` → `koeln`; never empty."""
    folded = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = _NON_ALNUM.sub("-", ascii_only).strip("-")
    if not slug:  # names in scripts with no Latin folding (e.g. Cyrillic left untransliterated)
        slug = "u" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return slug


def short_hash(text: str) -> str:
    """16 hex digits of SHA-1: stable across runs and machines (Python's hash() is salted)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


#: the named graphs a build writes: its article graphs (``{base}article/{hash}``, whatever the
#: base) and the vocabulary and analytics graphs under GRAPH_BASE. A shared SPARQL store holds
#: other graphs too (Virtuoso keeps its own system graphs in the default graph's union); only
#: these are read back as the partnergraph dataset.
OWN_GRAPH_REGEX = r"^(" + re.escape(GRAPH_BASE) + r"[a-z]+|[a-z][a-z0-9+.-]*://.+/article/[0-9a-f]{16})$"


class Minter:
    """Mints IRIs under one resource base (``build --base``)."""

    def __init__(self, base: str = DEFAULT_BASE):
        if not re.match(r"^[a-z][a-z0-9+.-]*:", base):
            raise ValueError(f"resource base is not an absolute IRI: {base!r}")
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def mint(self, kind: str, *parts: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"unknown IRI kind {kind!r}")
        return self.base + "/".join((kind, *parts))

    def article(self, url: str) -> str:
        return self.mint("article", short_hash(url))

    def municipality(self, country_code: str | None, slug: str, kind: str = "municipality") -> str:
        """A town is ``municipality/{cc}/{slug}``; any other local government (district,
        borough, regional association) gets its kind as a path segment, so Landkreis Harburg,
        the Hamburg borough Harburg and the town Harburg never share an IRI."""
        cc = (country_code or "xx").lower()
        if kind == "municipality":
            return self.mint("municipality", cc, slug)
        return self.mint("municipality", cc, kind, slug)

    def country(self, country_code: str) -> str:
        return self.mint("country", country_code.lower())

    def region(self, country_code: str | None, slug: str) -> str:
        return self.mint("region", (country_code or "xx").lower(), slug)

    def concept(self, kind: str, slug: str) -> str:
        """Programme, theme, partnership type, organisation, event or person."""
        return self.mint(kind, slug)

    def partnership(self, partner_iris: list[str], type_slug: str) -> str:
        key = "|".join(sorted(set(partner_iris))) + "|" + type_slug
        return self.mint("partnership", short_hash(key))

    def mention(self, article_iri: str, start: int, end: int, kind: str = "") -> str:
        suffix = f"{start}-{end}" + (f"-{kind}" if kind else "")
        return self.mint("mention", article_iri.rsplit("/", 1)[-1], suffix)

    @staticmethod
    def geometry(entity_iri: str) -> str:
        return entity_iri + "/geometry"

    def rebase(self, iri: str) -> str:
        """Moves an IRI written under the default base (vocabulary files) to this base."""
        if self.base != DEFAULT_BASE and iri.startswith(DEFAULT_BASE):
            return self.base + iri[len(DEFAULT_BASE):]
        return iri
