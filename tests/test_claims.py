"""The claims analyser: figures, bounds, groups, attribution, quotes, and the totals rule."""

from __future__ import annotations

import json
import sqlite3

import pytest

from storytrace.analyse.claims import extract
from storytrace.analyse.document_totals import totals

from conftest import SEEDS, need_shared


def _rows(text):
    return [(c.measure, c.group, c.value, c.low, c.high, c.qualifier, text[c.start:c.end]) for c in extract(text)]


def test_total_with_parts_and_attribution():
    text = ("The shelling killed 412 villagers, including 97 women and 51 children, and badly injured "
            "230 others, according to the provincial health office.")
    claims = extract(text)
    got = [(c.measure, c.group, c.value, c.victims) for c in claims]
    assert got == [
        ("killed", None, 412, "villagers"),
        ("killed", "women", 97, "women"),
        ("killed", "children", 51, "children"),
        ("injured", None, 230, "others"),
    ]
    assert {c.attributed_to for c in claims} == {"the provincial health office"}
    whole = claims[0]
    assert [c.part_of for c in claims[1:3]] == [whole.id, whole.id]
    assert all(text[c.sentence_start:c.sentence_end] == text for c in claims)


def test_bounds_and_qualifiers():
    # bounds by qualifier (numbers.band): "at least" is open above, "nearly" below but near
    text = "The raid on Tarsa killed at least 21 civilians and injured nearly 70 others."
    assert _rows(text) == [
        ("killed", None, 21, 21, None, "at_least", "at least 21"),
        ("injured", None, 70, 63, 70, "nearly", "nearly 70"),
    ]


def test_about_and_some_state_a_band():
    rows = _rows("Some 150 people remain missing. About 40 families were displaced.")
    assert rows[0][:6] == ("missing", None, 150, 135, 165, "about")
    assert rows[1][:6] == ("displaced", "families", 40, 36, 44, "about")


def test_vague_and_words():
    rows = _rows("Hundreds of residents were evacuated. Twelve people were arrested.")
    assert rows[0][0] == "evacuated" and rows[0][5] == "vague" and rows[0][2] is None
    assert rows[1][:3] == ("arrested", None, 12)


def test_subset_of_a_set():
    text = "Officials said 40 of the 310 miners that the gang abducted in March remain missing."
    got = {(c.measure, c.value) for c in extract(text)}
    assert got == {("missing", 40), ("captured", 310)}


def test_a_clause_setting_when_something_was_said_is_not_the_sayers_figure():
    # the police are the source of what they found, not of the arrest in the "when" clause
    arrest = extract("When Dorran Vickers was arrested, police said they found a rifle in his van.")
    assert [(c.measure, c.attributed_to) for c in arrest] == [("arrested", None)]
    toll = extract("After the blast killed 12 people, officials said they were searching for a second device.")
    assert [(c.measure, c.value, c.attributed_to) for c in toll] == [("killed", 12.0, None)]
    # the sayer's own words keep their source, before or after the say verb
    assert [c.attributed_to for c in extract("Three miners were killed when the roof fell, the company said.")] == ["the company"]
    assert [c.attributed_to for c in extract("Police said 40 people were arrested overnight.")] == ["Police"]


def test_a_say_verb_sources_only_the_clause_it_reports():
    # a clause before a semicolon, or one coordinated beside the say verb's own, is not the sayer's
    got = {(c.measure, c.value, c.attributed_to) for c in extract(
        "Factory fire toll rises to 19; union says 34 workers still missing.")}
    assert got == {("killed", 19.0, None), ("missing", 34.0, "union")}
    got = {(c.value, c.attributed_to) for c in extract(
        "The toll rose to 12 on Tuesday, and the ministry said 30 people were still in hospital.")}
    assert got == {(12.0, None), (30.0, "the ministry")}
    # two sayers in one sentence: each figure its own
    got = {(c.value, c.attributed_to) for c in extract(
        "The ministry said 12 people died, and the union says 20 people were killed.")}
    assert got == {(12.0, "The ministry"), (20.0, "the union")}
    # a reporting clause after the figures still sources all of them
    got = {(c.value, c.attributed_to) for c in extract("Seven people died and 20 were injured, police said on Friday.")}
    assert got == {(7.0, "police"), (20.0, "police")}


def test_people_entered_on_a_list_as_something_are_counted_as_that():
    # "recorded as injured", "listed as dead", "counted as missing": the state the list gives them
    assert [(c.measure, c.value) for c in extract(
        "The emergency service said 117 people had now been recorded as injured.")] == [("injured", 117.0)]
    assert [(c.measure, c.value) for c in extract("Officials said 12 people were listed as dead.")] == [("killed", 12.0)]
    assert [(c.measure, c.value) for c in extract("Twenty people were counted as missing.")] == [("missing", 20.0)]
    # not a list of people's state: "registered as voters"
    assert extract("Some 400 people were registered as voters in the village.") == []
    # a listing since revised, or denied
    assert extract("Three people previously listed as dead were found alive in a shelter.") == []
    assert extract("Officials have not counted 40 of the bodies as storm deaths.") == []


def test_reported_missing_gives_a_state_not_a_sayer():
    # "reported missing" says what became of the people, not who says so
    (claim,) = extract("Two people reported missing have not been traced.")
    assert (claim.measure, claim.value, claim.attributed_to) == ("missing", 2.0, None)
    (claim,) = extract("Agency spokesman Pradel said four people reported missing had still not been traced.")
    assert (claim.value, claim.attributed_to) == (4.0, "Agency spokesman Pradel")
    assert [c.attributed_to for c in extract("Police reported 12 dead on Friday.")] == ["Police"]


def test_a_source_that_gives_a_tally_is_its_sayer():
    # "gave a toll of 24", "released a figure of 30": a verb of giving whose object is a tally says the number
    assert [c.attributed_to for c in extract("The Dravan Provincial Health Office gave a higher toll of 24.")] == [
        "The Dravan Provincial Health Office"]
    assert [c.attributed_to for c in extract("The ministry released a figure of 30 dead on Monday.")] == ["The ministry"]
    # not a thing that "gives" a toll, nor a release of people
    assert [c.attributed_to for c in extract("The blast gave the town its worst toll, 24 dead.")] == [None]
    assert [(c.measure, c.attributed_to) for c in extract("Gunmen released 12 hostages.")] == [("released", None)]
    assert [c.attributed_to for c in extract("Hamas released a total of 24 hostages on Friday, the Qatari foreign "
                                             "ministry said.")] == ["the Qatari foreign ministry"]


def test_a_bare_number_a_sayer_gives_after_a_count_is_their_count_of_it():
    got = [(c.measure, c.value, c.attributed_to) for c in extract(
        "The ministry said on Sunday that 25 people had died. The Civic Renewal Party says 32.")]
    assert got == [("killed", 25.0, "The ministry"), ("killed", 32.0, "The Civic Renewal Party")]
    assert ("killed", 4.0, "doctors") in [(c.measure, c.value, c.attributed_to) for c in extract(
        "Clashes: two dead, says ministry; doctors say four")]
    # which count would it answer? two measures before, a noun after it, another paragraph: none
    assert 30.0 not in [c.value for c in extract("Police said 12 people were killed and 40 injured. The party says 30.")]
    assert 30.0 not in [c.value for c in extract("Police said 12 people were killed. The party says 30 schools.")]
    assert 30.0 not in [c.value for c in extract("Police said 12 people were killed.\n\nThe party says 30.")]
    # an aside about the sayer's count between sayer and verb, or a clause after the number
    got = [(c.measure, c.value, c.attributed_to) for c in extract(
        "The governor's office counts 30 dead. The army, counting only bodies its soldiers recovered, says 18.")]
    assert ("killed", 18.0, "The army") in got
    got = [(c.measure, c.value, c.attributed_to) for c in extract(
        "The ministry said 41 people had died. Governor Matej Horvan, who reads his figure from the morgues, says 49.")]
    assert ("killed", 49.0, "Governor Matej Horvan") in got
    assert ("killed", 31.0, "The health ministry") in [(c.measure, c.value, c.attributed_to) for c in extract(
        "The toll stood at 30 on Monday. The health ministry says 31, after a woman died in hospital.")]
    assert ("killed", 35.0, "The mayor") in [(c.measure, c.value, c.attributed_to) for c in extract(
        "The interior ministry said 29 people died. The mayor counts 35.")]  # (a count that keeps its own list)
    # the second review's cases: an aside about another measure, a narrower group, another time; "counts" as having
    for text in ["Police said 12 people were killed. The army, speaking of the injured, says 30.",
                 "Police said 12 civilians were killed. The ministry, counting only soldiers, says 30.",
                 "Police said 12 people were killed. The army, during last year's offensive, said 40.",
                 "Police said 12 people were killed. The party, noting that 30 were hurt, says 14.",
                 "The ministry said 25 people had died. The union counts 4,000.",
                 "The ministry said 25 people had died. Each team counts 11."]:
        assert [c.value for c in extract(text) if c.measure == "killed"] == [extract(text)[0].value], text
    # an aside that is no sayer's ("In the east, Mr Tal says 40" has no count before it of its own kind)
    assert 40.0 not in [c.value for c in extract("Police said 12 people were killed and 30 hurt. The party, "
                                                 "citing doctors, says 40.")]


def test_the_injured_still_in_hospital_are_hospitalised_not_more_injured():
    got = [(c.measure, c.value, c.attributed_to) for c in extract("Police said 52 were hurt, 17 of them still in hospital.")]
    assert got == [("injured", 52.0, "Police"), ("hospitalised", 17.0, "Police")]
    got = [(c.measure, c.value) for c in extract("93 people had been hurt in all, 22 of them still in hospital.")]
    assert got == [("injured", 93.0), ("hospitalised", 22.0)]
    # the dead "in hospital" died there: no count of the hospitalised
    assert [c.measure for c in extract("Twelve died, four of them in hospital.")] == ["killed"]
    # the partitive fronted: "Of the N hurt, M are still in hospital"
    got = [(c.measure, c.value) for c in extract("Of the 126 people hurt in the blast, 52 are still in hospital, the "
                                                 "ministry said.")]
    assert got == [("injured", 126.0), ("hospitalised", 52.0)]
    assert ("hospitalised", 12.0) not in [(c.measure, c.value) for c in extract(
        "Of the 40 dead, 12 were in hospital when they died.")]
    assert ("hospitalised", 12.0) not in [(c.measure, c.value) for c in extract(
        "Of the 30 people hurt, 12 were at the hospital on Monday when the shelling began.")]
    # a time after the place still ends it ("... in hospital tonight", "... on Friday")
    for text in ("Fifty-eight people were wounded, 17 of them still in hospital tonight.",
                 "Police said 58 people were wounded, 17 of them still in hospital on Friday."):
        assert [(c.measure, c.value) for c in extract(text)] == [("injured", 58.0), ("hospitalised", 17.0)], text
    # not a time something else happened there, nor a stay that is over
    for text in ("Thirty people were hurt, 12 of them at the hospital this morning when the shelling began.",
                 "Thirty people were hurt, 12 of them still in hospital last week but all discharged since."):
        assert ("hospitalised", 12.0) not in [(c.measure, c.value) for c in extract(text)], text
    # (not a place that goes on: "in a hospital car park")
    assert ("hospitalised", 3.0) not in [(c.measure, c.value) for c in extract(
        "Twenty people were hurt, 3 of them in a hospital car park.")]


def test_a_relative_clause_about_a_count_of_its_own_does_not_measure_the_whole():
    got = [(c.measure, c.value) for c in extract(
        "The agency put the number of wounded at 117, of whom 44 remained in hospital.")]
    assert got == [("injured", 117.0), ("hospitalised", 44.0)]
    # a clause about the counted themselves still says what befell them
    assert [(c.measure, c.value) for c in extract("The 40 pupils kidnapped last week were released.")] == \
        [("released", 40.0)]


def test_people_still_being_treated_are_in_hospital_those_treated_for_wounds_are_injured():
    got = [(c.measure, c.value) for c in extract(
        "Emergency Medical says 33 people are still being treated, and three pilgrims have still not been found.")]
    assert got == [("hospitalised", 33.0), ("missing", 3.0)]
    # without "still", treatment tells of wounds, not of a stay
    assert [(c.measure, c.value) for c in extract("The hospital said 33 people were being treated for burns.")] == \
        [("injured", 33.0)]
    assert [c.measure for c in extract("Four climbers have not been located.")] == ["missing"]
    # treated somewhere else, or by someone else: no stay in hospital
    for text in ("Twenty people are still being treated at the scene.",
                 "Twenty people are still being treated for smoke inhalation at home.",
                 "About 200 people are still being treated for trauma by counsellors."):
        assert "hospitalised" not in [c.measure for c in extract(text)], text


def test_still_missing_read_as_a_verb_is_still_the_state():
    # the parser may read "were still missing" as the verb "miss"; with no object it is the state
    assert [(c.measure, c.value) for c in extract("The agency said two residents of Mostel were still missing.")] == \
        [("missing", 2.0)]
    assert extract("Three players are missing their families.") == []


def test_people_the_police_hold_are_arrested_people_held_captive_are_not():
    def got(text):
        return [(c.measure, c.value) for c in extract(text) if not (c.what or "").startswith("implicit")]
    assert ("arrested", 3.0) in got("Kessane tanker toll hits 47, three held; inquiry ordered")
    assert got("Police arrested a foreman on Sunday, bringing to three the number of people held.") == [("arrested", 3.0)]
    assert got("Police are holding three people.") == [("arrested", 3.0)]
    assert got("The four men now under arrest may be guilty of nothing.") == [("arrested", 4.0)]
    # a captivity, or no custody at all: not an arrest
    assert got("Selwane: 45 still held, ministry says") == []
    assert got("In all, he said, 47 people had been held.") == []
    assert got("Three people were held hostage.") == [("captured", 3.0)]
    assert got("A funeral for the 12 victims was held on Friday.") == []


def test_a_second_part_that_leaves_its_whole_unsaid_is_a_part_of_it_too():
    got = [(c.measure, c.value, c.group, c.attributed_to) for c in extract(
        "Twelve of the dead were women and nine were children, police said.")]
    assert got == [("killed", 12.0, "women", "police"), ("killed", 9.0, "children", "police")]
    # a word that names no group: no claim made up
    assert [c.value for c in extract("Four of the injured were police officers and two were firefighters.")] == [4.0]


def test_the_review_s_near_misses_of_this_stop_s_rules():
    def got(text):
        return [(c.measure, c.value) for c in extract(text) if not (c.what or "").startswith("implicit")]
    # held, but not by the police: no arrest
    assert got("Police said 40 passengers were held on the plane for three hours.") == []
    assert ("arrested", 10.0) not in got("Ten miners held underground for a week were rescued, police said.")
    assert got("Police said three events were held.") == []
    assert got("Two children in the custody of their father were found safe.") == []
    assert got("Two men were held on suspicion of manslaughter.") == [("arrested", 2.0)]
    # a bare number: not a decimal, not after a sentence between, not a sayer of another time
    assert got("A study said the war killed 100,000 people. Another study says 1.2 million.") == [("killed", 100000.0)]
    assert got("Police said 12 people were killed on Monday. The report was out at ten. The coach said five.") == \
        [("killed", 12.0)]
    assert got("Police said 12 people were killed. Last year the ministry said 30.") == [("killed", 12.0)]
    assert [c.attributed_to for c in extract("The ministry said 25 people had died. Yet the party says 32.")] == \
        ["The ministry", "the party"]
    # "in hospital" as a place of something else: no count of the hospitalised
    assert ("hospitalised", 2.0) not in got("Police said 52 were hurt, two of them in a hospital car park.")
    # a say verb's adjective between commas is no state: the sayer stays
    assert [c.attributed_to for c in extract("The governor said, quiet for a moment, that 40 had died.")] == ["The governor"]


def test_what_a_verb_of_giving_gives_to_someone_counts_no_victims():
    # an unknown currency's name: the parser hangs "killed" on the money
    assert extract("The government has promised 2 million ilvars to the family of each person killed and "
                   "500,000 ilvars to each of the seriously wounded.") == []
    assert [(c.measure, c.value) for c in extract("The army sent 200 soldiers to the town, where 12 were killed.")] == \
        [("killed", 12.0)]
    assert extract("The government will pay 2 million ilvars in compensation to the family of each person killed.") == []
    # people or their remains a verb of giving moves keep their count
    assert [(c.measure, c.value) for c in extract("Rescuers sent 12 bodies to the morgue.")] == [("killed", 12.0)]
    assert [(c.measure, c.value) for c in extract("The rebels gave 20 hostages to the Red Cross.")] == [("captured", 20.0)]
    assert [(c.measure, c.value) for c in extract("The explosion sent 45 injured people to hospital.")] == [("injured", 45.0)]


def test_a_group_s_name_is_its_plural_as_written():
    groups = [c.group for c in extract("Ten people died, including two watchmen, two staff and three riflemen.")]
    assert groups == [None, "watchmen", "staff", "riflemen"]
    assert [c.group for c in extract("Ten people died, including one fisherman.")] == [None, "fishermen"]


def test_a_speaker_at_a_place_is_the_person_not_the_place():
    (claim,) = extract('A police officer at the cordon told reporters that "at least 40 bodies" were inside.')
    assert claim.attributed_to == "A police officer at the cordon"


def test_a_list_after_a_count_of_people_that_adds_up_to_it_breaks_it_down():
    # the parser reads the list as more conjuncts of "people"; its numbers make six: parts
    claims = extract("Six people, two Lorvan nationals and four Merenese, were killed in the market on Friday.")
    assert totals(claims) == {"killed": 6.0}
    assert sorted((c.value, c.group, c.part_of is not None) for c in claims) == [
        (2.0, "foreigners", True), (4.0, "merenese", True), (6.0, None, False)]
    # a list that does not add up to the first count, or a first count of someone in
    # particular, is more victims
    # a single person listed as a part is a group too: a soldier is left out of the toll as a combatant
    assert totals(extract("Three people, two civilians and a soldier, were killed in the raid.")) == {"killed": 2.0}
    assert totals(extract("Gunmen killed six people, two guards and five drivers.")) == {"killed": 13.0}
    assert totals(extract("The blast killed six workers, two guards and four drivers.")) == {"killed": 12.0}
    # a list of any kind of person closed by a comma is an aside naming the count's members
    assert totals(extract("Three men, two fumigators and the managing director of the firm, are in police custody.")) == \
        {"arrested": 3.0}
    # ... of men or women only, and not of other sexes or ages: more people
    assert not any(c.part_of for c in extract("Four soldiers, two policemen and two civilians, were killed in the ambush."))
    assert totals(extract("Three men, two women and a child, all from the same family, were killed.")) == {"killed": 6.0}


def test_a_passive_split_by_the_parser_still_counts_its_subject():
    # "were on Friday night killed": the parser makes "were" the root and "killed" an adverbial clause
    assert totals(extract("Five villagers were on Friday night killed in Toumbar.")) == {"killed": 5.0}
    # a clause with its own subject is another event, not the subject's fate
    assert totals(extract("Twelve people were at the market when gunmen killed a guard.")) == {"killed": 1.0}


def test_a_possessive_names_one_victim():
    (claim,) = extract("Gunmen shot and killed a local radio station's director in Harlow district.")
    assert (claim.measure, claim.value) == ("killed", 1.0)


def test_a_casualty_word_right_after_the_number_says_what_it_counts():
    # the parser hangs "23" on "morning" and the verb of the first conjunct would make them dead
    assert totals(extract("Nine farmers were killed and at least 23 injured Monday morning in Korvel.")) == {
        "killed": 9.0, "injured": 23.0}
    assert totals(extract("A bomb hit a bus in Dessa, killing 15 people and leaving 25 severely injured.")) == {
        "killed": 15.0, "injured": 25.0}
    # before a noun it describes, the word is who they are, not what befell them
    assert totals(extract("Eight displaced people were slain in the camp.")) == {"killed": 8.0}


def test_released_from_hospital_were_in_hospital():
    (claim,) = extract("Police said four passengers were released from hospital on Wednesday morning.")
    assert (claim.measure, claim.value) == ("hospitalised", 4.0)
    assert [c.measure for c in extract("The rebels released 30 hostages on Sunday.")] == ["released"]
    # captives freed from a hospital were not its patients
    for sentence in ("Militants released seven nurses from the hospital where they had been held.",
                     "The kidnappers released two doctors from the hospital."):
        assert all(c.measure != "hospitalised" for c in extract(sentence)), sentence


def test_an_x_year_old_is_one_person_and_a_passive_shares_its_subject():
    assert [(c.measure, c.value, c.victims) for c in extract("The thirty-four-year-old was arrested on Friday.")] == [
        ("arrested", 1.0, "thirty-four-year-old")]
    # "surrendered and was arrested": the man who surrendered was arrested
    assert [(c.measure, c.value) for c in extract("After two hours a 47-year-old man surrendered and was arrested.")] == [
        ("arrested", 1.0)]
    # an active second verb is the subject's own deed, not what befell it: the guard was killed, not the man
    assert [(c.measure, c.victims) for c in extract("A 47-year-old man fled and killed a guard.")] == [("killed", "guard")]


def test_one_who_sustained_injuries_is_injured():
    assert [(c.measure, c.value) for c in extract("Marlowe sustained injuries she says never healed.")] == [("injured", 1.0)]
    assert [(c.measure, c.value) for c in extract("The driver suffered minor injuries.")] == [("injured", 1.0)]
    assert extract("Vantex suffered heavy losses in the quarter.") == []
    assert extract("Kowalski suffered no injuries.") == []
    assert all(c.measure != "injured" for c in extract("Smith suffered fatal injuries in the fall."))


def test_them_stands_for_the_people_counted_before_it():
    claims = extract("The inmate pulled a gun on two guards during the transfer and held them hostage for an hour.")
    assert [(c.measure, c.value) for c in claims] == [("captured", 2.0)]
    # not across another number, and not for things
    assert extract("Police met three witnesses on Monday and thanked them.") == []
    assert extract("Gunmen stopped two buses and burned them.") == []
    # not when other people come between, not for the doers, not under a negation
    for sentence in ("Two paramedics reached the wounded and took them to hospital.",
                     "Two officers chased the suspects and arrested them.",
                     "Two brothers saw the gunmen flee and police arrested them.",
                     "Two officers found the family and evacuated them.",
                     "Two guards were attacked, but the inmates did not kill them."):
        assert all(c.value != 2 for c in extract(sentence)), sentence


def test_a_tokenised_corpus_s_spaced_clitics_are_read_as_words_again():
    from storytrace.analyse.claims import for_parser

    spaced = "“ They didn ’ t have to kill him , ” a neighbour said ."
    joined = for_parser(spaced)
    assert len(joined) == len(spaced) and "didn’t" in joined
    changed = [i for i, (a, b) in enumerate(zip(spaced, joined)) if a != b]  # only the clitic's own characters
    assert changed and min(changed) >= spaced.index(" ’ t") and max(changed) < spaced.index(" ’ t") + 4
    assert extract(spaced) == []  # a negation under a modal: no death (the spaced "t" hid the negation)
    # possessives, quotes around a hyphenated word, capitals: as they were, or joined the same way
    for text in ("The mayor ’ s office said 12 people were killed .", "so-called ' re-education ' camps"):
        assert for_parser(text) == text
    assert for_parser("DIDN ’ T") == "DIDN’T  "
    assert [c.attributed_to for c in extract("The mayor ’ s office said 12 people were killed .")] == ["The mayor"]


def test_the_body_of_one_person_is_one_dead():
    assert [(c.measure, c.value) for c in extract("The body of a reporter was found in a field near Tarvel.")] == [("killed", 1.0)]
    assert extract("The body of the lake froze early this year.") == []


def test_found_alive_is_no_death():
    assert [c.measure for c in extract("Twelve miners were found dead.")] == ["killed"]
    assert all(c.measure != "killed" for c in extract("Twelve missing miners were found alive."))


def test_figure_in_a_quote_is_attributed_to_its_speaker():
    text = "“We have recovered 16 bodies from the river,” said rescue chief Oren Dalby."
    (claim,) = extract(text)
    assert (claim.measure, claim.value, claim.in_quote) == ("killed", 16, True)
    assert claim.attributed_to == "rescue chief Oren Dalby"


def test_toll_rising_and_rows_of_parts():
    text = "The death toll rose to 27 on Friday. Among the 27 dead were nine children and two nurses."
    got = [(c.measure, c.group, c.value) for c in extract(text)]
    assert got == [("killed", None, 27), ("killed", None, 27), ("killed", "children", 9), ("killed", "nurses", 2)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pass ambush toll hits 14, nine held", [("killed", 14), ("arrested", 9)]),
        ("Third arrest in Velsk club fire as death toll reaches 37", [("killed", 37)]),
        ("The commissioner told reporters that the toll was 23.", [("killed", 23)]),
        # the parse hangs the toll's verb on a word of the toll ("killed", "confirmed")
        ("The health ministry's count of patients killed rose to 17 on Saturday.", [("killed", 17)]),
        ("The number of people confirmed dead in the Kessel Brook landslide has risen to 27, the provincial "
         "government said.", [("killed", 27)]),
        # ... or makes the toll the subject of its participle ("number ... killed"), the verb hung elsewhere
        ("The mill's owner was questioned on Monday, two days after the blast tore through the plant at Orrey, as the "
         "number of people killed rose to 14.", [("killed", 14)]),
        ("Farmers counted their losses, as the number of sheep drowned rose to 190.", []),  # (people only)
        ("Police searched the port, as the number of weapons seized rose to 190.", []),
        # a toll's verb with a number of something else (the review's cases)
        ("The toll road carries 14 trucks an hour.", []),
        ("The death toll reached 30, forcing 2,000 residents to flee their homes.", [("killed", 30)]),
        ("The death toll rose to 23, prompting 500 residents to leave the valley.", [("killed", 23)]),
        ("The mounting death toll forced two ministers to resign.", []),
        ("The toll left 300 families without shelter.", []),
    ],
)
def test_a_tolls_own_verb_gives_its_number(text, expected):
    assert [(c.measure, c.value) for c in extract(text) if c.measure != "other"] == expected


def test_a_sentence_with_a_sayer_of_its_own_does_not_go_on_with_the_source_before():
    text = ("The health ministry said the toll had reached 44. Kessane's mayor, Adela Sorrin, whose council counts people "
            "buried by their families, said the town had recorded 58 deaths. The toll includes 12 children, he said.")
    got = {c.value: c.attributed_to for c in extract(text) if c.measure == "killed"}
    assert got[44] == "The health ministry"
    assert got[58] != "The health ministry"  # (the mayor's, or no one's: never the ministry's)
    text = ("The Orrin floods have killed 40 people, according to the fire service. Six residents who had been told "
            "to evacuate were still missing.")  # ("told" to do something: no sayer of its own)
    assert [c.attributed_to for c in extract(text) if c.measure == "missing"] == ["the fire service"]


@pytest.mark.parametrize(
    "text",
    [
        "A 70-year-old woman was among those rescued in 1998 after a two-hour search.",
        "The town marked the 33rd anniversary of the siege with a three-day festival.",
        "The 366th Motorized Rifle Regiment fought for 44 days near Route 7.",
        "Call 0800 417 2290 for information. Hide Caption 8 of 25",
    ],
)
def test_not_count_claims(text):
    assert [c for c in extract(text) if c.measure != "other"] == []


def test_other_quantities_keep_what():
    claims = extract("Rebels held 20 percent of the province and about 1/5th of the border area.")
    assert [(c.measure, c.value, c.qualifier) for c in claims] == [("other", 20, "exact"), ("other", 0.2, "about")]
    assert claims[0].what.startswith("percent")


def test_singular_victims_count_one():
    claims = extract("Gunmen shot dead a village elder and his son near the market on Sunday.")
    assert [(c.measure, c.value, c.what is not None) for c in claims] == [("killed", 2, True)]


def test_totals_follow_wad_coding():
    t = totals(extract("A car bomb killed seven people, including two soldiers, and wounded 18 others, police said."))
    assert t == {"killed": 5, "injured": 18}  # soldiers are left out of PITF deaths
    t = totals(extract("Attackers killed nine men and four women in the village, and 12 soldiers died in the fighting."))
    assert t["killed"] == 13
    t = totals(extract("Five explosions in the capital killed at least 12 people."))
    assert t == {"killed": 12}  # the explosions did the killing
    # a later figure the text says the count was brought to
    t = totals(extract("Militiamen hacked to death at least 11 people in the camp on Wednesday, witnesses said. A later "
                       "investigation by a rights group increased the casualty figures to 37 dead."))
    assert t["killed"] == 37
    t = totals(extract("A car bomb killed at least 10 people in the market. In 2009, 37 people were killed there."))
    assert t["killed"] == 10  # a larger figure that nothing says the count rose to


@pytest.mark.parametrize("text", ["9" * 200_000, "word " * 400_000, "Число 12 погибших. 死亡12人. قتل 12 شخصا. 12 killed 🚑"])
def test_bad_input_bounded(text):
    extract(text)  # no crash; run-on sentences skip the parser


def test_seed_000_figures():
    need_shared("corpora", "seeds")
    text = (SEEDS / "000_b0c24607f6e455b4.txt").read_text(encoding="utf-8")
    claims = extract(text)
    by = {(c.measure, c.group, c.value): c for c in claims}
    for key in [("killed", None, 613), ("killed", "women", 116), ("killed", "children", 63), ("injured", None, 487)]:
        assert by[key].attributed_to == "Azerbaijani figures", key
    assert by[("killed", None, 613)].victims == "Azeri citizens"
    assert ("captured", None, 1275) in by and ("missing", None, 150) in by
    taken = by[("captured", None, 1000)]
    assert (taken.qualifier, taken.low) == ("more_than", 1000)
    quoted = [c for c in claims if c.in_quote and c.value == 613]
    assert quoted and quoted[0].attributed_to == "Kalın"


def test_seed_004_bounds():
    need_shared("corpora", "seeds")
    text = (SEEDS / "004_1c6dade0dae1b82f.txt").read_text(encoding="utf-8")
    t = totals(extract(text))
    assert t == {"killed": 21, "injured": 70}


def test_example_figures_recall(example_ledger, expected):
    """The planted casualty figures of the bundled example are found (measure and value)."""
    conn = sqlite3.connect(example_ledger)
    docs = {src: (i, text) for src, i, text in conn.execute("select source, id, text from documents")}
    found = total = 0
    for d in expected["documents"]:
        name = d["file"] + (f":{d['record'] + 1}" if d["record"] is not None else "")
        doc_id, text = next(v for k, v in docs.items() if k.endswith(name))
        claims = [c for c in conn.execute("select start, measure, value from claims where doc_id = ?", (doc_id,))]
        for f in d["figures"]:
            if f["measure"] not in ("killed", "injured", "captured", "missing", "displaced", "arrested", "evacuated", "other") or f["value"] is None:
                continue
            total += 1
            pos = text.find(f["text"])
            found += any(pos <= s < pos + len(f["text"]) and m == f["measure"] and v == f["value"] for s, m, v in claims)
    assert total >= 30
    assert found / total >= 0.85, (found, total)


def test_extract_cli_totals(tmp_path):
    from click.testing import CliRunner

    from storytrace.cli import cli

    line = json.dumps({"id": "x1", "text": "At least 84 people, including 10 children, were killed when the dam burst."})
    result = CliRunner().invoke(cli, ["extract"], input=line)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["id"] == "x1" and out["totals"] == {"killed": 84}
    assert {(c["measure"], c["group"], c["value"]) for c in out["claims"]} == {("killed", None, 84), ("killed", "children", 10)}


# ------------------------------------------------------------ measures and units (issue 14)

def _measures(text):
    return [(c.measure, c.group, c.value) for c in extract(text)]


def test_injured_beside_killed_in_one_sentence():
    got = _measures("A suicide bomber struck a market in Orvan, killing 31 and leaving about 140 injured.")
    assert got == [("killed", None, 31), ("injured", None, 140)]


def test_taken_to_hospital_is_its_own_measure():
    assert _measures("At least 56 people were taken to hospital after the fire in Tellon.") == [("hospitalised", None, 56)]
    assert _measures("Two dozen of them remain in hospital.") == [("hospitalised", None, 24)]
    # injured people treated in hospital are counted as injured
    assert _measures("Twenty-eight injured people were being treated in hospital.") == [("injured", None, 28)]


def test_released_is_not_arrested_or_captured():
    assert _measures("Four opposition leaders were released in a prisoner swap on Friday.") == [("released", None, 4)]
    assert _measures("The rebels freed 30 hostages on Monday.") == [("released", None, 30)]
    # discharged from hospital is not a release (the teller treated there was injured)
    assert [m for m, _, _ in _measures("A teller was treated at a hospital and released, and two guards were arrested.")] \
        == ["injured", "arrested"]


def test_orphans_and_units():
    got = _measures("Eight families were wiped out, 130 children lost one parent and 25 lost both parents.")
    assert got == [("killed", "families", 8), ("orphaned", "one parent", 130), ("orphaned", "both parents", 25)]


# ------------------------------------------------------------ sums left to the reader (issue 14)

def _sum(text):
    """The document's own figure: document_totals.totals (stated figures plus the ones listed beside them)."""
    return totals(extract(text)).get("killed")


def test_a_victim_and_n_others():
    assert _sum("Gunmen killed a village chief and 11 others on Sunday.") == 12


def test_pronoun_and_listed_victims():
    assert _sum("The attackers broke into the house, killing her, her brother and three neighbours.") == 5


def test_n_more_in_hospital():
    assert _sum("Two people died at the scene and four more in hospital, police said.") == 6


def test_together_with_her_husband():
    assert _sum("She was stabbed to death together with her husband in their home.") == 2


def test_listed_groups_keep_their_parts():
    claims = [c for c in extract("Fourteen pupils and three teachers were killed when the bus overturned.")]
    assert [(c.value, c.victims) for c in claims] == [(14, "pupils"), (3, "teachers")]
    assert claims[1].adds_to == claims[0].id and _sum("Fourteen pupils and three teachers were killed.") == 17


def test_a_subset_is_no_rival_total():
    claims = extract("The attack killed 12 children, including two from abroad. Two of the children were from Morocco.")
    assert [(c.value, bool(c.part_of)) for c in claims] == [(12, False), (2, True)]
    assert _sum("The attack killed 12 children, including two from abroad.") == 12


def test_people_in_custody_were_arrested():
    # the state an arrest leaves people in, as "remain in hospital" is a hospital's
    for text, n in [("Eight suspects are currently in detention.", 8.0), ("Three men were taken into custody.", 3.0),
                    ("Four suspects remain in police custody.", 4.0), ("Five people are under arrest.", 5.0)]:
        assert [(c.measure, c.value) for c in extract(text)] == [("arrested", n)], text
    assert extract("Two men are not in custody.") == []
    assert extract("Police said 40 migrants were in detention centres.") == []  # a place, not custody


def test_children_in_state_custody_were_not_arrested():
    for text in ["Authorities took 400 children into state custody.",
                 "Officers seized more than 400 children and placed them in state custody on suspicion of abuse.",
                 "Twelve children were taken into protective custody."]:
        assert [c.measure for c in extract(text)] == [], text
    assert [c.measure for c in extract("Police arrested 12 men and placed them in custody.")] == ["arrested"]


def test_a_count_of_events_counts_no_victims():
    # the event nouns are no persons: "two quakes" counts quakes
    for text, n in [("Two quakes killed 30 people.", 30.0), ("Three storms killed 12 people this week.", 12.0),
                    ("A 6. 7 - strength quake killed more than 26, 000 people in Bam.", 26000.0)]:
        assert [(c.measure, c.value) for c in extract(text)] == [("killed", n)], text


def test_the_same_victim_named_again_with_companions_is_the_total():
    text = ("Gunmen on Sunday night killed Tarn Obada, the head of the district. "
            "Mr. Obada was killed alongside his nephew, Ilo Tanko, 19, at his residence.")
    assert totals(extract(text)) == {"killed": 2.0}
    # another victim killed with others is no fuller count of the first
    text = "Gunmen killed Tarn Obada on Sunday. In another attack, gunmen killed Ilse Varro along with her two sons."
    assert totals(extract(text)) == {"killed": 1.0}


def test_every_word_the_measures_read_passes_the_cascade():
    # "hanged" is a death (measures.py); the cheap filter must let its sentence through
    for text, got in [("Six people were hanged by the militants in the square.", ("killed", 6.0)),
                      ("Three villagers were decapitated by the militants.", ("killed", 3.0)),
                      ("Twelve people were martyred in the shelling, the ministry said.", ("killed", 12.0))]:
        assert [(c.measure, c.value) for c in extract(text)] == [got], text


def test_succumbing_to_wounds_is_a_death():
    assert [(c.measure, c.value) for c in extract("Two of the injured later succumbed to their injuries.")] == [("killed", 2.0)]
    assert [(c.measure, c.value) for c in extract("Tarn Obada later succumbed to his wounds at the hospital.")] == [("killed", 1.0)]
    assert extract("The party succumbed to pressure from 12 donors.") == []


def test_people_moved_out_of_their_homes_were_evacuated():
    for text, n in [("More than 1,400 residents have now been moved out of their homes, the governor said.", 1400.0),
                    ("About 300 people were moved from their homes.", 300.0), ("Some 2,000 residents of the village were relocated.", 2000.0)]:
        assert [(c.measure, c.value) for c in extract(text)] == [("evacuated", n)], text
    assert [c.measure for c in extract("The 12 bodies were taken from the house.")] == ["killed"]  # no evacuation
    assert extract("More than 300 people had taken shelter from fighting around their homes.") == []
    for text in ["Gunmen took 20 villagers from their homes and shot them.",  # an abduction, not an evacuation
                 "More than 50 people were taken from their homes by gunmen.",
                 "About 40 employees were relocated to the new office.", "Twelve prisoners were relocated to a jail.",
                 "The company relocated 40 staff to another city."]:
        assert "evacuated" not in [c.measure for c in extract(text)], text


def test_treated_for_injuries_were_injured():
    text = "The hospital's director said 64 people had been treated for burns, smoke inhalation and crush injuries."
    assert [(c.measure, c.value) for c in extract(text)] == [("injured", 64.0)]
    assert [(c.measure, c.value) for c in extract("Twelve victims were treated for injuries.")] == [("injured", 12.0)]
    assert extract("Four people were treated for smoke inhalation.") == []


def test_a_dateline_is_no_victim():
    text = ("HARNOW, May 4, 2026 (Tarn Press Agency) – At least nine people were killed after a waste heap "
            "gave way, the governor said.")
    assert [(c.measure, c.value) for c in extract(text)] == [("killed", 9.0)]
    assert [(c.measure, c.value) for c in extract("ORRIN (AP) — Gunmen killed a judge on Monday.")] == [("killed", 1.0)]


def test_left_in_hospital_is_hospitalised():
    text = "The blast, which has killed 14 people and left nearly 40 in hospital, has prompted questions."
    assert [(c.measure, c.value) for c in extract(text)] == [("killed", 14.0), ("hospitalised", 40.0)]
    assert [(c.measure, c.value) for c in extract("The attack killed 9 and left 30 wounded.")] == [("killed", 9.0), ("injured", 30.0)]


def test_the_wounded_who_died_are_dead():
    from storytrace.analyse.claims import extract as ex

    assert [(c.measure, c.value) for c in ex("Three people injured in the blast died on Friday.")] == [("killed", 3)]
    assert [(c.measure, c.value) for c in ex("Three people injured in the blast were taken to hospital.")] == [
        ("injured", 3)]


def test_a_noun_beyond_a_comma_is_another_number_s():
    from storytrace.analyse.claims import extract as ex

    got = [(c.measure, c.value, c.group) for c in ex("The ministry's statement: two dead, 38 police officers injured, "
                                                     "150 people arrested.")]
    assert ("killed", 2, None) in got and ("injured", 38, "police") in got


def test_a_second_verb_of_the_subject_gives_the_measure_but_not_another_clause_s():
    from storytrace.analyse.claims import extract as ex

    assert [(c.measure, c.value) for c in ex("Twelve people were shot and killed on Sunday.")] == [("killed", 12)]
    got = [(c.measure, c.value) for c in ex("Four people remain in hospital, the authority said; one more pupil was "
                                            "discharged on Thursday.")]
    assert got == [("hospitalised", 4)]  # the discharged pupil is no one more in hospital


def test_a_dateline_s_place_is_no_sayer():
    t = ("DRUMHALLOW – Two more pupils poisoned at the Ossery Vale School died overnight at the children's hospital "
         "in Castrelle, raising the toll to 13, the Ministry of Health and Public Hygiene said early on Thursday.")
    assert {c.attributed_to for c in extract(t)} == {"the Ministry of Health and Public Hygiene"}
    # an acronym set off by a comma is a sayer
    assert [c.attributed_to for c in extract("UNICEF, the UN children's agency, said 12 children died in the flood.")] \
        == ["UNICEF , the UN children 's agency"]


def test_each_figure_takes_the_according_to_that_follows_it():
    got = [(c.value, c.attributed_to) for c in extract(
        "Eleven people were killed according to the interior ministry and 20 were injured according to the city hospital.")]
    assert got == [(11.0, "the interior ministry"), (20.0, "the city hospital")]
    assert [c.attributed_to for c in extract("According to police, 12 people died and 40 were hurt.")] == ["police", "police"]
    got = [(c.value, c.attributed_to) for c in extract(
        "According to police, 12 people died, and 40 were injured according to the hospital.")]
    assert got == [(12.0, "police"), (40.0, "the hospital")]
    got = [(c.value, c.attributed_to) for c in extract("The ministry said 40 people were injured; 12 people died, according to police.")]
    assert got == [(40.0, "The ministry"), (12.0, "police")]
    # across a semicolon only for a figure with no say verb of its own, and only from before it
    got = [(c.value, c.attributed_to) for c in extract("Factory fire toll rises to 19; 34 workers missing, according to the union.")]
    assert got == [(19.0, None), (34.0, "the union")]
    got = [(c.value, c.attributed_to) for c in extract("He said 40 civilians had been killed; 12 soldiers died, according to the army.")]
    assert got == [(40.0, None), (12.0, "the army")]


def test_nationals_of_a_country_are_the_group_foreigners():
    claims = extract("Thirty people died in the fire, among them six Lorvan nationals and two students.")
    assert {(c.value, c.group) for c in claims if c.group} == {(6.0, "foreigners"), (2.0, "students")}
    # "national" as an adjective is no nationality: "12 national police officers" are police
    claims = extract("Thirty people died, including 12 national police officers.")
    assert {(c.value, c.group) for c in claims if c.group} == {(12.0, "police")}


def test_people_from_another_country_are_the_group_foreigners():
    # "from neighbouring X", "from abroad", citizens of a named nation: foreigners
    for text in ("Thirty people died. Two of the dead were traders from neighbouring Dasova who had come to sell fish.",
                 "Thirty people died. Two of the dead were pupils from neighbouring Arnessia."):
        assert {(c.value, c.group) for c in extract(text) if c.group} == {(2.0, "foreigners")}, text
    # a town of the story's own, a neighbouring village, citizens however named: not foreigners; a kind of
    # people keeps its group
    assert {c.group for c in extract("Thirty people died. Two of the dead were pupils from Marrasby.")} == {None, "students"}
    assert {c.group for c in extract("Thirty people died. Two of the dead were farmers from neighbouring Kelso "
                                     "village.")} == {None, "farmers"}
    for text in ("Thirty people died. Two of the dead were Velmoran citizens.", "Thirty people died, including 12 Arab "
                 "citizens.", "Police said 12 citizens were killed."):
        assert "foreigners" not in {c.group for c in extract(text)}, text
    assert {c.group for c in extract("Thirty people died. Two of the dead were children from neighbouring Dasova.")} \
        == {None, "children"}


def test_a_deed_noun_and_a_second_verb_give_their_own_measure():
    # "the abduction of 118 pupils" is a capture, not a death
    assert [(c.value, c.measure) for c in extract("It revived memories of the 2019 abduction of 118 pupils.")] == [
        (118.0, "captured")]
    assert [(c.value, c.measure) for c in extract("The arrest of 14 protesters followed.")] == [(14.0, "arrested")]
    # the object of a second verb does not take the first verb's measure when that verb has an object of its own
    got = extract("Gunmen stormed the school, shooting dead a watchman and carrying off at least 40 pupils.")
    assert [(c.value, c.measure) for c in got if c.value == 40] == []
    assert [(c.value, c.measure) for c in extract("The gunmen shot and wounded 12 people.")] == [(12.0, "injured")]


def test_a_second_verb_with_a_subject_of_its_own_keeps_its_object_from_the_first_verbs_measure():
    got = extract("The agency says 14 of the injured remain in hospital and that it is sheltering 2,400 people in a school.")
    assert [(c.value, c.measure) for c in got] == [(14.0, "hospitalised")]
    # a second verb sharing the first one's subject still takes its measure
    got = extract("Eleven people were hurt and taken to hospital.")
    assert [(c.value, c.measure) for c in got] == [(11.0, "injured")]


def test_a_part_counted_among_a_whole_with_no_number_takes_its_measure_and_is_a_group():
    got = extract("At least five foreign nationals were among the dead, the consulate said.")
    assert [(c.value, c.measure, c.group, c.qualifier) for c in got] == [(5.0, "killed", "foreigners", "at_least")]
    got = extract("Among the injured were four firefighters.")
    assert [(c.value, c.measure, c.group) for c in got] == [(4.0, "injured", "firefighters")]
    # a whole with a number of its own keeps the part a part of it; nor are places among the worst hit a count
    got = extract("Six children were among the 31 dead.")
    assert [(c.value, c.measure) for c in got if c.part_of is None] == [(31.0, "killed")]
    assert extract("Three villages were among the worst hit.") == []
    # no count where the part names no kind of people (it would read as the whole toll), the whole its own fate,
    # two wholes, or the clause does not say it is so
    for sentence in ("Eight Germans were among the dead, Berlin said.", "Among the hostages, 12 were women.",
                     "Four of the missing were among the dead.", "Dozens of children were among the dead.",
                     "Among the hostages freed were four Britons.", "Two Americans were among the hostages killed in the raid.",
                     "Among the dead and injured were 14 children.", "Two journalists were among the dead or missing.",
                     "Two Canadians may be among the dead.", "It is feared that three Australians are among the dead.",
                     "Three Britons were not among the dead.", "Officials are checking whether 12 Britons are among the dead."):
        assert [(c.value, c.measure) for c in extract(sentence) if c.group is None or c.measure == "captured"] == [], sentence


def test_a_number_of_people_counts_what_befell_them_before_who_they_are():
    assert [(c.value, c.measure) for c in extract("The number of hostages freed rose to 21.")] == [(21.0, "released")]
    assert [(c.value, c.measure) for c in extract("The number of hostages killed rose to 5.")] == [(5.0, "killed")]
    assert [(c.value, c.measure) for c in extract("The number of hostages rose to 40.")] == [(40.0, "captured")]
    assert [(c.value, c.measure) for c in extract("The number of refugees who fled rose to 300.")] == [(300.0, "displaced")]


def test_only_a_capture_by_police_or_troops_is_an_arrest():
    assert [(c.value, c.measure) for c in extract("Police captured 26 pirates.")] == [(26.0, "arrested")]
    assert [(c.value, c.measure) for c in extract("An Indian warship patrolled the gulf, capturing 26 Somali brigands.")] == [
        (26.0, "arrested")]
    # troops who rescue or free hostages arrest none of them
    assert [c.measure for c in extract("Troops rescued 30 hostages.")] != ["arrested"]
    got = extract("Soldiers freed nine more, bringing to 21 the number of hostages back in government hands.")
    assert [c.measure for c in got if c.value == 21] != ["arrested"]


def test_the_bodies_of_people_of_any_kind_count_the_dead():
    got = extract("Troops found the bodies of four hostages in a ravine near the camp.")
    assert [(c.value, c.measure) for c in got] == [(4.0, "killed")]
    got = extract("Divers recovered the bodies of 12 passengers.")
    assert [(c.value, c.measure) for c in got] == [(12.0, "killed")]


def test_a_count_of_hospitals_is_no_count_of_people():
    got = extract("The ministry said 12 patients were still alive, all in intensive care at three other hospitals.")
    assert [(c.value, c.measure) for c in got] == [(12.0, "hospitalised")]


def test_those_held_that_a_sentence_says_were_freed_are_released():
    from storytrace.analyse.claims import extract

    got = {(c.value, c.measure) for c in extract("The 40 pupils kidnapped last week were released on Friday.")}
    assert got == {(40.0, "released")}
    got = {(c.value, c.measure) for c in extract("The five villagers abducted from the wedding were freed on Wednesday.")}
    assert got == {(5.0, "released")}
    # what befell them is only that they were held: captured
    assert {(c.value, c.measure) for c in extract("The 12 people abducted on Monday were still held.")} == {(12.0, "captured")}
    assert {(c.value, c.measure) for c in extract("Gunmen kidnapped 40 pupils on Monday.")} == {(40.0, "captured")}


def test_a_clause_describing_a_count_by_two_measures_joined_by_or_counts_neither():
    from storytrace.analyse.claims import extract

    assert extract("That is 144 people killed or injured in four days.") == []
    # a describing clause whose own list lacks the count's measure leaves it be
    got = {(c.value, c.measure) for c in extract("The army said it had freed 30 hostages held or abused by the gang.")}
    assert got == {(30.0, "released")}
    got = {(c.value, c.measure) for c in extract("Officials said 9 miners trapped or missing had been found dead.")}
    assert got == {(9.0, "killed")}


def test_an_ordinal_arrest_is_the_count_held_so_far():
    from storytrace.model import SO_FAR
    from storytrace.text.numerals import ordinal_value

    assert [ordinal_value(w) for w in ("fourth", "21st", "twentieth", "Second", "four", "fourths")] == [4, 21, 20, 2, None, None]
    for text, n in [("Military police said a fourth man had been arrested at the crash site.", 4.0),
                    ("A third person was arrested on Monday, the prosecutor said.", 3.0),
                    ("Police arrested a municipal building inspector, the second person held over the disaster.", 2.0)]:
        got = [(c.value, c.what) for c in extract(text) if c.measure == "arrested"]
        assert (n, SO_FAR) in got, (text, got)
    # the first one held, and a death (a third villager killed is no toll of three): one, at least
    assert [(c.value, c.what) for c in extract("Police arrested the first man on Monday.")] == \
        [(1.0, "implicit count (singular victims)")]
    assert [c.value for c in extract("Gunmen killed a third villager.")] == [1.0]
    # ... but of a noun for anyone, the dead so far; of a kind ("the second crew member to die"), one of that kind
    assert [(c.value, c.what) for c in extract("The health ministry said a seventh person had died.")] == [(7.0, SO_FAR)]
    assert [c.value for c in extract("A second crew member died on Sunday.")] == [1.0]
    # an ordinal death is the dead so far ("a 20th death"); not "the second death in the family"
    assert [(c.value, c.what) for c in extract(
        "On Tuesday the fire service confirmed a 20th death from the Orrey mill fire.")] == [(20.0, SO_FAR)]
    assert [(c.value, c.what) for c in extract("A ninth death was reported on Sunday, police said.")] == [(9.0, SO_FAR)]
    assert [c.value for c in extract("It was the second death in the family this year.")] == []
    # (the review's cases) no death said to have happened, a split ordinal, a series of something else
    for text in ("Officials could not confirm a fifth death on Wednesday.",
                 "Hospital staff said there had not been a fifth death.",
                 "The ministry confirmed a thirty-second death.",
                 "It was a third death in the Vell family in two years."):
        assert [c.value for c in extract(text) if c.what == SO_FAR] == [], text
    assert [(c.value, c.what) for c in extract("A third death in the blast was reported on Sunday.")] == [(3.0, SO_FAR)]
    assert [c.value for c in extract("Ortiz was the third person killed by police in the city this year.")] == [1.0]
    # a relation's place is no count of the held
    assert [c.value for c in extract("Police arrested the suspect's second son.") if c.measure == "arrested"] == [1.0]


def test_people_reported_missing_then_found_safe_are_no_longer_missing():
    assert [(c.value, c.measure) for c in extract(
        "Seven people reported missing by relatives on Saturday were later found safe among passengers taken on by bus.")] == []
    assert [(c.value, c.measure) for c in extract(
        "Its spokesman said 38 people who had been listed as missing had been found alive.")] == []
    # others found safe: the missing still are
    assert [(c.value, c.measure) for c in extract("Twelve people remain missing, and four were found safe.")] == \
        [(12.0, "missing")]
    assert [(c.value, c.measure) for c in extract("Seven people were reported missing.")] == [(7.0, "missing")]
    # not found, never found, or found only perhaps: still missing
    for t in ("Seven people are still missing and have not been found alive.",
              "Seven people reported missing were never found alive.",
              "Seven people remain missing but could still be found alive, officials said."):
        assert [(c.value, c.measure) for c in extract(t)] == [(7.0, "missing")], t


def test_a_figure_given_by_someone_s_count_is_theirs():
    # "by the ministry's count", "the ministry's count ... stands at eight", "31 by the union's" (the noun left out)
    got = [(c.value, c.attributed_to) for c in extract(
        "Twenty-six workers are dead at Ambeluk by the labour ministry's count, 31 by the union's, which will not wait.")]
    assert got == [(26.0, "the labour ministry"), (31.0, "the union")]
    assert [c.attributed_to for c in extract("The ministry's count of the dead now stands at eight.")] == ["The ministry"]
    assert [c.attributed_to for c in extract("By the diocese's count, 41 worshippers were abducted.")] == ["the diocese"]
    # a time's count, a place's name, a tally no one owns: no source
    for t in ("By Tuesday's count, 12 had died.", "By last night's count, 12 had died.", "The police toll rose to 12.",
              "A woman hurt in the stampede died at St Orla's.", "Turkey's death toll rose to 45,000.",
              "The storm's toll reached 22."):
        assert {c.attributed_to for c in extract(t)} == {None}, t
