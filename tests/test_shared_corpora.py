"""`storytrace build` on ../shared/corpora accounts for every one of its 1,232 inputs."""

from __future__ import annotations

import json
import sqlite3


from storytrace.engines import local as pipeline



def _inputs(corpora):
    n = len(list((corpora / "seeds").glob("*.txt")))
    for name in ("news_cluster_dev.jsonl", "ecbplus.jsonl"):
        n += sum(1 for line in open(corpora / name, encoding="utf-8") if line.strip())
    return n


def test_every_input_is_accounted_for(shared_ledger):
    path, report, corpora = shared_ledger
    conn = sqlite3.connect(path)
    docs = conn.execute("select count(*) from documents").fetchone()[0]
    rejects = conn.execute("select source, reason from rejects").fetchall()
    assert _inputs(corpora) == 1232
    assert docs + len(rejects) == 1232
    assert report.added == docs
    # only true non-articles are rejected: here one paywall notice with no article in it
    assert len(rejects) == 1, rejects
    source, reason = rejects[0]
    line = int(source.rsplit(":", 1)[1])
    record = json.loads((corpora / "news_cluster_dev.jsonl").read_text(encoding="utf-8").splitlines()[line - 1])
    assert "deliverable area" in record["text"]
    assert reason.startswith("not an article: only subscription")


def test_seed_dates_from_headers(shared_ledger):
    path, _, _ = shared_ledger
    conn = sqlite3.connect(path)
    rows = {r[0]: r[1:] for r in conn.execute(
        "select substr(source, -24, 3), published, published_how, published_precision, published_low, published_high "
        "from documents where source like '%seeds%'")}
    assert rows == {
        "000": ("2018-02-26", "header", "day", "2018-02-26", "2018-02-26"),
        "001": ("2025-02-27", "anniversary", "day", "2025-02-27", "2025-02-27"),  # the statement "on Thursday" after it
        "002": ("2026-02-26", "header", "day", "2026-02-26", "2026-02-26"),
        "003": ("2017-02-23", "dateline", "day", "2017-02-23", "2017-02-23"),  # "25 years ago" gives the year
        "004": (None, "weekday", "range", "2020-10-14", None),  # a Wednesday after 10 October 2020, no more
    }
    assert conn.execute("select count(*) from documents where date_conflict is not null and source like '%seeds%'").fetchone()[0] == 0
    text = conn.execute("select text from documents where source like '%000_%.txt'").fetchone()[0]
    assert not text.lstrip().startswith("date")  # the header is not article text


def test_seed_003_boilerplate(shared_ledger):
    path, _, _ = shared_ledger
    text, boilerplate = sqlite3.connect(path).execute(
        "select text, boilerplate from documents where source like '%003_%.txt'"
    ).fetchone()
    lines = boilerplate.split("\n")
    assert len(lines) == 5  # copyright notice, error report hint, comment form (three lines)
    assert lines[0].startswith("©")
    for line in lines:
        assert line not in text
    assert text.rstrip().endswith('he added.')


def test_metadata_dates_kept(shared_ledger):
    path, _, corpora = shared_ledger
    conn = sqlite3.connect(path)
    by_id = dict(conn.execute("select record_id, published from documents where source like '%news_cluster%'"))
    records = [json.loads(line) for line in open(corpora / "news_cluster_dev.jsonl", encoding="utf-8")]
    dated = [r for r in records if r.get("date_publish") and r["id"] in by_id]
    assert len(dated) >= 240
    from datetime import date, timedelta

    from storytrace.analyse.dates import date_from_url
    later_stamps = 0
    for r in dated:
        assert by_id[r["id"]] is not None
        url = date_from_url(r.get("url"))
        if url is not None and url.low and url.low < date.fromisoformat(r["date_publish"][:10]) - timedelta(days=1) \
                and any(ch in url.evidence for ch in "/-"):
            later_stamps += 1  # a crawl or update stamped on the record: the day in its URL is taken
            assert by_id[r["id"]][:10] == url.low.isoformat()
        else:
            assert by_id[r["id"]][:10] == r["date_publish"][:10]
    assert later_stamps <= 12  # (the read dating gold judged 12 date_publish values wrong)


def test_rebuild_adds_nothing(shared_ledger, tmp_path):
    path, _, corpora = shared_ledger
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    again = pipeline.build(copy, [str(corpora / "seeds"), str(corpora / "ecbplus.jsonl")], workers=1)
    assert again.added == 0
    assert again.already == 5 + 982
