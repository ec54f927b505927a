"""Writes src/partnergraph/data/viewer/world-110m.json, the world outline of the viewer's map,
from Natural Earth's 1:110m Admin-0 countries (public domain) as TopoJSON.

The input is `countries-110m.json` of the npm package world-atlas (2.0.2: Natural Earth 4.1.0),
which the npm registry serves:

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_world_outline.py package/countries-110m.json

Output: {"source": …, "rings": [[lon, lat, lon, lat, …], …]}: every polygon ring of every
country (a ring cut at the antimeridian continues past ±180° instead of jumping back), coordinates in degrees rounded to 0.1° (about 11 km: below one pixel of a world map
1,000 pixels wide, and it halves the file), consecutive duplicate points dropped, rings sorted,
so the same input gives the same bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "partnergraph" / "data" / "viewer" / "world-110m.json"
SOURCE = ("Natural Earth 1:110m Admin 0 countries, version 4.1.0 (public domain, naturalearthdata.com), "
          "via the world-atlas 2.0.2 TopoJSON")


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs: delta-encoded integers, turned into degrees by the transform."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    return points


def main(path: str) -> None:
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    rings = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geom.get("arcs", [])], "MultiPolygon": geom.get("arcs", [])}.get(geom["type"], [])
        for polygon in polygons:
            for r in polygon:
                flat: list[float] = []
                shift = 0.0
                previous = None
                for lon, lat in ring(r, arcs):
                    # rings cut at the antimeridian (Russia, Fiji) jump from +180 to -180: unwrap
                    # them, so the ring continues past the map's edge instead of drawing a line
                    # across the whole world
                    if previous is not None and abs(lon + shift - previous) > 180:
                        shift += 360 if previous > lon + shift else -360
                    previous = lon + shift
                    p = [round(lon + shift, 1), round(lat, 1)]
                    if flat[-2:] != p:
                        flat += p
                if len(flat) >= 8:  # at least a triangle and its closing point
                    rings.append(flat)
    rings.sort()
    OUT.write_text(json.dumps({"source": SOURCE, "rings": rings}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rings)} rings, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
