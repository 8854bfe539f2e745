"""Parts of a count: the groups a text names after it ("Thirty-six people lost their
lives. Five of them were children."), a list right after it that breaks it down ("Six
people, two Turkish nationals and four Somalis, were killed"), the counts a fronted "with"
adds into it ("With the five freed on Monday, 11 of the 23 guards are now free"), the
part of a count in hospital ("52 were hurt, 17 of them still in hospital") and the last batch of a set ("freed the last 19 hostages"). The claims analyser (claims.py) calls
them for each document and sentence."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import Any, cast

from ..model import Claim, make_id
from ..text.numbers import band, find_numbers
from .measures import GROUPS
from .victims import NO_GROUP, group_name


#: "Thirty-six people lost their lives. Five of them were children.": a part of the count
#: the sentence before gives, named by its group.
_THEM_PART = re.compile(r"([A-Z][\w-]{0,30}|\d[\d,]{0,12}) of them (?:were|are) (?:all\s+)?([a-z]+)\b")


def them_parts(text: str, claims: list[Claim], count_kinds: set[str]) -> list[Claim]:
    """Claims for "N of them were <group>" opening the sentence right after a sentence whose
    count of persons it divides (its last overall figure): parts of it, with their group."""
    if " of them " not in text or not claims:
        return []
    taken = {c.start for c in claims}
    by_end: dict[int, list[Claim]] = defaultdict(list)  # the claims of each sentence, by where it ends
    for c in claims:
        by_end[c.sentence_end].append(c)
    ends = sorted(by_end)
    out = []
    for m in _THEM_PART.finditer(text):
        group = GROUPS.get(m.group(2))
        if group is None or group == "police" or m.start() in taken:  # ("Two of them were officers": army's too)
            continue
        i = bisect.bisect_right(ends, m.start()) - 1  # the sentence just before, if it ends right there
        if i < 0 or text[ends[i]:m.start()].strip(' "“”'):
            continue
        wholes = [c for c in sorted(by_end[ends[i]], key=lambda c: c.start)
                  if c.group is None and not c.part_of and c.measure != "other" and c.value is not None]
        nums = [n for n in find_numbers(m.group(1)) if n.kind in count_kinds and n.value is not None]
        if not wholes or not nums or nums[0].value >= (wholes[-1].value or 0):  # type: ignore[operator]
            continue
        if len({c.measure for c in wholes if c.sentence_start == wholes[-1].sentence_start}) > 1:
            continue  # "The blast killed 20 and injured 50. Five of them were children.": of which?
        whole, n = wholes[-1], nums[0]
        start, end = m.start(1) + n.start, m.start(1) + n.end
        stop = re.search(r"[.!?]", text[m.end():m.end() + 300])
        low, high = band(n.qualifier, n.value, n.low, n.high)
        out.append(Claim(
            id=make_id("claim", whole.doc_id, start, end), doc_id=whole.doc_id, start=start, end=end,
            sentence_start=m.start(), sentence_end=m.end() + (stop.end() if stop else 0), measure=whole.measure,
            value=n.value, low=low, high=high, qualifier=n.qualifier, group=group, victims=m.group(2),
            attributed_to=whole.attributed_to, in_quote=whole.in_quote, part_of=whole.id))
    return out


#: "Twelve of the dead were women and nine were children": a second part that leaves "of the dead" unsaid.
_SECOND_PART = re.compile(
    r"\b(\d[\d,]{0,12}|[A-Za-z]+(?:-[a-z]+)?) of (?:the|them|those)\b[^.;:]{0,30}?\b(?:were|are)\s+(?:[a-z]+\s+){0,2}?"
    r"[a-z]+s?\s*,?\s+(?:and|while|whereas)\s+(\d[\d,]{0,12}|[a-z]+(?:-[a-z]+)?)\s+(?:were|are)\s+([a-z]+)\b")


def second_parts(text: str, claims: list[Claim], count_kinds: set[str]) -> list[Claim]:
    """"Twelve of the dead were women and nine were children": the nine are a part of the
    same whole as the twelve (its measure, its source), of the group the copula names."""
    if not claims or " of " not in text and "Of the" not in text:
        return []
    at = {c.start: c for c in claims}
    out = []
    for m in _SECOND_PART.finditer(text):
        first = at.get(m.start(1))
        group = GROUPS.get(m.group(3))
        nums = [n for n in find_numbers(m.group(2)) if n.kind in count_kinds and n.value is not None]
        if first is None or first.group is None or group is None or len(nums) != 1 or m.start(2) + nums[0].start in at:
            continue
        n = nums[0]
        start, end = m.start(2) + n.start, m.start(2) + n.end
        low, high = band(n.qualifier, n.value, n.low, n.high)
        out.append(Claim(
            id=make_id("claim", first.doc_id, start, end), doc_id=first.doc_id, start=start, end=end,
            sentence_start=first.sentence_start, sentence_end=first.sentence_end, measure=first.measure,
            value=n.value, low=low, high=high, qualifier=n.qualifier, group=group, victims=m.group(3),
            attributed_to=first.attributed_to, in_quote=first.in_quote, part_of=first.part_of))
    return out


#: "52 were hurt, 17 of them still in hospital": a part of a count in a state of its own.
_IN_HOSPITAL = re.compile(
    r"(?:\b(\d[\d,]{0,12}|[A-Za-z]+(?:-[a-z]+)?) of (?:them|whom|those|the\s+(?:injured|wounded|hurt))\s+"
    r"|\b[Oo]f\s+the\s+(?:\d[\d,]*\s+)?(?:people\s+|persons\s+)?(?:injured|wounded|hurt)\b[^,;.]{0,60},\s+"
    r"(\d[\d,]{0,12}|[A-Za-z]+(?:-[a-z]+)?)\s+(?=(?:are|is|remain|remains|remained)\b|(?:were|was)\s+still\b))"
    # ("Of the 126 people hurt in the blast, 52 are still in hospital"; not "12 were at the hospital when ...")
    r"(?:(?:are|were|is|was|remain|remained|remains)\s+)?(?:still\s+)?(?:being\s+treated\s+)?"
    r"(?:in|at)\s+(?:a\s+|the\s+)?hospitals?(?=\s*(?:[,.;:)]|$|(?:and|in|on|with|after|since|until|overnight)\b|(?:tonight|today|now|this\s+(?:morning|"
    r"afternoon|evening)|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b(?![^,.;]*\b(?:when|as|while|"
    r"before|but)\b)))")
#  (a time after the place: "17 of them still in hospital tonight", "... on Friday"; not a time something else
#  happened: "12 of them at the hospital this morning when the shelling began")
#  (not "eight of them in intensive care": a part of those in hospital; not "in a hospital car park")


def hospital_parts(text: str, claims: list[Claim], count_kinds: set[str]) -> list[Claim]:
    """"52 were hurt, 17 of them still in hospital", "Of the 52 hurt, 17 are still in
    hospital": the 17 are in hospital (a count of the hospitalised, with the sayer of the
    count they are part of), not 17 more injured.
    The claim the parser made at the number is set right; returns the ones it missed."""
    if not claims or " of " not in text and "Of the" not in text:
        return []
    at = {c.start: c for c in claims}
    out = []
    for m in _IN_HOSPITAL.finditer(text):
        g = 1 if m.group(1) is not None else 2
        nums = [n for n in find_numbers(m.group(g)) if n.kind in count_kinds and n.value is not None]
        if len(nums) != 1:
            continue
        n = nums[0]
        start, end = m.start(g) + n.start, m.start(g) + n.end
        before = [c for c in claims if c.end <= start and c.sentence_end >= start and c.measure != "other"]
        if not before or before[-1].measure != "injured":
            continue  # ("Twelve died, four of them in hospital": where they died)
        if start in at:
            c = at[start]
            c.measure, c.group, c.part_of, c.adds_to = "hospitalised", None, None, None
        else:
            whole = before[-1]
            low, high = band(n.qualifier, n.value, n.low, n.high)
            out.append(Claim(
                id=make_id("claim", whole.doc_id, start, end), doc_id=whole.doc_id, start=start, end=end,
                sentence_start=whole.sentence_start, sentence_end=whole.sentence_end, measure="hospitalised",
                value=n.value, low=low, high=high, qualifier=n.qualifier, attributed_to=whole.attributed_to,
                in_quote=whole.in_quote))
    return out


#: Heads of a count that says nothing of who: a list right after it may break it down.
_GENERAL = frozenset("people person persons individual individuals victim victims".split())
#: Nouns of people by sex, and by age: "Three men, two fumigators and the managing director, are in custody"
#: names the men; "Three men, two women and a child, all from one family, were killed" counts six.
_SEXES = frozenset("man woman".split())
_AGES = frozenset("child boy girl baby infant teenager".split())


def breakdowns(claims: list[Claim], by_head: dict[str, Any], text: str) -> None:
    """"Six people, two Turkish nationals and four Somalis, were killed": a list set off by
    a comma right after a count of people (of men or women when the list, of other kinds, is
    closed by a comma too: "Three men, two fumigators and the managing director, are in
    custody"; not "Four soldiers, two policemen and two civilians, were killed": eight),
    whose numbers add up to it exactly, breaks that count down (its parts: groups), it adds nothing to it (the parser reads the list as more
    conjuncts of "people")."""
    for whole in claims:
        head = by_head.get(whole.id)
        if head is None or whole.value is None or \
                head.i + 1 >= len(head.doc) or head.doc[head.i + 1].text not in (",", "-", "–", "—", "("):
            continue
        listed = [c for c in claims if c.adds_to == whole.id and c.value is not None and c.measure == whole.measure]
        if len(listed) >= 2 and all(c.id in by_head for c in listed) and \
                sum(c.value for c in listed) == whole.value and (  # type: ignore[misc]
                    head.lemma_.lower() in _GENERAL or head.lemma_.lower() in _SEXES and _closed(by_head[listed[-1].id])
                    and not any(by_head[c.id].lemma_.lower() in _SEXES | _AGES for c in listed)):
            for c in listed:  # each part a group of its own ("Somalis", "soldiers"): never an overall figure
                part = by_head[c.id]
                c.adds_to, c.part_of, c.group = None, whole.id, group_name(part) or part.lower_
    _sum_lists(claims, by_head, text)


def _closed(last: Any) -> bool:
    """Whether the list a token ends is set off by a comma before its clause goes on ("Three
    men, two fumigators and the managing director of the firm, are in custody"): an aside
    that names the count's members, not more people ("Three soldiers, two police officers
    and a civilian were killed": six)."""
    end = last.right_edge.i + 1
    return end + 1 < len(last.doc) and last.doc[end].text == "," and last.doc[end + 1].pos_ in ("VERB", "AUX")


def _sum_lists(claims: list[Claim], by_head: dict[str, Any], text: str) -> None:
    """"raising the death toll to eight: five miners and three rescuers": a list right after
    a count, set off by a colon, comma or dash (or after the count's clause and a colon:
    "17 people had died: nine in Marenza, six in Oskil and two in Dovra"), whose numbers
    add up to it exactly, breaks it down (its parts: groups, when they name a kind)."""
    for whole in claims:
        head = by_head.get(whole.id)
        if head is None or whole.value is None or whole.group is not None or whole.part_of or whole.adds_to:
            continue
        after = [c for c in claims if c.start > whole.end and c.measure == whole.measure and c.id in by_head
                 and not c.part_of and c.value is not None]
        if not after or after[0].adds_to not in (None, whole.id):
            continue
        first = after[0]
        listed = [first]
        for c in after[1:]:  # listed beside one another: joined by the parser, or after a comma
            if c.adds_to in {x.id for x in listed} | {whole.id} or \
                    c.adds_to is None and "," in text[listed[-1].end:c.start] and ";" not in text[listed[-1].end:c.start]:
                listed.append(c)
            else:
                break
        sums: list[float] = [sum(cast(float, c.value) for c in listed[:k]) for k in range(1, len(listed) + 1)]
        if whole.value in sums:  # the list is as long as it adds up to the count ("... three rescuers, officials
            listed = listed[:sums.index(whole.value) + 1]  # said, after two bodies ...": not the two)
        end = by_head[max(listed, key=lambda c: c.start).id]
        nxt = end.i + 1
        if any(by_head[c.id].dep_ in ("nsubj", "nsubjpass") for c in listed) or \
                (nxt < len(end.doc) and end.doc[nxt].pos_ in ("VERB", "AUX") and end.doc[nxt].dep_ not in ("acl", "amod")):
            continue  # "The blast killed 8 - 5 soldiers and 3 civilians were also wounded": a clause of its own
            # ("... at 56: 54 of the 68 people aboard and two workers on the ground": a list all the same)
        gap = text[whole.end:first.start].strip()
        set_off = gap[:1] in (":", ",", "-", "–", "—") and len(gap) <= 3 or \
            re.fullmatch(r"[^,;:.()]{0,40}:(?:\s*(?:the|a|an))?", gap) is not None  # "17 people had died: nine in Marenza, ..."
        if len(listed) >= 2 and set_off and sum(c.value for c in listed) == whole.value:  # type: ignore[misc]
            for c in listed:  # (a part named by no kind, "54 of the 68 people aboard", has no group: a part by place)
                part = by_head[c.id]
                c.adds_to, c.part_of = None, whole.id
                c.group = group_name(part) or (part.lower_ if part.pos_ != "NUM" and part.lower_ not in NO_GROUP else None)


#: Words that say a count is a running total ("11 ... are now free", "so far", "in all").
_TOTAL_NOW = re.compile(r"\b(?:now|so far|in all|in total|all told|altogether)\b")
#: Words that make a count the rest of a set ("the last 19 hostages", "the remaining 12").
_REST = frozenset("last remaining final".split())


#: Counts of a state ("the remaining 12 miners are still missing"): the rest is all there is.
_STATES = frozenset("missing captured hospitalised".split())


def rest_of_set(tok: Any, head: Any, measure: str) -> bool:
    """"freed the last 19 hostages", "the remaining 12 miners were brought out", "the 30
    remaining hostages were freed": a count the text gives as what was left of a set, a
    batch (not "the last three days"; not a count of a state, "the remaining 12 miners are
    still missing": that is the count)."""
    return measure not in _STATES and any(
        c.lower_ in _REST and c.i < head.i and any(d.lower_ == "the" for d in head.children)
        for t in {tok, head} for c in t.children)


def fronted_parts(claims: list[Claim], by_head: dict[str, Any]) -> None:
    """"With the 17 freed on Sunday and the nine who escaped, 56 of the 71 pupils are now
    free": counts in a "with" phrase ahead of the clause's subject are already in the
    larger count of the same measure that clause gives: its parts (no total of their own)."""
    for c in claims:
        head = by_head.get(c.id)
        if head is None or c.part_of or c.value is None:
            continue
        t = head
        while t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            t = t.head
        prep = t.head
        if t.dep_ != "pobj" or prep.lower_ != "with" or prep.dep_ != "prep":
            continue
        verb = prep.head
        subject = next((x for x in verb.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not prep.i < subject.i:
            continue
        if not _TOTAL_NOW.search(" ".join(t.lower_ for t in verb.subtree if t.i > prep.i + len(list(prep.subtree)) - 1)):
            continue  # "With 12 killed on Tuesday, 140 have been killed this year": not a running total of them
        whole = next((x for x in claims if x.measure == c.measure and x.value is not None and x.value > c.value
                      and (h := by_head.get(x.id)) is not None and h.i in {y.i for y in subject.subtree}), None)
        if whole is not None:
            c.part_of = whole.id
