"""Datelines: the place a news report is filed from, as its first body line gives it.

One job: read the place off a dateline that opens a line ("HAVERLUND, Calvesia, Nov. 10
(Arden Press Association) – Gunmen ...", "BEIRUT (Reuters) - ...", "HOSK – Police divers
..."): the city in capitals, and the region or country written after it, if any. The
events stage places a story's own event where most of its reports are filed from.
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
