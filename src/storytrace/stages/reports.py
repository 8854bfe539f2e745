"""Reports in time: one figure's reports, how they stand to one another, and its best value.

One job: the time-aware reconciliation of one figure row (figures.py makes the rows). Each
document's figure is a report counted from the first trusted day its source printed that
value (a reprint never outweighs its source); the reports give the row's status (`agree`,
`conflict` where time cannot explain a difference between two named sources — never for
a state that changes by the hour, the missing or the hospitalised of a developing event —,
or where two named sources' own counts stand apart day after day (`standing_apart`), else
`revised`), its trend over
trusted days, and its best value (the latest trusted-dated one for a developing event, the
value most independent sources give for a settled one). A ceiling only one source gives
("up to 30, a figure no official has confirmed") states no count: beside any report that
does, it sets neither the trend nor the best (`counts`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping, Optional, Protocol, Sequence, cast

from ..analyse.measures import ATTACKERS
from ..model import CUMULATIVE, SUBSIDING
from ..text.origins import checkable, generic_key


class ReportedClaim(Protocol):
    """What reconciliation reads of a figure's claim (figures.FigureClaim)."""

    id: str
    doc_id: str
    value: Optional[float]
    qualifier: Optional[str]
    published: str
    victims_head: str
    unconfirmed: bool

    @property
    def lo(self) -> float: ...

    @property
    def hi(self) -> float: ...

    @property
    def day(self) -> str: ...

    @property
    def trusted(self) -> bool: ...

    @property
    def shown(self) -> str: ...


@dataclass
class Report:
    """One document's figure, with its origin and the day it counts from."""

    claim: ReportedClaim
    origin: str
    day: str  # the trusted day this value was first printed by its origin ("" when none)
    said_again: bool = False  # counted on a later day its source said the value again (standing apart only)


def make_reports(per_doc: Mapping[str, ReportedClaim], origin_of: dict[str, str], cs: Sequence[ReportedClaim]
                 ) -> list[Report]:
    """Each document's figure as a report: a copy counts from the first trusted day its
    origin printed that value, so a late reprint never looks like a new report; a report
    that names no source counts a named source's value from the day that source printed it."""
    first: dict[tuple[str, Optional[float]], str] = {}
    named_first: dict[Optional[float], str] = {}  # the first trusted day a named source printed a value
    for c in cs:
        if c.trusted:
            k = (origin_of[c.id], c.value)
            first[k] = min(first.get(k, c.day), c.day)
            if origin_of[c.id].startswith("attribution: "):
                named_first[c.value] = min(named_first.get(c.value, c.day), c.day)
    out = []
    for d, c in sorted(per_doc.items(), key=lambda kv: (kv[1].published or "9999", kv[0])):
        o = origin_of[c.id]
        day = first.get((o, c.value), c.day if c.trusted else "")
        if not o.startswith("attribution: ") and day and c.value in named_first:
            day = min(day, named_first[c.value])  # a report naming no source repeating a named source's value
            # ("All 16 survivors were taken to hospital" two days on): it counts from that source's day
        out.append(Report(c, o, day))
    return out


def _fits(reports: list[Report]) -> bool:
    return max(r.claim.lo for r in reports) <= min(r.claim.hi for r in reports)


#: Qualifiers that give only a ceiling ("up to 30", "fewer than 10"): no count of its own.
CEILINGS = ("at_most", "less_than")


def row_status(reports: list[Report], historic: bool, measure: str, lineage: Optional[dict[str, str]] = None,
               shares: frozenset[str] = frozenset()) -> tuple[str, list[dict[str, Any]]]:
    """single / agree / conflict (with the sides) / revised (see the module docstring).
    `lineage`: claim id -> copy lineage (an edited copy of one source's count disagrees);
    `shares`: origins whose every count is a share of another's (figures.shares_of): no side."""
    if len({r.claim.doc_id for r in reports}) == 1:
        return "single", []
    if _fits(reports):
        return "agree", []
    if historic:  # a settled figure: any disagreement is a conflict
        return "conflict", _sides(reports)
    if measure in SUBSIDING:  # a state that changes by the hour, counted by each source over its own wards or
        return "revised", []  # lists ("still missing", "still in hospital"): time and scope explain a difference
    by_day: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        if r.day:
            by_day[r.day].append(r)
    days = sorted(by_day)
    for n, day in enumerate(days):
        rs = by_day[day]
        cut = days_after(day, DEVELOPING_DAYS)
        since = _Since()  # each origin's highest lower bound and lowest upper bound in the days after, within the window
        for d in days[n + 1:]:
            if d > cut:
                break
            for r in by_day[d]:
                since.add(r)
        alike: dict[tuple, list[Report]] = defaultdict(list)  # reports a pair test cannot tell apart: tested once
        for r in rs:
            alike[(r.origin, r.claim.lo, r.claim.hi, r.claim.published.rstrip("?~"))].append(r)
        kinds = list(alike.values())
        start = days_after(day, -DEVELOPING_DAYS)
        before = {(r.origin, r.claim.lo, r.claim.hi) for d in days[:n] if d >= start for r in by_day[d]}
        clash = [(a, b) for i, a in enumerate(kinds) for b in kinds[i + 1:]
                 if not _fits([a[0], b[0]]) and not _in_order(a[0], b[0], measure) and not _on_path(a[0], b[0], since, measure)
                 and not _lagging(a[0], b[0], before) and not _own_update(a[0], b[0], measure, lineage or {})
                 and not _facility_share(a[0], b[0]) and _can_disagree(a[0]) and _can_disagree(b[0])
                 and a[0].origin not in shares and b[0].origin not in shares]
        if clash:
            return "conflict", _sides([r for pair in clash for side in pair for r in side], day)
    return "revised", []


#: A source that counts one place's patients or bodies, not the event's: its count is a share.
_FACILITY = re.compile(r"\b(?:hospitals?|clinic|infirmary|morgue|mortuary|ward|medical\s+cent(?:re|er))\b")


def _named(r: Report) -> bool:
    """A report whose origin is a source a reader can name and check (not reports that name
    none, nor copies of them, nor "a resident"): only such sources can be said to disagree."""
    return r.origin.startswith("attribution: ") and checkable(r.origin[len("attribution: "):])


def _can_disagree(r: Report) -> bool:
    """A named source that can be a side of a conflict: not a generic voice a capital made
    look like a person ("Officials said 87")."""
    return _named(r) and not generic_key(r.origin.removeprefix("attribution: "))


def _facility_share(a: Report, b: Report) -> bool:
    """A hospital's count below another source's (Velorn General Hospital "had treated 49
    people wounded", the ministry 61): the patients of one place, a share of the total, not
    a rival count of it."""
    low, high = (a, b) if a.claim.hi <= b.claim.lo else (b, a) if b.claim.hi <= a.claim.lo else (None, None)
    return low is not None and high is not None and bool(_FACILITY.search(low.origin)) and not _FACILITY.search(high.origin)


def _own_update(a: Report, b: Report, measure: str, lineage: dict[str, str]) -> bool:
    """One source's two counts of a toll that only grows on one day, in reports that are no
    copies of one another (the fire service's 11 in the morning, its 17 by the evening): an
    update, not a disagreement. A copy that changed the number (the same lineage) stays one."""
    la, lb = lineage.get(a.claim.id), lineage.get(b.claim.id)
    return a.origin == b.origin and measure in CUMULATIVE and not (la is not None and la == lb)


def _lagging(a: Report, b: Report, before: set[tuple[str, float, float]]) -> bool:
    """Two reports of one day, one of which gives what the other's own source said on an
    earlier day (the ministry's 36 of yesterday in a morning analysis, its 37 today): the
    one is behind the other's count, not disagreeing with it."""
    return (b.origin, a.claim.lo, a.claim.hi) in before or (a.origin, b.claim.lo, b.claim.hi) in before


def _in_order(a: Report, b: Report, measure: str) -> bool:
    """Two reports of one day whose times explain their difference (an update within the day)."""
    ta, tb = a.claim.published.rstrip("?~"), b.claim.published.rstrip("?~")
    if len(ta) <= 10 or len(tb) <= 10 or ta == tb:
        return False  # no time of day: nothing orders them
    early, late = (a, b) if ta < tb else (b, a)
    return measure not in CUMULATIVE or late.claim.hi >= early.claim.lo


class _Since:
    """Each origin's highest lower bound and lowest upper bound over some reports."""

    def __init__(self) -> None:
        self.lo: dict[str, float] = {}
        self.hi: dict[str, float] = {}

    def add(self, r: Report) -> None:
        self.lo[r.origin] = max(self.lo.get(r.origin, r.claim.lo), r.claim.lo)
        self.hi[r.origin] = min(self.hi.get(r.origin, r.claim.hi), r.claim.hi)


def _on_path(a: Report, b: Report, since: _Since, measure: str) -> bool:
    """Two reports of one day on the path of a count moving one way: the source behind
    caught up later (a toll that goes on rising: the wire's 14 and the governor's 18 on
    the first day, the wire's 38 three days on; the missing: 70 and 48, then the first
    one's 31), within DEVELOPING_DAYS (`since`: the days after, a count a month on
    explains no day's difference). Earlier and later in the day, not a disagreement."""
    if measure in CUMULATIVE:
        behind, ahead = (a, b) if a.claim.lo <= b.claim.lo else (b, a)
        return behind.origin in since.lo and since.lo[behind.origin] >= ahead.claim.lo
    if measure in SUBSIDING:
        behind, ahead = (a, b) if a.claim.hi >= b.claim.hi else (b, a)
        return behind.origin in since.hi and since.hi[behind.origin] <= ahead.claim.hi
    return False


#: How long an event's counts keep moving (its developing days): an earlier or later count
#: within them is the same figure's (events.py), a later one may explain a day's difference.
DEVELOPING_DAYS = 14


def days_after(day: str, n: int) -> str:
    """The day n days after an ISO day ("" when it is none)."""
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=n)).isoformat()
    except ValueError:
        return ""


def _sides(reports: list[Report], day: Optional[str] = None) -> list[dict[str, Any]]:
    """The disagreeing sides: each value with the documents and origins that give it."""
    by_value: dict[str, dict[str, Any]] = {}
    seen: dict[str, tuple[set, set]] = {}  # (the same report comes once per pair it clashes in)
    for r in {id(r): r for r in reports}.values():
        shown = r.claim.shown
        side = by_value.setdefault(shown, {"value": shown, "documents": [], "origins": []})
        docs, origins = seen.setdefault(shown, (set(), set()))
        if r.claim.doc_id not in docs:
            docs.add(r.claim.doc_id)
            side["documents"].append(r.claim.doc_id)
        if r.origin not in origins:
            origins.add(r.origin)
            side["origins"].append(r.origin)
    out = list(by_value.values())
    if day:
        for side in out:
            side["day"] = day
    return out


def _day_values(reports: list[Report], measure: str = "") -> list[tuple[str, float, set]]:
    """Trusted days in order with the day's value and the origins that gave it. An origin's
    value on a day is the one most of its documents give (a copy that changed it does not
    speak for the origin), else its latest; the day's value is the highest of them. For a
    count that only grows, a day below an earlier day is a stale or misdated report and
    is left out."""
    days: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    latest: dict[tuple[str, str], tuple[str, float]] = {}
    if measure in CUMULATIVE:
        reports = _without_one_offs(reports)
    for r in reports:
        if r.day and r.claim.value is not None:
            days[r.day][r.origin][r.claim.value] += 1
            k = (r.day, r.origin)
            latest[k] = max(latest.get(k, ("", r.claim.value)), (r.claim.published, r.claim.value))
    out: list[tuple[str, float, set]] = []
    for day in sorted(days):
        per_origin = {}
        for o, values in days[day].items():
            top = max(values.values())
            tied = [v for v, n in values.items() if n == top]
            per_origin[o] = tied[0] if len(tied) == 1 else latest[(day, o)][1]
        v = max(per_origin.values())
        if measure in CUMULATIVE and out and v < max(x for _, x, _ in out):
            continue
        out.append((day, v, {o for o, x in per_origin.items() if x == v}))
    return out


def _without_one_offs(reports: list[Report]) -> list[Report]:
    """The reports less the one-offs of a count that only grows: an origin's only report
    of the row, above every report of the days after it, which come from two origins at
    least ("at least 40 bodies", a police officer at the cordon told a broadcaster, while
    the ministry's count went 14, 27, 29 and the mayor's 33, 35; a report naming no source,
    alone with its value: "more than 100", a community radio): no later report reaches
    it, so it sets no floor the later counts must keep (one source's own lower count later
    may be its revision, so two are needed). O(n log n): the days' suffix maxima."""
    per_origin = Counter(r.origin for r in reports if r.day)
    per_value = Counter(r.claim.value for r in reports if r.day)
    # (reports naming no source are one origin together; one of them alone with its value is a one-off too)
    alone = {id(r) for r in reports if per_origin[r.origin] == 1 or not _named(r) and per_value[r.claim.value] == 1}
    days = sorted({r.day for r in reports if r.day and r.claim.value is not None})
    top_after: dict[str, float] = {}  # day -> the highest value reported after it
    origins_after: dict[str, set] = {}  # day -> up to two origins reporting after it
    top, seen = float("-inf"), set[str]()
    by_day: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        if r.day and r.claim.value is not None:
            by_day[r.day].append(r)
    for day in reversed(days):
        top_after[day], origins_after[day] = top, set(seen)
        for r in by_day[day]:
            top = max(top, cast(float, r.claim.value))
            if len(seen) < 2:
                seen.add(r.origin)
    return [r for r in reports if not (r.day and r.claim.value is not None and id(r) in alone
                                       and len(origins_after[r.day] - {r.origin}) >= 1 and len(origins_after[r.day]) >= 2
                                       and top_after[r.day] < r.claim.value)]


def row_trend(reports: list[Report], measure: str) -> Optional[str]:
    """rising / falling when trusted-dated values move one way over the days, one source's
    own count among them (its reports on two trusted days: "police: 14, then 26"; a reprint
    counts from its origin's first day, so it moves nothing); the row's origins say how
    many sources stand behind it."""
    seq = _day_values(reports, measure)
    steps = [(b[1] - a[1], a[2], b[2]) for a, b in zip(seq, seq[1:]) if b[1] != a[1]]
    if not steps:
        return _within_a_day(reports, measure) if len(seq) == 1 else None
    if all(d > 0 for d, _, _ in steps):
        return "rising"
    if all(d < 0 for d, _, _ in steps):
        return "falling"
    return None


def _within_a_day(reports: list[Report], measure: str) -> Optional[str]:
    """One source's count moving within its one day, told by times of day ("the health
    ministry" at 03:55: 112; at 10:20: 118): rising for a count that only grows, falling
    for one that subsides; a value a copy stamped later repeats moves nothing."""
    by_origin: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for r in reports:
        if r.claim.trusted and len(r.claim.published) > 10 and r.claim.value is not None and _named(r):
            by_origin[r.origin].append((r.claim.published, r.claim.value))
    moves = set()
    for timed in by_origin.values():
        values = [v for _, v in sorted(timed)]
        firsts = [v for i, v in enumerate(values) if v not in values[:i]]
        if len(firsts) >= 2 and measure in CUMULATIVE and firsts == sorted(firsts):
            moves.add("rising")
        elif len(firsts) >= 2 and measure in SUBSIDING and firsts == sorted(firsts, reverse=True):
            moves.add("falling")
        elif len(firsts) >= 2:
            return None
    return moves.pop() if len(moves) == 1 else None


def sides_trend(reports: list[Report], measure: str) -> Optional[str]:
    """A conflict's trend: the way its sources' own counts moved, when every source whose
    count moved moved that way (the ministry's 20 -> 22 and the league's 34 -> 40: rising;
    the governor's 22 -> 30 beside a guard who keeps to 41: rising, a lone mover being a
    named source, no hospital); moves both ways, or none (an edited copy's other number is
    no move), is none."""
    by_origin: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_origin[r.origin].append(r)
    moves: set[str] = set()
    movers: list[str] = []
    for o, rs in by_origin.items():
        seq = _day_values(rs, measure)
        steps = {"rising" if b[1] > a[1] else "falling" for a, b in zip(seq, seq[1:]) if b[1] != a[1]}
        moves |= steps
        if steps:
            movers.append(o)
    if len(moves) != 1 or not movers:
        return None
    # one mover must be a side a reader can name (not reports naming no source, nor a hospital's share)
    if len(movers) == 1 and not (_can_disagree(by_origin[movers[0]][0]) and not _FACILITY.search(movers[0])):
        return None
    return moves.pop()


#: The qualifiers of a count a source stands by and that can stand apart from another: an
#: exact one ("at least 20" meets 26; a ceiling, an estimate or "dozens" is no count).
_STANDS_BY = ("exact", None)


def standing_apart(reports: list[Report], measure: str
                   ) -> Optional[tuple[list[dict[str, Any]], float, float, Optional[str]]]:
    """Two named sources whose own counts stand apart (`reports`: one per document and
    origin): on two trusted days or more both give an exact count, the same one is ahead on
    each, the lower more than half the higher (a share, "the province's 28" of the nation's
    52, is less), and neither ever gives a number the other gave (a ministry's certified
    deaths 31, 38, 44, 47 and a town council's register at the cemetery 40, 52, 58, 61) —
    two counts that time does not explain, where one source catching up with the other
    would. A hospital's or a morgue's count (a share) and a count of attackers (a toll of
    "militants" beside the villagers') are no side, nor is a figure no official confirmed. A report naming no source that gives a
    number only one of them gave carries that source's count on ("The toll rose to 47 on
    Tuesday", the ministry's 47 named elsewhere), from the day it or that source first
    printed it. Returns the conflict's sides (each source's latest count), the best (the
    later side's count, the higher on one day, as a day's value is), the lower of the two
    and the trend both sides moved, or None."""
    series: dict[str, dict[str, float]] = {}
    docs: dict[str, set[str]] = defaultdict(set)
    by_origin: dict[str, list[Report]] = defaultdict(list)
    givers: dict[float, set[str]] = defaultdict(set)  # a value -> the named sources that give it
    first: dict[tuple[str, float], str] = {}  # (source, value) -> the first trusted day it printed it
    for r in reports:
        if (_can_disagree(r) and not _FACILITY.search(r.origin) and r.claim.qualifier in _STANDS_BY
                and r.claim.value is not None and not _attackers(r.claim) and not r.claim.unconfirmed):
            by_origin[r.origin].append(r)
            docs[r.origin].add(r.claim.doc_id)
            givers[r.claim.value].add(r.origin)
            if r.day:
                first[(r.origin, r.claim.value)] = min(first.get((r.origin, r.claim.value), r.day), r.day)
    for r in reports:  # a report naming no source that gives one source's number relays that source
        v = cast(float, r.claim.value)
        if not _named(r) and r.claim.qualifier in _STANDS_BY and len(givers.get(v, ())) == 1 and r.claim.trusted \
                and not r.claim.unconfirmed:
            o = next(iter(givers[v]))
            by_origin[o].append(Report(r.claim, o, min(r.claim.day, first.get((o, v), r.claim.day))))
            docs[o].add(r.claim.doc_id)
    for o, rs in by_origin.items():
        top = max(cast(float, r.claim.value) for r in rs)
        # (a count far below the source's own others is a part of it: "three more died", "two of its members")
        series[o] = {day: v for day, v, _ in _day_values([r for r in rs if 2 * cast(float, r.claim.value) > top], measure)}
    found: list[tuple[int, int, str, str]] = []
    names = sorted(series)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = sorted(set(series[a]) & set(series[b]))
            if len(shared) < 2 or set(series[a].values()) & set(series[b].values()):
                continue
            pairs = [(series[a][d], series[b][d]) for d in shared]
            if len({x > y for x, y in pairs}) == 1 and all(2 * min(x, y) > max(x, y) for x, y in pairs):
                found.append((len(shared), len(docs[a] | docs[b]), a, b))
    if not found:
        return None
    _, _, a, b = max(found)
    sides, latest = [], []
    for o in (a, b):  # (each side's latest count from a day it gave it, not a day it said it again)
        own = {r.day for r in by_origin[o] if not r.said_again} & set(series[o])
        last = max(own or series[o])
        rs = [r for r in by_origin[o] if r.day == last and r.claim.value == series[o][last]]
        sides.append({"value": rs[0].claim.shown, "documents": sorted({r.claim.doc_id for r in rs}),
                      "origins": [o], "day": last})
        latest.append((last, series[o][last]))
    return sides, max(latest)[1], min(v for _, v in latest), sides_trend(by_origin[a] + by_origin[b], measure)


def _attackers(c: ReportedClaim) -> bool:
    """A count of the attackers ("the army said 15 militants were killed")."""
    head = c.victims_head.lower()
    return head in ATTACKERS or head.endswith("s") and head[:-1] in ATTACKERS


def counts(reports: list[Report]) -> list[Report]:
    """The reports that state a count, not only a lone source's ceiling ("up to 30, a figure
    no official has confirmed"; two sources giving one ceiling, "as many as 40", keep it) nor
    a figure the text says no official confirmed ("Officials did not confirm that figure");
    all when none does."""
    givers: dict[Optional[float], set] = defaultdict(set)
    for r in reports:
        if r.claim.qualifier in CEILINGS or r.claim.unconfirmed:
            givers[r.claim.value].add(r.origin)
    return [r for r in reports if r.claim.qualifier not in CEILINGS and not r.claim.unconfirmed
            or len(givers[r.claim.value]) >= 2] or reports


def row_best(reports: list[Report], measure: str, historic: bool, trend: Optional[str],
             relays: frozenset[str] | set[str] = frozenset()) -> tuple[Optional[float], Optional[float], Optional[str]]:
    """(best, conservative, rule) — see the module docstring. `relays`: origins that only
    repeat named sources' values (listed, not counted): they add no origin to a value."""
    finite = [r for r in reports if r.claim.value is not None]
    if not finite:
        low = min((r.claim.lo for r in reports), default=None)
        return None, low or None, ("the lowest lower bound the wording allows" if low else None)
    per_value: dict[float, set] = defaultdict(set)
    docs_of: dict[float, set] = defaultdict(set)
    for r in finite:
        if r.origin not in relays:  # (a relay's report adds neither an origin nor a document to its value)
            per_value[r.claim.value].add(r.origin)  # type: ignore[index]
            docs_of[r.claim.value].add(r.claim.doc_id)  # type: ignore[index]
    values = {cast(float, r.claim.value) for r in finite}
    most = max(values, key=lambda v: (len(per_value.get(v, ())), len(docs_of.get(v, ())), v))
    dated = [r for r in finite if r.day]
    # the latest trusted-dated value speaks for the figure only when trusted dates cover at
    # least two and at least half of its documents: one dated report is no timeline
    dated_docs = len({r.claim.doc_id for r in dated})
    timeline = not historic and dated_docs >= 2 and 2 * dated_docs >= len({r.claim.doc_id for r in finite})
    seq = _day_values(finite, measure) if timeline else []
    if seq:
        best = seq[-1][1]
        lo = [r.claim.lo for r in finite if r.day == seq[-1][0] and r.claim.value == best]
        rule = "the latest trusted-dated report's lower bound" + (f" (the figure was {trend})" if trend else "")
        return best, min(lo) if lo else best, rule
    best = most  # without trusted dates: the value most independent origins give, then most documents, then the larger
    counts = [cast(float, r.claim.value) for r in finite if r.claim.qualifier in ("exact", "at_least", None)]  # finite: not None
    if counts:
        return best, min(counts), "the lowest count any source states"
    c0 = min(finite, key=lambda r: r.claim.value)  # type: ignore[arg-type, return-value]
    return best, c0.claim.value, f"the lowest approximate value stated ({c0.claim.shown}: an upper bound, not a count)"
