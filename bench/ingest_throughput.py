"""Ingest throughput on the shared JSONL corpora: words and MB per second per core.

Measures (1) ingest alone (read + decode + normalise + boilerplate + article test +
language) in one process, and (2) a whole `build` into a fresh ledger with 1 and
with all cores. Prints a Markdown table; BENCHMARKS.md quotes it.

    python bench/ingest_throughput.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from storytrace.engines import local as pipeline
from storytrace.ingest import expand, prepare, read_file
from storytrace.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
CORPORA = ["news_cluster_dev.jsonl", "ecbplus.jsonl"]


def ingest_once(paths: list[str]) -> tuple[int, int, int, float]:
    t = time.perf_counter()
    docs = words = nbytes = 0
    files, _ = expand(paths)
    for f in files:
        for raw in read_file(f):
            if isinstance(raw, Document) or not hasattr(raw, "kind"):
                continue
            nbytes += raw.size
            item = prepare(raw)
            if isinstance(item, Document):
                docs += 1
                words += item.words
    return docs, words, nbytes, time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="passes over the corpora (best is kept)")
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"needs {SHARED} (the shared test corpora)", file=sys.stderr)
        return 2
    paths = [str(SHARED / c) for c in CORPORA]
    ingest_once(paths[:1])  # warm caches (language model, imports)
    best = min((ingest_once(paths) for _ in range(args.repeat)), key=lambda r: r[3])
    docs, words, nbytes, secs = best
    rows = [
        ("ingest only, 1 process", docs, words, nbytes, secs),
    ]
    cores = os.cpu_count() or 1
    for workers in sorted({1, cores}):
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            report = pipeline.build(Path(tmp) / "b.db", paths, workers=workers)
            secs = time.perf_counter() - t
        rows.append((f"build (ledger written), {workers} worker(s)", report.added, words, nbytes, secs))
    print(f"corpora: {', '.join(CORPORA)}; machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}")
    print()
    print("| run | documents | words | MB | seconds | docs/s | words/s | MB/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, d, w, b, s in rows:
        print(f"| {name} | {d} | {w} | {b / 1e6:.2f} | {s:.2f} | {d / s:,.0f} | {w / s:,.0f} | {b / 1e6 / s:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
