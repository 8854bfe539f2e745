"""Origins: who a figure independently comes from, counted so a fact-checker can defend it.

One job: group the claims of one figure into independent origins. Agreement is not
corroboration: four outlets repeating one ministry's number are one origin.

- One origin per primary source: an attribution ("according to Azerbaijani figures",
  "police said", a quotation's speaker) under any of its names — `source_key` reduces
  "the ministry", "Turkey's Foreign Ministry" and "the Ministry of Foreign Affairs of the
  Republic of Türkiye" to one key, "Cavusoglu" and "Turkish Foreign Minister Mevlut
  Cavusoglu" to one person — within a document and across the ledger. A minister is the
  voice of the ministry ("Interior Minister Oskar Delane", "the interior ministry":
  `ministry_of`); a bare title ("governor says") is the document's one named holder of it.
- One copy lineage: a claim inside a copied passage shares its origin with every copy
  (and, through the union, with the attribution the passage carries).
- Reports that do not say where a figure comes from (no attribution, an unnamed one:
  "officials said", or a news outlet relaying it: "the ISNA news agency reported", "state
  television said" — `is_outlet`; no copied text) are not independent confirmations of each other:
  together they are one origin, "unattributed reports". A document repeating a figure it attributes elsewhere keeps
  that attribution. Unattributed reports that only repeat values one named source gives
  relay that source (`_relays`): no independent confirmation, no origin of their own.
- Never more origins than documents: a document's own statement and a source quoted
  only there are one origin when counting would otherwise exceed it.

Each origin is reported with a readable `name` (its fullest attribution, else "copies
of <first document>", else "unattributed reports"), its values and documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Iterable, Optional, Protocol

from rapidfuzz import fuzz

from ..unionfind import DisjointSets
from .numbers import find_numbers

SAME_NAME = 85  # rapidfuzz ratio at which two surnames are one person's ("Alishvandi", "Alishbandi": 90)

_LEAD = re.compile(r"^(?:according\s+to|said|says|reported\s+by|citing|per|quoting|as\s+told\s+to)\s+", re.IGNORECASE)
_DET = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.IGNORECASE)
_COUNTRY_OF = re.compile(r"\s+of\s+(?:the\s+)?(?:republic\s+of\s+|kingdom\s+of\s+|state\s+of\s+|people's\s+republic\s+of\s+)?"
                         r"[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2}\s*$")
_POSSESSIVE = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.-]*(?:\s+[A-ZÀ-Ý][\w'’.-]*){0,2}|(?:[Tt]he\s+)?(?:city|town|country|nation|"
                         r"province|state|region|island|capital))\s?['’]s\s+")  # ("the city's Civil Protection Directorate")
#: A possessive's owner that is people of a kind ("Fishermen's", "Miners'", "Women's"): the body is named for them.
_PEOPLE_OWNER = re.compile(r"(?:men|women|children|people|workers|miners|farmers|parents|families|veterans)\s?['’]s?\s+$",
                           re.IGNORECASE)
NATIONALITIES = frozenset(
    "american armenian azerbaijani azeri turkish israeli palestinian iraqi syrian russian chinese korean german french "
    "british english indian pakistani afghan iranian saudi mexican indonesian japanese ukrainian soviet european african "
    "arab egyptian greek nigerian somali sudanese yemeni libyan lebanese jordanian kenyan ethiopian philippine filipino "
    "thai vietnamese burmese bangladeshi sri lankan nepali malaysian australian canadian brazilian colombian venezuelan "
    "peruvian chilean argentine spanish italian dutch belgian swiss austrian polish czech hungarian romanian bulgarian "
    "serbian croatian bosnian albanian georgian kazakh uzbek turkmen kyrgyz tajik mongolian north south east west "
    "northern southern eastern western local regional provincial state federal national city county".split())
#: Institution words that name a source by their head; the topic words beside them keep ministries apart.
INSTITUTIONS = ("ministry", "police", "army", "military", "government", "hospital", "fire service", "fire department",
                "red cross", "red crescent", "united nations", "un", "coast guard", "navy", "prosecutor", "sheriff",
                "health office", "health department", "interior ministry", "committee", "agency", "office")
_MINISTRY_TOPIC = {"foreign": "foreign affairs", "foreign affairs": "foreign affairs", "external affairs": "foreign affairs",
                   "interior": "interior", "home affairs": "interior", "internal affairs": "interior", "health": "health",
                   "defence": "defence", "defense": "defence", "transport": "transport", "emergency": "emergencies",
                   "emergencies": "emergencies", "emergency situations": "emergencies", "justice": "justice"}
_TITLES = frozenset(
    "president prime minister foreign interior defence defense health minister ministry spokesman spokeswoman spokesperson "
    "presidential secretary general chief director governor mayor sheriff officer police commissioner deputy senior "
    "lieutenant colonel captain sergeant commander gen lt col capt sgt dr mr mrs ms sir ambassador envoy head "
    "chairman chairwoman leader official inspector superintendent detective".split())


_TOPIC_OF = re.compile(r"\s+of\s+(?:foreign|interior|internal|external|home|health|defen[cs]e|transport|emergenc|justice)",
                       re.IGNORECASE)
#: Unnamed sources: the same words in two documents are not known to be one source.
GENERIC = frozenset("officials official authorities sources source witnesses witness residents media reports report "
                    "statement post tweet message spokesman spokeswoman spokesperson reporters observers experts "
                    "analysts activists relatives survivors locals villagers it he she they".split())


#: What a body's name is followed by to say what it is ("X, a militia of local farmers",
#: "X, the local militia"): not part of its name (a person's appositive is their title: kept).
_APPOSITIVE = re.compile(r"^(?P<name>(?:[Tt]he\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w'’-]*)*\s+"
                         r"(?:" + "|".join(w.capitalize() for w in sorted(
                             "agency ministry police department office service council committee army force forces government "
                             "hospital association organisation organization union bureau authority commission centre center "
                             "institute foundation party group company corporation corps brigade observatory monitor coalition "
                             "alliance federation league society mission directorate board trust inspectorate guard "
                             "militia".split())) + r"))\s*,\s*(?:a|an|the)\s.*$")
#: ... or a name of any words that its appositive says is a body ("Emergency Health, the state medical agency").
_BODY_APPOSITIVE = re.compile(r"^(?P<name>(?:[Tt]he\s+)?(?!The\b)[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w'’-]*)*)"
                              r"\s*,\s*(?:a|an|the)\s+(?:(?!(?:of|for|at|in|to|with|who|whom|whose|that|which|spokes\w*|"
                              r"director|head|chief|secretary|officer|commander|member|official)\b)[\w'’-]+\s+){0,4}?(?:" + "|".join(sorted(
                                  "agency ministry service council committee authority commission directorate "
                                  "inspectorate bureau department office organisation organization union association "
                                  "federation society institute foundation board".split())) +
                              r")(?:\s*$|\s*,|\s+(?:of|for|in|that|which|run|set|based)\b).*$")  # (its head: not "the
# ministry's chief spokeswoman")
#: A unit of a body, named by its possessive: the body ("the relief society's tracing desk at the town hall").
_UNIT_OF = re.compile(r"^(?P<body>(?:[Tt]he\s+)?(?:[\w’'-]+\s+){0,4}?(?:" + "|".join(sorted(
    "agency ministry service council committee authority commission directorate inspectorate bureau department "
    "organisation organization union association federation society institute foundation board police army "
    "brigade corps".split())) + r"))\s?['’]s\s+(?:[\w-]+\s+){0,2}(?:branch|desk|unit|wing|section|team|"
    r"press\s+office|office|cell)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z]{3,6}")  # a body's initials ("SEMA"), never a person (not "JD Vance")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*[A-Z]{2,6}\s*\)\s*$")
#: An appositive that says the sayer is a news outlet ("Kadrossa Free Voice, a news site run by ...").
_OUTLET_APPOSITIVE = re.compile(r",\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:news\s+(?:site|website|agency|outlet|portal)|"
                                r"newspaper|tabloid|broadcaster|(?:radio|television|tv)\s+(?:station|channel)|"
                                r"blog|website)(?=\s*$|\s*,|\s+(?:run|owned|based|close|in|of|that|which)\b)",
                                re.IGNORECASE)  # (its head: not "the news site's editor")


def ministry_of(attribution: str) -> Optional[str]:
    """The ministry a minister speaks for ("Interior Minister Oskar Delane", "the Minister of
    Health": 'ministry interior', 'ministry health'); None for any other sayer. A speaker
    stays a person (quotes count people); an origin is the body they speak for."""
    text = " ".join(attribution.lower().split())
    if re.search(r"\b(?:former|ex|shadow|opposition|critics?|rivals?)\b|minister['’]s\b", text):
        return None  # "former Health Minister Ann Lee", "the health minister's press service": not the ministry's voice
    for w, t in sorted(_MINISTRY_TOPIC.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{w}\s+minister\b|\bminister\s+(?:of\s+|for\s+)?{w}\b", text):
            return f"ministry {t}"
    return None


#: Two sources named together ("... according to SEMA and the ministry"); not the "and" of one
#: name ("the Ministry of Health and Social Welfare").
_JOINT = re.compile(r"\s+and\s+(?=(?:the|its|their)\s)", re.IGNORECASE)


def source_key(attribution: str) -> str:
    """One key per primary source, whatever the wording (see the module docstring); UNNAMED
    for a source no reader could check ("officials said", "the statement")."""
    a = " ".join(attribution.split()).strip(" ,.;:\"'“”")
    a = _LEAD.sub("", a)
    joint = _JOINT.search(a)  # "the Sevarran Emergency Management Agency and the ministry": the body it names first
    if joint and is_outlet(a[:joint.start()]):  # ("the state news agency and the ministry": the ministry)
        return source_key(a[joint.end():])
    if joint and checkable(first := source_key(a[:joint.start()])):  # (not "the crew and the coast guard")
        return first
    if not re.search(r"[A-ZÀ-Ý]", a[1:]) and (_COUNTED.match(a) or _opens_with_count(a)) and \
            not set(re.findall(r"[a-z]+", a.lower())) & ORG_WORDS:
        return UNNAMED  # "Two people reported missing ...": the people a figure counts are no source of it (not
        # "two officials at the Interior Ministry", "two police officers": a body named beside the count)
    a = _APPOSITIVE.sub(r"\g<name>", a)  # "The Sefarri Village Guard, a militia of local farmers": the body
    unit = _UNIT_OF.match(a)  # "the relief society's tracing desk", "The Medical Association's Oskil branch"
    a = unit.group("body") if unit else a
    kind = _BODY_APPOSITIVE.match(a)
    if kind:
        return " ".join(w for w in re.findall(r"[\w'’-]+", _DET.sub("", kind.group("name")).lower()) if w not in NATIONALITIES)
    a = _ACRONYM_AFTER.sub("", a)  # "the Sevarran Emergency Management Agency (SEMA)"
    said_as = a
    owner = _POSSESSIVE.match(a)  # "Turkey's Foreign Ministry" -> "Foreign Ministry" (not "The Sarrow Fishermen's
    if owner and not _PEOPLE_OWNER.search(owner.group(0)):  # Cooperative": a body named for the people it serves)
        a = a[owner.end():]
    a = _DET.sub("", a)
    if re.search(r"\b(?:ministry|government|army|police|committee|office)\b", a, re.I) and not _TOPIC_OF.search(a):
        a = _COUNTRY_OF.sub("", a)  # "... of the Republic of Türkiye"
    low = a.lower()
    words = re.findall(r"[\w'’-]+", low)
    bare = [w for w in words if w not in NATIONALITIES]
    text = " ".join(bare)
    if "ministry" in words:
        found = [(m.start(), -len(w), t) for w, t in _MINISTRY_TOPIC.items() if (m := re.search(rf"\b{w}\b", text))]
        topic = min(found)[2] if found else ""  # the topic its name gives first: "the Ministry of the Interior and
        # Civil Emergencies" is the interior ministry its reports call it
        return f"ministry {topic}".strip()
    for word, body in _SPEAKS_FOR.items():  # "fire chief Amara Quell", "police spokesman John Reel": the body
        if re.search(rf"\b{word}\b", text) and not text.startswith(("former", "ex-")):
            return body
    if _unnamed_people(said_as, bare) or _someone(said_as):
        return UNNAMED  # "doctors said", "rescue workers said", "a hospital worker": people no name or body makes
        # checkable
    if len(bare) == 1 and bare[0].endswith("s") and bare[0][:-1] in OFFICES:
        return OFFICES[bare[0][:-1]]  # "Prosecutors said": the prosecutor's office, not a person named Prosecutors
    person = _person(said_as)
    if person:
        return "person " + person  # "Turkish Foreign Minister Mevlut Cavusoglu", "Sutopo ... of the Agency"
    office = office_key(said_as)
    if office:
        return office  # "the governor of Qeshm island": the office, which its holder's name joins
    for inst in ("police", "army", "military", "fire service", "fire department", "red cross", "coast guard", "navy"):
        if re.search(rf"\b{inst}\b", text) and len(bare) <= 5:
            return inst
    if not bare or all(w in GENERIC or w in NATIONALITIES or w in _JOINERS for w in words):
        return UNNAMED  # "officials said": no one a reader could check
    core = [re.sub(r"['’]s$", "", w) for w in bare if w not in _PLACE_KINDS and w not in ("'s", "’s", "office")]
    if len(core) == 1 and core[0] in OFFICES:
        return OFFICES[core[0]]  # "the district governor's office": the one governor, a bare title
    # ("the regional health department" is "the health department"; a parse's possessive marks back on their
    # word: "Fishermen 's Cooperative" as "Fishermen's Cooperative")
    return re.sub(r"(?<=\w) (['’]s?)(?= |$)", r"\1", " ".join(bare))


_JOINERS = frozenset("and or of the".split())
#: A possessive's marks, tokens of their own in a parsed sayer ("the camp 's residents ' committee").
_POSSESSIVE_MARKS = frozenset(["'s", "’s", "'", "’"])
#: A phrase that opens with a count ("Three people", "five pilgrims"): people counted, not a source.
_COUNTED = re.compile(r"(?:the\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                      r"dozens|hundreds|several)\s+(?!of\b)(?-i:[a-z])", re.IGNORECASE)


#: "a hospital worker", "an unnamed rescuer at the scene", "a contact in the emergency services": one person, no name.
_SOMEONE = re.compile(r"(?i:an?)\s+(?:[a-z-]+\s+){0,3}?(?P<head>[a-z-]+)(?:\s+(?:in|at|from|with|inside|among|on)\s+.*)?")


def _someone(said_as: str) -> bool:
    """A sayer that is one person no name tells, written without a capital: anonymous,
    whatever body the words after the person name ("a contact in the emergency services")."""
    m = _SOMEONE.fullmatch(said_as)
    head = m.group("head") if m else ""
    return bool(m) and not re.search(r"[A-ZÀ-Ý]", said_as[1:]) and head not in ORG_WORDS and head not in OFFICES \
        and head not in _TITLES and head not in SIDES


def _opens_with_count(phrase: str) -> bool:
    """A phrase that opens with a count the number grammar reads ("Twenty - six others",
    "The 14 passengers"): people counted."""
    head = re.sub(r"^(?:[Tt]he\s+)", "", phrase)
    found = find_numbers(head[:40])
    return bool(found) and found[0].start == 0 and found[0].kind == "count"


def _unnamed_people(said_as: str, bare: list[str]) -> bool:
    """A sayer that is only a plural of common nouns, written without a capital ("doctors",
    "rescue workers"), naming no body, office, title or side: nobody a reader could ask."""
    words = said_as.split()
    opens = len(words) == 1  # ("Doctors" alone may open its sentence; "the Houthis", "Azerbaijani figures" are named)
    if any(re.search(r"[A-ZÀ-Ý]", w[opens:]) for w in words) or not 1 <= len(bare) <= 2 or not bare[-1].endswith("s"):
        return False
    return not any(w in ORG_WORDS or w in OFFICES or w in _SPEAKS_FOR or w in _TITLES or w in SIDES
                   or w.rstrip("s") in ORG_WORDS or w.rstrip("s") in OFFICES or w.rstrip("s") in _TITLES for w in bare)


#: Words that name a side of a conflict: "the rebels" are a source, "the rebel government" is
#: not the government.
SIDES = frozenset("rebel rebels militant militants insurgent insurgents fighters troops soldiers forces guerrillas "
                  "separatist separatists opposition shadow exiled breakaway".split())

#: What a news outlet is called: a figure it reports without a source is an unattributed report.
#: A news outlet named as a figure's sayer ("the student ISNA news agency", "Iran's state
#: television"): a publisher relaying the figure, not its source ("the National Disaster
#: Management Agency" is a source).
_OUTLET = re.compile(r"\b(?:(?:news|press)\s+(?:agency|network|service|website|site)|(?:(?:television|tv|radio)"
                     r"(?:\s+(?:station|channel|network))?)|broadcaster|newspaper)\s*$", re.IGNORECASE)
#: ... or names it after what it is: "the tabloid Blitzblatt", "the broadcaster ATV Nord", "Radio Orsel"
#: (the kind in lower case before the name; "Radio" opening it).
_NAMED_OUTLET = re.compile(r"(?:\b(?:broadcaster|tabloid|newspaper|news\s+site|news\s+agency|(?:radio|television|tv)\s+"
                           r"(?:station|channel))\s+|^(?:[Tt]he\s+)?Radio\s+)"
                           r"(?:[A-Z][\w'’.-]*\s*){1,4}$")


def checkable(key: str) -> bool:
    """Whether a source key names someone a reader could check: a person by name, an
    office or a one-holder title ("the governor", "the minister"), a ministry, or a body (an
    organisation word, an institution, also one of residents or survivors: "the residents'
    committee"): not "a resident", "a senior official" or "survivors"."""
    if key == UNNAMED or key == UNATTRIBUTED:
        return False
    if key.startswith(("person ", "office ", "ministry")):
        return True
    words = set(key.replace("'", " ").replace("’", " ").split())
    if words & _NOBODY and not (key.split()[-1] in _PEOPLES_BODIES and not words & _ANONYMOUS):
        return False  # (a body of them is a source: "the camp residents' committee", "the Survivors' Association")
    return bool(words & ORG_WORDS or words & _ONE_HOLDER or words & {w for w in INSTITUTIONS if " " not in w}
                or any(" " in w and w in key for w in INSTITUTIONS) or len(words - _JOINERS) >= 3)


#: What a body of residents, survivors or relatives is called; words that keep anyone anonymous.
_PEOPLES_BODIES = frozenset("committee association union council group federation network".split())
_ANONYMOUS = frozenset("source sources official officials witness witnesses told quoted speaking".split())
#: People and things no reader could ask as a source ("a resident", "a neighbour of the dam", "social media posts").
_NOBODY = frozenset("resident residents neighbour neighbours neighbor neighbors witness witnesses survivor survivors "
                    "relative relatives villager villagers local locals passer-by bystander bystanders posts post "
                    "tally rumour rumours rumor rumors source sources official officials".split())


#: ... or its kind first, then its name: "A local radio station, Benna Voice", "The station, Channel Five Hareth".
_KIND_THEN_OUTLET = re.compile(r"^(?:a|an|the)\s+(?:(?:[\w-]+\s+){0,3}?(?:news\s+(?:site|website|agency)|newspaper|tabloid|"
                               r"broadcaster|(?:radio|television|tv)\s+(?:station|channel))|(?:(?:local|regional|state|"
                               r"state-run|private|independent|national|public|commercial|community)\s+){0,2}"
                               r"(?:station|channel|website))\s*,\s*(?!(?-i:Sgt|Sergeant|Commander|Chief|Captain|Capt|"
                               r"Inspector|Officer|Lt|Lieutenant|Colonel|Col|Major|Dr|Mr|Mrs|Ms)\b)(?-i:[A-Z])", re.IGNORECASE)


def is_outlet(attribution: str) -> bool:
    """Whether a figure's sayer is a news outlet (which relays it: no primary source)."""
    said = " ".join(attribution.split()).strip(" ,.;:\"'“”")
    return bool(_OUTLET.search(said) or _NAMED_OUTLET.search(said) or _OUTLET_APPOSITIVE.search(said)
                or _KIND_THEN_OUTLET.search(said))
#: Offices held by one person at a time, of a place: "the governor of Qeshm island", "Qeshm
#: Gov. Heidar Alishvandi" and "Qeshm island governor Heydar Alishbandi" are one source.
OFFICES = {"governor": "governor", "gov": "governor", "mayor": "mayor", "sheriff": "sheriff", "coroner": "coroner",
           "prosecutor": "prosecutor", "commissioner": "commissioner"}


#: Titles with one holder a reader can find ("the governor", "the minister"); not "a senior official", "a captain".
_ONE_HOLDER = frozenset(set(OFFICES) | {"minister", "president", "premier", "chancellor"})


def office_key(phrase: str) -> Optional[str]:
    """'office <title> <place>' when a phrase names an office of a named place: the
    capitalised words before the title, or after its "of"."""
    tokens = re.findall(r"[\w'’-]+", phrase)
    for i, w in enumerate(tokens):
        title = OFFICES.get(w.lower())
        if title is None:
            continue
        before = [t for t in tokens[:i] if t[:1].isupper() and t.lower() not in _TITLES and t.lower() not in ("the", "a")]
        after = []
        if i + 1 < len(tokens) and tokens[i + 1].lower() == "of":
            after = [t for t in tokens[i + 2:i + 6] if t[:1].isupper()]
        place = [_fold(t.lower()) for t in (before or after) if t.lower() not in NATIONALITIES]
        return f"office {title} {' '.join(place)}" if place else None
    return None


#: Words that make a speaker the voice of a body ("fire chief X" speaks for the fire service).
_SPEAKS_FOR = {"police": "police", "fire": "fire service", "firefighters": "fire service", "army": "army",
               "military": "military", "navy": "navy", "coast guard": "coast guard", "red cross": "red cross"}
#: Capitalised words that name an organisation, never a person.
ORG_WORDS = frozenset("agency ministry police department office service council committee army navy force forces "
                      "government university hospital news media times post press television radio tv network "
                      "association organisation organization union bureau authority authorities commission court "
                      "center centre institute foundation party group company corporation bank zoo corps brigade observatory watch "
                      "monitor coalition alliance federation league society mission directorate secretariat international board trust "
                      "inspectorate cooperative co-operative".split())


def _person(phrase: str) -> Optional[str]:
    """The surname of the first person a phrase names: a run of two or more capitalised
    words that are no title, nationality or organisation word and not after "the"
    ("the California Highway Patrol" is an organisation), a single one after a title, or
    the whole phrase: 'Kalın'."""
    tokens = re.findall(r"[\w'’.-]+|,", phrase)  # (a comma ends a run of names: "the Ford Trust, Miriam Toller")
    runs: list[tuple[list[str], str, str, bool]] = []  # (run, the word before it, the word after it, an org named before)
    run: list[str] = []
    before = ""
    org = False  # a capitalised organisation word seen ("Syrian Observatory for Human Rights")
    for w in tokens:
        low = w.lower().strip(".")
        if w[:1].isupper() and low not in _TITLES and low not in NATIONALITIES and low not in ORG_WORDS \
                and low not in ("the", "a", "an") and not _ACRONYM.fullmatch(w):
            run.append(w)
            continue
        if run:
            runs.append((run, before, low, org))
            run = []
        if not (before == "the" and w[:1].isupper() and low in NATIONALITIES):
            before = low  # ("the State Mining Inspectorate": a capitalised "State" keeps the "the" before the run)
        org = org or (w[:1].isupper() and low in ORG_WORDS) or bool(_ACRONYM.fullmatch(w))
    if run:
        runs.append((run, before, "", org))
    for r, prev, after, named_org in runs:
        if prev == "the" or after in ORG_WORDS or any(w.lower() in ORG_WORDS for w in r) or \
                named_org and prev in ("for", "of", "and", "on"):
            continue  # "the California Highway Patrol", "Foreign Affairs Committee", "... for Human Rights": an organisation
        if after in _TITLES or after in OFFICES or after in _PLACE_KINDS:
            continue  # "Upper Hadrel district governor Halil Berrakan": a place the title is of
        if len(r) >= 2 or prev in _TITLES or len(tokens) == 1 or prev == "," and _ROLE_BEFORE_COMMA.search(phrase) or \
                not prev and after == "," and _ROLE_AFTER.match(phrase):  # "Tamberlin, the agency's spokesman"
            return _fold(r[-1].lower().strip("'’."))
    return None


#: A surname and a comma, then a role ("Tamberlin, the agency's spokesman").
_ROLE_AFTER = re.compile(r"[A-ZÀ-Ý][\w'’-]*\s*,\s*(?:the|its|a|an)\s+[^,]{0,40}?\b(?:spokes(?:man|woman|person)|"
                         r"director(?:-general)?|chief|head|secretary|commissioner|minister|governor|mayor|commander)\b")
#: A role named right before a comma and a surname ("the agency's spokesman, Pellis").
_ROLE_BEFORE_COMMA = re.compile(r"\b(?:spokes(?:man|woman|person)|director(?:-general)?|chief|head|secretary|"
                                r"commander|officer|minister|governor|mayor)\s*,\s*[A-Z][\w'’-]+\s*$", re.IGNORECASE)


#: Lower-case words that make the capitalised words before them a place ("Upper Hadrel district").
_PLACE_KINDS = frozenset("district province provincial county city town village region regional state municipal".split())


def _fold(word: str) -> str:
    """Without diacritics: "kalın" and "kalin" are one name."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.replace("ı", "i")) if not unicodedata.combining(ch))


class _Claim(Protocol):
    id: str
    doc_id: str
    attributed_to: Optional[str]
    value: Optional[float]


UNATTRIBUTED = "unattributed reports"
UNNAMED = "unnamed"


def claim_keys(c: _Claim, lineage: dict[str, str]) -> list[str]:
    """What a claim's origin is known by: its attribution's key, the copy lineage of the
    passage that carries it, else the shared key of unattributed reports."""
    keys = []
    if c.attributed_to and source_key(c.attributed_to) != UNNAMED and not is_outlet(c.attributed_to):
        keys.append("attribution: " + source_key(c.attributed_to))
    if c.id in lineage:
        keys.append("lineage: " + lineage[c.id])
    return keys or [UNATTRIBUTED]


def origin_groups(cs: Iterable[_Claim], lineage: dict[str, str], voices: Iterable[str] = ()) -> dict[str, str]:
    """claim id -> origin (a root key): claims sharing an attribution or a copy lineage
    have one origin; a bare institution ("ministry") joins the one fuller name of it
    among the figure's claims; never more origins than documents. `voices`: the
    attributions of the event's other claims (any measure), which may say whose voice a
    person quoted here by name alone is ("Police spokesman Commander Ivo Brannock")."""
    cs = list(cs)
    keys = {c.id: claim_keys(c, lineage) for c in cs}
    _namesakes(cs, keys)
    sourced = {k for ks in keys.values() if ks[0].startswith("attribution: ") for k in ks[1:]}
    for c in cs:  # copies that name no source are unattributed reports too, not one more origin
        if all(k.startswith("lineage: ") and k not in sourced for k in keys[c.id]):
            keys[c.id] = [UNATTRIBUTED]
    said: dict[tuple, str] = {}  # a document repeating a figure it attributes: the same origin
    for c in cs:
        if keys[c.id][0].startswith("attribution: "):
            said.setdefault((c.doc_id, c.value), keys[c.id][0])
    for c in cs:
        k = said.get((c.doc_id, c.value))
        if k and keys[c.id] == [UNATTRIBUTED]:
            keys[c.id] = [k]
    _bare_titles(cs, keys)
    sets: DisjointSets[str] = DisjointSets()
    for c in cs:
        ks = keys[c.id]
        for k in ks:
            sets.union(ks[0], k)  # (each key a set: with itself)
        k = said.get((c.doc_id, c.value))
        if k and ks[0].startswith("lineage: "):
            sets.union(k, ks[0])
    ministers = {c.id: m for c in cs if c.attributed_to and keys[c.id][0].startswith("attribution: ")
                 and (m := ministry_of(c.attributed_to))}
    for cid, ministry in ministers.items():  # a minister is the ministry's voice: "Interior Minister Oskar Delane"
        sets.union(keys[cid][0], "attribution: " + ministry)
    attrs = {k for ks in keys.values() for k in ks if k.startswith("attribution: ")} | {
        "attribution: " + m for m in ministers.values()}
    attrs |= _body_voices([(keys[c.id][0], c.attributed_to or "") for c in cs], sets)
    _short_names(cs, keys, attrs, sets)
    _bare_bodies(attrs, sets)
    for c in cs:  # a named holder of an office is that office: "Qeshm Gov. Heidar Alishvandi"
        office = office_key(c.attributed_to) if c.attributed_to else None
        if office and keys[c.id][0] != "attribution: " + office:
            sets.union(keys[c.id][0], "attribution: " + office)
    _title_holders(cs, keys, attrs, sets)
    _named_in_bodies([(keys[c.id][0], c.attributed_to or "") for c in cs], attrs, sets)
    context = [("attribution: " + source_key(a), a) for a in sorted({v for v in voices or () if v})
               if source_key(a) != UNNAMED and not is_outlet(a)]
    quoted: dict[str, list[str]] = defaultdict(list)  # a person key -> how the figure's claims name them
    for c in cs:
        if c.attributed_to and keys[c.id][0].startswith("attribution: person "):
            quoted[keys[c.id][0]].append(c.attributed_to)
    _named_in_bodies(context, attrs, sets, quoted)
    _body_voices([(k, a) for k, a in context if k in attrs], sets)  # "Davor Imrek, the city police spokesman" elsewhere
    _event_holders(context, attrs, sets)
    _voiced_bodies(context, attrs, sets)
    _spellings(attrs, sets)
    _relays(cs, keys, sets)
    docs_of: dict[str, set] = defaultdict(set)
    for c in cs:
        docs_of[sets.root(keys[c.id][0])].add(c.doc_id)
    n_docs = len({c.doc_id for c in cs})
    if len(docs_of) > n_docs:  # a document's own statement and a source quoted only there: one
        alone: dict[str, list[str]] = defaultdict(list)
        for root, ds in docs_of.items():
            if len(ds) == 1:
                alone[next(iter(ds))].append(root)
        for group in alone.values():
            for r in group[1:]:
                sets.union(group[0], r)
        roots = {sets.root(r) for r in docs_of}
        while len(roots) > n_docs:  # still more: join the two that share most documents
            merged: dict[str, set] = defaultdict(set)
            for r, ds in docs_of.items():
                merged[sets.root(r)] |= ds
            a, b = max(((x, y) for x in merged for y in merged if x < y), key=lambda p: len(merged[p[0]] & merged[p[1]]))
            sets.union(a, b)
            roots = {sets.root(r) for r in docs_of}
    return {c.id: sets.root(keys[c.id][0]) for c in cs}


def _namesakes(cs: list[_Claim], keys: dict[str, list[str]]) -> None:
    """Two people of one surname ("Colonel Davor Imrek", "Luka Imrek"), whom the figure's
    claims name by two first names: each their own key ("person davor imrek"); the surname
    alone ("Imrek said") stays the surname's key, which of them it is not being said."""
    firsts: dict[str, dict[str, str]] = defaultdict(dict)  # surname key -> claim id -> first name
    for c in cs:
        k = keys[c.id][0]
        if k.startswith("attribution: person ") and c.attributed_to:
            words = re.findall(r"[\w'’.-]+", c.attributed_to.split(",")[0])
            at = next((i for i, w in enumerate(words) if _fold(w.lower().strip("'’.")) == k[20:]), 0)
            first = words[at - 1] if at > 0 else ""
            if first[:1].isupper() and "." not in first and first.lower() not in _TITLES | ORG_WORDS | NATIONALITIES:
                firsts[k][c.id] = _fold(first.lower())
    for k, named in firsts.items():
        if len(set(named.values())) > 1:
            for cid, first in named.items():
                keys[cid] = [f"attribution: person {first} {k[20:]}"] + keys[cid][1:]


def _spellings(attrs: set[str], sets: "DisjointSets[str]") -> None:
    """One person spelled two ways ("Alishvandi", "Alishbandi"): one key."""
    people = sorted(k for k in attrs if k.startswith("attribution: person "))
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            if fuzz.ratio(a[20:], b[20:]) >= SAME_NAME:
                sets.union(a, b)


def _voiced_bodies(context: list[tuple[str, str]], attrs: set[str], sets: "DisjointSets[str]") -> None:
    """A bare body the event names a person of the figure the voice of ("Ministry
    spokeswoman Ruza Malinde" for the figure's "Ruza Malinde") joins the one fuller name
    of it among the figure's sources ("the emergencies ministry")."""
    roots = {sets.root(a) for a in attrs}
    voiced = {k for k, _ in context if k not in attrs and sets.root(k) in roots}
    if voiced:
        _bare_bodies(attrs | voiced, sets)


def _short_names(cs: list[_Claim], keys: dict[str, list[str]], attrs: set[str], sets: "DisjointSets[str]") -> None:
    """A body named by its initials ("the BCRA", "SEMA's director") or by a run of its
    capitalised words ("Civil Rescue" for "the Brevanian Civil Rescue Agency") is the one
    body of the figure whose name those are. Two bodies that fit, or none: it stays apart."""
    bodies = {k: k[13:].split() for k in attrs if k.startswith("attribution: ") and len(k[13:].split()) > 1
              and not k.startswith(("attribution: person ", "attribution: office ", "attribution: ministry"))}
    initials = {k: "".join(w[0] for w in ws if w not in _JOINERS) for k, ws in bodies.items()}
    short = {k for k in attrs if k.startswith("attribution: ") and re.fullmatch(r"[a-z]{3,6}", k[13:])}
    for c in cs:  # a run of capitalised words keyed as a person, no title before it
        k = keys[c.id][0]
        said = (c.attributed_to or "").strip()
        if k.startswith("attribution: person ") and re.fullmatch(r"(?:[A-Z][a-z]+\s+){1,3}[A-Z][a-z]+", said):
            run = said.lower().split()
            fits = [b for b, ws in bodies.items() if any(ws[i:i + len(run)] == run for i in range(len(ws) - len(run) + 1))
                    and ORG_WORDS & set(ws) - set(run) and set(ws) - set(run) - ORG_WORDS - _JOINERS]
            # (a body with a word of its own beyond the run and its kind: not "the Kofi Annan Foundation" for Kofi Annan)
            if len(fits) == 1:
                sets.union(k, fits[0])
    for k in short:
        fits = [b for b, ini in initials.items() if ini == k[13:]]
        if len(fits) == 1:
            sets.union(k, fits[0])
    for k, run in bodies.items():  # a body keyed by a run of another's name: "emergency health" for the agency's
        fits = [b for b, ws in bodies.items() if len(ws) > len(run) and ORG_WORDS & set(ws) - set(run)
                and any(ws[i:i + len(run)] == run for i in range(len(ws) - len(run) + 1))]
        if len(fits) == 1:
            sets.union(k, fits[0])


def _bare_bodies(attrs: set[str], sets: "DisjointSets[str]") -> None:
    """A body named by less joins the one body of the figure its words name more fully:
    "ministry" the one "ministry foreign affairs", "the health authority" the one "haverlund
    health authority", then a bare head word ("the authority", "the directorate") the one
    body, under any of its joined names, whose name ends in it. Two such bodies, none, or a
    name that marks another side ("the rebel government", "the opposition's shadow
    government"): it stays apart."""
    def words_of(k: str) -> list[str]:  # (a possessive's marks apart: "camp 's residents ' committee", "fishermen's")
        return [re.sub(r"['’]s?$", "", w) for w in k[13:].split() if w not in _POSSESSIVE_MARKS] \
            if k.startswith("attribution: ") and not k.startswith("attribution: person ") else []

    bare = [k for k in attrs if len(words_of(k)) == 1]
    for k in sorted(attrs - set(bare)) + sorted(bare):  # the fuller names first, so a head word sees them joined
        words = words_of(k)
        tail = words if words and (words[-1] in ORG_WORDS or len(words) > 1 and ORG_WORDS & set(words)) else None
        prefixed = [o for o in attrs if o != k and o.startswith(k + " ")]  # "ministry" -> "ministry foreign affairs"
        fuller = [o for o in attrs if o != k and not o.startswith("attribution: person ") and (
            o.startswith(k + " ") or tail is not None and words_of(o)[-len(tail):] == tail)
            and not (SIDES | _OTHER_ONE) & set(o[13:].replace("-", " ").split())]
        if len(words) > 1 and len(fuller) == 1 or len(words) == 1 and len(prefixed) == 1 and fuller == prefixed:
            sets.union(k, fuller[0])
        elif len(words) == 1 and len({sets.root(o) for o in fuller}) == 1:
            sets.union(k, fuller[0])


#: "The authority's director, Halina Drost": a named voice of a body ("its spokesman" is no name).
_VOICE_ROLE = r"(?:director|chief|head|spokesman|spokeswoman|spokesperson|commissioner|secretary|chairman|chairwoman|chair)"
_BODY_VOICE = re.compile(rf"^(?:the\s+)?(?:(?P<body>[\w’'-]+(?:\s+[\w’'-]+){{0,5}}?)\s?['’]s\s+(?:[\w-]+\s+)?{_VOICE_ROLE}\b"
                         rf"|(?:[\w-]+\s+)?{_VOICE_ROLE}\s+of\s+(?:the\s+)?(?P<body2>[\w’'-]+(?:\s+[\w’'-]+){{0,5}}?)\s*,)",
                         re.IGNORECASE)
#: ... or the voice named first: "Teodor Pradel, the agency's spokesman", "Bahram Tarkan, a spokesman for the service".
_VOICE_AFTER = re.compile(rf"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}\s*,\s*(?P<art>(?:the|a|an|its)\s+)?(?:(?P<body>[\w’'-]+"
                          rf"(?:\s+[\w’'-]+){{0,5}}?)\s?['’]s\s+(?:[\w-]+\s+)?{_VOICE_ROLE}|(?:[\w-]+\s+)?{_VOICE_ROLE}\s+"
                          rf"(?:for|of|at)\s+(?:the\s+)?(?P<body2>[\w’'-]+(?:\s+[\w’'-]+){{0,5}})"
                          rf"|(?P<body3>[\w’'-]+(?:\s+[\w’'-]+){{0,4}}?)\s+{_VOICE_ROLE})\s*$")
# (the third form: "Davor Imrek, the city police spokesman": a body's name before the role)


def body_voice(attribution: str) -> bool:
    """A person named with the body they speak for: "Teodor Pradel, the agency's spokesman",
    "Davor Imrek, spokesman for the Merovan city police", "Davor Imrek, the city police
    spokesman"."""
    said_as = " ".join(attribution.split())
    m = _VOICE_AFTER.match(said_as)
    if not m or re.search(r"\b(?:former|ex-|retired|until|previously|then)\b", said_as, re.IGNORECASE):
        return False  # (a voice no longer: "spokesman for the police until last year")
    body = m.group("body3") or m.group("body2") or m.group("body") or ""
    if not (ORG_WORDS & set(re.findall(r"[a-z]+", body.lower())) or re.search(r"\b[A-Z]{2,}\b", body)):
        return False  # (a body: "the city police", "UNICEF"; not "the protesters", a place, a person)
    if m.group("body3") is not None:
        return bool(m.group("art"))
    return bool(m.group("art") or (m.group("body2") or "")[:1].isupper())


#: ... or a title and a name "of" a body named in capitals: "Commander Lev Aranda of the Sadrin Provincial Police".
_NAMED_OF = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){2,4}of\s+the\s+(?P<body2>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5})\s*$")


def _body_voices(said: list[tuple[str, str]], sets: "DisjointSets[str]") -> set[str]:
    """A person named as a body's voice ("the authority's director, Halina Drost", "the head
    of the emergency office, Ruth Alvane", "Davor Imrek, the city police spokesman") speaks
    for that body: their key joins the body's (a place's voice, "the city's chief fire
    officer", is no body). `said`: (key, attribution) pairs. Returns the bodies' keys."""
    bodies = set()
    for k, attributed_to in said:
        said_as = " ".join((attributed_to or "").split())
        m = None if re.search(r"\b(?:former|ex-|retired)", said_as, re.IGNORECASE) else \
            _BODY_VOICE.match(said_as) or _VOICE_AFTER.match(said_as) or _NAMED_OF.match(said_as)  # (a former
        # spokesman speaks for no one)
        if not m or not k.startswith("attribution: person "):
            continue  # (a voice already keyed as a body, "the airport authority's fire chief": the fire service)
        named_before = m.groupdict().get("body3")
        if named_before is not None:  # "the city police spokesman": a body's words before the role
            if not m.group("art") or not ORG_WORDS & set(named_before.lower().split()):
                continue
            body = source_key("the " + named_before)
        elif m.re is _VOICE_AFTER and not m.group("art") and not (m.group("body2") or "")[:1].isupper():
            continue  # ("Ivo Tam, chair of the board": which board is not said; "chairman of the X Committee" is)
        else:
            body = " ".join(re.findall(r"[\w'’-]+", m.group("body2").lower())) if m.re is _NAMED_OF else \
                source_key(m.groupdict().get("body") or "the " + m.group("body2"))  # ("of the X Committee": a body)
        # (a name "of" a body keeps all its name: "Sadrin Provincial Police", not any police; the short names join it
        # where it is the one such body: _bare_bodies)
        if body != UNNAMED and not body.startswith(("person ", "office ")) and body.split()[-1] not in NATIONALITIES:
            sets.union(k, "attribution: " + body)
            bodies.add("attribution: " + body)
    return bodies


def _bare_titles(cs: list[_Claim], keys: dict[str, list[str]]) -> None:
    """A bare title ("toll rises to 21, governor says") is the document's one named sayer
    holding it ("Dravin Governor Mirela Tosk"; "the governor of Dravin province" is the same
    office): its claims take that sayer's key. Two holders in the document, or none: it stays."""
    holders: dict[tuple[str, str], set] = defaultdict(set)  # (document, title) -> the holders' identities
    key_of: dict[tuple[str, str], str] = {}
    for c in cs:
        k = keys[c.id][0]
        if not c.attributed_to or not k.startswith("attribution: ") or k[13:] in _TITLES:
            continue
        for w in set(re.findall(r"[a-z]+", c.attributed_to.lower())) & _TITLES:
            who = office_key(c.attributed_to) or k
            holders[(c.doc_id, w)].add(who)
            key_of[(c.doc_id, who)] = k
    for c in cs:
        k = keys[c.id][0]
        if k.startswith("attribution: ") and k[13:] in _TITLES and len(holders.get((c.doc_id, k[13:]), ())) == 1:
            who = next(iter(holders[(c.doc_id, k[13:])]))
            keys[c.id] = [key_of[(c.doc_id, who)]] + keys[c.id][1:]


#: Titles and the bodies whose names are made from them.
_STEM_BODY = {"inspector": "inspectorate", "director": "directorate", "secretary": "secretariat",
              "commissioner": "commission"}
#: Words that make a holder or a body another one than the bare name ("the deputy mayor", "the rival airline").
_OTHER_ONE = frozenset("deputy vice rival other former assistant acting".split())
#: Who speaks for a body without a name of their own ("health officials", "ministry sources").
_VOICES = frozenset("officials official spokesman spokeswoman spokesperson sources".split())
#: A rank that only the police give ("Superintendent Oren Blaise").
_POLICE_RANKS = frozenset("superintendent inspector detective sergeant constable".split())
#: Titles that say what a body does (its holder speaks for it): "Health Director X" for "the health department".
_ROLES = frozenset("director chief head spokesman spokeswoman spokesperson commissioner secretary".split())


def _title_holders(cs: list[_Claim], keys: dict[str, list[str]], attrs: set[str], sets: "DisjointSets[str]") -> None:
    """A named person whose title says which of the figure's bodies they speak for joins
    it, when exactly one fits: "prosecutor Lena Voss" the one prosecutor's office
    ("the Sallow public prosecutor's office"), "Superintendent Oren Blaise" the police,
    "Health Director Ilse Marrant" the one body whose name holds "health" ("the regional
    health department"). Two bodies that fit, or none: they stay apart."""
    bodies = [k for k in attrs if not k.startswith(("attribution: person ", "attribution: office "))
              and set(k[13:].split()) & ORG_WORDS]  # (a bare title, "governor", is _bare_titles')
    for c in cs:
        k = keys[c.id][0]
        if not c.attributed_to or not (k.startswith("attribution: person ") or k.split()[-1] in _VOICES):
            continue  # (a person, or a body's voices: "health officials" are the one health board's)
        words = set(re.findall(r"[a-z]+", c.attributed_to.lower()))
        fits: list[str] = []
        for title in words & set(OFFICES):
            fits += [o for o in attrs if o.startswith(f"attribution: office {OFFICES[title]} ")
                     or o == f"attribution: office {OFFICES[title]}"
                     or o in bodies and title in {re.sub(r"['’]s$", "", w) for w in o[13:].split()}]
        if not fits and words & _POLICE_RANKS:
            fits = [b for b in attrs if b == "attribution: police"]
        if not fits and not words & ORG_WORDS:  # a title the body's name is made from ("Chief Inspector X" of "the
            # Mining Inspectorate"), when the person's words name no other body ("director of Velorn General Hospital")
            fits = [b for b in attrs if not b.startswith(("attribution: person ", "attribution: office "))
                    and any(_STEM_BODY.get(t) in b[13:].split() for t in words)]
        topic = words & _TITLES - _ROLES - _POLICE_RANKS - set(OFFICES) - {"senior", "deputy", "general", "dr", "mr", "mrs", "ms"}
        if k.split()[-1] in _VOICES:
            topic -= {"foreign"}  # "foreign officials": other countries', not the foreign ministry
        if not fits and (words & _ROLES or words & _VOICES) and topic:
            fits = [b for b in bodies if topic <= set(b[13:].split()) and set(b[13:].split()) & ORG_WORDS]
        if not fits and words & _ROLES and k.startswith("attribution: person ") and not words & {"former", "retired", "ex"}:
            fits = [b for b in bodies if b[13:].split()[-1] in words & ORG_WORDS]  # "Agency spokeswoman Pavlen": the one agency
            fits = fits if len({sets.root(b) for b in fits}) == 1 else []
        if len(set(fits)) == 1 or fits and len({sets.root(b) for b in fits}) == 1:
            sets.union(k, fits[0])


def _named_in_bodies(said: list[tuple[str, str]], attrs: set[str], sets: "DisjointSets[str]",
                     quoted: Optional[dict[str, list[str]]] = None) -> None:
    """A person a body's attribution names ("Irena Valcek, the ministry's chief spokeswoman",
    "Police spokesman Commander Ivo Brannock") is that body's voice wherever the figure
    quotes them by name alone ("Irena Valcek", "Commander Brannock"): their key joins the
    body's. `said`: (key, attribution) pairs, the figure's own, or the event's others
    (`quoted`: how the figure names each person), whose body joins a person the figure
    quotes only when every capitalised word it names them by is in that attribution
    ("Commander Brannock", not "Lena Brannock" nor "Mayor Lena Brannock")."""
    for k, attributed_to in said:
        if not attributed_to or not k.startswith("attribution: ") or k.startswith(("attribution: person ",
                                                                                  "attribution: office ")):
            continue
        who = _person(attributed_to)
        person = "attribution: person " + (who or "")
        if not who or person not in attrs:
            continue
        if quoted is not None:
            words = set(re.findall(r"[A-ZÀ-Ý][\w'’-]*", attributed_to))
            if not quoted.get(person) or not all(set(re.findall(r"[A-ZÀ-Ý][\w'’-]*", q)) <= words for q in quoted[person]):
                continue
        sets.union(k, person)


def _event_holders(context: list[tuple[str, str]], attrs: set[str], sets: "DisjointSets[str]") -> None:
    """A bare title the figure quotes ("the provincial governor") is the one person the
    event's reports name holding it, the title right before the name ("Governor Aurel
    Tannberg"; not "a former governor", "a critic of the governor"): two holders, or none,
    and it stays."""
    for title in [k[13:] for k in attrs if k.startswith("attribution: ") and k[13:] in OFFICES.values()]:
        holders = {k for k, a in context if k.startswith("attribution: person ")
                   and re.search(rf"\b{title}\.?\s+[A-ZÀ-Ý]", a, re.IGNORECASE)
                   and not (_OTHER_ONE | {"critic", "against", "opponent", "rival"}) & set(re.findall(r"[a-z]+", a.lower()))}
        if len(holders) == 1:
            sets.union("attribution: " + title, holders.pop())


def _relays(cs: list[_Claim], keys: dict[str, list[str]], sets: "DisjointSets[str]") -> None:
    """Unattributed reports that only repeat what one named source says relay it: no
    independent confirmation ("police said four were taken to hospital"; another outlet:
    "four were taken to hospital"). They join that source when it is the only named one
    stating every value they give; reports adding a value of their own stay apart."""
    values: dict[str, set] = defaultdict(set)
    named: set[str] = set()
    for c in cs:
        r = sets.root(keys[c.id][0])
        values[r].add(c.value)
        if keys[c.id][0].startswith("attribution: "):
            named.add(r)
    for r in [r for r in values if r not in named]:
        if None in values[r]:
            continue  # a vague report ("dozens") repeats no value
        givers = [n for n in named if values[r] <= values[n]]
        if len(givers) == 1:
            sets.union(givers[0], r)


def generic_voice(attribution: str) -> bool:
    """A generic voice a sentence's capital made look like a name ("Officials said ...",
    "Senior officials", "Statement"): see `generic_key`."""
    return generic_key(source_key(attribution))


def generic_key(key: str) -> bool:
    """A source key that is a generic voice: a person's key, or a short phrase no reader
    could check, whose last word is a generic one, and no body or office named (where they
    are does not name them: "officials in Tarvel")."""
    words = key.removeprefix("person ").split()
    place = next((i for i, w in enumerate(words) if w in ("in", "at", "from", "near") and i), None)
    if place is not None and not key.startswith("person "):  # "officials in Tarvel": where, not who
        words, key = words[:place], " ".join(words[:place])
    return bool(words) and words[-1] in GENERIC and not (set(words) & ORG_WORDS) and \
        (key.startswith("person ") or len(words) <= 2 and not checkable(key))


def named_sources(attributions: list[str]) -> list[str]:
    """The attributions that name a source a reader could ask (not "officials said", not an outlet)."""
    return [a for a in attributions if source_key(a) != UNNAMED and not is_outlet(a)]


def origin_name(keys: list[str], attributions: list[str], first_doc: str, label: dict[str, str]) -> str:
    """A readable name: the fullest named attribution, else the copies of the first document, else "unattributed reports"."""
    named = named_sources(attributions)
    if named:
        return max(named, key=len)
    if any(k.startswith("lineage: ") for k in keys):
        return f"copies of {label.get(first_doc, first_doc)}"
    return UNATTRIBUTED
