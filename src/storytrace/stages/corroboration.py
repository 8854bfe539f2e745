"""Corroboration: a weakly placed claim against the strongly placed claims of its event.

One job: the rule that leaves out a claim placed only by the story's kind of figure (a
body sentence, a headline, the sentence before) whose bounds meet none of the figures the
event's leads and named reports give (`uncorroborated`), with the counts that stay: an
earlier count dated before the leads, fewer still missing after them, a toll risen since
(two later reports), and a named source's count above the leads' dated on or after them.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from datetime import date, timedelta
from typing import NamedTuple, Optional

from ..model import CUMULATIVE, SUBSIDING
from .placement import PLACED, STRONG
from .reports import DEVELOPING_DAYS, days_after


class Span(NamedTuple):
    """A claim's bounds and group, as the corroboration check reads them."""

    low: Optional[float]
    high: Optional[float]
    group: Optional[str]
    part: bool  # a part of a total or listed beside another figure: its whole explains it
    named: bool = False  # its sentence names a source a reader could check ("the ministry's spokeswoman, Irena Valcek")
    current: bool = False  # its sentence says the count stands now ("Four people are now under arrest", "so far", "in all")


#: Words that say a count is the running total as of the report ("now", "so far", "in all", "to date").
RUNNING_TOTAL = re.compile(r"\b(?:now|so\s+far|in\s+all|in\s+total|to\s+date|bringing)\b", re.IGNORECASE)


def uncorroborated(claim_event: dict[str, str], claim_place: dict[str, tuple[float, str]],
                    claim_doc: dict[str, tuple[str, str, int]], span: dict[str, Span],
                    day: dict[str, Optional[str]], trusted: frozenset[str] | set[str] = frozenset()) -> list[tuple[str, str]]:
    """(claim, why) for claims placed below STRONG (by the story's kind of figure, a
    headline, the sentence before) whose bounds meet none of the strongly placed claims
    (lead, named, dated) of the same event, measure and group, where there are some: the
    leads say what the event's figure is. A count in a document dated (a trusted date) in
    the DEVELOPING_DAYS before every lead giving the figure is its earlier count and stays
    (no larger than the leads' when the count only grows: "nine still missing", then the
    leads' "two"; "one arrest" on the first night, then the leads' 46); a count that falls
    (SUBSIDING: missing, hospitalised) below every lead's in a report dated (trusted) in the
    DEVELOPING_DAYS after them is the count since ("three still missing"). Else a count that
    only grows (model.CUMULATIVE) below every one of them is another count, an earlier or
    a partial one ("one person was arrested" in a report whose own lead gives 46 arrests);
    any other is left out unless it is news since: its document and a second one stating
    the same value are dated after every document whose lead gives the figure (a toll
    risen since the leads were written; an undated body's bigger number is as often
    another event's).
    `day`: each document's publication day, when dated. O(n log n) in the claims."""
    strong: dict[tuple[str, str, Optional[str]], list[tuple[float, float]]] = defaultdict(list)
    strong_last: dict[tuple[str, str, Optional[str]], str] = {}
    strong_first: dict[tuple[str, str, Optional[str]], str] = {}
    weak: dict[tuple[str, str, Optional[str]], list[str]] = defaultdict(list)

    def bounds(cid: str) -> tuple[float, float]:
        sp = span[cid]
        return (sp.low if sp.low is not None else 0.0, sp.high if sp.high is not None else float("inf"))

    for cid, (confidence, _) in claim_place.items():
        if confidence < PLACED or claim_doc[cid][1] == "other":
            continue  # (checked first: a page's claims have no event)
        key = (claim_event[cid], claim_doc[cid][1], span[cid].group)
        if confidence >= STRONG:
            strong[key].append(bounds(cid))
            strong_last[key] = max(strong_last.get(key, ""), day.get(claim_doc[cid][0]) or "9999")
            strong_first[key] = min(strong_first.get(key, "9999"), day.get(claim_doc[cid][0]) or "")
        elif not span[cid].part:
            weak[key].append(cid)
    out = []
    for key, cids in weak.items():
        if key not in strong:
            continue
        lowest = min(a for a, _ in strong[key])
        ranges = Ranges(strong[key])
        later: dict[tuple[float, float], set] = defaultdict(set)  # a value -> the documents dated after the leads stating it
        for o in cids:
            if (day.get(claim_doc[o][0]) or "") > strong_last[key]:
                later[bounds(o)].add(claim_doc[o][0])
        first = strong_first[key]
        try:
            since = (date.fromisoformat(first) - timedelta(days=DEVELOPING_DAYS)).isoformat() if first else "9999"
        except ValueError:  # (a day is always stored; nothing earlier is known otherwise)
            since = "9999"
        highest = max(b for _, b in strong[key])
        for cid in cids:
            lo, hi = bounds(cid)
            if ranges.meets(lo, hi):
                continue
            if claim_doc[cid][0] in trusted and since <= (day.get(claim_doc[cid][0]) or "") < first and \
                    not (key[1] in CUMULATIVE and lo > highest):
                continue  # dated (a trusted date) in the days before every lead giving the figure: an earlier count
                # of it (of a toll that only grows, one no larger than the leads': not "300 killed" before leads of 12)
            last = strong_last[key]
            when = day.get(claim_doc[cid][0]) or ""
            if key[1] in CUMULATIVE and (span[cid].named or span[cid].current) and claim_doc[cid][0] in trusted and \
                    highest < lo == hi and last <= when <= days_after(last, DEVELOPING_DAYS):
                continue  # a named source's exact count above the leads', or one its sentence says stands now ("four
                # people are now under arrest"), dated (trusted) on or after them: the toll since
            if key[1] in SUBSIDING and claim_doc[cid][0] in trusted and hi <= lowest and \
                    last < (day.get(claim_doc[cid][0]) or "") <= days_after(last, DEVELOPING_DAYS):
                continue  # fewer still missing in a report dated (trusted) after every lead: the count since
            if key[1] in CUMULATIVE and hi < lowest:
                out.append((cid, "below every figure of the event its leads or named reports give (another count, "
                                 "an earlier or partial one)"))
            elif len(later.get((lo, hi), ())) < 2 or claim_doc[cid][0] not in later[(lo, hi)]:
                out.append((cid, "a figure no lead or named report of the event gives, and no two later "
                                 "reports state"))
    return out


class Ranges:
    """Closed ranges [low, high] a value range may meet, answered in log time (the ranges
    sorted by low, with the running highest high)."""

    def __init__(self, ranges: list[tuple[float, float]]) -> None:
        self.lows = sorted(a for a, _ in ranges)
        self.best_high: list[float] = []
        top = float("-inf")
        for _, b in sorted(ranges):
            top = max(top, b)
            self.best_high.append(top)

    def meets(self, lo: float, hi: float) -> bool:
        """Some range starts at or below `hi` and ends at or above `lo`."""
        k = bisect.bisect_right(self.lows, hi)
        return k > 0 and self.best_high[k - 1] >= lo
