"""The spark-submit entry: `storytrace build --engine spark` as an application file.

    spark-submit --master yarn --deploy-mode client --executor-memory 8g \\
        "$(python -m storytrace.engines.spark --entry)" LEDGER INPUT... [--out hdfs:///user/me/run1] [--max-mb 20] [-q]

or, without spark-submit (PySpark starts the JVM with $SPARK_SUBMIT_ARGS, e.g.
`--master spark://host:7077 --executor-memory 8g`, or local[*]):

    python -m storytrace.engines.spark LEDGER INPUT... [--workers N] [--out DIR]

The driver runs where this runs and writes the SQLite ledger there (the ledger must
fit on the driver's disk); the executors need storytrace and its spaCy model
installed (the same virtualenv, or a packed environment via --archives). Exit status
as `storytrace build`: 0, 1 (some inputs rejected), 2 (usage), 3 (crash).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import Optional

if __package__ in (None, ""):  # run as a file by spark-submit: import the package this file is in, not its siblings
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(_here)))))  # .../src


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="storytrace-spark", description="storytrace build on Apache Spark")
    ap.add_argument("--entry", action="store_true", help="print the path of this file (for spark-submit) and exit")
    ap.add_argument("ledger", nargs="?")
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--out", help="where the Parquet copy of every table goes (default: beside the ledger, or $STORYTRACE_SPARK_OUT)")
    ap.add_argument("--workers", type=int, default=0, help="local[N] when no master is given (0: every core)")
    ap.add_argument("--max-mb", type=float, default=20.0, help="largest single article in MiB")
    ap.add_argument("--keep-work", action="store_true", help="keep OUT/_work (the tables streamed from the ledger)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.entry:
        print(os.path.abspath(__file__))
        return 0
    if not args.ledger or not args.inputs:
        ap.error("give LEDGER and at least one INPUT")
    # absolute imports: spark-submit runs this file as a script, not as a module of the package
    from storytrace import ledger as ledger_mod
    from storytrace.engines import spark
    from storytrace.text import nlp

    problem = spark.unavailable() or spark.nothing_to_read(args.inputs)
    if problem:
        print(f"storytrace: {problem}", file=sys.stderr)
        return 2

    def on_reject(r: object) -> None:
        print(f"rejected: {r.source}: {r.reason}", file=sys.stderr)  # type: ignore[attr-defined]

    try:
        report = spark.build(args.ledger, args.inputs, workers=args.workers or None, max_bytes=int(args.max_mb * 2**20),
                             out=args.out, keep_work=args.keep_work, quiet=args.quiet, on_reject=on_reject)
    except (ledger_mod.LedgerError, nlp.ModelMissing, spark.SparkUnavailable) as e:
        print(f"storytrace: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the ledger was left as it was before this run", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - a crash is a bug: show it, exit 3
        traceback.print_exc()
        return 3
    if not args.quiet and getattr(report, "unchanged", False):
        print(f"{report.ledger}: nothing new ({report.already} documents already in the ledger); "
              f"the ledger and its Parquet copy are unchanged ({report.seconds:.1f} s)", file=sys.stderr)
    elif not args.quiet:
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in getattr(report, "timings", {}).items())
        print(f"{report.ledger}: added {report.added} documents"
              + (f", {report.already} already in the ledger" if report.already else "")
              + f", {len(report.rejects)} inputs rejected; {report.documents} documents in all ({report.seconds:.1f} s: {steps})",
              file=sys.stderr)
    return 1 if len(report.rejects) > report.known_rejects else 0  # (rejects it already listed are no new failure)


if __name__ == "__main__":
    sys.exit(main())
