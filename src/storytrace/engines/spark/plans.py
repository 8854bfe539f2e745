"""A declared stage (stages/plan.py) run on Spark.

One job: the Spark runner of a `Plan`, the twin of `plan.run_local`, knowing no stage's
rule. Each `Read` streams its rows from the ledger into Parquet under OUT/_work (a chunk
at a time: the driver never holds a table; rows that fit in one chunk become a
DataFrame at once); each `Group` is a co-group of its inputs by their keys in
`run.partitions` partitions, its function run on the executors; each `Components` step
numbers the nodes in their order and runs the large-star / small-star rounds
(`components`; a graph of at most SMALL_GRAPH edges is solved by union-find on the
driver); each `Write` sorts its rows by the declared order on the cluster, writes them
to OUT/<table> and streams them into the ledger a partition at a time; each `Update`
streams its parameters (of the rows its `keep` accepts, sorted on the cluster when it
declares an order) to the ledger in batches, in the order the plan lists them. A plan's
`prepare` runs on the ledger first. A plan reading at most `local_rows` rows runs in the
driver process instead (`run`).
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any, Callable, Iterator

from ...model import Record
from ...unionfind import DisjointSets
from ...stages.plan import Components, Group, KeyOf, Plan, run_local
from . import tables


SMALL_GRAPH = 50_000  # edges: a graph this small is solved on the driver (`components`)
SMALL_ROWS = 50_000  # rows: a plan reading this few runs in the driver process (`run`)


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


def components(edges: Any, partitions: int, local_max: int = SMALL_GRAPH) -> Any:
    """(node, smallest node of its component) for every node of an RDD of (u, v) int edges.

    Alternating large-star and small-star steps (Kiveris, Lattanzi, Mirrokni, Rastogi,
    Vassilvitskii: "Connected Components in MapReduce and Beyond", SoCC 2014):
    O(log^2 n) rounds, each a group-by; the result is a star around each component's
    minimum. A graph of at most `local_max` distinct edges (a bounded amount, whatever
    the collection's size) is solved by union-find on the driver instead: the same
    components without the rounds' dozens of small jobs."""
    from pyspark import StorageLevel

    p = partitions
    e = edges.filter(lambda uv: uv[0] != uv[1]).map(lambda uv: (max(uv), min(uv))).distinct(p)
    e = e.persist(StorageLevel.MEMORY_AND_DISK)
    few: list[tuple[int, int]] = e.take(local_max + 1) if local_max else []
    if local_max and len(few) <= local_max:
        sets: DisjointSets[int] = DisjointSets()
        for u, v in few:
            sets.union(u, v)
        e.unpersist()
        return e.context.parallelize([(n, sets.root(n)) for n in sets.parent], p)
    previous = None
    while True:
        large = e.flatMap(lambda uv: ((uv[0], uv[1]), (uv[1], uv[0]))).groupByKey(p).flatMap(_large_star)
        small = large.map(lambda uv: (uv[0], uv[1]) if uv[1] <= uv[0] else (uv[1], uv[0])) \
            .groupByKey(p).flatMap(_small_star).distinct(p)
        small = small.persist(StorageLevel.MEMORY_AND_DISK)
        changed = previous is None or e.map(lambda x: (x, 0)).fullOuterJoin(small.map(lambda x: (x, 0)), p) \
            .filter(lambda kv: kv[1][0] is None or kv[1][1] is None).count() > 0
        if previous is not None:
            previous.unpersist()
        previous, e = e, small
        if not changed:
            break
    if previous is not None and previous is not e:
        previous.unpersist()
    return e.flatMap(lambda vm: ((vm[0], vm[1]), (vm[1], vm[1]))).distinct(p)


def _large_star(kv: tuple) -> Iterator[tuple[int, int]]:
    u, neighbours = kv
    ns = set(neighbours)
    m = min(ns | {u})
    for v in ns:
        if v > u:
            yield v, m


def _small_star(kv: tuple) -> Iterator[tuple[int, int]]:
    u, neighbours = kv
    ns = set(neighbours) | {u}
    m = min(ns)
    for v in ns:
        if v != m:
            yield v, m


def components_step(data: dict[str, Any], step: Components, partitions: int, kept: list,
                    local_max: int = SMALL_GRAPH) -> Any:
    """The RDD of a Components step: nodes numbered in their declared order (a global
    sort), edges as number pairs (two joins), `components`, numbers back to nodes. RDDs
    it persists are appended to `kept` (unpersisted when the plan ends)."""
    from pyspark import StorageLevel

    p = partitions
    edge_of, node_of = step.edges[1], step.nodes[1]
    nodes = data[step.nodes[0]].map(node_of)
    number = nodes.sortBy(lambda nk: (nk[1], nk[0]), numPartitions=p).zipWithIndex() \
        .map(lambda x: (x[0][0], x[1])).persist(StorageLevel.MEMORY_AND_DISK)  # (node, n): used four times
    kept.append(number)
    node_of_number = number.map(lambda nn: (nn[1], nn[0]))
    edges = data[step.edges[0]].map(edge_of).filter(lambda e: e is not None and e[0] != e[1])
    numbered = edges.join(number, p).map(lambda kv: (kv[1][0], kv[1][1])).join(number, p) \
        .map(lambda kv: (kv[1][0], kv[1][1]))  # (n of u, n of v)
    roots = components(numbered, p, local_max)  # (n, n of its root)
    return roots.map(lambda nr: (nr[1], nr[0])).join(node_of_number, p).map(lambda kv: (kv[1][0], kv[1][1])) \
        .join(node_of_number, p).map(lambda kv: (kv[1][1], kv[1][0]))  # (node, root)


def columns_of(table: str) -> list[tuple[str, type]]:
    """A ledger table's columns and types, from model.py's records."""
    for cls in Record.__subclasses__():
        if getattr(cls, "table", None) == table:
            return tables.record_columns(cls)
    raise KeyError(table)


def small(plan: Plan, db: Any, limit: int) -> bool:
    """Whether the plan's reads hold at most `limit` rows in all (counted by SQLite)."""
    n = 0
    for read in plan.reads:
        n += db.execute(f"select count(*) from ({read.query})", list(read.params)).fetchone()[0]
        if n > limit:
            return False
    return True


def run(plan: Plan, spark_run: Any, db: Any) -> dict[str, int]:
    """Run `plan` on Spark (spark_run: the engine's Run) and write its tables to the ledger.

    A plan whose reads hold at most `spark_run.local_rows` rows (SMALL_ROWS unless
    $STORYTRACE_SPARK_LOCAL_ROWS says otherwise; 0: never) runs in the driver process
    (`plan.run_local`): the same plan and rows, without a hundred small jobs."""
    from pyspark import StorageLevel

    if plan.prepare is not None:
        plan.prepare(db)
        plan = dataclasses.replace(plan, prepare=None)  # (done: the local runner must not do it again)
    limit = getattr(spark_run, "local_rows", SMALL_ROWS)
    if limit and small(plan, db, limit):
        stale: set[str] = getattr(spark_run, "written", set())
        stale.difference_update(w.table for w in plan.writes)  # (the ledger's copy is exported at the end)
        return run_local(plan, db)
    spark = spark_run.spark
    work = f"{spark_run.work}/{plan.name}"
    p = spark_run.partitions
    data: dict[str, Any] = {}
    kept: list = []
    for read in plan.reads:
        df = tables.from_sqlite(spark, read.rows(db.execute(read.query, list(read.params))), read.columns(),
                                f"{work}/{read.name}")
        data[read.name] = df.rdd.map(lambda r, record=read.record: record(*r))
    for step in plan.steps:
        rdd = components_step(data, step, p, kept, limit) if isinstance(step, Components) else cogroup(data, step, p)
        data[step.name] = rdd.persist(StorageLevel.MEMORY_AND_DISK)
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
        written: set[str] = getattr(spark_run, "written", set())
        written.add(w.table)
        ordered.unpersist()
    for u in plan.updates:
        rows = data[u.dataset] if u.keep is None else data[u.dataset].filter(u.keep)
        if u.order is not None:
            rows = rows.sortBy(u.order, numPartitions=spark_run.partitions)
        it = rows.map(u.params).toLocalIterator()
        while block := list(itertools.islice(it, tables.BATCH * 10)):
            db.conn.executemany(u.sql, block)
    for rdd in [*data.values(), *kept]:
        rdd.unpersist()
    return counts
