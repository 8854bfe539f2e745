"""Dating across documents: the stages that date a document from other documents' dates.

One job: the cross-document dating stages. Each reads the per-document evidence
(dates.py: the text's own datelines, weekdays and dates; its date expressions are the
`date_mentions` rows: no stage reads the texts again) against other documents' dates
and writes its answers as rows of the `datings` table (datings.py), which chooses the
document's date from all of them; none overwrites another's.

- `neighbour_stage`: a yearless dateline takes its year from the documents it shares
  passages with (the reuse table);
- `story_stage`: an undated document whose text names a weekday or a date gets the day
  that pins among its story's dates (`published_how = story`);
- `event_stage`: an anniversary or a weekday of an event that other documents date
  (the `events` table).

Outlets' article ids: serials.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable, Optional, Union

from . import datings
from ..analyse.dates import SCAN_CHARS, Dating, anniversary_day, full_day, opening_dates, reporting_dates, safe_day
from .annotated import complete, date_mentions
from ..text.timex import DateMention

NEIGHBOUR_DAYS = 183  # a yearless day is placed in the year that puts it nearest its neighbours


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


def neighbour_stage(db: Any) -> dict[str, int]:
    """Cross-document dating: give a yearless dateline its year from the documents it
    shares passages with (the reuse table). The evidence names that document."""
    datings.clear(db, "passages")
    complete(db, "date_mentions")
    rows = db.execute(
        "select id, published_partial, published_evidence from documents "
        "where published is null and published_partial is not null"
    ).fetchall()
    found: list[tuple[str, Dating]] = []
    for doc_id, partial, evidence in rows:
        neighbours = [
            (nid, date.fromisoformat(pub[:10]))
            for nid, pub in db.execute(
                "select d.id, d.published from reuse r join documents d "
                "on d.id = case when r.source_doc = ? then r.target_doc else r.source_doc end "
                "where (r.source_doc = ? or r.target_doc = ?) and r.kind != 'boilerplate' and d.published is not null",
                [doc_id, doc_id, doc_id],
            )
        ]
        got = date_from_neighbours(partial, neighbours, _weekdays(db, doc_id))
        if got is None:
            continue
        day, nid = got
        found.append((doc_id, Dating("dateline", f"{evidence} + year {day.year} from document {nid} (a shared passage)",
                                     "day", day, day, partial)))
    dated = datings.record(db, "passages", found)
    return {"dated_from_neighbours": dated}


def _weekdays(db: Any, doc_id: str) -> set[int]:
    """Weekdays the text names ("rose to 19 on Wednesday"): the news day must be one of them."""
    return {m.weekday for m, _ in date_mentions(db, doc_id) if m.kind == "weekday" and m.weekday is not None}


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


def story_stage(db: Any) -> dict[str, int]:
    """Cross-document dating by story (documents.story, stories.py): an undated document
    whose text names a weekday or a date gets the day that pins among its story's
    dates; a yearless dateline gets its year from them. Only documents dated by their own
    evidence are neighbours."""
    datings.clear(db, "story")
    by_story: dict[str, list[tuple[str, date]]] = {}
    for doc_id, story, pub in db.execute(
            "select id, story, published from documents where story is not null and published is not null "
            "and coalesce(published_precision, 'day') = 'day'"):
        try:
            by_story.setdefault(story, []).append((doc_id, date.fromisoformat(pub[:10])))
        except ValueError:
            continue
    updates: list[tuple[str, Dating]] = []
    complete(db, "date_mentions")
    for doc_id, story, how, evidence, precision, low, high, partial in db.execute(
            "select id, story, published_how, published_evidence, published_precision, published_low, "
            "published_high, published_partial from documents where published is null and story is not null").fetchall():
        neighbours = [nd for nd in by_story.get(story, []) if nd[0] != doc_id]
        got: Optional[Dating] = None
        if partial:
            year = date_from_neighbours(partial, neighbours, _weekdays(db, doc_id))
            if year is not None and len(neighbours) >= STORY_MIN:
                got = Dating("dateline", f"{evidence} + year {year[0].year} from {len(neighbours)} documents of its story",
                             "day", year[0], year[0], partial)  # the dateline's own day: only its year is the story's
        if got is None:
            got = date_from_story([m for m, _ in date_mentions(db, doc_id, reporting=True)], neighbours,
                                  _own_range(how, evidence, precision, low, high))
        if got is not None:
            updates.append((doc_id, got))
    return {"dated_by_story": datings.record(db, "story", updates)}


def _own_range(how, evidence, precision, low, high) -> Optional[Dating]:
    if precision not in ("range", "year"):
        return None
    return Dating(how, evidence, precision, date.fromisoformat(low) if low else None,
                  date.fromisoformat(high) if high else None)


# ----------------------------------------------------------------- events dated by other documents

def event_stage(db: Any) -> dict[str, int]:
    """Date documents by events the text names whose dates other documents give (the
    `events` table, events.py): "on the 33rd anniversary of the Khojaly Massacre" in a
    text that does not date the massacre, with the massacre dated Feb. 26, 1992 in other
    documents; "the attack Wednesday on Barda" in a document dated only "a Wednesday on
    or after 2020-10-14", with the Barda attack dated 2020-10-28 elsewhere."""
    from .events import mentions_by_document

    datings.clear(db, "event")
    dated: dict[str, list[tuple[str, date, str]]] = {}  # a name -> (label, day, evidence) of the events it names
    evidence_column = "date_evidence" if "date_evidence" in db["events"].columns_dict else "null"
    # each dated event under the names its mentions give it (mentions.event_id, the events stage's)
    for label, key, when, precision, evidence in db.execute(
            f"select e.label, m.key, e.date, e.date_precision, {evidence_column} from events e "
            "join (select distinct event_id, key from mentions where event_id is not null) m on m.event_id = e.id "
            "where e.date_precision in ('day', 'range') and e.date not like '..%' and e.date not like '%/..' "
            "order by e.id, m.key"):
        try:
            day = date.fromisoformat(when.split("/")[-1][:10])  # "Feb. 25-26, 1992": the last day, as the text rule
        except ValueError:
            continue
        dated.setdefault(key, []).append((label, day, f"{when}: {evidence or 'events table'}"))
    if not dated:
        return {"dated_by_events": 0}
    updates: list[tuple[str, Dating]] = []
    named = mentions_by_document(db, reported=False)  # every mention, captions too (as the text's own dating reads)
    complete(db, "date_mentions")
    for doc_id, how, evidence, precision, low, high, partial in db.execute(
            "select id, published_how, published_evidence, published_precision, published_low, published_high, "
            "published_partial from documents where published is null or published_precision in ('range', 'year')"
            ).fetchall():
        ms = [m for m in named.get(doc_id, []) if m.end <= SCAN_CHARS]
        got = date_from_events(date_mentions(db, doc_id, reporting=True), ms, dated,
                               _own_range(how, evidence, precision, low, high), partial if precision == "no_year" else None)
        if got is not None:
            updates.append((doc_id, got))
    return {"dated_by_events": datings.record(db, "event", updates)}


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

