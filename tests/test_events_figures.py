"""Events, figures, checks and corrections on the bundled example (and the seeds when ../shared is there)."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from conftest import SEEDS, need_shared


def _q(ledger, sql, args=()):
    conn = sqlite3.connect(ledger)
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(sql, args)]


def _figure(ledger, event_id, measure, group=None):
    rows = _q(ledger, 'select * from figures where event_id = ? and measure = ? and "group" is ?', (event_id, measure, group))
    assert len(rows) == 1, (measure, group)
    return rows[0]


@pytest.fixture(scope="module")
def main_event(example_ledger):
    return _q(example_ledger, "select event_id, count(*) n from documents group by event_id order by n desc")[0]["event_id"]


def test_one_story_one_main_event(example_ledger, main_event):
    docs = _q(example_ledger, "select event_id, story from documents")
    assert {d["event_id"] for d in docs} == {main_event}
    assert all(d["story"] for d in docs)  # stories (by wording) may split; their named event joins them
    ev = _q(example_ledger, "select * from events where id = ?", (main_event,))[0]
    assert ev["type"] == "fire" and not ev["historic"]
    assert ev["date"] and ev["date_precision"]


def test_historic_event_recalled_is_its_own(example_ledger, main_event):
    (old,) = [e for e in _q(example_ledger, "select * from events") if e["id"] != main_event]
    assert old["historic"] and old["date"] == "1998" and old["date_precision"] == "year"
    killed = _figure(example_ledger, old["id"], "killed")
    assert killed["best"] == 64 and killed["status"] == "agree" and killed["n_docs"] == 3
    assert _figure(example_ledger, old["id"], "missing")["best"] == 9
    # its figures do not leak into the ferry fire's
    killed = _figure(example_ledger, main_event, "killed")
    assert "64" not in json.loads(killed["genealogy"])
    assert killed["high"] is None  # "at least 21" leaves it open above


def test_revisions_are_trends_from_trusted_dates(example_ledger, main_event, expected):
    killed = _figure(example_ledger, main_event, "killed")
    assert killed["trend"] == "rising" and killed["status"] == "revised"
    # the latest trusted-dated report (14 March, metadata); the anniversary piece's 24 is dated
    # only from its text ("A year on"), so it cannot set the figure
    revisions = expected["revisions"]["killed"]
    assert killed["best"] == revisions[-2]["value"] == 23
    assert "24" in json.loads(killed["genealogy"])
    assert "latest trusted-dated" in killed["rule"]
    assert _figure(example_ledger, main_event, "injured")["trend"] == "rising"
    missing = _figure(example_ledger, main_event, "missing")
    assert missing["trend"] == "falling" and missing["best"] == 2


def test_children_conflict_from_an_edited_copy(example_ledger, main_event):
    children = _figure(example_ledger, main_event, "killed", "children")
    assert children["status"] == "conflict" and children["trend"] is None
    values = {v for o in json.loads(children["origins"]) for v in o["values"]}
    assert {"11", "14"} <= values
    # the conflict names its sides: the same day, 11 in two documents against 14 in one
    sides = {s["value"]: len(s["documents"]) for s in json.loads(children["sides"])}
    assert sides == {"11": 2, "14": 1}
    edits = json.loads(children["copy_edits"])
    assert any(e["from"] == "11" and e["to"] == "14" for e in edits)
    # the wire passage and its two copies are one origin, not three confirmations
    assert children["n_origins"] < children["n_docs"]


def test_every_claim_has_its_event_and_figure(example_ledger):
    claims = _q(example_ledger, "select event_id, figure_id, measure, placement, confidence from claims")
    assert claims and all(c["event_id"] for c in claims)
    # every count claim is placed with its reason and confidence; placed ones make figures,
    # unplaced ones (page furniture, another time or event) none
    counted = [c for c in claims if c["measure"] != "other"]
    assert all(c["placement"] and c["confidence"] is not None for c in counted)
    assert all(bool(c["figure_id"]) == (not c["placement"].startswith("unplaced")) for c in counted)
    assert sum(not c["placement"].startswith("unplaced") for c in counted) > len(counted) / 2
    figure_ids = {f["id"] for f in _q(example_ledger, "select id from figures")}
    assert {c["figure_id"] for c in claims if c["figure_id"]} <= figure_ids


def test_event_and_figure_ids_are_stable(tmp_path, example_dir, example_ledger):
    from storytrace.engines import local as pipeline

    again = tmp_path / "again.db"
    pipeline.build(again, [str(example_dir)], workers=1)
    for table in ("events", "figures", "checks"):
        assert sorted(r["id"] for r in _q(again, f"select id from {table}")) == \
            sorted(r["id"] for r in _q(example_ledger, f"select id from {table}"))


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_checks_parts_and_subsets(tmp_path):
    from storytrace.engines import local as pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a.txt", " date 2024-05-02\nA landslide buried the hill village of Orrin on Tuesday. "
           "The landslide killed 30 villagers, including 20 women and 15 children, officials said.\n")
    _write(folder, "b.txt", " date 2024-05-03\nRescuers searched the hill village of Orrin after the landslide. "
           "Officials said 30 villagers died. Of the 40 people reported missing, 45 were later found alive.\n")
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    kinds = {c["kind"] for c in _q(ledger, "select kind from checks")}
    assert "parts_exceed_whole" in kinds  # 20 women + 15 children > 30


def test_corrections_apply_and_survive_rebuilds(tmp_path, example_dir, example_ledger, main_event):
    from storytrace.stages import corrections
    from storytrace.engines import local as pipeline

    ledger = tmp_path / "c.db"
    shutil.copy(example_ledger, ledger)
    (claim,) = [c for c in _q(ledger, 'select id from claims where "group" = \'children\' and value = 14')]
    c = pipeline.correct(ledger, lambda db: corrections.record(db, f"claim:{claim['id']}", "value", "11",
                                                               note="the copy mistyped it", author="tester"))
    children = _figure(ledger, main_event, "killed", "children")
    assert children["status"] != "conflict" or "14" not in {v for o in json.loads(children["origins"]) for v in o["values"]}
    assert _q(ledger, "select value, corrected from claims where id = ?", (claim["id"],))[0]["value"] == 11
    # a rebuild with one more document keeps the correction and applies it again
    extra = tmp_path / "extra"
    extra.mkdir()
    _write(extra, "late.txt", " date 2025-03-20\nDivers ended the search of the Tessaly wreck on Lake Veldra, "
           "where a ferry fire killed 23 people, the fire service said.\n")
    pipeline.build(ledger, [str(example_dir), str(extra)], workers=1)
    row = _q(ledger, "select status from corrections where id = ?", (c.id,))[0]
    assert row["status"] == "applied"
    assert _q(ledger, "select value from claims where id = ?", (claim["id"],))[0]["value"] == 11
    # removing it restores what the text says
    pipeline.correct(ledger, lambda db: corrections.remove(db, c.id))
    assert _q(ledger, "select value, corrected from claims where id = ?", (claim["id"],))[0] == {"value": 14, "corrected": None}


def test_a_publication_date_correction_applies_survives_rebuilds_and_undoes(tmp_path, example_dir, example_ledger):
    from storytrace.stages import corrections
    from storytrace.engines import local as pipeline

    ledger = tmp_path / "d.db"
    shutil.copy(example_ledger, ledger)
    (doc,) = _q(ledger, "select id, published, published_how from documents where source like '%opinion%'")
    # the opinion piece gives no date of its own: at most its story's ("On Thursday" among its story's days)
    assert doc["published_how"] in (None, "story")
    q = "select published, published_how, published_evidence, published_dating from documents where id = ?"
    before = _q(ledger, q, (doc["id"],))[0]
    c = pipeline.correct(ledger, lambda db: corrections.record(db, f"document:{doc['id']}", "published", "2025-03-15",
                                                               note="the print edition's date", author="tester"))
    row = _q(ledger, q, (doc["id"],))[0]
    assert (row["published"], row["published_how"]) == ("2025-03-15", "correction")
    assert row["published_evidence"].startswith("corrected by tester on ") and "the print edition's date" in row["published_evidence"]
    pipeline.build(ledger, [str(example_dir)], workers=1)  # a rebuild applies it again, not stacked
    assert _q(ledger, q, (doc["id"],))[0] == row
    assert _q(ledger, "select status from corrections where id = ?", (c.id,))[0]["status"] == "applied"
    pipeline.correct(ledger, lambda db: corrections.remove(db, c.id))
    assert _q(ledger, q, (doc["id"],))[0] == before  # removing it restores the dating the evidence gives
    for bad in ("March 15", "20250315", "2025-W11-3"):
        with pytest.raises(corrections.CorrectionError, match="YYYY-MM-DD"):
            pipeline.correct(ledger, lambda db: corrections.record(db, f"document:{doc['id']}", "published", bad))
    # two corrections recorded in the same second: the one recorded last wins
    same = "2025-04-01T10:00:00+00:00"
    for day in ("2025-03-20", "2025-03-12"):
        pipeline.correct(ledger, lambda db: corrections.record(db, f"document:{doc['id']}", "published", day, now=same))
    assert _q(ledger, q, (doc["id"],))[0]["published"] == "2025-03-12"
    statuses = [r["status"] for r in _q(ledger, "select status from corrections where field = 'published' order by rowid")]
    assert statuses == ["not applied: a later correction of the same document's date", "applied"]


def test_correction_merges_events_and_moves_claims(tmp_path, example_ledger, main_event):
    from storytrace.stages import corrections
    from storytrace.engines import local as pipeline

    ledger = tmp_path / "m.db"
    shutil.copy(example_ledger, ledger)
    old = [e["id"] for e in _q(ledger, "select id from events") if e["id"] != main_event][0]
    claim = _q(ledger, "select id from claims where event_id = ? limit 1", (main_event,))[0]["id"]
    pipeline.correct(ledger, lambda db: corrections.record(db, f"claim:{claim}", "event_id", old))
    assert _q(ledger, "select event_id from claims where id = ?", (claim,))[0]["event_id"] == old
    named = "select count(*) n from mentions where event_id = ?"
    n_old, n_main = _q(ledger, named, (old,))[0]["n"], _q(ledger, named, (main_event,))[0]["n"]
    assert n_old
    pipeline.correct(ledger, lambda db: corrections.record(db, f"event:{old}", "same_as", main_event))
    assert _q(ledger, named, (main_event,))[0]["n"] == n_old + n_main
    assert [e["id"] for e in _q(ledger, "select id from events")] == [main_event]
    assert {c["event_id"] for c in _q(ledger, "select event_id from claims")} == {main_event}
    # the named mentions of the merged event follow it, and so do the labels tied to them
    assert {m["event_id"] for m in _q(ledger, "select event_id from mentions where event_id is not null")} == {main_event}
    assert {t["event_id"] for t in _q(ledger, "select event_id from terms where event_id is not null")} == {main_event}
    with pytest.raises(corrections.CorrectionError):
        pipeline.correct(ledger, lambda db: corrections.record(db, "claim:nope", "value", "3"))
    with pytest.raises(corrections.CorrectionError):
        pipeline.correct(ledger, lambda db: corrections.record(db, f"claim:{claim}", "colour", "red"))


def test_correct_command(tmp_path, example_ledger):
    from click.testing import CliRunner

    from storytrace.cli import cli

    ledger = tmp_path / "cli.db"
    shutil.copy(example_ledger, ledger)
    claim = _q(ledger, "select id from claims where measure = 'killed' limit 1")[0]["id"]
    r = CliRunner().invoke(cli, ["correct", str(ledger), f"claim:{claim}", "measure", "injured", "--note", "misread"])
    assert r.exit_code == 0, r.output
    listed = CliRunner().invoke(cli, ["correct", str(ledger), "--list", "--json"])
    assert json.loads(listed.output.splitlines()[0])["status"] == "applied"
    table = CliRunner().invoke(cli, ["correct", str(ledger), "--list"])  # a table a person reads
    assert table.exit_code == 0 and "applied" in table.output and "misread" in table.output
    assert not table.output.lstrip().startswith("{")
    bad = CliRunner().invoke(cli, ["correct", str(ledger), f"claim:{claim}", "measure", "eaten"])
    assert bad.exit_code == 2 and "measure must be one of" in bad.output


def test_stories_group_by_content():
    from storytrace.analyse.leads import words
    from storytrace.stages.stories import bcubed, group

    texts = [
        ("a", "Flood in Marrowby", "The river Tane flooded Marrowby on Tuesday; 300 homes in Marrowby were evacuated."),
        ("b", "Marrowby floods", "Marrowby residents returned after the Tane flood waters fell in Marrowby."),
        ("c", "Orchard harvest", "Apple growers in the Tallow valley expect a small harvest after the April frost."),
        ("d", "Tallow valley apples", "Frost damaged the Tallow valley orchards; growers expect fewer apples."),
    ]
    story = group([(doc_id, words(title, text), None) for doc_id, title, text in texts])
    assert story["a"] == story["b"] != story["c"] == story["d"]
    assert bcubed(story, {"a": 1, "b": 1, "c": 2, "d": 2}) == (1.0, 1.0, 1.0)


def test_seeds_events_and_figures(tmp_path):
    need_shared("corpora", "seeds")
    from storytrace.engines import local as pipeline

    ledger = tmp_path / "seeds.db"
    pipeline.build(ledger, [str(SEEDS)], workers=1)
    events = {e["label"]: e for e in _q(ledger, "select * from events")}
    khojaly = next(e for label, e in events.items() if "Khojaly" in label)
    barda = next(e for label, e in events.items() if "Barda" in label)
    assert khojaly["historic"] and not barda["historic"]
    assert "Armenian forces" in json.loads(khojaly["actors"])
    women = _figure(ledger, khojaly["id"], "killed", "women")
    assert women["status"] == "conflict" and set(json.loads(women["genealogy"])) == {"116", "106"}
    assert any(e["from"] == "116" and e["to"] == "106" for e in json.loads(women["copy_edits"]))
    for measure, group, value in (("killed", None, 613), ("killed", "children", 63), ("injured", None, 487),
                                  ("captured", None, 1275), ("missing", None, 150)):
        f = _figure(ledger, khojaly["id"], measure, group)
        assert f["status"] == "agree" and f["best"] == value, (measure, group)
        # four outlets repeating "according to Azerbaijani figures" (copies among them) are one origin
        azeri = [o for o in json.loads(f["origins"]) if "azerbaijani figures" in o["origin"].lower()]
        assert len(azeri) == 1 and len(azeri[0]["documents"]) >= 2, (measure, group)
    # the Azerbaijani figures; 002's own unattributed 487 only repeats them (it relays them: no second origin)
    assert _figure(ledger, khojaly["id"], "injured")["n_origins"] == 1
    assert _figure(ledger, khojaly["id"], "killed")["n_origins"] <= 4  # 613: at most four, each named
    assert _figure(ledger, barda["id"], "killed")["low"] == 21


def test_a_story_event_first_reported_in_a_year_is_on_or_before_its_end(tmp_path):
    from storytrace.engines import local as pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "bus.txt", "A bus carrying 30 pilgrims overturned near Tallow, killing 4 of them, officials said. "
           "It was the worst accident on the road since a collision on May 3, 1992, 25 years ago.\n")
    ledger = tmp_path / "y.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    (doc,) = _q(ledger, "select published_precision, published_low, published_high, event_id from documents")
    assert (doc["published_precision"], doc["published_low"], doc["published_high"]) == ("year", "2017-01-01", "2017-12-31")
    (event,) = _q(ledger, "select date, date_precision, date_evidence from events where id = ?", (doc["event_id"],))
    assert (event["date"], event["date_precision"]) == ("../2017-12-31", "range")
    assert event["date_evidence"] == "on or before its first report (dated between 2017-01-01 and 2017-12-31)"


def test_a_corrected_claim_leaves_a_consistent_figure(tmp_path):
    """A copy changed 116 to 106; a person finds the 116 was a misreading of 106: the
    genealogy moves the document to 106 and the copy edit no longer reports a change."""
    from storytrace.engines import local as pipeline
    from storytrace.stages import corrections

    base = ("The Riverside flood on Monday killed 20 people, including {n} women, officials said. "
            "Rescue teams searched the valley for survivors all night long while the river kept rising fast.")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("date: 2024-03-04\n\n" + base.format(n=16))
    (tmp_path / "in" / "b.txt").write_text("date: 2024-03-05\n\n" + base.format(n=6))
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(tmp_path / "in")], workers=1)
    (fig,) = _q(ledger, "select id, genealogy, copy_edits from figures where \"group\" = 'women'")
    assert set(json.loads(fig["genealogy"])) == {"16", "6"} and json.loads(fig["copy_edits"] or "[]")
    (claim,) = _q(ledger, "select id from claims where \"group\" = 'women' and value = 16")
    pipeline.correct(ledger, lambda db: corrections.record(db, f"claim:{claim['id']}", "value", "6"))
    (fig,) = _q(ledger, "select genealogy, copy_edits, status from figures where \"group\" = 'women'")
    assert set(json.loads(fig["genealogy"])) == {"6"}
    assert json.loads(fig["copy_edits"] or "[]") == [] and fig["status"] != "conflict"


def test_a_corrected_event_date_carries_its_precision(tmp_path, example_ledger):
    from storytrace.engines import local as pipeline
    from storytrace.stages import corrections

    ledger = tmp_path / "l.db"
    shutil.copy(example_ledger, ledger)
    (ev,) = _q(ledger, "select id from events where date_precision = 'range' limit 1")
    pipeline.correct(ledger, lambda db: corrections.record(db, f"event:{ev['id']}", "date", "2024-03-04"))
    (after,) = _q(ledger, "select date, date_precision from events where id = ?", (ev["id"],))
    assert (after["date"], after["date_precision"]) == ("2024-03-04", "day")


def test_named_mentions_are_found_once_and_stored(example_ledger, example_dir):
    from storytrace.analyse.mentions import named_events

    with sqlite3.connect(example_ledger) as conn:
        texts = dict(conn.execute("select id, text from documents"))
        rows = conn.execute("select doc_id, start, \"end\", key, year, sentence_start, sentence_end from mentions "
                            "order by doc_id, start").fetchall()
    expected = sorted((d, m.start, m.end, m.key, m.year, m.sentence[0], m.sentence[1])
                      for d, t in texts.items() for m in named_events(t))
    assert rows == expected and len(rows) > 10


def test_a_ledger_from_before_the_mentions_table_rebuilds_like_a_fresh_one(tmp_path, example_dir):
    from storytrace.engines import local as pipeline

    old, fresh = tmp_path / "old.db", tmp_path / "fresh.db"
    files = sorted(str(p) for p in example_dir.iterdir())
    pipeline.build(old, files[:6], workers=1)
    with sqlite3.connect(old) as conn:  # as an earlier version left it
        conn.execute("drop table mentions")
        conn.execute("delete from _storytrace where key in ('mentions', 'code')")
    pipeline.build(old, [str(example_dir)], workers=1)
    pipeline.build(fresh, [str(example_dir)], workers=1)
    for table, order in (("mentions", "id"), ("events", "id"), ("terms", "id"), ("datings", "id"), ("claims", "id")):
        a = _q(old, f"select * from {table} order by {order}")
        b = _q(fresh, f"select * from {table} order by {order}")
        assert a == b, table


def test_documents_added_without_the_mentions_analyser_still_have_their_events(tmp_path, example_dir):
    from storytrace.analyse import ANALYSERS
    from storytrace.engines import local as pipeline

    without = [a for a in ANALYSERS if a[0] != "mentions"]
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    pipeline.build(a, [str(example_dir)], workers=1, analysers=without)
    pipeline.build(b, [str(example_dir)], workers=1)
    for table in ("mentions", "events"):
        assert _q(a, f"select * from {table} order by id") == _q(b, f"select * from {table} order by id"), table


@pytest.mark.parametrize("built", ["example_ledger", "shared_ledger"])
def test_no_stage_but_reuse_reads_the_texts(request, tmp_path, built):
    """Every cross-document stage but reuse (which compares the texts' passages) reads the
    analysers' rows (leads, mentions, date mentions, claims with their sentences, where
    each document's own dating evidence stands), not the texts: with every text blanked,
    the stages give the same ledger, table for table, row for row."""
    from storytrace.engines.local import CROSS_STAGES
    from storytrace.ledger import writing
    from storytrace.model import TABLES

    source = request.getfixturevalue(built)
    path = tmp_path / "copy.db"
    shutil.copy(source if built == "example_ledger" else source[0], path)

    def tables() -> dict:
        con = sqlite3.connect(path)
        out = {}
        for cls in TABLES:
            cols = [c for c in cls.columns() if c != "text"]
            out[cls.table] = con.execute(f"select {', '.join(f'[{c}]' for c in cols)} from [{cls.table}] order by rowid").fetchall()
        con.close()
        return out

    before = tables()
    assert before["events"] and any(r for r in before["datings"])
    with writing(path) as db:
        db.execute("update documents set text = ''")
        for name, stage in CROSS_STAGES:
            if name != "reuse":
                stage(db)
    after = tables()
    assert [t for t in before if after[t] != before[t]] == []


def test_rows_written_by_other_analyser_code_are_found_again(tmp_path, example_ledger):
    """What the stages read instead of the texts, written by other analyser code (an older
    release: its marker is not this code's `annotation_digest`), is found again from the
    texts before a stage reads it: the stages then give the ledger a fresh build gives."""
    from storytrace.engines.local import CROSS_STAGES
    from storytrace.ledger import READ_BY_STAGES, writing
    from storytrace.model import TABLES

    path = tmp_path / "copy.db"
    shutil.copy(example_ledger, path)

    def tables() -> dict:
        con = sqlite3.connect(path)
        out = {cls.table: con.execute(f"select * from [{cls.table}] order by rowid").fetchall() for cls in TABLES}
        con.close()
        return out

    before = tables()
    with writing(path) as db:  # as another release's analysers might have left them
        db.execute("update leads set terms = '{}', names = '{}', lead_end = 0")
        db.execute("update mentions set actors = '{}', dates = '[]'")
        db.execute("delete from date_mentions")
        db.execute("update claims set sentence = '', antecedent = null")
        db.execute("update documents set published_spans = '{}'")
        db.execute("update _storytrace set value = 'older code' where key in (%s)" % ", ".join("?" for _ in READ_BY_STAGES),
                   list(READ_BY_STAGES))
        for _name, stage in CROSS_STAGES:
            stage(db)
    after = tables()
    assert [t for t in before if after[t] != before[t]] == []


def test_event_nouns_in_another_sense_name_no_event():
    # an illness, a sex crime, a computer's or money's "attack"/"crash", words' "storm": no
    # incident type and no named event mention ("types from the event noun's sense")
    from storytrace.analyse.mentions import homograph, named_events, noun_spans

    def senses(text):
        return [(text[q:e], homograph(text, q, e)) for q, e in noun_spans(text)]

    assert senses("He died of a heart attack on Sunday.") == [("attack", True)]
    assert senses("She testified about the sexual assault.") == [("assault", True)]
    assert senses("A Web-based attack hit millions of users.") == [("attack", True)]
    assert senses("Savings vanished in the stock market crash.") == [("crash", True)]
    assert senses("A political storm broke over the minister.") == [("storm", True)]
    assert senses("A bus crash killed 12 and the attack on the hotel killed 3.") == [("crash", False), ("attack", False)]
    assert senses("A Haqqani network attack killed 12.") == [("attack", False)]
    assert senses("It was the deadliest political attack in decades.") == [("attack", False)]
    assert named_events("Residents recalled the Tellon Market crash of 1929 and the Tellon Harbour fire.") and \
        [m.noun for m in named_events("Residents recalled the Tellon Market crash of 1929 and the Tellon Harbour fire.")] == ["fire"]


def test_kidnappings_avalanches_and_crushes_are_incident_kinds_of_their_own():
    from storytrace.analyse.mentions import EVENT_NOUNS, named_events

    got = {(m.noun, EVENT_NOUNS[m.noun]) for m in named_events(
        "Parents recalled the 2019 Wendaro abduction, the Galtberg avalanche of 1999 and the Ossin crush.")}
    assert got == {("abduction", "kidnapping"), ("avalanche", "avalanche"), ("crush", "stampede")}
    assert EVENT_NOUNS["tornado"] == "storm"
    assert named_events("Kell's crush on the Orrin singer was no secret.") == []  # no stampede


def test_a_fragment_of_short_items_joins_the_story_it_belongs_to():
    from collections import defaultdict

    from storytrace.analyse.leads import words
    from storytrace.stages.stories import Stories, document_frequencies, join_fragments, vector

    long = ("A doctor from Varrow fell from the Kessel ridge of Mount Tellon on Thursday while climbing with his "
            "brother, who survived two nights in an ice cave before rescuers from the Tellon park reached him.")
    texts = {
        "a": ("Climber falls on Mount Tellon", long),
        "b": ("Brother survives Tellon fall", "Rescuers reached the brother of a Varrow doctor who fell from the "
              "Kessel ridge of Mount Tellon; he spent two nights in an ice cave."),
        "c": ("Tellon rescue", "The Tellon park rescue team flew the surviving brother off Mount Tellon after the "
              "Varrow doctor fell from the Kessel ridge."),
        "d": ("Search called off on Mount Tellon", "Police called off the search for the Varrow doctor who fell "
              "from the Kessel ridge of Mount Tellon on Thursday."),
        "e": ("Doctor presumed dead on Tellon", "Varrow doctor presumed dead after Kessel ridge fall."),
        "f": ("Tellon climber feared dead", "Varrow doctor feared dead after fall off Kessel ridge."),
        "g": ("Orchard frost", "Apple growers in the Orm valley expect a small harvest after the April frost."),
        "h": ("Orm valley apples", "Frost damaged the Orm valley orchards; growers expect fewer apples."),
    }
    docs = [(k, words(t, x), None) for k, (t, x) in texts.items()]
    df = document_frequencies(w for _, w, _ in docs)
    story = {"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 2, "h": 2}  # as the refinement left them
    state = Stories()  # ... with their centroids
    for k in range(3):
        cent: dict = defaultdict(float)
        names: dict = defaultdict(float)
        for doc_id, w, _ in docs:
            if story[doc_id] == k:
                for c, x in ((cent, w.terms), (names, w.names)):
                    for t, y in vector(x, df, df[""]).items():
                        c[t] += y
        state.add_story(dict(cent), dict(names))
    little = {doc_id for doc_id, w, _ in docs if len(w.terms) < 30}
    assert little >= {"e", "f", "g", "h"}  # (one-line briefs all; the orchard pair is no fragment of the climb)
    join_fragments(story, state, little, set(), set(), lambda: iter(docs), df, df[""])
    assert story["e"] == story["f"] == story["a"] == 0  # the two briefs were a fragment of the climbing story
    assert story["g"] == story["h"] == 2  # the orchard story is no fragment of it


def test_incidents_told_apart_by_their_years_stay_apart():
    # six reports of a 2019 ferry fire and three of a 1998 sinking on the same lake: the
    # cut of two incidents holds; the three are no fragment of the six
    from storytrace.analyse.leads import words
    from storytrace.stages.stories import group

    docs = [(f"a{i}", words(f"Ferry fire on Lake Veldra kills {10 + i}",
                            f"A fire on the ferry Orla Bright on Lake Veldra killed {10 + i} passengers on Tuesday near "
                            "Port Vellin, officials in Caddock said. Rescuers pulled survivors from the water."),
             f"2019-06-1{i}") for i in range(6)]
    docs += [(f"b{i}", words("Veldra ferry sinking remembered",
                             f"The ferry Marra sank on Lake Veldra near Port Vellin in a storm, killing {40 + i} "
                             "passengers; rescuers from Caddock pulled survivors from the water."),
              f"1998-03-0{i + 1}") for i in range(3)]
    story = group(sorted(docs, key=lambda d: d[2]))
    assert len({story[f"a{i}"] for i in range(6)}) == 1 and len({story[f"b{i}"] for i in range(3)}) == 1
    assert story["a0"] != story["b0"]


def test_a_story_across_the_turn_of_the_year_is_not_cut_by_the_calendar():
    # four reports of a cruise ship's quarantine on 20-23 December and four of its rising toll on 1-4 January: days
    # apart, not years; the same reports a year apart are two incidents
    from storytrace.analyse.leads import words
    from storytrace.stages.stories import group

    def stories(first: str, later: str) -> int:
        docs = [(f"a{i}", words(f"Cruise ship Aurelia docks under quarantine, {2 + i} dead",
                                "The cruise ship Sorrendine Aurelia docked at Kestrahaven under quarantine with hundreds of "
                                f"passengers ill, and {2 + i} people have died, the Kestrahaven port health authority said. "
                                "Doctors boarded the ship."), f"{first}{i}") for i in range(4)]
        docs += [(f"b{i}", words(f"Aurelia toll rises to {7 + i}; families count more",
                                 f"The health ministry said {7 + i} people had died after the poisoning aboard the Sorrendine "
                                 "Aurelia, while the Aurelia Families' Association counted two passengers who died at home in "
                                 "Karsland; fumigators were arrested in Kestrahaven."), f"{later}{i}") for i in range(4)]
        return len(set(group(sorted(docs, key=lambda d: d[2])).values()))

    assert stories("2026-12-2", "2027-01-0") == 1
    assert stories("2024-12-2", "2026-01-0") == 2


def test_an_event_name_is_its_place_only_when_written_as_one():
    # "the attack on Barda": a place; "the Khojaly massacre" in a text that speaks of "in
    # Khojaly": a place; "the Greek riot", "the Tallgrass shooting": a people, a firm
    from storytrace.analyse.mentions import named_events

    def located(text):
        return {m.name: m.located for m in named_events(text)}

    assert located("The attack on Barda killed 21 people.") == {"Barda": True}
    assert located("Survivors of the Khojaly massacre recalled the night in Khojaly.") == {"Khojaly": True}
    assert not any(located("The Greek riot spread to Salonica.").values())
    assert located("Police said the Tallgrass shooting left two dead.") == {"Tallgrass": False}


def test_an_event_noun_naming_a_service_or_an_officer_is_no_event():
    from storytrace.analyse.mentions import homograph, noun_spans

    def senses(text):
        return [(text[q:e], homograph(text, q, e)) for q, e in noun_spans(text)]

    assert senses("The Sallow Fire and Rescue Service said seven died.") == [("Fire", True)]
    assert senses("Chief Fire Officer Tomas Revik said seven died.") == [("Fire", True)]
    assert senses("The Sallow fire killed seven people.") == [("fire", False)]


def test_a_storm_a_ship_sank_in_is_the_circumstance_of_a_sinking():
    from storytrace.analyse.mentions import named_events

    def kinds(t):
        return [(m.name, m.noun) for m in named_events(t)]

    assert kinds("In June 1998 the MV Orla Bright sank in a storm off Caddock Island, killing 64.") == [
        ("Caddock Island", "sinking")]
    assert kinds("The ferry went down in a June storm off Caddock Island.") == [("Caddock Island", "sinking")]
    # people killed in a storm: the storm is the event
    assert kinds("Twelve people were killed in a storm off Caddock Island.") == [("Caddock Island", "storm")]


def test_a_possessive_place_after_the_noun_is_the_place():
    from storytrace.analyse.mentions import named_events

    [m] = named_events("Inmates seized 23 guards as a gang fight turned into a riot at Veloria's biggest prison.")
    assert (m.name, m.noun) == ("Veloria", "riot")


def test_only_weather_is_the_circumstance_of_a_sinking():
    from storytrace.analyse.mentions import named_events

    assert [m.noun for m in named_events("Several houses went down in the Tavrin earthquake.")] == ["earthquake"]
    assert [m.noun for m in named_events("A ferry went down in the Lantor floods.")] == ["floods"]


def test_a_passage_two_stories_share_gives_no_copy_lineage_to_a_figure():
    from storytrace.stages.figures import COPIED_QUERY

    db = sqlite3.connect(":memory:")
    db.execute("create table documents (id text, story text)")
    db.execute("create table reuse (source_doc text, source_start int, source_end int, target_doc text, "
               "target_start int, target_end int, lineage text, kind text)")
    db.executemany("insert into documents values (?, ?)", [("a", "s1"), ("b", "s1"), ("c", "s2"), ("d", None)])
    db.executemany("insert into reuse values (?, 0, 10, ?, 0, 10, 'L', ?)",
                   [("a", "b", "passage"),  # a wire and its copy: one story
                    ("a", "c", "passage"),  # a stock phrase another story's report shares
                    ("b", "d", "boilerplate")])
    assert [(r[0], r[3]) for r in db.execute(COPIED_QUERY)] == [("a", "b")]


def test_a_raid_is_an_event_of_its_own_kind_not_an_attack():
    from storytrace.analyse.mentions import EVENT_NOUNS, named_events

    assert EVENT_NOUNS["raid"] == "raid" and EVENT_NOUNS["assault"] == "attack"
    text = "Six people died in the police raid on Vila Corrente on Tuesday, the ministry said."
    assert [EVENT_NOUNS[m.noun] for m in named_events(text)] == ["raid"]
