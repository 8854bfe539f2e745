"""Datelines: the place a news report is filed from, as its first body line gives it.

One job: read the place off a dateline that opens a line ("HAVERLUND, Calvesia, Nov. 10
(Arden Press Association) – Gunmen ...", "BEIRUT (Reuters) - ...", "HOSK – Police divers
..."): the city in capitals, and the region or country written after it, if any. The
events stage places a story's own event where most of its reports are filed from; a
story whose reports carry no datelines, where most of its leads say it happened
(`lead_place`: "... on the Rhine in western Germany", "... in Brooklyn").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

#: A dateline: a city in capitals (one to four words) at a line's start, then a region or
#: country, a date, an agency in brackets, in any of those orders, and a dash.
_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3})"
    r"(?P<rest>(?:,[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,3}|[ \t]*\([^)\n]{1,60}\))*)"
    r"[ \t]*[–—-]{1,2}[ \t]",
    re.MULTILINE)
#: Capitals that open a line without naming a place ("UPDATE – ...").
_NOT_PLACES = frozenset("UPDATE UPDATED BREAKING EXCLUSIVE WATCH LIVE PHOTOS VIDEO OPINION ANALYSIS EDITORIAL "
                        "NEWS FILE CORRECTION".split())
#: How far into a text a dateline may stand (after a title and a byline).
REACH = 600


def dateline_place(text: str) -> Optional[str]:
    """The place of the dateline in the first REACH characters of `text` ("Haverlund,
    Calvesia"; "Port Quillan"), or None."""
    m = _DATELINE.search(text[:REACH])
    if m is None or len(m.group("city")) < 3 or m.group("city").split()[0] in _NOT_PLACES:
        return None
    city = " ".join(w.capitalize() if not w.isupper() or len(w) > 2 else w for w in m.group("city").split())
    region = re.match(r",[ \t]*([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})", m.group("rest"))
    if region and not re.fullmatch(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?", region.group(1).split()[0]):
        return f"{city}, {region.group(1)}"
    return city


def filed_from(openings: list[str]) -> Optional[str]:
    """Where most of a story's reports are filed from, by their datelines: the city two of
    them give (the story's one report's, when it has one), in its fullest form
    ("Haverlund, Calvesia"); None on a tie or when none gives one."""
    places = [p for p in map(dateline_place, openings) if p]
    cities = Counter(p.split(",")[0] for p in places)
    top = cities.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return max((p for p in places if p.split(",")[0] == top[0][0]), key=len)


#: A place a lead says something happened at: a preposition of place and a capitalised name
#: of one to four words ("in Brooklyn", "off the coast of Pellin", "in the Gulf of Aden").
_AT_PLACE = re.compile(r"\b(?:in|at|near|off|outside)\s+(?:the\s+)?((?:[A-Z][\w'’-]+)(?:\s+(?:of\s+(?:the\s+)?)?"
                       r"[A-Z][\w'’-]+){0,3})")
#: Capitalised words after "in" that are times, not places ("in November", "on Monday").
_NOT_AT = frozenset("January February March April May June July August September October November December Monday "
                    "Tuesday Wednesday Thursday Friday Saturday Sunday The A An His Her Their Its This That".split())


def lead_place(ledes: list[str]) -> Optional[str]:
    """The place most of a story's leads say it happened at: the name two of them or more
    give after a preposition of place (each lead counted once), the one most give, its
    longest form; None on a tie or when no two agree."""
    seen: Counter = Counter()
    forms: dict[str, str] = {}
    for lede in ledes:
        names = {m.group(1) for m in _AT_PLACE.finditer(lede) if m.group(1).split()[0] not in _NOT_AT
                 and not re.search(r"['’](?:s\b|\s|$)", m.group(1))}  # ("in Saints' Thursday practice": whose, not where)
        for name in names:
            key = name.split()[0]
            seen[key] += 1
            if len(name) > len(forms.get(key, "")):
                forms[key] = name
    top = seen.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return forms[top[0][0]]
