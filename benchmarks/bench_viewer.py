"""Viewer scale benchmark: a synthetic partnership network of ~5,000 nodes → graph.html, opened
in headless Chromium; reports the time until the network has drawn and answers a filter and a
search, against a ~500-node baseline measured in the same run. Also times the Python side
(layout + page data + render) and the network analytics.

    PARTNERGRAPH_CACHE=/tmp/pgcache /work/venv/bin/python benchmarks/bench_viewer.py [--sizes 500 5000]

Needs Debian's chromium (/usr/bin/chromium) and the playwright package (no `playwright install`).
Writes the pages to benchmarks/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from partnergraph.graph.analytics import analyse
from partnergraph.viewer.page import render
from partnergraph.viewer.page_data import page_data
from partnergraph.viewer.records import ArticleRecord, Entity, PartnershipRecord, RawData
from partnergraph.viewer.views import build_view

ID = "https://w3id.org/partnergraph/id/"
OUT = Path(__file__).parent / "out"
CHROMIUM = "/usr/bin/chromium"
#: the shape of the synthetic corpus follows the sample: ~30 % German towns, which hold most
#: partnerships (preferential attachment), foreign towns with one German partner and sometimes
#: two; 60 countries, 10 programmes, 30 themes, one article per partnership
GERMAN_SHARE = 0.3
SECOND_PARTNER = 0.15
COUNTRIES = 60
PROGRAMMES = 10
THEMES = 30


def synthetic(nodes: int, seed: int = 1) -> RawData:
    rng = random.Random(seed)
    ents: dict[str, Entity] = {}
    codes = ["de"] + [f"c{i:02d}" for i in range(COUNTRIES - 1)]
    for cc in codes:
        e = Entity(f"{ID}country/{cc}", "Country", name=f"Land {cc.upper()}")
        e.props["cc"].add(cc.upper())
        ents[e.iri] = e
    programmes = [f"{ID}programme/p{i}" for i in range(PROGRAMMES)]
    themes = [f"{ID}theme/t{i}" for i in range(THEMES)]
    for iri in programmes:
        ents[iri] = Entity(iri, "Programme", name=f"Programm {iri[-2:]}")
        ents[iri].props["implementedBy"].add(f"{ID}organisation/skew")
    for iri in themes:
        ents[iri] = Entity(iri, "Theme", name=f"Thema {iri[-2:]}")
    ents[f"{ID}organisation/skew"] = Entity(f"{ID}organisation/skew", "Organisation", name="SKEW")
    towns = nodes - COUNTRIES - PROGRAMMES - THEMES - 1
    german, foreign = [], []
    for i in range(towns):
        de = i < towns * GERMAN_SHARE
        cc = "de" if de else rng.choice(codes[1:])
        e = Entity(f"{ID}municipality/{cc}/town-{i}", "Municipality", name=f"Gemeinde Ä{i}ö")
        e.props["country"].add(f"{ID}country/{cc}")
        ents[e.iri] = e
        (german if de else foreign).append(e.iri)
    parts: dict[str, PartnershipRecord] = {}
    articles: dict[str, ArticleRecord] = {}
    weights = [1] * len(german)
    for f in foreign:
        for _ in range(2 if rng.random() < SECOND_PARTNER else 1):
            k = rng.choices(range(len(german)), weights=weights)[0]
            weights[k] += 1
            p = f"{ID}partnership/{len(parts)}"
            a = f"{ID}article/{len(parts)}"
            year = rng.randint(1950, 2024)
            articles[a] = ArticleRecord(a, f"Artikel {len(parts)}", f"https://example.org/{len(parts)}",
                                        f"{rng.randint(2015, 2024)}-01-01", mentions={german[k], f})
            rec = PartnershipRecord(p, "", "staedtepartnerschaft", "Städtepartnerschaft", year, sorted([german[k], f]),
                                    programmes={rng.choice(programmes)} if rng.random() < 0.3 else set(),
                                    themes={rng.choice(themes)} if rng.random() < 0.5 else set(),
                                    articles={a}, evidence=[(a, 0, "Ein Satz über die Partnerschaft.")])
            parts[p] = rec
            for x in (german[k], f):
                ents[x].mentioned_in.add(a)
    return RawData(ents, parts, articles, {})


def python_side(nodes: int) -> tuple[Path, int, int, float]:
    raw = synthetic(nodes)
    started = time.perf_counter()
    data = page_data(build_view(raw))
    page = render(data)
    seconds = time.perf_counter() - started
    OUT.mkdir(exist_ok=True)
    path = OUT / f"viewer-{nodes}.html"
    path.write_text(page, encoding="utf-8")
    return path, len(data["nodes"]), len(data["edges"]), seconds


def analytics_seconds(nodes: int) -> float:
    import networkx as nx

    raw = synthetic(nodes)
    g = nx.Graph()
    for x, e in sorted(raw.entities.items()):
        if e.cls == "Municipality" and e.mentioned_in:  # partners only, as in analytics.partnership_network
            g.add_node(x, label=e.name, cls=e.cls, country=e.cc)
    for p in sorted(raw.partnerships.values(), key=lambda r: r.iri):
        a, b = p.partners
        g.add_edge(a, b, weight=1, partnerships=[p.iri])
    started = time.perf_counter()
    analyse(g, len(raw.partnerships))
    return time.perf_counter() - started


def browser_side(browser, path: Path) -> dict:
    """ms until drawn (page clock), wall ms, ms for a filter and a search, redraws while idle."""
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    started = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.partnergraph && window.partnergraph.ready", timeout=120_000)
    wall = (time.perf_counter() - started) * 1000
    drawn = page.evaluate("partnergraph.readyAt")
    # the time from a change of filter to the next painted frame
    filter_ms = page.evaluate("""() => new Promise(done => {
        const t = performance.now(), s = document.getElementById('filter-co');
        s.value = s.options[2].value; s.dispatchEvent(new Event('change'));
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
    })""")
    search_ms = page.evaluate("""() => new Promise(done => {
        const t = performance.now(), s = document.getElementById('search');
        s.value = 'gemeinde a1'; s.dispatchEvent(new Event('input'));
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
    })""")
    idle_redraws = page.evaluate("""() => new Promise(done => {
        let n = 0; partnergraph.network.on('afterDrawing', () => n++);
        setTimeout(() => done(n), 1000);
    })""")
    context.close()
    if errors:
        raise SystemExit(f"{path}: page errors: {errors}")
    return {"drawn_ms": drawn, "wall_ms": wall, "filter_ms": filter_ms, "search_ms": search_ms, "idle_redraws": idle_redraws}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[500, 5000], metavar=("BASELINE", "TARGET"))
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"bench_viewer: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    rows = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for size in args.sizes:
            path, n_nodes, n_edges, py_s = python_side(size)
            rows[size] = {"nodes": n_nodes, "edges": n_edges, "python_s": py_s,
                          "analytics_s": analytics_seconds(size), "html_mb": path.stat().st_size / 1e6,
                          **browser_side(browser, path)}
        browser.close()
    base, target = (rows[s] for s in args.sizes)
    print(f"{'':>14} {'baseline':>10} {'target':>10} {'ratio':>7}")
    for key, fmt in (("nodes", "{:.0f}"), ("edges", "{:.0f}"), ("html_mb", "{:.2f}"), ("python_s", "{:.2f}"),
                     ("analytics_s", "{:.2f}"), ("drawn_ms", "{:.0f}"), ("wall_ms", "{:.0f}"),
                     ("filter_ms", "{:.0f}"), ("search_ms", "{:.0f}"), ("idle_redraws", "{:.0f}")):
        ratio = target[key] / base[key] if base[key] else float("nan")
        print(f"{key:>14} {fmt.format(base[key]):>10} {fmt.format(target[key]):>10} {ratio:>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
