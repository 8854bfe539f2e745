"""A document's opening as the cross-document stages read it (pure): one `leads` row.

One job: what the events and stories stages need of a document's title and opening,
found once per document (by the mentions analyser) so that no stage reads the text
again: where its lead ends (its first two body sentences: segments.py), its first two
sentences whatever their kind, its first line, the latest year it names; and the words
the stories stage compares (`words`: the weighted terms of its title and opening, its
names and figures, the year it names most); and the reports it calls false or withdrawn
without their number (`retractions.denials`), which the events stage looks for in the
story's other documents.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import NamedTuple, Optional

from ..model import Lead, make_id
from .retractions import denials
from ..text.segments import BODY, SegmentIndex, segments
from ..text.sentences import sentences

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
OPENING = 3000  # characters of text the stories stage compares (after the title)
CAPITAL_WEIGHT = 2  # a capitalised word (a name, a place) counts twice
_OPENING_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


LEAD_SENTENCES = 2  # a document's lead: its first body sentences
LEAD_CHARS = 2000  # ... within its first characters
LEDE_CHARS = 1000  # its first sentences, whatever their kind, within its first characters
SCAN_CHARS = 30_000  # where an undated text's latest year is looked for


def lead_end(text: str, spans: list[tuple[int, int]], kinds: list[str]) -> int:
    """Where a document's lead ends: after its first LEAD_SENTENCES body sentences."""
    body = [e for (s, e), k in zip(spans, kinds) if k == BODY]
    return body[min(LEAD_SENTENCES, len(body)) - 1] if body else 0


def lead_row(doc_id: str, text: str, title: Optional[str] = None) -> Lead:
    """A document's `leads` row: where its lead and its first sentences end, the opening
    they span, its first line and the latest year its opening names; the words of its
    title and opening the stories stage compares (`words`)."""
    head = text[:LEAD_CHARS]
    spans = sentences(head)
    where = SegmentIndex(segments(text))  # (the whole text's: a line cut at LEAD_CHARS reads alike)
    lead = lead_end(head, spans, [where.kind(s) for s, _ in spans])
    lede = sentences(text[:LEDE_CHARS])[:2]
    start, end = (lede[0][0], lede[-1][1]) if lede else (0, 0)
    years = [int(y) for y in YEAR.findall(text[:SCAN_CHARS])]
    said = words(title, text)
    return Lead(id=make_id(doc_id, "lead"), doc_id=doc_id, lead_end=lead, lede_start=start, lede_end=end,
                opening=text[: max(lead, end)], first_line=text[:120].split("\n", 1)[0],
                latest_year=max(years) if years else None, terms=json.dumps(said.terms, separators=(",", ":")),
                names=json.dumps(said.names, separators=(",", ":")), year_named=said.year,
                denials=json.dumps([[d.start, d.end, list(d.names), list(d.kinds), d.measure] for d in denials(text)],
                                   separators=(",", ":")))


class Words(NamedTuple):
    """What the stories stage compares of a document: its title's and opening's weighted
    terms, its names and figures, and the year its opening names most (None: none)."""

    terms: Counter
    names: Counter
    year: Optional[int]


def words(title: Optional[str], text: str) -> Words:
    """A document's `Words` from its title and text."""
    found = Counter(int(y) for y in _OPENING_YEAR.findall(f"{title or ''} {text[:OPENING // 3]}"))
    year = max(found.items(), key=lambda kv: (kv[1], kv[0]))[0] if found else None
    return Words(terms(title, text), names(title, text), year)


def stored_words(terms_json: Optional[str], names_json: Optional[str], year: Optional[int],
                 pool: Optional[dict[str, str]] = None) -> Words:
    """A `leads` row's Words. `pool`: a caller's own word -> word dictionary, so that each
    word is one string however many vectors hold it (the stories stage keeps one per story);
    it goes when the caller drops it (sys.intern's strings would stay for good)."""
    def counts(raw: Optional[str]) -> Counter:
        found = json.loads(raw or "{}")
        if pool is None:
            return Counter(found)
        return Counter({pool.setdefault(w, w): k for w, k in found.items()})

    return Words(counts(terms_json), counts(names_json), year)


_TERM = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+")
STOPWORDS = frozenset(
    "a an the of on in at to for from by with and or but as is was were be been are it its this that these "
    "those which who whom whose than then there their they he she his her we our you your i s not no so if "
    "into over after before during while about up out said says say has have had will would could should "
    "may might can also more most one two three new year years last first told just what when where how "
    "all any some other such only very been being here them him me my mr mrs ms now out off get got like "
    "because many much even still back well way make made time day days week weeks month months people".split()
)


_NAME = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d[\d.,:]*\d|\d")


def terms(title: Optional[str], text: str) -> Counter:
    """Weighted term counts of a document's title and opening."""
    c: Counter = Counter()
    stop = STOPWORDS
    for w in _TERM.findall(f"{title or ''}\n{text[:OPENING]}"):
        lw = w.lower()
        if len(lw) < 3 or lw in stop:
            continue
        if "’" in lw:
            lw = lw.replace("’", "'")
        c[lw] += CAPITAL_WEIGHT if w[0].isupper() else 1
    return c


def names(title: Optional[str], text: str) -> Counter:
    """Names and figures of a document's title and opening: capitalised words, numbers."""
    c: Counter = Counter()
    stop = STOPWORDS
    for w in _NAME.findall(f"{title or ''}\n{text[:OPENING]}"):
        if w[0].isdigit():
            if len(w) >= 3 or "." in w:
                c["#" + w] += 1
        elif w[0].isupper() and len(w) > 2:
            lw = w.lower()
            if lw not in stop:
                c[lw.replace("’", "'") if "’" in lw else lw] += 1
    return c
