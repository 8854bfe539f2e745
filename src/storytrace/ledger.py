"""The ledger: one SQLite file (sqlite-utils), its schema, atomic writes, export, Datasette metadata.

One job: store and read the plain-data records of model.py. The schema is derived
from the dataclasses, so a field added there is a column here. Every build writes a
copy of the ledger and swaps it in with one atomic rename only when everything
succeeded: an interrupted or failed build leaves the previous ledger as it was.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import fcntl
import functools
import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, cast

import sqlite_utils
from sqlite_utils.db import Table

from . import __version__
from .model import MEASURES, TABLES, Document, Record, Reject

SCHEMA_VERSION = 1
META_TABLE = "_storytrace"

_SQL_TYPES = {str: str, int: int, float: float, bool: int}

#: Indexes that Datasette facets and the cross-document stages use.
INDEXES: dict[str, list[list[str]]] = {
    "documents": [["outlet"], ["published"], ["event_id"], ["language"]],
    "claims": [["doc_id"], ["event_id"], ["figure_id"], ["measure", "group"]],
    "figures": [["event_id"]],
    "reuse": [["source_doc"], ["target_doc"]],
    "quotes": [["doc_id"]],
    "terms": [["doc_id"], ["event_id"]],
    "mentions": [["doc_id"], ["key"]],
    "date_mentions": [["doc_id"]],
    "leads": [["doc_id"]],
    "rejects": [["source"]],
}


def _table(db: sqlite_utils.Database, name: str) -> Table:
    """db[name], which sqlite-utils types as a Table or a View; the ledger's names are all tables."""
    return cast(Table, db[name])


class LedgerError(Exception):
    """A ledger that cannot be opened or written (busy, not a storytrace ledger)."""


def create_schema(db: sqlite_utils.Database) -> None:
    """Create every contract table (empty if its stage has not run), indexes and FTS."""
    created = set()
    for cls in TABLES:
        if cls.table in db.table_names():
            _add_missing_columns(db, cls)
            continue
        columns = {name: _SQL_TYPES.get(t, str) for name, t in cls.columns().items()}
        _table(db, cls.table).create(columns, pk=cls.pk, not_null={"id"} if cls.pk == "id" else None)
        created.add(cls.table)
    if "documents" in created:
        # a new ledger: the analysers fill these for every document they add (an older ledger's,
        # or one whose analysers were other code, are found once by the stages: stages.annotated)
        _table(db, META_TABLE).insert_all([{"key": t, "value": annotation_digest()} for t in READ_BY_STAGES],
                                          pk="key", replace=True)
    for table, indexes in INDEXES.items():
        for cols in indexes:
            _table(db, table).create_index(cols, if_not_exists=True)
    if "documents_fts" not in db.table_names():
        _table(db, "documents").enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True)
    _index_only_text_updates(db)
    _table(db, META_TABLE).insert_all(
        [{"key": "schema_version", "value": str(SCHEMA_VERSION)}], pk="key", replace=True
    )


#: The full-text index follows a document's title and text only: the stages update other
#: columns of every document (story, event, published) and must not re-index its text.
_FTS_UPDATE = """CREATE TRIGGER "documents_au" AFTER UPDATE OF "title", "text" ON "documents" BEGIN
  INSERT INTO "documents_fts" ("documents_fts", rowid, "title", "text") VALUES('delete', old.rowid, old."title", old."text");
  INSERT INTO "documents_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
END"""


def _index_only_text_updates(db: sqlite_utils.Database) -> None:
    """Replace sqlite-utils' update trigger (any column) by one on title and text (also in
    a ledger written by an earlier version)."""
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = 'documents_au'").fetchone()
    if row is not None and row[0] != _FTS_UPDATE:
        db.execute('DROP TRIGGER "documents_au"')
        db.execute(_FTS_UPDATE)


def _add_missing_columns(db: sqlite_utils.Database, cls: type[Record]) -> None:
    have = set(db[cls.table].columns_dict)
    for name, t in cls.columns().items():
        if name not in have:
            _table(db, cls.table).add_column(name, _SQL_TYPES.get(t, str))


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens `path` read-only (a name with '#' or '?' quoted)."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def check_ledger(path: Path) -> None:
    """Raise LedgerError unless `path` is absent or a SQLite file storytrace can use."""
    if not path.exists():
        return
    try:
        with contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    except sqlite3.DatabaseError as e:
        raise LedgerError(f"{path} is not a SQLite ledger ({e})") from None
    if tables and "documents" not in tables:
        raise LedgerError(f"{path} is a SQLite file but not a storytrace ledger (no documents table)")


def check_free(path: Path) -> None:
    """Raise LedgerError when another storytrace process is writing the ledger (checked
    before any costly work; `writing` takes the lock itself)."""
    lock_path = Path(path).with_name(Path(path).name + ".lock")
    try:
        lock = open(lock_path, "r")
    except OSError:  # no lock file (or none we can read): nobody is writing
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            raise LedgerError(f"{path} is being written by another storytrace process") from None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on LEDGER.lock for the write, the file removed when the write
    ends. A lock taken on a file another writer has just removed does not count: the
    lock is taken again on the file the path names now."""
    lock_path = path.with_name(path.name + ".lock")
    while True:
        lock = open(lock_path, "a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            raise LedgerError(f"{path} is being written by another storytrace process") from None
        try:
            same = os.path.exists(lock_path) and os.path.samestat(os.fstat(lock.fileno()), os.stat(lock_path))
        except OSError:
            same = False
        if same:
            break
        lock.close()  # the file we locked was removed by the writer before us: lock the new one
    try:
        yield
    finally:
        try:
            os.unlink(lock_path)  # while still holding it: a writer that opened it retries on the new path
        except OSError:
            pass
        lock.close()


@contextlib.contextmanager
def writing(path: Path) -> Iterator[sqlite_utils.Database]:
    """Open a working copy of the ledger; on success swap it in atomically, else discard it.

    Only one build may write a ledger at a time (an exclusive lock on LEDGER.lock, a
    file removed when the write ends). Working copies of builds that were killed are
    removed.
    """
    path = Path(path)
    check_ledger(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        _remove_stale_work_files(path)
        work = path.with_name(f".{path.name}.building-{os.getpid()}")
        try:
            if path.exists():
                shutil.copyfile(path, work)
            db = sqlite_utils.Database(work)
            db.conn.execute("pragma journal_mode=delete")
            try:
                create_schema(db)
                db.execute(f"delete from [{META_TABLE}] where key = ?", [PARQUET_COPY])  # (the writer says it again)
                yield db
                _table(db, META_TABLE).insert_all(
                    [
                        {"key": "storytrace_version", "value": __version__},
                        {"key": "code", "value": code_digest()},
                        {"key": "built", "value": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")},
                    ],
                    pk="key",
                    replace=True,
                )
                db.conn.commit()
            finally:
                db.close()
            os.replace(work, path)
        finally:
            if work.exists():
                work.unlink()


def _remove_stale_work_files(path: Path) -> None:
    """Working copies left by a build that was killed (its process is gone)."""
    for old in path.parent.glob(f".{path.name}.building-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                old.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def open_ledger(path: Path) -> sqlite_utils.Database:
    """Open an existing ledger for reading."""
    path = Path(path)
    if not path.exists():
        raise LedgerError(f"no ledger at {path}")
    check_ledger(path)
    return sqlite_utils.Database(path)


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of this storytrace's code (every module of the package): what the stages
    compute is a function of the documents, the corrections and this."""
    h = hashlib.blake2b(digest_size=8)
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def up_to_date(path: Path, steps: str = "") -> bool:
    """Whether the ledger's cross-document tables are what this storytrace would compute
    from its documents and corrections again: last written by this code, with every
    table and column of this schema, by a build that ran `steps` (its analysers and
    stages, as `record_steps` wrote them). A build that adds nothing may then leave it as it is."""
    path = Path(path)
    if not path.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
            if META_TABLE not in tables:
                return False
            meta = dict(conn.execute(f"select key, value from [{META_TABLE}]").fetchall())
            for cls in TABLES:
                if cls.table not in tables:
                    return False
                have = {r[1] for r in conn.execute(f"pragma table_info([{cls.table}])")}
                if not set(cls.columns()) <= have:
                    return False
    except sqlite3.DatabaseError:
        return False
    return (meta.get("storytrace_version") == __version__ and meta.get("schema_version") == str(SCHEMA_VERSION)
            and meta.get("code") == code_digest() and meta.get("steps", "") == steps)


#: What the stages read instead of the texts (annotation tables, or columns the analysers
#: set) -> the analyser that fills it (analyse.ANALYSERS). The ledger says when one holds
#: every document's rows as this code's analysers find them (META_TABLE key = the name,
#: value = `annotation_digest()`); when it does not, the stage that reads it finds them
#: again first (stages.annotated).
READ_BY_STAGES: dict[str, str] = {"mentions": "mentions", "leads": "mentions", "date_mentions": "dates",
                                  "claims.sentence": "claims", "documents.published_spans": "dates"}


@functools.lru_cache(maxsize=1)
def annotation_digest() -> str:
    """A digest of the code the per-document analysers run (analyse/, text/, model.py): rows
    they wrote under another digest are found again from the texts."""
    h = hashlib.blake2b(digest_size=8)
    root = Path(__file__).resolve().parent
    for p in sorted([*root.glob("analyse/*.py"), *root.glob("text/*.py"), root / "model.py"]):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def forget_incomplete(db: sqlite_utils.Database, analysers: Iterable[str]) -> None:
    """Documents were added without some analysers: what those fill no longer holds every
    document's rows, and the stages that read it find them again (stages.annotated; a
    column whose rows were current is marked `partial:` + the digest: only its empty
    values are found)."""
    ran = set(analysers)
    for name, analyser in READ_BY_STAGES.items():
        if analyser not in ran:
            db.execute(f"update [{META_TABLE}] set value = 'partial:' || value where key = ? and value = ?",
                       [name, annotation_digest()])
            db.execute(f"delete from [{META_TABLE}] where key = ? and value not like 'partial:%'", [name])


def steps_of(analysers: Iterable[tuple[str, Any]], cross_stages: Iterable[tuple[str, Any]]) -> str:
    """The names of a build's analysers and stages, as `record_steps` keeps them."""
    return ",".join([n for n, _ in analysers] + ["|"] + [n for n, _ in cross_stages])


PARQUET_COPY = "parquet_copy"  # META_TABLE key: where the last write's complete Parquet copy is, and its token


def parquet_copy(path: Path) -> Optional[tuple[str, str]]:
    """(where, token) of the ledger's complete Parquet copy, when its last write made one
    (a Spark build or correction; any other write of the ledger forgets it: `writing`).
    The token is the one that write left in the copy's folder (engines/spark/engine.py):
    a copy rewritten since, even in part by a write that failed, no longer holds it."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        with contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            row = conn.execute(f"select value from [{META_TABLE}] where key = ?", [PARQUET_COPY]).fetchone()
    except sqlite3.DatabaseError:
        return None
    if not row or "\t" not in row[0]:
        return None
    where, token = row[0].rsplit("\t", 1)
    return where, token


def record_parquet_copy(db: sqlite_utils.Database, out: str, token: str) -> None:
    """Say that this write leaves a complete Parquet copy of the ledger at `out`, marked `token`."""
    _table(db, META_TABLE).insert_all([{"key": PARQUET_COPY, "value": f"{out}\t{token}"}], pk="key", replace=True)


def record_steps(db: sqlite_utils.Database, steps: str) -> None:
    """Say which analysers and stages the build that writes the ledger ran (see up_to_date)."""
    _table(db, META_TABLE).insert_all([{"key": "steps", "value": steps}], pk="key", replace=True)


def insert(db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, Any]], pk: Optional[str] = "id") -> None:
    rows = list(rows)
    if rows:
        _table(db, table).insert_all(rows, pk=pk, replace=True, batch_size=500)


def note_ingested(db: sqlite_utils.Database, sources: Iterable[str]) -> None:
    """Remember, for `record_rejects`, the sources of documents this run added (in a
    temporary table: a run of millions holds none of them in memory)."""
    db.conn.execute("create temp table if not exists storytrace_added (source text)")
    db.conn.executemany("insert into temp.storytrace_added values (?)", ((s,) for s in sources))


def record_rejects(db: sqlite_utils.Database, rejects: list[Reject]) -> None:
    """Add this run's rejects; forget older rejects of inputs this run ingested
    (`note_ingested`), and forget those sources."""
    note_ingested(db, ())
    db.conn.execute("delete from rejects where source in (select source from temp.storytrace_added)")
    db.conn.execute("delete from temp.storytrace_added")
    insert(db, Reject.table, (r.row() for r in rejects))


# ------------------------------------------------------------------------ export

def table_names() -> list[str]:
    return [cls.table for cls in TABLES]


def export(path: Path, outdir: Path, as_csv: bool = False) -> dict[str, int]:
    """Write every contract table to OUTDIR/<table>.jsonl (or .csv). Returns row counts."""
    db = open_ledger(path)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    try:
        for table in table_names():
            target = outdir / f"{table}.{'csv' if as_csv else 'jsonl'}"
            tmp = target.with_name(target.name + ".tmp")
            n = 0
            columns = list(db[table].columns_dict) if table in db.table_names() else []
            rows = db[table].rows if table in db.table_names() else iter(())
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                if as_csv:
                    w = csv.DictWriter(f, fieldnames=columns)
                    w.writeheader()
                    for row in rows:
                        w.writerow(row)
                        n += 1
                else:
                    for row in rows:
                        f.write(json.dumps(row, ensure_ascii=False) + "\n")
                        n += 1
            os.replace(tmp, target)
            counts[table] = n
    finally:
        db.close()
    return counts


# ---------------------------------------------------------------- Datasette metadata

TABLE_DOCS = {
    "documents": "One row per article: its normalised text (every offset points into it), where it came from, and when it was published with the evidence.",
    "events": "Real-world events the figures belong to (stable ids).",
    "claims": "Every figure stated in a sentence, with its bounds, group, attribution and offsets.",
    "figures": "One (event, measure, group) across sources: agreement, conflict, trend, independent origins.",
    "checks": "Consistency findings: parts exceeding their whole, subsets exceeding their set, self-contradictions.",
    "reuse": "Passages copied between documents, oriented from the earlier publication, with the edits.",
    "quotes": "Direct quotations and their speakers, with offsets.",
    "terms": "How each document labels an event (massacre, tragedy, ...) and in whose voice.",
    "mentions": "Every named event a document mentions (\"the Khojaly massacre\", \"the fire on Lake Veldra\"), with its year, sentence and the kind of line it is in: found once per document, read by the events, terms and dating stages.",
    "date_mentions": "Every date a document's opening gives (\"on Tuesday\", \"Feb. 26, 1992\", \"the 33rd anniversary of ...\"), whether it can date the document, with offsets: found once per document, read by the dating stages.",
    "leads": "Each document's opening as the events stage reads it: where its lead (its first two body sentences) ends, its first sentences, its first line, the latest year it names.",
    "corrections": "People's overrides, applied on every rebuild.",
    "datings": "Every answer a dating rule gave about a document's publication date (its own metadata, URL or text; a correction; its passages, story, outlet ids or events), with the evidence's offsets; documents.published is the row whose status says chosen, and why.",
    "rejects": "Inputs that were not ingested, and why.",
}

COLUMN_DOCS = {
    "documents": {
        "source": "path, path:line or path#record (or URL) the document was read from",
        "published": "publication date (ISO 8601)",
        "published_how": "how the date was found: metadata, header, url, stamp, dateline, anniversary, relative, weekday, story, serial, event, correction",
        "published_evidence": "the exact text that dates it, or the metadata field",
        "event_id": "the document's main event (its story)",
        "text": "normalised article text; all offsets in the ledger are Python string indices into it",
        "boilerplate": "page furniture removed from the text (one line each)",
        "record_id": "the id the input record carried, if any",
        "kind": "article, or a page with no reporting (gallery, posts, video, links): it joins no story and seeds no event",
        "notes": "how the input was read, when it matters (encoding, unreadable date)",
    },
    "claims": {
        "start": "start of the number in documents.text",
        "end": "end (exclusive) of the number",
        "measure": ", ".join(MEASURES),
        "group": "the subset counted (women, children, ...; families as a unit; orphaned: 'one parent' or 'both parents'), null for the overall figure",
        "qualifier": "exact, at_least, more_than, at_most, less_than, about, nearly, range, vague",
        "low": "the lowest value the wording allows (README: bounds by qualifier)",
        "high": "the highest value the wording allows; null when open ('at least 21')",
        "segment": "the kind of text the number is in: body, headline, subhead, caption, credit, sidebar, embed (body claims make figure rows; a headline claim only beside another document's figure)",
        "confidence": "how sure the placement under event_id is, 0-1",
        "placement": "why the claim is tied to event_id (its evidence), or 'unplaced: why' (then it makes no figure row)",
    },
    "events": {
        "label": "a short name for the event, from its sources",
        "date": "ISO date, year, or an interval A/B ('..' for an open end)",
        "actors": "JSON list of actors as the sources name them",
        "historic": "1 when the documents recall the event rather than report it as news",
        "date_evidence": "what dates the event, said plainly",
        "n_docs": "documents that report or recall it",
        "aliases": "JSON: ids of named events found to be this one (a story's own event under a name its documents use)",
    },
    "figures": {
        "status": "single (one document), agree (one value fits every source's bounds), conflict (independent named "
                  "sources disagree where time cannot explain it: the same trusted day, a settled past event, or two "
                  "sources' own counts standing apart day after day), revised "
                  "(a developing event's values that differ over time)",
        "trend": "rising, falling: trusted-dated values that moved one way over at least two trusted days "
                 "(null: none shown)",
        "best": "what a fact-checker would publish: a settled event's value most independent origins give; a developing "
                "event's latest trusted-dated value (a late report does not lower a count that only grows)",
        "low": "the lowest lower bound any source's wording allows",
        "high": "the highest upper bound any source's wording allows (null: a source leaves it open, 'at least 21')",
        "conservative": "the lowest value a source states as a count (see rule)",
        "n_origins": "independent origins: one per primary source under any of its names, one per copy lineage; "
                     "never more than documents; reports naming no source (or a generic 'Officials') count only "
                     "when no source is named; a source that only gives a ceiling or a vague count beside others' "
                     "numbers, or (a hospital, a company, a union) only shares of a named source's count, is not counted",
        "origins": "JSON: each origin with its name, what it is known by, its values and documents; reports naming "
                   "no source that only repeat named sources carry 'relays' (those sources), others beside a named source "
                   "'unsourced', a source that only gives a ceiling ('up to 90') 'ceiling_only', one that only gives a vague "
                   "count ('dozens') beside others' numbers 'vague_only', one whose every count is below half of another named "
                   "source's highest count printed before it (a toll: only when its name says it counts its own, a "
                   "hospital, a company, a union; the missing, the hospitalised: that day) 'share': none is counted",
        "genealogy": "JSON: each value -> the documents that state it, in publication order",
        "copy_edits": "JSON: number edits in copied passages that changed one of this figure's claims",
        "sides": "JSON: for a conflict, each value with the documents and origins that give it",
    },
    "reuse": {
        "source_doc": "the earlier document",
        "edits": 'JSON list of {"from", "to", offsets, "number": true when a figure changed}',
        "kind": "passage, duplicate, boilerplate",
        "direction": "how the order is known: dates, same_day, undated",
        "lineage": "id shared by documents joined by copies",
    },
    "quotes": {"text": "the quotation", "speaker": "who said it, as the document names them",
               "speaker_key": "one key per person or body whatever the spelling ('person cavusoglu', 'ministry foreign "
                              "affairs'): count speakers by it"},
    "mentions": {"event_id": "the event it names (events.id), as the events stage resolved it; null: no event row",
                 "located": "its name is written as a place ('the attack on Barda', 'in Khojaly'): events.place comes only from these",
                 "deixis": "what the words before it say of its time: current ('this week's floods'), other ('a separate "
                           "flood'), or null; a separate event is never the story's own"},
    "terms": {
        "term": "the label or loaded word",
        "voice": "own, quoted (see speech), title",
        "kind": "label (a word for the event) or loaded (emotive wording)",
        "speech": "direct (inside quotation marks) or reported (X said ...)",
        "spans": "JSON [[start, end], ...] in documents.text",
        "title_spans": "JSON [[start, end], ...] in documents.title",
        "mentions": "JSON: each use, its phrase, how its voice was found, the named event it refers to",
    },
    "corrections": {
        "target": "claim:ID, document:ID or event:ID",
        "status": "applied, or why not (written on every build)",
        "anchors": "JSON: a document of each event named, used when the event's id changes",
    },
    "datings": {
        "stage": "document (its own evidence), correction, passages, story, serial (outlet ids), event",
        "evidence": "the exact text(s), ' + '-joined, or the metadata field",
        "spans": "JSON [[start, end], ...]: where each piece of the evidence stands in the document's text",
        "confidence": "the share of datings of this kind that were right on the dev data",
        "status": "chosen: why / candidate / withdrawn: why",
    },
    "rejects": {"reason": "why the input was not ingested"},
}

#: Datasette facets per table (only columns the schema has are used).
FACETS = {
    "documents": ["outlet", "event_id", "published_how", "published_confidence", "published_precision", "language",
                  "input_format"],
    "events": ["type", "historic"],
    "claims": ["measure", "event_id", "group", "qualifier"],
    "figures": ["measure", "event_id", "status", "trend"],
    "checks": ["kind"],
    "reuse": ["kind", "direction"],
    "quotes": ["speaker"],
    "terms": ["term", "voice", "kind", "event_id"],
    "datings": ["stage", "how", "status"],
    "mentions": ["key", "noun", "segment"],
    "date_mentions": ["kind", "reporting"],
    "rejects": ["reason"],
}


#: Every column's description: the comment beside its field in model.py.
_MODEL_DOCS = {cls.table: cls.column_docs() for cls in TABLES}


def datasette_metadata(path: Path) -> dict[str, Any]:
    db_name = Path(path).stem
    tables: dict[str, Any] = {}
    for table in table_names():
        entry: dict[str, Any] = {"description": TABLE_DOCS[table]}
        docs = {**_MODEL_DOCS.get(table, {}), **COLUMN_DOCS.get(table, {})}  # the longer words here win
        if docs:
            entry["columns"] = docs
        tables[table] = entry
    columns = {cls.table: set(cls.columns()) for cls in TABLES}
    for table, facets in FACETS.items():
        tables[table]["facets"] = [f for f in facets if f in columns.get(table, ())]
    # full-text search on title and text (create_schema's FTS5 table, keyed by rowid)
    tables["documents"].update({"fts_table": "documents_fts", "fts_pk": "rowid", "searchmode": "raw"})
    tables["events"]["label_column"] = "label"
    return {
        "title": f"storytrace ledger: {db_name}",
        "description": "What the news says about an event: every figure, date, copied passage and label, traced to the sentence it came from.",
        "source": "storytrace",
        "databases": {db_name: {"tables": tables}},
    }


def write_metadata(path: Path) -> Path:
    """Write LEDGER's Datasette metadata beside it (`datasette LEDGER -m THIS`)."""
    path = Path(path)
    target = path.with_name(path.stem + ".metadata.json")
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(datasette_metadata(path), indent=2), encoding="utf-8")
    os.replace(tmp, target)
    return target


def count_rows(db: sqlite_utils.Database) -> dict[str, int]:
    return {t: db[t].count for t in table_names() if t in db.table_names()}


def documents(db: sqlite_utils.Database) -> Iterator[Document]:
    """Every Document in the ledger, in insertion order (for cross-document stages)."""
    cols = list(Document.columns())
    for row in db.conn.execute(f"select {', '.join(cols)} from documents order by rowid"):
        yield Document(**dict(zip(cols, row)))
