"""Writes a realistic synthetic corpus of German partnership news as JSON Lines.

Articles are assembled from sentence templates in the register of the sample corpus, with real
place names drawn from the gazetteer (German municipalities and foreign partner cities with their
country adjectives), programmes and themes from the vocabularies, years, people and figures.
Deterministic for a given seed. Usage:

    python benchmarks/make_corpus.py 10000 corpus.jsonl [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from partnergraph.extract.gazetteer import get_gazetteer
from partnergraph.extract.territories import surfaces
from partnergraph.vocab import load_vocabulary

TEMPLATES = [
    "{de} und {foreign} sind seit {year} Partnerstädte.",
    "{de} pflegt seit {month} {year} mit der {adj}en Stadt {foreign} eine {ptype}.",
    "Die Städtepartnerschaft zwischen {de} und {foreign} besteht seit {age} Jahren.",
    "Im Rahmen des Programms „{programme}“ arbeiten die beiden Städte zum Thema {theme} zusammen.",
    "Oberbürgermeisterin {first} {last} reiste mit einer Delegation nach {foreign}.",
    "Die {adj}e Partnerkommune {foreign} zählt rund {pop}.000 Einwohnerinnen und Einwohner.",
    "Fachleute aus {de} unterstützen die Verwaltung vor Ort bei {theme}.",
    "Das Projekt wird von der Servicestelle Kommunen in der Einen Welt gemeinsam mit der GIZ im Auftrag des BMZ gefördert.",
    "Vom {d1}. bis {d2}. {month} {year2} fand in {de} die {n}. Partnerschaftskonferenz statt.",
    "Schulen, Vereine und Kirchengemeinden tragen die Partnerschaft seit vielen Jahren.",
    "Auch beim Wiederaufbau und in der Energieversorgung wollen die Partner enger kooperieren.",
    "Die Gemeinderäte beider Kommunen haben einen neuen Partnerschaftsvertrag unterzeichnet.",
]
#: the rest of a news body: sentences without names, as most sentences of real articles are
FILLER = [
    "Im Mittelpunkt standen Gespräche über die Planung der kommenden Jahre.",
    "Die Teilnehmenden besichtigten unter anderem ein neues Wasserwerk und eine Berufsschule.",
    "Viele Ehrenamtliche engagieren sich seit Jahren für den Austausch.",
    "Geplant sind ein Jugendcamp im Sommer und ein Fachaustausch der Verwaltungen.",
    "Die Finanzierung ist für die nächsten zwei Jahre gesichert.",
    "Beim Besuch wurde auch über die Folgen des Klimawandels für die Landwirtschaft gesprochen.",
    "Eine Ausstellung im Rathaus zeigt Fotografien aus dem gemeinsamen Alltag.",
    "Die Verwaltung berichtet im Ausschuss regelmäßig über den Stand der Vorhaben.",
    "Interessierte können sich bei der Volkshochschule für einen Sprachkurs anmelden.",
    "Der Abschlussbericht soll im Frühjahr veröffentlicht werden.",
]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]
FIRST = ["Anna", "Maria", "Katrin", "Susanne", "Julia", "Petra", "Sabine", "Claudia"]
LAST = ["Becker", "Schulz", "Hoffmann", "Krüger", "Wolf", "Neumann", "Braun", "Zimmermann"]


def pools(rng: random.Random):
    gaz = get_gazetteer()
    german, foreign = [], {}
    adjectives = {s.ref: s.text[:-1] for s in surfaces() if s.kind == "country" and s.form == "adjective"
                  and s.text.endswith("e") and not s.needs_context}
    for i in range(len(gaz)):
        p = gaz.place(i)
        if p.country == "DE" and p.population >= 50_000:
            german.append(p.name_de)
        elif p.country in adjectives and p.population >= 150_000 and p.name_de.isalpha():
            foreign.setdefault(p.country, []).append(p.name_de)
    vocab = load_vocabulary()
    programmes = [c.pref_de for c in vocab.of_kind("programme")]
    themes = [c.pref_de for c in vocab.of_kind("theme")]
    ptypes = [c.pref_de for c in vocab.of_kind("partnership-type") if c.slug != "unspecified"]
    return sorted(german), {k: sorted(v) for k, v in sorted(foreign.items())}, adjectives, programmes, themes, ptypes


def generate(n: int, seed: int = 7):
    rng = random.Random(seed)
    german, foreign, adjectives, programmes, themes, ptypes = pools(rng)
    countries = sorted(foreign)
    for i in range(n):
        cc = rng.choice(countries)
        slots = {
            "de": rng.choice(german), "foreign": rng.choice(foreign[cc]), "adj": adjectives[cc],
            "year": rng.randint(1960, 2022), "year2": rng.randint(2015, 2024), "month": rng.choice(MONTHS),
            "age": rng.randint(5, 60), "ptype": rng.choice(ptypes), "programme": rng.choice(programmes),
            "theme": rng.choice(themes), "first": rng.choice(FIRST), "last": rng.choice(LAST),
            "pop": rng.randint(20, 900), "d1": rng.randint(1, 14), "d2": rng.randint(15, 28), "n": rng.randint(2, 9),
        }
        body = " ".join(t.format(**slots) for t in rng.sample(TEMPLATES, k=rng.randint(6, 10)))
        # news bodies run 2-5 kB: repeat paragraphs of filler in the same register
        body += "\n\n" + " ".join(rng.choice(FILLER) for _ in range(rng.randint(8, 20)))
        yield {"url": f"https://beispiel-kommunal.de/synthetisch/{i:06d}",
               "title": f"{slots['de']} – {slots['foreign']}: {slots['theme']} im Fokus",
               "date": f"{slots['year2']}-{MONTHS.index(slots['month']) + 1:02d}-{slots['d1']:02d}",
               "place": "Bonn", "text": body}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("output", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    with args.output.open("w", encoding="utf-8") as fh:
        for record in generate(args.n, args.seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} articles to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
