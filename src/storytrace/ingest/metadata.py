"""Article metadata from the inputs' own fields: which field means what, and ISO dates.

One job: map the field names of news-please, trafilatura and Media Cloud records (and
plain `{"id", "text"}`) onto storytrace's, and normalise the dates they carry to ISO
8601 without inventing precision (a date stays a date, a time keeps its zone).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Optional
from urllib.parse import urlsplit

# First field present wins. Order: news-please, trafilatura, Media Cloud, others.
TEXT_FIELDS = ("maintext", "text", "raw_text", "content", "body")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date_publish", "date", "publish_date", "published", "pubdate", "date_published")
URL_FIELDS = ("url", "source_url", "link")
OUTLET_FIELDS = ("source_domain", "media_name", "sitename", "hostname", "outlet", "source")
ID_FIELDS = ("id", "stories_id", "guid", "filename")
LANGUAGE_FIELDS = ("language", "lang")


def first_field(record: dict[str, Any], names: tuple[str, ...]) -> tuple[Optional[str], Any]:
    """(field name, value) of the first named field with a non-empty value."""
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return name, value
    return None, None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MIDNIGHT = re.compile(r"T00:00(?::00(?:\.0+)?)?$")


def iso_date(value: Any) -> Optional[str]:
    """An ISO 8601 date or datetime string for a metadata date value, or None.

    "2018-02-26" stays a date; "2020-10-28 12:00:00" becomes "2020-10-28T12:00:00";
    a zone is kept when given ("2025-03-13T09:30:00+01:00"); RFC 2822 dates
    ("Mon, 26 Feb 2018 10:00:00 GMT") are understood. A naive midnight
    ("2017-12-30T00:00:00", what many crawlers write for a bare date) is reported
    as the date alone: storytrace does not claim a time nobody gave.
    """
    if value is None:
        return None
    dt: Optional[datetime]
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        return value.isoformat()
    elif isinstance(value, (int, float)):
        return None  # epoch numbers are too ambiguous (s? ms?) to trust
    else:
        s = str(value).strip()
        if not s:
            return None
        if _ISO_DATE.match(s):
            try:
                return date.fromisoformat(s).isoformat()
            except ValueError:
                return None
        dt = None
        try:
            dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except (ValueError, OverflowError):
            try:
                dt = parsedate_to_datetime(s)
            except (TypeError, ValueError, IndexError, OverflowError):
                dt = None
        if dt is None:
            return None
    if dt.year < 1000 or dt.year > 2999:
        return None
    out = dt.isoformat()
    if dt.tzinfo is None and _MIDNIGHT.search(out):
        return dt.date().isoformat()
    return out


def outlet_from_url(url: Optional[str]) -> Optional[str]:
    """'https://www.dw.com/en/...' -> 'dw.com'."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def clean_outlet(value: Optional[str]) -> Optional[str]:
    """Outlet names as given, but hostnames without 'www.'."""
    if not value:
        return None
    value = str(value).strip()
    return value[4:] if value.startswith("www.") else value


def record_metadata(record: dict[str, Any]) -> dict[str, Any]:
    """storytrace's metadata fields from a JSON record's own fields."""
    meta: dict[str, Any] = {}
    _, title = first_field(record, TITLE_FIELDS)
    meta["title"] = str(title).strip() if title else None
    _, url = first_field(record, URL_FIELDS)
    meta["url"] = str(url) if url else None
    _, outlet = first_field(record, OUTLET_FIELDS)
    meta["outlet"] = clean_outlet(outlet) if isinstance(outlet, str) else outlet_from_url(meta["url"])
    _, rid = first_field(record, ID_FIELDS)
    meta["record_id"] = str(rid) if rid is not None else None
    _, lang = first_field(record, LANGUAGE_FIELDS)
    meta["language"] = str(lang) if lang else None
    name, raw_date = first_field(record, DATE_FIELDS)
    published = iso_date(raw_date)
    if published:
        meta["published"] = published
        meta["published_how"] = "metadata"
        meta["published_evidence"] = f"{name}: {raw_date}"
    elif raw_date is not None:
        # A date field we cannot read: say so instead of dropping it silently.
        meta["metadata_note"] = f"unreadable {name} {str(raw_date)[:40]!r}"
    read_note = record.get("_storytrace_read_note")  # (sources.READ_NOTE: parts of a deep record not read)
    if read_note:
        meta["metadata_note"] = "; ".join(n for n in (meta.get("metadata_note"), str(read_note)) if n)
    return meta


#: A news agency named by the text: a dateline that ends with it ("Ankara, February 23,
#: AZERTAC"), one that holds it in brackets ("BEIRUT (Reuters) -"), or the agency's own
#: sentence ("..., Trend reports." "Trend reports with reference to the ministry").
_DATELINE_AGENCY = re.compile(
    r"^[ \t]*[A-Z][\w .'’-]{1,40},[ \t]+(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8})(?:,[ \t]+\d{4})?"
    r"[,.]?[ \t]+(?:[/(][ \t]*)?([A-Z][A-Z&-]{1,14}(?:[ \t]+[A-Z][A-Za-z&-]+){0,2})[ \t]*\)?[ \t]*$", re.MULTILINE)
_BRACKET_AGENCY = re.compile(  # a dateline's place in capitals first: "BEIRUT (Reuters) -", "LONDON, March 3 (AFP) -"
    r"^[ \t]*[A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+){0,2}(?:,[^()\n]{1,30})?[ \t]*"
    r"\(([A-Z][\w&.-]{1,20}(?:[ \t][A-Z][\w&.-]+)?)\)[ \t]*[-–—:]", re.MULTILINE)
_REPORTS = re.compile(r"(?:^|[,;][ \t]+)([A-Z][\w&.-]{1,20}(?:[ \t][A-Z][\w&.-]+){0,2})[ \t]+reports"
                      r"(?:[ \t]+(?:with[ \t]+reference[ \t]+to|citing)[^.\n]{0,120})?[ \t]*\.", re.MULTILINE)
_NOT_AGENCIES = frozenset("The A An It He She They We This That Police Officials Witnesses Media Sources".split())


def outlet_in_text(text: str) -> Optional[str]:
    """The outlet or agency an article's opening names as its own (pure): its dateline's
    agency ("Ankara, February 23, AZERTAC" -> AZERTAC; "BEIRUT (Reuters) -" -> Reuters) or
    its "X reports" ("..., Trend reports." -> Trend); None when the opening names none."""
    head = text[:1500]
    for rx in (_DATELINE_AGENCY, _BRACKET_AGENCY, _REPORTS):
        m = rx.search(head)
        if m and m.group(1).split()[0] not in _NOT_AGENCIES:
            return m.group(1).strip()
    return None

