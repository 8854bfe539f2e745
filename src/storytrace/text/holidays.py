"""Holidays by rule: the day a named holiday falls on in a given year.

One job: the calendar of named days that news dates things by ("on Christmas Day", "New
Year's Eve", "Easter Sunday", "over Thanksgiving", "Black Friday 2010"). timex.py finds
the names (`PATTERN`); dayspan.py resolves a yearless one against a reference day.

Fixed days (Christmas, New Year's Eve, Halloween, ...) and days computed from rules:
Easter by the Gregorian computus (Good Friday, Easter Monday from it), US holidays by
their weekday rules (Thanksgiving the fourth Thursday of November, Black Friday the day
after, Memorial Day the last Monday of May, Labor Day the first Monday of September,
Martin Luther King Day the third Monday of January, Presidents' Day the third Monday of
February). Left out on purpose, because the day depends on the country: "Independence
Day", "Labour Day", "Mother's Day"; and lunar holidays (Eid, Lunar New Year, Diwali).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Callable, Optional

__all__ = ["holiday", "key_of", "PATTERN", "BARE", "MOVABLE"]


def easter(year: int) -> _dt.date:
    """Easter Sunday (Gregorian; the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)


def _nth(year: int, month: int, weekday: int, n: int) -> _dt.date:
    """The n-th given weekday (0 = Monday) of a month; n = -1: the last."""
    if n > 0:
        first = _dt.date(year, month, 1)
        return first + _dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - _dt.timedelta(days=1)
    return last - _dt.timedelta(days=(last.weekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], _dt.date]:
    return lambda y: _dt.date(y, month, day)


_DAYS = _dt.timedelta(days=1)

#: canonical key -> the rule giving its day in a year
RULES: dict[str, Callable[[int], _dt.date]] = {
    "new year's day": _fixed(1, 1), "new year's eve": _fixed(12, 31), "christmas": _fixed(12, 25),
    "christmas eve": _fixed(12, 24), "boxing day": _fixed(12, 26), "valentine's day": _fixed(2, 14),
    "halloween": _fixed(10, 31), "st patrick's day": _fixed(3, 17), "earth day": _fixed(4, 22),
    "international workers' day": _fixed(5, 1), "international women's day": _fixed(3, 8),
    "armistice day": _fixed(11, 11), "bastille day": _fixed(7, 14), "guy fawkes night": _fixed(11, 5),
    "fourth of july": _fixed(7, 4),
    "easter": easter, "good friday": lambda y: easter(y) - 2 * _DAYS, "easter monday": lambda y: easter(y) + _DAYS,
    "thanksgiving": lambda y: _nth(y, 11, 3, 4), "black friday": lambda y: _nth(y, 11, 3, 4) + _DAYS,
    "cyber monday": lambda y: _nth(y, 11, 3, 4) + 4 * _DAYS, "memorial day": lambda y: _nth(y, 5, 0, -1),
    "labor day": lambda y: _nth(y, 9, 0, 1), "martin luther king day": lambda y: _nth(y, 1, 0, 3),
    "presidents' day": lambda y: _nth(y, 2, 0, 3),
}

_A = "['’]?"  # an apostrophe, often dropped
#: written forms (regex, lower case) -> canonical key; longer forms first in PATTERN
_FORMS: dict[str, str] = {
    rf"new\s+year{_A}s?\s+day": "new year's day", rf"new\s+year{_A}s?\s+eve": "new year's eve",
    rf"new\s+year{_A}s(?!\s+(?:day|eve|resolution|honou?rs?|party|celebrations?))": "new year's day",
    r"christmas\s+day|xmas\s+day": "christmas", r"christmas\s+eve": "christmas eve",
    r"christmas|xmas": "christmas", r"boxing\s+day": "boxing day",
    rf"(?:st\.?|saint)\s+valentine{_A}s?\s+day|valentine{_A}s?\s+day": "valentine's day",
    r"halloween": "halloween",
    rf"(?:st\.?|saint)\s+patrick{_A}s?(?:\s+day)?|paddy{_A}s\s+day": "st patrick's day",
    r"earth\s+day": "earth day", rf"international\s+workers{_A}\s+day|may\s+day": "international workers' day",
    rf"international\s+women{_A}s\s+day": "international women's day",
    r"armistice\s+day|veterans\s+day|remembrance\s+day": "armistice day", r"bastille\s+day": "bastille day",
    r"guy\s+fawkes(?:\s+night|\s+day)?|bonfire\s+night": "guy fawkes night",
    r"fourth\s+of\s+july|independence\s+day\s+in\s+the\s+us": "fourth of july",
    r"easter\s+sunday|easter\s+day": "easter", r"easter": "easter", r"good\s+friday": "good friday",
    r"easter\s+monday": "easter monday", r"thanksgiving(?:\s+day)?": "thanksgiving",
    r"black\s+friday": "black friday", r"cyber\s+monday": "cyber monday", r"memorial\s+day": "memorial day",
    r"labor\s+day": "labor day",
    r"(?:dr\.?\s+)?martin\s+luther\s+king(?:\s+jr\.?)?(?:,)?\s+day|mlk\s+day": "martin luther king day",
    rf"presidents{_A}?\s+day": "presidents' day",
}

#: one alternation of every written form (longest first)
PATTERN = "|".join(sorted(_FORMS, key=len, reverse=True))

#: keys that, written without "Day"/"Eve"/"Night", name a date only with a preposition, a
#: modifier or a year ("over Christmas", "last Easter", "Easter 2018"): bare, they are often
#: something else ("Christmas shopping", "Easter eggs", "St Patrick's Cathedral", "Guy Fawkes masks")
BARE = frozenset({"christmas", "easter", "thanksgiving", "halloween", "st patrick's day", "guy fawkes night"})

#: keys whose day changes from year to year
MOVABLE = frozenset({"easter", "good friday", "easter monday", "thanksgiving", "black friday", "cyber monday",
                     "memorial day", "labor day", "martin luther king day", "presidents' day"})


def key_of(written: str) -> Optional[str]:
    """The canonical key of a written holiday name, or None."""
    low = " ".join(written.lower().split())
    for form, key in _FORMS.items():
        if re.fullmatch(form, low):
            return key
    return None


def holiday(key: str, year: int) -> Optional[_dt.date]:
    """The day a holiday (canonical key) falls on in `year`, or None."""
    rule = RULES.get(key)
    if rule is None or not 1 <= year <= 9999:
        return None
    try:
        return rule(year)
    except ValueError:
        return None
