"""A count told in steps (issue 14): increments ("eight more"), parts of a count by day or
batch, running totals ("raising the number of people killed to 35"), a toll that names its
attackers restated in a title. Made-up text."""

from __future__ import annotations

import sqlite3

from conftest import ledger_from_texts
from hypothesis import given, settings, strategies as st

from storytrace.analyse.claims import extract
from storytrace.model import INCREMENT, REST

_ledger = ledger_from_texts


def _claims(text: str) -> dict[str, tuple]:
    """number as written -> (measure, value, group, is a part, what)."""
    return {text[c.start:c.end]: (c.measure, c.value, c.group, c.part_of is not None, c.what) for c in extract(text)}


def _placements(conn: sqlite3.Connection, measure: str) -> dict[int, str]:
    return {int(v): p for v, p in conn.execute("select value, placement from claims where measure = ?", [measure])}


def test_more_and_another_are_increments_not_totals():
    got = _claims("The gunmen released 12 hostages on Tuesday. Three hours later the gunmen released eight more "
                  "hostages, bringing to 20 the number freed since Tuesday.")
    assert got["eight"][4] == INCREMENT and got["20"][:2] == ("released", 20)
    assert _claims("Five people were injured on Monday. Another 12 people were injured.")["12"][4] == INCREMENT
    assert _claims("Police arrested three men. Two more suspects were detained overnight, police said.")["Two"][4] \
        == INCREMENT
    # more than a count of another measure: a total of its own ("another 40 were injured" after the dead)
    assert _claims("Twelve people were killed in the blast and another 40 were injured.")["40"][:2] == ("injured", 40)
    assert _claims("Twelve people were killed in the blast and another 40 were injured.")["40"][4] is None
    assert _claims("The storm killed 14 people, and another 3 remain missing.")["3"][4] is None
    # summed with a count beside it in its sentence: no increment alone
    got = _claims("Two people died at the scene and four more in hospital.")
    assert got["four"][4] is None and got["Two"][4] is None
    (bound,) = _claims("More than 40 people were injured.").values()
    assert bound[:2] == ("injured", 40) and bound[4] is None  # "more than" is a bound


def test_the_last_batch_and_the_counts_a_fronted_with_adds_in_are_parts():
    # "the last 19", "the remaining 12": what was left of a set, a batch (not a total)
    assert _claims("Troops stormed the depot at dawn and freed the last 19 hostages.")["19"][4] == REST
    assert _claims("The remaining 12 miners were found dead on Friday.")["12"][4] == REST
    assert _claims("Troops freed 19 hostages at dawn.")["19"][4] is None
    assert _claims("Troops freed the 30 remaining hostages at dawn.")["30"][4] == REST
    # the rest of a state is all there is: "the remaining 12 miners are still missing" is the count
    assert _claims("The remaining 12 miners are still missing.")["12"][:2] == ("missing", 12)
    assert _claims("The remaining 12 miners are still missing.")["12"][4] is None
    # "With the five freed on Monday, 11 ... are now free": the five are in the 11
    got = _claims("With the five freed on Monday afternoon, 11 of the 23 guards seized on Sunday are now free, "
                  "the service said.")
    assert got["five"][3] and got["11"][:2] == ("released", 11) and not got["11"][3]
    got = _claims("With the 17 freed by soldiers on Sunday and the nine who escaped, 56 of the 71 pupils the "
                  "ministry counts as abducted are now free, he said.")
    assert got["17"][3] and got["nine"][3] and got["56"][:2] == ("released", 56)  # (not "abducted": said of the 71)
    # "With 12 people killed, it was the worst attack": no larger count for it to be in
    assert not _claims("With 12 people killed, it was the worst attack in years.")["12"][3]
    # ... nor a broader total that is no running count of them ("now", "so far", "in all")
    assert not _claims("With 12 people killed in Tuesday's blast, 140 people have been killed in the capital "
                       "this year.")["12"][3]


def test_a_headline_s_second_count_with_its_own_measure_is_no_part_of_the_first():
    # "One fan killed, 14 hurt": the parser hangs the 14 on the fan; its own word says it counts the hurt
    assert _claims("One fan killed, 14 hurt as rival supporters clash at Edderholm")["14"][:4] == ("injured", 14, None, False)
    assert _claims("Two dead, 30 injured in bus crash")["30"][:2] == ("injured", 30)
    assert _claims("Thirty people died, including 12 children.")["12"][:4] == ("killed", 12, "children", True)


def test_a_running_total_hung_inside_the_toll_s_words_is_that_toll():
    assert _claims("Rescuers recovered four more bodies, raising the number of people killed to 35.")["35"][:2] == ("killed", 35)
    assert _claims("That brings the number of people killed since the gunmen took the bank on Tuesday to five.")["five"][:2] \
        == ("killed", 5)
    assert "300" not in _claims("The number of children in the school rose to 300.")


def test_a_toll_s_words_read_only_a_bare_number_brought_to_it():
    got = _claims("The number of people wounded when police fired at 200 protesters rose to 17.")
    assert got["17"][:2] == ("injured", 17) and "200" not in got
    assert "300" not in _claims("The number of people killed when troops opened fire at 300 marchers is not known.")


def test_including_hung_on_the_nearer_noun_is_a_part_of_the_count_before():
    got = _claims("Eight people died in the two-day siege of a bank in Haverlund, including three of the gunmen, after "
                  "police commandos stormed the building before dawn on Thursday.")
    assert got["three"][:4] == ("killed", 3, "militants", True)
    got = _claims("Twelve people died in the fire at the market in Doran, including four children.")
    assert got["four"][:4] == ("killed", 4, "children", True)
    # no part of the toll: things, or persons a number of their own counts
    assert "two" not in _claims("Eight people died after gunmen attacked three villages, including two schools.")
    got = _claims("Five people were injured when a truck carrying 40 passengers, including 10 children, overturned.")
    assert "10" not in got or not got["10"][3]
    # the count before is a single victim named beside a number: no crash, no part
    got = _claims("Two soldiers and a policeman were killed at a checkpoint outside the city, including one officer.")
    assert got["Two"][:2] == ("killed", 2)


def test_an_increment_s_parts_make_no_row(tmp_path):
    files = {
        "a.txt": " date 2024-05-02\nGunmen killed four people in Orrin on Monday, police said. Shops stayed shut.\n"
                 "Four more people, two soldiers and two civilians, were killed in Orrin on Friday.\n",
        "b.txt": " date 2024-05-03\nGunmen killed eight people in Orrin this week, two soldiers among them, police said.\n",
    }
    conn = _ledger(tmp_path, files)
    parts = dict(conn.execute("select \"group\", placement from claims where part_of in "
                              "(select id from claims where what like 'increment%')"))
    assert parts and all(p.startswith("unplaced: a part of an increment") for p in parts.values()), parts


def test_increments_and_parts_by_day_make_no_row(tmp_path):
    files = {
        "a.txt": " date 2024-05-02\nGunmen holding a bank in Orrin released 12 hostages on Tuesday night, police said.\n"
                 "Officers sealed off the square.\n",
        "b.txt": " date 2024-05-03\nGunmen holding a bank in Orrin released 20 hostages in all by Wednesday, police said. "
                 "Talks went on.\nThree hours later the gunmen released eight more hostages.\n",
        "c.txt": " date 2024-05-04\nThe siege of a bank in Orrin ended, police said. Four hostages were killed in Orrin, "
                 "police said.\nFour hostages were killed, two on Wednesday afternoon and two during the assault.\n",
    }
    conn = _ledger(tmp_path, files)
    released = _placements(conn, "released")
    assert released[8].startswith("unplaced: an increment"), released
    (tmp_path / "rest").mkdir()
    rest = _ledger(tmp_path / "rest", {"d.txt": " date 2024-05-05\nPolice stormed a bank in Orrin before dawn, freeing "
                                                 "the last 19 hostages held there, police said.\n"})
    assert _placements(rest, "released")[19].startswith("unplaced: the last or remaining of a set")
    killed = dict(conn.execute("select value, placement from claims where measure = 'killed' and part_of is not null"))
    assert killed and all(p.startswith("unplaced: a part of a count") for p in killed.values()), killed
    assert conn.execute("select best from figures where measure = 'released'").fetchall() == [(20,)]


def test_a_toll_that_names_its_attackers_is_less_them_in_its_title_too(tmp_path):
    files = {
        "a.txt": " date 2024-05-04\nOrrin siege over: eight dead\nEight people died in the siege of a bank in Orrin, "
                 "including three of the gunmen, police said. Officers stormed the bank.\n",
        "b.txt": " date 2024-05-04\nFive people died in the siege of a bank in Orrin, police said. The gunmen were "
                 "members of a small armed group.\n",
    }
    conn = _ledger(tmp_path, files)
    assert conn.execute("select best from figures where measure = 'killed' and \"group\" is null").fetchall() == [(5,)]


def test_since_the_noun_of_the_story_s_own_event_counts_from_it(tmp_path):
    files = {
        "a.txt": " date 2024-05-02\nGunmen attacked a bank in Orrin and took hostages, police said. The siege began "
                 "on Tuesday.\n",
        "b.txt": " date 2024-05-03\nGunmen holding a bank in Orrin killed two hostages, police said. The siege "
                 "went on.\nThe number of people killed since the siege began rose to three, police said.\n",
    }
    conn = _ledger(tmp_path, files)
    placed = _placements(conn, "killed")
    assert "another time or event" not in placed[3], placed
    # a noun of the same type the story's titles and leads do not use: another, longer count
    files["b.txt"] = files["b.txt"].replace("since the siege began", "since the assault began")
    other = tmp_path / "other"
    other.mkdir()
    placed = _placements(_ledger(other, files), "killed")
    assert "another time or event" in placed[3], placed


def test_a_list_after_a_colon_that_adds_up_to_the_count_breaks_it_down():
    got = _claims("Rescuers also recovered three more bodies, raising the death toll to eight: five miners and three rescuers.")
    assert sorted(v[2] for v in got.values() if v[3]) == ["miners", "rescuers"], got  # parts, with their groups
    assert got["eight"][:3] == ("killed", 8, None)
    # numbers that do not add up to it are more than a breakdown; a list with a verb of its own is a clause
    got = _claims("The blast raised the death toll to eight: five miners and four rescuers died.")
    assert not any(v[3] for v in got.values()), got
    assert not any(v[3] for v in _claims("The blast killed 8 - 5 soldiers and 3 civilians were also wounded.").values())
    got = _claims("The death toll rose to eight: five miners and three rescuers.")
    assert sorted(v[2] for v in got.values() if v[3]) == ["miners", "rescuers"], got


def test_a_toll_less_its_attackers_is_less_them_only_where_the_same_event_restates_it():
    from storytrace.stages.figures import ClaimRow, prepare_claims

    def row(i, event, value, group=None, part_of=None):
        return ClaimRow(i, "d", 0, 1, event, "killed", group, value, value, value, "exact", None, part_of, None, 0,
                        None, None, 0)

    rows = [row("toll", "siege", 8), row("gunmen", "siege", 3, "militants", "toll"), row("title", "siege", 8),
            row("other", "blast", 8)]
    got = {c.id: c.value for c in prepare_claims(rows, "2024-05-02")}
    assert (got["toll"], got["title"], got["other"]) == (5, 5, 8)


def test_named_members_after_a_count_s_phrase_are_the_ones_it_counts():
    got = _claims("The two men arrested after the disaster, the captain, Joszef Talin, and the owner of the Amrel Crossing "
                  "Company, Radek Omany, were charged on Friday.")
    assert [k for k, v in got.items() if v[0] == "arrested"] == ["two"]  # not 2 + 2
    got = _claims("Four children and a woman were killed.")
    assert sorted(v[1] for v in got.values()) == [1, 4]  # a woman more


def test_of_the_dead_fronted_gives_the_groups_of_the_count():
    got = _claims("Of the 34 dead, 13 were women and 11 were children, the authority said.")
    assert got["13"][:4] == ("killed", 13, "women", True) and got["11"][:4] == ("killed", 11, "children", True)


def test_since_then_and_then_go_on_in_the_time_the_sentence_before_set(tmp_path):
    files = {
        "a.txt": " date 2026-11-09\nFerry capsizes near Pashti\nPASHTI – A ferry capsized on the Amrel near Pashti on "
                 "Sunday, killing nine people, police said. Rescuers searched the river.\nOlder residents remember the "
                 "Sula Queen, which sank near Ovray in 2012. More than 50 people died then, and the cemetery has a row of "
                 "white stones for them.\nIt is the deadliest accident on the river since the Sula Queen sank in March "
                 "2012, killing 57 people. Since then, 214 people have died on the country's rivers.\n",
        "b.txt": " date 2026-11-10\nFerry toll rises\nPASHTI – The toll from Sunday's ferry capsizing near Pashti rose to "
                 "14, police said. Divers searched the wreck.\n",
    }
    conn = _ledger(tmp_path, files)
    placed = _placements(conn, "killed")
    assert placed[50].startswith("unplaced: another time"), placed
    assert placed[214].startswith("unplaced: another time"), placed
    assert conn.execute("select best from figures where measure = 'killed' and \"group\" is null "
                        "and event_id = (select event_id from documents limit 1)").fetchall() == [(14,)]


_WORDS = ["Eight", "people", "died", "in", "the", "siege", ",", "including", "three", "of", "gunmen", "more", "another",
          "hostages", "were", "released", "bringing", "to", "20", "number", "freed", "since", "Tuesday", ".", "Of",
          "34", "dead", "13", "women", "and", "11", "children", "Since", "then", "214", "have", "raising", "killed",
          "35", ":", "five", "miners", "rescuers", "a", "policeman", "captain", "Joszef", "Talin", "owner", "two",
          "men", "arrested", "-", "—", "at", "200", "protesters", "fired", "when", "police", "\n", "injured", "It"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=70))
def test_the_stop_s_rules_never_crash_and_link_only_claims_of_their_text(words):
    text = " ".join(words)
    claims = extract(text)
    ids = {c.id for c in claims}
    measured: set[str] = set()
    for c in sorted(claims, key=lambda c: c.start):
        assert text[c.start:c.end] and c.sentence_start <= c.start < c.end <= c.sentence_end <= len(text)
        assert c.part_of is None or c.part_of in ids
        assert c.adds_to is None or c.adds_to in ids
        assert c.what != INCREMENT or c.measure in measured  # an increment follows a count of its measure
        measured.add(c.measure)


def test_kinds_listed_side_by_side_are_groups_of_the_toll_a_report_also_gives():
    from storytrace.stages.figures import ClaimRow, prepare_claims

    def row(i, value, victims, adds_to=None, doc="d"):
        return ClaimRow(i, doc, 0, 1, "riot", "killed", None, value, value, value, "exact", None, None, victims, 0,
                        adds_to, None, 0)

    # "20 people died in the riot. The ministry said 18 inmates and two guards had died."
    got = {c.id: c.group for c in prepare_claims([row("toll", 20, "people"), row("a", 18, "inmates"),
                                                  row("b", 2, "guards", "a")], "2024-05-02")}
    assert got == {"toll": None, "a": "inmates", "b": "guards"}
    # no toll of its own: the list's sum is the report's figure (no groups)
    got = {c.id: c.group for c in prepare_claims([row("a", 18, "inmates"), row("b", 2, "guards", "a")], "2024-05-02")}
    assert got == {"a": None, "b": None}
    # "12 people and 3 others": no kinds
    got = {c.id: c.group for c in prepare_claims([row("toll", 15, "people"), row("a", 12, "people"),
                                                  row("b", 3, "others", "a")], "2024-05-02")}
    assert got == {"toll": None, "a": None, "b": None}


def test_a_breakdown_may_end_in_a_place_and_a_part_by_place_has_no_group():
    got = _claims("The health ministry put the toll at 56: 54 of the 68 people aboard and two workers on the ground.")
    assert got["56"][:4] == ("killed", 56, None, False)
    assert got["54"][:4] == ("killed", 54, None, True)  # a part by place: no kind of person
    assert got["two"][:4] == ("killed", 2, "workers", True)


def test_a_toll_broken_down_by_place_after_its_clause_and_a_colon():
    got = _claims("The association said 17 people had died: nine in Marenza, six in Oskil and two in Dovra.")
    assert got["17"][:4] == ("killed", 17, None, False)
    assert all(got[n][3] and got[n][2] is None for n in ("nine", "six", "two"))  # parts by place, no kind
    got = _claims("Officials said 12 people were killed: the mayor said 9 died in the city and 3 in the villages.")
    assert not got["9"][3]  # a clause of its own after the colon: no breakdown


def test_a_breakdown_after_a_colon_and_the_and_who_is_still_in_hospital():
    got = _claims("The ministry said 18 people had been injured in the crash: the 13 survivors from the aircraft and "
                  "five people hurt on the ground.")
    assert got["13"][:4] == ("injured", 13, "survivors", True) and got["five"][:4] == ("injured", 5, None, True)
    assert _claims("Fourteen survivors are still in hospital.")["Fourteen"][:2] == ("hospitalised", 14)
    assert _claims("Six people injured in the siege remain in hospital.")["Six"][:2] == ("hospitalised", 6)


def test_a_breakdown_is_as_long_as_it_adds_up():
    got = _claims("The toll rose to eight: five miners and three rescuers, officials said, after two bodies were pulled "
                  "from the shaft.")
    assert got["five"][:4] == ("killed", 5, "miners", True) and got["three"][:4] == ("killed", 3, "rescuers", True)
    assert not got["two"][3]


def test_a_subgroup_under_a_list_s_sum_is_still_a_group():
    from storytrace.stages.figures import ClaimRow, prepare_claims

    def row(i, value, victims, adds_to=None):
        return ClaimRow(i, "d", 0, 1, "e", "killed", None, value, value, value, "exact", None, None, victims, 0,
                        adds_to, None, 0)

    got = {c.id: c.group for c in prepare_claims([row("s", 14, "soldiers"), row("c", 6, "civilians", "s"),
                                                  row("w", 4, "women")], "2024-05-02")}
    assert got == {"s": None, "c": None, "w": "women"}  # "14 soldiers and 6 civilians ... 4 women among them"


def test_a_listed_kind_is_named_as_the_analyser_names_groups():
    from storytrace.stages.figures import ClaimRow, prepare_claims

    def row(i, value, victims, adds_to=None):
        return ClaimRow(i, "d", 0, 1, "e", "killed", None, value, value, value, "exact", None, None, victims, 0,
                        adds_to, None, 0)

    got = {c.id: c.group for c in prepare_claims([row("toll", 7, "people"), row("t", 2, "teachers"),
                                                  row("p", 5, "pupils", "t")], "2024-05-02")}
    assert got == {"toll": None, "t": "teachers", "p": "students"}


def test_men_named_beside_a_toll_are_people_of_no_kind_not_a_group_row(tmp_path):
    files = {
        "a.txt": "Tavrin market bombing toll rises to 17\n\nTAVRIN, Morvia, May 3 (MPA) – The number of people killed by "
                 "Tuesday's bombing at the grain market in Tavrin rose to 17, the health ministry said.\n\nPolice shot dead "
                 "two men suspected of planting the bomb in a dawn raid, and two men were arrested in a house nearby.\n",
        "b.txt": "Tavrin toll at 17\n\nTAVRIN, Morvia, May 3 (MPA) – Seventeen people were killed in Tuesday's bombing at "
                 "the grain market in Tavrin, the health ministry said.\n",
    }
    conn = _ledger(tmp_path, files)
    groups = {g for (g,) in conn.execute('select "group" from figures')}
    assert "men" not in groups, groups
    assert conn.execute("select best from figures where measure = 'killed' and \"group\" is null").fetchall() == [(17,)]


def test_men_a_count_includes_that_one_report_gives_make_no_group_row(tmp_path):
    files = {
        "a.txt": "Four held over Tavrin bombing\n\nTAVRIN, Morvia, May 3 (MPA) – Police have arrested four people over "
                 "Tuesday's bombing at the grain market in Tavrin, which killed 17.\n\nPolice said on Friday they had now "
                 "detained five people, including two men held on Thursday.\n",
        "b.txt": "Tavrin toll at 17, four held\n\nTAVRIN, Morvia, May 3 (MPA) – Seventeen people were killed in Tuesday's "
                 "bombing at the grain market in Tavrin, and four people have been arrested, police said.\n",
    }
    conn = _ledger(tmp_path, files)
    assert conn.execute("select count(*) from figures where \"group\" = 'men'").fetchone() == (0,)


def test_an_ordinal_arrest_after_the_leads_is_the_count_held_since(tmp_path):
    from storytrace.model import SO_FAR

    files = {
        "a.txt": " date 2024-05-02\nFerry fire kills 12 in Orrin\n"
                 "A ferry fire killed 12 people in Orrin on Monday, and police detained the ferry's captain, officials said.\n",
        "b.txt": " date 2024-05-03\nOrrin ferry fire toll rises to 15\n"
                 "The toll from Monday's ferry fire in Orrin rose to 15 on Tuesday, police said.\n"
                 "Police detained the owner of the ferry company on Tuesday.\n"
                 "He is the second person held, after the captain, who was detained on Monday.\n",
    }
    conn = _ledger(tmp_path, files)
    got = conn.execute("select placement from claims where measure = 'arrested' and what = ?", [SO_FAR]).fetchall()
    assert got and all(not p.startswith("unplaced") for (p,) in got), got
