"""Shared fixtures. Tests that need ../shared skip with a reason in a user's clone."""

from __future__ import annotations

import json
import sqlite3
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
SEEDS = CORPORA / "seeds"


def need_shared(*parts: str) -> Path:
    """The ../shared path, or skip the test: a user's clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (test data kept outside the repository)")
    return path


@pytest.fixture(scope="session")
def shared_ledger(tmp_path_factory):
    """../shared/corpora built once for the session by the local engine (2 workers):
    (ledger path, BuildReport, corpora folder); tests read it, none changes it."""
    from storytrace.engines import local as pipeline

    corpora = need_shared("corpora")
    path = tmp_path_factory.mktemp("shared") / "corpora.db"
    report = pipeline.build(path, [str(corpora)], workers=2)
    return path, report, corpora


@pytest.fixture(scope="session")
def example_dir() -> Path:
    from storytrace.demo import corpus_path

    return corpus_path()


@pytest.fixture(scope="session")
def expected() -> dict:
    from storytrace.demo import expected_path

    return json.loads(expected_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_ledger(tmp_path_factory, example_dir) -> Path:
    """The bundled example built once for the session (read-only for tests)."""
    from storytrace.engines import local as pipeline

    path = tmp_path_factory.mktemp("example") / "ferry.db"
    report = pipeline.build(path, [str(example_dir)], workers=1)
    assert not report.rejects, report.rejects
    return path


def grows_linearly(run, small, large, factor: float = 8, slack: float = 2.5, repeat: int = 3):
    """Whether `run` on `large` (about `factor` times `small`) takes at most `slack` times
    the linear share of its time on `small`: a guard against quadratic work that holds on
    a busy machine (both sizes timed in the same run, no absolute seconds; the small size
    best of `repeat`, the large one timed again, up to `repeat` times, only while it looks
    too slow). Returns (ok, seconds on small, seconds on large) for the message."""
    import time

    def timed(x) -> float:
        t0 = time.perf_counter()
        run(x)
        return time.perf_counter() - t0

    t_small = min(timed(small) for _ in range(repeat))
    limit = factor * slack * max(t_small, 0.002)
    t_large = timed(large)
    for _ in range(repeat - 1):
        if t_large <= limit:
            break
        t_large = min(t_large, timed(large))
    return t_large <= limit, t_small, t_large


# ----------------------------------------------------------------- Spark (tests/test_spark*.py)

REQUIRE = os.environ.get("STORYTRACE_REQUIRE_SPARK") == "1"


@pytest.fixture(scope="session")
def spark():
    """A local[2] Spark session for the whole run (one per test process), or skip (fail
    under STORYTRACE_REQUIRE_SPARK=1, as in CI)."""
    from storytrace.engines import spark as spark_engine

    reason = spark_engine.unavailable()
    if reason:
        if REQUIRE:
            pytest.fail(f"{reason} (STORYTRACE_REQUIRE_SPARK=1: the Spark tests must run)")
        pytest.skip(reason)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from storytrace.engines.spark.session import local_session

    # The tests' inputs are tiny and their JVM lives a few minutes: compiling generated
    # Java code for each of their many small queries, and the JIT's optimising tier,
    # cost more CPU than they save (together about 15 % of a Spark build's CPU here).
    # Users' sessions keep Spark's defaults.
    session = local_session("local[2]", conf={"spark.sql.codegen.wholeStage": "false",
                                              "spark.sql.codegen.factoryMode": "NO_CODEGEN",
                                              "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1"})
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


def ledger_from_texts(tmp_path: Path, files: dict[str, str]) -> sqlite3.Connection:
    """A ledger built from made-up articles (file name -> text), opened."""
    from storytrace.engines import local as pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    return sqlite3.connect(ledger)
