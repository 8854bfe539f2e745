"""Story grouping: which documents report the same real-world event, scored with B-cubed.

Builds a ledger (every per-document analyser and cross-document stage, as `storytrace
build` does) and compares each document's event (`documents.event_id`: its story's
event) and its story (`documents.story`) with the gold grouping:

- ../shared/corpora/news_cluster_dev.jsonl: gold `event_id` (54 events);
- ../shared/corpora/ecbplus.jsonl: gold `subtopic` (86 sub-events; the two sub-events
  of a topic are different real events of the same kind, e.g. two earthquakes in
  Indonesia). ECB+ has no dates: documents are taken in id order.

Reference: Miranda et al. 2018, B-cubed F1 0.94 on their English stream. Targets:
>= 0.95 on news_cluster_dev, >= 0.85 on ECB+ sub-events.

    python eval/events_stories.py [--show]      # --show: the mixed and split groups
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import sqlite_utils

from storytrace.pipeline import build
from storytrace.stories import bcubed

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def run(name: str, gold_field: str, tmp: Path, show: bool) -> tuple[float, float, float]:
    path = SHARED / "corpora" / name
    gold_rows = {r["id"]: r for r in map(json.loads, open(path, encoding="utf-8"))}
    t = time.perf_counter()
    build(tmp / f"{name}.db", [str(path)], workers=0)
    secs = time.perf_counter() - t
    db = sqlite_utils.Database(tmp / f"{name}.db")
    docs = list(db.query("select record_id, event_id, story, title, substr(text, 1, 90) as opening from documents"))
    gold = {d["record_id"]: gold_rows[d["record_id"]][gold_field] for d in docs}
    print(f"{name} ({len(docs)} documents, {len(set(gold.values()))} gold groups; built in {secs:.1f} s):")
    out = None
    for what in ("event_id", "story"):
        pred = {d["record_id"]: d[what] for d in docs}
        p, r, f = bcubed(pred, gold)
        print(f"  documents.{what:8s}: {len(set(pred.values())):4d} groups   B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        out = out or (p, r, f)
    if show:
        by_pred = defaultdict(list)
        for d in docs:
            by_pred[d["event_id"]].append(d)
        print("  predicted groups mixing gold groups:")
        for eid, ds in sorted(by_pred.items(), key=lambda kv: -len(kv[1])):
            c = Counter(gold[d["record_id"]] for d in ds)
            if len(c) > 1:
                label = db.execute("select label from events where id = ?", [eid]).fetchone()
                print(f"    {eid} {label[0][:60] if label else ''!r}: {dict(c)}")
        by_gold = defaultdict(set)
        for d in docs:
            by_gold[gold[d["record_id"]]].add(d["event_id"])
        split = {g: len(e) for g, e in by_gold.items() if len(e) > 1}
        print(f"  gold groups split over several predicted events: {len(split)} {dict(sorted(split.items(), key=lambda kv: -kv[1])[:20])}")
    return out


def main() -> int:
    if not SHARED.exists():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    show = "--show" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        nc = run("news_cluster_dev.jsonl", "event_id", Path(tmp), show)
        ecb = run("ecbplus.jsonl", "subtopic", Path(tmp), show)
    print(f"story grouping (documents.event_id) B-cubed F1: news_cluster_dev {nc[2]:.3f} (target 0.95), "
          f"ECB+ sub-events {ecb[2]:.3f} (target 0.85); reference Miranda et al. 2018: 0.94")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
