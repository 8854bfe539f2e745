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

Across documents (the stages in dating.py, serials.py) the same evidence is read again
against other documents' dates; each writes its answers as rows of the `datings` table
(datings.py), which chooses the document's date from all of them.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Optional, cast

from ..model import Annotations, DateMentionRow, Document, make_id
from ..text.segments import SegmentIndex, segments
from ..text.timex import DateMention, find_dates

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
    """The dates analyser (pure): date a document from its URL or text, or check its metadata
    date; and the `date_mentions` rows of its opening (the dating stages read those, not the text)."""
    text = doc.text[:SCAN_CHARS]
    found = find_dates(text)
    kept = reporting(text, found)
    dating = date_from_url(doc.url) or date_from_text(text, [m for m, k in zip(found, kept) if k])
    out = Annotations(doc.id, date_mentions=date_rows(doc.id, text, found, kept))
    own = dating.evidence if dating is not None and not doc.published and dating.how not in NOT_TEXT else None
    out.document_updates["published_spans"] = json.dumps(piece_spans(text, own))
    if doc.published and dating is not None and _stamped_later(doc.published, dating):
        out.document_updates.update(dating.fields())  # the URL's day: the metadata's is a later stamp (a crawl, an edit)
        out.document_updates["date_conflict"] = f"its metadata says {doc.published[:10]}, after the day in its URL " \
                                                f"({dating.evidence!r}): a later stamp, the URL's day taken"
    elif doc.published:
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
        day = safe_day(int(y), month or 0, int(d))
        if day is not None:
            return Dating("url", m.group(0).strip("/"), "day", day, day)
    return None


def _stamped_later(published: str, dating: Dating) -> bool:
    """A metadata date more than a day after the day its URL gives ("/2026/11/11/" on a page
    stamped 2 December): a publisher puts the day of first publication in the URL, a crawl or
    an edit stamps the metadata later."""
    try:
        meta = date.fromisoformat(published[:10])
    except ValueError:
        return False
    return dating.how == "url" and dating.precision == "day" and dating.low is not None and \
        dating.low < meta - timedelta(days=1) and any(ch in dating.evidence for ch in "/-")  # (not an id's digits)


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
    said = cast(date, dating.low).isoformat() if dating.precision == "day" else f"{dating.low or '…'} to {dating.high or '…'}"
    source = "its URL" if dating.how == "url" else "the text"
    return f"{source} dates it {said} ({dating.how}: {dating.evidence!r}), not {published[:10]}"


# ----------------------------------------------------------------- the evidence

_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w.'’ -]{1,40},[ \t]*(?:[A-Z][\w.'’ -]{1,30},[ \t]*)?$")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*[A-Z][\w&.-]*(?:[ \t][A-Z][\w&.-]*){0,3}\b|\([^)\n]{1,30}\)|[ \t]*[-–—:.])")


def full_day(m: DateMention) -> Optional[date]:
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


def safe_day(y: int, mo: int, d: int) -> Optional[date]:
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
    return [m for m, k in zip(mentions, reporting(text, mentions)) if k]


def reporting(text: str, mentions: list[DateMention]) -> list[bool]:
    """For each of the text's date expressions (find_dates), whether it can date the
    document (`reporting_dates`)."""
    if not mentions:
        return []
    where = SegmentIndex(segments(text))
    return [where.kind(m.start) not in NOT_DATING and not _ahead(text, m) for m in mentions]


def date_rows(doc_id: str, text: str, mentions: list[DateMention], kept: list[bool]) -> list[DateMentionRow]:
    """The `date_mentions` rows of a text's date expressions (`text`: the opening read,
    SCAN_CHARS), with what the dating stages would otherwise read the text again for: the
    stretch between full stops each stands in, the spaces after it, an anniversary's words."""
    rows = []
    stops = [p.start() for p in re.finditer(r"\.", text)] if mentions else []  # (each full stop found once)
    for m, k in zip(mentions, kept):
        i = bisect.bisect_left(stops, m.start)  # the first full stop at or after the mention's start
        before = stops[i - 1] if i else -1
        j = bisect.bisect_left(stops, m.end, lo=i)
        after = text[m.end : m.end + 3]
        rows.append(DateMentionRow(
            id=make_id(doc_id, "date", m.start), doc_id=doc_id, start=m.start, end=m.end, text=m.text, kind=m.kind,
            year=m.year, month=m.month, day=m.day, end_year=m.end_year, end_month=m.end_month, end_day=m.end_day,
            weekday=m.weekday, offset=m.offset, unit=m.unit, approx=m.approx, ordinal=m.ordinal,
            event_start=m.event_start, event_end=m.event_end, time=m.time, reporting=k,
            period_start=before + 1, period_end=stops[j] if j < len(stops) else len(text),
            space_after=len(after) - len(after.lstrip()),
            phrase=text[m.start : m.event_end] if m.event_end is not None else None))
    return rows


def opening_dates(text: str) -> list[tuple[DateMention, dict]]:
    """The reporting dates of a text's opening with their `date_mentions` rows, as the
    dating stages read them from the ledger (for a text given directly)."""
    text = text[:SCAN_CHARS]
    found = find_dates(text)
    kept = reporting(text, found)
    return [(m, r.row()) for m, r in zip(found, date_rows("", text, found, kept)) if r.reporting]


#: How a dating is found when its evidence is not words of the text (a metadata field, the
#: URL, a person's note): no spans.
NOT_TEXT = frozenset({"metadata", "header", "url", "correction", None})


def piece_spans(text: str, evidence: Optional[str]) -> dict[str, list[int]]:
    """Where each " + "-joined piece of the evidence first stands verbatim in the text:
    {piece: [start, end]} (pieces of fewer than 3 characters, or that the text does not
    hold, as "year 2016 from document X", have none)."""
    out: dict[str, list[int]] = {}
    for piece in (evidence or "").split(" + "):
        piece = piece.strip()
        at = text.find(piece) if len(piece) >= 3 else -1
        if at >= 0:
            out[piece] = [at, at + len(piece)]
    return out


def from_date_row(row: dict) -> DateMention:
    """A `date_mentions` row back as the DateMention find_dates gave."""
    return DateMention(**{f.name: row[f.name] for f in fields(DateMention)})


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


def date_from_text(text: str, mentions: Optional[list[DateMention]] = None) -> Optional[Dating]:
    """The publication date the text allows, with its evidence; None if it says nothing
    (`mentions`: its reporting dates, when already found)."""
    # long: the evidence read in its order of precedence, one branch per kind, each returning
    text = text[:SCAN_CHARS]
    if mentions is None:
        mentions = reporting_dates(text)
    if not mentions:
        return None
    days = [(m, full_day(m)) for m in mentions]
    dated = [(m, d) for m, d in days if d is not None]
    # the page's own stamps are no event an anniversary or "years ago" counts from
    stamped = _stamped(text, mentions)
    events = [(m, d) for m, d in dated if m.start not in stamped]
    event = _main_event(text, events)

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
        d = safe_day(year, m.month, m.day)
        if d:
            return Dating("dateline", evidence, "day", d, d)

    # 1b. the page's own stamp ("Published: August 7, 2012", "Posted on Thu Jun 13, 2013")
    stamp, updated = _labelled(text, mentions)
    if stamp is not None:
        return stamp
    edition = _edition(text, mentions)  # 1c. an edition's or a bulletin's line ("Radio North - Evening Bulletin,
    if edition is not None:  # 7 p.m. - Sunday, 1 March 2027")
        return edition

    # 2. an anniversary of an event the text dates
    for m in mentions:
        if m.kind != "anniversary" or not m.ordinal:
            continue
        # the event it names, else (only when it names one: "its 50th anniversary" names none) the text's main event
        ev = _event_of(text, m, events) or (event if m.event_start is not None else None)
        if ev is None:
            continue
        got = anniversary_day(mentions, m, ev[1])
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
    return yearless or _edition(text, mentions, yearless=True) or updated


_LABEL = re.compile(r"\b(?P<label>first\s+published|published|posted|date|last\s+updated|updated|last\s+modified|modified)"
                    r"(?:\s+(?:on|at))?\s*[:\-–—]?\s*"
                    # the time of day a stamp may give first ("updated 8:41 p.m. EST, Tue March 3, 2009")
                    r"(?:\d{1,2}\s*[:.]\s*\d\d\s*(?:[ap]\.?\s*m\b\.?)?\s*(?:[A-Za-z]{2,5}\b)?\s*[,\-–—|]?\s*)?\Z",
                    re.IGNORECASE)
LABEL_ZONE = 1000  # a page's "Published:" / "Updated:" stamp sits in its first lines, or its last


def _stamped(text: str, mentions: list[DateMention]) -> set[int]:
    """Where the dates a page labels as its own (published, updated ...) start."""
    return {m.start for m in mentions if _stamp_label(text, m) is not None}


def _stamp_label(text: str, m: DateMention) -> Optional[re.Match]:
    """The label of a date the page stamps itself with, if `m` is one (see `_labelled`): in
    its first lines, or in its last ("Published: November 13, 2026" under the article)."""
    foot = len(text) < SCAN_CHARS and m.start >= len(text) - LABEL_ZONE  # (a text cut at SCAN_CHARS has no foot here)
    if (m.start > LABEL_ZONE and not foot) or m.kind != "date" or full_day(m) is None:
        return None
    line_start = text.rfind("\n", 0, m.start) + 1
    label = _LABEL.search(text, max(line_start, m.start - 40), m.start)
    if label is None:
        return None
    # the page's furniture, not a sentence: the label opens the line (or a "|" / "•" part of
    # it: "By Jane Doe | Published: ..."), or is a capitalised "Updated:" after a headline
    lead = text[line_start : label.start()]
    if not (_STAMP_LEAD.search(lead) or label.group("label")[0].isupper() and ":" in text[label.start() : m.start]):
        return None
    return label


def _labelled(text: str, mentions: list[DateMention]) -> tuple[Optional[Dating], Optional[Dating]]:
    """A date the page labels as its publication ("Published: August 7, 2012", "Posted on
    Thu Jun 13, 2013", "First published: June 13, 2013"): the day (`stamp`). A date labelled
    only as an update ("Updated: 2016-07-15 13:14") says the article existed then: published
    on or before that day (a range open before). The label must come right before the date
    ("Posted by RT Play on Monday, April 4, 2016" is an embedded post, not the page's) and
    open its line or a "|" part of it ("a safety report published on March 3, 2021" in a
    sentence is not the page's stamp), or be a capitalised label with a colon."""
    updated: Optional[Dating] = None
    for m in sorted(mentions, key=lambda m: m.start > LABEL_ZONE):  # (the head's stamps first, then the foot's)
        label = _stamp_label(text, m)
        d = full_day(m)
        if label is None or d is None:
            continue
        evidence = text[label.start() : m.end].strip()
        if label.group("label").lower().endswith(("updated", "modified")):
            updated = updated or Dating("stamp", evidence, "range", None, d)
            continue
        return Dating("stamp", evidence, "day", d, d), updated
    return None, updated


_STAMP_LEAD = re.compile(r"(?:^|[|•·])[\s*•·>]*\Z")

#: A time of day on an edition's line ("7 a.m.", "6 p.m.", "12 noon", "07:00", "at 7").
_TIME_OF_DAY = re.compile(r"\b(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?\s*m\b\.?|\d{1,2}:\d\d\b|noon|midnight|at\s+\d{1,2}\b)",
                          re.IGNORECASE)
#: What may stand between an edition line's last separator and its date: a weekday.
_EDITION_GAP = re.compile(r"[–—|·•-]\s*(?:[A-Z][a-z]+day,?\s*)?\Z")
#: Words that name an edition or a broadcast before its time ("Morning Bulletin, 7 a.m.", "Radio North FM",
#: "7 a.m. news"); an event's line ("Concert – 7 p.m. – Saturday, 6 March 2027") has none.
_EDITION_WORD = re.compile(r"\b(?:bulletin|edition|news|newscast|report|brief|briefing|update|radio|FM|AM|TV|"
                           r"\d{2,3}\.\d)\b", re.IGNORECASE)
EDITION_LINES = 3  # an edition's line is one of a text's first lines
EDITION_CHARS = 140  # ... and a short one


def _edition(text: str, mentions: list[DateMention], yearless: bool = False) -> Optional[Dating]:
    """The day on an edition's or a broadcast's own line ("Radio Pellanor 97.4 - Morning
    Bulletin, 7 a.m. - Saturday, 27 February 2027"): one of the text's first lines, short,
    with a time of day after a word that names an edition or a broadcast, ending with a full
    date after a dash or a bar (a weekday between). With `yearless`, a day and a month
    without the year: a partial date, as a yearless dateline gives.
    A sentence that gives a date and a time ("at 7 p.m. on 27 February 2027, police said")
    is no such line."""
    lines_end = 0
    for _ in range(EDITION_LINES):
        nl = text.find("\n", lines_end)
        lines_end = len(text) if nl < 0 else nl + 1
    for m in mentions:
        d = full_day(m)
        if m.start >= lines_end or m.kind != "date" or (d is None) != yearless or yearless and not (m.month and m.day):
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        nl = text.find("\n", m.end)
        line_end = len(text) if nl < 0 else nl
        line = text[line_start:line_end]
        if len(line) <= EDITION_CHARS and not text[m.end:line_end].strip(" .") and \
                _EDITION_GAP.search(text, line_start, m.start) and (t := _TIME_OF_DAY.search(text, line_start, m.start)) \
                and _EDITION_WORD.search(text, line_start, t.start()):
            if d is None:  # ("Radio North FM - Evening Bulletin, 7 p.m. - Monday 1 March": its year from the
                # documents it shares passages or a story with, as a yearless dateline's)
                return Dating("dateline", line.strip(), "no_year", partial=f"--{m.month:02d}-{m.day:02d}")
            return Dating("stamp", line.strip(), "day", d, d)
    return None


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


def anniversary_day(mentions: list[DateMention], m: DateMention, when: date) -> Optional[tuple[date, str]]:
    """The day of anniversary mention `m` of an event on `when`, moved to the latest weekday
    the text reports just after it: (day, " + the weekday's words" or "")."""
    day = safe_day(when.year + (m.ordinal or 0), when.month, when.day)
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
