"""Modality: whether a verb tells of an event that happened, here, once.

One job: the tests the claims analyser puts to the verb of a count or of a named victim —
negated or under a modal ("didn't have to kill him", "could have killed her"), a
hypothesis ("the storm could kill 200"; an estimate about the past, "may have killed
30", stays), said to have happened several times ("was arrested seven times"), or a
relative clause that dates itself to another time ("a nurse who was killed last year").
"""

from __future__ import annotations

from typing import Any

from ..text.timex import find_dates
from .measures import lemma_measure

#: Modals of a possibility or a counterfactual, not of what happened.
_HYPOTHETICAL = frozenset("could would should might may can".split())


def irrealis(verb: Any) -> bool:
    """A verb that tells of no event: negated, or under a modal ("they didn't have to kill
    him", "knowing that they would kill him", "could have killed her")."""
    for t in [verb, *([verb.head] if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in ("have", "need", "want",
                                                                                                "try", "threaten") else [])]:
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("will", "'ll", "shall"))
               for c in t.children):
            return True
    return verb.head.lemma_ in ("threaten", "try", "want", "plan", "attempt") and verb.dep_ == "xcomp"


def hypothetical(verb: Any) -> bool:
    """A count's verb under a modal of possibility ("could kill 200", "would have killed
    dozens", "may kill"), but not an estimate about the past ("may have killed 30", "might
    have drowned"): a negation is left alone, since it may be the measure itself ("were
    never found")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    modal = next((c.lower_ for c in aux if c.tag_ == "MD"), None)
    if modal not in _HYPOTHETICAL:
        return False
    return not (modal in ("may", "might") and any(c.lower_ in ("have", "'ve") for c in aux))


def repeated(verb: Any, counted: bool = False) -> bool:
    """A verb said to have happened several times ("was arrested seven times", "had been
    arrested repeatedly"): someone's past occasions, not a count of this event. `counted`:
    the verb has a number of its own, which "repeatedly" may qualify for only some of them
    ("arrested 12 people, some of them repeatedly")."""
    return any((c.dep_ == "npadvmod" and c.lower_ == "times") or (not counted and c.dep_ == "advmod" and c.lower_ == "repeatedly")
               for c in verb.children)


def dated_clause(verb: Any) -> bool:
    """A clause that gives its own year or a past a week or more back ("who was killed in 2019",
    "who was shot last year")."""
    words = list(verb.subtree)
    clause = verb.doc.text[words[0].idx: words[-1].idx + len(words[-1].text)]
    return any(d.year is not None or (d.kind == "relative" and (d.offset or 0) < 0 and d.unit in ("week", "month", "year"))
               for d in find_dates(clause))


def died(verb: Any) -> bool:
    """A death the verb tells as fact ("died", "was killed"): not "may die", "did not die",
    "nearly died"."""
    return lemma_measure(verb) == "killed" and not irrealis(verb) and not any(
        c.dep_ == "neg" or c.lower_ in ("nearly", "almost") for c in verb.children)
