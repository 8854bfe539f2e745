"""Publication dates from the text, with their evidence, and conflicts with metadata."""

from __future__ import annotations

from datetime import date

from storytrace.analyse.dates import analyse_dates, date_from_text
from storytrace.model import Document


def test_dateline_with_year_from_years_ago():
    text = ("Lake memorial held\n\nVELLIN, March 4, Harbour Wire\n\n"
            "Mourners gathered on the shore. The sinking of the Orla Bright on June 2, 1998 killed 64 people. "
            "\"It happened 27 years ago but we remember,\" the mayor said.")
    d = date_from_text(text)
    assert (d.how, d.precision, d.low) == ("dateline", "day", date(2025, 3, 4))
    assert "VELLIN, March 4" in d.evidence and "27 years ago" in d.evidence


def test_dateline_with_full_date():
    d = date_from_text("CADDOCK ISLAND, May 9, 2024 (Lakeside Wire) – The ferry service resumed today.")
    assert (d.how, d.low) == ("dateline", date(2024, 5, 9))


def test_anniversary_moves_to_the_weekday_reported_after_it():
    text = ("On Monday, the council marked the 10th anniversary of the Tarsa bridge collapse, which killed 31 people "
            "on April 14, 2015. The governor released a statement on Tuesday.")
    d = date_from_text(text)
    # 14 April 2025 is a Monday; the statement came the day after
    assert (d.how, d.precision, d.low) == ("anniversary", "day", date(2025, 4, 15))
    assert d.evidence.startswith("the 10th anniversary of the Tarsa bridge collapse")


def test_weekday_after_a_past_date_is_a_range_not_a_day():
    d = date_from_text("Shelling has continued since March 3, 2021. On Friday the ministry condemned the attack.")
    assert (d.how, d.precision, d.low, d.high) == ("weekday", "range", date(2021, 3, 5), None)


def test_nothing_to_go_on():
    assert date_from_text("The bridge reopened to traffic after repairs, officials said.") is None


def test_metadata_kept_and_contradiction_flagged():
    text = "SAN TELMO, Oct. 2, 2017 (Wire) – Floods closed the valley road."
    ok = analyse_dates(Document(id="a", source="a", text=text, published="2017-10-02"))
    assert "date_conflict" not in ok.document_updates
    bad = analyse_dates(Document(id="b", source="b", text=text, published="2017-11-27"))
    assert bad.document_updates["date_conflict"].startswith("the text dates it 2017-10-02 (dateline")
    assert "published" not in bad.document_updates  # the metadata date stays; the conflict is shown


def test_undated_document_gets_fields():
    ann = analyse_dates(Document(id="c", source="c", text="HALVANE, July 1, 2023 – The strike ended."))
    assert ann.document_updates["published"] == "2023-07-01"
    assert ann.document_updates["published_how"] == "dateline"
    assert ann.document_updates["published_precision"] == "day"


def test_url_date_comes_first_and_contradicts_metadata():
    from storytrace.analyse.dates import date_from_url

    d = date_from_url("https://news.example/sport/2016/11/13/late-goal-wins-it/")
    assert (d.how, d.low, d.evidence) == ("url", date(2016, 11, 13), "2016/11/13")
    assert date_from_url("https://news.example/a-41939790") is None
    assert date_from_url("https://news.example/2016/13/45/x") is None
    # a metadata date later than the URL's day is a later stamp (a crawl, an edit): the URL's day is taken
    ann = analyse_dates(Document(id="u", source="u", text="The match ended late.", url="https://news.example/2016/11/13/x",
                                 published="2017-03-22"))
    assert (ann.document_updates["published"], ann.document_updates["published_how"]) == ("2016-11-13", "url")
    assert ann.document_updates["date_conflict"].startswith("its metadata says 2017-03-22, after the day in its URL")
    # an id's digits in a URL ("/2013011512345") are no publisher's day to put before the metadata
    ann = analyse_dates(Document(id="x", source="x", text="The match ended late.",
                                 url="https://news.example/science/201301151060451579-moon/", published="2017-03-22"))
    assert "published" not in ann.document_updates
    # a metadata date before the URL's day is kept, the disagreement noted
    ann = analyse_dates(Document(id="w", source="w", text="The match ended late.", url="https://news.example/2016/11/13/x",
                                 published="2016-10-02"))
    assert "published" not in ann.document_updates
    assert ann.document_updates["date_conflict"].startswith("its URL dates it 2016-11-13")
    ann = analyse_dates(Document(id="v", source="v", text="The match ended late.", url="https://news.example/20161113/x"))
    assert (ann.document_updates["published"], ann.document_updates["published_how"]) == ("2016-11-13", "url")


def test_url_dates_in_other_shapes():
    from storytrace.analyse.dates import date_from_url

    assert date_from_url("https://news.example/world/2018/feb/05/story").low == date(2018, 2, 5)
    assert date_from_url("https://news.example/a/201801/02/WS5a4af1.html").low == date(2018, 1, 2)
    assert date_from_url("https://news.example/science/201712311060451579-moon/").low == date(2017, 12, 31)
    assert date_from_url("https://news.example/world/2018/02/story") is None  # a month is not a day
    assert date_from_url("https://news.example/article-5216485/x.html") is None


def test_anniversary_without_a_named_event_does_not_date():
    # "its 50th anniversary" names no event: the text's only date is not what it counts from
    text = ("The parade moved through the city on Jan 1, 2018. A float honoured the arena, "
            "celebrating its 50th anniversary. Crowds lined the streets on Monday.")
    d = date_from_text(text)
    assert d is None or d.low.year == 2018


def test_last_year_is_not_years_ago():
    # "last year" need not be the year of the dated event; only "N years ago" gives the year of writing
    d = date_from_text("Prices fell on Tue, January 16, 2018. The coin had tripled last year.")
    assert d is None or d.how != "relative"


STORY = [("a", date(2025, 3, 11)), ("b", date(2025, 3, 12)), ("c", date(2025, 3, 12))]


def test_story_weekday_pins_the_day():
    from storytrace.stages.dating import date_from_story

    d = date_from_story("On Tuesday evening the ferry burned. On Thursday the toll rose to 21.", STORY)
    assert (d.how, d.precision, d.low) == ("story", "day", date(2025, 3, 13))  # the latest weekday named
    assert d.evidence.startswith("Thursday + 3 documents of its story dated 2025-03-11..2025-03-12")


def test_story_full_date_in_the_window():
    from storytrace.stages.dating import date_from_story

    d = date_from_story("The inquiry opened on March 12, 2025 in the town hall.", STORY)
    assert d.low == date(2025, 3, 12) and d.evidence.startswith("March 12, 2025")


def test_story_alone_is_not_evidence():
    from storytrace.analyse.dates import Dating
    from storytrace.stages.dating import date_from_story

    assert date_from_story("The ferry burned and many died.", STORY) is None  # nothing in the text pins a day
    assert date_from_story("On Thursday the toll rose.", STORY[:1]) is None  # Thursday is not one of its days
    spread = [("a", date(2025, 1, 1)), ("b", date(2025, 3, 12)), ("c", date(2025, 6, 1))]
    assert date_from_story("On Thursday the toll rose.", spread) is None  # the story's dates disagree
    year = Dating("relative", "2 years ago + ...", "year", date(2024, 1, 1), date(2024, 12, 31))
    assert date_from_story("On Thursday the toll rose.", STORY, within=year) is None  # against its own evidence


FILLER = " Divers searched the wreck and families waited at the quay for news of the passengers." * 8


def test_story_one_dated_neighbour_and_the_lead():
    from storytrace.stages.dating import date_from_story

    monday = [("a", date(2025, 3, 17))]
    d = date_from_story("On Tuesday the ferry operator was questioned.", monday)  # one neighbour can pin a day
    assert (d.low, d.evidence) == (date(2025, 3, 18), "Tuesday + 1 documents of its story dated 2025-03-17..2025-03-17")
    # the lead's news day (Wednesday) is none of the story's days: another story, however the rest reads
    assert date_from_story("The cabinet on Wednesday approved the plan." + FILLER + " On Tuesday it met.", monday) is None
    assert date_from_story("The cabinet approved the plan." + FILLER + " On Tuesday it met.", monday).low == date(2025, 3, 18)


def test_story_day_before_its_reports_only_from_the_lead():
    from storytrace.stages.dating import date_from_story

    weekend = [("a", date(2025, 3, 15)), ("b", date(2025, 3, 16))]  # Saturday, Sunday
    lead = date_from_story("The ferry burned on Friday night, officials said." + FILLER, weekend)
    assert lead.low == date(2025, 3, 14)
    # "who turned 17 on Friday", deep in the text: background, not the news day
    assert date_from_story("The ferry burned, officials said." + FILLER + " Its captain turned 60 on Friday.", weekend) is None


LEDE = "A ferry caught fire on Lake Veldra near Port Vellin and capsized, killing 12 passengers, officials said."


def _ferry_story(tmp_path, a_tail: str, b_tail: str):
    """A folder of three reports of one ferry fire: two dated by a header, one that only
    names a weekday."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2025-03-11\n" + LEDE + a_tail + "\n")
    (folder / "b.txt").write_text(" date 2025-03-12\n" + LEDE + b_tail + "\n")
    (folder / "c.txt").write_text("On Thursday the toll rose. " + LEDE + " The Tessaly operator was questioned.\n")
    return folder


def test_story_stage_dates_and_rebuilds_the_same(tmp_path):
    import sqlite3

    from storytrace.engines import local as pipeline

    folder = _ferry_story(tmp_path, " Divers searched the wreck of the Tessaly.",
                          " Families of the Tessaly passengers waited at the quay.")
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    q = "select published, published_how, published_evidence, id from documents where source like '%c.txt'"
    first = sqlite3.connect(ledger).execute(q).fetchone()
    assert first[:2] == ("2025-03-13", "story") and first[2].startswith("Thursday + 2 documents")
    rows = "select stage, how, published, status from datings where doc_id = ? order by stage"
    assert sqlite3.connect(ledger).execute(rows, [first[3]]).fetchall() == [
        ("document", None, None, "candidate"),  # its own evidence: none (a Thursday alone dates nothing)
        ("story", "story", "2025-03-13", "chosen: the document gives no day of its own; its story does")]
    (folder / "d.txt").write_text(" date 2025-03-12\n" + LEDE + " The minister visited the Tessaly families.\n")
    pipeline.build(ledger, [str(folder)], workers=1)  # recomputed from the document's own evidence, not stacked
    again = sqlite3.connect(ledger).execute(q).fetchone()
    assert again[:2] == ("2025-03-13", "story") and again[2].startswith("Thursday + 3 documents")
    assert [r[0] for r in sqlite3.connect(ledger).execute(rows, [first[3]])] == ["document", "story"]


def test_events_dated_by_other_documents(tmp_path):
    """An anniversary, or a weekday, of an event the text does not date but other documents do."""
    import sqlite3

    from storytrace.engines import local as pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        " date 2025-03-13\nDivers returned to Lake Veldra. The March 11, 2025 Veldra fire killed 12 passengers "
        "of the ferry Tessaly, officials said.\n")
    (folder / "b.txt").write_text(  # undated: names the fire's anniversary, not its date
        "Families laid flowers at the quay of Port Vellin on the first anniversary of the Veldra fire. "
        "The mayor spoke to them on Thursday.\n")
    (folder / "c.txt").write_text(  # undated: an inquiry report that never says which year it is
        "Inspectors said Tuesday's Veldra fire started in the engine room, and the ferry's owner "
        "will answer questions from the harbour board.\n")
    (folder / "d.txt").write_text(  # undated: a Tuesday a week later is not the fire's
        "The harbour board opened its inquiry into the Veldra fire on Tuesday, a week after the disaster, "
        "and heard from the ferry's owner.\n")
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    q = "select published, published_how, published_evidence from documents where source like ?"
    con = sqlite3.connect(ledger)
    b = con.execute(q, ["%b.txt"]).fetchone()
    # 2026-03-11 is a Wednesday; the mayor spoke the day after
    assert b[:2] == ("2026-03-12", "event")
    assert b[2].startswith("the first anniversary of the Veldra fire + the Veldra fire dated 2025-03-11") and \
        b[2].endswith("+ Thursday")
    c = con.execute(q, ["%c.txt"]).fetchone()
    assert c[:2] == ("2025-03-11", "event") and c[2].startswith("Tuesday + the Veldra fire dated 2025-03-11")
    assert con.execute(q, ["%d.txt"]).fetchone()[1] != "event"
    pipeline.build(ledger, [str(folder)], workers=1)  # rebuilt: recomputed, not stacked
    assert sqlite3.connect(ledger).execute(q, ["%b.txt"]).fetchone() == b
    # run alone on a ledger whose events table predates the evidence column, and whose mentions
    # an older release wrote: the same datings (the events' own evidence said plainly instead)
    import sqlite_utils

    from storytrace.stages import dating

    db = sqlite_utils.Database(ledger)
    db.execute("alter table events drop column date_evidence")
    db.execute("delete from _storytrace where key = 'mentions'")
    dating.EVENT_DATES(db)
    got = db.execute(q, ["%b.txt"]).fetchone()
    assert got[:2] == b[:2] and got[2].startswith("the first anniversary of the Veldra fire + the Veldra fire dated")
    assert db.execute(q, ["%c.txt"]).fetchone()[:2] == c[:2]


def test_a_later_text_does_not_take_an_old_events_weekday():
    from storytrace.stages.dating import date_from_events
    from storytrace.analyse.mentions import named_events

    dated = {"veldra": [("Veldra fire", date(2025, 3, 11), "2025-03-11: the date given with its name")]}
    text = "The Veldra fire on Tuesday was recalled in 2027 when the new ferry sailed."
    assert date_from_events(text, named_events(text), dated) is None  # a 2027 text: not the fire's Tuesday
    text = "Inspectors said the Veldra fire on Monday started in the engine room."
    assert date_from_events(text, named_events(text), dated) is None  # 2025-03-11 was a Tuesday


def test_an_old_date_with_its_weekday_in_a_later_piece_does_not_date_it():
    text = ("On July 1, 1971, the director promoted him to deputy. He kept the secret until 2005, "
            "when he told his family on a Thursday evening.")
    assert date_from_text(text) is None or date_from_text(text).low.year != 1971
    assert date_from_text("On Thursday, officials said the bridge opened on July 1, 1971.").low == date(1971, 7, 1)


def test_a_date_the_page_labels():
    d = date_from_text("Police said two men were arrested.\nFirst Published: June 13, 2013 4: 59 PM EDT\nMore.")
    assert (d.how, d.precision, d.low, d.evidence) == ("stamp", "day", date(2013, 6, 13), "First Published: June 13, 2013")
    d = date_from_text("Posted on Thu Jun 13, 2013 08:45 AM PDT\nPolice said on Wednesday that two men were arrested.")
    assert d.low == date(2013, 6, 13) and d.evidence == "Posted on Thu Jun 13, 2013"
    # an update stamp: published on or before that day, no more
    d = date_from_text("Updated: 2016-07-15 13:14\nThe council met to discuss the budget.")
    assert (d.precision, d.low, d.high, d.evidence) == ("range", None, date(2016, 7, 15), "Updated: 2016-07-15 13:14")
    assert date_from_text("By Jane Doe | Published: May 3, 2013 | 4:10 PM\nPolice said.").low == date(2013, 5, 3)
    # an embedded post's date is not the page's, nor is a date a sentence says was published or set
    assert date_from_text("Public slams the leak Posted by Wire Play on Monday, April 4, 2016\nThe leak.") is None
    assert date_from_text("A video posted on June 1, 2023 shows the blast.") is None
    assert date_from_text("The court set a new trial date: June 5, 2026, officials said.") is None
    assert date_from_text("The safety report - published on March 3, 2021 - found faults.") is None
    d = date_from_text("PORT VELLIN, March 12, 2025 (Wire) - A safety report published on March 3, 2021 found faults.")
    assert (d.how, d.low) == ("dateline", date(2025, 3, 12))


def test_captions_and_days_ahead_do_not_date_a_document():
    from storytrace.analyse.dates import date_from_text, reporting_dates

    text = ("Mourners gathered in Orrin after the attack, the council said on Thursday.\n"
            "A woman lights a candle. She was kidnapped on March 3, 2015, and freed a year later. (Photo: Ana Vel/AFP)\n"
            "The council declared three days of mourning starting Friday.\n")
    kept = [m.text for m in reporting_dates(text)]
    assert "Thursday" in kept and "March 3, 2015" not in kept and "Friday" not in kept
    got = date_from_text(text)
    assert got is None or got.low is None or got.low.isoformat() != "2015-03-03"


def test_every_dating_carries_a_confidence_by_how_it_was_found(tmp_path):
    import sqlite3

    from storytrace.engines import local as pipeline
    from storytrace.stages.datings import CONFLICTED, DATING_CONFIDENCE

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("CADDOCK ISLAND, May 9, 2024 (Lakeside Wire) – The ferry service resumed today.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("The ferry service resumed, officials said.\n", encoding="utf-8")
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    got = dict(sqlite3.connect(ledger).execute(
        "select substr(source, -5), published_confidence from documents"))
    assert got == {"a.txt": DATING_CONFIDENCE["dateline"], "b.txt": None}
    assert 0 < CONFLICTED < 1 and all(0 < c <= 1 for c in DATING_CONFIDENCE.values())


def test_every_dating_row_s_evidence_spans_are_verbatim_and_one_is_chosen(example_ledger):
    import json
    import sqlite3

    con = sqlite3.connect(example_ledger)
    texts = dict(con.execute("select id, text from documents"))
    rows = con.execute("select doc_id, evidence, spans from datings where spans is not null").fetchall()
    assert rows
    for doc_id, evidence, spans in rows:
        pieces = evidence.split(" + ")
        for start, end in json.loads(spans):
            assert texts[doc_id][start:end] in pieces
    chosen = dict(con.execute("select doc_id, count(*) from datings where status like 'chosen%' group by doc_id"))
    assert chosen == {d: 1 for d in texts}
    assert con.execute("select count(*) from documents d join datings t on t.id = d.published_dating "
                       "where t.doc_id = d.id and t.status like 'chosen%'").fetchone()[0] == len(texts)


def test_the_report_shows_a_document_s_other_datings(example_ledger):
    import sqlite3

    from storytrace.report.data import LedgerView

    con = sqlite3.connect(example_ledger)
    rows = con.execute("select doc_id, stage, how from datings where status = 'candidate' and how is not null").fetchall()
    assert rows  # the example's yearless dateline, dated through its passages
    view = LedgerView(example_ledger)
    doc = view.doc(rows[0][0])
    assert doc is not None and doc.published_confidence is not None
    assert any(x.startswith(f"{rows[0][1]} · {rows[0][2]} ") and x.endswith("(candidate)") for x in doc.other_datings)


def test_the_dating_stages_read_date_mentions_not_texts(tmp_path):
    """The story and event dating stages date documents from the `date_mentions` and
    `mentions` rows the analysers wrote: with every text blanked they give the same datings;
    a ledger whose date mentions are not complete gets them once from the texts."""
    import shutil
    import sqlite3

    from storytrace.engines import local as pipeline
    from storytrace.ledger import writing
    from storytrace.stages import dating

    folder = _ferry_story(tmp_path, " The March 11, 2025 Veldra fire killed 12.", " Families of the Tessaly passengers waited.")
    (folder / "d.txt").write_text("Choirs sang in the cathedral on the first anniversary of the Veldra fire. "
                                  "The bishop blessed the new bells on Thursday.\n")
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, [str(folder)], workers=1)
    rows = "select doc_id, stage, evidence, published from datings where stage in ('story', 'event') order by doc_id, stage"
    before = sqlite3.connect(ledger).execute(rows).fetchall()
    assert sorted(r[1] for r in before) == ["event", "story"]
    kept = tmp_path / "kept.db"  # the same ledger, its date mentions kept
    shutil.copy(ledger, kept)
    con = sqlite3.connect(ledger)  # a ledger from before the table: filled once, from the texts
    con.execute("delete from date_mentions")
    con.execute("delete from _storytrace where key = 'date_mentions'")
    con.commit()
    (folder / "e.txt").write_text("Shares in Tokyo rose sharply as the yen weakened against the dollar.\n")  # (something new)
    pipeline.build(ledger, [str(folder)], workers=1)
    pipeline.build(kept, [str(folder)], workers=1)
    both = "select * from date_mentions order by id"
    assert sqlite3.connect(ledger).execute(both).fetchall() == sqlite3.connect(kept).execute(both).fetchall()
    before = sqlite3.connect(kept).execute(rows).fetchall()
    assert sqlite3.connect(ledger).execute(rows).fetchall() == before and before
    with writing(ledger) as db:
        db.execute("update documents set text = ''")
        dating.story_stage(db)
        dating.event_stage(db)
    assert sqlite3.connect(ledger).execute(rows).fetchall() == before


def test_documents_added_without_the_dates_analyser_get_their_rows_once(tmp_path, example_dir):
    """Documents added by a build that leaves the dates analyser out: the dating stages find
    their date mentions and evidence spans from the texts, once; the other documents' spans
    are kept as the analyser wrote them."""
    import sqlite3

    from storytrace.analyse import ANALYSERS
    from storytrace.engines import local as pipeline
    from storytrace.ledger import annotation_digest

    files = sorted(str(p) for p in example_dir.iterdir())
    ledger = tmp_path / "l.db"
    pipeline.build(ledger, files[:5], workers=1)
    before = dict(sqlite3.connect(ledger).execute("select id, published_spans from documents").fetchall())
    pipeline.build(ledger, files, workers=1, analysers=[a for a in ANALYSERS if a[0] != "dates"])
    con = sqlite3.connect(ledger)
    spans = dict(con.execute("select id, published_spans from documents").fetchall())
    assert len(spans) > len(before) and None not in spans.values()
    assert {d: spans[d] for d in before} == before
    assert con.execute("select count(distinct doc_id) from date_mentions").fetchone()[0] > len(before)
    stamps = dict(con.execute("select key, value from _storytrace where key in ('date_mentions', 'documents.published_spans')"))
    assert set(stamps.values()) == {annotation_digest()}


def test_a_stamp_may_give_the_time_of_day_first():
    d = date_from_text("Updated 8:41 p.m. EST, Tue March 3, 2009\nThe council approved the budget.")
    assert (d.how, d.precision, d.low, d.high) == ("stamp", "range", None, date(2009, 3, 3))
    d = date_from_text("Posted 10.15 am, March 4, 2009 | The council approved the budget.")
    assert (d.how, d.precision, d.low) == ("stamp", "day", date(2009, 3, 4))


def test_an_edition_or_a_bulletin_line_stamps_its_day():
    d = date_from_text("Care home: 14 dead\nRadio Pellanor 97.4 – Morning Bulletin, 7 a.m. – Saturday, 27 February 2027\n\n"
                       "Fourteen people died in the fire in the early hours of yesterday, the fire service says.")
    assert (d.how, d.precision, d.low) == ("stamp", "day", date(2027, 2, 27))
    assert date_from_text("Radio Meridane – 7 a.m. news – Wednesday, 11 November 2026\nThe council met.").how == "stamp"
    # a sentence with a time and a date, a line with no time of day, a date far down: no edition line
    for text in ("Headline\nPolice said at 7 p.m. that the fire began on Saturday, 27 February 2027\n\nText.",
                 "Headline\nRadio Pellanor – Morning Bulletin – Saturday, 27 February 2027\n\nText.",
                 "Headline\nFirst line.\nSecond line.\nThird line.\nRadio North – 7 p.m. – Saturday, 27 February 2027\n",
                 # an event's line names no edition: the day of the concert, not of the article
                 "Headline\nConcert – 7 p.m. – Saturday, 6 March 2027\n\nTickets went on sale today.",
                 "Headline\nLandfall expected at 4 a.m. – Tuesday, 2 March 2027\n\nText."):
        d = date_from_text(text)
        assert d is None or d.how != "stamp", text


def test_a_bulletin_line_without_its_year_is_a_yearless_day_its_own_weekday_checks():
    d = date_from_text("Dalgharan toll 35\nRadio North FM – Evening Bulletin, 7 p.m. – Monday 1 March\n\n"
                       "Three more suspects were detained on Sunday night, police say.")
    assert (d.how, d.precision, d.partial) == ("dateline", "no_year", "--03-01")
    from storytrace.stages.dating import date_from_neighbours, own_weekday
    neighbours = [("a", date(2027, 2, 26)), ("b", date(2027, 2, 27)), ("c", date(2027, 2, 28))]
    # its line's own weekday, Monday, not the "Sunday night" its text tells of, decides the year's fit
    weekdays = own_weekday(d.evidence, {6})
    assert weekdays == {0} and date_from_neighbours("--03-01", neighbours, weekdays)[0] == date(2027, 3, 1)
    assert own_weekday("PORT VELLIN, March 12", {2}) == {2}  # a dateline with no weekday: the text's


def test_an_anniversary_does_not_count_from_the_pages_own_stamp():
    # the 160th anniversary of a department founded long before: the page's update stamp is
    # not the event it counts from (2009 + 160 is no publication date)
    text = ("updated 8:41 p.m. EST, Tue March 3, 2009\nCouncil approves budget\n"
            "The mayor on Tuesday spoke at the 160th anniversary of the Harbour Department.")
    d = date_from_text(text)
    assert d is not None and d.low == date(2009, 3, 3) and d.how != "anniversary"


def test_a_stamp_under_the_article_dates_it():
    body = "KELLMARK, Nov. 13 – Prosecutors on Friday charged the owner of the plant. " + "The hearing was brief. " * 60
    d = date_from_text("Owner charged\n\n" + body + "\n\nPublished: November 13, 2026\n")
    assert (d.how, d.precision, d.low) == ("stamp", "day", date(2026, 11, 13))
    # a date in the middle of a long text is no stamp
    d = date_from_text("Owner charged\n\n" + body + "\nPublished: November 1, 2026 was the report.\n" + body)
    assert d is None or d.how != "stamp"


def test_a_long_text_cut_for_dating_has_no_foot():
    from storytrace.analyse.dates import SCAN_CHARS

    body = "The hearing went on. " * (SCAN_CHARS // 21)
    d = date_from_text("Owner charged\n\n" + body[: SCAN_CHARS - 300] + "\nPublished: November 1, 2026\n" + body)
    assert d is None or d.how != "stamp"  # its "foot" is the middle of the article


def test_a_yearless_dateline_the_story_gives_a_year_is_still_a_dateline(tmp_path):
    """'VELSK, Drumora, Nov. 16 (DWS) –' in a story dated 2026: the day is the dateline's
    own (trusted for a figure's timeline); only its year comes from the story."""
    from conftest import ledger_from_texts

    files = {"a.txt": " date 2026-11-15\nFire swept through the Blue Cellar nightclub in Velsk on Sunday, killing 18 people.\n",
             "b.txt": " date 2026-11-16\nThe Blue Cellar nightclub fire in Velsk has killed 36 people, the ministry said.\n",
             "c.txt": "VELSK, Drumora, Nov. 16 (DWS) – Police arrested the owner of the Blue Cellar nightclub in Velsk, "
                      "where a fire killed 36.\n"}
    conn = ledger_from_texts(tmp_path, files)
    pub, how, evidence = conn.execute("select published, published_how, published_evidence from documents "
                                      "where source like '%c.txt'").fetchone()
    assert (pub[:10], how) == ("2026-11-16", "dateline") and "year 2026 from 2 documents of its story" in evidence
