"""storytrace.numbers against Microsoft Recognizers-Text's English number specs.

Reads ../shared/eval/recognizers_en/Number/NumberModel.json and NumberRangeModel.json
(each case: Input, Results [{Text, Start, End inclusive, Resolution {value}}]) and prints,
per file and overall, how many in-scope cases `find_numbers` resolves exactly, then
every failing in-scope case (input, expected, got). Exit status 0 always: it is a report.

    python eval/numbers_recognizers.py [RECOGNIZERS_DIR]

How our spans are compared
--------------------------
NumberModel ("number"): the spec marks plain numbers, without approximators, so we
compare (num_start, num_end - 1, value) of our spans whose kind is one of
COMPARED_KINDS. Recognizers does not emit what we call ordinal, year, date, time,
phone, identifier or unit (a number glued to a unit: "180ml", "29km"), so those kinds
are not compared; it does emit money amounts ("$20" -> 20), durations ("3 years" -> 3),
percentages and ages, which are compared. Values match within a relative 1e-9.

NumberRangeModel ("numberrange"): compared are our spans of COMPARED_KINDS that state a
bound: any qualifier but exact, about and vague, plus exact spans led by an equality
word ("equal to 20", "equals 20"). We compare (start, end - 1, interval) where our
qualifier maps to Recognizers' interval brackets:
    more_than v -> "(v,)"   at_least v -> "[v,)"   less_than v -> "(,v)"
    at_most v -> "(,v]"     nearly v -> "(,v]"     exact v ("equal to") -> "[v,v]"
    range low-high -> "[low,high)" as Recognizers writes ranges ("between 20 and 30",
    "20-30", "from 20 to 30"); a range joined from two bounds ("more than 10 and less
    than 40") has no inclusivity field in NumberSpan, so its brackets are read off the
    span's own words: "(" if it holds a strict lower bound word (more/greater/larger/
    bigger/higher/above/over/exceed) not followed by "or equal", "]" if an upper bound
    says "or equal"/"at most"/"no more than", else "[" and ")".

A case is resolved exactly when the set of compared spans equals the expected set.

Excluded cases (EXCLUDED below, each with its reason) are outside what a news-count
parser reads: exponent notation, Recognizers' own readings of obscure fraction forms,
numbers that storytrace deliberately reads as something else (phone, IP address, date,
identifier), a dash-with-space read as minus, European decimal commas, and ordinal
ranks. At most 15% of all cases may be excluded.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

from storytrace.numbers import NumberSpan, find_numbers

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "recognizers_en" / "Number"
COMPARED_KINDS = {"count", "fraction", "other", "money", "percent", "duration", "age"}
EQUAL_WORDS = re.compile(r"^(?:equal|equals|equaling|equalling|=)\b", re.I)

# (file, input) -> reason
EXCLUDED: dict[tuple[str, str], str] = {
    ("NumberModel", "192.168.1.2"): "IP address: storytrace reads it as one identifier",
    ("NumberModel", "1.1^23"): "exponent notation",
    ("NumberModel", "1.1^+23"): "exponent notation",
    ("NumberModel", "2.5^-1"): "exponent notation",
    ("NumberModel", "-2500^-1"): "exponent notation",
    ("NumberModel", "-1.1^+23"): "exponent notation",
    ("NumberModel", "-2.5^-1"): "exponent notation",
    ("NumberModel", "-1.1^--23"): "exponent notation",
    ("NumberModel", "1.3x10^6"): "exponent notation",
    ("NumberModel", "6.23x10^-4"): "exponent notation",
    ("NumberModel", "one hundred one thousand fifths"): "Recognizers' own split of an obscure fraction (100/1005)",
    ("NumberModel", "twenty and three and three fifths"): "obscure fraction form ('twenty and three' = 23)",
    ("NumberModel", "one one hundred fifth"): "obscure fraction form (1/105)",
    ("NumberModel", "one one hundred and fifth"): "obscure fraction form (1/105)",
    ("NumberModel", "Any time to meet on 5/17/2018?"): "a date: storytrace keeps it as one date span",
    ("NumberModel", "My phone number is +1-222-2222/2222"): "a phone number: storytrace keeps it as one span",
    ("NumberModel", "SCP-173"): "an identifier (letters-hyphen-digits, like F-16, COVID-19)",
    ("NumberModel", "- 1 4/5"): "a dash and a space before a number is a bullet or dash in news, not a minus",
    ("NumberModel", "- 10  k"): "a dash and a space before a number is a bullet or dash in news, not a minus",
    ("NumberModel", "1.111,11, 1,111.11"): "European decimal comma with dot thousands",
    ("NumberModel", "two out of five hundred tvs"): "storytrace reads 'two out of five hundred' as two counts",
    ("NumberModel", "two out of five hundreds tvs"): "storytrace reads 'two out of five hundreds' as two counts",
    ("NumberRangeModel", "He ranks between the tenth and the fifteenth."): "a range of ordinal ranks",
    ("NumberRangeModel", "He ranks higher than the tenth but lower than the fifteenth."): "a range of ordinal ranks",
    ("NumberRangeModel", "The number is from 200 to 300 in 2008"):
        "Recognizers' quirk: no range here, but one in 'from 200 to 3000000 in 2008'",
    ("NumberRangeModel", "How about more than 2 in 5"):
        "Recognizers reads left to right ('more than 2'); storytrace reads the ratio 'more than 2 in 5'",
}


def interval(sp: NumberSpan) -> str | None:
    def f(x: float | None) -> str:
        if x is None:
            return ""
        return str(int(x)) if float(x).is_integer() else repr(float(x))

    q = sp.qualifier
    if q == "more_than":
        return f"({f(sp.value)},)"
    if q == "at_least":
        return f"[{f(sp.value)},)"
    if q == "less_than":
        return f"(,{f(sp.value)})"
    if q in ("at_most", "nearly"):
        return f"(,{f(sp.value)}]"
    if q == "exact" and sp.start < sp.num_start and EQUAL_WORDS.match(sp.text):
        return f"[{f(sp.value)},{f(sp.value)}]"
    if q == "range":
        words = sp.text.lower()
        left = "(" if re.match(r"(?:more|greater|larger|bigger|higher|above|over|exceed)\w*\b(?!\s+or\s+equal)",
                               words) else "["
        right = "]" if re.search(r"(?:or\s+equal|at\s+most|no\s+more|up\s+to)", words.split(" and ")[-1]
                                 if " and " in words else words) or re.search(
            r"(?:at\s+most|no\s+more\s+than)", words) else ")"
        if left == "(" and re.search(r"(?:at\s+most|no\s+more)", words.split(" and ")[0]):
            left = "["
        return f"{left}{f(sp.low)},{f(sp.high)}{right}"
    return None


def parse_interval(s: str) -> tuple:
    lb, rb = s[0], s[-1]
    a, b = s[1:-1].split(",")
    return (lb, float(a) if a else None, float(b) if b else None, rb)


def close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def same(exp: list[tuple], got: list[tuple]) -> bool:
    if len(exp) != len(got):
        return False
    rest = list(got)
    for e in exp:
        for g in rest:
            if e[0] == g[0] and e[1] == g[1] and all(
                    close(x, y) if not isinstance(x, str) else x == y for x, y in zip(e[2:], g[2:])):
                rest.remove(g)
                break
        else:
            return False
    return True


def got_numbers(text: str) -> list[tuple]:
    out = []
    for sp in find_numbers(text):
        if sp.kind in COMPARED_KINDS:
            out.append((sp.num_start, sp.num_end - 1, sp.value))
    return out


def got_ranges(text: str) -> list[tuple]:
    out = []
    for sp in find_numbers(text):
        if sp.kind in COMPARED_KINDS:
            iv = interval(sp)
            if iv is not None:
                out.append((sp.start, sp.end - 1, *parse_interval(iv)))
    return out


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not root.exists():
        print(f"needs {root} (the shared Recognizers-Text specs)", file=sys.stderr)
        return 0
    total = excluded = in_scope = ok = 0
    failures = []
    for name in ("NumberModel", "NumberRangeModel"):
        cases = json.loads((root / f"{name}.json").read_text(encoding="utf-8"))
        f_scope = f_ok = f_excl = 0
        for case in cases:
            total += 1
            text = case["Input"]
            if (name, text) in EXCLUDED:
                excluded += 1
                f_excl += 1
                continue
            f_scope += 1
            if name == "NumberModel":
                exp = [(r["Start"], r["End"], float(r["Resolution"]["value"])) for r in case["Results"]]
                got = got_numbers(text)
            else:
                exp = [(r["Start"], r["End"], *parse_interval(r["Resolution"]["value"])) for r in case["Results"]]
                got = got_ranges(text)
            if same(exp, got):
                f_ok += 1
            else:
                failures.append((name, text, exp, got))
        in_scope += f_scope
        ok += f_ok
        print(f"{name}: {f_ok}/{f_scope} in scope resolved exactly ({f_ok / max(f_scope, 1):.3f}); "
              f"{f_excl} excluded of {len(cases)}")
    print(f"total cases {total}; excluded {excluded} ({excluded / total:.1%}); in scope {in_scope}")
    reasons: dict[str, int] = {}
    for r in EXCLUDED.values():
        key = r.split(":")[0].split("(")[0].strip()
        reasons[key] = reasons.get(key, 0) + 1
    for r, n in sorted(reasons.items(), key=lambda x: -x[1]):
        print(f"  excluded {n:2d}: {r}")
    if failures:
        print(f"\nfailing in-scope cases ({len(failures)}):")
        for name, text, exp, got in failures:
            print(f"  [{name}] {text!r}\n      expected {exp}\n      got      {got}")
    print(f"\nrecognizers numbers: {ok / max(in_scope, 1):.3f} exact ({ok}/{in_scope} in scope; "
          f"{excluded} excluded of {total})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
