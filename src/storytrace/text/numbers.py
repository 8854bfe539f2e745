"""Number expressions in English news text: find them, read their value and bounds, and
say what kind of number each is. One job: text in, `NumberSpan`s out (no spaCy, no I/O).

    find_numbers("killed at least 21 civilians and injured nearly 70 others")
    -> "at least 21" (value 21, low 21, high None, at_least, count), "nearly 70" (70, None, 70, nearly)

Read: digits ("613", "1,275", "40 000", ".08", "10M", "£3bn", "1/5th", "¾"), words ("twenty-one",
"one hundred and six", "a dozen", "five and a half million", "two thirds", "first"), mixes
("1.2 million", "3 hundred and 21"); a sign ("-5", "minus one") is part of the number; the span
adds an approximator before ("at least", "nearly", "some", ">", "up to") or after ("or more"), a
currency ("$5", "80 million euros") and a percent ("15%", "20 per cent"). Ranges: "between 10 and
15", "10-15", "10 to 15", "from 200 to 300" (not "rose from 10 to 15"), "more than 12 and fewer
than 30"; their num_start..num_end covers both numbers.

Qualifiers and bounds: exact (low = high = value), at_least and more_than (low), at_most,
less_than and nearly (high), about (none), range (low, high; value None), vague (value None):

    a couple (of) 2-3 | a few 2-9 | a handful 2-9 | several 3-9 | dozens 24-199 | scores 40-199
    hundreds 200-999 | thousands 2,000-9,999 | millions, billions, lakhs, crores: 2x-10x-1 the unit
    tens of X 20X-100X-1 | hundreds of X 200X-1000X-1 | dozens of X 24X-200X-1
    several / a few / a couple of + hundred, thousand, million, dozen: the bounds times the unit,
    high (h+1)*unit-1 ("several hundred" 300-999). "dozens of" spans "dozens". Not amounts here
    (too common outside counts): many, numerous, countless.

Kinds (local context only): count, ordinal, year, date, time, age, duration, percent, money,
fraction, unit, phone, identifier, other (non-integers without a scale, negatives, "24/7").
News tokenisation artefacts read as one number: "13, 000" (one 3-digit group after ", "; not in
a list "1, 250, 340", after a month day "May 12, 300" or a hyphen "6 - foot - 2, 190"), "5. 8 -
magnitude" and "£2. 4m" (". " and 1-2 digits before a scale, unit, percent or time word). Space
groups need two groups ("2 345 678") or a 0-led group ("40 000"); thin and no-break spaces always
group. A comma before 1-2 final digits is decimal ("2,5") unless in a list ("12,14,16"). Not
read: European "2.345,67", exponents "2^10". Regexes are precompiled; the scan is linear.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional

from .numerals import BLANK, MONEY_BEFORE, NUMBER_START, MONTH_WORDS, SCALES, START_WORDS, lex, read_number, trie

__all__ = ["NumberSpan", "find_numbers", "parse_number", "has_number", "VAGUE"]


#: Bounds by qualifier, for counts (claims.low/high): what the wording lets a reader
#: conclude. "At least 21" is open above; "nearly 70" is below 70 but near it; "about"
#: and "some" state a band around the value. `find_numbers` keeps the literal reading
#: (nearly 70: high 70, no low), which `band` turns into these bounds.
#:
#:   exact N      N .. N           at_least N   N .. open      more_than N  N .. open
#:   at_most N    0 .. N           less_than N  0 .. N         nearly N     ⌊0.9·N⌋ .. N
#:   about N      ⌊0.9·N⌋ .. ⌈1.1·N⌉ (about, around, some, roughly, an estimated, N or so)
#:   range A-B    A .. B           vague        the word's bounds (VAGUE: "dozens" 24 .. 199)
NEAR = 0.1


def band(qualifier: Optional[str], value: Optional[float], low: Optional[float],
         high: Optional[float]) -> tuple[Optional[float], Optional[float]]:
    """(low, high) of a count by the table above (None: open)."""
    if value is None or qualifier in (None, "exact", "range", "vague"):
        return low, high
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return 0.0, value
    below = float(math.floor(round(value * (1 - NEAR), 6)))
    if qualifier == "nearly":
        return below, value
    if qualifier == "about":
        return below, float(math.ceil(round(value * (1 + NEAR), 6)))
    return low, high


@dataclass(frozen=True)
class NumberSpan:
    """One number expression: offsets into the text given to `find_numbers` (end exclusive)."""

    start: int
    end: int
    text: str
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    qualifier: str
    kind: str
    num_start: int
    num_end: int


#: Vague amounts: word -> (low, high) of the amount itself; see the module docstring.
VAGUE = {"couple": (2, 3), "few": (2, 9), "handful": (2, 9), "several": (3, 9), "dozens": (24, 199),
         "scores": (40, 199)}

# ---------------------------------------------------------------- context around a number

_APPROX_BY_Q = {
    "at_least": "at least|at the least|no fewer than|no less than|not fewer than|not less than|a minimum of|"
                "minimum of|at least or equal to",
    "more_than": "more than|over|above|greater than|larger than|bigger than|higher than|in excess of|upwards of|"
                 "upward of|exceeding|exceeds|exceeded|exceed|surpassing|surpasses|surpassed|surpass|topping|"
                 "well over|just over|well above|just above|north of|well in excess of|slightly more than",
    "at_most": "at most|at the most|up to|no more than|not more than|a maximum of|maximum of|as many as|as much as|"
               "not exceeding|no greater than|no higher than",
    "less_than": "less than|fewer than|under|below|lower than|smaller than|just under|well under|well below|"
                 "just below|shy of|slightly less than|slightly fewer than|well short of",
    "about": "about|around|approximately|approx.|approx|roughly|some|an estimated|estimated|circa|round about|in the "
             "region of|on the order of|something like|somewhere around|in the neighbourhood of|in the neighborhood "
             "of|more or less|an approximate|approximate|just about",
    "nearly": "nearly|almost|close to|closer to|just short of|not quite|nigh on|very nearly|almost exactly",
    "exact": "exactly|precisely|equal to|equals|equals to|equaling to|equalling to|equaling|equalling",
}
_APPROX = {p: q for q, ps in _APPROX_BY_Q.items() for p in ps.split("|")}
for _q, _ws in (("at_least", "more greater higher larger bigger"), ("at_most", "less fewer lower smaller")):
    for _w in _ws.split():  # greater than or equal to, bigger or equal than, equal to or less than ...
        _APPROX.update(dict.fromkeys((f"{_w} than or equal to", f"{_w} or equal than", f"{_w} or equal to",
                                      f"equal to or {_w} than", f"equal or {_w} than"), _q))
_APPROX_LAST = {p.split()[-1] for p in _APPROX}  # cheap gate before the regex
_SYMBOLS = {">=": "at_least", "≥": "at_least", "<=": "at_most", "≤": "at_most", ">": "more_than", "<": "less_than",
            "=": "exact"}
_L_APPROX = re.compile(  # longest phrase first; "x>10" but not "=>30" or "<>30"
    "(?:(?<![\\w])(?P<w>" + "|".join(re.escape(a).replace("\\ ", BLANK + "+") for a in sorted(_APPROX, key=len)[::-1])
    + rf")|(?<![=<>!])(?P<s><{BLANK}?=|>{BLANK}?=|[<>=≥≤]))(?![=<>]){BLANK}*\Z", re.I)
_NOT_OVER = re.compile(rf"\b(?:hand|hands|handed|handing|turn|turns|turned|turning|take|takes|took|taken|taking|win|"
                       rf"wins|won|lead|leads|leading|led|victory|passed|fought|watch|watched|presided|go|went|gone|"
                       rf"goes|going|rose|risen|rise|rises|climbed|climbs|jumped|jumps|shot|moved|edged|revised|"
                       rf"raised|pushed|brought|bring|brings|bringing|stepped|sped|speeded|ramped){BLANK}+\Z", re.I)
_L_SIGN = re.compile(rf"(?:(?<![\w.,)\]-])[-−]|\b(?:minus|negative){BLANK}+)\Z", re.I)
_R_BOUND = re.compile(
    rf"{BLANK}+(?:(?:or|and){BLANK}+(?P<more>more|greater|higher|larger|bigger|above|over|upwards)|(?:or|and){BLANK}+"
    rf"(?P<less>less|fewer|lower|smaller|below|under)|or{BLANK}+(?P<equal>equal)|or{BLANK}+(?P<so>so|thereabouts))"
    rf"(?:{BLANK}+than|{BLANK}+to)?\b|(?P<plus>\+|-?plus)(?![\w+]|{BLANK}*[0-9])", re.I)
_NUM_AHEAD = re.compile(rf"{BLANK}*(?:[-+]?\.?[0-9]|(?:{trie(START_WORDS)}|an?{BLANK}+(?:hundred|thousand|million))\b)",
                        re.I)

_MONTH_RE = f"(?:{trie(MONTH_WORDS)})"
_TIME_UNIT = "(?:" + trie("second sec minute min hour hr day night week fortnight month year yr decade century "
                          "centuries millennium millennia".split()) + ")s?"
_R_DUR = re.compile(rf"{BLANK}?-?{BLANK}?{_TIME_UNIT}\b", re.I)
_R_MONEY = re.compile(rf"(?:{BLANK}+of)?{BLANK}?(?:(?:US|U\.S\.|Australian|Canadian|Hong{BLANK}Kong|Singapore){BLANK}dollars?|"
                      rf"pounds{BLANK}+sterling|" + trie(
                          "dollar dollars euro euros sterling yuan renminbi yen rupee rupees rouble roubles ruble "
                          "rubles lira liras dinar dinars dirham dirhams riyal riyals rial rials shekel shekels franc "
                          "francs manat manats peso pesos cents pence naira rand USD EUR GBP SEK CHF JPY AZN INR RUB "
                          "TRY".split()) + r")\b")
_UNIT_WORDS = (
    "km kms kilometer kilometers kilometre kilometres mi mile miles m meter meters metre metres cm mm centimeter "
    "centimeters centimetre centimetres millimeter millimeters millimetre millimetres ft feet foot inch inches yard "
    "yards yd yds kg kgs kilo kilos kilogram kilograms g gram grams lb lbs pounds ounce ounces oz ton tons tonne "
    "tonnes ml milliliter milliliters millilitre millilitres liter liters litre litres gallon gallons barrel barrels "
    "acre acres hectare hectares ha sq square cubic degree degrees ° °C °F mph kph km/h knot knots mw gw kw kwh mwh "
    "megawatt megawatts gigawatt gigawatts kilowatt kilowatts volt volts watt watts hz khz mhz ghz kb mb gb tb bit "
    "bits byte bytes megabyte megabytes gigabyte gigabytes terabyte terabytes pixel pixels px calorie calories kcal "
    "magnitude storey storeys stories story floor floors point points bpm rpm ppm gauge calibre caliber").split()
#: What follows a number, one match: the first alternative that fits names it.
_RIGHT = re.compile(
    rf"(?P<percent>(?i:{BLANK}?(?:%|per{BLANK}?cent\b|pct\b|percentage{BLANK}+points?\b)))"
    rf"|(?P<money>{_R_MONEY.pattern})"
    rf"|(?P<time>{BLANK}?(?:[aApP]\.?{BLANK}?[mM]\b\.?|o['’]clock\b|(?:GMT|UTC|EST|EDT|PST|PDT|CET|BST|hrs)\b))"
    rf"|(?P<age>(?i:{BLANK}?-?{BLANK}?(?:year|yr|month|week|day)s?{BLANK}?-?{BLANK}?olds?\b|{BLANK}+years?{BLANK}+of{BLANK}+age\b))"
    rf"|(?P<date>(?:st|nd|rd|th)?{BLANK}+(?:of{BLANK}+)?{_MONTH_RE}\b)"
    rf"|(?P<duration>{_R_DUR.pattern.replace(_TIME_UNIT, '(?i:' + _TIME_UNIT + ')')})"
    rf"|(?P<unit>{BLANK}?-?{BLANK}?(?i:{trie(_UNIT_WORDS)})(?!\w))")
_R_MILTIME = re.compile(rf"{BLANK}*\(?(?:GMT|UTC|HKT|local{BLANK}+time|hours|hrs|Zulu)\b")
_R_ORDSUF = re.compile(r"(?:st|nd|rd|th)\b")
_R_DECADE = re.compile(r"['’]?s\b")
_R_YEAR_RANGE = re.compile(rf"{BLANK}?[-–—/]{BLANK}?(?:1[0-9]{{3}}|20[0-9]{{2}}|[0-9]{{2}})(?![0-9])")
_R_COUNT_NOUN = re.compile(
    rf"{BLANK}+(?:(?!(?:was|has|is|as|its|this|his|hers|us|plus|thus|versus|whereas|across|always|perhaps|afterwards|"
    rf"towards|besides|nevertheless|unless|less|yes)\b)[a-z]+s\b|people|men|women|children|were|are|have|had|more|"
    rf"others|dead|killed|injured|wounded|died|troops|police|personnel|staff|of\b)")
_EVENTS = ("killings slayings murders attacks bombings shootings elections games olympics playoffs riots protests "
           "floods earthquakes massacres events talks accords negotiations agreements laws reforms hearings trials "
           "sanctions strikes clashes wars finals championships awards uprisings crimes deaths storms fires "
           "explosions crashes incidents cases charges convictions rules figures estimates records results editions "
           "seasons series campaigns primaries budgets").split()  # after a year: the 1978 bombings
_R_EVENT = re.compile(rf"{BLANK}+(?:[a-z]+-)?(?:{trie(_EVENTS)})\b")
_L_AGE = re.compile(rf"\b(?:aged|age|ages){BLANK}+(?:of{BLANK}+)?\Z", re.I)
#: "a woman of 52": one person and her age (not "a family of five", a count).
_L_PERSON_OF = re.compile(rf"\b(?:a|an|the)(?:{BLANK}+[a-z-]+)?{BLANK}+(?:man|woman|boy|girl|mother|father|son|daughter|"
                          rf"grandmother|grandfather|widow|widower|pensioner|teacher|farmer|driver){BLANK}+of{BLANK}+\Z", re.I)
#: "a trader of 71": one person named by what they do (an agent noun) and their age, when the
#: number ends the phrase ("a trader of 71 died"; not "a number of 71", "a container of 50 migrants").
_L_AGENT_OF = re.compile(rf"\b(?:a|an)(?:{BLANK}+[a-z-]+)?{BLANK}+(?!(?:number|quarter|order|border|member|layer|cluster|"
                         rf"container|register|roster|corner|centre|center|chapter|letter|water|total|factor|trailer|"
                         rf"trawler|tanker|freighter|carrier|helicopter|steamer)\b)[a-z]+(?:er|or){BLANK}+of{BLANK}+\Z",
                         re.IGNORECASE)
_R_AGE_END = re.compile(r"\s*(?:[,.;]|\s(?:died|who|was|had|is|has|and|from)\b)")
_L_UNIT = re.compile(rf"\b(?:magnitude(?:{BLANK}+of)?|Richter|Mw|M){BLANK}*-?{BLANK}*\Z", re.I)
_L_DATE = re.compile(rf"\b{_MONTH_RE}\.?,?{BLANK}+(?:the{BLANK}+)?\Z")
_L_YEAR_STRONG = re.compile(rf"\b(?:in|since|until|till|by|before|after|during|circa|from){BLANK}+\Z", re.I)
_L_YEAR = re.compile(rf"(?:\b(?:in|since|of|from|until|till|to|by|before|after|during|early|late|mid|circa|the|"
                     rf"spring|summer|autumn|fall|winter|year|and|or|through|between|c\.)(?:{BLANK}+|{BLANK}*-{BLANK}*)"
                     rf"|[0-9](?:st|nd|rd|th)?,{BLANK}+)\Z", re.I)
_L_GLUED = re.compile(r"(?:[A-Za-z]|\b(?!(?:Mid|Pre|Post|Late|Early|Over|Under|Top|Ex|Non|Anti|Pro|Sub|Semi|Multi|"
                      r"All|The|An?|Up|Year|Day|Feb|Jan|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-)(?=[A-Za-z0-9]*[A-Z])"
                      r"[A-Za-z][A-Za-z0-9]*-|\b(?:covid|sars|mers|cov)-)\Z")
_NAMES = set(("Route Flight Game Falcon Boeing Airbus Apollo Chapter Article Section Resolution Room Gate Terminal "
              "Platform Highway Interstate Channel Studio Level Category Class Type Model Version Windows iPhone "
              "Galaxy Pixel Phase Stage Part Episode Season Volume Issue Page Act Unit Block Building Camp District "
              "Zone Sector Ward Bed Seat Row Lot Bus Train Line Pier Berth Track Exit Junction Mark Mk Formula "
              "Proposition Prop Amendment Title Vision Agenda Precinct Cell Division Brigade Battalion Regiment "
              "Squadron Corps Fleet Wing Tower Hall Hangar Runway Pad Complex Rule Bill Code Form Schedule Tier Grade "
              "War Number Slide Photo Image Stand Door Floor Suite Box Hole Lane Avenue Street Road Chamber Cabinet "
              "Council Court Convention Protocol Directive Order Decree Law Item Point Paragraph Clause No Nos Nr "
              "Nrs NO Art Ch Vol Ref").split())
_L_CAPWORD = re.compile(rf"\b([A-Z][\w’'.&-]*){BLANK}+\Z")
_CAP_STOP = set(("The A An In On At Of And Or But To For With By From Since After Before Than About Around Over "
                 "Under Some Nearly Almost Only Just All Another Between Up More Less Fewer Least Most Approximately "
                 "Roughly Estimated Exactly During Until As Among Top Total Killing Leaving Including Injuring It He "
                 "She They We I You There Here This That These Those Also Every Each Monday Tuesday Wednesday "
                 "Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun Today Yesterday Tomorrow "
                 "Tonight Said Says Say Are Is Was Were Be Been Has Had Have Will Would Could Should May Might Must "
                 "Can Died Dead Killed Toll Aged Age Ages Via Per Plus Minus Kill Injure Wound Hurt Hit Leave Claim "
                 "Reach Top Rise Climb Jump Soar Near Pass Exceed Surpass Slay Shoot Attack Bomb Free Rescue "
                 "Evacuate Displace Strike Arrest Execute Behead Kidnap Abduct Save Lose Mourn Bury").split()) | set(
    MONTH_WORDS)
_R_TITLE = re.compile(rf"{BLANK}+[A-Z][a-z]")
_R_LOWER_WORD = re.compile(r"\s[a-z]{4,}")
_L_APPOS = re.compile(rf"(?<![,0-9]{BLANK})\b[A-Z][a-z]+(?:{BLANK}+[A-Z][\w’'-]+)*{BLANK}+[A-Z][\w’'-]+,{BLANK}\Z")
_ONE_PRONOUN = re.compile(rf"\b(?:the|this|that|which|each|every|any|no|another|one|little|loved|only|last|next|"
                          rf"other|right|wrong|same|big|young|new|old|someone|anyone|everyone){BLANK}+\Z", re.I)
_R_ONE_PRONOUN = re.compile(rf"{BLANK}+(?:another|anyone)\b", re.I)
_L_HALF = re.compile(rf"\b(?:first|second|1st|2nd|other|latter|former|back|front|top|bottom|upper|lower|"
                     rf"northern|southern|eastern|western){BLANK}+\Z", re.I)
_RATIO = re.compile(rf"{BLANK}+(over|out{BLANK}+of|in){BLANK}+")
_OF_A = re.compile(rf"{BLANK}+of{BLANK}+an?{BLANK}+(thousand|million|billion|trillion)\b", re.I)
_R_PLURAL = re.compile(rf"{BLANK}+(?!(?:is|was|has|as)\b)[a-z]+s\b")
_R_AFTER_RATIO = re.compile(rf"{BLANK}*(?:$|\n|[.,;:!?)\]\"”'’])")
_CUR_CHARS = set("$€£¥₹₽₺₼")
_MONTH_SET = set(MONTH_WORDS)
_YEAR_WORDS = set("in since of from until till to by before after during early late mid circa the spring summer "
                  "autumn fall winter year and or through between c.".split())
_POSSESSIVE = {"his", "her", "their", "my", "your", "our"}
_TESTED = {"tested", "test", "tests", "testing", "proved", "proven", "back"}


class _Sp:
    """A number being assembled (mutable; becomes a NumberSpan)."""

    __slots__ = ("s", "e", "ns", "ne", "v", "lo", "hi", "q", "kind", "digits", "scale", "approx_s")

    def __init__(self, s, e, ns, ne, v, lo, hi, q, kind, digits=False, scale=0.0, approx_s=-1):
        self.s, self.e, self.ns, self.ne, self.v, self.lo, self.hi = s, e, ns, ne, v, lo, hi
        self.q, self.kind, self.digits, self.scale, self.approx_s = q, kind, digits, scale, approx_s

    def out(self, text: str) -> NumberSpan:
        sp = object.__new__(NumberSpan)  # the frozen dataclass's __init__ is slow; same fields
        sp.__dict__.update(start=self.s, end=self.e, text=text[self.s:self.e], value=self.v, low=self.lo,
                           high=self.hi, qualifier=self.q, kind=self.kind, num_start=self.ns, num_end=self.ne)
        return sp


def _prev(text: str, s: int, lo: int = 0) -> tuple[str, str]:
    """The non-blank token before s and its lower case: a cheap gate before left-context regexes."""
    seg = text[max(lo, s - 30):s]
    seg = seg[seg.rfind("\n") + 1:].rstrip()
    tok = seg.rsplit(None, 1)[-1] if seg else ""
    return tok, tok.lower()


def _money_left(tok: str) -> bool:
    return bool(tok) and (any(c in _CUR_CHARS for c in tok) or tok[-1] == "e" or tok[:2] == "Rs"
                          or tok in ("USD", "EUR", "GBP", "AZN", "INR", "CHF", "SEK", "TL"))


def _kind(text: str, s: int, e: int, v: float, typ: str, digits: bool, scale: float, raw: str):
    """(kind, end of the expression) of a number read at text[s:e]."""
    lo = max(0, s - 40)
    tok, tl = _prev(text, s, lo)
    tb = tok.rstrip(".,")
    month = tb in _MONTH_SET or tl == "the"
    r = _RIGHT.match(text, e)
    rk = r.lastgroup if r else ""
    if rk == "money" and r is not None and r.group().lstrip().startswith("of"):  # rk is non-empty only when r matched
        rk = ""
    if typ == "ord":
        return ("date" if (rk == "date" or month and _L_DATE.search(text, lo, s)) and v <= 31 else "ordinal"), e
    if _money_left(tok) and MONEY_BEFORE.search(text, max(0, s - 5), s):
        return "money", (r.end() if rk == "money" and r is not None else e)
    if rk in ("percent", "money"):
        assert r is not None  # rk is non-empty only when r matched
        return rk, r.end()
    if typ == "frac":
        return ("identifier" if raw == "9/11" else "other" if "/" in raw and v >= 1 else "fraction"), e
    isint = v == int(v) and not raw.startswith("-")
    plain = raw.isdigit()
    if digits and (rk == "time" and v < 25 or plain and len(raw) == 4 and v % 100 < 60 and v < 2400
                   and _R_MILTIME.match(text, e)):
        return "time", e
    if rk == "age" or (tl in ("aged", "age", "ages", "of") and v < 130 and _L_AGE.search(text, lo, s)):
        return "age", e
    if tl == "of" and plain and 0 < v < 110 and _L_PERSON_OF.search(text, lo, s):
        return "age", e  # "after a woman of 52 died of her burns"
    if tl == "of" and plain and 0 < v < 110 and _L_AGENT_OF.search(text, lo, s) and _R_AGE_END.match(text, e):
        return "age", e  # "where a trader of 71 died of his injuries"
    if plain and 0 < v < 110 and text[e:e + 1] == "," and tok[-1:] == "," and _L_APPOS.search(text, lo, s):
        return "age", e  # Maria Lopez, 58, was
    if digits and s > 0 and (text[s - 1].isalpha() or text[s - 1] == "-") and _L_GLUED.search(
            text, max(0, s - 12), s):
        return "identifier", e  # G20, COVID-19, F-16
    if digits and isint and v <= 31 and not scale and len(raw) <= 2 and (
            rk == "date" or month and _L_DATE.search(text, lo, s)):
        return "date", e
    if rk == "duration":
        return "duration", e
    if plain and len(raw) == 2 and v % 10 == 0 and text[e:e + 1] == "s" and not text[e + 1:e + 2].isalnum():
        if tl in _POSSESSIVE or tl in ("early", "mid", "late", "mid-") and _prev(
                text, s - len(tok) - 1, lo)[1] in _POSSESSIVE:
            return "age", e + 1  # in her 50s
        return "year", e + 1  # the '90s, the 90s
    if plain and len(raw) == 4 and 1000 <= v <= 2100:
        m = _R_DECADE.match(text, e)
        if m:
            return "year", m.end()
        noun = _R_COUNT_NOUN.match(text, e)
        if noun and 1900 <= v <= 2100 and _R_EVENT.match(text, e):
            noun = None
        plural = noun and noun.group().strip()[-1:] == "s" and noun.group().strip() not in ("was", "has")
        if _R_YEAR_RANGE.match(text, e) or tb in _MONTH_SET or (
                tl in _YEAR_WORDS and not plural and _L_YEAR_STRONG.search(text, lo, s)):
            return "year", e
        if not noun and (1900 <= v <= 2100 or (tl in _YEAR_WORDS or tok[-1:] in ",-") and _L_YEAR.search(
                text, lo, s)):
            return "year", e
    if plain and len(raw) == 1 and text[e:e + 1] == "G" and not text[e + 1:e + 2].isalnum():
        return "identifier", e  # 3G, 4G, 5G
    if rk == "unit" and r is not None and scale >= 1e6 and r.group().strip(" -").lower() == "pounds" and not text.startswith(
            " of", r.end()):
        return "money", r.end()  # two million pounds
    if rk == "unit" or (tl in ("magnitude", "of", "richter", "mw", "m") or tok[-1:] == "-") and _L_UNIT.search(
            text, max(0, s - 24), s):
        return "unit", e
    if digits and tok and (tok[0] == "#" or tb in _NAMES):
        return "identifier", e  # Route 7, Flight 370, No. 5, #5
    if digits and "A" <= text[e:e + 1].upper() <= "Z":
        return "identifier", e  # 39A
    if isint and v < 10000 and tok[:1].isupper() and (digits or raw[:1].isupper()) and _in_name(text, lo, s, e, digits):
        return "identifier", e
    return ("count" if isint and v >= 0 else "other"), e


def _in_name(text: str, lo: int, s: int, e: int, digits: bool) -> bool:
    """A number after a capitalised word inside a sentence, part of a name: "MV Tessaly 2";
    a number word capitalised with a capital on each side ("Channel Five Hareth reported";
    not "KABUL Three people", "Dana Reel Three people", a Title Case headline: "Gunmen Kill
    12 In Nigeria", "Gunmen Kill Five In Nigeria")."""
    m = _L_CAPWORD.search(text, lo, s)
    if m is None or m.group(1) in _CAP_STOP or m.group(1).endswith(("s", "ed", "ing", ".")):
        return False  # ("Storm Leaves Three Dead", "... in Kabul. Two Americans")
    before = text[max(0, m.start() - 2):m.start()].strip()
    after_stop = before[-1:] in tuple('.!?:;"“‘\'(') or text[m.start() - 1:m.start()] == "\n"  # ("Photo: Reuters
    if not digits:  # Twelve ..."); a number word's own capital tells even at the text's start
        return not after_stop and not m.group(1).isupper() and bool(_R_TITLE.match(text, e)) and bool(
            _R_LOWER_WORD.search(text, e, text.find("\n", e) % (len(text) + 1)))
    return not _R_TITLE.match(text, e) and bool(before) and not after_stop


_VAGUE_RE = re.compile(
    rf"(?P<mul>tens|hundreds|dozens|scores){BLANK}+of{BLANK}+(?P<big>thousands|millions|billions)\b"
    rf"|(?P<q>several|a{BLANK}+few|a{BLANK}+handful|a{BLANK}+couple(?={BLANK}+of\b))"
    rf"(?:{BLANK}+(?P<u>hundred|thousand|million|billion|dozen)s?(?:{BLANK}+(?P<u2>thousand|million|billion)s?)?)?(?!\w)"
    rf"|(?P<pl>dozens|hundreds|thousands|millions|billions|trillions|lakhs|crores)\b|(?P<sc>scores)(?={BLANK}+of\b)",
    re.I)
_UNIT_OF = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12.0,
            "lakh": 1e5, "crore": 1e7}
_MUL = {"tens": (20, 99), "hundreds": (200, 999), "dozens": (24, 199), "scores": (40, 199)}
_R_OF_TIME = re.compile(rf"{BLANK}+of{BLANK}+{_TIME_UNIT}\b", re.I)


def _vague(text: str, p: int) -> Optional[_Sp]:
    m = _VAGUE_RE.match(text, p)
    if not m:
        return None
    g = {k: (x.lower() if x else x) for k, x in m.groupdict().items()}
    if g["mul"]:
        (a, b), u = _MUL[g["mul"]], _UNIT_OF[g["big"][:-1]]
        lo, hi = a * u, (b + 1) * u - 1
    elif g["q"]:
        lo, hi = VAGUE[g["q"].split()[-1]]
        for u in (_UNIT_OF[g[k]] for k in ("u", "u2") if g[k]):
            lo, hi = lo * u, (hi + 1) * u - 1
    elif g["pl"] and g["pl"] != "dozens":
        u = _UNIT_OF[g["pl"][:-1]]
        lo, hi = 2 * u, 10 * u - 1
    else:
        lo, hi = VAGUE[g["pl"] or "scores"]
    e = m.end()
    kind = "count"
    if _R_MONEY.match(text, e) or MONEY_BEFORE.search(text, max(0, p - 5), p):
        kind = "money"  # millions of dollars
    elif _R_DUR.match(text, e) or _R_OF_TIME.match(text, e):
        kind = "duration"
    return _Sp(p, e, p, e, None, float(lo), float(hi), "vague", kind)


_PROTECTED = re.compile(rf"""
 (?P<phone>\+[0-9]{{1,3}}(?:[-.\ ]?\(?[0-9]{{1,4}}\)?){{2,5}}(?:/[0-9]{{2,5}})?(?![0-9])
   |\([0-9]{{3}}\){BLANK}?[0-9]{{3}}[-.\ ][0-9]{{4}}(?![0-9])
   |0[0-9]{{2,4}}[\ /-][0-9]{{2,4}}(?:[\ -][0-9]{{2,4}}){{1,2}}(?![0-9])
   |[0-9]{{3}}[-.][0-9]{{3}}[-.][0-9]{{4}}(?![0-9])
   |(?P<local>[0-9]{{3}}\ ?-\ ?[0-9]{{4}}(?![0-9])))
|(?P<date>[12][0-9]{{3}}-[01][0-9]-[0-3][0-9](?![0-9])|[12][0-9]{{3}}-0[1-9](?![0-9])
   |[0-3]?[0-9](?:[/.]|\ /\ )[0-3]?[0-9](?:[/.]|\ /\ )(?:[12][0-9]{{3}}|[0-9]{{2}})(?![0-9]))
|(?P<time>[0-2]?[0-9]:{BLANK}?[0-5][0-9](?::[0-5][0-9])?(?![0-9])(?:{BLANK}?[aApP]\.?{BLANK}?[mM]\b\.?)?
   |[0-2]?[0-9]\.{BLANK}?[0-5][0-9]{BLANK}?[aApP]\.{BLANK}?[mM]\.?)
|(?P<identifier>[0-9]+(?:\.[0-9]+){{2,}}(?![0-9]))
""", re.X)
_L_CALL = re.compile(r"\b(?:call|calling|phone|telephone|tel|contact|dial|hotline|fax|reached|line)\b[^\n]{0,30}\Z",
                     re.I)
_CAPTION_WORDS = set("Caption Photo Photos Image Images Slide Picture Pictures Gallery Video Buzz60".split())
_CAPTION = re.compile(rf"([0-9]+){BLANK}+of{BLANK}+([0-9]+)(?![0-9])")
_PROT_NEXT = set("-./:")


def _protected(text: str, p: int, lo: int) -> Optional[list[_Sp]]:
    """Phones, ISO and slash dates, clock times, versions and IPs, "Caption 8 of 25" at p."""
    for q in (p - 1, p) if p > lo and text[p - 1] in "+(" else (p,):
        m = _PROTECTED.match(text, q)
        if m and not (q == p and p and text[p - 1].isalnum()):
            if m.lastgroup == "phone" and sum(c.isdigit() for c in m.group()) < 9 and not (
                    m.group("local") and _L_CALL.search(text, max(0, q - 40), q)):
                continue
            return [_Sp(q, m.end(), q, m.end(), None, None, None, "exact", m.lastgroup, True)]
    m = _CAPTION.match(text, p) if _prev(text, p, lo)[0] in _CAPTION_WORDS else None
    if m:
        return [_Sp(m.start(i), m.end(i), m.start(i), m.end(i), f, f, f, "exact", "identifier", True)
                for i in (1, 2) for f in (float(m.group(i)),)]
    return None


def _read(text: str, p: int):
    """The number that starts at p: (start, end, value, typ, digits, scale, raw) or None."""
    toks = lex(text, p, 6)
    r = read_number(text, toks)
    if len(toks) == 6 and (r is None or r[0] >= 3):  # a long one: read further
        toks = lex(text, p, 16)
        r = read_number(text, toks)
    if r is None:
        return None
    k, v, typ, scale = r
    s, e = toks[0].s, toks[k - 1].e
    digits = any(t.typ in ("N", "R") for t in toks[:k])
    raw = text[s:e]
    if k == 1 and toks[0].w == "half" and _L_HALF.search(text, max(0, s - 12), s):
        return None  # the first half (of a game)
    if k == 1 and toks[0].w == "one" and (_ONE_PRONOUN.search(text, max(0, s - 12), s)
                                          or _R_ONE_PRONOUN.match(text, e)):
        return None  # the one, no one, one another
    if typ == "card" and k == 1 and toks[0].typ == "N" and toks[0].int and not toks[0].sc:
        m = _R_ORDSUF.match(text, e) if text[e:e + 1] in ("s", "n", "r", "t") else None
        if m:
            return s, m.end(), v, "ord", True, 0.0, raw
    if typ == "frac" or (typ == "card" and toks[k - 1].typ == "F"):
        m = _OF_A.match(text, e)
        if m:  # two thirds of a million
            u = SCALES[m.group(1).lower()]
            return s, m.end(), v * u, "card", digits, u, raw
    if typ == "card" and v == int(v) and v > 0 and text.startswith((" over ", " out of ", " in "), e):
        m = _RATIO.match(text, e)
        assert m is not None  # text at e starts with " over ", " out of " or " in "
        toks2 = lex(text, m.end())
        r2 = read_number(text, toks2)
        if r2 and r2[2] == "card" and r2[1] == int(r2[1]) and r2[1] > 0:
            y, e2 = r2[1], toks2[r2[0] - 1].e
            if (_R_AFTER_RATIO.match(text, e2) if m.group(1) == "over" else  # "1 over 3" ends a clause
                    v < y and (v == 1 or y <= 10) and not _R_DUR.match(text, e2) and not (  # one in five, 8 out of 10
                        v > 1 and m.group(1) == "in" and _R_PLURAL.match(text, e2))):  # not: killed 2 in 5 attacks
                return s, e2, v / y, "frac", digits, 0.0, raw
    return s, e, v, typ, digits, scale, raw


def _finish(text: str, lo: int, s: int, e: int, v: float, typ: str, digits: bool, scale: float, raw: str) -> _Sp:
    """A number read at text[s:e] with its sign, currency, approximator, bounds and kind."""
    ns = s
    tok, tl = _prev(text, s, lo)
    m = _L_SIGN.search(text, max(lo, s - 10), s) if tok and (tok[-1] in "-−" or tl == "minus" or tl == "negative" and
                                                          _prev(text, s - len(tok) - 1, lo)[1] not in _TESTED) else None
    if m:
        ns, v, raw = m.start(), -v, "-" + raw
    kind, ke = _kind(text, ns, e, v, typ, digits, scale, raw)
    start = ns
    if kind == "money" and _money_left(_prev(text, ns, lo)[0]):
        m = MONEY_BEFORE.search(text, max(lo, ns - 5), ns)
        start = m.start() if m else ns
    q, approx_s = "exact", -1
    seg = text[max(lo, start - 20):start].rstrip(" \t\u00a0")
    k = len(seg)
    while k and (seg[k - 1].isalpha() or seg[k - 1] == "."):
        k -= 1
    if seg[k:].lower() in _APPROX_LAST or seg[-1:] in ("<", ">", "=", "≥", "≤"):
        m = _L_APPROX.search(text, max(lo, start - 45), start)
        if m and kind not in ("date", "year", "time", "phone", "identifier", "ordinal"):
            phrase = re.sub(r"\s+", " ", (m.group("w") or m.group("s")).lower())
            q = _APPROX.get(phrase) or _SYMBOLS.get(phrase.replace(" ", ""), "exact")
            if phrase in ("over", "up to") and _NOT_OVER.search(text, max(0, m.start() - 15), m.start()) or (
                    phrase == "some" and typ != "card"):
                q = "exact"  # handed over 20, went up to 15
            else:
                approx_s = m.start()
    end = max(e, ke)
    b = _R_BOUND.match(text, end) if text[end:end + 1] in (" ", "+", "-", "\t", "\u00a0") else None
    if b and not _NUM_AHEAD.match(text, b.end()):  # "200 or more", but "200 or more than 190" is two
        new = _SUFFIX_Q.get((b.lastgroup, q))
        if new:
            approx_s = -1 if q in ("about", "nearly") else approx_s
            q, end = new, b.end()
    low, high = (v, v) if q == "exact" else (v, None) if q in ("at_least", "more_than") else (
        (None, v) if q in ("at_most", "less_than", "nearly") else (None, None))
    return _Sp(approx_s if approx_s >= 0 else start, end, ns, e, v, low, high, q, kind, digits, scale, approx_s)


_SUFFIX_Q: dict[tuple[Optional[str], str], str]  # keyed by (a regex lastgroup, which may be None, qualifier)
_SUFFIX_Q = {("more", "exact"): "at_least", ("more", "about"): "at_least", ("more", "nearly"): "at_least",
             ("plus", "exact"): "at_least", ("less", "exact"): "at_most", ("less", "about"): "at_most",
             ("less", "nearly"): "at_most", ("equal", "more_than"): "at_least", ("equal", "less_than"): "at_most",
             ("so", "exact"): "about"}


# ---------------------------------------------------------------- the scan

def _scan(text: str) -> list[_Sp]:
    n = len(text)
    out: list[_Sp] = []
    pos = lo = 0
    while True:
        m = NUMBER_START.search(text, pos)
        if m is None:
            return out
        p = m.start()
        found = None
        if "0" <= text[p] <= "9":
            j = p + 1
            while j < n and "0" <= text[j] <= "9":
                j += 1
            c = text[j:j + 2]
            if c[:1] in _PROT_NEXT or c[:1] == " " and (c[1:].isdigit() or c[1:] in "o/") or p and text[p - 1] in "+(":
                found = _protected(text, p, lo)
        if found is None and text[p] in "tThHdDsSaAmMbBlLcC":
            found = [v] if (v := _vague(text, p)) else None
        if found is None:
            found = [_finish(text, lo, *r)] if (r := _read(text, p)) else None
        if not found:
            pos = m.end()
            while pos < n and text[pos - 1].isalnum() and text[pos].isalnum():  # linear time: skip the run
                pos += 1
            continue
        out.extend(sp for sp in found if not out or sp.s >= out[-1].e)  # never overlap: keep the earlier
        d = _R_DUR.match(text, found[-1].ne) if found[-1].kind == "duration" else None
        pos = max(found[-1].e, pos + 1, d.end() if d else 0)  # "30 seconds": "seconds" is no ordinal
        lo = out[-1].e if out else lo


_RANGE_GAP = re.compile(rf"{BLANK}*(?:[-–—~]|to|through|thru|till|until){BLANK}*\Z")
_BETWEEN = re.compile(rf"\bbetween{BLANK}+\Z", re.I)
_FROM = re.compile(rf"\bfrom{BLANK}+\Z", re.I)
_CHANGE = re.compile(r"\b(?:rose|risen|rise|rises|rising|increased|increase|increases|climbed|climbs|jumped|jumps|"
                     r"grew|grown|fell|fallen|falls|dropped|drops|declined|revised|raised|soared|surged|went|up|down|"
                     r"cut|reduced|lowered|doubled|changed|moved|shifted|swelled|spiked|plunged|slipped|tripled|"
                     r"boosted|upped|upgraded|downgraded)\b[^.;:\n]{0,30}\Z", re.I)
_R_SCORE = re.compile(rf"(?:-[0-9]|{BLANK}+(?:season|record|run|win|victory|loss|defeat|lead|deficit|streak|decision|"
                      rf"vote|ruling|split|finish|mark|campaign|overall)\b)")
_JOIN = re.compile(rf"{BLANK}*,?{BLANK}*(?:and|but){BLANK}+\Z|{BLANK}*,{BLANK}*\Z", re.I)
_LOWER_Q, _UPPER_Q = ("more_than", "at_least"), ("less_than", "at_most")
_NO_RANGE = ("phone", "identifier", "time", "ordinal", "fraction")


def _range(text, a: _Sp, b: _Sp) -> Optional[_Sp]:
    """a and b as one range, or None: "between 10 and 15", "10-15", "from 2 to 3 million",
    "2017-18", "more than 12 and fewer than 30"."""
    gap = text[a.e:b.s]
    g, kind, digits = gap.strip().lower(), (b.kind if a.kind == "count" else a.kind), a.digits and b.digits
    if (a.q in _LOWER_Q and b.q in _UPPER_Q or a.q in _UPPER_Q and b.q in _LOWER_Q) and _JOIN.match(gap) \
            and a.kind == b.kind and a.kind not in ("phone", "identifier", "time"):
        lo, hi = (a.v, b.v) if a.q in _LOWER_Q else (b.v, a.v)
        return _Sp(a.s, b.e, a.ns, b.ne, None, lo, hi, "range", kind, digits) if lo < hi else None
    if a.kind in _NO_RANGE or b.kind in _NO_RANGE[:4] or b.q != "exact" or b.approx_s >= 0 or not (
            a.q == "exact" and a.approx_s < 0 or a.q == "about" and a.approx_s >= 0):  # about 20~100: no "about"
        return None
    lo, hi, start = a.v, b.v, (a.s if a.q == "exact" else a.ns)
    if g == "and" and len(gap) > 3:
        m = _BETWEEN.search(text, max(0, a.s - 10), a.s)
        if not m:
            return None
        start = m.start()
    elif g in ("-", "–", "—", "~", "/") and a.kind == "year" and b.digits and b.ne - b.ns == 2:
        hi = (lo // 100) * 100 + hi  # 2017-18
        hi = hi + 100 if hi <= lo else hi
        if hi - lo > 20:
            return None
    elif _RANGE_GAP.match(gap) and (g in ("to", "through", "thru", "till", "until", "~") or digits):
        if g in ("-", "–") and _R_SCORE.match(text, b.e):
            return None  # a 3-13 season, 7-8-1
        if g in ("-", "–") and lo < 1000 <= hi and re.fullmatch(r"[0-9]{1,3},000", text[b.ns:b.ne]) and lo * 1e3 < hi:
            lo *= 1000  # 7-8,000 people
        m = _FROM.search(text, max(0, a.s - 8), a.s)
        if m and g == "to" and _CHANGE.search(text, max(0, m.start() - 40), m.start()):
            return None  # rose from 10 to 15: two numbers
        if g in ("till", "until") and kind != "year":
            return None
        start = m.start() if m and g == "to" else start
    else:
        return None
    if b.scale and not a.scale and lo * b.scale < hi:
        lo *= b.scale  # between 1.2 and 1.5 million
    return _Sp(start, b.e, a.ns, b.ne, None, lo, hi, "range", kind, digits, b.scale) if lo < hi else None


# ---------------------------------------------------------------- the API

def find_numbers(text: str) -> list[NumberSpan]:
    """Every number expression in `text`, in order, non-overlapping."""
    sps, out, i = _scan(text), [], 0
    while i < len(sps):
        a = sps[i]
        r = None
        if i + 1 < len(sps) and a.v is not None and sps[i + 1].v is not None and a.q != "range":
            r = _range(text, a, sps[i + 1])
        out.append((r or a).out(text))
        i += 2 if r else 1
    return out


def has_number(sentence: str) -> bool:
    """True if the sentence holds a digit or a number word (the cascade's cheap filter, one
    precompiled regex): when it is False, `find_numbers` finds nothing."""
    return NUMBER_START.search(sentence) is not None


def parse_number(s: str) -> Optional[float]:
    """The value of one number expression ("twenty-one" 21, "1,275" 1275, "1.2 million"
    1200000, "a dozen" 12, "¾" 0.75); None if `s` is not exactly one number."""
    t = s.strip()
    spans = find_numbers(t)
    return spans[0].value if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(t) else None
