"""Distances on the Earth's surface, for every module that compares places by where they lie
(extract/page_neighbours.py: namesakes near a page's other places; publish/reconcile.py: Wikidata
candidates near a GeoNames place)."""

from __future__ import annotations

import math


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points in degrees (haversine,
    mean Earth radius 6371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
