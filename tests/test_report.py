"""The HTML report: what a reader sees for the bundled example, hostile input, odd ledgers, caps."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from storytrace import ledger as ledger_mod
from storytrace.engines import local as pipeline
from storytrace.cli import cli
from storytrace.report import copies, events, render, sources, write_report
from storytrace.report.markup import csv_text, esc


class Page(HTMLParser):
    """Tags, attributes, ids, links and text of a page, and the text inside each element with an id."""

    VOID = {"br", "meta", "img", "input", "hr", "link", "circle", "line", "path", "rect"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self._open: list[tuple[str, list[str]]] = []
        self.by_id: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, a))
        if "href" in a:
            self.hrefs.append(a["href"])
        if "id" in a:
            self.ids.add(a["id"])
        if tag not in self.VOID and not tag.endswith("/"):
            self._open.append((a.get("id", ""), []))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: (v or "") for k, v in attrs}))
        for k, v in attrs:
            if k == "id":
                self.ids.add(v or "")

    def handle_endtag(self, tag):
        if tag in self.VOID or not self._open:
            return
        ident, parts = self._open.pop()
        inner = "".join(parts)
        if ident:
            self.by_id[ident] = inner
        if self._open:
            self._open[-1][1].append(inner)

    def handle_data(self, data):
        self.text.append(data)
        if self._open:
            self._open[-1][1].append(data)


@pytest.fixture(scope="module")
def example_page(example_ledger, tmp_path_factory) -> tuple[str, Page]:
    out = write_report(example_ledger, tmp_path_factory.mktemp("report") / "report.html")
    html = out.read_text(encoding="utf-8")
    return html, Page(html)


def _figure_id(ledger: Path, measure: str, group) -> str:
    with sqlite3.connect(ledger) as conn:
        return conn.execute('select id from figures where measure = ? and "group" is ?', [measure, group]).fetchone()[0]


def _csvs(html: str) -> dict[str, list[dict[str, str]]]:
    out = {}
    for name, data in re.findall(r'download="([^"]+)" href="data:text/csv;charset=utf-8,([^"]*)"', html):
        out[name] = list(csv.DictReader(io.StringIO(urllib.parse.unquote(data))))
    return out


# ------------------------------------------------------------------ the example


def test_example_conflict_row_names_both_values_with_their_sentences(example_ledger, example_page):
    html, page = example_page
    fid = _figure_id(example_ledger, "killed", "children")
    row = page.by_id[f"f-{fid}"]
    assert "killed · children" in row and "conflict" in row and "rising" not in row  # a conflict shows no trend
    assert re.search(r"\b11\b", row) and re.search(r"\b14\b", row)
    with sqlite3.connect(example_ledger) as conn:
        n_docs, n_origins = conn.execute("select n_docs, n_origins from figures where id = ?", [fid]).fetchone()
    assert f"{n_docs} documents, {n_origins} origins" in row
    # each value links to the sentence it came from, and that sentence is on the page with its number marked
    with sqlite3.connect(example_ledger) as conn:
        (claim14,) = conn.execute("select id from claims where figure_id = ? and value = 14", [fid]).fetchone()
    assert f'href="#s-{claim14}"' in html
    sentence = page.by_id[f"s-{claim14}"]
    assert "Among the 19 dead were 14 children" in sentence
    item = re.search(rf'<li id="s-{claim14}">(.*?)</li>', html).group(1)
    assert '<mark title="killed · children">14</mark> children' in item


def test_example_figures_come_conflicts_and_trends_first_and_match_the_ledger(example_ledger, example_page):
    html, page = example_page
    with sqlite3.connect(example_ledger) as conn:
        figs = conn.execute('select id, status, trend from figures').fetchall()
        n_conflict = sum(1 for _, s, _ in figs if s == "conflict")
    order = [m for m in re.findall(r'<tr id="f-([0-9a-f]+)"', html)]
    assert sorted(order) == sorted(f[0] for f in figs)  # every figure of the example is shown
    status = {f[0]: f[1] for f in figs}
    first_event = order[: sum(1 for f in order if status[f] == "conflict")]
    assert all(status[f] == "conflict" for f in first_event)
    assert f'<b class="red">{n_conflict}</b> in conflict' in html
    assert f"<b>{len(figs)}</b> figures" in html


def test_example_copy_edit_11_to_14_is_a_highlighted_number_edit(example_page):
    html, page = example_page
    # in the figure row's findings and in the side-by-side passage
    assert '<del class="num">11</del> → <ins class="num">14</ins>' in html
    assert re.search(r'<ins class="edit num" title="was: 11">14</ins>', html)
    assert re.search(r'<del class="edit num" title="became: 14">11</del>', html)
    assert re.search(r'<ins class="edit" title="was: capsized">sank</ins>', html)
    # the passage is a link target of the figure row
    pid = re.search(r'<article class="passage" id="(p-[0-9a-f]+)">', html).group(1)
    assert f'href="#{pid}"' in html


def test_example_sections_timeline_graph_quotes_rejects_documents(example_ledger, example_page):
    html, page = example_page
    for section in ("events", "checks", "corrections", "timeline", "copies", "framing", "quotes", "documents", "rejects", "sources"):
        assert f'<section id="{section}">' in html
    assert "Rejected inputs" in html and "None: every input was ingested." in html
    assert "We have recovered 19 bodies" in page.by_id["quotes"]
    assert "fire chief Amara Quell" in page.by_id["quotes"]
    assert "Documents by publication date" in page.by_id["timeline"] and '<svg class="chart"' in html
    assert "Who copied whom" in html and 'class="chart graph"' in html
    assert "Lake Veldra ferry death toll rises to 19, six still missing" in page.by_id["documents"]
    with sqlite3.connect(example_ledger) as conn:
        terms = [r[0] for r in conn.execute("select term from terms")]
    if terms:  # the framing stage has run: its most used label is a column
        top = max(set(terms), key=terms.count)
        assert f"<th>{esc(top)}</th>" in html
    else:
        assert "No labels recorded" in page.by_id["framing"]


def test_example_charts_carry_their_data_as_csv(example_ledger, example_page):
    html, _ = example_page
    tables = _csvs(html)
    fid = _figure_id(example_ledger, "killed", "children")
    chart = tables[f"figure-{fid}.csv"]
    assert {"11", "14"} <= {r["value"] for r in chart}
    with sqlite3.connect(example_ledger) as conn:
        dated_docs = conn.execute("select count(distinct c.doc_id) from claims c join documents d on d.id = c.doc_id "
                                  "where c.figure_id = ? and d.published is not null", [fid]).fetchone()[0]
    assert sum(int(r["documents"]) for r in chart) == dated_docs
    by_day = tables["documents-by-day.csv"]
    with sqlite3.connect(example_ledger) as conn:
        dated = conn.execute("select count(*) from documents where published is not null").fetchone()[0]
    assert sum(int(r["documents"]) for r in by_day) == dated >= 8
    assert any(r["numbers_changed"] == "11 → 14" for r in tables["copy-graph.csv"])


def test_every_in_page_link_has_a_target_and_nothing_links_out(example_page):
    html, page = example_page
    assert page.hrefs
    for href in page.hrefs:
        assert href.startswith("#") or href.startswith("data:text/csv;charset=utf-8,"), href
        if href.startswith("#"):
            assert href[1:] in page.ids, f"dangling link {href}"
    assert not re.search(r"https?://", " ".join(v for _, a in page.tags for v in a.values()))


def test_report_is_self_contained(example_page):
    html, page = example_page
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "img", "iframe", "link", "object", "embed", "form", "base"}
    assert "default-src 'none'" in html
    assert '<meta name="viewport"' in html and "@media print" in html and "@media (max-width" in html


# ------------------------------------------------------------------ hostile input


HOSTILE_TXT = """ date 2025-05-02
<script>alert(1)</script> Gunmen attack market in Norvale

At least 12 people were killed and 30 injured when gunmen opened fire on a crowded market in Norvale on Thursday, police said. <img src=x onerror=alert(1)> Witnesses described scenes of panic as traders fled.

"<script>alert(2)</script> We will find those responsible," the mayor of Norvale said. Read more at [link](javascript:alert(1)) or <a href="javascript:alert(3)">here</a>.

Among the dead were four children, hospital officials said. The market was closed on Friday as investigators combed the area for evidence.
"""

HOSTILE_COPY = """ date 2025-05-03
Norvale market attack toll rises

At least 15 people were killed and 30 injured when gunmen opened fire on a crowded market in Norvale on Thursday, police said. <img src=x onerror=alert(1)> Witnesses described scenes of panic as traders fled.

Among the dead were four children, hospital officials said. The market was closed on Friday as investigators combed the area for evidence <svg onload=alert(4)>.
"""

HOSTILE_HTML = """<!doctype html><html><head><title>"><script>alert(5)</script> Norvale attack</title>
<meta property="og:site_name" content="<img src=x onerror=alert(6)>News">
<meta property="article:published_time" content="2025-05-04">
<link rel="canonical" href="javascript:alert(7)">
</head><body><article><h1>Norvale attack: <script>alert(8)</script> toll climbs</h1>
<p>At least 17 people were killed in the market attack in Norvale, officials said on Saturday, in what the governor called a massacre.</p>
<p>Click <a href="javascript:alert(9)">this javascript:alert(10) link</a> <img src=x onerror="alert(11)"> to read the full statement from the governor about the victims of the attack.</p>
<p>"The attackers <b onmouseover=alert(12)>will</b> be punished," the governor said in a statement on Saturday evening.</p>
</article></body></html>
"""

HOSTILE_RECORD = {"id": "x1", "url": "javascript:alert(13)", "source_domain": "\"><script>alert(14)</script>",
                  "title": "<svg onload=alert(15)> Norvale toll", "date_publish": "2025-05-05",
                  "text": "At least 18 people were killed in the Norvale market attack, according to the <script>alert(16)</script> "
                          "ministry. Officials said 31 people were injured in the shooting on Thursday."}


def test_hostile_article_text_never_runs_or_links_out(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "attack.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (inputs / "copy.txt").write_text(HOSTILE_COPY, encoding="utf-8")
    (inputs / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (inputs / "rec.jsonl").write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    (inputs / "<svg onload=alert(17)>.txt").write_text("", encoding="utf-8")  # rejected: its name is shown
    ledger = tmp_path / "h.db"
    pipeline.build(ledger, [str(inputs)], workers=1)
    with sqlite3.connect(ledger) as conn:  # the hostile strings are in the ledger, so the report must face them
        assert conn.execute("select count(*) from documents").fetchone()[0] == 4
        assert conn.execute("select count(*) from documents where text like '%<script>%'").fetchone()[0] >= 1
        assert conn.execute("select count(*) from reuse").fetchone()[0] >= 1
        assert conn.execute("select count(*) from quotes where text like '%<script>%'").fetchone()[0] == 1
        assert conn.execute("select count(*) from rejects").fetchone()[0] == 1
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed", "link", "form", "base"}, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name not in {"src", "srcset", "action", "formaction", "xlink:href", "background"}, (tag, name)
            assert "javascript:" not in re.sub(r"\s", "", value).lower(), (tag, name, value)
            if name == "href":
                assert value.startswith("#") or value.startswith("data:text/csv;charset=utf-8,"), value
            if name == "download":
                assert re.fullmatch(r"[A-Za-z0-9_-]+\.csv", value), value
    assert not re.search(r"<script", html, re.I)
    assert not re.search(r"<img", html, re.I)
    text = "".join(page.text)  # ... and the hostile strings are shown as text, where a reader can see them
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "&lt;svg onload=alert(17)&gt;.txt" in html  # the rejected input's name
    assert "javascript:alert(13)" in text  # a URL is shown, never linked
    for data in re.findall(r'href="data:text/csv;charset=utf-8,([^"]*)"', html):
        assert re.fullmatch(r"[A-Za-z0-9%._~-]*", data)  # every byte of a CSV is percent-encoded


def test_csv_cells_cannot_become_spreadsheet_formulas():
    text = csv_text(["a", "b", "c"], [["=HYPERLINK(\"x\")", "+1", 12.0], ["-2", "@SUM(A1)", "plain"]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'=HYPERLINK(\"x\")", "'+1", "12"]
    assert rows[2] == ["'-2", "'@SUM(A1)", "plain"]


def test_esc_escapes_quotes_and_drops_control_characters():
    assert esc('"><script>\x00') == "&quot;&gt;&lt;script&gt;"
    assert esc("x" * 10, 5) == "xxxx…"


# ------------------------------------------------------------------ odd ledgers


def _copy(example_ledger: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    target.write_bytes(example_ledger.read_bytes())
    return target


def test_framing_table_pivots_labels_by_source(example_ledger, tmp_path):
    ledger = _copy(example_ledger, tmp_path)
    with sqlite3.connect(ledger) as conn:
        docs = conn.execute("select id, event_id from documents order by published limit 3").fetchall()
        conn.execute("delete from terms")
        have = {r[1] for r in conn.execute("pragma table_info(terms)")}
        for col in ("kind", "speaker", "negated", "sentiment"):  # sentiment: a column the report does not know
            if col not in have:
                conn.execute(f"alter table terms add column {col} text")
        rows = [("t0", docs[0][0], "<b>massacre</b>", "quoted", 2, docs[0][1], "label", "<i>the mayor</i>", 0, "neg"),
                ("t1", docs[1][0], "tragedy", "own", 2, docs[1][1], "label", None, 0, "neg"),
                ("t2", docs[2][0], "accident", "own", 1, docs[2][1], "label", None, 1, None),
                ("t3", docs[2][0], "barbaric", "own", 1, docs[2][1], "loaded", None, 0, None)]
        conn.executemany("insert into terms (id, doc_id, term, voice, count, event_id, kind, speaker, negated, sentiment) "
                         "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    html = render(ledger)
    page = Page(html)
    framing = page.by_id["framing"]
    assert "<th>&lt;b&gt;massacre&lt;/b&gt;</th>" in html  # the label, escaped, as a column
    assert "tragedy" in framing and "quoted 2" in framing and "own 2" in framing
    assert "negated 1" in framing  # "it was not an accident"
    assert 'title="said by: &lt;i&gt;the mayor&lt;/i&gt;"' in html
    assert "Loaded wording" in framing and "barbaric" in framing
    assert "sentiment" in framing  # unknown columns are shown as they are
    assert "<b>massacre</b>" not in html and "<i>the mayor</i>" not in html


def test_column_poor_and_missing_tables_still_render(example_ledger, tmp_path):
    ledger = _copy(example_ledger, tmp_path)
    with sqlite3.connect(ledger) as conn:
        conn.execute("drop table terms")
        conn.execute("create table terms (id text primary key, label text)")
        conn.execute("insert into terms values ('a', 'tragedy')")
        conn.execute("drop table quotes")
        conn.execute("drop table checks")
        conn.execute("alter table figures drop column copy_edits")
        conn.execute("alter table reuse drop column lineage")
    page = Page(render(ledger))
    assert "tragedy" in page.by_id["framing"]  # no doc_id/term to pivot: the rows as they are
    assert "No quotations found." in page.by_id["quotes"]
    assert "killed · children" in "".join(page.text)
    assert "Who copied whom" in "".join(page.text)


def test_empty_ledger_renders(tmp_path):
    ledger = tmp_path / "empty.db"
    (tmp_path / "bad.txt").write_text("", encoding="utf-8")
    pipeline.build(ledger, [str(tmp_path / "bad.txt")], workers=1)
    page = Page(render(ledger))
    assert "No events in this ledger" in page.by_id["events"]
    assert "empty file" in page.by_id["rejects"]
    assert "No document is dated to a day" in page.by_id["timeline"]


def test_not_a_ledger_is_a_usage_error(tmp_path):
    (tmp_path / "x.db").write_bytes(b"not sqlite at all, just bytes" * 10)
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "x.db"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    with pytest.raises(ledger_mod.LedgerError):
        write_report(tmp_path / "missing.db", tmp_path / "m.html")
    assert not (tmp_path / "m.html").exists()


# ------------------------------------------------------------------ scale: caps say what they leave out


def test_caps_say_what_was_left_out(example_ledger, tmp_path, monkeypatch):
    monkeypatch.setattr(events, "EVENTS_SHOWN", 1)
    monkeypatch.setattr(events, "FIGURES_PER_EVENT", 2)
    monkeypatch.setattr(events, "VARIANTS_PER_FIGURE", 2)
    monkeypatch.setattr(events, "SOURCES_PER_VARIANT", 1)
    monkeypatch.setattr(copies, "PASSAGES_SHOWN", 1)
    monkeypatch.setattr(sources, "DOCUMENTS_SHOWN", 3)
    html = render(example_ledger)
    page = Page(html)
    text = " ".join("".join(page.text).split())
    with sqlite3.connect(example_ledger) as conn:
        n_events = conn.execute("select count(*) from events").fetchone()[0]
        (top_figs,) = conn.execute("select count(*) from figures where event_id = (select event_id from documents "
                                   "where event_id is not null group by event_id order by count(*) desc limit 1)").fetchone()
        n_passages = conn.execute("select count(*) from reuse where kind = 'passage'").fetchone()[0]
        n_docs = conn.execute("select count(*) from documents").fetchone()[0]
    assert top_figs > 2 and n_passages > 1 and n_docs > 3 and n_events > 1
    assert f"Showing 2 of {top_figs} figures of this event; {top_figs - 2} left out." in text
    assert f"Other events ({n_events - 1})" in text
    assert "less printed value left out" in text or "less printed values left out" in text
    assert "more document" in text
    assert f"Showing 1 of {n_passages} copied passages; {n_passages - 1} left out." in text
    assert f"Showing 3 of {n_docs} documents (earliest first); {n_docs - 3} left out." in text
    for href in page.hrefs:  # nothing links to what was left out
        assert not href.startswith("#") or href[1:] in page.ids, href
    # the left-out figures are still in the event's CSV
    (rows,) = [v for k, v in _csvs(html).items() if k.startswith("figures-")]
    assert len(rows) == top_figs


def test_long_passages_and_sentences_are_shortened():
    text = "a" * 1000 + "11" + "b" * 1000
    edits = [{"from": "11", "to": "14", "source_start": 5000 + 1000, "source_end": 5000 + 1002, "number": True}]
    out = copies.marked(text, 5000, edits, "source")
    assert '<del class="edit num" title="became: 14">11</del>' in out
    assert "unchanged characters" in out and len(out) < 1200


# ------------------------------------------------------------------ CLI: demo and serve


def test_demo_ends_by_printing_the_report_path(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "-q", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last == f"report: {tmp_path / 'd' / 'report.html'}"
    assert Path(last.split(": ", 1)[1]).exists()


def test_report_command_prints_the_path_and_defaults_beside_the_ledger(example_ledger, tmp_path):
    ledger = _copy(example_ledger, tmp_path)
    result = CliRunner().invoke(cli, ["report", str(ledger)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(ledger.with_suffix(".html"))
    assert ledger.with_suffix(".html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_serve_metadata_facets_and_full_text_search(tmp_path):
    meta = ledger_mod.datasette_metadata(tmp_path / "ferry.db")
    tables = meta["databases"]["ferry"]["tables"]
    docs = tables["documents"]
    assert {"outlet", "event_id"} <= set(docs["facets"])
    assert docs["fts_table"] == "documents_fts" and docs["fts_pk"] == "rowid"
    assert "text" in docs["columns"]
    assert {"measure", "event_id"} <= set(tables["claims"]["facets"])
    assert {"measure", "event_id", "status"} <= set(tables["figures"]["facets"])
    assert tables["events"]["label_column"] == "label"
    for table in ledger_mod.table_names():
        assert tables[table]["description"]


def test_datasette_accepts_the_metadata_in_process(example_ledger, tmp_path):
    """Datasette's own app (in process, no server): facets and full-text search work on the ledger."""
    pytest.importorskip("datasette")
    import asyncio

    from datasette.app import Datasette

    ledger = _copy(example_ledger, tmp_path)
    meta = ledger_mod.datasette_metadata(ledger)

    async def go():
        ds = Datasette([str(ledger)], metadata=meta)
        await ds.invoke_startup()
        facets = await ds.client.get(f"/{ledger.stem}/documents.json?_shape=objects")
        search = await ds.client.get(f"/{ledger.stem}/documents.json?_search=capsized&_shape=objects")
        return facets.json(), search.json()

    facets, search = asyncio.run(go())
    assert {"outlet", "event_id"} <= set(facets["facet_results"]["results"] if "results" in facets["facet_results"] else facets["facet_results"])
    assert search["rows"] and all("capsized" in r["text"] for r in search["rows"])


def test_a_document_dated_to_a_range_shows_its_range(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "shelling.txt").write_text(
        "Officials said on Wednesday that shelling hit the town of Velmar, killing 4 people, despite three "
        "cease-fire agreements since October 10, 2020.\n", encoding="utf-8")
    ledger = tmp_path / "r.db"
    pipeline.build(ledger, [str(inputs)], workers=1)
    with sqlite3.connect(ledger) as conn:
        assert conn.execute("select published, published_precision, published_low from documents").fetchone() == (
            None, "range", "2020-10-14")
    out = tmp_path / "r.html"
    write_report(ledger, out)
    text = "".join(Page(out.read_text(encoding="utf-8")).text)
    assert "published on or after 2020-10-14 (weekday, range)" in text  # the document's entry
    assert "1 document dated only to a range or a year" in text  # the timeline's note


def test_serve_stops_on_sigterm_and_leaves_no_server(example_ledger, tmp_path):
    """`storytrace serve` becomes the Datasette process: SIGTERM (a service manager, `kill`)
    stops the server itself; nothing is left listening."""
    pytest.importorskip("datasette")
    import signal
    import socket
    import subprocess
    import sys
    import time as time_mod

    ledger = _copy(example_ledger, tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def listening() -> bool:
        with socket.socket() as c:
            return c.connect_ex(("127.0.0.1", port)) == 0

    proc = subprocess.Popen([sys.executable, "-c", "from storytrace.cli import main; main()", "serve", str(ledger),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # Datasette starting (up to a minute on a busy machine)
            if listening() or proc.poll() is not None:
                break
            time_mod.sleep(0.1)
        assert listening(), "Datasette did not start"
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        assert not listening()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_sources_are_named_by_outlet_and_title_not_by_file_hash(tmp_path):
    """A document without metadata is named as a reader would: the agency its dateline or
    its "X reports" names, its first line when that is a headline, else its file name."""
    from storytrace.engines.local import build
    from storytrace.report.data import LedgerView

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a1f3.txt").write_text(
        "Riverside Hosts Flood Relief Conference\n\nRiverside, March 3, MERIDIAN\n\n"
        "A conference on the flood that killed 12 people was held in Riverside on Tuesday.")
    (tmp_path / "in" / "b2e4.txt").write_text(
        "LAKETON, March 4. The ministry said 12 people died in the flood on Monday, Harbor Wire reports.\n\nMore to come.")
    (tmp_path / "in" / "c3d5.txt").write_text("The river rose again on Wednesday, and 12 people are now known dead, officials said.")
    build(tmp_path / "l.db", [str(tmp_path / "in")], workers=1)
    view = LedgerView(tmp_path / "l.db")
    named = {d.file_name: (d.label, d.display_title) for d in view.doc_list(10)}
    assert named["a1f3"] == ("MERIDIAN", "Riverside Hosts Flood Relief Conference")
    assert named["b2e4"] == ("Harbor Wire", "b2e4")
    assert named["c3d5"] == ("c3d5", "c3d5")
    page = (tmp_path / "r.html")
    CliRunner().invoke(cli, ["report", str(tmp_path / "l.db"), "-o", str(page)])
    html = page.read_text(encoding="utf-8")
    assert "MERIDIAN" in html and "Harbor Wire" in html and "(no title)" not in html


def test_document_counts_are_drawn_on_whole_number_ticks():
    from storytrace.report import charts

    for top in (1, 3, 5, 25):
        svg = charts.stacked_bars([("2024-03-04", [top], "")], ["documents"], "documents by date")
        labels = [t for t in re.findall(r'text-anchor="end">([^<]+)</text>', svg)]
        assert labels and all(re.fullmatch(r"\d+", t) for t in labels), (top, labels)


def test_values_over_time_only_for_figures_that_changed(example_page, example_ledger):
    html, _ = example_page
    section = html[html.find('id="timeline"'):]
    section = section[: section.find("</section>")]
    charted = re.findall(r'href="#f-([0-9a-f]+)"', section.split("Reported values over time", 1)[-1])
    with sqlite3.connect(example_ledger) as conn:
        for fid in charted:
            (genealogy,) = conn.execute("select genealogy from figures where id = ?", [fid]).fetchone()
            assert len(json.loads(genealogy)) >= 2, fid  # one value all along is no change to chart


def test_the_framing_section_shows_no_raw_json(example_page):
    html, _ = example_page
    section = html[html.find('id="framing"'):]
    section = section[: section.find("</section>")]
    assert "&quot;start&quot;" not in section and "[[" not in section


def test_a_speaker_is_one_person_under_any_spelling(tmp_path):
    from storytrace.engines.local import build
    from storytrace.report import write_report

    (tmp_path / "in").mkdir()
    quote = '"We will never forget the victims of the valley fire," '
    (tmp_path / "in" / "a.txt").write_text(quote + "Foreign Minister Mevlut Orrin said on Monday in the capital.")
    (tmp_path / "in" / "b.txt").write_text("The ministry held a ceremony on Tuesday. " + quote + "Orrin said.")
    build(tmp_path / "l.db", [str(tmp_path / "in")], workers=1)
    with sqlite3.connect(tmp_path / "l.db") as conn:
        assert len({k for (k,) in conn.execute("select speaker_key from quotes")}) == 1
    html = write_report(tmp_path / "l.db", tmp_path / "r.html").read_text(encoding="utf-8")
    section = html[html.find('id="quotes"'):]
    section = section[: section.find("</section>")]
    assert section.count("<q>") == 1  # one quotation, one person: one row
    assert "Foreign Minister Mevlut Orrin (2)" in section


def test_each_document_says_how_reliable_its_date_is(example_page):
    html, _ = example_page
    docs = html[html.find('id="documents"'):]
    docs = docs[: docs.find("</section>")]
    assert re.search(r"header · confidence 0\.\d\d", docs)
    tables = ledger_mod.datasette_metadata(Path("ferry.db"))["databases"]["ferry"]["tables"]
    assert {"published_how", "published_confidence"} <= set(tables["documents"]["facets"])


def test_groups_that_are_not_persons_show_their_unit(tmp_path):
    from storytrace.engines.local import build
    from storytrace.report import write_report

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "The Orrin valley attack on Monday killed 40 people. Eight families were wiped out, 30 children lost one "
        "parent and 25 lost both parents, officials said.")
    build(tmp_path / "l.db", [str(tmp_path / "in")], workers=1)
    html = write_report(tmp_path / "l.db", tmp_path / "r.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "families wiped out" in text and "children who lost both parents" in text
    assert "killed · families" not in text


def test_an_acronym_in_brackets_is_no_agency():
    from storytrace.ingest.metadata import outlet_in_text

    assert outlet_in_text("NEW YORK (AP) — A fire broke out on Monday.") == "AP"
    assert outlet_in_text("The World Health Organization (WHO) - said on Monday that 12 died.") is None
    assert outlet_in_text("Senator John Smith (R-Texas) - who chairs the committee, said...") is None
