"""The ledger schema follows ../shared/CONTRACT.md, and writes are atomic."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from storytrace import ledger
from storytrace.engines import local as pipeline
from storytrace.model import TABLES, Document, make_id

# The contract's tables and their fields ("at least").
CONTRACT = {
    "documents": "id source url outlet title published published_how published_evidence language event_id text boilerplate",
    "events": "id label type date date_precision place actors historic",
    "claims": "id doc_id start end sentence_start sentence_end event_id measure group victims value low high qualifier what attributed_to in_quote figure_id",
    "figures": "id event_id measure group status trend low best high conservative rule n_docs n_claims n_origins origins",
    "checks": "id kind figure_ids claim_ids detail",
    "reuse": "id source_doc target_doc source_start source_end target_start target_end score edits kind",
    "quotes": "id doc_id start end speaker speaker_start speaker_end text",
    "terms": "doc_id event_id term voice count",
    "corrections": "id target field value note author created",
    "rejects": "source reason",
}
# Tables the ledger has beyond the contract (README: where we differ from the contract).
BEYOND = {"datings": "id doc_id stage how evidence spans published precision low high confidence status",
          "mentions": "id doc_id start end name key noun year sentence_start sentence_end segment",
          "date_mentions": "id doc_id start end text kind year month day weekday reporting period_start period_end",
          "leads": "id doc_id lead_end lede_start lede_end opening first_line latest_year terms names year_named"}


def test_every_contract_table_and_field(example_ledger):
    db = sqlite_utils.Database(example_ledger)
    for table, fields in CONTRACT.items():
        assert table in db.table_names()
        missing = set(fields.split()) - set(db[table].columns_dict)
        assert not missing, f"{table} lacks {missing}"
    assert {cls.table for cls in TABLES} == set(CONTRACT) | set(BEYOND)
    for table, fields in BEYOND.items():
        assert set(fields.split()) <= set(db[table].columns_dict)


def test_ids_are_content_hashes():
    assert make_id("doc", "text", "a.txt") == make_id("doc", "text", "a.txt")
    assert make_id("doc", "text", "a.txt") != make_id("doc", "text", "b.txt")
    assert Document.make_id("same words", "x.txt") == Document.make_id("same words", "x.txt")
    assert len(Document.make_id("t", None)) == 16


def test_example_ids_are_stable_across_builds(tmp_path, example_dir, example_ledger):
    again = tmp_path / "again.db"
    pipeline.build(again, [str(example_dir)], workers=2)
    ids = lambda p: sorted(r[0] for r in sqlite3.connect(p).execute("select id from documents"))  # noqa: E731
    assert ids(again) == ids(example_ledger)


def test_writing_is_atomic(tmp_path):
    path = tmp_path / "l.db"
    with ledger.writing(path) as db:
        db["documents"].insert(Document(id="d1", source="s", text="words here").row())
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with ledger.writing(path) as db:
            db["documents"].insert(Document(id="d2", source="s2", text="more words").row())
            raise RuntimeError("stop mid-build")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "building" in p.name] == []


def test_second_writer_is_refused(tmp_path):
    path = tmp_path / "l.db"
    with ledger.writing(path):
        with pytest.raises(ledger.LedgerError, match="another storytrace process"):
            with ledger.writing(path):
                pass


def test_not_a_ledger(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database")
    with pytest.raises(ledger.LedgerError, match="not a SQLite ledger"):
        with ledger.writing(bad):
            pass
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["things"].insert({"a": 1})
    with pytest.raises(ledger.LedgerError, match="not a storytrace ledger"):
        ledger.check_ledger(other)


def test_full_text_search(example_ledger):
    db = sqlite_utils.Database(example_ledger)
    hits = list(db["documents"].search("capsized"))
    assert hits and all("capsized" in h["text"].lower() for h in hits)


def test_datasette_metadata_names_tables(tmp_path, example_ledger):
    meta = ledger.datasette_metadata(example_ledger)
    tables = meta["databases"][example_ledger.stem]["tables"]
    assert set(tables) == set(CONTRACT) | set(BEYOND)
    assert all(t["description"] for t in tables.values())


def test_a_ledger_of_an_earlier_version_stops_reindexing_every_update(tmp_path):
    import sqlite_utils

    from storytrace.ledger import create_schema

    db = sqlite_utils.Database(tmp_path / "old.db")
    create_schema(db)
    db.execute('DROP TRIGGER "documents_au"')
    db.execute('CREATE TRIGGER "documents_au" AFTER UPDATE ON "documents" BEGIN SELECT 1; END')  # any column
    create_schema(db)
    sql = db.execute("select sql from sqlite_master where name = 'documents_au'").fetchone()[0]
    assert 'AFTER UPDATE OF "title", "text" ON "documents"' in sql
