"""A document's totals: its own figure per measure for its main event (PITF/WAD coding).

One job: from one document's claims (claims.py), the figure a coder would take per
measure: the first overall figure its reporting states, with combatant or perpetrator
victims left out and the figures listed beside it added (the `extract` command's totals,
eval/wad_victims.py)."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ..model import Claim
from ..text.origins import NATIONALITIES
from ..text.segments import NOT_REPORTING
from .claims import COMBATANT_GROUPS, COMBATANTS


def is_combatant(claim: Claim) -> bool:
    words = (claim.victims or "").lower().replace("-", " ").split()
    return any(w.rstrip("s") in COMBATANTS or w in COMBATANTS for w in words[-2:])


def _same_person(a: Optional[str], b: Optional[str]) -> bool:
    """Two implicit victims' words that share a name ('Bala Madaki', 'Mr. Madaki')."""
    names = [{w for w in re.findall(r"\b[A-Z][a-z]{2,}\b", x or "") if w not in _TITLES and w.lower() not in NATIONALITIES}
             for x in (a, b)]
    return bool(names[0] & names[1])


_TITLES = frozenset("Mr Mrs Miss Ms Dr Sir Chief Rev Gov Sen Rep Gen Col Capt Sgt Prof".split())


#: A count the text says a figure was brought to: "increased the casualty figures to 37",
#: "the toll now stands at 17", "rose to 23" (the words right before the number).
_RAISED_TO = re.compile(r"\b(?:rose|risen|rising|increased|climbed|jumped|raised|raising|revised|updated|brought|"
                        r"bringing|reached|stands|stood|now)\b[^.;:]{0,60}?\b(?:to|at)\s+(?:at\s+least\s+|more\s+than\s+|"
                        r"over\s+|some\s+|about\s+|nearly\s+|almost\s+)?$", re.IGNORECASE)


def _raised(first: Claim, cands: list[Claim]) -> Claim:
    """The last later figure the text says the count was brought to, higher than the first
    one ("at least 11 ... A later investigation increased the casualty figures to 37 dead"),
    else the first."""
    out = first
    for c in cands:
        if c.start > first.start and (c.value or 0.0) > (out.value or 0.0) and c.sentence is not None and \
                _RAISED_TO.search(c.sentence[: max(0, c.start - c.sentence_start)]):
            out = c
    return out


def totals(claims: Iterable[Claim]) -> dict[str, float]:
    """Per measure, the document's own figure for its main event (PITF/WAD coding).

    The rule: the first overall figure (group null) the document's reporting (not its
    headline, captions or teasers: segments.py) states for the measure, not in a quotation when a narrative figure exists, with combatant or
    perpetrator victims left out; a stated number before an implicit one ("a judge
    was killed" counts 1 only when no number is given); vague figures ("dozens")
    give no total.
    """
    out: dict[str, float] = {}
    claims = [c for c in claims if c.measure != "other" and c.segment not in NOT_REPORTING]
    for measure in {c.measure for c in claims}:
        cands = [c for c in claims if c.measure == measure and c.group is None and c.value is not None] or [
            c for c in claims if c.measure == measure and c.group == "hostages" and not c.part_of and c.value is not None]
        # (hostages, a group the figures keep apart, are the total when the document counts no one else; police,
        # like soldiers, are left out, as WAD coders leave out security forces: "Five policemen ... were injured")
        if measure == "killed":
            cands = [c for c in cands if not is_combatant(c)]
        if not cands:
            continue
        cands = [c for c in cands if c.adds_to is None]
        if not cands:
            continue
        outside = [c for c in cands if not c.in_quote]
        cands = outside or cands
        stated = [c for c in cands if c.what is None]  # numbers before implicit singular victims
        first = (stated or cands)[0]
        if not stated:  # "killed Bala Madaki ... Mr. Madaki was killed alongside his nephew": the same victim and one more
            first = max((c for c in cands if (c.value or 0.0) > (first.value or 0.0) and _same_person(c.victims, first.victims)),
                        key=lambda c: c.value or 0.0, default=first)
        first = _raised(first, cands)
        value = first.value
        assert value is not None  # every candidate has a value (the filter above)
        for c in claims:
            if c.adds_to == first.id and c.value is not None and not (measure == "killed" and is_combatant(c)):
                value += c.value  # "killing nine men and four women"
            if measure == "killed" and c.part_of == first.id and c.value is not None and c.group in COMBATANT_GROUPS:
                value -= c.value  # "seven people, including two soldiers"
        out[measure] = value
    return out
