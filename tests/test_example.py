"""The bundled example ingests as its EXPECTED.json says (dates, boilerplate, outlets)."""

from __future__ import annotations

import sqlite3

import pytest


def _docs(ledger):
    conn = sqlite3.connect(ledger)
    conn.row_factory = sqlite3.Row
    return conn.execute("select * from documents order by source").fetchall()


def _match(rows, exp):
    """The ledger row of an EXPECTED.json document (file, and record index for JSONL)."""
    name = exp["file"]
    if exp["record"] is not None:
        name = f"{name}:{exp['record'] + 1}"
    found = [r for r in rows if r["source"].endswith(name)]
    assert len(found) == 1, name
    return found[0]


def test_every_example_document_is_ingested(example_ledger, expected):
    rows = _docs(example_ledger)
    assert len(rows) == len(expected["documents"]) == 10
    assert not sqlite3.connect(example_ledger).execute("select count(*) from rejects").fetchone()[0]


def test_dates_from_headers_and_metadata(example_ledger, expected):
    rows = _docs(example_ledger)
    for exp in expected["documents"]:
        row = _match(rows, exp)
        if exp["date_source"] in ("header", "metadata"):
            assert row["published"][:10] == exp["published"], exp["file"]
            assert row["published_how"] == exp["date_source"]
            assert row["published_evidence"]
        elif row["published"] is not None:  # dated by its text: right, and with its evidence
            assert row["published"] == exp["published"], exp["file"]
            assert row["published_how"] and row["published_evidence"]
            assert row["published_precision"] == "day"
    html = _match(rows, next(d for d in expected["documents"] if d["file"].endswith(".html")))
    assert html["published"] == "2025-03-13T09:30:00+01:00"  # time and zone kept


def test_anniversary_dates_the_year_after(example_ledger):
    row = sqlite3.connect(example_ledger).execute(
        "select published, published_how, published_evidence from documents where source like '%07_northgate%'").fetchone()
    assert row[0] == "2026-03-11" and row[1] == "anniversary"
    assert row[2].startswith("the first anniversary of the Lake Veldra ferry disaster")


def test_boilerplate_is_out_of_the_text_and_kept(example_ledger, expected):
    rows = _docs(example_ledger)
    for exp in expected["documents"]:
        row = _match(rows, exp)
        if exp["file"].endswith(".html"):
            # trafilatura leaves navigation, sidebar and footer out of the text
            for line in exp["boilerplate_lines"]:
                if len(line.split()) > 2:
                    assert line not in row["text"], line
            continue
        kept = (row["boilerplate"] or "").split("\n") if row["boilerplate"] else []
        assert kept == exp["boilerplate_lines"], exp["file"]
        for line in kept:
            assert line not in row["text"].split("\n")


def test_outlets(example_ledger, expected):
    rows = _docs(example_ledger)
    for exp in expected["documents"]:
        row = _match(rows, exp)
        if exp["file"].endswith((".html", ".jsonl")):
            domain = (exp.get("source_domain") or "").removeprefix("www.")  # hosts are kept without www.
            assert row["outlet"] in (exp["outlet"], domain), exp["file"]
        elif exp["boilerplate_lines"] and any(line.startswith("©") for line in exp["boilerplate_lines"]):
            assert row["outlet"] == exp["outlet"]  # named by the copyright footer
            assert "outlet from the footer" in row["notes"]


def test_titles(example_ledger, expected):
    rows = _docs(example_ledger)
    for exp in expected["documents"]:
        row = _match(rows, exp)
        if row["title"] is not None:
            assert row["title"] == exp["title"]
    assert sum(r["title"] is not None for r in rows) >= 8


@pytest.mark.parametrize("field", ["figures", "quotes"])
def test_expected_texts_are_in_the_normalised_text(example_ledger, expected, field):
    """Offsets point into documents.text, so what EXPECTED.json quotes must be found there."""
    rows = _docs(example_ledger)
    for exp in expected["documents"]:
        text = _match(rows, exp)["text"]
        for item in exp[field]:
            assert item["text"] in text, (exp["file"], item["text"])
