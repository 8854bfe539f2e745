"""Every accepted input format, ingested for real into a ledger (library and CLI).

All inputs are written here, in tmp_path; nothing is read from ../shared.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from storytrace.engines import local as pipeline
from storytrace.cli import cli

#: The ledger's tables (ledger tables and export files): CONTRACT.md's and our datings, mentions, date mentions and leads.
CONTRACT_TABLES = [
    "documents",
    "events",
    "claims",
    "figures",
    "checks",
    "reuse",
    "quotes",
    "terms",
    "mentions",
    "date_mentions",
    "leads",
    "corrections",
    "datings",
    "rejects",
]

# Short news texts written for these tests (fictional places and people).
FLOOD = (
    "Heavy rain flooded the lower streets of Marrowby on Tuesday night, and the river rose "
    "faster than the town's gauges had ever recorded. Volunteers carried sandbags to the old "
    "market hall while the fire brigade pumped water out of the cellars along Quay Road."
)
BRIDGE = (
    "The rebuilt footbridge over the Lenne canal reopened on Friday morning after eleven months "
    "of work. Council engineers said the new deck can carry twice the load of the old one, "
    "and cyclists queued before dawn to be the first across."
)
ORCHARD = (
    "Growers in the Tallow valley expect a small apple harvest this autumn because a late frost "
    "damaged the blossom in April. Several farms have already told seasonal pickers that "
    "there will be fewer shifts than usual."
)
LIBRARY = (
    "The county library in Esk Hollow will stay open until ten in the evening during the exam "
    "season, its director announced. Students had asked for quiet rooms after the university "
    "reading hall closed for repairs."
)
FERRY = (
    "A small passenger ferry ran aground near the island of Brannock in thick fog on Sunday. "
    "The coastguard said all passengers were taken off safely by lifeboat and the vessel "
    "will be towed to port once the tide turns."
)
MARKET = (
    "Traders at the Saturday market in Oldcastle said footfall has returned to the levels they "
    "saw before the car park was closed. A new shuttle bus from the station has helped, "
    "according to the stallholders' association."
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def write_jsonl(path: Path, records: list) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def rows(ledger: Path, table: str = "documents") -> list[dict]:
    with sqlite3.connect(ledger) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"select * from [{table}] order by rowid")]


def by_source_suffix(docs: list[dict], suffix: str) -> dict:
    found = [d for d in docs if d["source"].endswith(suffix)]
    assert len(found) == 1, (suffix, [d["source"] for d in docs])
    return found[0]


def html_page(title: str, body: str, *, site: str = "The Marrowby Courier", published: str | None = None) -> str:
    meta = f'<meta property="og:site_name" content="{site}">\n'
    meta += f'<meta property="og:title" content="{title}">\n'
    if published:
        meta += f'<meta property="article:published_time" content="{published}">\n'
    paragraphs = "".join(f"<p>{s.strip().rstrip('.')}.</p>\n" for s in body.split(". ") if s.strip(". "))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
{meta}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport section</a></li>
<li><a href="/weather">Weather forecast pages</a></li></ul></nav>
<main><article>
<h1>{title}</h1>
{paragraphs}
</article></main>
<footer><p>Navigation footer: about the newsroom, contact the editors, jobs at the paper</p></footer>
</body></html>
"""


def build(ledger: Path, inputs: list, **kw) -> pipeline.BuildReport:
    return pipeline.build(ledger, [str(i) for i in inputs], workers=1, **kw)


# ---------------------------------------------------------------- plain text


def test_txt_date_header_on_its_own_line(tmp_path):
    src = write(tmp_path / "flood.txt", " date 2024-01-15\n" + FLOOD + "\n")
    report = build(tmp_path / "l.db", [src])
    assert report.added == 1 and not report.rejects
    (doc,) = rows(tmp_path / "l.db")
    assert doc["published"] == "2024-01-15"
    assert doc["published_how"] == "header"
    assert "2024-01-15" in doc["published_evidence"]
    assert doc["published_evidence"].strip() in src.read_text()
    # the header is not text
    assert doc["text"].startswith("Heavy rain flooded")
    assert "date 2024" not in doc["text"]
    assert doc["input_format"] == "text"


def test_txt_date_header_followed_by_text_on_same_line(tmp_path):
    src = write(tmp_path / "bridge.txt", " date 2023-11-03 " + BRIDGE + "\n")
    report = build(tmp_path / "l.db", [src])
    assert report.added == 1 and not report.rejects
    (doc,) = rows(tmp_path / "l.db")
    assert doc["published"] == "2023-11-03"
    assert doc["published_how"] == "header"
    assert "2023-11-03" in doc["published_evidence"]
    assert doc["text"].startswith("The rebuilt footbridge")
    assert "2023-11-03" not in doc["text"]


def test_txt_without_header_has_no_date(tmp_path):
    src = write(tmp_path / "orchard.text", "Frost cuts valley apple harvest\n\n" + ORCHARD + "\n")
    report = build(tmp_path / "l.db", [src])
    assert report.added == 1
    (doc,) = rows(tmp_path / "l.db")
    assert doc["published"] is None
    assert doc["published_how"] is None
    assert "late frost" in doc["text"]
    assert doc["source"].endswith("orchard.text")


# ---------------------------------------------------------------------- HTML


def test_html_page_metadata_and_text(tmp_path):
    page = html_page(
        "Canal footbridge reopens after repairs",
        BRIDGE + " " + MARKET,
        site="The Lenne Observer",
        published="2024-03-05T14:30:00+02:00",
    )
    src = write(tmp_path / "pages" / "bridge.html", page)
    report = build(tmp_path / "l.db", [src])
    assert report.added == 1, report.rejects
    (doc,) = rows(tmp_path / "l.db")
    assert doc["title"] == "Canal footbridge reopens after repairs"
    assert doc["outlet"] == "The Lenne Observer"
    assert doc["published"] == "2024-03-05T14:30:00+02:00"
    assert doc["published_how"] == "metadata"
    assert doc["published_evidence"]
    assert "rebuilt footbridge" in doc["text"]
    assert "shuttle bus" in doc["text"]
    # navigation and footer are page furniture, not article text
    assert "Weather forecast pages" not in doc["text"]
    assert "Sport section" not in doc["text"]
    assert "contact the editors" not in doc["text"]
    assert doc["input_format"] == "html"


def test_html_metadata_date_does_not_depend_on_the_day_of_the_build():
    # a page stamped later than the machine's clock (a wrong clock, an archive read early, a time zone ahead) keeps
    # its own stamp: htmldate's default ceiling, today, made it take a day from its links instead
    from storytrace.ingest.html import extract_html

    page = html_page("Canal footbridge reopens after repairs", BRIDGE + " " + MARKET, published="2098-12-30T19:15:00Z")
    page = page.replace("<li><a href=\"/sport\">", "<li><a href=\"/city/2098/12/29/crane\">Crane</a></li><li><a href=\"/sport\">")
    _text, meta, _enc = extract_html(page.encode())
    assert meta["published"].startswith("2098-12-30") and meta["published_how"] == "metadata", meta


# ---------------------------------------------------------------------- JSON


def test_json_single_record(tmp_path):
    src = tmp_path / "one.json"
    src.write_text(
        json.dumps({"id": "lib-1", "title": "Library extends hours", "text": LIBRARY, "url": "https://esk.example/library"}),
        encoding="utf-8",
    )
    report = build(tmp_path / "l.db", [src])
    assert report.added == 1 and not report.rejects
    (doc,) = rows(tmp_path / "l.db")
    assert doc["record_id"] == "lib-1"
    assert doc["title"] == "Library extends hours"
    assert doc["url"] == "https://esk.example/library"
    assert doc["text"] == LIBRARY
    assert doc["source"].endswith("one.json")
    assert doc["input_format"] == "json"


def test_json_list_of_records(tmp_path):
    src = tmp_path / "many.json"
    src.write_text(
        json.dumps([{"id": "a", "text": FERRY}, {"id": "b", "text": MARKET}, {"id": "c", "text": ORCHARD}]),
        encoding="utf-8",
    )
    report = build(tmp_path / "l.db", [src])
    assert report.added == 3 and not report.rejects
    docs = rows(tmp_path / "l.db")
    assert [d["record_id"] for d in docs] == ["a", "b", "c"]
    assert [d["text"] for d in docs] == [FERRY, MARKET, ORCHARD]
    sources = [d["source"] for d in docs]
    assert len(set(sources)) == 3  # each record has its own source
    assert all("many.json" in s for s in sources)


def _record_flavours() -> list[dict]:
    return [
        {  # news-please
            "maintext": FLOOD,
            "title": "River floods Marrowby streets",
            "date_publish": "2023-06-01 08:15:00",
            "url": "https://courier.example/news/flood",
            "source_domain": "courier.example",
        },
        {  # trafilatura
            "text": BRIDGE,
            "date": "2023-06-02",
            "hostname": "observer.example",
        },
        {  # Media Cloud
            "text": ORCHARD,
            "publish_date": "2023-06-03 10:00:00",
            "media_name": "Tallow Valley Gazette",
            "url": "https://gazette.example/2023/06/03/frost",
        },
        {"id": "plain-7", "text": LIBRARY},  # plain
    ]


def _check_flavours(docs: list[dict], name: str) -> None:
    assert len(docs) == 4
    np_ = by_source_suffix(docs, f"{name}:1")
    assert np_["text"] == FLOOD
    assert np_["title"] == "River floods Marrowby streets"
    assert np_["outlet"] == "courier.example"
    assert np_["url"] == "https://courier.example/news/flood"
    assert np_["published"] == "2023-06-01T08:15:00"
    assert np_["published_how"] == "metadata"
    assert "date_publish" in np_["published_evidence"]

    tf = by_source_suffix(docs, f"{name}:2")
    assert tf["text"] == BRIDGE
    assert tf["outlet"] == "observer.example"
    assert tf["published"] == "2023-06-02"
    assert tf["url"] is None

    mc = by_source_suffix(docs, f"{name}:3")
    assert mc["text"] == ORCHARD
    assert mc["outlet"] == "Tallow Valley Gazette"
    assert mc["url"] == "https://gazette.example/2023/06/03/frost"
    assert mc["published"] == "2023-06-03T10:00:00"
    assert "publish_date" in mc["published_evidence"]

    plain = by_source_suffix(docs, f"{name}:4")
    assert plain["text"] == LIBRARY
    assert plain["record_id"] == "plain-7"
    assert plain["outlet"] is None and plain["published"] is None


def test_jsonl_news_please_trafilatura_media_cloud_and_plain(tmp_path):
    src = write_jsonl(tmp_path / "feed.jsonl", _record_flavours())
    report = build(tmp_path / "l.db", [src])
    assert report.added == 4 and not report.rejects
    docs = rows(tmp_path / "l.db")
    _check_flavours(docs, "feed.jsonl")
    assert {d["input_format"] for d in docs} == {"jsonl"}


def test_ndjson_extension(tmp_path):
    src = write_jsonl(tmp_path / "feed.ndjson", [{"id": "n1", "text": FERRY}])
    report = build(tmp_path / "l.db", [src])
    assert report.added == 1
    assert rows(tmp_path / "l.db")[0]["source"].endswith("feed.ndjson:1")


def test_jsonl_gz(tmp_path):
    src = tmp_path / "feed.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        for r in _record_flavours():
            f.write(json.dumps(r) + "\n")
    report = build(tmp_path / "l.db", [src])
    assert report.added == 4 and not report.rejects
    _check_flavours(rows(tmp_path / "l.db"), "feed.jsonl.gz")


# ---------------------------------------------------------------------- WARC


def write_warc(path: Path, *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [
        ("https://courier.example/flood", html_page("Marrowby river floods streets", FLOOD + " " + LIBRARY)),
        ("https://observer.example/ferry", html_page("Ferry aground in fog", FERRY + " " + MARKET, site="Brannock News")),
    ]
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for uri, html in pages:
            body = html.encode("utf-8")
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
        png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("https://courier.example/logo.png", "response", payload=io.BytesIO(png), http_headers=headers)
        )


@pytest.mark.parametrize("name, gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_and_image(tmp_path, name, gz):
    src = tmp_path / name
    write_warc(src, gz=gz)
    report = build(tmp_path / "l.db", [src])
    assert report.added == 2
    docs = rows(tmp_path / "l.db")
    assert [d["url"] for d in docs] == ["https://courier.example/flood", "https://observer.example/ferry"]
    assert "river rose" in docs[0]["text"] and "ran aground" in docs[1]["text"]
    assert all(d["input_format"] == "warc" for d in docs)
    assert all(name in d["source"] for d in docs)
    assert docs[1]["outlet"] == "Brannock News"
    # the image is no document: one summarising reject for the file
    rejects = rows(tmp_path / "l.db", "rejects")
    assert len(rejects) == 1, rejects
    assert rejects[0]["source"].endswith(name)
    assert "image/png" in rejects[0]["reason"]
    assert len(report.rejects) == 1


# ------------------------------------------------------------ folders, globs


def test_folder_recursive_stable_order_hidden_ignored(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "b.txt", FLOOD)
    write(corpus / "a.txt", BRIDGE)
    write(corpus / "sub" / "deeper" / "c.txt", ORCHARD)
    write(corpus / "sub" / "a2.txt", LIBRARY)
    write_jsonl(corpus / "sub" / "feed.jsonl", [{"id": "m", "text": MARKET}])
    write(corpus / ".hidden.txt", FERRY)
    write(corpus / ".cache" / "kept-out.txt", FERRY)
    write(corpus / "sub" / ".draft" / "x.txt", FERRY)

    report = build(tmp_path / "one.db", [corpus])
    assert report.added == 5 and not report.rejects
    docs = rows(tmp_path / "one.db")
    rel = [Path(d["source"].split(":")[0]).relative_to(corpus).as_posix() for d in docs]
    assert rel == ["a.txt", "b.txt", "sub/a2.txt", "sub/deeper/c.txt", "sub/feed.jsonl"]
    assert not any(FERRY == d["text"] for d in docs)

    # the same folder built again into a new ledger gives the same ids in the same order
    build(tmp_path / "two.db", [corpus])
    assert [d["id"] for d in rows(tmp_path / "two.db")] == [d["id"] for d in docs]


def test_glob_pattern(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "one.txt", FLOOD)
    write(corpus / "two.txt", BRIDGE)
    write(corpus / "nested" / "three.txt", ORCHARD)
    write_jsonl(corpus / "skip.jsonl", [{"id": "z", "text": MARKET}])

    report = build(tmp_path / "l.db", [str(corpus / "*.txt")])
    assert report.added == 2 and not report.rejects
    assert sorted(Path(d["source"]).name for d in rows(tmp_path / "l.db")) == ["one.txt", "two.txt"]

    report = build(tmp_path / "r.db", [str(corpus / "**" / "*.txt")])
    assert report.added == 3
    assert sorted(Path(d["source"]).name for d in rows(tmp_path / "r.db")) == ["one.txt", "three.txt", "two.txt"]


# ----------------------------------------------------------------------- CLI


def test_stdin_json_lines_through_cli(tmp_path):
    ledger = tmp_path / "l.db"
    lines = json.dumps({"id": "s1", "text": FERRY}) + "\n" + json.dumps({"id": "s2", "text": MARKET}) + "\n"
    result = CliRunner().invoke(cli, ["build", str(ledger), "-", "-q"], input=lines)
    assert result.exit_code == 0, (result.output, result.stderr)
    docs = rows(ledger)
    assert [d["record_id"] for d in docs] == ["s1", "s2"]
    assert [d["text"] for d in docs] == [FERRY, MARKET]
    assert all(d["input_format"] == "stdin" for d in docs)
    assert docs[1]["source"].endswith(":2")


def test_cli_build_summary_and_exit_zero(tmp_path):
    ledger = tmp_path / "l.db"
    src = write(tmp_path / "flood.txt", FLOOD)
    result = CliRunner().invoke(cli, ["build", str(ledger), str(src)])
    assert result.exit_code == 0, result.stderr
    assert "added 1 documents" in result.stderr
    assert "rejected:" not in result.stderr
    assert len(rows(ledger)) == 1


# ----------------------------------------------------------- incremental


def test_rebuild_with_more_inputs_adds_only_new(tmp_path):
    ledger = tmp_path / "l.db"
    a = write(tmp_path / "in" / "a.txt", FLOOD)
    b = write(tmp_path / "in" / "b.txt", BRIDGE)
    first = build(ledger, [a, b])
    assert (first.added, first.already, first.documents) == (2, 0, 2)
    ids = {d["id"] for d in rows(ledger)}

    c = write_jsonl(tmp_path / "in" / "c.jsonl", [{"id": "c1", "text": ORCHARD}])
    second = build(ledger, [a, b, c])
    assert (second.added, second.already, second.documents) == (1, 2, 3)
    docs = rows(ledger)
    assert len(docs) == 3
    assert ids < {d["id"] for d in docs}

    third = build(ledger, [tmp_path / "in"])
    assert (third.added, third.already, third.documents) == (0, 3, 3)
    assert len(rows(ledger)) == 3


def test_same_text_in_two_files_is_two_documents(tmp_path):
    ledger = tmp_path / "l.db"
    a = write(tmp_path / "wire" / "agency.txt", FERRY)
    b = write(tmp_path / "paper" / "reprint.txt", FERRY)
    report = build(ledger, [a, b])
    assert report.added == 2 and not report.rejects
    docs = rows(ledger)
    assert len({d["id"] for d in docs}) == 2
    assert [d["text"] for d in docs] == [FERRY, FERRY]


# ------------------------------------------------------- export, FTS, metadata


@pytest.fixture
def small_ledger(tmp_path) -> Path:
    ledger = tmp_path / "news.db"
    build(
        ledger,
        [
            write(tmp_path / "in" / "flood.txt", " date 2024-01-15\n" + FLOOD),
            write_jsonl(tmp_path / "in" / "feed.jsonl", [{"id": "k", "text": ORCHARD}, {"id": "e"}]),
        ],
    )
    return ledger


def test_export_jsonl_one_file_per_table(tmp_path, small_ledger):
    out = tmp_path / "export"
    result = CliRunner().invoke(cli, ["export", str(small_ledger), str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.jsonl" for t in CONTRACT_TABLES)
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 2
    assert {d["text"] for d in docs} == {FLOOD, ORCHARD}
    assert {"id", "source", "url", "outlet", "title", "published", "published_how", "published_evidence",
            "language", "event_id", "text", "boilerplate"} <= set(docs[0])
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rejects) == 1 and rejects[0]["source"].endswith("feed.jsonl:2")
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(events) == 2  # two unrelated articles: two stories, each its own event
    assert {d["event_id"] for d in docs} == {e["id"] for e in events}


def test_export_csv_one_file_per_table(tmp_path, small_ledger):
    out = tmp_path / "export"
    result = CliRunner().invoke(cli, ["export", str(small_ledger), str(out), "--csv"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in CONTRACT_TABLES)
    with open(out / "documents.csv", newline="", encoding="utf-8") as f:
        docs = list(csv.DictReader(f))
    assert {d["text"] for d in docs} == {FLOOD, ORCHARD}
    assert any(d["published"] == "2024-01-15" for d in docs)
    with open(out / "claims.csv", newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert {"doc_id", "start", "end", "measure", "value", "qualifier"} <= set(header)


def test_full_text_search(small_ledger):
    db = sqlite_utils.Database(small_ledger)
    hits = list(db["documents"].search("sandbags"))
    assert len(hits) == 1 and hits[0]["text"] == FLOOD
    assert list(db["documents"].search("blossom"))[0]["text"] == ORCHARD
    assert list(db["documents"].search("submarine")) == []
    sql = "select d.text from documents d join documents_fts f on f.rowid = d.rowid where documents_fts match ?"
    assert [r[0] for r in db.execute(sql, ["frost"]).fetchall()] == [ORCHARD]
    # the index follows the text; the stages' updates of other columns leave it as it is
    trigger = db.execute("select sql from sqlite_master where name = 'documents_au'").fetchone()[0]
    assert 'UPDATE OF "title", "text"' in trigger
    db.execute("update documents set story = 'x', text = replace(text, 'sandbags', 'levees') where text = ?", [FLOOD])
    db.conn.commit()
    assert list(db["documents"].search("sandbags")) == [] and len(list(db["documents"].search("levees"))) == 1
    db.close()


def test_datasette_metadata_beside_ledger_names_every_table(small_ledger):
    meta_path = small_ledger.with_name("news.metadata.json")
    assert meta_path.is_file()
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    tables = meta["databases"]["news"]["tables"]
    assert set(CONTRACT_TABLES) <= set(tables)
    assert all(tables[t].get("description") for t in CONTRACT_TABLES)
