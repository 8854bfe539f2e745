"""A declared stage (stages/plan.py) run on Spark.

One job: the Spark runner of a `Plan`, the twin of `plan.run_local`, knowing no stage's
rule. Each `Read` streams its rows from the ledger into Parquet under OUT/_work (a chunk
at a time: the driver never holds a table); each `Group` is a co-group of its inputs by
their keys in `run.partitions` partitions, its function run on the executors; each
`Write` sorts its rows by the declared order on the cluster, writes them to OUT/<table>
and streams them into the ledger a partition at a time; each `Update` streams its
parameters to the ledger in batches.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable, Iterator

from ...model import Record
from ...stages.plan import Group, KeyOf, Plan
from . import tables


def _keyed(key_of: KeyOf, i: int) -> Callable[[Any], Iterator[tuple]]:
    def keyed(row: Any) -> Iterator[tuple]:
        k = key_of(row)
        if k is not None:
            yield k, (i, row)

    return keyed


def _split(n: int) -> Callable[[Any], tuple]:
    def split(values: Any) -> tuple:
        out: tuple = tuple([] for _ in range(n))
        for i, v in values:
            out[i].append(v)
        return out

    return split


def _each(step: Group) -> Callable[[tuple], Any]:
    def each(kv: tuple) -> Any:
        return step.each(kv[0], *kv[1])

    return each


def cogroup(data: dict[str, Any], step: Group, partitions: int) -> Any:
    """The RDD of a Group step: its inputs keyed, co-grouped, its function on each group."""
    tagged = [data[name].flatMap(_keyed(key_of, i)) for i, (name, key_of) in enumerate(step.inputs)]
    grouped = tagged[0].context.union(tagged).groupByKey(partitions).mapValues(_split(len(step.inputs)))
    return grouped.flatMap(_each(step))


def columns_of(table: str) -> list[tuple[str, type]]:
    """A ledger table's columns and types, from model.py's records."""
    for cls in Record.__subclasses__():
        if getattr(cls, "table", None) == table:
            return tables.record_columns(cls)
    raise KeyError(table)


def run(plan: Plan, spark_run: Any, db: Any) -> dict[str, int]:
    """Run `plan` on Spark (spark_run: the engine's Run) and write its tables to the ledger."""
    from pyspark import StorageLevel

    spark = spark_run.spark
    work = f"{spark_run.work}/{plan.name}"
    p = spark_run.partitions
    data: dict[str, Any] = {}
    for read in plan.reads:
        df = tables.from_sqlite(spark, read.rows(db.execute(read.query, list(read.params))), read.columns,
                                f"{work}/{read.name}")
        data[read.name] = df.rdd.map(tuple)
    for step in plan.steps:
        data[step.name] = cogroup(data, step, p).persist(StorageLevel.MEMORY_AND_DISK)
    counts: dict[str, int] = {}
    for w in plan.writes:
        parts = [data[name] for name in w.datasets]
        rdd = parts[0].context.union(parts) if len(parts) > 1 else parts[0]
        ordered = rdd.sortBy(w.order, numPartitions=p).map(w.row).persist(StorageLevel.MEMORY_AND_DISK)
        cols = columns_of(w.table)
        tables.write(spark.createDataFrame(ordered.map(lambda r, cols=cols: tables.as_tuple(r, cols)),
                                           tables.schema(cols)), spark_run.path(w.table))
        db.execute(f"delete from [{w.table}]")
        counts[w.table] = tables.to_sqlite(db, w.table, ordered.toLocalIterator(), alter=True)
        ordered.unpersist()
    for u in plan.updates:
        it = data[u.dataset].map(u.params).toLocalIterator()
        while block := list(itertools.islice(it, tables.BATCH * 10)):
            db.conn.executemany(u.sql, block)
    for rdd in data.values():
        rdd.unpersist()
    return counts
