"""Publication dates from the text: the undated seeds, and news_cluster with its dates hidden.

1. Seeds: what the text of each seed allows (expected values read off the articles:
   001 on the day after the 33rd anniversary, 003 from its dateline and "25 years
   ago", 004 only a Wednesday after 10 October 2020; 000 and 002 carry a header date,
   which their text must not contradict).
2. ../shared/corpora/news_cluster_dev.jsonl with `date_publish` hidden: the share of
   documents the URL or text dates to a day (coverage), and of those the share within one
   day of `date_publish` (precision), counted where `date_publish` has a time (a bare
   midnight is often only a crawl date); ranges are reported apart. Every miss is
   listed with its evidence.

    python eval/dates_publication.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from storytrace.dates import date_from_text, date_from_url
from storytrace.ingest import prepare, read_inputs
from storytrace.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = {
    "000": ("header", "2018-02-26"),
    "001": ("day", "2025-02-27"),
    "002": ("header", "2026-02-26"),
    "003": ("day", "2017-02-23"),
    "004": ("range", "2020-10-14"),  # a Wednesday on or after 14 October 2020 (the first after 10 October)
}


def seeds() -> int:
    ok = 0
    for item in read_inputs([str(SHARED / "corpora" / "seeds")]):
        doc = prepare(item) if not isinstance(item, Document) and hasattr(item, "kind") else item
        key = Path(doc.source).name[:3]
        want_kind, want = SEEDS[key]
        got = date_from_text(doc.text)
        if want_kind == "header":
            meta = date.fromisoformat(doc.published[:10])
            good = got is None or (got.low or date.min) <= meta <= (got.high or date.max) or (
                got.precision == "day" and abs((got.low - meta).days) <= 1)
            said = f"header {doc.published}; text: {got.precision if got else None} {got.low if got else ''}..{got.high if got else ''} ({got.evidence if got else 'nothing'})"
        elif want_kind == "day":
            good = got is not None and got.precision == "day" and got.low.isoformat() == want
            said = f"{got.low} {got.how}: {got.evidence!r}" if got else "not dated"
        else:
            good = got is not None and got.precision == "range" and got.low.isoformat() == want and got.high is None
            said = f"range {got.low}..{got.high} {got.how}: {got.evidence!r}" if got else "not dated"
        ok += good
        print(f"  seed {key}: {'ok  ' if good else 'MISS'} expected {want_kind} {want}; got {said}")
    print(f"seeds: {ok}/5 dated as their text allows")
    return ok


def news_cluster() -> None:
    path = SHARED / "corpora" / "news_cluster_dev.jsonl"
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    timed = [r for r in rows if r.get("date_publish") and not r["date_publish"].endswith("T00:00:00")]
    dated = hits = ranges = in_range = 0
    how = Counter()
    misses = []
    for r in timed:
        got = date_from_url(r.get("url")) or date_from_text(r["text"])
        gold = date.fromisoformat(r["date_publish"][:10])
        if got is None:
            continue
        if got.precision == "day":
            dated += 1
            how[got.how] += 1
            if abs((got.low - gold).days) <= 1:
                hits += 1
            else:
                misses.append((r["id"][:10], gold, got))
        else:
            ranges += 1
            in_range += (got.low or date.min) <= gold <= (got.high or date.max)
    n = len(timed)
    print(f"news_cluster_dev, date_publish hidden ({n} documents whose date_publish has a time):")
    print(f"  dated to a day: {dated}/{n} (coverage {dated / n:.3f}); within one day of date_publish: "
          f"{hits}/{dated} (precision {hits / max(dated, 1):.3f}); by evidence: {dict(how)}")
    print(f"  dated to a range: {ranges}, date_publish inside it: {in_range}")
    for rid, gold, got in misses:
        print(f"  miss {rid}: date_publish {gold}, text says {got.low} ({got.how}: {got.evidence!r})")


def main() -> int:
    if not SHARED.exists():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    seeds()
    news_cluster()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
