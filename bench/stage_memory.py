"""Peak memory of the driver-side cross-document stages on a generated corpus.

`python bench/stage_memory.py [--docs 2000] [--work DIR]` builds a ledger of N generated
documents (bench/reuse_corpus.py, as bench/spark_scale.py) with the local engine once,
then reruns the stories and events stages on it, each under tracemalloc, and prints the
seconds and the peak of Python memory each allocated (tracemalloc slows them: compare
peaks, not times). It tells what a stage holds per document on the driver (issue 18).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/storytrace-stage-memory"))
    args = ap.parse_args(argv)
    from storytrace.engines import local as pipeline
    from storytrace.ledger import writing
    from storytrace.stages import events, stories

    corpus = args.work / f"docs{args.docs}"
    if not (corpus / "docs.jsonl").exists():
        subprocess.run([sys.executable, str(REPO / "bench" / "reuse_corpus.py"), "--docs", str(args.docs),
                        "--out", str(corpus), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    ledger = args.work / f"docs{args.docs}.db"
    if not ledger.exists():
        pipeline.build(ledger, [str(corpus / "docs.jsonl")], workers=2)
    print(f"{args.docs:,} generated documents ({ledger})")
    for name, stage in (("stories", stories.stories_stage), ("events", events.events_stage)):
        with writing(ledger) as db:
            tracemalloc.start()
            t = time.perf_counter()
            stage(db)
            seconds = time.perf_counter() - t
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        print(f"  {name:8s} {seconds:6.1f} s (under tracemalloc)  peak {peak / 2**20:7.1f} MB  "
              f"({peak / args.docs / 1024:.1f} kB per document)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
