"""Dating by an outlet's article ids: ids read from URLs, the clock an outlet's dated
articles show, readings between two anchors, and the stage on a ledger."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import sqlite_utils

from storytrace.stages import datings, serials
from storytrace.engines import local as pipeline
from storytrace.analyse.dates import Dating
from storytrace.stages.serials import Anchor, clock_of, date_from_serial, fits, serial_of


def test_serial_of_reads_standalone_ids():
    assert serial_of("http://www.example-daily.test/news/article-5214605/Ship-hits-bridge.html") == (
        "example-daily.test", 5214605)
    assert serial_of("https://www.wire.test/usa/414511-contact-restored/") == ("wire.test", 414511)
    assert serial_of("http://www.broadcaster.test/news/world-asia-37906226") == ("broadcaster.test", 37906226)
    assert serial_of("https://www.tv.test/world/fireworks-chaos-1.3741340") == ("tv.test", 3741340)
    assert serial_of("http://www.broadcaster.test/news/world-europe-20123456") == ("broadcaster.test", 20123456)
    # a number inside the slug is not the id
    assert serial_of("https://www.wire.test/news/414560-protest-draws-50000-people/") == ("wire.test", 414560)
    assert serial_of("http://www.example-daily.test/news/article-5214605/Lottery-winner-scoops-1000000-jackpot.html") \
        == ("example-daily.test", 5214605)
    assert serial_of("https://paper.test/news/crowd-of-50000-marches-on-capital") is None


def test_serial_of_ignores_dates_hex_and_queries():
    assert serial_of("https://paper.test/world/2017/12/30/ship-hits-bridge/") is None  # a date, not an id
    assert serial_of("https://paper.test/2017/12/27/a4487ade-a0b3-11e6-a44d-cc2898cfab06_story.html") is None
    assert serial_of("https://paper.test/ship-hits-bridge?utm_term=.893884d04aa4&id=1234567") is None
    assert serial_of("https://paper.test/story/20171230/ship") is None  # a compact date
    assert serial_of("not a url") is None and serial_of(None) is None


def _anchors(pairs):
    return [Anchor(s, d, f"doc{s}", "metadata") for s, d in pairs]


D = date(2025, 3, 10)
IN_ORDER = [(1000, D), (1010, D), (1020, D + timedelta(1)), (1030, D + timedelta(1)), (1040, D + timedelta(3)),
            (1050, D + timedelta(3))]


def test_clock_needs_enough_anchors_in_order():
    clock, against = clock_of(_anchors(IN_ORDER))
    assert [a.serial for a in clock.anchors] == [1000, 1010, 1020, 1030, 1040, 1050] and against == []
    assert clock_of(_anchors(IN_ORDER[:4]))[0] is None  # too few to show a clock
    shuffled = [(1000, D + timedelta(9)), (1010, D), (1020, D + timedelta(30)), (1030, D + timedelta(2)),
                (1040, D + timedelta(20)), (1050, D + timedelta(1))]
    assert clock_of(_anchors(shuffled))[0] is None  # ids that do not follow the dates are no clock
    two_days = [(1000 + 10 * k, D + timedelta(k % 2)) for k in (3, 0, 7, 2, 5, 1, 6, 4)]
    assert clock_of(_anchors(two_days))[0] is None  # on one or two days any order of ids looks sorted


def test_an_anchor_out_of_order_is_left_out_and_named():
    wrong = IN_ORDER[:3] + [(1025, D + timedelta(40))] + IN_ORDER[3:] + [(1060, D + timedelta(4)),
                                                                        (1070, D + timedelta(4))]
    clock, against = clock_of(_anchors(wrong))
    assert [a.serial for a in against] == [1025]
    assert 1025 not in [a.serial for a in clock.anchors]
    late_by_a_day = IN_ORDER + [(1005, D + timedelta(1))]  # the next day: within the slack, not contradicted
    clock, against = clock_of(_anchors(late_by_a_day))
    assert against == []


def test_readings_between_anchors():
    clock = clock_of(_anchors(IN_ORDER))[0]
    day = date_from_serial(1005, "x.test", clock)
    assert (day.how, day.precision, day.low) == ("serial", "day", D)
    assert day.evidence == ("article id 1005 on x.test, between 1000 (dated 2025-03-10: metadata) "
                            "and 1010 (dated 2025-03-10: metadata)")
    span = date_from_serial(1035, "x.test", clock)  # between days 1 and 3: that range, a day wider each side
    assert (span.precision, span.low, span.high) == ("range", D, D + timedelta(4))
    assert date_from_serial(999, "x.test", clock) is None  # one side only
    assert date_from_serial(1060, "x.test", clock) is None
    assert date_from_serial(1010, "x.test", clock) is None  # the same id as a dated article
    assert fits(1005, D + timedelta(1), clock) and not fits(1005, D + timedelta(5), clock)


def _record(i, serial, published=None):
    topics = ["a ferry fire", "a council vote", "a bridge repair", "a school opening", "a river flood", "a port strike",
              "a rail delay", "a market fire", "a museum theft", "a hospital wing", "a road crash", "a power cut"]
    text = (f"Report number {i} from the Port Vellin desk concerns {topics[i % len(topics)]}. "
            f"Officials in district {i} said crews worked through the night and residents were told "
            f"to expect updates. The desk filed item {serial} with notes on {topics[(i * 5) % len(topics)]}.")
    r = {"url": f"https://www.vellin-courier.test/news/article-{serial}/item-{i}.html", "title": f"Item {i}",
         "source_domain": "vellin-courier.test", "text": text}
    if published:
        r["date_publish"] = published
    return r


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def test_stage_dates_by_id_and_rebuilds_the_same(tmp_path):
    dated = [_record(0, 500100, "2025-03-10T09:00:00"), _record(1, 500200, "2025-03-10T15:00:00"),
             _record(2, 500300, "2025-03-11T10:00:00"), _record(3, 500400, "2025-03-13T10:00:00"),
             _record(4, 500500, "2025-03-13T18:00:00")]
    undated = [_record(5, 500150), _record(6, 500350)]
    inputs = tmp_path / "in.jsonl"
    _write(inputs, dated + undated)
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(inputs)], workers=1)
    q = ("select url, published, published_how, published_precision, published_low, published_high, "
         "published_evidence from documents where published_how = 'serial' order by url")
    rows = sqlite3.connect(ledger).execute(q).fetchall()
    assert [r[1:6] for r in rows] == [
        ("2025-03-10", "serial", "day", "2025-03-10", "2025-03-10"),
        (None, "serial", "range", "2025-03-10", "2025-03-14"),
    ]
    assert "article id 500150 on vellin-courier.test, between 500100 (dated 2025-03-10: metadata)" in rows[0][6]

    # a sixth anchor inside the range: rebuilt from the document's own evidence, not stacked
    _write(inputs, dated + undated + [_record(7, 500360, "2025-03-12T08:00:00")])
    pipeline.build(ledger, [str(inputs)], workers=1)
    rows = sqlite3.connect(ledger).execute(q).fetchall()
    assert [r[1:6] for r in rows] == [
        ("2025-03-10", "serial", "day", "2025-03-10", "2025-03-10"),
        (None, "serial", "range", "2025-03-10", "2025-03-13"),
    ]
    own = sqlite3.connect(ledger).execute(
        "select t.how, t.status from datings t join documents d on d.id = t.doc_id "
        "where d.published_how = 'serial' and t.stage = 'document'").fetchall()
    assert own and all(o == (None, "candidate") for o in own)  # no dating of their own


def test_stage_withdraws_a_story_date_and_flags_metadata_out_of_order(tmp_path):
    records = [_record(i, 700000 + 100 * i, f"2025-03-{10 + i:02d}T09:00:00") for i in range(12)]
    records.append(_record(12, 700250))
    records.append(_record(13, 700550, "2025-01-02T09:00:00"))  # metadata months out of order
    inputs = tmp_path / "in.jsonl"
    _write(inputs, records)
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(inputs)], workers=1)
    db = sqlite_utils.Database(ledger)
    # a story dating far from its outlet's ids (as the story stage would write it)
    doc = db.execute("select id from documents where url like '%700250%'").fetchone()[0]
    datings.record(db, "story", [(doc, Dating("story", "Sunday + 1 documents", "day", date(2025, 4, 20), date(2025, 4, 20)))])
    assert db.execute("select published_how from documents where id = ?", [doc]).fetchone()[0] == "story"
    flagged = db.execute("select id from documents where url like '%700550%'").fetchone()[0]
    db.execute("update documents set date_conflict = 'its URL dates it 2025-01-03' where id = ?", [flagged])
    serials.serial_stage(db)  # (a declared stage: it reports the rows it wrote, not what they say)
    assert db.execute("select count(*) from datings where stage = 'story' and status like 'withdrawn%'").fetchone()[0] == 1
    assert db.execute("select count(*) from documents where date_conflict like ?",
                      [f"%{serials.CONFLICT_MARK}%"]).fetchone()[0] == 1
    row = db.execute("select published, published_how, published_precision, published_low, published_high "
                     "from documents where id = ?", [doc]).fetchone()
    assert row == (None, "serial", "range", "2025-03-11", "2025-03-14")  # between 03-12 and 03-13, a day wider
    status = db.execute("select status from datings where doc_id = ? and stage = 'story'", [doc]).fetchone()[0]
    assert status.startswith("withdrawn: its outlet's article ids put it near")
    note = db.execute("select date_conflict from documents where id = ?", [flagged]).fetchone()[0]
    assert note.startswith("its URL dates it 2025-01-03; its outlet's article ids put it near 700500 (2025-03-15)")
    serials.serial_stage(db)  # again: the same note once, the analyser's kept
    assert db.execute("select date_conflict from documents where id = ?", [flagged]).fetchone()[0] == note


def test_a_serial_range_narrowed_by_an_event_date_survives_rebuilds(tmp_path):
    records = [_record(0, 900100, "2025-03-08T09:00:00"), _record(1, 900200, "2025-03-09T09:00:00"),
               _record(2, 900300, "2025-03-10T09:00:00"), _record(3, 900500, "2025-03-13T09:00:00"),
               _record(4, 900600, "2025-03-14T09:00:00")]
    fire = {"url": "https://www.harbour-wire.test/fire-report", "source_domain": "harbour-wire.test",
            "text": "Divers returned to Lake Veldra. The March 11, 2025 Veldra fire killed 12 passengers of the "
                    "ferry Tessaly, officials said."}
    inquiry = {"url": "https://www.vellin-courier.test/news/article-900400/inquiry.html",
               "source_domain": "vellin-courier.test",
               "text": "Inspectors said the Veldra fire on Tuesday started in the engine room, and the owner of the "
                       "ferry will answer questions from the harbour board next month."}
    inputs = tmp_path / "in.jsonl"
    _write(inputs, records + [fire, inquiry])
    ledger = tmp_path / "l.db"
    q = ("select published, published_how, published_precision, published_evidence, id from documents "
         "where url like '%900400%'")
    for _ in range(3):  # the first build and two rebuilds give the same row
        pipeline.build(ledger, [str(inputs)], workers=1)
        row = sqlite3.connect(ledger).execute(q).fetchone()
        assert row[:3] == ("2025-03-11", "event", "day")
        assert row[3].startswith("article id 900400 on vellin-courier.test, between 900300 (dated 2025-03-10")
        assert "+ Tuesday + the Veldra fire dated 2025-03-11" in row[3]
        own = sqlite3.connect(ledger).execute("select how from datings where doc_id = ? and stage = 'document'",
                                              [row[4]]).fetchall()
        assert own == [(None,)]  # its own dating: none (not the serial range)
        stages = sqlite3.connect(ledger).execute("select stage, status from datings where doc_id = ? order by stage",
                                                 [row[4]]).fetchall()
        assert stages == [("document", "candidate"), ("event", "chosen: the document gives no day of its own; its event does"),
                          ("serial", "candidate")]


SHARED_PASSAGE = ("The harbour master said the ferry Tessaly left the quay at Port Vellin shortly after dawn with "
                  "forty passengers aboard, that a fire broke out in the engine room within the hour, and that two "
                  "fishing boats from Caddock Island reached the burning ferry before the coast guard arrived.")


def _tables(path):
    con = sqlite3.connect(path)
    out = {}
    for (t,) in con.execute("select name from sqlite_master where type = 'table' and name not like '%fts%' "
                            "and name not like 'sqlite%' and name != '_storytrace'"):
        out[t] = con.execute(f"select * from [{t}] order by rowid").fetchall()
    return out


def test_rebuilding_gives_the_ledger_a_fresh_build_gives(tmp_path):
    records = [_record(i, 600100 + 100 * i, f"2025-03-{10 + i // 2:02d}T09:00:00") for i in range(6)]
    records.append({"url": "https://www.vellin-courier.test/news/article-600150/ferry.html",  # serial-dated only
                    "source_domain": "vellin-courier.test", "text": "Ferry fire report. " + SHARED_PASSAGE})
    records.append({"url": "https://www.lake-wire.test/ferry-fire", "source_domain": "lake-wire.test",
                    "text": "PORT VELLIN, March 10 (Lake Wire) - " + SHARED_PASSAGE + " Divers searched the wreck."})
    inputs = tmp_path / "in.jsonl"
    _write(inputs, records)
    fresh, rebuilt = tmp_path / "fresh.db", tmp_path / "rebuilt.db"
    pipeline.build(fresh, [str(inputs)], workers=1)
    pipeline.build(rebuilt, [str(inputs)], workers=1)
    pipeline.build(rebuilt, [str(inputs)], workers=1)  # no new input: every stage runs again
    assert sqlite3.connect(fresh).execute(
        "select published_how from documents where url like '%600150%'").fetchone() == ("serial",)
    assert _tables(fresh) == _tables(rebuilt)


def test_a_yearless_dateline_picks_its_day_in_a_serial_range(tmp_path):
    records = [_record(0, 800100, "2025-03-08T09:00:00"), _record(1, 800200, "2025-03-09T09:00:00"),
               _record(2, 800300, "2025-03-10T09:00:00"), _record(3, 800500, "2025-03-13T09:00:00"),
               _record(4, 800600, "2025-03-14T09:00:00")]
    records.append({"url": "https://www.vellin-courier.test/news/article-800400/lighthouse.html",
                    "source_domain": "vellin-courier.test",
                    "text": "PORT VELLIN, March 11 (Courier) - The old lighthouse on the north mole will be "
                            "repainted in the spring, the harbour trust said, after volunteers raised the money."})
    records.append({"url": "https://www.vellin-courier.test/news/article-800450/choir.html",
                    "source_domain": "vellin-courier.test",
                    "text": "PORT VELLIN, March 2 (Courier) - The town choir will sing at the harbour festival, "
                            "its conductor said, with a new piece written by a local teacher."})
    inputs = tmp_path / "in.jsonl"
    _write(inputs, records)
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(inputs)], workers=1)
    con = sqlite3.connect(ledger)
    q = "select published, published_how, published_evidence from documents where url like ?"
    lighthouse = con.execute(q, ["%800400%"]).fetchone()
    assert lighthouse[:2] == ("2025-03-11", "serial")
    assert lighthouse[2].startswith("PORT VELLIN, March 11 + article id 800400 on vellin-courier.test")
    assert con.execute(q, ["%800450%"]).fetchone()[0] is None  # March 2 is not in its range: no date


def test_a_ledger_from_before_the_datings_table_rebuilds_like_a_fresh_one(tmp_path, example_dir):
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    pipeline.build(fresh, [str(example_dir)], workers=1)
    pipeline.build(old, [str(example_dir)], workers=1)
    con = sqlite3.connect(old)
    # as an earlier version left it: no datings table, each derived dating's own kept in published_own
    con.execute("alter table documents add column published_own text")
    derived = con.execute("select d.id, o.how, o.evidence, o.precision, o.low, o.high from documents d "
                          "join datings o on o.doc_id = d.id and o.stage = 'document' "
                          "where d.published_dating != o.id").fetchall()
    assert derived  # the example has documents dated through passages or their story
    for doc_id, *own in derived:
        fields = dict(zip(("published_how", "published_evidence", "published_precision", "published_low",
                           "published_high"), own), published=None)
        con.execute("update documents set published_own = ? where id = ?", [json.dumps(fields), doc_id])
    con.execute("drop table datings")
    con.commit()
    pipeline.build(old, [str(example_dir)], workers=1)
    mine, theirs = _tables(old), _tables(fresh)
    assert sorted(mine["datings"]) == sorted(theirs["datings"])
    assert [r[:-1] for r in mine["documents"]] == theirs["documents"]  # (the old column stays, emptied)
    # an own dating storytrace did not write is left alone, not a crash
    con = sqlite3.connect(old)  # (a build replaces the file)
    con.execute("drop table datings")
    con.execute("update documents set published_own = 'not json' where id = ?", [derived[0][0]])
    con.commit()
    pipeline.build(old, [str(example_dir)], workers=1)
    assert sqlite3.connect(old).execute("select count(*) from documents").fetchone()[0] == 10

def test_a_ledger_from_before_own_datings_were_kept_rebuilds_like_a_fresh_one(tmp_path, example_dir):
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    pipeline.build(fresh, [str(example_dir)], workers=1)
    pipeline.build(old, [str(example_dir)], workers=1)
    con = sqlite3.connect(old)
    # as the first versions left it: a yearless dateline's passage dating in the document's fields, nothing kept
    passages = con.execute("select doc_id from datings where stage = 'passages'").fetchall()
    assert len(passages) == 1
    con.execute("drop table datings")
    con.commit()
    pipeline.build(old, [str(example_dir)], workers=1)
    mine, theirs = _tables(old), _tables(fresh)
    assert sorted(mine["datings"]) == sorted(theirs["datings"])
    assert mine["documents"] == theirs["documents"]


def test_a_legacy_story_dating_goes_back_to_its_own_yearless_dateline(tmp_path, example_dir):
    # a ledger from before the datings table kept only the chosen dating: a yearless
    # dateline dated through its story ("PORT VELLIN, March 12 + year 2025 from 6 documents
    # of its story") starts again from its own dateline, as a fresh build's own row has it
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    pipeline.build(fresh, [str(example_dir)], workers=1)
    pipeline.build(old, [str(example_dir)], workers=1)
    con = sqlite3.connect(old)
    doc_id, evidence = con.execute("select doc_id, evidence from datings where stage = 'document' and precision = 'no_year'").fetchone()
    con.execute("drop table datings")
    con.execute("update documents set published = '2025-03-12', published_how = 'story', published_precision = 'day', "
                "published_evidence = ? where id = ?", [evidence + " + year 2025 from 6 documents of its story", doc_id])
    con.commit()
    pipeline.build(old, [str(example_dir)], workers=1)
    own = "select how, evidence, precision, partial from datings where stage = 'document' and doc_id = ?"
    assert sqlite3.connect(old).execute(own, [doc_id]).fetchone() == sqlite3.connect(fresh).execute(own, [doc_id]).fetchone()
