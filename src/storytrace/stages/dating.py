"""Dating across documents: the stages that date a document from other documents' dates.

One job: the cross-document dating stages. Each reads the per-document evidence
(dates.py: the text's own datelines, weekdays and dates; its date expressions are the
`date_mentions` rows: no stage reads the texts again) against other documents' dates
and writes its answers as rows of the `datings` table (datings.py), which chooses the
document's date from all of them; none overwrites another's.

- `NEIGHBOUR_DATES` (a declared plan): a yearless dateline takes its year from the documents it shares
  passages with (the reuse table);
- `STORY_DATES` (a declared plan): an undated document whose text names a weekday or a date gets the day
  that pins among its story's dates (`published_how = story`);
- `EVENT_DATES` (a declared plan): an anniversary or a weekday of an event that other documents date
  (the `events` table).

Outlets' article ids: serials.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any, Iterable, Iterator, NamedTuple, Optional, Union

from . import datings
from ..analyse.dates import SCAN_CHARS, Dating, anniversary_day, full_day, opening_dates, reporting_dates, safe_day
from .plan import Group, Plan, Read
from ..text.timex import WEEKDAY_NAMES, DateMention

NEIGHBOUR_DAYS = 183  # a yearless day is placed in the year that puts it nearest its neighbours


def own_weekday(evidence: Optional[str], weekdays: Iterable[int]) -> set[int]:
    """The weekdays a yearless day must fall on: the one its own line names ("Radio North FM
    - Evening Bulletin, 7 p.m. - Monday 1 March"), else the ones its text gives."""
    named = {i for i, w in enumerate(WEEKDAY_NAMES) if evidence and re.search(rf"\b{w}\b", evidence)}
    return named if len(named) == 1 else set(weekdays)


def date_from_neighbours(partial: str, neighbours: list[tuple[str, date]], weekdays: Iterable[int] = ()) -> Optional[tuple[date, str]]:
    """The year of a yearless day ("--03-12") from the dates of documents that share a
    passage (or, later, an event) with it: the year that puts the day nearest their
    median date, within half a year. A weekday the text gives for that day ("on
    Wednesday") must agree. Returns (day, the neighbour whose date gave the year)."""
    try:
        month, day = int(partial[2:4]), int(partial[5:7])
    except (ValueError, IndexError):
        return None
    if not neighbours:
        return None
    ordered = sorted(neighbours, key=lambda nd: nd[1])
    median_id, median = ordered[len(ordered) // 2]
    best: Optional[date] = None
    for year in (median.year - 1, median.year, median.year + 1):
        d = safe_day(year, month, day)
        if d and (best is None or abs((d - median).days) < abs((best - median).days)):
            best = d
    if best is None or abs((best - median).days) > NEIGHBOUR_DAYS:
        return None
    wd = set(weekdays)
    if wd and best.weekday() not in wd:
        return None
    return best, median_id


class Yearless(NamedTuple):
    """A document whose dateline gives a day without its year, and no date of its own."""

    id: str
    partial: str
    evidence: Optional[str]
    position: int


class LinkEnds(NamedTuple):
    """A passage two documents share (a reuse row, not boilerplate)."""

    source_doc: str
    target_doc: str
    position: int


class DatedDoc(NamedTuple):
    """A document with a date (its day: the first ten characters)."""

    id: str
    published: str
    position: int


class Neighbour(NamedTuple):
    """A dated document `nid` sharing a passage with `doc_id` (the link's position orders them)."""

    doc_id: str
    nid: str
    published: str
    link: int


class Weekday(NamedTuple):
    """A weekday a yearless document names (any of its date mentions)."""

    doc_id: str
    weekday: int
    position: int


def _ends(dated_end: str, other_end: str) -> Any:
    def each(_doc: str, links: list[LinkEnds], dated: list[DatedDoc]) -> Iterator[Neighbour]:
        for d in dated[:1]:
            for link in links:
                yield Neighbour(getattr(link, other_end), d.id, d.published, link.position)
    return each


def _in_order(near: list[Neighbour]) -> list[Neighbour]:
    return sorted(near, key=lambda n: (n.link, n.nid))


def _neighbour_dates(doc_id: str, docs: list[Yearless], near: list[Neighbour], weekdays: list[Weekday]
                     ) -> Iterator[datings.Found]:
    """The year of one yearless dateline from the documents it shares passages with (`near`:
    those its passages go to, then those they come from, each in the reuse table's order)."""
    if not docs or not near:
        return
    d = docs[0]
    neighbours = [(n.nid, date.fromisoformat(n.published[:10])) for n in near]
    got = date_from_neighbours(d.partial, neighbours, own_weekday(d.evidence, {w.weekday for w in weekdays}))
    if got is None:
        return
    day, nid = got
    yield datings.found(doc_id, Dating("dateline", f"{d.evidence} + year {day.year} from document {nid} (a shared passage)",
                                       "day", day, day, d.partial))


def _neighbour_prepare(db: Any) -> None:
    datings.prepare_stage(db, "passages")


_YEARLESS = "select id from documents where published is null and published_partial is not null"

#: Cross-document dating: a yearless dateline takes its year from the documents it
#: shares passages with (the reuse table); the evidence names that document. The
#: passages joined with their dated ends (a co-group per end), then a co-group per
#: yearless document with its weekdays, then its datings chosen again.
NEIGHBOUR_DATES = Plan(
    name="dates",
    reads=(
        Read("yearless", "select id, published_partial, published_evidence from documents "
                         "where published is null and published_partial is not null", Yearless),
        Read("links", "select source_doc, target_doc from reuse where kind != 'boilerplate' "
                      f"and (source_doc in ({_YEARLESS}) or target_doc in ({_YEARLESS}))", LinkEnds),
        Read("dated", "select id, published from documents where published is not null and id in ("
                      f"select target_doc from reuse where source_doc in ({_YEARLESS}) union "
                      f"select source_doc from reuse where target_doc in ({_YEARLESS}))", DatedDoc),
        Read("weekdays", f"select doc_id, weekday from date_mentions where kind = 'weekday' and weekday is not null "
                         f"and doc_id in ({_YEARLESS})", Weekday),
        *datings.record_reads(_YEARLESS),
    ),
    steps=(
        Group("from_sources", [("links", lambda r: r.source_doc), ("dated", lambda d: d.id)], _ends("source_doc", "target_doc")),
        Group("from_targets", [("links", lambda r: r.target_doc), ("dated", lambda d: d.id)], _ends("target_doc", "source_doc")),
        Group("found", [("yearless", lambda d: d.id), ("from_sources", lambda n: n.doc_id),
                        ("from_targets", lambda n: n.doc_id), ("weekdays", lambda w: w.doc_id)],
              lambda doc_id, docs, a, b, weekdays: _neighbour_dates(doc_id, docs, _in_order(b) + _in_order(a), weekdays)),
        datings.record_step("passages"),
    ),
    writes=(),
    updates=datings.record_updates("recorded"),
    requires=("reuse",),
    prepare=_neighbour_prepare,
)
neighbour_stage = NEIGHBOUR_DATES


STORY_MIN = 1  # dated documents of the story needed (the text must still pin the day)
STORY_SPREAD = 1  # ... within this many days of their median, and a majority of the story's dated documents
STORY_BEFORE = 1  # days before the story's earliest dated document a pinned day may fall (named in the lead)
STORY_LEAD = 600  # characters: the lead, whose first weekday is the news day


def date_from_story(dates: Union[str, list[DateMention]], neighbours: list[tuple[str, date]],
                    within: Optional[Dating] = None) -> Optional[Dating]:
    """The day a document's own words pin among the dates of its story (`neighbours`:
    (doc id, day) of the story's other documents dated from their own evidence).

    The story's dates must agree (at least STORY_MIN documents within STORY_SPREAD days of
    their median, and most of them); then a full date the text gives inside that
    window ("February 5, 2018"), else the latest of the days in the window that a
    weekday the text names pins ("on Tuesday ... on Thursday"), is the news day. The text must pin the day: a story's
    dates alone are not evidence of a day. The lead's first weekday must be one of the
    window's days (else the document reports another day: another story), and a day
    before every dated report of the story counts only when the lead names it. `within`: a range the document's own
    evidence already allows; the day must fall in it. `dates`: the document's reporting dates
    (`date_mentions` rows), or its text."""
    if len(neighbours) < STORY_MIN:
        return None
    ordered = sorted(neighbours, key=lambda nd: nd[1])
    median = ordered[len(ordered) // 2][1]
    close = [(i, d) for i, d in ordered if abs((d - median).days) <= STORY_SPREAD]
    if len(close) < STORY_MIN or 2 * len(close) <= len(ordered):
        return None
    lo, hi = close[0][1] - timedelta(days=STORY_BEFORE), close[-1][1] + timedelta(days=1)
    said = f"{len(close)} documents of its story dated {close[0][1]}..{close[-1][1]}"
    mentions = reporting_dates(dates[:SCAN_CHARS]) if isinstance(dates, str) else dates
    full = [(m, d) for m, d in ((m, full_day(m)) for m in mentions) if d is not None]
    found: Optional[tuple[date, str]] = None
    inside = [(m, d) for m, d in full if lo <= d <= hi]
    if inside:
        m, d = max(inside, key=lambda md: md[1])
        found = (d, m.text)
    else:
        weekdays = [m for m in mentions if m.kind == "weekday" and m.weekday is not None
                    and not any(f.start <= m.start < f.end for f, _ in full)]
        days = [lo + timedelta(days=k) for k in range((hi - lo).days + 1)]
        lead = [w for w in weekdays if w.start < STORY_LEAD]
        if lead and not any(d.weekday() == lead[0].weekday for d in days):
            return None  # the lead's news day is not one of the story's days: another story
        for w in weekdays:  # the latest day a weekday names: news is written after what it reports
            match = [d for d in days if d.weekday() == w.weekday]
            if match and match[0] < close[0][1] and w.start >= STORY_LEAD:
                continue  # a day before every dated report of the story: only the lead may say so
            if len(match) == 1 and (found is None or match[0] > found[0]):
                found = (match[0], w.text)
    if found is None:
        return None
    day, words = found
    if within is not None and not ((within.low or date.min) <= day <= (within.high or date.max)):
        return None
    evidence = f"{words} + {said}" if within is None else f"{within.evidence} + {words} + {said}"
    return Dating("story", evidence, "day", day, day)


class DateRow(NamedTuple):
    """A date mention of a document a dating stage weighs (its `date_mentions` row), with the
    key the stage groups it by (`group`: its document's story, or the document)."""

    group: str
    doc_id: str
    start: int
    end: int
    text: str
    kind: str
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    end_year: Optional[int]
    end_month: Optional[int]
    end_day: Optional[int]
    weekday: Optional[int]
    offset: Optional[int]
    unit: Optional[str]
    approx: bool
    ordinal: Optional[int]
    event_start: Optional[int]
    event_end: Optional[int]
    time: Optional[str]
    reporting: bool
    period_start: int
    period_end: int
    space_after: int
    phrase: Optional[str]
    position: int

    def mention(self) -> DateMention:
        return DateMention(*self[2:20])

    def pair(self) -> tuple[DateMention, dict[str, Any]]:
        return self.mention(), self._asdict()


def date_rows(group: str, where: str) -> str:
    """The query of `DateRow`s: `group` (an expression over date_mentions m and documents d)
    and the mentions `where` selects."""
    cols = ", ".join(f"m.[{f}]" for f in DateRow._fields[1:-1])
    return f"select {group}, {cols} from date_mentions m join documents d on d.id = m.doc_id where {where}"


class StoryDated(NamedTuple):
    """A document of a story dated to a day by the stages before (a neighbour)."""

    id: str
    story: str
    published: str
    position: int


class StoryUndated(NamedTuple):
    """A document of a story with no day yet, and its own dating evidence."""

    id: str
    story: str
    how: Optional[str]
    evidence: Optional[str]
    precision: Optional[str]
    low: Optional[str]
    high: Optional[str]
    partial: Optional[str]
    position: int


_UNDATED = "select id from documents where published is null and story is not null"


def _story_dates(story: str, dated: list[StoryDated], undated: list[StoryUndated],
                 mentions: list[DateRow]) -> Iterator[datings.Found]:
    """The story dates of one story's undated documents (see `STORY_DATES`)."""
    if not undated:
        return
    neighbours_all: list[tuple[str, date]] = []
    for d in sorted(dated, key=lambda d: d.position):
        try:
            neighbours_all.append((d.id, date.fromisoformat(d.published[:10])))
        except ValueError:
            continue
    said: dict[str, list[DateRow]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.doc_id, m.start)):
        said[m.doc_id].append(m)
    for u in sorted(undated, key=lambda u: u.position):
        neighbours = [nd for nd in neighbours_all if nd[0] != u.id]
        got: Optional[Dating] = None
        if u.partial:
            weekdays = {m.weekday for m in said[u.id] if m.kind == "weekday" and m.weekday is not None}
            year = date_from_neighbours(u.partial, neighbours, own_weekday(u.evidence, weekdays))
            if year is not None and len(neighbours) >= STORY_MIN:
                got = Dating("dateline", f"{u.evidence} + year {year[0].year} from {len(neighbours)} documents of its story",
                             "day", year[0], year[0], u.partial)  # the dateline's own day: only its year is the story's
        if got is None:
            got = date_from_story([m.mention() for m in said[u.id] if m.reporting], neighbours,
                                  _own_range(u.how, u.evidence, u.precision, u.low, u.high))
        if got is not None:
            yield datings.found(u.id, got)


def _story_prepare(db: Any) -> None:
    datings.prepare_stage(db, "story")


#: Cross-document dating by story (documents.story, stories.py): an undated document
#: whose text names a weekday or a date gets the day that pins among its story's dates; a
#: yearless dateline gets its year from them. Only documents dated by their own evidence
#: (and the stages before) are neighbours. A group-by of the story's documents and its
#: undated documents' date mentions, then each dated document's datings chosen again.
STORY_DATES = Plan(
    name="story dates",
    reads=(
        Read("dated", "select id, story, published from documents where published is not null "
                      "and coalesce(published_precision, 'day') = 'day' and story in ("
                      "select story from documents where published is null and story is not null)", StoryDated),
        Read("undated", "select id, story, published_how, published_evidence, published_precision, published_low, "
                        "published_high, published_partial from documents where published is null and story is not null",
             StoryUndated),
        Read("mentions", date_rows("d.story", f"m.doc_id in ({_UNDATED})"), DateRow),
        *datings.record_reads(_UNDATED),
    ),
    steps=(
        Group("found", [("dated", lambda d: d.story), ("undated", lambda u: u.story), ("mentions", lambda m: m.group)],
              _story_dates),
        datings.record_step("story"),
    ),
    writes=(),
    updates=datings.record_updates("recorded"),
    requires=("stories",),
    prepare=_story_prepare,
)
story_stage = STORY_DATES


def _own_range(how, evidence, precision, low, high) -> Optional[Dating]:
    if precision not in ("range", "year"):
        return None
    return Dating(how, evidence, precision, date.fromisoformat(low) if low else None,
                  date.fromisoformat(high) if high else None)


# ----------------------------------------------------------------- events dated by other documents

class EventKey(NamedTuple):
    """A dated event under one of the names its mentions give it (mentions.event_id, the events stage's)."""

    key: str
    label: str
    date: str
    precision: str
    evidence: Optional[str]
    position: int


class NamedAt(NamedTuple):
    """A named event mention in the opening of a document with no day (captions too, as the
    text's own dating reads them)."""

    doc_id: str
    start: int
    end: int
    key: str
    position: int


class NamedDated(NamedTuple):
    """A named mention whose name a dated event goes by: the events it may be ((label, day, evidence))."""

    doc_id: str
    start: int
    end: int
    key: str
    events: tuple


class EventDoc(NamedTuple):
    """A document with no day, and its own dating evidence."""

    id: str
    how: Optional[str]
    evidence: Optional[str]
    precision: Optional[str]
    low: Optional[str]
    high: Optional[str]
    partial: Optional[str]
    position: int


_NO_DAY = "select id from documents where published is null or published_precision in ('range', 'year')"


def _named_dated(key: str, named: list[NamedAt], keyed: list[EventKey]) -> Iterator[NamedDated]:
    events = []
    for e in sorted(keyed, key=lambda e: e.position):
        try:
            day = date.fromisoformat(e.date.split("/")[-1][:10])  # "Feb. 25-26, 1992": the last day, as the text rule
        except ValueError:
            continue
        events.append((e.label, day, f"{e.date}: {e.evidence or 'events table'}"))
    if events:
        for m in named:
            yield NamedDated(m.doc_id, m.start, m.end, key, tuple(events))


def _event_dates(doc_id: str, docs: list[EventDoc], named: list[NamedDated], dates: list[DateRow]
                 ) -> Iterator[datings.Found]:
    """The event dating of one document with no day (see `EVENT_DATES`)."""
    if not docs or not named:
        return
    d = docs[0]
    ms = sorted(named, key=lambda m: m.start)
    dated = {m.key: list(m.events) for m in ms}
    got = date_from_events([r.pair() for r in sorted(dates, key=lambda r: r.start)], ms, dated,
                           _own_range(d.how, d.evidence, d.precision, d.low, d.high),
                           d.partial if d.precision == "no_year" else None)
    if got is not None:
        yield datings.found(doc_id, got)


def _event_prepare(db: Any) -> None:
    # (the mentions are the events stage's, with their events: completing them here would drop those)
    if "date_evidence" not in db["events"].columns_dict:  # (an events table of an older release)
        db["events"].add_column("date_evidence", str)
    datings.prepare_stage(db, "event")


#: Date documents by events the text names whose dates other documents give (the `events`
#: table, events.py): "on the 33rd anniversary of the Khojaly Massacre" in a text that
#: does not date the massacre, with the massacre dated Feb. 26, 1992 in other documents;
#: "the attack Wednesday on Barda" in a document dated only "a Wednesday on or after
#: 2020-10-14", with the Barda attack dated 2020-10-28 elsewhere. A join of the named
#: mentions of documents with no day with the dated events by name, then a co-group per
#: document with its reporting dates, then its datings chosen again.
EVENT_DATES = Plan(
    name="event dates",
    reads=(
        Read("keyed", "select m.key, e.label, e.date, e.date_precision, e.date_evidence from events e "
                      "join (select distinct event_id, key from mentions where event_id is not null) m on m.event_id = e.id "
                      "where e.date_precision in ('day', 'range') and e.date not like '..%' and e.date not like '%/..' "
                      "order by e.id, m.key", EventKey),
        Read("named", f"select doc_id, start, [end], key from mentions where [end] <= {SCAN_CHARS} and doc_id in ({_NO_DAY})",
             NamedAt),
        Read("docs", "select id, published_how, published_evidence, published_precision, published_low, published_high, "
                     f"published_partial from documents where id in ({_NO_DAY})", EventDoc),
        Read("dates", date_rows("m.doc_id", f"m.reporting and m.doc_id in ({_NO_DAY})"), DateRow),
        *datings.record_reads(_NO_DAY),
    ),
    steps=(
        Group("named_dated", [("named", lambda m: m.key), ("keyed", lambda e: e.key)], _named_dated),
        Group("found", [("docs", lambda d: d.id), ("named_dated", lambda m: m.doc_id), ("dates", lambda r: r.doc_id)],
              _event_dates),
        datings.record_step("event"),
    ),
    writes=(),
    updates=datings.record_updates("recorded"),
    requires=("events",),
    prepare=_event_prepare,
)
event_stage = EVENT_DATES


def date_from_events(dates: Union[str, list[tuple[DateMention, dict[str, Any]]]], named: list,
                     dated: dict[str, list[tuple[str, date, str]]],
                     within: Optional[Dating] = None, partial: Optional[str] = None) -> Optional[Dating]:
    """The day an anniversary or a weekday pins by an event dated elsewhere (see
    `event_stage`; `dates`: the document's reporting dates with their `date_mentions` rows,
    or its text; `named`: the text's named mentions (mentions.named_events); `dated`: name -> (label, day,
    where that date comes from)). `within`: the document's own range; the day must fall in it;
    `partial`: its yearless dateline's day ("--03-12"), which the day must be."""
    pairs = opening_dates(dates) if isinstance(dates, str) else dates
    mentions = [m for m, _ in pairs]

    def event_at(start: int, end: int, year: Optional[int] = None):
        for m in named:
            if start <= m.start < end or m.start <= start < m.end:
                found = [e for e in dated.get(m.key, []) if year is None or e[1].year == year]
                if len(found) == 1:
                    return m, found[0]
        return None

    def fits(day: date) -> bool:
        if partial and f"--{day.month:02d}-{day.day:02d}" != partial:
            return False  # a yearless dateline ("PORT VELLIN, March 12") names the day
        return within is None or (within.low or date.min) <= day <= (within.high or date.max)

    own = f"{within.evidence} + " if within is not None else ""
    # an anniversary of an event dated elsewhere
    for m, row in pairs:
        if m.kind != "anniversary" or not m.ordinal or m.event_start is None or m.event_end is None:
            continue
        hit = event_at(m.event_start, m.event_end)
        if hit is None:
            continue
        _, (label, when, evidence) = hit
        got = anniversary_day(mentions, m, when)
        if got is not None and fits(got[0]):
            day, weekday = got
            return Dating("event", f"{own}{row['phrase']} + the {label} dated {evidence}{weekday}",
                          "day", day, day)
    # a weekday of an event dated elsewhere to that weekday: inside the event's phrase ("the
    # attack Wednesday on Barda", "Tuesday's Veldra fire"), or anywhere in its sentence when
    # the document's own evidence already gives a range that the day must fall in
    years = [m.year for m in mentions if m.year]
    for w, row in pairs:
        if w.kind != "weekday" or w.weekday is None:
            continue
        hit = event_at(row["period_start"], row["period_end"])
        if hit is None:
            continue
        m, (label, when, evidence) = hit
        if when.weekday() != w.weekday or not fits(when):
            continue
        attached = m.start <= w.start and w.end <= m.end or 0 <= m.start - w.end <= min(2, row["space_after"])
        if within is None and not attached:
            continue  # "the inquiry into the Veldra fire on Tuesday, a week after": another day's Tuesday
        if within is None and any(y > when.year for y in years):
            continue  # the text is written later than the event: its weekday may be another's
        said = f"{own}{w.text} + the {label} dated {evidence}"
        return Dating("event", said, "day", when, when)
    return None

