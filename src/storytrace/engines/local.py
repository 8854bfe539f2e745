"""The local engine: read inputs, analyse each document (in worker processes), run the
cross-document stages, and write the ledger in one atomic step.

One job: run the stages in order. It knows nothing of NLP: ingest turns inputs into
Documents, analyse.py turns a Document into Annotations, the cross-document stages
(CROSS_STAGES) read and write ledger tables, ledger.py stores. Memory stays bounded:
inputs are read as a stream and analysed in batches. What the Spark engine shares with
it lives here too: the per-document function (`process_many`, with what the ledger holds
as a `Known`: its documents' ids and the digests of the input items they came from, so a
known item is not prepared and a known document not analysed again), the build's write
skeleton (`write_build`, `finish_build`) and its report.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Container, Iterable, Iterator, NamedTuple, Optional, Sequence, Union

import numpy as np
import sqlite_utils

from .. import ledger as ledger_mod
from ..analyse import ANALYSERS, Analyser, analyse, analyse_many, totals
from ..ingest import DEFAULT_MAX_BYTES, RawDoc, digest, expand, prepare, read_file
from ..model import Annotations, Document, Reject
from ..stages import corrections, dating, datings, events, figures, reuse, serials, stories
from ..text.segments import CACHED_TEXTS
from ..stages import terms as terms_mod

#: Cross-document stages, in order: (name, stage(db)). Each reads the per-document
#: tables and (re)writes its own (joins and group-bys, never all pairs of documents).
CrossStage = Callable[[sqlite_utils.Database], Any]
CROSS_STAGES: tuple[tuple[str, CrossStage], ...] = (
    ("own datings", datings.own_stage),  # the last build's cross-document datings dropped: all are redone below
    ("corrections", corrections.claims_stage),  # people's corrections of claims (events: in the events stage)
    ("reuse", reuse.reuse_stage),  # copied passages (oriented by the dates known so far)
    ("dates", dating.NEIGHBOUR_DATES),  # yearless datelines dated through the documents they share passages with
    ("stories", stories.stories_stage),  # documents reporting the same thing
    ("story dates", dating.STORY_DATES),  # a weekday or date the text names, pinned among its story's dates
    ("serial dates", serials.SERIAL_DATES),  # undated articles placed among their outlet's dated ones by article id
    ("events", events.events_stage),  # stories, named events; claims' and documents' events
    ("event dates", dating.EVENT_DATES),  # anniversaries and weekdays of events other documents date
    ("choose dates", datings.choose_stage),  # documents.published chosen from all datings, and how sure it is
    ("direction", reuse.DIRECTION),  # links re-oriented with all those dates
    ("terms", terms_mod.TERMS),  # terms.event_id: each label's event; uses counted per document, event, term, voice
    ("figures", figures.FIGURES),  # figures across sources, origins, checks
)

BATCH = 256  # documents analysed and written per batch
CHUNK = CACHED_TEXTS  # documents a worker analyses together (one parser call; their segments stay cached)
SMALL_INPUT = 2 * 2**20  # below this many bytes one process is faster than a pool

class KnownItem(NamedTuple):
    """An input item the ledger read before (the same digest): only hashed, not prepared
    again; `id` is the document it gave."""

    id: str


Processed = Union[tuple[Document, Annotations], Reject, KnownItem]


#: Ids of the documents the ledger holds, in this process, while a build runs: such a document is
#: prepared (its id is its text and identity) but not analysed again (set by `_remember`).
_known: Container[str] = frozenset()


_HEX16 = re.compile(r"[0-9a-f]{16}")


class IdSet:
    """Document ids for a membership test, 8 bytes each: a document id is 16 hex digits (a
    64-bit content hash), kept as a sorted array of those integers (any other id as is).
    Small to pickle: the Spark engine broadcasts the ledger's ids in one."""

    def __init__(self, ids: Iterable[str]) -> None:
        odd: set[str] = set()

        def numbers() -> Iterator[int]:
            for i in ids:
                if _HEX16.fullmatch(i):
                    yield int(i, 16)
                else:
                    odd.add(i)  # (exactly as written: "ABC...", "0x..." are other ids)

        self.ids = np.sort(np.fromiter(numbers(), dtype=np.uint64))
        self.odd = frozenset(odd)

    def __len__(self) -> int:
        return len(self.ids) + len(self.odd)

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str):
            return False
        if not _HEX16.fullmatch(doc_id):
            return doc_id in self.odd
        x = np.uint64(int(doc_id, 16))
        i = int(np.searchsorted(self.ids, x))
        return i < len(self.ids) and self.ids[i] == x


class Known:
    """What the ledger holds, to skip: its documents' ids (an IdSet) and the input items
    they were read from (item digest -> document id, two sorted uint64 arrays). Small to
    pickle, for a pool's initializer or a Spark broadcast."""

    def __init__(self, ids: Iterable[str], items: Iterable[tuple[str, str]] = ()) -> None:
        self.ids = IdSet(ids)
        digests: list[int] = []
        docs: list[int] = []
        for d, i in items:
            if _HEX16.fullmatch(d or "") and _HEX16.fullmatch(i or ""):
                digests.append(int(d, 16))
                docs.append(int(i, 16))
        order = np.argsort(np.array(digests, dtype=np.uint64), kind="stable")
        self.digests = np.array(digests, dtype=np.uint64)[order]
        self.docs = np.array(docs, dtype=np.uint64)[order]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.ids

    def __len__(self) -> int:
        return len(self.ids)

    def item(self, digest: str) -> Optional[str]:
        """The id of the document the item with this digest gave, or None."""
        if not len(self.digests) or not _HEX16.fullmatch(digest):
            return None
        x = np.uint64(int(digest, 16))
        i = int(np.searchsorted(self.digests, x))
        return f"{int(self.docs[i]):016x}" if i < len(self.digests) and self.digests[i] == x else None


def _remember(known: Container[str]) -> None:
    """Set the ledger's document ids in this process (the pool's initializer; the build itself)."""
    global _known
    _known = known


def _read(raw: RawDoc, known: Container[str]) -> Union[Document, Reject, KnownItem]:
    """An input item as a Document carrying its item's digest, a Reject, or a KnownItem
    when the ledger read that item before (it is only hashed, not prepared again)."""
    item_id = digest(raw)
    seen = known.item(item_id) if isinstance(known, Known) else None
    if seen is not None:
        return KnownItem(seen)
    doc = prepare(raw)
    if isinstance(doc, Document):
        doc.raw_digest = item_id
    return doc


def process(raw: RawDoc, analysers: Sequence[tuple[str, Analyser]] = ANALYSERS,
            known: Optional[Container[str]] = None) -> Processed:
    """One input item through ingest and every per-document analyser (pure, picklable). A
    document the ledger already holds (`known`, else the ids the build set in this process)
    comes back with no annotations (it is not added)."""
    known = _known if known is None else known
    item = _read(raw, known)
    if not isinstance(item, Document):
        return item
    if item.id in known:
        return item, Annotations(item.id)
    try:
        annotations = analyse(item, analysers)
    except Exception as e:  # a bug in an analyser must not end the run or lose the input
        return Reject(raw.source, f"internal error while analysing: {type(e).__name__}: {e}")
    for key, value in annotations.document_updates.items():
        setattr(item, key, value)
    return item, annotations


def process_many(raws: Sequence[RawDoc], analysers: Sequence[tuple[str, Analyser]] = ANALYSERS,
                 known: Optional[Container[str]] = None) -> list[Processed]:
    """`process` for several items, with the same result for each: the analysers see their
    documents together (analyse_many: one parser call for all). If an analyser fails, each
    item is processed again alone, so only the one at fault is rejected."""
    if known is None:
        known = _known
    items = [_read(raw, known) for raw in raws]
    docs = [x for x in items if isinstance(x, Document) and x.id not in known]
    try:
        found = iter(analyse_many(docs, analysers))
    except Exception:
        return [process(raw, analysers, known) for raw in raws]
    out: list[Processed] = []
    for item in items:
        if not isinstance(item, Document):
            out.append(item)
            continue
        if item.id in known:
            out.append((item, Annotations(item.id)))
            continue
        annotations = next(found)
        for key, value in annotations.document_updates.items():
            setattr(item, key, value)
        out.append((item, annotations))
    return out


@dataclass
class BuildReport:
    ledger: Path
    added: int = 0
    already: int = 0
    rejects: list[Reject] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0
    metadata: Optional[Path] = None
    counts: dict[str, int] = field(default_factory=dict)
    known_rejects: int = 0  # of `rejects`, those the ledger already listed (the same input, the same reason)
    unchanged: bool = False  # nothing new: the ledger was left as it was (no stage ran)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step (the Spark engine's steps)
    texts_from_ledger: int = 0  # Spark: texts of earlier documents streamed out of the ledger (not on the cluster)

    def count_reject(self, r: Reject, listed: set[str], on_reject: Optional[Callable[[Reject], None]]) -> None:
        """Add a reject; one the ledger already lists (`listed` ids) is counted apart, not announced."""
        self.rejects.append(r)
        if r.id in listed:
            self.known_rejects += 1
        elif on_reject:
            on_reject(r)


class Unchanged(Exception):
    """Raised inside the ledger's write to leave it as it was (nothing new to add)."""


def remember_items(db: sqlite_utils.Database, items: Iterable[tuple[str, str, str]]) -> None:
    """(digest, document id, digest): the ledger's documents whose input item was read
    again (a ledger of an earlier release, or items read by other code) keep that item's
    digest, so the next build does not read it again."""
    db.conn.executemany("update documents set raw_digest = ? where id = ? and coalesce(raw_digest, '') != ?", items)


def known_of(db: sqlite_utils.Database) -> Known:
    """The ledger's documents and the input items they were read from."""
    digests = "raw_digest" in db["documents"].columns_dict if "documents" in db.table_names() else False
    return Known((r[0] for r in db.execute("select id from documents")),
                 db.execute("select raw_digest, id from documents where raw_digest is not null").fetchall() if digests else ())


def write_build(path: Path, report: BuildReport, analysers: Sequence[tuple[str, Analyser]], steps: str,
                settled: bool, add: Callable[[sqlite_utils.Database], Any],
                stages: Callable[[sqlite_utils.Database], Any]) -> None:
    """A build's write, the same skeleton on both engines, in one atomic swap of the ledger:
    `add` puts the new documents and their annotations in it (filling report.added,
    .already, .rejects); with nothing new in a ledger `settled` (ledger.up_to_date, read
    before the write) it is left as it was (report.unchanged); else the annotation tables
    with gaps are forgotten, the rejects recorded, `stages` run and the steps recorded."""
    try:
        with ledger_mod.writing(path) as db:
            add(db)
            report.counts = ledger_mod.count_rows(db)
            report.documents = report.counts.get(Document.table, 0)
            if settled and not report.added and report.known_rejects == len(report.rejects):
                raise Unchanged  # every stage would give what the ledger holds
            if report.added:  # (so the stages never read an annotation table with gaps)
                ledger_mod.forget_incomplete(db, [name for name, _ in analysers])
            ledger_mod.record_rejects(db, report.rejects)
            stages(db)
            ledger_mod.record_steps(db, steps)
            report.counts = ledger_mod.count_rows(db)
            report.documents = report.counts.get(Document.table, 0)
    except Unchanged:
        report.unchanged = True


def finish_build(path: Path, report: BuildReport, t0: float) -> BuildReport:
    """The build's metadata file (kept when the ledger was left as it was) and its time."""
    metadata = path.with_name(path.stem + ".metadata.json")
    report.metadata = metadata if report.unchanged and metadata.exists() else ledger_mod.write_metadata(path)
    report.seconds = time.perf_counter() - t0
    return report


def preload(analysers: Sequence[tuple[str, Analyser]]) -> None:
    """Load the spaCy model before any work (and before forking workers, which then
    share it); a missing model stops the run with a clear message instead of
    rejecting every document. Raises nlp.ModelMissing."""
    if any(name == "claims" for name, _ in analysers):
        from ..text import nlp

        nlp.load(disable=("ner",))


def auto_workers(total_bytes: Optional[int]) -> int:
    if total_bytes is not None and total_bytes < SMALL_INPUT:
        return 1
    return max(1, os.cpu_count() or 1)


LONG_DOCUMENT = 2 * 2**20  # bytes: a document this long is announced (its analysis takes a while)


def _items(files: list, max_bytes: int, on_long: Optional[Callable[[RawDoc], None]] = None
           ) -> Iterator[Union[RawDoc, Reject]]:
    for f in files:
        for item in read_file(f, max_bytes):
            if on_long is not None and isinstance(item, RawDoc) and item.size >= LONG_DOCUMENT:
                on_long(item)
            yield item


def _processed(
    items: Iterable[Union[RawDoc, Reject]],
    workers: int,
    analysers: Sequence[tuple[str, Analyser]],
    known: Container[str] = frozenset(),
) -> Iterator[tuple[int, Processed]]:
    """(bytes read, result) for every item, in input order, analysing in batches; the
    documents whose id is in `known` are prepared, not analysed."""
    fn = functools.partial(process, analysers=analysers)
    many = functools.partial(process_many, analysers=analysers)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_remember, initargs=(known,))

    pool = new_pool() if workers > 1 else None
    _remember(known)
    try:
        it = iter(items)
        while True:
            batch = list(itertools.islice(it, BATCH * max(1, workers)))
            if not batch:
                break
            raws = [x for x in batch if isinstance(x, RawDoc)]
            chunks = [raws[i:i + CHUNK] for i in range(0, len(raws), CHUNK)]
            if pool is not None:
                try:
                    results = [r for rs in pool.map(many, chunks) for r in rs]
                except BrokenProcessPool:  # a worker died (out of memory, a crash in C code)
                    pool.shutdown(cancel_futures=True)
                    pool = new_pool()
                    results = [_isolated(fn, raw) for raw in raws]
            else:
                results = [r for chunk in chunks for r in many(chunk)]
            done = iter(results)
            for x in batch:
                if isinstance(x, Reject):
                    yield 0, x
                else:
                    yield x.size, next(done)
    finally:
        _remember(frozenset())
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _isolated(fn: Callable[[RawDoc], Processed], raw: RawDoc) -> Processed:
    """Run one item in a process of its own, so the one that kills a worker is found and rejected."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as one:
        try:
            return one.submit(fn, raw).result()
        except BrokenProcessPool:
            return Reject(raw.source, "the worker process analysing this input died (out of memory or a crash)")


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
    on_long: Optional[Callable[[RawDoc], None]] = None,
) -> BuildReport:
    """Add the inputs' new documents to the ledger and recompute the cross-document tables.

    The ledger is replaced atomically at the end; on any failure or interruption the
    previous ledger is left untouched. Callbacks: on_start(total bytes or None),
    on_progress(bytes just done), on_reject(reject) as each input is rejected (not for
    a reject the ledger already lists: those are counted in `known_rejects`),
    on_long(raw document) before a document of LONG_DOCUMENT bytes or more is read. When
    nothing is new (no document added, no new reject, the ledger last written by this
    code, every table of this schema: ledger.up_to_date) no stage runs and the ledger is
    left as it was (`unchanged`).
    """
    t0 = time.perf_counter()
    path = Path(ledger_path)
    report = BuildReport(path)
    ledger_mod.check_ledger(path)  # the cheap checks before the language model loads
    ledger_mod.check_free(path)
    preload(analysers)
    files, missing = expand(inputs)
    stdin = any(f.path is None for f in files)
    total = None if stdin else sum(f.size for f in files)
    if on_start:
        on_start(total)
    n_workers = workers if workers and workers > 0 else auto_workers(total)

    steps = ledger_mod.steps_of(analysers, cross_stages)
    settled = ledger_mod.up_to_date(path, steps)  # (read before the write: its stages' tables need no rerun)

    def add(db: sqlite_utils.Database) -> None:
        _add(db, files, missing, max_bytes, n_workers, analysers, report, on_reject, on_progress, on_long)

    def stages(db: sqlite_utils.Database) -> None:
        for _name, stage in cross_stages:
            stage(db)

    write_build(path, report, analysers, steps, settled, add, stages)
    return finish_build(path, report, t0)


def _add(db: sqlite_utils.Database, files: list, missing: list[Reject], max_bytes: int, n_workers: int,
         analysers: Sequence[tuple[str, Analyser]], report: BuildReport, on_reject: Optional[Callable[[Reject], None]],
         on_progress: Optional[Callable[[int], None]], on_long: Optional[Callable[[RawDoc], None]] = None) -> None:
    """The new documents and their annotations into the ledger, in input order, and the
    rejects counted (a document the ledger holds is prepared, not analysed)."""
    known = known_of(db)
    listed = {r[0] for r in db.execute("select id from rejects")}

    def reject(r: Reject) -> None:
        report.count_reject(r, listed, on_reject)

    for r in missing:
        reject(r)
    first_source: dict[str, str] = {}
    docs: list[dict[str, Any]] = []
    tables: dict[str, list[dict[str, Any]]] = {}

    def flush() -> None:
        ledger_mod.note_ingested(db, (d["source"] for d in docs))
        ledger_mod.insert(db, Document.table, docs)
        for table, rows in tables.items():
            ledger_mod.insert(db, table, rows)
        docs.clear()
        tables.clear()

    read_again: list[tuple[str, str, str]] = []  # known documents whose item the ledger has no digest of (yet)
    for size, result in _processed(_items(files, max_bytes, on_long), n_workers, analysers, known):
        if on_progress and size:
            on_progress(size)
        if isinstance(result, Reject):
            reject(result)
            continue
        if isinstance(result, KnownItem):
            report.already += 1
            continue
        doc, annotations = result
        if doc.id in known:
            report.already += 1
            if doc.raw_digest:
                read_again.append((doc.raw_digest, doc.id, doc.raw_digest))
            continue
        if doc.id in first_source:
            reject(Reject(doc.source, f"duplicate of {first_source[doc.id]} (same text from the same URL, record id or file name)"))
            continue
        first_source[doc.id] = doc.source
        docs.append(doc.row())
        for table, rows in annotations.rows().items():
            tables.setdefault(table, []).extend(rows)
        report.added += 1
        if len(docs) >= BATCH:
            flush()
    flush()
    remember_items(db, read_again)


def correct(
    ledger_path: Union[str, Path],
    change: Callable[[sqlite_utils.Database], Any],
    cross_stages: Sequence[tuple[str, CrossStage]] = CROSS_STAGES,
) -> Any:
    """Change the corrections table (`change(db)`, e.g. corrections.record) and run the
    cross-document stages again, in one atomic write; returns what `change` returned.
    Raises corrections.CorrectionError (the ledger is left as it was)."""
    path = Path(ledger_path)
    with ledger_mod.writing(path) as db:
        result = change(db)
        for _name, stage in cross_stages:
            stage(db)
        if tuple(cross_stages) != CROSS_STAGES:
            ledger_mod.record_steps(db, "")  # some stages not rerun: the next build reruns them all
    ledger_mod.write_metadata(path)
    return result


#: `extract` prints claims and totals only: the other analysers' work would be thrown away.
EXTRACT_ANALYSERS: tuple[tuple[str, Analyser], ...] = tuple(a for a in ANALYSERS if a[0] == "claims")


def extract(
    inputs: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    analysers: Sequence[tuple[str, Analyser]] = EXTRACT_ANALYSERS,
) -> Iterator[Union[dict[str, Any], Reject]]:
    """No ledger: for each input document, its claims and per-measure totals.

    Yields `{"id", "source", "claims", "totals"}` dicts (id: the record's own id when it
    has one; source: where it was read, as documents.source) and Rejects, in input order.
    """
    preload(analysers)
    files, missing = expand(inputs)
    yield from missing
    for _size, result in _processed(_items(files, max_bytes), 1, analysers):
        if isinstance(result, Reject):
            yield result
            continue
        assert not isinstance(result, KnownItem)  # (no ledger: nothing is known)
        doc, annotations = result
        yield {
            "id": doc.record_id or doc.id,
            "source": doc.source,
            "claims": [c.row() for c in annotations.claims],
            "totals": totals(annotations),
        }
