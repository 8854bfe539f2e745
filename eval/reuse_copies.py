"""The copy trail on real articles: the seeds' known copies, and links across stories.

1. Seeds: the passages copied between 000-003, 000-001, 000-004, 001-003 and 003-004
   are found (each printed with its spans and a piece of both texts); no passage links
   002 with 000, 003 or 004; the 116 -> 106 edit is reported in the 000 -> 001 link.
2. news_cluster_dev and ECB+ (no gold copies): every link of kind `passage` between
   two documents of *different* gold stories (news_cluster `event_id`, ECB+ `topic`)
   is listed: copying across stories happens (a shared quote, a stock paragraph), but
   each one is a candidate false positive, so their share is an upper bound on the
   error rate. Links inside a story are counted.

    python eval/reuse_copies.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import sqlite_utils

from storytrace.engines.local import build
from storytrace.stages.reuse import reuse_stage

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WANTED = ["000-003", "000-001", "000-004", "001-003", "003-004"]


def _ledger(tmp: Path, name: str, inputs: list[str], analysers=None) -> sqlite_utils.Database:
    path = tmp / f"{name}.db"
    kwargs = {} if analysers is None else {"analysers": analysers}
    build(path, inputs, workers=1, **kwargs)
    return sqlite_utils.Database(path)


def seeds(tmp: Path) -> int:
    db = _ledger(tmp, "seeds", [str(SHARED / "corpora" / "seeds")])
    name = {r["id"]: Path(r["source"]).name[:3] for r in db["documents"].rows}
    text = {r["id"]: r["text"] for r in db["documents"].rows}
    found: dict[str, list[dict]] = {}
    for r in db["reuse"].rows_where("kind = 'passage'"):
        pair = "-".join(sorted((name[r["source_doc"]], name[r["target_doc"]])))
        found.setdefault(pair, []).append(r)
    ok = 0
    for pair in WANTED:
        rows = found.get(pair, [])
        ok += bool(rows)
        print(f"  {pair}: {'found' if rows else 'MISSING'} ({len(rows)} passage(s))")
        for r in rows:
            s = text[r["source_doc"]][r["source_start"] : r["source_end"]]
            print(f"     {name[r['source_doc']]}[{r['source_start']}:{r['source_end']}] -> {name[r['target_doc']]}"
                  f"[{r['target_start']}:{r['target_end']}] {r['words']} words, score {r['score']}, {r['direction']}: "
                  f"{s[:70]!r}...")
    bad = [p for p in found if "002" in p and any(x in p for x in ("000", "003", "004"))]
    print(f"  no passage between 002 and 000/003/004: {'ok' if not bad else 'WRONG ' + str(bad)}")
    edit = None
    for r in found.get("000-001", []):
        for e in json.loads(r["edits"]):
            if e["from"] == "116" and name[r["source_doc"]] == "000":
                edit = e
    print(f"  116 -> 106 edit in the 000 -> 001 link: {json.dumps(edit) if edit else 'MISSING'}")
    score = ok + (not bad) + (edit is not None and edit["to"] == "106")
    print(f"seeds: {score}/7 checks")
    return score


def across_stories(tmp: Path, corpus: str, gold: str) -> None:
    path = SHARED / "corpora" / corpus
    db = _ledger(tmp, corpus, [str(path)], analysers=())
    gold_of = {}
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        gold_of[str(rec["id"])] = rec[gold]
    story = {r["id"]: gold_of.get(str(r["record_id"])) for r in db["documents"].rows}
    counts = reuse_stage(db)
    kinds = Counter()
    across = []
    for r in db["reuse"].rows:
        same = story[r["source_doc"]] == story[r["target_doc"]]
        kinds[(r["kind"], "same story" if same else "across stories")] += 1
        if r["kind"] == "passage" and not same:
            across.append(r)
    n_passages = sum(v for (k, _), v in kinds.items() if k == "passage")
    print(f"{corpus} ({db['documents'].count} documents): links by kind {counts}")
    for (kind, where), v in sorted(kinds.items()):
        print(f"  {kind:11} {where:15} {v}")
    print(f"  passages across gold stories: {len(across)}/{n_passages} "
          f"({len(across) / max(1, n_passages):.3f}; an upper bound on false links)")
    text = {r["id"]: r["text"] for r in db["documents"].rows}
    for r in across:
        s = text[r["source_doc"]][r["source_start"] : r["source_end"]].replace("\n", " ")
        print(f"     {r['words']:3} words: {s[:110]!r}")


def main() -> int:
    if not SHARED.exists():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        seeds(Path(tmp))
        across_stories(Path(tmp), "news_cluster_dev.jsonl", "event_id")
        across_stories(Path(tmp), "ecbplus.jsonl", "topic")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
