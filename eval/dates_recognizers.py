"""storytrace.text.timex against Microsoft Recognizers-Text's English DateTimeModel spec.

Reads ../shared/eval/recognizers_en/DateTime/DateTimeModel.json (each case: Input,
Context.ReferenceDateTime, Results [{Text, Start, End inclusive, TypeName, Resolution.values}])
and prints how many in-scope cases `find_dates` + `resolve` get exactly, per type, then every
failing in-scope case (input, expected, got). Exit status 0 always: it is a report.

    python eval/dates_recognizers.py [DateTimeModel.json]

Scope (what a news-dating parser is for: calendar days, months and years, absolute or relative)
-----
A case is in scope when it has at least one result and every expected result is one of:
  * datetimeV2.date: a single day (absolute "Feb 26, 1992", relative "yesterday", "two days ago",
    "next Monday"), with a resolved value;
  * datetimeV2.daterange whose resolved interval is a whole calendar month (timex YYYY-MM or
    XXXX-MM, start the 1st, end the 1st of the next month), a whole calendar year (timex YYYY),
    a whole ISO week (timex YYYY-Www: "last week"), or an explicit range of days, months or years
    (timex "(A,B,PnD|PnM|PnY)" whose text names both ends: no duration or "now/today" words).
Out of scope: cases with times, date-times, durations, sets, time ranges, time zones; open ranges
("since August", "before 2018": start or end missing); values Recognizers leaves unresolved
("this summer", "feb 30"); partial periods ("earlier this month", "mid-November"); quarters,
halves, decades, centuries, fiscal/school years; cases with no result. They are counted as out of
scope, not as failures.

Exactly resolved
----------------
Every expected span is found (same start and end, case-insensitive text) by `find_dates`, and
`resolve(mention, reference)` gives the expected interval, and no other mention is found (ours
must equal theirs one for one; an anniversary mention or a mention of no kind of theirs counts as
extra). Expected intervals:
  * date: the day. `resolve(..., point=True)` is used, as Recognizers reads "two months ago" as
    one day (storytrace's default reads it as that whole month). When Recognizers lists two
    candidate values (a date without a year, a bare weekday: the past and the future one), the
    expected day is the latest candidate on or before the reference date (news speaks of the
    past; the same day is allowed), else the earliest.
  * daterange: Recognizers' [start, end) with end exclusive for single months, years and weeks:
    ours (first, last) must give first == start and last + 1 day == end. For ranges Recognizers
    writes end = the first day of the last named unit ("2014-2018" -> end 2018-01-01, "from March
    to May" -> end May 1, "November 19-20" -> end Nov 20): ours must give first == start and
    last's unit start == end (or last + 1 day == end). With two candidates, the one whose start
    is the latest on or before the reference, else the earliest.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

from storytrace.text.dayspan import resolve
from storytrace.text.timex import DateMention, find_dates

DEFAULT = (Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "recognizers_en" / "DateTime"
           / "DateTimeModel.json")
DURATION_WORDS = re.compile(r"\b(?:days?|weeks?|months?|years?|quarters?|decades?|century|centuries|fortnight|now|"
                            r"today|tomorrow|yesterday|date|q[1-4]|h[12])\b", re.I)
D = dt.date.fromisoformat


def _iv(v: dict):
    """(start, end) of a resolution value as dates, None where missing or unresolved."""
    if "value" in v:
        return (D(v["value"]), None) if v["value"] != "not resolved" else None
    s, e = v.get("start"), v.get("end")
    if not s or not e:
        return None
    return D(s), D(e)


def in_scope(r: dict) -> bool:
    t, vals = r.get("TypeName"), (r.get("Resolution") or {}).get("values") or []
    if t not in ("datetimeV2.date", "datetimeV2.daterange"):
        return False
    if not vals or any(_iv(v) is None for v in vals):
        return False
    timex = vals[0].get("timex", "")
    if t == "datetimeV2.date":
        return all("value" in v for v in vals)
    if t != "datetimeV2.daterange":
        return False
    for v in vals:
        s, e = _iv(v)
        if re.fullmatch(r"(?:[0-9]{4}|XXXX)-[0-9]{2}", timex):
            if not (s.day == 1 and e == (s.replace(day=28) + dt.timedelta(days=4)).replace(day=1)):
                return False
        elif re.fullmatch(r"[0-9]{4}", timex):
            if not (s == dt.date(s.year, 1, 1) and e == dt.date(s.year + 1, 1, 1)):
                return False
        elif re.fullmatch(r"[0-9]{4}-W[0-9]{2}", timex):
            if not (s.weekday() == 0 and (e - s).days == 7):
                return False
        elif re.fullmatch(r"\((?:[0-9X]{4}-[0-9X]{2}-[0-9X]{2},){2}P[0-9]+[DMY]\)", timex):
            if DURATION_WORDS.search(r["Text"]) or "XX-XX" in timex or timex.count("XX") and timex.startswith("(XX9"):
                return False
        else:
            return False
    return True


def expected_interval(r: dict, ref: dt.date):
    vals = [_iv(v) for v in r["Resolution"]["values"]]
    past = [v for v in vals if v[0] <= ref]
    return max(past) if past else min(vals)


def matches(r: dict, m: DateMention, ref: dt.date) -> bool:
    if (m.start, m.end - 1, m.text.lower()) != (r["Start"], r["End"], r["Text"].lower()):
        return False
    s, e = expected_interval(r, ref)
    if r["TypeName"] == "datetimeV2.date":
        got = resolve(m, ref, point=True)
        return got is not None and got == (s, s)
    got = resolve(m, ref)
    if got is None or got[0] != s:
        return False
    last = got[1]
    unit_start = {"range": _unit_start(m, last)}.get(m.kind, None)
    return last + dt.timedelta(days=1) == e or unit_start == e


def _unit_start(m: DateMention, last: dt.date) -> dt.date:
    if m.end_day is not None:
        return last
    if m.end_month is not None:
        return last.replace(day=1)
    return dt.date(last.year, 1, 1)


def show(m: DateMention, ref: dt.date) -> str:
    r = resolve(m, ref, point=True)
    iv = f"{r[0]}..{r[1]}" if r else "None"
    return f"{m.text!r}@{m.start} {m.kind} {iv}"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.exists():
        print(f"skipped: {path} not found (test data kept outside the repository)")
        return 0
    cases = json.loads(path.read_text(encoding="utf-8"))
    per_type = collections.Counter()
    per_type_ok = collections.Counter()
    scope = ok = 0
    fails = []
    for c in cases:
        res = c.get("Results") or []
        if not res or not all(in_scope(r) for r in res):
            continue
        scope += 1
        ref = dt.datetime.fromisoformat((c.get("Context") or {}).get("ReferenceDateTime", "2016-11-07T00:00:00")).date()
        found = find_dates(c["Input"])
        good = len(found) == len(res) and all(any(matches(r, m, ref) for m in found) for r in res)
        key = "+".join(sorted({r["TypeName"].split(".")[-1] for r in res}))
        per_type[key] += 1
        if good:
            ok += 1
            per_type_ok[key] += 1
        else:
            exp = "; ".join(f"{r['Text']!r}@{r['Start']} {r['TypeName'].split('.')[-1]} "
                            f"{'..'.join(str(x) for x in expected_interval(r, ref) if x)}" for r in res)
            fails.append(f"  {c['Input']!r} (ref {ref})\n      expected: {exp}\n      got:      "
                         f"{'; '.join(show(m, ref) for m in found) or 'nothing'}")
    print(f"DateTimeModel.json: {len(cases)} cases, {scope} in scope, {ok} resolved exactly")
    for k in sorted(per_type):
        print(f"  {k:18s} {per_type_ok[k]:4d}/{per_type[k]:<4d} {per_type_ok[k] / per_type[k]:.3f}")
    if fails:
        print(f"failing in-scope cases ({len(fails)}):")
        print("\n".join(fails))
    print(f"recognizers dates: {ok / max(scope, 1):.3f} exact ({ok}/{scope} in scope of {len(cases)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
