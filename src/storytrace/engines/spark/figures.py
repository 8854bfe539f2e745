"""The figures stage on Spark: the same figures, checks and claims.figure_id as
`figures.figures_stage`, as group-bys and joins.

One job: figure reconciliation distributed. The events stage runs on the driver
before it, so its inputs (the counted claims with their events, the documents'
publication keys, the events' `historic`, the copied spans) are streamed from the
ledger into Parquet, a chunk at a time, in the order the local stage reads them
(that order breaks ties: a document's own figure, the first claim overlapping an
edit). Then:

1. per document (a group-by on doc_id with its copied spans): the claim rows become
   figures.py's `FigureClaim`s with the local stage's own adjustments (unit groups, affected
   groups, a subgroup of a larger toll, the copy lineage a claim sits in);
2. per figure (a group-by on event, measure, group, joined with the event):
   `figures.make_figure`, the local per-group function;
3. copy edits (passages with a number edit, joined with the claims of both documents):
   `figures.attach_copy_edits` on each link, concatenated per figure in link order;
4. checks: parts of a total (a group-by on part_of joined with the whole), groups
   against the total (a group-by on event and measure over the figures), one
   document's contradictions (a group-by on document and figure), each through
   `figures.figure_checks` on its group;
5. figures and checks in the local order go to OUT/figures, OUT/checks and the ledger;
   claims.figure_id is updated from Spark.

The claim preparation in step 1 is `figures.prepare_claims`, the local stage's own;
the tests compare both engines' ledgers row for row.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from ...stages import figures as local
from ...model import Check, Figure, make_id
from . import tables

CLAIMS_QUERY = local.CLAIMS_QUERY
CLAIM_COLUMNS = [("id", str), ("doc_id", str), ("start", int), ("end", int), ("event_id", str), ("measure", str),
                 ("group", str), ("value", float), ("low", float), ("high", float), ("qualifier", str),
                 ("attributed_to", str), ("part_of", str), ("victims", str), ("sentence_start", int),
                 ("adds_to", str), ("what", str), ("_ord", int)]
COPIED_QUERY = local.COPIED_QUERY
SPAN_COLUMNS = [("doc_id", str), ("_k", int), ("_side", int), ("start", int), ("end", int), ("lineage", str)]
PASSAGES_QUERY = local.PASSAGES_QUERY
PASSAGE_COLUMNS = [("_k", int), ("id", str), ("source_doc", str), ("target_doc", str), ("edits", str)]
FIGURE_COLUMNS = tables.record_columns(Figure)
CHECK_COLUMNS = tables.record_columns(Check)
PART_KINDS = ("parts_exceed_whole", "subset_exceeds_set")


def _claims(kv: tuple) -> Iterator[tuple]:
    """A document's counted claims as figures_stage prepares them: (order, FigureClaim, lineage, figure id)."""
    doc_id, (rows, spans, pubs) = kv
    rows = sorted(rows, key=lambda r: r[17])
    if not rows:
        return
    pub = next(iter(pubs), "")
    spans = sorted(spans)
    claims = list(zip((r[17] for r in rows), local.prepare_claims(rows, {doc_id: pub})))
    lineage = local.doc_lineages([c for _, c in claims], [(s0, s1, lin) for _k, _side, s0, s1, lin in spans])
    for o, c in claims:
        yield o, c, lineage.get(c.id), make_id("figure", c.event_id, c.measure, c.group or "")


def make_figure(kv: tuple) -> tuple[tuple, dict[str, Any]]:
    _event, ((key, xs), historic) = kv
    xs = sorted(xs, key=lambda x: x[0])
    event_id, measure, group = key
    cs = [x[1] for x in xs]
    lineage = {x[1].id: x[2] for x in xs if x[2] is not None}
    row = local.make_figure(xs[0][3], event_id, measure, group, cs, lineage, bool(historic) if historic is not None else False)
    return (event_id, measure, group or "", xs[0][0]), row


class _Rows:
    """Stands in for the ledger in figures.attach_copy_edits: its one query returns these rows."""

    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows

    def execute(self, *_args: Any) -> Iterator[tuple]:
        return iter(self.rows)


def _has_number_edit(row: Any) -> bool:
    return any(e.get("number") for e in json.loads(row["edits"] or "[]"))


def _copy_edits(kv: tuple) -> Iterator[tuple[str, tuple[int, list]]]:
    """figures.attach_copy_edits on one passage with the claims of its two documents:
    (figure id, (link order, entries))."""
    _t, (((k, rid, s, t, edits), at_s), at_t) = kv
    xs = sorted({x[1].id: x for x in (at_s or []) + (at_t or [])}.values(), key=lambda x: x[0])
    if not xs:
        return
    figure_of = {x[1].id: x[3] for x in xs}
    rows = [{"id": fid, "copy_edits": "[]"} for fid in dict.fromkeys(figure_of.values())]
    local.attach_copy_edits(_Rows([(rid, s, t, edits)]), rows, [x[1] for x in xs], figure_of)
    for r in rows:
        if r["copy_edits"] != "[]":
            yield r["id"], (k, json.loads(r["copy_edits"]))


def _joined_edits(parts: Any) -> str:
    out: list = []
    for _k, entries in sorted(parts, key=lambda p: p[0]):
        out.extend(e for e in entries if e not in out)
    return json.dumps(out, ensure_ascii=False)


def _with_edits(kv: tuple) -> tuple[tuple, dict[str, Any]]:
    _fid, ((key, row), edits) = kv
    if edits is not None:
        row = dict(row, copy_edits=edits)
    return key, row


def _part_checks(kv: tuple) -> list[tuple[tuple, Check]]:
    _whole_id, (parts, whole) = kv
    parts = sorted(parts, key=lambda x: x[0])
    cs = [whole[1]] + [c for _, c in parts]
    found = [c for c in local.figure_checks([], cs, {c.id: c.id for c in cs}) if c.kind in PART_KINDS]
    return [((0, parts[0][0], j), c) for j, c in enumerate(found)]


def _total_checks(kv: tuple) -> list[tuple[tuple, Check]]:
    (event_id, measure), rows = kv
    found = local.figure_checks([r for _, r in sorted(rows, key=lambda x: x[0])], [], {})
    return [((1, event_id, measure, j), c) for j, c in enumerate(found)]


def _document_checks(kv: tuple) -> list[tuple[tuple, Check]]:
    (_doc, fid), xs = kv
    xs = sorted(xs, key=lambda x: x[0])
    cs = [c for _, c in xs]
    found = [c for c in local.figure_checks([], cs, {c.id: fid for c in cs}) if c.kind == "self_contradiction"]
    return [((2, xs[0][0], j), c) for j, c in enumerate(found)]


def cogroup(partitions: int, *rdds: Any) -> Any:
    """(key, (values of the first RDD, of the second, ...)) in `partitions` partitions."""
    tagged = [r.map(lambda kv, i=i: (kv[0], (i, kv[1]))) for i, r in enumerate(rdds)]
    n = len(rdds)

    def split(values: Any) -> tuple:
        out: tuple = tuple([] for _ in range(n))
        for i, v in values:
            out[i].append(v)
        return out

    return tagged[0].context.union(tagged).groupByKey(partitions).mapValues(split)


def figures_stage(run: Any, db: Any) -> dict[str, int]:
    """The Spark twin of figures.figures_stage: figures, checks and claims.figure_id."""
    from pyspark import StorageLevel

    spark = run.spark
    work = run.work + "/figures"
    claims = tables.from_sqlite(spark, (tuple(r) + (i,) for i, r in enumerate(db.execute(CLAIMS_QUERY, local.COUNT_MEASURES))),
                                CLAIM_COLUMNS, work + "/claims")
    pubs = tables.from_sqlite(spark, ((r[0], local.publication_key(r[1], r[2], r[3])) for r in db.execute(
        local.DOCUMENTS_QUERY)), [("id", str), ("pub", str)], work + "/pub")
    historic = tables.from_sqlite(spark, ((r[0], bool(r[1])) for r in db.execute("select id, historic from events")),
                                  [("id", str), ("historic", bool)], work + "/events")

    def spans_of(rows: Any) -> Iterator[tuple]:
        for k, (s, s0, s1, t, t0, t1, lin) in enumerate(rows):
            yield s, k, 0, s0, s1, lin
            yield t, k, 1, t0, t1, lin

    spans = tables.from_sqlite(spark, spans_of(db.execute(COPIED_QUERY)), SPAN_COLUMNS, work + "/spans")
    passages = tables.from_sqlite(spark, ((k,) + tuple(r) for k, r in enumerate(db.execute(PASSAGES_QUERY))),
                                  PASSAGE_COLUMNS, work + "/passages")

    p = run.partitions
    # 1. claims per document
    prepared = cogroup(p, claims.rdd.map(lambda r: (r[1], tuple(r))), spans.rdd.map(lambda r: (r[0], tuple(r[1:]))),
                       pubs.rdd.map(lambda r: (r[0], r[1]))).flatMap(_claims).persist(StorageLevel.MEMORY_AND_DISK)
    # 2. figures
    events = historic.rdd.map(lambda r: (r[0], r[1]))
    figs = prepared.map(lambda x: ((x[1].event_id, x[1].measure, x[1].group), x)).groupByKey(p) \
        .map(lambda kv: (kv[0][0], (kv[0], list(kv[1])))).leftOuterJoin(events, p).map(make_figure)
    # 3. copy edits
    by_doc = prepared.map(lambda x: (x[1].doc_id, x)).groupByKey(p).mapValues(list)
    links = passages.rdd.filter(_has_number_edit).map(lambda r: (r[2], (r[0], r[1], r[2], r[3], r[4])))
    edits = links.leftOuterJoin(by_doc, p).map(lambda kv: (kv[1][0][3], kv[1])).leftOuterJoin(by_doc, p) \
        .flatMap(_copy_edits).groupByKey(p).mapValues(_joined_edits)
    rows = figs.map(lambda kr: (kr[1]["id"], kr)).leftOuterJoin(edits, p).map(_with_edits) \
        .persist(StorageLevel.MEMORY_AND_DISK)
    # 4. checks
    wholes = prepared.map(lambda x: (x[1].id, (x[0], x[1])))
    checks = prepared.filter(lambda x: x[1].part_of).map(lambda x: (x[1].part_of, (x[0], x[1]))).groupByKey(p) \
        .join(wholes, p).flatMap(_part_checks)
    checks = checks.union(rows.map(lambda kr: ((kr[1]["event_id"], kr[1]["measure"]), kr)).groupByKey(p)
                          .flatMap(_total_checks))
    checks = checks.union(prepared.map(lambda x: ((x[1].doc_id, x[3]), (x[0], x[1]))).groupByKey(p)
                          .flatMap(_document_checks))
    checks = checks.persist(StorageLevel.MEMORY_AND_DISK)
    # 5. out
    ordered_rows = rows.sortBy(lambda kr: kr[0], numPartitions=p).map(lambda kr: kr[1]).persist()
    ordered_checks = checks.sortBy(lambda kc: kc[0], numPartitions=p).map(lambda kc: kc[1].row()).persist()
    tables.write(spark.createDataFrame(ordered_rows.map(lambda r: tables.as_tuple(r, FIGURE_COLUMNS)),
                                       tables.schema(FIGURE_COLUMNS)), run.path("figures"))
    tables.write(spark.createDataFrame(ordered_checks.map(lambda r: tables.as_tuple(r, CHECK_COLUMNS)),
                                       tables.schema(CHECK_COLUMNS)), run.path("checks"))
    db.execute("delete from figures")
    n_figures = tables.to_sqlite(db, "figures", ordered_rows.toLocalIterator(), alter=True)
    db.execute("delete from checks")
    n_checks = tables.to_sqlite(db, "checks", ordered_checks.toLocalIterator(), alter=True)
    it = prepared.map(lambda x: (x[3], x[1].id)).toLocalIterator()
    while True:
        block = [pair for _, pair in zip(range(tables.BATCH * 10), it)]
        if not block:
            break
        db.conn.executemany("update claims set figure_id = ? where id = ?", block)
    for rdd in (prepared, rows, checks, ordered_rows, ordered_checks):
        rdd.unpersist()
    return {"figures": n_figures, "checks": n_checks}
