"""Wall time of `storytrace build` on generated corpora: the local engine vs Spark local[2].

One job: time both engines end to end on the same synthetic corpus
(bench/reuse_corpus.py: news-like hosts with planted copies, reprints, duplicates and
footers), step by step, and project the Spark run to a cluster.

    python bench/spark_scale.py                       # 10,000 documents, both engines, every stage
    python bench/spark_scale.py --docs 100000 --per-document-only
    python bench/spark_scale.py --docs 10000 100000 --work /tmp/bench --json out.json

Method: each corpus is generated once into WORK/docsN (one docs.jsonl). The local
engine runs `pipeline.build(workers=2)`; its cross-document stages are timed one by
one (wrapped), and "per document" is the rest (ingest, analysers in 2 processes,
SQLite writes). The Spark engine runs on a local[2] session (2 executor cores on this
machine, SPARK_LOCAL_IP=127.0.0.1) and reports its own steps (BuildReport.timings).
Session start-up is timed apart. Both ledgers must hold the same number of rows per
table (checked). The Spark run also reports the driver's peak memory (this Python
process and the driver JVM: one size per invocation, `--engines spark`, to compare sizes). `--per-document-only` runs no cross-document stage on either engine.

Projection: Spark's per-document and reuse steps are executor work that divides
over cores (measured core-seconds per document x documents / cores); the steps on
the driver (loading SQLite, corrections, dates, stories, story dates, direction,
events, terms) do not (measured seconds per document x documents, on one core), and
the figures stage is charged to the driver for its SQLite streaming (measured).
Assumptions (stated with the figures): work per document and candidate pairs per
document stay as in the measured run (true of winnowed 5-gram postings with the chain
rule for long lists, for news of similar length and copy rate), executors as fast as
this machine's cores, and no shuffle cost beyond what local[2] measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

SPARK_STEPS = ("per document (Spark)", "reuse (Spark)")  # executor work that divides over cores
# every other step runs on the driver: it does not divide over executors


def corpus(work: Path, n: int, seed: int) -> Path:
    out = work / f"docs{n}"
    if not (out / "docs.jsonl").exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "bench" / "reuse_corpus.py"), "--docs", str(n), "--out", str(out),
                        "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
        print(f"generated {n:,} documents in {time.perf_counter() - t:.0f} s: {out}", file=sys.stderr)
    return out / "docs.jsonl"


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")
             if not r[0].startswith(("documents_fts", "_"))]
    out = {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in sorted(names)}
    conn.close()
    return out


def run_local(path: Path, docs: Path, per_document_only: bool) -> dict[str, Any]:
    from storytrace.engines import local as pipeline

    timings: dict[str, float] = {}

    def timed(name: str, stage: Any) -> Any:
        def run(db: Any) -> Any:
            t = time.perf_counter()
            try:
                return stage(db)
            finally:
                timings[name] = time.perf_counter() - t
        return run

    stages = () if per_document_only else tuple((name, timed(name, st)) for name, st in pipeline.CROSS_STAGES)
    t = time.perf_counter()
    report = pipeline.build(path, [str(docs)], workers=2, cross_stages=stages)
    total = time.perf_counter() - t
    steps = {"per document (+ SQLite writes)": total - sum(timings.values())} | timings
    return {"engine": "local (2 processes)", "seconds": total, "steps": steps, "added": report.added,
            "counts": counts(path)}


def run_spark(path: Path, docs: Path, per_document_only: bool, session: Any) -> dict[str, Any]:
    from storytrace.engines import local as pipeline, spark as spark_engine

    out = str(path.with_suffix(".parquet"))
    t = time.perf_counter()
    report = spark_engine.build(path, [str(docs)], session=session, out=out,
                                cross_stages=() if per_document_only else pipeline.CROSS_STAGES)
    total = time.perf_counter() - t
    shutil.rmtree(out, ignore_errors=True)
    return {"engine": "Spark local[2]", "seconds": total, "steps": dict(report.timings), "added": report.added,
            "counts": counts(path), "driver_peak_mb": driver_peak_mb(session)}


def driver_peak_mb(session: Any) -> dict[str, Optional[float]]:
    """The driver's peak resident memory so far: this Python process (getrusage) and the
    driver JVM pyspark started (VmHWM), in MB. A peak of the process's whole life: run one
    size per invocation to compare sizes."""
    import resource

    python = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    jvm = None
    proc = getattr(getattr(session.sparkContext, "_gateway", None), "proc", None)
    try:
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines() if proc else ():
            if line.startswith("VmHWM:"):
                jvm = int(line.split()[1]) / 1024
    except OSError:
        pass
    return {"python": round(python, 1), "jvm": round(jvm, 1) if jvm is not None else None}


def projection(spark_run: dict[str, Any], n_docs: int, cores_here: int = 2) -> list[dict[str, Any]]:
    steps = spark_run["steps"]
    executor = sum(v for k, v in steps.items() if k in SPARK_STEPS) * cores_here / n_docs  # core-seconds per document
    driver = sum(v for k, v in steps.items() if k not in SPARK_STEPS) / n_docs  # driver seconds per document
    rows = []
    for docs in (1_000_000, 10_000_000):
        for cores in (64, 512):
            rows.append({"documents": docs, "cores": cores, "executor_s": docs * executor / cores,
                         "driver_s": docs * driver, "total_h": (docs * executor / cores + docs * driver) / 3600})
    return rows


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| documents | engine | step | seconds | docs/s |", "|---:|---|---|---:|---:|"]
    for r in results:
        n = r["docs"]
        for step, s in r["steps"].items():
            lines.append(f"| {n:,} | {r['engine']} | {step} | {s:.1f} | |")
        lines.append(f"| {n:,} | {r['engine']} | **total** | **{r['seconds']:.1f}** | {n / r['seconds']:.0f} |")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/storytrace-spark-bench"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--engines", nargs="+", default=["local", "spark"], choices=["local", "spark"])
    ap.add_argument("--per-document-only", action="store_true", help="no cross-document stage on either engine")
    ap.add_argument("--json", type=Path, help="also write the results as JSON")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = None
    startup = 0.0
    if "spark" in args.engines:
        from storytrace.engines.spark.session import local_session

        t = time.perf_counter()
        session = local_session("local[2]")
        session.sparkContext.parallelize(range(4), 2).count()
        startup = time.perf_counter() - t
    results = []
    for n in args.docs:
        docs = corpus(args.work, n, args.seed)
        runs = {}
        for engine in args.engines:
            path = args.work / f"{engine}{n}.db"
            for p in (path, path.with_name(path.name + ".lock")):
                p.unlink(missing_ok=True)
            r = run_local(path, docs, args.per_document_only) if engine == "local" else \
                run_spark(path, docs, args.per_document_only, session)
            r["docs"] = n
            r["per_document_only"] = args.per_document_only
            runs[engine] = r
            results.append(r)
            peak = f", driver peak {r['driver_peak_mb']} MB" if "driver_peak_mb" in r else ""
            print(f"{n:,} documents, {r['engine']}: {r['seconds']:.1f} s{peak}", file=sys.stderr)
        if len(runs) == 2:
            same = runs["local"]["counts"] == runs["spark"]["counts"]
            print(f"{n:,} documents: rows per table {'the same' if same else 'DIFFER'} on both engines: "
                  f"{runs['spark']['counts']}", file=sys.stderr)
            if not same:
                print(f"  local {runs['local']['counts']}", file=sys.stderr)
    print(f"Spark session start-up (local[2], not in the totals): {startup:.1f} s\n")
    print(table(results))
    full = [r for r in results if r["engine"].startswith("Spark") and not r["per_document_only"]]
    if full:
        r = max(full, key=lambda r: r["docs"])
        print(f"\nProjection from the {r['docs']:,}-document Spark run (see the module docstring for the assumptions):\n")
        print("| documents | executor cores | executor steps (s) | driver steps (s) | total (h) |")
        print("|---:|---:|---:|---:|---:|")
        for p in projection(r, r["docs"]):
            print(f"| {p['documents']:,} | {p['cores']} | {p['executor_s']:,.0f} | {p['driver_s']:,.0f} | {p['total_h']:.1f} |")
    if args.json:
        args.json.write_text(json.dumps({"startup_s": startup, "results": results}, indent=1))
    if session is not None:
        session.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
