"""Throughput of `storytrace extract` on news_cluster_dev.jsonl, words per second on one core.

The spaCy model is loaded before the clock starts (model load excluded); then every
record goes through ingest and all per-document analysers in one process, exactly
as `storytrace extract` runs them. Best of --repeat passes.

    python bench/extract_throughput.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from storytrace.text import nlp
from storytrace.engines import local as pipeline

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "news_cluster_dev.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 2
    nlp.load(disable=("ner",))  # excluded from the timing
    from storytrace.ingest import prepare, read_inputs
    from storytrace.model import Document

    words = sum(d.words for d in (prepare(r) for r in read_inputs([str(CORPUS)]) if hasattr(r, "kind")) if isinstance(d, Document))
    best = None
    for _ in range(args.repeat):
        t = time.perf_counter()
        docs = claims = 0
        for item in pipeline.extract([str(CORPUS)]):
            if isinstance(item, dict):
                docs += 1
                claims += len(item["claims"])
        secs = time.perf_counter() - t
        best = secs if best is None else min(best, secs)
    print(f"extract on {CORPUS.name}: {docs} documents, {words} words, {claims} claims, "
          f"{best:.2f} s -> {words / best:,.0f} words/s on one core (model load excluded)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
