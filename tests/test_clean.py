"""Decoding, normalisation, boilerplate removal, the article test, language, titles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from storytrace.ingest.clean import IngestError, check_article, clean_text, decode, detect_language, furniture_kind, guess_title, normalise, remove_boilerplate


def test_decode_utf8_bom_utf16_and_cp1252():
    assert decode("Café opens".encode("utf-8")) == ("Café opens", "utf-8")
    assert decode(b"\xef\xbb\xbfHello there") == ("Hello there", "utf-8")
    assert decode("Zürich news".encode("utf-16")) == ("Zürich news", "utf-16")
    assert decode(b"Caf\xe9 \x93quoted\x94") == ("Café “quoted”", "cp1252")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"   \n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"ok text \x81\x8d\x90 more", "undecodable bytes"),
    ],
)
def test_decode_rejects(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode(data)


def test_normalise_keeps_words_and_unifies_space():
    raw = "Line one\r\nLine\u00a0two\u200b  with   spaces \t\r\n\r\n\r\n\r\nLast\u00adline\u2028end "
    assert normalise(raw) == "Line one\nLine two with spaces\n\nLastline\nend"


def test_normalise_composes_unicode():
    assert normalise("Kalın e\u0301") == "Kalın é"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), max_size=12))
def test_boilerplate_removal_only_drops_whole_lines(lines):
    text = normalise("\n".join(lines))
    cleaned = remove_boilerplate(text)
    kept = [line for line in cleaned.text.split("\n") if line]
    original = text.split("\n")
    assert all(line in original for line in kept)
    assert all(line in original for line in cleaned.boilerplate)
    assert sum(cleaned.kinds.values()) == len(cleaned.boilerplate)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("© 2024 The Riverside Gazette. All rights reserved.", "copyright"),
        ("Copyright 2019 Example Press. This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        ("Advertisement", "advertisement"),
        ("Advertisement Continue reading the main story", "advertisement"),
        ("Read more: Storm closes the harbour road", "related-links"),
        ("Harbour road reopens after the storm Read more", "related-links"),
        ("Share this article", "share-buttons"),
        ("Facebook Twitter Email", "share-buttons"),
        ("Fields marked with * are required.", "comment-form"),
        ("Please enter the characters as shown in the image below.", "comment-form"),
        ("Report a typo by selecting it and pressing ctrl + enter", "comment-form"),
        ("Sign up for our daily newsletter", "subscription"),
        ("We use cookies to improve your experience on our site.", "cookie-notice"),
        ("404 Not Found", "error-page"),
        ("Hide Caption 3 of 12", "media-caption"),
        ("___", "separator"),
    ],
)
def test_furniture_lines(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The company cut 403 jobs in March, the union said.",
        "Customers can sign up for alerts on the company's website, a spokesman said.",
        "The minister declined to comment on the figures.",
        "Police said the copyright dispute had nothing to do with the fire.",
        "About 404 people were evacuated from the valley.",
        "He urged readers to read more about the history of the town.",
        "Share prices fell 4 percent on Monday.",
    ],
)
def test_article_sentences_are_not_furniture(line):
    assert furniture_kind(line) is None


def test_clean_text_moves_footer_to_boilerplate():
    text = (
        "Flood waters rose across the valley on Sunday, forcing hundreds from their homes.\n\n"
        "Advertisement\n\n"
        "Officials said the river would crest on Tuesday.\n\n"
        "© 2024 The Valley Courier\n"
        "Leave a comment\n"
        "Fields marked with * are required."
    )
    cleaned = clean_text(text)
    assert cleaned.text == (
        "Flood waters rose across the valley on Sunday, forcing hundreds from their homes.\n\n"
        "Officials said the river would crest on Tuesday."
    )
    assert cleaned.boilerplate == [
        "Advertisement",
        "© 2024 The Valley Courier",
        "Leave a comment",
        "Fields marked with * are required.",
    ]


def test_short_briefs_are_articles():
    clean_text("Veteran swimmer and film star dies at 91")  # seven words: an article
    clean_text("March 3, 2021\nThe lighthouse keeper retired after forty years.")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Sorry, this postcode is not in our deliverable area.\nGet digital access", "subscription"),
        ("404 Not Found\nThe page you requested could not be found.", "error page"),
        ("We use cookies to give you the best experience. Accept cookies", "cookie notice"),
        ("Photo\nVideo", "page furniture"),
        ("Breaking news", "only 2 words"),
    ],
)
def test_non_articles_are_rejected_with_reason(text, reason):
    with pytest.raises(IngestError, match="not an article") as e:
        clean_text(text)
    assert reason in str(e.value)


def test_check_article_passes_text_with_furniture():
    cleaned = remove_boilerplate("The bridge reopened to traffic on Friday morning.\nShare this article")
    check_article(cleaned)
    assert cleaned.boilerplate == ["Share this article"]


def test_language_detection():
    assert detect_language("The ferry caught fire shortly after leaving the harbour, officials said.") == "en"
    assert detect_language("Die Fähre geriet kurz nach dem Auslaufen aus dem Hafen in Brand, sagten Beamte.") == "de"
    assert detect_language("ok") is None


def test_guess_title():
    assert guess_title("Storm closes harbour road\n\nThe storm closed the road.") == "Storm closes harbour road"
    assert guess_title("The storm closed the road on Monday.\nMore text.") is None
    assert guess_title("Only one line without a full stop") is None


def test_a_combining_mark_on_a_digit_does_not_cut_the_number():
    from storytrace.analyse.claims import extract
    from storytrace.ingest.clean import normalise

    text = normalise("At least 1\u03012 people were killed, and the caf\u00e9 and e\u0301 keep their accents.")
    assert text.startswith("At least 12 people") and "café" in text and "é" in text
    assert [(c.measure, c.value) for c in extract(text)] == [("killed", 12.0)]
    assert normalise("3\ufe0f\u20e3 people") == "3 people"  # an emoji keycap
