"""Publication dates from the text, with their evidence, and conflicts with metadata."""

from __future__ import annotations

from datetime import date

from storytrace.dates import analyse_dates, date_from_text
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
    from storytrace.dates import date_from_url

    d = date_from_url("https://news.example/sport/2016/11/13/late-goal-wins-it/")
    assert (d.how, d.low, d.evidence) == ("url", date(2016, 11, 13), "2016/11/13")
    assert date_from_url("https://news.example/a-41939790") is None
    assert date_from_url("https://news.example/2016/13/45/x") is None
    ann = analyse_dates(Document(id="u", source="u", text="The match ended late.", url="https://news.example/2016/11/13/x",
                                 published="2017-03-22"))
    assert ann.document_updates["date_conflict"].startswith("its URL dates it 2016-11-13")
    ann = analyse_dates(Document(id="v", source="v", text="The match ended late.", url="https://news.example/20161113/x"))
    assert (ann.document_updates["published"], ann.document_updates["published_how"]) == ("2016-11-13", "url")
