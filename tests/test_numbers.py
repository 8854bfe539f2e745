"""storytrace.text.numbers: number expressions, their values, bounds and kinds.

Examples are written here; the Recognizers-Text specs are scored by eval/numbers_recognizers.py.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storytrace.text import numbers
from storytrace.text.numbers import NumberSpan, find_numbers, has_number, parse_number

from conftest import need_shared


def spans(text: str) -> list[tuple]:
    return [(s.text, s.value, s.qualifier, s.kind) for s in find_numbers(text)]


def one(text: str, piece: str) -> NumberSpan:
    """The span whose text is `piece`."""
    found = [s for s in find_numbers(text) if s.text == piece]
    assert len(found) == 1, (piece, find_numbers(text))
    return found[0]


def check_spans(text: str, found: list[NumberSpan]) -> None:
    last = 0
    for s in found:
        assert 0 <= s.start <= s.num_start < s.num_end <= s.end <= len(text), s
        assert s.start >= last, ("overlap or out of order", s)
        assert text[s.start:s.end] == s.text
        assert s.qualifier in ("exact", "at_least", "more_than", "at_most", "less_than", "about", "nearly",
                               "range", "vague")
        assert s.kind in ("count", "ordinal", "year", "date", "time", "age", "duration", "percent", "money",
                          "fraction", "unit", "phone", "identifier", "other")
        bounds = {"exact": (s.value, s.value), "at_least": (s.value, None), "more_than": (s.value, None),
                  "at_most": (None, s.value), "less_than": (None, s.value), "nearly": (None, s.value),
                  "about": (None, None)}
        if s.qualifier in ("range", "vague"):
            assert s.value is None and s.low is not None and s.high is not None and s.low <= s.high, s
        else:
            assert (s.low, s.high) == bounds[s.qualifier], s
        last = s.end


# ------------------------------------------------------------------ news phrasings

def test_killed_at_least_injured_nearly():
    text = "killed at least 21 civilians and injured nearly 70 others"
    a, b = find_numbers(text)
    assert (a.text, a.value, a.low, a.high, a.qualifier, a.kind) == ("at least 21", 21, 21, None, "at_least", "count")
    assert text[a.num_start:a.num_end] == "21"
    assert (b.text, b.value, b.low, b.high, b.qualifier, b.kind) == ("nearly 70", 70, None, 70, "nearly", "count")
    assert text[b.num_start:b.num_end] == "70"


def test_more_than_a_thousand():
    s = one("more than a thousand others were taken hostage", "more than a thousand")
    assert (s.value, s.low, s.high, s.qualifier, s.kind) == (1000, 1000, None, "more_than", "count")


def test_hundreds_of_civilians():
    s = one("hundreds of civilians", "hundreds")
    assert (s.value, s.low, s.high, s.qualifier, s.kind) == (None, 200, 999, "vague", "count")


@pytest.mark.parametrize("text,piece", [
    ("between 10 and 15 people", "between 10 and 15"),
    ("10-15 people", "10-15"),
    ("10 to 15 people", "10 to 15"),
    ("10–15 people", "10–15"),
    ("from 10 to 15 people were hurt", "from 10 to 15"),
    ("10 - 15 people", "10 - 15"),
])
def test_ranges(text, piece):
    s = one(text, piece)
    assert (s.value, s.low, s.high, s.qualifier, s.kind) == (None, 10, 15, "range", "count")
    assert text[s.num_start:s.num_end] in ("10 and 15", "10 to 15", piece)


def test_range_scale_distributes():
    s = one("between 1.2 and 1.5 million refugees", "between 1.2 and 1.5 million")
    assert (s.low, s.high) == (1_200_000, 1_500_000)
    s = one("2 to 3 million people", "2 to 3 million")
    assert (s.low, s.high) == (2_000_000, 3_000_000)


def test_a_change_is_not_a_range():
    assert spans("the toll rose from 10 to 15") == [("10", 10, "exact", "count"), ("15", 15, "exact", "count")]


def test_bounds_pair_becomes_range():
    s = one("more than 12 and fewer than 30 victims", "more than 12 and fewer than 30")
    assert (s.low, s.high, s.qualifier) == (12, 30, "range")
    # inconsistent bounds stay apart
    assert [x.qualifier for x in find_numbers("more than 30 and fewer than 12")] == ["more_than", "less_than"]


def test_seed_sentences():
    assert spans("8 families were annihilated") == [("8", 8, "exact", "count")]
    assert spans("130 children lost one parent, and 25 lost both parents") == [
        ("130", 130, "exact", "count"), ("one", 1, "exact", "count"), ("25", 25, "exact", "count")]
    assert spans("a 70-year-old woman") == [("70", 70, "exact", "age")]
    assert spans("the 33rd anniversary") == [("33rd", 33, "exact", "ordinal")]
    assert spans("The two-hour offensive") == [("two", 2, "exact", "duration")]
    assert spans("after 44 days of fighting") == [("44", 44, "exact", "duration")]
    assert spans("the 366th Motorized Rifle Regiment") == [("366th", 366, "exact", "ordinal")]
    assert spans("Hide Caption 8 of 25") == [("8", 8, "exact", "identifier"), ("25", 25, "exact", "identifier")]
    assert spans("20 percent of the territory") == [("20 percent", 20, "exact", "percent")]
    assert spans("occupied 1/5th of the territory") == [("1/5th", 0.2, "exact", "fraction")]
    assert spans("which they suffered 26 years ago") == [("26", 26, "exact", "duration")]
    assert spans("in the 1990s") == [("1990s", 1990, "exact", "year")]


def test_feb_25_26_1992():
    text = "in the evening of Feb. 25-26, 1992."
    day, year = find_numbers(text)
    assert (day.text, day.low, day.high, day.qualifier, day.kind) == ("25-26", 25, 26, "range", "date")
    assert (year.text, year.value, year.kind) == ("1992", 1992, "year")
    assert [(s.text, s.kind) for s in find_numbers("on Feb. 26, 1992, after")] == [("26", "date"), ("1992", "year")]


# ------------------------------------------------------------------ reading numbers

@pytest.mark.parametrize("s,value", [
    ("613", 613), ("1,275", 1275), ("1275", 1275), ("1,234,567", 1234567), ("40 000", 40000),
    ("1 234 567", 1234567), ("40\u202f000", 40000), ("12,34,567.89", 1234567.89), (".08", 0.08),
    ("4.800", 4.8), ("1.2", 1.2), ("-5", -5), ("13, 000", 13000),
    ("twenty-one", 21), ("fifty - two", 52), ("one hundred and six", 106), ("one hundred and sixteen", 116),
    ("two thousand and two hundred", 2200), ("two hundred and two thousand", 202000),
    ("twenty-one trillion three hundred", 21_000_000_000_300), ("nineteen hundred", 1900),
    ("a dozen", 12), ("two dozen", 24), ("three dozens", 36), ("half a dozen", 6),
    ("five and a half million", 5_500_000), ("half a million", 500_000), ("one million and a half", 1_500_000),
    ("1.2 million", 1_200_000), ("3 hundred and 21", 321), ("4 thousand 3 hundred and 21", 4321),
    ("10M", 10_000_000), ("10k", 10_000), ("1.2bn", 1_200_000_000), ("13 lakh", 1_300_000),
    ("¾", 0.75), ("2 1/4", 2.25), ("3/4", 0.75), ("two thirds", 2 / 3), ("a third", 1 / 3),
    ("three quarters", 0.75), ("one and a half", 1.5), ("two point five", 2.5), ("minus 5", -5),
    ("zero", 0), ("a hundred", 100), ("a thousand", 1000),
])
def test_parse_number(s, value):
    assert parse_number(s) == pytest.approx(value)


@pytest.mark.parametrize("s", ["", "people", "a", "dozens", "between 10 and 15", "10 and 15", "one two"])
def test_parse_number_none(s):
    assert parse_number(s) is None


def test_list_of_numbers_is_not_one_number():
    assert [s.value for s in find_numbers("1, 234, 567")] == [1, 234, 567]
    assert [s.value for s in find_numbers("Exercises 22,24,26,31.")] == [22, 24, 26, 31]
    assert [s.value for s in find_numbers("423 0000 are two")] == [423, 0, 2]
    assert [s.value for s in find_numbers("In 2017, 300 people died")] == [2017, 300]
    assert [s.value for s in find_numbers("On May 12, 300 people died")] == [12, 300]


def test_artefacts():
    assert one("left 45, 000 people homeless", "45, 000").value == 45000
    assert one("a 5. 8 - magnitude quake", "5. 8").value == 5.8
    assert one("jewels worth £2. 4m", "£2. 4m").value == 2_400_000
    assert one("a 36 - yard run", "36").kind == "unit"


# ------------------------------------------------------------------ approximators

@pytest.mark.parametrize("phrase,qualifier,low,high", [
    ("at least 21", "at_least", 21, None), ("no fewer than 21", "at_least", 21, None),
    ("no less than 21", "at_least", 21, None), ("21 or more", "at_least", 21, None),
    ("more than 21", "more_than", 21, None), ("over 21", "more_than", 21, None),
    ("upwards of 21", "more_than", 21, None), ("in excess of 21", "more_than", 21, None),
    ("up to 21", "at_most", None, 21), ("as many as 21", "at_most", None, 21),
    ("no more than 21", "at_most", None, 21), ("at most 21", "at_most", None, 21),
    ("fewer than 21", "less_than", None, 21), ("less than 21", "less_than", None, 21),
    ("under 21", "less_than", None, 21),
    ("nearly 21", "nearly", None, 21), ("almost 21", "nearly", None, 21), ("close to 21", "nearly", None, 21),
    ("about 21", "about", None, None), ("around 21", "about", None, None), ("some 21", "about", None, None),
    ("roughly 21", "about", None, None), ("approximately 21", "about", None, None),
    ("an estimated 21", "about", None, None), ("21 or so", "about", None, None),
    ("exactly 21", "exact", 21, 21), ("21", "exact", 21, 21),
])
def test_approximators(phrase, qualifier, low, high):
    text = f"They said {phrase} people were killed."
    s = one(text, phrase)
    assert (s.value, s.low, s.high, s.qualifier, s.kind) == (21, low, high, qualifier, "count")
    assert text[s.num_start:s.num_end] == "21"


def test_over_after_a_verb_is_not_an_approximator():
    assert one("police handed over 20 prisoners", "20").qualifier == "exact"
    assert one("the toll went up to 15", "15").qualifier == "exact"


def test_approximated_words_and_money():
    s = one("more than $312 billion was moved", "more than $312 billion")
    assert (s.value, s.qualifier, s.kind) == (312e9, "more_than", "money")
    s = one("about a dozen were hurt", "about a dozen")
    assert (s.value, s.qualifier) == (12, "about")


# ------------------------------------------------------------------ vague amounts

@pytest.mark.parametrize("text,piece,low,high", [
    ("dozens of people", "dozens", 24, 199),
    ("scores of people", "scores", 40, 199),
    ("thousands fled", "thousands", 2000, 9999),
    ("tens of thousands fled", "tens of thousands", 20000, 99999),
    ("hundreds of thousands fled", "hundreds of thousands", 200000, 999999),
    ("several were hurt", "several", 3, 9),
    ("a few were hurt", "a few", 2, 9),
    ("several hundred were hurt", "several hundred", 300, 999),
    ("a handful of survivors", "a handful", 2, 9),
])
def test_vague(text, piece, low, high):
    s = one(text, piece)
    assert (s.value, s.low, s.high, s.qualifier, s.kind) == (None, low, high, "vague", "count")


def test_vague_money_and_duration():
    assert one("millions of dollars", "millions").kind == "money"
    assert one("for several years", "several").kind == "duration"


# ------------------------------------------------------------------ kinds

@pytest.mark.parametrize("text,piece,kind", [
    ("the 33rd anniversary", "33rd", "ordinal"),
    ("for the first time", "first", "ordinal"),
    ("the third attack", "third", "ordinal"),
    ("a third of the town", "a third", "fraction"),
    ("one third of the town", "one third", "fraction"),
    ("two-thirds of voters", "two-thirds", "fraction"),
    ("half of the victims", "half", "fraction"),
    ("a ¾ share", "¾", "fraction"),
    ("one over three", "one over three", "fraction"),
    ("one in five children", "one in five", "fraction"),
    ("in 2020 the war", "2020", "year"),
    ("since 1993 when", "1993", "year"),
    ("the 1995 town massacre", "1995", "year"),
    ("From 1981 to 1984, it", "From 1981 to 1984", "year"),
    ("in 2017-18 the", "2017-18", "year"),
    ("1988 – 1994", "1988 – 1994", "year"),
    ("1992 people were killed", "1992", "count"),
    ("2000 soldiers", "2000", "count"),
    ("on February 26 they", "26", "date"),
    ("on 26 February they", "26", "date"),
    ("on Dec 31 they", "31", "date"),
    ("on 2016-07-15 they", "2016-07-15", "date"),
    ("on 12/03/2025 they", "12/03/2025", "date"),
    ("at 6.40 p.m. the", "6.40 p.m.", "time"),
    ("at 6:40 the", "6:40", "time"),
    ("at 13:14 the", "13:14", "time"),
    ("at 2: 09 a. m. the", "2: 09 a. m.", "time"),
    ("at 10am the", "10", "time"),
    ("at 9 a.m the", "9", "time"),
    ("a 70-year-old woman", "70", "age"),
    ("aged 54, he", "54", "age"),
    ("the 54-year-old man", "54", "age"),
    ("Maria Lopez, 58, and", "58", "age"),
    ("after a woman of 52 died of her burns", "52", "age"),
    ("a family of five died", "five", "count"),
    ("where a trader of 71 died of his injuries", "71", "age"),  # (an agent noun and an age)
    ("a number of 71 people died", "71", "count"),
    ("a container of 50 migrants", "50", "count"),
    ("A trader of 71 died.", "71", "age"),
    ("a trawler of 30 was lost", "30", "count"),
    ("a three-hour siege", "three", "duration"),
    ("after 44 days", "44", "duration"),
    ("for two decades", "two", "duration"),
    ("15% of them", "15%", "percent"),
    ("20 per cent of them", "20 per cent", "percent"),
    ("it cost $5 each", "$5", "money"),
    ("it cost $US6,500", "$US6,500", "money"),
    ("it cost €80 million", "€80 million", "money"),
    ("it cost e80 million", "e80 million", "money"),
    ("it cost 5 dollars", "5 dollars", "money"),
    ("it cost £3bn", "£3bn", "money"),
    ("it cost 80 million euros", "80 million euros", "money"),
    ("a 29km road", "29", "unit"),
    ("180ml of liquid", "180", "unit"),
    ("300 metres away", "300", "unit"),
    ("1.2 miles away", "1.2", "unit"),
    ("a 7.3 magnitude quake", "7.3", "unit"),
    ("a magnitude 7.3 quake", "7.3", "unit"),
    ("5 kg of rice", "5", "unit"),
    ("it was 40 degrees", "40", "unit"),
    ("call 0800 417 2290 now", "0800 417 2290", "phone"),
    ("call +1-222-2222/2222 now", "+1-222-2222/2222", "phone"),
    ("call (555) 123-4567 now", "(555) 123-4567", "phone"),
    ("on Route 7 north", "7", "identifier"),
    ("the MV Tessaly 2 sank", "2", "identifier"),
    ("Channel Five Hareth reported that 70 had died", "Five", "identifier"),  # a number word's capital inside a name
    ("said that Channel Five Hareth reported", "Five", "identifier"),
    ("Gunmen Kill Five In Nigeria", "Five", "count"),  # a Title Case headline
    ("KABUL Three people were killed", "Three", "count"),  # a kicker or a dateline glued on
    ("UPDATE Twelve people died", "Twelve", "count"),
    ("Dana Reel Three people died", "Three", "count"),  # no capital after it: no name
    ("Storm Leaves Three Dead after Flooding in Valley", "Three", "count"),  # a verb before it
    ("Photo: Reuters Twelve Syrian refugees drowned", "Twelve", "count"),  # a credit's end
    ("in Kabul. Two Americans were killed", "Two", "count"),  # a sentence's start
    ("Flight 370 vanished", "370", "identifier"),
    ("won Game 7 at home", "7", "identifier"),
    ("a Falcon 9 rocket", "9", "identifier"),
    ("a Boeing 737 jet", "737", "identifier"),
    ("the Apollo 11 crew", "11", "identifier"),
    ("filed for Chapter 11 protection", "11", "identifier"),
    ("pad 39A was", "39", "identifier"),
    ("COVID-19 cases", "19", "identifier"),
    ("an F-16 jet", "16", "identifier"),
    ("the G20 summit", "20", "identifier"),
    ("No. 5 was", "5", "identifier"),
    ("version 1.2.3 is out", "1.2.3", "identifier"),
    ("host 192.168.1.2 is down", "192.168.1.2", "identifier"),
    ("a 4G phone", "4", "identifier"),
    ("it was minus 20 outside", "minus 20", "other"),
    ("a ratio of 2.5", "2.5", "other"),
])
def test_kinds(text, piece, kind):
    assert one(text, piece).kind == kind


def test_counts():
    for text, piece, value in [("613 of our people", "613", 613), ("1,275 were taken", "1,275", 1275),
                               ("1342 were taken", "1342", 1342), ("five died", "five", 5),
                               ("twenty-one died", "twenty-one", 21), ("a dozen died", "a dozen", 12),
                               ("two dozen died", "two dozen", 24), ("1.2 million fled", "1.2 million", 1.2e6),
                               ("Thirty-one people died", "Thirty-one", 31)]:
        s = one(text, piece)
        assert (s.value, s.qualifier, s.kind) == (value, "exact", "count")


def test_news_safety():
    assert spans("he tested negative 3 times") == [("3", 3, "exact", "count")]
    assert [x.kind for x in find_numbers("killed 2 in 5 attacks")] == ["count", "count"]
    assert one("up to 2 million pounds of cargo", "up to 2 million").kind == "unit"
    assert one("Gunmen Kill 12 In Nigeria", "12").kind == "count"
    assert one("Gunmen Kill 12", "12").kind == "count"
    assert one("a 27-20 win", "27").kind == "count" and one("a 3-13 season", "3").kind == "count"
    assert spans("In 2017, 300 people died") == [("2017", 2017, "exact", "year"), ("300", 300, "exact", "count")]
    assert spans("the 1978 bombings") == [("1978", 1978, "exact", "year")]


def test_one_as_pronoun_is_not_a_number():
    assert spans("The one he saw") == []
    assert spans("Which one did she pick?") == []
    assert spans("one of the victims") == [("one", 1, "exact", "count")]


def test_no_numbers_in_plain_words():
    for text in ("a next of kin", "she was a current member last year", "an", "a", "the quarters",
                 "he scores often", "Someone said anyone could"):
        assert find_numbers(text) == [], text


def test_second_after_a_number_is_its_unit():
    assert spans("30 seconds later") == [("30", 30, "exact", "duration")]
    assert spans("one second") == [("one", 1, "exact", "duration")]


# ------------------------------------------------------------------ API properties

def test_has_number():
    for s in ("613 dead", "twenty-one", "dozens", "hundreds fled", "several", "a few", "scores of", "first",
              "Seven were killed", "½"):
        assert has_number(s), s
    for s in ("", "no figures here", "someone anyone everyone", "a man and a woman"):
        assert not has_number(s), s


def test_module_imports_nothing_of_the_project():
    """numbers.py and its lexer numerals.py stand alone: nothing else of the project."""
    from storytrace.text import numerals

    for module in (numbers, numerals):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                inside = node.level == 1 and node.module == "numerals" and module is numbers
                assert inside or node.level == 0 and not (node.module or "").startswith("storytrace"), ast.dump(node)
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("storytrace") for a in node.names)


def test_offsets_on_the_seed_articles():
    seeds = need_shared("corpora", "seeds")
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = find_numbers(text)
        check_spans(text, found)
        assert found


def test_offsets_on_the_news_cluster():
    path = need_shared("corpora", "news_cluster_dev.jsonl")
    with open(path, encoding="utf-8") as f:
        for line in list(f)[:60]:
            text = json.loads(line)["text"]
            found = find_numbers(text)
            check_spans(text, found)
            for s in found:  # has_number is the cascade filter: it never hides a number
                assert has_number(text[s.start:s.end])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_never_raises_and_spans_are_sane(text):
    found = find_numbers(text)
    check_spans(text, found)
    if not has_number(text):
        assert found == []


_NEWSY = st.lists(st.sampled_from(
    ["at", "least", "21", "1,275", "killed", "and", "injured", "nearly", "70", "others", "between", "10", "15",
     "-", "–", "to", "from", "a", "dozen", "hundreds", "of", "one", "hundred", "and", "six", "half", "million",
     "$", "5", "%", "percent", "Feb.", "26", ",", "1992", "years", "old", "first", "third", "two-thirds", "over",
     "up", "or", "more", "less", "than", ".", "1.2", "3/4", "13, 000", "minus", "Route", "7", "No.", "(", ")"]),
    max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_NEWSY)
def test_newsy_word_salad(text):
    check_spans(text, find_numbers(text))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_number_of_integers(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


# ------------------------------------------------------------------ bounded time on bad input

def _linear(text: str) -> None:
    """find_numbers on an eighth of `text` and on all of it: linear, not quadratic."""
    from conftest import grows_linearly

    ok, t_small, t_large = grows_linearly(lambda t: check_spans(t, find_numbers(t)), text[: len(text) // 8], text)
    assert ok, f"an eighth: {t_small:.3f} s, the whole: {t_large:.3f} s (quadratic?)"


def test_bounded_time_no_punctuation():
    words = ("the army said that 613 civilians were killed in the town while thousands of others fled across the "
             "river toward the south where aid workers waited for news from the ministry about the wounded people "
             "in hospitals there and the officials who came to speak with the families of those who had lost their "
             "homes in the shelling of the old quarter ")  # about as many numbers as news text has
    _linear((words * (5_000_000 // len(words) + 1))[:5_000_000])
    _linear("a" * 5_000_000)


def test_bounded_time_digits():
    _linear("7" * 1_000_000)
    check_spans("7" * 999 + " ", find_numbers("7" * 999 + " "))
    # number-dense junk: linear
    _linear("1 234 " * 30_000)
    _linear("1," * 50_000 + "1.2.3." * 20_000 + "12-" * 20_000)


def test_bounded_time_mixed_scripts():
    text = "Число 42 в ٣٤ 五十 ١٢٣ 𝟓 ⅔ ½ ℃ 12٫5 हिंदी ४२ 😀 Ωμέγα " * 20_000
    _linear(text)
