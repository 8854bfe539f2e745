"""storytrace.text.timex: date expressions in news text and their resolution to days.

Examples are written here; the Recognizers-Text DateTime spec is scored by eval/dates_recognizers.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storytrace.text.dayspan import resolve
from storytrace.text.timex import MONTH_NAMES, WEEKDAY_NAMES, DateMention, find_dates, weekday_name

from conftest import need_shared

D = dt.date


def one(text: str, piece: str | None = None) -> DateMention:
    """The single mention (or the one whose text is `piece`)."""
    found = find_dates(text)
    if piece is not None:
        found = [m for m in found if m.text == piece]
    assert len(found) == 1, (text, piece, found)
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


def iv(text: str, ref: D, piece: str | None = None, **kw):
    return resolve(one(text, piece), ref, **kw)


# ---------------------------------------------------------------- datelines

@pytest.mark.parametrize("text, piece, month, day", [
    ("PORT VELLIN, March 12 (Lakeside Wire) – Rescuers searched the lake.", "March 12", 3, 12),
    ("Ankara, February 23, AZERTAC. Turkish officials", "February 23", 2, 23),
    ("SAN JOSE, Dec 31 (Reuters) - A fire broke out", "Dec 31", 12, 31),
])
def test_datelines(text, piece, month, day):
    m = one(text, piece)
    assert (m.kind, m.year, m.month, m.day) == ("date", None, month, day)
    assert m.start == text.index(piece)
    assert resolve(m, D(2020, 3, 20)) == (D(2020, month, day),) * 2 or month == 12
    assert resolve(one(text, piece), D(2021, 1, 5))[0].year in (2020, 2021)


def test_dateline_without_year_is_closest_past():
    m = one("SAN JOSE, Dec 31 (Reuters) -")
    assert resolve(m, D(2021, 1, 2)) == (D(2020, 12, 31), D(2020, 12, 31))
    assert resolve(one("PORT VELLIN, March 12 (Lakeside Wire) –"), D(2020, 3, 12)) == (D(2020, 3, 12),) * 2


def test_iso_with_time():
    m = one("Updated: 2016-07-15 13:14")
    assert (m.kind, m.year, m.month, m.day, m.time) == ("date", 2016, 7, 15, "13:14")
    assert m.text == "2016-07-15 13:14"
    assert resolve(m, D(2020, 1, 1)) == (D(2016, 7, 15), D(2016, 7, 15))


# ---------------------------------------------------------------- anniversaries

def test_anniversary_with_event():
    text = "Azerbaijanis gathered on the 33rd anniversary of the Khojaly Massacre in Baku."
    m = one(text)
    assert (m.kind, m.ordinal) == ("anniversary", 33)
    assert text[m.event_start:m.event_end] == "the Khojaly Massacre"
    assert resolve(m, D(2025, 2, 26)) is None


def test_anniversary_words_and_marks():
    text = "Relatives met on the first anniversary of the ferry disaster."
    m = one(text)
    assert (m.kind, m.ordinal, text[m.event_start:m.event_end]) == ("anniversary", 1, "the ferry disaster")
    text = "Today marks the 34th anniversary of the Khojaly genocide, officials said."
    found = find_dates(text)
    assert [x.kind for x in found] == ["relative", "anniversary"]
    assert found[1].ordinal == 34 and text[found[1].event_start:found[1].event_end] == "the Khojaly genocide"


# ---------------------------------------------------------------- relative

@pytest.mark.parametrize("text, offset, unit, approx", [
    ("26 years ago", -26, "year", False),
    ("It happened nearly 30 years ago.", -30, "year", True),
    ("two days ago", -2, "day", False),
    ("yesterday", -1, "day", False),
    ("tomorrow", 1, "day", False),
    ("last week", -1, "week", False),
    ("next month", 1, "month", False),
    ("this year", 0, "year", False),
])
def test_relative(text, offset, unit, approx):
    m = [x for x in find_dates(text) if x.kind == "relative"]
    assert len(m) == 1 and (m[0].offset, m[0].unit, m[0].approx) == (offset, unit, approx)


def test_relative_resolution():
    ref = D(2018, 10, 17)
    assert iv("26 years ago", ref) == (D(1992, 1, 1), D(1992, 12, 31))
    assert iv("two months ago", ref) == (D(2018, 8, 1), D(2018, 8, 31))
    assert iv("two months ago", ref, point=True) == (D(2018, 8, 17),) * 2
    assert iv("two days ago", ref) == (D(2018, 10, 15),) * 2
    assert iv("yesterday", ref) == (D(2018, 10, 16),) * 2
    assert iv("last week", ref) == (D(2018, 10, 8), D(2018, 10, 14))
    assert iv("three weeks from tomorrow", ref) == (D(2018, 11, 8),) * 2


# ---------------------------------------------------------------- months, years, seasons, ranges

def test_season():
    m = one("The plant closed in the fall of 2020.")
    assert (m.kind, m.year, m.month, m.end_month) == ("season", 2020, 9, 11)
    assert resolve(m, D(2022, 1, 1)) == (D(2020, 9, 1), D(2020, 11, 30))
    assert resolve(one("spring 2019"), D(2022, 1, 1)) == (D(2019, 3, 1), D(2019, 5, 31))


def test_day_ranges():
    m = one("The massacre took place on Feb. 25-26, 1992 in Khojaly.")
    assert (m.kind, m.text, m.year, m.month, m.day, m.end_year, m.end_month, m.end_day) == (
        "range", "Feb. 25-26, 1992", 1992, 2, 25, 1992, 2, 26)
    assert resolve(m, D(2020, 1, 1)) == (D(1992, 2, 25), D(1992, 2, 26))
    m = one("On the night from February 25-26, 1992, troops entered the town.")
    assert (m.kind, m.day, m.end_day, m.year) == ("range", 25, 26, 1992)
    m = one("25-26 February 1992")
    assert (m.kind, m.day, m.end_day, m.month) == ("range", 25, 26, 2)


def test_since_and_months():
    m = one("Fighting has continued since October 10, 2020.")
    assert (m.kind, m.year, m.month, m.day, m.text) == ("date", 2020, 10, 10, "October 10, 2020")
    m = one("The town has been occupied since October 1991.")
    assert (m.kind, m.year, m.month, m.day) == ("month", 1991, 10, None)
    assert resolve(m, D(2020, 1, 1)) == (D(1991, 10, 1), D(1991, 10, 31))
    m = one("Prices rose in September 2023.")
    assert (m.kind, m.year, m.month) == ("month", 2023, 9)
    m = one("They met in February.")
    assert (m.kind, m.month, m.text) == ("month", 2, "February")
    assert resolve(m, D(2020, 1, 10)) == (D(2019, 2, 1), D(2019, 2, 28))


def test_year_ranges():
    m = one("He served in 1988 – 1994 as mayor.")
    assert (m.kind, m.year, m.end_year) == ("range", 1988, 1994)
    assert resolve(m, D(2020, 1, 1)) == (D(1988, 1, 1), D(1994, 12, 31))
    m = one("from 1988 to 1990")
    assert (m.kind, m.text, m.year, m.end_year) == ("range", "from 1988 to 1990", 1988, 1990)
    m = one("in 1992")
    assert (m.kind, m.year, m.text) == ("year", 1992, "1992")


def test_full_dates():
    for text, ymd in [("26 February 1992", (1992, 2, 26)), ("Feb. 26, 1992", (1992, 2, 26)),
                      ("12/03/2025", (2025, 12, 3)), ("2016-07-15", (2016, 7, 15))]:
        m = one(text)
        assert (m.kind, m.year, m.month, m.day) == ("date", *ymd), text
        assert resolve(m, D(2000, 1, 1)) == (D(*ymd), D(*ymd))
    m = one("Monday, Feb. 26")
    assert (m.kind, m.weekday, m.month, m.day) == ("date", 0, 2, 26)


# ---------------------------------------------------------------- weekdays

def test_weekdays():
    ref = D(2020, 10, 29)  # a Thursday
    m = one("Rockets hit Barda on Wednesday.")
    assert (m.kind, m.weekday, m.text) == ("weekday", 2, "Wednesday")
    assert resolve(m, ref) == (D(2020, 10, 28),) * 2
    m = one("Wednesday's attack killed 21 civilians.", "Wednesday")
    assert m.kind == "weekday" and resolve(m, ref) == (D(2020, 10, 28),) * 2
    assert iv("on Thursday", ref) == (ref, ref)  # same day allowed
    assert iv("on Friday night", ref) == (D(2020, 10, 23),) * 2
    assert iv("last Monday", ref) == (D(2020, 10, 19),) * 2  # Monday of the previous week
    assert iv("next Monday", ref) == (D(2020, 11, 2),) * 2
    assert weekday_name(2) == "Wednesday" and WEEKDAY_NAMES[6] == "Sunday" and MONTH_NAMES[4] == "May"


# ---------------------------------------------------------------- not dates

@pytest.mark.parametrize("text", [
    "Shelling killed 21 people.", "a two-hour offensive", "They finished a 5-11 season.", "along Route 7",
    "May I ask a question?", "the 366th regiment", "He may leave.", "at 10:30 the bus left", "2000 people fled",
    "The bill costs $1500.", "1,992 soldiers", "Section 2.12 says", "",
])
def test_not_dates(text):
    assert find_dates(text) == [], find_dates(text)


def test_may_month():
    assert one("It happened on May 12.").month == 5
    assert one("Elections are due in May.").month == 5
    assert one("May 2019").kind == "month"


def test_offsets():
    text = "ANKARA, February 23, AZERTAC. On Wednesday, 26 years ago, in 1992, on Feb. 25-26, 1992."
    for m in find_dates(text):
        assert text[m.start:m.end] == m.text
    assert [m.text for m in find_dates(text)] == ["February 23", "Wednesday", "26 years ago", "1992",
                                                  "Feb. 25-26, 1992"]


# ---------------------------------------------------------------- robustness

_PIECES = list("0123456789 -/.,:'abcdefhilmnorstuyADFJMNOSTW\n–") + [
    "May ", "March ", "Monday ", "on ", "the ", "ago", "years ", "1992", "anniversary of ", "from ", "to ", "last ",
    "2020-", "th ", "Feb. ", "29", "31"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=60))
def test_never_raises(text):
    last = 0
    for m in find_dates(text):
        assert 0 <= m.start < m.end <= len(text) and m.start >= last
        assert text[m.start:m.end] == m.text
        last = m.end
        resolve(m, D(2020, 2, 29))
        resolve(m, D(1, 1, 1))
        resolve(m, D(9999, 12, 31))


def test_bounded_time_on_large_inputs():
    from conftest import grows_linearly

    for text in ("word " * 1_000_000, "7" * 1_000_000, "1992 " * 200_000):  # 5 MB, no punctuation; digits; years
        ok, t_small, t_large = grows_linearly(find_dates, text[: len(text) // 8], text, repeat=2)
        assert ok, f"{text[:8]!r}...: an eighth {t_small:.3f} s, the whole {t_large:.3f} s (quadratic?)"


def test_shared_seeds_find_dates():
    seeds = need_shared("corpora", "seeds")
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    assert texts
    for t in texts:
        for m in find_dates(t):
            assert t[m.start:m.end] == m.text
    assert any(m.kind == "anniversary" for t in texts for m in find_dates(t))


def test_holidays():
    import datetime as dt

    from storytrace.text.holidays import easter, holiday

    assert [easter(y) for y in (2016, 2018, 2019, 2024)] == [
        dt.date(2016, 3, 27), dt.date(2018, 4, 1), dt.date(2019, 4, 21), dt.date(2024, 3, 31)]
    assert holiday("thanksgiving", 2017) == dt.date(2017, 11, 23) and holiday("black friday", 2010) == dt.date(2010, 11, 26)
    assert holiday("memorial day", 2018) == dt.date(2018, 5, 28) and holiday("labor day", 2018) == dt.date(2018, 9, 3)
    ref = dt.date(2019, 6, 12)

    def one(text):
        ms = find_dates(text)
        assert len(ms) == 1, ms
        return ms[0], resolve(ms[0], ref)

    m, span = one("A migrant mob went on the rampage in the city on New Year's Eve.")
    assert (m.text, m.kind, m.month, m.day, span[0]) == ("New Year's Eve", "date", 12, 31, dt.date(2018, 12, 31))
    m, span = one("It was quiet last Easter.")
    assert (m.text, m.kind, span[0]) == ("last Easter", "holiday", dt.date(2019, 4, 21))
    assert one("They met after Easter.")[1][0] == dt.date(2019, 4, 21)
    assert one("It reopens next Easter.")[1][0] == dt.date(2020, 4, 12)
    m, span = one("I'll go back on black friday 2010")
    assert (m.text, m.kind, span[0]) == ("black friday 2010", "date", dt.date(2010, 11, 26))
    assert one("The storm brought 34 inches of snow on Christmas Day.")[1][0] == dt.date(2018, 12, 25)
    # not dates: names and things that carry a holiday's word
    for text in ("They sailed to Easter Island.", "Christmas shopping was slow.", "The Easter Rising failed.",
                 "Halloween costumes sold out.", "You may day-dream.", "Wishing everyone a happy new year.",
                 "Mass was said at St Patrick's Cathedral.", "Protesters wore Guy Fawkes masks.",
                 "Fireworks marked Lunar New Year's Eve.", "Believers marked Orthodox Christmas Day.",
                 "The Good Friday Agreement holds.", "Crowds gathered for Chinese New Year's Day 2018."):
        assert [m for m in find_dates(text) if m.kind in ("holiday", "date", "weekday")] == [], text
