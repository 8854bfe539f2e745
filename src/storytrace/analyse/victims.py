"""Who a count counts: the group a figure is a part of, and the victims its words name.

One job: from spaCy's parse around a counted noun, which part of a total it is
(`group_name`: women, children, families, police, foreigners, ...) and the noun phrase
saying who is counted (`victims_of`: "Azeri citizens", "others"); a part counted among a
whole no number counts takes its measure (`counted_among`); a single person's place in a
count said before ("a fourth person", `ordinal_of`). The nouns that name people and those
that do not (PERSON_NOUNS, NON_PERSONS) are here; the groups' lexicon is measures.py's
(GROUPS, ATTACKERS); what the number counts is measures.py's too.
"""

from __future__ import annotations

import re
from typing import Any, Container, Optional

from ..text.numbers import NumberSpan
from ..text.numerals import ordinal_value
from .measures import ATTACKERS, GROUPS, copula_attr, partitive, whole_measure
from .mentions import EVENT_NOUNS  # (a count of events: "two quakes killed 30" counts no victims)

#: Heads that are not people: a number counting them is no casualty figure.
NON_PERSONS = set(
    "cow cattle livestock goat sheep camel animal horse dog house home building hut shop church mosque school "
    "hospital clinic ward camp shelter "
    "vehicle car truck bus village community town attack explosion blast bomb bombing incident raid strike "
    "airstrike statement report hotel motorcycle train plane boat ship area district province state "
    "explosive weapon gun rifle rocket missile shell round mine year month day week hour minute time "
    "parent parents helicopter ambulance aircraft jet drone tank business company firm "
    "number quarter remainder".split()  # ("a number of protesters": a quantity, not a person ending in -er)
) | {n for n in EVENT_NOUNS if n != "killings"} | set(ANIMALS := (
    "gorilla tiger lion lioness elephant orca whale bear wolf leopard cheetah monkey ape chimpanzee panda bird "
    "fish shark dolphin crocodile alligator snake rhino rhinoceros giraffe zebra deer cat puppy kitten pig "
    "chicken poultry bull calf donkey mule buffalo"
).split()
)
#: Singular nouns that name a person (for "gunmen killed a village chief": one victim).
PERSON_NOUNS = set(
    "man woman child boy girl baby chief leader elder priest imam cleric pastor scholar journalist activist "
    "lawyer judge official officer policeman soldier student teacher farmer villager resident civilian worker "
    "driver commissioner governor secretary mayor politician headman administrator commander member guard "
    "prisoner inmate doctor nurse businessman trader trader tribesman herdsman herder shepherd monk nun "
    "preacher sheikh candidate councillor councilor lawmaker legislator minister spokesman employee "
    "professor lecturer teenager youth pilgrim worshipper passenger photographer reporter editor blogger "
    "writer husband wife son daughter father mother brother sister relative friend neighbour neighbor "
    "person king queen prince chairman president vice deputy director manager owner guide contractor "
    "engineer volunteer aid ranger warden victim devotee follower supporter opponent rival head ally muezzin "
    "chieftain elder commissioner envoy diplomat ambassador mp senator cadre bishop rabbi".split()
)
#: Nouns that say nothing of who is counted: no group ("eight people freed" among hostages released).
NO_GROUP = frozenset("people person persons individual individuals other others one ones".split())


def group_name(head: Any) -> Optional[str]:
    if head.pos_ == "NUM":  # "three of the gunmen": the group of the noun it is a part of
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        return group_name(noun) if noun is not None and noun.pos_ in ("NOUN", "PROPN") else None
    if head.lemma_.lower() in ATTACKERS or head.lower_ in ATTACKERS:
        return "militants"  # "including three gunmen": the attackers
    for c in head.children:  # "70 elderly people" -> elderly
        if c.dep_ in ("amod", "compound") and (c.lower_ in GROUPS or c.lemma_.lower() in GROUPS):
            return GROUPS.get(c.lower_) or GROUPS[c.lemma_.lower()]
    if _from_abroad(head) and GROUPS.get(head.lemma_.lower()) not in _KINDS_OF_PEOPLE:
        return "foreigners"  # "pupils from neighbouring Arnessia" ("children from ...": children)
    lemma = head.lemma_.lower()
    if lemma == "officer" and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() != "police" for c in head.children):
        return head.lower_  # "two army officers", "prison officers": not the police
    if lemma in GROUPS:
        return GROUPS[lemma]
    if head.lower_ in GROUPS:
        return GROUPS[head.lower_]
    if head.pos_ in ("NOUN",) and head.lemma_.lower() not in NO_GROUP and head.lower_ not in NO_GROUP:
        if head.lower_.endswith("man") and head.tag_ not in ("NNS", "NNPS"):
            return head.lower_[:-3] + "men"  # "one fisherman": fishermen
        return head.lower_ if head.lower_.endswith(("s", "men", "people", "staff", "personnel", "crew")) or head.tag_ in ("NNS", "NNPS") \
            else head.lower_ + "s"  # ("riflemen", "staff": no "riflemens")
    return None


#: Groups that say who the people are, which a place they come from does not replace.
_KINDS_OF_PEOPLE = frozenset("children women men elderly girls boys babies infants teenagers".split())


def _from_abroad(head: Any) -> bool:
    """People the text says come from another country: "from neighbouring X" (X no village
    or town: "from neighbouring Kelso village" are neighbours), "from abroad", "from
    overseas", "from across the border". (A nation's name before "citizens" is not enough:
    "Velmoran citizens" in Velmora, "Arab citizens" are the country's own.)"""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "from" and re.match(
                r"from\s+(?:neighbou?ring\s+[A-Z][\w'’-]*\b(?!\s+(?:village|town|city|district|county|parish|"
                r"suburb|valley|province|region|municipality|commune)\b)|abroad\b|overseas\b|across\s+the\s+border\b)",
                head.doc[c.i:c.i + 5].text):
            return True
    return False


def victims_of(head: Any, n: NumberSpan) -> Optional[str]:
    """The noun phrase saying who is counted ("Azeri citizens", "others")."""
    if head.pos_ == "NUM" or n.start <= head.idx - head.sent.start_char < n.end:
        attr = copula_attr(head) if partitive(head) is not None else None
        if attr is not None:
            return noun_phrase(attr)  # "four of the dead were children": children
        for c in head.children:  # "dozens of people", "150 of the 1,275 Azerbaijanis"
            if c.dep_ == "prep" and c.lower_ == "of":
                obj = [g for g in c.children if g.dep_ == "pobj"]
                if obj:
                    return noun_phrase(obj[0])
        return None
    return noun_phrase(head)


def _aged(t: Any) -> str:
    """A word as the victims phrase writes it: "old" of "61-year-old" with its age."""
    if t.lower_ == "old" and any(c.dep_ == "npadvmod" and c.lemma_ == "year" for c in t.children):
        first = min((c.left_edge for c in t.children if c.dep_ == "npadvmod"), key=lambda x: x.i)
        return t.doc.text[first.idx:t.idx + len(t.text)]
    return t.text


def noun_phrase(head: Any) -> Optional[str]:
    words = [t for t in head.lefts if t.dep_ in ("amod", "compound", "nmod", "poss") and t.pos_ != "NUM"]
    words = [w for w in words if w.i > max([t.i for t in head.lefts if t.pos_ == "NUM"], default=-1)]
    toks = sorted(words + [head], key=lambda t: t.i)
    phrase = " ".join(_aged(t) for t in toks).strip()
    if head.pos_ in ("PRON",) and head.lower_ not in ("others",):
        return None
    return phrase or None


def counted_among(head: Any, whole: Optional[Any], counted: Container[int], measure: Optional[str]
                  ) -> tuple[Optional[str], Optional[str]]:
    """(measure, group) of a count: one with no measure of its own that is a part of a whole
    no number counts (`counted`: the tokens counted so far) takes the whole's measure, and
    its noun is the group ("seven foreigners were among the dead") — only when its noun
    names a kind of people (not "Germans", "four", "dozens": a group-less part would read
    as the whole toll) and its clause says it is so; else its own measure and no group yet."""
    if measure is None and whole is not None and whole.i not in counted and (m := whole_measure(whole)) and \
            (group := group_name(head)) is not None and group not in _NO_KIND and not _unsure(head):
        return m, group
    return measure, None


#: Groups that name no kind of people: a count in words ("dozens"), or the casualties themselves ("four of the missing").
_NO_KIND = frozenset("dozens hundreds thousands scores tens missings deads injureds wounds".split())
#: Words over a clause that say it is not known to be so ("feared", "checking whether").
_UNSURE_OVER = frozenset("fear believe think presume suspect check investigate ask wonder".split())


def _unsure(head: Any) -> bool:
    """A count "among the dead" that its clause does not say is so: negated ("were not among
    the dead"), with a modal ("may be among"), asked ("whether 12 Britons are among"), or
    under a word of fear or belief ("It is feared that three Australians are among")."""
    verb = head.head
    if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "would", "should", "must")
           or c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
        return True
    return any(a.lemma_.lower() in _UNSURE_OVER for a in verb.ancestors)


def ordinal_of(person: Any) -> Optional[int]:
    """The place a single person holds in a count said before ("police arrested a fourth
    person", "the second person held"): the count so far; None for the first, or none, or a
    relation ("the suspect's second son", "the second wife of ..."). (A kind of person, "a
    second police officer", counts the held too: kept, as the texts seldom list another kind
    before it.)"""
    if any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in person.children):
        return None
    n = next((v for c in person.children if c.dep_ == "amod" and (v := ordinal_value(c.text))), None)
    return n if n is not None and n >= 2 else None
