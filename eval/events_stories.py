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

Tune and check halves (eval/gold/split.json: news_cluster events, ECB+ topics) are scored
apart, each over its own documents; --show lists the tune half's mixed and split groups,
--show-check the check half's too (read once, at the end).

    python eval/events_stories.py [--show] [--show-check]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from typing import Any, Optional
from collections import Counter, defaultdict
from pathlib import Path

import sqlite_utils

from storytrace.engines.local import build
from storytrace.stages.stories import bcubed

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


SPLIT = json.loads((Path(__file__).resolve().parent / "gold" / "split.json").read_text())


def half_of(name: str, group: object) -> str:
    """The recorded tune/check half of a gold group (eval/gold/split.json)."""
    if name.startswith("news_cluster"):
        return "tune" if f"nc:{group}" in SPLIT["tune"] else "check"
    topic = int(str(group).rstrip("ab"))
    return "tune" if topic in SPLIT["ecb_topics_all"]["tune"] else "check"


def dev_ledgers(ledgers: Optional[Path]) -> tuple[list[tuple[str, str, Any]], Any]:
    """The news_cluster_dev and ECB+ ledgers for a stories experiment, built in `ledgers`
    (or a temporary folder, returned second: keep it while the ledgers are read), each
    with its corpus file name and gold field."""
    from figure_rows import build_ledgers
    import sqlite3

    tmp = tempfile.TemporaryDirectory()
    paths = build_ledgers(ledgers or Path(tmp.name))
    return [(name, field, sqlite3.connect(paths[ledger])) for name, ledger, field in (
        ("news_cluster_dev.jsonl", "news_cluster", "event_id"), ("ecbplus.jsonl", "ecbplus", "subtopic"))], tmp


def experiment(ledgers: Optional[Path], group: Any, label: str) -> int:
    """Run a stories experiment on the dev ledgers and print it against the single pass and
    the gold halves. `group(db)` -> (the single pass's stories, the experiment's, a line
    saying what it did)."""
    if not SHARED.exists():
        print(f"no {SHARED}: the dev data is not here", file=sys.stderr)
        return 2
    dbs, tmp = dev_ledgers(ledgers)
    for name, field, db in dbs:
        whole, other, what = group(db)
        agree, parts = against_single_pass(db, name, field, whole, other)
        print(f"{name}: {what}; agreement with the single pass B-cubed F1 {agree:.3f}")
        for part, (a, b) in parts.items():
            print(f"  {part}: single pass {a:.3f}, {label} {b:.3f}")
    tmp.cleanup()
    return 0


def against_single_pass(db: Any, name: str, gold_field: str, whole: dict[str, Any], other: dict[str, Any]
                        ) -> tuple[float, dict[str, tuple[float, float]]]:
    """An experiment's stories (`other`) against the stage's single pass (`whole`) on one
    ledger of a gold corpus: their B-cubed agreement, and per half (F1 of the single pass,
    F1 of the experiment) against the gold stories."""
    from storytrace.stages.stories import bcubed

    rec = dict(db.execute("select id, record_id from documents"))
    gold_rows = {r["id"]: r for r in map(json.loads, open(SHARED / "corpora" / name, encoding="utf-8"))}
    gold = {d: gold_rows[rec[d]][gold_field] for d in whole if rec.get(d) in gold_rows}
    half = {d: half_of(name, g) for d, g in gold.items()}
    agree = bcubed({d: other.get(d) for d in whole}, whole)[2]
    parts = {}
    for part in ("tune", "check"):
        keep = [d for d in gold if half[d] == part]
        parts[part] = (bcubed({d: whole[d] for d in keep}, {d: gold[d] for d in keep})[2],
                       bcubed({d: other.get(d) for d in keep}, {d: gold[d] for d in keep})[2])
    return agree, parts


def run(name: str, gold_field: str, tmp: Path, show: bool, show_check: bool) -> dict[str, tuple[float, float, float]]:
    path = SHARED / "corpora" / name
    gold_rows = {r["id"]: r for r in map(json.loads, open(path, encoding="utf-8"))}
    t = time.perf_counter()
    build(tmp / f"{name}.db", [str(path)], workers=0)
    secs = time.perf_counter() - t
    db = sqlite_utils.Database(tmp / f"{name}.db")
    docs = list(db.query("select record_id, event_id, story, title, substr(text, 1, 90) as opening from documents"))
    gold = {d["record_id"]: gold_rows[d["record_id"]][gold_field] for d in docs}
    half = {d: half_of(name, g) for d, g in gold.items()}
    print(f"{name} ({len(docs)} documents, {len(set(gold.values()))} gold groups; built in {secs:.1f} s):")
    out: dict[str, tuple[float, float, float]] = {}
    for what in ("event_id", "story"):
        pred = {d["record_id"]: d[what] for d in docs}
        for part in ("all", "tune", "check"):
            keep = [d for d in gold if part == "all" or half[d] == part]
            p, r, f = bcubed({d: pred[d] for d in keep}, {d: gold[d] for d in keep})
            print(f"  documents.{what:8s} {part:5s}: {len(set(pred[d] for d in keep)):4d} groups   "
                  f"B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
            if what == "event_id":
                out[part] = (p, r, f)
    if show:
        by_pred = defaultdict(list)
        for d in docs:
            by_pred[d["event_id"]].append(d)
        print("  predicted groups mixing gold groups" + ("" if show_check else " (tune groups only)") + ":")
        for eid, ds in sorted(by_pred.items(), key=lambda kv: -len(kv[1])):
            c = Counter(gold[d["record_id"]] for d in ds)
            if len(c) > 1 and (show_check or any(half[d["record_id"]] == "tune" for d in ds)):
                label = db.execute("select label from events where id = ?", [eid]).fetchone()
                print(f"    {eid} {label[0][:60] if label else ''!r}: {dict(c)}")
        by_gold = defaultdict(set)
        for d in docs:
            if show_check or half[d["record_id"]] == "tune":
                by_gold[gold[d["record_id"]]].add(d["event_id"])
        split = {g: len(e) for g, e in by_gold.items() if len(e) > 1}
        print(f"  gold groups split over several predicted events: {len(split)} {dict(sorted(split.items(), key=lambda kv: -kv[1])[:20])}")
    return out


def main() -> int:
    if not SHARED.exists():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    show = "--show" in sys.argv
    show_check = "--show-check" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        nc = run("news_cluster_dev.jsonl", "event_id", Path(tmp), show or show_check, show_check)
        ecb = run("ecbplus.jsonl", "subtopic", Path(tmp), show or show_check, show_check)
    for part in ("all", "tune", "check"):
        print(f"story grouping (documents.event_id) B-cubed F1, {part}: news_cluster_dev {nc[part][2]:.3f} (target 0.95), "
              f"ECB+ sub-events {ecb[part][2]:.3f} (target 0.85)")
    print("reference Miranda et al. 2018: 0.94")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
