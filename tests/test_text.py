"""Sentence splitting and quotation spans."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from storytrace.text.sentences import Spans, quote_spans, sentences


def _split(text):
    return [text[s:e] for s, e in sentences(text)]


def test_sentences_keep_abbreviations_times_and_initials():
    text = ("The fire broke out at 6.40 p.m. on Tuesday. Dr. Amara Quell said 19 died. "
            "U.S. and U.N. teams arrived on Feb. 12. John F. Keller wrote: \"We wait.\" Then silence.")
    assert _split(text) == [
        "The fire broke out at 6.40 p.m. on Tuesday.",
        "Dr. Amara Quell said 19 died.",
        "U.S. and U.N. teams arrived on Feb. 12.",
        'John F. Keller wrote: "We wait."',
        "Then silence.",
    ]


def test_newlines_end_sentences():
    assert _split("Headline without stop\nFirst line. Second line!\n\nThird?") == [
        "Headline without stop", "First line.", "Second line!", "Third?"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"“”’'12A")), max_size=200))
def test_sentence_spans_are_ordered_trimmed_and_inside(text):
    prev = 0
    for s, e in sentences(text):
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e


def test_quote_spans_curly_straight_and_open():
    text = ('“We have recovered 19 bodies,” said the chief. He added: "Six are missing." '
            "It’s ‘a dark day for the lake’, she wrote.\n“An open quote runs to the end")
    got = [text[s:e] for s, e in quote_spans(text)]
    assert got == ["We have recovered 19 bodies,", "Six are missing.", "a dark day for the lake", "An open quote runs to the end"]


def test_apostrophes_are_not_quotes():
    assert quote_spans("The captain’s log and the crew’s statement differ.") == []


def test_spans_lookup():
    spans = Spans([(10, 20), (30, 40)])
    assert [spans.find(p) for p in (5, 10, 19, 20, 35, 45)] == [-1, 0, 0, -1, 1, -1]
