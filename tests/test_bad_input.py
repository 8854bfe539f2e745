"""Bad inputs: each gets one clear `rejected: SOURCE: REASON` line on stderr, a rejects row
with a reason a person can act on, and the run goes on with the good inputs.

Also: exit statuses of the contract, and a failed or interrupted build never damages
the previous ledger. All inputs are written here, in tmp_path.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import pathlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from storytrace.engines import local as pipeline
from storytrace.cli import cli
from conftest import grows_linearly

GOOD = (
    "The harbour authority in Quillon said on Monday that the northern breakwater will be "
    "repaired before the winter storms. Divers found two cracked blocks during an inspection "
    "last month, and a contractor has been hired to replace them."
)
OTHER = (
    "A choir from the mountain village of Sarn won the regional competition on Saturday evening. "
    "The judges praised their arrangement of an old shepherds' song, which the choir had "
    "rehearsed every week since the spring."
)


def write(path: Path, data, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding=encoding)
    return path


def rows(ledger: Path, table: str = "documents") -> list[dict]:
    with sqlite3.connect(ledger) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"select * from [{table}] order by rowid")]


def run_build(ledger: Path, inputs: list, *extra: str, input: str | None = None):
    return CliRunner().invoke(cli, ["build", str(ledger), *map(str, inputs), "-q", *extra], input=input)


def reject_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("rejected: ")]


def assert_rejected(tmp_path: Path, bad: list, *, reason: str, source_suffix: str | None = None, good: int = 1):
    """Build GOOD + the bad inputs with the CLI; check stderr, rejects, documents and exit 1.

    Returns (rejects rows, documents rows, stderr)."""
    good_file = write(tmp_path / "good" / "harbour.txt", GOOD)
    ledger = tmp_path / "ledger.db"
    result = run_build(ledger, [*bad, good_file])
    assert result.exit_code == 1, (result.exit_code, result.stderr, result.exception)
    rejects = rows(ledger, "rejects")
    docs = rows(ledger)
    # the good input is in documents: the run went on
    assert any(d["text"] == GOOD for d in docs)
    assert len(docs) >= good
    # every reject is a row and one stderr line `rejected: SOURCE: REASON`
    lines = reject_lines(result.stderr)
    assert len(lines) == len(rejects) >= 1, (lines, rejects)
    for r in rejects:
        assert r["reason"] and "\n" not in r["reason"]
        assert f"rejected: {r['source']}: {r['reason']}" in lines
    matching = [r for r in rejects if reason.lower() in r["reason"].lower()]
    assert matching, (reason, rejects)
    if source_suffix is not None:
        assert any(r["source"].endswith(source_suffix) for r in matching), (source_suffix, matching)
    return rejects, docs, result.stderr


# ------------------------------------------------------------------ file level


def test_empty_file(tmp_path):
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", "  \n\n \t\n")
    rejects, docs, _ = assert_rejected(tmp_path, [empty, blank], reason="empty", source_suffix="empty.txt")
    assert {Path(r["source"]).name for r in rejects} == {"empty.txt", "blank.txt"}
    assert all("empty" in r["reason"] for r in rejects)
    assert len(docs) == 1


def test_binary_file_named_txt(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8
    bad = write(tmp_path / "photo.txt", png)
    rejects, docs, _ = assert_rejected(tmp_path, [bad], reason="binary", source_suffix="photo.txt")
    assert len(rejects) == 1 and len(docs) == 1


def test_undecodable_bytes(tmp_path):
    data = b"The report said \x81\x8d the council \x8f\x90 had voted \x9d against the plan last night.\n"
    bad = write(tmp_path / "garbled.txt", data)
    rejects, docs, _ = assert_rejected(tmp_path, [bad], reason="undecodable", source_suffix="garbled.txt")
    assert "UTF-8" in rejects[0]["reason"] and "1252" in rejects[0]["reason"]
    assert len(docs) == 1


def test_windows_1252_file_is_accepted_with_a_note(tmp_path):
    text = "Le café de la gare a rouvert ses portes après des travaux qui ont duré tout l'été, selon la mairie.\n"
    src = write(tmp_path / "cafe.txt", text.encode("cp1252"))
    assert b"\xe9" in src.read_bytes()
    ledger = tmp_path / "l.db"
    result = run_build(ledger, [src])
    assert result.exit_code == 0, result.stderr
    assert reject_lines(result.stderr) == []
    (doc,) = rows(ledger)
    assert "café" in doc["text"] and "été" in doc["text"]
    assert "cp1252" in (doc["notes"] or "")
    assert rows(ledger, "rejects") == []


def test_unsupported_extension(tmp_path):
    bad = write(tmp_path / "paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    rejects, _, _ = assert_rejected(tmp_path, [bad], reason="unsupported", source_suffix="paper.pdf")
    assert ".pdf" in rejects[0]["reason"]


def test_huge_sparse_file_rejected_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(200 * 2**20)
    # reading the big file at all is a failure
    real_read_bytes = pathlib.Path.read_bytes

    def guarded_read_bytes(self):
        assert self.name != "huge.txt", "the too-large file was read"
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", guarded_read_bytes)
    rejects, docs, _ = assert_rejected(tmp_path, [big], reason="too large", source_suffix="huge.txt")
    assert "MiB" in rejects[0]["reason"]
    assert len(docs) == 1


# ----------------------------------------------------------------- JSON lines


def test_malformed_json_line(tmp_path):
    src = tmp_path / "feed.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": GOOD}) + "\n"
        + '{"id": "b", "text": "The mayor said the\n'
        + json.dumps({"id": "c", "text": OTHER}) + "\n",
        encoding="utf-8",
    )
    rejects, docs, _ = assert_rejected(tmp_path, [src], reason="malformed JSON", source_suffix="feed.jsonl:2")
    assert len(rejects) == 1
    assert [d["record_id"] for d in docs if d["record_id"]] == ["a", "c"]


def test_json_line_not_an_object(tmp_path):
    src = tmp_path / "feed.jsonl"
    src.write_text(
        '["a", "list", "of", "words", "here", "today"]\n'
        + json.dumps({"id": "c", "text": OTHER}) + "\n"
        + '"just a string with several words in it"\n',
        encoding="utf-8",
    )
    rejects, docs, _ = assert_rejected(tmp_path, [src], reason="not an object", source_suffix="feed.jsonl:1")
    assert {r["source"].rsplit(":", 1)[1] for r in rejects} == {"1", "3"}
    assert any(d["record_id"] == "c" for d in docs)


def test_record_without_text_field(tmp_path):
    src = tmp_path / "feed.jsonl"
    src.write_text(
        json.dumps({"id": "t1", "title": "Headline but no body", "url": "https://x.example/a"}) + "\n"
        + json.dumps({"id": "c", "text": OTHER}) + "\n",
        encoding="utf-8",
    )
    rejects, docs, _ = assert_rejected(tmp_path, [src], reason="no text field", source_suffix="feed.jsonl:1")
    assert "text" in rejects[0]["reason"]
    assert any(d["record_id"] == "c" for d in docs)


def test_json_file_malformed(tmp_path):
    src = write(tmp_path / "broken.json", '{"id": "x", "text": "unfinished')
    rejects, _, _ = assert_rejected(tmp_path, [src], reason="malformed JSON", source_suffix="broken.json")
    assert len(rejects) == 1


def test_json_line_over_the_limit_library(tmp_path):
    src = tmp_path / "feed.jsonl"
    long_text = ("gravel road " * (3 * 2**20 // 12 + 1)).strip()
    with open(src, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "a", "text": GOOD}) + "\n")
        f.write(json.dumps({"id": "big", "text": long_text}) + "\n")
        f.write(json.dumps({"id": "c", "text": OTHER}) + "\n")
    assert src.stat().st_size > 3 * 2**20
    report = pipeline.build(tmp_path / "l.db", [str(src)], workers=1, max_bytes=2**20)
    assert report.added == 2
    assert [d["record_id"] for d in rows(tmp_path / "l.db")] == ["a", "c"]
    (rej,) = rows(tmp_path / "l.db", "rejects")
    assert rej["source"].endswith("feed.jsonl:2")
    assert "too large" in rej["reason"]


def test_json_line_over_the_limit_cli(tmp_path):
    src = tmp_path / "feed.jsonl"
    long_text = ("salt marsh " * (3 * 2**20 // 11 + 1)).strip()
    with open(src, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "big", "text": long_text}) + "\n")
        f.write(json.dumps({"id": "c", "text": OTHER}) + "\n")
    good_file = write(tmp_path / "good.txt", GOOD)
    ledger = tmp_path / "l.db"
    result = run_build(ledger, [src, good_file], "--max-mb", "1")
    assert result.exit_code == 1, result.stderr
    lines = reject_lines(result.stderr)
    assert len(lines) == 1 and "feed.jsonl:1" in lines[0] and "too large" in lines[0]
    docs = rows(ledger)
    assert [d["record_id"] for d in docs] == ["c", None]
    assert docs[1]["text"] == GOOD


# ----------------------------------------------------------------------- WARC


def _warc_record_bytes(uri: str, html: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    body = html.encode("utf-8")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def _page(title: str, text: str) -> str:
    paras = "".join(f"<p>{s.strip().rstrip('.')}.</p>" for s in text.split(". ") if s.strip(". "))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}{paras}</article></body></html>"


def test_truncated_warc_keeps_first_record(tmp_path):
    first = _warc_record_bytes("https://quillon.example/breakwater", _page("Breakwater repairs planned", GOOD))
    second = _warc_record_bytes("https://sarn.example/choir", _page("Village choir wins", OTHER))
    src = write(tmp_path / "cut.warc.gz", first + second[: len(second) // 2])
    ledger = tmp_path / "l.db"
    result = run_build(ledger, [src])
    assert result.exit_code == 1, result.stderr
    docs = rows(ledger)
    assert [d["url"] for d in docs] == ["https://quillon.example/breakwater"]
    assert "breakwater" in docs[0]["text"]
    rejects = rows(ledger, "rejects")
    assert any(r["source"].endswith("cut.warc.gz") and ("truncated" in r["reason"] or "corrupt" in r["reason"]) for r in rejects), rejects
    assert len(reject_lines(result.stderr)) == len(rejects)


def test_truncated_uncompressed_warc_keeps_first_record_only(tmp_path):
    first = gzip.decompress(_warc_record_bytes("https://quillon.example/breakwater", _page("Breakwater repairs planned", GOOD)))
    second = gzip.decompress(_warc_record_bytes("https://sarn.example/choir", _page("Village choir wins", OTHER)))
    # cut inside the second record's HTTP body: its end, and so the article, is missing
    src = write(tmp_path / "cut.warc", first + second[: len(second) * 2 // 3])
    ledger = tmp_path / "l.db"
    result = run_build(ledger, [src])
    assert result.exit_code == 1, result.stderr
    docs = rows(ledger)
    assert [d["url"] for d in docs] == ["https://quillon.example/breakwater"]
    rejects = rows(ledger, "rejects")
    assert any(r["source"].startswith(str(src)) and ("truncated" in r["reason"] or "corrupt" in r["reason"]) for r in rejects), rejects


# ------------------------------------------------------------- missing paths


def test_missing_path_among_existing(tmp_path):
    missing = tmp_path / "not-there.txt"
    rejects, docs, stderr = assert_rejected(tmp_path, [missing], reason="no such file", source_suffix="not-there.txt")
    assert len(rejects) == 1 and len(docs) == 1


def test_only_missing_paths_is_usage_error(tmp_path):
    ledger = tmp_path / "l.db"
    result = run_build(ledger, [tmp_path / "nope.txt", tmp_path / "gone"])
    assert result.exit_code == 2, result.stderr
    assert "nope.txt" in result.stderr
    assert not ledger.exists()
    assert list(tmp_path.iterdir()) == []


def test_ledger_that_is_not_sqlite_is_usage_error(tmp_path):
    ledger = write(tmp_path / "notes.db", "my shopping list: eggs, flour, lamp oil\n")
    before = ledger.read_bytes()
    good = write(tmp_path / "good.txt", GOOD)
    result = run_build(ledger, [good])
    assert result.exit_code == 2, (result.stderr, result.exception)
    assert "notes.db" in result.stderr
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "notes.db"]


# -------------------------------------------------------------- not an article


def test_html_404_page_is_not_an_article(tmp_path):
    page = """<!DOCTYPE html><html><head><title>404 Not Found</title></head>
<body><nav><a href="/">Home</a></nav><main><h1>404 - Page not found</h1>
<p>Sorry, the page you are looking for does not exist or has been moved.</p></main>
<footer>Cookie policy</footer></body></html>"""
    bad = write(tmp_path / "missing-page.html", page)
    rejects, _, _ = assert_rejected(tmp_path, [bad], reason="not an article", source_suffix="missing-page.html")
    assert rejects[0]["reason"].startswith("not an article")


def test_cookie_and_subscription_notice_is_not_an_article(tmp_path):
    notice = (
        "We use cookies to give you the best experience on our website and to show relevant ads.\n"
        "Accept all cookies\n"
        "Subscribe now.\n"
        "Already a subscriber? Log in\n"
    )
    bad = write(tmp_path / "notice.txt", notice)
    rejects, _, _ = assert_rejected(tmp_path, [bad], reason="not an article", source_suffix="notice.txt")
    assert rejects[0]["reason"].startswith("not an article")


# ------------------------------------------------------------ odd but accepted


def test_five_megabyte_single_line_without_punctuation(tmp_path):
    words = ["river", "field", "stone", "market", "lantern", "harbour", "meadow", "bridge"]
    line = " ".join(words[i % len(words)] for i in range(5 * 2**20 // 7))
    src = write(tmp_path / "wall.txt", line)
    assert src.stat().st_size >= 5 * 2**20 * 0.95
    eighth = write(tmp_path / "eighth.txt", line[: len(line) // 8])
    reports = []

    def build(path):  # (a new ledger each time: a timing repeated is a whole build again)
        ledger = tmp_path / f"{path.stem}{len(reports)}.db"
        reports.append((ledger, pipeline.build(ledger, [str(path)], workers=1)))

    ok, t_small, t_large = grows_linearly(build, eighth, src, repeat=2)
    assert ok, f"an eighth of the line: {t_small:.2f} s; the whole line: {t_large:.2f} s (quadratic?)"
    ledger, report = reports[-1]
    assert report.added == 1 and not report.rejects
    (doc,) = rows(ledger)
    assert doc["text"] == line


def test_text_of_only_digits(tmp_path):
    digits = write(tmp_path / "digits.txt", "4815162342 " * 40 + "\n" + "1234567890" * 50 + "\n")
    good = write(tmp_path / "good.txt", GOOD)
    ledger = tmp_path / "l.db"
    result = run_build(ledger, [digits, good])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    docs = rows(ledger)
    rejects = rows(ledger, "rejects")
    assert any(d["text"] == GOOD for d in docs)
    # either kept verbatim, or rejected as no article with a clear reason: never a crash
    kept = [d for d in docs if d["source"].endswith("digits.txt")]
    if kept:
        assert kept[0]["text"].split() == ("4815162342 " * 40 + "1234567890" * 50).split()
        assert result.exit_code == 0
    else:
        assert len(rejects) == 1 and rejects[0]["reason"].startswith("not an article")
        assert result.exit_code == 1


def test_mixed_scripts_are_accepted(tmp_path):
    text = (
        "Residents of the border town gathered in the square on Sunday evening.\n"
        "Жители города собрались на площади в воскресенье вечером.\n"
        "تجمع سكان المدينة في الساحة مساء يوم الأحد.\n"
        "周日晚上，小镇居民聚集在广场上庆祝节日。\n"
        "日曜日の夜、町の人々は広場に集まりました。\n"
        "Celebrations went on late 🎉🎶 and nobody complained 😊.\n"
    )
    src = write(tmp_path / "mixed.txt", text)
    ledger = tmp_path / "l.db"
    result = run_build(ledger, [src])
    assert result.exit_code == 0, result.stderr
    (doc,) = rows(ledger)
    assert doc["text"] == text.strip()
    for piece in ("Жители", "الساحة", "广场", "広場", "🎉"):
        assert piece in doc["text"]


# ------------------------------------------------------- atomic ledger writes


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("exc", [RuntimeError("stage failed"), KeyboardInterrupt()])
def test_failed_build_leaves_previous_ledger_intact(tmp_path, exc):
    ledger = tmp_path / "keep.db"
    first = write(tmp_path / "in" / "first.txt", GOOD)
    report = pipeline.build(ledger, [str(first)], workers=1)
    assert report.added == 1
    before = _digest(ledger)

    def boom(db):
        # the stage runs after the new document was written into the working copy
        assert db["documents"].count == 2
        raise exc

    second = write(tmp_path / "in" / "second.txt", OTHER)
    with pytest.raises(type(exc)):
        pipeline.build(ledger, [str(first), str(second)], workers=1, cross_stages=[("boom", boom)])
    assert _digest(ledger) == before
    assert [d["text"] for d in rows(ledger)] == [GOOD]
    assert not list(tmp_path.glob(".keep.db.building-*"))
    assert not list(tmp_path.glob(".*building*"))

    # and the ledger still builds normally afterwards
    report = pipeline.build(ledger, [str(first), str(second)], workers=1)
    assert (report.added, report.already) == (1, 1)


def test_build_report_lists_rejects_in_input_order(tmp_path):
    a = write(tmp_path / "a.txt", b"")
    b = write(tmp_path / "b.txt", GOOD)
    c = write(tmp_path / "c.pdf", b"%PDF")
    seen = []
    report = pipeline.build(tmp_path / "l.db", [str(a), str(b), str(c)], workers=1, on_reject=seen.append)
    assert report.added == 1
    assert [Path(r.source).name for r in report.rejects] == ["a.txt", "c.pdf"]
    assert [r.source for r in seen] == [r.source for r in report.rejects]
    assert {r["source"] for r in rows(tmp_path / "l.db", "rejects")} == {str(a), str(c)}
