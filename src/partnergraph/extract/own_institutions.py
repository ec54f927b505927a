"""A town and an organisation that bears the town's name are no partners: the organisation is the
town's own institution (dnn.de, fresh9: a city's drainage utility, listed among the German
project partners of a partnership abroad, was paired with its own city).
An organisation partners another town's body or a town abroad (a Betreiberpartnerschaft), never
the town it serves; where the page names a partnership between the two towns the organisations
stand for, the towns make that pair (benchmarks/real/README.md: a Betreiberpartnerschaft between
two towns' utilities is annotated as the towns' pair)."""

from __future__ import annotations

from ..models import Extraction


def drop_own_institutions(ex: Extraction) -> None:
    """Drops each pair of a town and an organisation whose name holds the town's name."""
    if not ex.organisations or not ex.partnerships:
        return
    kept = []
    for p in ex.partnerships:
        orgs = [ex.organisations.get(r, "") for k, r in p.partners if k == "organisation"]
        towns = [ex.places[r] for k, r in p.partners if k == "municipality" and r in ex.places]
        if orgs and towns and any(_bears(org, town.name_de) or (town.name_en and _bears(org, town.name_en))
                                  for org in orgs for town in towns):
            continue
        kept.append(p)
    ex.partnerships[:] = kept


def _bears(label: str, name: str) -> bool:
    """Whether the organisation's label holds the town's name as a word of its own."""
    at = label.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not label[at - 1].isalnum()) and (end == len(label) or not label[end].isalnum()):
            return True
        at = label.find(name, at + 1)
    return False
