"""Incidents: a story's document that reports an incident of its own.

One job: find the documents of a story whose title and lead report another incident than
the story's ("Car bomb kills four outside Orlesk bus station" among reports of a market
bombing in Merovan, its lead going on "... two days after a bombing at a Merovan
vegetable market"), and the place that names that incident, so that the events stage
gives it an event of its own and files there the figures of the sentences that locate
something at that place. A story's documents stay one story (stories.py): a second
incident is told inside it, not beside it.

A document reports an incident of its own when all of these hold:
- its lead ties what it reports to another event by time: "two days after a bombing at
  ...", "a day after a larger slide", "the second fatal accident in three days, after a
  heavy transport helicopter hit ...";
- its title tells of a casualty (a death, an injury, people seized or missing);
- its title names a place: a capitalised word its lead also writes after a lower-case
  word ("the town of Orlesk"), so not a headline's capitals ("Car bomb");
- that place is none of the story's core words, and the title names none of them: the
  capitalised words the titles and leads of at least half the story's other documents
  give (the region of its own dateline aside: "Ilvarra" of "ORLESK, Ilvarra" is the
  country every report names).

Pure functions over titles and lead texts (the leads table): no text beyond them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ..text.datelines import dateline_place
from .placement import CASUALTY_CUES, FAMILY_CUES

#: A story needs this many documents for a core its documents share.
MIN_DOCS = 4
#: What a lead says happened a while after another event ("two days after a bombing",
#: "in three days, after a heavy transport helicopter hit", "a day after the ...").
_AFTER_OTHER = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several|few)\s+(?:days?|hours?|weeks?)"
    r"\s*,?\s+after\s+(?:a|an|the)\s", re.IGNORECASE)
_WORD = re.compile(r"[A-ZÀ-Ý][\w'’-]*")
#: Capitalised words that are no place ("on Monday", "in November").
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday".split())
_CASUALTY = tuple(FAMILY_CUES[f] for f in ("death", "harm", "captivity"))


@dataclass(frozen=True)
class Incident:
    """A document's own incident: the place words that name it and where its lead ties
    it to the other event (the offset of "... days after"; what follows is that event's)."""

    doc_id: str
    places: frozenset[str]  # lower case
    place: str  # the place as its title writes it
    after: int  # offset in the document of the lead's "N days after a ..."


def _key(word: str) -> str:
    return re.sub(r"['’]s?$", "", word.lower())


def _proper(word: str, lead: str) -> bool:
    """A title's capitalised word that its lead writes after a lower-case word: a name."""
    return re.search(rf"\b[a-z][\w'’-]*\s+{re.escape(word)}\b", lead) is not None


def core_words(heads: list[str]) -> frozenset[str]:
    """The names (lower case) at least half of these titles and leads give (at least two
    of them): a capitalised word written after a lower-case one ("the city of Merovan"),
    or in a dateline ("MEROVAN, Ilvarra")."""
    seen: Counter = Counter()
    for head in heads:
        names = {_key(w) for w in _WORD.findall(head) if _proper(w, head)}
        names |= {_key(w) for w in _WORD.findall(dateline_place(head) or "")}
        seen.update(names)
    need = max(2, (len(heads) + 1) // 2)
    return frozenset(w for w, n in seen.items() if n >= need and w not in _NOT_PLACES)


def find_incidents(members: dict[str, list[str]], titles: dict[str, Optional[str]],
                   leads: dict[str, str]) -> dict[str, Incident]:
    """Each story's documents that report an incident of their own (doc id -> Incident).
    `members`: story -> its documents; `leads`: each document's text up to its lead's end
    (title included where the text opens with it)."""
    out: dict[str, Incident] = {}
    for ids in members.values():
        if len(ids) < MIN_DOCS:
            continue
        for d in ids:
            title, lead = titles.get(d) or "", leads.get(d, "")
            after = _AFTER_OTHER.search(lead)
            if not title or after is None or not any(rx.search(title) for rx in _CASUALTY):
                continue
            others = [(titles.get(o) or "") + "\n" + leads.get(o, "") for o in ids if o != d]
            if not _about_other(lead[after.end():], [titles.get(o) or "" for o in ids if o != d]):
                continue  # ("two days after a presidential election": no event of the story's kind)
            core = core_words(others)
            region = [_key(w) for w in _WORD.findall((dateline_place(lead) or "").partition(",")[2])]
            if {_key(w) for w in _WORD.findall(title) if not _regional(_key(w), region)} & core:
                continue
            before = lead[:after.start()]
            common = _common_names(others)
            places = [w for w in _WORD.findall(title) + _located(before) if _key(w) not in core | _NOT_PLACES
                      and not _regional(_key(w), region) and _key(w) not in common and _proper(w, before)]
            if places:
                out[d] = Incident(d, frozenset(_key(w) for w in places), places[0], after.start())
    return out


def _regional(word: str, region: list[str]) -> bool:
    """The dateline's region or a word made from it ("Ilvarran" of "Ilvarra")."""
    return any(word.startswith(r) for r in region)


def _located(text: str) -> list[str]:
    """Capitalised words a text locates something at ("in the village of Kharrim",
    "off Ruvonga", "at Harkenmoor")."""
    return [m.group(1) for m in re.finditer(r"\b(?:in|at|near|outside|off|of)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?"
                                            r"([A-ZÀ-Ý][\w'’-]*)", text)]


def _common_names(heads: list[str]) -> frozenset[str]:
    """Names that two or more of these titles and leads give: the story's, not one
    incident's ("Hadrel province" of both attacks)."""
    seen: Counter = Counter()
    for head in heads:
        seen.update({_key(w) for w in _WORD.findall(head) if _proper(w, head)})
    return frozenset(w for w, n in seen.items() if n >= 2)


def _about_other(clause: str, titles: list[str]) -> bool:
    """What follows "... days after": an event of the story's kind, told by a casualty
    word or by a word two of the story's other titles use ("a far larger leak")."""
    clause = re.split(r"(?<=[.!?])\s", clause, maxsplit=1)[0]
    if CASUALTY_CUES.search(clause):
        return True
    used: Counter = Counter()
    for t in titles:
        used.update({w for w in re.findall(r"[a-z]{4,}", t.lower())})
    return any(used[w] >= 2 for w in re.findall(r"[a-z]{4,}", clause.lower()) if w not in _PLAIN)


_PLAIN = frozenset("after with from that this their there than were have been said says into over more".split())


def story_core(ids: list[str], titles: dict[str, Optional[str]], leads: dict[str, str],
               incidents: dict[str, Incident]) -> frozenset[str]:
    """The core words of a story's documents that report no incident of their own."""
    return core_words([(titles.get(o) or "") + "\n" + leads.get(o, "") for o in ids if o not in incidents])


_LOCATED = r"\b(?:in|at|near|outside|off|of|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?{place}\b"


def locates(sentence: str, incident: Incident, core: frozenset[str]) -> bool:
    """A sentence that locates something at the incident's place ("the bus station in
    Orlesk", "at Edderholm") and names none of the story's core words."""
    words = {_key(w) for w in _WORD.findall(sentence)}
    if words & core:
        return False
    return any(re.search(_LOCATED.format(place=re.escape(w)), sentence, re.IGNORECASE)
               for w in _WORD.findall(sentence) if _key(w) in incident.places)
