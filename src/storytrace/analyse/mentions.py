"""Named event mentions in one text (pure): "the Khojaly massacre", "the 1992 Khojaly
massacre", "the Armenian attack Wednesday on Barda", "the earthquake in Aceh".

One job: find the named events a text mentions and who it says did them. A mention is
an event noun (massacre, attack, earthquake, ...; not a verb homograph: "opened fire",
"gunmen stormed") with a name before it or a place after it (capitalised words that the
text never writes in lower case, so a headline's "Ferry Fire" is not a name;
nationalities are not names), the year its sentence gives it, and its sentence.
Each mention keeps the kind of line it is in (segments.py): one in a caption, credit,
teaser or embedded post is not reporting (`is_reported`) and creates no event. The
analyser (`analyse_mentions`) stores them as `mentions` rows; the events stage
(stages/events.py) resolves them to events across documents; framing.py reads them for
the labels' events.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, cast

from ..model import Annotations, Document, EventMention, make_id
from .leads import YEAR, lead_row
from ..text.segments import CACHED_TEXTS, FURNITURE, SegmentIndex, segments
from ..text.sentences import sentences
from ..text.timex import find_dates

YEAR_REACH = 250  # characters around a mention where its year is looked for
NAME_WINDOW = 100  # characters around an event noun where its name is looked for

#: Event nouns and the event type each gives (the type is the neutral noun). The types
#: follow the incident kinds of the common casualty registers: violence (massacre, attack,
#: bombing, shooting, kidnapping, riot), natural hazards (earthquake, tsunami, flood,
#: landslide, avalanche, storm, eruption) and accidents (explosion, fire, crash, sinking,
#: stampede); a crush is a stampede, a tornado a storm.
EVENT_NOUNS = {
    "massacre": "massacre", "massacres": "massacre", "genocide": "massacre", "killings": "massacre",
    "tragedy": None, "disaster": None, "catastrophe": None, "incident": None,
    "attack": "attack", "attacks": "attack", "assault": "attack", "raid": "raid", "ambush": "attack",
    "bombing": "bombing", "bombings": "bombing", "blast": "explosion", "explosion": "explosion",
    "shooting": "shooting", "shootings": "shooting", "rampage": "shooting",
    "earthquake": "earthquake", "quake": "earthquake", "tsunami": "tsunami",
    "flood": "flood", "floods": "flood", "flooding": "flood", "landslide": "landslide",
    "fire": "fire", "blaze": "fire", "wildfire": "fire",
    "crash": "crash", "collision": "crash", "derailment": "crash", "sinking": "sinking",
    "hurricane": "storm", "typhoon": "storm", "cyclone": "storm", "storm": "storm",
    "eruption": "eruption", "stampede": "stampede", "shelling": "attack", "airstrike": "attack",
    "siege": "attack", "hijacking": "attack", "riot": "riot", "riots": "riot",
    "kidnapping": "kidnapping", "kidnappings": "kidnapping", "abduction": "kidnapping", "abductions": "kidnapping",
    "avalanche": "avalanche", "tornado": "storm", "crush": "stampede", "capsizing": "sinking",
}
_NOUNS = "|".join(sorted(EVENT_NOUNS, key=len, reverse=True))
_CAP = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
_KIND = (r"(?:ferry|boat|bus|train|plane|air|rail|mine|school|mall|market|church|mosque|synagogue|nightclub|"
         r"hotel|concert|stadium|bridge|factory|building|terror|terrorist|bomb|gun|knife|car|truck|suicide|"
         r"chemical|missile|drone|rocket|gas|warehouse|port|dam)\s+")
_WHEN = r"(?:\s+(?:(?:last|early|late|on)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|night|morning|evening))?"
_BEFORE = re.compile(rf"\b((?:{_CAP}\s+){{0,2}}{_CAP})\s+(?:\d{{4}}\s+)?(?:{_KIND})?((?i:{_NOUNS}))\b")
_AFTER = re.compile(
    rf"\b((?i:{_NOUNS}))\b{_WHEN}\s+(?:on|in|at|near|off|of)\s+(?:the\s+)?(?:MV\s+)?({_CAP}(?:\s+{_CAP})?)")
_NATIONALITIES = frozenset(
    "american armenian azerbaijani azeri turkish israeli palestinian iraqi syrian russian chinese korean "
    "german french british english indian pakistani afghan iranian saudi mexican indonesian japanese "
    "ukrainian soviet european african arab".split())
NOT_NAMES = frozenset(
    "the a an this that these those its his her their our last first second third deadly deadliest "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tonight terror terrorist suicide "
    "american armenian azerbaijani azeri turkish israeli palestinian iraqi syrian russian chinese korean "
    "german french british english indian pakistani afghan iranian saudi mexican indonesian japanese "
    "ukrainian soviet european african arab muslim christian jewish western eastern northern southern "
    "national international federal state government police army military islamist jihadist "
    "mass major recent latest new big huge worst regarding following despite amid after before during since "
    "similar such another jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


_ACTOR_NOUN = (r"(?i:forces|troops|army|military|militants?|gunm[ae]n|soldiers|police|rebels|mobs?|fighters|"
               r"separatists|insurgents|attackers?|bombers?|terrorists?|militias?|jihadists|regiment|guerrillas|"
               r"extremists|paramilitaries|security forces)")
_ACTOR = (rf"((?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w'’.-]*\s+){{0,3}}(?:armed\s+)?{_ACTOR_NOUN}"
          rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){{0,3}})?)")
_ACTOR_BY = re.compile(rf"\b(?:by|of)\s+(?:the\s+|an?\s+)?{_ACTOR}")
_ACTOR_DID = re.compile(
    rf"(?:^|[^\w])(?:the\s+)?{_ACTOR}\s+(?:\w+\s+){{0,2}}?(?:killed|attacked|massacred|took|stormed|shelled|opened\s+fire|"
    rf"bombed|carried\s+out|committed|perpetrated|shot|seized|captured|raided|slaughtered|fired|launched)\b")
_ACTOR_ADJ = re.compile(r"\b([A-Z][a-z]+(?:an|ian|ish|ese|i|ic))\s+(?:attacks?|assault|raid|shelling|strikes?|bombing|offensive)\b")
MAX_ACTORS = 8


def actors(text: str, start: int, end: int) -> Counter:
    """Who the sentence says did it, as the source names them ("Armenian forces", "the
    troops of the Republic of Armenia", "gunmen"; "the Armenian attack" gives "Armenian")."""
    s = text[start:end]
    out: Counter = Counter()
    for rx in (_ACTOR_BY, _ACTOR_DID):
        for m in rx.finditer(s):
            name = " ".join(m.group(1).split()).strip(" ,.")
            if name.split()[0].lower() in NOT_NAMES - _NATIONALITIES and len(name.split()) > 1:
                name = " ".join(name.split()[1:])
            out[name] += 1
    for m in _ACTOR_ADJ.finditer(s):
        if not any(m.group(1) in a for a in out):
            out[m.group(1)] += 1
    return out


@dataclass
class Mention:
    """A named event in a text: where, its name key, the noun, the year its sentence gives."""

    start: int
    end: int
    name: str  # as written
    key: str  # lower-case name: the event's identity
    noun: str
    year: Optional[int] = None
    sentence: tuple[int, int] = (0, 0)  # the sentence it is in
    # what its sentence says (the `mentions` row; analyse_mentions): who did it, the days
    # it gives in its year, its capitalised runs in lower case when it has a year
    actors: Counter = field(default_factory=Counter)
    days: list = field(default_factory=list)
    names: frozenset = frozenset()
    located: bool = False  # the name is a place: it follows the noun ("the attack on Barda") or the text puts something in, at or near it
    deixis: Optional[str] = None  # CURRENT ("this week's floods in Ardel"), OTHER ("a separate flood on the Oulen"), or None


#: How the words before a mention place it against the article's own news: "this week's
#: floods", "Monday night's flash flood", "the ongoing siege" are the news of the days it
#: is written in; "a separate flash flood", "another attack", "an earlier fire" are not the
#: story's own event. At most two words (adjectives: "flash", "deadly") between.
CURRENT, OTHER = "current", "other"
_DAYS = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DEIXIS_CURRENT = re.compile(
    rf"(?:\b(?i:this\s+week(?:end)?|yesterday|today|tonight|last\s+night)|(?<!ast\s)\b{_DAYS}(?:\s+(?i:night|morning|afternoon|evening))?)"
    r"['’]s?\s+(?:[\w-]+\s+){0,2}$|\b(?i:the\s+(?:ongoing|current|continuing))\s+(?:[\w-]+\s+){0,2}$")
_DEIXIS_OTHER = re.compile(
    r"(?<!fear\s)(?<!fears\s)(?<!feared\s)(?<!expect\s)(?<!warn\s)(?<!risk\s)(?<!prevent\s)(?<!avoid\s)"
    r"\b(?i:another|a\s+separate|a\s+similar|an\s+earlier|a\s+previous|the\s+previous|an\s+unrelated|"
    r"last\s+year['’]s|a\s+recent)\s+(?:[\w-]+\s+){0,2}$")
_DEIXIS_REACH = 60


def deixis(text: str, start: int) -> Optional[str]:
    """CURRENT, OTHER or None: what the words just before a mention starting at `start`
    say of its time (within its line)."""
    before = text[max(0, start - _DEIXIS_REACH):start]
    before = before[before.rfind("\n") + 1:]
    if _DEIXIS_CURRENT.search(before):
        return CURRENT
    if _DEIXIS_OTHER.search(before):
        return OTHER
    return None


def named_events(text: str) -> list[Mention]:
    """The named event mentions of a text (pure). A cascade: the event nouns first (one
    regex over the text), then the name patterns only in a window around each. The last
    texts' mentions are kept: the mentions and framing analysers read one document's in
    turn (the Mentions are shared: read them, do not change them)."""
    return list(_named_events(text))


@functools.lru_cache(maxsize=CACHED_TEXTS)  # (as segments: a chunk of documents is analysed at a time)
def _named_events(text: str) -> tuple[Mention, ...]:
    return tuple(_find_named(text))


#: The event a verb tells ("the ferry sank"), for a noun that only gives its circumstance.
_EVENT_VERBS = {"sank": "sinking", "sunk": "sinking", "capsized": "sinking", "went down": "sinking", "crashed": "crash"}
#: Weather a ship or a plane is lost in: the circumstance, never the event the verb tells.
_WEATHER = frozenset("storm hurricane typhoon cyclone".split())
#: "sank in a storm", "went down in a June storm", "crashed during a storm": the storm is the
#: circumstance of the event the verb tells, not the event (the noun follows the match; only
#: weather: "a bus overturned during the Lantor floods" is no sinking).
_CIRCUMSTANCE = re.compile(rf"\b({'|'.join(_EVENT_VERBS)})\s+(?:[a-z]+\s+){{0,2}}?(?:in|during|amid)\s+(?:an?|the)\s+"
                           r"(?:[\w-]+\s+)?$", re.IGNORECASE)
CIRCUMSTANCE_REACH = 60  # characters before a noun where its event verb is looked for


def told_by_verb(text: str, start: int) -> Optional[str]:
    """The event noun of the verb whose circumstance the noun at `start` gives ("the MV Orla
    Bright sank in a storm off Caddock Island": 'sinking'), else None."""
    m = _CIRCUMSTANCE.search(text, max(0, start - CIRCUMSTANCE_REACH), start)
    return _EVENT_VERBS[" ".join(m.group(1).lower().split())] if m else None


def _find_named(text: str) -> list[Mention]:
    found = [(q, e) for q, e in noun_spans(text) if not homograph(text, q, e)]
    if not found:
        return []
    nouns = [q for q, e in found if EVENT_NOUNS[text[q:e].lower()]]  # typed: not "disaster"
    lower: dict[str, bool] = {}

    def written_lower(w: str) -> bool:  # "Ferry Fire" in a headline, "ferry fire" in the text
        if w not in lower:
            lower[w] = re.search(rf"\b{re.escape(w)}\b", text) is not None
        return lower[w]

    mid: dict[str, bool] = {}

    def mid_sentence(w: str) -> bool:
        if w not in mid:
            mid[w] = any(not _opens_sentence(text, h.start()) for h in re.finditer(rf"\b{re.escape(w)}\b", text))
        return mid[w]

    spans: Optional[list[tuple[int, int]]] = None
    located: dict[str, bool] = {}
    out: list[Mention] = []
    seen: set[int] = set()
    for rx, name_group, noun_group in ((_BEFORE, 1, 2), (_AFTER, 2, 1)):
        for q, e in found:
            lo, hi = (max(0, q - NAME_WINDOW), e) if name_group == 1 else (q, min(len(text), e + NAME_WINDOW))
            for m in rx.finditer(text, lo, hi):
                if m.start(noun_group) != q:
                    continue
                noun = m.group(noun_group).lower()
                if noun not in EVENT_NOUNS:
                    continue
                noun = (told_by_verb(text, q) if noun in _WEATHER else None) or noun
                if name_group == 1 and re.search(r"['’]s?$", m.group(1)):
                    continue  # "Armenia's attack": the actor, not the event's name
                if name_group == 2 and _PERSON_AFTER.match(text, m.end(2)):
                    continue  # "the shootings of Riva, 47, and Steinberg": victims, not a place
                words = [w for w in m.group(name_group).split() if bare(w) not in NOT_NAMES]
                # a name is never written in lower case elsewhere in the text
                words = [w for w in words if not written_lower(w.lower()) and not written_lower(bare(w))]
                # ... and is written capitalised somewhere other than a sentence's first word ("Flash floods swept")
                words = [w for w in words if mid_sentence(w)]
                if not words or q in seen:
                    continue  # (the name before the noun wins over a place after it)
                seen.add(q)
                name = " ".join(words)
                if name_group == 2:  # "a riot at Veloria's biggest prison": the place, not its possessive
                    name = re.sub(r"['’]s$", "", name)
                key = re.sub(r"['’]s$", "", name.lower())
                if spans is None:
                    spans = sentences(text)
                sent = sentence_at(spans, m.start())
                if name not in located:
                    located[name] = _is_place(text, name)
                out.append(Mention(m.start(), m.end(), name, key, noun, _year_near(text, sent, m.start(), m.end(), nouns), sent,
                                   located=name_group == 2 or located[name], deixis=deixis(text, m.start())))
    return sorted(out, key=lambda x: x.start)


_OPENERS = frozenset(".!?:;\n\"“”‘’'–—-(|•*#")


def _opens_sentence(text: str, at: int) -> bool:
    """Is the word at `at` the first of a line, a sentence, a quotation or a dateline's news?"""
    j = at - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j >= 0 and text[j] == ".":  # "St. Louis", "U.S. Capitol", "Oct. 20": an abbreviation's point
        k = j - 1
        while k >= 0 and text[k].isalpha():
            k -= 1
        word = text[k + 1:j]
        if word[:1].isupper() and len(word) <= 3:
            return False
    return j < 0 or text[j] in _OPENERS


_WORD = re.compile(r"\w+")
_LOCATIVE = r"\b(?:in|at|near|off|outside|into|across|around|on\s+the\s+island\s+of|in\s+the\s+(?:town|city|village)\s+of)\s+(?:the\s+)?"


def _is_place(text: str, name: str) -> bool:
    """Does the text put something in, at or near the name ("in Khojaly", "near Lake Veldra")?
    A name before an event noun is also a nation's adjective ("Greek riot") or a firm's
    ("Tallgrass Distributors shooting"): only a place is written so."""
    return re.search(_LOCATIVE + re.escape(name) + r"\b", text) is not None


def noun_spans(text: str) -> list[tuple[int, int]]:
    """Where the event nouns are: each word looked up in EVENT_NOUNS (the same spans as the
    alternation `\\b(?i:massacre|...)\\b`, several times faster than that regex)."""
    nouns = EVENT_NOUNS
    return [m.span() for m in _WORD.finditer(text) if m.group().lower() in nouns]
#: An event noun used as (part of) a verb phrase: "opened fire", "came under fire", "storm the building".
_VERB_BEFORE = re.compile(r"(?:\b(?:open|opens|opened|opening|return|returns|returned|returning|exchange|exchanged|"
                          r"exchanging|hold|held|holding|cease|ceased|under|set|sets|setting|caught|catch|catches|"
                          r"to|will|would|did|could|might|must|should)\s+)$", re.IGNORECASE)
_VERB_AFTER = re.compile(r"\s+(?:the|a|an|his|her|their|its|into|through)\b", re.IGNORECASE)
_FIRED = re.compile(r"\s+(?:coach|manager|head|chief\s+executive|CEO|director|him|her|them|staff|workers|employees|"
                    r"the\s+(?:coach|manager|head|director|chief|staff))\b")
_PERSON_AFTER = re.compile(r",\s*\d{1,3}\b")  # "Riva, 47": a person's age


#: Nouns an event noun modifies when it names a thing, not an event ("assault rifles", "fire service").
_MODIFIED = re.compile(r"\s+(?:rifles?|weapons?|helicopters?|aircraft|ships?|craft|trucks?|engines?|brigades?|"
                       r"departments?|stations?|alarms?|exits?|extinguishers?|dogs?|vehicles?|boats?|squads?|teams?|"
                       r"forces?|units?|service|services|fighters?|chief|crews?|drills?|safety|hydrants?|escape|"
                       r"insurance|test|tests|dummy|course|warning|season|shelters?|officers?|marshals?|wardens?|"
                       r"inspectors?|authority|(?:and|&)\s+rescue)\b",
                       re.IGNORECASE)


#: A capitalised event noun joined to another capitalised word: part of a body's name.
_NAMED_WITH = re.compile(r"\s+(?:and|&)\s+[A-Z]")


#: Words before an event noun that give it another sense: an illness ("a heart attack"),
#: a crime against a person's body that is no armed attack ("a sexual assault"), a computer's
#: ("a cyber attack"), money's ("a market crash"), words' ("a verbal attack", "a media storm").
#: Each sense holds for its nouns only ("a market fire" is a fire).
_SENSES = (
    (("attack", "attacks"), "heart|panic|asthma|anxiety|epileptic"),
    (("assault", "attack", "attacks"), "sexual|indecent"),
    (("attack", "attacks", "assault", "raid"), "cyber|web|web-based|online|internet|computer|hacker|hacking|"
                                               "ransomware|malware|phishing|ddos|denial-of-service"),
    (("crash",), "market|stock|stock-market|price|currency|crypto|cryptocurrency|bitcoin|financial|housing"),
    (("attack", "attacks", "assault", "storm"), "verbal|personal|legal|media|social-media|twitter"),
    (("storm",), "political|diplomatic"),  # ("the deadliest political attack" is an attack; "a Haqqani network attack" too)
)
_OTHER_SENSE = {noun: re.compile(rf"\b(?:{'|'.join(w for ns, w in _SENSES if noun in ns)})[\s-]*$", re.IGNORECASE)
                for nouns, _ in _SENSES for noun in nouns}


def homograph(text: str, start: int, end: int) -> bool:
    """An event noun that is a verb or part of one here ("opened fire at", "gunmen stormed",
    "to storm the hotel", "set fire to"), a modifier of a thing ("assault rifles", "fire
    service"), or in another sense ("a heart attack", "a sexual assault", "a cyber attack",
    "a market crash"): no event mention."""
    word = text[start:end].lower()
    sense = _OTHER_SENSE.get(word)
    if _MODIFIED.match(text, end) or sense is not None and sense.search(text, max(0, start - 24), start):
        return True
    if text[start:start + 1].isupper() and _NAMED_WITH.match(text, end):
        return True  # "Moranpur Fire and Civil Defence": a body's name
    if word == "crush" and re.match(r"\s+on\b", text[end:end + 4]):
        return True  # "a crush on the singer": no stampede
    if word not in ("fire", "storm", "raid", "attack", "crash", "flood", "blast", "riot", "siege", "ambush"):
        return False
    before = text[max(0, start - 12):start]
    if _VERB_BEFORE.search(before):
        return word != "attack" or bool(re.search(r"\b(?:to|will|would|did|could|might|must|should)\s+$", before, re.I))
    if word == "fire" and _FIRED.match(text, end) and not re.search(r"\b(?:the|a|an|this|that|of)\s+$", before, re.I):
        return True  # "Chicago Bears fire coach John Fox"
    return word in ("storm", "raid", "flood", "ambush") and bool(_VERB_AFTER.match(text, end)) and \
        not re.search(r"\b(?:the|a|an|this|that)\s+$", before, re.I)


#: A vehicle: the subject of a collision verb ("Express train hits minibus") and what it runs into.
_VEHICLE = (r"(?:trains?|trams?|(?:mini)?bus(?:es)?|coach(?:es)?|lorr(?:y|ies)|trucks?|vans?|cars?|taxis?|ships?|boats?|"
            r"ferr(?:y|ies)|tankers?|barges?|planes?|aircraft|helicopters?|locomotives?)")
#: A vehicle that hits, strikes or collides with another vehicle or a structure: a crash, the noun
#: that verb has none of ("Tourist Ship Strikes Highway Bridge"; not "Car hits crowd", a ramming).
_COLLISION = re.compile(rf"\b{_VEHICLE}\s+(?:hits|hit|strikes|struck|slams\s+into|slammed\s+into|collides\s+with|"
                        rf"collided\s+with)\s+(?:an?\s+|the\s+|two\s+|three\s+)?(?:[\w-]+\s+){{0,2}}?"
                        rf"(?:{_VEHICLE}|bridge|pier|wall|building|barrier|level\s+crossing)\b", re.IGNORECASE)
#: ... not a vehicle that is a weapon or a strike by workers ("Bomb-laden truck", "jets hit a hospital", "Bus strikes").
_NOT_COLLISION = re.compile(r"\b(?:[\w-]+-laden|bomb|bombs|jets?|drones?|air\s*strikes?|airstrikes?|missiles?|rockets?|"
                            r"strikes?\s+on)\b|\b(?:bus|rail|train|tram)\s+strikes\b", re.IGNORECASE)

#: How an event noun is derived from its verb: abduct -> abduction, erupt -> eruption, bomb -> bombing,
#: kidnap -> kidnapping, derail -> derailment, capsize -> capsizing.
_DERIVED = ("ion", "ing", "ment")


def verb_types(text: str) -> list[str]:
    """The event types of the verbs of a head (a title, a lead) whose event noun is derived
    from them ("Gunmen abduct 40 pupils": kidnapping, "Car bomb kills four": bombing, "A
    ferry capsized": sinking; "A helicopter crashed": crash, the one verb whose noun is
    the same word and has no other sense in a casualty head). A verb that is an event noun
    itself ("fired", "stormed", "raided", "flooded into") types nothing: its sense is not
    the event's; nor does an event noun, which the noun spans type; nor "erupts" without a
    volcano ("Violence erupts in Kesh"). A vehicle that hits another or a structure is a crash
    ("Express train hits minibus and farm lorry"), when no other verb types the head and no
    weapon, jet or strike is in it ("Jets hit hospital building", "Bus strikes hit services")."""
    out: list[str] = []
    for m in re.finditer(r"[A-Za-z]+", text):
        word = m.group().lower()
        if word in EVENT_NOUNS:
            continue
        if word in ("crashed", "crashes", "crashing"):
            out.append("crash")
            continue
        stems = {word[:-len(end)] for end in ("ing", "ed", "es", "s", "d") if word.endswith(end) and len(word) - len(end) >= 3}
        for stem in sorted(stems | {word}, key=len, reverse=True):
            if stem in EVENT_NOUNS:
                break  # ("flooded": flood, a noun of its own)
            kinds = {EVENT_NOUNS.get(stem + end) or (EVENT_NOUNS.get(stem + stem[-1] + end) if len(stem) >= 4 else None)
                     for end in _DERIVED} - {None}
            if kinds == {"eruption"} and not re.search(r"volcan", text, re.IGNORECASE):
                break
            if len(kinds) == 1:
                out.append(cast(str, kinds.pop()))
                break
    if not out and _COLLISION.search(text) and not _NOT_COLLISION.search(text):
        out.append("crash")  # (only where no verb types it: "Bomb-laden truck hits checkpoint" is a bombing)
    return out


def bare(word: str) -> str:
    """A word in lower case without its possessive ("Armenia's" -> "armenia"; "This" stays "this")."""
    return re.sub(r"['’]s?$", "", word.lower())


_SINCE_YEAR = re.compile(r"\b(?i:since|until|till)\s+(?:(?i:early|late|mid)[- ]?)?$")


def _year_near(text: str, sentence: tuple[int, int], start: int, end: int, nouns: list[int]) -> Optional[int]:
    """The year of the sentence that belongs to this mention: the year whose nearest event
    noun is the mention's own ("In 2004, a huge earthquake off Aceh"; not "an earthquake in
    Aceh ... in a region devastated by the tsunami of 2004"). Years are looked for within
    YEAR_REACH characters of the mention (run-on text stays linear)."""
    s0, s1 = max(sentence[0], start - YEAR_REACH), min(sentence[1], end + YEAR_REACH)
    near = nouns[bisect.bisect_left(nouns, max(sentence[0], s0 - YEAR_REACH)):
                 bisect.bisect_left(nouns, min(sentence[1], s1 + YEAR_REACH))]
    years = []
    if not any(start <= q < end for q in near):
        near = sorted(near + [end - 1])  # the mention's own noun, untyped ("the Khojaly tragedy")
    for m in YEAR.finditer(text, s0, s1):
        if _SINCE_YEAR.search(text, max(0, m.start() - 16), m.start()):
            continue  # "the deadliest flood since 2011": the year a comparison counts from
        i = bisect.bisect_left(near, m.start())
        closest = min(near[max(0, i - 1) : i + 1], key=lambda q: abs(q - m.start()), default=None)
        if closest is None or start <= closest < end:
            years.append((abs(m.start() - start), int(m.group())))
    return min(years)[1] if years else None


def sentence_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span holding `pos` (spans sorted, from text.sentences)."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return (pos, pos)


def analyse_mentions(doc: Document) -> Annotations:
    """The mentions analyser (pure): every named event mention of the text, with the kind
    of line it is in, who its sentence says did it, the days it gives and the other names
    it holds, as `mentions` rows; and the document's opening as its `leads` row (the
    events stage reads these, not the text)."""
    lead = lead_row(doc.id, doc.text, doc.title)
    found = named_events(doc.text)
    if not found:
        return Annotations(doc.id, leads=[lead])
    where = SegmentIndex(segments(doc.text))
    rows = []
    for m in found:
        sentence = doc.text[m.sentence[0] : m.sentence[1]]
        rows.append(EventMention(
            id=mention_id(doc.id, m.start), doc_id=doc.id, start=m.start, end=m.end, name=m.name,
            key=m.key, noun=m.noun, year=m.year, sentence_start=m.sentence[0], sentence_end=m.sentence[1],
            segment=where.kind(m.start), actors=json.dumps(dict(actors(sentence, 0, len(sentence)))),
            dates=json.dumps(days_given(sentence, m.year) if m.year else []),
            names=json.dumps(sorted({n.lower() for n in capital_runs(sentence)}) if m.year else []),
            located=m.located, deixis=m.deixis))
    return Annotations(doc.id, mentions=rows, leads=[lead])


def days_given(sentence: str, year: int) -> list[list]:
    """The days a sentence gives in `year`: [year, month, day, [end month, end day] or None]
    (a range's end)."""
    out: list[list] = []
    for d in find_dates(sentence):
        if d.year == year and d.month and d.day:
            end = [d.end_month or d.month, d.end_day] if d.kind == "range" and d.end_day else None
            out.append([d.year, d.month, d.day, end])
    return out


def capital_runs(sentence: str) -> set[str]:
    """Every run of 1-3 consecutive capitalised words in a sentence."""
    words = re.findall(r"[A-Z][\w'’-]*[a-z][\w'’-]*|\S+", sentence)
    out = set()
    for i in range(len(words)):
        for j in range(i + 1, min(i + 3, len(words)) + 1):
            run = words[i:j]
            if all(w[0].isupper() for w in run):
                out.add(" ".join(run))
    return out


def mention_id(doc_id: str, start: int) -> str:
    """A `mentions` row's id: its document and its start."""
    return make_id(doc_id, "mention", start)


def from_row(row: dict) -> Mention:
    """A `mentions` row back as the Mention named_events gave (with what its sentence says,
    when the row has it)."""
    m = Mention(row["start"], row["end"], row["name"], row["key"], row["noun"], row["year"],
                (row["sentence_start"], row["sentence_end"]), located=bool(row.get("located")), deixis=row.get("deixis"))
    if "actors" in row:
        m.actors = Counter(json.loads(row["actors"] or "{}"))
        m.days = [(y, mo, d, tuple(end) if end else None) for y, mo, d, end in json.loads(row["dates"] or "[]")]
        m.names = frozenset(json.loads(row["names"] or "[]"))
    return m


def is_reported(row: dict) -> bool:
    """A mention in the document's reporting, not in its captions, credits, teasers or posts
    (segments.FURNITURE)."""
    return row["segment"] not in FURNITURE
