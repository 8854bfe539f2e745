"""The CLI end to end: demo, report (escaping hostile text), extract, export."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from storytrace.cli import cli


def test_demo_builds_ledger_tables_and_report(tmp_path):
    result = CliRunner().invoke(cli, ["demo", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert (out / "ferry.db").exists()
    assert (out / "ferry.metadata.json").exists()
    assert len((out / "tables" / "documents.jsonl").read_text().splitlines()) == 10
    report = out / "report.html"
    assert f"report: {report}" in result.output
    page = report.read_text()
    assert "Ferry fire on Lake Veldra kills at least 12" in page
    assert "None: every input was ingested." in page
    # a second run rebuilds from scratch: still the example alone
    again = CliRunner().invoke(cli, ["demo", str(out)])
    assert again.exit_code == 0
    assert len((out / "tables" / "documents.jsonl").read_text().splitlines()) == 10


def test_report_escapes_hostile_article_text(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "<script>alert('x')</script> Breaking <b>news</b>\n\n"
        "Officials said <img src=x onerror=alert(1)> that the bridge was closed, "
        "see <a href=\"javascript:alert(2)\">this link</a> for the full story today.\n"
    )
    ledger = tmp_path / "l.db"
    assert CliRunner().invoke(cli, ["build", "-q", str(ledger), str(hostile)]).exit_code == 0
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "&lt;script&gt;" in page
    assert not re.search(r"<script|<img", page, re.I)
    # links only within the page, or to the CSV it carries (tests/test_report.py checks each attribute)
    assert all(h.startswith("#") or h.startswith("data:text/csv;") for h in re.findall(r'href="([^"]*)"', page))
    assert "default-src 'none'" in page  # and the browser is told to load nothing


def test_extract_reads_json_lines_on_stdin():
    lines = "\n".join(
        [
            json.dumps({"id": "w1", "text": "Gunmen killed at least 12 villagers in an attack on Sunday, police said."}),
            "{broken",
            json.dumps({"id": "w2", "text": "A landslide buried part of the mountain road after days of rain."}),
        ]
    )
    result = CliRunner().invoke(cli, ["extract"], input=lines)
    assert result.exit_code == 1  # one line was rejected
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["w1", "w2"]
    assert all(set(o) == {"id", "source", "claims", "totals"} for o in out)
    assert "rejected: <stdin>:2: malformed JSON" in result.stderr


def test_export_csv_has_headers(tmp_path, example_ledger):
    result = CliRunner().invoke(cli, ["export", str(example_ledger), str(tmp_path / "x"), "--csv"])
    assert result.exit_code == 0, result.output
    header = (tmp_path / "x" / "documents.csv").read_text().splitlines()[0]
    assert header.startswith("id,source,text,url,outlet,title,published")
    assert (tmp_path / "x" / "rejects.csv").read_text().strip() == "source,reason,id"


def test_usage_errors_exit_2(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(tmp_path / "l.db")]).exit_code == 2
    assert runner.invoke(cli, ["build", "--workers", "-1", str(tmp_path / "l.db"), "x"]).exit_code == 2
    assert runner.invoke(cli, ["report", str(tmp_path / "missing.db")]).exit_code == 2
