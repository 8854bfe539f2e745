"""The Spark engine gives the local engine's ledger, row for row (issue 9).

Every test here needs pyspark (`pip install 'storytrace[spark]'`) and Java: without
them they skip with the reason, except under STORYTRACE_REQUIRE_SPARK=1 (CI), where
they fail. Spark runs as local[2] on 127.0.0.1, one session per test process (conftest).
`pytest -m "not spark"` leaves them out (CI runs them).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from conftest import REQUIRE, assert_same_ledgers, spark_build  # (the `spark` fixture: conftest)
from storytrace.model import TABLES
from storytrace.stages import fingerprint
from storytrace.stages import reuse as local_reuse


pytestmark = pytest.mark.spark


# ----------------------------------------------------------------- the bundled example


def test_cli_spark_engine_reads_uris_and_parquet(spark, tmp_path, example_ledger, example_dir):
    """The bundled example: `storytrace build --engine spark` with a file:// URI (Spark's readers: binary
    files, JSON lines) and a Parquet file of the same records as the example's JSONL:
    the same documents (only `source` names the URI), the Parquet rows recognised as
    the same documents and rejected as duplicates; every other row as the local engine's."""
    from click.testing import CliRunner

    from storytrace import cli

    records = [json.loads(line) for line in (example_dir / "09_capital_lakeland_records.jsonl").read_text().splitlines()]
    pq = tmp_path / "records.parquet"
    spark.createDataFrame(records).coalesce(1).write.parquet(str(pq))
    path = tmp_path / "uri.db"
    os.environ["STORYTRACE_SPARK_OUT"] = str(tmp_path / "out")
    try:
        result = CliRunner().invoke(cli.cli, ["build", str(path), example_dir.resolve().as_uri(), str(pq), "--engine", "spark", "-q"])
    finally:
        del os.environ["STORYTRACE_SPARK_OUT"]
    assert result.exit_code == 1, result.output
    assert_same_ledgers(example_ledger, path, skip_columns={"documents": {"source"}}, skip_tables=("rejects",))
    conn = sqlite3.connect(path)
    sources = [r[0] for r in conn.execute("select source from documents order by rowid")]
    assert all(s.startswith("file:/") for s in sources) and sources[-1].endswith("09_capital_lakeland_records.jsonl:2")
    rejects = conn.execute("select source, reason from rejects order by rowid").fetchall()
    assert len(rejects) == len(records)
    assert all(".parquet" in s and "#" in s and r.startswith("duplicate of file:/") for s, r in rejects)
    # the Parquet tables are the ledger's, complete, every value as the stages left it; the working tables are gone
    out = tmp_path / "out"
    assert spark.read.parquet(str(out / "documents")).count() == 10
    assert not (out / "_work").exists()
    # README's DuckDB view over them (for people who cannot open SQLite); read through it, every
    # table is the ledger's, each column typed as model.py declares it
    duckdb = pytest.importorskip("duckdb") if not REQUIRE else __import__("duckdb")
    views = duckdb.connect()
    for cls in TABLES:
        views.execute(f"create view {cls.table} as select * from read_parquet('{out}/{cls.table}/*.parquet')")
        got = views.execute(f"select * from {cls.table}")
        assert [d[0] for d in got.description] == list(cls.columns()), cls.table
        rows = [tuple(int(v) if isinstance(v, bool) else v for v in r) for r in got.fetchall()]
        cols = ", ".join(f"[{c}]" for c in cls.columns())
        assert sorted(rows, key=repr) == sorted(conn.execute(f"select {cols} from [{cls.table}]").fetchall(), key=repr), cls.table
    for q in ("select count(*) from claims where event_id is not null", "select sum(best) from figures",
              "select count(*) from documents d join events e on d.event_id = e.id"):
        assert views.execute(q).fetchone() == conn.execute(q).fetchone(), q


def test_usage_errors():
    from click.testing import CliRunner

    from storytrace import cli
    from storytrace.engines import spark as spark_engine

    result = CliRunner().invoke(cli.cli, ["build", "x.db", "/no/such/folder", "--engine", "spark"])
    assert result.exit_code == 2
    assert ("nothing to read" in result.output) or (spark_engine.unavailable() or "?") in result.output
    assert spark_engine.is_uri("hdfs://nn:8020/corpus/") and spark_engine.is_uri("s3a://bucket/x.jsonl")
    assert not spark_engine.is_uri("articles/") and not spark_engine.is_uri("C:\\news")


def test_submit_entry(capsys):
    from storytrace.engines.spark import submit

    assert submit.main(["--entry"]) == 0
    assert Path(capsys.readouterr().out.strip()) == Path(submit.__file__).resolve()
    with pytest.raises(SystemExit):  # a ledger without inputs is a usage error
        submit.main(["only-a-ledger.db"])


def test_jobs_run_at_once_bounded_and_report_errors():
    """tables.Jobs (the Parquet writes submitted from a few threads): jobs run at once, a
    `submit` waits while `threads` jobs are pending, all are done when the block ends; the
    first error is raised, early at the next submit; an error of the block itself (an
    interruption) is not replaced by a job's."""
    import threading

    from storytrace.engines.spark.tables import Jobs

    lock, running, most, done = threading.Lock(), [0], [0], []
    release = threading.Event()

    def job(i):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        release.wait(10)
        with lock:
            running[0] -= 1
            done.append(i)

    submitted = []
    with Jobs(threads=2) as jobs:
        def submit_three():
            for i in range(3):
                jobs.submit(job, i)
                submitted.append(i)

        helper = threading.Thread(target=submit_three)
        helper.start()
        for _ in range(1000):  # (however slow the machine: the first two go in at once)
            if len(submitted) == 2:
                break
            helper.join(0.01)
        helper.join(0.2)
        assert submitted == [0, 1] and helper.is_alive()  # the third waits for a pending one
        release.set()
        helper.join(10)
    assert sorted(done) == [0, 1, 2] and most[0] == 2

    def fails():
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        with Jobs(threads=2) as jobs:
            jobs.submit(fails).exception()
            jobs.submit(job, 99)  # raises: a job failed
    assert 99 not in done
    with pytest.raises(KeyboardInterrupt):
        with Jobs(threads=2) as jobs:
            jobs.submit(fails)
            raise KeyboardInterrupt


# ----------------------------------------------------------------- the Spark cross-document pieces


class _Run:
    local_rows = 0  # the lineage graph on the cluster, however small

    def __init__(self, spark, partitions=3):
        self.spark, self.partitions = spark, partitions


def test_components_match_union_find(spark):
    from storytrace.engines.spark.plans import components

    rng = random.Random(7)
    edges = [(rng.randrange(60), rng.randrange(60)) for _ in range(40)]
    edges += [(i, i + 1) for i in range(400, 406)]  # a chain: several rounds of label propagation
    parent: dict[int, int] = {}

    def root(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for u, v in edges:
        a, b = root(u), root(v)
        if a != b:
            parent[max(a, b)] = min(a, b)
    expected = {n: root(n) for u, v in edges if u != v for n in (u, v)}
    got = dict(components(spark.sparkContext.parallelize(edges, 4), 3, local_max=0).collect())
    assert got == expected  # the rounds on the cluster
    assert dict(components(spark.sparkContext.parallelize(edges, 4), 3).collect()) == expected  # a small graph


def _synthetic_docs() -> list[tuple]:
    """A wire story reprinted 30 times (posting lists longer than ALL_PAIRS: the chain
    rule), with edited figures, two identical copies, unrelated texts, dated and undated."""
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(3000)]

    def sentence(n):
        return " ".join(rng.choice(vocab) for _ in range(n)) + "."

    wire = [sentence(25) for _ in range(4)]
    docs = []
    for i in range(30):
        own = [sentence(20) for _ in range(3)]
        copied = [s.replace(wire[1].split()[3], str(100 + i % 3)) if k == 1 else s for k, s in enumerate(wire)]
        text = " ".join(own[:1] + copied + own[1:])
        published = f"2024-03-{1 + i % 20:02d}" if i % 4 else None
        docs.append((f"doc{i:02d}", published, f"outlet{i % 5}", text))
    docs.append(("dupA", "2024-03-02", "x", docs[3][3]))
    docs.append(("dupB", None, "y", docs[3][3]))
    docs += [(f"other{i}", None, "z", " ".join(sentence(22) for _ in range(4))) for i in range(10)]
    rows = []
    for n, (ident, published, outlet, text) in enumerate(docs):
        rows.append(((1, 0, n), ident, published, published, published, outlet, None, f"src/{ident}.txt", text))
    return rows


def test_reuse_links_match_find_reuse(spark):
    """Spark's candidate pairs (self-join and chain), alignment, duplicates, direction
    and lineages give reuse.find_reuse's links, in its order."""
    from storytrace.engines.spark.reuse import DocRow, links

    rows = _synthetic_docs()
    sizes: dict = {}
    for r in rows:
        for h in fingerprint.fingerprints(r[8]).tolist():
            sizes[h] = sizes.get(h, 0) + 1
    assert max(sizes.values()) > fingerprint.ALL_PAIRS  # the chain rule is exercised
    infos = [local_reuse.DocInfo(id=r[1], rowid=k, published=r[2], low=r[3], high=r[4], outlet=r[5], url=r[6], source=r[7])
             for k, r in enumerate(rows)]
    texts = {k: r[8] for k, r in enumerate(rows)}
    expected = [r.row() for r in local_reuse.find_reuse(infos, texts.__getitem__, ((k, texts[k]) for k in range(len(rows))))]
    docs = spark.sparkContext.parallelize([DocRow(*r) for r in rows], 3)
    got = [r.row() for _, r in sorted(links(_Run(spark), docs).collect(), key=lambda kr: kr[0])]
    assert len(expected) > 30 and {r["kind"] for r in expected} >= {"passage", "duplicate"}
    assert got == expected


# ----------------------------------------------------------------- ../shared/corpora


@pytest.mark.shared
def test_shared_corpora_same_ledger_on_both_engines(spark, tmp_path, shared_ledger, monkeypatch):
    """Every stage Spark runs on the cluster (none in the driver process, however small:
    STORYTRACE_SPARK_LOCAL_ROWS=0) gives the local engine's ledger on ../shared/corpora."""
    monkeypatch.setenv("STORYTRACE_SPARK_LOCAL_ROWS", "0")
    local_path, expected, corpora = shared_ledger  # (the local engine's, built once: conftest)
    spark_path = tmp_path / "spark.db"
    report = spark_build(spark, spark_path, [str(corpora)])
    assert report.added == expected.added == 1231
    assert [(r.source, r.reason) for r in report.rejects] == [(r.source, r.reason) for r in expected.rejects]
    assert_same_ledgers(local_path, spark_path)


def test_the_submit_entry_runs_as_a_file(tmp_path):
    """spark-submit runs submit.py as a script, not as a module of the package: its imports
    must work so (a usage error here, exit 2, instead of an ImportError)."""
    import subprocess
    import sys

    from storytrace.engines.spark import submit

    run = subprocess.run([sys.executable, submit.__file__, str(tmp_path / "x.db"), str(tmp_path / "missing")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2, run.stderr[-2000:]
    assert "ImportError" not in run.stderr and "storytrace:" in run.stderr


def test_a_declared_stage_gives_the_same_tables_on_spark(spark, tmp_path, monkeypatch):
    """stages/plan.py's plans run by engines/spark/plans.py (co-groups on the cluster)
    write what the local runner writes, row for row and in order."""
    import test_plan
    from pyspark import cloudpickle

    from storytrace.engines.spark import plans
    from test_plan import LINKS, LOG, PLAN, _ledger

    cloudpickle.register_pickle_by_value(test_plan)  # the executors cannot import the tests

    class Run:
        partitions = 3
        local_rows = 0  # on the cluster, however small
        work = str(tmp_path / "_work")

        def __init__(self):
            self.spark = spark

        def path(self, table):
            return str(tmp_path / table)

    monkeypatch.setattr(plans, "columns_of", lambda table: [("id", str), ("name", str), ("total", float), ("n", int)])
    for plan in (PLAN, LINKS, LOG):  # co-groups, updates; a Components step; kept, ordered inserts after a prepare
        a, b = _ledger(), _ledger()
        for db in (a, b):
            db.execute("insert into items (id, shop, price) values ('s0', 'x', 100.0), ('s1', 'x', 0.5)")
            db.execute("create table log (id text primary key, price real)")
            db.execute("insert into log values ('old', 1.0)")
        assert plan(a) == plans.run(plan, Run(), b)
        for q in ("select * from totals order by rowid", "select * from items order by rowid",
                  "select rowid, * from log order by rowid", "select * from shops order by rowid"):
            assert list(a.execute(q)) == list(b.execute(q))
