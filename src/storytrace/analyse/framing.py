"""Framing: the words each document uses for an event, in whose voice, and its loaded wording.

One job: the framing analyser (the lexicons are in lexicon.py; the cross-document
terms stage and wording drift in terms.py).

- `analyse_framing(doc)` (per document, pure; regexes and word lists, no parser: about
  the quotes analyser's speed, some 450,000 words a second on one core, measured by
  eval/framing_seeds.py): every use of a **label** for an event (massacre, genocide, tragedy, incident,
  attack, crime against humanity, terror attack, accident, ...; the LABELS lexicon)
  and of **loaded** wording (vile, sickly mentality, barbaric, ...; the LOADED
  lexicon), with offsets, as `Term` rows.
- `terms.TERMS` (a cross-document plan, after the events stage): fills `terms.event_id`
  and counts the uses per (document, event, term, voice, kind, speaker, speech,
  negated).
- `terms.wording_drift(db)` (a query): per event, the word edits of copied passages
  (reuse.edits, figures left out) in the order the copies were published.

**Voice** (the contract's `own`, `quoted`, `title`), in this order:

1. `title`: inside the headline (a document whose text opens with its title), inside
   `documents.title` when the title is not part of the text (`title_spans`), or inside
   a quoted title ('a conference entitled "Khojaly Genocide, ..."', '"..." conference',
   a quoted run of capitalised words);
2. `quoted`, `speech` `direct`: inside quotation marks (quotes.find_quotes, every
   quoted passage, scare quotes too); `speaker` is the quotation's resolved speaker;
3. `quoted`, `speech` `reported`: reported speech: after a speech verb in its sentence
   ("Mammadyarov said many states recognized it as a genocide", "calling it ...",
   "according to X, ..."), or before one that closes the sentence ("..., the ministry
   said in a statement."); `speaker` is the verb's subject, a pronoun or "the minister"
   resolved to the nearest fitting speaker named before;
4. `own`: the outlet's own words. "..., Trend reports." (an agency naming itself) is
   the outlet's own voice.

**Which event a label refers to** (the `mentions` JSON keeps, for each use, the named
event mention it was tied to as `ref`; the terms stage turns that into an event id):

- a label that is part of a named event mention ("the Khojaly massacre", "Tuesday's
  ferry disaster on Lake Veldra": mentions.named_events) refers to that event;
- a definite one ("the massacre", "this tragedy", "Armenia's aggression", a bare
  "genocide", a headline's "ferry tragedy") refers to the nearest named event mention
  before it in its sentence, else in its paragraph, else the nearest earlier mention
  with the same noun ("The massacre is regarded ..." after "the Khojaly massacre");
  with none, to the document's main event (`documents.event_id`). A mention after the
  label does not count: "the worst disaster since the Orla Bright sank" is about the
  document's own event;
- an indefinite one counts only as a predicate or an apposition of something that
  refers to an event ("the 1992 Khojaly massacre was a crime against humanity",
  "recognize the Khojaly incident as a massacre", "calling it a catastrophe", "the
  Khojaly Massacre, a tragedy we will never forget"); "a massacre of civilians
  elsewhere", "Forced displacement is a crime against humanity", "another massacre",
  "similar massacres", plurals of count nouns ("one of the bloodiest incidents") and a
  count noun with neither article nor modifier in running text ("ended in tragedy",
  "by accident", "crack down on crime") refer to no event in particular and are left
  out;
- a capitalised label inside a name mentions.named_events does not know ("the Turkish
  Genocide of 1915") refers to that name: `event_id` null, the name kept in `mentions`;
- not a label: a verb ("to attack", "this clashes with"), a word inside another name
  ("Genocide Watch"), a modifier of another noun ("genocide policy", "disaster drill").
- `negated`: "it was not an accident", "it was no accident" ("not just a tragedy" is
  not a negation).

Loaded words refer to the event their sentence names (the nearest named mention in
it, as claims do), else the document's main event.

Rows: the analyser groups uses per (named mention referred to, term, voice, kind,
speaker, speech, negated); the terms stage regroups them per (document, event, term,
voice, kind, speaker, speech, negated) from their `mentions`, on every build. A
speaker is named the same way throughout a document ("Mammadyarov" after "Azerbaijani
Foreign Minister Elmar Mammadyarov" is the longer name).

storytrace reports wording, it does not judge: the lexicons describe what a word does
(its `category`), never whether its use is fair.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from typing import Any, Optional

from .mentions import EVENT_NOUNS, NOT_NAMES, named_events
from ..model import Annotations, Document, Term, make_id
from .quotes import find_quotes
from ..text.speech import CALL, DOC_WORDS, INTRO, ORG_WORDS, PERSON_WORDS, PLURAL_OK, PRONOUNS, SAY, SAYING, VERB_RE, np_after, np_before, person_phrase
from ..text.lexicon import ENTRIES, ENTRY_INDEX, WORD_START, LABELS
from ..text.sentences import sentences

# ---------------------------------------------------------------------- word classes

_DEFINITE = frozenset("the this that these those its their his her our your my whose".split())
_INDEFINITE = frozenset("a an one any".split())
_OTHER = frozenset("another other similar such previous earlier past former many several some few every each".split())
_NEGATION = frozenset("not never".split())
_COPULA = frozenset(
    "is was were be been being 's ’s are remains remained remain becomes became become constitutes constituted "
    "constitute represents represented as it them this".split())
_SKIP_BEFORE = frozenset("not never also truly indeed just merely simply only clearly nothing less more than rather".split())
_STOP = frozenset(
    "of in on at for from by with about against over after before since during into to as than like and or but nor "
    "is was were be been being are am has have had do does did will would can could may might must shall should "
    "it he she they we i you him them us me who whom which what where when why how if while because although though "
    "so yet not never there here then now upon within without among amongst between through across toward towards "
    "under behind beyond despite amid via per near out up down off away".split())
#: Participles that modify a label ("the alleged massacre"); any other -ed word ends the noun phrase.
_ED_MODIFIERS = frozenset(
    "alleged so-called reported suspected purported presumed renewed coordinated concerted armed unprovoked "
    "continued repeated unprecedented organised organized planned premeditated targeted infamous sustained "
    "deliberate botched failed".split())
_VERB_BEFORE = frozenset(
    "to will would can could may might must shall should did does do didn't don't doesn't won't they we i you "
    "who forces troops".split())
#: Nouns a label may modify without naming the event ("genocide policy", "disaster drill").
_MODIFIED = frozenset(
    "policy policies watch alert alerts denial denier deniers convention conventions studies scholar scholars "
    "law laws charge charges allegation allegations accusation accusations claim claims emergency insurance drill "
    "drills alarm alarms risk risks prevention warning warnings helicopter helicopters aircraft jets dogs rifle "
    "rifles weapons squad unit units team teams force vehicle vehicles zone zones plan plans response relief "
    "management fund recovery preparedness survivors-fund".split())
_STRICT_NEXT = frozenset(
    "that which killed was is were on against in by of launched began started ended left had has continued "
    "took".split())
_QUOTE_MARKS = frozenset("\"“”‘’'«»„")
_TITLE_CUES = frozenset("entitled titled named themed headlined called dubbed".split())
_TITLE_NOUNS = frozenset(
    "conference book film documentary exhibition exhibit report resolution forum festival campaign summit symposium "
    "seminar session play song album series programme program project initiative declaration law bill act motion "
    "hearing panel ceremony rally march memorial museum monument day week congress meeting round-table roundtable "
    "article column editorial novel poem slogan hashtag".split())
_SMALL = frozenset("a an the and or of for in on at to by with from against".split())
_TOKEN = re.compile(r"[\w][\w'’\-]*|[^\w\s]")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
#: "according to Azerbaijani figures" attributes numbers, not the words around them.
_DATA_SOURCE = re.compile(
    r"[^,;.]{0,40}?\b(?:figures|data|statistics|estimates|numbers|records|documents|count|tally|toll|tallies)\b")
_PASSIVE = frozenset("be been being is was were are so".split())
_REACH = 300  # characters a speech verb's clause is read around it (long run-on "sentences" stay linear)
_SPEAKERS_BACK = 50  # earlier speakers a pronoun may resolve to


# ---------------------------------------------------------------------- the analyser


@dataclass
class Use:
    """One use of a term: where, what, in whose voice, and which named mention it refers to."""

    term: str
    kind: str  # label, loaded
    category: str
    start: int
    end: int
    field: str = "text"  # text, title (documents.title, when it is not part of the text)
    phrase: str = ""  # the noun phrase ("the 1992 Khojaly massacre")
    voice: str = "own"
    speech: Optional[str] = None
    speaker: Optional[str] = None
    how: str = "narrative"  # narrative, quotation, reported, headline, quoted title, title field
    negated: bool = False
    ref: Optional[dict[str, Any]] = None  # {"start", "name", "key"} of the named mention (text offsets)

    def mention(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "phrase": self.phrase, "how": self.how,
                               "ref": self.ref}
        if self.field != "text":
            out["field"] = self.field
        return out


def analyse_framing(doc: Document) -> Annotations:
    """The framing analyser (pure): labels and loaded words of `doc` as Term rows
    (`event_id` null: the terms stage fills it once events are known)."""
    return Annotations(doc.id, terms=terms(find_uses(doc.text, doc.title), doc.id))


def terms(uses: list["Use"], doc_id: str) -> list[Term]:
    """Uses grouped into Term rows, one per (reference, term, voice, kind, speaker,
    speech, negated), with `count`, `spans`, `title_spans` and `mentions`."""
    _same_speakers(uses)
    groups: dict[tuple, list[Use]] = {}
    for u in uses:
        ref = (u.ref or {}).get("start")
        groups.setdefault((ref, u.term, u.voice, u.kind, u.speaker, u.speech, u.negated), []).append(u)
    out = []
    for (ref, term, voice, kind, speaker, speech, negated), us in groups.items():
        out.append(term_row(doc_id, None, ("ref", ref), term, voice, kind, us[0].category, speaker, speech, negated,
                             [u.mention() for u in us]))
    return out


def _same_speakers(uses: list[Use]) -> None:
    """One name per speaker within a document: "Mammadyarov" and "the minister" become
    "Azerbaijani Foreign Minister Elmar Mammadyarov" when that longer name holds them."""
    names = sorted({u.speaker for u in uses if u.speaker}, key=len, reverse=True)
    if len(names) < 2:
        return
    words = {n: [w for w in n.lower().replace("’", "'").split() if w not in _DEFINITE and w not in _INDEFINITE]
             for n in names}
    full: dict[str, str] = {}
    for n in names:
        ws = words[n]
        for longer in names:
            if len(longer) <= len(n) or not ws:
                continue
            lw = words[longer]
            if all(w in lw for w in ws) and (ws[-1] == lw[-1] or n.split()[0].lower() in _DEFINITE):
                full[n] = full.get(longer, longer)
                break
    for u in uses:
        if u.speaker in full:
            u.speaker = full[u.speaker]


def term_row(doc_id: str, event_id: Optional[str], key: Any, term: str, voice: str, kind: str, category: Optional[str],
              speaker: Optional[str], speech: Optional[str], negated: bool, mentions: list[dict[str, Any]]) -> Term:
    mentions = sorted(mentions, key=lambda m: (m.get("field", "text") != "title", m["start"]))
    spans = [[m["start"], m["end"]] for m in mentions if m.get("field", "text") == "text"]
    title_spans = [[m["start"], m["end"]] for m in mentions if m.get("field") == "title"]
    return Term(
        id=make_id("term", doc_id, event_id if event_id is not None else json.dumps(key), term, voice, kind, speaker,
                   speech, negated),
        doc_id=doc_id, term=term, voice=voice, count=len(mentions), event_id=event_id, kind=kind, category=category,
        speaker=speaker, speech=speech, negated=negated, spans=json.dumps(spans), title_spans=json.dumps(title_spans),
        mentions=json.dumps(mentions, ensure_ascii=False),
    )


def find_uses(text: str, title: Optional[str] = None) -> list[Use]:
    """Every use of a label or a loaded word in the text (and in `title` when the text
    does not open with it), in order."""
    headline = 0
    if title and text.startswith(title.strip()):
        headline = len(title.strip())
        title = None
    uses: list[Use] = []
    hits = find_hits(text)
    if hits:
        ctx = _Context(text, headline)
        for kind, term, category, s, e in hits:
            use = ctx.use(kind, term, category, s, e)
            if use is not None:
                uses.append(use)
    if title:
        uses.extend(_title_uses(text, title))
    return uses


def is_term(words: str, term: str, kind: str = "label") -> bool:
    """Is `words` (e.g. the text at a use's offsets) a form of the lexicon term?"""
    return any(rx.fullmatch(words) for k, t, _c, _p, rx in ENTRIES if t == term and k == kind)


def find_hits(text: str) -> list[tuple[str, str, str, int, int]]:
    """(kind, term, category, start, end) of every lexicon match, in order: at each word
    start the longest match (labels before loaded words); matches do not overlap."""
    out = []
    taken = -1
    for w in WORD_START.finditer(text):
        s = w.start()
        if s < taken:
            continue
        cands = ENTRY_INDEX.get(w.group().lower())
        if not cands:
            continue
        best = None
        for kind, term, cat, prefix, rx in cands:
            if not text.startswith(prefix, s) and text[s : s + len(prefix)].lower() != prefix:
                continue
            m = rx.match(text, s)
            if m and (best is None or m.end() > best[4] or m.end() == best[4] and kind == "label" and best[0] != "label"):
                best = (kind, term, cat, s, m.end())
        if best is not None:
            out.append(best)
            taken = best[4]
    return out


def _title_uses(text: str, title: str) -> list[Use]:
    """Uses in a title that is not part of the text: voice title, offsets into the title;
    a named mention in it refers to the text's mention of the same name."""
    out: list[Use] = []
    hits = find_hits(title)
    if not hits:
        return out
    ctx = _Context(title, len(title))
    text_mentions: Optional[dict[str, Any]] = None
    for kind, term, category, s, e in hits:
        use = ctx.use(kind, term, category, s, e)
        if use is None:
            continue
        use.field, use.how = "title", "title field"
        if use.ref is not None:
            if text_mentions is None:
                text_mentions = {}
                for m in named_events(text):
                    text_mentions.setdefault(m.key, m)
            hit = text_mentions.get(use.ref["key"])
            use.ref = {"start": hit.start, "name": hit.name, "key": hit.key} if hit else None
        out.append(use)
    return out


class _Context:
    """A text's sentences, paragraphs, quotations, speech and named event mentions, found on first use."""

    def __init__(self, text: str, headline: int):
        self.text = text
        self.headline = headline
        self.sents = sentences(text)
        self.sent_starts = [s for s, _ in self.sents]
        self.paras = [0] + [m.end() for m in re.finditer("\n", text)]
        self._quotes: Optional[list] = None
        self._mentions: Optional[list] = None
        self._speech: dict[int, list[tuple[int, int, Optional[str]]]] = {}
        self._speakers: Optional[list[tuple[int, str]]] = None
        self.label_refs: list[tuple[int, int, Optional[dict]]] = []  # (start, end, ref) of labels kept so far
        self.label_starts: list[int] = []

    # -- lookups

    def sentence(self, pos: int) -> tuple[int, int, int]:
        k = bisect_right(self.sent_starts, pos) - 1
        if k < 0:
            return -1, 0, 0
        s, e = self.sents[k]
        return (k, s, e) if pos < e else (-1, pos, pos)

    def para(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.paras, pos) - 1
        end = self.paras[k + 1] - 1 if k + 1 < len(self.paras) else len(self.text)
        return self.paras[k], end

    @property
    def mentions(self) -> list:
        if self._mentions is None:  # ("This massacre" opening a quotation is no name)
            self._mentions = [m for m in named_events(self.text) if m.key not in NOT_NAMES]
            self._mention_starts = [m.start for m in self._mentions]
            self._by_noun: dict[str, tuple[list, list[int]]] = {}
            for m in self._mentions:
                ms, starts = self._by_noun.setdefault(m.noun.rstrip("s"), ([], []))
                ms.append(m)
                starts.append(m.start)
        return self._mentions

    def mentions_in(self, lo: int, hi: int) -> list:
        """Named mentions starting in [lo, hi), in order."""
        ms = self.mentions
        return ms[bisect_left(self._mention_starts, lo) : bisect_left(self._mention_starts, hi)]

    def mention_at(self, pos: int) -> Any:
        """The named mention holding pos, or None."""
        ms = self.mentions
        k = bisect_right(self._mention_starts, pos) - 1
        while k >= 0 and pos - ms[k].start < 200:
            if ms[k].start <= pos < ms[k].end:
                return ms[k]
            k -= 1
        return None

    def mention_ending(self, pos: int) -> Any:
        """The named mention ending at pos, or None."""
        ms = self.mentions
        k = bisect_left(self._mention_starts, pos) - 1
        while k >= 0 and pos - ms[k].start < 200:
            if ms[k].end == pos:
                return ms[k]
            k -= 1
        return None

    def last_mention_before(self, lo: int, pos: int, noun: Optional[str] = None) -> Any:
        """The last named mention ending by pos and starting at or after lo (with that noun), or None."""
        mentions = self.mentions  # finds them on first use (self._mentions is this list)
        ms, starts = self._by_noun.get(noun.rstrip("s"), ([], [])) if noun is not None else \
            (mentions, self._mention_starts)
        k = bisect_left(starts, pos) - 1
        while k >= 0 and ms[k].start >= lo:
            if ms[k].end <= pos:
                return ms[k]
            k -= 1
        return None

    def labels_in(self, lo: int, hi: int) -> list:
        """(start, end, ref) of the labels kept so far that start in [lo, hi)."""
        return self.label_refs[bisect_left(self.label_starts, lo) : bisect_left(self.label_starts, hi)]

    @property
    def quotes(self) -> list:
        if self._quotes is None:
            found = sorted(find_quotes(self.text, keep=False), key=lambda f: f.start)
            self._quotes = [(f.start, f.end, f, self._quoted_title(f)) for f in found]
            self._quote_starts = [q[0] for q in self._quotes]
        return self._quotes

    def quote_at(self, pos: int) -> Optional[tuple]:
        qs = self.quotes
        k = bisect_right(self._quote_starts, pos) - 1
        if k >= 0 and qs[k][0] <= pos < qs[k][1]:
            return qs[k]
        return None

    def _quoted_title(self, f: Any) -> bool:
        """A quoted title: 'entitled "…"', '"…" conference', or a quoted run of capitalised words."""
        text = self.text
        if f.open >= 0:
            before = _TOKEN.findall(text, max(0, f.open - 40), f.open)
            if before and before[-1].lower() in _TITLE_CUES:
                return True
        if f.close >= 0:
            after = _TOKEN.findall(text, f.close + 1, min(len(text), f.close + 30))
            if after and after[0].lower() in _TITLE_NOUNS:
                return True
        if f.how in ("after", "before", "tail", "previous", "split", "continued", "paragraph"):
            return False  # someone speaking
        words = text[f.start : f.end].split()
        long = [w for w in words if len(w) > 2 and w[0].isalpha() and w.lower() not in _SMALL]
        if len(long) < 2 or any(w[-1:] in ".!?" for w in words):
            return False
        return sum(w[0].isupper() for w in long) >= 0.75 * len(long)

    # -- one use

    def use(self, kind: str, term: str, category: str, s: int, e: int) -> Optional[Use]:
        text = self.text
        k, s0, s1 = self.sentence(s)
        if k < 0:
            s0, s1 = self.para(s)
        inside = self.mention_at(s) if kind == "label" else None
        np = _noun_phrase(text, s0, s, e)
        end = e
        if kind == "loaded":  # "the vile attacks": through the word it qualifies
            nxt = _TOKEN.match(text, _skip_space(text, e))
            if nxt and nxt.end() <= s1 and nxt.group()[0].isalpha() and nxt.group().lower() not in _STOP:
                end = nxt.end()
        u = Use(term, kind, category, s, e, phrase=" ".join(text[np.start : end].split()))
        if kind == "label":
            if not self._is_label(term, s, e, s1, np, inside):
                return None
            ref = self._label_ref(term, s, e, s0, np, inside)
            if ref is False:
                return None
            u.ref = ref
            u.negated = np.negated
            self.label_refs.append((s, e, ref))
            self.label_starts.append(s)
        elif _EVENT_NOUN_RE.search(text, s0, s1):  # no event noun in the sentence: no named event in it
            near = self.mentions_in(s0, s1)
            if near:
                m = min(near, key=lambda m: abs(m.start - s))
                u.ref = _ref(m)
        self._voice(u, s0, s1)
        return u

    def _is_label(self, term: str, s: int, e: int, s1: int, np: "_NP", inside: Any) -> bool:
        text = self.text
        flags = LABELS[term][2]
        word = text[s:e]
        plural = word.split()[-1].lower() != term.split()[-1]  # the lexicon's forms differ only by number
        if plural and "plural" not in flags and inside is None:
            return False  # "one of the bloodiest incidents", "similar massacres": no one event
        nxt = _TOKEN.match(text, _skip_space(text, e))
        nxt_w = nxt.group() if nxt else ""
        if inside is None:
            if nxt_w.lower() in _MODIFIED:
                return False  # "genocide policy"
            if word[:1].isupper() and nxt_w[:1].isupper() and nxt_w.isalpha() and s >= self.headline:
                return False  # "Genocide Watch", "Genocide Emergency Alert": a name
        if "verb" in flags and np.det is None and not np.mods and np.before.lower() in _VERB_BEFORE:
            return False  # "to attack civilians"
        if "strict" in flags and not (np.det or np.mods) or "strict" in flags and nxt_w.isalpha() \
                and nxt_w.lower() not in _STRICT_NEXT:
            return False  # "offensive remarks"
        if (plural or term.endswith("s")) and np.det_word in ("this", "that"):
            return False  # "This clashes with ...": a verb
        if inside is None and s >= self.headline and "mass" not in flags and not plural and np.det is None \
                and not np.mods:
            return False  # a bare count noun in running text: "ended in tragedy", "crack down on crime", "by accident"
        return True

    def _label_ref(self, term: str, s: int, e: int, s0: int, np: "_NP", inside: Any) -> Any:
        """The named mention a label refers to (None: the document's main event; False: none in particular)."""
        if inside is not None:
            return _ref(inside)
        name = self._proper_name(s, e, s0)
        if name is not None:
            return {"start": None, "name": name, "key": name.lower()}
        if np.det == "other":
            return False
        if np.det == "indefinite":
            return self._predicate_ref(term, s, s0, np)
        # definite, or bare: a mass noun ("committed genocide"), an accepted plural ("war
        # crimes"), a headline's "ferry tragedy", "Armenian aggression"
        return self._definite_ref(term, s, s0)

    def _proper_name(self, s: int, e: int, s0: int) -> Optional[str]:
        """A capitalised label after capitalised words, mid-sentence and outside the headline,
        that mentions.named_events does not know ("the Turkish Genocide of 1915"): the name
        of an event the ledger has no row for."""
        text = self.text
        if s < self.headline or not text[s].isupper():
            return None
        toks = [m for m in _TOKEN.finditer(text, max(s0, s - 80), s)]
        words = []
        for m in reversed(toks):
            w = m.group()
            if not w[0].isupper() or w.lower() in _DEFINITE or w.lower() in _INDEFINITE:
                break
            words.append(w)
        if not words or len(words) == len(toks) and toks and toks[0].start() == s0:
            return None  # nothing before it, or a title-case sentence
        return " ".join(words[::-1] + [text[s:e]])

    def _predicate_ref(self, term: str, s: int, s0: int, np: "_NP") -> Any:
        text = self.text
        before = np.before_tokens
        i = len(before) - 1
        while i >= 0 and (before[i][2].lower() in _SKIP_BEFORE or before[i][2] in _QUOTE_MARKS
                          or before[i][2].lower().endswith("ly")):
            i -= 1
        if i < 0:
            return False
        w = before[i][2]
        if w == ",":  # apposition: "the Khojaly Massacre, a tragedy we will never forget"
            comma = before[i][0]
            j = comma
            while j > s0 and text[j - 1] in _QUOTE_MARKS:
                j -= 1
            m = self.mention_ending(j)
            if m is not None:
                return _ref(m)
            prior = [r for (_ls, le, r) in self.labels_in(s0, j) if le == j]
            return prior[-1] if prior else False
        low = w.lower().replace("’", "'")
        low = low[:-3] if low.endswith("n't") else low  # "wasn't" -> "was"
        if low in ("it's", "that's", "this's", "what's"):
            low = "it"
        if low not in _COPULA:
            return False
        if low in ("it", "them", "this"):  # "calling it a catastrophe", "it's a tragedy"
            return self._definite_ref(term, s, s0)
        # the subject (or the object before "as"): a named mention, a label, or it/this/that
        m = self.last_mention_before(s0, before[i][0])
        if m is not None:
            return _ref(m)
        prior = self.labels_in(s0, before[i][0])
        if prior:
            return prior[-1][2]
        subject = text[max(s0, before[i][0] - _REACH) : before[i][0]].lower()
        if re.search(r"(?:^|[\s,])(?:it|this|that|what)\s*$|^(?:it|this|that)\b", subject.strip()) \
                or _EVENT_NOUN_RE.search(subject):
            return self._definite_ref(term, s, s0)
        return False

    def _definite_ref(self, term: str, s: int, s0: int) -> Optional[dict]:
        m = self.last_mention_before(s0, s) or self.last_mention_before(self.para(s)[0], s) \
            or self.last_mention_before(0, s, noun=term.split()[-1])
        return _ref(m) if m is not None else None

    # -- voice

    def _voice(self, u: Use, s0: int, s1: int) -> None:
        if u.start < self.headline:
            u.voice, u.how = "title", "headline"
            return
        q = self.quote_at(u.start)
        if q is not None:
            f = q[2]
            if q[3]:
                u.voice, u.how = "title", "quoted title"
                return
            u.voice, u.speech, u.how = "quoted", "direct", "quotation"
            if f.speaker:
                u.speaker = self.text[f.speaker[0] : f.speaker[1]]
            return
        stretches = self.speech(s0, s1)
        k = bisect_right(stretches, (u.start, float("inf"), "")) - 1
        while k >= 0:  # the innermost stretch holding it: "The minister said ... what he described as aggression"
            lo, hi, speaker = stretches[k]
            if lo <= u.start < hi:
                u.voice, u.speech, u.how, u.speaker = "quoted", "reported", "reported", speaker
                return
            k -= 1

    def speech(self, s0: int, s1: int) -> list[tuple[int, int, Optional[str]]]:
        """Stretches of reported speech in the sentence [s0, s1), with their speakers."""
        if s0 in self._speech:
            return self._speech[s0]
        text = self.text
        out: list[tuple[int, int, Optional[str]]] = []
        a = _ACCORDING.search(text, s0, s1)
        if a and self.quote_at(a.start()) is None and not _DATA_SOURCE.match(text, a.end(), s1):
            np = np_after(text, a.end(), s1)
            if np:
                comma = text.find(",", np[1], s1)
                if a.start() - s0 < 3 and comma > 0:
                    out.append((comma, s1, self.speaker_of(np)))  # "According to X, ..."
                elif a.start() - s0 >= 3:
                    out.append((s0, a.start(), self.speaker_of(np)))  # "..., according to X."
        for v in VERB_RE.finditer(text, s0, s1):
            word = v.group(1).lower()
            if self.quote_at(v.start()) is not None:
                continue
            if word in SAYING:
                m = INTRO.match(text, s0, v.start())
                lo = m.end() if m else s0
                np = np_after(text, lo, min(v.start(), lo + _REACH))
                if np and np[1] <= v.start():
                    out.append((v.end(), s1, self.speaker_of(np)))
                continue
            if word not in SAY and word not in CALL:
                continue
            prev = text[max(s0, v.start() - 10) : v.start()].split()
            if word in CALL and prev and (prev[-1].lower() in _PASSIVE or prev[-1].lower().endswith("so-")):
                continue  # "what has now been called the Khojaly Massacre"
            if text[max(s0, v.start() - 3) : v.start()].endswith("so-"):
                continue
            np = np_before(text, max(s0, v.start() - _REACH), v.start())
            near_end = s1 - v.end() < _REACH
            if np is None:
                inverted = np_after(text, v.end(), min(s1, v.end() + _REACH)) if word in SAY and near_end else None
                comma = _comma_before(text, s0, v.start())
                if inverted and comma >= 0 and len(text[inverted[1] : s1].split()) <= 4:
                    out.append((s0, comma, self.speaker_of(inverted)))  # "…, said the minister."
                continue
            rest = text[v.end() : s1].split() if near_end else []
            comma = _comma_before(text, s0, np[0])
            if comma >= 0 and near_end and len(rest) <= 6 and word in SAY and "that" not in rest:
                out.append((s0, comma, self.speaker_of(np)))  # "…, the ministry said."
            else:
                out.append((v.end(), s1, self.speaker_of(np)))  # "X said the massacre …"
        out.sort(key=lambda x: (x[0], x[1]))
        self._speech[s0] = out
        return out

    # -- speakers of reported speech

    def speaker_of(self, np: tuple[int, int]) -> str:
        """A reported speaker as the text writes it, a pronoun or "the minister" resolved to
        the nearest fitting speaker named before (quotations' speakers and named sayers)."""
        text = self.text
        phrase = " ".join(text[np[0] : np[1]].split())
        low = phrase.lower().replace("’", "'")
        words = low.split()
        if self._speakers is None:
            self._speakers = sorted((f.speaker[0], " ".join(text[f.speaker[0] : f.speaker[1]].split()))
                                    for _s, _e, f, _t in self.quotes if f.speaker)
        k = bisect_left(self._speakers, (np[0], ""))
        before = [name for _p, name in self._speakers[max(0, k - _SPEAKERS_BACK) : k][::-1]]
        resolved: Optional[str] = None
        if low in ("he", "she"):
            resolved = next((name for name in before if _kind(name) == "person"), None)
        elif low in ("it", "they"):
            resolved = next((name for name in before if _kind(name) in ("org", "plural")), None)
        elif words and words[0] in ("the", "its", "his", "her", "their") and len(words) <= 4:
            head = words[-1]
            resolved = next((name for name in before if head in name.lower().split() and name.lower() != low), None)
        if resolved is None and low not in PRONOUNS:
            insort(self._speakers, (np[0], phrase))
        return resolved or phrase


def _comma_before(text: str, lo: int, pos: int) -> int:
    """Offset of the comma right before pos (spaces between), or -1."""
    k = pos
    while k > lo and text[k - 1].isspace():
        k -= 1
    return k - 1 if k > lo and text[k - 1] == "," else -1


def _kind(name: str) -> str:
    words = [w.lower().strip(".,").replace("’s", "").replace("'s", "") for w in name.split()]
    if person_phrase(name):  # "Police Commissioner Ana Kostrel"
        return "person"
    if any(w in ORG_WORDS or w in DOC_WORDS for w in words):
        return "org"
    if words and words[-1] in PLURAL_OK:
        return "plural"
    if any(w in PERSON_WORDS for w in words) or sum(w[:1].isupper() for w in name.split()) >= 1:
        return "person"
    return "other"


def _ref(m: Any) -> dict[str, Any]:
    return {"start": m.start, "name": m.name, "key": m.key}


_EVENT_NOUN_RE = re.compile(r"\b(?:" + "|".join(sorted(set(LABELS) | set(EVENT_NOUNS), key=len, reverse=True)) + r")s?\b",
                            re.IGNORECASE)


@dataclass
class _NP:
    start: int  # where the noun phrase starts (its determiner or first modifier)
    det: Optional[str]  # definite, indefinite, other, no, None (bare)
    det_word: str = ""
    mods: list[str] = field(default_factory=list)
    before: str = ""  # the word before the noun phrase
    before_tokens: list[tuple[int, int, str]] = field(default_factory=list)
    negated: bool = False


def _noun_phrase(text: str, s0: int, s: int, e: int) -> _NP:
    """The noun phrase a label heads, read backwards from it: its determiner, modifiers,
    the word before it, and whether it is negated ("not an accident", "no accident")."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, max(s0, s - 160), s)]
    i = len(toks) - 1
    det: Optional[str] = None
    mods: list[str] = []
    start = s
    while i >= 0:
        w = toks[i][2]
        wl = w.lower()
        if w in _QUOTE_MARKS:
            i -= 1
            continue
        kind = ("definite" if wl in _DEFINITE else "indefinite" if wl in _INDEFINITE else "no" if wl == "no"
                else "other" if wl in _OTHER
                else "definite" if re.search(r"['’]s?$", w) and len(w) > 2 and w[0].isalpha()  # "Armenia's"
                else None)
        if kind:
            det, start = kind, toks[i][0]
            i -= 1
            break
        if not w[0].isalnum() or wl in _STOP or len(mods) >= 5 or wl.endswith("ed") and wl not in _ED_MODIFIERS:
            break
        mods.append(w)
        start = toks[i][0]
        i -= 1
    before = toks[: i + 1]
    k = len(before) - 1
    while k >= 0 and before[k][2] in _QUOTE_MARKS:
        k -= 1
    prev = before[k][2] if k >= 0 else ""
    low = prev.lower()  # "not an accident", "wasn't an accident", "never a tragedy" (not "not just a tragedy")
    negated = det == "no" or low in _NEGATION or low.endswith(("n't", "n’t"))
    if det == "no":
        det = "definite"
    det_word = text[start : start + 8].split()[0].lower() if det and start < s else ""
    return _NP(start, det, det_word, mods[::-1], prev, before, negated)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pos


