"""The Spark engine's run: per-document stage on executors, ledger load, cross-document stages.

One job: `build()`, the Spark twin of `local.build()`, with the same arguments,
callbacks and BuildReport, and the same rows in the ledger:

1. inputs -> (file number, position, RawDoc) on the executors (inputs.py), spread
   over the cluster, a chunk at a time through `local.process_many` (prepare + analysers; the spaCy
   model loads once per Python worker) -> tagged rows, kept (memory and disk);
2. documents already in the ledger (their ids and the digests of the input items they
   were read from broadcast to the executors, 8 bytes each: `local.Known`) are not read
   again (a known item) or prepared for their id but not analysed, cross to the JVM
   without their text, and are dropped there (an anti-join with the ledger's ids); a
   document seen twice in this run is kept at its first position in input order and
   the later ones become `duplicate of ...` rejects (a window over the id), exactly as
   the local engine decides in its loop;
3. working Parquet tables under OUT/_work/new (documents, claims, quotes, terms,
   mentions, rejects; with `_f`, `_p` = input order) are streamed, sorted in input order, into the ledger inside
   `ledger.writing` (one atomic swap), so even the rowids are the local engine's;
4. the cross-document stages run in `local.CROSS_STAGES` order; `reuse` on Spark
   (reuse.py), a declared stage (stages/plan.py: direction, figures) as co-groups on
   the cluster (plans.py, the same plan the local engine runs), the others on the
   ledger, as locally;
5. every ledger table, complete and as the stages left it, goes to OUT/<table>: the
   Parquet copy of the ledger (a DuckDB view reads it: README). Tables a Spark stage
   wrote are kept, the others streamed from the ledger (tables.export), and documents
   take their texts from the cluster (`documents_to_parquet`, texts.py): a later build
   or correction does not send the ledger's texts to the cluster again. A token in
   OUT/_copy (recorded in the ledger) says the copy is complete; a build with nothing
   new finding it, and the ledger last written by this code with these steps, leaves
   ledger and copy as they were (`settled`, as the local engine does).

OUT defaults to LEDGER's name with `.parquet` beside it (or $STORYTRACE_SPARK_OUT);
on a cluster it must be a path every node writes (hdfs://, s3a://, a shared mount).
Working tables go to OUT/_work and are removed at the end.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Container, Iterator, Optional, Sequence, Union

from ... import ledger as ledger_mod
from ...analyse import ANALYSERS, Analyser
from ...ingest import DEFAULT_MAX_BYTES
from ...model import ANNOTATION_TABLES, Document, Reject
from ...stages.plan import Plan
from ..local import (CHUNK, CROSS_STAGES, BuildReport, CrossStage, Known, KnownItem, Processed, finish_build,
                     known_of, preload, process_many, remember_items, write_build)
from . import inputs as inputs_mod
from . import plans, tables
from . import texts as texts_mod
from .uris import is_uri

ORDER: list[tuple[str, type]] = [("_f", int), ("_p", int)]
DOC_COLUMNS = tables.record_columns(Document)
DOC_EXTRA = ORDER + [("_size", int)]
ANNOTATIONS = {cls.table: tables.record_columns(cls) for cls in ANNOTATION_TABLES}
ANN_EXTRA = ORDER + [("_i", int)]
REJECT_COLUMNS = tables.record_columns(Reject)
REJECT_EXTRA = ORDER + [("_size", int)]
DOCS_PER_PARTITION = 2_000  # documents per partition in the cross-document stages
MIN_DOCS_PER_PARTITION = 500  # ... and no fewer, unless the collection is smaller
PARTITION_BYTES = 8 << 20  # input bytes per processing partition, at most
SMALL_PARTITION_BYTES = 256 << 10  # below 4 x this per core, fewer partitions (each task costs ~0.1 s)


class Run:
    """What the Spark stages of one build share: the session, OUT and the new documents."""

    def __init__(self, spark: Any, out: str, old_rowids: int, new_documents: bool = True) -> None:
        self.spark = spark
        self.out = out.rstrip("/")
        self.work = self.out + "/_work"
        self.old_rowids = old_rowids  # documents of the ledger before this run have rowid <= this
        self.new_documents = new_documents  # this run wrote OUT/_work/new/documents (a correction writes none)
        self.written: set[str] = set()  # tables a Spark stage wrote to OUT as they stand at the end
        self.texts_from_ledger = 0  # texts streamed out of the ledger (texts.py: only those not on the cluster)
        self.fetched_texts: Any = None  # ... as a DataFrame (id, text), for the run's later steps
        # a declared stage reading at most this many rows runs in the driver process (plans.run; 0: never)
        self.local_rows = int(os.environ.get("STORYTRACE_SPARK_LOCAL_ROWS", plans.SMALL_ROWS))
        self.timings: dict[str, float] = {}  # seconds per step, in order
        self.partitions = max(1, spark.sparkContext.defaultParallelism)  # of the cross-document stages' shuffles

    def size_partitions(self, documents: int) -> None:
        """Partitions of the cross-document shuffles: one per DOCS_PER_PARTITION documents,
        and one per core while each still gets MIN_DOCS_PER_PARTITION (a small collection
        is not cut into tasks whose start-up costs more than their work)."""
        cores = self.spark.sparkContext.defaultParallelism
        self.partitions = max(1, math.ceil(documents / DOCS_PER_PARTITION),
                              min(cores, documents // MIN_DOCS_PER_PARTITION))

    def timed(self, step: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[step] = now - since
        return now

    def path(self, table: str) -> str:
        """OUT/<table>: the Parquet copy of the ledger's table (tables.export)."""
        return f"{self.out}/{table}"

    def new_path(self, table: str) -> str:
        """This run's new documents and their annotations, as the per-document step gave them."""
        return f"{self.work}/new/{table}"

    def stages(self, cross_stages: Sequence[tuple[str, CrossStage]]) -> list[tuple[str, CrossStage]]:
        """The cross-document stages, in order, as Spark runs them: a declared stage (a
        stages.plan.Plan) as co-groups on the cluster (plans.run), the reuse stage by its
        Spark twin, any other on the ledger, as locally."""
        from ...stages import reuse as local_reuse
        from . import reuse

        out: list[tuple[str, CrossStage]] = []
        for name, stage in cross_stages:
            if isinstance(stage, Plan):
                out.append((name, functools.partial(plans.run, stage, self)))
            elif stage is local_reuse.reuse_stage:
                out.append((name, functools.partial(reuse.reuse_stage, self)))
            else:
                out.append((name, stage))
        return out


def out_dir(ledger: Path, out: Optional[str] = None) -> str:
    out = out or os.environ.get("STORYTRACE_SPARK_OUT") or str(ledger.parent / (ledger.stem + ".parquet"))
    return out if is_uri(out) else str(Path(out).resolve())


def _process_partition(items: Iterator[tuple[int, int, Any]], analysers: Sequence[tuple[str, Analyser]],
                       known: Any = None) -> Iterator[tuple[str, tuple]]:
    """Tagged table rows for every item (the local engine's `process_many`, a chunk of items
    at a time). `known`: a broadcast `Known` of the ledger: an input item read before is
    not read again, a known document is prepared (for its id) but not analysed; both cross
    to the JVM as their id without a text, to be counted and dropped."""
    ids = known.value if known is not None else Known(())
    it = iter(items)
    while chunk := list(itertools.islice(it, CHUNK)):
        done = iter(process_many([item for _, _, item in chunk if not isinstance(item, Reject)], analysers, ids))
        yield from _tagged(chunk, done, ids)


def _tagged(chunk: list[tuple[int, int, Any]], done: Iterator[Processed], known: Container[str]) -> Iterator[tuple[str, tuple]]:
    for f, p, item in chunk:
        size = getattr(item, "size", 0)
        result = item if isinstance(item, Reject) else next(done)
        if isinstance(result, Reject):
            yield "rejects", tables.as_tuple(result.row(), REJECT_COLUMNS) + (f, p, size)
            continue
        if isinstance(result, KnownItem):  # an item read before: its document's id, to be counted and dropped
            yield "documents", tables.as_tuple({"id": result.id, "source": item.source, "text": ""}, DOC_COLUMNS) + (f, p, size)
            continue
        doc, annotations = result
        row = doc.row()
        if doc.id in known:  # only counted, then dropped on the JVM side (the anti-join below)
            row["text"] = ""
        yield "documents", tables.as_tuple(row, DOC_COLUMNS) + (f, p, size)
        for table, rows in annotations.rows().items():
            for i, row in enumerate(rows):
                yield table, tables.as_tuple(row, ANNOTATIONS[table]) + (f, p, i)


def _wide_schema() -> Any:
    from pyspark.sql import types as T

    fields = [T.StructField("_table", T.IntegerType(), False)]
    fields += [T.StructField(table, tables.schema(columns), True) for table, columns in WIDE_TABLES]
    return T.StructType(fields)


WIDE_TABLES: list[tuple[str, list[tuple[str, type]]]] = [
    ("documents", DOC_COLUMNS + DOC_EXTRA), ("rejects", REJECT_COLUMNS + REJECT_EXTRA),
    *((table, columns + ANN_EXTRA) for table, columns in ANNOTATIONS.items())]
WIDE_INDEX = {table: i for i, (table, _) in enumerate(WIDE_TABLES)}


def _wide(tagged: tuple[str, tuple]) -> tuple:
    """A tagged row as a row of the wide DataFrame: its table's number and its values in
    that table's struct, the other structs empty."""
    table, values = tagged
    i = WIDE_INDEX[table]
    row: list[Any] = [None] * (len(WIDE_TABLES) + 1)
    row[0], row[i + 1] = i, values
    return tuple(row)


def _duplicate(row: Any) -> tuple:
    r = Reject(row["source"], f"duplicate of {row['_first']} (same text from the same URL, record id or file name)")
    return tables.as_tuple(r.row(), REJECT_COLUMNS) + (row["_f"], row["_p"], row["_size"])


def per_document(run: Run, db: Any, units: list[inputs_mod.Unit], total: int, max_bytes: int,
                 analysers: Sequence[tuple[str, Analyser]]) -> int:
    """Steps 1-2: write OUT/documents, claims, quotes, terms, rejects; returns how many
    documents were already in the ledger."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    spark = run.spark
    sc = spark.sparkContext
    cores = max(1, sc.defaultParallelism)
    # small inputs: one partition per core; larger: 4 per core (balance), and at most PARTITION_BYTES each
    parts = max(cores, min(4 * cores, math.ceil(total / SMALL_PARTITION_BYTES)), math.ceil(total / PARTITION_BYTES))
    # the ledger's documents, 8 bytes each, to every executor: they are not analysed again
    ledger_ids = sc.broadcast(known_of(db)) if run.old_rowids else None
    # every table's rows in one DataFrame, a struct column per table (the rows cross from
    # Python once; each table is then a filter on the JVM side, not a pass of Python)
    processed = spark.createDataFrame(
        inputs_mod.items(spark, units, max_bytes).repartition(parts)
        .mapPartitions(functools.partial(_process_partition, analysers=analysers, known=ledger_ids)).map(_wide),
        _wide_schema()).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        def frame(table: str, columns: list) -> Any:
            return processed.filter(F.col("_table") == WIDE_INDEX[table]).select(f"`{table}`.*")

        docs = frame("documents", DOC_COLUMNS + DOC_EXTRA)
        already = 0
        if run.old_rowids:
            known = tables.from_sqlite(spark, db.execute("select id from documents"), [("id", str)], run.work + "/known")
            docs = docs.join(known.withColumn("_known", F.lit(True)), "id", "left")
            already = docs.filter(F.col("_known").isNotNull()).count()
            # known documents read again (their item not known by its digest yet) keep it (as locally)
            read_again = docs.filter(F.col("_known").isNotNull() & F.col("raw_digest").isNotNull()).select("raw_digest", "id")
            remember_items(db, ((r["raw_digest"], r["id"], r["raw_digest"]) for r in tables.local_rows(read_again)))
            docs = docs.filter(F.col("_known").isNull()).drop("_known")
        w = Window.partitionBy("id").orderBy("_f", "_p")
        ranked = docs.withColumn("_rank", F.row_number().over(w)).withColumn("_first", F.first("source").over(w))
        ranked = ranked.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            kept = ranked.filter(F.col("_rank") == 1).drop("_rank", "_first")
            tables.write(kept.select(*[c for c, _ in DOC_COLUMNS + DOC_EXTRA]), run.new_path("documents"))
            kept = spark.read.parquet(run.new_path("documents")).select("_f", "_p")
            dropped = already or ranked.filter(F.col("_rank") > 1).count()  # documents whose annotations are not kept
            dupes = spark.createDataFrame(ranked.filter(F.col("_rank") > 1).rdd.map(_duplicate),
                                          tables.schema(REJECT_COLUMNS + REJECT_EXTRA))
            with tables.Jobs() as jobs:  # the tables' writes at once (each reads the persisted results)
                jobs.submit(tables.write, frame("rejects", REJECT_COLUMNS + REJECT_EXTRA).unionByName(dupes),
                            run.new_path("rejects"))
                for table, columns in ANNOTATIONS.items():
                    df = frame(table, columns + ANN_EXTRA)
                    jobs.submit(tables.write, df.join(kept, ["_f", "_p"], "left_semi") if dropped else df, run.new_path(table))
        finally:
            ranked.unpersist()  # (a long-lived session keeps nothing of a failed build)
        return already
    finally:
        processed.unpersist()
        if ledger_ids is not None:
            ledger_ids.destroy()


def load(run: Run, db: Any, report: BuildReport, reject: Callable[[Reject], None],
         on_progress: Optional[Callable[[int], None]]) -> None:
    """Step 3: the new documents and their annotations into the ledger, in input order (the
    local engine's insertion order), and the rejects counted (local.write_build records them)."""
    spark = run.spark

    def each_doc(row: dict[str, Any]) -> None:
        ledger_mod.note_ingested(db, [row["source"]])
        if on_progress and row["_size"]:
            on_progress(row["_size"])

    docs = spark.read.parquet(run.new_path("documents")).orderBy("_f", "_p")
    rows = tables.local_rows(docs)
    report.added = tables.to_sqlite(db, Document.table, _stripped(rows, each_doc), replace=True)
    for table in ANNOTATIONS:
        df = spark.read.parquet(run.new_path(table)).orderBy("_f", "_p", "_i")
        tables.to_sqlite(db, table, tables.local_rows(df, drop=[c for c, _ in ANN_EXTRA]), replace=True)
    for row in tables.local_rows(spark.read.parquet(run.new_path("rejects")).orderBy("_f", "_p")):
        if on_progress and row["_size"]:
            on_progress(row["_size"])
        reject(Reject(row["source"], row["reason"], row["id"]))


def _stripped(rows: Iterator[dict[str, Any]], each: Callable[[dict[str, Any]], None]) -> Iterator[dict[str, Any]]:
    for row in rows:
        each(row)
        yield {k: v for k, v in row.items() if not k.startswith("_")}


def build(
    ledger_path: Union[str, Path],
    inputs: Sequence[str],
    *,
    workers: Optional[int] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    analysers: Sequence[tuple[str, Analyser]] = ANALYSERS,
    cross_stages: Sequence[tuple[str, CrossStage]] = CROSS_STAGES,
    on_start: Optional[Callable[[Optional[int]], None]] = None,
    on_progress: Optional[Callable[[int], None]] = None,
    on_reject: Optional[Callable[[Reject], None]] = None,
    session: Any = None,
    out: Optional[str] = None,
    keep_work: bool = False,
    quiet: bool = False,
) -> BuildReport:
    """`local.build` on Spark: the same ledger, atomically replaced at the end.

    `session`: a SparkSession to use (default: session.get_session(workers)); `out`:
    where the Parquet tables go (default: beside the ledger); `keep_work`: keep OUT/_work.
    """
    from .session import get_session

    t0 = time.perf_counter()
    path = Path(ledger_path)
    report = BuildReport(path)
    ledger_mod.check_ledger(path)  # the cheap checks first
    ledger_mod.check_free(path)
    preload(analysers)  # the driver checks the model is there before any work
    spark = session or get_session(workers, quiet=quiet)
    out_path = out_dir(path, out)
    units, missing, total = inputs_mod.plan(spark, inputs, stdin_dir=path.parent.resolve())
    if on_start:
        on_start(total)

    listed = _listed_rejects(path)  # rejects the ledger already lists are counted apart, as locally
    steps = ledger_mod.steps_of(analysers, cross_stages)
    unchanged = settled(spark, path, steps, out_path)
    runs: list[Run] = []
    marks: list[float] = []  # when the per-document step ended

    def reject(r: Reject) -> None:
        report.count_reject(r, listed, on_reject)

    for r in missing:
        reject(r)

    def add(db: Any) -> None:
        old = db.execute("select max(rowid) from documents").fetchone()[0] or 0
        run = Run(spark, out_path, old)
        runs.append(run)
        t = time.perf_counter()
        report.already = per_document(run, db, units, total, max_bytes, analysers)
        t = run.timed("per document (Spark)", t)
        load(run, db, report, reject, on_progress)
        run.size_partitions(old + report.added)
        marks.append(t)

    def stages(db: Any) -> None:  # (the load's time counts the rejects and gaps recorded after it)
        _stages_and_copy(runs[0], db, cross_stages, runs[0].timed("load into the ledger", marks[0]))

    try:
        write_build(path, report, analysers, steps, unchanged, add, stages)
    finally:
        for u in units:
            if u.kind == "stdin":
                Path(u.path).unlink(missing_ok=True)
        if not keep_work:
            tables.remove(spark, out_path + "/_work")
    finish_build(path, report, t0)
    if runs:
        report.timings = runs[0].timings
        report.texts_from_ledger = runs[0].texts_from_ledger
    return report


def correct(
    ledger_path: Any,
    change: Callable[[Any], Any],
    cross_stages: Sequence[tuple[str, CrossStage]] = CROSS_STAGES,
    *,
    workers: Optional[int] = None,
    session: Any = None,
    out: Optional[str] = None,
    keep_work: bool = False,
    quiet: bool = False,
) -> Any:
    """`local.correct` on Spark: `change(db)` (e.g. corrections.record) and the
    cross-document stages again, the ones with a Spark twin on Spark, in one atomic
    write; returns what `change` returned. No document is read from the inputs again."""
    from .session import get_session

    path = Path(ledger_path)
    ledger_mod.check_ledger(path)
    spark = session or get_session(workers, quiet=quiet)
    out_path = out_dir(path, out)
    try:
        with ledger_mod.writing(path) as db:
            result = change(db)
            documents = db.execute("select max(rowid) from documents").fetchone()[0] or 0
            run = Run(spark, out_path, documents, new_documents=False)
            run.size_partitions(documents)
            _stages_and_copy(run, db, cross_stages, time.perf_counter())
            if tuple(cross_stages) != CROSS_STAGES:
                ledger_mod.record_steps(db, "")  # some stages not rerun: the next build reruns them all
    finally:
        if not keep_work:
            tables.remove(spark, out_path + "/_work")
    ledger_mod.write_metadata(path)
    return result


def documents_to_parquet(run: Run, db: Any) -> None:
    """OUT/documents: the ledger's documents with every column as the stages left it, in
    rowid order; their texts joined from the cluster (texts.py), not sent again."""
    spark = run.spark
    meta_columns = [(c, t) for c, t in DOC_COLUMNS if c != "text"]
    rows = db.execute(f"select rowid, {', '.join(f'[{c}]' for c, _ in meta_columns)} from documents order by rowid")
    meta = tables.from_sqlite(spark, rows, [("_rowid", int)] + meta_columns, run.work + "/documents_meta")
    joined = meta.join(texts_mod.document_texts(run, db, meta), "id", "left").orderBy("_rowid")
    staged = run.work + "/documents_out"
    tables.write(joined.select(*[c for c, _ in DOC_COLUMNS]), staged)
    tables.replace(spark, staged, run.path("documents"))


COPY_MARK = "_copy"  # OUT/_copy/<token>: the write that left the copy complete (hidden from Spark's readers)


def settled(spark: Any, path: Path, steps: str, out: str) -> bool:
    """As locally, a build with nothing new may leave the ledger as it was: when its last
    write was this code's, with these steps, and left its complete Parquet copy where
    this build writes it, untouched since (its token still in OUT/_copy: a build or
    correction removes it before it writes anything to OUT)."""
    copy = ledger_mod.parquet_copy(path)
    out = out.rstrip("/")
    return (ledger_mod.up_to_date(path, steps) and copy is not None and copy[0] == out
            and texts_mod.exists(spark, f"{out}/{COPY_MARK}/{copy[1]}") and texts_mod.exists(spark, out + "/documents"))


def _stages_and_copy(run: Run, db: Any, cross_stages: Sequence[tuple[str, CrossStage]], t: float) -> None:
    """The cross-document stages (timed), then the ledger's complete Parquet copy, marked
    with a new token once complete (the ledger records it)."""
    tables.remove(run.spark, f"{run.out}/{COPY_MARK}")  # (before anything in OUT changes)
    for name, stage in run.stages(cross_stages):
        stage(db)
        t = run.timed(name + (" (Spark)" if isinstance(stage, functools.partial) else ""), t)
    with tables.Jobs() as jobs:  # the small tables' writes at once, and the documents' beside them
        tables.export(run.spark, db, run.out, skip=run.written, jobs=jobs)
        documents_to_parquet(run, db)
    run.timed("every table to Parquet", t)
    token = uuid.uuid4().hex
    fs, mark = tables.hadoop_fs(run.spark, f"{run.out}/{COPY_MARK}/{token}")
    fs.mkdirs(mark)
    ledger_mod.record_parquet_copy(db, run.out, token)


def _listed_rejects(path: Path) -> set[str]:
    """The ids of the rejects the ledger lists (none when there is no ledger yet)."""
    if not path.exists():
        return set()
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(ledger_mod.read_only_uri(path), uri=True)) as conn:
        if not conn.execute("select 1 from sqlite_master where name = 'rejects'").fetchone():
            return set()
        return {r[0] for r in conn.execute("select id from rejects")}

