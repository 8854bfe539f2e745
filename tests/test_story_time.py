"""Which time and which event a figure or an event mention belongs to: the news of the
days it is written in, a recalled event, a separate one (issues 14 and 15). Made-up text."""

from __future__ import annotations

import json

import pytest
from conftest import ledger_from_texts
from hypothesis import given, settings, strategies as st

from storytrace.analyse.mentions import CURRENT, OTHER, deixis, named_events
from storytrace.stages.figures import FigureClaim, make_figure
from storytrace.text.sentences import sentence_context


_ledger = ledger_from_texts


@pytest.mark.parametrize("text,noun,expected", [
    ("The toll from this week's flash floods in the Tarrow valley rose.", "floods", CURRENT),
    ("Monday night's flood in Brell left 300 homeless.", "flood", CURRENT),
    ("Rescuers reached villages cut off by the ongoing floods in Tarrow.", "floods", CURRENT),
    ("Four died after a separate flash flood on the Imber river.", "flood", OTHER),
    ("It was another attack on Halden, the third this year.", "attack", OTHER),
    ("The flood in Brell was caused by a storm.", "flood", None),
    ("Last week's attack on Halden killed two.", "attack", None),  # the week before: not said to be this news
])
def test_the_words_before_a_mention_say_whether_it_is_this_news(text, noun, expected):
    (m,) = [m for m in named_events(text) if m.noun == noun]
    assert m.deixis == expected
    assert deixis(text, m.start) == expected


def test_a_sentence_s_first_word_is_no_name_and_a_year_counted_from_is_not_the_event_s():
    text = ("Flash floods swept through the Tarrow valley overnight.\n"
            "It was the deadliest flood in Orvenia since 2011, officials said.")
    names = {m.name: m.year for m in named_events(text)}
    assert "Flash" not in names  # capitalised only where a sentence opens
    assert names.get("Orvenia", "absent") is None  # "since 2011": not the year of this flood
    assert {m.name: m.year for m in named_events("The 2011 Tarrow flood killed 57.")} == {"Tarrow": 2011}
    # a name written capitalised inside a sentence too is a name, even where a sentence opens with it
    both = "Tarrow floods kill 14.\nThe floods in the Tarrow valley killed 14 people."
    assert any(m.name == "Tarrow" for m in named_events(both))
    # a name written capitalised inside a sentence somewhere is one, even where a line opens with it
    headline = "Halden floods: 12 dead\nFloods hit the town of Halden on Monday."
    assert [m.name for m in named_events(headline)] == ["Halden"]


def test_this_week_s_floods_are_not_an_old_flood_of_the_same_name(tmp_path):
    files = {
        "a.txt": (" date 2026-10-24\nTarrow flood death toll rises to 41\n"
                  "The number of people killed in this week's flash floods in the Tarrow valley has risen to 41, "
                  "the civil protection agency said on Saturday.\n"
                  "Only the 2011 Tarrow flood, in which 57 people died, has claimed more lives in the valley.\n"),
        "b.txt": (" date 2026-10-23\nTarrow flood toll reaches 38\n"
                  "The death toll from the Tarrow valley floods has risen to 38, the civil protection agency said "
                  "on Friday.\n"),
    }
    conn = _ledger(tmp_path, files)
    rows = conn.execute("select e.label, e.historic, f.best from figures f join events e on e.id = f.event_id "
                        "where f.measure = 'killed'").fetchall()
    current = [best for label, historic, best in rows if not historic]
    assert current == [41], rows  # 57 is the 2011 flood's, never this week's best
    assert all(best != 41 for label, historic, best in rows if historic)


def test_a_separate_event_the_story_mentions_is_not_its_own(tmp_path):
    files = {
        "a.txt": (" date 2026-10-24\nFlood toll rises to 41 in the valley\n"
                  "The death toll from the floods in the valley has risen to 41, the agency said on Saturday.\n"
                  "In the south, six people died after a separate flash flood on the Imber river hit the town of Brell.\n"),
        "b.txt": (" date 2026-10-23\nFlood toll rises to 38 in the valley\n"
                  "The death toll from the floods in the valley has risen to 38, the agency said on Friday.\n"),
        "c.txt": (" date 2026-10-24\nValley flood toll at 41\n"
                  "The floods in the valley have killed 41 people, the agency said.\n"
                  "Six people died after a separate flash flood on the Imber river, officials said.\n"),
    }
    conn = _ledger(tmp_path, files)
    own = {e for (e,) in conn.execute("select event_id from documents")}
    assert len(own) == 1  # the valley's floods, named in no document, are the story's own event
    six = conn.execute("select event_id from claims where measure = 'killed' and value = 6").fetchall()
    assert six and all(e not in own for (e,) in six)


def test_a_past_narrative_goes_on_in_the_time_its_paragraph_set():
    text = ("The walls were built after the last flood.\n"
            "When the Tarrow last broke its banks, in the spring of 2011, it took a week of rain. "
            "The river rose slowly, and still 57 people died. More than 30 people are dead this time.\n"
            "In a separate disaster, the Imber burst its banks. The office said four people had died.\n")
    at = text.index("The river")
    _, before, _ = sentence_context(text, at, text.index("died.") + 5)
    assert before is not None and "2011" in before
    present = text.index("More than")
    assert sentence_context(text, present, text.index("time.") + 5)[1] is None  # "are dead": now
    office = text.index("The office")
    assert "separate" in (sentence_context(text, office, len(text) - 1)[1] or "")


def _claim(i, doc, value, attr, day, measure="killed"):
    return FigureClaim(i, doc, 0, 1, "e", measure, None, value, value, value, "exact", attr, None, day)


def test_two_counts_of_one_day_on_a_toll_s_path_are_no_conflict():
    wire_then, governor, wire_later = (_claim("a", "A", 14, "the civil protection agency", "2026-10-20"),
                                       _claim("b", "B", 18, "governor", "2026-10-20"),
                                       _claim("c", "C", 38, "the civil protection agency", "2026-10-23"))
    row = make_figure("f", "e", "killed", None, [wire_then, governor, wire_later], {}, False)
    assert row["status"] == "revised" and row["trend"] == "rising"  # the wire caught up: earlier in the day
    # the lower side never caught up (only the other source's later count): a same-day disagreement
    governor_later = _claim("c", "C", 38, "governor", "2026-10-23")
    row = make_figure("f", "e", "killed", None, [wire_then, governor, governor_later], {}, False)
    assert row["status"] == "conflict"
    assert {s["value"] for s in json.loads(row["sides"])} == {"14", "18"}
    # the missing fall: 70 and 48 on one day, the first source's 31 later
    missing = [_claim("a", "A", 70, "police", "2026-10-20", "missing"), _claim("b", "B", 48, "agency", "2026-10-20", "missing"),
               _claim("c", "C", 31, "police", "2026-10-22", "missing")]
    assert make_figure("f", "e", "missing", None, missing, {}, False)["status"] == "revised"


def test_a_part_of_the_dead_named_by_its_group():
    from storytrace.analyse.claims import extract

    def got(text):
        return [(c.value, c.measure, c.group, c.part_of is not None) for c in extract(text)]

    assert got("Four of the dead were children.") == [(4, "killed", "children", False)]
    assert got("Two of the injured were firefighters.") == [(2, "injured", "firefighters", False)]
    assert got("Thirty-six people died in the landslide. Five of them were children.") == [
        (36, "killed", None, False), (5, "killed", "children", True)]
    # not a group ("released"), or no count just before: no claim
    assert all(g is None and not part for _, _, g, part in got("Police arrested 12 people. Two of them were released on bail."))
    assert got("The road was closed. Five of them were children.") == []
    # no copula: the partitive alone says nothing of a group ("two of the wounded are in a serious condition")
    assert all(g is None for _, _, g, _ in got("The blast injured 30. Two of the wounded were in a serious condition."))


def test_admitted_where_the_paragraph_named_the_hospital_is_hospitalised():
    from storytrace.analyse.claims import extract

    text = ("At Orrin General Hospital, the medical director said 64 people had been treated for burns. "
            "Twenty-three had been admitted, seven of them in a serious condition.")
    assert [(c.value, c.measure) for c in extract(text)] == [(64, "injured"), (23, "hospitalised")]
    # no hospital before it in the paragraph, or admitted as something else: no figure
    assert extract("Twenty-three had been admitted, seven of them in a serious condition.") == []
    assert extract("The hospital board met. The club admitted 40 new members.") == []


def test_a_dated_sentence_recalls_the_past_event_its_story_names(tmp_path):
    files = {
        "a.txt": (" date 2026-10-21\nFloods kill 18 in the Tarrow valley\n"
                  "Floods swept the Tarrow valley overnight, killing 18 people, the governor said on Tuesday.\n"
                  "The floods are the worst in the valley since 2011, when the river burst its banks and 57 people died.\n"),
        "b.txt": (" date 2026-10-24\nFlood toll in the Tarrow valley rises to 41\n"
                  "The toll from the floods in the Tarrow valley rose to 41, the agency said on Saturday.\n"
                  "Only the 2011 Tarrow flood, in which 57 people died, has claimed more lives in the valley.\n"),
    }
    conn = _ledger(tmp_path, files)
    events = {e for (e,) in conn.execute("select event_id from claims where measure = 'killed' and value = 57")}
    assert len(events) == 1  # one 2011 flood, whether named or only dated
    assert conn.execute("select historic from events where id = ?", [events.pop()]).fetchone() == (1,)


def test_two_stories_recalling_an_attack_of_one_year_recall_two_attacks(tmp_path):
    files = {
        "a.txt": (" date 2026-10-21\nGunmen kill 12 at Orsk market\n"
                  "Gunmen killed 12 people at the market in Orsk on Tuesday, police said.\n"
                  "The deadliest attack on record, in the Velm district in May 2021, left 29 people dead.\n"),
        "b.txt": (" date 2026-10-22\nDrone strike kills 9 at Tarn camp\n"
                  "A drone strike killed nine people at the Tarn camp on Wednesday, the agency said.\n"
                  "It was the deadliest attack since March 2021, when gunmen killed 26 people at a camp in Jassa province.\n"),
    }
    conn = _ledger(tmp_path, files)
    past = {v: e for v, e in conn.execute("select value, event_id from claims where measure = 'killed' and value in (26, 29)")}
    assert len(past) == 2 and past[26] != past[29], past


def test_since_the_story_s_own_event_began_is_its_own_count():
    from storytrace.stages.placement import other_event_cues

    own = frozenset("clashes at the port as ferry strike turns violent".split())
    strike = "Police said 74 people had been arrested since the strike began."
    assert other_event_cues(strike, strike.index("74"), 2026, 2026, None, None, own) == []
    uprising = "More than 15,000 people have been killed since the uprising began."
    assert other_event_cues(uprising, uprising.index("15,000"), 2026, 2026, None, None, own) == ["since the uprising began"]


def test_a_report_the_sentence_calls_false_makes_no_row(tmp_path):
    files = {
        "a.txt": (" date 2026-11-17\nClashes at the port as ferry strike turns violent\n"
                  "Police arrested 61 people at the port on Tuesday, police said.\n"
                  "False reports on social media said three protesters had been killed at the terminal.\n"),
        "b.txt": (" date 2026-11-17\nFerry strike: 61 arrested at the port\n"
                  "Police said 61 people had been arrested at the port by Tuesday evening.\n"
                  "Police denied that three protesters had been killed.\n"),
    }
    conn = _ledger(tmp_path, files)
    placed = [p for (p,) in conn.execute("select placement from claims where measure = 'killed'")]
    assert placed and all(p.startswith("unplaced: a report the sentence calls false") for p in placed)
    assert conn.execute("select count(*) from figures where measure = 'killed'").fetchone() == (0,)


def test_what_befell_hostages_is_their_verb_s_and_a_sayer_is_no_captor():
    from storytrace.analyse.claims import extract

    def got(text):
        return [(c.value, c.measure, c.group) for c in extract(text)]

    assert got("Six people died in the siege. Four hostages were killed during the assault.") == [
        (6, "killed", None), (4, "killed", "hostages")]
    assert got("Gunmen killed two hostages on Wednesday, police said.") == [(2, "killed", "hostages")]
    assert got("The rebels freed 30 hostages.") == [(30, "released", None)]
    assert got("Pirates are holding 22 hostages.") == [(22, "captured", None)]
    # "police said" is the source: the 43 were taken hostage, not arrested; police who capture arrest
    assert got("Police and the Interior Ministry say 43 people were taken hostage.") == [(43, "captured", None)]
    assert got("Police captured 12 pirates.") == [(12, "arrested", None)]
    # a list of parts after a count is no measure of it
    assert got("When it was over, eleven people were dead, nine hostages and two police officers.") == [
        (11, "killed", None), (9, "killed", "hostages"), (2, "killed", "police")]


def test_attackers_are_a_group_and_leave_the_victims_toll(tmp_path):
    from storytrace.analyse.claims import extract

    got = [(c.value, c.group, c.part_of is not None) for c in extract("The attack killed 12 people, including 3 attackers.")]
    assert got == [(12, None, False), (3, "militants", True)]
    # "eight people": people say nothing of who; no group of "peoples"
    got = [(c.value, c.group) for c in extract("The attack killed 12 people, including eight people from one family.")]
    assert got == [(12, None), (8, None)]
    files = {n: f" date 2026-11-12\nGunmen storm bank in Orrin\n{t}, police said on Thursday.\n" for n, t in (
        ("a.txt", "The siege of the bank in Orrin killed 12 people, including 3 attackers"),
        ("b.txt", "The siege of the bank in Orrin killed 12 people, including three of the attackers"))}
    conn = _ledger(tmp_path, files)
    assert conn.execute("select best from figures where measure = 'killed' and \"group\" is null").fetchall() == [(9,)]


def test_treated_in_hospital_is_injured_being_treated_there_is_hospitalised():
    from storytrace.analyse.claims import extract

    assert [(c.value, c.measure) for c in extract("Health officials say 83 people have been treated in hospital.")] == [
        (83, "injured")]
    assert [(c.value, c.measure) for c in extract("Twelve people are being treated in hospital.")] == [(12, "hospitalised")]
    assert [(c.value, c.measure) for c in extract("Twelve were taken to hospital.")] == [(12, "hospitalised")]


def test_police_officers_hurt_are_the_police_s_own_figure():
    from storytrace.analyse.claims import extract

    text = "Police said 16 officers had been injured over the two days, and 58 people were hurt in all."
    assert [(c.value, c.measure, c.group) for c in extract(text)] == [(16, "injured", "police"), (58, "injured", None)]
    # alone, still the police's figure (the totals leave security forces out, as WAD coders do); army officers are no police
    from storytrace.analyse.document_totals import totals

    police = extract("Gunmen killed four police officers at a checkpoint.")
    assert [(c.value, c.group) for c in police] == [(4, "police")] and totals(police) == {}
    assert totals(extract("Gunmen killed two hostages.")) == {"killed": 2}
    assert "police" not in [c.group for c in extract("Twelve people died, including two army officers.")]


def test_those_who_remain_in_hospital_are_hospitalised_whatever_hurt_them():
    from storytrace.analyse.claims import extract

    for text in ("Six people injured in the siege remain in hospital, the health authority said.",
                 "Twelve wounded people remained in hospital on Friday."):
        assert [c.measure for c in extract(text)] == ["hospitalised"], text
    assert [c.measure for c in extract("28 injured people were being treated in hospital.")] == ["injured"]


_WORDS = ["Four", "of", "them", "the", "dead", "were", "children", "this", "week's", "a", "separate", "flood", "floods",
          "in", "Tarrow", "since", "2011", "killed", "12", "people", "admitted", "hospital", "remain", "in", "police",
          "officers", "said", "denied", "that", "false", "reports", "another", "Monday's", "attack", "on", "Halden",
          ".", ",", "\n", "It", "Five", "injured", "hostages", "were", "freed", "treated"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60))
def test_the_new_rules_never_crash_and_keep_their_offsets(words):
    from storytrace.analyse.claims import extract

    text = " ".join(words)
    for m in named_events(text):
        assert m.deixis in (None, CURRENT, OTHER) and 0 <= m.start < m.end <= len(text)
    for c in extract(text):
        assert text[c.start:c.end] and c.sentence_start <= c.start < c.end <= c.sentence_end <= len(text)
        words_, before, paragraph = sentence_context(text, c.sentence_start, c.sentence_end)
        assert words_ == text[c.sentence_start:c.sentence_end] and paragraph <= c.sentence_start
        assert before is None or before in text[:c.sentence_start]


def test_a_figure_s_status_and_the_parts_after_a_count_stay_linear():
    from conftest import grows_linearly

    from storytrace.analyse.claims import extract

    def reports(n):  # n reports over n/4 days, ten sources
        return [_claim(str(i), f"D{i}", 10 + i % 10, f"source {i % 10}", f"2026-11-{1 + (i * 4 // n) * 7 % 28:02d}")
                for i in range(n)]

    small, large = reports(100), reports(800)
    ok, t_small, t_large = grows_linearly(lambda cs: make_figure("f", "e", "killed", None, cs, {}, False), small, large)
    assert ok, (t_small, t_large)
    text = "The blast killed 30 people in Varno on Monday. Five of them were children. "
    ok, t_small, t_large = grows_linearly(extract, text * 20, text * 160, repeat=2)
    assert ok, (t_small, t_large)


@pytest.mark.parametrize("text,place", [
    ("Gunmen seize bank\n\nHAVERLUND, Calvesia, Nov. 10 (Arden Press Association) – Four armed men stormed", "Haverlund, Calvesia"),
    ("Title\nBEIRUT (Reuters) - Syrian forces shelled", "Beirut"),
    ("Divers search\nIlder Valley Courier – Regional news – Wednesday, 25 November 2026\n\nHOSK – Police divers", "Hosk"),
    ("WASHINGTON, Dec. 3 — The Senate voted", "Washington"),
    ("UPDATE – the toll rose to 12", None),  # capitals that name no place
    ("US - China trade talks resume", None),
    ("A story with no dateline. It was – I think – fine.", None),
])
def test_a_dateline_gives_the_place_a_report_is_filed_from(text, place):
    from storytrace.text.datelines import dateline_place

    assert dateline_place(text) == place


def test_a_story_s_own_event_is_placed_where_two_of_its_reports_are_filed_from(tmp_path):
    from storytrace.text.datelines import filed_from

    assert filed_from(["ORRIN, Velmar – A", "ORRIN – B", "KESTA – C"]) == "Orrin, Velmar"
    assert filed_from(["ORRIN – A", "KESTA – B"]) is None  # one each: no place
    assert filed_from(["ORRIN – A"]) is None  # one report: not enough
    orrin = {
        "a.txt": " date 2024-05-02\nFire kills four in Orrin market\nORRIN, Velmar – A fire swept through the covered "
                 "market on Tuesday, killing four people, police said.\n",
        "b.txt": " date 2024-05-03\nOrrin market fire toll rises\nORRIN – The fire at the covered market killed five "
                 "people, police said on Wednesday.\n",
    }
    # an event known by a name: "the Orlan Mills explosion" names the company, the datelines say where
    mill = {
        "a.txt": " date 2027-03-08\nOrlan Mills explosion kills three\nTERVANE, Lorvenia, March 8 (LPA) - The Orlan Mills "
                 "explosion killed three workers at the flour mill on Monday, police said.\n",
        "b.txt": " date 2027-03-09\nOrlan Mills explosion toll rises to eight\nTERVANE, March 9 (LPA) - The Orlan Mills "
                 "explosion has killed eight workers, the ministry said on Tuesday.\n",
        "c.txt": " date 2027-03-10\nOrlan Mills explosion: managers held\nTERVANE, March 10 (LPA) - Police held two "
                 "managers over the Orlan Mills explosion, which killed ten workers.\n",
    }
    for name, files, place in (("orrin", orrin, "Orrin, Velmar"), ("mill", mill, "Tervane, Lorvenia")):
        (tmp_path / name).mkdir()
        conn = _ledger(tmp_path / name, files)
        assert [p for (p,) in conn.execute("select place from events where historic = 0")] == [place]
    # ... but not an earlier event a story recalls in every report: it did not happen where they are filed from
    recalled = {
        "a.txt": " date 2024-05-02\nSurvivors remember the 2019 Orrin flood\nKESTA, Velmar – Survivors of the 2019 Orrin "
                 "flood, which killed 41 people, met on Tuesday.\n",
        "b.txt": " date 2024-05-03\nThe 2019 Orrin flood, five years on\nKESTA – Five years after the 2019 Orrin flood killed "
                 "41 people, the dam is still unrepaired.\n",
        "c.txt": " date 2024-05-04\nOrrin flood memorial opens\nKESTA – A memorial to the 41 people killed in the 2019 Orrin "
                 "flood opened on Thursday.\n",
    }
    (tmp_path / "recalled").mkdir()
    conn = _ledger(tmp_path / "recalled", recalled)
    assert "Kesta, Velmar" not in [p for (p,) in conn.execute("select place from events where historic = 1")]


def test_a_story_s_own_event_is_typed_only_when_a_third_of_its_reports_say_so(tmp_path):
    files = {
        "a.txt": " date 2024-05-02\nOrrin phone maker unveils its Storm handset\nThe Orrin phone maker showed its new "
                 "handset to reporters on Tuesday. It goes on sale next month.\n",
        "b.txt": " date 2024-05-03\nOrrin phone maker's new handset goes on sale in June\nThe Orrin phone maker said its "
                 "new handset would go on sale in June. Prices were not given.\n",
        "c.txt": " date 2024-05-03\nReviewers try the Orrin phone maker's new handset\nReviewers said the Orrin phone "
                 "maker's new handset was fast. Its battery was praised.\n",
        "d.txt": " date 2024-05-04\nOrrin phone maker's shares rise after handset launch\nShares in the Orrin phone "
                 "maker rose on Thursday after the handset launch. Analysts were pleased.\n",
    }
    conn = _ledger(tmp_path, files)
    assert [t for (t,) in conn.execute("select type from events")] == [None]  # one title in four: no storm
    flood = tmp_path / "flood"
    flood.mkdir()
    files = {
        "a.txt": " date 2024-05-02\nFlood hits Orrin\nA flood swept through Orrin on Tuesday, police said. Roads were shut.\n",
        "b.txt": " date 2024-05-03\nOrrin flood: roads reopen\nRoads reopened in Orrin after the flood, police said.\n",
        "c.txt": " date 2024-05-03\nOrrin counts the cost\nShops in Orrin counted the cost on Wednesday, police said.\n",
    }
    conn = _ledger(flood, files)
    assert "flood" in [t for (t,) in conn.execute("select type from events where historic = 0")]


def test_a_story_without_datelines_happened_where_its_leads_say():
    from storytrace.text.datelines import lead_place

    leads = ["A tourist boat struck a bridge in Brooklyn on Tuesday, police said.",
             "Twenty-five people were hurt when a boat hit a bridge in Brooklyn.",
             "The collision in Brooklyn closed the river for a day."]
    assert lead_place(leads) == "Brooklyn"
    assert lead_place(leads[:1]) is None  # one lead is no agreement
    assert lead_place(["He was hurt in Saints' Thursday practice.", "Hurt in Saints' Thursday practice."]) is None
    assert lead_place(["It happened in November.", "Officials met in November."]) is None


def test_a_relative_clause_goes_on_through_its_participles():
    from storytrace.stages.placement import other_event_cues

    t = ("The worst disaster in the range remains Galtberg, where an avalanche crashed into the village in February "
         "1999, destroying 17 houses and killing 31 people.")
    assert other_event_cues(t, t.index("31"), 2026, 2026) == ["February 1999"]
    t = "A man who was fired last week shot three people."
    assert other_event_cues(t, t.index("three"), 2026, 2026) == []
