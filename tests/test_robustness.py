"""Regressions from review: inputs that once crashed a run or were lost, and exit statuses."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from click.testing import CliRunner

from storytrace import cli as cli_mod
from storytrace.engines import local as pipeline
from storytrace.cli import cli

GOOD = "Rescuers reached the flooded village of Marrow Fen on Monday, officials said."


def _docs(path):
    return sqlite3.connect(path).execute("select record_id, text from documents order by rowid").fetchall()


def test_odd_json_records_are_rejects_not_crashes(tmp_path):
    lines = [
        json.dumps({"id": "ok", "text": GOOD}),
        "[" * 100_000 + "]" * 100_000,  # nested too deeply for the JSON parser
        json.dumps({"id": "d", "date": "Mon, 26 Feb 99999999999999999999 10:00:00 GMT", "text": GOOD + " Again."}),
        '{"id": "s", "title": "Half an emoji \\ud83d", "text": "A lone surrogate \\ud83d sits in this sentence about the harbour."}',
    ]
    src = tmp_path / "odd.jsonl"
    src.write_text("\n".join(lines) + "\n")
    report = pipeline.build(tmp_path / "l.db", [str(src)], workers=1)
    assert report.added == 3
    assert [r.source.rsplit(":", 1)[1] for r in report.rejects] == ["2"]
    assert "JSON record is a list, not an object" in report.rejects[0].reason  # read iteratively: it is a list
    texts = dict(_docs(tmp_path / "l.db"))
    assert texts["s"] == "A lone surrogate sits in this sentence about the harbour."


def test_record_identity_survives_lines_moving(tmp_path):
    src = tmp_path / "feed.jsonl"
    src.write_text(json.dumps({"text": GOOD}) + "\n")
    pipeline.build(tmp_path / "l.db", [str(src)])
    src.write_text(json.dumps({"text": "A new story arrived above the old one in this feed today."}) + "\n" + json.dumps({"text": GOOD}) + "\n")
    again = pipeline.build(tmp_path / "l.db", [str(src)])
    assert (again.added, again.already) == (1, 1)


def test_symlinked_folders_are_followed_once(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(GOOD)
    top = tmp_path / "top"
    top.mkdir()
    (top / "b.txt").write_text("The ferry service resumed after the storm passed over the lake.")
    os.symlink(real, top / "linked")
    os.symlink(top, top / "loop")  # a link back up must not loop
    report = pipeline.build(tmp_path / "l.db", [str(top)])
    assert report.added == 2 and not report.rejects


def test_json_list_larger_than_one_article_limit(tmp_path):
    records = [{"id": str(i), "text": f"Story number {i} tells of a quiet market day in the old town square."} for i in range(400)]
    src = tmp_path / "list.json"
    src.write_text(json.dumps(records))
    assert src.stat().st_size > 2**15
    report = pipeline.build(tmp_path / "l.db", [str(src)], max_bytes=2**15)  # the whole file is over one article's limit
    assert report.added == 400 and not report.rejects
    big = tmp_path / "big.json"
    big.write_text(json.dumps([{"id": "huge", "text": "word " * 10_000}, records[0]]))
    report = pipeline.build(tmp_path / "m.db", [str(big)], max_bytes=2**15)  # but one record over it is rejected
    assert report.added == 1 and [r.source for r in report.rejects] == [f"{big}#0"]
    assert "record text too large" in report.rejects[0].reason


def test_no_readable_input_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "l.db"), str(tmp_path / "none-*.txt")])
    assert result.exit_code == 2
    assert "no file matches this pattern" in result.output
    assert not (tmp_path / "l.db").exists()
    assert CliRunner().invoke(cli, ["extract", str(tmp_path / "missing.jsonl")]).exit_code == 2


def _exit_when_build_raises(tmp_path, monkeypatch, error: BaseException) -> int:
    """`storytrace build` run through main() with the build raising `error`: the exit status."""
    (tmp_path / "a.txt").write_text(GOOD)

    def fails(*args, **kwargs):
        raise error

    monkeypatch.setattr(cli_mod.local, "build", fails)
    monkeypatch.setattr("sys.argv", ["storytrace", "build", str(tmp_path / "l.db"), str(tmp_path / "a.txt")])
    with pytest.raises(SystemExit) as e:
        cli_mod.main()
    return e.value.code


def test_a_crash_exits_3_not_1(tmp_path, monkeypatch, capsys):
    assert _exit_when_build_raises(tmp_path, monkeypatch, ZeroDivisionError("a bug")) == 3
    assert "crashed" in capsys.readouterr().err


def test_stale_working_copy_is_removed(tmp_path):
    ledger = tmp_path / "l.db"
    stale = tmp_path / ".l.db.building-999999999"  # no such process
    stale.write_text("left by a killed build")
    (tmp_path / "a.txt").write_text(GOOD)
    pipeline.build(ledger, [str(tmp_path / "a.txt")])
    assert not stale.exists() and ledger.exists()


def test_run_on_paragraph_stays_linear():
    """One 'sentence' of ~45,000 words with quotes, speech verbs, event nouns and years:
    every analyser finishes in seconds (quotes, framing and event names were quadratic)."""
    from conftest import grows_linearly

    from storytrace.analyse import ANALYSERS
    from storytrace.analyse.mentions import named_events
    from storytrace.model import Document

    def run(n: int) -> None:
        para = " ".join(['The Orrin valley attack killed 21 people, he said, and "the massacre" was recalled by '
                         "officials in 1994"] * n)
        doc = Document(id="runon", source="runon.txt", text=para)
        for _name, analyser in ANALYSERS:
            analyser(doc)
        named_events(para)

    ok, t_small, t_large = grows_linearly(run, 2500 // 8, 2500, repeat=2)
    assert ok, f"an eighth: {t_small:.2f} s, the whole: {t_large:.2f} s (quadratic?)"


def test_usage_errors_come_before_the_language_model(tmp_path, example_dir):
    # a non-SQLite ledger and a ledger another process is writing: said before spaCy is even imported
    import fcntl
    import subprocess
    import sys

    (tmp_path / "notes.db").write_text("not a database")
    (tmp_path / "busy.db.lock").write_text("")
    code = ("import sys\nfrom storytrace.cli import cli\n"
            "try:\n    cli(sys.argv[1:])\nexcept SystemExit as e:\n    print('exit', e.code, 'spacy' in sys.modules)\n")
    with open(tmp_path / "busy.db.lock") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for ledger, says in (("notes.db", "not a SQLite ledger"), ("busy.db", "being written by another")):
            run = subprocess.run([sys.executable, "-c", code, "build", str(tmp_path / ledger), str(example_dir)],
                                 capture_output=True, text=True)
            assert run.stdout.strip() == "exit 2 False", run.stdout + run.stderr
            assert says in run.stderr


def test_a_rebuild_with_only_known_rejects_exits_0(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "in" / "empty.txt").write_text("")
    args = ["build", str(tmp_path / "l.db"), str(tmp_path / "in")]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 1 and "rejected: " in first.output
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert "rejected: " not in again.output and "1 rejected as before" in again.output
    assert "the ledger is unchanged" in again.output


@pytest.mark.parametrize("error", [
    PermissionError(13, "Permission denied", "/read-only/l.db"),
    OSError(28, "No space left on device", "/full/l.db"),
    sqlite3.OperationalError("database or disk is full"),
])
def test_an_environment_error_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, error):
    assert _exit_when_build_raises(tmp_path, monkeypatch, error) == 2
    said = capsys.readouterr().err
    assert "Traceback" not in said and "the ledger was left as it was" in said
    assert len(said.strip().splitlines()) == 1


def test_a_report_into_a_folder_that_cannot_be_written_is_exit_2(tmp_path, monkeypatch, capsys, example_ledger):
    import storytrace.report as report_mod

    def fails(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "ro" / "r.html"))

    monkeypatch.setattr(report_mod, "write_report", fails)
    monkeypatch.setattr("sys.argv", ["storytrace", "report", str(example_ledger), "-o", str(tmp_path / "ro" / "r.html")])
    with pytest.raises(SystemExit) as e:
        cli_mod.main()
    assert e.value.code == 2 and "Permission denied" in capsys.readouterr().err


def test_a_record_nested_too_deeply_keeps_its_text(tmp_path):
    deep = ('{"text": "Two people died when a crane fell in the port of Marrow on Monday, officials said.", '
            '"title": "Crane falls", "meta": ' + "[" * 100_000 + "]" * 100_000 + ', "more": {"a": [1, {"b": "]"}]}}')
    (tmp_path / "deep.json").write_text(deep)
    (tmp_path / "deep.jsonl").write_text(deep.replace("Two people", "Three people") + "\n")
    report = pipeline.build(tmp_path / "l.db", [str(tmp_path / "deep.json"), str(tmp_path / "deep.jsonl")], workers=1)
    assert report.added == 2 and not report.rejects
    rows = sqlite3.connect(tmp_path / "l.db").execute("select title, notes from documents order by source").fetchall()
    assert all(title == "Crane falls" and "nested deeper than 64 levels were not read" in notes for title, notes in rows)


def test_a_text_longer_than_an_article_is_refused_with_the_reason_and_announced(tmp_path, monkeypatch):
    import storytrace.ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "MAX_ARTICLE_CHARS", 2000)
    monkeypatch.setattr(pipeline, "LONG_DOCUMENT", 1000)
    (tmp_path / "book.txt").write_text((GOOD + " ") * 40)
    (tmp_path / "a.txt").write_text(GOOD)
    long = []
    report = pipeline.build(tmp_path / "l.db", [str(tmp_path)], workers=1, on_long=long.append)
    assert report.added == 1
    (r,) = report.rejects
    assert r.source.endswith("book.txt") and "longer than one article storytrace analyses" in r.reason
    assert [raw.source.rsplit("/", 1)[-1] for raw in long] == ["book.txt"]


def test_an_interrupt_says_the_ledger_is_unchanged(tmp_path, monkeypatch, capsys):
    assert _exit_when_build_raises(tmp_path, monkeypatch, KeyboardInterrupt()) == 130
    assert "the ledger was left as it was" in capsys.readouterr().err


def test_an_unclosed_string_in_deep_json_is_read_in_linear_time():
    from conftest import grows_linearly

    from storytrace.ingest.sources import parse_json

    def bad(n: int) -> bytes:
        return ('{"x": ' + "[" * 3000 + '"' + '\\"' * n).encode()

    ok, t_small, t_large = grows_linearly(lambda n: parse_json(bad(n), "w", "line"), 10_000, 80_000)
    assert ok, f"{t_small:.3f} s vs {t_large:.3f} s (quadratic?)"
    assert "malformed JSON" in parse_json(bad(10), "w", "line").reason


def test_only_the_record_that_lost_values_says_so(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    (tmp_path / "list.json").write_text('[{"text": "' + GOOD + '"}, {"text": "' + GOOD + ' Again.", "x": ' + deep + "}]")
    pipeline.build(tmp_path / "l.db", [str(tmp_path / "list.json")], workers=1)
    notes = dict(sqlite3.connect(tmp_path / "l.db").execute("select source, notes from documents").fetchall())
    assert notes[str(tmp_path / "list.json") + "#0"] is None
    assert "not read" in notes[str(tmp_path / "list.json") + "#1"]


def test_a_bug_in_sqlite_use_is_a_crash_not_a_reject_count(tmp_path, monkeypatch, capsys):
    assert _exit_when_build_raises(tmp_path, monkeypatch, sqlite3.OperationalError("no such table: events")) == 3
    assert "crashed" in capsys.readouterr().err


def test_a_ledger_name_with_hash_or_question_mark(tmp_path, example_dir):
    ledger = tmp_path / "run#1?.db"
    assert CliRunner().invoke(cli, ["build", str(ledger), str(example_dir), "-q"]).exit_code == 0
    assert CliRunner().invoke(cli, ["report", str(ledger), "-o", str(tmp_path / "r.html")]).exit_code == 0
    assert CliRunner().invoke(cli, ["export", str(ledger), str(tmp_path / "o"), "--claims-jsonld"]).exit_code == 0
    assert not (tmp_path / "run").exists()
    again = CliRunner().invoke(cli, ["build", str(ledger), str(example_dir)])
    assert again.exit_code == 0 and "the ledger is unchanged" in again.output


def test_correction_notes_are_shown_as_written(tmp_path, example_ledger):
    import shutil

    from storytrace.stages import corrections

    ledger = tmp_path / "l.db"
    shutil.copy(example_ledger, ledger)
    (claim,) = sqlite3.connect(ledger).execute("select id from claims where measure = 'killed' limit 1").fetchone()
    pipeline.correct(ledger, lambda db: corrections.record(db, f"claim:{claim}", "value", "9", note="misread [sic] as [bold]0[/x]"))
    shown = CliRunner().invoke(cli, ["correct", str(ledger), "--list"])
    assert shown.exit_code == 0 and "misread [sic] as [bold]0[/x]" in shown.output


def test_demo_without_the_language_model_is_a_usage_error(tmp_path, monkeypatch):
    from storytrace.text import nlp

    def missing(**kwargs):
        raise nlp.ModelMissing("no English spaCy model: pip install 'storytrace[model]'")

    monkeypatch.setattr(nlp, "load", missing)
    result = CliRunner().invoke(cli, ["demo", "-q", str(tmp_path / "d")])
    assert result.exit_code == 2 and "spaCy model" in result.output


def test_correct_with_the_spark_engine_goes_to_the_spark_engine(tmp_path, monkeypatch, example_ledger):
    # the CLI's wiring (the Spark run itself: test_spark.test_correct_same_on_both_engines)
    import shutil

    from storytrace.engines import spark as spark_mod

    ledger = tmp_path / "l.db"
    shutil.copy(example_ledger, ledger)
    calls = []

    def fake(path, change, workers=None):
        calls.append((str(path), workers))
        return True

    monkeypatch.setattr(spark_mod, "correct", fake)
    result = CliRunner().invoke(cli, ["correct", str(ledger), "--remove", "abc", "--engine", "spark", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert calls == [(str(ledger), 2)]
