"""Framing on the five seeds: labels per document with voice and event, the issue's
statements checked, loaded words, wording drift, and the analyser's throughput.

1. Builds a ledger of ../shared/corpora/seeds (with the terms stage after the events
   stage), prints every label use per document (term, voice, speaker, event, count,
   offsets) and the loaded words, and checks what issue 7 says: seed 003 calls the
   event a massacre in its own voice; its "genocide" is in a conference title and in
   a minister's (Mammadyarov's) words, never its own; seed 002 says "genocide" in its
   own voice (Trend); seed 004 uses "vile" and "sickly mentality" (in the ministry's
   quotation); plus the links: 004's "The massacre" is the Khojaly massacre, its
   "Armenian attack ... on Barda" the Barda attack; every span points at its word.
   Prints "framing seeds: N/M checks".
2. The wording drift of the Khojaly event: word edits of copied passages by the
   copy's date, and the lexicon words copies keep ("now-occupied").
3. Throughput of the framing analyser (words/s, one core) on
   ../shared/corpora/news_cluster_dev.jsonl, ingest excluded.

    python eval/framing_seeds.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import sqlite_utils

from storytrace.analyse import framing
from storytrace.engines import local as pipeline
from storytrace.stages import terms as terms_mod
from storytrace.ingest import expand, prepare, read_file
from storytrace.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def stages() -> list:
    """The cross-document stages, with the terms stage right after the events stage."""
    out = list(pipeline.CROSS_STAGES)
    if not any(name == "terms" for name, _ in out):
        out.insert([name for name, _ in out].index("events") + 1, ("terms", terms_mod.TERMS))
    return out


def seeds(tmp: Path) -> tuple[int, int]:
    path = tmp / "seeds.db"
    pipeline.build(path, [str(SHARED / "corpora" / "seeds")], workers=1, cross_stages=stages())
    db = sqlite_utils.Database(path)
    events = dict(db.execute("select id, label from events").fetchall())
    docs = {r[0]: (Path(r[1]).name[:3], r[2]) for r in db.execute("select id, source, text from documents")}
    rows = list(db.query("select * from terms order by doc_id, kind, term, voice"))
    by_seed: dict[str, list[dict]] = {}
    for r in rows:
        by_seed.setdefault(docs[r["doc_id"]][0], []).append(r)

    print("labels per document (term: voice [speech, speaker] -> event, count, offsets):")
    for seed in sorted(by_seed):
        print(f"  {seed}:")
        for r in by_seed[seed]:
            if r["kind"] != "label":
                continue
            who = ", ".join(x for x in (r["speech"], r["speaker"]) if x)
            print(f"    {r['term']}: {r['voice']}{f' [{who}]' if who else ''}{' NEGATED' if r['negated'] else ''}"
                  f" -> {events.get(r['event_id'], r['event_id'] or 'no event row: ' + _names(r))}, x{r['count']},"
                  f" {json.loads(r['spans'])}")
    print("loaded words per document (term (category): voice [speaker] x count):")
    for seed in sorted(by_seed):
        loaded = [r for r in by_seed[seed] if r["kind"] == "loaded"]
        print(f"  {seed}: " + "; ".join(
            f"{r['term']} ({r['category']}): {r['voice']}{' [' + r['speaker'] + ']' if r['speaker'] else ''} x{r['count']}"
            for r in loaded))

    def uses(seed: str, term: str, **where) -> list[dict]:
        return [r for r in by_seed.get(seed, []) if r["term"] == term and not r["negated"]
                and all(r[k] == v for k, v in where.items())]

    khojaly = next((e for e, label in events.items() if "khojaly" in label.lower()), None)
    barda = next((e for e, label in events.items() if "barda" in label.lower()), None)
    g003 = uses("003", "genocide")
    checks = [
        ("003 calls it a massacre in its own voice (the Khojaly event)",
         any(r["event_id"] == khojaly for r in uses("003", "massacre", voice="own")),
         _said(uses("003", "massacre", voice="own"))),
        ("003: 'genocide' in a title (headline, conference title)", bool(uses("003", "genocide", voice="title")),
         _said(uses("003", "genocide", voice="title"))),
        ("003: 'genocide' in the minister's words (Mammadyarov, quoted or reported)",
         any("mammadyarov" in (r["speaker"] or "").lower() for r in uses("003", "genocide", voice="quoted")),
         _said(uses("003", "genocide", voice="quoted"))),
        ("003: 'genocide' never in its own voice", bool(g003) and not uses("003", "genocide", voice="own"),
         _said(uses("003", "genocide", voice="own")) or "none"),
        ("002 says 'genocide' in its own voice (Trend), of the Khojaly event",
         any(r["event_id"] == khojaly for r in uses("002", "genocide", voice="own")),
         _said(uses("002", "genocide", voice="own"))),
        ("004: loaded 'vile' (the ministry's quotation)", bool(uses("004", "vile", kind="loaded")),
         _said(uses("004", "vile", kind="loaded"))),
        ("004: loaded 'sickly mentality'", bool(uses("004", "sickly mentality", kind="loaded")),
         _said(uses("004", "sickly mentality", kind="loaded"))),
        ("004: 'The massacre' (own voice) refers to the Khojaly massacre, not the Barda attack",
         bool(khojaly) and any(r["event_id"] == khojaly for r in uses("004", "massacre", voice="own")),
         _said(uses("004", "massacre", voice="own"))),
        ("004: 'the Armenian attack ... on Barda' is the Barda attack", bool(barda) and
         any(r["event_id"] == barda for r in uses("004", "attack")), _said(uses("004", "attack"))),
        ("every span points at its term", all(_spans_ok(r, docs[r["doc_id"]][1]) for r in rows), f"{len(rows)} rows"),
    ]
    for label, ok, said in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}: {said}")
    n = sum(ok for _, ok, _ in checks)
    print(f"framing seeds: {n}/{len(checks)} checks")

    if khojaly:
        drift = terms_mod.wording_drift(db, khojaly, kept=True).get(khojaly, [])
        print(f"\nwording drift of {events[khojaly]!r} (copied passages, by the copy's date; figures left out):")
        for d in drift:
            if d["change"] == "kept" and not d["terms"]:
                continue
            line = (f"  {d['target_published'] or 'undated'} {docs[d['target_doc']][0]} (copy of {docs[d['source_doc']][0]}, "
                    f"{d['source_published'] or 'undated'}): {d['change']}")
            if d["change"] == "kept":
                line += f" {d['to']!r}"
            else:
                line += f" {d['from']!r} -> {d['to']!r}"
            print(line + (f"  [lexicon: {', '.join(d['terms'])}]" if d["terms"] and d["change"] != "kept" else ""))
    return n, len(checks)


def _names(r: dict) -> str:
    names = {(m.get("ref") or {}).get("name") for m in json.loads(r["mentions"])}
    return ", ".join(sorted(n for n in names if n))


def _said(rows: list[dict]) -> str:
    return "; ".join(f"{r['voice']}{' [' + r['speaker'] + ']' if r['speaker'] else ''} x{r['count']}" for r in rows)


def _spans_ok(r: dict, text: str) -> bool:
    return all(framing.is_term(text[s:e], r["term"], r["kind"]) for s, e in json.loads(r["spans"]))


def throughput() -> None:
    path = SHARED / "corpora" / "news_cluster_dev.jsonl"
    files, _ = expand([str(path)])
    docs = [d for f in files for raw in read_file(f, 10**9) for d in [prepare(raw)] if isinstance(d, Document)]
    words = sum(len(d.text.split()) for d in docs)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        n = sum(len(framing.analyse_framing(d).terms) for d in docs)
        best = min(best, time.perf_counter() - t0)
    print(f"\nframing analyser on {path.name}: {len(docs)} documents, {words:,} words, {n} term rows, "
          f"{words / best:,.0f} words/s (one core, best of 3)")


def main() -> int:
    if not SHARED.exists():
        print(f"needs {SHARED} (the shared test data)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        seeds(Path(tmp))
    throughput()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
