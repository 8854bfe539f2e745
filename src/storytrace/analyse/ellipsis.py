"""Counts whose noun is left out: "The interior ministry said 25 people had died. The
Civic Renewal Party says 32." The bare number a sayer gives ("says", "said", "puts it at")
in the sentence right after one that counts one measure (or after its semicolon) is that
sayer's count of the same measure. The claims analyser
(claims.py) calls it for each document.

It abstains where the reader could not tell which count the bare number answers: a
sentence before that counts two measures ("12 were killed and 40 hurt. The party says
30."), a sentence between them, a number followed by a noun of its own ("says 32
schools") or a decimal ("says 1.2 million"), a number that is no count (a year, a time),
or a sayer of another time ("Last year the ministry said 30")."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import cast

from ..model import Claim, make_id
from .measures import GROUPS, MEASURE_LEMMAS
from ..text.numbers import band, find_numbers

#: A sayer, a say verb and a bare number ending its clause: "The Civic Renewal Party says 32.",
#: "doctors say four;", "the opposition puts the figure at 30.", "The mayor counts 35."; an aside about the sayer's count may
#: stand between them ("The army, counting only bodies its soldiers recovered, says 18.").
_SAID_BARE = re.compile(
    r"(?:(?<=[.;:!?] )|(?<=[.;:!?]\" )|(?<=\n)|^)(?P<who>(?:[Tt]he\s+|[Ii]ts\s+|[Hh]is\s+|[Hh]er\s+)?[A-Za-z][\w'’-]*(?:\s+(?:of\s+|for\s+)?[A-Za-z][\w'’-]*){0,5}?)"
    r"(?P<aside>\s*,\s*(?:who|which|whose|[a-z]+ing)\b[^,.;:\"“”]{1,100},)?"
    r"\s+(?P<verb>says|said|say|counts|puts\s+(?:it|the\s+(?:toll|figure|number|count))\s+at)\s+"
    r"(?P<num>(?:at\s+least\s+|about\s+|more\s+than\s+|nearly\s+|some\s+|almost\s+|around\s+)?"
    r"(?:\d[\d,]{0,12}|[a-z]+(?:-[a-z]+)?))(?=\s*(?:[.;](?!\d)|,\s+(?:while|and|but|whereas|after)\b|$))", re.MULTILINE)
#: Words opening a clause before its sayer ("Yet the party says 32"): not the sayer's name.
_OPENERS = re.compile(r"^(?:(?:yet|but|and|so|however|meanwhile|still|now)\b,?\s+)+", re.IGNORECASE)
#: A time before the sayer ("Last year the ministry said 30"): another time's count.
_ANOTHER_TIME = re.compile(r"\b(?:year|years|month|months|week|weeks|ago|earlier|previously|then|once|last|in\s+\d{4})\b",
                           re.IGNORECASE)
#: Words that cannot open a sayer ("It says 32", "and says 32" belong to the sentence before).
_NOT_SAYER = frozenset("it this that which who and but or he she they we i you there each every".split())


def _other_measure(aside: str, measure: str) -> bool:
    """An aside naming another measure than the count before ("speaking of the injured")."""
    for w in re.findall(r"[a-z]+", aside.lower()):
        m = MEASURE_LEMMAS.get(w) or MEASURE_LEMMAS.get(re.sub(r"(?:ed|ing|s)$", "", w)) or \
            MEASURE_LEMMAS.get(re.sub(r"(?:d|ies)$", "", w))
        if m and m != measure:
            return True
    return False


def said_counts(text: str, claims: list[Claim], count_kinds: set[str]) -> list[Claim]:
    """The bare counts sayers give right after a sentence (or a clause before a semicolon)
    whose counts are of one measure: claims of that measure, the overall figure, with
    their sayer."""
    if not claims or not re.search(r"\b(?:says?|said|puts|counts)\s", text):
        return []
    taken = {c.start for c in claims}
    by_start: dict[int, list[Claim]] = defaultdict(list)  # each sentence's claims, by where it starts
    for c in claims:
        if c.measure != "other" and not c.part_of and not (c.what or "").startswith("implicit"):  # (counts, not "a woman")
            by_start[c.sentence_start].append(c)
    starts = sorted(by_start)
    out = []
    for m in _SAID_BARE.finditer(text):
        who = _OPENERS.sub("", m.group("who"))
        aside = m.group("aside") or ""
        if not who or who.split()[0].lower() in _NOT_SAYER or "\n" in m.group(0) or _ANOTHER_TIME.search(who + aside) \
                or any(g.lower() in GROUPS for g in re.findall(r"\bonly\s+(?:the\s+)?(\w+)", aside)):
            continue  # (an aside of another time, or of a narrower group: "counting only soldiers")
        nums = [n for n in find_numbers(m.group("num")) if n.kind in count_kinds and n.value is not None]
        start = m.start("num") + (nums[0].start if nums else 0)
        if len(nums) != 1 or start in taken:
            continue
        i = bisect.bisect_right(starts, m.start("who")) - 1
        if i < 0:
            continue
        before = by_start[starts[i]]
        if aside and (max(c.sentence_end for c in before) > m.start("who") or _other_measure(aside, before[0].measure)):
            continue  # (after an aside, the count it answers is in the sentence before, not in the aside: "Police,
            # adding that 12 were arrested, say 30"; nor an aside about another measure: "speaking of the injured")
        gap = text[max(c.sentence_end for c in before):m.start("who")]
        if gap.strip(" \t\"'”’") and ";" not in text[max(c.end for c in before):m.start("who")]:
            continue  # not the sentence right before it (nor its clause before a semicolon)
        overall = sorted((c for c in before if c.group is None), key=lambda c: c.start)
        if not overall or len({c.measure for c in before}) != 1:
            continue  # two measures before: which does it answer?
        ref, n = overall[0], nums[0]
        if m.group("verb") == "counts" and ref.value and not ref.value / 4 <= cast(float, n.value) <= ref.value * 4:
            continue  # "The union counts 4,000": what it has, not a count of the same order as the one before
        low, high = band(n.qualifier, n.value, n.low, n.high)
        end = m.start("num") + n.end
        out.append(Claim(
            id=make_id("claim", ref.doc_id, start, end), doc_id=ref.doc_id, start=start, end=end,
            sentence_start=m.start("who"), sentence_end=m.end(), measure=ref.measure, value=n.value, low=low,
            high=high, qualifier=n.qualifier, victims=ref.victims, attributed_to=who.strip(), in_quote=False))
    return out
