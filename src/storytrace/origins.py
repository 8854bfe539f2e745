"""Origins: who a figure independently comes from, counted so a fact-checker can defend it.

One job: group the claims of one figure into independent origins. Agreement is not
corroboration: four outlets repeating one ministry's number are one origin.

- One origin per primary source: an attribution ("according to Azerbaijani figures",
  "police said", a quotation's speaker) under any of its names — `source_key` reduces
  "the ministry", "Turkey's Foreign Ministry" and "the Ministry of Foreign Affairs of the
  Republic of Türkiye" to one key, "Cavusoglu" and "Turkish Foreign Minister Mevlut
  Cavusoglu" to one person — within a document and across the ledger.
- One copy lineage: a claim inside a copied passage shares its origin with every copy
  (and, through the union, with the attribution the passage carries).
- An unattributed claim outside copied text is its document's own reporting.
- Never more origins than documents: a document's own unattributed statement and a
  source quoted only there are one origin when counting would otherwise exceed it.

Each origin is reported with a readable `name` (its fullest attribution, else "copies
of <first document>", else the document), its values and documents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Optional, Protocol

from .unionfind import DisjointSets

_LEAD = re.compile(r"^(?:according\s+to|said|says|reported\s+by|citing|per|quoting|as\s+told\s+to)\s+", re.IGNORECASE)
_DET = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.IGNORECASE)
_COUNTRY_OF = re.compile(r"\s+of\s+(?:the\s+)?(?:republic\s+of\s+|kingdom\s+of\s+|state\s+of\s+|people's\s+republic\s+of\s+)?"
                         r"[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2}\s*$")
_POSSESSIVE = re.compile(r"^[A-ZÀ-Ý][\w'’.-]*(?:\s+[A-ZÀ-Ý][\w'’.-]*){0,2}['’]s\s+")
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


def source_key(attribution: str, doc_id: str = "") -> str:
    """One key per primary source, whatever the wording (see the module docstring). An
    unnamed source ("officials said") is known only within its document (`doc_id`)."""
    a = " ".join(attribution.split()).strip(" ,.;:\"'“”")
    a = _LEAD.sub("", a)
    a = _POSSESSIVE.sub("", a)  # "Turkey's Foreign Ministry" -> "Foreign Ministry"
    a = _DET.sub("", a)
    if re.search(r"\b(?:ministry|government|army|police|committee|office)\b", a, re.I) and not _TOPIC_OF.search(a):
        a = _COUNTRY_OF.sub("", a)  # "... of the Republic of Türkiye"
    low = a.lower()
    words = re.findall(r"[\w'’-]+", low)
    bare = [w for w in words if w not in NATIONALITIES]
    text = " ".join(bare)
    if "ministry" in words:
        topic = next((t for w, t in sorted(_MINISTRY_TOPIC.items(), key=lambda kv: -len(kv[0]))
                      if re.search(rf"\b{w}\b", text)), "")
        return f"ministry {topic}".strip()
    for inst in ("police", "army", "military", "fire service", "fire department", "red cross", "coast guard", "navy"):
        if re.search(rf"\b{inst}\b", text) and len(bare) <= 5:
            return inst
    toks = a.split()
    tail = []
    for w in reversed(toks):  # a name ends the phrase: "fire chief Amara Quell", "Kalın"
        if w[:1].isupper() and w.lower() not in _TITLES:
            tail.append(w)
        else:
            break
    if tail and len(toks) - len(tail) <= 4 and all(w.lower() in _TITLES or w.lower() in NATIONALITIES or w[:1].islower()
                                                    for w in toks[: len(toks) - len(tail)]):
        return "person " + tail[0].lower().strip("'’")
    if not bare or all(w in GENERIC or w in NATIONALITIES for w in words):
        return f"{' '.join(words) or 'unnamed'} in {doc_id}"
    return " ".join(words)


class _Claim(Protocol):
    id: str
    doc_id: str
    attributed_to: Optional[str]
    value: Optional[float]


def claim_keys(c: _Claim, lineage: dict[str, str]) -> list[str]:
    """What a claim's origin is known by: its attribution's key, the copy lineage of the
    passage that carries it, else its document alone."""
    keys = []
    if c.attributed_to:
        keys.append("attribution: " + source_key(c.attributed_to, c.doc_id))
    if c.id in lineage:
        keys.append("lineage: " + lineage[c.id])
    return keys or ["document: " + c.doc_id]


def origin_groups(cs: Iterable[_Claim], lineage: dict[str, str]) -> dict[str, str]:
    """claim id -> origin (a root key): claims sharing an attribution or a copy lineage
    have one origin; a bare institution ("ministry") joins the one fuller name of it
    among the figure's claims; never more origins than documents."""
    cs = list(cs)
    keys = {c.id: claim_keys(c, lineage) for c in cs}
    sets: DisjointSets[str] = DisjointSets()
    for ks in keys.values():
        for k in ks:
            sets.root(k)
        for k in ks[1:]:
            sets.union(ks[0], k)
    said: dict[tuple, str] = {}  # a document repeating a figure it attributes: the same origin
    for c in cs:
        if c.attributed_to:
            said.setdefault((c.doc_id, c.value), keys[c.id][0])
    for c in cs:
        k = said.get((c.doc_id, c.value))
        if k and not c.attributed_to:
            sets.union(k, keys[c.id][0])
    attrs = {k for ks in keys.values() for k in ks if k.startswith("attribution: ")}
    for k in attrs:  # "ministry" -> the one "ministry foreign affairs"
        fuller = [o for o in attrs if o != k and o.startswith(k + " ")]
        if len(fuller) == 1:
            sets.union(k, fuller[0])
    docs_of: dict[str, set] = defaultdict(set)
    for c in cs:
        docs_of[sets.root(keys[c.id][0])].add(c.doc_id)
    n_docs = len({c.doc_id for c in cs})
    if len(docs_of) > n_docs:  # a document's own statement and a source quoted only there: one
        alone: dict[str, list[str]] = defaultdict(list)
        for root, ds in docs_of.items():
            if len(ds) == 1:
                alone[next(iter(ds))].append(root)
        for roots in alone.values():
            for r in roots[1:]:
                sets.union(roots[0], r)
        roots = {sets.root(r) for r in docs_of}
        while len(roots) > n_docs:  # still more: join the two that share most documents
            merged: dict[str, set] = defaultdict(set)
            for r, ds in docs_of.items():
                merged[sets.root(r)] |= ds
            a, b = max(((x, y) for x in merged for y in merged if x < y), key=lambda p: len(merged[p[0]] & merged[p[1]]))
            sets.union(a, b)
            roots = {sets.root(r) for r in docs_of}
    return {c.id: sets.root(keys[c.id][0]) for c in cs}


def origin_name(keys: list[str], attributions: list[str], first_doc: str, label: dict[str, str]) -> str:
    """A readable name: the fullest attribution, else the copies of the first document, else the document."""
    if attributions:
        return max(attributions, key=len)
    if any(k.startswith("lineage: ") for k in keys):
        return f"copies of {label.get(first_doc, first_doc)}"
    return label.get(first_doc, first_doc)
