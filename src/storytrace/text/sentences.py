"""Sentences and quotation marks: the cheap structure every analyser starts from.

One job: split normalised text into sentence spans and find the spans inside
quotation marks, fast (regexes, no model), with offsets into the text.
`quote_spans` gives one span per paragraph piece (what claims.py asks: is this
number inside quotation marks?); `quotations` pairs the marks more carefully
(straight marks by the side they lean on, mixed and nested marks, quotes running
over several paragraphs) for the quotes analyser. `sentence_context` gives what a
claim's row keeps of its text (its sentence, the sentence before when it refers back or
goes on in that sentence's time, its paragraph's start).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple, Optional

from .segments import BODY, SegmentIndex, segments

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


class Quotation(NamedTuple):
    """The text between a pair of quotation marks, marks excluded (offsets into the text).

    `open` / `close` are the offsets of the opening and closing marks, -1 where the
    quote has none: it begins at its paragraph's start (a closing mark with no opening
    one) or runs to its paragraph's end (left open). A quote running over several
    paragraphs is one Quotation: its text holds the paragraph breaks and the marks
    that reopen each paragraph; `paragraphs` counts them.
    """

    start: int
    end: int
    open: int
    close: int
    paragraphs: int = 1


_OPENERS = "“„«"
_CLOSERS = "”»"
_DOUBLE = re.compile(r"''|[“”\"«»„]")  # '' : two apostrophes as a straight double mark (news archives)
_SPACE_BEFORE = set(" \t\n([{—–-/\u00a0")
_SPACE_AFTER = set(" \t\n)]},.;:!?—–-/\u00a0")
_MAX_LIMBO = 3  # paragraphs without a mark an open quote may run over to reach its closing mark


def _leans(para: str, i: int, n: int = 1) -> str:
    """'open' if a mark at i (n characters) leans on the word after it, 'close' if on the word before, else ''."""
    before = para[i - 1] if i > 0 else " "
    after = para[i + n] if i + n < len(para) else " "
    if before in _SPACE_BEFORE and after not in _SPACE_AFTER:
        return "open"
    if before not in _SPACE_BEFORE and (after in _SPACE_AFTER or after in "”’\"'"):
        return "close"
    return ""


def quotations(text: str) -> list[Quotation]:
    """Every double-quoted passage, with its marks; also curly ‘single’ quotes of three
    words or more outside double quotes (an apostrophe is not a quote). Two
    apostrophes ('') count as a straight double mark, as in some news archives.

    Curly marks pair by their shape, straight ones by the side they lean on (`"` after
    a space opens, before one closes), with alternation when it is unclear; a curly
    mark closes a straight one and the other way round when no mark of its own shape
    follows (`"… ”`). A mark of the other kind inside a quote is a nested quote. A
    quote left open at its paragraph's end goes on in the next paragraph when that one
    opens with a quote mark (of the same kind, or of the other kind when that paragraph
    does not pair its own marks: `"…` then `“…,"`), or, over at most three paragraphs
    without marks, in one whose first mark closes; otherwise it ends with its paragraph.
    """
    out: list[Quotation] = []
    pending: list = []  # [start, end, open, paragraphs, shape] of a quote left open
    limbo = 0  # paragraphs without marks since the pending quote's last one
    pos = 0
    for para in text.split("\n"):
        offset = pos
        pos += len(para) + 1
        stripped = para.strip()
        if not stripped:
            continue
        lead = len(para) - len(para.lstrip())
        marks = [(m.start(), '"' if m.group() == "''" else m.group(), m.end() - m.start()) for m in _DOUBLE.finditer(para)]
        state = None  # [content start, open mark, shape, nested count]
        if pending:
            first = marks[0] if marks else None
            shape = "“" if first and first[1] in _OPENERS else '"'
            own_pair = first and first[0] == lead and first[1] != "”" and shape != pending[4] and any(
                (c in _CLOSERS) if shape == "“" else (c == '"') for _, c, _ in marks[1:])
            if own_pair:  # a paragraph with its own pair of the other kind of mark: not a continuation
                out.append(Quotation(pending[0], pending[1], pending[2], -1, pending[3]))
                pending = []
                limbo = 0
            elif limbo and first and first[0] == lead and first[1] not in _CLOSERS:
                out.append(Quotation(pending[0], pending[1], pending[2], -1, pending[3]))  # a new quote
                pending = []
                limbo = 0
            elif first and first[0] == lead and (first[1] in _OPENERS or first[1] == '"' and _leans(para, first[0], first[2]) != "close"):
                state = [pending[0], pending[2], first[1] if first[1] == '"' else "“", 0, pending[3] + limbo + 1]
                marks = marks[1:]
                pending = []
                limbo = 0
            elif first and (first[1] in _CLOSERS or first[1] == '"' and _leans(para, first[0], first[2]) != "open"):
                state = [pending[0], pending[2], "“" if first[1] in _CLOSERS else '"', 0, pending[3] + limbo + 1]
                pending = []
                limbo = 0
            elif not first and limbo < _MAX_LIMBO:
                limbo += 1
                continue
            else:
                out.append(Quotation(pending[0], pending[1], pending[2], -1, pending[3]))
                pending = []
                limbo = 0
        n = len(out)
        _pair(para, offset, marks, state, out, pending)
        _singles(para, offset, out[n:] + ([Quotation(pending[0], pending[1], pending[2], -1)] if pending else []), out)
    if pending:
        out.append(Quotation(pending[0], pending[1], pending[2], -1, pending[3]))
    out.sort()
    return out


def _pair(para: str, offset: int, marks: list, state, out: list, pending: list) -> None:
    seen_any = state is not None
    for k, (i, ch, n) in enumerate(marks):
        rest = marks[k + 1 :]
        if state is None:
            if ch in _OPENERS or ch == '"' and (_leans(para, i, n) != "close" or seen_any):
                state = [offset + i + n, offset + i, "“" if ch != '"' else '"', 0, 1]
            elif not seen_any and i > 0 and para[:i].strip():
                # a closing mark with no opening one: the quote runs from the paragraph's start
                start = offset + len(para) - len(para.lstrip())
                out.append(Quotation(start, offset + i, -1, offset + i, 1))
            seen_any = True
            continue
        shape = state[2]
        if shape == "“":
            if ch == "“" and _leans(para, i) == "close" and not any(c in _CLOSERS for _, c, _ in rest):
                closes = True  # a reversed mark used as the closing one
            elif ch in _OPENERS:
                state[3] += 1
                continue
            elif ch in _CLOSERS:
                if state[3] > 0:
                    state[3] -= 1
                    continue
                closes = True
            else:  # a straight mark inside curly quotes: nested, unless no curly closer follows
                closes = _leans(para, i, n) == "close" and state[3] == 0 and not any(c in _CLOSERS for _, c, _ in rest)
                if not closes:
                    continue
        else:
            if ch in "“„«":
                state[3] += 1  # curly quotes nested in straight ones
                continue
            if ch in _CLOSERS and state[3] > 0:
                state[3] -= 1
                continue
            closes = True
        if closes:
            end = offset + i
            if end > state[0]:
                out.append(Quotation(state[0], end, state[1], offset + i, state[4]))
            state = None
    if state is not None:
        end = offset + len(para.rstrip())
        if end > state[0]:
            pending[:] = [state[0], end, state[1], state[4], state[2]]


def _singles(para: str, offset: int, doubles: list, out: list) -> None:
    """Curly single quotes of three words or more, outside double quotes."""
    i = para.find("‘")
    while i >= 0:
        j = para.find("’", i + 1)
        while j > 0 and j + 1 < len(para) and para[j + 1].isalpha():  # an apostrophe inside
            j = para.find("’", j + 1)
        if j < 0:
            return
        inside = any(q.start <= offset + i < q.end for q in doubles)
        if not inside and len(para[i + 1 : j].split()) >= 3:
            out.append(Quotation(offset + i + 1, offset + j, offset + i, offset + j, 1))
        i = para.find("‘", j + 1)


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


#: A sentence that opens by referring back ("It killed 612 people", "The quake injured ...").
ANAPHORA = re.compile(r"(?:It|They|This|That|These|Those|Since\s+(?:then|that)|The\s+(?:quake|earthquake|attack|blast|"
                       r"explosion|fire|storm|bombing|shooting|crash|flood|disaster|tragedy|incident|massacre|raid|riot|"
                       r"clashes))\b")


def sentence_before(text: str, s0: int) -> Optional[tuple[int, int]]:
    """The sentence before `s0`: in the same paragraph, or the last sentence of the
    paragraph before when `s0` opens one (a one-sentence paragraph that opens "It killed
    612 people" speaks of what the paragraph before named). None at the text's start."""
    line_start = text.rfind("\n", 0, s0) + 1
    while line_start >= s0 or not text[line_start:s0].strip():
        if line_start == 0:
            return None
        s0 = line_start - 1  # the paragraph before (blank lines skipped)
        line_start = text.rfind("\n", 0, s0) + 1
    line_start = max(line_start, s0 - BEFORE_REACH)  # (a paragraph's last sentence is near its end: linear)
    spans = sentences(text[line_start:s0])
    if not spans:
        return None
    a, b = spans[-1]
    return line_start + a, line_start + b


BEFORE_REACH = 2000  # characters looked back for the sentence before


_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_ELSEWHERE = re.compile(r"\b(?:a\s+separate|elsewhere|unrelated)\b", re.IGNORECASE)
#: A sentence that gives a time of its own, or speaks in the present ("are dead", "has risen"):
#: it does not go on in the time the sentence before set.
_OWN_TIME = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|(?:Jan|Febr)uary|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|tonight|now|ago|week|month|year|"
    r"is|are|has|have|remains?)\b", re.IGNORECASE)


#: A place word that points back to the place the sentence before named ("27 people had died there"; not
#: "there were 27 dead", nor a sentence that opens "There").
_THERE = re.compile(r"(?<=[a-z,] )there\b(?!['’](?:s|re|ll|d)\b)(?!\s+(?:(?:still|now|also|then|never|again)\s+)?"
                    r"(?:is|are|was|were|has|have|had|will|would|may|might|could|should|must|seem|seems|seemed|remain|"
                    r"remains|remained|appear|appears|appeared|be|been|being|exists?|existed|lies|lay|stands?|stood|"
                    r"comes?|came|'s|’s)\b)")
#: A time word that points back to the time the sentence before set ("More than 50 people died then").
_THEN = re.compile(r"\b(?:then|at\s+the\s+time|that\s+(?:day|night|year))\b", re.IGNORECASE)


def points_back(sentence: str) -> bool:
    """A sentence whose place word points back to the place the sentence before named ("27
    people had died there")."""
    return _THERE.search(sentence) is not None


def own_time(sentence: str) -> bool:
    """A sentence that gives a time of its own or speaks in the present ("on Tuesday", "are dead")."""
    return _OWN_TIME.search(sentence) is not None


def sentence_context(text: str, s0: int, s1: int) -> tuple[str, Optional[str], int]:
    """What a claim's row keeps of its text: its sentence's words, the sentence before
    (across a paragraph break too) when its own opens by referring back ("It killed 612
    people") or, in its paragraph, by a place word ("27 people had died there"), or when it tells in the past
    of no time of its own (or of "then") and the sentence before, in
    its paragraph, gives a year or another event (a recalled or a separate event's story goes
    on: "In a separate disaster, ... The office said four had died"), and where its paragraph starts."""
    paragraph = text.rfind("\n", 0, s0) + 1
    if ANAPHORA.match(text, s0) or paragraph < s0 and _THERE.search(text, s0, s1):  # ("... had died there")
        before = sentence_before(text, s0)
    else:  # a narrative in the past goes on in the time its paragraph set ("..., in the spring of 2011, ... still 57 died")
        before = sentence_before(text, s0) if paragraph < s0 and (
            not _OWN_TIME.search(text, s0, s1) or _THEN.search(text, s0, s1)) else None
        if before is not None and (before[0] < paragraph or not (_YEAR.search(text, before[0], before[1])
                                                                  or _ELSEWHERE.search(text, before[0], before[1]))):
            before = None
    if before is not None and before[0] < paragraph and SegmentIndex(segments(text)).kind(before[0]) != BODY:
        before = None  # the paragraph before is a caption, a credit, a heading of another story: not what "It" is
    return text[s0:s1], text[before[0] : before[1]] if before else None, paragraph
