"""The local engine: analysers plug in by name, results do not depend on the worker count."""

from __future__ import annotations

import re
import sqlite3

from storytrace.engines import local as pipeline
from storytrace.analyse import analyse
from storytrace.model import Annotations, Claim, Document, Reject, make_id

_NUM = re.compile(r"\b\d+\b")


def digits_analyser(doc: Document) -> Annotations:
    """A test analyser: every bare number becomes a claim of measure 'other'."""
    claims = [
        Claim(id=make_id(doc.id, m.start()), doc_id=doc.id, start=m.start(), end=m.end(),
              sentence_start=m.start(), sentence_end=m.end(), measure="other", value=float(m.group()))
        for m in _NUM.finditer(doc.text)
    ]
    return Annotations(doc.id, claims=claims)


def failing_analyser(doc: Document) -> Annotations:
    if "fails" in doc.text:
        raise ValueError("cannot handle this one")
    return Annotations(doc.id)


def test_analyse_unions_analysers():
    doc = Document(id="d", source="s", text="7 boats and 12 people")
    ann = analyse(doc, [("a", digits_analyser), ("b", digits_analyser)])
    assert [c.value for c in ann.claims] == [7, 12, 7, 12]


def test_registered_analyser_fills_its_table(tmp_path):
    (tmp_path / "a.txt").write_text("Rescuers pulled 14 people from the river on Monday, officials said.")
    db_path = tmp_path / "l.db"
    pipeline.build(db_path, [str(tmp_path / "a.txt")], analysers=[("digits", digits_analyser)])
    rows = sqlite3.connect(db_path).execute("select c.value, substr(d.text, c.start + 1, c.end - c.start) from claims c join documents d on d.id = c.doc_id").fetchall()
    assert rows == [(14.0, "14")]


def test_analyser_error_is_a_reject_and_the_run_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("The harbour reopened after the storm had passed on Friday.")
    (tmp_path / "bad.txt").write_text("This particular article fails the analyser for the test.")
    report = pipeline.build(tmp_path / "l.db", [str(tmp_path)], analysers=[("f", failing_analyser)])
    assert report.added == 1
    assert len(report.rejects) == 1
    assert report.rejects[0].source.endswith("bad.txt")
    assert "internal error while analysing: ValueError" in report.rejects[0].reason


def test_workers_give_the_same_ledger(tmp_path, example_dir):
    def dump(path):
        conn = sqlite3.connect(path)
        return conn.execute("select id, source, text, published, boilerplate from documents order by rowid").fetchall()

    one = pipeline.build(tmp_path / "one.db", [str(example_dir)], workers=1)
    two = pipeline.build(tmp_path / "two.db", [str(example_dir)], workers=2)
    assert one.added == two.added == 10
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")


def test_cross_stage_runs_inside_the_build(tmp_path, example_dir):
    seen = []

    def count_stage(db):
        seen.append(db["documents"].count)

    pipeline.build(tmp_path / "l.db", [str(example_dir)], cross_stages=[("count", count_stage)])
    assert seen == [10]


def test_extract_yields_record_ids(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "r1", "text": "Two people were hurt when a crane fell in the port."}\n')
    out = list(pipeline.extract([str(path)], analysers=[("digits", digits_analyser)]))
    assert out == [{"id": "r1", "source": out[0]["source"], "claims": [], "totals": {}}] and out[0]["source"].endswith(":1")


def test_documents_analysed_together_get_what_each_gets_alone(example_dir):
    # the claims analyser parses a chunk's sentences in one call: the claims are those of each alone
    from storytrace.analyse import analyse_many
    from storytrace.ingest import expand, prepare, read_file

    files, _ = expand([str(example_dir)])
    docs = [prepare(raw) for f in files for raw in read_file(f, 2**26)]
    docs = [d for d in docs if isinstance(d, Document)]
    assert len(docs) == 10
    together = analyse_many(docs)
    alone = [analyse(d) for d in docs]
    assert sum(len(a.claims) for a in alone) > 20
    assert [a.rows() for a in together] == [a.rows() for a in alone]


def test_a_batched_analyser_that_fails_rejects_only_its_document(tmp_path):
    def batched(doc: Document) -> Annotations:
        return failing_analyser(doc)

    batched.many = lambda docs: [failing_analyser(d) for d in docs]  # type: ignore[attr-defined]
    for i in range(5):
        (tmp_path / f"good{i}.txt").write_text(f"The harbour reopened after the storm number {i} had passed.")
    (tmp_path / "bad.txt").write_text("This particular article fails the analyser for the test.")
    report = pipeline.build(tmp_path / "l.db", [str(tmp_path)], analysers=[("f", batched)], workers=1)
    assert report.added == 5
    assert [r.source.rsplit("/", 1)[-1] for r in report.rejects] == ["bad.txt"]


def test_a_rebuild_with_nothing_new_leaves_the_ledger_as_it_was(tmp_path, example_dir):
    ledger = tmp_path / "l.db"
    analysed, staged = [], []

    def counting(doc: Document) -> Annotations:
        analysed.append(doc.id)
        return Annotations(doc.id)

    steps = {"analysers": [("count", counting)], "cross_stages": [("count", lambda db: staged.append(1))]}
    pipeline.build(ledger, [str(example_dir)], workers=1, **steps)
    assert len(analysed) == 10 and staged == [1]
    before = ledger.read_bytes()
    analysed.clear()
    staged.clear()
    again = pipeline.build(ledger, [str(example_dir)], workers=1, **steps)
    assert again.unchanged and (again.added, again.already) == (0, 10)
    assert analysed == [] and staged == []  # known documents are not analysed again; no stage runs
    assert ledger.read_bytes() == before
    assert not ledger.with_name("l.db.lock").exists()  # the lock file goes with the write


def test_a_new_document_reruns_the_stages_and_only_it_is_analysed(tmp_path, example_dir):
    import shutil

    folder = tmp_path / "in"
    shutil.copytree(example_dir, folder)
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    (folder / "new.txt").write_text("Rescuers pulled 14 people from the river on Monday, officials said.")
    analysed, staged = [], []

    def counting(doc: Document) -> Annotations:
        analysed.append(doc.text)
        return Annotations(doc.id)

    report = pipeline.build(ledger, [str(folder)], workers=1, analysers=[("count", counting)],
                            cross_stages=[("count", lambda db: staged.append(1))])
    assert not report.unchanged and (report.added, report.already) == (1, 10)
    assert staged == [1]
    assert analysed == ["Rescuers pulled 14 people from the river on Monday, officials said."]


def test_an_id_set_holds_document_ids_as_numbers(example_dir):
    from hypothesis import given, strategies as st
    from storytrace.ingest import expand, prepare, read_file

    files, _ = expand([str(example_dir)])
    raws = [raw for f in files for raw in read_file(f, 2**26)]
    ids = [prepare(raw).id for raw in raws]
    known = pipeline.IdSet(ids[:5] + ["not-a-hex-id"])
    assert len(known) == 6 and known.ids.nbytes == 5 * 8
    assert [i in known for i in ids] == [True] * 5 + [False] * (len(ids) - 5)
    assert "not-a-hex-id" in known and "zzzzzzzzzzzzzzzz" not in known and None not in known
    # only lower-case 16-hex ids are numbers; any other id is itself (as the JVM's anti-join compares)
    odd = pipeline.IdSet(["ABCDEF0123456789", "0x23456789abcdef", "-123456789abcdef"])
    assert "ABCDEF0123456789" in odd and "abcdef0123456789" not in odd
    assert "0x23456789abcdef" in odd and "0023456789abcdef" not in odd and "-123456789abcdef" in odd
    # the documents it holds are prepared, not analysed (how the Spark executors skip them)
    done = pipeline.process_many(raws, [("boom", int)], known=pipeline.IdSet(ids))  # int(document) would raise
    assert [d.id for d, _ in done] == ids and not any(rows for _, a in done for rows in a.rows().values())
    assert all(isinstance(r, Reject) for r in pipeline.process_many(raws[:2], [("boom", int)], known=pipeline.IdSet(ids[2:])))

    @given(st.lists(st.integers(0, 2**64 - 1), max_size=30), st.integers(0, 2**64 - 1))
    def same_as_a_set(numbers, probe):
        hexes = [f"{n:016x}" for n in numbers]
        assert (f"{probe:016x}" in pipeline.IdSet(hexes)) == (f"{probe:016x}" in set(hexes))
        assert all(h in pipeline.IdSet(hexes) for h in hexes)

    same_as_a_set()


def test_an_input_item_read_before_is_not_read_again(tmp_path, example_dir, monkeypatch):
    import shutil

    folder = tmp_path / "in"
    shutil.copytree(example_dir, folder)
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    conn = sqlite3.connect(ledger)
    assert conn.execute("select count(*), count(distinct raw_digest) from documents").fetchone() == (10, 10)
    conn.close()
    (folder / "new.txt").write_text("Rescuers pulled 14 people from the river on Monday, officials said.")
    read: list[str] = []
    real = pipeline.prepare

    def counting(raw):
        read.append(raw.source)
        return real(raw)

    monkeypatch.setattr(pipeline, "prepare", counting)
    report = pipeline.build(ledger, [str(folder)], workers=1)
    assert (report.added, report.already) == (1, 10) and [s.rsplit("/", 1)[-1] for s in read] == ["new.txt"]
    # an item whose bytes changed is read again (and, its text changed, is a new document)
    (folder / "new.txt").write_text("Rescuers pulled 15 people from the river on Monday, officials said.")
    read.clear()
    report = pipeline.build(ledger, [str(folder)], workers=1)
    assert (report.added, report.already, len(read)) == (1, 10, 1)
    # a ledger without the digests (an earlier release's) gets them at its first build, then reads nothing again
    with sqlite3.connect(ledger) as conn:
        conn.execute("update documents set raw_digest = null")
        conn.execute("update _storytrace set value = 'another' where key = 'code'")
    read.clear()
    assert pipeline.build(ledger, [str(folder)], workers=1).already == 11 and len(read) == 11
    read.clear()
    again = pipeline.build(ledger, [str(folder)], workers=1)
    assert again.unchanged and read == []


def test_a_known_reject_is_not_a_new_failure(tmp_path):
    (tmp_path / "good.txt").write_text("The harbour reopened after the storm had passed on Friday, the port said.")
    (tmp_path / "empty.txt").write_text("")
    ledger = tmp_path / "l.db"
    first = pipeline.build(ledger, [str(tmp_path / "good.txt"), str(tmp_path / "empty.txt")], workers=1)
    assert len(first.rejects) == 1 and first.known_rejects == 0
    told = []
    again = pipeline.build(ledger, [str(tmp_path / "good.txt"), str(tmp_path / "empty.txt")], workers=1,
                           on_reject=told.append)
    assert len(again.rejects) == 1 and again.known_rejects == 1 and told == [] and again.unchanged


def test_a_ledger_written_by_other_code_or_schema_is_recomputed(tmp_path, example_dir):
    # "nothing new" holds only for a ledger this code wrote with this schema: else every stage runs again
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(example_dir)], workers=1)
    with sqlite3.connect(ledger) as conn:
        conn.execute("update _storytrace set value = 'another' where key = 'code'")
    staged = []
    again = pipeline.build(ledger, [str(example_dir)], workers=1, cross_stages=[("count", lambda db: staged.append(1))])
    assert not again.unchanged and staged == [1]
    with sqlite3.connect(ledger) as conn:
        conn.execute("alter table figures drop column sides")  # a ledger from before a column existed
    assert not pipeline.build(ledger, [str(example_dir)], workers=1).unchanged
    assert pipeline.build(ledger, [str(example_dir)], workers=1).unchanged


def test_a_ledger_built_with_other_stages_is_not_taken_as_settled(tmp_path, example_dir):
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(example_dir)], workers=1, cross_stages=[])  # no cross-document stage ran
    assert not pipeline.build(ledger, [str(example_dir)], workers=1).unchanged  # so this build runs them
    assert pipeline.build(ledger, [str(example_dir)], workers=1).unchanged
