"""The Spark engine on a ledger that grows: an incremental build with corrections and a
later copy, and `correct --engine spark`, row for row as the local engine (issues 9, 18).

A module of its own (the ledger-growing builds), beside tests/test_spark.py's one-shot builds.
Every test needs pyspark and Java: they skip without them, except under
STORYTRACE_REQUIRE_SPARK=1 (CI), where they fail.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from conftest import assert_same_ledgers, spark_build
from storytrace import ledger as ledger_mod
from storytrace.analyse import ANALYSERS
from storytrace.engines import local as pipeline
from storytrace.engines.local import CROSS_STAGES
from storytrace.engines.spark import engine as spark_engine
from storytrace.stages import corrections

pytestmark = pytest.mark.spark


def test_incremental_build_with_corrections_same_on_both_engines(spark, tmp_path, example_dir):
    """Half the example in a ledger, two corrections recorded, then the whole example
    added: the Spark build keeps the known documents, adds the rest, applies the
    corrections, exactly as the local build; an input the ledger lists as rejected is
    counted as known, not announced again."""
    files = sorted(str(p) for p in example_dir.iterdir())
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    base = tmp_path / "half.db"
    assert len(pipeline.build(base, files[:5] + [str(empty)], workers=1).rejects) == 1
    conn = sqlite3.connect(base)
    claim = conn.execute("select id from claims where measure = 'killed' and value is not null order by id").fetchone()[0]
    event = conn.execute("select id from events order by id").fetchone()[0]
    conn.close()
    now = "2026-01-01T00:00:00+00:00"
    pipeline.correct(base, lambda db: corrections.record(db, f"claim:{claim}", "value", "99", note="test", now=now))
    pipeline.correct(base, lambda db: corrections.record(db, f"event:{event}", "label", "Corrected", now=now))
    with sqlite3.connect(base) as conn:  # as an earlier release's ledger: no item digests (both engines add them)
        conn.execute("update documents set raw_digest = null")
    conn.close()
    local_path, spark_path = tmp_path / "local.db", tmp_path / "spark.db"
    shutil.copy(base, local_path)
    shutil.copy(base, spark_path)
    expected = pipeline.build(local_path, [str(example_dir), str(empty)], workers=1)
    told: list = []
    report = spark_build(spark, spark_path, [str(example_dir), str(empty)], on_reject=told.append)
    assert (report.added, report.already) == (expected.added, expected.already) == (5, 5)
    assert (report.known_rejects, len(report.rejects), told) == (expected.known_rejects, 1, []) == (1, 1, [])
    assert_same_ledgers(local_path, spark_path)
    assert sqlite3.connect(spark_path).execute("select count(*) from documents where raw_digest is null").fetchone()[0] == 0
    assert report.texts_from_ledger == 5  # the half built locally has no Parquet copy: its texts came from the ledger
    conn = sqlite3.connect(spark_path)
    assert conn.execute("select value from claims where id = ?", [claim]).fetchone()[0] == 99.0
    assert [r[0] for r in conn.execute("select status from corrections")] == ["applied", "applied"]
    # a later article copying an earlier one's passage: its texts are on the cluster now (OUT/documents)
    earlier = conn.execute("select text from documents order by rowid limit 1").fetchone()[0]
    conn.close()
    later = tmp_path / "later.txt"
    later.write_text("Update, March 20: " + earlier[:1500] + "\nInvestigators said on Thursday the toll had not changed.")
    expected = pipeline.build(local_path, [str(example_dir), str(later)], workers=1)
    report = spark_build(spark, spark_path, [str(example_dir), str(later)])
    assert (report.added, report.texts_from_ledger) == (expected.added, 0) == (1, 0)
    assert_same_ledgers(local_path, spark_path)
    conn = sqlite3.connect(spark_path)
    assert conn.execute("select count(*) from reuse r join documents d on d.id in (r.source_doc, r.target_doc) "
                        "where d.source like '%later.txt'").fetchone()[0] >= 1  # the copy was found
    conn.close()
    # nothing new: as locally, no stage runs and the ledger (every byte) and its Parquet copy stay as they were
    out = spark_path.with_suffix(".parquet")
    files = {str(f): f.stat().st_mtime_ns for f in out.rglob("*")}
    before, copy = spark_path.read_bytes(), ledger_mod.parquet_copy(spark_path)
    assert copy is not None and copy[0] == str(out.resolve())
    again = spark_build(spark, spark_path, [str(example_dir), str(later)])
    assert again.unchanged and (again.added, again.already) == (0, expected.added + expected.already)
    assert spark_path.read_bytes() == before and again.documents == expected.documents
    assert {str(f): f.stat().st_mtime_ns for f in out.rglob("*")} == files
    # ... and a local build rebuilt from the same inputs keeps it too (the same steps, the same code)
    assert pipeline.build(spark_path, [str(example_dir), str(later)], workers=1).unchanged
    steps = ledger_mod.steps_of(ANALYSERS, CROSS_STAGES)
    assert spark_engine.settled(spark, spark_path, steps, str(out.resolve()))
    assert not spark_engine.settled(spark, spark_path, steps, str(tmp_path / "elsewhere"))
    # a copy changed since (a Spark write that failed half-way removed its token first) is not trusted
    token_dir = out / "_copy" / copy[1]
    shutil.rmtree(token_dir)
    assert not spark_engine.settled(spark, spark_path, steps, str(out.resolve()))
    token_dir.mkdir(parents=True)
    # any other write (a correction here) forgets the copy: the next Spark build reruns the stages
    pipeline.correct(spark_path, lambda db: corrections.record(db, f"event:{event}", "label", "Again", now=now))
    assert ledger_mod.parquet_copy(spark_path) is None
    assert not spark_engine.settled(spark, spark_path, steps, str(out.resolve()))
    # the executors prepare the known documents for their ids but never analyse them (an
    # analyser that fails on every document rejects none of them)
    known = spark_build(spark, spark_path, [str(example_dir), str(later)], analysers=[("boom", int)], cross_stages=[])
    assert (known.added, known.already, known.rejects) == (0, expected.added + expected.already, [])
    # (their texts crossed to the JVM blank, and were dropped there: none reached the ledger or its copy)
    conn = sqlite3.connect(spark_path)
    assert conn.execute("select count(*) from documents where coalesce(text, '') = ''").fetchone()[0] == 0
    conn.close()
    copy_docs = spark.read.parquet(str(out / "documents"))
    assert copy_docs.count() == known.documents and copy_docs.filter("coalesce(text, '') = ''").count() == 0


def test_correct_same_on_both_engines(spark, tmp_path, example_ledger):
    """`correct --engine spark`: a correction recorded and the cross-document stages rerun
    with reuse and figures on Spark give the local engine's ledger, row for row (the CLI's
    wiring: test_robustness)."""
    from storytrace.engines import spark as spark_engine

    conn = sqlite3.connect(example_ledger)
    claim = conn.execute("select id from claims where measure = 'killed' and value is not null order by id").fetchone()[0]
    conn.close()
    local_path, spark_path = tmp_path / "local.db", tmp_path / "spark.db"
    shutil.copy(example_ledger, local_path)
    shutil.copy(example_ledger, spark_path)
    now = "2026-01-01T00:00:00+00:00"
    pipeline.correct(local_path, lambda db: corrections.record(db, f"claim:{claim}", "value", "77", note="t", now=now))
    spark_engine.correct(spark_path, lambda db: corrections.record(db, f"claim:{claim}", "value", "77", note="t", now=now),
                         session=spark, out=str(tmp_path / "out.parquet"))
    assert_same_ledgers(local_path, spark_path)
    conn = sqlite3.connect(spark_path)
    assert conn.execute("select value from claims where id = ?", [claim]).fetchone()[0] == 77.0
    assert conn.execute("select count(*) from reuse").fetchone()[0] > 0  # the Spark twin rewrote the copies
    conn.close()
