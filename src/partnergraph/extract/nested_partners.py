"""A page that names a partner both by a short name and by the longer name that holds it names one
place twice, not two partners: "Köpenick" beside the borough "Treptow-Köpenick" (the short form
is the old town inside the borough), "Wien" beside "Wien 1. Bezirk" (the city beside its own
district), "Domfront" beside the merged commune "Domfront-en-Poiraie". German pages write the
short form after the full name once it has been given, and the pair rules then pair each form
with the partner, or the two forms with each other. So a pair of a short form with a side that
is also paired with the longer form is dropped, and so is a pair of the two forms.

The longer name must hold the short one as whole words, more words after it or a hyphen-joined
word before it ("Wien 1. Bezirk", "Treptow-Köpenick"), so that "Halle" and "Hallein" are not
confused; a district named by a designation before its seat's name ("Powiat Pisz" beside the
town Pisz) is a partner of its own and stays."""

from __future__ import annotations

from ..models import Extraction


def _holds(longer: str, short: str) -> bool:
    """Whether `longer` is `short` with more words after it ("Wien 1. Bezirk", "Domfront-en-Poiraie")
    or with a hyphen-joined word before it ("Treptow-Köpenick"). A designation written before the
    name and a space ("Powiat Pisz", "Landkreis Harburg") names the district around the town, a
    local government of its own that may be a partner beside the town, and does not count."""
    if len(short) >= len(longer):
        return False
    if longer.startswith(short) and longer[len(short)] in " -(":
        return True
    return longer.endswith("-" + short) or ("-" + short + "-") in longer or ("-" + short + " ") in longer


def drop_nested_partners(ex: Extraction) -> None:
    """Drops the pairs of a short form whose longer form the page pairs too (see the module)."""
    if not ex.partnerships:
        return
    names = {ref: p.name_de for ref, p in ex.places.items()}
    sides: dict[str, set[str]] = {}
    for p in ex.partnerships:
        refs = [r for k, r in p.partners if k == "municipality"]
        if len(refs) == 2:
            sides.setdefault(refs[0], set()).add(refs[1])
            sides.setdefault(refs[1], set()).add(refs[0])

    def nested(a: str, b: str) -> bool:
        return a in names and b in names and (_holds(names[a], names[b]) or _holds(names[b], names[a]))

    def short_form_pair(short: str, other: str) -> bool:
        # the partner `other` is also paired with a longer name holding `short`'s name
        return short in names and any(
            longer != short and longer in names and _holds(names[longer], names[short])
            for longer in sides.get(other, ()))

    kept = []
    for p in ex.partnerships:
        refs = [r for k, r in p.partners if k == "municipality"]
        if len(refs) == 2 and (nested(*refs) or short_form_pair(refs[0], refs[1])
                               or short_form_pair(refs[1], refs[0])):
            continue
        kept.append(p)
    ex.partnerships[:] = kept
