"""What a date expression denotes: the days of a `timex.DateMention` against a reference day.

One job: calendar arithmetic. `resolve(mention, ref)` -> (first, last) inclusive, or None.

Conventions: a date without a year is the closest such day on or before the reference (news
speaks of the past), "next"/"this" shift it to the next/this year; "last Monday" is Monday of the
previous calendar week (Mon-Sun), "next Monday" of the next week, "this past Monday" the latest
before the reference, "coming Monday" the first after it; plain "Monday" the latest on or before
the reference (same day allowed). Relative mentions in months and years denote the whole
month/year (`point=True`: the single day ref + offset, as Recognizers-Text reads "two months
ago"). A holiday without a year (holidays.py) is its latest day on or before the reference;
"last Easter" the latest before it, "next Easter" the first after it, "this Easter" the one of the
reference's year.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from typing import Optional, cast

from .holidays import holiday
from .timex import DateMention, valid_day

__all__ = ["resolve"]


def _add_months(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return _dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _month_span(y: int, m: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(y, m, 1), _dt.date(y, m, calendar.monthrange(y, m)[1])


def _latest_md(mo: int, d: int, ref: _dt.date, strict: bool = False) -> Optional[_dt.date]:
    """The latest date month mo, day d on or before ref (before, if strict)."""
    for y in range(ref.year, ref.year - 9, -1):
        if valid_day(y, mo, d):
            c = _dt.date(y, mo, d)
            if c < ref or c == ref and not strict:
                return c
    return None


def _week_start(d: _dt.date) -> _dt.date:
    return d - _dt.timedelta(days=d.weekday())


def resolve(m: DateMention, ref: _dt.date, *, point: bool = False) -> Optional[tuple[_dt.date, _dt.date]]:
    """The interval of days (first, last; inclusive) that `m` denotes relative to the reference date
    `ref` (the publication date), or None when it cannot be resolved (anniversaries need the event's
    date; impossible dates). `point=True`: a relative mention is the single day ref + offset even in
    weeks, months and years ("two months ago" -> that day, as Recognizers-Text resolves it)."""
    if isinstance(ref, _dt.datetime):
        ref = ref.date()
    try:
        return _resolve(m, ref, point)
    except (ValueError, OverflowError):
        return None


def _resolve(m: DateMention, ref: _dt.date, point: bool) -> Optional[tuple[_dt.date, _dt.date]]:
    k = m.kind
    d: Optional[_dt.date]
    if k == "date":
        day = cast(int, m.day)  # timex gives every "date" mention a day
        if m.year is not None and m.month:
            d = _dt.date(m.year, m.month, day)
            return d, d
        if m.month:
            if m.offset is not None:
                d = _dt.date(ref.year + m.offset, m.month, day)
            else:
                d = _latest_md(m.month, day, ref)
            return (d, d) if d else None
        cur = _dt.date(ref.year, ref.month, 1)  # day of month only, maybe with a weekday
        for _ in range(60):
            if valid_day(cur.year, cur.month, day):
                c = _dt.date(cur.year, cur.month, day)
                if c <= ref and (m.weekday is None or c.weekday() == m.weekday):
                    return c, c
            cur = _add_months(cur, -1)
        return None
    if k == "month":
        month = cast(int, m.month)  # timex gives every "month" mention a month
        if m.year is not None:
            return _month_span(m.year, month)
        if m.offset is not None:
            return _month_span(ref.year + m.offset, month)
        return _month_span(ref.year if month <= ref.month else ref.year - 1, month)
    if k == "year":
        year = cast(int, m.year)  # timex gives every "year" mention a year
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    if k == "season":
        y = m.year
        if y is None:
            last_start = ref.year if (m.month, 1) <= (ref.month, ref.day) else ref.year - 1
            y = (ref.year + m.offset) if m.offset is not None else last_start
        first = _dt.date(y, cast(int, m.month), 1)  # timex gives every "season" mention a month
        return first, _add_months(first, 3) - _dt.timedelta(days=1)
    if k == "range":
        return _resolve_range(m, ref)
    if k == "weekday":
        w = cast(int, m.weekday)  # timex gives every "weekday" mention a weekday
        off = cast(int, m.offset)  # set whenever unit is "week" or "occurrence" (the only branches using it)
        if m.unit == "week":
            d = _week_start(ref) + _dt.timedelta(days=7 * off + w)
        elif m.unit == "occurrence" and off > 0:
            d = ref + _dt.timedelta(days=(w - ref.weekday() - 1) % 7 + 1)
        elif m.unit == "occurrence":
            d = ref - _dt.timedelta(days=(ref.weekday() - w - 1) % 7 + 1)
        else:
            d = ref - _dt.timedelta(days=(ref.weekday() - w) % 7)
        return d, d
    if k == "holiday":
        d = _holiday_near(cast(str, m.unit), m.offset, ref)  # a "holiday" mention's unit is its key
        return (d, d) if d else None
    if k == "relative":
        n, u = cast(int, m.offset), m.unit  # timex gives every "relative" mention an offset
        if u == "day":
            d = ref + _dt.timedelta(days=n)
            return d, d
        if u == "week":
            if point:
                d = ref + _dt.timedelta(days=7 * n)
                return d, d
            s = _week_start(ref) + _dt.timedelta(days=7 * n)
            return s, s + _dt.timedelta(days=6)
        if u == "weekend":
            s = _week_start(ref) + _dt.timedelta(days=7 * n + 5)
            return s, s + _dt.timedelta(days=1)
        if u == "month":
            d = _add_months(ref, n)
            return (d, d) if point else _month_span(d.year, d.month)
        if u == "year":
            if point:
                d = _add_months(ref, 12 * n)
                return d, d
            return _dt.date(ref.year + n, 1, 1), _dt.date(ref.year + n, 12, 31)
    return None


def _resolve_range(m: DateMention, ref: _dt.date) -> Optional[tuple[_dt.date, _dt.date]]:
    ys, ye = m.year, m.end_year
    if ys is None:  # no year stated: the latest such range starting on or before ref
        st = _latest_md(m.month, m.day or 1, ref) if m.month else None
        if st is None:
            return None
        ys = st.year
        ye = ys if ((m.end_month or 12), (m.end_day or 31)) >= (m.month, m.day or 1) else ys + 1
    if ye is None:
        ye = ys
    if m.month is None:
        first = _dt.date(ys, 1, 1)
    else:
        first = _dt.date(ys, m.month, m.day or 1)
    if m.end_month is None:
        last = _dt.date(ye, 12, 31)
    elif m.end_day is None:
        last = _month_span(ye, m.end_month)[1]
    else:
        last = _dt.date(ye, m.end_month, m.end_day)
    return (first, last) if first <= last else None


def _holiday_near(name: str, offset: Optional[int], ref: _dt.date) -> Optional[_dt.date]:
    """A yearless holiday: the one on or before ref (offset None), before it (-1), after it (+1),
    or in its year (0)."""
    days = [d for d in (holiday(name, y) for y in range(ref.year - 2, ref.year + 3)) if d]
    if offset == 0:
        return next((d for d in days if d.year == ref.year), None)
    if offset is not None and offset > 0:
        return next((d for d in days if d > ref), None)
    before = [d for d in days if d < ref or d == ref and offset is None]
    return before[-1] if before else None
