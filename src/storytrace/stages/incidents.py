"""Incidents: a story's document that reports an incident of its own.

One job: find the documents of a story whose title and lead report another incident than
the story's ("Car bomb kills four outside Orlesk bus station" among reports of a market
bombing in Merovan, its lead going on "... two days after a bombing at a Merovan
vegetable market"), and the places that name that incident, so that the events stage
gives it an event of its own and files there the figures of the sentences that locate
something at those places. A story's documents stay one story (stories.py): a second
incident is told inside it, not beside it.

A document reports an incident of its own when all of these hold:
- its lead ties what it reports to another event by time: "two days after a bombing at
  ...", "a day after a larger slide", "the second fatal accident in three days, after a
  heavy transport helicopter hit ..." (what follows is of the story's kind: a casualty
  word, or a word two of its other titles use; not "two days after a disputed vote");
- its title tells of a casualty (a death, an injury, people seized or missing);
- its title names a place: a capitalised word its lead, past the title, also writes after
  a lower-case word ("the town of Orlesk"; not a headline's capitals, "Car bomb", nor a
  title-case headline's, "Toll Reaches 260");
- that place is none of the story's core names, and the title names none of them: the
  names at least half the story's other documents give in their titles and leads (the
  region of its own dateline aside: "Ilvarra" of "ORLESK, Ilvarra" is the country every
  report names).
The incident's places: the title's, and those its lead locates something at before its
"... days after" ("in the village of Kharrim"), less the names two other documents of the
story give (the province both attacks happened in).

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
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*")
#: Capitalised words that are no place ("on Monday", "in November").
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday".split())
_CASUALTY = tuple(FAMILY_CUES[f] for f in ("death", "harm", "captivity"))
#: A place a sentence names as where a hospital, a morgue or a police force is ("died at the
#: regional hospital in Hesk", "police in Hesk"): where victims were taken, not an incident's site.
_FACILITY_AT = re.compile(r"\b(?:hospitals?|clinics?|infirmary|morgues?|mortuary|police|prisons?|jails?)\s+"
                          r"(?:[\w'’-]+\s+){0,2}?(?:in|at|of|near)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$", re.IGNORECASE)


@dataclass(frozen=True)
class Incident:
    """A document's own incident: the place words that name it and where its lead ties
    it to the other event (the offset of "... days after"; what follows is that event's)."""

    doc_id: str
    places: frozenset[str]  # lower case
    place: str  # the place as its title writes it
    after: int  # offset in the document of the lead's "N days after a ..."


def caps(text: str) -> list[str]:
    """The capitalised words of a text (any script's capitals: "Łowicz", "Ševa")."""
    return [w for w in _WORD.findall(text) if w[0].isupper()]


def _key(word: str) -> str:
    return re.sub(r"['’]s?$", "", word.lower())


def _proper(word: str, text: str) -> bool:
    """A capitalised word that a text writes after a lower-case word: a name."""
    return re.search(rf"\b[a-z][\w'’-]*\s+{re.escape(word)}\b", text) is not None


def _names(head: str) -> set[str]:
    """The names (lower case) a title and lead give: a capitalised word written after a
    lower-case one ("the city of Merovan"), and the words of its dateline ("MEROVAN, Ilvarra")."""
    out = {_key(w) for w in caps(head) if _proper(w, head)}
    return out | {_key(w) for w in caps(dateline_place(head) or "")}


def core_words(heads: list[str]) -> frozenset[str]:
    """The names (lower case) at least half of these titles and leads give (at least two
    of them)."""
    seen: Counter = Counter()
    for head in heads:
        seen.update(_names(head))
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
        found: dict[str, tuple[list[str], list[str], str, int]] = {}  # candidates: names, region, body, offset
        for d in ids:
            title, lead = titles.get(d) or "", leads.get(d, "")
            after = _AFTER_OTHER.search(lead)
            if not title or after is None or not any(rx.search(title) for rx in _CASUALTY):
                continue
            if not _about_other(lead[after.end():], [titles.get(o) or "" for o in ids if o != d]):
                continue  # ("two days after a presidential election": no event of the story's kind)
            core = core_words([(titles.get(o) or "") + "\n" + leads.get(o, "") for o in ids if o != d])
            city = _key((dateline_place(lead) or "").partition(",")[0].split(" ")[0])
            region = [w for w in (_key(w) for w in caps((dateline_place(lead) or "").partition(",")[2])) if w != city]
            if {_key(w) for w in caps(title) if not _regional(_key(w), region)} & core:
                continue
            at = lead.find(title, 0, len(title) + 200)  # (the lead's text past its title: a title-case headline's
            body = lead[at + len(title):after.start()] if at >= 0 else lead[:after.start()]  # capitals are no names)
            named = [w for w in caps(title) if _key(w) not in core | _NOT_PLACES and not _regional(_key(w), region)
                     and _proper(w, body)]
            if named:
                found[d] = (named, region, body, after.start())
        # names the story's other documents give (not the reports of incidents: three of one incident name it too)
        common = _common_names([(titles.get(o) or "") + "\n" + leads.get(o, "") for o in ids if o not in found])
        for d, (named, region, body, end) in found.items():
            places = [w for w in named + _located(body) if _key(w) not in common | _NOT_PLACES
                      and not _regional(_key(w), region) and _proper(w, body)]
            if places:
                out[d] = Incident(d, frozenset(_key(w) for w in places), _place_run(named[0], titles.get(d) or "", body),
                                  end)
    return out


def _place_run(first: str, title: str, body: str) -> str:
    """The place a title names from its word `first` on, as the lead writes it too: the run
    of capitalised words ("Santa Ilídia", not "Santa"; a title-case headline's "In Santa
    Ilídia On" stops where the lead's words do)."""
    words = title.split()
    if first not in words:
        return first
    run = [first]
    for w in words[words.index(first) + 1:]:
        w = w.strip(",.:;!?\"“”'‘’()")
        if not w or not w[0].isupper() or " ".join(run + [w]) not in body:
            break
        run.append(w)
    return " ".join(run)


def _regional(word: str, region: list[str]) -> bool:
    """The dateline's region or a word made from it ("Ilvarran" of "Ilvarra")."""
    return any(word.startswith(r) for r in region)


def _located(text: str) -> list[str]:
    """Capitalised words a text locates something at ("in the village of Kharrim",
    "off Ruvonga", "at Harkenmoor")."""
    return [m.group(1) for m in re.finditer(r"\b(?:in|at|near|outside|off|of)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?"
                                            r"((?![a-z])[^\W\d_][\w'’-]*)", text) if m.group(1)[0].isupper()]


def _common_names(heads: list[str]) -> frozenset[str]:
    """Names that two or more of these titles and leads give: the story's, not one
    incident's ("Hadrel province" of both attacks)."""
    seen: Counter = Counter()
    for head in heads:
        seen.update({_key(w) for w in caps(head) if _proper(w, head)})
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


def names_core(text: str, core: frozenset[str]) -> bool:
    """Whether a text names one of a story's core names (a dateline that opens it aside:
    "ORLESK, Ilvarra, Nov. 13 (CPW) –" names the country every report names)."""
    if dateline_place(text):
        opening = re.match(r"[^\n–—]{0,80}?\s[–—-]\s", text)
        text = text[opening.end():] if opening else text
    return bool({_key(w) for w in caps(text)} & core)


_CLAUSES = re.compile(r"\s+as\s+|;\s*")


def in_incident_clause(sentence: str, at: int, incident: Incident) -> bool:
    """Whether a figure of an incident's report (`at`: its offset in the sentence) is in the
    sentence's first clause or in one that names the incident's place: "Second bomb kills
    three in Hesk as market toll rises to 24" joins the story's toll to the incident's."""
    cuts = [m.end() for m in _CLAUSES.finditer(sentence)]
    if not cuts or at < cuts[0]:
        return True
    piece = sentence[max(c for c in cuts if c <= at):]
    piece = piece[: next((m.start() for m in _CLAUSES.finditer(piece)), len(piece))]
    return any(_key(w) in incident.places for w in caps(piece))


_LOCATED = r"\b(?:in|at|near|outside|off|of|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?{place}\b"


def locates(sentence: str, incident: Incident, core: frozenset[str]) -> bool:
    """A sentence that locates something at the incident's place ("the bus station in
    Orlesk", "at Edderholm") and names none of the story's core names; not where a
    hospital, a morgue or a police force is ("died at the regional hospital in Hesk")."""
    if names_core(sentence, core):
        return False
    for w in caps(sentence):
        if _key(w) not in incident.places:
            continue
        for m in re.finditer(_LOCATED.format(place=re.escape(w)), sentence, re.IGNORECASE):
            if not _FACILITY_AT.search(sentence[max(0, m.start() - 60):m.end() - len(w)]):
                return True
    return False
