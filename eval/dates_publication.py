"""Publication dates from the text: the undated seeds, and news_cluster with its dates hidden.

1. Seeds: what the text of each seed allows (expected values read off the articles:
   001 on the day after the 33rd anniversary, 003 from its dateline and "25 years
   ago", 004 only a Wednesday after 10 October 2020; 000 and 002 carry a header date,
   which their text must not contradict).
2. ../shared/corpora/news_cluster_dev.jsonl with `date_publish` hidden: the share of
   documents dated to a day (coverage), and of those the share within one day of
   `date_publish` (precision), counted where `date_publish` has a time (a bare midnight
   is often only a crawl date); ranges are reported apart. Every miss is listed with its
   evidence and cause. Two settings: (a) every document's date hidden: a ledger is built
   (dates analyser, reuse, stories, story dating) and each document is dated from its
   URL, its text and the documents of its story dated the same way; (b) leave one out:
   only the document's own date hidden, the rest of its story keeping theirs (a ledger
   where most documents carry metadata dates).

    python eval/dates_publication.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import sqlite_utils

from storytrace.dates import analyse_dates, date_from_story, date_from_text, date_from_url
from storytrace.pipeline import CROSS_STAGES, build
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


def _hidden_copy(path: Path, out: Path) -> list[dict]:
    """news_cluster without its dates: the records with `date_publish` removed."""
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: v for k, v in r.items() if k != "date_publish"}) + "\n")
    return rows


def _ledger(inputs: list[str], path: Path):
    """A ledger built with the dates analyser and the stages up to story dating."""
    upto = [s for s in CROSS_STAGES[: [n for n, _ in CROSS_STAGES].index("story dates") + 1]]
    build(path, inputs, analysers=(("dates", analyse_dates),), cross_stages=upto, workers=1)
    return sqlite_utils.Database(path)


def _cause(r: dict, got_how: str) -> str:
    url = date_from_url(r.get("url"))
    gold = date.fromisoformat(r["date_publish"][:10])
    if url is not None and abs((url.low - gold).days) > 1:
        return "date_publish contradicts the document's own URL date (the metadata is the likelier error)"
    return f"{got_how} evidence wrong"


def news_cluster(tmp: Path) -> None:
    path = SHARED / "corpora" / "news_cluster_dev.jsonl"
    hidden = tmp / "news_cluster_hidden.jsonl"
    rows = _hidden_copy(path, hidden)
    gold_of = {r["id"]: r for r in rows}
    db = _ledger([str(hidden)], tmp / "hidden.db")
    got = {r["record_id"]: r for r in db.query("select * from documents")}
    timed = [r for r in rows if r.get("date_publish") and not r["date_publish"].endswith("T00:00:00")]
    n = len(timed)
    print(f"news_cluster_dev, date_publish hidden for every document ({n} documents whose date_publish has a time):")
    _score(timed, {i: (d["published_precision"], d["published_low"], d["published_high"], d["published_how"],
                       d["published_evidence"]) for i, d in got.items()}, gold_of)

    # leave one out: the other documents keep their date_publish (a ledger where most
    # documents are dated by their metadata), the document itself is dated from its URL,
    # its text, and its story (the same stories, the same date_from_story)
    full = _ledger([str(path)], tmp / "full.db")
    docs = {r["record_id"]: r for r in full.query("select record_id, id, story, text, url from documents")}
    by_story: dict[str, list] = {}
    for rid, r in docs.items():
        g = gold_of[rid].get("date_publish")
        if g:
            by_story.setdefault(r["story"], []).append((rid, date.fromisoformat(g[:10])))
    loo = {}
    for rid, r in docs.items():
        own = date_from_url(r["url"]) or date_from_text(r["text"])
        if own is None or own.precision != "day":
            story = date_from_story(r["text"], [x for x in by_story.get(r["story"], []) if x[0] != rid],
                                    own if own is not None and own.precision in ("range", "year") else None)
            own = story or own
        if own is not None:
            loo[rid] = (own.precision, own.low and own.low.isoformat(), own.high and own.high.isoformat(), own.how, own.evidence)
    print("news_cluster_dev, leave one out (each document's date_publish hidden, the others' kept):")
    _score(timed, loo, gold_of)


def _score(timed: list[dict], got: dict, gold_of: dict) -> None:
    n = len(timed)
    dated = hits = ranges = in_range = 0
    how = Counter()
    misses = []
    for r in timed:
        g = got.get(r["id"])
        if not g or not g[0]:
            continue
        precision, low, high, got_how, evidence = g
        gold = date.fromisoformat(r["date_publish"][:10])
        if precision == "day":
            dated += 1
            how[got_how] += 1
            if abs((date.fromisoformat(low) - gold).days) <= 1:
                hits += 1
            else:
                misses.append((r, gold, low, got_how, evidence))
        elif precision in ("range", "year"):
            ranges += 1
            in_range += (low or "0000") <= gold.isoformat() <= (high or "9999")
    print(f"  dated to a day: {dated}/{n} (coverage {dated / n:.3f}); within one day of date_publish: "
          f"{hits}/{dated} (precision {hits / max(dated, 1):.3f}); by evidence: {dict(how)}")
    suspect = sum(1 for m in misses if _cause(m[0], m[3]).startswith("date_publish contradicts"))
    if suspect:
        print(f"  precision counting misses where date_publish contradicts the document's own URL as right: "
              f"{(hits + suspect) / max(dated, 1):.3f}")
    print(f"  dated to a range or a year: {ranges}, date_publish inside it: {in_range}")
    causes = Counter(_cause(r, h) for r, *_x, h, _e in misses)
    for cause, k in causes.most_common():
        print(f"  misses: {k:3d}  {cause}")
    for r, gold, low, got_how, evidence in misses:
        print(f"    miss {r['id'][:10]}: date_publish {gold}, dated {low} ({got_how}: {evidence!r})")


def main() -> int:
    if not SHARED.exists():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    seeds()
    with tempfile.TemporaryDirectory() as tmp:
        news_cluster(Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
