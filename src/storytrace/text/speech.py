"""Speech verbs and the name phrases around them: who a sentence says is speaking.

One job: the word lists and the small regex-and-token grammar the quotes analyser
(quotes.py) uses to read an attribution: speech verbs ("said", "the post reads",
"saying", "called it"), the speaker phrase before or after one ("Turkish Foreign
Minister Mevlut Cavusoglu said", "said fire chief Amara Quell", "Flynn, a top
surrogate, said", "the foreign affairs committee added"), a sentence's subject and
where a sentence starts. No model: tokens are regex matches with their offsets.
"""

from __future__ import annotations

import re
from typing import Optional


def word_set(s: str) -> set[str]:
    """The words of a space-separated list."""
    return set(s.split())


#: Speech verbs: a subject before them (or after, inverted) is a speaker.
SAY = word_set(
    "said says say added adds told tells wrote writes explained explains continued continues asked asks replied "
    "replies responded responds insisted insists argued argues noted warned warns declared declares announced "
    "announces claimed tweeted posted recalled recalls remarked observed acknowledged acknowledges admitted "
    "admits conceded concedes countered quipped joked complained complains urged predicted shouted yelled "
    "testified stressed stresses emphasized emphasised emphasizes emphasises maintained maintains concluded "
    "concludes boasted promised vowed pledged lamented mused exclaimed agreed agrees charged alleged alleges "
    "reported confirmed confirms cautioned retorted recounted proclaimed assured pleaded begged wondered scolded "
    "fumed snapped chanted opined opines texted emailed thundered stated asserted asserts yells complains "
    "explains predicts warns insists"
)
#: Speech verbs that are also nouns ("the post reads", but "a flurry of tweets"): only
#: after a pronoun, a name or a document ("the statement reads").
NOUNISH = word_set(
    "reads read states notes claims reports tweets posts demands promises vows pledges laments counters charges "
    "remarks jokes cries replies shouts screams boasts quips whispers recalls observes"
)
#: Verbs that introduce someone's words only inside a sentence ("called it 'a disgrace'"):
#: used for a partial quotation when no plain speech verb comes before it.
CALL = word_set(
    "called calls call labeled labelled dubbed termed described describes branded suggested suggests offered "
    "demanded characterized characterised characterizes"
)
#: Participles: their subject is the subject of the sentence ("…, saying: …").
SAYING = word_set(
    "saying adding writing telling noting explaining arguing insisting asking declaring tweeting warning "
    "recalling stressing continuing claiming promising vowing emphasizing emphasising stating posting replying "
    "responding calling describing urging charging asserting joking"
)
#: Verbs whose object is the listener, not the speaker: never inverted ("told X" is not X speaking).
LISTENER = word_set("told tells asked asks urged assured begged scolded")

PRONOUNS = word_set("he she they it we i")  # not "you": generic in reported speech
DETERMINERS = word_set(
    "the a an another one other some many several his her their its our my this that these those each every both "
    "two three four five six few most"
)
NP_DET = word_set("the a an another one his her their its our my")
#: Words that cannot be part of a speaker's name phrase.
STOP = word_set(
    "that which who whom whose when where while as because if is was are were be been being has have had will "
    "would can could do does did not to in on at by with from after before about into over under than then also "
    "later earlier again once just still even only further previously recently it he she they we i you there here "
    "what why how all but or nor so yet"
) | SAY | SAYING
#: Capitalised words that open a sentence or clause but are not names.
CAP_STOP = word_set(
    "but and or so yet then now still also however meanwhile in on at for when while after before as if although "
    "though because since asked speaking later earlier today yesterday tonight this that these those there here "
    "it he she they we i you his her their its our my what why how where who monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september october november december "
    "last next according addressing calling writing instead indeed moreover thus once though although you your "
    "with from by to of about among under over into through against without within despite like unlike amid "
    "across along"
)
CONNECT = word_set("of for de del da van von bin al la le du")
#: Lowercase words that may sit inside a name phrase ("fire chief Amara Quell").
ROLE = word_set(
    "chief spokesman spokeswoman spokesperson chairman chairwoman chair director manager secretary minister "
    "president vice deputy campaign press senior top former fire police party state foreign presidential nominee "
    "candidate leader official adviser advisor aide professor lawyer attorney analyst pollster strategist host "
    "anchor reporter correspondent writer editor columnist commentator economist expert head general governor "
    "mayor senator congressman congresswoman representative lawmaker ambassador envoy commissioner officer judge "
    "justice prosecutor executive founder owner member activist organizer organiser pastor priest bishop rev "
    "reverend speaker coordinator surrogate sheriff captain commander running mate republican democratic democrat "
    "rival businessman businesswoman billionaire ceo cfo coo"
)
#: Words that make a speaker a person (besides two-word names).
PERSON_WORDS = word_set(
    "mr mrs ms miss dr prof sen rep gov gen lt col sgt capt rev president minister secretary spokesman "
    "spokeswoman spokesperson chairman chairwoman director chief mayor ambassador senator congressman "
    "congresswoman representative governor leader official adviser advisor aide professor lawyer attorney analyst "
    "pollster strategist host anchor reporter correspondent writer editor economist expert nominee candidate "
    "judge justice prosecutor executive founder owner activist priest bishop pastor sheriff captain commander "
    "source businessman businesswoman billionaire man woman father mother son daughter wife husband resident "
    "witness survivor teacher student doctor nurse king queen prince premier chancellor pope mate"
)
#: Words that make a speaker an organisation.
ORG_WORDS = word_set(
    "ministry committee department office council assembly government agency campaign party commission embassy "
    "company corporation group house court army police administration coalition fund board team panel movement "
    "senate congress parliament union association organization organisation foundation institute university "
    "service bank network times post news journal press website channel station club federation alliance "
    "authority authorities bureau center centre trust firm inc corp ltd reuters ap afp command forces military "
    "navy republic kingdom"
)
#: What a speaker issues: "the statement said", "the post reads".
DOC_WORDS = word_set("statement post message tweet release communique communiqué letter report note")


def person_phrase(phrase: str) -> bool:
    """A person, though an organisation's word is in the phrase: a name after a title that
    the organisation's name modifies ("Police Commissioner Ana Kostrel", "Army spokesman Col.
    Ivo Marek": the phrase, up to its first comma, ends in a title and a name of one or two
    capitalised words that name no body), or a name with its role after a comma ("Ana Kostrel,
    head of the police"). Not "Union Carbide India Limited" nor "the Police Ombudsman Northern
    Ireland" (no title before the last words), nor "the Velsk Fire Service" (its head is the body)."""
    first, _comma, rest = phrase.replace("’", "'").partition(",")
    words = [w.strip(".") for w in first.split()]

    def named(ws: list[str]) -> bool:
        return all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() and w.lower() not in ORG_WORDS
                   and w.lower() not in DOC_WORDS for w in ws)

    if _comma and len(words) >= 2 and named(words) and any(w.lower().strip(".,") in ROLE for w in rest.split()[:3]):
        return True
    if len(words) >= 3 and words[-2].lower() in _TITLE_WORDS and named(words[-1:]) and \
            any(w.lower() in ORG_WORDS for w in words[:-2]):
        return True  # "Police Commissioner Kostrel"
    if len(words) < 4 or not any(w.lower() in ORG_WORDS for w in words[:-3]):
        return False
    return named(words[-2:]) and words[-3].lower() in _TITLE_WORDS


_TITLE_WORDS = PERSON_WORDS | ROLE
PLURAL_OK = word_set("police staff people authorities officials sources residents witnesses protesters critics")
AUX = word_set("is was are were been be 's ’s has have had")
_ADV_BEFORE = word_set(
    "also later then further again once previously recently earlier has had have would will did does just never "
    "often repeatedly first finally ultimately initially simply reportedly is was are were been 's ’s"
)
TIME = word_set(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight morning afternoon evening "
    "night earlier later week month year"
)
_ABBR = word_set("mr mrs ms dr prof gen lt col sgt capt cmdr adm gov sen rep rev st jr sr u.s u.k u.n inc ltd co corp del")
_PARTY = re.compile(r"^[RDI]-[A-Z][\w.]*$")  # "R-Ky.", after a name

_TOKEN = re.compile(r"[^\W_](?:[\w’'\-&]|\.(?=[^\W\d_]))*\.?|[^\w\s]")
_CONTRACTION = re.compile(r"^(he|she|it|they|we|i|you)([’'](?:s|re|ve|d|ll|m))$", re.IGNORECASE)
_VERBS = sorted(SAY | NOUNISH | SAYING | CALL, key=len, reverse=True)
VERB_RE = re.compile(r"(?<![\w\-’'])(" + "|".join(_VERBS + [v.capitalize() for v in SAY]) + r")(?![\w\-])")
SENT_END = re.compile(r"""[.!?]["”’')]*\s+(?=["“‘'(]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
INTRO = re.compile(
    r"(?:[A-Z]\w*ing\b|On\b|In\b|At\b|During\b|After\b|Before\b|Earlier\b|Later\b|Meanwhile\b|However\b|Also\b|"
    r"But\b|And\b|Then\b|Now\b|Still\b|Last\b|This\b|Yesterday\b|Today\b|With\b|As\b|For\b|When\b|While\b|"
    r"Since\b|Although\b|Though\b|Despite\b|Amid\b|Under\b|Asked\b)[^,.;:\"“”]{0,160},\s*"
)

Span = tuple[int, int]

Token = tuple[int, int, str]


PHRASE_REACH = 600  # characters a speaker phrase is looked for around its verb (a run-on "sentence" stays linear)


def _word_start(text: str, lo: int, hi: int) -> int:
    """`lo`, moved to the next word start when it falls inside a word."""
    if lo <= 0 or not (text[lo - 1].isalnum() and text[lo].isalnum()):
        return lo
    sp = text.find(" ", lo, hi)
    return sp + 1 if sp >= 0 else lo


def tokens(text: str, lo: int, hi: int) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text, lo, hi):
        s, e = m.span()
        w = m.group()
        if w.endswith(".") and len(w) > 1:
            core = w[:-1].lower()
            if not (core in _ABBR or len(core) == 1 or "." in core):
                out.append((s, e - 1, w[:-1]))
                out.append((e - 1, e, "."))
                continue
        c = _CONTRACTION.match(w)
        if c:
            out.append((s, s + len(c.group(1)), c.group(1)))
            out.append((s + len(c.group(1)), e, c.group(2)))
            continue
        out.append((s, e, w))
    return out


def is_cap(w: str) -> bool:
    if not w[:1].isupper() or w.lower() in CAP_STOP:
        return False
    return not (w.isupper() and len(w) > 7)  # a long word in capitals is a heading, not a name


def is_word(w: str) -> bool:
    return w[:1].isalpha()


def possessive(w: str) -> bool:
    return len(w) > 2 and w.endswith(("'s", "’s", "s'", "s’"))


def _appositive(toks: list[Token], j: int, i: int) -> bool:
    """Do tokens j..i (between two commas) read as an appositive ("a top surrogate", "R-Ky.")?"""
    first = toks[j][2]
    return (first.lower() in DETERMINERS or first.lower() in ("who", "which", "whose") or first[:1].islower()
            or first[:1].isdigit() or bool(_PARTY.match(first)) or first.lower() in ROLE or possessive(first))


def np_before(text: str, lo: int, hi: int) -> Optional[Span]:
    """The speaker phrase ending just before `hi` (a speech verb), not before `lo`, or
    None. Skips adverbs, "on Tuesday", a parenthesis and appositives ("Flynn, a top
    surrogate, said")."""
    toks = tokens(text, _word_start(text, max(lo, hi - PHRASE_REACH), hi), hi)
    i = len(toks) - 1
    while i >= 0 and (toks[i][2].lower() in _ADV_BEFORE or toks[i][2].endswith("ly") and toks[i][2].islower()):
        i -= 1
    if i >= 1 and toks[i][2].lower() in TIME and toks[i - 1][2].lower() in ("on", "last", "this", "late", "early"):
        i -= 2
    for _ in range(5):
        if i < 0:
            return None
        if toks[i][2] == ")":
            j = i
            while j >= 0 and toks[j][2] != "(" and i - j < 12:
                j -= 1
            if j < 0:
                return None
            i = j - 1
        elif toks[i][2] in (",", "-", "—", "–"):
            mark = toks[i][2]
            while mark == "-" and i > 0 and toks[i - 1][2] == "-":  # "--"
                i -= 1
            j = i - 1
            while j >= 0 and toks[j][2] not in ('"', "“", "”", ":", ";", mark) and (mark != "," or toks[j][2] != ",") \
                    and i - j < 40:
                j -= 1
            if j >= 0 and toks[j][2] == mark and i - j > 1 and (mark != "," or _appositive(toks, j + 1, i - 1)):
                i = j
                while mark == "-" and i > 0 and toks[i - 1][2] == "-":  # "--"
                    i -= 1
                continue
            if mark != ",":
                return None
            i -= 1
        else:
            break
    if i < 0:
        return None
    head, low, end = toks[i][2], toks[i][2].lower(), toks[i][1]
    if low in PRONOUNS:
        return toks[i][0], end
    if is_cap(head):
        j = _name_start(toks, i)
        return toks[j][0], end
    if not is_word(head) or low in STOP or low in CAP_STOP:
        return None
    # a common-noun phrase, back to its determiner ("the foreign affairs committee", "a source")
    k = i - 1
    while k >= 0 and i - k <= 10:
        w, wl = toks[k][2], toks[k][2].lower()
        if wl in DETERMINERS or possessive(w):
            start = k
            if k >= 2 and toks[k - 1][2].lower() in ("for", "of", "at", "in", "from", "near", "outside"):  # "a spokesman for the campaign", "a police officer at the cordon"
                x = k - 2
                while x >= 0 and k - x <= 5 and is_word(toks[x][2]) and toks[x][2].lower() not in STOP:
                    if toks[x][2].lower() in NP_DET:
                        start = x
                        break
                    x -= 1
            return toks[start][0], end
        if not is_word(w) or (wl in STOP and wl != "and"):
            break
        k -= 1
    if low in PLURAL_OK or (low.endswith("s") and not low.endswith("ss")):
        j = i
        while j - 1 > k and is_word(toks[j - 1][2]) and toks[j - 1][2].lower() not in STOP:
            j -= 1
        return toks[j][0], end
    return None


def _name_start(toks: list[Token], i: int) -> int:
    """First token of the name phrase ending at token i: capitalised words, "of (the)",
    role words ("Clinton campaign chairman John Podesta"), a possessive or article."""
    j = i
    k = i - 1
    lowers = 0
    while k >= 0:
        w, wl = toks[k][2], toks[k][2].lower()
        prev = toks[k - 1][2] if k > 0 else ""
        if possessive(w) and w[:1].isupper():
            j = k
            break
        if is_cap(w):
            j = k
        elif wl in CONNECT and (is_cap(prev) or prev.lower() in ROLE):
            pass
        elif wl == "the" and prev.lower() in CONNECT and k > 1 and (is_cap(toks[k - 2][2]) or toks[k - 2][2].lower() in ROLE):
            pass
        elif wl in ROLE and lowers < 4:
            lowers += 1
            j = k
        else:
            break
        k -= 1
    if j > 0 and toks[j - 1][2].lower() in ("the", "a", "an"):
        j -= 1
    while j < i and toks[j][2].lower() in CONNECT:
        j += 1
    return j


def np_after(text: str, lo: int, hi: int) -> Optional[Span]:
    """The speaker phrase starting at `lo` (after an inverted verb, or a sentence's subject)."""
    toks = tokens(text, lo, min(hi, lo + PHRASE_REACH))
    i = 0
    while i < len(toks) and (toks[i][2].lower() in TIME or toks[i][2].lower() in ("on", "last")
                             and i + 1 < len(toks) and toks[i + 1][2].lower() in TIME):
        i += 1
    if i >= len(toks):
        return None
    w = toks[i][2]
    if w.lower() in PRONOUNS:
        return toks[i][0], toks[i][1]
    start = i
    if w.lower() in NP_DET or (possessive(w) and w[:1].isupper()):
        i += 1
    last = None
    caps = 0
    while i < len(toks) and i - start < 14:
        w, wl = toks[i][2], toks[i][2].lower()
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        if is_cap(w):
            last = i
            caps += 1
        elif wl in CONNECT and (nxt[:1].isupper() or nxt.lower() in ("the", "a")):
            pass
        elif wl == "the" and i > start and toks[i - 1][2].lower() in CONNECT:
            pass
        elif is_word(w) and wl not in STOP and w[:1].islower() and (
                wl in ROLE or caps == 0 and i - start < 5 and not wl.endswith(("ed", "ing"))):
            last = i
        else:
            break
        i += 1
    if last is None:
        return None
    if sum(t[2].isupper() and len(t[2]) > 2 for t in toks[start : last + 1]) >= 2:
        return None  # "CONGRESS HAS INVESTIGATED HIM": a heading
    first, final = toks[start][2].lower(), toks[last][2].lower()
    if caps == 0 and first not in NP_DET and final not in ROLE | PLURAL_OK:
        return None
    if final in TIME or final in CAP_STOP:
        return None
    return toks[start][0], toks[last][1]


SENTENCE_REACH = 1000  # a "sentence" longer than this is a run-on: read only its last 1,000 characters


def sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence holding `pos`, not before `lo` nor SENTENCE_REACH characters
    before `pos` (so that every caller's work stays linear on run-on text)."""
    if pos - lo > SENTENCE_REACH:
        lo = _word_start(text, pos - SENTENCE_REACH, pos)
    start = lo
    for m in SENT_END.finditer(text, lo, min(len(text), pos + 3)):  # the look-ahead sees the next word
        if m.end() > pos:
            break
        if text[m.start()] == "." and abbreviation(text, m.start()):
            continue
        start = m.end()
    return start


def abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at `dot` that of an abbreviation or an initial ("Sen.", "John F.")?"""
    w = _WORD_BEFORE.search(text, max(0, dot - 8), dot)
    if not w:
        return False
    word = w.group(1)
    return word.lower() in _ABBR or (len(word.rsplit(".", 1)[-1]) == 1 and word[-1:].isupper())


