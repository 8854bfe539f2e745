"""Figure rows a fact-checker can publish from: segments, placement, origins, time-aware
reconciliation (issue 14). Every rule is tested on made-up text."""

from __future__ import annotations

import json
from dataclasses import replace
import sqlite3

import pytest
from conftest import ledger_from_texts

from storytrace.analyse.claims import extract
from storytrace.stages.figures import FigureClaim, make_figure, publication_key
from storytrace.text.numbers import band
from storytrace.text.origins import checkable, origin_groups, source_key
from storytrace.stages import placement
from storytrace.stages.placement import other_event_cues
from storytrace.stages.reuse import count_edit
from storytrace.text.segments import segments


_ledger = ledger_from_texts


def _placements(conn: sqlite3.Connection, measure: str) -> dict[int, str]:
    """Each claimed value of a measure -> its placement."""
    return {int(v): p for v, p in conn.execute("select value, placement from claims where measure = ?", [measure])}


# ------------------------------------------------------------------ segments

def _kinds(text):
    return [(text[s.start:s.end][:24], s.kind) for s in segments(text)]


def test_captions_credits_and_teasers_are_furniture():
    text = ("Ferry fire on Lake Orrin kills 12\n"
            "At least 12 people were killed when a ferry caught fire on Lake Orrin on Tuesday, police said.\n"
            "Rescuers carry a survivor ashore on Tuesday. (Photo: Dana Reel/AFP)\n"
            "Image copyright Getty Images Image caption Three people ran this way\n"
            "Read more: Bus crash in Tellon kills 31\n"
            "3/12 Firefighters at the quay\n"
            "Reuters\n"
            "The ferry was carrying about 90 passengers.\n")
    assert [k for _, k in _kinds(text)] == ["headline", "body", "caption", "caption", "sidebar", "caption", "credit", "body"]


def test_a_list_under_most_read_is_a_sidebar():
    text = ("Two climbers died on Mount Arle on Sunday, rescuers said.\n"
            "Most read\n"
            "Storm kills 14 in the valley\n"
            "Bank breach exposed 60 million accounts\n"
            "\n"
            "The climbers were roped together when the ledge gave way.\n")
    kinds = [k for _, k in _kinds(text)]
    assert kinds == ["body", "sidebar", "sidebar", "sidebar", "body"]


def test_claims_carry_their_segment_and_only_body_claims_make_rows(tmp_path):
    files = {}
    files["a.txt"] = (
        " date 2024-05-02\nTwo people were killed in a fire at a market in Orrin on Tuesday, police said.\n"
        "A stall burns in Orrin. Thirty people were killed in a blast there in 2019. (Photo: Ana Vel/AFP)\n"
        "[ Fourteen people were killed in a storm in the valley ]\n")
    conn = _ledger(tmp_path, files)
    rows = conn.execute("select value, segment, figure_id, placement from claims where measure = 'killed' "
                        "order by start").fetchall()
    assert [(v, seg) for v, seg, _, _ in rows] == [(2, "body"), (30, "caption"), (14, "sidebar")]
    assert rows[0][2] is not None and rows[1][2] is None and rows[2][2] is None
    assert rows[1][3] == "unplaced: in a caption"
    assert [r[0] for r in conn.execute("select best from figures")] == [2]


# ------------------------------------------------------------------ placement

@pytest.mark.parametrize("sentence,number", [
    ("It was the worst disaster since the 2011 stadium fire, in which 31 people died.", "31"),
    ("Riverside mall, 2009: 17 killed.", "17"),
    ("An airstrike in another province last week killed more than 40 people.", "40"),
    ("More than 15,000 people have been killed since the uprising began.", "15,000"),
    ("Her father died in 2010.", "Her"),
    ("In a separate incident, two police officers were injured.", "two"),
    ("So far this year, 120 people have drowned in the lake.", "120"),
    ("Just this month, pirates captured two fishing boats and 22 fishermen in the gulf.", "22"),
    ("In neighbouring Tavi Province, the 14 pupils and two teachers abducted on Monday were still missing.", "two"),
])
def test_another_time_or_event_is_a_cue(sentence, number):
    assert other_event_cues(sentence, sentence.index(number), 2024, 2024)


@pytest.mark.parametrize("sentence,number", [
    ("This month's floods killed 40 people.", "40"),  # "this month" alone is the story's own time
    ("At least 12 people have died this month in the outbreak.", "12"),
    ("Two people were killed in the fire on Tuesday, police said.", "Two"),
    ("The fire that broke out on 11 March 2024 killed 24 people.", "24"),
    ("Officials said shelling killed 4 people, despite three cease-fire agreements since October 10.", "4"),
    ("Police have arrested 12 people since the attack.", "12"),  # "since the ...": the story's own event
    # a clause of its own after ", as": its time words are not the number's
    ("Police released 52 people without charge on Thursday, as the union and the ferry company began their first "
     "talks since the walkout began.", "52"),
])
def test_the_story_s_own_time_is_no_cue(sentence, number):
    from datetime import date

    assert other_event_cues(sentence, sentence.index(number), 2024, 2024, date(2024, 3, 11)) == []


def test_a_yearless_date_just_after_the_turn_of_the_year_is_the_story_s_own_time():
    from datetime import date

    # a story whose first report is of 30 December 2026: "Jan. 2" is four days on, not eleven months before
    lead = "KESTRAHAVEN, Delmarra, Jan. 2 (DPW) - Police arrested two workers on Saturday, as a seventh person died."
    assert other_event_cues(lead, lead.index("two"), 2027, 2026, date(2026, 12, 30)) == []
    # ... but a yearless date far from it in any year still is another time
    far = "Police arrested two workers on Aug. 2, officials said."
    assert other_event_cues(far, far.index("two"), 2027, 2026, date(2026, 12, 30)) == ["Aug. 2"]


@pytest.mark.parametrize("sentence,number", [
    ("Police said 12 people had died, as of last week.", "12"),  # "as of", "as in": no clause of its own
    ("The toll stood at 45, as of 2019.", "45"),
    ("Forty people were killed, as in 2011, in the valley.", "Forty"),
])
def test_as_of_and_as_in_are_no_clause_of_their_own(sentence, number):
    assert other_event_cues(sentence, sentence.index(number), 2024, None)


def test_a_count_in_a_when_clause_of_an_earlier_year_is_that_year_s():
    from storytrace.stages.placement import when_past

    s = ("It is the worst ferry disaster in Vestria since October 1998, when fire swept through the overnight ferry "
         "Aurora Bay, killing 38 people.")
    assert when_past(s, s.index("38"), 2027) == "October 1998"
    s2 = "The Solvita fire is the worst since 1998, when 38 people died on the Aurora Bay."
    assert when_past(s2, s2.index("38"), 2027) == "1998"
    assert when_past(s2, s2.index("38"), None) is None
    # the count before the clause, or a year of the story's own: no
    s3 = "Fire killed 22 people on the ferry, the worst since 1998, when the Aurora Bay burned."
    assert when_past(s3, s3.index("22"), 2027) is None
    s4 = "The ferry burned on March 8, 2027, when 22 people died."
    assert when_past(s4, s4.index("22"), 2027) is None
    # the clause ends where a clause that is no "-ing" continuation of it begins (the review's cases)
    for s5 in ("The Solvita fire, the worst since 1998, when 38 died, has now killed 22 people.",
               "The Solvita, in service since 2009, when it was bought from Norway, was carrying 300 passengers, "
               "and the fire killed 22 of them."):
        assert when_past(s5, s5.index("22"), 2027) is None


def test_a_past_when_clause_does_not_file_its_count_under_the_event_the_sentence_names(tmp_path):
    files = {"a.txt": (" date 2027-03-08\nFire on the ferry Solvita killed five people on Monday, the coast guard said.\n"
                       "The Solvita fire is the worst ferry disaster in Vestria since October 1998, when fire swept through "
                       "the ferry Aurora Bay, killing 38 people.\n")}
    conn = _ledger(tmp_path, files)
    placed = _placements(conn, "killed")
    assert not placed[38].startswith("named:")
    main = conn.execute("select event_id from documents").fetchone()[0]
    assert conn.execute("select best from figures where event_id = ? and measure = 'killed'", (main,)).fetchall() == [(5,)]


def test_since_an_event_of_a_year_is_another_time_even_in_an_undated_story():
    # no story year to compare with (an undated story): "since a <event> in <year>" alone says it
    far = "Tremors have shaken the island since a 9.1 quake in 2004 left more than 220,000 people dead."
    assert other_event_cues(far, far.index("220,000"), None, None) == ["since a 9.1 quake in 2004"]
    # the story's own event, introduced with "an": no cue
    own = "Rescuers have pulled 40 survivors from the rubble since an earthquake struck Velmar on Tuesday."
    assert other_event_cues(own, own.index("40"), None, None) == []


def test_a_past_event_s_number_never_lands_on_the_story_s_event(tmp_path):
    files = {}
    files["a.txt"] = (
        " date 2024-05-02\nA fire at a market in Orrin killed two people on Tuesday, police said.\n"
        "It was the worst fire in the town since 2011, when 31 people died in a stadium blaze.\n"
        "An airstrike in another province last week killed more than 40 people.\n")
    conn = _ledger(tmp_path, files)
    main = conn.execute("select event_id from documents").fetchone()[0]
    own = conn.execute("select best from figures where event_id = ? and measure = 'killed'", (main,)).fetchall()
    assert own == [(2,)]
    placed = dict(conn.execute("select cast(value as int), placement from claims where measure = 'killed'"))
    assert placed[31].startswith(("dated:", "unplaced: another time or event"))
    assert placed[40].startswith("unplaced: another time or event") and "last week" in placed[40]
    confidence = dict(conn.execute("select cast(value as int), confidence from claims where measure = 'killed'"))
    assert confidence[2] >= 0.5 > confidence[40]


# ------------------------------------------------------------------ bounds, origins, copy edits

def test_bounds_by_qualifier():
    assert band("at_least", 21, 21, None) == (21, None)
    assert band("nearly", 70, None, 70) == (63, 70)
    assert band("about", 150, None, None) == (135, 165)
    assert band("exact", 5, 5, 5) == (5, 5)


def test_two_sources_named_together_are_the_one_named_first():
    # "126 people were hurt, according to the Sevarran Emergency Management Agency and the ministry": the
    # agency's count (the ministry's word alone no longer makes it the ministry's)
    assert source_key("the Sevarran Emergency Management Agency and the ministry") == \
        source_key("the Sevarran Emergency Management Agency (SEMA)")
    # one name with "and" in it stays one body; a first conjunct no one could check gives way to the second
    assert source_key("the Ministry of Health and Social Welfare") == "ministry health"
    assert source_key("officials and the ministry") == "ministry"
    # a first one no reader could check, or an outlet, is not the source (the review's cases)
    assert source_key("the crew and the coast guard") == source_key("the coast guard")
    assert source_key("the state news agency and the ministry") == source_key("the ministry")


def test_one_source_under_its_names():
    keys = {source_key(a) for a in ("the ministry", "Turkey's Foreign Ministry",
                                    "the Ministry of Foreign Affairs of the Republic of Türkiye")}
    assert keys == {"ministry", "ministry foreign affairs"}  # the bare one joins the fuller within a figure
    assert source_key("Cavusoglu") == source_key("Turkish Foreign Minister Mevlut Cavusoglu")
    assert source_key("officials") == source_key("the statement") == "unnamed"
    # a news outlet that reports a figure relays it: no primary source of its own (its key
    # stays, for quotations); a government agency is a source
    from storytrace.text.origins import is_outlet

    assert is_outlet("the Velmar news agency") and is_outlet("Orland's state television") and is_outlet("state TV")
    assert not any(is_outlet(a) for a in ("the National Disaster Management Agency", "the UN refugee agency",
                                          "the Syrian Network", "the Velmar fire service"))


def _c(i, doc, value, attr=None, pub="2024-05-02", q="exact"):
    return FigureClaim(i, doc, 0, 1, "e", "killed", None, value, value if q == "exact" else value,
                  value if q == "exact" else None, q, attr, None, pub)


def test_origins_never_outnumber_documents_and_unattributed_reports_count_once():
    cs = [_c("a1", "A", 613, "the ministry"), _c("a2", "A", 613, "Presidential Spokesman Ibrahim Kalin"),
          _c("a3", "A", 613, "according to Azerbaijani figures"), _c("b1", "B", 613, "Turkey's Foreign Ministry"),
          _c("c1", "C", 613), _c("d1", "D", 613)]
    groups = origin_groups(cs, {})
    assert len(set(groups.values())) <= 4  # four documents
    assert groups["a1"] == groups["b1"]  # the ministry under two names
    assert groups["c1"] == groups["d1"]  # two reports naming no source are not two confirmations


def test_unattributed_reports_repeating_one_named_source_relay_it():
    # "police said four were taken to hospital"; another outlet, no source: "four were taken to hospital"
    groups = origin_groups([_c("a", "A", 4, "police"), _c("b", "B", 4, "police"), _c("c", "C", 4)], {})
    assert len(set(groups.values())) == 1
    # a value of their own ("five"), or a value two named sources give: independent of any one of them
    groups = origin_groups([_c("a", "A", 4, "police"), _c("c", "C", 5)], {})
    assert len(set(groups.values())) == 2
    groups = origin_groups([_c("a", "A", 4, "police"), _c("b", "B", 4, "the fire service"), _c("c", "C", 4)], {})
    assert len(set(groups.values())) == 3


def test_a_copy_edit_is_a_changed_count():
    assert count_edit("11", "14") and count_edit("six", "seven")
    assert not count_edit("", "1992") and not count_edit("capsized", "sank")


# ------------------------------------------------------------------ reconciliation in time

def _row(cs, historic=False):
    lineage: dict[str, str] = {}
    return make_figure("f", "e", cs[0].measure, None, cs, lineage, historic)


def test_one_dated_report_is_no_timeline():
    row = _row([_c("a", "A", 2, "police", "2024-05-02"), _c("b", "B", 3, "the Post", "")])
    assert row["best"] == 3  # one dated point among two reports: the values' rule (the larger on a tie), not "the latest"
    row = _row([_c("a", "A", 2, "police", "2024-05-02"), _c("b", "B", 3, "the Post", "2024-05-03")])
    assert row["best"] == 3 and "latest" in row["rule"]


def test_one_source_s_own_count_moving_over_trusted_days_is_a_trend():
    cs = [_c("a", "A", 14, "police", "2024-05-02"), _c("b", "B", 26, "police", "2024-05-03"),
          _c("c", "C", 31, "police", "2024-05-04")]
    row = _row(cs)
    assert (row["trend"], row["n_origins"], row["best"]) == ("rising", 1, 31)  # one source behind it, said so
    cs = [_c("a", "A", 14, "police", "2024-05-02"), _c("b", "B", 14, "police", "2024-05-02")]
    assert _row(cs)["trend"] is None  # one day: no movement


def test_a_late_low_report_does_not_win_and_no_false_falling():
    cs = [_c("a", "A", 25, "police", "2024-05-02T06:00:00"), _c("b", "B", 27, "hospital", "2024-05-02T09:00:00"),
          _c("c", "C", 4, "the mayor", "2024-05-04", "at_least")]  # an early story misdated two days late
    row = _row(cs)
    assert row["best"] == 27 and row["trend"] is None and row["status"] == "revised"


def test_rising_only_across_trusted_days_and_independent_origins():
    cs = [_c("a", "A", 12, "police", "2024-05-01"), _c("b", "B", 19, "hospital", "2024-05-02"),
          _c("c", "C", 24, "the mayor", "2024-05-03")]
    assert _row(cs)["trend"] == "rising" and _row(cs)["best"] == 24
    # the same values dated only from the text ("on Thursday"): no trend, no latest
    untrusted = [FigureClaim(c.id, c.doc_id, 0, 1, "e", "killed", None, c.value, c.low, c.high, "exact", c.attributed_to,
                        None, publication_key(c.published, None, "weekday")) for c in cs]
    assert _row(untrusted)["trend"] is None


def test_conflict_is_the_same_day_or_a_settled_past():
    same_day = [_c("a", "A", 11, "police", "2024-05-02"), _c("b", "B", 14, "hospital", "2024-05-02")]
    row = _row(same_day)
    assert row["status"] == "conflict"
    assert {s["value"] for s in json.loads(row["sides"])} == {"11", "14"}
    days_apart = [_c("a", "A", 11, "police", "2024-05-02"), _c("b", "B", 14, "hospital", "2024-05-04")]
    assert _row(days_apart)["status"] == "revised"
    past = [_c("a", "A", 116, "police", "2018-02-26"), _c("b", "B", 106, "hospital", "2025-02-27")]
    assert _row(past, historic=True)["status"] == "conflict"


def test_at_least_is_open_above():
    row = _row([_c("a", "A", 21, "police", "2024-05-02", "at_least")])
    assert row["low"] == 21 and row["high"] is None


def test_a_place_the_story_never_leads_with_is_another_event():
    from storytrace.stages.placement import place_words

    places = place_words(["Fire at Orrin market kills two", "A fire at a market in Orrin killed two people on Tuesday."])
    far = "Separately, shelling in Velmar killed 14 people."
    near = "The fire in Orrin also injured 14 people."
    assert other_event_cues(far, far.index("14"), 2024, 2024, None, places) == ["in Velmar"]
    assert other_event_cues(near, near.index("14"), 2024, 2024, None, places) == []
    owned = "Rioters set fire to cars in Orrin's old town, injuring 14 people."  # a possessive names the place too
    assert other_event_cues(owned, owned.index("14"), 2024, 2024, None, places) == []
    assert "orrin" in place_words(["Orrin's market fire kills two"])


def test_a_sentence_opening_a_paragraph_by_referring_back_reads_the_paragraph_before(tmp_path):
    files = {"a.txt": (
        " date 2024-05-02\nA fire at a market in Orrin killed two people on Tuesday, police said.\n\n"
        "The last big fire in the region was in 2009, when a blaze swept through Kessel.\n\n"
        "It killed 31 people and injured 80.\n")}
    conn = _ledger(tmp_path, files)
    rows = dict(conn.execute("select cast(value as int), antecedent from claims"))
    assert rows[31] == "The last big fire in the region was in 2009, when a blaze swept through Kessel."
    main = conn.execute("select event_id from documents").fetchone()[0]
    own = conn.execute("select measure, best from figures where event_id = ?", (main,)).fetchall()
    assert own == [("killed", 2)]


def test_the_story_s_own_toll_after_a_paragraph_about_its_rescue_stays_its_own(tmp_path):
    files = {"a.txt": (
        " date 2024-05-02\nRescuers have pulled 40 survivors from the rubble since an earthquake struck Velmar "
        "on Tuesday, officials said.\n\nThe quake killed 120 people, officials said.\n")}
    conn = _ledger(tmp_path, files)
    placement = dict(conn.execute("select cast(value as int), placement from claims where measure = 'killed'"))
    assert not placement[120].startswith("unplaced"), placement


def test_a_figure_one_body_sentence_alone_states_is_left_unplaced(tmp_path):
    files = {}
    lead = "A fire at a market in Orrin killed two people on Tuesday, police said. Firefighters fought it for hours."
    files["a.txt"] = (" date 2024-05-02\n" + lead + "\nWitnesses said smoke rose over the town.\n"
                      "Four people were arrested at the scene.\n")
    files["b.txt"] = (" date 2024-05-02\nTwo people died when fire swept through Orrin market on Tuesday, "
                      "police said.\n")
    conn = _ledger(tmp_path, files)
    placed = dict(conn.execute("select measure, placement from claims"))
    assert placed["arrested"].startswith("unplaced: only one document states it")
    assert [r[0] for r in conn.execute("select measure from figures")] == ["killed"]


def test_a_body_figure_no_lead_states_is_left_unplaced_and_one_a_lead_states_joins(tmp_path):
    files = {}
    files["a.txt"] = (" date 2024-05-02\nPolice arrested 46 people on Wednesday night as riots spread through Orrin, "
                      "officials said. Shops were looted.\nOn the first night, one person was arrested.\n")
    files["b.txt"] = (" date 2024-05-03\nCrowds marched through Orrin again on Thursday. The mayor appealed for calm.\n"
                      "Officers said 46 people had been arrested by Wednesday night.\n")
    conn = _ledger(tmp_path, files)
    placed = _placements(conn, "arrested")
    assert placed[1].startswith("unplaced: below every figure of the event"), placed
    assert not placed[46].startswith("unplaced"), placed  # b's body figure: a lead states it
    assert conn.execute("select best, n_docs, status from figures where measure = 'arrested'").fetchall() == [
        (46, 2, "agree")]


def test_a_risen_toll_in_a_body_stays_beside_an_earlier_lead(tmp_path):
    files = {}
    files["a.txt"] = " date 2024-05-02\nFive people were killed when a bus plunged into a gorge near Orrin, police said.\n"
    files["b.txt"] = (" date 2024-05-03\nFunerals were held in Orrin on Friday. Shops stayed closed.\n"
                      "The death toll from the bus crash rose to nine, police said.\n")
    files["c.txt"] = (" date 2024-05-03\nThe bus company suspended its Orrin route. Its owner apologised.\n"
                      "Nine people have now died after the crash, police said.\n")
    conn = _ledger(tmp_path, files)
    assert all(not p.startswith("unplaced") for (p,) in conn.execute(
        "select placement from claims where measure = 'killed'"))
    assert conn.execute("select best, n_docs from figures where measure = 'killed'").fetchall() == [(9, 3)]


def test_a_death_from_illness_or_a_sports_injury_is_no_casualty_figure(tmp_path):
    files = {"a.txt": (" date 2024-05-02\nTom Orrel, who led the Tellon dockers' union for 30 years, dies at 91\n"
                       "Tom Orrel died on Tuesday at his home in Tellon, his family said.\n"),
             "b.txt": (" date 2024-05-02\nFormer union leader Tom Orrel dies\nOrrel died of heart failure on Tuesday, "
                       "his daughter said. He was 91.\n"),
             "c.txt": (" date 2024-05-03\nOrrin Rovers lose striker Sam Vey for the season\nStriker Sam Vey was injured "
                       "in training and will miss the rest of the season, the club said.\n"),
             "d.txt": (" date 2024-05-03\nRovers striker Vey out for season\nStriker Sam Vey was injured in training on "
                       "Thursday, the club said.\n")}
    conn = _ledger(tmp_path, files)
    assert conn.execute("select count(*) from figures").fetchone()[0] == 0
    reasons = {p for (p,) in conn.execute("select placement from claims where measure in ('killed', 'injured')")}
    measures = {m for (m,) in conn.execute("select measure from claims")}
    assert {"killed", "injured"} <= measures, measures
    assert all("a death or injury the story's reports give no violence" in r for r in reasons), reasons
    assert placement.casualty_story(["Two die as a bus plunges into a gorge", "Floods kill 12"], [False, False])
    assert not placement.casualty_story(["Former union leader dies at 91", "A bombshell memoir"], [False, False])
    assert not placement.casualty_story(["Pin-up star dies of a heart attack at 85", "Star dies at 85"], [False, False])
    for cause in ("Ferry disaster: 20 dead", "Man beaten to death in Tellon", "Crowd crush leaves 9 dead",
                  "Teen dies of gunshot wounds", "Cholera outbreak: 40 dead", "Heatwave deaths reach 200"):
        assert placement.casualty_story([cause], [False]), cause
    # several dead at once tell of a casualty event whatever the cause; an age is no count of the dead
    assert placement.casualty_story(["Bodies of at least 14 migrants found in sealed lorry",
                                     "Twenty-three people died in the sealed trailer, the ministry said"], [False, False])
    assert not placement.casualty_story(["The actor, 84, died on Sunday", "Tom Orrel dies at 91"], [False, False])
    for head in ("Cartel founder blamed for 300 deaths dies in prison", "Ola Brandt, who was 92 when she died",
                 "the 89 year old died", "Flags at 40 public bodies at half-mast as ex-president dies", "2019 deaths"):
        assert not placement.mass_death(head), head


def test_a_shooting_keeps_its_figures_beside_its_funerals_and_vigils(tmp_path):
    files = {"a.txt": " date 2024-05-02\nGunman kills three at Tellon school\nA gunman shot dead three pupils at a school "
                      "in Tellon on Tuesday, police said.\n",
             "b.txt": " date 2024-05-04\nHundreds attend funeral of Tellon pupil\nHundreds of mourners attended the "
                      "funeral of one of the three pupils who died on Tuesday.\n",
             "c.txt": " date 2024-05-05\nSecond Tellon pupil's funeral held\nThe second of three pupils who died was "
                      "buried on Sunday, the school said.\n",
             "d.txt": " date 2024-05-06\nTellon vigil draws thousands\nThousands held a vigil for the three pupils who "
                      "died at the school.\n"}
    conn = _ledger(tmp_path, files)
    assert conn.execute("select best from figures where measure = 'killed'").fetchall() == [(3,)]


def test_a_story_event_is_not_labelled_by_a_date_stamp():
    from storytrace.stages.titles import story_label

    assert story_label(["Posted 12 / 19 / 2005 3: 36 PM", "Mob boss dies in prison"]) == "Mob boss dies in prison"
    assert story_label(["Updated 0947 GMT (1747 HKT)", "Dam bursts in Tellon"]) == "Dam bursts in Tellon"
    assert story_label(["Lake Veldra ferry fire kills 12", "Later title"]) == "Lake Veldra ferry fire kills 12"
    assert story_label(["Updated 0947 GMT"]) == "Updated 0947 GMT"  # nothing better: kept
    # a title that opens with someone's words is no name for the event
    assert story_label(["'Far more people lived there': residents", "Two dead as apartment block collapses in Pellmar"]) \
        == "Two dead as apartment block collapses in Pellmar"
    assert story_label(["“We said never again”"]) == "“We said never again”"  # nothing better: kept


def test_a_gallery_page_with_a_figure_beside_an_article_builds(tmp_path):
    gallery = "\n".join(f"Photos: Floods in Tellon Rescuers carry a child. Hide Caption {i} of 8" for i in range(1, 9))
    files = {"g.txt": gallery + "\n14 people were killed.\n",
             "a.txt": " date 2024-05-02\nFloods in Tellon killed 14 people on Tuesday, officials said. Rescuers searched.\n"}
    conn = _ledger(tmp_path, files)
    assert conn.execute("select best from figures where measure = 'killed'").fetchall() == [(14,)]


def test_a_photo_gallery_is_no_article_and_seeds_no_event(tmp_path):
    from storytrace.text.segments import page_kind

    gallery = "\n".join(f"Photos: Floods in Tellon Rescuers carry a child to safety. Hide Caption {i} of 8" for i in range(1, 9))
    assert page_kind(gallery) == "gallery"
    assert page_kind("Two people were killed in a fire at a market in Orrin on Tuesday, police said.\n" * 3) == "article"
    files = {}
    files["g.txt"] = gallery + "\nPhotos: Floods in Tellon 14 people were killed. Hide Caption 9 of 9\n"
    files["a.txt"] = (" date 2024-05-02\nFloods in Tellon killed 14 people on Tuesday, officials said. "
                      "Rescuers searched the valley for survivors.\n")
    conn = _ledger(tmp_path, files)
    kinds = dict(conn.execute("select substr(source, -5), kind from documents"))
    assert kinds == {"g.txt": "gallery", "a.txt": "article"}
    n_events = conn.execute("select count(*) from events").fetchone()[0]
    assert n_events == 1  # the article's; the gallery opened none
    assert all(p.startswith("unplaced: not an article") for (p,) in conn.execute(
        "select placement from claims c join documents d on d.id = c.doc_id where d.kind = 'gallery'"))


def test_a_headline_joins_a_row_only_beside_another_document(tmp_path):
    files = {}
    files["a.txt"] = ("Navy arrests 26 pirates in the Gulf of Tellon\n date 2024-05-02\n"
                      "A warship escorting cargo ships foiled a raid on Friday, officials said.\n"
                      "The raiders fled in skiffs toward the coast.\n")
    files["b.txt"] = (" date 2024-05-02\nA warship foiled a pirate raid in the Gulf of Tellon on Friday, "
                      "capturing 26 pirates, the navy said.\n")
    conn = _ledger(tmp_path, files)
    rows = conn.execute("select c.segment, c.measure, c.value, c.placement from claims c order by c.segment").fetchall()
    assert ("headline", "arrested", 26, rows[1][3]) in rows
    headline = next(r for r in rows if r[0] == "headline")
    assert headline[3].startswith("headline: the document's own title")
    assert conn.execute("select measure, best, n_docs from figures").fetchall() == [("arrested", 26, 2)]


def test_primary_source_model_numbers_and_listed_nationals():
    [c] = extract("MSNBC is reporting that the Tellon Navy claims it has captured 23 pirates.")
    assert (c.measure, c.value, c.attributed_to) == ("arrested", 23, "the Tellon Navy")
    assert extract("The commandos seized seven AK-47 assault rifles and 13 magazines.") == []
    got = [(c.measure, c.value, bool(c.adds_to)) for c in
           extract("Marine commandos boarded the skiff, seizing 12 Somali and 11 Yemeni nationals.")]
    assert got == [("arrested", 12, False), ("arrested", 11, True)]
    assert [c.measure for c in extract("Gunmen stormed the village, capturing 12 women.")] == ["captured"]


def test_counted_things_that_act_and_crews_that_are_no_gang():
    # a count whose noun does something to an object is what it did, not what befell it; a
    # sentence's first capital names no people
    assert extract("Several regulations affecting health care and the environment have been overturned.") == []
    assert [(c.measure, c.value) for c in extract("Twelve villagers fleeing the fighting were killed.")] == [("killed", 12)]
    assert [c.measure for c in extract("Several Somalis were killed.")] == ["killed"]
    # seized crew members are hostages; seized gang members are arrested
    assert [c.measure for c in extract("Pirates seized 26 crew members off the coast.")] == ["captured"]
    assert [c.measure for c in extract("Police arrested five gang members.")] == ["arrested"]
    # a ship named with its prefix is no captured person ("the abduction of MV Stolt Valor")
    assert extract("India acted after the abduction of MV Stolt Valor, with 18 sailors on board, by pirates.") == []
    assert [(c.measure, c.value) for c in extract("Gunmen abducted Omar Vey in Tellon.")] == [("captured", 1)]
    # ... where the sentence speaks of ships: the same letters are a person's initials
    assert [(c.measure, c.value) for c in extract("MS Reddy, a constable, was killed in the blast.")] == [("killed", 1)]
    # "a number of" is a quantity, not one person (a noun ending in -er)
    assert extract("Police moved in with tanks, killing a still-disputed number of protesters.") == []
    assert [(c.measure, c.value) for c in extract("A driver was killed.")] == [("killed", 1)]


def test_single_victims_named_by_apposition_or_dying():
    from storytrace.analyse.claims import extract as ex
    assert [(c.measure, c.value) for c in ex("Her cousin, Tavon Orrel, 21, was killed on Tuesday.")] == [("killed", 1)]
    assert [(c.measure, c.value) for c in ex("Orrel died Tuesday after being shot in Tellon.")] == [("killed", 1)]
    assert [(c.measure, c.value) for c in ex("The director made her perform a stunt that injured her.")] == [("injured", 1)]
    assert ex("The project died in 2009.") == []


def test_a_victim_found_or_left_dead_is_the_subject_of_the_passive_before():
    from storytrace.analyse.claims import extract as ex
    assert [(c.measure, c.value) for c in ex("A village elder was found hacked to death near Tellon, police said.")] == [
        ("killed", 1)]
    for hedge in ("A fisherman was feared killed in the storm.", "Omar Vey was believed killed.",
                  "Omar Vey was ordered arrested.", "Omar Vey was not found hacked to death."):
        assert ex(hedge) == [], hedge  # a fear, a belief, an order, a negation: no event


def test_one_person_injured_who_then_died_is_a_death_not_an_injury():
    got = [(c.value, c.measure) for c in extract("A man injured in the fall of the cabin died in hospital on Tuesday, "
                                                 "raising the toll to 23.")]
    assert got == [(1.0, "killed"), (23.0, "killed")]
    assert [(c.value, c.measure) for c in extract("A woman injured in the blast was taken to hospital.")] == [(1.0, "injured")]
    for text in ("A man injured in the attack may die, doctors said.", "A man injured in the attack did not die, police said."):
        assert [(c.value, c.measure) for c in extract(text)] == [(1.0, "injured")], text  # no death told as fact


def test_a_relative_pronoun_counts_the_person_its_clause_modifies_and_fatally_wounded_is_killed():
    from storytrace.analyse.claims import extract as ex
    assert [(c.measure, c.value, c.victims) for c in ex(
        "Police are hunting the killers of Omar Vey, who was killed by gunmen on Saturday.")] == [
        ("killed", 1, "Omar Vey")]
    assert [(c.measure, c.value, c.victims) for c in ex("She grieves with the mother and child who was injured.")] == [
        ("injured", 1, "child")]
    assert [(c.measure, c.value) for c in ex("Omar Vey, Ali Sen and Musa Dan, who were killed by gunmen, were buried.")] == [
        ("killed", 3)]
    # the words of a toll's event say nothing of whom it counts
    assert [(c.measure, c.value) for c in ex("The toll from Tuesday's attack on the camp for displaced people rose to 37.")] == [
        ("killed", 37)]
    assert [(c.measure, c.value) for c in ex("The number of people injured in the blast rose to 40.")] == [("injured", 40)]
    assert [(c.measure, c.value) for c in ex("The toll in wounded stood at 80.")] == [("injured", 80)]
    # a conjunct with a clause of its own is told by that clause, not by the first conjunct's
    assert [(c.measure, c.value) for c in ex("The ministry listed the 26 who died and the 11 who were found alive.")] == [
        ("killed", 26)]
    assert [(c.measure, c.value) for c in ex("Yvonne Orrel, who has been arrested and charged, is a nurse.")] == [
        ("arrested", 1)]
    assert ex("A journalist who is killed on duty is honoured by the union.") == []  # no event: a rule
    assert ex("The dog, which was killed by the bus, belonged to a farmer.") == []
    assert [(c.measure, c.value) for c in ex("A vigil for Tom Orrel, who was fatally wounded by police, turned ugly.")] == [
        ("killed", 1)]
    assert [(c.measure, c.value) for c in ex("Two men were fatally wounded in the clash.")] == [("killed", 2)]
    assert [(c.measure, c.value) for c in ex("Two officers were nearly fatally injured.")] == [("injured", 2)]
    assert ex("He was shot dead at his farm on Sunday.") == []  # a pronoun alone: who it is, the parser cannot say


def test_a_relative_clause_dated_to_another_time_counts_no_victim(tmp_path):
    files = {"a.txt": (" date 2024-05-02\nA gunman killed a teacher at a school in Orrin on Tuesday, police said. "
                       "Pupils were sent home.\nRelatives of a nurse who was killed last year in a similar attack "
                       "marched through the town.\n"),
             "b.txt": " date 2024-05-02\nA teacher was shot dead at a school in Orrin on Tuesday, police said.\n"}
    conn = _ledger(tmp_path, files)
    victims = [v for (v,) in conn.execute("select victims from claims where measure = 'killed'")]
    assert "nurse" not in victims, victims  # its clause dates it to another time: no figure of this story
    assert conn.execute("select best, n_docs from figures where measure = 'killed'").fetchall() == [(1, 2)]


def test_a_modal_count_is_no_event_and_things_are_not_affected_people():
    from storytrace.analyse.claims import extract as ex
    assert ex("The storm could kill 200 people, forecasters warned.") == []
    assert ex("Police said the bomb would have killed dozens.") == []
    assert [(c.measure, c.value) for c in ex("Sixty people drowned, and nine of them were never found.")] == [
        ("killed", 60), ("missing", 9)]  # a negation that is the measure itself
    assert ex("As many as 233,000 web pages have been affected.") == []
    assert [(c.measure, c.value) for c in ex("About 5,000 residents were affected by the floods.")] == [("affected", 5000)]


def test_one_who_fell_to_his_death_is_killed():
    from storytrace.analyse.claims import extract as ex
    assert [(c.measure, c.value) for c in ex("A climber fell to his death from the ridge on Sunday.")] == [("killed", 1)]
    assert [(c.measure, c.value) for c in ex("He spoke of seeing his brother plunge to his death.")] == [("killed", 1)]
    assert ex("A man who watched his brother fall to his death is devastated.") == []  # the parse makes the man fall


def test_an_arrest_said_to_have_happened_several_times_is_someone_s_past():
    from storytrace.analyse.claims import extract as ex
    assert ex("Between the ages of 17 and 25, Omar Vey was arrested seven times on various charges.") == []
    assert ex("He had been arrested repeatedly.") == []
    assert [(c.measure, c.value) for c in ex("The village was attacked three times and 12 people were killed.")] == [
        ("killed", 12)]


def test_people_assaulted_are_affected():
    from storytrace.analyse.claims import extract as ex
    assert [(c.measure, c.value) for c in ex("He is accused of sexually assaulting two girls in Tellon.")] == [("affected", 2)]
    assert ex("The 12 suspects face assault charges.") == []


def test_an_estimate_about_the_past_stays_and_households_are_affected():
    from storytrace.analyse.claims import extract as ex
    assert [(c.measure, c.value) for c in ex("Police said the blast may have killed 30 people.")] == [("killed", 30)]
    assert [(c.measure, c.value) for c in ex("Police arrested 12 people, some of them repeatedly.")] == [("arrested", 12)]
    assert [(c.measure, c.value, c.group) for c in ex("The floods have affected 40,000 households.")] == [
        ("affected", 40000, "households")]
    assert [(c.measure, c.value) for c in ex("The floods affected 3,000 residents and 200 businesses.")] == [
        ("affected", 3000)]


def test_named_members_of_a_count_are_not_more_victims():
    got = [(c.measure, c.value) for c in extract("The gunman killed a clerk, and two managers, Paul Orrel and Alan Vey, "
                                                 "were wounded.")]
    assert ("injured", 2) in got and ("injured", 1) not in got


def test_an_office_and_its_holder_are_one_origin():
    from storytrace.text.origins import office_key

    assert office_key("the governor of Orrin island") == office_key("Orrin Gov. Dana Vel") == "office governor orrin"
    assert source_key("officials and state media") == source_key("officials")
    assert source_key("Tellon 's state television") == source_key("state television")
    [c] = extract("State television quoted the disaster centre of Orrin province as saying 10 people were killed.")
    assert c.attributed_to == "the disaster centre of Orrin province"


def test_no_event_under_a_modal_or_a_negation_and_a_previous_arrest_is_past():
    assert extract("“They didn’t have to kill him,” a neighbour said.") == []
    assert extract("He knew that they would kill him.") == []
    assert [c.value for c in extract("Gunmen killed a village elder.")] == [1]
    assert other_event_cues("Orrel had previously been arrested four times.", 30, 2024, 2024) == ["previously"]


def test_undated_values_go_to_the_most_origins_then_the_most_documents():
    five = [_c(f"a{i}", f"D{i}", 1, pub="") for i in range(5)] + [_c("b", "E", 2, pub="")]
    assert _row(five)["best"] == 1  # one origin (unattributed reports): most documents say one
    assert _row([_c("a", "A", 1, pub=""), _c("b", "B", 2, pub="")])["best"] == 2  # a tie: the larger


def test_one_dated_report_among_undated_ones_is_no_timeline():
    # five undated documents say 70 (two origins), one dated document (another incident's
    # report, or a late one) says 18: the dated one does not speak for the figure
    undated = [_c(f"a{i}", f"D{i}", 70, attr="police" if i < 2 else None, pub="") for i in range(5)]
    assert _row(undated + [_c("z", "Z", 18, pub="2024-05-09")])["best"] == 70
    # dates on half the documents or more: the latest trusted-dated report
    dated = [_c(f"d{i}", f"E{i}", 12 + i, attr=f"source {i}", pub=f"2024-05-0{i + 1}") for i in range(3)]
    assert _row(dated + [_c("u", "U", 70, pub="")])["best"] == 14


def test_a_minister_speaks_for_the_ministry_and_a_surname_for_the_named_person():
    from storytrace.analyse.attribution import full_name
    from storytrace.text.origins import ministry_of

    assert ministry_of("Interior Minister Tarn Obada") == source_key("the Ministry of Internal Affairs") == "ministry interior"
    assert ministry_of("the Minister of Health") == "ministry health"
    assert ministry_of("Prime Minister Ilse Varro") is None  # no ministry of its own
    assert source_key("Interior Minister Tarn Obada") == "person obada"  # a speaker stays a person (quotes count people)
    groups = origin_groups([_c("a", "A", 33, "the interior ministry"), _c("b", "B", 36, "Interior Minister Tarn Obada"),
                            _c("c", "C", 36, "Obada")], {})
    assert len(set(groups.values())) == 1  # one origin: the ministry, its minister, his surname
    # a bare "the ministry" joins the one ministry a minister of the figure speaks for
    groups = origin_groups([_c("a", "A", 9, "the ministry"), _c("b", "B", 3, "Emergencies Minister Rhea Castell"),
                            _c("c", "C", 12, "the fire service")], {})
    assert groups["a"] == groups["b"] != groups["c"]
    text = "Interior Minister Tarn Obada visited the village. Obada said 52 people had been injured."
    assert full_name(text, "Obada") == "Interior Minister Tarn Obada"
    [c] = extract(text)
    assert c.attributed_to == "Interior Minister Tarn Obada"
    assert full_name("It came from the Red Cross Office. Obada said 52 were hurt.", "Obada") == "Obada"  # not across a sentence
    assert full_name("On Tuesday Obada told reporters 52 were hurt.", "Obada") == "Obada"
    assert full_name("Mayor Tarn Obada and Police Chief Ilo Obada spoke. Obada said 3 died.", "Obada") == "Obada"  # two


def test_a_bare_title_is_the_documents_one_holder_of_it():
    cs = [_c("a1", "A", 21, "governor"), _c("a2", "A", 21, "Orrin Governor Dana Vel"), _c("b1", "B", 21, "Dana Vel")]
    groups = origin_groups(cs, {})
    assert groups["a1"] == groups["a2"] == groups["b1"]
    # two holders of the title in the document: the bare one stays apart
    cs = [_c("a1", "A", 21, "governor"), _c("a2", "A", 21, "Orrin Governor Dana Vel"), _c("a3", "A", 21, "Governor Ada Lenz"),
          _c("b1", "B", 21, "the fire service"), _c("c1", "C", 21, "police"), _c("d1", "D", 21, "Dana Vel"),
          _c("e1", "E", 21, "Ada Lenz")]
    groups = origin_groups(cs, {})
    assert groups["a1"] not in (groups["a2"], groups["a3"])


def test_an_organisation_after_the_and_a_state_word_is_no_person():
    assert source_key("the commander of the State Mine Rescue Corps") != "person corps"
    assert source_key("Colonel Ivo Marek") == "person marek"


def test_a_body_figure_dated_before_the_leads_is_their_earlier_count(tmp_path):
    files = {}
    files["a.txt"] = (" date 2024-05-02\nA landslide buried homes in Orrin on Monday night, police said. Rescuers dug "
                      "through the night.\nThe mayor visited the village. Nine people were still missing, officials said.\n")
    files["b.txt"] = (" date 2024-05-04\nTwo people are still missing after the landslide in Orrin, police said. "
                      "The search goes on.\n")
    files["c.txt"] = (" date 2024-05-04\nTwo people remain missing after Monday's landslide in Orrin, officials said. "
                      "Roads were reopened.\n")
    conn = _ledger(tmp_path, files)
    placed = _placements(conn, "missing")
    assert not placed[9].startswith("unplaced"), placed  # dated two days before every lead: the count then
    assert conn.execute("select best, status from figures where measure = 'missing'").fetchall() == [(2, "revised")]
    # the same sentence in an undated report is no earlier count: it stays out
    files["a.txt"] = files["a.txt"].replace(" date 2024-05-02\n", "")
    undated = tmp_path / "undated"
    undated.mkdir()
    conn = _ledger(undated, files)
    placed = _placements(conn, "missing")
    assert placed[9].startswith("unplaced"), placed


def test_an_earlier_count_of_a_growing_toll_is_no_larger_than_the_leads(tmp_path):
    files = {}
    files["a.txt"] = (" date 2024-05-02\nA landslide buried homes in Orrin on Monday night, police said. Rescuers dug "
                      "through the night.\nThe mayor visited the village. Some 300 people were killed, officials said.\n")
    files["b.txt"] = " date 2024-05-04\nTwelve people were killed in the landslide in Orrin, police said. Roads reopened.\n"
    files["c.txt"] = " date 2024-05-04\nThe landslide in Orrin killed twelve people, officials said. Schools stayed shut.\n"
    conn = _ledger(tmp_path, files)
    placed = _placements(conn, "killed")
    assert placed[300].startswith("unplaced"), placed  # larger than the leads' toll: not its earlier count


def test_a_body_is_one_source_whatever_its_region_and_an_organisation_is_no_person():
    assert source_key("The regional health department") == source_key("the health department") == "health department"
    assert source_key("Syrian Observatory for Human Rights") == "observatory for human rights"  # not "person rights"
    assert source_key("Amnesty International") == "amnesty international"
    assert source_key("Presidential Spokesman Ibrahim Kalin") == "person kalin"


def test_fewer_still_missing_in_a_later_report_is_the_count_since(tmp_path):
    files = {}
    files["a.txt"] = " date 2024-05-02\nNine people remain missing after the landslide in Orrin, police said. Roads were shut.\n"
    files["b.txt"] = " date 2024-05-02\nNine people are missing after Monday's landslide in Orrin, police said. Roads were shut.\n"
    files["c.txt"] = (" date 2024-05-04\nRescuers searched the landslide in Orrin for a fourth day, police said. Roads were shut.\n"
                      "Funerals were held on Thursday.\nThree people are still missing.\n")
    conn = _ledger(tmp_path, files)
    assert not _placements(conn, "missing")[3].startswith("unplaced")  # dated after every lead: fewer missing since
    assert conn.execute("select best from figures where measure = 'missing'").fetchall() == [(3,)]


def test_a_titled_person_joins_the_one_body_their_title_names():
    cs = [_c("a", "A", 58, "The regional health department"), _c("b", "B", 37, "Health Director Ilse Marrant"),
          _c("c", "C", 2, "the Sallow public prosecutor's office"), _c("d", "D", 2, "prosecutor Lena Voss"),
          _c("e", "E", 1, "Provincial police"), _c("f", "F", 1, "Superintendent Oren Blaise")]
    groups = origin_groups(cs, {})
    assert groups["a"] == groups["b"] and groups["c"] == groups["d"] and groups["e"] == groups["f"]
    assert len({groups[k] for k in "ace"}) == 3
    # two bodies a title could speak for: it stays apart from both
    two = [_c("a", "A", 58, "the health department"), _c("b", "B", 50, "the health ministry"),
           _c("c", "C", 37, "Health Director Ilse Marrant")]
    groups = origin_groups(two, {})
    assert groups["c"] not in (groups["a"], groups["b"])
    # no role word: a person who merely shares a word with a body
    assert len(set(origin_groups([_c("a", "A", 5, "the health department"), _c("b", "B", 5, "Dr Ilse Marrant")],
                                 {}).values())) == 2
    # a bare "the government" is not the one fuller government of the figure ("the rebel government")
    groups = origin_groups([_c("a", "A", 41, "the rebel government in Tripoli"), _c("b", "B", 1, "the government")], {})
    assert groups["a"] != groups["b"]


def test_a_body_s_tail_name_and_its_officials_join_the_one_body():
    cs = [_c("a", "A", 11, "The Haverlund Regional Health Authority"), _c("b", "B", 6, "the health authority"),
          _c("c", "C", 83, "the Quillan Health Board"), _c("d", "D", 83, "Health officials")]
    groups = origin_groups(cs, {})
    assert groups["a"] == groups["b"]  # "the health authority": the one health authority of the figure
    # "Health officials": two health bodies could be theirs here, so they stay apart from both
    assert groups["d"] not in (groups["a"], groups["c"])
    groups = origin_groups([_c("c", "C", 83, "the Quillan Health Board"), _c("d", "D", 83, "Health officials")], {})
    assert groups["c"] == groups["d"]




def test_a_body_s_shorter_name_its_title_holders_and_voices_join_it():
    # "the Union of Journalists" is the one "Tarvesian Union of Journalists"; "the trust" the one trust
    groups = origin_groups([_c("a", "A", 7, "the Tarvesian Union of Journalists"), _c("b", "B", 7, "The Union of Journalists"),
                            _c("c", "C", 19, "the secretary of the Shrine of the Ford Trust, Miriam Toller"),
                            _c("d", "D", 19, "the trust")], {})
    assert groups["a"] == groups["b"] and groups["c"] == groups["d"] != groups["a"]
    # "the State Mining Inspectorate" is a body, no person "Inspectorate"; its chief inspector speaks for it
    assert source_key("the State Mining Inspectorate") == "mining inspectorate"
    groups = origin_groups([_c("a", "A", 12, "the State Mining Inspectorate"), _c("b", "B", 4, "Chief inspector Oskar Brun"),
                            _c("c", "C", 2, "the National Mine Rescue Brigade")], {})
    assert groups["a"] == groups["b"] != groups["c"]
    # a committee of residents is a body a reader can ask, and its chairman, named first, speaks for it
    groups = origin_groups([_c("a", "A", 35, "Yunus Tello, chairman of the Dabbat Camp Residents' Committee"),
                            _c("b", "B", 44, "the Dabbat Camp Residents' Committee"), _c("c", "C", 40, "the ministry")], {})
    assert groups["a"] == groups["b"] != groups["c"]
    assert checkable("dabbat camp residents' committee") and not checkable("residents")
    assert not checkable("sources in the security forces") and not checkable("officials at the regional hospital")
    # a body no name tells ("chair of the board") joins no other
    groups = origin_groups([_c("a", "A", 3, "Ivo Tam, chair of the board"), _c("b", "B", 3, "the Tellon school board")], {})
    assert groups["a"] != groups["b"]


def test_reports_with_no_source_that_repeat_named_sources_are_listed_not_counted():
    # two named sources give 4 and 6; an outlet with no source repeats both: two origins, the third listed as a relay
    row = _row([_c("a", "A", 4, "police"), _c("b", "B", 6, "the fire service"), _c("c", "C", 4), _c("d", "D", 6)])
    origins = json.loads(row["origins"])
    assert row["n_origins"] == 2 and len(origins) == 3
    assert next(o for o in origins if o["name"] == "unattributed reports")["relays"] == ["police", "the fire service"]
    # copies of a passage that names no source are such reports too ("copies of <document>")
    copies = make_figure("f", "e", "killed", None, [_c("a", "A", 4, "police"), _c("b", "B", 6, "the fire service"),
                                                    _c("c", "C", 4), _c("d", "D", 6)], {"c": "L1", "d": "L1"}, False)
    assert copies["n_origins"] == 2
    # a value of their own: listed, and still no origin a fact-checker can defend beside named ones
    row = _row([_c("a", "A", 4, "police"), _c("b", "B", 6, "the fire service"), _c("c", "C", 9)])
    assert row["n_origins"] == 2
    assert next(o for o in json.loads(row["origins"]) if o["name"] == "unattributed reports")["unsourced"] is True
    # with no named source at all, the reports naming none are the figure's origins
    assert _row([_c("c", "C", 9), _c("d", "D", 9)])["n_origins"] == 1
    copies = make_figure("f", "e", "killed", None, [_c("c", "C", 9), _c("d", "D", 11), _c("e", "E", 11)],
                         {"d": "L1", "e": "L1"}, False)
    assert copies["n_origins"] == 1 and "unsourced" not in copies["origins"]


def test_a_place_noun_s_body_is_the_body():
    assert source_key("the city 's Civil Protection Directorate") == source_key("Pellmar's Civil Protection Directorate") \
        == "civil protection directorate"
    assert source_key("the country's health ministry") == "ministry health"


def test_a_bare_head_word_is_the_one_body_it_names_and_a_named_voice_speaks_for_its_body():
    # "the authority" in one report, "the River Transport Authority" in another: one source
    groups = origin_groups([_c("a", "A", 14, "the River Transport Authority"), _c("b", "B", 25, "the authority"),
                            _c("c", "C", 9, "police")], {})
    assert groups["a"] == groups["b"] != groups["c"]
    # a name that marks another side: apart, even in one report
    groups = origin_groups([_c("a", "A", 12, "the government"), _c("a2", "A", 40, "the rebel government"),
                            _c("b", "B", 12, "the government")], {})
    assert groups["a"] != groups["a2"]
    # two authorities the head word could name: it stays apart
    groups = origin_groups([_c("a", "A", 14, "the River Transport Authority"), _c("b", "A", 25, "the authority"),
                            _c("b2", "D", 25, "the authority"), _c("c", "B", 9, "the Port Health Authority"),
                            _c("d", "C", 9, "police")], {})
    assert len({groups["a"], groups["b"], groups["c"]}) == 3
    # "the authority's director, Halina Drost", "the head of the emergency office, Ruth Alvane"
    groups = origin_groups([_c("a", "A", 30, "the River Transport Authority"),
                            _c("b", "A", 30, "The authority 's director , Halina Drost"), _c("c", "C", 9, "police")], {})
    assert groups["a"] == groups["b"] != groups["c"]
    # a voice keyed as a body already ("the airport authority's fire chief": the fire service) joins nothing
    groups = origin_groups([_c("a", "A", 30, "the airport authority"), _c("b", "B", 31, "the city fire service"),
                            _c("c", "C", 32, "the airport authority 's fire chief , Tom Reel")], {})
    assert groups["a"] != groups["b"]
    groups = origin_groups([_c("a", "A", 400, "the provincial emergency office"),
                            _c("b", "B", 400, "The head of the emergency office , Ruth Alvane"), _c("c", "C", 9, "police")], {})
    assert groups["a"] == groups["b"] != groups["c"]
    # a place's voice is no body: "the city's chief fire officer" keeps its own key
    groups = origin_groups([_c("a", "A", 3, "the city 's chief fire officer"), _c("b", "B", 4, "the authority")], {})
    assert groups["a"] != groups["b"]


def test_a_correction_note_s_old_figure_is_a_superseded_report():
    from storytrace.stages.placement import SUPERSEDED

    assert SUPERSEDED.search("Correction: An earlier version of this article said 41 people had died in the fire.")
    assert SUPERSEDED.search("Local news originally reported two dead.")
    assert not SUPERSEDED.search("The first version of the law was passed in 2019, when 41 people died.")


def test_a_report_giving_what_the_other_s_source_said_the_day_before_is_behind_not_in_conflict():
    # the ministry: 36 on the 16th, 37 on the 17th; a morning analysis on the 17th: doctors' 36
    cs = [_c("a", "A", 36, "the health ministry", "2024-05-16"), _c("b", "B", 37, "the health ministry", "2024-05-17"),
          _c("c", "C", 36, "Ana Vell, a surgeon at St Ilvar's", "2024-05-17")]
    row = _row(cs)
    assert row["status"] == "revised" and row["best"] == 37
    # a value nobody gave before: a disagreement on the day
    cs = [_c("a", "A", 30, "the health ministry", "2024-05-16"), _c("b", "B", 37, "the health ministry", "2024-05-17"),
          _c("c", "C", 36, "Ana Vell, a surgeon at St Ilvar's", "2024-05-17")]
    assert _row(cs)["status"] == "conflict"


def test_plural_common_nouns_name_no_checkable_source():
    assert source_key("doctors") == source_key("Doctors") == source_key("rescue workers") == "unnamed"
    assert source_key("the Velsk Doctors' Association") != "unnamed"
    assert source_key("prosecutors") != "unnamed" and source_key("the unions") != "unnamed"
    assert source_key("firefighters") == "fire service"
    # where generic voices are does not name them; where a body is, it stays a body
    from storytrace.text.origins import generic_key
    assert generic_key(source_key("Officials in Tarvel")) and generic_key(source_key("a spokesperson at naval headquarters"))
    assert not generic_key(source_key("Police in Tarvel")) and not generic_key(source_key("the Union of Journalists in Tarvel"))


def _placements_by_file(conn: sqlite3.Connection) -> dict[tuple[str, float], str]:
    """(file name, value) -> the claim's placement."""
    return {(src[-5:], value): placement for src, value, placement in conn.execute(
        "select d.source, c.value, c.placement from claims c join documents d on d.id = c.doc_id")}


def test_a_conflict_has_a_trend_only_when_its_sides_moved_the_same_way():
    def c(i, doc, v, who, day):
        return _c(i, doc, v, who, f"2024-05-0{day}")

    both = [c("a", "A", 8, "the ministry", 1), c("b", "B", 15, "the league", 1), c("d", "D", 20, "the ministry", 2),
            c("e", "E", 34, "the league", 2)]
    row = _row(both)
    assert (row["status"], row["trend"]) == ("conflict", "rising")
    third = [replace(x, measure="hospitalised") for x in both + [c("f", "F", 50, "the union", 1),
                                                                c("g", "G", 70, "the union", 2), c("h", "H", 40, "the union", 3)]]
    assert _row(third)["trend"] is None  # a source whose count went down too: no trend (a count that can fall)
    one = [c("a", "A", 14, "the fire service", 1), c("b", "B", 12, "the ministry", 1), c("d", "D", 11, "the fire service", 2)]
    row = _row(one)
    assert row["status"] == "conflict" and row["trend"] is None  # one source's own count moved: no trend of the row


def test_a_source_that_only_tells_of_one_person_is_no_origin_of_the_count():
    cs = [_c("a", "A", 20, "the ministry", "2024-05-02"), _c("b", "B", 20, "the ministry", "2024-05-02"),
          replace(_c("c", "C", 1, "the prison service", "2024-05-02", "at_least"), implicit=True)]
    row = _row(cs)
    assert row["n_origins"] == 1 and "prison service" not in row["origins"]
    # a row of nothing but such reports still names its sources
    only = [replace(_c("c", "C", 1, "the prison service", "2024-05-02", "at_least"), implicit=True)]
    assert _row(only)["n_origins"] == 1


def test_only_a_withdrawn_figure_is_left_out_elsewhere_and_only_before_its_withdrawal(tmp_path):
    from conftest import ledger_from_texts

    files = {
        "a.txt": " date 2024-05-05\nInmates rioted at Ashgrove Central Prison in Rennivar on Sunday. "
                 "Deputy Justice Minister Petra Lund said 19 inmates had been killed in the riot.\n",
        "b.txt": " date 2024-05-06\nThe riot at Ashgrove Central Prison in Rennivar went on on Monday. "
                 "Justice Minister Ilan Dovrek said the figure of 19 inmates killed, given by his deputy, was wrong. "
                 "He said eight people had died in the riot.\n",
        "f.txt": " date 2024-05-06\nEight people have died in the riot at Ashgrove Central Prison in Rennivar, "
                 "the Justice Ministry said on Monday.\n",
        "c.txt": " date 2024-05-09\nThe toll of the riot at Ashgrove Central Prison in Rennivar has risen to 19, "
                 "the Justice Ministry said on Thursday.\n",
        "d.txt": " date 2024-05-05\nInmates rioted at Ashgrove Central Prison in Rennivar on Sunday. "
                 "Unconfirmed reports said 30 guards had been hurt.\n",
        "e.txt": " date 2024-05-06\nThirty guards were hurt in the riot at Ashgrove Central Prison in Rennivar, "
                 "the prison service said.\n",
    }
    conn = ledger_from_texts(tmp_path, files)
    got = _placements_by_file(conn)
    assert got[("a.txt", 19.0)].startswith("unplaced: a figure another report calls false or withdrawn")
    assert "says was wrong or withdrawn" in got[("b.txt", 19.0)] and not got[("f.txt", 8.0)].startswith("unplaced")
    assert not got[("c.txt", 19.0)].startswith("unplaced")  # a later toll of 19 is news since
    assert "unconfirmed" in got[("d.txt", 30.0)] and not got[("e.txt", 30.0)].startswith("unplaced")


def test_a_time_in_a_relative_clause_about_the_sayer_dates_not_the_count():
    s = ("The Black Thorn Movement, an armed group that has fought the government in the hills since 2022, said its "
         "fighters had killed 100 soldiers.")
    assert other_event_cues(s, s.index("100"), 2026, 2026) == []
    s = "A fire that started in 2019 killed 12 people."  # (the clause dates the event itself)
    assert other_event_cues(s, s.index("12"), 2026, 2026) == ["2019"]
    for s in ("A conflict that erupted in April 2023 has killed more than 15,000 people.",
              "A bus that plunged into the same gorge in 2019 killed 31 passengers."):
        assert other_event_cues(s, s.index("killed") + 7, 2026, 2026), s  # ("that" after no group or person)


def test_retractions_name_their_figure():
    from storytrace.stages.placement import SUPERSEDED, in_clause, retracted

    t = "On Sunday his deputy had put the toll at 19, a figure the Justice Minister, Ilan Dovrek, withdrew on Monday."
    assert retracted(t, t.index("19"))
    t = "Kanal Iskra has withdrawn its report of 12 dead."
    assert retracted(t, t.index("12"))
    for t in ("Ilan Vesk, an opposition figure who withdrew from the talks, said 30 protesters had been killed.",
              "Police posts in the area had been withdrawn before the gunmen killed 30 villagers.",
              "Figures for the region were mistaken, he said, but 30 people had died in the capital."):
        assert not retracted(t, t.index("30")), t
    t = "An earlier version of this article said 41 people had died; the correct figure is 43."
    assert in_clause(SUPERSEDED, t, t.index("41")) and not in_clause(SUPERSEDED, t, t.index("43"))


def test_a_count_over_many_events_is_no_event_s_figure():
    from storytrace.analyse.mentions import named_events
    from storytrace.stages.placement import tally_of

    t = "Moranpur Fire and Civil Defence said 146 people had died in industrial fires this year."
    assert tally_of(t, t.index("146")) == "industrial fires"
    assert named_events(t) == []  # "Moranpur Fire and Civil Defence" is a body's name, no fire
    t = "Police figures show 12 shootings at schools since 2016, in which 19 people were killed."
    assert tally_of(t, t.index("19")) == "12 shootings"
    t = "Police figures show 12 shootings at schools since 2016, in which 19 people were killed, none with more than three dead."
    assert tally_of(t, t.index("three")) == "12 shootings"  # the clause goes on about the same shootings
    for t in ("Twelve people were killed in the attacks on Sunday.", "At least 20 people died in clashes with police.",
              "The fire killed 25 workers."):
        assert tally_of(t, 0) is None, t


def test_one_source_s_rising_toll_on_one_day_is_an_update_and_an_edited_copy_a_conflict():
    cs = [_c("a", "A", 11, "the fire service", "2024-05-02"), _c("b", "B", 17, "the fire service", "2024-05-02")]
    assert _row(cs)["status"] == "revised"
    edited = make_figure("f", "e", "killed", None, cs, {"a": "L1", "b": "L1"}, False)  # one passage, its number changed
    assert edited["status"] == "conflict"


def test_a_count_over_a_period_of_many_events_and_a_hedged_estimate_are_no_event_s_figure():
    from storytrace.stages.placement import hedged, tally_of

    t = "Floods have killed 163 people in Veskaria so far this year, according to the ministry, the most since 2010."
    assert tally_of(t, t.index("163")) == "Floods so far this year"
    t = "Attacks by armed groups have killed 318 people across Karsovia since January."
    assert tally_of(t, t.index("318"))
    t = "With this storm, the year's toll passes 170."  # a toll a period owns
    assert tally_of(t, t.index("170")) == "the year's toll"
    t = "This week's market bombing toll reached 38."  # an event's toll
    assert tally_of(t, t.index("38")) is None
    t = "The month's death toll rose after the Velsk club fire killed 37 people."  # the period's toll is not the 37
    assert tally_of(t, t.index("37")) is None
    t = "The worst floods this year killed 41 people in the valley."  # a bare "this year" is no period
    assert tally_of(t, t.index("41")) is None
    t = "Fires in hospitals and care homes had killed 27 people across Arvenna this year before the St Ilvane fire."
    assert tally_of(t, t.index("27")) == "Fires this year"  # ... but for a plural with no article opening the clause
    t = "The safety board counted 46 deaths at public events in Norvessa in 2026 before New Year's Eve."
    assert tally_of(t, t.index("46")) == "events in 2026 before"  # a year to a day: a period
    t = "Riots killed 40 people in 2011 before order was restored."
    assert tally_of(t, t.index("40")) is None  # (a year up to a day, of a kind often one event of several days)
    t = "Gunmen attacked both villages overnight, killing 40 people, police said."
    assert tally_of(t, t.index("40")) is None  # one attack on two villages: one event's figure
    for t in ("Floods killed 41 people in the valley on Monday, the worst since January.",
              "Tornadoes tore through three towns, killing 41 people, the deadliest outbreak this year.",
              "Floods killed 41 people in the region, which suffers floods every year."):
        assert tally_of(t, t.index("41")) is None, t  # one event's day, a comparison, a relative clause
    # a sum over a few incidents ("taken together, the two accidents"): no event's figure; two blasts alone may be one's
    t = "Taken together, the two accidents have cost 24 lives, and 56 people have been killed or hurt in all."
    assert tally_of(t, t.index("24")) == "the two accidents"
    t = "The two blasts killed 30 people on Monday, police said."
    assert tally_of(t, t.index("30")) is None
    for t in ("The two bombings together killed 30 people on Monday.", "In all, 30 people were killed in the two blasts.",
              "The two blasts hit a square where families had gathered together, killing 30."):
        assert tally_of(t, t.index("30")) is None, t  # (twin attacks: one event's toll; no summing word beside them)
    t = "The two floods combined have killed 48 people."
    assert tally_of(t, t.index("48")) == "The two floods"
    # a sum the writer makes ("Add the man police shot dead ..., and the number ... comes to 34")
    from storytrace.stages.placement import writer_sum
    assert writer_sum("Add the man police shot dead at Gate 7, and the number who died comes to 34.") == "Add the"
    assert writer_sum("Adding to the toll, 12 more died overnight.") is None
    assert writer_sum("Police said they would add the names of 12 more victims.") is None
    # the places of a breakdown after a colon are the count's parts', not another event's
    from storytrace.stages.placement import other_event_cues
    t = ("The agency said 44 remained in hospital: 24 at Dalgharan General, 12 at the Mercy Charity Hospital and "
         "eight at the army hospital at Fort Oshar.")
    assert other_event_cues(t, t.index("44"), 2027, 2027, places=frozenset({"dalgharan"})) == []
    t = "Police said 12 people were killed in Dalgharan; in Fort Oshar, 3 died."
    assert other_event_cues(t, t.index("12"), 2027, 2027, places=frozenset({"dalgharan"})) == ["in Fort Oshar"]
    # the imperative after an opening clause is the writer's too; a clause with a subject of its own is not
    assert writer_sum("But whichever number you choose, add the four people who died in the hostel fire the same "
                      "night and you reach twenty-four.") == "But whichever number you choose, add the"
    assert writer_sum("The ministry, which did not add the two carers, said 14 had died.") is None
    assert writer_sum("In Dunstrae, police add the four people to the toll.") is None
    assert writer_sum("Rescuers dig through the night, add the dead to a register and move on; by Monday the bodies "
                      "of 14 people had been recovered.") is None
    # ... or puts two counts together ("Put the two together and that is 33 lives lost at two crossings")
    assert writer_sum("Put the two together and that is 33 lives lost at two crossings in five days.") == \
        "Put the two together"
    assert writer_sum("Taken together, the two crashes killed 33.") == "Taken together"
    assert writer_sum("She was killed together with her husband and two neighbours.") is None
    # a source's sum, or a list someone put together, is no writer's
    for t in ("Taken together, officials said, the storms killed 60.", "“Put the two together and that is 33,” the minister said.",
              "Put together by volunteers, the list names 33 dead."):
        assert writer_sum(t) is None, t
    t = "The farmers' association said as many as 70 people may have died, because farmhands were not counted."
    assert hedged(t, t.index("70"))
    t = "The union fears that 50 people died in the kitchens."
    assert hedged(t, t.index("50"))
    for t in ("The toll rose to 12, and officials said it may have been higher.", "Twelve people died, police said.",
              "Rescuers fear the toll of 23 will rise.", "At least 12 people died in a fire that could have been prevented."):
        n = next(w for w in ("12", "Twelve", "23") if w in t)
        assert hedged(t, t.index(n)) is None, t


def test_a_report_a_later_sentence_takes_back_is_withdrawn_there_and_before():
    from storytrace.model import WITHDRAWN

    t = ('The deputy mayor told the broadcaster VTV that "more than 100 bodies" had been brought to the hall. '
         "By evening he had taken the remark back.\n\nThe ministry said 23 people were killed.")
    assert {(c.value, c.what) for c in extract(t)} == {(100.0, WITHDRAWN), (23.0, None)}
    t = ('A police officer told Kanal 9 that "at least 40 bodies" were lying in the lobby. Kanal 9 ran the claim '
         "for an hour. Kanal 9 withdrew the report on Saturday morning.")
    assert [c.what for c in extract(t)] == [WITHDRAWN]
    # a sentence with a figure of its own comes first; "withdrew from" takes nothing back
    t = "Police said 12 people died. The ministry said 14 had died. The ministry later withdrew the figure."
    assert [(c.value, c.what) for c in extract(t)] == [(12.0, None), (14.0, WITHDRAWN)]
    t = "The agency said 12 people died. Its teams withdrew from the valley at night."
    assert [c.what for c in extract(t)] == [None]
    t = 'A post claiming that 20 people had been killed was shared widely. Police said that figure was "false, and cruel".'
    assert [c.what for c in extract(t)] == [WITHDRAWN]
    # another party's dispute is no taking back (the opposition may think the toll too low)
    t = "The governor said 41 people had died. Opposition lawmakers dismissed the toll, saying many villages were not reached."
    assert [c.what for c in extract(t)] == [None]
    # what is taken back must be the report, whole, by its sayer
    for t in ("The mayor said 12 people died. He later took back his comment that the coastguard had been slow.",
              "Twelve people died in the fire, police said. The owners retracted their statement blaming a heater.",
              "Twelve people died in the fire. Officials corrected the report's spelling of the village.",
              "Twelve soldiers were killed, the army said. Rebels said they had downed a helicopter, but the army said "
              "that claim was false."):
        assert [c.what for c in extract(t)] == [None], t
    t = "Police said 12 people died and the ministry said 40 were injured. The ministry later withdrew its statement."
    assert [(c.value, c.what) for c in extract(t)] == [(12.0, None), (40.0, WITHDRAWN)]
    for t in ("Police said 12 people died in the blast. A councillor called the police slow. He later withdrew his remark.",
              "Police said 12 people died. Residents accused officers of lying, and they later retracted their claim.",
              "Twelve people died under the rubble, police said. The UN later withdrew its figure.",
              "Twelve people died in the blast, Captain Ilo Dern said. AP withdrew the report hours later."):
        assert [c.what for c in extract(t)] == [None], t  # another's pronoun, a name inside another word


def test_a_one_off_high_count_sets_no_floor_for_the_later_counts():
    # a police officer's one "40" on day two; the ministry 11, 27, 29 and the mayor 33, 35 after it
    cs = [_c("m1", "M1", 11, "the ministry", "2024-05-02"), _c("x", "X", 40, "a police officer at the cordon", "2024-05-02"),
          _c("m2", "M2", 27, "the ministry", "2024-05-03"), _c("y1", "Y1", 33, "the mayor", "2024-05-03"),
          _c("m3", "M3", 29, "the ministry", "2024-05-04"), _c("y2", "Y2", 35, "the mayor", "2024-05-04")]
    assert _row(cs)["best"] == 35
    # one source's own lower count later is no one-off's undoing: the early 40 stays the floor
    cs = [_c("x", "X", 40, "the ministry", "2024-05-02"), _c("m2", "M2", 27, "the fire service", "2024-05-03")]
    assert _row(cs)["best"] == 40


def test_a_total_that_holds_the_perpetrators_is_no_victims_toll():
    from storytrace.stages.placement import with_perpetrators

    t = "Counting the five gunmen shot by the police, the siege of the hotel cost 34 lives."
    assert with_perpetrators(t, t.index("34")) == "Counting the five gunmen"
    t = "Eight people died, including three gunmen."
    assert with_perpetrators(t, t.index("Eight")) and with_perpetrators(t, t.index("three")) is None  # the part is theirs
    t = "Eight people died at the school on Monday: two teachers, five pupils and the gunman himself."
    assert with_perpetrators(t, t.index("Eight")) and with_perpetrators(t, t.index("five")) is None
    for t in ("Twenty-seven people were killed, not counting the attackers.", "Twelve people were killed, including three children.",
              "Twelve people were killed, including the bomber's two young sons.",
              "Twelve villagers were killed, and troops later killed 20 insurgents, including two suicide bombers."):
        assert with_perpetrators(t, 0) is None, t


def test_a_named_source_s_exact_count_above_the_leads_is_the_toll_since(tmp_path):
    from conftest import ledger_from_texts

    lead = "The Kaldor dam burst above Meradin on Monday, killing 23 people and injuring 54, the emergencies ministry said."
    later = (" date 2024-05-08\nThe ministry said on Wednesday that 31 people had died in the Kaldor dam burst above "
             "Meradin.\nRescuers searched the valley.\n")
    files = {
        "a.txt": f" date 2024-05-06\n{lead}\nRoads were shut.\n",
        "b.txt": f" date 2024-05-06\n{lead}\nSchools were shut.\n",
        "c.txt": later + "Irena Valcek, the ministry's chief spokeswoman, said 77 people had been injured.\n",
        "d.txt": later + "More than a hundred people were injured, a resident said.\n",
        "e.txt": later + "A resident said 200 people had been injured.\n",
    }
    conn = ledger_from_texts(tmp_path, files)
    got = _placements_by_file(conn)
    assert not got[("c.txt", 77.0)].startswith("unplaced")  # a named source's exact count, dated after the leads
    assert got[("d.txt", 100.0)].startswith("unplaced")  # a vague count a resident gives: no toll since
    assert got[("e.txt", 200.0)].startswith("unplaced")  # a resident is no source a reader could check


def test_a_second_verb_with_an_object_of_its_own_is_not_what_befell_the_subject():
    got = [(c.value, c.measure) for c in extract(
        "About 39,500 people remain in 14 camps after floods on Oct. 24-26 killed 47 people, the office said.")]
    assert got == [(47.0, "killed")]
    assert [(c.value, c.measure) for c in extract("Twelve people were shot and killed.")] == [(12.0, "killed")]
    assert [(c.value, c.measure) for c in extract("Twelve miners were trapped underground and lost their lives.")] == [
        (12.0, "killed")]


def test_a_count_of_two_measures_at_once_is_neither():
    assert [c.value for c in extract("In all, 56 people have been killed or hurt on the mountain.")] == []
    assert [c.value for c in extract("The storm killed or injured 56 people.")] == []
    assert [c.value for c in extract("At least 30 people were dead or missing after the flood.")] == []
    assert [(c.value, c.measure) for c in extract("Five people were shot and killed.")] == [(5.0, "killed")]
    assert [(c.value, c.measure) for c in extract("Twelve people were killed and 40 injured.")] == [
        (12.0, "killed"), (40.0, "injured")]


def test_a_ceiling_sets_neither_the_best_nor_the_trend():
    # "up to 30", "as many as 40": no count stated; the latest count that is one is the best
    cs = [_c("a", "A", 16, "the ministry", "2024-05-02"), _c("b", "B", 30, "a broadcaster", "2024-05-03", q="at_most"),
          _c("c", "C", 19, "the ministry", "2024-05-03"), _c("d", "D", 40, None, "2024-05-04", q="at_most")]
    row = _row(cs)
    assert row["best"] == 19 and row["trend"] == "rising"
    # only ceilings: they are what the row has
    assert _row([_c("b", "B", 30, "a broadcaster", "2024-05-03", q="at_most")])["best"] == 30
    # one ceiling two sources give is theirs to give: it stays ("as many as 40", police and the ministry)
    cs = [_c("a", "A", 12, "the ministry", "2024-05-02"), _c("b", "B", 40, "police", "2024-05-03", q="at_most"),
          _c("c", "C", 40, "the health ministry", "2024-05-04", q="at_most")]
    assert _row(cs)["best"] == 40


def test_a_report_naming_no_source_alone_with_its_value_sets_no_floor():
    # a community radio's "more than 100" on the first day, never repeated, while the ministry's count
    # went 23, 31, 38 and the town's 40, 52: no later report reaches it, it sets no floor
    cs = [_c("r", "R", 100, "Kessane Community Radio", "2024-05-02", q="more_than"), _c("a", "A", 23, "police", "2024-05-02"),
          _c("b", "B", 31, "the health ministry", "2024-05-03"), _c("c", "C", 40, "the mayor", "2024-05-03"),
          _c("d", "D", 38, "the health ministry", "2024-05-04"), _c("e", "E", 52, "the mayor", "2024-05-04"),
          _c("f", "F", 31, None, "2024-05-03")]  # (another report naming no source: one origin with the radio's)
    assert _row(cs)["best"] == 52


def test_the_missing_and_the_hospitalised_of_a_developing_event_never_conflict():
    # the relief society's 23 missing and the police's 9 on one day: lists of their own, hours apart
    cs = [replace(_c("a", "A", 23, "the relief society", "2024-05-02"), measure="missing"),
          replace(_c("b", "B", 9, "the police", "2024-05-02"), measure="missing")]
    assert _row(cs)["status"] == "revised"
    # ... the dead do
    cs = [_c("a", "A", 23, "the relief society", "2024-05-02"), _c("b", "B", 9, "the police", "2024-05-02")]
    assert _row(cs)["status"] == "conflict"


def test_the_number_freed_only_grows():
    cs = [replace(_c("a", "A", 12, "police", "2024-05-02"), measure="released"),
          replace(_c("b", "B", 43, "police", "2024-05-03"), measure="released"),
          replace(_c("c", "C", 12, "the Post", "2024-05-04"), measure="released")]  # a late report of the first batch
    assert _row(cs)["best"] == 43


def test_a_deputy_a_rival_and_another_body_s_director_stay_apart():
    assert _row([_c("a", "A", 12, "the mayor"), _c("b", "B", 40, "the deputy mayor")])["n_origins"] == 2
    assert _row([_c("a", "A", 40, "the Civil Protection Directorate"),
                 _c("b", "B", 55, "Ana Ruiz, director of Velorn General Hospital")])["n_origins"] == 2
    groups = origin_groups([_c("a", "A", 12, "the Generali insurance group"), _c("b", "B", 4, "General Dan Holt")], {})
    assert groups["a"] != groups["b"]
    # an outlet relaying a figure is no named source, and never a relay of itself: listed, not counted
    row = _row([_c("a", "A", 12, "state TV"), _c("b", "B", 40, "the ministry")])
    assert row["n_origins"] == 1 and all(not o.get("relays") for o in json.loads(row["origins"]))
    assert [o.get("unsourced", False) for o in json.loads(row["origins"])] == [True, False]


def test_an_outlet_named_after_what_it_is_relays_and_a_bare_title_is_the_event_s_one_holder():
    from storytrace.text.origins import is_outlet

    assert is_outlet("the tabloid Blitzblatt") and is_outlet("The Alvestrian broadcaster ATV Nord")
    assert is_outlet("Radio Orsel") and not is_outlet("radio host Tom Kell") and not is_outlet("Police")
    # "the provincial governor" here; only another figure of the event names him: "Governor Aurel Tannberg"
    cs = [_c("a", "A", 21, "Governor Aurel Tannberg"), _c("b", "B", 25, "the provincial governor")]
    assert make_figure("f", "e", "killed", None, cs, {}, False)["n_origins"] == 2
    assert make_figure("f", "e", "killed", None, cs, {}, False, voices=["Governor Aurel Tannberg"])["n_origins"] == 1
    # a name the event does not give that way, or a title that is not theirs: apart
    cs2 = [_c("a", "A", 16, "Police"), _c("b", "B", 16, "Lena Brannock")]
    assert make_figure("f", "e", "killed", None, cs2, {}, False, voices=["Police spokesman Ivo Brannock"])["n_origins"] == 2
    cs2 = [_c("a", "A", 21, "Ana Pell"), _c("b", "B", 25, "the provincial governor")]
    assert make_figure("f", "e", "killed", None, cs2, {}, False,
                       voices=["Ana Pell, who is running against the governor"])["n_origins"] == 2
    assert make_figure("f", "e", "killed", None, cs, {}, False, voices=[None, ""])["n_origins"] == 2
    assert not is_outlet("Police Station Commander Ivo Brannock") and not is_outlet("the Daily Ministry")
    # two governors named in the event: the bare title stays apart
    voices = ["Governor Aurel Tannberg", "Governor Mira Oslo of Dorvan"]
    assert make_figure("f", "e", "killed", None, cs, {}, False, voices=voices)["n_origins"] == 2


def test_who_speaks_for_a_body_is_known_from_the_event_s_other_figures():
    # the injured: "police" and "Commander Brannock"; only the event's arrests say he is the police's spokesman
    cs = [_c("a", "A", 16, "Police"), _c("b", "B", 16, "Commander Brannock")]
    assert make_figure("f", "e", "injured", None, cs, {}, False)["n_origins"] == 2
    row = make_figure("f", "e", "injured", None, cs, {}, False, voices=["Police spokesman Commander Ivo Brannock"])
    assert row["n_origins"] == 1
    # a voice of another body elsewhere in the event joins nobody here
    row = make_figure("f", "e", "injured", None, cs, {}, False, voices=["Fire Chief Ada Brannock-Lee of the fire service"])
    assert row["n_origins"] == 2


def test_a_person_a_body_s_attribution_names_is_the_body_where_quoted_by_name():
    groups = origin_groups([_c("a", "A", 1, "Irena Valcek, the ministry's chief spokeswoman"), _c("b", "B", 2, "Irena Valcek"),
                            _c("c", "C", 3, "Police spokesman Commander Ivo Brannock"), _c("d", "D", 3, "Commander Brannock"),
                            _c("e", "E", 4, "the fire service")], {})
    assert groups["a"] == groups["b"] and groups["c"] == groups["d"] and len(set(groups.values())) == 3


def test_a_hospital_s_count_below_another_source_s_is_a_share_not_a_conflict():
    cs = [replace(_c("a", "A", 61, "the interior ministry", "2024-05-03"), measure="injured"),
          replace(_c("b", "B", 49, "Velorn General Hospital", "2024-05-03"), measure="injured")]
    assert _row(cs)["status"] == "revised"
    cs = [replace(_c("a", "A", 61, "the interior ministry", "2024-05-03"), measure="injured"),
          replace(_c("b", "B", 49, "the mayor's office", "2024-05-03"), measure="injured")]
    assert _row(cs)["status"] == "conflict"  # two sources of the whole count that disagree


def test_a_relay_adds_no_weight_to_a_value():
    # 40 from police and the ministry, 45 from the fire service and the Red Cross, and a report with no source
    # repeating 40: two origins each, so the settled value is the larger, as without the relay
    cs = [_c("a", "A", 40, "police"), _c("b", "B", 40, "the ministry"), _c("c", "C", 40),
          _c("d", "D", 45, "the fire service"), _c("e", "E", 45, "the Red Cross")]
    assert make_figure("f", "e", "killed", None, cs, {}, True)["best"] == 45


def test_only_named_sources_can_disagree():
    # the police's 7 injured against a report naming no source that gives 1: no conflict a fact-checker could name
    cs = [replace(_c("a", "A", 7, "the police", "2024-05-03"), measure="injured"),
          replace(_c("b", "B", 1, None, "2024-05-03"), measure="injured")]
    assert _row(cs)["status"] == "revised"
    cs = [replace(_c("a", "A", 7, "the police", "2024-05-03"), measure="injured"),
          replace(_c("b", "B", 12, "the health ministry", "2024-05-03"), measure="injured")]
    assert _row(cs)["status"] == "conflict"
    cs = [_c("a", "A", 61, "the health ministry"), _c("b", "B", 49, "a senior official")]
    assert _row(cs)["status"] == "revised"  # "a senior official" is nobody a reader could ask


def test_a_report_naming_no_source_counts_a_named_value_from_its_source_s_day():
    # the authority's 16 on day one; 14, 13 and 11 later; a report two days on repeating "all 16 ... in hospital"
    cs = [replace(_c("a", "A", 16, "the Civil Aviation Authority", "2024-05-01"), measure="hospitalised"),
          replace(_c("b", "B", 14, None, "2024-05-02"), measure="hospitalised"),
          replace(_c("c", "C", 13, None, "2024-05-03"), measure="hospitalised"),
          replace(_c("d", "D", 16, None, "2024-05-03"), measure="hospitalised"),
          replace(_c("e", "E", 11, None, "2024-05-04"), measure="hospitalised")]
    row = _row(cs)
    assert row["trend"] == "falling" and row["best"] == 11


def test_a_body_s_other_names_appositives_initials_and_short_names_are_one_origin():
    # an appositive says what the body is; it is no part of its name
    assert source_key("The Sefarri Village Guard , a militia of local farmers") == \
        source_key("The Sefarri Village Guard , the local militia") == "sefarri village guard"
    # a title after a place's name: the place is no person ("Upper Hadrel"), the holder is
    assert source_key("Upper Hadrel district governor Halil Berrakan") == source_key("Halil Berrakan") == "person berrakan"
    assert source_key("the district governor 's office") == source_key("the governor") == "governor"
    # initials, a short name, and a voice named before their body: one origin
    cs = [_c("a", "A", 40, "The Sevarran Emergency Management Agency ( SEMA )"),
          _c("b", "B", 40, "SEMA 's director - general , Hesper Kalloway"), _c("c", "C", 9, "police")]
    groups = origin_groups(cs, {})
    assert groups["a"] == groups["b"] != groups["c"]
    cs = [_c("a", "A", 40, "the Brevanian Civil Rescue Agency"), _c("b", "B", 40, "The BCRA"),
          _c("d", "D", 40, "Civil Rescue"), _c("e", "E", 41, "Teodor Pradel , the agency 's spokesman"),
          _c("c", "C", 9, "police")]
    groups = origin_groups(cs, {})
    assert groups["a"] == groups["b"] == groups["d"] == groups["e"] != groups["c"]
    # a run of words no single body's name holds, or initials of none: apart
    groups = origin_groups([_c("a", "A", 40, "the Brevanian Civil Rescue Agency"), _c("b", "B", 40, "The KLMN"),
                            _c("d", "D", 40, "Rescue Agency Harbour")], {})
    assert groups["a"] != groups["b"] and groups["a"] != groups["d"]


def test_a_body_s_possessive_short_name_and_a_voice_named_of_it_are_one_origin():
    # "the camp's residents' committee" is the one "Dabbat Camp Residents' Committee" (the possessive marks apart)
    cs = [_c("a", "A", 46, "The camp 's residents ' committee"), _c("b", "B", 35, "the Dabbat Camp Residents ' Committee"),
          _c("c", "C", 40, "the ministry")]
    groups = origin_groups(cs, {})
    assert groups["a"] == groups["b"] != groups["c"]
    # a title and a name "of" a body: its voice ("Commander Lev Aranda of the Sadrin Provincial Police")
    cs = [_c("a", "A", 9, "Commander Lev Aranda of the Sadrin Provincial Police"), _c("b", "B", 9, "the provincial police"),
          _c("c", "C", 19, "the interior ministry")]
    groups = origin_groups(cs, {})
    assert groups["a"] == groups["b"] != groups["c"]
    # the body keeps all its name: another force, a rebel army, a rival party or another hospital stay apart
    for a, b in [("Commander Lev Aranda of the Sadrin Provincial Police", "Captain Ana Vel of the Karsk Provincial Police"),
                 ("Captain Lev Aranda of the Rebel Army", "the army"),
                 ("Lev Aranda of the Civic Party", "Ana Vel of the National Party"),
                 ("Dr Lev Aranda of the Central Hospital", "Dr Ana Vel of the Northern Hospital")]:
        groups = origin_groups([_c("a", "A", 9, a), _c("b", "B", 9, b)], {})
        assert groups["a"] != groups["b"], (a, b)
    # a lower-case "of" phrase names no body ("Lev Aranda of the old guard"), nor a body with "of" inside its name
    cs = [_c("a", "A", 9, "Lev Aranda of the old guard"), _c("b", "B", 9, "the provincial police")]
    groups = origin_groups(cs, {})
    assert groups["a"] != groups["b"]


def test_an_outlet_described_after_its_name_relays_a_figure():
    from storytrace.text.origins import is_outlet
    assert is_outlet("Kadrossa Free Voice , a news site run by exiled journalists")
    assert not is_outlet("The Sefarri Village Guard , a militia of local farmers")



def test_a_body_named_for_the_people_it_serves_keeps_its_name_and_its_short_names_join_it():
    # "Fishermen's" in a body's name is no owner of it (as "Turkey's" of its foreign ministry is)
    assert source_key("The Halden Miners' Union") == "halden miners' union"
    assert source_key("The Orvik Fishermen 's Cooperative") == source_key("the Orvik Fishermen's Cooperative")
    assert source_key("Velmora's Interior Ministry") == "ministry interior"
    cs = [_c("a", "A", 44, "The Orvik Fishermen 's Cooperative", "2024-05-02"),
          _c("b", "B", 39, "The fishermen's cooperative", "2024-05-03"),
          _c("c", "C", 37, "the cooperative", "2024-05-04")]
    assert make_figure("f", "e", "missing", None, cs, {}, False)["n_origins"] == 1


def test_a_body_named_by_part_of_its_name_or_by_its_voice_s_title_is_one_origin():
    # an appositive that says the name is a body ("the state medical agency"): a short name of the agency
    assert source_key("Emergency Health , the state medical agency") == "emergency health"
    assert source_key("Irena Valcek , the ministry 's chief spokeswoman") == "ministry"  # a person's role, not a body
    cs = [_c("a", "A", 64, "The Carvessan Emergency Health Agency"), _c("b", "B", 93, "Emergency Health , the state medical agency"),
          _c("c", "C", 93, "The Carvessan Emergency Health Agency 's spokesman , Pellis"),
          _c("d", "D", 87, "Its spokesman , Jurek Pellis"), _c("e", "E", 9, "police")]
    groups = origin_groups(cs, {})
    assert groups["a"] == groups["b"] == groups["c"] == groups["d"] != groups["e"]
    # "Agency spokeswoman Pavlen": the one agency of the figure; two agencies: apart
    groups = origin_groups([_c("a", "A", 1, "The Civil Defence and Hazmat Agency ( CDHA )"),
                            _c("b", "B", 1, "Agency spokeswoman Pavlen"), _c("c", "C", 2, "police")], {})
    assert groups["a"] == groups["b"] != groups["c"]
    groups = origin_groups([_c("a", "A", 1, "The Civil Defence Agency"), _c("a2", "C", 1, "the Water Agency"),
                            _c("b", "B", 1, "Agency spokeswoman Pavlen")], {})
    assert groups["b"] not in (groups["a"], groups["a2"])


def test_a_source_that_only_gives_a_ceiling_is_listed_not_counted():
    cs = [_c("a", "A", 24, "the ministry"), _c("b", "B", 31, "the ministry", pub="2024-05-03"),
          _c("c", "C", 90, "the workers' union", q="at_most")]
    row = make_figure("f", "e", "killed", None, cs, {}, False)
    assert row["n_origins"] == 1
    assert [o.get("ceiling_only", False) for o in json.loads(row["origins"])] == [False, True]


def test_a_unit_of_a_body_is_the_body_and_a_voice_s_appositive_is_no_body():
    assert source_key("The relief society 's tracing desk at the town hall") == "relief society"
    assert source_key("The Medical Association 's Oskil branch") == "medical association"
    # "a spokesman for the service": a person speaking for a body, not the body's name
    assert source_key("Bahram Tarkan , a spokesman for the service") == "person tarkan"
    groups = origin_groups([_c("a", "A", 9, "The Sevarran Humanitarian Relief Society"),
                            _c("b", "B", 3, "The relief society 's tracing desk at the town hall"),
                            _c("c", "C", 19, "The National Emergency Medical Service"),
                            _c("d", "D", 31, "Bahram Tarkan , a spokesman for the service")], {})
    assert groups["a"] == groups["b"] != groups["c"] == groups["d"]


def test_the_review_s_near_misses_of_origins():
    from storytrace.text.origins import is_outlet
    assert source_key("Vice President JD Vance") == source_key("JD Vance") == "person vance"  # initials, no body
    assert source_key("Lena Park , the woman who heads the agency") == "person park"
    assert not is_outlet("Tom Ward , the daily shift supervisor at the mine")
    assert source_key("the governor's office") == source_key("the governor 's office") == "governor"
    groups = origin_groups([_c("a", "A", 1, "The UN"), _c("b", "B", 1, "the Union of Nurses")], {})
    assert groups["a"] != groups["b"]
    groups = origin_groups([_c("a", "A", 1, "Kofi Annan"), _c("b", "B", 1, "the Kofi Annan Foundation")], {})
    assert groups["a"] != groups["b"]
    groups = origin_groups([_c("a", "A", 1, "the Water Agency"),
                            _c("b", "B", 1, "Teodor Pradel , a former spokesman for the water agency")], {})
    assert groups["a"] != groups["b"]
    # a ceiling two origins give is a count (as `counts` takes it): counted
    cs = [_c("a", "A", 40, "police"), _c("b", "B", 90, "the union", q="at_most"), _c("c", "C", 90, "the league", q="at_most")]
    row = make_figure("f", "e", "killed", None, cs, {}, False)
    assert not any(o.get("ceiling_only") for o in json.loads(row["origins"]))


def test_a_subset_of_its_own_kind_one_document_gives_makes_no_row(tmp_path):
    lead = "A landslide buried a hillside camp in Orrin on Tuesday, killing 12 people, police said."
    files = {"a.txt": f" date 2024-05-02\n{lead}\nTwelve people were killed, including three shepherds and two children, "
                      "the police said.\n",
             "b.txt": f" date 2024-05-02\n{lead}\nTwelve people died, including two children, police said.\n"}
    conn = _ledger(tmp_path, files)
    groups = {g for (g,) in conn.execute("select \"group\" from figures where measure = 'killed'")}
    assert "shepherds" not in groups and "children" in groups  # (a counted kind that two documents give stays)
    (why,) = conn.execute("select placement from claims where \"group\" = 'shepherds'").fetchone()
    assert why.startswith("unplaced: a subset of its own kind")


def test_a_running_total_its_sentence_says_stands_now_is_the_count_since(tmp_path):
    from conftest import ledger_from_texts

    lead = "Police arrested two managers of the Kaldor dam company on Monday, the interior ministry said."
    later = f" date 2024-05-08\n{lead}\nIts offices were searched on Tuesday.\nThe company has not commented.\n"
    files = {
        "a.txt": f" date 2024-05-06\n{lead}\nRoads were shut.\n",
        "b.txt": f" date 2024-05-06\n{lead}\nSchools were shut.\n",
        "c.txt": later + "Four people are now under arrest over the dam burst.\n",
        "d.txt": later + "Seven people are under arrest over the dam burst.\n",
    }
    conn = ledger_from_texts(tmp_path, files)
    got = _placements_by_file(conn)
    assert not got[("c.txt", 4.0)].startswith("unplaced")  # "now": the count since the leads
    assert got[("d.txt", 7.0)].startswith("unplaced")  # no source, no "now": one body's bigger number


def test_the_people_a_figure_counts_are_no_source_and_a_surname_before_a_role_is_a_person():
    # the parser may take "Two people reported missing" for a saying: the counted are no source
    for counted in ("Three people", "Two people", "five pilgrims", "12 opposition parties", "Twenty - six others",
                    "The 14 passengers"):
        assert source_key(counted) == "unnamed", counted
    assert source_key("One Nation party") != "unnamed"  # a name that opens with a number word
    # "Prosecutors said" at a sentence's start: the prosecutor's office, not a person named Prosecutors
    assert source_key("Prosecutors") == source_key("prosecutors") == source_key("The national prosecutor's office")
    assert source_key("Tamberlin, the agency's spokesman") == "person tamberlin"
    assert source_key("Teodor Pradel, the agency's spokesman") == source_key("Teodor Pradel")


def test_a_source_that_only_gives_a_vague_count_is_listed_not_counted():
    dozens = FigureClaim("c", "C", 0, 1, "e", "injured", None, None, 24, 199, "vague", "police", None, "2024-05-02")
    cs = [_c("a", "A", 92, "the agency"), _c("b", "B", 118, "the agency", pub="2024-05-03"), dozens]
    row = make_figure("f", "e", "injured", None, cs, {}, False)
    assert row["n_origins"] == 1
    assert [o.get("vague_only", False) for o in json.loads(row["origins"])] == [False, True]
    alone = make_figure("g", "e", "injured", None, [dozens], {}, False)  # a vague count alone is the row's one origin
    assert alone["n_origins"] == 1 and not json.loads(alone["origins"])[0].get("vague_only")


def test_officials_capitalised_at_a_sentence_start_are_no_named_source_to_count():
    cs = [_c("a", "A", 71, "The Brevanian Civil Rescue Agency"), _c("b", "B", 52, "the agency", pub="2024-05-03"),
          _c("c", "C", 71, "Officials")]
    row = make_figure("f", "e", "hospitalised", None, cs, {}, False)
    assert row["n_origins"] == 1
    assert [o["name"] for o in json.loads(row["origins"]) if o.get("unsourced")] == ["Officials"]


def test_officials_capitalised_are_no_side_of_a_conflict():
    cs = [_c("a", "A", 64, "The Carvessan Emergency Health Agency"),
          _c("b", "B", 93, "The Carvessan Emergency Health Agency", pub="2024-05-03"),
          _c("c", "C", 87, "Officials", pub="2024-05-03")]
    row = make_figure("f", "e", "injured", None, cs, {}, False)
    assert row["status"] != "conflict", row["sides"]
    named = [_c("a", "A", 64, "The Carvessan Emergency Health Agency"),
             _c("b", "B", 93, "The Carvessan Emergency Health Agency", pub="2024-05-03"),
             _c("c", "C", 87, "the city council", pub="2024-05-03")]
    assert make_figure("f", "e", "injured", None, named, {}, False)["status"] == "conflict"


def test_the_second_review_s_origin_cases():
    # a body named beside a count is the source; only a bare count of people is none
    assert source_key("two officials at the Velorn Interior Ministry") == source_key("the Interior Ministry")
    assert source_key("two police officers at the scene") == "police"
    # a range is a number: no vague-only source, both sides of the row count
    ranged = FigureClaim("c", "C", 0, 1, "e", "injured", None, None, 40, 60, "range", "the Red Crescent", None, "2024-05-02")
    row = make_figure("f", "e", "injured", None, [_c("a", "A", 92, "the Tarvel Fire Brigade"), ranged], {}, False)
    assert not any(o.get("vague_only") for o in json.loads(row["origins"])) and row["n_origins"] == 2
    # a vague count beside a number only an uncounted origin gives stays counted
    dozens = FigureClaim("d", "D", 0, 1, "e", "injured", None, None, 24, 199, "vague", "the Tarvel Fire Brigade", None,
                         "2024-05-02")
    row = make_figure("g", "e", "injured", None, [dozens, _c("b", "B", 40)], {}, False)
    assert not any(o.get("vague_only") for o in json.loads(row["origins"]))
    # "Officials" beside reports naming no one: no named source, so the unattributed reports are not unsourced
    row = make_figure("h", "e", "killed", None, [_c("a", "A", 12, "Officials"), _c("b", "B", 15)], {}, False)
    assert not any(o.get("unsourced") for o in json.loads(row["origins"]) if o["name"] != "Officials")


def test_one_source_s_count_moving_within_its_one_day_is_a_trend():
    cs = [_c("a", "A", 112, "the health ministry", pub="2024-05-02T03:55:00"),
          _c("b", "B", 118, "the ministry", pub="2024-05-02T10:20:00"),
          _c("c", "C", 118, "the health ministry", pub="2024-05-02T18:00:00")]
    assert make_figure("f", "e", "injured", None, cs, {}, False)["trend"] == "rising"
    # no times of day, or a later stamp repeating an earlier value: nothing moves
    dated = [_c("a", "A", 112, "the health ministry"), _c("b", "B", 118, "the ministry")]
    assert make_figure("f", "e", "injured", None, dated, {}, False)["trend"] is None
    back = [_c("a", "A", 118, "the health ministry", pub="2024-05-02T03:55:00"),
            _c("b", "B", 112, "the ministry", pub="2024-05-02T10:20:00")]
    assert make_figure("f", "e", "injured", None, back, {}, False)["trend"] is None


def test_two_sources_whose_counts_stand_apart_over_days_are_a_conflict():
    # the ministry's certified deaths and the town council's register, both in the same reports, for four days
    days = ["2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05"]
    cs = []
    for n, (day, m, t) in enumerate(zip(days, [31, 38, 44, 47], [40, 52, 58, 61])):
        cs += [_c(f"m{n}", f"D{n}", m, "the health ministry", day), _c(f"t{n}", f"D{n}", t, "the town council", day)]
    cs.append(_c("x", "D3", 3, "the health ministry", days[3]))  # "three more died overnight": a part of its count
    row = _row(cs)
    assert (row["status"], row["trend"], row["best"]) == ("conflict", "rising", 61)
    sides = json.loads(row["sides"])
    assert sorted(s["value"] for s in sides) == ["47", "61"] and {s["day"] for s in sides} == {"2024-05-05"}
    # the later side's count is the best when the other fell silent a day before
    row = _row([c for c in cs if c.id != "t3"])
    assert row["status"] == "conflict" and row["best"] == 47


def test_a_figure_no_official_confirmed_is_no_part_of_its_source_s_counts_standing_apart():
    from dataclasses import replace as with_

    # a channel's 62 no one confirmed, filed under the fire service, must not make its later 23 and 26 look like
    # parts of a count of 62: the two sources still stand apart
    days = ["2024-05-02", "2024-05-03", "2024-05-04"]
    cs = [with_(_c("x", "X", 62, "the fire service", days[0]), unconfirmed=True)]
    for n, (day, f, o) in enumerate(zip(days[1:], [23, 26], [28, 31])):
        cs += [_c(f"f{n}", f"D{n}", f, "the fire service", day), _c(f"o{n}", f"D{n}", o, "the health office", day)]
    row = _row(cs)
    assert row["status"] == "conflict" and row["best"] == 31, (row["status"], row["best"])
    # (confirmed, the 62 is the service's own count, which its 23 and 26 fall far below)
    cs[0] = with_(cs[0], unconfirmed=False)
    assert "stand apart" not in _row(cs)["rule"]


def test_a_source_catching_up_with_another_s_count_is_no_standing_conflict():
    # the police give, a day late, the fire service's counts: one count reported later, not two counts
    cs = [_c("f1", "A", 14, "the fire service", "2024-05-02"), _c("p1", "A", 9, "the police", "2024-05-02"),
          _c("f2", "B", 19, "the fire service", "2024-05-03"), _c("p2", "B", 14, "the police", "2024-05-03"),
          _c("f3", "C", 23, "the fire service", "2024-05-04"), _c("p3", "C", 19, "the police", "2024-05-04")]
    row = _row(cs)
    assert row["status"] != "conflict" and row["best"] == 23 and "stand apart" not in row["rule"]
    # one shared day is no standing apart; nor a hospital's share of the count
    one = [_c("m1", "A", 31, "the ministry", "2024-05-02"), _c("t1", "A", 40, "the council", "2024-05-02"),
           _c("m2", "B", 38, "the ministry", "2024-05-03")]
    assert "stand apart" not in _row(one)["rule"]
    ward = [_c(f"m{n}", f"D{n}", m, "the ministry", d) for n, (m, d) in enumerate([(31, "2024-05-02"), (38, "2024-05-03")])]
    ward += [_c(f"h{n}", f"D{n}", h, "Velorn General Hospital", d) for n, (h, d) in enumerate([(12, "2024-05-02"), (15, "2024-05-03")])]
    assert "stand apart" not in _row(ward)["rule"]


def test_a_source_keeping_to_its_count_on_later_days_stands_apart_from_a_rising_one():
    # the transport company says 15 on two days (it "did not change its count"), the fire service 18, then 23
    cs = [_c("f1", "A", 18, "the fire service", "2024-05-02"), _c("k1", "A", 15, "the transport company", "2024-05-02"),
          _c("f2", "B", 23, "the fire service", "2024-05-04"), _c("k2", "B", 15, "the transport company", "2024-05-04")]
    row = _row(cs)
    assert (row["status"], row["trend"], row["best"]) == ("conflict", "rising", 23)  # one side rose, none fell
    # said again inside a passage copied from the first report, the count is that report's, of its first day only
    copied = make_figure("f", "e", "killed", None, cs, {"k2": "lineage-1", "k1": "lineage-1"}, False)
    assert copied["status"] != "conflict" or "stand apart" not in copied["rule"]
    # said again a day later still ("On Tuesday, the company said 15"): no later count of its side than its own
    later = _row(cs + [_c("k3", "C", 15, "the transport company", "2024-05-05")])
    assert (later["status"], later["best"]) == ("conflict", 23)
    # one mover alone gives a conflict its trend only when it is a side a reader can name
    flat = [_c("m1", "A", 40, "the ministry", "2024-05-02"), _c("p1", "A", 25, "the police", "2024-05-02"),
            _c("m2", "B", 40, "the ministry", "2024-05-03"), _c("p2", "B", 25, "the police", "2024-05-03"),
            _c("u1", "C", 30, None, "2024-05-02"), _c("u2", "D", 33, None, "2024-05-03")]
    row = _row(flat)
    assert row["status"] == "conflict" and row["trend"] is None


def test_a_report_naming_no_source_that_gives_one_side_s_number_carries_that_side_on():
    # "The toll rose to 47 on Tuesday" (the ministry named only in another report's 47)
    # (reports naming no source give both sides' numbers: they are no one source's relay)
    cs = [_c("m1", "D1", 31, "the health ministry", "2024-05-02"), _c("t1", "D1", 40, "the town council", "2024-05-02"),
          _c("m2", "D2", 38, "the health ministry", "2024-05-03"), _c("t2", "D2", 52, "the town council", "2024-05-03"),
          _c("m3", "D3", 47, "the health ministry", ""), _c("u", "D4", 47, None, "2024-05-05"),
          _c("v", "D5", 52, None, "2024-05-04")]
    row = _row(cs)
    assert (row["status"], row["best"]) == ("conflict", 47)
    assert {s["value"]: s["day"] for s in json.loads(row["sides"])} == {"47": "2024-05-05", "52": "2024-05-03"}



def test_a_reporting_clause_set_off_by_commas_sources_the_whole_sentence():
    cs = extract("Forty-four people are still in hospital, the ministry says, 16 of them in burns units.")
    assert [(c.value, c.attributed_to) for c in cs] == [(44, "the ministry"), (16, "the ministry")]
    cs = extract("Twelve people died, the governor told reporters on Tuesday.")
    assert [(c.value, c.attributed_to) for c in cs] == [(12, "the governor")]
    # a figure in another's clause is not the aside's
    cs = extract("Human Rights Watch, which counted 30 deaths, the ministry said, was biased.")
    assert [c.attributed_to for c in cs] == [None]
    # a say verb with a clause of its own reports that clause only
    cs = extract("The toll rose to 12, and the ministry said 30 were in hospital.")
    assert [(c.value, c.attributed_to) for c in cs] == [(12, None), (30, "the ministry")]


def test_open_counts_shares_and_attackers_do_not_stand_apart():
    days = ["2024-05-02", "2024-05-03", "2024-05-04"]
    # "at least 12", "at least 20" beside the ministry's 15, 26, 29: no count disagrees
    cs = [_c("p1", "A", 12, "the police", days[0], q="at_least"), _c("m1", "A", 15, "the ministry", days[0]),
          _c("p2", "B", 20, "the police", days[1], q="at_least"), _c("m2", "B", 26, "the ministry", days[1]),
          _c("m3", "C", 29, "the ministry", days[2])]
    assert "stand apart" not in _row(cs)["rule"]
    # a province's count less than half the nation's: a share
    cs = [_c("g1", "A", 20, "the provincial governor", days[0]), _c("n1", "A", 45, "the national disaster agency", days[0]),
          _c("g2", "B", 25, "the provincial governor", days[1]), _c("n2", "B", 52, "the national disaster agency", days[1])]
    assert "stand apart" not in _row(cs)["rule"]
    # the army's dead militants beside the ministry's dead villagers
    cs = [replace(_c("a1", "A", 12, "the army", days[0]), victims_head="militants"), _c("i1", "A", 30, "the ministry", days[0]),
          replace(_c("a2", "B", 15, "the army", days[1]), victims_head="militants"), _c("i2", "B", 40, "the ministry", days[1])]
    assert "stand apart" not in _row(cs)["rule"]


def test_a_source_whose_every_count_is_a_share_of_another_s_is_listed_not_counted():
    # the directorate's 29 hospitalised, then "the hospital had treated 11" the same day: one ward's share
    cs = [_c("a", "A", 29, "The Upper Sennar health directorate"),
          _c("b", "B", 11, "the regional hospital's director", pub="2024-05-02T14:00"),
          _c("c", "C", 24, "The Upper Sennar health directorate", pub="2024-05-03")]
    row = make_figure("f", "e", "hospitalised", None, cs, {}, False)
    assert row["n_origins"] == 1 and row["status"] != "conflict"
    assert [o["name"] for o in json.loads(row["origins"]) if o.get("share")] == ["the regional hospital's director"]
    # a toll that only grows: a bus company's 4 dead passengers two days after the agency's 26 is a share of it
    killed = [_c("a", "A", 26, "the National Civil Protection Agency"),
              _c("b", "B", 4, "the Lessa bus company", pub="2024-05-04")]
    assert make_figure("g", "e", "killed", None, killed, {}, False)["n_origins"] == 1
    # ... but a first low count, before anyone said more, is a source of its own, as is one printed before
    # the higher count the same day
    first = [_c("a", "A", 4, "the Lessa bus company"), _c("b", "B", 26, "the National Civil Protection Agency",
                                                           pub="2024-05-04")]
    assert make_figure("h", "e", "killed", None, first, {}, False)["n_origins"] == 2
    morning = [_c("a", "A", 4, "the Lessa bus company", pub="2024-05-02T08:00"),
               _c("b", "B", 26, "the National Civil Protection Agency", pub="2024-05-02T18:00")]
    assert make_figure("m", "e", "killed", None, morning, {}, False)["n_origins"] == 2
    # a ministry's, an army's count far below another's is a dispute, not a share: both count, a conflict
    for low in ("the army", "police", "the interior ministry", "the UN"):
        dispute = [_c("a", "A", 10, low), _c("b", "B", 50, "the Syrian Observatory for Human Rights")]
        row = make_figure("d", "e", "killed", None, dispute, {}, False)
        assert row["n_origins"] == 2 and row["status"] == "conflict", low
    # an undated count is never called a share
    undated = [_c("a", "A", 26, "the National Civil Protection Agency"), _c("b", "B", 4, "the Lessa bus company", pub="")]
    assert make_figure("u", "e", "killed", None, undated, {}, False)["n_origins"] == 2


def test_a_count_that_moved_over_the_days_is_revised_though_one_value_fits_all():
    # "Police arrested a man" (at least one) on Monday, "three people have been arrested" on Tuesday
    cs = [replace(_c("a", "A", 1, "police", "2024-05-02", q="at_least"), measure="arrested"),
          replace(_c("b", "B", 1, "police", "2024-05-02", q="at_least"), measure="arrested"),
          replace(_c("c", "C", 3, "police", "2024-05-03"), measure="arrested")]
    row = _row(cs)
    assert row["trend"] == "rising" and row["status"] == "revised"
    # one day's reports that all fit one value stay in agreement
    same_day = [replace(c, published="2024-05-02") for c in cs]
    assert _row(same_day)["status"] == "agree" and _row(same_day)["trend"] is None


def test_a_person_the_event_names_as_a_bare_body_s_voice_joins_that_body_s_fuller_name():
    # "Ministry spokeswoman Ruza Malinde" elsewhere in the event; the figure quotes "Ruza Malinde" and
    # "the emergencies ministry": one origin
    cs = [_c("a", "A", 14, "Ruza Malinde"), _c("b", "B", 19, "the emergencies ministry"), _c("c", "C", 29, "governor")]
    groups = origin_groups(cs, {}, ["Ministry spokeswoman Ruza Malinde", "governor"])
    assert groups["a"] == groups["b"] != groups["c"]
    # two fuller ministries: the bare one joins neither
    cs.append(_c("d", "D", 3, "the health ministry"))
    groups = origin_groups(cs, {}, ["Ministry spokeswoman Ruza Malinde"])
    assert groups["a"] != groups["b"] and groups["a"] != groups["d"]


def test_a_radio_or_television_station_is_an_outlet_whichever_side_of_its_name_its_kind_stands():
    from storytrace.text.origins import is_outlet

    for outlet in ("a radio station", "the regional television station", "KTV Sarrapol, a local television station",
                   "A local radio station, Benna Voice", "the Ambosa television station Dorrik Vision",
                   "The station, Channel Five Hareth", "a local news site"):
        assert is_outlet(outlet), outlet
    for body in ("the police station", "The station chief, Ivo Tam", "the fire station's commander", "Police",
                 "the police station, Sgt Amal Reda", "The fire station, Engine 5", "the health ministry website, Gov Health"):
        assert not is_outlet(body), body
    # an outlet's own count is no side of a conflict beside a named source's
    cs = [_c("a", "A", 26, "the emergencies ministry"), _c("b", "B", 70, "A local radio station, Benna Voice")]
    assert make_figure("f", "e", "killed", None, cs, {}, False)["status"] != "conflict"


def test_a_sayer_citing_someone_relays_them_and_one_person_no_name_tells_is_no_source():
    got = {c.value: c.attributed_to for c in extract(
        "Earlier a city councillor, Pavel Drosk, wrote on social media that 30 people had died, citing "
        "\"a contact in the emergency services\". The agency reported that 12 people had died, citing the health "
        "ministry. Police said 9 people had died, citing hospital records.")}
    assert got[30.0] == "a contact in the emergency services"  # the councillor relays an anonymous contact
    assert got[12.0] == "the health ministry" and got[9.0] == "Police"  # (records are read, not relayed)
    for reason in ("poor building standards", "the heavy rain", "safety failures at the mine"):  # a reason, no one
        (c,) = extract(f"The mayor said 15 people had died, citing {reason}.")
        assert c.attributed_to == "The mayor", reason
    (c,) = extract("Reuters said 20 people died, citing a fire department official who asked not to be named.")
    assert c.attributed_to == "a fire department official"  # (without the clause about the official)
    for someone in ("a contact in the emergency services", "a hospital worker", "an unnamed rescuer at the scene",
                    "A hospital worker", "An unnamed rescuer"):
        assert source_key(someone) == "unnamed", someone
    for named in ("a police spokesman", "a spokesman for the ministry", "a doctor at Velorn General Hospital"):
        assert source_key(named) != "unnamed", named
    # an anonymous contact's 30 is no side against the ministry's 13 on the same day
    cs = [_c("a", "A", 13, "the Ministry of Health and Social Care"), _c("b", "B", 30, "a contact in the emergency services")]
    assert make_figure("f", "e", "killed", None, cs, {}, False)["status"] != "conflict"


def test_a_ministry_of_two_topics_is_keyed_by_the_first_its_name_gives():
    assert source_key("the Ministry of the Interior and Civil Emergencies") == source_key("the interior ministry")
    assert source_key("Ministry of Public Safety and Emergency Management") == source_key("the emergencies ministry")
    assert source_key("Ministry of Internal Affairs and National Security") == source_key("the interior ministry")


def test_a_place_inside_a_whose_clause_the_count_is_not_in_is_no_cue():
    from storytrace.stages.placement import place_words

    places = place_words(["Ice breaks under Ilvaby festival crowd", "The ice broke under a crowd at Ilvaby on Saturday."])
    s = ("Governor Elin Varsa's office put the toll at 24, counting the three members of a family whose snowmobile "
         "broke through the ice at Karrholm Point on Saturday morning.")
    assert other_event_cues(s, s.index("24"), 2026, 2026, None, places) == []
    own = "Three members of a family died when their snowmobile broke through the ice at Karrholm Point."
    assert other_event_cues(own, own.index("Three"), 2026, 2026, None, places) == ["at Karrholm Point"]


def test_a_family_s_own_children_one_document_gives_make_no_children_row(tmp_path):
    lead = "A block of flats collapsed in Orrin on Tuesday, killing nine people, the fire service said."
    files = {"a.txt": f" date 2024-05-02\n{lead}\nNine people died, including a couple and their three children, "
                      "the fire service said.\n",
             "b.txt": f" date 2024-05-02\n{lead}\nThe fire service said nine people had died.\n",
             "c.txt": f" date 2024-05-02\n{lead}\nNine people died, including four children, the fire service said.\n"}
    conn = _ledger(tmp_path, files)
    kids = [b for (b,) in conn.execute("select best from figures where measure = 'killed' and \"group\" = 'children'")]
    assert kids == [4.0]  # a count of the toll's children one document gives stays (a counted kind)
    (why,) = conn.execute("select placement from claims where \"group\" = 'children' and value = 3").fetchone()
    assert why.startswith("unplaced: a subset of its own kind")


def test_a_place_in_an_after_clause_that_follows_the_count_is_no_cue():
    from storytrace.stages.placement import place_words

    places = place_words(["Metro fire in Ostrell kills 23", "A fire on a metro train in Ostrell killed 23 people."])
    s = ("Fire and Rescue said two people were still unaccounted for, down from five on Wednesday, after a woman "
         "reported missing was found in a hospital in Dunmere.")
    assert other_event_cues(s, s.index("two"), 2026, 2026, None, places) == []
    # the place of the count's own clause still tells
    own = "Two people were still missing in Dunmere, after the fire in Ostrell."
    assert other_event_cues(own, own.index("Two"), 2026, 2026, None, places) == ["in Dunmere"]



def test_the_second_review_s_share_and_outlet_cases():
    def k(i, v, attr, pub, measure="killed"):
        return replace(_c(i, i.upper(), v, attr, pub), measure=measure)
    # a hospital's voice by any of its names is a hospital's share
    row = make_figure("f", "e", "killed", None, [k("a", 40, "the ministry", "2024-05-02T08:00"),
                                                 k("b", 12, "Al-Shifa hospital director Mohammed Abu Salmiya",
                                                   "2024-05-02T10:00")], {}, False)
    assert row["status"] != "conflict" and row["n_origins"] == 1
    # a report dated to a day with no time of day stands after that day's timed reports
    row = make_figure("g", "e", "killed", None, [k("a", 37, "the medical service", "2024-05-02T08:00"),
                                                 k("b", 14, "the bus company", "2024-05-02")], {}, False)
    assert row["status"] != "conflict" and row["n_origins"] == 1
    # the African Union is no trade union: its count far below the army's is a dispute
    row = make_figure("h", "e", "killed", None, [k("a", 400, "the army", "2024-05-02"),
                                                 k("b", 90, "the African Union", "2024-05-02")], {}, False)
    assert row["status"] == "conflict" and row["n_origins"] == 2
    from storytrace.text.origins import is_outlet
    for body in ("the station, Sgt Amal Reda", "the regional station, Commander Ivo", "a local station, which"):
        assert not is_outlet(body), body


def test_an_after_clause_hides_its_places_not_its_times():
    from storytrace.stages.placement import place_words

    places = place_words(["Mine blast in Orrin kills 29", "A blast at a mine in Orrin killed 29 miners."])
    s = "At least 29 miners were killed, after a methane explosion was triggered at the mine in 2010."
    assert other_event_cues(s, s.index("29"), 2026, 2026, None, places) == ["2010"]


def test_an_event_named_in_another_clause_is_not_the_counts():
    headline = "Police kill two suspects in Merovan raid as market bombing toll reaches 38"
    raid, toll = headline.index("Merovan raid"), headline.index("38")
    assert placement.clause_between(headline, raid, toll)
    assert not placement.clause_between(headline, raid, headline.index("two"))  # the raid's own two
    assert not placement.clause_between("Twelve died in the Merovan bombing, as many as 38 by one count",
                                        3, 40)  # "as many as" opens no clause
    aside = "The fire at the Karn hostel, which broke out while guests slept, killed 37, the fire service said."
    assert not placement.clause_between(aside, aside.index("Karn"), aside.index("37"))  # an aside, not a clause apart


def test_a_person_the_document_names_as_a_body_s_voice_speaks_for_it_wherever_quoted_by_name():
    from storytrace.analyse.attribution import described
    from storytrace.text.origins import body_voice

    text = ("“We have at least 14 dead,” Colonel Davor Imrek, spokesman for the Merovan city police, told reporters. "
            "Imrek said seven people were now in custody.")
    assert described(text, "Colonel Davor Imrek") == "Colonel Davor Imrek, spokesman for the Merovan city police"
    claims = extract(text)
    arrested = [c for c in claims if c.measure == "arrested"]
    assert arrested and arrested[0].attributed_to == "Colonel Davor Imrek, spokesman for the Merovan city police"
    assert body_voice("Davor Imrek, the city police spokesman") and body_voice("Teodor Pradel, the agency's spokesman")
    # a role without a body, a former voice, a body's staff who speak for no one: the name as written
    assert not body_voice("Davor Imrek, the spokesman") and not body_voice("Davor Imrek, a former police spokesman")
    assert described("Nadja Brekko, the club's operations manager, was arrested. Brekko said no.", "Nadja Brekko") == \
        "Nadja Brekko"
    # a relative of the same surname, a former voice, a voice of no body: as written
    text = ("“We have at least 14 dead,” Colonel Davor Imrek, spokesman for the Merovan city police, told reporters. "
            "Luka Imrek said at least 20 people had died.")
    assert described(text, "Luka Imrek") == "Luka Imrek"
    for said in ("Davor Imrek, spokesman for the Merovan police until last year", "Davor Imrek, a spokesman for the protesters",
                 "Davor Imrek, spokesman for Merovan"):
        assert not body_voice(said), said
    assert body_voice("Davor Imrek, a spokesman for UNICEF")
    # two bodies the document makes the person a voice of: not told which, so as written
    text = "Ivo Tam, the police spokesman, said so. Later Ivo Tam, the health ministry spokesman, said more."
    assert described(text, "Ivo Tam") == "Ivo Tam"
    # and the figure: the person quoted by name alone elsewhere joins the bare body ("police")
    cs = [_c("a", "A", 2, "police"), _c("b", "B", 7, "Colonel Davor Imrek")]
    voices = ["Colonel Davor Imrek, the city police spokesman"]
    assert make_figure("f", "e", "arrested", None, cs, {}, False, voices)["n_origins"] == 1
    assert make_figure("f", "e", "arrested", None, cs, {}, False, [])["n_origins"] == 2


def test_a_figure_no_official_confirmed_stays_in_its_row_but_is_never_its_best():
    from dataclasses import replace as with_
    from storytrace.model import UNCONFIRMED

    t = ("A regional television channel, TV Vardessa Plus, reported on its website that 52 people had been killed. "
         "Officials did not confirm that figure.\n\nThe ministry said 19 people were killed.")
    assert [(c.value, c.what) for c in extract(t)] == [(52.0, UNCONFIRMED), (19.0, None)]
    for t in ("The union puts the toll at up to 90, a figure no official has confirmed.",
              "According to unconfirmed reports, 40 people had died.",
              "The ministry said 19 people were killed. The figure could not be independently verified."):
        assert [c.what for c in extract(t)] == [UNCONFIRMED], t
    for t in ("The group said 40 people were killed. Reuters could not independently verify the figure.",
              "The group said 40 people were killed, a figure the army has not confirmed.",
              "The group said 40 people were killed. Officials have yet to confirm the figure.",
              "A channel reported that 62 people had died. Neither the hospital nor the fire service would confirm that "
              "number.", "The group said 40 people were killed. The army declined to confirm the toll."):
        assert [c.what for c in extract(t)] == [UNCONFIRMED], t
    assert [c.what for c in extract("The rebels said 30 soldiers died. The army would neither confirm nor deny the "
                                    "toll.")] == [UNCONFIRMED]
    # one in a "which" clause who has not confirmed still has not
    assert [c.what for c in extract("The group said 40 people were killed. The army, which has not confirmed the toll, "
                                    "blamed the rebels.")] == [UNCONFIRMED]
    # one who declined and later confirmed has confirmed
    assert [c.what for c in extract("Police said 14 people were killed. The army, which initially declined to confirm the "
                                    "toll, later confirmed it.")] == [None]
    # "neither ... nor" only within the clause that does not confirm: not another clause's confirmation
    assert [c.what for c in extract("The ministry said 19 died. Neither the hospital nor the police would comment, but "
                                    "the mayor did confirm the toll.")] == [None]
    # what is not confirmed must be the report ("the identity of the victims", "the number of children", "the report
    # that the gunman ..." are other things), right after it; "unconfirmed" only as the source of what follows
    for t in ("The ministry said 19 people were killed. Police could not confirm the identity of the victims.",
              "The ministry said 19 people were killed.\n\nOfficials did not confirm that figure.",
              "The ministry said 19 people were killed. It did not confirm the number of children among them.",
              "The ministry said 19 people were killed. It has not confirmed the report that the gunman was a soldier.",
              "Police said 12 people were arrested. Unconfirmed reports said the leader had fled.",
              "Police said 12 people were arrested and an unconfirmed number were injured.",
              "The army denied unconfirmed reports of a massacre, saying 12 soldiers were killed."):
        assert {c.what for c in extract(t)} == {None}, t
    # in the row: the ministry's later count is the best, not the channel's unconfirmed 52
    cs = [with_(_c("t", "T", 52, None, "2024-05-02"), unconfirmed=True), _c("m1", "M1", 19, "the ministry", "2024-05-02"),
          _c("m2", "M2", 22, "the ministry", "2024-05-03")]
    row = make_figure("f", "e", "killed", None, cs, {}, False)
    assert row["best"] == 22 and row["n_docs"] == 3
    # (the same report, confirmed, is a count: the flag is what keeps it out)
    cs[0] = with_(cs[0], unconfirmed=False, attributed_to="TV Vardessa Plus")
    assert make_figure("f", "e", "killed", None, cs, {}, False)["best"] != 22


def test_two_people_of_one_surname_are_two_origins():
    cs = [_c("a", "A", 14, "Colonel Davor Imrek"), _c("b", "B", 20, "Luka Imrek"), _c("d", "D", 14, "Davor Imrek")]
    groups = origin_groups(cs, {})
    assert groups["a"] == groups["d"] != groups["b"]
    # one first name, or a surname alone: one person as before
    groups = origin_groups([_c("a", "A", 14, "Colonel Davor Imrek"), _c("d", "D", 14, "Imrek")], {})
    assert groups["a"] == groups["d"]


def test_the_number_of_people_taken_only_grows():
    # seven seized on the first day, nine once two more were seen in a video; the three handed over later are a
    # batch, not the number taken falling back
    from dataclasses import replace as with_

    cs = [with_(c, measure="captured") for c in (
        _c("a", "A", 7, "the ministry", "2024-05-02"), _c("b", "B", 9, "the ministry", "2024-05-03"),
        _c("c", "C", 3, None, "2024-05-05"))]
    row = make_figure("f", "e", "captured", None, cs, {}, False)
    assert (row["best"], row["trend"]) == (9, "rising"), (row["best"], row["trend"])


def test_a_named_source_that_only_repeats_days_later_what_another_gave_first_relays_it():
    cs = [_c("a", "A", 7, "Hadrel provincial police", "2024-05-02"),
          _c("b", "B", 7, "The district governor's office", "2024-05-03")]
    row = _row(cs)
    origins = json.loads(row["origins"])
    assert row["n_origins"] == 1
    assert [o.get("relays") for o in origins if "governor" in o["name"]] == [["Hadrel provincial police"]]
    # two sources giving one count the same day are two confirmations, not a relay
    same_day = [_c("a", "A", 7, "Hadrel provincial police", "2024-05-02"),
                _c("b", "B", 7, "The district governor's office", "2024-05-02")]
    assert _row(same_day)["n_origins"] == 2
    # a source with a count of its own is no relay of the first
    own = cs + [_c("c", "C", 9, "The district governor's office", "2024-05-04")]
    assert _row(own)["n_origins"] == 2
