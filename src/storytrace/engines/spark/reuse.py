"""The reuse stage on Spark: the same links as `reuse.reuse_stage`, as joins and group-bys.

One job: `reuse.find_reuse` distributed, step for step, calling reuse.py's and
fingerprint.py's own pure functions for everything per document and per pair:

1. documents (this run's from OUT/_work/new/documents; the ledger's older ones with
   their dates from the ledger and their texts from the cluster, texts.py) are numbered in publication order by a global sort on `reuse.DocInfo.key`
   (`sortBy` + `zipWithIndex`, no collect);
2. identical texts: a group-by on the text digest; the first copy in ledger order is
   indexed, each later one is a `duplicate` link to it (as the local stream decides);
3. postings (fingerprint, document number) from `fingerprint.fingerprints`, then the
   candidate rules of `fingerprint.candidate_pairs` in Spark SQL: posting lists of at
   most ALL_PAIRS documents give every pair (a self-join on the fingerprint), longer
   ones link each document to its CHAIN predecessors (`lag` over a window ordered by
   document number); pairs sharing at least MIN_SHARED fingerprints (a group-by);
4. each pair is joined with both texts and aligned on an executor (`reuse.pair_links`,
   `reuse.duplicate_link`, and `reuse.orient_link` for its direction);
5. lineages are connected components of the passage and duplicate links
   (`plans.components`: the alternating large-star / small-star algorithm, Kiveris et
   al. 2014, or union-find on the driver for a small graph), each named by its
   earliest document (`reuse.lineage_id`), as `reuse.lineage_sets` names them;
6. the links, in the local engine's order, go to OUT/reuse and to the ledger.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple, Optional

from ...stages import fingerprint
from ...stages import reuse as local
from ...model import Reuse
from . import tables
from . import texts as texts_mod
from .plans import SMALL_GRAPH, components

REUSE_COLUMNS = tables.record_columns(Reuse)
DOC_QUERY = "select rowid, id, published, published_low, published_high, outlet, url, source from documents where rowid <= ?"
DOC_COLUMNS = [("rowid", int), ("id", str), ("published", str), ("published_low", str), ("published_high", str),
               ("outlet", str), ("url", str), ("source", str), ("text", str)]
_TOP = 1 << 64
_HALF = 1 << 63

class DocRow(NamedTuple):
    """A document in the stage: where it stands in the ledger's order, what orders and
    names its links, its text; once numbered, its text's digest and wire hints."""
    rowkey: tuple  # sorts as the ledger's rowids: (0, rowid, 0) known, (1, file, position) new
    id: str
    published: Optional[str]
    low: Optional[str]
    high: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    source: Optional[str]
    text: str
    digest: Optional[str] = None
    wire: Optional[list] = None


def _info(d: DocRow) -> local.DocInfo:
    return local.DocInfo(id=d.id, rowid=0, published=d.published, low=d.low, high=d.high, outlet=d.outlet, url=d.url,
                         source=d.source or "", wire=list(d.wire or []))


def _key(d: DocRow) -> tuple:
    """reuse.DocInfo.key of a document row."""
    return _info(d).key()


def _numbered(dn: tuple[DocRow, int]) -> tuple[int, DocRow]:
    """(n, the document with its digest and wire hints) for a document numbered n."""
    d, n = dn
    return n, d._replace(digest=local.text_digest(d.text), wire=local.wire_hints(d.text, d.url))


def _signed(h: int) -> int:
    return h - _TOP if h >= _HALF else h


def _postings(nd: tuple[int, DocRow]) -> Iterator[tuple[int, int]]:
    n, d = nd
    for h in fingerprint.fingerprints(d.text).tolist():
        yield _signed(h), n


def _align_pair(kv: tuple) -> Iterator[tuple]:
    """The links of one candidate pair: (sort key, Reuse, source number, target number)."""
    b, ((a, da), db) = kv
    ia, ib = _info(da), _info(db)
    for i, r in enumerate(local.pair_links(ia, ib, da.text, db.text)):
        yield _oriented((1, a, b, i), r, ia, ib, a, b)


def _duplicate_link(kv: tuple) -> tuple:
    b, ((a, rk, da), db) = kv
    ia, ib = _info(da), _info(db)
    return _oriented((0, rk), local.duplicate_link(ia, ib, da.text), ia, ib, a, b)


def _oriented(key: tuple, r: Reuse, ia: local.DocInfo, ib: local.DocInfo, a: int, b: int) -> tuple:
    local.orient_link(r, ia, ib)  # direction and swap (its lineage is named in step 5)
    src, tgt = (a, b) if r.source_doc == ia.id else (b, a)
    return key, r, src, tgt


# ----------------------------------------------------------------- the stage


def documents(run: Any, db: Any) -> Any:
    """RDD of DocRow (rowkey, id, published, low, high, outlet, url, source, text):
    this run's from OUT/_work/new/documents; the ledger's older ones with their dates as
    the ledger holds them now and their texts from the cluster (texts.py: the last
    Parquet copy; only texts it lacks are streamed from the ledger). Rowkeys sort as the
    ledger's rowids do."""
    cols = ["_f", "_p", "id", "published", "published_low", "published_high", "outlet", "url", "source", "text"]
    new = run.spark.read.parquet(run.new_path("documents")).select(*cols).rdd \
        .map(lambda r: DocRow((1, r[0], r[1]), *r[2:])) if run.new_documents else None
    if not run.old_rowids:
        return new if new is not None else run.spark.sparkContext.emptyRDD()
    meta = tables.from_sqlite(run.spark, db.execute(DOC_QUERY, [run.old_rowids]), DOC_COLUMNS[:-1],
                              run.work + "/old_documents")
    old = meta.join(texts_mod.document_texts(run, db, meta), "id").select(*[c for c, _ in DOC_COLUMNS])
    old_rows = old.rdd.map(lambda r: DocRow((0, r[0], 0), *r[1:]))
    return old_rows.union(new) if new is not None else old_rows


def links(run: Any, docs: Any) -> Any:
    """RDD of (sort key, Reuse) with lineages, as reuse.find_reuse gives them."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    spark = run.spark
    p = run.partitions
    base = docs.sortBy(_key, numPartitions=p).zipWithIndex().map(_numbered).persist(StorageLevel.MEMORY_AND_DISK)
    # 2. identical texts: the first in ledger order is indexed, later ones are duplicates of it
    by_digest = base.map(lambda nd: (nd[1].digest, (nd[1].rowkey, nd[0])))
    first = by_digest.reduceByKey(min, p)
    # (earlier number, later number, ledger position of the copy, number of the copy)
    dup = by_digest.join(first, p).filter(lambda kv: kv[1][0][0] != kv[1][1][0]) \
        .map(lambda kv: (min(kv[1][0][1], kv[1][1][1]), max(kv[1][0][1], kv[1][1][1]), kv[1][0][0], kv[1][0][1])) \
        .persist(StorageLevel.MEMORY_AND_DISK)
    # 3. postings and candidate pairs
    postings = spark.createDataFrame(base.flatMap(_postings), T.StructType([
        T.StructField("fp", T.LongType(), False), T.StructField("n", T.LongType(), False)]))
    if dup.count():  # copies are not indexed
        postings = postings.join(spark.createDataFrame(dup.map(lambda x: (x[3],)), "n long"), "n", "left_anti")
    by_fp = Window.partitionBy("fp")
    postings = postings.withColumn("size", F.count("*").over(by_fp))
    small = postings.filter((F.col("size") >= 2) & (F.col("size") <= fingerprint.ALL_PAIRS)).select("fp", "n")
    pairs = small.alias("x").join(small.alias("y"), (F.col("x.fp") == F.col("y.fp")) & (F.col("x.n") < F.col("y.n"))) \
        .select(F.col("x.n").alias("a"), F.col("y.n").alias("b"))
    big = postings.filter(F.col("size") > fingerprint.ALL_PAIRS)
    in_time = Window.partitionBy("fp").orderBy("n")
    for back in range(1, fingerprint.CHAIN + 1):
        pairs = pairs.unionByName(big.select(F.lag("n", back).over(in_time).alias("a"), F.col("n").alias("b"))
                                  .filter(F.col("a").isNotNull()))
    pairs = pairs.groupBy("a", "b").count().filter(F.col("count") >= fingerprint.MIN_SHARED)
    # 4. align each pair where both texts are
    by_n = base.map(lambda nd: (nd[0], nd[1]))
    aligned = pairs.rdd.map(lambda r: (r[0], r[1])).join(by_n, p) \
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1]))).join(by_n, p).flatMap(_align_pair)
    dups = dup.map(lambda x: (x[0], (x[1], x[2]))).join(by_n, p) \
        .map(lambda kv: (kv[1][0][0], (kv[0], kv[1][0][1], kv[1][1]))).join(by_n, p).map(_duplicate_link)
    found = aligned.union(dups).persist(StorageLevel.MEMORY_AND_DISK)
    # 5. lineages: components of the passage and duplicate links, named by their earliest document
    edges = found.filter(lambda x: x[1].kind != "boilerplate").map(lambda x: (x[2], x[3]))
    root = components(edges, p, getattr(run, "local_rows", SMALL_GRAPH))  # (n, smallest n of its component)
    named = root.map(lambda nr: (nr[1], nr[0])).join(base.map(lambda nd: (nd[0], nd[1].id)), p) \
        .map(lambda kv: (kv[1][0], local.lineage_id(kv[1][1])))  # (n, lineage id)
    lineage = found.filter(lambda x: x[1].kind != "boilerplate").map(lambda x: (x[2], x)).join(named, p) \
        .map(lambda kv: (kv[1][0][0], _with_lineage(kv[1][0][1], kv[1][1])))
    rest = found.filter(lambda x: x[1].kind == "boilerplate").map(lambda x: (x[0], x[1]))
    result = lineage.union(rest)
    result.persist(StorageLevel.MEMORY_AND_DISK).count()
    found.unpersist()
    dup.unpersist()
    base.unpersist()
    return result


def _with_lineage(r: Reuse, lineage: str) -> Reuse:
    r.lineage = lineage
    return r


def reuse_stage(run: Any, db: Any) -> dict[str, int]:
    """The Spark twin of reuse.reuse_stage: (re)write `reuse` in the ledger and OUT/reuse."""
    result = links(run, documents(run, db))
    rows = result.sortBy(lambda kr: kr[0], numPartitions=run.partitions).map(lambda kr: kr[1].row()).persist()
    tables.write(run.spark.createDataFrame(rows.map(lambda r: tables.as_tuple(r, REUSE_COLUMNS)),
                                           tables.schema(REUSE_COLUMNS)), run.path("reuse"))
    db.execute("delete from reuse")
    counts: dict[str, int] = {}

    def count(r: dict[str, Any]) -> None:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1

    tables.to_sqlite(db, "reuse", rows.toLocalIterator(), alter=True, each=count)
    run.written.add("reuse")
    rows.unpersist()
    result.unpersist()
    return counts
