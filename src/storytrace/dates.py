"""When was it published? Dating a document from its text, with the evidence.

One job: the per-document dates analyser. Metadata and the ` date` header are read
at ingest; this module looks at the text (timex.py finds the date expressions) and
says what the evidence allows, never more:

- a dateline ("Ankara, February 23, AZERTAC") dates the article to that day; a
  dateline without a year takes its year from the text ("25 years ago" after a 1992
  event);
- an anniversary ("on the 33rd anniversary of the Khojaly Massacre") of an event
  whose date the text gives ("Feb. 26, 1992") dates it to the anniversary day, moved
  to the latest weekday the text reports around it ("the ministry ... on Thursday");
- "N years ago" after a dated event gives the year;
- a date in the URL's path ("/2016/11/13/") is the publisher's own and comes first;
- weekdays ("on Wednesday") after the latest date the text mentions ("since October
  10, 2020") give a range: a Wednesday after that day.

A document with a metadata or header date keeps it; when its text dates it to another
day, `date_conflict` says so (flagged, not hidden).

Across documents (stages run on the ledger): a yearless dateline takes its year from
the documents it shares passages with (`neighbour_stage`) or from its story; an undated
document whose text names a weekday or a date gets the day that pins among its story's
dates (`story_stage`, `published_how = story`). Outlets' article ids: serials.py.
Each of these stages writes its answers as rows of the `datings` table (datings.py),
which chooses the document's date from all of them; none overwrites another's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable, Optional

from . import datings
from .model import Annotations, Document
from .segments import SegmentIndex, segments
from .timex import DateMention, find_dates

DATELINE_ZONE = 160  # a dateline sits at the very start of the article
SCAN_CHARS = 30_000  # dating evidence is read from the first 30,000 characters (long articles: their opening)


@dataclass
class Dating:
    """What the text says about the publication date."""

    how: str  # dateline, stamp, anniversary, relative, weekday (story, serial, event: across documents)
    evidence: str  # the exact text(s) that date it, " + "-joined
    precision: str  # day, year, range
    low: Optional[date] = None
    high: Optional[date] = None  # None: open
    partial: Optional[str] = None  # a yearless day ("--03-12") when that is all the text gives

    @property
    def day(self) -> Optional[date]:
        return self.low if self.precision == "day" else None

    def fields(self) -> dict:
        return {
            "published": self.low.isoformat() if self.precision == "day" and self.low else None,
            "published_how": self.how,
            "published_evidence": self.evidence,
            "published_precision": self.precision,
            "published_low": self.low.isoformat() if self.low else None,
            "published_high": self.high.isoformat() if self.high else None,
            "published_partial": self.partial,
        }


def analyse_dates(doc: Document) -> Annotations:
    """The dates analyser (pure): date a document from its URL or text, or check its metadata date."""
    dating = date_from_url(doc.url) or date_from_text(doc.text)
    out = Annotations(doc.id)
    if doc.published:
        out.document_updates["published_precision"] = "day"
        out.document_updates["published_low"] = out.document_updates["published_high"] = doc.published[:10]
        conflict = _conflict(doc.published, dating)
        if conflict:
            out.document_updates["date_conflict"] = conflict
    elif dating is not None:
        out.document_updates.update(dating.fields())
    return out


#: Evidence strong enough to contradict a metadata date.
CONFLICT_EVIDENCE = ("url", "dateline", "anniversary", "relative")

# A publisher's own date in its URL: /2017/12/30/, /2018/feb/05/, /201801/02/, /20171230/,
# or a path segment that opens with the date (/201712311060451579-...).
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[/-](\d{1,2})(?=[/-]|$)"
    r"|/((?:19|20)\d\d)(\d\d)/(\d\d)(?=/)"
    r"|(?<![\d])((?:19|20)\d\d)(\d\d)(\d\d)(?![\d])"
    r"|/((?:19|20)\d\d)(\d\d)(\d\d)(?=\d{4,}[^/]*(?:/|$))",
    re.IGNORECASE,
)


def date_from_url(url: Optional[str]) -> Optional[Dating]:
    """The day a URL's path gives ('/2016/11/13/…', '/2018/feb/05/…'), as htmldate reads it."""
    if not url:
        return None
    path = url.split("://", 1)[-1].split("/", 1)[-1] if "/" in url.split("://", 1)[-1] else ""
    for m in _URL_DATE.finditer("/" + path.split("?", 1)[0]):
        y, mo, d = next(m.groups()[i : i + 3] for i in range(0, 12, 3) if m.group(i + 1))
        month = _MONTHS.get(mo.lower()) if mo.isalpha() else int(mo)
        day = _safe(int(y), month or 0, int(d))
        if day is not None:
            return Dating("url", m.group(0).strip("/"), "day", day, day)
    return None


def _conflict(published: str, dating: Optional[Dating]) -> Optional[str]:
    if dating is None or dating.how not in CONFLICT_EVIDENCE:
        return None
    try:
        meta = date.fromisoformat(published[:10])
    except ValueError:
        return None
    low = dating.low or date.min
    high = dating.high or date.max
    slack = timedelta(days=1) if dating.precision == "day" else timedelta(0)
    if low - slack <= meta <= high + slack:
        return None
    said = dating.low.isoformat() if dating.precision == "day" else f"{dating.low or '…'} to {dating.high or '…'}"
    source = "its URL" if dating.how == "url" else "the text"
    return f"{source} dates it {said} ({dating.how}: {dating.evidence!r}), not {published[:10]}"


# ----------------------------------------------------------------- the evidence

_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w.'’ -]{1,40},[ \t]*(?:[A-Z][\w.'’ -]{1,30},[ \t]*)?$")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*[A-Z][\w&.-]*(?:[ \t][A-Z][\w&.-]*){0,3}\b|\([^)\n]{1,30}\)|[ \t]*[-–—:.])")


def _full(m: DateMention) -> Optional[date]:
    """The day of a mention that states day, month and year (a range: its last day)."""
    y, mo, d = m.year, m.month, m.day
    if m.kind == "range" and m.end_day:
        y, mo, d = m.end_year or m.year, m.end_month or m.month, m.end_day
    if y and mo and d:
        try:
            return date(y, mo, d)
        except ValueError:
            return None
    return None


def _safe(y: int, mo: int, d: int) -> Optional[date]:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def reporting_dates(text: str) -> list[DateMention]:
    """The date expressions that can date a document: not those in its captions, credits and
    teasers (a photo caption's "kidnapped on March 3, 2015", a gallery's "Cyber Monday":
    segments.py), nor weekdays it speaks of as ahead ("three days of mourning starting
    Friday", "will be buried on Friday", "next Friday")."""
    mentions = find_dates(text)
    if not mentions:
        return mentions
    where = SegmentIndex(segments(text))
    return [m for m in mentions if where.kind(m.start) not in NOT_DATING and not _ahead(text, m)]


#: Furniture whose dates are not the page's: captions, credits, teasers (an embedded post's
#: stamp is when it was posted, which the page quotes as it reports: kept).
NOT_DATING = frozenset({"caption", "credit", "sidebar"})
_AHEAD_BEFORE = re.compile(r"\b(?:starting|from|until|till|through|before|next|coming|will\s+(?:\w+\s+){0,3}?(?:on|by)|"
                           r"(?:set|scheduled|due|planned|expected)\s+(?:for|on))\s+(?:on\s+)?$", re.IGNORECASE)


def _ahead(text: str, m: DateMention) -> bool:
    """A weekday the text speaks of as ahead of it."""
    if m.kind != "weekday":
        return False
    if (m.offset or 0) > 0:
        return True
    return _AHEAD_BEFORE.search(text, max(0, m.start - 40), m.start) is not None


def date_from_text(text: str) -> Optional[Dating]:
    """The publication date the text allows, with its evidence; None if it says nothing."""
    text = text[:SCAN_CHARS]
    mentions = reporting_dates(text)
    if not mentions:
        return None
    dated = [(m, _full(m)) for m in mentions]
    dated = [(m, d) for m, d in dated if d is not None]
    event = _main_event(text, dated)

    # "26 years ago", "nearly 30 years ago" after a dated event: the year of writing
    year_of_writing: Optional[tuple[int, DateMention]] = None
    if event is not None:
        for m in mentions:
            # "26 years ago" (not "last year", which need not be the dated event's year)
            if m.kind == "relative" and m.unit == "year" and m.offset and m.offset < 0 and not m.approx and "ago" in m.text.lower():
                year_of_writing = (event[1].year - m.offset, m)
                break

    # 1. a dateline
    yearless: Optional[Dating] = None
    for m in mentions:
        if m.start > DATELINE_ZONE or m.kind != "date" or not (m.month and m.day):
            continue
        if not (_DATELINE_BEFORE.search(text, 0, m.start) and _DATELINE_AFTER.match(text, m.end)):
            continue
        year = m.year
        evidence = m.text
        line = text[text.rfind("\n", 0, m.start) + 1 : m.end]
        if year is None and year_of_writing is not None:
            year, ym = year_of_writing
            evidence = f"{line.strip()} + {ym.text} + {event[0].text}"  # type: ignore[index]
        elif year is None:  # "PORT VELLIN, March 12": the year may come from other documents
            yearless = yearless or Dating("dateline", line.strip(), "no_year", partial=f"--{m.month:02d}-{m.day:02d}")
            continue
        else:
            evidence = line.strip()
        d = _safe(year, m.month, m.day)
        if d:
            return Dating("dateline", evidence, "day", d, d)

    # 1b. the page's own stamp ("Published: August 7, 2012", "Posted on Thu Jun 13, 2013")
    stamp, updated = _labelled(text, mentions)
    if stamp is not None:
        return stamp

    # 2. an anniversary of an event the text dates
    for m in mentions:
        if m.kind != "anniversary" or not m.ordinal:
            continue
        # the event it names, else (only when it names one: "its 50th anniversary" names none) the text's main event
        ev = _event_of(text, m, dated) or (event if m.event_start is not None else None)
        if ev is None:
            continue
        got = _anniversary_day(mentions, m, ev[1])
        if got is None:
            continue
        day, weekday = got
        return Dating("anniversary", f"{text[m.start : m.event_end or m.end]} + {ev[0].text}{weekday}", "day", day, day)

    # 3. a date the text pins by its weekday ("Saturday, Feb. 3, 2018"; "on Sunday" and "Feb. 4"
    #    in a text whose latest year is 2018): the news day; the latest such date
    pinned = _weekday_pinned(mentions, dated)
    if pinned is not None:
        d, evidence = pinned
        return Dating("weekday", evidence, "day", d, d)

    # 4. years ago: the year
    if year_of_writing is not None:
        year, ym = year_of_writing
        return Dating("relative", f"{ym.text} + {event[0].text}", "year", date(year, 1, 1), date(year, 12, 31))  # type: ignore[index]

    # 5. a weekday after the latest day the text says is past ("since October 10, 2020"): a range
    weekdays = [m for m in mentions if m.kind == "weekday" and m.weekday is not None]
    past = [(m, d) for m, d in dated if _SINCE.search(text, max(0, m.start - 12), m.start)]
    if weekdays and past:
        latest_m, latest = max(past, key=lambda md: md[1])
        w = weekdays[0]
        first = latest + timedelta(days=(w.weekday - latest.weekday()) % 7 or 7)  # type: ignore[operator]
        return Dating("weekday", f"{w.text} + {latest_m.text}", "range", first, None)
    return yearless or updated


_LABEL = re.compile(r"\b(?P<label>first\s+published|published|posted|date|last\s+updated|updated|last\s+modified|modified)"
                    r"(?:\s+(?:on|at))?\s*[:\-–—]?\s*\Z", re.IGNORECASE)
LABEL_ZONE = 1000  # a page's "Published:" / "Updated:" stamp sits in its first lines


def _labelled(text: str, mentions: list[DateMention]) -> tuple[Optional[Dating], Optional[Dating]]:
    """A date the page labels as its publication ("Published: August 7, 2012", "Posted on
    Thu Jun 13, 2013", "First published: June 13, 2013"): the day (`stamp`). A date labelled
    only as an update ("Updated: 2016-07-15 13:14") says the article existed then: published
    on or before that day (a range open before). The label must come right before the date
    ("Posted by RT Play on Monday, April 4, 2016" is an embedded post, not the page's) and
    open its line or a "|" part of it ("a safety report published on March 3, 2021" in a
    sentence is not the page's stamp), or be a capitalised label with a colon."""
    updated: Optional[Dating] = None
    for m in mentions:
        if m.start > LABEL_ZONE:
            break
        d = _full(m)
        if d is None or m.kind != "date":
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        label = _LABEL.search(text, max(line_start, m.start - 40), m.start)
        if label is None:
            continue
        # the page's furniture, not a sentence: the label opens the line (or a "|" / "•" part of
        # it: "By Jane Doe | Published: ..."), or is a capitalised "Updated:" after a headline
        lead = text[line_start : label.start()]
        if not (_STAMP_LEAD.search(lead) or label.group("label")[0].isupper() and ":" in text[label.start() : m.start]):
            continue
        evidence = text[label.start() : m.end].strip()
        if label.group("label").lower().endswith(("updated", "modified")):
            updated = updated or Dating("stamp", evidence, "range", None, d)
            continue
        return Dating("stamp", evidence, "day", d, d), updated
    return None, updated


_STAMP_LEAD = re.compile(r"(?:^|[|•·])[\s*•·>]*\Z")


_SINCE = re.compile(r"\b(?:since|after|following)\s+(?:the\s+)?$", re.IGNORECASE)


def _weekday_pinned(mentions: list[DateMention], dated) -> Optional[tuple[date, str]]:
    """The latest date the text gives, when the text also says its weekday on its own
    ("on Sunday" ... "Feb. 4, 2018"): the day the news happened. An old date with its
    weekday inside it ("Monday, April 4, 2016", typical of embedded posts) does not count,
    nor does any date earlier than another the text gives, or than a year it names."""
    if not dated:
        return None
    m, d = max(dated, key=lambda md: md[1])
    if m.kind != "date":
        return None
    if any(x.year and x.year > d.year + 1 for x in mentions):
        return None  # "On July 1, 1971, Hoover promoted Felt" in a piece that also speaks of 2005
    for w in mentions:
        if w.kind == "weekday" and w.weekday == d.weekday() and not (m.start <= w.start < m.end):
            return d, f"{m.text} + {w.text}"
    return None


def _main_event(text: str, dated: list[tuple[DateMention, date]]) -> Optional[tuple[DateMention, date]]:
    """The event the article is about: the earliest full date it gives (a past event)."""
    if not dated:
        return None
    return min(dated, key=lambda md: md[1])


_WORD = re.compile(r"[A-Z][\w’'-]+|\b\w{5,}\b")


def _event_of(text: str, anniversary: DateMention, dated) -> Optional[tuple[DateMention, date]]:
    """The dated mention of the event an anniversary names, by the words they share."""
    if anniversary.event_start is None or anniversary.event_end is None:
        return None
    words = {w.lower() for w in _WORD.findall(text[anniversary.event_start : anniversary.event_end])} - {"anniversary"}
    best = None
    for m, d in dated:
        s = text.rfind("\n", 0, m.start) + 1
        e = text.find("\n", m.end)
        context = text[s : e if e >= 0 else len(text)].lower()
        score = sum(w in context for w in words)
        if score and (best is None or score > best[0] or (score == best[0] and d < best[2])):
            best = (score, m, d)
    return (best[1], best[2]) if best else None


def _anniversary_day(mentions: list[DateMention], m: DateMention, when: date) -> Optional[tuple[date, str]]:
    """The day of anniversary mention `m` of an event on `when`, moved to the latest weekday
    the text reports just after it: (day, " + the weekday's words" or "")."""
    day = _safe(when.year + (m.ordinal or 0), when.month, when.day)
    if day is None:
        return None
    best, weekday = _latest_weekday_near(mentions, day)
    if weekday is not None and best > day:
        return best, f" + {weekday.text}"
    return day, ""


def _latest_weekday_near(mentions: list[DateMention], day: date) -> tuple[date, Optional[DateMention]]:
    """The latest day named by a weekday within the week from `day` (news reports what
    happened since the anniversary: 'the ministry released a statement on Thursday')."""
    best, which = day, None
    for m in mentions:
        if m.kind == "weekday" and m.weekday is not None:
            delta = (m.weekday - day.weekday()) % 7
            if delta <= 3:  # a statement the day after, not a week later
                d = day + timedelta(days=delta)
                if d > best:
                    best, which = d, m
    return best, which


# ----------------------------------------------------------------- across documents

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
        d = _safe(year, month, day)
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
    rows = db.execute(
        "select id, published_partial, published_evidence, text from documents "
        "where published is null and published_partial is not null"
    ).fetchall()
    found: list[tuple[str, Dating]] = []
    for doc_id, partial, evidence, text in rows:
        neighbours = [
            (nid, date.fromisoformat(pub[:10]))
            for nid, pub in db.execute(
                "select d.id, d.published from reuse r join documents d "
                "on d.id = case when r.source_doc = ? then r.target_doc else r.source_doc end "
                "where (r.source_doc = ? or r.target_doc = ?) and r.kind != 'boilerplate' and d.published is not null",
                [doc_id, doc_id, doc_id],
            )
        ]
        weekdays = _weekdays_of_dateline(text[:SCAN_CHARS], partial)
        got = date_from_neighbours(partial, neighbours, weekdays)
        if got is None:
            continue
        day, nid = got
        found.append((doc_id, Dating("dateline", f"{evidence} + year {day.year} from document {nid} (a shared passage)",
                                     "day", day, day, partial)))
    dated = datings.record(db, "passages", found)
    return {"dated_from_neighbours": dated}


def _weekdays_of_dateline(text: str, partial: str) -> set[int]:
    """Weekdays the text names ("rose to 19 on Wednesday"): the news day must be one of them."""
    return {m.weekday for m in find_dates(text) if m.kind == "weekday" and m.weekday is not None}


STORY_MIN = 1  # dated documents of the story needed (the text must still pin the day)
STORY_SPREAD = 1  # ... within this many days of their median, and a majority of the story's dated documents
STORY_BEFORE = 1  # days before the story's earliest dated document a pinned day may fall (named in the lead)
STORY_LEAD = 600  # characters: the lead, whose first weekday is the news day


def date_from_story(text: str, neighbours: list[tuple[str, date]], within: Optional[Dating] = None) -> Optional[Dating]:
    """The day a document's own words pin among the dates of its story (`neighbours`:
    (doc id, day) of the story's other documents dated from their own evidence).

    The story's dates must agree (at least STORY_MIN documents within STORY_SPREAD days of
    their median, and most of them); then a full date the text gives inside that
    window ("February 5, 2018"), else the latest of the days in the window that a
    weekday the text names pins ("on Tuesday ... on Thursday"), is the news day. The text must pin the day: a story's
    dates alone are not evidence of a day. The lead's first weekday must be one of the
    window's days (else the document reports another day: another story), and a day
    before every dated report of the story counts only when the lead names it. `within`: a range the document's own
    evidence already allows; the day must fall in it."""
    if len(neighbours) < STORY_MIN:
        return None
    ordered = sorted(neighbours, key=lambda nd: nd[1])
    median = ordered[len(ordered) // 2][1]
    close = [(i, d) for i, d in ordered if abs((d - median).days) <= STORY_SPREAD]
    if len(close) < STORY_MIN or 2 * len(close) <= len(ordered):
        return None
    lo, hi = close[0][1] - timedelta(days=STORY_BEFORE), close[-1][1] + timedelta(days=1)
    said = f"{len(close)} documents of its story dated {close[0][1]}..{close[-1][1]}"
    mentions = reporting_dates(text[:SCAN_CHARS])
    full = [(m, d) for m, d in ((m, _full(m)) for m in mentions) if d is not None]
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
    for doc_id, story, text, how, evidence, precision, low, high, partial in db.execute(
            "select id, story, text, published_how, published_evidence, published_precision, published_low, "
            "published_high, published_partial from documents where published is null and story is not null").fetchall():
        neighbours = [nd for nd in by_story.get(story, []) if nd[0] != doc_id]
        got: Optional[Dating] = None
        if partial:
            year = date_from_neighbours(partial, neighbours, _weekdays_of_dateline(text[:SCAN_CHARS], partial))
            if year is not None and len(neighbours) >= STORY_MIN:
                got = Dating("story", f"{evidence} + year {year[0].year} from {len(neighbours)} documents of its story",
                             "day", year[0], year[0])
        if got is None:
            got = date_from_story(text, neighbours, _own_range(how, evidence, precision, low, high))
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
    from .events import named_events  # events.py is the later module; named mentions are its concept

    datings.clear(db, "event")
    dated: dict[str, list[tuple[str, date, str]]] = {}  # a name -> (label, day, evidence) of the events it names
    evidence_column = "date_evidence" if "date_evidence" in db["events"].columns_dict else "null"
    for label, place, when, precision, evidence in db.execute(
            f"select label, place, date, date_precision, {evidence_column} from events where place is not null "
            "and date_precision in ('day', 'range') and date not like '..%' and date not like '%/..'"):
        try:
            day = date.fromisoformat(when.split("/")[-1][:10])  # "Feb. 25-26, 1992": the last day, as the text rule
        except ValueError:
            continue
        dated.setdefault(place.lower(), []).append((label, day, f"{when}: {evidence or 'events table'}"))
    if not dated:
        return {"dated_by_events": 0}
    updates: list[tuple[str, Dating]] = []
    for doc_id, text, how, evidence, precision, low, high, partial in db.execute(
            "select id, text, published_how, published_evidence, published_precision, published_low, published_high, "
            "published_partial from documents "
            "where published is null or published_precision in ('range', 'year')").fetchall():
        text = text[:SCAN_CHARS]
        got = date_from_events(text, named_events(text), dated, _own_range(how, evidence, precision, low, high),
                               partial if precision == "no_year" else None)
        if got is not None:
            updates.append((doc_id, got))
    return {"dated_by_events": datings.record(db, "event", updates)}


def date_from_events(text: str, named: list, dated: dict[str, list[tuple[str, date, str]]],
                     within: Optional[Dating] = None, partial: Optional[str] = None) -> Optional[Dating]:
    """The day an anniversary or a weekday pins by an event dated elsewhere (see
    `event_stage`; `named`: events.named_events(text); `dated`: name -> (label, day,
    where that date comes from)). `within`: the document's own range; the day must fall in it;
    `partial`: its yearless dateline's day ("--03-12"), which the day must be."""
    mentions = reporting_dates(text)

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
    for m in mentions:
        if m.kind != "anniversary" or not m.ordinal or m.event_start is None or m.event_end is None:
            continue
        hit = event_at(m.event_start, m.event_end)
        if hit is None:
            continue
        _, (label, when, evidence) = hit
        got = _anniversary_day(mentions, m, when)
        if got is not None and fits(got[0]):
            day, weekday = got
            return Dating("event", f"{own}{text[m.start : m.event_end]} + the {label} dated {evidence}{weekday}",
                          "day", day, day)
    # a weekday of an event dated elsewhere to that weekday: inside the event's phrase ("the
    # attack Wednesday on Barda", "Tuesday's Veldra fire"), or anywhere in its sentence when
    # the document's own evidence already gives a range that the day must fall in
    years = [m.year for m in mentions if m.year]
    for w in mentions:
        if w.kind != "weekday" or w.weekday is None:
            continue
        s0 = text.rfind(".", 0, w.start) + 1
        e0 = text.find(".", w.end)
        hit = event_at(s0, e0 if e0 >= 0 else len(text))
        if hit is None:
            continue
        m, (label, when, evidence) = hit
        if when.weekday() != w.weekday or not fits(when):
            continue
        attached = m.start <= w.start and w.end <= m.end or 0 <= m.start - w.end <= 2 and not text[w.end : m.start].strip()
        if within is None and not attached:
            continue  # "the inquiry into the Veldra fire on Tuesday, a week after": another day's Tuesday
        if within is None and any(y > when.year for y in years):
            continue  # the text is written later than the event: its weekday may be another's
        said = f"{own}{w.text} + the {label} dated {evidence}"
        return Dating("event", said, "day", when, when)
    return None

