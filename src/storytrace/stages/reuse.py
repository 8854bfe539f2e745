"""The copy trail: which passages were copied between documents, and what was changed.

One job: the cross-document reuse stage. fingerprint.py finds candidate pairs of
documents through an inverted index; here each candidate pair is aligned word by word
to get the exact spans in both documents and the edits, and every link is oriented
from the earlier publication to the later one ("earlier", not "copied from": both may
copy an unseen source).

Alignment of a pair (align()):
1. anchors: every word pair (2-gram) the two texts share, except words pairs that
   occur more than ANCHOR_MAX times in either text ("of the");
2. chains: anchors in order in both texts with gaps of at most GAP words on each side
   (an inserted clause, a changed word) form one candidate passage; a reordered
   paragraph starts a new chain, so it becomes its own passage;
3. each chain is aligned word by word (Levenshtein opcodes, rapidfuzz) and trimmed to
   its first and last shared word. It is a passage when it has at least MIN_WORDS
   shared words (in order) making up at least MIN_DENSITY of its words. Why 16: a
   news sentence runs 20-30 words, while the stock formulas outlets share without
   copying each other ("We wish Allah's mercy upon ... and extend our condolences")
   share ten to fourteen words; 16 keeps one copied sentence and drops a formula;
4. the words that differ inside a passage are its edits: {"from", "to"} in the text's
   own spelling, with both offsets and `number: true` when a figure changed
   (116 -> 106), so the figures stage can tie the edit to the conflicting claims.

Kinds: `duplicate` (identical texts, collapsed onto the earliest copy, or one passage
covering both texts without edits), `boilerplate` (a short passage of page furniture:
a copyright or subscription notice, a site's standard line at the edge of two
documents of the same outlet), else `passage`. Lineages: documents joined by
passages or duplicates (not boilerplate) form a lineage, named by its earliest document.
Wire-agency markers (AP, Reuters, AFP, ...) of either document are kept as a hint.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional

import numpy as np
import xxhash
from rapidfuzz.distance import Levenshtein

from . import fingerprint
from ..text.numbers import find_numbers
from ..model import Reuse, make_id
from .plan import Components, Group, Plan, Read, Write
from ..unionfind import DisjointSets

ANCHOR_MAX = 4  # a word pair more frequent than this in a text is not an anchor
GAP = 12  # words allowed between two anchors of one passage, on each side
MIN_WORDS = 16  # shared words a passage needs (see the module docstring)
MIN_DENSITY = 0.5  # shared words / words of the passage (the longer side)
DUPLICATE_COVER = 0.95  # a passage covering this much of both texts, unedited, is a duplicate
BOILERPLATE_MAX = 60  # words: a furniture passage is short
FURNITURE_WORDS = 20  # a longer passage is furniture when it has a furniture phrase every 20 words
EDGE = 0.15  # share of a text at its start or end where a site's standard lines sit
EDIT_CHARS = 300  # longest edit text kept (longer insertions are cut, with "…")

_TOKEN = re.compile(r"\w+")
_NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
                        r"million|dozens?|scores?)\b", re.IGNORECASE)
_FURNITURE = re.compile(
    r"copyright|©|all rights reserved|may not be (?:re)?published|rewritten or redistributed|"
    r"subscribe\b|newsletter|sign up\b|our use of cookies|terms of (?:use|service)|privacy policy|"
    r"follow us\b|click here|hyperlinked|report a mistake|read more:|share this\b|"
    r"views expressed|not (?:necessarily )?those of|independent publisher|not a robot|"
    r"invalid email|please re-?enter|download (?:the|our) app",
    re.IGNORECASE,
)
_WIRE = re.compile(
    r"\((?:AP|Reuters|AFP|CNN|AA|dpa|UPI|PA|IANS|PTI|Xinhua|TASS|ANI)\)|"
    r"\b(?:Associated Press|Reuters|Agence France-Presse|AFP|Xinhua|Anadolu Agency|"
    r"AZERTAC|Press Association|Deutsche Presse-Agentur|Kyodo|Yonhap|Interfax|TASS|"
    r"United Press International|Bloomberg News)\b"
)
_WIRE_URL = re.compile(r"/wires?/(ap|afp|reuters|pa|ians)/", re.IGNORECASE)
_WIRE_NAMES = {"(ap)": "AP", "associated press": "AP", "(reuters)": "Reuters", "reuters": "Reuters",
               "(afp)": "AFP", "afp": "AFP", "agence france-presse": "AFP", "(cnn)": "CNN",
               "(aa)": "Anadolu Agency", "anadolu agency": "Anadolu Agency", "(xinhua)": "Xinhua",
               "xinhua": "Xinhua", "(pa)": "PA", "press association": "PA", "pa": "PA", "ap": "AP",
               "ians": "IANS", "(ians)": "IANS"}


# ----------------------------------------------------------------- one pair


@dataclass
class Tokens:
    """A text's lower-cased words with their character offsets, and its word-pair index."""

    words: list[str]
    starts: np.ndarray
    ends: np.ndarray
    pairs: dict[int, list[int]] = field(default_factory=dict)  # 2-gram hash -> positions

    @classmethod
    def of(cls, text: str) -> "Tokens":
        ms = list(_TOKEN.finditer(text))
        words = [m.group().lower() for m in ms]
        starts = np.fromiter((m.start() for m in ms), dtype=np.int64, count=len(ms))
        ends = np.fromiter((m.end() for m in ms), dtype=np.int64, count=len(ms))
        pairs: dict[int, list[int]] = {}
        for i in range(len(words) - 1):
            pairs.setdefault(hash((words[i], words[i + 1])), []).append(i)
        return cls(words, starts, ends, pairs)


@dataclass
class Passage:
    """One aligned passage between text a and text b (character offsets, edits a -> b)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int  # shared words
    score: float  # shared words / words of the longer side
    a_words: int
    b_words: int
    edits: list[dict[str, Any]]


def _anchors(a: Tokens, b: Tokens) -> list[tuple[int, int]]:
    out = []
    for key, bpos in b.pairs.items():
        apos = a.pairs.get(key)
        if apos is None or len(apos) > ANCHOR_MAX or len(bpos) > ANCHOR_MAX:
            continue
        for i in apos:
            if a.words[i] != b.words[bpos[0]] or a.words[i + 1] != b.words[bpos[0] + 1]:
                break  # a hash collision: not the same word pair
            for j in bpos:
                out.append((i, j))
    out.sort()
    return out


def _chains(anchors: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Anchors in order on both sides, gaps of at most GAP words: one chain per passage."""
    chains: list[list[tuple[int, int]]] = []
    active: list[int] = []  # indexes of chains that may still grow
    for i, j in anchors:
        best, best_cost = -1, None
        still = []
        for c in active:
            li, lj = chains[c][-1]
            if i - li > GAP + 2:
                continue  # too far behind: closed
            still.append(c)
            di, dj = i - li, j - lj
            if 0 < di <= GAP + 2 and 0 < dj <= GAP + 2:
                cost = abs(di - dj)
                if best_cost is None or cost < best_cost or (cost == best_cost and len(chains[c]) > len(chains[best])):
                    best, best_cost = c, cost
        active = still
        if best >= 0:
            chains[best].append((i, j))
        else:
            chains.append([(i, j)])
            active.append(len(chains) - 1)
    return [c for c in chains if len(c) * 2 >= MIN_WORDS // 2]


def align(text_a: str, text_b: str, ta: Optional[Tokens] = None, tb: Optional[Tokens] = None) -> list[Passage]:
    """The passages text_b shares with text_a, with their edits (a -> b)."""
    ta = ta or Tokens.of(text_a)
    tb = tb or Tokens.of(text_b)
    found: list[Passage] = []
    for chain in _chains(_anchors(ta, tb)):
        i0, j0 = chain[0]
        i1, j1 = chain[-1][0] + 2, chain[-1][1] + 2
        p = _passage(text_a, text_b, ta, tb, i0, i1, j0, j1)
        if p is not None:
            found.append(p)
    return _drop_overlaps(found)


def _passage(text_a: str, text_b: str, ta: Tokens, tb: Tokens, i0: int, i1: int, j0: int, j1: int) -> Optional[Passage]:
    wa, wb = ta.words[i0:i1], tb.words[j0:j1]
    ops = Levenshtein.opcodes(wa, wb)
    equal = _trim([(o.src_start, o.src_end, o.dest_start, o.dest_end) for o in ops if o.tag == "equal"], wa)
    shared = sum(e[1] - e[0] for e in equal)
    if shared < MIN_WORDS:
        return None
    # trim to the first and last shared word
    fa, fb = equal[0][0], equal[0][2]
    la, lb = equal[-1][1], equal[-1][3]
    n_a, n_b = la - fa, lb - fb
    score = shared / max(n_a, n_b)
    if score < MIN_DENSITY:
        return None
    edits = []
    for o in ops:
        if o.tag == "equal" or o.src_start < fa or o.src_end > la or o.dest_start < fb or o.dest_end > lb:
            continue
        edits.append(_edit(text_a, text_b, ta, tb, i0 + o.src_start, i0 + o.src_end, j0 + o.dest_start, j0 + o.dest_end))
    a0, a1, b0, b1 = i0 + fa, i0 + la, j0 + fb, j0 + lb
    # a figure changed right at the edge of the copy ("97 people were ..." -> "86 people were ...")
    # is outside the shared words; it belongs to the passage and is its most telling edit
    ra, rb = _number_run(text_a, ta, a0, -1), _number_run(text_b, tb, b0, -1)
    if ra and rb and text_a[ta.starts[ra[0]] : ta.ends[ra[1] - 1]] != text_b[tb.starts[rb[0]] : tb.ends[rb[1] - 1]]:
        edits.insert(0, _edit(text_a, text_b, ta, tb, ra[0], ra[1], rb[0], rb[1]))
        a0, b0 = ra[0], rb[0]
    ra, rb = _number_run(text_a, ta, a1 - 1, 1), _number_run(text_b, tb, b1 - 1, 1)
    if ra and rb and text_a[ta.starts[ra[0]] : ta.ends[ra[1] - 1]] != text_b[tb.starts[rb[0]] : tb.ends[rb[1] - 1]]:
        edits.append(_edit(text_a, text_b, ta, tb, ra[0], ra[1], rb[0], rb[1]))
        a1, b1 = ra[1], rb[1]
    edits = _merge_edits(edits)
    return Passage(
        int(ta.starts[a0]), int(ta.ends[a1 - 1]), int(tb.starts[b0]), int(tb.ends[b1 - 1]),
        shared, round(score, 3), n_a, n_b, edits,
    )


def _number_run(text: str, t: Tokens, at: int, step: int) -> Optional[tuple[int, int]]:
    """The tokens of the number written next to token `at` (before it: step -1; after: +1),
    joined by "," or "." ("8,714,487"), as (first, end) token indexes; None if none."""
    k = at + step
    if not (0 <= k < len(t.words)) or not t.words[k].isdigit():
        return None
    lo = hi = k
    while lo > 0 and t.words[lo - 1].isdigit() and text[t.ends[lo - 1] : t.starts[lo]] in (",", "."):
        lo -= 1
    while hi + 1 < len(t.words) and t.words[hi + 1].isdigit() and text[t.ends[hi] : t.starts[hi + 1]] in (",", "."):
        hi += 1
    if (step < 0 and text[t.ends[hi] : t.starts[at]].strip()) or (step > 0 and text[t.ends[at] : t.starts[lo]].strip()):
        return None  # punctuation between: not the same phrase
    return lo, hi + 1


def _trim(equal: list[tuple[int, int, int, int]], wa: list[str]) -> list[tuple[int, int, int, int]]:
    """Drop weak matches at a passage's ends: runs of function words only ("on the ...
    of the" before the copied sentence starts), and one- or two-word matches separated
    from the passage by a gap longer than themselves."""

    def gap(x: tuple[int, int, int, int], y: tuple[int, int, int, int]) -> int:
        return max(y[0] - x[1], y[2] - x[3])

    def weak(run: tuple[int, int, int, int], gap_to_rest: int) -> bool:
        n = run[1] - run[0]
        return all(w in _FUNCTION_WORDS for w in wa[run[0] : run[1]]) or (n < 3 and gap_to_rest > n)

    while len(equal) > 1 and weak(equal[0], gap(equal[0], equal[1])):
        equal = equal[1:]
    while len(equal) > 1 and weak(equal[-1], gap(equal[-2], equal[-1])):
        equal = equal[:-1]
    return equal


_FUNCTION_WORDS = frozenset(
    "a an the of on in at to for from by with and or but as is was were be been are it its this that "
    "these those which who whom whose than then there their they he she his her we our you your i s "
    "not no so if into over after before during while about up out".split()
)


def _edit(text_a: str, text_b: str, ta: Tokens, tb: Tokens, s0: int, s1: int, d0: int, d1: int) -> dict[str, Any]:
    if s1 > s0:
        a0, a1 = int(ta.starts[s0]), int(ta.ends[s1 - 1])
    else:  # an insertion: a point after the previous word
        a0 = a1 = int(ta.ends[s0 - 1]) if s0 > 0 else int(ta.starts[s0])
    if d1 > d0:
        b0, b1 = int(tb.starts[d0]), int(tb.ends[d1 - 1])
    else:
        b0 = b1 = int(tb.ends[d0 - 1]) if d0 > 0 else int(tb.starts[d0])
    return {"from": text_a[a0:a1], "to": text_b[b0:b1], "source_start": a0, "source_end": a1,
            "target_start": b0, "target_end": b1}


def _merge_edits(edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Adjacent edits (a replace next to an insertion) become one; long texts are cut."""
    out: list[dict[str, Any]] = []
    for e in edits:
        if out and e["source_start"] <= out[-1]["source_end"] + 1 and e["target_start"] <= out[-1]["target_end"] + 1:
            last = out[-1]
            last["source_end"], last["target_end"] = max(last["source_end"], e["source_end"]), max(last["target_end"], e["target_end"])
            last["_merge"] = True
        else:
            out.append(dict(e))
    return out


def finish_edits(edits: list[dict[str, Any]], text_a: str, text_b: str) -> list[dict[str, Any]]:
    out = []
    for e in edits:
        e.pop("_merge", None)
        e["from"] = _cut(text_a[e["source_start"] : e["source_end"]])
        e["to"] = _cut(text_b[e["target_start"] : e["target_end"]])
        if count_edit(e["from"], e["to"]):
            e["number"] = True
        out.append(e)
    return out


def count_edit(a: str, b: str) -> bool:
    """Did the edit change a count ("11" -> "14", "six" -> "seven")? Not a year or date added
    ("" -> "1992"), not words ("capsized" -> "sank"): both sides must state a count, and
    the counts differ."""
    if not (_NUMBERISH.search(a) and _NUMBERISH.search(b)):
        return False
    ca = [n.value for n in find_numbers(a) if n.kind == "count"]
    cb = [n.value for n in find_numbers(b) if n.kind == "count"]
    return bool(ca and cb and ca != cb)


def _cut(s: str) -> str:
    return s if len(s) <= EDIT_CHARS else s[: EDIT_CHARS - 1] + "…"


def _drop_overlaps(ps: list[Passage]) -> list[Passage]:
    """Keep the best of passages that cover mostly the same words on both sides."""
    ps.sort(key=lambda p: (-p.words, p.a_start, p.b_start))
    kept: list[Passage] = []
    for p in ps:
        if any(_overlap(p.a_start, p.a_end, k.a_start, k.a_end) > 0.5 and _overlap(p.b_start, p.b_end, k.b_start, k.b_end) > 0.5
               for k in kept):
            continue
        kept.append(p)
    return sorted(kept, key=lambda p: (p.a_start, p.b_start))


def _overlap(s0: int, e0: int, s1: int, e1: int) -> float:
    inter = min(e0, e1) - max(s0, s1)
    return inter / max(1, min(e0 - s0, e1 - s1)) if inter > 0 else 0.0


def wire_hints(text: str, url: Optional[str] = None) -> list[str]:
    """Wire agencies a document names at its start or end ("(AP)", "Reuters", "AFP") or in its URL."""
    zone = text[:400] + "\n" + text[-400:] if len(text) > 800 else text
    found = {_WIRE_NAMES.get(m.group().lower(), m.group().strip("()")) for m in _WIRE.finditer(zone)}
    if url:
        found |= {_WIRE_NAMES.get(m.group(1).lower(), m.group(1).upper()) for m in _WIRE_URL.finditer(url)}
    return sorted(found)


# ----------------------------------------------------------------- the stage


@dataclass
class DocInfo:
    """What the stage keeps of a document while it runs (its text is fetched on demand)."""

    id: str
    rowid: int
    published: Optional[str] = None  # ISO date or datetime
    low: Optional[str] = None  # the range its date evidence allows (ISO dates, None: open)
    high: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    source: str = ""
    wire: list[str] = field(default_factory=list)

    def key(self) -> tuple:
        """Sort key in publication order: dated by their earliest possible day, undated last."""
        return (self.low or (self.published or "")[:10] or "9999", self.published or "", self.source, self.id)


def find_reuse(
    docs: list[DocInfo],
    fetch: Callable[[int], str],
    texts: Optional[Iterable[tuple[int, str]]] = None,
    cache: int = 4096,
) -> list[Reuse]:
    """All reuse links among `docs`, oriented earlier -> later. fetch(rowid) returns a
    document's text; `texts` streams (rowid, text) once for fingerprinting (default:
    fetch each)."""
    docs = sorted(docs, key=DocInfo.key)  # numbered in publication order, undated last
    by_rowid = {d.rowid: n for n, d in enumerate(docs)}
    index = fingerprint.Index()
    first_with: dict[str, int] = {}  # text digest -> first document with that text
    duplicates: list[tuple[int, int]] = []
    stream = texts if texts is not None else ((d.rowid, fetch(d.rowid)) for d in docs)
    for rowid, text in stream:
        n = by_rowid[rowid]
        d = docs[n]
        d.wire = wire_hints(text, d.url)
        digest = text_digest(text)
        if digest in first_with:
            duplicates.append((first_with[digest], n))
            continue
        first_with[digest] = n
        index.add(n, fingerprint.fingerprints(text))
    del first_with
    pairs = index.candidates()
    links: list[Reuse] = []
    for a, b in duplicates:
        a, b = min(a, b), max(a, b)
        links.append(duplicate_link(docs[a], docs[b], fetch(docs[a].rowid)))
    tokens: "OrderedDict[int, tuple[str, Tokens]]" = OrderedDict()

    def get(n: int) -> tuple[str, Tokens]:
        if n in tokens:
            tokens.move_to_end(n)
            return tokens[n]
        text = fetch(docs[n].rowid)
        tokens[n] = (text, Tokens.of(text))
        if len(tokens) > cache:
            tokens.popitem(last=False)
        return tokens[n]

    for a, b, _shared in pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))] if len(pairs) else []:
        text_a, ta = get(int(a))
        text_b, tb = get(int(b))
        links.extend(pair_links(docs[int(a)], docs[int(b)], text_a, text_b, ta, tb))
    orient(links, {d.id: d for d in docs})
    return links


def text_digest(text: str) -> str:
    """What makes two texts one: the digest of the text without its outer whitespace."""
    return xxhash.xxh3_128_hexdigest(text.strip().encode("utf-8", "surrogatepass"))


def duplicate_link(a: DocInfo, b: DocInfo, text: str) -> Reuse:
    """The link of b, whose text is a's (`text`), to a: one passage over the whole text."""
    whole = Passage(0, len(text), 0, len(text), len(Tokens.of(text).words), 1.0, 0, 0, [])
    return _link(a, b, whole, "duplicate", text, text)


def pair_links(a: DocInfo, b: DocInfo, text_a: str, text_b: str, ta: Optional[Tokens] = None,
               tb: Optional[Tokens] = None) -> list[Reuse]:
    """The links of a candidate pair: each passage the two texts share, with its kind
    (passage, duplicate, boilerplate), stored a -> b (not yet oriented)."""
    ta = ta or Tokens.of(text_a)
    tb = tb or Tokens.of(text_b)
    found = align(text_a, text_b, ta, tb)
    solo = len(found) == 1
    return [_link(a, b, p, _kind(p, a, b, text_a, text_b, ta, tb, solo), text_a, text_b) for p in found]


def lineage_id(earliest_doc: str) -> str:
    """A lineage's id: named by its earliest document."""
    return make_id("lineage", earliest_doc)


def _kind(p: Passage, da: DocInfo, db: DocInfo, text_a: str, text_b: str, ta: Tokens, tb: Tokens, solo: bool) -> str:
    if p.score >= 0.999 and p.a_words >= DUPLICATE_COVER * len(ta.words) and p.b_words >= DUPLICATE_COVER * len(tb.words):
        return "duplicate"
    furniture = max(len(_FURNITURE.findall(text_a[p.a_start : p.a_end])), len(_FURNITURE.findall(text_b[p.b_start : p.b_end])))
    if furniture and (max(p.a_words, p.b_words) <= BOILERPLATE_MAX or furniture * FURNITURE_WORDS >= p.words):
        return "boilerplate"
    if max(p.a_words, p.b_words) <= BOILERPLATE_MAX:
        if solo and da.outlet and da.outlet == db.outlet and _at_edge(p.a_start, p.a_end, len(text_a)) and _at_edge(p.b_start, p.b_end, len(text_b)):
            return "boilerplate"
    return "passage"


def _at_edge(s: int, e: int, n: int) -> bool:
    return s <= EDGE * n or e >= (1 - EDGE) * n


def _before(a: DocInfo, b: DocInfo) -> bool:
    """a was certainly published before b: its latest possible day precedes b's earliest,
    or both carry a time on the same day."""
    a_high = a.high or (a.published[:10] if a.published else None)
    b_low = b.low or (b.published[:10] if b.published else None)
    if a_high and b_low and a_high < b_low:
        return True
    if a.published and b.published and a.published[:10] == b.published[:10] and "T" in a.published and "T" in b.published:
        return a.published < b.published
    return False


def copy_order(a: DocInfo, b: DocInfo) -> tuple[bool, str]:
    """(swap, direction) for a link stored a -> b: direction `dates` when the dates order
    them, `same_day`, or `undated` (the order is then only the publication sort key)."""
    if _before(a, b):
        return False, "dates"
    if _before(b, a):
        return True, "dates"
    swap = b.key() < a.key()
    if a.published and b.published and a.published[:10] == b.published[:10]:
        return swap, "same_day"
    return swap, "undated"


def orient(links: list[Reuse], info: dict[str, DocInfo]) -> None:
    """Point every link from the earlier document to the later one (swapping spans and
    edits where needed), say how the order is known, and name the lineages."""
    for r in links:
        orient_link(r, info[r.source_doc], info[r.target_doc])
    lineage_sets(links, sorted(info.values(), key=DocInfo.key))


def orient_link(r: Reuse, a: DocInfo, b: DocInfo) -> None:
    """Point one link (stored a -> b) from the earlier document to the later one, swapping
    its spans and edits where needed, and say how the order is known (`direction`)."""
    swap, r.direction = copy_order(a, b)
    if swap:
        r.source_doc, r.target_doc = r.target_doc, r.source_doc
        r.source_start, r.target_start = r.target_start, r.source_start
        r.source_end, r.target_end = r.target_end, r.source_end
        edits = json.loads(r.edits)
        for e in edits:
            e["from"], e["to"] = e["to"], e["from"]
            e["source_start"], e["target_start"] = e["target_start"], e["source_start"]
            e["source_end"], e["target_end"] = e["target_end"], e["source_end"]
        r.edits = json.dumps(edits, ensure_ascii=False)


def _link(a: DocInfo, b: DocInfo, p: Passage, kind: str, text_a: str, text_b: str) -> Reuse:
    edits = finish_edits(p.edits, text_a, text_b)
    ends = sorted([(a.id, p.a_start, p.a_end), (b.id, p.b_start, p.b_end)])
    return Reuse(
        id=make_id("reuse", *ends[0], *ends[1]),  # the same whichever way the link points
        source_doc=a.id,
        target_doc=b.id,
        source_start=p.a_start,
        source_end=p.a_end,
        target_start=p.b_start,
        target_end=p.b_end,
        score=p.score,
        edits=json.dumps(edits, ensure_ascii=False),
        kind=kind,
        words=p.words,
        wire=json.dumps(sorted(set(a.wire) | set(b.wire))) if (a.wire or b.wire) else None,
    )


def lineage_sets(links: list[Reuse], docs: list[DocInfo]) -> None:
    """Name each link's lineage: documents joined by passages or duplicates, by the earliest of them."""
    number = {d.id: n for n, d in enumerate(docs)}
    sets: DisjointSets[int] = DisjointSets()  # the root is the earliest document
    for r in links:
        if r.kind != "boilerplate":
            sets.union(number[r.source_doc], number[r.target_doc])
    for r in links:
        r.lineage = lineage_id(docs[sets.root(number[r.source_doc])].id) if r.kind != "boilerplate" else None


_DOC_COLUMNS = "rowid, id, published, published_low, published_high, outlet, url, source"


def _doc_infos(db: Any) -> list[DocInfo]:
    return [DocInfo(id=id_, rowid=rowid, published=published, low=low, high=high, outlet=outlet, url=url, source=source or "")
            for rowid, id_, published, low, high, outlet, url, source in db.execute(f"select {_DOC_COLUMNS} from documents")]


def _write(db: Any, links: list[Reuse]) -> dict[str, int]:
    db.execute("delete from reuse")
    db["reuse"].insert_all((r.row() for r in links), pk="id", alter=True)
    counts: dict[str, int] = {}
    for r in links:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    return counts


def reuse_stage(db: Any) -> dict[str, int]:
    """The cross-document stage: (re)write the `reuse` table from the ledger's documents."""
    docs = _doc_infos(db)

    def fetch(rowid: int) -> str:
        return db.execute("select text from documents where rowid = ?", [rowid]).fetchone()[0]

    texts = (tuple(r) for r in db.execute("select rowid, text from documents"))
    return _write(db, find_reuse(docs, fetch, texts))


# ----------------------------------------------------------------- direction, declared once
# After the dating stages: every stored link re-oriented with all the dates now known, and
# its lineage named again (no re-alignment). Records: LinkRow, DocRow (read), Oriented.


class LinkRow(NamedTuple):
    """A stored link (the reuse table's columns, model.Reuse) and its position."""

    id: str
    source_doc: str
    target_doc: str
    source_start: int
    source_end: int
    target_start: int
    target_end: int
    score: float
    edits: str
    kind: str
    words: int
    direction: Optional[str]
    wire: Optional[str]
    lineage: Optional[str]
    position: int


class DocRow(NamedTuple):
    """What orienting a link needs of a document (DocInfo's columns)."""

    id: str
    published: Optional[str]
    published_low: Optional[str]
    published_high: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    source: Optional[str]


# (records carry no methods: PySpark's optional namedtuple patch rebuilds them as plain namedtuples)
def _link_of(r: LinkRow) -> Reuse:
    return Reuse(**{c: getattr(r, c) for c in Reuse.columns()})


def _info_of(d: DocRow) -> DocInfo:
    return DocInfo(id=d.id, rowid=0, published=d.published, low=d.published_low, high=d.published_high,
                   outlet=d.outlet, url=d.url, source=d.source or "")


class SourceLink(NamedTuple):
    link: LinkRow
    source: DocRow


class Oriented(NamedTuple):
    position: int
    link: Reuse


DOC_INFO_QUERY = "select id, published, published_low, published_high, outlet, url, source from documents"
LINKS_QUERY = f"select {', '.join(f'[{c}]' for c in Reuse.columns())} from reuse"


def _with_source(_doc: str, links: list[LinkRow], docs: list[DocRow]) -> Iterator[SourceLink]:
    for link in links:
        yield SourceLink(link, docs[0])


def _oriented(_doc: str, halves: list[SourceLink], docs: list[DocRow]) -> Iterator[Oriented]:
    for link, source in halves:
        r = _link_of(link)
        orient_link(r, _info_of(source), _info_of(docs[0]))
        yield Oriented(link.position, r)


def _named(_doc: str, links: list[Oriented], roots: list[tuple]) -> Iterator[Oriented]:
    root = roots[0][1] if roots else None
    for x in links:
        x.link.lineage = lineage_id(root) if x.link.kind != "boilerplate" and root is not None else None
        yield x


def _lineage_edge(x: Oriented) -> Optional[tuple[str, str]]:
    return (x.link.source_doc, x.link.target_doc) if x.link.kind != "boilerplate" else None


def _as_rows(rows: Iterable[tuple]) -> Iterator[tuple]:
    return (tuple(r) for r in rows)


#: The direction stage: reuse.direction, the links' ends in time order, reuse.lineage.
DIRECTION = Plan(
    name="direction",
    reads=(Read("links", LINKS_QUERY, LinkRow),
           Read("docs", DOC_INFO_QUERY, DocRow, rows=_as_rows)),
    steps=(
        Group("with_source", [("links", lambda r: r.source_doc), ("docs", lambda d: d.id)], _with_source),
        Group("oriented", [("with_source", lambda x: x.link.target_doc), ("docs", lambda d: d.id)], _oriented),
        Components("roots", ("oriented", _lineage_edge), ("docs", lambda d: (d.id, _info_of(d).key()))),
        Group("named", [("oriented", lambda x: x.link.source_doc), ("roots", lambda r: r[0])], _named),
    ),
    writes=(Write("reuse", ["named"], order=lambda x: x.position, row=lambda x: x.link.row()),),
    requires=("reuse", "choose dates"),
)
