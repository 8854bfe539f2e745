"""Attribution: who a sentence's figures come from.

One job: the source the claims analyser gives a figure: "according to X", else the
sayer of the say verb the figure's clause hangs from (the nearest one: "MSNBC is reporting
that the Indian Navy claims ..." -> the Indian Navy; "X quoted Y as saying" -> Y), not for
a figure in an adverbial clause hung on the say verb ("When X was arrested, police said
they found ...": the police are the source of what they found, not of the arrest), in a
clause coordinated with it or before a semicolon; and a quotation's speaker from the
words around it.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple, Optional

from ..text.origins import OFFICES, ORG_WORDS, body_voice, source_key

SAY_LEMMAS = set("say tell report state announce confirm add claim write estimate note quote put post tweet".split())
#: A say verb of a sayer other than a pronoun: a sentence with a sayer of its own (one the parse
#: did not resolve: "Kessane's mayor, whose council counts ..., said the town had recorded 58
#: deaths") does not go on with the sentence before's source.
OWN_SAYER = re.compile(r"(?<!\b[Hh]e )(?<!\b[Ss]he )(?<!\b[Tt]hey )(?<!\b[Ii]t )(?<!\b[Ww]e )(?<!\bbeen )(?<!\bis )"
                       r"(?<!\bwas )(?<!\bwere )(?<!\bare )\b(?:said|says)\b(?!\s+to\b)")  # (not "had been told to
# evacuate", "are said to be")
#: Sayers that are a document or a pronoun, which stand for the source named before them.
DOCUMENT_SAYER = re.compile(r"^(?:the\s+|a\s+|its\s+|their\s+)?(?:statement|report|post|release|press\s+release|"
                            r"communiqu[eé]|tweet|message|letter|it|they|he|she)$", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+((?:(?!\s+and\s+(?:to\b|at\b|\d|[a-z]+\s+(?:were|was|had|have)\b)|\s+according\b)[^,;:.()]|\.(?=\w))+)", re.IGNORECASE)


class According(NamedTuple):
    """One "according to X" of a sentence: where it stands, X, and whether it opens its
    clause ("According to police, ..."; "..., and according to the Red Cross, ...")."""

    start: int
    end: int
    name: str
    fronted: bool


class Sayer(NamedTuple):
    """Who a sentence's figures come from: its "according to X" phrases and its text, else
    each figure's own say verb (`source_of`)."""

    according: tuple[According, ...] = ()
    text: str = ""


def source_of(sayer: Sayer, tok: Any) -> Optional[str]:
    """The source of a figure at `tok`: "according to X" (the first after the figure: "rose
    to five according to the ministry and to ten according to the doctors"), else the sayer of the nearest say
    verb above the figure in the parse ("MSNBC is reporting that the Indian Navy claims ..."
    -> the Indian Navy), or one reporting on the figure's clause ("Seven died, police said"
    parsed as a parataxis). None for a figure in another clause: a clause a say verb only
    hangs on ("When LaCalamita was arrested, police said they found a shotgun": the police
    are the source of the shotgun, not of the arrest), a clause coordinated with the say
    verb's own ("The toll rose to 12, and the ministry said 30 were in hospital": the 12 is
    not the ministry's), or one before a semicolon ("toll rises to 19; union says 34
    missing": the 19 is not the union's)."""
    at = tok.idx - tok.sent.start_char
    if sayer.according:
        named = _according_of(sayer, at)
        if named:
            return named
    met, said = _say_verb_sayer(tok)
    if not met:
        aside = _reporting_aside(tok)
        if aside:
            return aside
    if not met and sayer.according:  # no say verb at all: the sentence's "according to" before the figure,
        # across a semicolon too ("..., according to Azerbaijani figures; 150 of the 1,275 ... remain missing")
        before = [a.name for a in sayer.according if a.end <= at]
        return before[-1] if before else None
    return said or _tally_owner(tok)


#: Possessors that are times, not sources ("by Tuesday's count", "last night's tally").
_TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight night morning "
                        "evening afternoon day week weekend month year".split())


#: Tallies someone keeps (not "Turkey's death toll", "the storm's toll": a place's or an event's).
_OWNED_TALLIES = frozenset("count figure tally list estimate register".split())
#: Possessors that are places, not sources ("the country's count").
_PLACE_WORDS = frozenset("city country county region province state town village district nation island".split())


def _tally_owner(tok: Any) -> Optional[str]:
    """Whose tally the figure's clause gives it by ("the ministry's count of the dead now
    stands at eight", "By the diocese's count, 41 worshippers were abducted", "26 by the
    labour ministry's count, 31 by the union's"): the named possessor of a count, figure,
    tally, list or estimate (not a toll: "Turkey's death toll", "the storm's toll") (or of
    a noun left out: "the union's") that is the clause verb's subject or object, or its
    preposition's object; the one nearest the figure. None when there is none ("the police
    toll": no possessor)."""
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    near = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + [
        g for c in node.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    found = []
    for noun in near:
        if noun.lemma_.lower() in _OWNED_TALLIES:
            owners = [p for p in noun.children if p.dep_ == "poss" and p.pos_ != "PRON"]
        else:  # "31 by the union's": the tally noun left out
            owners = [noun] if noun.dep_ == "pobj" and noun.head.lower_ == "by" and any(
                c.dep_ == "case" for c in noun.children) else []  # (not "dies at St Orla's": a place)
        for p in owners:
            if p.lemma_.lower() in _TIME_WORDS | _PLACE_WORDS:
                continue
            words = [t for t in p.subtree if t.dep_ != "case"]
            name = p.doc[words[0].i:words[-1].i + 1].text.strip(" ,")
            if _source_like(name):
                span = noun.head.subtree if noun.dep_ == "pobj" else noun.subtree  # ("by the union's", "the ministry's count")
                found.append((min((abs(t.i - tok.i) for t in span if t.i != tok.i), default=len(tok.doc)), name))
    return min(found)[1] if found else None


def _say_verb_sayer(tok: Any) -> tuple[bool, Optional[str]]:
    """(whether a say verb stands above the figure, its sayer when one can be named): see `source_of`."""
    child, node = None, tok
    met = False
    while True:
        if _is_say(node) and not _state_report(node):
            met = True
            if child is not None and (child.dep_ == "advcl" or _semicolon_between(child, node)):
                return met, None
            found = _sayer(node)
            if found:
                return met, _cited(node) or found[1]
        for c in node.children:
            if c.dep_ == "parataxis" and (child is None or c.i != child.i) and _is_say(c) and not _semicolon_between(node, c):
                met = True
                found = _sayer(c)
                if found:
                    return met, found[1]
        if node.head.i == node.i:
            return met, None
        child, node = node, node.head


def _reporting_aside(tok: Any) -> Optional[str]:
    """The sayer of a reporting clause set off by commas in the figure's sentence, which
    reports it whatever the parser hangs it on ("Forty-four people are still in hospital,
    the ministry says, 16 of them in burns units": both figures the ministry's): a say verb
    with its subject and nothing it says of its own (`_SAYS_OWN`), a comma before its
    subject and a comma or the sentence's end after it, no semicolon between it and the
    figure, and the figure in no clause or apposition of a noun ("Human Rights Watch, which
    counted 30 deaths, the ministry said, was biased": not the ministry's)."""
    sent = tok.sent
    node = tok
    while node.head.i != node.i:  # a figure inside another's clause is not reported by the aside
        if node.dep_ in ("relcl", "acl", "appos"):  # ("Human Rights Watch, which counted 30 deaths, the ministry
            return None  # said, was biased")
        node = node.head
    for v in sent:
        if not _is_say(v) or _state_report(v) or any(
                c.dep_ in _SAYS_OWN or c.dep_ == "dobj" and v.lemma_.lower() != "tell" for c in v.children):
            continue
        found = _sayer(v)
        if not found:
            continue
        subj = next(c for c in v.children if c.dep_ == "nsubj")
        left, right = subj.left_edge.i, v.i + 1
        doc = v.doc
        if left <= sent.start or doc[left - 1].text != "," or (right < sent.end and doc[right].text not in (",", ".")):
            continue
        if subj.left_edge.i <= tok.i <= v.i or _semicolon_between(tok, v):
            continue
        return found[1]
    return None


#: What a say verb says itself: a clause, a clause hung on it, another verb joined to it (and an
#: object, but for the hearer of "told reporters"); a time or place ("said on Tuesday") is no saying.
_SAYS_OWN = frozenset({"ccomp", "xcomp", "advcl", "conj"})


def _according_of(sayer: Sayer, at: int) -> Optional[str]:
    """The "according to X" of the figure at `at`, in its clause (no semicolon between): a
    fronted one before it ("According to police, 12 died and 40 were hurt") unless a
    trailing one follows the figure with no comma between ("..., and 40 were injured
    according to the hospital"); else the first one after it ("12 died and 40 were hurt,
    according to police"). None: the figure's own say verb decides."""
    text = sayer.text
    lo, hi = text.rfind(";", 0, at) + 1, text.find(";", at)
    hi = len(text) if hi < 0 else hi
    inside = [a for a in sayer.according if lo <= a.start < hi]
    before = [a for a in inside if a.end <= at]
    after = [a for a in inside if a.start > at]
    prev = before[-1] if before else None
    nxt = after[0] if after else None
    if prev is not None and prev.fronted and (nxt is None or "," in text[at:nxt.start]):
        return prev.name
    if nxt is not None:
        return nxt.name
    return prev.name if prev is not None and prev.fronted else None


#: Verbs that say when their object is a tally ("the health office gave a higher toll of 24", "issued a figure of 30").
GIVE_LEMMAS = frozenset("give offer issue release publish".split())
#: Nouns of a tally a source gives (not "a number of reasons", "a total of 24 hostages" released).
TALLY_NOUNS = frozenset("toll figure count tally estimate".split())


def _is_say(tok: Any) -> bool:
    """A say verb, or a verb of giving whose object is a tally ("gave a toll of 24")."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "VERB" and (lemma in SAY_LEMMAS or lemma in GIVE_LEMMAS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in TALLY_NOUNS for c in tok.children) and any(
        c.dep_ == "nsubj" and (c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or c.pos_ == "PROPN"
                               or c.lemma_.lower() in _SOURCE_HEADS) for c in tok.children))


def _state_report(verb: Any) -> bool:
    """A say verb that gives its subject a state, not a saying: "two people reported missing",
    "four were reported dead" (its object predicate); the figure's source is a say verb above it."""
    return any(c.dep_ == "oprd" for c in verb.children) or any(c.dep_ == "acomp" for c in verb.children) and not any(
        c.dep_ in ("ccomp", "xcomp") for c in verb.children)  # (not "said, quiet for a moment, that 40 had died")


def _semicolon_between(a: Any, b: Any) -> bool:
    """Whether a semicolon parts the clause of `a` from the verb `b` (either order)."""
    lo, hi = (a.right_edge.i, b.i) if a.i < b.i else (b.i, a.left_edge.i)
    return any(t.text == ";" for t in a.doc[lo + 1:hi])


def sentence_sayer(sent: Any) -> Sayer:
    """The sentence's "according to X", which sources every figure in it; else each figure
    finds its own say verb (`source_of`)."""
    text = sent.text
    found = []
    for m in _ACCORDING.finditer(text):
        if _source_like(m.group(1)):
            cut = max(text.rfind(";", 0, m.start()), text.rfind(",", 0, m.start())) + 1
            fronted = text[cut:m.start()].strip().lower() in ("", "and", "but") and text[m.end():m.end() + 1] == ","
            found.append(According(m.start(), m.end(), m.group(1).strip(), fronted))
    return Sayer(tuple(found), text)


def _sayer(verb: Any) -> Optional[tuple[Any, str]]:
    """A say verb and its named subject, when the subject can name a source; for "X quoted
    Y as saying", Y."""
    if verb.lemma_.lower() == "quote":
        quoted = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
        if quoted:
            text = " ".join(t.text for t in quoted[0].subtree).strip(" ,")
            if _source_like(text):
                return verb, text
    subj = [c for c in verb.children if c.dep_ == "nsubj" and not _dateline_word(c)]
    if not subj or subj[0].pos_ == "PRON":
        return None
    # the subject without a clause about it: "The officer who fired the shot" -> "The officer"
    cut = {t.i for c in subj[0].children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    text = " ".join(t.text for t in subj[0].subtree if t.i not in cut).strip(" ,")
    return (verb, text) if _source_like(text) else None


#: Who a cited source can be: a person or a body ("citing a contact in the emergency services",
#: "quoting an unnamed rescuer", "citing the health ministry"); not a reason ("citing poor building
#: standards", "citing the heavy rain") nor a paper ("citing hospital records").
_SOURCE_HEADS = frozenset("source sources official officials contact contacts worker workers rescuer rescuers witness "
                          "witnesses doctor doctors nurse nurses resident residents survivor survivors relative relatives "
                          "spokesman spokeswoman spokesperson correspondent reporter officer officers medic medics "
                          "employee employees volunteer volunteers member members director chief head commander minister "
                          "inspector commissioner captain colonel general".split()) | ORG_WORDS | set(OFFICES)


def _cited(verb: Any) -> Optional[str]:
    """Whom a sayer cites for what it says ("a councillor wrote that 30 had died, citing a contact
    in the emergency services"; "the station reported 40 dead, quoting an unnamed rescuer"):
    the figure's source, which the sayer only relays. Only a person or a body (a named one,
    or a head noun of `_SOURCE_HEADS`), without the clause about it."""
    said = [verb, *(c for c in verb.children if c.dep_ == "ccomp")]  # (the parser may hang it on what is said)
    for c in (g for v in said for g in v.children):
        if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and c.lemma_.lower() in ("cite", "quote"):
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is None or obj.pos_ == "PRON" or not (
                    obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or obj.pos_ == "PROPN"
                    or obj.lemma_.lower() in _SOURCE_HEADS or obj.lower_ in _SOURCE_HEADS):
                continue
            cut = {t.i for k in obj.children if k.dep_ in ("relcl", "acl") for t in k.subtree}
            words = [t for t in obj.subtree if t.i not in cut]
            return obj.doc[words[0].i:words[-1].i + 1].text.strip(" ,\"“”")
    return None


def _dateline_word(tok: Any) -> bool:
    """A dateline's place opening the sentence ("DRUMHALLOW – Two more pupils died ..., the
    ministry said"), which the parser may hang on the say verb: no sayer."""
    return tok.i == tok.sent.start and tok.text.isupper() and len(tok.text) > 2 and tok.i + 1 < len(tok.doc) and \
        tok.doc[tok.i + 1].text in ("–", "—", "-")  # ("UNICEF, the UN children's agency, said": a sayer)


def _source_like(phrase: str) -> bool:
    """A phrase that can name a source: no figures in it, not a whole clause."""
    words = phrase.split()
    return 0 < len(words) <= 12 and not re.search(r"\d", phrase)


_SPEAKER_AFTER = re.compile(
    r"""^[,.]?\s*["”’]?\s*,?\s*(?:(?:said|says|added|wrote|told\s+\w+|stated)\s+((?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}|the\s+\w+(?:\s+\w+)?)|((?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}|the\s+\w+(?:\s+\w+)?|it|he|she|they)\s+(?:said|says|added|wrote|stated|told))"""
)
_SPEAKER_BEFORE = re.compile(
    r"((?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}|the\s+\w+|he|she|it|they)\s+(?:said|says|wrote|added|stated|tweeted|posted)(?:\s+on\s+\w+)?\s*[:,]?\s*$"
)


def quote_speaker(text: str, span: tuple[int, int]) -> Optional[str]:
    """The speaker of a quotation from the words right after or right before it."""
    after = text[span[1] : span[1] + 80]
    m = _SPEAKER_AFTER.match(after)
    if m:
        who = m.group(1) or m.group(2)
        if who and who.lower() not in ("it", "he", "she", "they"):
            return who.strip()
    before = text[max(0, span[0] - 80) : max(0, span[0] - 1)]
    m = _SPEAKER_BEFORE.search(before)
    if m and m.group(1).lower() not in ("it", "he", "she", "they"):
        return m.group(1).strip()
    return None


#: A run of capitalised words on one line before a name (a short abbreviation's dot allowed: "Gov.", "Dr.").
_NAME_RUN = r"((?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w'’-]*)[ \t]+){1,5})"
_NOT_NAME = frozenset("the a an but and when as after said on in at by for from with yesterday today tonight "
                      "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                      "july august september october november december".split())


def full_name(text: str, sayer: str) -> str:
    """A sayer written by surname alone ("Delane said ...") as the document names them in
    full ("Interior Minister Oskar Delane told reporters ..."): the longest run of
    capitalised words (titles, first names) the text puts before that surname on one line,
    less the words that only open a sentence ("On Tuesday"); the surname itself when the text
    has none, or when it names two people of that surname ("Mayor Tarn Obada", "Police Chief
    Ilo Obada"). Other sayers are returned as written."""
    name = sayer.strip()
    if not re.fullmatch(r"[A-Z][\w'’-]+", name):
        return sayer
    runs: list[list[str]] = []
    for m in re.finditer(_NAME_RUN + re.escape(name) + r"\b", text):
        words = m.group(1).split()
        while words and words[0].lower().strip(".") in _NOT_NAME:
            words = words[1:]
        if words:
            runs.append(words)
    if len({r[-1] for r in runs}) != 1:
        return sayer  # no fuller mention, or two people of one surname
    return " ".join(max(runs, key=len) + [name])


#: What the text says a person is, after their name: ", the city police spokesman," / ", spokesman for the X said".
_APPOSITION = re.compile(r",[ \t]+((?:(?:the|a|an)[ \t]+)?[^,.;:()“”\"\n]{3,70}?)[ \t]*(?:,|\.(?:\s|$)|[ \t]+(?:said|says|told)\b)")


def described(text: str, sayer: str) -> str:
    """A person the document names with the body they speak for, somewhere ("Colonel Davor
    Imrek, spokesman for the Merovan city police, told reporters"), as that body's voice
    wherever it quotes them by name: "Colonel Davor Imrek, spokesman for the Merovan city
    police". Two descriptions that name two bodies, or none: the name as written."""
    name = sayer.strip()
    if not re.fullmatch(r"(?:[A-Z][\w.'’-]*[ \t]+){1,4}[A-Z][\w'’-]+", name):
        return sayer
    words = name.split()
    needle = " ".join(words[-2:]) if len(words) > 1 else words[-1]  # (its first name too: "Luka Imrek" is
    # no "Colonel Davor Imrek, spokesman for the police")
    found: dict[str, str] = {}
    for m in re.finditer(r"(?<![\w'’-])" + r"\s+".join(map(re.escape, needle.split())) + _APPOSITION.pattern, text):
        whole = f"{name}, {' '.join(m.group(1).split())}"
        if body_voice(whole):
            found.setdefault(source_key(whole), whole)
    return next(iter(found.values())) if len(found) == 1 else sayer
