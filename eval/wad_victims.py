"""Victim counts on the PITF World Atrocities Dataset dev file: totals vs coders' figures.

For each event description in ../shared/eval/wad_dev.jsonl, storytrace's claims
analyser and `document_totals.totals` give the document's `killed` and `injured` totals. The
score is exact match of totals.killed against `deaths` (all rows; `deaths` is always
an integer there) and of totals.injured against `injured` where the coders entered an
integer. WAD coders enter 0 where the text reports no one injured, so a missing
injured total is compared as 0 (and a missing killed total as 0).

Tune and check: the 2016 rows are the tune half (rules change only from their misses),
the 2017 rows the check half (its misses are shown only with --show-check, once, at
the end). Prints both halves' scores and the whole file's, the tune misses grouped by
cause; `--show CAUSE` lists examples.

    python eval/wad_victims.py [--show CAUSE] [--limit N] [--show-check]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from storytrace.analyse.claims import extract
from storytrace.analyse.document_totals import is_combatant, totals
from storytrace.text.numbers import find_numbers

WAD = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "wad_dev.jsonl"
#: The split, once: 2016 tune, 2017 check.
HALVES = {2016: "tune", 2017: "check"}


def cause(gold: int, predicted, claims, text: str, measure: str) -> str:
    same = [c for c in claims if c.measure == measure]
    if any(c.value == gold and c.group is None for c in same):
        if any(c.value == gold and is_combatant(c) for c in same):
            return "combatant rule left the gold figure out"
        return "gold figure found, another one chosen"
    if any(c.value == gold for c in same):
        return "gold figure found as a group (part of a total)"
    if any(n.value == gold for n in find_numbers(text)):
        if predicted is None:
            return "gold number in text, not tied to the measure (none chosen)"
        return "gold number in text, not tied to the measure (other chosen)"
    if predicted is None:
        return "no figure found; gold is not a number in the text (implicit / sum / vague)"
    return "gold is not a number in the text (implicit / sum / words the parser missed)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", help="print the misses of this cause (substring)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N rows")
    ap.add_argument("--measure", choices=["killed", "injured"], default=None)
    ap.add_argument("--show-check", action="store_true", help="count and show the check half's misses too")
    args = ap.parse_args()
    if not WAD.exists():
        print(f"needs {WAD} (the shared evaluation data)", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in open(WAD, encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    t0 = time.perf_counter()
    hits = Counter()
    n = Counter()
    causes: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list] = defaultdict(list)
    for row in rows:
        claims = extract(row["text"], row["id"])
        tot = totals(claims)
        half = HALVES.get(row.get("year"), "check")
        for measure, gold in (("killed", row["deaths"]), ("injured", row["injured"])):
            if not isinstance(gold, int):
                continue
            n[measure] += 1
            n[(half, measure)] += 1
            got = tot.get(measure)
            if (got if got is not None else 0) == gold:
                hits[measure] += 1
                hits[(half, measure)] += 1
                continue
            if half == "check" and not args.show_check:
                continue
            why = cause(gold, got, claims, row["text"], measure)
            causes[measure][why] += 1
            examples[f"{measure}: {why}"].append((row["id"], gold, got, row["text"], [
                (c.measure, c.group, c.value, c.victims, row["text"][c.start:c.end]) for c in claims if c.measure != "other"]))
    secs = time.perf_counter() - t0
    for measure in ("killed", "injured"):
        gold_field = "deaths" if measure == "killed" else "injured"
        halves = "; ".join(f"{half} ({year}) {hits[(half, measure)] / max(n[(half, measure)], 1):.3f} "
                           f"({hits[(half, measure)]}/{n[(half, measure)]})" for year, half in HALVES.items())
        print(f"wad dev {measure:7s} vs {gold_field:8s}: exact {hits[measure] / max(n[measure], 1):.3f} "
              f"({hits[measure]}/{n[measure]}); {halves}")
    for measure in ("killed", "injured"):
        print(f"\nmisses of {measure} by cause ({'both halves' if args.show_check else 'tune half'}):")
        for why, c in causes[measure].most_common():
            print(f"  {c:4d}  {why}")
    print(f"\n{len(rows)} texts in {secs:.1f} s")
    if args.show:
        for key, items in examples.items():
            if args.show in key and (args.measure is None or key.startswith(args.measure)):
                print(f"\n== {key} ({len(items)})")
                for rid, gold, got, text, found in items[:25]:
                    print(f"- {rid} gold {gold} got {got}: {text[:300]}\n    claims: {found}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
