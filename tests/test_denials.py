"""A report another document calls false or withdrawn without its number (retractions.denials,
placement.denied): made-up sentences and stories."""

from __future__ import annotations

from storytrace.analyse.retractions import denials


def _one(text):
    found = denials(text)
    assert len(found) == 1, (text, found)
    return found[0]


def test_a_report_called_false_names_its_source_or_its_kind():
    d = _one("Ruhl said a report published on Friday morning by the Ardrell Live website about the number of dead "
             "was false.")
    assert d.names == ("Ardrell Live",) and d.kinds == ("web",) and d.measure == "killed"
    assert _one("Vahlen said the Black Pass Brigades' claim about the number of dead was false.").names == \
        ("Black Pass Brigades",)
    d = _one("Dr Anna Serrat, medical director of Kettrin General Hospital, said a figure broadcast by a local "
             "television channel on Monday night was false.")
    assert d.kinds == ("tv",) and d.names == ()  # (the sayer and her hospital are no source of the report)
    assert _one("Spokesman Osterby said that a television report on Thursday of bodies on the beach had been "
                "false.").kinds == ("tv",)
    # a place is where the dead were, not who reported them
    assert _one("Its chief said a report by a local website about the number of dead in Marrow was false.").names == ()
    # other words for false, and the report after them
    assert _one("The army said the Ashen Banner's claim about the number of dead was propaganda.").names == \
        ("Ashen Banner",)
    d = _one("The ministry dismissed as false a report by a local news website about the number of dead.")
    assert d.kinds == ("web",) and d.measure == "killed"
    # the measure is the report's, not the sayer's ("who was himself hurt")
    assert _one("The fire chief, who was himself hurt in the blaze, said a television report about the number of "
                "dead was false.").measure == "killed"
    assert _one("Officials said a figure posted on social media about the injured was untrue.").measure == "injured"


def test_a_report_its_source_withdrew():
    assert _one("The station, Channel Five Hareth, withdrew the report on Monday morning.").names == \
        ("Channel Five Hareth",)
    assert _one("TV Orvel removed the report from its website on Wednesday and apologised.").names == ("TV Orvel",)
    assert _one("Keddo Television, which broadcast a far higher toll, withdrew it on Sunday.").names == \
        ("Keddo Television",)


def test_no_denial_without_a_report_taken_back_or_with_its_number():
    assert denials("The army withdrew the troops from the town.") == []
    assert denials("The families are not wrong to keep their own list.") == []
    # with its number: placement.disowned's, by value
    assert denials("The minister said the figure of 19 inmates killed, given by his deputy, was wrong.") == []
    # a correction note is the claims analyser's
    assert denials("Correction: an earlier version of this story said the website's figure was false.") == []
    # a report taken back that names no source nor a kind of one: of whom is not said
    assert denials("Police later called that report false.") == []
    # a report of no count, a station of firefighters, a report about no figure
    assert denials("The ministry said reports on social media that the dam had burst were false.") == []
    assert denials("Crews from the fire station took it down on Monday.") == []
    assert denials("The council said reports on a local news website that the home had no alarms were false.") == []


def _placements(conn):
    return {(src.rsplit("/", 1)[-1], value): placement for src, value, placement in conn.execute(
        "select d.source, c.value, c.placement from claims c join documents d on d.id = c.doc_id "
        "where c.measure = 'killed'")}


def test_a_report_called_false_in_a_later_document_makes_no_figure(tmp_path):
    from conftest import ledger_from_texts

    files = {
        "a.txt": " date 2024-05-05\nA local news website reported that 60 people had died when a fire "
                 "swept through the Linden Court care home in Marrow on Sunday. Twelve people were killed in the "
                 "Linden Court fire, the fire service said.\n",
        "b.txt": " date 2024-05-06\nThe toll of the fire at the Linden Court care home in Marrow rose to 14, the fire "
                 "service said on Monday. Its chief said a report published on Sunday by a local website "
                 "about the number of dead was false.\n",
        "c.txt": " date 2024-05-06\nFourteen people have died in the fire at the Linden Court care home in Marrow, "
                 "the fire service said.\n",
    }
    conn = ledger_from_texts(tmp_path, files)
    got = _placements(conn)
    assert got[("a.txt", 60.0)].startswith("unplaced: a figure another report calls false or withdrawn (its source")
    assert not got[("a.txt", 12.0)].startswith("unplaced") and not got[("b.txt", 14.0)].startswith("unplaced")
    best = conn.execute("select best from figures where measure = 'killed' and \"group\" is null "
                        "order by n_docs desc").fetchone()[0]
    assert best == 14.0


def test_a_denial_leaves_a_later_report_and_an_official_s_same_figure(tmp_path):
    from conftest import ledger_from_texts

    files = {
        # the official source gives the value the website gave: not the denied report's alone
        "a.txt": " date 2024-05-05\nA fire swept through the Linden Court care home in Marrow on Sunday. "
                 "The local news website Marrow Today reported that 14 people had died. "
                 "Fourteen people were killed, the fire service said.\n",
        # a report after the denial is news since
        "c.txt": " date 2024-05-08\nThe local news website Marrow Today reported on Wednesday that 19 people had "
                 "now died in the fire at the Linden Court care home in Marrow.\n",
        "b.txt": " date 2024-05-06\nThe toll of the fire at the Linden Court care home in Marrow rose to 16, the fire "
                 "service said on Monday. Its chief said a report by the Marrow Today website was false. "
                 "He also said the Care Workers' Union's claim about the number of dead was false.\n",
        # a named party's count another source calls false is a dispute, not a report taken back
        "d.txt": " date 2024-05-05\nThe Care Workers' Union said 25 people had died in the fire at the Linden Court "
                 "care home in Marrow.\n",
    }
    conn = ledger_from_texts(tmp_path, files)
    got = _placements(conn)
    assert not got[("a.txt", 14.0)].startswith("unplaced: a figure another report calls false")
    assert not got[("c.txt", 19.0)].startswith("unplaced: a figure another report calls false")
    assert not got[("d.txt", 25.0)].startswith("unplaced: a figure another report calls false")


def test_a_named_outlet_s_report_goes_an_official_s_figure_on_television_stays(tmp_path):
    from conftest import ledger_from_texts

    files = {
        "a.txt": " date 2024-05-05\nThe local news website Ardrell Live reported on Sunday that 35 people had died in "
                 "the Linden Court fire in Marrow.\n",
        "b.txt": " date 2024-05-06\nThe toll of the Linden Court fire in Marrow rose to 14, the fire service said on "
                 "Monday. Its chief said a report published on Sunday by the Ardrell Live website about the number "
                 "of dead was false, and that a television report about the dead was wrong too.\n",
        # the minister spoke on television: television is his medium, not the source of his figure
        "c.txt": " date 2024-05-05\nThe health minister told state television that 12 people had died in the "
                 "Linden Court fire in Marrow.\n",
        "d.txt": " date 2024-05-06\nFourteen people have died in the Linden Court fire in Marrow, the fire service "
                 "said.\n",
    }
    conn = ledger_from_texts(tmp_path, files)
    got = _placements(conn)
    assert got[("a.txt", 35.0)].startswith("unplaced: a figure another report calls false or withdrawn")
    assert not got[("c.txt", 12.0)].startswith("unplaced: a figure another report calls false")
    best = conn.execute("select best from figures where measure = 'killed' and \"group\" is null "
                        "order by n_docs desc").fetchone()[0]
    assert best == 14.0
