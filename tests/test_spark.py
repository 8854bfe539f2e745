"""The Spark engine gives the local engine's ledger, row for row (issue 9).

Every test here needs pyspark (`pip install 'storytrace[spark]'`) and Java: without
them they skip with the reason, except under STORYTRACE_REQUIRE_SPARK=1 (CI), where
they fail. Spark runs as local[2] on 127.0.0.1, one session for the whole module.
`pytest -m "not spark"` leaves them out (CI runs them).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from storytrace.model import TABLES
from storytrace.stages import corrections, fingerprint
from storytrace.engines import local as pipeline
from storytrace.stages import reuse as local_reuse


pytestmark = pytest.mark.spark
REQUIRE = os.environ.get("STORYTRACE_REQUIRE_SPARK") == "1"


@pytest.fixture(scope="module")
def spark():
    from storytrace.engines import spark as spark_engine

    reason = spark_engine.unavailable()
    if reason:
        if REQUIRE:
            pytest.fail(f"{reason} (STORYTRACE_REQUIRE_SPARK=1: the Spark tests must run)")
        pytest.skip(reason)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from storytrace.engines.spark.session import local_session

    session = local_session("local[2]")
    yield session
    session.stop()


def spark_build(spark, ledger: Path, inputs: list[str], **kw):
    from storytrace.engines import spark as spark_engine

    return spark_engine.build(ledger, inputs, session=spark, out=str(ledger.with_suffix(".parquet")), **kw)


def ledger_rows(path: Path, skip_columns: dict[str, set[str]] = {}) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows (with rowids, in rowid order); the FTS index by its
    content (its shadow tables depend on transaction sizes), not the build time."""
    conn = sqlite3.connect(path)
    out = {}
    names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' order by name")]
    for t in names:
        if t == "_storytrace" or (t.startswith("documents_fts") and t != "documents_fts"):
            continue
        cols = [c for c in ([r[1] for r in conn.execute(f"pragma table_info([{t}])")] or ["title", "text"])
                if c not in skip_columns.get(t, set())]
        out[t] = (cols, conn.execute(f"select rowid, {', '.join(f'[{c}]' for c in cols)} from [{t}] order by rowid").fetchall())
    conn.close()
    return out


def assert_same_ledgers(local: Path, spark: Path, skip_columns: dict[str, set[str]] = {}, skip_tables=()) -> None:
    a, b = ledger_rows(local, skip_columns), ledger_rows(spark, skip_columns)
    assert sorted(a) == sorted(b)
    for t in a:
        if t in skip_tables:
            continue
        assert a[t][0] == b[t][0], f"{t}: columns differ"
        assert len(a[t][1]) == len(b[t][1]), f"{t}: {len(a[t][1])} rows locally, {len(b[t][1])} on Spark"
        for x, y in zip(a[t][1], b[t][1]):
            assert x == y, f"{t}: first different row:\nlocal {x}\nspark {y}"


# ----------------------------------------------------------------- the bundled example


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
    local_path, spark_path = tmp_path / "local.db", tmp_path / "spark.db"
    shutil.copy(base, local_path)
    shutil.copy(base, spark_path)
    expected = pipeline.build(local_path, [str(example_dir), str(empty)], workers=1)
    told: list = []
    report = spark_build(spark, spark_path, [str(example_dir), str(empty)], on_reject=told.append)
    assert (report.added, report.already) == (expected.added, expected.already) == (5, 5)
    assert (report.known_rejects, len(report.rejects), told) == (expected.known_rejects, 1, []) == (1, 1, [])
    assert_same_ledgers(local_path, spark_path)
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
    for cls in TABLES:
        df = spark.read.parquet(str(out / cls.table))
        assert df.columns == list(cls.columns()), cls.table
        got = [tuple(r) for r in df.collect()]
        cols = ", ".join(f"[{c}]" for c in cls.columns())
        assert sorted(got, key=repr) == sorted(conn.execute(f"select {cols} from [{cls.table}]").fetchall(), key=repr)
    assert not (out / "_work").exists()
    # README's DuckDB view over them (for people who cannot open SQLite)
    duckdb = pytest.importorskip("duckdb") if not REQUIRE else __import__("duckdb")
    views = duckdb.connect()
    for cls in TABLES:
        views.execute(f"create view {cls.table} as select * from read_parquet('{out}/{cls.table}/*.parquet')")
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


# ----------------------------------------------------------------- the Spark cross-document pieces


class _Run:
    local_rows = 0  # the lineage graph on the cluster, however small

    def __init__(self, spark, partitions=3):
        self.spark, self.partitions = spark, partitions


def test_components_match_union_find(spark):
    from storytrace.engines.spark.plans import components

    rng = random.Random(7)
    edges = [(rng.randrange(60), rng.randrange(60)) for _ in range(40)]
    edges += [(i, i + 1) for i in range(400, 424)]  # a long chain: many rounds for label propagation
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
    from storytrace.engines.spark.reuse import links

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
    got = [r.row() for _, r in sorted(links(_Run(spark), spark.sparkContext.parallelize(rows, 3)).collect(), key=lambda kr: kr[0])]
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
    from test_plan import LINKS, PLAN, _ledger

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
    for plan in (PLAN, LINKS):  # co-groups, updates; a Components step
        a, b = _ledger(), _ledger()
        for db in (a, b):
            db.execute("insert into items (id, shop, price) values ('s0', 'x', 100.0), ('s1', 'x', 0.5)")
        assert plan(a) == plans.run(plan, Run(), b)
        for q in ("select * from totals order by rowid", "select * from items order by rowid"):
            assert list(a.execute(q)) == list(b.execute(q))
