"""Date expressions in English news text: find them. One job: text in, `DateMention`s out (no
spaCy, no I/O); what days each denotes against a reference day is dayspan.py's `resolve`.

    find_dates("ANKARA, February 23, AZERTAC - on the 33rd anniversary of the Khojaly Massacre ...")
    -> "February 23" (date, month 2, day 23), "the 33rd anniversary" (anniversary, ordinal 33,
       event span "the Khojaly Massacre")

Kinds: date ("Feb. 26, 1992", "26 February 1992", "2016-07-15 13:14", "12/03/2025", "Monday, Feb. 26",
"on the 18th"), month ("February 1992", "in February", "this September"), year ("in 1992"), season
("the fall of 2020", "spring 2019"), range ("Feb. 25-26, 1992", "from 1988 to 1990", "1988 – 1994",
"1990s", "2017-18"), weekday ("on Wednesday", "Wednesday's", "last Monday", "Friday night"), relative
("yesterday", "last week", "two days ago", "nearly 30 years ago", "next month", "three weeks from
tomorrow"), anniversary ("the 33rd anniversary of ...": ordinal and the event phrase's offsets),
holiday ("last Easter", "over Thanksgiving": a holiday whose day moves, without a year; a fixed one,
"on Christmas Day", is a date; with a year, "Black Friday 2010", a full date; holidays.py).

Guards: "May" is a month only next to a day number or year, or after in/on/of/since/until/early/
late/mid/by/from/to/this/last/next; bare "March" likewise; abbreviated weekdays only before a date;
numeric dates without a year ("10/1", "7-6") only after on/since/from/until/by/between/this/next or a
weekday; four-digit years 1500-2199 not followed by a count noun or unit, not in money or digit runs.
Counts ("killed 21"), "two-hour", ordinals without a month, scores ("5-11 season") are not dates.

Regexes are precompiled; each runs once over the text (linear); candidates are merged greedily
(leftmost, then longest), then adjacent mentions are joined into ranges ("from 1988 to 1990") and a
weekday before a date is folded into it ("Friday 7/6").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from typing import Optional, cast

from .holidays import BARE as HOLIDAY_BARE, MOVABLE as HOLIDAY_MOVABLE, PATTERN as HOLIDAY_PATTERN
from .holidays import holiday as holiday_day, key_of as holiday_key

__all__ = ["DateMention", "find_dates", "weekday_name", "MONTH_NAMES", "MONTH_ABBRS", "WEEKDAY_NAMES", "MONTHS"]

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MONTH_ABBRS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: lower-case month name or abbreviation -> month number (1-12)
MONTHS: dict[str, int] = {n.lower(): i + 1 for i, n in enumerate(MONTH_NAMES)}
MONTHS.update({a.lower(): i + 1 for i, a in enumerate(MONTH_ABBRS)})
MONTHS["sept"] = 9
_WEEKDAYS: dict[str, int] = {n.lower(): i for i, n in enumerate(WEEKDAY_NAMES)}
_WEEKDAYS.update(mon=0, tue=1, tues=1, wed=2, weds=2, thu=3, thur=3, thurs=3, fri=4, sat=5, sun=6)
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def weekday_name(i: int) -> str:
    """0 -> "Monday" ... 6 -> "Sunday"."""
    return WEEKDAY_NAMES[i]


@dataclass(frozen=True)
class DateMention:
    """One date expression: offsets into the text given to `find_dates` (end exclusive)."""

    start: int
    end: int
    text: str
    kind: str  # date | month | year | season | range | weekday | relative | anniversary | holiday
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    end_year: Optional[int] = None
    end_month: Optional[int] = None
    end_day: Optional[int] = None
    weekday: Optional[int] = None
    offset: Optional[int] = None
    unit: Optional[str] = None
    approx: bool = False
    ordinal: Optional[int] = None
    event_start: Optional[int] = None
    event_end: Optional[int] = None
    time: Optional[str] = None


# ---------------------------------------------------------------- vocabulary
_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
              "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
              "eighteenth", "nineteenth"]
_ORD_TENS = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
             "ninetieth"]
_CARD: dict[str, int] = {}
_ORD: dict[str, int] = {}
for _n in range(1, 100):
    _t, _u = divmod(_n, 10)
    if _n < 20:
        _CARD[_UNITS[_n]], _ORD[_ORD_UNITS[_n]] = _n, _n
    elif _u == 0:
        _CARD[_TENS[_t]], _ORD[_ORD_TENS[_t]] = _n, _n
    else:
        for _sep in ("-", " "):
            _CARD[_TENS[_t] + _sep + _UNITS[_u]] = _n
            _ORD[_TENS[_t] + _sep + _ORD_UNITS[_u]] = _n
_ORD["hundredth"] = 100
_CARD.update(a=1, an=1)
_CARD["a couple of"] = 2
_CARD["a couple"] = 2


def _alt(words) -> str:
    """An alternation, longest first (so "twenty-one" wins over "twenty")."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)) + ")"


_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])")
_MOND = _MON + r"\.?"
_WDF = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![a-z])"
_WDA = r"(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)(?![a-z])\.?"
_DAYN = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9a-z])"
_DAYO = _alt([w for w, v in _ORD.items() if v <= 31])
_DAYC = _alt([w for w, v in _CARD.items() if 1 <= v <= 31 and w not in ("a", "an", "a couple", "a couple of")])
_YEAR = r"(?:1[5-9][0-9]{2}|2[01][0-9]{2})(?![0-9])"
_B = r"[^\S\n]"  # a blank that is not a newline
_S = _B + "+"
_RANGE_SEP = r"(?:\s*[-–—~]\s*|\s+(?:to|through|thru|till|until)\s+)"
_YSEP = rf"(?:{_B}*,{_B}*|{_S}|{_S}of{_S}|{_S}in{_S})"
_I = re.IGNORECASE

# Month day [- day] [, year]: "Feb. 26, 1992", "Feb. 25-26, 1992", "Nov 18-Dec 19, 2015", "May twenty nine"
_R_MDY = re.compile(rf"""(?P<mon>{_MOND})(?:{_B}*,(?={_B}*[0-9]{{1,2}}(?:st|nd|rd|th)))?{_B}*(?:the{_S})?(?P<d1>{_DAYN}|{_DAYO}|{_DAYC})(?!{_B}*(?::|[ap]\.?m\b))
    (?:(?P<sep>{_RANGE_SEP}|{_S}and{_S})(?:(?P<mon2>{_MOND}){_B}*)?(?:the{_S})?(?P<d2>{_DAYN}|{_DAYO}))?
    (?:{_YSEP}(?P<y>{_YEAR}))?""", _I | re.X)
# day [- day] [of] Month [, year]: "26 February 1992", "25-26 February 1992", "second of Aug"
_R_DMY = re.compile(rf"""(?<![0-9.,/-])(?<![0-9]:)(?<![$€£])(?<![$€£]\ )(?P<d1>{_DAYN}|{_DAYO})
    (?:(?P<sep>{_RANGE_SEP}|{_S}and{_S})(?:the{_S})?(?P<d2>{_DAYN}|{_DAYO}))?
    (?:{_B}*-{_B}*|{_S}of{_S}|{_S}|(?=[a-z]))(?P<mon>{_MOND})(?:{_YSEP}(?P<y>{_YEAR}|(?<=of\ )[0-9]{{2}}(?![0-9])))?""",
                    _I | re.X)
# Month [,/-/of] year and year Month: "February 1992", "Dec-2018", "june of 1992", "2017 april"
_R_MY = re.compile(rf"(?P<mon>{_MOND})(?:{_B}*[,/-]{_B}*|{_S}of{_S}|{_S}in{_S}|{_S})(?P<y>{_YEAR}|(?<=of )[0-9]{{2}}(?![0-9]))"
                   rf"|(?<![0-9])(?P<y2>{_YEAR}){_S}(?P<mon2>(?:january|february|april|june|july|august|september|"
                   rf"october|november|december)(?![a-z]))", _I)
# a month alone: context checked in code
_R_MON = re.compile(rf"\b(?P<mon>{_MOND})", _I)
_R_MON_PRE = re.compile(rf"(?:\b(?P<pre>in|on|of|since|until|till|by|from|to|through|early|late|mid|during|before|"
                        rf"after|between|and|or|this|last|next|for|as of|around){_S}(?:the{_S})?|\b(?P<mid>mid-))\Z", _I)
# numeric: ISO and friends, with an optional time
_TIME = rf"(?:(?:T|{_S}|{_B}*,{_B}*|{_S}at{_S})(?P<t>[0-2]?[0-9]:[0-5][0-9])(?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?)?"
_R_ISO = re.compile(rf"""(?<![0-9.,/])(?<![0-9]-)(?:
      (?P<y>{_YEAR})(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=s)(?P<d>[12][0-9]|3[01]|0?[1-9])(?![0-9])
    | (?P<cy>(?:19|20)[0-9]{{2}})(?P<cm>0[1-9]|1[0-2])(?P<cd>[0-2][0-9]|3[01])(?![0-9])
    | (?P<ny>{_YEAR})(?P<ns>[-/])(?P<nmon>{_MON})(?P=ns)(?P<nd>[12][0-9]|3[01]|0?[1-9])(?![0-9])
    | (?P<ry>{_YEAR})/(?P<rd>[12][0-9]|3[01]|0?[1-9])/(?P<rmon>{_MON})
    | (?P<ad>[12][0-9]|3[01]|0?[1-9])(?P<as>[-/])(?P<amon>{_MON})(?:(?P=as)(?P<ay>{_YEAR}|[0-9]{{2}}(?![0-9])))?
    | (?P<bmon>{_MON})(?P<bs>[-/])(?P<bd>[12][0-9]|3[01]|0?[1-9])(?![0-9])(?:(?P=bs)(?P<by>{_YEAR}))?
    | (?P<emon>{_MON})-(?P<ey>{_YEAR})-(?P<ed>[12][0-9]|3[01]|0?[1-9])(?![0-9])
    | (?P<fd>[12][0-9]|3[01]|0?[1-9])-(?P<fy>{_YEAR})-(?P<fmon>{_MON})
    | (?P<a>[0-9]{{1,2}})(?P<s2>[-/.])(?P<b>[0-9]{{1,2}})(?:(?P=s2)(?P<y2>[0-9]{{4}}|[0-9]{{2}}))?(?![0-9]|[-/.][0-9])
    | (?P<my>{_YEAR})-(?P<mm>1[0-2]|0?[1-9])(?![0-9]|[-/.][0-9])
    | (?P<mm2>1[0-2]|0?[1-9])-(?P<my2>{_YEAR})(?![0-9]|-[0-9])
    ){_TIME}""", _I | re.X)
_R_NUMRANGE = re.compile(rf"""(?<![0-9.,/])(?<![0-9]-)
    (?P<a1>1[0-2]|0?[1-9])(?P<s>[/-])(?P<b1>[12][0-9]|3[01]|0?[1-9])(?:(?P=s)(?P<y1>{_YEAR}))?{_B}*[-–]{_B}*
    (?P<a2>1[0-2]|0?[1-9])(?P=s)(?P<b2>[12][0-9]|3[01]|0?[1-9])(?:(?:(?P=s)|,{_B}*)(?P<y2>{_YEAR}))?(?![0-9])""", re.X)
# a year, a decade, "2017-18"
_R_YEAR_PRE = re.compile(rf"(?:the{_S})?(?:calendar{_S})?year{_S}(?:of{_S})?\Z", _I)
_R_YEAR = re.compile(rf"(?<![0-9$€£¥#.,:/])(?<![A-Za-z]-)(?<![0-9]\ )"
                     rf"(?P<y>{_YEAR})(?:(?P<dec>{_B}?'?s)\b|[-–/](?P<yy>[0-9]{{2}})(?![0-9]))?", _I)
_R_DECADE2 = re.compile(r"(?:\bthe\s+)?['’](?P<d>[0-9]0)s\b", _I)
_COUNT_NOUN = re.compile(rf"{_S}(?:people|persons|men|women|children|kids|civilians|soldiers|troops|residents|"
                         rf"fighters|militants|migrants|refugees|workers|students|victims|dead|deaths|bodies|cases|"
                         rf"homes|houses|buildings|families|votes|voters|members|officers|police|"
                         rf"policemen|passengers|tons|tonnes|km|kilometres|kilometers|miles|metres|meters|feet|"
                         rf"dollars|euros|pounds|rupees|units|times|hours|minutes|seconds|days|weeks|months|"
                         rf"years|of{_S}(?:the|them|those|whom)|more|others)\b|{_B}?(?:%|[0-9])", _I)
# weekdays
_R_WD_PRE = re.compile(rf"""\b(?P<rel>this{_S}past|this{_S}upcoming|this{_S}coming|last|next|previous|past|coming|
    upcoming|following|this){_S}\Z""", _I | re.X)
_R_WD = re.compile(rf"""\b(?P<wd>{_WDF}|{_WDA})(?P<poss>['’]s)?
    (?:{_S}(?P<part>night|morning|afternoon|evening))?(?:{_S}of{_S}(?:the{_S})?(?P<wk>next|last|this|following|previous){_S}week)?
    """, _I | re.X)
_R_WKWD = re.compile(rf"\b(?P<wk>next|last|this|following|previous){_S}week{_B}*[,-]?{_B}*(?:on{_S})?(?P<wd>{_WDF})", _I)
_R_WDDAY = re.compile(rf"\b(?P<wd>{_WDF}|{_WDA}){_B}*,?{_B}*(?:the{_S})?(?P<d>{_DAYN}|{_DAYO})"
                      rf"(?!{_B}*(?:[-/:0-9]|\.[0-9]|[ap]\.?m\b|o'clock|of\b|{_MON})|{_S}(?:days?|weeks?|months?|years?|hours?|minutes?|"
                      rf"people|times|killed|dead|of)\b)", _I)
# relative
_NUM = _alt([w for w in _CARD] + ["[0-9]{1,4}"]).replace(r"\[0\-9\]\{1,4\}", "[0-9]{1,4}")
_APPROX = r"(?:nearly|almost|about|around|some|roughly|approximately|over|more{_S}than|less{_S}than|at{_S}least|just{_S}over|just{_S}under|close{_S}to|exactly)".replace("{_S}", _S)
_UNIT = r"(?P<u>day|week|fortnight|month|year|decade|century)s?"
_R_AGO = re.compile(rf"\b(?:(?P<ap>{_APPROX}){_S})?(?P<n>{_NUM}){_S}{_UNIT}{_S}(?P<dir>ago|earlier|before|after|from|hence)"
                    rf"(?:{_S}(?P<base>today|tomorrow|tmrw|yesterday|now))?\b", _I)
_R_REL = re.compile(rf"\b(?:(?P<word>yesterday|today|tonight|tomorrow|tmrw)|(?P<dba>the{_S}day{_S}(?:before{_S}yesterday|after{_S}tomorrow))"
                    rf"|(?P<rel>this|last|next|previous|coming|following){_S}(?P<u>week|weekend|month|year)(?P<poss>['’]s)?)\b", _I)
# seasons
_R_SEASON = re.compile(rf"\b(?:(?P<the>the){_S})?(?:(?P<rel>this|last|next|past){_S})?(?:(?:early|late|mid){_S})?"
                       rf"(?P<s>spring|summer|fall|autumn|winter)(?:(?:{_S}of{_S}|{_B}*,?{_S}|{_B}?-{_B}?)(?P<y>{_YEAR}))?\b", _I)
# anniversaries
_ORDW = _alt(_ORD)
_R_ANNIV = re.compile(rf"\b(?:(?P<the>the|its|a|this|their|his|her){_S})?(?:(?P<ord>[0-9]{{1,3}}(?:st|nd|rd|th)|{_ORDW}){_B}*-?{_B}*)?"
                      rf"(?P<a>anniversary)(?:{_S}of{_S}(?P<ev>[^\n]))?", _I)
_EV_STOP = re.compile(r"[.,;:!?()\[\]\"“”\n]|\s(?:in|on|at|when|which|who|whom|that|with|and|as|was|were|is|are|has|have|"
                      r"had|by|from|to|for|where|while|since|will|would|this|last|next|after|before|during|under|"
                      r"said|says|but|or|held|marked)\b|\s[–—-]\s")
_R_ONTHE = re.compile(rf"\bon{_S}(?P<x>the{_S}(?P<d>{_DAYN}|{_DAYO}))(?={_B}*(?:[.,;:!?)]|$|{_S}(?:at|and|or|in|when|"
                      rf"this|next|last|morning|night|evening|afternoon)\b))", _I | re.M)
_R_PROPER_NEXT = re.compile(rf"{_S}(?:Olympics|Games|Palace|Park|Street|Festival|Classic|Series|Cup|Storm|[A-Z][a-z]+s)\b")
_R_TO_MON = re.compile(rf"{_B}*(?:[-–]|to|through|till|until){_B}*{_MON}", _I)
_R_RANGE_GAP = re.compile(r"\s*(?:[-–—~]|to|through|thru|till|until|and)\s*(?:the\s+)?\Z", _I)
_R_THISNEXT = re.compile(rf"\b(this|next){_S}\Z", _I)
_R_FROM = re.compile(rf"\b(?P<w>from|between){_S}\Z", _I)
_R_WD_GAP = re.compile(rf"{_B}*[,-]?{_B}*\(?{_B}*\Z")
_PREP_MONTH = {"in", "on", "of", "since", "until", "till", "by", "from", "to", "through", "early", "late", "mid",
               "during", "before", "after", "between", "and", "or", "this", "last", "next", "for", "as of", "around"}


def _daynum(s: str) -> int:
    s = re.sub(r"\s+", " ", s.lower())
    if s[:1].isdigit():
        dm = re.match(r"[0-9]+", s)
        assert dm is not None  # s starts with a digit
        return int(dm.group())
    return _ORD.get(s) or _CARD.get(s) or 0


def valid_day(y: Optional[int], m: int, d: int) -> bool:
    if not 1 <= m <= 12 or d < 1:
        return False
    return d <= (calendar.monthrange(y, m)[1] if y else (29 if m == 2 else calendar.monthrange(2001, m)[1]))


def _year2(s: str) -> int:
    v = int(s)
    return v if len(s) == 4 else (2000 + v if v <= 29 else 1900 + v)


def _mk(text, s, e, kind, **kw) -> DateMention:
    if e - s > 1 and text[e - 1] == ".":
        e -= 1  # "Aug." at a sentence end: the dot is the sentence's
    return DateMention(s, e, text[s:e], kind, **kw)


def _mon(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _may_ok(text: str, s: int, word: str) -> bool:
    """Bare "May"/"March" or an abbreviation: a month only after a preposition-like word."""
    m = re.search(r"([A-Za-z]+(?: of)?)\s+(?:the\s+)?\Z", text[max(0, s - 14):s])
    return bool(m and m.group(1).lower() in _PREP_MONTH)


# ---------------------------------------------------------------- candidates

# Fast triggers, run on the lower-cased text (literal-led alternations: 50-150 MB/s); the full
# patterns then run only in windows around them.
_T_MON = re.compile(r"(?:jan|feb|ma[ry]|apr|ju[nl]|aug|sep|oct|nov|dec)")
_T_DIG = re.compile(r"[0-9]+")
_T_WD = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)")
_T_WKWD = re.compile(r"week[\s,-]*(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)")
_T_ORDW = re.compile(r"(?:first|second|third|[a-z]th)[\s-]")
_T_REL = re.compile(r"(?:yesterday|today|tonight|tomorrow|tmrw|week|month|year)")
_T_SEASON = re.compile(r"(?:spring|summer|fall|autumn|winter)")
_T_AGO = re.compile(r"(?:days?|weeks?|fortnights?|months?|years?|decades?|century|centuries)\s+(?:ago|before|after|from)\b")
_T_ONTHE = re.compile(r"on\s+the\s")
_T_QUOTE = re.compile(r"['’][0-9]0s")
_T_ANNIV = re.compile(r"anniversar")


def _windows(low: str, trig: re.Pattern, back: int, fwd: int, cache: dict) -> list[tuple[int, int]]:
    """Merged windows [start - back, end + fwd (to the next blank)] around the matches of `trig`."""
    key = (trig.pattern, back, fwd)
    if key in cache:
        return cache[key]
    n = len(low)
    out: list[tuple[int, int]] = []
    for t in trig.finditer(low):
        a, b = max(0, t.start() - back), min(n, t.end() + fwd)
        if b < n and not low[b].isspace():
            sp = low.find(" ", b, b + 40)
            b = sp if sp >= 0 else min(n, b + 40)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    cache[key] = out
    return out


def _near(rx: re.Pattern, text: str, wins: list[tuple[int, int]]):
    for a, b in wins:
        yield from rx.finditer(text, a, b)


def _at(rx: re.Pattern, text: str, positions):
    for p in positions:
        m = rx.match(text, p)
        if m:
            yield m


def _cands(text: str) -> list[tuple[int, int, DateMention]]:
    # long: one scan of the text per family of date expression (ISO, day-month, month-day, weekday,
    # relative, season, year), each appending to the same list; the families share the lower-cased text
    out: list[DateMention] = []
    add = out.append
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased: ASCII-fold instead
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    cache: dict = {}
    mon_pos = [p for t in _T_MON.finditer(low) if not (p := t.start()) or not low[p - 1].isalpha()]
    dig_pos = [t.start() for t in _T_DIG.finditer(low)]
    wd_pos = [p for t in _T_WD.finditer(low) if not (p := t.start()) or not low[p - 1].isalpha()]
    # day-month: led by digits shortly before a month name, or by an ordinal word
    near = set()
    j = 0
    mo: Optional[int]  # None in the ISO loop until a branch sets it
    for p in dig_pos:
        while j < len(mon_pos) and mon_pos[j] < p:
            j += 1
        if j < len(mon_pos) and mon_pos[j] - p <= 40:
            near.add(p)
    w_ord = [(a, p + 40) for a, p in ((max(0, p - 48), p) for p in mon_pos) if _T_ORDW.search(low, a, p)]
    for m in _at(_R_MDY, text, mon_pos):
        mon, d1s = m.group("mon"), m.group("d1")
        mo, d1 = _mon(mon), _daynum(d1s)
        y = int(m.group("y")) if m.group("y") else None
        if mon.lower() in ("may", "mar", "march") or len(mon.rstrip(".")) <= 4 and mon.islower():
            if not (y or d1s[:1].isdigit() or _may_ok(text, m.start(), mon)):
                continue
        if d1s[:1].isalpha() and d1s.lower() in _CARD and not (y or _may_ok(text, m.start(), mon)) and \
                mon[:1].islower():
            continue
        if m.group("d2"):
            sep = m.group("sep").strip().lower()
            d2 = _daynum(m.group("d2"))
            mo2 = _mon(m.group("mon2")) if m.group("mon2") else (mo if d2 > d1 else mo % 12 + 1)
            if sep == "and" and not _R_FROM.search(text, max(0, m.start() - 9), m.start()):
                e = m.end("d1")
                if valid_day(None, mo, d1):
                    add(_mk(text, m.start(), e, "date", month=mo, day=d1))
                continue
            ys = y - 1 if y and (mo2, d2) < (mo, d1) else y
            if valid_day(ys, mo, d1) and valid_day(y, mo2, d2):
                add(_mk(text, m.start(), m.end(), "range", year=ys, month=mo, day=d1, end_year=y, end_month=mo2,
                        end_day=d2))
                continue
        if valid_day(y, mo, d1):
            e = m.end("y") if y else m.end("d1")
            add(_mk(text, m.start(), e, "date", year=y, month=mo, day=d1))
    for m in [*_at(_R_DMY, text, sorted(near)), *_near(_R_DMY, text, w_ord)]:
        mon, d1 = m.group("mon"), _daynum(m.group("d1"))
        mo = _mon(mon)
        ys = m.group("y")
        y = _year2(ys) if ys else None
        if mon.lower() == "may" and mon != "May" and not y or mon[:1].islower() and len(mon) <= 4 and not y and \
                not m.group("d1")[:1].isdigit():
            continue
        if m.group("d2"):
            d2 = _daynum(m.group("d2"))
            if m.group("sep").strip().lower() == "and" and not _R_FROM.search(text, max(0, m.start() - 9), m.start()):
                if valid_day(y, mo, d1) and valid_day(y, mo, d2):  # "18 and 19 June": two dates
                    add(_mk(text, m.start(), m.end("d1"), "date", year=y, month=mo, day=d1))
                    add(_mk(text, m.start("d2"), m.end(), "date", year=y, month=mo, day=d2))
                continue
            if d1 < d2 and valid_day(y, mo, d2):
                add(_mk(text, m.start(), m.end(), "range", year=y, month=mo, day=d1, end_year=y, end_month=mo,
                        end_day=d2))
            continue
        if valid_day(y, mo, d1):
            add(_mk(text, m.start(), m.end(), "date", year=y, month=mo, day=d1))
    for m in _at(_R_MY, text, mon_pos + dig_pos):
        if m.group("y2"):
            add(_mk(text, m.start(), m.end(), "month", year=int(m.group("y2")), month=_mon(m.group("mon2"))))
        else:
            add(_mk(text, m.start(), m.end(), "month", year=_year2(m.group("y")), month=_mon(m.group("mon"))))
    for m in _at(_R_MON, text, mon_pos):
        pm = _R_MON_PRE.search(text, max(0, m.start() - 16), m.start())
        mon, pre, mid = m.group("mon"), (pm.group("pre") or "").lower() if pm else "", bool(pm and pm.group("mid"))
        full = len(mon.rstrip(".")) > 4 or mon.lower() in ("june", "july")
        if mon.lower() in ("may", "march", "mar") or not full or mon[:1].islower():
            if not (pre or mid or _R_TO_MON.match(text, m.end())):
                continue
            if mon.lower() == "may" and pre in ("and", "or", "to", "this", "for", "as of") and mon != "May":
                continue  # "and may", "to may": the verb
            if mon[:1].islower() and len(mon) > 3 and pre in ("and", "or", "to", "for") and not _may_ok(text, m.start(), mon):
                continue
        if pre in ("mid", "early", "late") or mid:
            continue  # part of a month: not a whole month
        off = {"this": 0, "last": -1, "next": 1}.get(pre)
        s = pm.start() if off is not None and pm is not None else m.start("mon")  # off is set only from pm
        e = m.end("mon") - (1 if mon.endswith(".") and not full else 0)
        add(_mk(text, s, e, "month", month=_mon(mon), offset=off, unit="year" if off is not None else None))
    for m in _at(_R_ISO, text, dig_pos + mon_pos):
        g = m.groupdict()
        t = g["t"]
        kind, y, mo, d, ok = "date", None, None, None, True
        if g["y"]:
            y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
        elif g["cy"]:
            y, mo, d = int(g["cy"]), int(g["cm"]), int(g["cd"])
            ok = 1900 < y < 2040 and not t
        elif g["ny"]:
            y, mo, d = int(g["ny"]), _mon(g["nmon"]), int(g["nd"])
        elif g["ry"]:
            y, mo, d = int(g["ry"]), _mon(g["rmon"]), int(g["rd"])
        elif g["ad"]:
            y, mo, d = (_year2(g["ay"]) if g["ay"] else None), _mon(g["amon"]), int(g["ad"])
        elif g["bmon"]:
            y, mo, d = (int(g["by"]) if g["by"] else None), _mon(g["bmon"]), int(g["bd"])
            ok = bool(y) or g["bs"] == "/" or g["bmon"][:1].isupper()
        elif g["emon"]:
            y, mo, d = int(g["ey"]), _mon(g["emon"]), int(g["ed"])
        elif g["fd"]:
            y, mo, d = int(g["fy"]), _mon(g["fmon"]), int(g["fd"])
        elif g["a"]:
            a, b, s2 = int(g["a"]), int(g["b"]), g["s2"]
            y = _year2(g["y2"]) if g["y2"] else None
            mo, d = (a, b) if a <= 12 else (b, a)
            if not y:
                pm = re.search(r"([A-Za-z]+)\W{0,2}\Z", text[max(0, m.start() - 12):m.start()])
                w = pm.group(1).lower() if pm else ""
                ok = (m.start() == 0 or w in ("on", "since", "from", "until", "till", "by", "between", "this", "next",
                                               "to", "date") or w in _WEEKDAYS) and (s2 == "/" or w in _WEEKDAYS)
                ok = ok or s2 == "." and w == "on"
                if s2 == "." and not (w in _WEEKDAYS or w in ("on", "this", "next")):
                    ok = False
            elif s2 == "." and len(g["y2"]) == 2:
                ok = False
        elif g["my"]:
            y, mo, kind = int(g["my"]), int(g["mm"]), "month"
            ok = not (len(g["mm"]) == 2 and int(g["mm"]) == (y + 1) % 100)  # 2011-12: a season of years
        elif g["mm2"]:
            y, mo, kind = int(g["my2"]), int(g["mm2"]), "month"
        # every _R_ISO alternative that leaves kind "date" sets mo and d
        if not ok or (kind == "date" and not valid_day(y, cast(int, mo), cast(int, d))):
            continue
        e = m.end() if t else (m.end("t") if t else m.end())
        if kind == "date" and ((not g["t"]) and m.group().rstrip() != m.group()):
            e = m.start() + len(m.group().rstrip())
        add(_mk(text, m.start(), e, kind, year=y, month=mo, day=d, time=t.zfill(5) if t else None))
    for m in _at(_R_NUMRANGE, text, dig_pos):
        a1, b1, a2, b2 = (int(m.group(k)) for k in ("a1", "b1", "a2", "b2"))
        y1 = int(m.group("y1")) if m.group("y1") else None
        y2 = int(m.group("y2")) if m.group("y2") else None
        if m.group("s") == "-" and not (y1 and y2):
            continue
        y1 = y1 or (y2 - 1 if y2 and (a1, b1) > (a2, b2) else y2)
        if valid_day(y1, a1, b1) and valid_day(y2, a2, b2) and (y1 or _R_FROM.search(text, max(0, m.start() - 9), m.start())
                                                          or m.start() == 0):
            add(_mk(text, m.start(), m.end(), "range", year=y1, month=a1, day=b1, end_year=y2, end_month=a2,
                    end_day=b2))
    for m in _at(_R_YEAR, text, dig_pos):
        y = int(m.group("y"))
        pm = _R_YEAR_PRE.search(text, max(0, m.start() - 20), m.start()) if "year" in low[max(0, m.start() - 9):m.start()] else None
        pre = pm.group() if pm else ""
        if m.group("dec"):
            if y % 10 == 0:
                add(_mk(text, m.start(), m.end(), "range", year=y, end_year=y + 9))
            continue
        if m.group("yy"):
            yy = int(m.group("yy"))
            if yy == (y + 1) % 100:
                add(_mk(text, m.start(), m.end(), "range", year=y, end_year=y + 1))
                continue
        e = m.end("y")
        if text[m.start() - 1:m.start()] in ("-", "–") and text[m.start() - 2:m.start() - 1].isdigit() and \
                not re.search(rf"(?<![0-9]){_YEAR}{_B}?[-–]\Z", text[max(0, m.start() - 7):m.start()]):
            continue
        if not pre and (_COUNT_NOUN.match(text, e) or text[e:e + 2] in (",0", ",1", ",2", ".0", ".5")
                                   or not 1800 <= y <= 2100 and not re.search(
                    r"(?:in|since|from|by|of|until|year)\s+\Z", text[max(0, m.start() - 7):m.start()], _I)):
            continue
        s = m.start()
        if pre and not re.search(r"\bof\s+\Z", pre, _I):
            assert pm is not None  # pre is non-empty only when pm matched
            s = pm.start() + (4 if pre[:4].lower() == "the " else 0)
        add(_mk(text, s, e, "year", year=y))
    for m in _near(_R_DECADE2, text, _windows(low, _T_QUOTE, 6, 4, cache)):
        d = int(m.group("d"))
        y = 1900 + d if d >= 30 else 2000 + d
        add(_mk(text, m.start(), m.end(), "range", year=y, end_year=y + 9))
    for m in _at(_R_WD, text, wd_pos):
        wd = m.group("wd")
        full = len(wd.rstrip(".")) > 4
        pm = _R_WD_PRE.search(text, max(0, m.start() - 24), m.start())
        if not full and pm:
            continue
        rel, wk = (pm.group("rel") if pm else "").lower(), (m.group("wk") or "").lower()
        rel = re.sub(r"\s+", " ", rel)
        off, unit = None, None
        if wk:
            off, unit = {"next": 1, "following": 1, "last": -1, "previous": -1, "this": 0}[wk], "week"
        elif rel in ("last", "previous"):
            off, unit = -1, "week"
        elif rel in ("next", "following"):
            off, unit = 1, "week"
        elif rel == "this":
            off, unit = 0, "week"
        elif rel in ("past", "this past"):
            off, unit = -1, "occurrence"
        elif rel in ("coming", "upcoming", "this upcoming", "this coming"):
            off, unit = 1, "occurrence"
        e = m.end()
        if m.group("poss") and not (m.group("part") or wk):
            e = m.end("wd")
        add(_mk(text, pm.start() if pm else m.start(), e, "weekday" if full else "wdabbr", weekday=_WEEKDAYS[wd.lower().rstrip(".")],
                offset=off, unit=unit))
    for m in _near(_R_WKWD, text, _windows(low, _T_WKWD, 20, 12, cache)):
        off = {"next": 1, "following": 1, "last": -1, "previous": -1, "this": 0}[m.group("wk").lower()]
        add(_mk(text, m.start(), m.end(), "weekday", weekday=_WEEKDAYS[m.group("wd").lower()], offset=off, unit="week"))
    for m in _at(_R_WDDAY, text, wd_pos):
        d = _daynum(m.group("d"))
        if 1 <= d <= 31:
            add(_mk(text, m.start(), m.end(), "date", day=d, weekday=_WEEKDAYS[m.group("wd").lower().rstrip(".")]))
    for m in _near(_R_ONTHE, text, _windows(low, _T_ONTHE, 2, 40, cache)):
        d = _daynum(m.group("d"))
        if 1 <= d <= 31 and not m.group("d").isdigit():
            add(_mk(text, m.start("x"), m.end(), "date", day=d))
    for m in _near(_R_AGO, text, _windows(low, _T_AGO, 70, 24, cache)):
        n = _CARD.get(re.sub(r"\s+", " ", m.group("n").lower())) or (int(m.group("n")) if m.group("n").isdigit() else 0)
        u, dirw, base = m.group("u").lower(), m.group("dir").lower(), (m.group("base") or "").lower()
        if not n or dirw in ("before", "after", "from") and not base or dirw in ("earlier", "hence") or \
                dirw == "ago" and base:
            continue
        sign = -1 if dirw in ("ago", "before") else 1
        mult = {"fortnight": (2, "week"), "decade": (10, "year"), "century": (100, "year")}.get(u, (1, u))
        off, unit = sign * n * mult[0], mult[1]
        b = {"tomorrow": 1, "tmrw": 1, "yesterday": -1}.get(base, 0)
        if b:
            if unit not in ("day", "week"):
                continue
            off, unit = (off * 7 if unit == "week" else off) + b, "day"
        s = m.start() if m.group("ap") and m.group("ap").lower() != "exactly" else m.start("n")
        add(_mk(text, s, m.end(), "relative", offset=off, unit=unit,
                approx=bool(m.group("ap")) and m.group("ap").lower() != "exactly"))
    for m in _near(_R_REL, text, _windows(low, _T_REL, 32, 24, cache)):
        if m.group("word"):
            w = m.group("word").lower()
            add(_mk(text, m.start(), m.end(), "relative", offset={"yesterday": -1, "tomorrow": 1, "tmrw": 1}.get(w, 0),
                    unit="day"))
        elif m.group("dba"):
            add(_mk(text, m.start(), m.end(), "relative", offset=-2 if "before" in m.group("dba").lower() else 2,
                    unit="day"))
        else:
            off = {"this": 0, "last": -1, "previous": -1}.get(m.group("rel").lower(), 1)
            add(_mk(text, m.start(), m.end("u"), "relative", offset=off, unit=m.group("u").lower()))
    for m in _near(_R_SEASON, text, _windows(low, _T_SEASON, 24, 32, cache)):
        s, y, rel = m.group("s"), m.group("y"), (m.group("rel") or "").lower()
        if not (y or rel or m.group("the") and re.search(r"\b(?:in|during|by|since|until|through|over|that|of)\s+\Z",
                                                          text[max(0, m.start() - 8):m.start()], _I)):
            continue
        if not y and not rel and s.lower() == "fall" and s != "fall":
            pass
        mo = _SEASONS[s.lower()]
        sy = int(y) if y else None
        st = m.start("s") if not rel else m.start("rel")
        off = {"this": 0, "last": -1, "past": -1, "next": 1}.get(rel)
        add(_mk(text, st, m.end(), "season", year=sy, month=mo, end_year=(sy + (mo == 12) if sy else None),
                end_month=(mo + 2 - 1) % 12 + 1, offset=off, unit="year" if off is not None else None))
    for m in _near(_R_ANNIV, text, _windows(low, _T_ANNIV, 48, 24, cache)):
        o = m.group("ord")
        ordv = None
        if o:
            ordv = int(o[:-2]) if o[0].isdigit() else _ORD.get(re.sub(r"\s+", " ", o.lower()))
        st = m.start("the") if m.group("the") and m.group("the").lower() == "the" else (
            m.start("ord") if o else m.start("a"))
        es = ee = None
        if m.group("ev") is not None:
            es = m.start("ev")
            stop = _EV_STOP.search(text, es, min(len(text), es + 120))
            ee = stop.start() if stop else min(len(text), es + 120)
            seg = text[es:ee]
            words = list(re.finditer(r"\S+", seg))
            if len(words) > 10:
                ee = es + words[9].end()
            ee = es + len(text[es:ee].rstrip())
            if ee <= es:
                es = ee = None
        add(_mk(text, st, m.end("a"), "anniversary", ordinal=ordv, event_start=es, event_end=ee))
    found = [w for w in _HOL_WORDS if w in low]  # substring tests: fast, and most texts name no holiday
    if found:
        _holidays(text, low, found, add)
    return [(d.start, d.end, d) for d in out if not (
        d.kind in ("date", "month", "range") and d.text[:5] == "March" and text[max(0, d.start - 5):d.start] == "Long "
        or d.kind == "season" and _R_PROPER_NEXT.match(text, d.end))]  # the Long March 9 rocket, Winter Olympics


_HOL_WORDS = ("christmas", "xmas", "easter", "new year", "boxing day", "valentine", "halloween", "patrick's",
              "patrick’s", "patricks", "saint patrick", "st patrick", "st. patrick", "paddy's", "paddy’s",
              "earth day", "workers' day", "workers’ day", "workers day", "women's day", "women’s day", "may day",
              "armistice", "veterans day", "remembrance day", "bastille", "fawkes", "bonfire night",
              "fourth of july", "good friday", "thanksgiving", "black friday", "cyber monday", "memorial day",
              "labor day", "luther king", "mlk", "presidents day", "presidents' day", "presidents’ day")
_R_HOLIDAY = re.compile(
    rf"(?:\b(?P<rel>last|next|this|previous|following|past|coming){_S}|(?<![\w'’]))(?P<name>{HOLIDAY_PATTERN})(?![\w'’])"
    rf"(?:{_B}*,?{_S}?(?:of{_S})?(?P<y>{_YEAR}))?", _I)
_R_HOL_PREP = re.compile(rf"\b(?:on|at|over|before|after|since|until|till|by|for|during|from|of|around|ahead{_S}of){_S}"
                         rf"(?:the{_S})?\Z", _I)
_R_HOL_NOT = re.compile(rf"{_S}(?:Island|Islands|Rising|Offensive|eggs?|bunny|Parade|Party|Special|Carol|tree|"
                        rf"market|markets|shopping|lights|card|cards|sales?|costume|costumes)\b", _I)
# a name that only starts like a holiday ("Good Friday Agreement", "St Patrick's Cathedral", "Guy Fawkes
# masks"), or another calendar's day ("Lunar New Year's Eve", "Orthodox Christmas Day")
_R_HOL_NAME_NOT = re.compile(rf"{_S}(?:Agreement|Accords?|Cathedral|Church|Island|Islands|Rising|Offensive|masks?|"
                             rf"Massacre|Uprising)\b", _I)
_R_HOL_OTHER_CALENDAR = re.compile(rf"\b(?:lunar|chinese|orthodox|jewish|persian|iranian|hindu|islamic|hijri|tamil|"
                                   rf"sinhala|sinhalese|thai|vietnamese|korean|tibetan|julian|ethiopian|coptic|"
                                   rf"armenian|buddhist|bengali|khmer|lao|mongolian){_S}\Z", _I)
_BARE_LAST = ("christmas", "xmas", "easter", "thanksgiving", "halloween", "patrick", "patrick's", "patrick’s",
              "patricks", "fawkes")
_HOL_REL = {"last": -1, "previous": -1, "past": -1, "next": 1, "following": 1, "coming": 1, "this": 0}


def _holidays(text: str, low: str, words: list[str], add) -> None:
    """Named days ("on Christmas Day", "New Year's Eve", "last Easter", "Black Friday 2010"):
    a date when the year is given or the day is fixed, else a `holiday` for dayspan to place.
    Read only in windows around the holiday words the text contains."""
    hits = []
    for w in words:
        p = low.find(w)
        while p >= 0:
            hits.append((max(0, p - 24), min(len(text), p + len(w) + 48)))
            p = low.find(w, p + 1)
    wins: list[tuple[int, int]] = []
    for a, b in sorted(hits):
        if wins and a <= wins[-1][1]:
            wins[-1] = (wins[-1][0], max(wins[-1][1], b))
        else:
            wins.append((a, b))
    for m in _near(_R_HOLIDAY, text, wins):
        written, rel, y = m.group("name"), (m.group("rel") or "").lower() or None, m.group("y")
        key = holiday_key(written)
        if key is None or written.lower().startswith("may") and not written.startswith("May Day"):
            continue
        if _R_HOL_NAME_NOT.match(text, m.end("name")) or _R_HOL_OTHER_CALENDAR.search(text, max(0, m.start() - 16),
                                                                                       m.start("name")):
            add(_mk(text, m.start("name"), m.end("name"), "blocked"))  # not its "Friday" either: no date here
            continue
        if key in HOLIDAY_BARE and written.lower().split()[-1] in _BARE_LAST:
            if _R_HOL_NOT.match(text, m.end("name")) or not (rel or y or _R_HOL_PREP.search(text, max(0, m.start() - 16),
                                                                                           m.start())):
                continue  # "Christmas shopping", "Easter Island", a bare "Christmas" in a list
        start = m.start("rel") if rel else m.start("name")
        end = m.end() if y else m.end("name")
        if y:
            d = holiday_day(key, int(y))
            if d:
                add(_mk(text, start, end, "date", year=d.year, month=d.month, day=d.day))
        elif rel is None and key not in HOLIDAY_MOVABLE:
            d = holiday_day(key, 2001)
            assert d is not None  # a key that is not movable has a fixed day (holidays.RULES): valid in 2001
            add(_mk(text, start, end, "date", month=d.month, day=d.day))
        else:
            add(_mk(text, start, end, "holiday", unit=key, offset=_HOL_REL.get(rel) if rel else None))


# ---------------------------------------------------------------- joining

def _join_ranges(text: str, ms: list[DateMention]) -> list[DateMention]:
    out: list[DateMention] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        b = ms[i + 1] if i + 1 < len(ms) else None
        j = _range_of(text, a, b) if b else None
        if j:
            out.append(j)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


_GRAN = {"year": 1, "month": 2, "date": 3}


def _range_of(text: str, a: DateMention, b: DateMention) -> Optional[DateMention]:
    if a.kind not in _GRAN or b.kind not in _GRAN or a.offset is not None or b.offset is not None or a.time or b.time:
        return None
    gap = text[a.end:b.start]
    if len(gap) > 16 or not _R_RANGE_GAP.match(gap):
        return None
    g = gap.strip().lower()
    fm = _R_FROM.search(text, max(0, a.start - 9), a.start)
    if g == "and" and not (fm and fm.group("w").lower() == "between"):
        return None
    if a.kind == "date" and a.month is None or b.kind == "date" and b.month is None:
        return None
    if _GRAN[a.kind] > _GRAN[b.kind]:
        return None
    ay, by = a.year, b.year
    if ay is None and by is not None:
        ay = by - 1 if ((a.month or 1), (a.day or 1)) > ((b.month or 12), (b.day or 31)) else by
    if ay is not None and by is None and b.kind != "year":
        by = ay if ((b.month or 12), (b.day or 31)) >= ((a.month or 1), (a.day or 1)) else ay + 1
    if ay is not None and by is not None and (ay, a.month or 1, a.day or 1) > (by, b.month or 12, b.day or 31):
        return None
    # "year" mentions always have a year, so ay and by are set here
    if a.kind == b.kind == "year" and g in ("-", "–", "—", "~") and not (cast(int, by) - cast(int, ay) <= 60):
        return None
    s = fm.start() if fm else a.start
    return _mk(text, s, b.end, "range", year=ay, month=a.month, day=a.day, end_year=by, end_month=b.month,
               end_day=b.day)


def _fold_weekdays(text: str, ms: list[DateMention]) -> list[DateMention]:
    out: list[DateMention] = []
    for m in ms:
        if out and out[-1].kind in ("weekday", "wdabbr") and m.kind == "date" and m.weekday is None and \
                out[-1].end <= m.start and _R_WD_GAP.match(text[out[-1].end:m.start]) and \
                not text[out[-1].start:out[-1].end].lower().endswith(("night", "morning", "afternoon", "evening", "'s")):
            w = out.pop()
            e = m.end + (1 if text[w.end:m.start].strip(" ,") == "(" and text[m.end:m.end + 1] == ")" else 0)
            m = replace(m, start=w.start, end=e, text=text[w.start:e], weekday=w.weekday)
            if w.offset == 0 and m.year is None and m.month:
                m = replace(m, offset=0, unit="year")
        out.append(m)
    res = []
    for m in out:
        if m.kind == "wdabbr":
            continue
        if m.kind == "range":
            fm = _R_FROM.search(text, max(0, m.start - 9), m.start)
            if fm:
                m = replace(m, start=fm.start(), text=text[fm.start():m.end])
        elif m.kind == "date" and m.year is None and m.month and m.offset is None and m.weekday is None:
            pm = _R_THISNEXT.search(text, max(0, m.start - 6), m.start)
            if pm:
                m = replace(m, start=pm.start(), text=text[pm.start():m.end], offset=0 if pm.group(1).lower() == "this"
                            else 1, unit="year")
        res.append(m)
    return res


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in `text`, in order, non-overlapping (leftmost, then longest, wins)."""
    if not text:
        return []
    cands = sorted(_cands(text), key=lambda c: (c[0], -c[1]))
    chosen: list[DateMention] = []
    last = 0
    for s, e, d in cands:
        if s >= last and e > s:
            chosen.append(d)
            last = e
    chosen = [d for d in chosen if d.kind != "blocked"]  # a name that holds a date word ("Good Friday Agreement")
    return _fold_weekdays(text, _join_ranges(text, chosen))
