"""Whether a "held" says the police hold people: an arrest, not a captivity.

One job: read spaCy's parse around the verb "hold" and say whether the people it holds
are held by the police ("three held over the blast", "police are holding three") rather
than by captors ("held hostage", "the gunmen held 40") or not at all ("held up", "a
funeral was held"). The measures rules (measures.py) read it.
"""

from __future__ import annotations

import re
from typing import Any

#: Words that make "held" a captivity, not an arrest ("held hostage", "the gunmen held 40").
_HELD_CAPTIVE = re.compile(r"\b(?:hostage|captiv|captor|kidnap|abduct|gunm[ae]n|militant|rebel|hijack|ransom|siege|gang|"
                           r"armed\s+group|pirate|trapped|underground|rescued|freed|released)",
                           re.IGNORECASE)


def held(tok: Any) -> bool:
    """"Three held over the blast" (a headline), "police arrested the manager, bringing to
    four the number of people held", "police are holding three", "two men held on
    suspicion of ...": people the police hold. The police must hold them (the subject, the
    agent, a custody or suspicion word, an arrest in the sentence), not only tell of it:
    "Police said 40 passengers were held on the plane" is no arrest, nor "held hostage",
    "held by the gang", "45 still held", "held up", "a funeral was held"."""
    if tok.lemma_.lower() != "hold" or tok.pos_ not in ("VERB", "AUX") or _HELD_CAPTIVE.search(tok.sent.text) or \
            any(c.dep_ in ("prt", "neg", "dobj", "advmod") and c.lower_ in ("up", "back", "off", "out", "not", "n't", "still")
                for c in tok.children):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if subj and subj[0].pos_ == "NUM" and not any(c.dep_ in ("dobj", "obj") for c in tok.children) or \
            tok.dep_ == "acl" and tok.head.pos_ == "NUM":
        return True  # a headline's "toll hits 47, three held", "three held over heap collapse"
    if subj:
        return any(t.lemma_.lower() in _POLICE_WORDS for t in subj[0].subtree)
    agent = [g for c in tok.children if c.dep_ == "agent" for g in c.subtree]
    if agent:
        return any(t.lemma_.lower() in _POLICE_WORDS for t in agent)
    subjects = [c for c in tok.children if c.dep_ == "nsubjpass"]  # (not "a funeral was held")
    return tok.tag_ == "VBN" and bool(_HELD_BY_POLICE.search(tok.sent.text)) and all(
        c.pos_ == "NUM" or any(g.dep_ == "nummod" for g in c.children) for c in subjects)


_POLICE_WORDS = frozenset("police officer officers prosecutor prosecutors authority authorities".split())
#: Words that say a hold is the police's (not "police said"): an arrest, custody, suspicion, charges.
_HELD_BY_POLICE = re.compile(r"\b(?:suspicion|custody|questioning|charged?|arrest|detain)", re.IGNORECASE)
