"""Dating by an outlet's article ids: sequential ids in URLs order its articles in time.

One job: the cross-document "serial" dating. Many outlets number their articles in
the order they create them (`/article-5214605/`, `/news/414511-…`, `…-37906226`). An
undated article whose id lies between the ids of two articles of the same outlet
dated on the same day was published that day; between two dated days apart, it was
published in that range (`published_precision = range`).

Nothing is assumed about an outlet: its ids count as a clock only when the ledger
shows it, i.e. when at least SERIAL_MIN of its articles carry both an id and a day, on
at least DAYS_MIN different days, and at least SERIAL_SHARE of them are in the same
order by id as by date (the
longest run in order, give or take a day for a date read from the news day). Only
the run bounds a reading. A dated article out of it by more than a day contradicts
the clock: a `story` dating (the weakest evidence) is withdrawn, any other is
flagged in `date_conflict`. Results are rows of the `datings` table (stage `serial`;
a withdrawn story dating keeps its row, `status` saying why), recomputed on every build.

Linear apart from a sort per outlet: documents are grouped by host, anchors sorted
by id once (`Clock`), each undated document placed by bisection. The anchors are every
document dated to a day when the stage runs, story datings included: the evidence names
how each bound was dated.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterator, NamedTuple, Optional, cast
from urllib.parse import urlsplit

from . import datings
from ..analyse.dates import Dating
from .plan import Group, Plan, Read, Update

SERIAL_MIN = 5  # dated articles with ids an outlet needs before its ids count as a clock
SERIAL_SHARE = 0.85  # ... and the share of them in the same order by id as by date
SLACK = 1  # days an anchor may sit out of order without contradicting the clock (news day vs publication)
CONFLICT_MARK = "its outlet's article ids"  # opens the date_conflict notes this stage writes (redone every build)

# a run of 5-12 digits standing alone in a path segment: the whole segment ("/983669001/"), its
# head ("/414511-slug"), or its tail ("article-5214605", "world-asia-37906226", "1.3741340",
# "a-41939790.html"); a number inside a slug ("protest-draws-50000-people") is not an id. A
# slug that ends in a number ("death-toll-rises-to-10000") cannot be told from an id at the
# end ("world-asia-37906226"): it is read as an id, and when it is not one, the outlet's clock
# test fails or that article is the one out of order
_SERIAL = re.compile(r"(?:^|[-_.])([0-9]{5,12})(?:[-_.][A-Za-z]{1,5})?$|^([0-9]{5,12})(?:[-_.]|$)")
_URL_DATE = re.compile(r"/(?:19|20)\d\d(?:[/-]\d{1,2}){0,2}(?=/|$)")
_COMPACT = re.compile(r"(?<![0-9])((?:19|20)\d\d)(\d\d)(\d\d)(?![0-9])")


def _compact_date(m: re.Match) -> str:
    """A compact date ("20171230") is not an id; an 8-digit id that only starts like a year is."""
    month, day = int(m.group(2)), int(m.group(3))
    return "/" if 1 <= month <= 12 and 1 <= day <= 31 else m.group(0)


def serial_of(url: Optional[str]) -> Optional[tuple[str, int]]:
    """(host, id) of a URL that carries an article id: the last path segment that is, or
    opens or closes with, a run of 5-12 digits (query and fragment ignored; a date in the
    path is not an id, nor is a number inside a slug)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    path = _COMPACT.sub(_compact_date, _URL_DATE.sub("/", parts.path))
    found = None
    for segment in path.split("/"):
        m = _SERIAL.search(segment)
        if m:
            found = m.group(1) or m.group(2)
    return (host, int(found)) if found else None


@dataclass(frozen=True)
class Anchor:
    """A dated article of an outlet: its id, its day, and how that day was found."""

    serial: int
    day: date
    doc_id: str
    how: str


def in_order(anchors: list[Anchor]) -> list[bool]:
    """Which anchors (sorted by id) are in the longest run whose dates never fall as
    the ids rise (a longest non-decreasing subsequence, O(n log n))."""
    n = len(anchors)
    tails: list[int] = []  # the smallest last date of a run of each length
    tail_at: list[int] = []  # the anchor that ends it
    before = [-1] * n
    for i, a in enumerate(anchors):
        key = a.day.toordinal()
        k = bisect.bisect_right(tails, key)
        if k > 0:
            before[i] = tail_at[k - 1]
        if k == len(tails):
            tails.append(key)
            tail_at.append(i)
        else:
            tails[k] = key
            tail_at[k] = i
    keep = [False] * n
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep[i] = True
        i = before[i]
    return keep


def near_order(anchors: list[Anchor], keep: list[bool]) -> list[bool]:
    """Anchors out of the run but within SLACK days, either way, of the run's dates around
    them (a date read from the news day, a day before the publication; an article that
    appeared a day after its id was given): consistent, not contradicted."""
    out = list(keep)
    prev: Optional[date] = None
    nexts: list[Optional[date]] = [None] * len(anchors)
    nxt: Optional[date] = None
    for i in range(len(anchors) - 1, -1, -1):
        nexts[i] = nxt
        if keep[i]:
            nxt = anchors[i].day
    for i, a in enumerate(anchors):
        if keep[i]:
            prev = a.day
            continue
        slack = timedelta(days=SLACK)
        after = nexts[i]
        out[i] = (prev is None or a.day >= prev - slack) and (after is None or a.day <= after + slack)
    return out


DAYS_MIN = 3  # distinct days an outlet's dated articles must span for their order to say anything


def is_clock(anchors: list[Anchor], keep: list[bool], consistent: list[bool]) -> bool:
    """Whether an outlet's ids order its articles in time, as far as its dated ones show:
    enough of them, on enough different days (on one or two days any order looks sorted),
    and nearly all in order."""
    return (len(anchors) >= SERIAL_MIN and sum(consistent) >= SERIAL_SHARE * len(anchors)
            and len({a.day for a, k in zip(anchors, keep) if k}) >= DAYS_MIN)


@dataclass
class Clock:
    """An outlet's dated articles in order (sorted by id), with their ids for bisection."""

    anchors: list[Anchor]

    def __post_init__(self) -> None:
        self.serials = [a.serial for a in self.anchors]

    def around(self, serial: int) -> tuple[Optional[Anchor], Optional[Anchor], Optional[Anchor]]:
        """(the anchor below, the anchor above, an anchor with this very id)."""
        i = bisect.bisect_left(self.serials, serial)
        same = self.anchors[i] if i < len(self.anchors) and self.serials[i] == serial else None
        above = bisect.bisect_right(self.serials, serial)
        return (self.anchors[i - 1] if i > 0 else None, self.anchors[above] if above < len(self.anchors) else None, same)


def clock_of(anchors: list[Anchor]) -> tuple[Optional[Clock], list[Anchor]]:
    """An outlet's clock from its dated articles: (the anchors in order, or None when the
    ids do not order its articles in time; the anchors that contradict it)."""
    found = sorted(anchors, key=lambda a: (a.serial, a.day))
    keep = in_order(found)
    consistent = near_order(found, keep)
    if not is_clock(found, keep, consistent):
        return None, []
    return Clock([a for a, k in zip(found, keep) if k]), [a for a, c in zip(found, consistent) if not c]


def fits(serial: int, day: date, clock: Clock) -> bool:
    """Whether a day agrees with an outlet's clock for an article id (give or take SLACK)."""
    lo, hi, _ = clock.around(serial)
    slack = timedelta(days=SLACK)
    return (lo is None or day >= lo.day - slack) and (hi is None or day <= hi.day + slack)


def date_from_serial(serial: int, host: str, clock: Clock) -> Optional[Dating]:
    """The dating an article id allows on an outlet's clock: a day when the ids on both
    sides were dated that day, else the range between them (widened by SLACK on each
    side). (A weekday the text names does not pin a day in the range: it names the news
    day, which may be a week before the range.)"""
    lo, hi, same = clock.around(serial)
    if same is not None:
        return None  # the same id as a dated article: a copy of it (dedup's business), not a clock reading
    if lo is None or hi is None:
        return None  # only one side: an open range would say little
    low, high = min(lo.day, hi.day), max(lo.day, hi.day)
    said = (f"article id {serial} on {host}, between {lo.serial} (dated {lo.day}: {lo.how}) "
            f"and {hi.serial} (dated {hi.day}: {hi.how})")
    if low == high:
        return Dating("serial", said, "day", low, low)
    slack = timedelta(days=SLACK)  # an id is given when an article is begun; it may appear a day later
    return Dating("serial", said, "range", low - slack, high + slack)


class UrlDoc(NamedTuple):
    """A document with a URL, its chosen date and its own dating evidence."""

    id: str
    url: str
    published: Optional[str]
    how: Optional[str]
    evidence: Optional[str]
    precision: Optional[str]
    low: Optional[str]
    high: Optional[str]
    partial: Optional[str]
    position: int


class StoryHeld(NamedTuple):
    """A datings row of a document its story dated (what it falls back on if that is withdrawn)."""

    id: str
    doc_id: str
    stage: str
    how: Optional[str]
    evidence: Optional[str]
    published: Optional[str]
    precision: Optional[str]
    low: Optional[str]
    high: Optional[str]
    status: Optional[str]
    url: str
    position: int


class Serial(NamedTuple):
    """What an outlet's clock says of one of its documents: `found` (a datings.Found),
    `withdrawn` (a datings.Withdrawal) or `conflict` (the note for date_conflict, the id)."""

    kind: str
    doc_id: str
    value: Any


def _host(url: Optional[str]) -> Optional[str]:
    got = serial_of(url)
    return got[0] if got else None


def _outlet(host: str, docs: list[UrlDoc], held: list[StoryHeld]) -> Iterator[Serial]:
    """One outlet's clock and what it says of its documents (see the module docstring)."""
    anchors: list[Anchor] = []
    undated: list[tuple[UrlDoc, int]] = []
    by_id = {}
    for d in sorted(docs, key=lambda d: d.position):
        serial = cast(tuple[str, int], serial_of(d.url))[1]
        by_id[d.id] = (d, serial)
        if d.published and (d.precision or "day") == "day":
            try:
                anchors.append(Anchor(serial, date.fromisoformat(d.published[:10]), d.id, d.how or "metadata"))
            except ValueError:
                continue
        elif not d.published:
            undated.append((d, serial))
    clock, against = clock_of(anchors)
    if clock is None:
        return
    own: dict[str, list[datings.Candidate]] = {}
    for h in held:
        own.setdefault(h.doc_id, []).append(datings.Candidate(*h[:10]))
    for a in against:
        if a.how == "story" and any(c.stage == "story" for c in own.get(a.doc_id, [])):
            why = _out_of_order(a, clock)
            yield Serial("withdrawn", a.doc_id, datings.Withdrawal(a.doc_id, "story", why))
            d, serial = by_id[a.doc_id]
            back, _ = datings.pick([c for c in own.get(a.doc_id, []) if c.stage != "story"])
            if back is not None:  # its fields once the story dating is withdrawn
                d = d._replace(published=back.published, how=back.how, evidence=back.evidence, precision=back.precision,
                               low=back.low, high=back.high)
            undated.append((d, serial))
        elif a.how != "story":
            yield Serial("conflict", a.doc_id, (_out_of_order(a, clock), a.doc_id))
        else:  # (dated by its story with no story dating left to withdraw: its fields stand)
            undated.append(by_id[a.doc_id])
    for d, serial in undated:
        reading: Optional[Dating] = date_from_serial(serial, host, clock)
        if reading is None:
            continue
        if d.precision == "no_year" and d.partial:  # "PORT VELLIN, March 12": the reading must give that day
            reading = on_partial(reading, d.partial, cast(str, d.evidence))
            if reading is None:
                continue
        if d.precision in ("range", "year"):  # the document's own range: the reading must fit in it
            own_low = date.fromisoformat(d.low) if d.low else date.min
            own_high = date.fromisoformat(d.high) if d.high else date.max
            # a serial reading always has its low (date_from_serial, on_partial)
            if reading.precision == "day" and not own_low <= cast(date, reading.low) <= own_high:
                continue
            if reading.precision == "range":
                continue  # two ranges: the document's own evidence stands
            reading = Dating("serial", f"{d.evidence} + {reading.evidence}", "day", reading.low, reading.high)
        yield Serial("found", d.id, datings.found(d.id, reading))


def _serial_prepare(db: Any) -> None:
    datings.prepare_stage(db, "serial")
    stale = db.execute("select id, date_conflict from documents where date_conflict like ?", [f"%{CONFLICT_MARK}%"])
    db.conn.executemany("update documents set date_conflict = ? where id = ?", [
        ("; ".join(p for p in note.split("; ") if CONFLICT_MARK not in p) or None, doc_id) for doc_id, note in stale])


#: The documents a clock may date or withdraw a dating of: undated, or dated by their story.
_DATABLE = "select id from documents where url is not null and (published is null or published_how = 'story')"

#: Date undated documents by their outlet's article ids (see the module docstring): a
#: group-by of the documents with URLs per outlet (its clock, the documents against it,
#: the readings), then each document's datings chosen again.
SERIAL_DATES = Plan(
    name="serial dates",
    reads=(
        Read("docs", "select id, url, published, published_how, published_evidence, published_precision, published_low, "
                     "published_high, published_partial from documents where url is not null", UrlDoc),
        Read("story_held", f"select {', '.join('t.' + f for f in datings.Candidate._fields)}, d.url from datings t "
                           "join documents d on d.id = t.doc_id where d.url is not null and d.published_how = 'story' "
                           "and coalesce(t.status, '') not like 'withdrawn%'", StoryHeld),
        *datings.record_reads(_DATABLE),
    ),
    steps=(
        Group("outlets", [("docs", lambda d: _host(d.url)), ("story_held", lambda h: _host(h.url))], _outlet),
        Group("recorded", [("outlets", lambda s: s.doc_id if s.kind == "found" else None), ("held", lambda h: h.doc_id),
                           ("words", lambda w: w.doc_id), ("own_spans", lambda o: o.id),
                           ("outlets", lambda s: s.doc_id if s.kind == "withdrawn" else None)],
              functools.partial(datings.recorded_of, "serial")),
    ),
    writes=(),
    updates=(*datings.record_updates("recorded"),
             Update("outlets", "update documents set date_conflict = coalesce(date_conflict || '; ', '') || ? where id = ?",
                    lambda s: s.value, keep=lambda s: s.kind == "conflict")),
    requires=("story dates",),
    prepare=_serial_prepare,
)
serial_stage = SERIAL_DATES


def on_partial(got: Dating, partial: str, evidence: str) -> Optional[Dating]:
    """A yearless dateline's day ("--03-12") within a serial reading: the one such day in
    its range, or its day when it is that day; else nothing."""
    try:
        month, day = int(partial[2:4]), int(partial[5:7])
    except (ValueError, IndexError):
        return None
    span = (got.high - got.low).days if got.low and got.high else -1
    # got.low is only read when span >= 0, i.e. when it is set
    days = [d for d in (cast(date, got.low) + timedelta(days=k) for k in range(span + 1)) if (d.month, d.day) == (month, day)]
    if len(days) != 1:
        return None
    return Dating("serial", f"{evidence} + {got.evidence}", "day", days[0], days[0])


def _out_of_order(a: Anchor, clock: Clock) -> str:
    lo, hi, _ = clock.around(a.serial)
    around = " and ".join(f"{k.serial} ({k.day})" for k in (lo, hi) if k is not None)
    return f"{CONFLICT_MARK} put it near {around}, not {a.day} ({a.how})"
