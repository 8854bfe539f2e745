"""Retractions: a report the text takes back after stating it.

One job: find the claims whose report a following sentence of the same paragraph takes
back by reference, without repeating its number ("... told VTV that 'more than 100
bodies' had been brought to the hall. By evening he had taken the remark back."; "...
'at least 40 bodies' were lying in the lobby. Kanal 9 ran the claim for an hour. Kanal 9
withdrew the report on Saturday morning."). The sentence that takes it back is the first
one after the claim's with such words, before any sentence with a figure of its own; the
claims of the nearest sentence with figures before it are the report (a retraction that
names its figure, "the figure of 19 ... was wrong", is the events stage's sentence rule).
"""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from ..model import INCREMENT, WITHDRAWN
from ..text.sentences import sentences

_REPORT = r"(?:report|remark|claim|figure|statement|comments?|count|toll|number|post|tweet)"
#: Words that take a report back by reference.
TAKEN_BACK = re.compile(
    rf"\b(?:withdrew|withdrawn|retracted|retracts|withdraws|corrected|disowned)\s+(?:the|its|his|her|their|that|this)\s+"
    rf"(?:earlier\s+|first\s+|initial\s+)?{_REPORT}\b|"
    rf"\b(?:took|taken|take|takes)\s+(?:the|its|his|her|their|that|this)\s+(?:earlier\s+|first\s+)?{_REPORT}\s+back\b|"
    rf"\b(?:took|taken|take|takes)\s+back\s+(?:the|its|his|her|their|that|this)\s+{_REPORT}\b|"
    rf"\b(?:the|that|this|its|his|her)\s+{_REPORT}\s+(?:was|were|had\s+been|has\s+been|proved|turned\s+out\s+to\s+be)\s+[\"\u201c'\u2018]?"
    rf"(?:false|wrong|untrue|not\s+true|incorrect|mistaken|baseless|withdrawn|retracted)\b",
    re.IGNORECASE)
#: How many sentences after a report its retraction may come.
_AFTER = 2


class _Claim(Protocol):
    start: int
    sentence_start: int
    sentence_end: int
    measure: str
    what: "str | None"


def mark_taken_back(text: str, claims: Sequence[_Claim]) -> None:
    """Set `what` to WITHDRAWN on the count claims whose report a later sentence takes back."""
    by_sentence: dict[tuple[int, int], list[_Claim]] = {}
    for c in claims:
        by_sentence.setdefault((c.sentence_start, c.sentence_end), []).append(c)
    starts = sorted(by_sentence)
    for i, (s0, s1) in enumerate(starts):
        end = text.find("\n", s1)
        end = len(text) if end < 0 else end
        if i + 1 < len(starts):
            end = min(end, starts[i + 1][0])  # before the next sentence with a figure of its own
        following = text[s1:end]
        for a, b in sentences(following)[:_AFTER]:
            words = following[a:b]
            if TAKEN_BACK.search(words):
                for c in by_sentence[(s0, s1)]:
                    if c.measure != "other" and c.what in (None, INCREMENT):
                        c.what = WITHDRAWN
                break
