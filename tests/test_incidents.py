"""A story's document that reports an incident of its own (stages/incidents.py): its own
event, and the sentences that locate something at its place go there. Made-up reports."""

from __future__ import annotations

from conftest import ledger_from_texts

from storytrace.stages.incidents import Incident, find_incidents, locates

_HOME = {
    "a": ("Car bomb tears through Tavrin grain market, killing at least 9",
          "TAVRIN, Morvia, May 2 (MPA) – A car bomb exploded in the crowded grain market of the Morvian city of Tavrin "
          "on Tuesday, killing at least nine people, police said."),
    "b": ("Tavrin market bombing toll rises to 17",
          "TAVRIN, Morvia, May 3 (MPA) – The number of people killed by Tuesday's bombing at the grain market in Tavrin "
          "rose to 17 on Wednesday, the health ministry said."),
    "c": ("Tavrin buries its dead as market bombing toll reaches 21",
          "TAVRIN, Morvia, May 4 (MPA) – Families in Tavrin buried their dead on Thursday as the toll from the market "
          "bombing rose to 21, the health ministry said."),
}
_KESH = ("Bomb kills three outside Kesh bus depot",
         "KESH, Morvia, May 4 (MPA) – A bomb hidden in a handcart exploded outside the bus depot in the northern Morvian "
         "town of Kesh on Thursday, killing three people and wounding eight, police said, two days after a bombing at "
         "a Tavrin grain market.")


def _story(extra: dict[str, tuple[str, str]]) -> tuple[dict, dict, dict]:
    docs = {**_HOME, **extra}
    titles = {d: t for d, (t, _) in docs.items()}
    leads = {d: t + "\n\n" + lead for d, (t, lead) in docs.items()}
    return {"s": list(docs)}, titles, leads


def test_a_report_of_another_incident_two_days_after_the_story_s_is_its_own():
    found = find_incidents(*_story({"d": _KESH}))
    assert list(found) == ["d"]
    assert found["d"].places == frozenset({"kesh"})


def test_a_follow_up_that_names_the_story_s_place_or_tells_of_no_casualty_is_none():
    follow = ("Tavrin toll at 23, four held",
              "TAVRIN, Morvia, May 5 (MPA) – Four men were arrested in Tavrin on Friday, three days after the bombing at "
              "the grain market, police said.")
    feature = ("In Sorrel Lane, a street waits for its sons",
               "SORREL LANE, Tavrin – The street fell silent on Friday, three days after a bomb tore through the market "
               "where its men sold grain.")
    assert find_incidents(*_story({"d": follow, "e": feature})) == {}


def test_a_time_after_an_event_of_no_kind_the_story_tells_of_is_no_other_incident():
    vote = ("Two killed as protesters clash in Kesh",
            "KESH, Morvia, May 4 (MPA) – Two people were killed when police fired on protesters in the town of Kesh, "
            "two days after a disputed council vote, police said.")
    assert find_incidents(*_story({"d": vote})) == {}


def test_too_few_documents_have_no_core_to_tell_another_incident_from():
    members, titles, leads = _story({"d": _KESH})
    members = {"s": ["a", "d"]}
    assert find_incidents(members, titles, leads) == {}


def test_a_sentence_locating_something_at_the_incident_s_place_and_naming_nothing_of_the_story():
    kesh = Incident("d", frozenset({"kesh"}), "Kesh", 0)
    core = frozenset({"tavrin", "morvia"})
    assert locates("On Thursday a bomb exploded outside the bus depot in Kesh, killing three people.", kesh, core)
    assert not locates("The Tavrin toll rose to 21, and three died in Kesh.", kesh, core)
    assert not locates("Eleven of the wounded were flown to Kesh for surgery.", kesh, core)


def test_the_incident_gets_its_own_event_and_row_and_the_story_s_toll_keeps_its_own(tmp_path):
    files = {f"{k}.txt": f"{t}\n\n{lead}\n" for k, (t, lead) in _HOME.items()}
    files["d.txt"] = f"{_KESH[0]}\n\n{_KESH[1]}\n"
    files["e.txt"] = ("Tavrin bombing toll reaches 23\n\nTAVRIN, Morvia, May 5 (MPA) – The toll from Tuesday's bombing at "
                      "the Tavrin grain market reached 23 on Friday, the health ministry said.\n\nEarly on Thursday a bomb "
                      "exploded outside the bus depot in Kesh, killing three people, police there said.\n")
    conn = ledger_from_texts(tmp_path, files)
    kesh = conn.execute("select id, place, type from events where place = 'Kesh'").fetchall()
    assert len(kesh) == 1, conn.execute("select label, place from events").fetchall()
    assert kesh[0][2] == "bombing"  # typed by its title's verb ("Bomb kills three"): no event noun in its head
    rows = dict(conn.execute("select event_id, best from figures where measure = 'killed' and \"group\" is null"))
    assert rows[kesh[0][0]] == 3
    assert sorted(v for e, v in rows.items() if e != kesh[0][0])[-1] in (21, 23)  # the story's toll: never the 3
    n, = conn.execute("select n_docs from figures where event_id = ? and measure = 'killed'", (kesh[0][0],)).fetchone()
    assert n == 2  # the report of its own and the sentence of the other report that locates it at Kesh


def test_a_follow_up_whose_lead_says_days_after_the_story_s_own_event_is_no_incident():
    mourners = ("Mourners bury victims as bombing toll climbs to 23",
                "TAVRIN, Morvia, May 5 (MPA) – The toll rose to 23 on Friday as hundreds of mourners gathered at the "
                "Saint Elian cemetery, three days after a bombing at the grain market.")
    title_case = ("Rescuers Pull Woman Alive From Rubble As Toll Reaches 23",
                  "TAVRIN, Morvia, May 5 (MPA) – The toll rose to 23 on Friday in the Velka quarter, three days after "
                  "the bombing at the grain market.")
    assert find_incidents(*_story({"d": mourners, "e": title_case})) == {}


def test_reports_of_one_incident_are_found_however_many_give_it():
    second = ("Three dead in blast at Kesh bus depot",
              "KESH, Morvia, May 4 (Courier) – Three people were killed when a bomb exploded outside the bus depot in "
              "the town of Kesh on Thursday, police said, two days after a bombing at a grain market in Tavrin.")
    third = ("Kesh depot bomb kills three",
             "KESH, Morvia, May 4 (Wire) – A bomb killed three people at the bus depot of Kesh on Thursday, police "
             "said, two days after a bombing at the Tavrin grain market.")
    assert set(find_incidents(*_story({"d": _KESH, "e": second, "f": third}))) == {"d", "e", "f"}


def test_a_place_in_another_script_s_capitals_names_an_incident():
    lowicz = (_KESH[0].replace("Kesh", "Łowicz"), _KESH[1].replace("Kesh", "Łowicz").replace("KESH", "ŁOWICZ"))
    found = find_incidents(*_story({"d": lowicz}))
    assert "łowicz" in found["d"].places


def test_where_the_wounded_were_taken_is_no_incident_s_site():
    kesh = Incident("d", frozenset({"kesh"}), "Kesh", 0)
    assert not locates("Two of the wounded died overnight at the regional hospital in Kesh.", kesh, frozenset())
    assert not locates("Police in Kesh said three men were held.", kesh, frozenset())


def test_a_headline_joining_the_story_s_toll_to_the_incident_keeps_the_toll_with_the_story(tmp_path):
    files = {f"{k}.txt": f"{t}\n\n{lead}\n" for k, (t, lead) in _HOME.items()}
    files["e.txt"] = f"{_KESH[0]}\n\n{_KESH[1]}\n"
    files["d.txt"] = ("Second bomb kills three in Kesh as market toll rises to 24\n\nTAVRIN, Morvia, May 5 (MPA) – The "
                      "toll from Tuesday's bombing of the grain market in Tavrin rose to 24 on Friday, the health ministry "
                      "said. Hours later a bomb killed three people outside the bus depot in the town of Kesh, two days "
                      "after a bombing at the market.\n")
    conn = ledger_from_texts(tmp_path, files)
    (kesh,), = conn.execute("select id from events where place = 'Kesh'").fetchall()
    rows = dict(conn.execute("select event_id, best from figures where measure = 'killed' and \"group\" is null"))
    assert rows[kesh] == 3 and max(v for e, v in rows.items() if e != kesh) == 24, rows
    assert conn.execute("select count(*) from events where place = 'Kesh'").fetchone() == (1,)


def test_an_incident_is_typed_by_the_verbs_its_event_noun_is_derived_from():
    from storytrace.analyse.mentions import verb_types

    assert verb_types("Gunmen abduct 40 pupils from a boarding school") == ["kidnapping"]
    assert verb_types("Army helicopter crashes near Harkenmoor") == ["crash"]
    assert verb_types("Ferry capsized off Pashti; train derailed") == ["sinking", "crash"]
    # a verb that is an event noun itself tells another sense: no type
    assert verb_types("Police fired tear gas and stormed the building as refugees flooded into the square") == []
    assert verb_types("The station issued information") == []
    assert verb_types("Violence erupts in Kesh, nine dead") == [] and verb_types("Nine die at Kesh shelter") == []


def test_a_vehicle_that_hits_another_or_a_structure_is_a_crash():
    from storytrace.analyse.mentions import verb_types

    assert verb_types("Four killed as regional train hits van at crossing in Pelmar province") == ["crash"]
    assert verb_types("Tourist boat strikes road bridge on the Vell, 12 hurt") == ["crash"]
    assert verb_types("Lorry slammed into a stationary bus near Orvik") == ["crash"]
    # a vehicle driven into people is no crash; a storm that hits is the storm's; a car bomb is a bombing
    assert verb_types("Car hits crowd at Orvik market, five dead") == []
    assert verb_types("Storm hits coast of Pelmar") == []
    assert verb_types("Car bomb hits bus in Orvik") == ["bombing"]
    # a weapon or a strike by workers is no crash; a crash is typed only where no other verb types the head
    assert verb_types("Jets hit hospital building in Orvik, killing nine") == []
    assert verb_types("Bomb-laden truck hits checkpoint barrier, 14 soldiers dead") == ["bombing"]
    assert verb_types("Bus strikes hit train services in Orvik") == []
    assert verb_types("Lorry hits two buses on the Orvik bypass") == ["crash"]


def test_a_story_event_no_event_noun_types_is_typed_by_its_titles_verbs(tmp_path):
    files = {
        "a.txt": "Gunmen abduct 40 pupils from Selwane boarding school\n\nSELWANE, Rhovenna, May 2 (RNA) – Gunmen "
                 "abducted at least 40 pupils from a boarding school in Selwane on Monday night, police said.\n",
        "b.txt": "Gunmen abduct pupils in Selwane, parents say 58 missing\n\nSELWANE, Rhovenna, May 3 (RNA) – Parents said "
                 "on Tuesday that 58 pupils were missing after gunmen stormed the school in Selwane.\n",
        "c.txt": "Selwane parents wait for news of abducted pupils\n\nSELWANE, Rhovenna, May 4 (RNA) – Parents of the pupils "
                 "seized from the Selwane school gathered at the gate on Wednesday, police said.\n",
    }
    conn = ledger_from_texts(tmp_path, files)
    types = {t for (t,) in conn.execute("select type from events")}
    assert "kidnapping" in types, types


def test_a_sentence_whose_there_points_back_to_the_story_s_place_is_the_story_s(tmp_path):
    from storytrace.text.sentences import sentence_context

    body = ("The blast came as Morvia was still counting the dead from Tuesday's bombing at the Tavrin grain market. "
            "The health ministry said on Thursday that 21 people had died there.")
    at = body.index("The health")
    assert "Tavrin" in (sentence_context(body, at, len(body))[1] or "")
    for other in ("There were 21 dead.", "The health ministry said there were 21 dead.",
                  "Doctors said 20 were hurt and there's little hope for two of them.", "Officials said there still are 4 missing."):
        text = "Tuesday's bombing at the Tavrin grain market was the first.\n" + other
        assert sentence_context(text, text.index(other), len(text))[1] is None, other
    files = {f"{k}.txt": f"{t}\n\n{lead}\n" for k, (t, lead) in _HOME.items()}
    files["d.txt"] = f"{_KESH[0]}\n\n{_KESH[1]}\n\n{body}\n"
    conn = ledger_from_texts(tmp_path, files)
    kesh, = conn.execute("select id from events where place = 'Kesh'").fetchone()
    placed = conn.execute("select event_id, placement from claims where value = 21 and doc_id in "
                          "(select id from documents where source like '%d.txt')").fetchall()
    assert placed and all(e != kesh for e, _ in placed), placed


def test_there_brings_the_place_of_the_sentence_before_not_its_time(tmp_path):
    files = {f"{k}.txt": f"{t}\n\n{lead}\n" for k, (t, lead) in _HOME.items()}
    files["e.txt"] = (" date 2026-05-04\nTavrin market bombing toll reaches 21\n\nTAVRIN, Morvia, May 4 (MPA) – The toll "
                      "from Tuesday's bombing at the Tavrin grain market reached 21 on Thursday, the health ministry said.\n\n"
                      "In 2019, a bombing at the same market killed 40 people. Police said on Thursday that 21 people had "
                      "died there.\n")
    conn = ledger_from_texts(tmp_path, files)
    placed = conn.execute("select placement from claims where value = 21 and doc_id in "
                          "(select id from documents where source like '%e.txt')").fetchall()
    assert placed and not any(p.startswith("unplaced") for (p,) in placed), placed


def test_an_incident_s_place_is_the_whole_name_its_title_and_lead_write():
    from storytrace.stages.incidents import find_incidents

    title = "Police kill six in dawn raid on drug laboratory in southern city of Santa Ilídia"
    lead = (title + "\n\nSANTA ILÍDIA, Morvia, May 4 (MPA) – Police killed six suspected traffickers in the Vale do Pombal "
            "neighbourhood of Santa Ilídia on Thursday, two days after a bombing at a Tavrin grain market.")
    titles = {k: t for k, (t, _) in _HOME.items()} | {"s": title}
    leads = {k: f"{t}\n\n{ld}" for k, (t, ld) in _HOME.items()} | {"s": lead}
    found = find_incidents({"story": ["a", "b", "c", "s"]}, titles, leads)
    assert found["s"].place == "Santa Ilídia"
