"""The Spark engine: the same ledger as the local engine, computed on Apache Spark.

One job: run `storytrace build` on a Spark cluster (or Spark's local mode) for
collections too large for one process pool, and give exactly the rows the local
engine gives on the same inputs.

- per document (executors): the inputs are read where they lie (local paths by the
  executors, any path Spark reads through Spark's readers: JSONL, Parquet with a
  `text` column, WARC/HTML/text files), each record goes through the very function
  the local engine uses (`local.process_many`: prepare + every analyser) and the
  results are written as Parquet tables (documents, claims, quotes, terms, rejects);
- loading (driver): the new documents and their annotations are streamed in input
  order into the SQLite ledger, inside the same atomic `ledger.writing` swap;
- cross-document stages, in `local.CROSS_STAGES` order: `reuse` (fingerprint
  postings, candidate pairs and alignment as Spark group-bys and joins, lineages as
  connected components) and every declared stage (`stages/plan.py`: the dating stages
  `dates`, `story dates`, `serial dates` and `event dates`, co-groups on story, outlet,
  event name and document; `figures`, its co-groups on event, document, passage;
  `direction`, co-groups and a components step; and `terms`, co-groups on document and
  on each label's counting key, run by `plans.py`) run on Spark and write Parquet too;
  the other stages (own datings, corrections, stories, events, choose dates, and any
  stage added later that is not a plan) and each plan's `prepare` run on the driver over
  the ledger, as in the local engine.

pyspark is an optional extra (`pip install 'storytrace[spark]'`, plus Java 17); the
core never imports this package, and this module imports pyspark only when a build
starts. See `engine.py` for the run, `submit.py` for the spark-submit entry.
"""

from __future__ import annotations

import os
import shutil
from typing import Any, Optional, Sequence

from .uris import is_uri


class SparkUnavailable(RuntimeError):
    """pyspark or Java is missing (a usage problem: install the extra, or Java)."""


def unavailable() -> Optional[str]:
    """Why the Spark engine cannot run here (None when it can)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "the Spark engine needs pyspark: pip install 'storytrace[spark]'"
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))) and shutil.which("java") is None:
        return "the Spark engine needs Java (17 or later): no `java` on PATH and no JAVA_HOME"
    return None


def require() -> None:
    reason = unavailable()
    if reason:
        raise SparkUnavailable(reason)


def build(ledger_path: Any, inputs: Sequence[str], **kwargs: Any) -> Any:
    """`local.build` on Spark (same arguments, plus `session`, `out`, `keep_work`);
    returns a local.BuildReport. Raises SparkUnavailable without pyspark or Java."""
    require()
    from .engine import build as _build

    return _build(ledger_path, inputs, **kwargs)


def correct(ledger_path: Any, change: Any, **kwargs: Any) -> Any:
    """`local.correct` on Spark (plus `workers`, `session`, `out`, `keep_work`): the
    correction and the cross-document stages, reuse and figures on Spark. Raises
    SparkUnavailable without pyspark or Java."""
    require()
    from .engine import correct as _correct

    return _correct(ledger_path, change, **kwargs)


def nothing_to_read(inputs: Sequence[str]) -> Optional[str]:
    """The usage error when none of the named inputs can hold a file (None when one may):
    local names are expanded as the local engine does; a Spark URI is taken on trust
    here (it is listed once the session is up, and a pattern matching nothing becomes a reject)."""
    from ...ingest import expand

    if any(is_uri(n) for n in inputs):
        return None
    files, missing = expand([n for n in inputs])
    if files:
        return None
    return "nothing to read (" + ("; ".join(f"{r.source}: {r.reason}" for r in missing) or "no inputs named") + ")"
