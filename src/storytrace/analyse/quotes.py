"""Direct quotations and who said them.

One job: the per-document quotes analyser. `analyse_quotes(doc)` finds every direct
quotation in `doc.text` (text.quotations pairs the marks) and its speaker, with
offsets, as `Quote` records. Regexes and word lists only (speech.py reads the
attributions), no parser: the cues that tie a quotation to its speaker sit beside
its marks, so a window of text on each side is enough, and the analyser reads about
800,000 words a second on one core. spaCy is not needed.

How a quotation gets its speaker, in order (`Found.how`):

1. `after` its closing mark: `"…," said Caddell` / `"…," the ministry said in a
   statement` / `"…," Flynn, a top surrogate, told reporters` / `"…" — Jane Roe` /
   `"…," according to the statement`;
2. `before` its opening mark, a colon or comma introduction: `Kalın wrote: "…"` /
   `the committee added: "…"` / `…, saying on X: "…"` (the sentence's subject) /
   `Caddell continued:` ending the paragraph before; `according`: `According to X, …`;
3. `partial`: a quotation inside reported speech: `Cavusoglu said the massacre was a
   "crime against humanity"` / `calling it "a catastrophe"` (the nearest speech verb
   before it in its sentence, a plain one before "called" or "described");
4. `tail`: `"…" for criminal behavior, she said.` (an attribution ending the sentence);
   `previous`: a quotation opening a sentence right after one reporting speech
   (`… Schiff said. "The other factor …"`);
5. inherited: `split`, the second half of a split quote (`"We never forgot," he said.
   "And we never will."`) or a second quote in the same sentence; `paragraph`, a
   quotation opening a later sentence of the same paragraph with no other speech
   verb between; `continued`, a paragraph that is only a quotation after a paragraph
   ending with an attributed one.

Speakers as written are resolved in text order against every speaker mention of the
document (quotations' speakers, subjects of speech verbs in reported speech, people
named with an age, issuers of statements): `he`/`she` to the nearest preceding
person (not one the text genders otherwise), `it`/`they` to the nearest preceding
organisation, document or group, `the minister` to the nearest preceding speaker
whose name holds "minister" (and every other word of the phrase), `the statement` /
`the post` to whoever the text says issued a statement or post just before. A Quote's
`speaker` is the mention it resolved to, as the text writes it, and `speaker_start`
/ `speaker_end` point at that mention (which may come before the quotation);
`find_quotes` also keeps the mention as written beside the quotation ("he").

What is not a quotation: a quoted single word (`the "tragedy"`: a term, the framing
stage's business, even inside reported speech), a quoted title (`"Khojaly Genocide,
Crimes Against Humanity"`, unless introduced by a colon), and a quoted phrase of
fewer than four words that no speaker is tied to (a scare quote). Longer quotations
with no speaker found are kept with speaker null. A quotation's text leaves out its
marks and a trailing comma; one running over several paragraphs is one Quote whose
text holds the paragraph breaks and reopening marks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from ..text.origins import UNNAMED, source_key
from ..model import Annotations, Document, Quote, make_id
from ..text.sentences import quotations
from ..text.speech import AUX, CALL, CAP_STOP, DETERMINERS, DOC_WORDS, INTRO, LISTENER, NOUNISH, ORG_WORDS, PERSON_WORDS, PLURAL_OK, PRONOUNS, SAY, SAYING, SENT_END, STOP, VERB_RE, abbreviation, is_cap, np_after, np_before, possessive, sentence_start, person_phrase, tokens, word_set

# ---------------------------------------------------------------------- patterns

_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_DASH = re.compile(r"\s*[—―–]\s*|\s+-\s+")
_AFTER_OK = re.compile(
    r"\s*(?:[.,;:!?)\]—–]|$|(?:on|in|at|during|after|before|from|to|via|through|last|this|earlier|later|yesterday|"
    r"today|tonight|of|while|when|as|and|but|with|about|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"recently|afterward|afterwards|outside|inside|reporters|again|then|via)\b)",
    re.IGNORECASE,
)
_ISSUED = re.compile(
    r"\b(?:in|issued|released|shared|published|posted|put out|made)\s+(?:a|an|its|their|his|her)\s+"
    r"(?:written\s+|joint\s+|brief\s+|short\s+|separate\s+|official\s+)?"
    r"(?:statement|message|post|tweet|press release|communiqu[eé]|letter)\b",
    re.IGNORECASE,
)

_PERSON_AGE = re.compile(r"\b((?:[A-Z][\w’'\-]+ ){1,3}[A-Z][\w’'\-]+), (?:\d{1,3}|aged \d{1,3}|an? \d{1,3}-year-old\b)")
_SPEECH_NOUN = re.compile(r"\b(?:comments?|statement|remarks?|message|words|speech|interview|tweet|post|reply|response|answer)\b")

_PAST_MARK = re.compile(r"""['"”’]*[\s,]*""")
_LEAD_MARK = re.compile(r"""["“”']?\s*""")
_FIRST_WORD = re.compile(r"(?:(?:also|later|then|further|again)\s+)?(\w+)\b")
_OBJECT = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?[\w’'.\-]+")  # "told reporters"
_CLAUSE_END = re.compile(r"""[.!?;](?=\s|$)|["“”]""")
_SENTENCE_END = re.compile(r"""[.!?](?=["”’]?\s|["”’]?$)|["“”]""")
_SPOKEN = word_set("i we you me us my our your")
_SMALL = word_set("and the for from with into onto upon over not but nor")

Span = tuple[int, int]


@dataclass
class Found:
    """A quotation and its speaker, as found (`analyse_quotes` keeps the ledger fields).

    start/end: the quoted text (marks, spaces and a trailing comma left out); open /
    close: its marks (-1: none). mention: the speaker as written beside the quote (may
    be a pronoun); speaker: the mention it resolves to (the same span when nothing
    needed resolving). how: which rule found it (see the module doc; "" with no
    speaker). cue: the speech verb (or the dash, "according to", the colon).
    """

    start: int
    end: int
    open: int
    close: int
    how: str = ""
    mention: Optional[Span] = None
    speaker: Optional[Span] = None
    cue: Optional[Span] = None
    cue_end: int = -1  # where an attribution after the quote ends

    def attribute(self, how: str, mention: Span, cue: Optional[Span], cue_end: int = -1) -> bool:
        self.how, self.mention, self.cue, self.cue_end = how, (mention[0], mention[1]), cue, cue_end
        return True


# ---------------------------------------------------------------------- the analyser


def analyse_quotes(doc: Document) -> Annotations:
    """The quotes analyser (pure): every direct quotation in `doc.text` as a Quote.

    `speaker` is the resolved name as the text writes it ("Turkish Foreign Minister
    Mevlut Cavusoglu" for a "he said" after him), `speaker_start`/`speaker_end` the
    mention it was taken from."""
    text = doc.text
    out = []
    for f in find_quotes(text):
        sp = f.speaker
        out.append(Quote(
            make_id("quote", doc.id, f.start, f.end), doc.id, f.start, f.end, text[f.start : f.end],
            text[sp[0] : sp[1]] if sp else None, sp[0] if sp else None, sp[1] if sp else None,
        ))
    keys = speaker_keys([q.speaker for q in out])
    for q in out:
        q.speaker_key = keys.get(q.speaker or "")
    return Annotations(doc.id, quotes=out)


def speaker_keys(speakers: list[Optional[str]]) -> dict[str, str]:
    """One key per person or body among a document's speakers (origins.source_key:
    "Cavusoglu" and "Turkish Foreign Minister Mevlut Cavusoglu" are one); a bare body ("the
    ministry") takes the document's one fuller name of it; unnamed speakers get none."""
    keys = {s: source_key(s) for s in speakers if s}
    named = {k for k in keys.values() if k != UNNAMED}
    out = {}
    for s, k in keys.items():
        if k == UNNAMED:
            continue
        fuller = [o for o in named if o.startswith(k + " ")]
        out[s] = fuller[0] if len(fuller) == 1 else k
    return out


def find_quotes(text: str, keep: bool = True) -> list[Found]:
    """Quotations with speakers (as written and resolved), in text order. keep=False:
    also the quoted passages that are not taken as quotations (see the module doc)."""
    marks = quotations(text)
    if not marks:
        return []
    doc = _Doc(text, [(q.start, q.end) for q in marks])
    found = [Found(*_trim(text, q.start, q.end), q.open, q.close) for q in marks]
    found = [f for f in found if f.end > f.start]
    for i, f in enumerate(found):
        _attribute(doc, f, found[i - 1] if i else None)
    for i, f in enumerate(found):
        if f.mention is None and i:
            _inherit(doc, f, found[i - 1])
    _resolve(text, found, doc)
    return [f for f in found if keep_found(text, f)] if keep else found


class _Doc:
    """The text with its paragraph starts and quoted spans, for lookups."""

    def __init__(self, text: str, quoted: list[Span]):
        self.text = text
        self.paras = [0] + [m.end() for m in re.finditer("\n", text)]
        self.quoted = quoted
        self.quoted_starts = [s for s, _ in quoted]

    def para(self, pos: int) -> Span:
        k = bisect_right(self.paras, pos) - 1
        end = self.paras[k + 1] - 1 if k + 1 < len(self.paras) else len(self.text)
        return self.paras[k], end

    def in_quote(self, pos: int) -> bool:
        k = bisect_right(self.quoted_starts, pos) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def keep_found(text: str, f: Found) -> bool:
    words = text[f.start : f.end].split()
    if len(words) <= 1:
        return False  # a quoted word is a term, not a quotation
    if title_like(words) and f.how != "before":
        return False
    return f.speaker is not None or len(words) >= 4


def title_like(words: list[str]) -> bool:
    long = [w for w in words if len(w) > 2 and w[0].isalpha() and w.lower() not in _SMALL]
    if len(long) < 2 or words[-1][-1:] in "!?" or words[-1][-1:] == "." and len(words) > 6:
        return False  # "Fox and Friends." is a title, "Neither do I." is not
    if any(w[-1:] in ".!?" for w in words[:-1]) or any(w.lower() in _SPOKEN or "'" in w or "’" in w for w in words):
        return False  # "The Donald. Big Daddy.", "We're America.": someone speaking
    return sum(w[0].isupper() for w in long) >= 0.75 * len(long)


def _subject(text: str, sent: int, hi: int, doc: Optional[_Doc] = None) -> Optional[Span]:
    """The subject of the sentence starting at `sent` (for "…, saying: …"); a sentence
    opening with a quotation has its subject after it ('"…," the mayor said, adding …')."""
    pos = sent
    if doc is not None and text[pos : pos + 1] and text[pos] in "\"“'" and doc.in_quote(pos + 1):
        k = bisect_right(doc.quoted_starts, pos + 1) - 1
        pos = doc.quoted[k][1] + 1
        m = _PAST_MARK.match(text, pos, hi)
        pos = m.end() if m else pos
    m = _LEAD_MARK.match(text, pos, hi)
    pos = m.end() if m else pos
    m = INTRO.match(text, pos, hi)
    if m:
        pos = m.end()
    return np_after(text, pos, hi)


# ---------------------------------------------------------------------- cues


def _speech_subject(doc: _Doc, sent: int, v: re.Match) -> Optional[Span]:
    """Who speaks through the verb v (in the sentence starting at `sent`)."""
    text = doc.text
    word = v.group(1).lower()
    toks = tokens(text, max(sent, v.start() - 20), v.start())
    before = toks[-1][2].lower() if toks else ""
    if word in SAYING and before not in AUX:
        return _subject(text, sent, v.start(), doc)
    np = np_before(text, sent, v.start())
    if np is None and before in ("and", "but", "then"):
        return _subject(text, sent, v.start(), doc)  # "… outlined a plan and vowed to …"
    if np is None and before == "who" and len(toks) > 1 and toks[-2][2] == ",":
        np = np_before(text, sent, toks[-2][0])  # "…, Stevie Wonder, who joked: …"
    if np is None:
        return None
    if word in NOUNISH or word in CALL and word.endswith("s"):
        phrase = text[np[0] : np[1]]
        lead = text[max(sent, np[0] - 4) : np[0]].lower().split()
        named = phrase.lower() in PRONOUNS or is_cap(phrase.split()[-1]) or phrase.split()[-1].lower() in DOC_WORDS
        if not named or (lead and lead[-1] in ("of", "the", "and", "a")) or possessive(phrase.split()[-1]):
            return None  # "a flurry of tweets", "Democratic claims"
    return np[0], np[1]


def _attribute(doc: _Doc, f: Found, prev: Optional[Found]) -> None:
    if f.close >= 0 and _after(doc, f):
        return
    if f.open >= 0 and _before(doc, f, prev):
        return
    if f.close >= 0 and _tail(doc, f):
        return
    if f.open >= 0:
        _previous_sentence(doc, f, prev)


def _previous_sentence(doc: _Doc, f: Found, prev: Optional[Found]) -> bool:
    """A quote opening a sentence right after one that reports speech in the same
    paragraph: `… Schiff said. "The other factor …"`."""
    text = doc.text
    pstart, _ = doc.para(f.open)
    if sentence_start(text, pstart, f.open) != f.open or f.open == pstart:
        return False
    if prev is not None and pstart <= prev.close < f.open:
        return False  # after another quote: inheritance decides
    sent = sentence_start(text, pstart, f.open - 2)
    verbs = [v for v in VERB_RE.finditer(text, sent, f.open) if not doc.in_quote(v.start())]
    for v in verbs[::-1]:
        np = _speech_subject(doc, sent, v)
        if np is not None:
            return f.attribute("previous", np, v.span(1))
    return False


def _after(doc: _Doc, f: Found) -> bool:
    """`"…," said X` / `"…," X said` / `"…" — X` / `"…," according to X`."""
    text = doc.text
    lo = f.close + 1
    if text[f.close] == "'" and text[lo : lo + 1] == "'":
        lo += 1  # a '' mark
    hi = min(doc.para(f.close)[1], lo + 320)
    inner = text[f.start : f.end]
    mark_punct = text[f.end : f.close].strip() or inner[-1:]
    loose = mark_punct[-1:] in ",?!—–-"  # '"…," he said': the quote's own sentence goes on
    pos = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip(" ,"))
    if pos >= hi:
        return False
    d = _DASH.match(text, lo, hi)
    if d and text[d.end() : d.end() + 1].isupper():
        np = np_after(text, d.end(), hi)
        if np and text[np[1] : hi].strip()[:1] in (",", ".", "(", ";", ""):
            return f.attribute("after", np, (d.start(), d.end()), np[1])
    a = _ACCORDING.match(text, pos, hi)
    if a:
        np = np_after(text, a.end(), hi)
        if np:
            return f.attribute("after", np, (a.start(), a.end()), np[1])
    v = _FIRST_WORD.match(text, pos, hi)
    if v and v.group(1).lower() in SAY and v.group(1).lower() not in LISTENER:  # inverted: said X
        np = np_after(text, v.end(1), hi)
        if np and re.fullmatch(r"[\s,]*(?:(?:on\s+)?\w+day\s*(?:morning|afternoon|evening|night)?\s*)?", text[v.end(1) : np[0]]):
            if loose or text[np[1] : np[1] + 1] in (".", ","):
                return f.attribute("after", np, v.span(1), _clause_end(text, np[1], hi))
    for v in VERB_RE.finditer(text, pos, min(hi, pos + 240)):  # X said
        word = v.group(1).lower()
        if word not in SAY and word not in NOUNISH:
            if word in SAYING or word in CALL:
                return False
            continue
        np = _speech_subject(doc, pos, v)
        if not np:
            if word in NOUNISH:
                continue  # "one of the states suing …": not a verb here
            return False
        lead = text[pos : np[0]]
        if lead.strip(" ,"):
            if not re.fullmatch(r"(?:[a-z]+\s+){1,2}", lead) or not text[np[0]].isupper() \
                    or any(w in STOP or w in CAP_STOP for w in lead.split()):
                return False
            np = (pos, np[1])  # "panel Chairman Rep. Jason Chaffetz"
        end = v.end()
        if word in LISTENER:
            m = _OBJECT.match(text, end, hi)
            end = m.end() if m else end
        if not loose and not _AFTER_OK.match(text, end, hi):
            return False  # '"… over." Trump said the deal …': a new sentence
        return f.attribute("after", np, v.span(1), _clause_end(text, v.end(), hi))
    return False


def _clause_end(text: str, pos: int, hi: int) -> int:
    """End of the attribution clause after a quote: the next sentence end or quote mark."""
    m = _CLAUSE_END.search(text, pos, hi)
    return m.start() if m else hi


def _tail(doc: _Doc, f: Found) -> bool:
    """`"…" for criminal behavior, she said.`: an attribution closing the quote's sentence."""
    text = doc.text
    lo = f.close + 1
    hi = doc.para(f.close)[1]
    end = -1
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if text[m.start()] == "." and abbreviation(text, m.start()):
            continue
        end = m.start()
        break
    if end < 0 or text[end] in "\"“”":
        return False
    comma = text.rfind(",", lo, end)
    if comma < 0:
        return False
    for v in VERB_RE.finditer(text, comma, end):
        if v.group(1).lower() not in SAY:
            continue
        np = np_before(doc.text, comma + 1, v.start())
        if np and not text[comma + 1 : np[0]].strip() and len(text[v.end() : end].split()) <= 6 \
                and "that" not in text[v.end() : end].split():
            return f.attribute("tail", np, v.span(1), end)
        return False
    return False


def _before(doc: _Doc, f: Found, prev: Optional[Found]) -> bool:
    """`X said: "…"` / `X said, "…"` / `…, saying: "…"` / `X said the plan was "a disgrace"`."""
    text = doc.text
    pstart, _ = doc.para(f.open)
    lo = pstart
    if prev is not None and pstart <= prev.close < f.open:
        lo = prev.close + 1
    sent = sentence_start(text, lo, f.open)
    ctx = text[sent : f.open].rstrip()
    if not text[pstart : f.open].strip():
        # the paragraph opens with the quote: "Caddell continued:" may end the one before
        if pstart < 2:
            return False
        ppstart, ppend = doc.para(pstart - 2)
        body = text[ppstart:ppend].rstrip()
        if body.endswith(":"):
            colon = ppstart + len(body) - 1
            return _intro(doc, f, sentence_start(text, ppstart, colon), colon, True)
        return False
    if ctx and ctx[-1] in ":,—–" and _intro(doc, f, sent, sent + len(ctx) - 1, ctx[-1] != ","):
        return True
    a = _ACCORDING.match(text, sent, f.open)
    if a:
        np = np_after(text, a.end(), f.open)
        if np:
            return f.attribute("according", np, (a.start(), a.end()))
    return _partial(doc, f, sentence_start(text, pstart, f.open))


def _intro(doc: _Doc, f: Found, sent: int, end: int, colon: bool) -> bool:
    """A clause ending with a colon or comma just before the quote: its speech verb and speaker."""
    text = doc.text
    verbs = [v for v in VERB_RE.finditer(text, sent, end) if v.group(1) not in CALL and not doc.in_quote(v.start())]
    if not verbs:
        if colon:  # "Sanders made the following comment:", "Inspector Roald Venn was blunt:"
            noun = _SPEECH_NOUN.search(text, sent, end)
            np = _subject(text, sent, end, doc)
            words = text[np[0] : np[1]].split() if np else []
            if np and (sum(w[:1].isupper() for w in words) >= 2 or noun and words[-1][:1].isupper()
                       or len(words) == 1 and words[0].lower() in PRONOUNS) and end - sent < 250:
                return f.attribute("before", np, (end, end + 1))
        return False
    v = verbs[-1]
    if not colon and end - v.end() > 40:
        return False  # "X said, …" ends right after the verb's own words
    np = _speech_subject(doc, sent, v)
    if np is None and v.group(1).lower() in SAY and v.group(1).lower() not in LISTENER:
        np = np_after(text, v.end(), end)  # 'said Trump: "…"'
    return np is not None and f.attribute("before", np, v.span(1))


def _partial(doc: _Doc, f: Found, sent: int) -> bool:
    """A quotation inside reported speech: the nearest speech verb before it in its
    sentence (a plain one first: "said", then "called", "described")."""
    verbs = [v for v in VERB_RE.finditer(doc.text, sent, f.open) if not doc.in_quote(v.start())]
    plain = [v for v in verbs if v.group(1) not in CALL]
    for v in plain[::-1] + [v for v in verbs if v.group(1) in CALL][::-1]:
        np = _speech_subject(doc, sent, v)
        if np is not None:
            return f.attribute("partial", np, v.span(1))
    return False


# ---------------------------------------------------------------------- inheritance


def _inherit(doc: _Doc, f: Found, prev: Found) -> None:
    """The second half of a split quote, a quote in the same sentence as an attributed
    one, or a paragraph that is only a quotation after one ending with an attributed quote."""
    text = doc.text
    if prev.mention is None or f.open < 0 or prev.close < 0 or prev.close >= f.open:
        return
    gap_from = prev.cue_end if prev.cue_end > prev.close else prev.close + 1
    gap = text[gap_from : f.open]
    if "\n" not in gap:
        between = text[prev.close + 1 : f.open]
        if not re.search(r"\w", gap):
            f.attribute("split", prev.mention, prev.cue)
        elif not VERB_RE.search(gap) and len(text[prev.start : prev.end].split()) > 1:
            if len(between) < 100 and not SENT_END.search(between):
                f.attribute("split", prev.mention, prev.cue)  # '“a big problem” but “nobody talks about it”'
            elif sentence_start(text, prev.close + 1, f.open) == f.open:
                f.attribute("paragraph", prev.mention, prev.cue)  # the paragraph's speaker goes on
        return
    pstart, pend = doc.para(f.open)
    if text[pstart : f.open].strip() or gap.strip(" \n\"“”'’.,"):
        return
    if f.close >= 0 and re.search(r"\w", text[f.close + 1 : pend]):
        return  # the paragraph goes on after the quote
    if gap.count("\n") <= 2:
        f.attribute("continued", prev.mention, prev.cue)


# ---------------------------------------------------------------------- resolution


@dataclass
class _Mention:
    start: int
    end: int
    kind: str  # person, org, doc, plural, pronoun, unknown
    issuer: bool = False  # its sentence says it issued a statement / post
    ref: Optional["_Mention"] = None  # the named mention it stands for (itself when named)
    gender: str = ""


def _kind(phrase: str) -> str:
    """person, org, doc, plural, pronoun or unknown (a single capitalised word: "Kalın", "Turkey")."""
    words = phrase.replace("’", "'").split()
    low = [w.lower().strip(".,") for w in words]
    if len(low) == 1 and low[0] in PRONOUNS:
        return "pronoun"
    if low[-1] in DOC_WORDS:
        return "doc"
    if person_phrase(phrase):  # "Police Commissioner Ana Kostrel"
        return "person"
    if any(w in ORG_WORDS for w in low):
        return "org"
    if any(w.removesuffix("'s") in PERSON_WORDS for w in low):
        return "person"
    if low[-1] in PLURAL_OK or low[-1].endswith("s") and not words[-1][:1].isupper():
        return "plural"
    caps = [w for w in words if w[:1].isupper()]
    if len(caps) >= 2:
        return "org" if low[0] == "the" else "person"  # "the National Review", "Jane Roe"
    return "unknown"


def _resolve(text: str, found: list[Found], doc: _Doc) -> None:
    """Speakers as written -> the named mention they stand for (see the module doc)."""
    mentions: dict[Span, _Mention] = {}
    for f in found:
        if f.mention:
            mentions.setdefault(f.mention, _Mention(*f.mention, _kind(text[f.mention[0] : f.mention[1]])))
    for v in VERB_RE.finditer(text):  # subjects of speech verbs in reported speech
        if v.group(1).lower() not in SAY or doc.in_quote(v.start()):
            continue
        sent = sentence_start(text, doc.para(v.start())[0], v.start())
        np = np_before(text, sent, v.start())
        if np and np not in mentions:
            mentions[np] = _Mention(*np, _kind(text[np[0] : np[1]]))
    for hit in _PERSON_AGE.finditer(text):  # "Sefa Orrin, 16, …": a person, for a later "she said"
        np = (hit.start(1), hit.end(1))
        if not doc.in_quote(np[0]):
            mentions.setdefault(np, _Mention(*np, "person"))
    for hit in _ISSUED.finditer(text):  # "X issued a statement", "X said in a statement"
        sent = sentence_start(text, doc.para(hit.start())[0], hit.start())
        verb = VERB_RE.search(text, max(sent, hit.start() - 12), hit.start() + 1)
        if verb and verb.group(1).lower() in SAY:
            np = np_before(text, sent, verb.start())
        else:
            np = _subject(text, sent, hit.start())
        if np:
            mention = mentions.setdefault(np, _Mention(*np, _kind(text[np[0] : np[1]])))
            mention.issuer = True
    ordered = sorted(mentions.values(), key=lambda m: m.start)
    for k, m in enumerate(ordered):
        m.ref = _antecedent(text, m, ordered[:k]) or m
        phrase = text[m.start : m.end].lower()
        if phrase in ("he", "she") and m.ref is not m and not m.ref.gender:
            m.ref.gender = phrase
    for f in found:
        if f.mention:
            ref = mentions[f.mention].ref or mentions[f.mention]
            f.speaker = (ref.start, ref.end)


def _antecedent(text: str, m: _Mention, before: list[_Mention]) -> Optional[_Mention]:
    low = text[m.start : m.end].lower().replace("’", "'")
    words = low.split()
    near = [b.ref for b in reversed(before) if b.ref is not None and m.start - b.start < 4000]
    if m.kind == "pronoun":
        if low in ("he", "she"):
            for r in near:
                if (r.kind == "person" or r.kind == "unknown" and not _common_word(text, r)) \
                        and r.gender in ("", low) and _gender(text, r) in ("", low):
                    return r
        elif low in ("it", "they"):
            for r in near:
                if r.kind in ("org", "doc", "plural"):
                    return r
        return None
    if words[0] in ("the", "its", "his", "her", "their") and len(words) <= 5:
        if m.kind == "doc":  # "the statement said": whoever issued one just before
            for b in reversed(before):
                if b.issuer and m.start - b.start < 3000:
                    return b.ref
            return None
        head = words[-1]
        for r in near:  # "the Turkish Minister" -> "Turkish Foreign Minister Mevlut Cavusoglu"
            named = set(text[r.start : r.end].lower().replace("’", "'").split())
            if r.kind in ("person", "org") and head in named and text[r.start : r.end].lower() != low \
                    and all(w in named or w in DETERMINERS for w in words[:-1]):
                return r
        return None
    if m.kind == "unknown" and len(words) == 1:
        for r in near:  # "Cavusoglu" after "Foreign Minister Mevlut Cavusoglu": a person
            if r.kind == "person" and text[r.start : r.end].split()[-1].lower() == low:
                m.kind = "person"
                break
    return None


def _common_word(text: str, m: _Mention) -> bool:
    """A single capitalised word opening a sentence that the text also writes in lower case
    ("Nudity", "Associates"): not a name."""
    word = text[m.start : m.end]
    if " " in word or not re.search(r"(?:^|[.!?\"”]\s*|\n\s*)$", text[max(0, m.start - 3) : m.start]):
        return False
    return re.search(r"\b" + re.escape(word.lower()) + r"\b", text) is not None


_HE = word_set("mr sir king prince spokesman congressman businessman man father husband son brother nephew widower boy")
_SHE = word_set(
    "mrs ms miss queen princess dame spokeswoman chairwoman congresswoman businesswoman woman mother wife "
    "daughter sister niece widow girl"
)


def _gender(text: str, m: _Mention) -> str:
    """'he' or 'she' where the mention's own words say so ("Mrs.", "spokeswoman"), else ''."""
    words = {w.lower().rstrip(".,") for w in text[m.start : m.end].split()}
    if words & _HE:
        return "he"
    if words & _SHE:
        return "she"
    return ""
