"""Numeric claims: every figure a sentence states, what it counts, its bounds, group and source.

One job: the per-document claims analyser. A cascade keeps it fast: sentences are
split by regex; only those holding a count (numbers.py) or a singular victim next to
a casualty word reach spaCy's parser; the parse says which number goes with which
verb ("killed 613 ... and injured 487 others"), which numbers are parts of a total
("including 116 women"), and who is speaking (attribution.py: "according to Azerbaijani
figures", "police said", "Trend reports"), and for a figure inside a quotation, that
quotation's speaker as quotes.py resolves it ("he said" -> the minister named before; a
quotation running over several paragraphs is one quotation).

What a parsed number counts (its measure, group, victims) is measures.py's; a
document's totals per measure are document_totals.py's.
"""

from __future__ import annotations

import re
from typing import Any, Optional, Sequence

from ..text import nlp
from ..model import INCREMENT, REST, SO_FAR, Annotations, Claim, Document, make_id
from ..text.numbers import NumberSpan, band, find_numbers, has_number
from .measures import (GROUPS, MEASURE_LEMMAS, adjacent_measure, admitted, copula_attr, found_alive, perpetrator, head_measure,
                       lemma_measure, one_measure, partitive, surface_measure)
from .victims import ANIMALS, NON_PERSONS, PERSON_NOUNS, counted_among, group_name, noun_phrase, ordinal_of, victims_of
from .mentions import EVENT_NOUNS
from ..text.numerals import ordinal_value
from .ellipsis import said_counts
from .parts import breakdowns, fronted_parts, hospital_parts, rest_of_set, second_parts, them_parts
from .attribution import DOCUMENT_SAYER, OWN_SAYER, SAY_LEMMAS, Sayer, described, full_name, quote_speaker, sentence_sayer, source_of
from .modality import dated_clause, died, hypothetical, irrealis, repeated
from .quotes import find_quotes
from .retractions import mark_taken_back, mark_unconfirmed
from ..text.segments import SegmentIndex, segments
from ..text.speech import PRONOUNS
from ..text.sentences import Spans, quotations, sentence_context, sentences

# ---------------------------------------------------------------------- lexicons

# Words that mention a casualty at all: the cascade's second filter (cheap regex).
_CUE = re.compile(
    r"\b(?:kill|die[ds]?\b|dying|dead|death|murder|slaughter|massacr|execut|behead|slay|slain|perish|"
    r"fatal|assassinat|lynch|hanged|martyr|decapitat|annihilat|drown|bod(?:y|ies)|corpse|toll|lives|life|wound|injur|hurt|maim|"
    r"hospital|admit|captur|abduct|kidnap|hostage|captiv|seiz|missing|unaccounted|disappear|displac|homeless|"
    r"fled|flee|refugee|arrest|detain|detention|custody|evacuat|relocat|(?:out of|from) their homes|affect|assault|rape|molest|abuse|shot|gunned|casualt|victim|wiped out|lost|"
    r"releas|freed|liberat|orphan|held\b|holding|being treated|been (?:found|located|recovered))",
    re.IGNORECASE,
)

#: Victims a PITF/WAD coder leaves out of `deaths`: combatants and perpetrators.
COMBATANTS = set(
    "soldier troop serviceman militant fighter rebel insurgent attacker gunman assailant terrorist bomber "
    "jihadist extremist guerrilla perpetrator jihadi militia militiaman army paramilitary suspect robber "
    "kidnapper abductor raider commando force forces".split()
)
COMBATANT_GROUPS = {"soldiers", "militants"}

# Kinds of NumberSpan that may count victims, and those kept as measure "other".
COUNT_KINDS = {"count"}
OTHER_KINDS = {"percent", "money", "fraction"}


# ----------------------------------------------------------------- the analyser


#: Nouns for anyone: "a seventh person" among the dead counts every death so far (not "a second woman" after
#: "three children were killed", nor "the third person killed by police this year").
_ANYONE = frozenset("person victim individual".split())


def analyse_claims(doc: Document) -> Annotations:
    """The claims analyser (pure): every figure in `doc.text` as a Claim."""
    return Annotations(doc.id, claims=extract(doc.text, doc.id))


def analyse_claims_many(docs: Sequence[Document]) -> list[Annotations]:
    """analyse_claims for several documents at once: the same claims, one parser call for
    all their sentences (the parser reads each sentence alone, whatever its batch)."""
    return [Annotations(d.id, claims=found) for d, found in zip(docs, extract_many([(d.text, d.id) for d in docs]))]


analyse_claims.many = analyse_claims_many  # type: ignore[attr-defined]  # (analyse.analyse_many finds it)


def extract(text: str, doc_id: str = "") -> list[Claim]:
    """Claims in a text, in text order."""
    return extract_many([(text, doc_id)])[0]


def extract_many(items: Sequence[tuple[str, str]]) -> list[list[Claim]]:
    """Claims in each (text, doc id), in text order: the cascade per text, then one parser
    pass over every text's sentences that passed it."""
    found = [_cascade(text, doc_id) for text, doc_id in items]
    todo = [(i, s, e) for i, (_, parse, _) in enumerate(found) for s, e, _ in parse]
    if todo:
        model = nlp.load(disable=("ner",))
        parsed = iter(model.pipe(for_parser(items[i][0][s:e]) for i, s, e in todo))
        for (text, doc_id), (claims, parse, quotes) in zip(items, found):
            for (s, e, counts), sent in zip(parse, parsed):
                claims.extend(_sentence_claims(text, doc_id, s, e, counts, sent, quotes))
    return [_finish(text, claims) for (text, _), (claims, _, _) in zip(items, found)]


#: A negation's clitic a tokenised corpus sets apart ("didn ’ t"), which the parser reads
#: as a word of its own ("t" the subject of "have": the negation lost).
_SPACED_CLITIC = re.compile(r"(?<=[a-z]n) (['’]) (t)(?![\w-])", re.IGNORECASE)


def for_parser(sentence: str) -> str:
    """The sentence as the parser reads it: a negation's spaced clitic joined again
    ("didn ’ t" -> "didn’t  "), the same length, so every offset into it is an offset into
    the sentence (possessives are left as they are: the words the rules take from the parse,
    a sayer, the victims, stay the sentence's own)."""
    return _SPACED_CLITIC.sub(lambda m: m.group(1) + m.group(2) + "  ", sentence) if " ’ " in sentence or " ' " in sentence \
        else sentence


def _cascade(text: str, doc_id: str) -> tuple[list[Claim], list[tuple[int, int, list[NumberSpan]]], _Quoted]:
    """The claims found without the parser and the sentences the parser must read."""
    quotes = _Quoted(text)
    todo: list[tuple[int, int, list[NumberSpan]]] = []
    claims: list[Claim] = []
    for s, e in sentences(text):
        sent = text[s:e]
        if len(sent) > 2000:  # a run-on blob (no punctuation): no parser on it
            continue
        nums = find_numbers(sent) if has_number(sent) else []
        counts = [n for n in nums if n.kind in COUNT_KINDS]
        for n in nums:
            if n.kind in OTHER_KINDS:
                claims.append(_other_claim(text, doc_id, s, e, n, quotes))
        if (counts and _CUE.search(sent)) or (_VIOLENT.search(sent) and _SINGULAR_HINT.search(sent)):
            todo.append((s, e, counts))
    return claims, todo, quotes


def _finish(text: str, claims: list[Claim]) -> list[Claim]:
    """Claims in text order, with the parts "N of them were <group>" gives of the count
    before it, increments only where the text gave a count of their measure before, their segment, their sentence's words (and the sentence before, when
    theirs opens by referring back, "It killed 612 people", or goes on in the time it set:
    text.sentences.sentence_context), and sayers carried from the sentence before."""
    claims.extend(them_parts(text, claims, COUNT_KINDS) + hospital_parts(text, claims, COUNT_KINDS) + second_parts(text, claims, COUNT_KINDS))
    claims.extend(said_counts(text, claims, COUNT_KINDS))  # "The party says 32."
    claims.sort(key=lambda c: (c.start, c.end))
    measured: set[str] = set()
    for c in claims:  # "another 40 were injured" after "12 were killed": more than the dead, no injured before
        if c.what == INCREMENT and c.measure not in measured:
            c.what = None
        measured.add(c.measure)
    if claims:
        where = SegmentIndex(segments(text))
        said, said_end = None, -1
        full: dict[str, str] = {}  # (each sayer's fuller name, looked up once per document)
        for c in claims:
            c.segment = where.kind(c.start)
            c.sentence, c.antecedent, c.paragraph_start = sentence_context(text, c.sentence_start, c.sentence_end)
            if c.attributed_to and DOCUMENT_SAYER.match(c.attributed_to) and said:
                c.attributed_to = said  # "..., the statement said": the source named before
            elif not c.attributed_to and said and c.sentence_start >= said_end and \
                    not text[said_end:c.sentence_start].strip() and "\n" not in text[said_end:c.sentence_start] and \
                    not OWN_SAYER.search(text, c.sentence_start, c.sentence_end):
                c.attributed_to = said  # "... according to the fire service. Six people were still missing": the
                # next sentence of the same paragraph continues the account
            if c.attributed_to:
                c.attributed_to = full.setdefault(c.attributed_to, described(text, full_name(text, c.attributed_to)))
                # "Delane" -> "Interior Minister Oskar Delane"; "Colonel Davor Imrek" -> "..., the city police spokesman"
                said, said_end = c.attributed_to, c.sentence_end
        mark_taken_back(text, claims)
        mark_unconfirmed(text, claims)  # "Officials did not confirm that figure"
    return claims


#: A hospital the paragraph names before a sentence ("At Ostrevo General Hospital, ...").
_HOSPITAL_NAMED = re.compile(r"\b(?:hospitals?|clinics?|infirmary|intensive\s+care)\b", re.IGNORECASE)
class _Quoted:
    """The text's quoted passages (text.quotations: every one, scare quotes and titles
    too, a quotation over several paragraphs as one) and, for a figure inside one, its
    speaker as quotes.find_quotes resolves it. Both found on first use: most documents
    hold no figure, and most figures are not quoted."""

    def __init__(self, text: str):
        self.text = text
        self._spans: Optional[Spans] = None
        self._speakers: Optional[dict[int, Optional[str]]] = None
        self._animals: Optional[set[str]] = None

    def _load(self) -> Spans:
        if self._spans is None:
            text, spans = self.text, []
            for q in quotations(text):
                s, e = q.start, q.end
                while s < e and text[s].isspace():  # as find_quotes trims a quotation
                    s += 1
                while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
                    e -= 1
                if e > s:
                    spans.append((s, e))
            self._spans = Spans(spans)
        return self._spans

    @property
    def spans(self) -> list[tuple[int, int]]:
        return self._load().spans

    def find(self, pos: int) -> int:
        """Index of the quoted passage holding pos, or -1."""
        return self._load().find(pos)

    @property
    def animals(self) -> set[str]:
        """Names the text gives to animals ("the gorilla Harambe", "Harambe, a 17-year-old gorilla"):
        their deaths are no casualty figure."""
        if self._animals is None:
            self._animals = set()
            if _ANIMAL_WORD.search(self.text):
                for m in _ANIMAL_NAME.finditer(self.text):
                    self._animals.add(m.group("n") or m.group("m"))
        return self._animals

    def speaker(self, i: int) -> Optional[str]:
        """The resolved speaker of passage i, as the text writes it (None: none, or a pronoun
        quotes.py could not resolve)."""
        if self._speakers is None:
            self._speakers = {}
            for f in find_quotes(self.text, keep=False):
                said = self.text[f.speaker[0] : f.speaker[1]] if f.speaker else None
                self._speakers[f.start] = None if said and said.lower() in PRONOUNS else said  # an unresolved "she"
        return self._speakers.get(self.spans[i][0])


_ANIMAL = "|".join(sorted(ANIMALS, key=len, reverse=True))
_ANIMAL_WORD = re.compile(rf"\b(?:{_ANIMAL})", re.IGNORECASE)
_ANIMAL_NAME = re.compile(
    rf"\b(?:{_ANIMAL})s?\s+(?P<n>[A-Z][a-z]+)\b|\b(?P<m>[A-Z][a-z]+),?\s+(?:the|a|an)\s+(?:[\w'-]+\s+){{0,3}}?(?:{_ANIMAL})\b")

# Without a number, only these words can make a victim count (a singular victim).
_VIOLENT = re.compile(
    r"\b(?:kill|murder|behead|assassinat|slay|slain|shot dead|gunned down|stabb|hacked|execut|lynch|"
    r"abduct|kidnap|injur|wound|tortur|to death|to (?:his|her|their) deaths?|arrest|detain|died\b|dies\b|perish|drown|body\s+of|corpse|"
    r"(?<=(?:st|nd|rd|th) )(?:death|fatality)\b)",  # ("a 20th death", "a third death": the ordinal's ending before it)
    re.IGNORECASE,
)
_SINGULAR_HINT = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s|\b[A-Z][a-z]+ [A-Z][a-z]+|"
                            r"\b[A-Z][a-z]+\s+(?:died|dies|was|had\s+been|suffered|sustained)\b", re.UNICODE)



def _other_claim(text: str, doc_id: str, s: int, e: int, n: NumberSpan, quotes: _Quoted) -> Claim:
    after = text[s + n.end : e]
    m = re.match(r"\s*(?:of\s+)?((?:the\s+|a\s+|an\s+|its\s+|their\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3})", after)
    what = f"{n.kind}: {m.group(1)}" if m else n.kind
    start, end = s + n.start, s + n.end
    return Claim(
        id=make_id("claim", doc_id, start, end), doc_id=doc_id, start=start, end=end,
        sentence_start=s, sentence_end=e, measure="other", value=n.value, low=n.low, high=n.high,
        qualifier=n.qualifier, what=what, in_quote=quotes.find(start) >= 0,
    )


# ------------------------------------------------------------- parse-based rules


def _sentence_claims(text: str, doc_id: str, s: int, e: int, counts: list[NumberSpan], sent: Any, quotes: _Quoted) -> list[Claim]:
    out: list[Claim] = []
    by_token: dict[int, Claim] = {}
    by_head: dict[str, Any] = {}  # claim id -> the token it counts
    single_heads: dict[str, Any] = {}  # ... for the single persons listed beside a count
    sayer = sentence_sayer(sent)
    pending_groups = []
    for n in counts:
        tok = _number_token(sent, n)
        if tok is None:
            continue
        head = _np_head(tok)
        parent = _whole(head, by_token, by_head, out)  # (not a count its own words give another measure:
        if parent is not None and parent.i in by_token and adjacent_measure(sent, n) in (  # "One fan killed,
                None, by_token[parent.i].measure):  # 14 hurt": the 14 are the hurt, no part of the dead)
            pending_groups.append((n, head, parent))
            continue
        own = one_measure(head, adjacent_measure(sent, n) or head_measure(head) or surface_measure(tok.doc, n, head))
        measure, among = counted_among(head, parent, by_token, own)  # ("seven foreigners were among the dead")
        if measure is None and admitted(head) and _HOSPITAL_NAMED.search(text, max(text.rfind("\n", 0, s) + 1, s - 2000), s):
            measure = "hospitalised"  # "At Ostrevo General Hospital, ... Twenty-three had been admitted"
        first = _first_conjunct(head)
        if measure is None and first is not head and first.i in by_token and not found_alive(head):
            measure = by_token[first.i].measure  # "seizing 12 Somali and 11 Yemeni nationals" (not "the 11 found alive")
        more = _more(tok, head)
        earlier = [c for c in out if (measure is None or c.measure == measure) and c.group is None and not c.part_of
                   and (_other(tok, head) or _coordinated(head, by_head.get(c.id)))] if more else []
        if not earlier and measure is not None:  # "Four aid workers and seven civilians were killed": co-subjects
            earlier = [c for c in out if c.measure == measure and c.group is None and not c.part_of
                       and _co_subject(head, by_head.get(c.id))]
        if measure is None and earlier and head.lemma_.lower() not in NON_PERSONS and not _own_verb(head):
            measure = earlier[-1].measure  # "two died at the scene and four more in hospital"
        if measure is None and (n.value or 0) >= 2 and head.lemma_.lower() not in NON_PERSONS:
            measure = _them_measure(head, counts_after=[t for t in sent if t.pos_ == "NUM" and t.i > head.i])
        if measure is None or head.lemma_.lower() in NON_PERSONS or measure == "missing" and found_alive(head):
            continue  # (nor "seven reported missing were later found safe": no longer missing)
        verb = next((a for a in head.ancestors if a.pos_ == "VERB"), None)
        if verb is not None and lemma_measure(verb) == measure and (repeated(verb, counted=True) or hypothetical(verb)):
            continue  # "the storm could kill 200", "was arrested seven times": no count of this event
        if measure == "captured" and _law_agent(head):
            measure = "arrested"  # "an Indian warship ... capturing 26 Somali brigands": police, navy, troops arrest
        claim = _claim(text, doc_id, s, e, n, head, measure, among, sayer, quotes)
        if not earlier and _increment(tok, head):
            claim.what = INCREMENT  # "the gunmen released eight more hostages": added to a count said before
        elif rest_of_set(tok, head, measure):
            claim.what = REST  # "freed the last 19 hostages": a batch
        if _not_persons(claim.victims) or (measure in _THING_MEASURES and not _person_like(head)
                                           and head.lemma_.lower() not in UNITS):
            continue  # "one of the world's rarest tigers died", "12 magazines were seized"
        first = _first_conjunct(head)
        shared = by_token.get(head.i) if head.pos_ != "NUM" else None
        if shared is not None and shared.measure == measure and _LISTED.fullmatch(text, shared.end, s + tok.idx):
            claim.adds_to = shared.adds_to or shared.id  # "12 Somali and 11 Yemeni nationals": one noun, two counts
        elif first is not head and first.i in by_token and by_token[first.i].measure == measure:
            claim.adds_to = by_token[first.i].id  # "nine men and four women"
        elif earlier and earlier[-1].measure == measure:
            claim.adds_to = earlier[-1].adds_to or earlier[-1].id  # "... and two more died on Tuesday"
        out.append(claim)
        by_token[head.i] = claim
        by_head[claim.id] = head
        singles = [c for c in head.conjuncts if c.i != head.i and _is_single_person(c, pronoun=True)
                   and c.i not in by_token and c.text not in quotes.animals]
        if singles and claim.value == len(singles) and _named_members(head, singles):
            singles = []  # "two managers, Paul Riva and Alan Steinberg,": the two named, not two more
        for c in singles:  # "four children and a woman", "a village chief and 11 others": one more victim each
            extra = _implicit(text, doc_id, s, e, sent, c, c, 1, measure, sayer, quotes)
            extra.adds_to = claim.adds_to or claim.id
            out.append(extra)
            by_token[c.i] = extra
            single_heads[extra.id] = c
    breakdowns(out, {**by_head, **single_heads}, text)
    fronted_parts(out, by_head)
    for c in [c for c in out if c.what == INCREMENT and any(x.adds_to == c.id for x in out)]:
        c.what = None  # a count others are listed beside is summed with them, not an increment alone
    for n, head, parent in pending_groups:
        if parent.i in by_token:
            out.append(_part_claim(text, doc_id, s, e, n, head, by_token[parent.i], sayer, quotes))
    out.extend(_singular_claims(text, doc_id, s, e, sent, by_token, sayer, quotes))
    return out


def _them_measure(head: Any, counts_after: list[Any]) -> Optional[str]:
    """"pulled a gun on two guards ... and held them hostage": the next "them" of the
    sentence stands for the people counted when no other number or plural noun comes
    between (not "two officers chased the suspects and arrested them") and the counted are
    not the doers ("two paramedics ... took them to hospital"); its verb, not negated,
    says what befell them."""
    if head.dep_ in ("nsubj", "csubj"):
        return None
    stop = min((t.i for t in counts_after), default=len(head.doc))
    for t in head.doc[head.i + 1:stop]:
        if t.tag_ in ("NNS", "NNPS") or t.lower_ in ("crew", "family", "group", "team"):
            return None
        if t.lower_ == "them" and t.dep_ in ("dobj", "nsubjpass"):
            verb = t.head
            if any(c.dep_ == "neg" for c in verb.children) or (verb.dep_ == "xcomp" and any(
                    c.dep_ == "neg" for c in verb.head.children)):
                return None
            return head_measure(t)
    return None


def _first_conjunct(tok: Any) -> Any:
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        tok = tok.head
    return tok


def _more(tok: Any, head: Any) -> bool:
    """'four more', 'another four', 'two others': a number added to one said before."""
    return _said_more(tok, head, ("more", "other", "others"), ("another",)) or head.lower_ == "others"


def _increment(tok: Any, head: Any) -> bool:
    """'eight more hostages', 'another 12', 'three additional bodies' (not 'more than')."""
    return _said_more(tok, head, ("more",), ("another", "additional", "further"))


def _said_more(tok: Any, head: Any, after: tuple[str, ...], before: tuple[str, ...]) -> bool:
    """One of `after` following the number ('four more'; not 'more than'), or one of
    `before` ahead of its noun ('another four', 'three additional bodies')."""
    for t in {tok, head}:
        for c in t.children:
            if c.lower_ in after and c.i > tok.i and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "than"):
                return True
            if c.lower_ in before and c.i < head.i:
                return True
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in before


def _own_verb(head: Any) -> bool:
    """The noun is the subject or object of a verb of its own ("while eight others escaped")."""
    return head.dep_ in ("nsubj", "nsubjpass", "dobj") and head.head.pos_ in ("VERB", "AUX") and head.head.lemma_ != "be"


def _other(tok: Any, head: Any) -> bool:
    """'three other people', 'two others', 'another four': more victims than those named before."""
    return head.lower_ == "others" or any(c.lower_ in ("other", "others", "another") for t in {tok, head} for c in t.children)


def _co_subject(a: Any, b: Any) -> bool:
    """Two counts that are both subjects (or both objects) of one verb."""
    return b is not None and a.head.i == b.head.i and a.head.pos_ in ("VERB", "AUX") and a.dep_ == b.dep_ and \
        a.dep_ in ("nsubj", "nsubjpass", "dobj")


#: Measures whose verbs also take things (seize, free, evacuate): the count must be of persons.
_THING_MEASURES = frozenset({"captured", "arrested", "released", "evacuated", "displaced", "affected"})
_PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "man", "men", "ee", "ees", "ant", "ants",
                    "ent", "ents", "ess", "esses", "ite", "ites")
#: Who arrests: when they capture someone, it is an arrest ("an Indian warship captured 26 pirates").
LAW = frozenset("police policeman policemen officer officers navy warship army troops troop soldiers soldier forces "
                "military marines marine commandos coastguard guard guards authorities agents agency security sheriff "
                "deputies gendarmes gendarmerie".split())


def _person_like(head: Any) -> bool:
    """Could the noun a count goes with be persons? A number on its own, a capitalised plural
    ("23 Somalis"), a known person noun or group, or a noun shaped like one ("miners",
    "refugees", "tourists"); not "12 magazines", "300 rounds"."""
    if head.pos_ in ("NUM", "PRON", "PROPN") or head.lower_ in ("people", "persons", "others", "dead", "wounded", "injured"):
        return True
    lemma, word = head.lemma_.lower(), head.lower_
    if head.text[:1].isupper() or lemma in PERSON_NOUNS or word in GROUPS or lemma in GROUPS:
        return True
    if any(c.dep_ in ("amod", "compound") and c.text[:1].isupper() and c.i < head.i
           and (c.i > c.sent.start or c.pos_ == "PROPN" or c.ent_type_) for c in head.children):
        return True  # "26 Somali brigands": people of a place (not "Several regulations": a sentence's first capital)
    if lemma in COMBATANTS or perpetrator(head) or lemma in MEASURE_LEMMAS:
        return True
    return word.endswith(_PERSON_SUFFIXES) and lemma not in NON_PERSONS


def _law_agent(head: Any) -> bool:
    """The one who captured is police, troops or a warship ("X captured 26 ...", "captured by
    police", "a warship ..., capturing 26 brigands"): the doer of the nearest verb above the
    count that names one."""
    below, capture = head, False
    for verb in head.ancestors:
        if verb.pos_ in ("NOUN", "PROPN") and below.dep_ == "acl" and below.pos_ == "VERB" and \
                (verb.lemma_.lower() in LAW or verb.lower_ in LAW):
            return True  # "a warship ..., capturing 26"
        below = verb
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in SAY_LEMMAS:
            continue  # ("..., police said": the source, not the captor)
        capture = capture or lemma_measure(verb) == "captured"  # (a capture on the way up: "..., capturing 26")
        doers = [c for c in verb.children if c.dep_ == "nsubj" and c.i != head.i]
        doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if doers:  # (no capture: "Soldiers freed nine, bringing to 21 the number of hostages" arrests no one)
            return capture and any(d.lemma_.lower() in LAW or d.lower_ in LAW for d in doers)
    return False


def _not_persons(victims: Optional[str]) -> bool:
    last = (victims or "").lower().split()[-1:]
    if not last:
        return False
    w = last[0]
    forms = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith(("ches", "shes", "xes", "ses")) else w}
    return bool(forms & NON_PERSONS)


def _coordinated(a: Any, b: Any) -> bool:
    """Two counts joined by 'and' (directly, or through their verbs): "two died at the scene
    and four more in hospital" adds up; "21 were killed after divers found two more bodies"
    does not."""
    if b is None:
        return False

    def chain(t: Any) -> set[int]:
        out = {t.i}
        while t.dep_ in ("conj", "nsubj", "nsubjpass", "dobj", "nummod", "attr") and t.head.i != t.i:
            if t.dep_ != "conj" and t.head.dep_ != "conj":
                out.add(t.head.i)
                break
            t = t.head
            out.add(t.i)
        return out
    ca, cb = chain(a), chain(b)
    return bool(ca & cb) and (a.dep_ == "conj" or any(a.doc[i].dep_ == "conj" for i in ca))


_PERSONAL = frozenset("her him he she".split())
#: Between two counts of one noun listed side by side: "12 Somali and 11 Yemeni nationals".
_LISTED = re.compile(r"(?:\s+[\w'’-]+){1,3}\s+and\s+")
#: Verbs of finding a victim, whose passive subject a participle after them counts ("was found hacked to death").
_FOUND = frozenset("find leave discover see report confirm declare list".split())
#: Verbs whose subject is the one who died ("Alleyne died after being shot").
_INTRANSITIVE_DEATH = frozenset("die perish drown succumb".split())


#: Prefixes of a ship's name (motor vessel, steamship, Her Majesty's ship, ...).
_VESSEL = frozenset("MV M/V MS MT SS HMS HMAS HMCS USS USNS INS FV RMS".split())
#: ... when its sentence speaks of ships or the sea (the same letters are a person's initials: "MS Reddy").
_AT_SEA = re.compile(r"\b(?:ships?|vessels?|tankers?|freighters?|trawlers?|ferry|ferries|boats?|crew|sailors|seafarers|"
                     r"cargo|hijack\w*|aboard|on\s+board|pirates?|piracy|sea|gulf|port|navy|naval)\b", re.IGNORECASE)


def _is_single_person(p: Any, pronoun: bool = False, loose: bool = True) -> bool:
    """A single person named without a number. `loose`: an agent noun ("publisher",
    "commentator") counts too, which only a verb of violence makes safe ("a GPS receiver
    was seized" is no capture)."""
    if pronoun and p.pos_ == "PRON" and p.lower_ in _PERSONAL:
        return True  # "killing her, her brother and three neighbours"
    if any(c.dep_ == "nummod" for c in p.children):
        return False
    if p.tag_ == "NNP" and any(t.text in _VESSEL for t in p.lefts) and _AT_SEA.search(p.sent.text):
        return False  # "the abduction of MV Stolt Valor, which had 18 sailors on board": a ship (not "MV Rao, a sarpanch")
    suffixes = ("ist", "ian", "man", "er", "or") if loose else ("ist", "ian", "man")
    named = any(c.dep_ == "appos" and c.tag_ == "NNP" for c in p.children)  # "her cousin, Tavon Alleyne,"
    aged = p.lower_ == "old" and any(c.dep_ == "npadvmod" and c.lemma_ == "year" for c in p.children)  # "the 61-year-old"
    if aged:
        return any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in p.children)
    person = p.tag_ == "NNP" or named or p.lemma_.lower() in PERSON_NOUNS or (
        p.tag_ == "NN" and p.lower_.endswith(suffixes) and p.lemma_.lower() not in NON_PERSONS)
    determiners = [c for c in p.children if c.dep_ in ("det", "poss")]
    singular = p.tag_ in ("NN", "NNP") and (
        p.tag_ == "NNP" or any(c.lower_ in ("a", "an", "the", "his", "her", "their", "its", "one") for c in determiners)
        or any(c.dep_ == "poss" and c.tag_ != "PRP$" for c in determiners)  # "a radio station's chief": one chief
        or (not determiners and p.lemma_.lower() in PERSON_NOUNS)  # "Local government official has been shot"
    )
    return person and singular


def _implicit(text, doc_id, s, e, sent, first, last, n, measure, sayer: Sayer, quotes: _Quoted) -> Claim:
    start = s + sent[first.left_edge.i].idx
    end = s + last.idx + len(last.text)
    q = quotes.find(start)
    return Claim(
        id=make_id("claim", doc_id, start, end), doc_id=doc_id, start=start, end=end,
        sentence_start=s, sentence_end=e, measure=measure, value=float(n), low=float(n), high=float(n),
        qualifier="exact", victims=noun_phrase(first), what="implicit count (singular victims)",
        attributed_to=(quotes.speaker(q) if q >= 0 else None) or source_of(sayer, first), in_quote=q >= 0,
    )


def _claim(text, doc_id, s, e, n: NumberSpan, head, measure, group, sayer: Sayer, quotes: _Quoted) -> Claim:
    start, end = s + n.start, s + n.end
    q = quotes.find(start)
    victims = victims_of(head, n)
    attributed = speaker = source_of(sayer, head)
    if q >= 0:
        attributed = quotes.speaker(q) or quote_speaker(text, quotes.spans[q]) or speaker
    if group is None and head.lemma_.lower() in UNITS:  # "eight families were wiped out": a unit, not 8 persons
        group = UNITS[head.lemma_.lower()]
    if group is None and measure == "orphaned":
        group = _orphan_group(head)
    if group is None and measure in ("killed", "injured") and head.lemma_.lower() in ("hostage", "captive"):
        group = "hostages"  # "four hostages were killed": a group of the dead, as a fact-checker counts them
    if group is None and measure in ("killed", "injured") and group_name(head) == "police":
        group = "police"  # "16 officers had been injured": the police's own figure (not "two army officers")
    if group is None and partitive(head) is not None and (attr := copula_attr(head)) is not None:
        group = group_name(attr)  # "four of the dead were children": the dead's children, a group
    low, high = band(n.qualifier, n.value, n.low, n.high)
    return Claim(
        id=make_id("claim", doc_id, start, end), doc_id=doc_id, start=start, end=end,
        sentence_start=s, sentence_end=e, measure=measure, value=n.value, low=low, high=high,
        qualifier=n.qualifier, group=group, victims=victims, attributed_to=attributed, in_quote=q >= 0,
    )


#: Victims counted in units other than persons: the figure is a group of its own.
UNITS = {"family": "families", "household": "households"}


def _orphan_group(head: Any) -> Optional[str]:
    """'one parent' or 'both parents' for "130 children lost one parent", "25 lost both parents"."""
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else head
    for c in verb.children:
        if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("parent", "father", "mother"):
            if c.lemma_.lower() != "parent" or any(g.lower_ in ("one", "a", "1") for g in c.children):
                return "one parent"
            return "both parents"
    return None


def _number_token(sent: Any, n: NumberSpan) -> Optional[Any]:
    span = sent.char_span(n.num_start, n.num_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    # the number's head word: the token of the span whose head lies outside it
    for tok in span:
        if not (span.start <= tok.head.i < span.end) or tok.head == tok:
            return tok
    return span[-1]


def _np_head(tok: Any) -> Any:
    """The noun a number counts ("613 Azeri citizens" -> citizens, "seven AK-47 assault
    rifles" -> rifles), or the number itself."""
    if tok.dep_ in ("nummod", "quantmod", "amod", "compound", "det") and tok.head.pos_ in ("NOUN", "PROPN", "ADJ", "PRON"):
        head = tok.head
        if tok.dep_ == "nummod" and head.i > tok.i and any(t.text in (",", ";") for t in tok.doc[tok.i + 1:head.i]):
            return tok  # "two dead, 38 police officers injured": a noun beyond a comma is another number's
        # a number naming a model inside the noun phrase ("AK-47") modifies the noun in turn
        if head.dep_ in ("nummod", "compound") and head.head.pos_ == "NOUN" and head.head.i > head.i:
            return head.head
        return head
    return tok


def _np_tokens(head: Any) -> list[Any]:
    return [t for t in head.subtree if t.i <= head.i or t.dep_ in ("compound", "amod")]


def _whole(head: Any, by_token: dict[int, Claim], by_head: dict[str, Any], out: list[Claim]) -> Optional[Any]:
    """The counted noun a number is a part of (`_part_of`); for "Eight people died in the
    siege, including three of the gunmen", where the parser hangs "including" on the nearer
    noun, the count just before it — when that noun is counted by no number of its own
    ("a truck carrying 40 passengers, including 10 children") and the part is of persons
    ("three villages, including two schools" is no part of a toll)."""
    parent = _part_of(head)
    if parent is not None and parent.i not in by_token and _included(head) and out and \
            out[-1].group is None and not out[-1].part_of and out[-1].id in by_head and \
            not any(c.dep_ == "nummod" for c in parent.children) and _person_like(head):
        return by_head[out[-1].id]
    return parent


def _part_claim(text: str, doc_id: str, s: int, e: int, n: NumberSpan, head: Any, whole: Claim, sayer: Sayer,
                quotes: _Quoted) -> Claim:
    """A part of the count `whole` ("including 116 women"), with its group: its noun's, or
    what its copula says they were ("Of the 34 dead, 13 were women")."""
    attr = _said_to_be(head) if head.pos_ == "NUM" else None
    group = group_name(head) or (group_name(attr) if attr is not None else None)
    claim = _claim(text, doc_id, s, e, n, head, whole.measure, group, sayer, quotes)
    claim.part_of = whole.id
    return claim


def _said_to_be(num: Any) -> Optional[Any]:
    """What a number's copula says they were: "13 were women", "... and 11 were children"
    (where the parser hangs the second number on the first noun)."""
    attr = copula_attr(num)
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if attr is None and nxt is not None and nxt.lemma_ == "be":
        attr = next((c for c in nxt.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")), None)
    return attr


def _named_members(head: Any, singles: list[Any]) -> bool:
    """The single persons after a count are the ones it counts, set off by a comma: right
    after the noun ("two managers, Paul Riva and Alan Steinberg"), or after its phrase when
    each is a name or a definite "the ..." ("The two men arrested after the disaster, the
    captain, Joszef Talin, and the owner, ...": not "two soldiers, a policeman and a
    civilian", who are two more)."""
    doc = head.doc
    if head.i + 1 < len(doc) and doc[head.i + 1].text == ",":
        return True
    first = min(singles, key=lambda t: t.i)
    return any(t.text == "," for t in doc[head.i + 1:first.i]) and all(
        t.pos_ == "PROPN" or any(c.lower_ == "the" for c in t.children if c.dep_ == "det") for t in singles)


def _included(head: Any) -> bool:
    """The number is what "including" / "among" introduces."""
    t = head
    while t.dep_ == "conj":
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ in ("including", "among", "incl")


def _part_of(head: Any) -> Optional[Any]:
    """For "including 116 women" / "among them 6 children": the noun of the whole."""
    t = head
    while t.dep_ == "conj":
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ in ("including", "among", "incl"):
        whole = t.head.head
        if whole.pos_ in ("VERB", "AUX"):  # "613 people were murdered, including 63 children"
            subj = [c for c in whole.children if c.dep_ in ("nsubjpass", "dobj", "nsubj") and c.i < t.head.i]
            whole = subj[-1] if subj else whole
        return whole if whole.pos_ in ("NOUN", "PROPN", "NUM", "PRON") else None
    if t.dep_ in ("appos",) and t.head.i < t.i:
        return t.head
    if t.dep_ in ("attr", "nsubj") and t.head.lemma_ == "be":  # "Among the 19 dead were 11 children"
        for c in t.head.children:  # (and "Of the 34 dead, 13 were women", the "of" before the number)
            if c.dep_ == "prep" and (c.lower_ == "among" or c.lower_ == "of" and c.i < t.i):
                whole = [g for g in c.children if g.dep_ == "pobj"]
                if whole:
                    return whole[0]
        among = any(c.dep_ == "prep" and c.lower_ == "among" for c in t.head.children)
        for c in t.head.children:
            if c.dep_ == "nsubj" and c.i != t.i and c.i < t.i and (among or any(g.lower_ == "among" for g in c.children)):
                return c
    return None


#: A dateline opening a sentence: "HARNOW, May 4, 2026 (Continental Press Agency) –", "BEIRUT (AP) —".
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z](?:,\s*[A-Z][\w.]*(?:\s+[A-Z0-9][\w.]*){0,3}(?:,\s*\d{4})?)?"
                       r"(?:\s*\([^)\n]{0,60}\))?\s*[–—-]+\s")


def _dateline_end(sentence: str) -> int:
    m = _DATELINE.match(sentence)
    return m.end() if m else 0


def _companions(verb: Any) -> list[Any]:
    """Single persons 'together with' / 'along with' the victims of a verb."""
    out = []
    for c in verb.children:
        if c.dep_ == "prep" and (c.lower_ == "alongside" or c.lower_ == "with" and (
                any(a.lower_ in ("together", "along") for a in c.children) or
                (c.i > 0 and c.doc[c.i - 1].lower_ in ("together", "along")))):
            out += [g for g in c.children if g.dep_ == "pobj" and _is_single_person(g)]
    return out


def _event_ordinal(death: Any) -> bool:
    """Whether "a 20th death" counts the event's dead so far: not "could not confirm a fifth death",
    "thirty-second" (split), "a third death in the family" (a series of something else)."""
    nth = next(c for c in death.children if c.dep_ == "amod" and ordinal_value(c.text))
    if death.head is not death and irrealis(death.head) or nth.i > 0 and death.doc[nth.i - 1].text in ("-", "‑"):
        return False
    return not any(c.lower_ in ("in", "among", "within", "of") and any(g.lemma_.lower() not in EVENT_NOUNS for g in c.children
                                                                       if g.dep_ == "pobj") for c in death.children)


def _singular_claims(text, doc_id, s, e, sent, counted: dict, sayer: Sayer, quotes: _Quoted) -> list[Claim]:
    """'gunmen killed an elder', 'a scholar was beheaded', 'the killing of a judge and his
    driver': victims named without a number count one each."""
    out = []
    dateline = _dateline_end(sent.text)
    for tok in sent:
        if tok.pos_ == "VERB":
            m = lemma_measure(tok)
            victims = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            if m == "killed" and not victims:  # "Alleyne died Tuesday": the one who died; "fell to his death": the one who fell
                victims = [c for c in tok.children if c.dep_ == "nsubj" and (tok.lemma_.lower() in _INTRANSITIVE_DEATH or any(
                    p.dep_ == "prep" and p.lower_ == "to" and any(g.lower_ == "death" and any(
                        q.dep_ == "poss" for q in g.children) for g in p.children) for p in tok.children)
                    and not any(r.dep_ == "relcl" for r in c.children))]  # ("a man who watched his brother fall": the parse errs)
            if m == "injured" and tok.lemma_.lower() in ("sustain", "suffer") and not any(
                    g.lower_ in ("no", "fatal", "mortal") for c in tok.children if c.dep_ in ("dobj", "obj")
                    for g in c.subtree):  # "Thurman suffered neck injuries" (not "no injuries", not "fatal injuries")
                victims = [c for c in tok.children if c.dep_ == "nsubj"]
            if not victims and tok.dep_ == "conj":  # "was stabbed and then beheaded"; "surrendered and was arrested"
                passive = any(c.dep_ == "auxpass" for c in tok.children)
                victims = [c for c in tok.head.children if c.dep_ == "nsubjpass" or passive and c.dep_ == "nsubj"]
            if not victims and tok.dep_ == "xcomp" and tok.tag_ == "VBN" and tok.head.lemma_ in _FOUND and any(
                    c.dep_ == "auxpass" for c in tok.head.children) and not irrealis(tok.head):
                victims = [c for c in tok.head.children if c.dep_ == "nsubjpass"]  # "was found hacked to death"
            if (tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN")
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and not (m == "injured" and
                    tok.head.dep_ == "nsubj" and died(tok.head.head))):  # ("a man injured ... died")
                victims.append(tok.head)  # "a judge killed in the attack"
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in ("death", "fatality") and (nth := ordinal_of(tok)) and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and _event_ordinal(tok):
            claim = _implicit(text, doc_id, s, e, sent, tok, tok, nth, "killed", sayer, quotes)
            claim.what = SO_FAR  # "confirmed a 20th death": twenty dead so far
            out.append(claim)
            continue
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in ("killing", "murder", "assassination", "abduction", "kidnapping", "death",
                                                           "beheading", "body", "corpse"):
            m = MEASURE_LEMMAS.get(tok.lemma_.lower()) or ("killed" if tok.lemma_.lower() in ("killing", "assassination", "beheading", "murder", "body", "corpse") else "captured")
            victims = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        if m not in ("killed", "injured", "captured", "arrested") or irrealis(tok) or repeated(tok):
            continue
        victims = [v for v in victims if v.idx >= dateline]  # "HARNOW, May 4 (CPA) – ...": a place
        companions = _companions(tok)
        # "Omar Vey, who was killed by gunmen": a relative pronoun stands for the noun its clause
        # modifies; a past tense only ("a journalist who is killed on duty" is no event), and not
        # a clause that dates its victim to another time ("a nurse who was killed last year"): the
        # claim stands on the noun, outside the clause, where placement would not see its time
        relative = [v for v in victims if v.tag_ in ("WP", "WDT") and tok.dep_ == "relcl" and v.dep_ == "nsubjpass"]
        tense = " ".join(c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass"))  # "was", "has been", ...
        if relative and (tense not in ("was", "were", "has been", "have been", "had been") or dated_clause(tok)):
            continue
        victims = [tok.head if v in relative else v for v in victims]
        for v in victims:
            if v.i in counted or any(c.dep_ == "nummod" for c in v.children):
                continue
            people = [v] + [c for c in v.conjuncts if c.i > v.i]
            if relative:  # "the mother and child who was injured": the child; "Vey and Sen, who were killed": both
                people = sorted([v, *v.conjuncts], key=lambda p: p.i) if tense in ("were", "have been") else [
                    max([v, *v.conjuncts], key=lambda p: p.i if p.i < tok.i else -1)]
            if companions and not any(c.i in counted for c in companions):
                people += companions  # "she was stabbed to death together with her husband": two
            pronoun = bool(companions) or (m in ("killed", "injured") and v.dep_ == "dobj")  # "shot him dead", "injured her"
            if not all(_is_single_person(p, pronoun=pronoun, loose=m in ("killed", "injured"))
                       and p.text not in quotes.animals for p in people):
                continue
            claim = _implicit(text, doc_id, s, e, sent, people[0], people[-1], len(people), m, sayer, quotes)
            if (m in ("arrested", "captured") or m == "killed" and people[0].lemma_.lower() in _ANYONE and any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in people[0].children)) and \
                    len(people) == 1 and (nth := ordinal_of(people[0])):
                claim.value = claim.low = claim.high = float(nth)  # "a fourth person": four held so far; "a seventh
                # person had died": seven dead so far (of the dead, only "a" noun for anyone: "the second crew member
                # to die" counts the crew)
                claim.what = SO_FAR
            out.append(claim)
            for p in people:
                counted[p.i] = claim
    return out
