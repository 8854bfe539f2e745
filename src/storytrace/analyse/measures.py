"""What a number counts: the measure of a parsed figure.

One job: read spaCy's parse around a number and say what it counts — killed, injured,
hospitalised, captured, arrested, released, missing, displaced, evacuated, orphaned,
affected (`head_measure`, `lemma_measure`, `surface_measure`). The lexicons these rules
read are here too, the groups' among them (which part of a total a count is, and who
the text says the victims are: victims.py). Used by the claims analyser (claims.py),
which decides which numbers are claims (who stated them: attribution.py).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from ..text.numbers import NumberSpan
from .custody import held

#: Lemmas (verbs, adjectives, nouns) that say what a number counts.
MEASURE_LEMMAS: dict[str, str] = {
    **dict.fromkeys(
        "kill die dead death murder slaughter massacre execute behead slay perish fatality fatally "
        "assassinate lynch annihilate drown martyr body corpse toll decapitate gun slain killing "
        "murdered slaughtered executed".split(), "killed"),
    **dict.fromkeys("injure wound hurt injury maim injured wounded".split(), "injured"),
    **dict.fromkeys("hospitalise hospitalize hospitalized hospitalised hospitalisation hospitalization".split(), "hospitalised"),
    **dict.fromkeys("release free freed liberate".split(), "released"),
    **dict.fromkeys("orphan orphaned".split(), "orphaned"),
    **dict.fromkeys("capture abduct kidnap hostage captive seize captivity".split(), "captured"),
    **dict.fromkeys("missing unaccounted disappear".split(), "missing"),
    **dict.fromkeys("displace homeless flee refugee".split(), "displaced"),
    **dict.fromkeys("arrest detain apprehend custody".split(), "arrested"),
    **dict.fromkeys("evacuate".split(), "evacuated"),
    **dict.fromkeys("affect assault rape molest abuse".split(), "affected"),
}
#: Head nouns of a part of a total -> the group's name (lower-case plural).
GROUPS: dict[str, str] = {
    **dict.fromkeys("woman women female".split(), "women"),
    **dict.fromkeys("child children kid kids minor minors boy boys girl girls infant infants baby babies toddler teenager teenagers".split(), "children"),
    **dict.fromkeys("elderly pensioner pensioners".split(), "elderly"),
    **dict.fromkeys("man men male".split(), "men"),
    **dict.fromkeys("civilian civilians".split(), "civilians"),
    **dict.fromkeys("soldier soldiers troop troops serviceman servicemen".split(), "soldiers"),
    **dict.fromkeys("policeman policemen police officer officers".split(), "police"),
    **dict.fromkeys("family families".split(), "families"),
    **dict.fromkeys("student students pupil pupils".split(), "students"),
    **dict.fromkeys("journalist journalists reporter reporters".split(), "journalists"),
    **dict.fromkeys("crew".split(), "crew"),
    **dict.fromkeys("passenger passengers".split(), "passengers"),
    **dict.fromkeys("worker workers employee employees".split(), "workers"),
    **dict.fromkeys("militant militants fighter fighters rebel rebels insurgent insurgents".split(), "militants"),
    **dict.fromkeys("foreigner foreigners tourist tourists nationals".split(), "foreigners"),  # (not "national police")
}
#: Verbs whose grammatical subject is the victim even in the active voice.
INTRANSITIVE = set("die perish drown disappear flee remain be go lie stay succumb sustain suffer receive lose".split())
#: People whose capture is an arrest ("captured 23 pirates", "seized two suspects").
PERPETRATORS = set(
    "pirate suspect gunman gunmen attacker assailant robber thief burglar smuggler trafficker kidnapper abductor "
    "fugitive escapee militant insurgent terrorist bomber criminal gangster poacher looter rioter dealer".split())


#: Those who carry out an attack: their dead are a group of their own ("including three gunmen").
ATTACKERS = frozenset("gunman gunmen attacker assailant militant insurgent terrorist bomber".split())


def perpetrator(head: Any) -> bool:
    """A count of wrongdoers ("23 pirates", "five gang members"; not "26 crew members")."""
    lemma = head.lemma_.lower()
    if lemma in PERPETRATORS or head.lower_ in PERPETRATORS:
        return True
    return lemma == "member" and any(c.dep_ == "compound" and c.lemma_.lower() in ("gang", "cartel", "mafia", "militia")
                                     for c in head.children)


def _to_death(tok: Any) -> bool:
    """'hacked to death', 'put to death', 'burned alive', 'shot dead'."""
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
        if c.i > tok.i and (c.lower_ == "dead" or c.lower_ == "alive" and tok.lemma_.lower() in ("burn", "bury")):
            return True  # "shot dead", "burned alive" (but "found alive", "rescued alive": survivors)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and (nxt.lower_ == "dead" or (nxt.lower_ == "to" and tok.i + 2 < len(tok.doc) and tok.nbor(2).lower_ == "death"))


#: Verbs whose infinitive is an intent, not what happened ("threatened to kill 10 hostages").
INTENT = frozenset("threaten plan plot try attempt vow want seek aim intend vote call demand urge decide agree promise "
                   "hope wish refuse fail conspire scheme pledge warn prepare expect".split())


def _infinitive(tok: Any) -> bool:
    """'threatened to kill', 'the nine voting to put him to death': an intent, not what
    happened ('used machetes to kill 12' did happen)."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and (
        tok.head.lemma_.lower() in INTENT or tok.head.pos_ == "NOUN")


def lemma_measure(tok: Any) -> Optional[str]:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and _infinitive(tok):
        return None
    if tok.pos_ in ("VERB", "ADJ") and _to_death(tok):
        return "killed"
    if tok.lower_ == "hanged":
        return "killed"
    m = MEASURE_LEMMAS.get(lemma) or MEASURE_LEMMAS.get(tok.lower_)
    if m == "killed" and lemma in ("toll", "body") and tok.pos_ != "NOUN":
        return None
    if m == "injured" and any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") and not any(
            g.dep_ in ("advmod", "neg") for g in c.children) for c in tok.children) and not any(
            c.lower_ in _ALMOST or c.dep_ == "neg" for c in tok.children):  # (not "nearly fatally")
        return "killed"  # "fatally wounded", "mortally injured": the wound killed
    if lemma == "gun" and not any(c.lower_ == "down" for c in tok.children):
        return None
    if lemma == "lose" and any(c.lemma_ in ("life",) for c in tok.children):
        return "killed"
    if lemma in ("sustain", "suffer", "receive") and any(c.lemma_ in ("injury", "wound", "burn") for c in tok.children):
        return "injured"
    if lemma == "treat" and any(c.dep_ == "prep" and c.lower_ == "for" and any(
            g.dep_ == "pobj" and g.lemma_ in ("injury", "wound", "burn") and not any(a.lower_ == "no" for a in g.children)
            for g in c.children) for c in tok.children):
        return "injured"  # "64 people had been treated for burns, smoke inhalation and crush injuries"
    if lemma == "succumb" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lemma_ in ("injury", "wound", "burn") for g in c.children) for c in tok.children):
        return "killed"  # "later succumbed to his wounds"
    if lemma == "lose" and any(c.lemma_ in ("parent", "father", "mother") for c in tok.children):
        return "orphaned"  # "130 children lost one parent", "25 lost both parents"
    if _to_hospital(tok):
        if lemma == "treat" and not (tok.tag_ == "VBG" or any(c.lower_ == "being" for c in tok.children)):
            return "injured"  # "83 people had been treated in hospital": seen there, not kept ("are being treated")
        return "hospitalised"  # "taken to hospital", "remain in hospital", "being treated in hospital"
    if _care_custody(tok):
        return None  # "seized 400 children and placed them in state custody": taken into care, not arrested
    if _in_custody(tok) or held(tok):
        return "arrested"  # "taken into custody", "are in detention", "remain under arrest", "three held"
    if _out_of_homes(tok):
        return "evacuated"  # "1,400 residents have been moved out of their homes"
    if m == "displaced" and lemma in ("flee", "fled") and not _HOMES.search(tok.sent.text):
        return None  # "a dozen coworkers had just fled the office": not driven from their homes
    if m == "released" and _from_hospital(tok) and not _CAPTIVITY.search(tok.sent.text) and \
            not any(c.dep_ == "nsubj" for c in tok.children):
        return "hospitalised"  # "four were released from hospital on Wednesday": they had been in hospital
    if m == "released" and (_discharged(tok) or not _CAPTIVITY.search(tok.sent.text)):
        return None  # "treated at a hospital and released": discharged; "freed seven people who had locked
        # themselves in": a rescue; a release is from captivity, which the sentence must name
    if lemma == "lose" and any(c.lemma_ in ("home", "house") for c in tok.children):
        return "displaced"
    if lemma in ("take", "hold") and any(c.lemma_ in ("hostage", "captive", "prisoner") for c in tok.subtree):
        return "captured"
    if lemma == "shoot" and any(c.lower_ in ("dead",) for c in tok.children):
        return "killed"
    if lemma == "claim" and any(c.lemma_ == "life" for c in tok.children):
        return "killed"
    if tok.pos_ in ("VERB", "AUX") and any(
        g.lower_ == "missing"
        for c in tok.children if c.dep_ in ("acomp", "oprd", "xcomp", "attr", "advmod", "prep")
        for g in ([c, *c.children] if c.dep_ == "prep" else [c])
    ):
        return "missing"  # "went missing", "is still listed as missing"
    if lemma in ("find", "recover", "locate") and _passive(tok) and any(c.dep_ == "neg" for c in tok.children):
        return "missing"  # "nine of them were never found"
    if lemma in ("leave", "find", "remain", "be", "report", "confirm", "declare", "feel", "wipe", "list") and tok.pos_ in ("VERB", "AUX"):
        for c in tok.children:
            if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "attr", "advmod", "prt") and c.i > tok.i:
                m2 = MEASURE_LEMMAS.get(c.lemma_.lower()) or MEASURE_LEMMAS.get(c.lower_)
                if m2:
                    return m2
            if lemma == "wipe" and c.lower_ == "out":
                return "killed"
    return _listed_as(tok) or m


#: Verbs that enter the counted on a list as something ("recorded as injured", "registered as dead").
_AS_VERBS = frozenset("record register list log class classify count report confirm declare".split())
#: Words that say a listing was the first word, since revised ("initially listed as dead").
_FIRST_SAID = frozenset("initially previously originally wrongly mistakenly first erroneously".split())


def _listed_as(tok: Any) -> Optional[str]:
    """The measure a verb of listing enters the counted "as" ("117 people had been recorded
    as injured", "were listed as dead"), or None."""
    if tok.lemma_.lower() not in _AS_VERBS or tok.pos_ != "VERB" or tok.dep_ == "acl" or any(
            c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in _FIRST_SAID for c in tok.children):
        return None  # (not "not counted as", "initially listed as dead", "people listed as dead were found alive")
    for c in tok.children:
        said = [c] if c.dep_ == "advcl" and any(g.dep_ in ("mark", "advmod") and g.lower_ == "as" for g in c.children) else \
            [g for g in c.children if g.dep_ in ("pobj", "amod", "acomp", "pcomp")] if c.dep_ == "prep" and c.lower_ == "as" else []
        for g in said:
            m2 = MEASURE_LEMMAS.get(g.lemma_.lower()) or MEASURE_LEMMAS.get(g.lower_)
            if m2:
                return m2
    return None


#: Words that say the outcome did not come ("nearly fatally injured").
_ALMOST = frozenset("nearly almost narrowly virtually".split())
_HOSPITAL = frozenset("hospital hospitals clinic infirmary icu".split())
_TO_HOSPITAL = frozenset("take rush admit airlift fly bring transport send carry move transfer evacuate helicopter".split())
_IN_HOSPITAL = frozenset("remain be stay lie treat receive keep hold leave".split())  # ("left 40 in hospital")


def _to_hospital(tok: Any) -> bool:
    """'taken to hospital', 'flown to a burns unit's hospital', 'remain in hospital', 'being treated in hospital'."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in _TO_HOSPITAL | _IN_HOSPITAL:
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"] if lemma == "leave" else []
    for c in [*tok.children, *(g for o in objects for g in o.children)]:  # ("left 40 in hospital": the parse may
        # hang "in hospital" on the 40)
        if c.dep_ == "prep" and (c.lower_ == "to" and lemma in _TO_HOSPITAL or c.lower_ in ("in", "at") and lemma in _IN_HOSPITAL):
            if any(g.dep_ == "pobj" and g.lemma_.lower() in _HOSPITAL for g in c.children):
                return True
    return False


def _still_treated(head: Any) -> bool:
    """"33 people are still being treated": the counted are the subject of a passive "treat"
    in progress that goes on ("still"), naming no place (a place is `_to_hospital`'s)."""
    verb = head.head
    return head.dep_ == "nsubjpass" and verb.lemma_.lower() == "treat" and \
        any(c.lower_ == "being" for c in verb.children) and any(c.lower_ == "still" for c in verb.children) and \
        not any(c.dep_ in ("neg", "agent") or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children) and \
        not any(g.dep_ == "prep" and g.lower_ == "at" and any(x.lemma_.lower() in _NOT_WARDS for x in g.children)
                for g in verb.subtree)
    # (not "still being treated at the scene", "as outpatients", "by counsellors", "for burns at home")


#: Where people are treated outside a hospital ("at the scene", "at home").
_NOT_WARDS = frozenset("scene home site camp shelter school station".split())


def admitted(head: Any) -> bool:
    """"Twenty-three had been admitted": the counted are the subject of a passive "admit"
    that names no place (the paragraph may name the hospital before)."""
    verb = head.head
    return head.dep_ == "nsubjpass" and verb.lemma_.lower() == "admit" and not any(
        c.dep_ == "prep" and c.lower_ in ("to", "into", "at", "as") for c in verb.children)


_CUSTODY = frozenset("custody detention arrest".split())
_CARE = frozenset("state protective foster child welfare".split())


def _custody_of(tok: Any) -> list[Any]:
    """The custody nouns a verb puts people in ('into custody', 'in state custody')."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "into", "under")
            for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in _CUSTODY]


def _care_custody(tok: Any) -> bool:
    """A verb that, or whose coordinated verb, puts people in a state's care ('placed them in
    state custody', 'took the children into protective custody'): no arrest."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return any(m.lower_ in _CARE for v in verbs for g in _custody_of(v) for m in g.children
               if m.dep_ in ("amod", "compound"))


def _in_custody(tok: Any) -> bool:
    """'taken into custody', 'are currently in detention', 'remain under arrest', 'held in police custody'
    (the state an arrest leaves people in, as `_to_hospital` is a hospital's)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in _TO_HOSPITAL | _IN_HOSPITAL or \
            any(c.dep_ == "neg" for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ == "into" and lemma in _TO_HOSPITAL or c.lower_ in ("in", "under") and lemma in _IN_HOSPITAL):
            if any(g.dep_ == "pobj" and g.lemma_.lower() in _CUSTODY and not (g.lower_ == "arrest" and c.lower_ == "in")
                   for g in c.children):
                return True
    return False


_RESIDENTS = re.compile(r"\b(?:homes?|houses?|villages?|residents|villagers|households|families)\b", re.IGNORECASE)
_MOVED = frozenset("move bus ferry airlift relocate".split())  # (not "take", "lead": "gunmen took 20 villagers from their homes")


def _out_of_homes(tok: Any) -> bool:
    """People moved out of or from their homes ('moved out of their homes', 'bused from their
    houses'): evacuated, as the verb 'evacuate' says."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _MOVED or any(c.dep_ == "neg" for c in tok.children):
        return False
    if tok.lemma_.lower() == "relocate" and _RESIDENTS.search(tok.sent.text) and not any(
            c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() in ("office", "jail", "prison", "headquarters")
                                                          for g in c.children) for c in tok.children):
        return True  # "2,000 residents of the valley were relocated" (not "employees relocated to the new office")
    for c in tok.children:  # "from their homes", "out of their homes": the homes are what the preposition governs
        of = [g for g in c.children if g.dep_ == "prep" and g.lower_ == "of"] if c.lower_ == "out" else [c]
        if c.dep_ == "prep" and c.lower_ in ("from", "out") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in ("home", "house") for p in of for g in p.children):
            return True
    return False


def _discharged(tok: Any) -> bool:
    """A release from hospital ('treated and released', 'released from hospital')."""
    near = [tok.head] if tok.dep_ == "conj" else []
    near += [c for c in tok.children if c.dep_ == "conj"]
    if any(t.lemma_.lower() in ("treat", "examine", "discharge") for t in near):
        return True
    return _from_hospital(tok)


def _from_hospital(tok: Any) -> bool:
    """'released from hospital', 'discharged from the hospital'."""
    return any(c.dep_ == "prep" and c.lower_ == "from" and any(g.lemma_.lower() in _HOSPITAL for g in c.children)
               for c in tok.children)


def _either(head: Any, m: str) -> bool:
    """"56 people were killed or hurt", "30 were dead or missing", "the storm killed or injured
    56 people", "144 people killed or injured": the count's verb (or what its copula says, or
    a clause describing it whose own list holds the count's measure) is joined by "or" to
    another measure's: a count of both, neither's."""
    verb = head.head
    if verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "or" for c in verb.head.children):
        verb = verb.head  # (the object hangs on the second verb)
    described = [c for c in head.children if c.dep_ in ("acl", "amod")]  # "144 people killed or injured"
    for t in [verb, *(c for c in verb.children if c.dep_ in ("acomp", "oprd", "attr")), *described]:
        if any(c.dep_ == "cc" and c.lower_ == "or" for c in t.children):
            found = set() if t in described else {m}  # (a clause describing them: its own list must hold `m`,
            for c in [t, *(c for c in t.children if c.dep_ == "conj")]:  # not "30 hostages held or abused" freed)
                other = MEASURE_LEMMAS.get(c.lower_) or MEASURE_LEMMAS.get(c.lemma_.lower()) or \
                    (lemma_measure(c) if c.pos_ in ("VERB", "ADJ") else None)
                if other:
                    found.add(other)
            if len(found) > 1 and m in found:
                return True
    return False


def one_measure(head: Any, m: Optional[str]) -> Optional[str]:
    """`m`, unless the count is of two measures at once ("56 people were killed or hurt"): None."""
    return None if m is not None and (head.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") or any(
        c.dep_ in ("acl", "amod") for c in head.children)) and _either(head, m) else m


def head_measure(head: Any) -> Optional[str]:
    """What the noun phrase headed by `head` counts, from the words around it."""
    if _given(head):
        return None  # "promised 2 million ilvars to the family of each person killed": what is given, no victims
    whole = partitive(head) if copula_attr(head) is not None else None
    if whole is not None and whole.i != head.i:  # "four of the dead were children": a part of the dead
        return "injured" if whole.lower_ in ("injured", "wounded") else _measure_of(whole)
    if head.dep_ == "nsubj" and _to_hospital(head.head) and (head.head.lemma_.lower() in ("remain", "stay") or
                                                            any(c.lower_ == "still" for c in head.head.children)):
        return "hospitalised"  # "Six people injured in the siege remain in hospital", "14 survivors are still in hospital"
    if _still_treated(head):
        return "hospitalised"  # "33 people are still being treated": in care now, as "still in hospital"
    m = "killed" if _bodies_of(head) else _measure_of(head)
    if m == "injured" and head.dep_ == "nsubj" and head.head.pos_ == "VERB" and lemma_measure(head.head) == "killed":
        return "killed"  # "two inmates wounded in the assault died overnight": what became of them
    if m == "hospitalised" and head.lemma_.lower() in ("victim", "casualty", "wounded", "injured", "survivor"):
        return "injured"  # "the two other victims were being treated at a hospital": the injured
    if m in ("hospitalised", "released") and head.head.lemma_.lower() not in ("remain", "stay"):
        for c in head.children:  # "28 injured people were being treated in hospital": injured
            if c.dep_ == "amod" and c.i < head.i and c.lower_ in ("injured", "wounded"):
                return "injured"
    if m == "captured" and perpetrator(head):
        return "arrested"  # "the navy captured 23 pirates": the captured are suspects, not hostages
    if m == "captured" and head.lemma_.lower() in ("hostage", "captive", "prisoner") and \
            head.head.lemma_.lower() in ("release", "free", "liberate") and not _discharged(head.head):
        return "released"  # "the rebels freed 30 hostages"
    return m


#: Verbs of giving: their object with a recipient ("to the family of ...") is a thing given.
_GIVING = frozenset("promise pay give offer award grant allocate donate pledge send spend raise".split())


def _given(head: Any) -> bool:
    """The object of a verb of giving, with a "to" or "for" after it ("promised 2 million ilvars
    to the families", "pay 2 million ilvars in compensation to ..."), that names no people or
    victims: money or goods, whatever its noun ("sent 12 bodies to the morgue", "gave 20
    hostages to the Red Cross", "sent 45 injured people to hospital" keep their counts)."""
    t = head
    while t.dep_ == "conj":
        t = t.head
    verb = t.head
    if t.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in _GIVING or _people_noun(t):
        return False
    return any(c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for") or c.dep_ == "dative"
               for c in [*verb.children, *t.subtree] if c.i != t.i)


#: Nouns of people or their remains, which a verb of giving moves rather than pays.
_PEOPLE = frozenset("people person persons body bodies corpse corpses remains refugee refugees hostage hostages captive "
                    "captives victim victims survivor survivors resident residents villager villagers family families "
                    "patient patients prisoner prisoners detainee detainees migrant migrants".split())


def _people_noun(t: Any) -> bool:
    return t.lemma_.lower() in _PEOPLE or t.lower_ in _PEOPLE or t.lemma_.lower() in GROUPS or t.lower_ in GROUPS or \
        t.lemma_.lower() in MEASURE_LEMMAS or any(c.dep_ == "amod" and (c.lower_ in MEASURE_LEMMAS or
                                                                        c.lemma_.lower() in MEASURE_LEMMAS) for c in t.children)


#: Fleeing is displacement when the sentence speaks of homes, lands or refuge.
_HOMES = re.compile(r"\b(?:home|homes|house|houses|village|villages|town|towns|city|cities|country|countries|border|"
                    r"region|area|areas|district|province|camp|camps|refug|displac|shelter|land|lands)", re.IGNORECASE)
#: A release is from captivity: the sentence must say so.
_CAPTIVITY = re.compile(r"\b(?:hostage|captiv|captor|kidnap|abduct|detain|detention|prison|jail|custody|swap|ransom|"
                        r"held|hijack|inmate|arrest|seiz|bail|parole)", re.IGNORECASE)


#: Verbs that hedge a report of the victims' fate ("40 villagers were feared killed").
_HEDGES = frozenset("fear believe think presume report confirm say suspect".split())


def _own_object(verb: Any) -> bool:
    """A clause about the noun with an object of its own ("the nine voting to put Nichols to
    death"): the noun did the deed; "1,275 Azerbaijanis that the Armenians captured" has none."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("dobj", "obj") and c.lower_ not in ("that", "which", "who", "whom") for c in verb.children)


#: Nouns that are themselves a count of casualties ("the dead, 12 of them children").
_COUNT_NOUNS = frozenset("dead death fatality casualty victim toll injured wounded hostage captive".split())


def whole_measure(whole: Any) -> Optional[str]:
    """The measure of a whole a part is counted among when the whole has no number of its
    own ("seven foreigners were among the dead", "among the injured were two police
    officers"): a noun that is itself a count of casualties, as its word says."""
    if whole.lower_ not in ("dead", "injured", "wounded", "missing", "hostages", "captives") or whole.dep_ == "conj" or \
            any(c.dep_ == "conj" for c in whole.head.children) or \
            any(c.dep_ in ("nummod", "conj", "acl", "relcl") or c.dep_ == "amod" and c.pos_ == "VERB" for c in whole.children):
        return None  # (nor "the dead and injured", nor "the hostages freed", "the hostages who were killed": their fate)
    return "killed" if whole.lower_ == "dead" else "missing" if whole.lower_ == "missing" else lemma_measure(whole)


def _said_of_subject(verb: Any) -> Optional[str]:
    """What the words after a count's verb say of its subject: "were found dead", "remain
    missing", "were found burned to death", "feared killed"; a second verb of the same
    subject with no object of its own ("were shot and killed")."""
    for c in verb.children:
        if c.dep_ in ("acomp", "oprd", "xcomp", "attr") and c.i > verb.i or \
                c.dep_ == "advcl" and c.i == verb.i + 1 and verb.lemma_.lower() in _HEDGES or \
                c.dep_ == "advcl" and _split_passive(verb, c):
            m = MEASURE_LEMMAS.get(c.lemma_.lower()) or MEASURE_LEMMAS.get(c.lower_) or \
                (lemma_measure(c) if c.pos_ in ("VERB", "ADJ") else None)
            if m:
                return m
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and not any(
                g.dep_ in ("nsubj", "nsubjpass") or g.dep_ == "dobj" and g.lemma_.lower() != "life" for g in c.children):
            # (a second verb with an object of its own tells what the subject did: "... remain in camps
            # after floods killed 47 people" is not the 39,500's death; "lost their lives" is theirs)
            m = lemma_measure(c)
            if m:
                return m
    return None


def _split_passive(aux: Any, participle: Any) -> bool:
    """"Five people ... were on Friday night killed": a passive whose auxiliary the parser
    made the root and its participle an adverbial clause (no subject, no subordinator of
    its own: not "were at the market when gunmen killed ...")."""
    return aux.lemma_ == "be" and participle.tag_ == "VBN" and participle.i > aux.i and not any(
        g.dep_ in ("nsubj", "nsubjpass", "mark") or g.dep_ == "advmod" and g.tag_ == "WRB" for g in participle.children)


def partitive(head: Any) -> Optional[Any]:
    """"four of the dead", "two of the injured": the count noun a number is a part of."""
    if head.pos_ != "NUM":
        return None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            noun = next((g for g in c.children if g.dep_ == "pobj"), None)
            if noun is not None and (noun.lemma_.lower() in _COUNT_NOUNS or noun.lower_ in _COUNT_NOUNS):
                return noun
    return None


def copula_attr(head: Any) -> Optional[Any]:
    """"four of the dead were children": what the copula says they were."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    return next((c for c in verb.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")), None)


#: What may befall people held: their verb says it ("two hostages were killed").
_FATES = frozenset({"killed", "injured", "released", "hospitalised", "missing"})


def _fate_of_held(head: Any) -> Optional[str]:
    """"Four hostages were killed", "gunmen killed two hostages", "the hostages were freed":
    what the verb of a count of hostages or captives says befell them (None: only that
    they were held)."""
    verb = head.head
    if verb.pos_ not in ("VERB", "AUX") or head.dep_ not in ("nsubjpass", "dobj", "obj", "nsubj"):
        return None
    if head.dep_ == "nsubj" and verb.lemma_.lower() not in INTRANSITIVE:
        return None
    m = lemma_measure(verb) or next((lemma_measure(c) for c in verb.children if c.dep_ == "acomp"), None)
    return m if m in _FATES else None  # ("were now free")


def _whole_with_clause(head: Any) -> Optional[int]:
    """Where the whole of a partitive count with a clause of its own stands ("56 of the 71
    pupils the ministry counts as abducted are now free"): a modifier after it completes
    that clause, not the part's ("abducted" is not what befell the 56)."""
    if head.pos_ != "NUM":
        return None
    return min((g.i for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj" and g.pos_ != "PRON" and any(x.dep_ in ("relcl", "acl") for x in g.children)),
               default=None)


#: Nouns of a deed done to the people an "of" counts ("the killing of 12", "the abduction of 118").
_DEED_OF = {**dict.fromkeys("killing murder massacre slaughter execution death".split(), "killed"),
            **dict.fromkeys("abduction kidnapping".split(), "captured"),
            **dict.fromkeys("arrest detention".split(), "arrested")}


def _in_custody_after(head: Any, c: Any) -> bool:
    """A modifier after the noun that puts it in custody ("men now under arrest"; not "in the
    custody of their father")."""
    return c.dep_ == "prep" and c.i > head.i and c.lower_ in ("in", "under") and any(
        g.dep_ == "pobj" and g.lemma_.lower() in _CUSTODY and not any(x.dep_ == "prep" for x in g.children)
        for g in c.children)


def _state_of_subject(subj: Any, verb: Any) -> bool:
    """A verb that says what befell its subject though it reads as active: "were still
    missing" taken as the verb "miss" (no object), a headline's "three held"."""
    return verb.lower_ == "missing" and not _own_object(verb) or subj.pos_ == "NUM" and held(verb)


def _bodies_of(head: Any) -> bool:
    """"the bodies of three hostages": the dead, whatever the noun counts besides."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN" and \
        head.head.head.lemma_.lower() in ("body", "corpse")


def _shares_first_verb(dep: Any, verb: Any) -> bool:
    """A second verb ("were shot and killed") whose subject or object (`dep`) the first verb's
    measure speaks of: not a clause with a subject of its own ("four remain in hospital; one
    more pupil was discharged", "18 remain in hospital and it is feeding 3,150 people"), nor
    an object of its own verb when the first verb has one ("shooting dead a watchman ... and
    carrying off 40 pupils")."""
    if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    first = verb.head.children
    if dep in ("nsubj", "nsubjpass"):
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in first)
    if dep in ("dobj", "obj"):
        return not any(c.dep_ in ("dobj", "obj") for c in first) and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return True


def _measure_of(head: Any) -> Optional[str]:
    # "19 deaths", "19 bodies", "487 injuries": the noun itself
    if head.pos_ == "NOUN":
        m = lemma_measure(head)
        if m and head.lemma_.lower() in ("death", "fatality", "body", "corpse", "injury", "hostage", "captive", "refugee", "casualty", "dead"):
            return _fate_of_held(head) or m if m == "captured" else m
    if head.lemma_.lower() in ("dead", "life") or head.lower_ == "dead":  # "the 19 dead", "claimed 64 lives"
        return "killed"
    if head.dep_ in ("dobj", "obj") and head.head.pos_ == "VERB" and head.head.lemma_.lower() in MEASURE_LEMMAS and \
            (m := lemma_measure(head.head)):
        return m  # "killing five people who were being detained": the verb, not the clause about them
    # "14 dead", "12 others wounded", "1,275 Azerbaijanis that the Armenians captured"
    whole_at = _whole_with_clause(head)
    for c in head.children:
        if c.dep_ == "appos" and any(g.dep_ == "nummod" for g in c.children):
            continue  # "eleven people were dead, nine hostages and two police officers": its parts, not what it counts
        if whole_at is not None and c.i > whole_at:
            continue  # "56 of the 71 pupils the ministry counts as abducted are now free": said of the whole
        if c.dep_ in ("amod", "acl", "relcl", "appos", "advmod") and c.i > head.i and not _own_object(c) and \
                not any(g.dep_ in ("nsubj", "nsubjpass") and g.pos_ == "NUM" for g in c.children):
            # (not a clause about a count of its own: "117 wounded, of whom 44 remained in hospital")
            m = lemma_measure(c)
            if m:  # ("The 40 pupils kidnapped last week were released": what befell those held)
                return (_fate_of_held(head) or m) if m == "captured" else m
        if _in_custody_after(head, c):
            return "arrested"  # "the four men now under arrest", "three people in custody"
    t = head
    while t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        t = t.head
    dep = t.dep_
    verb = t.head
    if dep in ("dobj", "obj") and verb.lemma_.lower() in ("lose", "sustain", "suffer", "receive"):
        return None  # "lost one parent", "sustained 3 wounds": not the victims
    if dep in ("nsubj", "csubj") and verb.lemma_.lower() not in INTRANSITIVE and not _passive(verb) and \
            not _state_of_subject(t, verb):
        return None  # "five explosions killed 12 people": the subject did the killing
    if dep == "appos" and verb.pos_ in ("NOUN", "PROPN") and verb.lemma_.lower() not in _COUNT_NOUNS:
        return None  # "Gray's body, three of them from the rear": not a count of the dead
    if dep in ("nsubj", "nsubjpass", "csubj", "dobj", "obj", "attr", "oprd", "npadvmod", "dative", "appos"):
        m = lemma_measure(verb) or (_toll_to(verb, bare=False, split=False) if dep in ("dobj", "obj", "attr") and
                                    t.pos_ == "NUM" else None)  # (or the toll's own verb, with the number bare: "toll
        # hits 14", "the toll was 23"; not "the toll forced two ministers to resign")
        if m:
            return m
        if _shares_first_verb(dep, verb) and (m := lemma_measure(verb.head)):
            return m  # "were shot and killed"
        if dep in ("nsubj", "nsubjpass") and (m := _said_of_subject(verb)):
            return m
    if dep in ("dobj", "obj", "attr") and verb.lemma_ == "include":
        subj = [c for c in verb.children if c.dep_ in ("nsubj",)]
        if subj:
            m = MEASURE_LEMMAS.get(subj[0].lemma_.lower()) or MEASURE_LEMMAS.get(subj[0].lower_)
            if m:  # "the dead included six civilians"
                return m
    if dep == "pobj":
        prep = t.head
        gov = prep.head
        if prep.lower_ == "of" and gov.pos_ == "NOUN" and gov.lemma_.lower() in _DEED_OF:
            return _DEED_OF[gov.lemma_.lower()]  # "the 2019 abduction of 118 pupils": captured, not killed
        if prep.lower_ == "of" and gov.lemma_.lower() in ("toll", "life", "death", "body"):
            return "killed" if gov.lemma_.lower() != "life" or lemma_measure(gov.head) else None
        if prep.lower_ in ("to", "at") and gov.pos_ in ("VERB", "AUX"):
            # "the death toll rose to 19", "put the death toll at 21", "the number killed has risen to 23"
            m = _toll_to(gov, bare=t.pos_ == "NUM")
            if m:
                return m
        if prep.lower_ == "of" and gov.lemma_.lower() in ("family", "group", "household") and gov.dep_ in ("dobj", "nsubjpass"):
            return lemma_measure(gov.head)  # "slaughtered a family of seven"
        if prep.lower_ == "of" and gov.pos_ in ("NOUN", "NUM"):
            return None
    if head.dep_ in ("nummod",) and head.head.lemma_.lower() == "toll":
        return _toll_measure(head.head)
    for c in head.children:  # "28 injured people": a casualty adjective before the noun
        if c.dep_ == "amod" and c.i < head.i and c.lower_ in ("injured", "wounded", "dead", "missing", "displaced", "abducted", "kidnapped", "detained", "arrested", "evacuated"):
            return MEASURE_LEMMAS.get(c.lower_) or MEASURE_LEMMAS.get(c.lemma_.lower())
    return None


_SKIP_RIGHT = set(
    "were was have has had been being are is be reportedly allegedly also later feared believed confirmed "
    "critically seriously fatally severely slightly badly last night yesterday today all others other more "
    "subsequently eventually reported said thought presumed".split()
)


#: A number followed at once by a casualty word says what it counts, whatever the parse
#: ("at least 23 injured Monday morning", "leaving 25 severely injured", "15 dead").
_RIGHT_AFTER = re.compile(
    r"\s+(?:(?:severely|seriously|critically|slightly|badly|lightly|gravely|fatally|mortally)\s+)?"
    r"(injured|wounded|hurt|dead|killed|missing|displaced|abducted|kidnapped|detained|arrested|evacuated|"
    r"hospitali[sz]ed)\b", re.IGNORECASE)
_LEMMA_OF = {"killed": "kill", "displaced": "displace", "abducted": "abduct", "kidnapped": "kidnap", "detained": "detain",
             "arrested": "arrest", "evacuated": "evacuate"}


def adjacent_measure(sent: Any, n: NumberSpan) -> Optional[str]:
    """The measure a casualty word right after the number gives ("23 injured"), when it
    stands for the people counted, not before a noun it describes ("eight displaced people
    were slain": the people are the count, slain its measure); None otherwise."""
    m = _RIGHT_AFTER.match(sent.text, n.end)
    if m is None:
        return None
    after = getattr(sent, "start_char", 0) + m.end()  # (a Doc of its own, or a Span of one)
    nxt = next((t for t in sent if t.idx >= after and not t.is_space), None)
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.ent_type_ not in ("DATE", "TIME") and \
            nxt.lower_ not in _TIME_NOUNS:
        return None
    word = m.group(1).lower()
    return MEASURE_LEMMAS.get(word) or MEASURE_LEMMAS.get(_LEMMA_OF.get(word, word))


_TIME_NOUNS = frozenset("monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night "
                        "today yesterday overnight".split())


def surface_measure(sent: Any, n: NumberSpan, head: Any) -> Optional[str]:
    """When the parse gives nothing: the word right before the number ("killed at least
    eight"), or a casualty word right after its noun ("40 villagers were feared killed")."""
    first = sent.char_span(n.start, n.end, alignment_mode="expand")
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NUM", "DET", "ADJ", "PRON"):
        return None  # "two of the three victims died": the three are the set, the two died
    if first is not None and first.start > 0:
        prev = sent[first.start - 1]
        if prev.pos_ in ("VERB", "ADJ", "NOUN") and prev.lower_ not in ("toll",):
            m = lemma_measure(prev)
            if m and (prev.pos_ != "NOUN" or prev.lower_ == "death"):
                return m
    i = max(head.i, first.end - 1 if first is not None else head.i) + 1
    for tok in sent[i : i + 6]:
        if tok.is_punct and tok.text not in ("-",) or tok.lower_ == "to" and tok.pos_ == "PART":
            break  # "the nine voting to put him to death": an intent, not a count of the dead
        if tok.pos_ == "VERB" and tok.tag_ == "VBG" and _own_object(tok):
            break  # "several regulations affecting health care": what the noun does, not what befell it
        m = lemma_measure(tok) if tok.pos_ in ("VERB", "ADJ") else None
        if m:
            return m
        if tok.lower_ not in _SKIP_RIGHT and tok.pos_ not in ("ADV", "AUX", "PART") and tok.ent_type_ != "DATE":
            if not (tok.pos_ == "PROPN" and tok.lower_ in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
                break
    return None


def _passive(verb: Any) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "aux") for c in verb.children)


_TOLLS = ("toll", "number", "tally", "figure", "count")


def _toll_to(gov: Any, bare: bool = True, split: bool = True) -> Optional[str]:
    """The measure of the toll whose verb (or whose own words) "to N" / "at N" hangs on;
    inside the toll's words only a bare number ("... killed since Tuesday to five", not
    "wounded when police fired at 200 protesters")."""
    for c in gov.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in _TOLLS:
            m = _toll_measure(c)
            if m:
                return m
    if split and gov.dep_ in ("conj", "advcl") and gov.tag_ != "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                                              for c in gov.children):
        m = _toll_before(gov) or _toll_participle(gov)  # "the count of patients killed rose to 17"
        if m:
            return m
    toll = _toll_above(gov) if bare else None  # "raising the number of people killed to 35": "to" hung inside
    return _toll_measure(toll) if toll is not None else None  # the toll's words


def _toll_before(verb: Any) -> Optional[str]:
    """The measure of the toll that is the subject of the verb a subjectless `verb` hangs on
    ("The number of people confirmed dead in the landslide has risen to 27": "risen" a
    conjunct of "confirmed"): its words up to `verb`, less the event ("in the landslide")."""
    first = verb.head
    toll = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _TOLLS
                 and c.pos_ == "NOUN" and c.i < first.i < verb.i), None) if first.pos_ in ("VERB", "AUX") else None
    if toll is None:
        return None
    m = _toll_measure(toll)
    if m:
        return m
    event = {t.i for c in first.children if c.dep_ == "prep" and c.lower_ in _EVENT_PREPS for t in c.subtree}
    for t in toll.doc[toll.i + 1 : verb.i]:
        if t.i not in event and t.dep_ not in ("aux", "auxpass") and (m := MEASURE_LEMMAS.get(t.lemma_.lower())
                                                                       or MEASURE_LEMMAS.get(t.lower_)):
            return m
    return None


def _toll_participle(verb: Any) -> Optional[str]:
    """The measure of a toll of people the parse made the subject of the participle just
    before `verb` ("as the number of people killed rose to 19"; not "of sheep drowned")."""
    prev = verb.doc[verb.i - 1] if verb.i > 0 else verb
    toll = next((c for c in prev.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _TOLLS
                 and c.pos_ == "NOUN"), None) if prev.tag_ == "VBN" and prev.right_edge.i == prev.i else None
    people = toll is not None and all(g.lemma_.lower() in ("people", "person") or g.lemma_.lower() in GROUPS or g.lower_ in GROUPS
                                      or g.lemma_.lower().endswith(("er", "or", "ist", "ian", "man"))
                                      for c in toll.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj")
    return (_toll_measure(toll) or MEASURE_LEMMAS.get(prev.lemma_.lower()) or MEASURE_LEMMAS.get(prev.lower_)) if people else None


def _toll_above(tok: Any) -> Optional[Any]:
    """The toll noun whose words hold `tok` ("the number of people killed since ... [to
    five]"), when that noun is the subject or object of its verb; a few steps up at most."""
    for _ in range(6):
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.lemma_.lower() in _TOLLS and tok.pos_ == "NOUN":
            return tok
        if tok.head is tok or tok.dep_ in ("ROOT", "ccomp", "conj"):
            return None
        tok = tok.head
    return None


def _toll_measure(toll: Any) -> Optional[str]:
    """What a 'toll' / 'number of people killed' counts (a plain toll counts the dead); the
    words of the event it comes from say nothing of it ("the toll from the attack on the camp
    for displaced people": the dead)."""
    event = {t.i for c in toll.children if c.dep_ == "prep" and c.lower_ in _EVENT_PREPS
             and not any(MEASURE_LEMMAS.get(o.lemma_.lower()) for o in c.children if o.dep_ == "pobj") for t in c.subtree}
    # ("the toll in wounded": its own words; what befell the people counted before the noun that
    # names them: "the number of hostages freed" are released, "the number of hostages killed" dead)
    words = [c for c in toll.subtree if c.i != toll.i and c.i not in event and c.lemma_.lower() != "toll"]
    for c in sorted(words, key=lambda c: c.pos_ != "VERB"):
        m = MEASURE_LEMMAS.get(c.lemma_.lower()) or MEASURE_LEMMAS.get(c.lower_) or (
            "arrested" if toll.lemma_.lower() == "number" and held(c) else None)  # "the number of people held"
        if m:
            return m
    return "killed" if toll.lemma_.lower() == "toll" else None


def found_alive(head: Any) -> bool:
    """A count whose own clause says they were found alive ("the 11 who were found alive"), or
    whose verb says so ("Seven people reported missing were later found safe"): survivors."""
    if any(c.dep_ in ("relcl", "acl") and any(t.lower_ in _SAFE for t in c.subtree) for c in head.children):
        return True
    verbs = [head.head, *(v for v in head.head.conjuncts if not any(  # (a conjoined verb of its own subject speaks of
        c.dep_ in ("nsubj", "nsubjpass") for c in v.children))] if head.dep_ in ("nsubj", "nsubjpass") else []  # others)
    return any(v.lemma_.lower() in ("find", "trace", "locate") and any(
        c.dep_ in ("oprd", "acomp", "xcomp", "advmod") and c.lower_ in _SAFE for c in v.children) and not any(
        c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" or c.lower_ in ("never", "yet") for c in v.children)
        for v in verbs)  # (not "have not been found alive", "could still be found alive", "were never found alive")


_SAFE = frozenset("alive unhurt unharmed safe".split())


#: Prepositions whose phrase tells a toll's event, not whom it counts ("the toll from / in / after the attack").
_EVENT_PREPS = frozenset("from in at after since during".split())
