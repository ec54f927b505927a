"""Regenerates the German word lists in src/partnergraph/data/ (run by hand, not at build time).

- common-nouns-de.txt.gz: every inflected form of the common nouns of the German Wiktionary, as
  packaged by PyPI's `german-nouns` (CC BY-SA 3.0); toponyms and first/last names excluded. The
  extractor uses it to tell place names that are also ordinary nouns (Essen, Halle, Hof) and to
  stop cue-introduced names at an ordinary noun.
- first-names.txt: the first names (Vorname) of the same Wiktionary list: a place name right
  after one is a surname (David Livingstone, Marc Kapust), not a place. Given names Wiktionary
  lacks (foreign names met on real pages, each checked to be no place of 10k+ and no German-speaking
  place of 1k+ by its own name) are added by hand to first-names-added.txt, which this script never
  writes; the extractor reads both.
- frequent-words-de.txt: those of the 4,000 most frequent German words of PyPI's `wordfreq`
  (CC BY-SA 4.0) that are not common nouns; capitalised at a sentence start they must not count as place names (Weil, Die).

Usage (in a throw-away venv): pip install german-nouns wordfreq && python tools/make_wordlists.py
"""

import csv
import gzip
from pathlib import Path

import german_nouns
from wordfreq import top_n_list

OUT = Path(__file__).resolve().parent.parent / "src" / "partnergraph" / "data"
CASES = ("nominativ", "genitiv", "dativ", "akkusativ")
#: lemmas Wiktionary lists as common nouns whose common reading German news never uses, while the
#: city of the name is a frequent partner: as "ordinary words" they made Paris, Bremen and Genua
#: need a preposition or their country named (real-text dev set, benchmarks/real: "Gagny/Paris",
#: "hanseWasser Bremen"). Their inflected forms go with them.
NOT_COMMON = {"Paris", "Bremen", "Genua", "Makassar", "Memphis", "Omaha", "Wichita", "Pensa"}


def main() -> None:
    path = Path(list(german_nouns.__path__)[0]) / "nouns.csv"
    common, first_names = set(), set()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lemma, pos = row.get("lemma") or "", row.get("pos") or ""
            if not lemma[:1].isupper():
                continue
            # a row per meaning: "Essen" has a common-noun row and a toponym row; only the
            # common-noun rows count, so Essen is listed and Leipzig is not
            if "Vorname" in pos:
                first_names.add(lemma)
            if "Toponym" in pos or "Vorname" in pos or "Nachname" in pos or lemma in NOT_COMMON:
                continue
            common.add(lemma)
            common.update(v for k, v in row.items()
                          if k and v and k.split(" ")[0] in CASES and v[:1].isupper() and " " not in v)
    # mtime=0: the same words give the same bytes, so regenerating shows no spurious diff
    with open(OUT / "common-nouns-de.txt.gz", "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write("\n".join(sorted(common)).encode("utf-8"))
    # nouns are left to the common-noun check; toponyms stay in (köln, weil, waren): the
    # extractor decides by the place's size and the article's countries
    top = [w for w in top_n_list("de", 4000) if w.isalpha() and w.capitalize() not in common]
    (OUT / "first-names.txt").write_text("\n".join(sorted(first_names)), encoding="utf-8")
    (OUT / "frequent-words-de.txt").write_text("\n".join(top), encoding="utf-8")


if __name__ == "__main__":
    main()
