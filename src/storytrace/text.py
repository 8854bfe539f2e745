"""Sentences and quotation marks: the cheap structure every analyser starts from.

One job: split normalised text into sentence spans and find the spans inside
quotation marks, fast (regexes, no model), with offsets into the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cpt", "maj", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "st", "mt", "ft", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est",
    "u.s", "u.k", "u.n", "a.m", "p.m", "e.g", "i.e", "al", "fig", "pp", "vol", "dept", "univ", "ave",
}
_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+|$)|\n+""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; newlines always end one; whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if not m.group().startswith("\n"):
            stop = m.start()
            before = _WORD_BEFORE.search(text, max(start, stop - 12), stop + 1)
            if before and m.group().startswith("."):
                word = before.group(1).lower().rstrip(".")
                if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                    continue  # "Feb. 26", "U.S. troops", "John F. Kennedy"
            nxt = text[end : end + 2].lstrip()
            if nxt[:1].islower() or nxt[:1].isdigit() and m.group() == ".":
                continue  # "6.40 p.m. on Tuesday", "... about 3. 5 people": not a new sentence
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


_OPEN_CLOSE = {"“": "”", "‘": "’", "«": "»", "„": "“"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside quotation marks, marks excluded.

    Curly quotes pair as opening and closing; straight double quotes alternate within
    a paragraph. Single quotes count only as curly ‘…’ pairs of at least three words
    (an apostrophe is not a quote). A quote left open runs to its paragraph's end,
    and the next paragraph opening with a quote mark continues it.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        _quotes_in(para, pos, spans)
        pos += len(para) + 1
    return spans


_QUOTE_MARK = re.compile(r"[“”\"«»„‘’]")


def _quotes_in(para: str, offset: int, spans: list[tuple[int, int]]) -> None:
    open_at = None
    closer = None
    for m in _QUOTE_MARK.finditer(para):
        ch = m.group()
        i = m.start()
        if open_at is None:
            if ch in _OPEN_CLOSE and ch != "‘":
                open_at, closer = i + 1, _OPEN_CLOSE[ch]
            elif ch == "‘" and para.find("’", i + 1) > 0:
                j = para.find("’", i + 1)
                while j > 0 and j + 1 < len(para) and para[j + 1].isalpha():  # an apostrophe inside
                    j = para.find("’", j + 1)
                if j > 0 and len(para[i + 1 : j].split()) >= 3:
                    spans.append((offset + i + 1, offset + j))
            elif ch == '"':
                open_at, closer = i + 1, '"'
            elif ch == "”" :  # a closing mark with no opening one: quote from paragraph start
                if i > 0:
                    spans.append((offset, offset + i))
        else:
            if ch == closer or (closer == "”" and ch == '"') or (closer == '"' and ch == "”"):
                if i > open_at:
                    spans.append((offset + open_at, offset + i))
                open_at = closer = None
    if open_at is not None and len(para) > open_at:
        spans.append((offset + open_at, offset + len(para)))


class Spans:
    """Fast 'is this offset inside one of these spans' for sorted, non-nested spans."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def find(self, pos: int) -> int:
        """Index of the span containing pos, or -1."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return i
        return -1
