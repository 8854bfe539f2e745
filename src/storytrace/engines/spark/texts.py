"""Document texts on the cluster, without sending the ledger's texts again.

One job: a DataFrame (id, text) of every document of the ledger, taken from where the
texts already are on the cluster: the previous Parquet copy of the ledger
(OUT/documents, written at the end of the last Spark build or correction) and this
run's new documents (OUT/_work/new/documents). A document's id is a hash of its
normalised text and identity, so a text found under its id is that document's text
whatever run wrote it. Only the documents neither holds (a ledger first built by the
local engine, an OUT folder removed) have their texts streamed from the ledger through
the driver, a batch at a time; `Run.texts_from_ledger` counts them.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any, Iterator

from . import tables

BATCH = 500  # texts fetched from the ledger per query
TEXT_CHUNK = 1_000  # texts the driver holds at once while it streams them into Parquet


def exists(spark: Any, path: str) -> bool:
    fs, p = tables.hadoop_fs(spark, path)
    return bool(fs.exists(p))


def _from_ledger(db: Any, ids: Iterator[str]) -> Iterator[tuple[str, str]]:
    while batch := list(itertools.islice(ids, BATCH)):
        marks = ", ".join("?" for _ in batch)
        yield from db.execute(f"select id, text from documents where id in ({marks})", batch)


def document_texts(run: Any, db: Any, ids: Any) -> Any:
    """(id, text) for every id of the DataFrame `ids` (an `id` column of ledger documents)."""
    spark = run.spark
    parts = []
    if exists(spark, run.path("documents")):
        parts.append(spark.read.parquet(run.path("documents")).select("id", "text"))
    if run.new_documents and exists(spark, run.new_path("documents")):
        parts.append(spark.read.parquet(run.new_path("documents")).select("id", "text"))
    if run.fetched_texts is not None:  # those an earlier step of this run streamed from the ledger
        parts.append(run.fetched_texts)
    wanted = ids.select("id").distinct()
    if parts:
        have = parts[0]
        for df in parts[1:]:
            have = have.unionByName(df)
        have = have.dropDuplicates(["id"]).join(wanted, "id", "left_semi")
        missing = wanted.join(have.select("id"), "id", "left_anti")
    else:
        have, missing = None, wanted
    lost = iter([r[0] for r in missing.toLocalIterator()])  # (ids only; their texts are streamed)
    counted = _counting(run, _from_ledger(db, lost))
    fetched = tables.from_sqlite(spark, counted, [("id", str), ("text", str)],
                                 f"{run.work}/texts_from_ledger/{uuid.uuid4().hex}", chunk=TEXT_CHUNK)
    run.fetched_texts = fetched if run.fetched_texts is None else run.fetched_texts.unionByName(fetched)
    return fetched if have is None else have.unionByName(fetched)


def _counting(run: Any, rows: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    for row in rows:
        run.texts_from_ledger += 1
        yield row
