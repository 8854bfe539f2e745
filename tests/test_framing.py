"""Framing (issue 7): labels for events with their voice and event, loaded words, wording
drift, and figures attributed beyond quotations."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
import sqlite_utils

from storytrace.analyse import framing
from storytrace.engines import local as pipeline
from storytrace.stages import terms as terms_mod
from storytrace.analyse.claims import extract
from storytrace.analyse.framing import find_uses, is_term
from storytrace.model import Document

from conftest import SEEDS, need_shared

TITLE = "Harbour tragedy: fire kills nine in Tolvane"
TEXT = (
    TITLE + "\n\n"
    "TOLVANE - Nine people died when fire swept through the Tolvane harbour warehouses on Sunday, the regional "
    "police said. The tragedy began in a storage hall.\n\n"
    "\u201cThis massacre of workers must never be forgotten,\u201d said union leader Petra Kolm.\n\n"
    "Mayor Ilse Varga said the disaster could have been prevented. Varga called the owners' conduct vile.\n\n"
    "A memorial conference entitled \u201cAfter the Catastrophe: Safety in Small Ports\u201d will be held next month.\n\n"
    "It was not an accident. It was the worst disaster in the port since the 1987 Korsa Bay sinking, which killed "
    "40 people. That disaster is still remembered. Elsewhere, a massacre of civilians was reported in 1990, and "
    "similar tragedies happened in other ports.\n\n"
    "Officials described the blaze as a catastrophe for the town."
)


def _uses(text=TEXT, title=TITLE):
    return find_uses(text, title)


def _one(uses, word, **where):
    found = [u for u in uses if TEXT[u.start : u.end].lower() == word and all(getattr(u, k) == v for k, v in where.items())]
    assert len(found) == 1, (word, where, [(u.term, u.voice, u.phrase) for u in uses])
    return found[0]


def _stages():
    """The cross-document stages with the terms stage right after the events stage."""
    out = list(pipeline.CROSS_STAGES)
    if not any(name == "terms" for name, _ in out):
        out.insert([name for name, _ in out].index("events") + 1, ("terms", terms_mod.TERMS))
    return out


# ---------------------------------------------------------------- voice


def test_own_quoted_and_title_voices():
    uses = _uses()
    assert _one(uses, "tragedy", phrase="Harbour tragedy").voice == "title"  # the headline
    own = _one(uses, "tragedy", phrase="The tragedy")
    assert (own.voice, own.speech, own.speaker) == ("own", None, None)
    quoted = _one(uses, "massacre", phrase="This massacre")
    assert (quoted.voice, quoted.speech, quoted.speaker) == ("quoted", "direct", "union leader Petra Kolm")
    reported = _one(uses, "disaster", phrase="the disaster")
    assert (reported.voice, reported.speech, reported.speaker) == ("quoted", "reported", "Mayor Ilse Varga")
    title = _one(uses, "catastrophe", phrase="the Catastrophe")
    assert (title.voice, title.how) == ("title", "quoted title")


def test_title_not_in_the_text_has_title_spans():
    text = "Divers searched the lake on Monday after the ferry sank. The accident left 12 people missing."
    title = "Ferry disaster: divers search the lake"
    uses = find_uses(text, title)
    (t,) = [u for u in uses if u.field == "title"]
    assert (t.term, t.voice, title[t.start : t.end]) == ("disaster", "title", "disaster")
    (row,) = [r for r in framing.terms(uses, "d1") if r.voice == "title"]
    assert json.loads(row.title_spans) == [[t.start, t.end]] and json.loads(row.spans) == []


def test_self_citation_of_an_agency_is_its_own_voice():
    text = ("BAKU, March 3. The ministry has shared a statement on the Karvan massacre, Trend reports.\n\n"
            "The Karvan massacre was committed in 1990.")
    uses = find_uses(text)
    assert [u.voice for u in uses if u.term == "massacre"] == ["own", "own"]


# ---------------------------------------------------------------- which event


def test_labels_refer_to_the_main_event_or_a_named_one():
    uses = _uses()
    labels = [u for u in uses if u.kind == "label"]
    worst = _one(uses, "disaster", phrase="the worst disaster")
    assert worst.ref is None  # a mention after it ("since the 1987 Korsa Bay sinking") is a comparison
    that = _one(uses, "disaster", phrase="That disaster")
    assert that.ref and that.ref["name"] == "Korsa Bay"  # the nearest named event before it in its paragraph
    # "a massacre of civilians elsewhere", "similar tragedies": no event in particular
    assert not [u for u in labels if u.phrase.startswith(("a massacre", "similar"))]
    blaze = _one(uses, "catastrophe", phrase="a catastrophe")  # "described the blaze as a catastrophe"
    assert blaze.ref is None and blaze.speech == "reported" and blaze.speaker == "Officials"


def test_named_mention_and_same_noun_reference():
    text = ("The Varna Pass attack killed six drivers on Tuesday.\n\n"
            "Officials recalled the Orlen massacre of 1994, when 30 villagers were killed.\n\n"
            "Police have sealed the road. The massacre is still taught in schools.\n\n"
            "The attack has been condemned by the government.")
    uses = find_uses(text)
    refs = [(u.term, (u.ref or {}).get("name")) for u in uses if u.kind == "label"]
    assert refs == [("attack", "Varna Pass"), ("massacre", "Orlen"), ("massacre", "Orlen"), ("attack", "Varna Pass")]


def test_not_labels():
    text = ("The army vowed to attack the rebels again. Genocide Watch issued an alert about the genocide policy. "
            "Crews held a disaster drill. He made offensive remarks. One of the bloodiest incidents was recalled. "
            "Such visits have ended in tragedy before. The boy fell into the well by accident. This clashes with the plan.")
    assert [u for u in find_uses(text) if u.kind == "label"] == []


def test_negation():
    uses = find_uses("It was not an accident. It was no accident either. It was not just a tragedy.")
    got = [(u.term, u.negated) for u in uses]
    assert got == [("accident", True), ("accident", True), ("tragedy", False)]


def test_predicate_and_apposition():
    text = ("Ministers remembered the Selvik massacre, a tragedy the town will never forget. "
            "The court said the Selvik massacre was a crime against humanity. "
            "Forced labour is a crime against humanity, the court added.")
    uses = [u for u in find_uses(text) if u.kind == "label"]
    got = [(u.term, (u.ref or {}).get("name")) for u in uses]
    assert got == [("massacre", "Selvik"), ("tragedy", "Selvik"), ("massacre", "Selvik"), ("crime against humanity", "Selvik")]


# ---------------------------------------------------------------- loaded words and offsets


def test_loaded_words_with_voice_and_category():
    text = ("The barbaric raid shocked the valley. \u201cThese thugs have a sick mentality,\u201d the governor said. "
            "Innocent families were slaughtered, residents said.")
    loaded = {(u.term, u.category, u.voice, u.speaker) for u in find_uses(text) if u.kind == "loaded"}
    assert loaded == {
        ("barbaric", "condemnation", "own", None),
        ("thug", "name-calling", "quoted", "the governor"),
        ("sickly mentality", "pathologising", "quoted", "the governor"),
        ("innocent", "victim emphasis", "quoted", "residents"),
        ("slaughtered", "vivid killing verb", "quoted", "residents"),
    }
    assert "vile" in {u.term for u in _uses() if u.kind == "loaded"}


def test_offsets_point_at_the_words():
    uses = _uses()
    assert uses
    for u in uses:
        assert is_term(TEXT[u.start : u.end] if u.field == "text" else TITLE[u.start : u.end], u.term, u.kind), u
    for row in framing.terms(uses, "doc"):
        assert row.count == len(json.loads(row.spans)) + len(json.loads(row.title_spans)) == len(json.loads(row.mentions))
        for s, e in json.loads(row.spans):
            assert is_term(TEXT[s:e], row.term, row.kind)


def test_analyser_is_fast_enough_and_bounded():
    from conftest import grows_linearly

    text = (TEXT + "\n\n") * 200
    ok, t_small, t_large = grows_linearly(
        lambda t: framing.analyse_framing(Document(id="x", source="x.txt", text=t, title=TITLE)), text[: len(text) // 8], text)
    assert ok, f"an eighth: {t_small:.3f} s, the whole: {t_large:.3f} s (quadratic?)"
    for bad in ["", "massacre " * 20000, "\u201c" * 5000, "The The The tragedy"]:
        find_uses(bad)


# ---------------------------------------------------------------- the ledger


@pytest.fixture(scope="module")
def small_ledger(tmp_path_factory):
    d = tmp_path_factory.mktemp("framing")
    shared = ("The warehouses, which had stood on the quay of the {} northern district since the war, held timber, "
              "paint and fuel for the fishing fleet, and firefighters said the flames spread within minutes to the "
              "neighbouring sheds along the harbour wall.")
    (d / "a.txt").write_text(" date 2024-05-12\n" + TEXT + "\n\n" + shared.format("now-occupied") + "\n", encoding="utf-8")
    (d / "b.txt").write_text(
        " date 2024-06-02\nTolvane mourns its dead\n\nA month after the Tolvane harbour tragedy, the town held a vigil. "
        "Nine people died in the fire.\n\n" + shared.format("liberated") + "\n", encoding="utf-8")
    path = d / "l.db"
    report = pipeline.build(path, [str(d / "a.txt"), str(d / "b.txt")], workers=1, cross_stages=_stages())
    assert not report.rejects
    return path


def _rows(path, sql, args=()):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(sql, args)]


def test_terms_event_id_filled(small_ledger):
    terms = _rows(small_ledger, "select t.*, d.event_id main from terms t join documents d on d.id = t.doc_id")
    assert terms and all(t["event_id"] for t in terms if t["kind"] == "label")
    korsa = [e["id"] for e in _rows(small_ledger, "select * from events") if "korsa" in e["label"].lower()]
    assert korsa
    other = [t for t in terms if t["event_id"] == korsa[0]]
    assert [(t["term"], t["count"]) for t in other] == [("disaster", 1)]  # "That disaster"
    mains = [t for t in terms if t["kind"] == "label" and t["event_id"] != korsa[0]]
    assert mains and all(t["event_id"] == t["main"] for t in mains)
    # one row per (document, event, term, voice, kind, speaker, speech, negated), counted
    keys = [(t["doc_id"], t["event_id"], t["term"], t["voice"], t["kind"], t["speaker"], t["speech"], t["negated"]) for t in terms]
    assert len(keys) == len(set(keys))
    assert sum(t["count"] for t in terms if t["term"] == "tragedy" and t["voice"] == "own") == 2  # a and b


def test_terms_stage_is_idempotent(small_ledger, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(small_ledger, copy)
    before = _rows(copy, "select * from terms order by id")
    terms_mod.TERMS(sqlite_utils.Database(copy))
    assert _rows(copy, "select * from terms order by id") == before


def test_wording_drift(small_ledger):
    db = sqlite_utils.Database(small_ledger)
    drift = terms_mod.wording_drift(db, kept=True)
    edits = [d for ds in drift.values() for d in ds if d["change"] != "kept"]
    assert [(d["from"], d["to"], d["change"]) for d in edits] == [("now-occupied", "liberated", "replaced")]
    (d,) = edits
    assert d["terms"] == ["liberated", "now-occupied"] and d["target_published"] == "2024-06-02"
    text = db.execute("select text from documents where id = ?", [d["target_doc"]]).fetchone()[0]
    assert text[d["target_start"] : d["target_end"]] == "liberated"


# ---------------------------------------------------------------- the bundled example


def _doc_row(rows, exp):
    name = exp["file"] + (f":{exp['record'] + 1}" if exp["record"] is not None else "")
    (row,) = [r for r in rows if r["source"].endswith(name)]
    return row


def test_example_labels_found(example_ledger, expected):
    docs = _rows(example_ledger, "select id, source from documents")
    terms = _rows(example_ledger, "select * from terms where not negated")
    for exp in expected["documents"]:
        found = {t["term"] for t in terms if t["doc_id"] == _doc_row(docs, exp)["id"]}
        for label in exp["labels"]:
            assert any(label == f or label in f.split() for f in found), (exp["file"], label, found)


def test_example_voices_and_events(example_ledger, expected, tmp_path):
    copy = tmp_path / "ferry.db"
    shutil.copy(example_ledger, copy)
    terms_mod.TERMS(sqlite_utils.Database(copy))
    docs = {r["source"].rsplit("/", 1)[-1]: r for r in _rows(copy, "select id, source, event_id from documents")}
    terms = _rows(copy, "select * from terms")

    def of(name, term):
        return [t for t in terms if t["doc_id"] == docs[name]["id"] and t["term"] == term]

    assert {t["voice"] for t in of("04_halvane_evening_post_grief.txt", "tragedy")} == {"title", "own"}
    (cat,) = of("05_meridian_times_minister.txt", "catastrophe")  # 'calling it "a catastrophe ..."'
    assert (cat["voice"], cat["speech"]) == ("quoted", "direct") and "Varano" in cat["speaker"]
    (html,) = [t for t in of("08_kestrel_news_overcrowding.html", "catastrophe") if t["voice"] == "title"]
    assert json.loads(html["title_spans"]) and not json.loads(html["spans"])  # the page title is not in its text
    acc = of("06_shoreline_observer_opinion.txt", "accident")
    assert acc and all(t["negated"] for t in acc)  # "it was not an accident"
    assert [t["voice"] for t in of("06_shoreline_observer_opinion.txt", "shameful")] == ["own"]
    # every label of the example is about the ferry fire, each document's main event
    labels = [t for t in terms if t["kind"] == "label"]
    main = {d["id"]: d["event_id"] for d in docs.values()}
    assert labels and all(t["event_id"] == main[t["doc_id"]] for t in labels)


# ---------------------------------------------------------------- attribution beyond quotes (claims)


@pytest.mark.parametrize("text, who", [
    ("Twelve people were killed in the blast on Monday, Trend reports.", "Trend"),
    ("Local media reported that 14 people were killed.", "Local media"),
    ("At least 30 people died, officials said.", "officials"),
    ("According to Azerbaijani figures, 613 civilians were killed.", "Azerbaijani figures"),
])
def test_claims_attribution_beyond_quotes(text, who):
    (claim,) = extract(text)
    assert claim.attributed_to == who and not claim.in_quote


def test_figure_in_a_quote_over_paragraphs_is_its_speakers():
    text = ("The interior ministry issued a statement on Monday.\n\n"
            "\u201cWe mourn with the families of the valley.\n\n"
            "The 48 people who were killed in the flood will not be forgotten,\u201d the statement said.")
    (claim,) = extract(text)
    assert (claim.value, claim.in_quote, claim.attributed_to) == (48, True, "The interior ministry")


def test_quote_speaker_resolved_from_a_pronoun():
    text = ("Fire chief Amara Quell said the search would go on. \u201cWe have recovered 19 bodies so far,\u201d "
            "she told reporters.")
    (claim,) = extract(text)
    assert claim.in_quote and claim.attributed_to == "Fire chief Amara Quell"


# ---------------------------------------------------------------- the seeds (issue 7's statements)


@pytest.fixture(scope="module")
def seeds_ledger(tmp_path_factory):
    need_shared("corpora", "seeds")
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    pipeline.build(path, [str(SEEDS)], workers=1, cross_stages=_stages())
    return path


def test_seeds_framing(seeds_ledger):
    rows = _rows(seeds_ledger, "select t.*, d.source from terms t join documents d on d.id = t.doc_id where not t.negated")
    events = {e["id"]: e["label"].lower() for e in _rows(seeds_ledger, "select id, label from events")}

    def uses(seed, term, **where):
        return [r for r in rows if r["source"].rsplit("/", 1)[-1].startswith(seed) and r["term"] == term
                and all(r[k] == v for k, v in where.items())]

    assert any("khojaly" in events[r["event_id"]] for r in uses("003", "massacre", voice="own"))
    assert uses("003", "genocide", voice="title")  # the conference title
    assert any("Mammadyarov" in (r["speaker"] or "") for r in uses("003", "genocide", voice="quoted"))
    assert not uses("003", "genocide", voice="own")
    assert any("khojaly" in events[r["event_id"]] for r in uses("002", "genocide", voice="own"))  # Trend's own words
    assert uses("004", "vile", kind="loaded") and uses("004", "sickly mentality", kind="loaded")
    assert any("khojaly" in events[r["event_id"]] for r in uses("004", "massacre", voice="own"))  # "The massacre is regarded ..."
    assert any("barda" in events[r["event_id"]] for r in uses("004", "attack"))
    text = dict((r["id"], r["text"]) for r in _rows(seeds_ledger, "select id, text from documents"))
    for r in rows:
        assert all(is_term(text[r["doc_id"]][s:e], r["term"], r["kind"]) for s, e in json.loads(r["spans"]))


def test_seeds_wording_drift(seeds_ledger):
    db = sqlite_utils.Database(seeds_ledger)
    khojaly = next(e["id"] for e in db.query("select id, label from events") if "khojaly" in e["label"].lower())
    drift = terms_mod.wording_drift(db, khojaly, kept=True)[khojaly]
    dates = [d["target_published"] or "9999" for d in drift]
    assert dates == sorted(dates)
    assert any(d["from"] == "battering" and d["to"] == "pounding" for d in drift)
    assert any(d["change"] == "kept" and d["to"] == "now-occupied" for d in drift)
    assert not any(d["from"] == "116" for d in drift)  # figures are left out


def test_a_page_keeps_its_labels_named_events(example_ledger, tmp_path):
    # a photo gallery seeds no event, but "the Veldra fire" it names is still that event
    from storytrace.stages import events as events_mod

    copy = tmp_path / "ferry.db"
    shutil.copy(example_ledger, copy)
    db = sqlite_utils.Database(copy)
    named = [r[0] for r in db.execute("select distinct doc_id from terms where mentions like '%\"ref\"%'")]
    before = sorted(db.execute("select term, event_id, count from terms where doc_id = ?", [named[0]]).fetchall(), key=str)
    db.execute("update documents set kind = 'gallery' where id = ?", [named[0]])
    events_mod.events_stage(db)
    terms_mod.TERMS(db)
    after = sorted(db.execute("select term, event_id, count from terms where doc_id = ?", [named[0]]).fetchall(), key=str)
    linked = [t for t in after if t[1] is not None]
    assert linked and {t[1] for t in linked} <= {t[1] for t in before} | {None}
    assert db.execute("select count(*) from mentions where doc_id = ? and event_id is not null", [named[0]]).fetchone()[0]
