"""Retractions: a report the text takes back after stating it.

One job: find the claims whose report a following sentence of the same paragraph takes
back by reference, without repeating its number ("... told VTV that 'more than 100
bodies' had been brought to the hall. By evening he had taken the remark back."; "...
'at least 40 bodies' were lying in the lobby. Kanal 9 ran the claim for an hour. Kanal 9
withdrew the report on Saturday morning."). The sentence that takes it back is the first
one after the claim's with such words, before any sentence with a figure of its own; the
claims of the nearest sentence with figures before it are the report (a retraction that
names its figure, "the figure of 19 ... was wrong", is the events stage's sentence rule).

Only a report taken back whole counts: the noun ends its phrase ("took back his comment
that the coastguard was slow", "retracted their statement blaming a heater", "the
report's spelling" take back something else). Who takes it back must be its sayer (a
pronoun, or a name the report's sentence gives: "Kanal 9 withdrew the report"), and only
that sayer's claims are withdrawn; "X said ..., but the army said that claim was false"
speaks of its own sentence's claim, not of the sentence before.

A report the text says nobody has confirmed is not taken back, but it is no count a
reader can stand on (`mark_unconfirmed`): "52 people had been killed. Officials did not
confirm that figure."; "up to 90, a figure no official has confirmed".
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Protocol, Sequence

from ..model import INCREMENT, UNCONFIRMED, WITHDRAWN
from ..text.numbers import find_numbers
from ..text.sentences import sentences
from ..text.timex import MONTH_NAMES, WEEKDAY_NAMES

_REPORT = r"(?:report|remark|claim|figure|statement|comments?|count|toll|number|post|tweet)"
#: The report noun ends its phrase: what follows is "back", a time, or the sentence's end.
_ENDS = r"(?=\s*(?:back\b|[.,;!?]|$)|\s+(?:on|in|at|after|later|within|and|by|overnight|hours)\b)"
#: Words that take a report back by reference; group "who" is what stands before them.
TAKEN_BACK = re.compile(
    rf"(?P<who>[^.;]{{0,160}}?)\b(?:(?:withdrew|withdrawn|retracted|retracts|withdraws|corrected|disowned)\s+(?:the|its|his|her|their|"
    rf"that|this)\s+(?:earlier\s+|first\s+|initial\s+)?{_REPORT}{_ENDS}|"
    rf"(?:took|taken|take|takes)\s+(?:the|its|his|her|their|that|this)\s+(?:earlier\s+|first\s+)?{_REPORT}\s+back\b|"
    rf"(?:took|taken|take|takes)\s+back\s+(?:the|its|his|her|their|that|this)\s+{_REPORT}{_ENDS})",
    re.IGNORECASE)
#: ... or call it false: "that figure was 'false'" (its sentence reports nothing else).
CALLED_FALSE = re.compile(
    rf"\b(?:the|that|this|its|his|her)\s+{_REPORT}\s+(?:was|were|had\s+been|has\s+been|proved|turned\s+out\s+to\s+be)\s+"
    r"[\"\u201c'\u2018]?(?:false|wrong|untrue|not\s+true|incorrect|mistaken|baseless|withdrawn|retracted)\b", re.IGNORECASE)
_SAY = re.compile(r"\b(?:said|says|say|claimed|claims|reported|reports|told|tells)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she|they|it)(?:\s+(?:had|has|have|later|then|also))*\s*$", re.IGNORECASE)
#: Words any taking back needs (a cheap test before the sentences after a report are split).
_CUE = re.compile(r"withdr|retract|\bback\b|correct|disown|false|wrong|untrue|not\s+true|mistaken|baseless",
                  re.IGNORECASE)
#: Words around who takes a report back that name no one ("By evening", "later", "had").
_FILLER = frozenset("by on in at the a an late later then also had has have evening morning night afternoon "
                    "monday tuesday wednesday thursday friday saturday sunday same day hours after within".split())
#: How many sentences after a report its retraction may come.
_AFTER = 2


class _Claim(Protocol):
    start: int
    sentence_start: int
    sentence_end: int
    measure: str
    what: "str | None"
    attributed_to: "str | None"


def _taker(words: str) -> Optional[str]:
    """Who the sentence says takes a report back: "" for a pronoun or a "that figure was
    false" about the report before, a name, or None (no retraction, or one about its own
    sentence's report)."""
    m = TAKEN_BACK.search(words)
    if m:
        who = m.group("who")
        if _PRONOUN.search(who):  # "By evening he had ...": only filler words before the pronoun
            head = re.sub(r"\b(?:he|she|they|it)\b.*$", "", who, flags=re.IGNORECASE | re.DOTALL)
            return "" if all(w.lower() in _FILLER for w in re.findall(r"[A-Za-z]+", head)) else None
        named = [w for w in re.findall(r"[A-Za-z][\w'’-]*", who) if w.lower() not in _FILLER]
        return named[-1] if named else None
    m = CALLED_FALSE.search(words)
    if m and len(_SAY.findall(words[:m.start()])) <= 1:
        return ""
    return None


def mark_taken_back(text: str, claims: Sequence[_Claim]) -> None:
    """Set `what` to WITHDRAWN on the count claims whose report a later sentence takes back."""
    by_sentence: dict[tuple[int, int], list[_Claim]] = {}
    for c in claims:
        by_sentence.setdefault((c.sentence_start, c.sentence_end), []).append(c)
    starts = sorted(by_sentence)
    for i, (s0, s1) in enumerate(starts):
        end = text.find("\n", s1)
        end = len(text) if end < 0 else end
        if i + 1 < len(starts):
            end = min(end, starts[i + 1][0])  # before the next sentence with a figure of its own
        following = text[s1:end]
        if not _CUE.search(following):
            continue  # (most reports: nothing after them takes anything back)
        for n, (a, b) in enumerate(sentences(following)[:_AFTER]):
            who = _taker(following[a:b])
            if who is None:
                continue
            if who == "" and n > 0:
                break  # "he", "that figure" in a later sentence may be someone or something else
            counts = [c for c in by_sentence[(s0, s1)] if c.measure != "other" and c.what in (None, INCREMENT)]
            if who:  # a name: its own claims, when the report's sentence names it at all (a whole word)
                name = re.compile(rf"\b{re.escape(who)}\b", re.IGNORECASE)
                if not name.search(text, s0, s1):
                    break
                mine = [c for c in counts if c.attributed_to and name.search(c.attributed_to)]
                counts = mine or counts
            elif len({c.attributed_to for c in counts}) > 1:
                break  # "he", "that figure": which of two sources' reports is not said
            for c in counts:
                c.what = WITHDRAWN
            break


#: Words that say no one has confirmed a report: "Officials did not confirm that figure", "a figure no
#: official has confirmed", "a figure the army has not confirmed", "the toll could not be independently
#: verified", "officials have yet to confirm the figure", "neither the hospital nor the police would confirm that
#: number", "the army declined to confirm the toll"; the report noun is the figure, not "the number of
#: children", "the report that the gunman ..." (group "after": "according to unconfirmed reports", whose
#: figures come after it).
_NOT = r"(?:(?:did|do|does|could|would|have|has|had|can)\s*not|didn't|couldn't|wouldn't|haven't|hasn't|hadn't|cannot|can't|" \
       r"(?:has|have|had)\s+yet\s+to|(?:declined|refused)\s+to|(?:nobody|no\s+one)\s+(?:would|could|can|did|will)|" \
       r"\bneither\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+,?\s+nor\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+,?\s+" \
       r"(?:would|could|can|did|will|has|have|had))"
UNCONFIRMED_CUE = re.compile(
    rf"\b{_NOT}\s+(?:yet\s+)?(?:independently\s+)?(?:confirm|verify|confirmed|verified)\s+"
    rf"(?:the|that|this|its|their|his|her)\s+(?:\w+\s+)?{_REPORT}\b(?!\s+(?:of|that|about|on)\b)|"
    rf"\b(?:would|could|can|did|will)\s+neither\s+confirm\s+nor\s+deny\s+(?:the|that|this|its|their)\s+(?:\w+\s+)?"
    rf"{_REPORT}\b|"
    rf"\b{_REPORT}\s+(?:that\s+|which\s+)?(?:no\s+(?:\w+\s+){{0,2}}(?:has|have|had)|(?:the\s+)?(?:\w+\s+){{1,2}}(?:has|have|had)"
    rf"\s+not)\s+(?:yet\s+)?(?:independently\s+)?(?:confirmed|verified)\b|"
    rf"\b(?:that|this|the|its)\s+(?:\w+\s+)?{_REPORT}\s+(?:(?:could|can)\s*not\s+be|cannot\s+be|(?:has|have)\s+not\s+been)\s+"
    rf"(?:independently\s+)?(?:confirmed|verified)\b|"
    rf"(?P<after>\baccording\s+to\s+unconfirmed\s+reports?|\bunconfirmed\s+reports?\s+(?:said|say|says|suggested|suggest)\b)",
    re.IGNORECASE)


_LATER_CONFIRMED = re.compile(r"\b(?:later|since|then|eventually|finally|now)\s+(?:has\s+|had\s+)?confirmed\b", re.IGNORECASE)


def _since_confirmed(text: str, s1: int, cue: re.Match) -> bool:
    """Words not confirming that a confirmation after them in the sentence takes back ("The army,
    which initially declined to confirm the toll, later confirmed it"; not "the army, which has
    not confirmed the toll, says ...": still unconfirmed)."""
    return bool(_LATER_CONFIRMED.search(text, cue.end(), s1))


def mark_unconfirmed(text: str, claims: Sequence[_Claim]) -> None:
    """Set `what` to UNCONFIRMED on the count claims before such words in their sentence
    (after them for "according to unconfirmed reports"), or on all of a sentence's when the
    one sentence right after it in the same paragraph says so (before any sentence with a
    figure of its own)."""
    by_sentence: dict[tuple[int, int], list[_Claim]] = {}
    for c in claims:
        if c.measure != "other" and c.what is None:
            by_sentence.setdefault((c.sentence_start, c.sentence_end), []).append(c)
    starts = sorted({(c.sentence_start, c.sentence_end) for c in claims})
    after = dict(zip(starts, starts[1:]))  # each sentence with claims -> the next one
    for (s0, s1), cs in by_sentence.items():
        own = UNCONFIRMED_CUE.search(text, s0, s1)
        if own and _since_confirmed(text, s1, own):
            own = None
        marked = [c for c in cs if own and (c.start > own.end() if own.group("after") else c.start < own.start())]
        if not own:
            end = text.find("\n", s1)
            end = len(text) if end < 0 else end
            if (s0, s1) in after:
                end = min(end, after[(s0, s1)][0])
            following = text[s1:end]
            first = sentences(following)[:1] if "confirm" in following.lower() or "verif" in following.lower() else []
            if first and (cue := UNCONFIRMED_CUE.search(following, first[0][0], first[0][1])) and not cue.group("after") \
                    and not _since_confirmed(following, first[0][1], cue):
                marked = cs
        for c in marked:
            c.what = UNCONFIRMED


class Denial(NamedTuple):
    """A report the text calls false or withdrawn without giving its number: who gave it
    (the names its sentence writes and the kind of source it was), so the events stage can
    find that report's claims in other documents of the story (placement.denied)."""

    start: int  # the sentence's start offset in the text
    end: int  # its end offset
    names: tuple[str, ...]  # names of its source ("Ardrell Live", "TV Orvel", "Black Pass Brigades")
    kinds: tuple[str, ...]  # kinds of its source (SOURCE_KINDS: "web", "tv", "radio", "press", "social")
    measure: str  # the measure the report counted ("killed" unless the sentence names another)


#: The kind of source a report came from, by the words that name it ("a local news website",
#: "the regional broadcaster", "a community radio station", "posted on social media").
SOURCE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("web", re.compile(r"\b(?:web\s?sites?|news\s+sites?|online|blog)\b", re.IGNORECASE)),
    ("tv", re.compile(r"\b(?:television|TV|broadcaster)\b|\b(?:television|TV|news)\s+(?:channel|station)\b|"
                      r"\bChannel\s+[A-Z0-9]", re.IGNORECASE)),
    ("radio", re.compile(r"\bradio\b", re.IGNORECASE)),
    ("press", re.compile(r"\b(?:newspaper|tabloid)\b", re.IGNORECASE)),
    ("social", re.compile(r"\b(?:social\s+media|tweet\w*|online\s+post|message\s+shared)\b", re.IGNORECASE)),
)
_DENIED_REPORT = r"(?:report|reports|figure|claim|claims|toll|number|account|article|message|post|broadcast|story)"
#: A report called false ("a figure broadcast on Saturday by a community radio station was false", "called
#: the report false", "the Black Pass Brigades' claim about the number of dead was false") or withdrawn by
#: its source ("TV Orvel removed the report", "withdrew its report"); the report noun comes first.
_DENIED = re.compile(
    rf"\b{_DENIED_REPORT}\b[^.;]{{0,200}}?\b(?:(?:was|were|is|are|had\s+been|has\s+been|as)\s+[\"\u201c'\u2018]?"
    rf"(?:false|untrue|not\s+true|wrong|invented|fabricated|fake|baseless|lies|a\s+lie|propaganda)\b|false\b)"
    rf"|\bdismissed\s+as\s+(?:false|untrue|invented|fabricated|fake|baseless|propaganda)\s+(?=(?:a|an|the|its|their)\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}{_DENIED_REPORT}\b)"
    rf"|\b(?:withdrew|withdrawn|retracted|removed|deleted|took\s+down|taken\s+down)\s+(?:the|its|their|that|this|it)\b"
    rf"(?:\s+(?:earlier\s+|first\s+)?{_DENIED_REPORT}\b|(?=\s+(?:on|in|at|after|later|and|from)\b|\s*[.,;]))"
    rf"|\b(?:took|taken)\s+(?:it|the\s+{_DENIED_REPORT}|its\s+{_DENIED_REPORT})\s+down\b",
    re.IGNORECASE)
_DENIAL_CUE = re.compile(r"false|untrue|not\s+true|wrong|invented|fabricat|fake|baseless|lies|\ba\s+lie|propaganda|withdr|retract|removed|"
                         r"deleted|down\b", re.IGNORECASE)
#: A run of capitalised words: a name ("Channel Five Hareth", "Correio da Serra", "TV Orvel").
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:da|de|del|di|do|of|the|van|von)\s+)?[A-Z0-9][\w'’-]*)*")
_SAYER_AFTER = re.compile(r"\s+(?:also\s+|later\s+|had\s+)?(?:said|says|told|called|added|dismissed|denied)\b")
_NOT_NAMES = frozenset(w.lower() for w in ("The A An And But In On At By Earlier Later Police Officials Asked Correction "
                                           "Dr Mr Mrs Ms".split()))
#: Words of a count a denied report must speak of (its figure, the dead, the toll), and of which measure.
_ABOUT_A_COUNT = re.compile(r"\b(?:figure|toll|number|count|dead|died|deaths?|killed|bodies|casualt\w*|injur\w*|hurt|"
                            r"wounded|missing)\b", re.IGNORECASE)
_KILLED_WORDS = re.compile(r"\b(?:dead|died|deaths?|killed|bodies|toll)\b", re.IGNORECASE)
#: A report that says what it reported ("reports on social media that the dam had burst").
_REPORT_THAT = re.compile(rf"\b{_DENIED_REPORT}\b[^.;]{{0,60}}?\bthat\b", re.IGNORECASE)
#: A name after these words is where, not who ("the number of dead in Marrow").
_WHERE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|across)\s+(?:the\s+)?\Z", re.IGNORECASE)
_OTHER_MEASURES = (("injured", re.compile(r"\b(?:injur|hurt|wounded)", re.IGNORECASE)),
                   ("missing", re.compile(r"\bmissing\b", re.IGNORECASE)),
                   ("hospitalised", re.compile(r"\bin\s+hospital\b", re.IGNORECASE)))


def _names(sentence: str, lo: int, hi: int) -> tuple[str, ...]:
    """The names a denial's sentence writes between `lo` and `hi` (the report's words, or
    who withdrew it), less days, months and a capitalised first word."""
    out = []
    for m in _NAME.finditer(sentence, lo, hi):
        words = m.group().split()
        if m.start() == 0 and len(words) == 1 or _SAYER_AFTER.match(sentence, m.end()) or \
                _WHERE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            continue
        words = [w for w in words if w not in WEEKDAY_NAMES and w not in MONTH_NAMES]
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        name = re.sub(r"['’]s?$", "", " ".join(words))
        if len(name) >= 3:
            out.append(name)
    return tuple(dict.fromkeys(out))


#: A source's name owning the report ("the Black Pass Brigades' claim", "TVK 24's report").
_OWNER = re.compile(rf"([A-Z][\w'’ -]{{1,60}}?)['’]s?\s+(?:[a-z]+\s+){{0,2}}{_DENIED_REPORT}\b")


def _whose(sentence: str, m: re.Match[str]) -> tuple[int, int]:
    """Where the denied report's source is written: the report's own words up to the word
    that denies it ("a report ... by the Ardrell Live website ... was false"), with the
    name owning it just before ("the Black Pass Brigades' claim"); for a report withdrawn,
    who withdrew it ("The station, Channel Five Hareth, withdrew the report")."""
    if m.group().lower().startswith("dismissed"):  # ("dismissed as false a report by a local website ...")
        return m.end(), min(len(sentence), m.end() + 200)
    if re.match(rf"{_DENIED_REPORT}\b", m.group(), re.IGNORECASE):
        owner = None
        for o in _OWNER.finditer(sentence, max(0, m.start() - 80), m.start() + 60):
            if o.end() >= m.start():
                owner = o
                break
        before = re.search(r"(?:[\w-]+\s+){0,2}$", sentence[:m.start()])  # ("a television report", "the tabloid's claim")
        return (owner.start() if owner else before.start() if before else m.start()), m.end()
    return 0, m.start()


def denials(text: str) -> list[Denial]:
    """Sentences that call a report false or say it was withdrawn without its number
    ("Ruhl said a report published on Friday morning by the Ardrell Live website about the
    number of dead was false"; "The station withdrew its report on Sunday morning"): whose
    report it was, for the events stage to find in other documents. Correction notes
    ("An earlier version of this story said ...") are the claims analyser's."""
    if not _DENIAL_CUE.search(text) or not _DENIED.search(text):
        return []  # (most texts: no sentence splitting; the pattern never spans a full stop)
    out = []
    for s0, s1 in sentences(text):
        sentence = text[s0:s1]
        if not _DENIAL_CUE.search(sentence) or \
                re.search(r"earlier\s+version", sentence, re.IGNORECASE):
            continue
        if any(n.kind == "count" and n.value is not None for n in find_numbers(sentence)):
            continue  # ("the figure of 19 was wrong": a retraction with its number, placement.disowned's)
        m = _DENIED.search(sentence)
        if m is None:
            continue
        lo, hi = _whose(sentence, m)
        kinds = tuple(k for k, rx in SOURCE_KINDS if rx.search(sentence, lo, hi))
        names = _names(sentence, lo, hi)
        about = sentence[lo:hi] if _ABOUT_A_COUNT.search(sentence, lo, hi) else sentence
        withdrawn = not re.match(rf"{_DENIED_REPORT}\b", m.group(), re.IGNORECASE) and not m.group().lower().startswith("dis")
        said_what = _REPORT_THAT.search(sentence, lo, hi)
        if (kinds or names) and (withdrawn or not said_what or _ABOUT_A_COUNT.search(about)):  # (a report called
            # false that says what it reported speaks of a count: "reports that the dam had burst were false" do not)
            measure = "killed" if _KILLED_WORDS.search(about) else \
                next((k for k, rx in _OTHER_MEASURES if rx.search(about)), "killed")
            out.append(Denial(s0, s1, names, kinds, measure))
    return out
