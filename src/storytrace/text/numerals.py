"""Numerals: the words and digits of a number read into a value (numbers.py's lexer and grammar).

One job: token level. `lex(text, p)` reads the tokens at a position (digits with their
groupings and suffixes, number words, scales, fractions, currency and month words) and
`read_number(text, toks)` reads the longest number they make ("one hundred and six",
"1.2 million", "3 hundred and 21", "two thirds", "1/5th") with its value and type. What kind of
number it is, its bounds and its span in the sentence are numbers.py's business.
"""

from __future__ import annotations

import math
import re
from typing import Optional

# ---------------------------------------------------------------- vocabulary
# word -> (type, value, plural). Types: U unit, T teen, X tens, H hundred, S scale,
# D dozen, O ordinal, F half/quarter, A a/an, AND, POINT; N digits and R digit fractions.
_W: dict[str, tuple[str, float, bool]] = {}
for _i, _w in enumerate("zero one two three four five six seven eight nine".split()):
    _W[_w] = ("U", float(_i), False)
for _i, _w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()):
    _W[_w] = ("T", float(_i + 10), False)
for _i, _w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split()):
    _W[_w] = ("X", float(10 * _i + 20), False)
_ORDS: dict[str, float]  # ordinal word -> value (ints, and floats for the scales)
_ORDS = dict(zip(("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                  "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split(), range(1, 20)))
_ORDS.update(zip("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(),
                 range(20, 100, 10)))
_ORDS.update(hundredth=100, thousandth=1e3, millionth=1e6, billionth=1e9, trillionth=1e12)
def ordinal_value(word: str) -> Optional[int]:
    """An ordinal's number below 100: "fourth" 4, "21st" 21, "twentieth" 20; None for any other
    word ("four", "hundredth", "0th")."""
    low = word.lower()
    if re.fullmatch(r"[1-9]\d?(?:st|nd|rd|th)", low):
        return int(low[:-2])
    v = _ORDS.get(low)
    return int(v) if v is not None and v < 100 else None


SCALES = {"thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7, "billion": 1e9, "trillion": 1e12}
_ABBR = {"bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "tln": 1e12}  # scale words only after digits
for _w, _v in [*SCALES.items(), ("hundred", 100)]:
    _W[_w], _W[_w + "s"] = ("H" if _v == 100 else "S", float(_v), False), ("H" if _v == 100 else "S", float(_v), True)
for _w, _v in _ORDS.items():
    _W[_w], _W[_w + "s"] = ("O", float(_v), False), ("O", float(_v), True)
_W.update({w: ("S", v, False) for w, v in _ABBR.items()})
_W.update({w: ("D", 12.0, w.endswith("s")) for w in "dozen dozens dz dzs doz dozs".split()})
_W.update(half=("F", 2.0, False), halves=("F", 2.0, True), quarter=("F", 4.0, False), quarters=("F", 4.0, True),
          a=("A", 1.0, False), an=("A", 1.0, False), point=("POINT", 0.0, False), nought=("U", 0.0, False),
          naught=("U", 0.0, False))
_W["and"] = ("AND", 0.0, False)
MONTH_WORDS = ("January February March April May June July August September October November December "
           "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_VULGAR = {"¼": 1 / 4, "½": 1 / 2, "¾": 3 / 4, "⅐": 1 / 7, "⅑": 1 / 9, "⅒": 1 / 10, "⅓": 1 / 3, "⅔": 2 / 3, "⅕": 1 / 5,
           "⅖": 2 / 5, "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8}
BLANK = r"[^\S\n]"  # a blank that is not a newline


def trie(words) -> str:
    """A regex alternation of `words` as a prefix tree (fast: no backtracking over words)."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        body = "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node and alts else body

    return build(tree)


def _cases(words) -> list[str]:
    return sorted({v for w in words for v in (w, w.capitalize(), w.upper())})


START_WORDS = [w for w, (t, _, _) in _W.items() if t not in ("A", "AND", "POINT") and w not in _ABBR
                and w not in ("dz", "dzs", "doz", "dozs")] + "several scores tens few handful couple".split()
_AFTER_A = ["hundred", "thousand", "million", "billion", "trillion", "lakh", "crore", "dozen", "few", "handful",
            "couple", "half", "quarter", *[w for w in _ORDS if _ORDS[w] >= 3],
            *"twenty thirty forty fifty sixty seventy eighty ninety".split()]
#: Where a number may start: find_numbers' scan and all of has_number. Case-sensitive over
#: lower, Title and UPPER forms: faster than IGNORECASE (about 17 against 13 MB/s).
NUMBER_START = re.compile(
    rf"[0-9{''.join(_VULGAR)}]|(?<![0-9])\.[0-9]|\b(?=[a-zA-Z])(?:(?:{trie(_cases(START_WORDS))})(?!\w)"
    rf"|(?:[aA]n?|AN?){BLANK}+(?=(?i:{trie(_AFTER_A)})\b))")
_WTOK = re.compile(rf"(?:{trie(_W)})(?!\w)", re.IGNORECASE)
_SEP = re.compile(rf"{BLANK}*(?:-{BLANK}*)?")
_NAC = r"(?<![0-9],)(?<![0-9],\ )"  # not after "1," (lists: "22,24,26")
_DTOK = re.compile(rf"""
  (?P<frac>[0-9]+/[0-9]+)(?P<fth>st|nd|rd|th)?(?![0-9/])
| (?P<ind>[0-9]{{1,2}}(?:,[0-9]{{2}}){{1,4}},[0-9]{{3}}(?![0-9])(?:\.[0-9]+)?)
| {_NAC}(?P<com>[0-9]{{1,3}}(?:,[0-9]{{3}}){{1,6}}(?![0-9]|,[0-9])(?:\.[0-9]+)?)
| (?P<thin>[0-9]{{1,3}}(?:[\u00a0\u202f][0-9]{{3}}){{1,6}}(?![0-9]|[\u00a0\u202f][0-9])(?:\.[0-9]+)?)
| (?P<sp>[0-9]{{1,3}}(?:\ [0-9]{{3}}){{2,5}}(?![0-9]|\ [0-9]{{3}}(?![0-9]))(?:\.[0-9]+)?
       |[0-9]{{1,3}}\ 0[0-9]{{2}}(?![0-9]|\ [0-9]{{3}}(?![0-9])))
| {_NAC}(?<!-\ )(?<!-)(?P<csp>[0-9]{{1,3}},\ [0-9]{{3}})(?![0-9]|,\ ?[0-9]|\.[0-9])
| {_NAC}(?P<dcom>[0-9]+,[0-9]{{1,2}})(?![0-9]|,[0-9])
| (?P<dsp>[0-9]{{1,3}}\.\ [0-9]{{1,2}})(?=\ ?-?\ ?(?:magnitude|million|billion|percent|per\ cent|%|m\b|bn\b|GHz|km
     |miles|kilomet|metres|meters|feet|inch|hours|minutes|seconds|days|weeks|months|years|points|kg|tons|tonnes))
| (?P<plain>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?P<exp>[eE][+-]?[0-9]+(?![\w.]))?
""", re.VERBOSE)
_SUFFIX = re.compile(rf"(MM|mn|mln|mil|bn|bln|tn|tln|[kKMGbB])(?![\w])|{BLANK}(MM|mn|mln|bn|bln|tn|tln|[kKMG])(?![\w])")
_SUF_CHARS = set("MmkKbBGt")
_SUFFIX_VAL = {"k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "G": 1e9, "b": 1e9,
               "B": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "tln": 1e12}
MONEY_BEFORE = re.compile(rf"(?:(?<![A-Za-z])(?:US|A|C|NZ|HK|S|R)?\$|\$US|[€£¥₹₽₺₼]|\bRs\.?|\b(?:USD|EUR|GBP|AZN|INR|"
                      rf"CHF|SEK|TL)|(?<![\w.])e(?=\Z)){BLANK}?\Z")
_L_MONTH_DAY = re.compile(rf"\b(?:{trie(MONTH_WORDS)})\.?{BLANK}+\Z")
_CLEAN = str.maketrans("", "", ", \u00a0\u202f")


class _T:
    """One token of a number: type, value, offsets, the separator before it."""

    __slots__ = ("typ", "val", "s", "e", "sep", "pl", "w", "int", "sc", "den")

    def __init__(self, typ, val, s, e, pl=False, w="", isint=True, sc=0.0, den=0.0):
        self.typ, self.val, self.s, self.e, self.pl, self.w = typ, val, s, e, pl, w
        self.int, self.sc, self.den, self.sep = isint, sc, den, ""


def _digit_tok(text: str, pos: int) -> Optional[_T]:
    m = _DTOK.match(text, pos)
    if not m:
        return None
    e, raw, g = m.end(), m.group(), m.lastgroup
    if g == "fth" or m.start("frac") >= 0:
        a, b = m.group("frac").split("/")
        return _T("R", int(a) / int(b), pos, e, den=float(b), w=m.group("frac")) if int(b) else None
    dec = g == "exp" or g == "dcom" or "." in raw
    if g == "csp" and _L_MONTH_DAY.search(text, max(0, pos - 12), pos):  # May 12, 300 people
        raw = raw.split(",")[0]
        e = pos + len(raw)
    if g == "dcom":
        val = float(raw.replace(",", "."))
    else:
        val = float(raw if g in ("plain", "exp") else raw.replace(". ", ".").translate(_CLEAN))
    if not math.isfinite(val) or len(raw) > 40:  # a digit blob, not a number
        return None
    tok = _T("N", val, pos, e, w=raw, isint=not dec)
    c = text[e:e + 2]
    if g != "exp" and (c[:1] in _SUF_CHARS or c[:1] == " " and c[1:] in _SUF_CHARS):
        sm = _SUFFIX.match(text, e)
        if sm:
            suf = sm.group(1) or sm.group(2)
            if suf == "G" and len(raw) == 1:  # 3G, 4G, 5G: network generations
                return tok
            tok.val, tok.sc, tok.e, tok.int = val * _SUFFIX_VAL[suf], _SUFFIX_VAL[suf], sm.end(), True
        elif c[:1] == "m" and not c[1:].isalnum() and MONEY_BEFORE.search(text, max(0, pos - 5), pos):
            tok.val, tok.sc, tok.e, tok.int = val * 1e6, 1e6, e + 1, True  # £45m
    if c[:1] in _VULGAR and tok.int and tok.e == e:  # 2½
        tok.val, tok.e, tok.int, tok.w = val + _VULGAR[c[:1]], e + 1, False, "mixed"
    return tok


def lex(text: str, p: int, cap: int = 16) -> list[_T]:
    """The run of number tokens from p (at most cap)."""
    toks: list[_T] = []
    pos, sep, n = p, "", len(text)
    while len(toks) < cap and pos < n:
        c = text[pos]
        t = None
        if "0" <= c <= "9" or c == ".":
            t = _digit_tok(text, pos)
        elif c in _VULGAR:
            t = _T("R", _VULGAR[c], pos, pos + 1, w=c)
        else:
            m = _WTOK.match(text, pos)
            if m and not (m.group().lower() in _ABBR and (not toks or toks[-1].typ != "N")):
                w = m.group().lower()
                t = _T(_W[w][0], _W[w][1], pos, m.end(), pl=_W[w][2], w=w)
        if t is None or (toks and not sep) or toks and (
                t.typ == toks[-1].typ == "AND" or t.typ == toks[-1].typ == "N"
                or len(toks) >= 2 and t.typ in "UTX" and toks[-1].typ in "UT" and toks[-2].typ in "UTX"):
            break  # runs the grammar can never use: stop early
        t.sep = sep
        toks.append(t)
        if t.typ == "R" or t.sc:
            break
        m = _SEP.match(text, t.e)
        assert m is not None  # _SEP can match the empty string
        sep = "-" if "-" in m.group() else (" " if m.group() else "")
        pos = m.end()
    return toks


# ---------------------------------------------------------------- reading the tokens

def _den_ok(t: _T) -> bool:
    """Can t be the denominator of a fraction ("thirds", "a half"; not "second")?"""
    return t.typ == "F" or (t.typ == "O" and (t.val >= 3 or (t.pl and t.val == 1)))


def _scale_word(t: _T) -> bool:
    return t.typ == "S" and not t.pl and t.w not in _ABBR


def _mixed_after_and(toks: list[_T], j: int, n: int) -> bool:
    """Does toks[j:] start the fraction of a mixed number ("and a half", "and 54 hundredths")?"""
    if j + 1 < n and toks[j].typ in ("A", "U") and toks[j].val >= 1 and _den_ok(toks[j + 1]):
        return True
    r = _integer(toks, j, n, False)
    return bool(r and r[0] < n and toks[r[0]].typ == "O" and toks[r[0]].pl and toks[r[0]].val in (10, 100, 1000))


def _integer(toks: list[_T], i0: int, n: int, ands: bool = True):
    """The longest cardinal in toks[i0:n]: (end index, value, has words, has digits, last
    scale, non-integer) or None. A group (< 1000: hund + low) is multiplied by a scale."""
    # long: one left-to-right reading of a cardinal (groups, scales, "and", "point"), its states in locals
    total = hund = low = last_scale = 0.0
    gh = gt = gu = gn = gd = gz = gany = in_and = words = digits = frac = False
    prev = best = pre_and = None
    i = i0
    while i < n:
        t = toks[i]
        ty, v = t.typ, t.val
        ok = False
        if ty == "POINT":  # two point five, nought point nought three
            if not words or digits or prev not in ("U", "T", "X", "H", "S"):
                break
            j, digs = i + 1, ""
            while j < n and toks[j].typ in ("U", "T", "X"):
                two = toks[j].typ == "X" and j + 1 < n and toks[j + 1].typ == "U" and toks[j + 1].val
                digs += str(int(toks[j].val + (toks[j + 1].val if two else 0)))
                j += 2 if two else 1
            if not digs:
                break
            val = total + hund + low + float("0." + digs)
            if j < n and _scale_word(toks[j]):
                val, last_scale, j = val * toks[j].val, toks[j].val, j + 1
            return (j, val, True, False, last_scale, True)
        if gz:
            break
        if ty == "N":
            if not t.int or prev is None:
                ok = prev is None
            elif prev == "S":
                ok = v < last_scale and not gany
            elif prev in ("H", "AND") and gh and not (gt or gu or gn):
                ok = 0 < v < 100
            elif prev == "AND" and not gany:
                ok = 0 < v < last_scale
            if ok:
                low += v
                gn = gany = digits = True
                frac = frac or not t.int
                if t.sc:
                    last_scale, gz = t.sc, True
                elif not t.int:
                    gz = i + 1 >= n or toks[i + 1].typ not in ("H", "S", "D")
        elif ty == "U":
            if v == 0:
                ok = gz = prev is None
            elif not (gu or gn or gd):
                ok = prev == "X" if gt else (gh or not gany)
            if ok:
                low += v
                gu = gany = words = True
        elif ty in ("T", "X"):
            ok = not (gt or gu or gn or gd) and (prev != "AND" or gh or not gany)
            if ok:
                low += v
                gt = gany = words = True
                gu = gu or ty == "T"
        elif ty == "H":
            ok = not gh and not gd and (gany or prev in (None, "A")) and (hund + low < 100 or gn) and not (
                prev is None and not (i + 1 < n and toks[i + 1].typ == "S"))  # bare "hundred" only before a scale
            if ok:
                hund, low = (hund + (low if gany else 1.0)) * 100, 0.0
                gh = gany = words = True
                gt = gu = gn = False
        elif ty == "S":
            if gd or (t.w in _ABBR and prev != "N"):
                ok = False
            elif gany or prev == "A":
                if total == 0 or v < last_scale:
                    total += ((hund + low) if gany else 1.0) * v
                    ok = True
            elif prev == "S" and total and v > last_scale:  # three lakh crore
                total *= v
                ok = True
            if ok:
                last_scale, hund, low = v, 0.0, 0.0
                gh = gt = gu = gn = gany = in_and = False
                words = True
        elif ty == "D":
            ok = (gany or prev == "A") and not gd and not frac
            if ok:
                low = (low if gany else 1.0) * 12  # three hundred and two dozens = 324
                gd = gany = words = True
        elif ty == "AND":
            if not ands or prev not in ("H", "S") or _mixed_after_and(toks, i + 1, n):
                break
            pre_and, in_and, ok = best, True, True
        elif ty == "A":
            ok = prev is None and i + 1 < n and toks[i + 1].typ in ("H", "S", "D")
        if not ok:
            return pre_and if in_and and ty in ("H", "S", "D") else best  # "3 hundred and 2 hundred": two
        prev = ty
        if ty not in ("AND", "A"):
            best = (i + 1, total + hund + low, words, digits, last_scale, frac)
        i += 1
    return best


_ORD_FOLLOW = re.compile(rf"{BLANK}+(?!(?:of|and|or|than|to|is|was|were|are|in|on|at|by|for|from|with|that|which|"
                         rf"who|has|had|have|will|would|could|million|billion|thousand)\b)[a-z]")


def read_number(text: str, toks: list[_T]):
    """Read toks as one number: (end index, value, 'card'|'frac'|'ord', last scale) or None."""
    n = len(toks)
    if not n:
        return None
    t0 = toks[0]
    if t0.typ == "R":
        return (1, t0.val, "frac", 0.0)
    if t0.typ == "A" and n > 1:
        t1 = toks[1]
        if _den_ok(t1) and not t1.pl:  # a half, a third (not "a third time"), a trillionth
            if t1.typ == "O" and t1.val < 100 and _ORD_FOLLOW.match(text, t1.e):
                return None
            return _scaled(toks, 2, 1 / t1.val, "frac")
        if t1.typ == "X" and n > 2 and toks[2].typ == "O" and toks[2].val <= 9 and not toks[2].pl:
            return None if _ORD_FOLLOW.match(text, toks[2].e) else (3, 1 / (t1.val + toks[2].val), "frac", 0.0)
    if t0.typ == "F" and not t0.pl:
        if n > 2 and toks[1].typ == "A" and (toks[2].typ == "D" or _scale_word(toks[2])):
            return (3, toks[2].val / t0.val, "card", toks[2].val)  # half a dozen, half a million
        if n > 1 and _scale_word(toks[1]):
            return (2, toks[1].val / t0.val, "card", toks[1].val)  # half million, quarter million
        return (1, 0.5, "frac", 0.0) if t0.val == 2 else None
    if t0.typ == "O":
        return None if t0.pl else (1, t0.val, "ord", 0.0)
    r = _integer(toks, 0, n)
    if r is None:
        return None
    k, v, words, digits, scale, frac = r
    if k >= n:
        return (k, v, "card", scale)
    t = toks[k]
    if t.typ in ("O", "F") and not digits:
        if _den_ok(t):
            if t.typ == "O" and t.val <= 9 and toks[k - 1].typ == "X" and k >= 2 and (
                    t.sep == "-" or toks[k - 2].typ != "AND"):
                num = _integer(toks, 0, k - 1)
                if num and num[0] == k - 1:  # "one hundred twenty fifths": 100 / 25
                    return _scaled(toks, k + 1, num[1] / (toks[k - 1].val + t.val), "frac")
            if t.pl or t.typ == "F" or (k == 1 and toks[0].typ in ("U", "T") and (t.val < 100 or v == 1)
                                        and not _ORD_FOLLOW.match(text, t.e)):
                return _scaled(toks, k + 1, v / t.val, "frac")
        if t.typ == "O" and not t.pl and (t.val <= 9 and toks[k - 1].typ == "X" or t.val < 100 and k > 1 and (
                toks[k - 1].typ in ("H", "S") or toks[k - 1].typ == "X" and t.val <= 9)):
            return (k + 1, v + t.val, "ord", 0.0)  # twenty-first, one hundred fifth
        return (k, v, "card", scale)
    if t.typ == "R" and t.den and k == 1 and toks[0].typ == "N" and toks[0].int and t.val < 1:
        return (2, v + t.val, "frac", 0.0)  # 2 1/4
    if t.typ == "AND" and k + 1 < n:
        a = toks[k + 1]
        if a.typ in ("A", "U") and k + 2 < n and _den_ok(toks[k + 2]):
            f = (a.val if a.typ == "U" else 1.0) / toks[k + 2].val
            j = k + 3
            if j < n and _scale_word(toks[j]):
                s = toks[j].val
                if scale > s:
                    return (j + 1, v + f * s, "card", scale)  # one billion and a half million
                if not scale:
                    return (j + 1, (v + f) * s, "card", s)  # five and a half million
            if scale >= 1e6:
                return (j, v + f * scale, "card", scale)  # three million and a half
            return (j, v + f, "frac", scale)
        r2 = _integer(toks, k + 1, n)
        if r2 and r2[0] < n and toks[r2[0]].typ == "O" and toks[r2[0]].pl and toks[r2[0]].val in (10, 100, 1000):
            return (r2[0] + 1, v + r2[1] / toks[r2[0]].val, "frac", 0.0)  # two and fifty-four hundredths
    if t.typ == "X" and k + 1 < n and toks[k + 1].typ == "O" and toks[k + 1].val <= 9 and not digits and (
            toks[k + 1].pl or v == 1):  # three twenty-firsts, twenty twenty fifths
        return _scaled(toks, k + 2, v / (t.val + toks[k + 1].val), "frac")
    return (k, v, "card", scale)


def _scaled(toks, j, v, kind):
    """A fraction, maybe times a following scale ("three quarters million")."""
    if j < len(toks) and _scale_word(toks[j]):
        return (j + 1, v * toks[j].val, "card", toks[j].val)
    return (j, v, kind, 0.0)
