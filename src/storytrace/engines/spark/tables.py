"""Tables between Spark, Parquet and the SQLite ledger.

One job: move rows without changing a value. The Parquet schemas are derived from
model.py's dataclasses (as the ledger's are), values are coerced the way SQLite's
column affinities would store them (an int in a REAL column is a float), and every
transfer streams in bounded chunks: SQLite -> Parquet (`from_sqlite`, chunks written
by Spark and appended) and Spark -> SQLite (`to_sqlite`, `toLocalIterator`, a
partition at a time). Paths are anything Spark writes (a local folder, hdfs://, s3a://).
"""

from __future__ import annotations

import itertools
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

from ...model import TABLES, Record

CHUNK = 50_000  # rows per chunk streamed from SQLite into Spark
BATCH = 1_000  # rows per SQLite insert batch
THREADS = 4  # Spark jobs submitted at once by `Jobs`


def spark_type(t: type) -> Any:
    from pyspark.sql import types as T

    return {str: T.StringType(), int: T.LongType(), float: T.DoubleType(), bool: T.BooleanType()}.get(t, T.StringType())


def schema(columns: Sequence[tuple[str, type]]) -> Any:
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, spark_type(t), True) for name, t in columns])


def record_columns(cls: type[Record], extra: Sequence[tuple[str, type]] = ()) -> list[tuple[str, type]]:
    return list(cls.columns().items()) + list(extra)


def coerce(value: Any, t: type) -> Any:
    """A value as the ledger column of type t stores it (None stays None)."""
    if value is None:
        return None
    if t is float:
        return float(value)
    if t is bool:
        return bool(value)
    if t is int:
        return int(value)
    return value if isinstance(value, str) else str(value)


def as_tuple(row: dict[str, Any], columns: Sequence[tuple[str, type]]) -> tuple:
    return tuple(coerce(row.get(name), t) for name, t in columns)


def hadoop_fs(spark: Any, path: str) -> tuple[Any, Any]:
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), p


def remove(spark: Any, path: str) -> None:
    """Delete a folder wherever Spark wrote it (local, HDFS, S3)."""
    fs, p = hadoop_fs(spark, path)
    if fs.exists(p):
        fs.delete(p, True)


def write(df: Any, path: str) -> None:
    df.write.mode("overwrite").parquet(path)


class Jobs:
    """Independent Spark jobs (table writes) submitted from a few driver threads at once,
    as Spark's scheduler allows: a small table's write is mostly fixed latency (planning,
    commit), so writing the tables one after another leaves the executors idle. At most
    `threads` jobs are pending (`submit` waits for the oldest first), each holding its
    block of rows (and Spark's copy of it while it is sent). A job that failed stops the
    work at the next `submit`; leaving the block waits for every job and raises the first
    error, unless the block itself raised (an interruption stays an interruption)."""

    def __init__(self, threads: int = THREADS) -> None:
        self.threads = threads
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="storytrace-spark")
        self.futures: list[Future] = []

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        pending = []
        for f in self.futures:  # (only the jobs not yet seen done are kept: at most `threads`)
            if not f.done():
                pending.append(f)
            elif f.exception() is not None:
                raise f.exception()  # type: ignore[misc]
        if len(pending) >= self.threads:
            pending.pop(0).result()
        future = self.pool.submit(fn, *args)
        self.futures = pending + [future]
        return future

    def __enter__(self) -> "Jobs":
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        try:
            for future in self.futures:
                if exc_type is None:
                    future.result()
                else:
                    future.cancel() or future.exception()  # (waited for; its error gives way to the block's)
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)


def from_sqlite(spark: Any, rows: Iterable[tuple], columns: Sequence[tuple[str, type]], path: str,
                chunk: int = CHUNK) -> Any:
    """Stream rows (tuples in `columns` order) into a Parquet table at `path`, a chunk at
    a time (the driver never holds more than one chunk); returns the DataFrame read back.
    Rows that fit in one chunk become a DataFrame at once (no Parquet written)."""
    sch = schema(columns)
    types = [t for _, t in columns]
    it = iter(rows)
    block = [tuple(coerce(v, t) for v, t in zip(r, types)) for r in itertools.islice(it, chunk)]
    if len(block) < chunk:
        return spark.createDataFrame(block, sch)
    to_parquet(spark, itertools.chain(block, it), columns, path, chunk)
    return spark.read.schema(sch).parquet(path)


def to_parquet(spark: Any, rows: Iterable[tuple], columns: Sequence[tuple[str, type]], path: str,
               chunk: int = CHUNK, jobs: Optional[Jobs] = None) -> int:
    """Write rows (tuples in `columns` order) as a Parquet table at `path`, replacing it,
    a chunk at a time (one file per chunk); returns the number of rows. With `jobs`, each
    chunk's write is submitted there (the rows are read here, in this thread: SQLite
    cursors stay in theirs) and the next chunk of the same table waits for it."""
    sch = schema(columns)
    types = [t for _, t in columns]
    it = iter(rows)
    n = 0
    first = True
    previous: Optional[Future] = None
    while True:
        block = [tuple(coerce(v, t) for v, t in zip(r, types)) for r in itertools.islice(it, chunk)]
        if not block and not first:
            break
        if previous is not None:
            previous.result()  # a table's chunks are appended in order
        mode = "overwrite" if first else "append"
        if jobs is None:
            _write_block(spark, block, sch, path, mode)
        else:
            previous = jobs.submit(_write_block, spark, block, sch, path, mode)
        n += len(block)
        first = False
        if len(block) < chunk:
            break
    return n


def _write_block(spark: Any, block: list[tuple], sch: Any, path: str, mode: str) -> None:
    spark.createDataFrame(block, sch).coalesce(1).write.mode(mode).parquet(path)


def replace(spark: Any, source: str, target: str) -> None:
    """Put the folder `source` where `target` is (removed first), wherever Spark wrote them."""
    remove(spark, target)
    fs, src = hadoop_fs(spark, source)
    _fs, dst = hadoop_fs(spark, target)
    if not fs.rename(src, dst):
        raise OSError(f"could not move {source} to {target}")


def export(spark: Any, db: Any, out: str, skip: Iterable[str] = (), jobs: Optional[Jobs] = None) -> dict[str, int]:
    """Every ledger table of model.py but `documents` (engine.documents_to_parquet: its texts
    stay on the cluster) and those in `skip` (a Spark stage wrote them as they stand),
    complete and as the stages left it (its columns, in rowid order), to OUT/<table> as
    Parquet, streamed a chunk at a time (the writes submitted to `jobs` when given);
    returns the rows per table."""
    counts = {}
    for cls in TABLES:
        if cls.table == "documents" or cls.table in skip:
            continue
        cols = record_columns(cls)
        rows = db.execute(f"select {', '.join(f'[{c}]' for c, _ in cols)} from [{cls.table}] order by rowid")
        counts[cls.table] = to_parquet(spark, rows, cols, f"{out.rstrip('/')}/{cls.table}", jobs=jobs)
    return counts


def to_sqlite(db: Any, table: str, rows: Iterable[dict[str, Any]], *, replace: bool = False, alter: bool = False,
              pk: Optional[str] = "id", each: Optional[Callable[[dict[str, Any]], None]] = None) -> int:
    """Insert rows (dicts) into a ledger table in batches, in the order given; returns the count."""
    n = 0
    it = iter(rows)
    while True:
        block = list(itertools.islice(it, BATCH))
        if not block:
            break
        if each:
            for r in block:
                each(r)
        db[table].insert_all(block, pk=pk, replace=replace, alter=alter, batch_size=500)
        n += len(block)
    return n


def local_rows(df: Any, drop: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """The rows of a DataFrame on the driver, a partition at a time, without columns `drop`."""
    skip = set(drop)
    for row in df.toLocalIterator():
        d = row.asDict()
        yield {k: v for k, v in d.items() if k not in skip}
