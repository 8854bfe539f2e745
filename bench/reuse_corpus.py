"""Generate a reuse benchmark corpus: synthetic host articles with planted copies.

One job: write DIR/docs.jsonl (news-please-like records) and DIR/truth.jsonl (one
line per planted copy, with its exact spans and edits) so that passage-level reuse
detection can be scored at any size.

    python bench/reuse_corpus.py --docs 10000 --out /tmp/reuse10k [--seed 1] [--check-shared]

Host text comes from a word bigram (order-1 Markov) chain trained on the sentences of
../shared/corpora (news_cluster_dev, ecbplus, seeds). Real sentences are never
emitted as such: every number is re-drawn (same shape), and most content words (those
outside the 250 most frequent) are replaced by a random word of the same shape class
(capitalised, -ing, -ed, -ly, -ion, -s, other) from the corpus vocabulary plus
synthetic names, and after a rare word (under 4 distinct successors) the chain often
jumps to a random word, so two hosts share (next to) no run of 8 words except what is
planted (`--check-shared` counts the 8-, 12- and 20-grams shared between host texts).

Planted, all recorded in truth.jsonl ("kind", "group", "source_id", "target_id",
"source_text", "target_text", "source_start", "source_end", "target_start",
"target_end" as offsets into the record's "text", "edits", "pieces", "mode"):
- passages ("passage"): 1-5 consecutive sentences (25-200 words) of an earlier host,
  inserted as a paragraph of a later host; verbatim (20 %), 1-4 edits (70 %) or
  heavily edited (10 %, at most 35 % of the words changed). Edits: number changes and
  word swaps {"op", "from", "to"}, insertions of a 2-8 word clause, deletions of 1-6
  words, and sentence reordering. A reordered copy is recorded as one unit (its span
  covers the whole copied paragraph) and, in "pieces", sentence by sentence.
  About 30 % of hosts receive one; some receive 2-3 from different sources. A host is
  the source of at most one such passage, and passages come from a host's own text,
  never from text planted into it, so there is no unrecorded transitive reuse.
- heavy reprints ("passage", same "group"): one passage per 1,000 hosts copied into
  50-300 later hosts (at most a tenth of the corpus), verbatim or lightly edited.
- duplicates ("duplicate"): a few whole hosts (with no other plant) re-published
  verbatim under another outlet and URL, a little later.
- boilerplate ("boilerplate"): every document of a few outlets ends with that outlet's
  own footer paragraph; one truth line per document links it to the outlet's earliest.

Documents are written in a random order, not publication order. Generation streams
(the chain, the plan and pending truth halves stay in memory, texts do not), and is
deterministic for a given --seed and the same shared corpora.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Iterator, Optional

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
N_OUTLETS = 200
N_FUNCTION = 250  # the most frequent words are kept as they are (the grammar's skeleton)
P_SUBSTITUTE = 0.95  # chance that a content word is replaced by a same-class random word
P_NUMBER = 0.03  # chance that a content word becomes a number instead (news is full of them)
P_BACKOFF = 0.5  # chance of a jump to a random word after a word with few distinct successors
START = datetime(2022, 1, 1)
SPAN_S = 730 * 86400

_TOK = re.compile(r"\$|\d+(?:[.,]\d+)*|[A-Za-z]+(?:['\-.][A-Za-z]+)*|[.,;:!?%]")
_NO_SPACE_BEFORE = frozenset(".,;:!?%")
_TERMINAL = frozenset(".!?")
_ASCII_MAP = str.maketrans({"’": "'", "‘": "'", "“": "", "”": "", '"': "", "–": ",", "—": ",", "…": "."})
WORDS = re.compile(r"\w+")  # the tokens storytrace.stages.fingerprint hashes
# page-furniture vocabulary stays at its natural rate: drawn uniformly from the pools,
# these words would sit in one sentence in five and turn copies into "boilerplate"
_FURNITURE_WORD = re.compile(r"(?i)(?:copyright|newsletter|subscri|cookie|advertis|sponsor|disclaimer|privacy)")


# ------------------------------------------------------------------ the chain


_HYPHEN_CHAIN = re.compile(r"\w+(?:-\w+){2,}")  # "no-big-deal-if-it's-destroyed": a slug, not a word


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_MAP))
    text = _HYPHEN_CHAIN.sub(lambda m: m.group().replace("-", " "), text)
    return text.encode("ascii", "ignore").decode("ascii")


def _training_texts(shared: Path) -> Iterator[str]:
    for name in ("news_cluster_dev.jsonl", "ecbplus.jsonl"):
        with open(shared / name, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    text = json.loads(line).get("text")
                    if isinstance(text, str):
                        yield text
    for p in sorted((shared / "seeds").glob("*.txt")):
        yield re.sub(r"\A\s*date\s+\d{4}-\d{2}-\d{2}\s*", "", p.read_text(encoding="utf-8"))


def _sentences(text: str) -> list[str]:
    try:
        from storytrace.ingest.clean import IngestError, clean_text
        from storytrace.text.sentences import sentences

        try:
            text = clean_text(text).text
        except IngestError:
            return []
        return [text[a:b] for a, b in sentences(text)]
    except ImportError:  # without storytrace: a plain splitter is good enough for training
        return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _is_number(tok: str) -> bool:
    return tok[0].isdigit()


def _is_word(tok: str) -> bool:  # a word or a number, not punctuation
    return tok[0].isalnum()


def _shape_class(tok: str) -> str:
    if tok[0].isupper():
        return "ACR" if tok.isupper() and len(tok) <= 5 else "Cap"
    low = tok.lower()
    for suf in ("ing", "ed", "ly", "ion", "s"):
        if low.endswith(suf):
            return suf
    return "x"


def _synthetic_names(n: int, rng: random.Random) -> list[str]:
    onsets = ["b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "kl", "l", "m", "n", "p", "r", "s", "st", "t", "tr", "v", "z"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    codas = ["", "", "n", "r", "l", "s", "th", "nd", "rk", "m"]
    names: set[str] = set()
    while len(names) < n:
        w = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice((2, 2, 3))))
        names.add(w.capitalize())
    return sorted(names)


class Model:
    """Word bigram chain with shape-class substitution pools. Built once, read-only."""

    BOS = 0
    EOS = -1

    def __init__(self, shared: Path = SHARED):
        vocab: dict[str, int] = {"<s>": 0}
        succ: list[list[int]] = [[]]
        freq: Counter = Counter()
        for text in _training_texts(shared):
            for sent in _sentences(_ascii(text)):
                toks = _TOK.findall(sent)
                while toks and not _is_word(toks[0]):
                    toks.pop(0)
                if sum(map(_is_word, toks)) < 5:
                    continue
                if toks[-1] not in _TERMINAL:
                    toks.append(".")
                ids = []
                for t in toks:
                    if t not in vocab:
                        vocab[t] = len(succ)
                        succ.append([])
                    ids.append(vocab[t])
                    if t[0].isalpha():
                        freq[t.lower()] += 1
                prev = self.BOS
                for i in ids:
                    succ[prev].append(i)
                    prev = i
                succ[prev].append(self.EOS)
        self.words = list(vocab)  # in id order: dicts keep insertion order
        self.succ = succ
        # after a word seen with under 4 distinct successors, sometimes jump to a
        # unigram draw: breaks the long deterministic runs rare words give
        self.unigram = [i for row in succ[1:] for i in row if i != self.EOS]
        self.narrow = [len(set(row)) < 4 for row in succ]
        self.narrow[self.BOS] = False
        self.function = {w for w, _ in freq.most_common(N_FUNCTION)}
        rng = random.Random(20240521)
        pools: dict[str, list[str]] = defaultdict(list)
        for t in sorted(vocab):
            if t[0].isalpha() and t.lower() not in self.function and len(t) >= 3 and not _FURNITURE_WORD.match(t):
                pools[_shape_class(t)].append(t)
        pools["Cap"].extend(_synthetic_names(10000, rng))
        self.pools = dict(pools)
        # per token id: its substitution pool (content words), or None
        self.pool_of: list[Optional[list[str]]] = [
            self.pools.get(_shape_class(t)) if t[:1].isalpha() and t.lower() not in self.function else None
            for t in self.words
        ]
        self.is_num = [bool(t) and t[0].isdigit() for t in self.words]
        self.is_word = [bool(t) and t[0].isalnum() for t in self.words]

    # -- text pieces -------------------------------------------------------------

    def sentence(self, rng: random.Random, min_words: int = 6, max_words: int = 40) -> list[str]:
        """One sentence as tokens (words, numbers, punctuation), ending with . ! or ?"""
        rnd = rng.random
        succ, words, pool_of, is_num, is_word = self.succ, self.words, self.pool_of, self.is_num, self.is_word
        narrow, unigram = self.narrow, self.unigram
        while True:
            out: list[str] = []
            state, n = self.BOS, 0
            while True:
                if narrow[state] and rnd() < P_BACKOFF:
                    i = unigram[int(rnd() * len(unigram))]
                else:
                    nxt = succ[state]
                    i = nxt[int(rnd() * len(nxt))]
                if i == self.EOS:
                    break
                state = i
                if is_num[i]:
                    out.append(redraw_number(words[i], rng))
                else:
                    pool = pool_of[i]
                    if pool is None:
                        out.append(words[i])
                    elif rnd() < P_NUMBER:
                        out.append(redraw_number(rng.choice(_NUMBER_SHAPES), rng))
                    else:
                        out.append(pool[int(rnd() * len(pool))] if rnd() < P_SUBSTITUTE else words[i])
                if is_word[i]:
                    n += 1
                    if n >= max_words:
                        break
            while out and not _is_word(out[-1]):
                out.pop()
            n = sum(map(_is_word, out))
            if n < min_words or not out or not _is_word(out[0]):
                continue
            out.append("." if rnd() < 0.97 else "?")
            out[0] = out[0][0].upper() + out[0][1:]
            return out

    def clause(self, rng: random.Random, lo: int = 2, hi: int = 8) -> list[str]:
        """A run of lo..hi words (no punctuation) for an insertion."""
        want = rng.randint(lo, hi)
        while True:
            toks = self.sentence(rng, min_words=want + 1)
            runs = [r for r in (list(g) for w, g in groupby(toks[1:], _is_word) if w) if len(r) >= want]
            if runs:
                r = rng.choice(runs)
                k = rng.randint(0, len(r) - want)
                return r[k : k + want]

    def swap_word(self, tok: str, rng: random.Random) -> str:
        pool = self.pools.get(_shape_class(tok)) or self.pools["x"]
        while True:
            w = pool[int(rng.random() * len(pool))]
            if w.lower() != tok.lower():
                return w


_NUMBER_SHAPES = ("7", "12", "45", "300", "2,000", "15,000", "3.5", "2019", "1,200,000", "0.25")


def redraw_number(tok: str, rng: random.Random) -> str:
    """A random number of the same shape: years stay years, digit counts stay."""
    digits = tok.replace(",", "")
    whole, _, frac = digits.partition(".")
    if len(whole) == 4 and whole[:2] in ("19", "20") and not frac:
        return str(rng.randint(1990, 2024))
    d = max(1, min(len(whole), 9))
    n = rng.randint(10 ** (d - 1) if d > 1 else 0, 10**d - 1)
    s = f"{n:,}" if "," in tok else str(n)
    if frac:
        s += "." + "".join(str(rng.randint(0, 9)) for _ in frac)
    return s


def detok(tokens: list[str]) -> str:
    out: list[str] = []
    for k, t in enumerate(tokens):
        out.append(t if k == 0 or t in _NO_SPACE_BEFORE or tokens[k - 1] == "$" else " " + t)
    return "".join(out)


@lru_cache(maxsize=1)
def model(shared: str = str(SHARED)) -> Model:
    return Model(Path(shared))


# ------------------------------------------------------------------ the plan


def _rng(seed: int, *key: object) -> random.Random:
    return random.Random(":".join(map(str, (seed,) + key)))


class Corpus:
    """The plan (who copies what from whom) and the pure per-document generators."""

    def __init__(self, n_docs: int, seed: int = 1, shared: Path = SHARED):
        self.n, self.seed = n_docs, seed
        self.m = model(str(shared))
        rng = _rng(seed, "plan")
        n = n_docs
        self.ids = [hashlib.sha1(f"{seed}:{i}".encode()).hexdigest()[:16] for i in range(n)]
        self.secs = [rng.randrange(SPAN_S) | 1 for _ in range(n)]  # odd: never a bare midnight
        n_outlets = min(N_OUTLETS, max(10, n // 20))
        self.outlet_names = [f"outlet{k:03d}.example" for k in range(n_outlets)]
        self.outlet = [rng.randrange(n_outlets) for _ in range(n)]
        self.bp_outlets = sorted(rng.sample(range(n_outlets), max(2, n_outlets // 50)))
        self.order_by_date = sorted(range(n), key=lambda i: (self.secs[i], i))
        self.rank = [0] * n
        for r, i in enumerate(self.order_by_date):
            self.rank[i] = r
        # groups: gid -> (kind, source doc); links: (lid, gid, target doc)
        self.groups: dict[str, tuple[str, int]] = {}
        self.links: list[tuple[int, str, int]] = []
        self.out_of: dict[int, str] = {}  # doc -> the group it is the source of (passages)
        self.in_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
        used_src: set[int] = set()
        heavy_tgt: set[int] = set()

        def earlier(t: int) -> Optional[int]:
            r = self.rank[t]
            for _ in range(60):
                if r == 0:
                    return None
                s = self.order_by_date[rng.randrange(r)]
                if s not in used_src:  # a host is the source of one group at most
                    return s
            return None

        def group(gid: str, kind: str, src: int) -> None:
            self.groups[gid] = (kind, src)
            if kind != "boilerplate":
                used_src.add(src)
                self.out_of[src] = gid

        for h in range(max(1, n // 1000)):  # heavy reprints (wire copy)
            src = self.order_by_date[rng.randrange(max(1, n * 3 // 10))]
            if src not in used_src:
                group(f"h{h}", "heavy", src)
                later = self.order_by_date[self.rank[src] + 1 :]
                for t in rng.sample(later, min(rng.randint(50, 300), max(2, n // 10), len(later))):
                    if t not in heavy_tgt and t not in used_src:
                        heavy_tgt.add(t)
                        self._link(f"h{h}", t)
        for t in rng.sample(range(n), int(0.3 * n)):  # passages: ~30 % of hosts get 1-3
            for _ in range(rng.choices((1, 2, 3), (70, 20, 10))[0] if self.rank[t] >= 5 else 0):
                s = earlier(t)
                if s is None:
                    break
                group(f"p{len(self.groups)}", "passage", s)
                self._link(f"p{len(self.groups) - 1}", t)
        # boilerplate: footer of a few outlets, linked to the outlet's earliest document
        self.footer_src: dict[int, int] = {}
        for o in self.bp_outlets:
            members = [i for i in self.order_by_date if self.outlet[i] == o]
            if not members:
                continue
            self.footer_src[o] = members[0]
            group(f"b{o}", "boilerplate", members[0])
            for t in members[1:]:
                self._link(f"b{o}", t)
        # exact duplicates of hosts with nothing planted in or out, and no footer
        busy = set(self.out_of) | set(self.in_of)
        free = [i for i in range(n) if i not in busy and self.outlet[i] not in self.footer_src]
        plain_outlets = [o for o in range(n_outlets) if o not in self.footer_src]
        self.dups: dict[int, tuple[str, int, int]] = {}
        for i in rng.sample(free, min(len(free), max(1, n // 500))):
            o = rng.choice([x for x in plain_outlets if x != self.outlet[i]])
            dup_id = hashlib.sha1(f"{seed}:dup:{i}".encode()).hexdigest()[:16]
            self.dups[i] = (dup_id, o, self.secs[i] + rng.randint(600, 3 * 86400))
        self.write_order = list(range(n))
        rng.shuffle(self.write_order)
        self.footers = {o: " ".join(detok(self.m.sentence(_rng(seed, "footer", o), 12, 18)) for _ in range(2))
                        for o in self.footer_src}

    def _link(self, gid: str, t: int) -> None:
        lid = len(self.links)
        self.links.append((lid, gid, t))
        self.in_of[t].append((lid, gid))

    # -- per-document text (pure functions of seed and index) -----------------------

    @lru_cache(maxsize=2048)
    def base(self, i: int) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """Host i's own text: paragraphs of sentences of tokens."""
        rng = _rng(self.seed, "doc", i)
        want = rng.randint(300, 900)
        sents: list[tuple[str, ...]] = []
        words = 0
        while (words < want or len(sents) < 8) and len(sents) < 40:
            s = self.m.sentence(rng)
            sents.append(tuple(s))
            words += sum(map(_is_word, s))
        paras = []
        k = 0
        while k < len(sents):
            size = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6))
            paras.append(tuple(sents[k : k + size]))
            k += size
        return tuple(paras)

    def passage(self, gid: str) -> tuple[int, int, int]:
        """(paragraph, first sentence, end sentence) of group gid's source passage."""
        kind, src = self.groups[gid]
        paras = self.base(src)
        rng = _rng(self.seed, "passage", gid)
        lo, hi = (40, 150) if kind == "heavy" else (25, 200)
        options = []
        for p, para in enumerate(paras):
            wc = [sum(map(_is_word, s)) for s in para]
            for a in range(len(para)):
                total = 0
                for b in range(a + 1, min(len(para), a + 5) + 1):
                    total += wc[b - 1]
                    if lo <= total <= hi:
                        options.append((p, a, b))
        if not options:  # a host of very short paragraphs: take the longest run there is
            p = max(range(len(paras)), key=lambda q: sum(len(s) for s in paras[q]))
            return p, 0, min(5, len(paras[p]))
        return rng.choice(options)

    def copy(self, lid: int, gid: str) -> tuple[list[str], list[int], list[dict], str]:
        """The edited copy for link lid: (sentence texts in target order, order, edits, mode)."""
        kind, src = self.groups[gid]
        p, a, b = self.passage(gid)
        sents = [list(s) for s in self.base(src)[p][a:b]]
        rng = _rng(self.seed, "copy", lid)
        words = sum(_is_word(t) for s in sents for t in s)
        if kind == "heavy":
            mode = rng.choices(("verbatim", "light"), (50, 50))[0]
            n_edits = rng.randint(1, 2) if mode == "light" else 0
        else:
            mode = rng.choices(("verbatim", "light", "heavy"), (20, 70, 10))[0]
            if mode == "heavy" and words < 60:
                mode = "light"
            n_edits = {"verbatim": 0, "light": rng.randint(1, 4), "heavy": rng.randint(5, 9)}[mode]
        return apply_edits(self.m, sents, n_edits, int(0.35 * words), rng) + (mode,)

    def record(self, i: int) -> tuple[dict, dict[str, tuple], dict[int, tuple]]:
        """Host i's record, its source halves {gid: (...)} and target halves {lid: (...)}."""
        rng = _rng(self.seed, "layout", i)
        paras = [[detok(list(s)) for s in para] for para in self.base(i)]
        items: list = list(range(len(paras)))  # own paragraphs, then copies slotted in
        copies = [(lid, gid) + self.copy(lid, gid) for lid, gid in self.in_of.get(i, [])
                  if self.groups[gid][0] != "boilerplate"]
        slots = sorted((rng.randint(0, len(paras)) for _ in copies), reverse=True)
        for slot, ins in zip(slots, copies):  # from the end, so that slots stay valid
            items.insert(slot, ins)
        footer = self.footers.get(self.outlet[i])
        parts = [" ".join(paras[it] if isinstance(it, int) else it[2]) for it in items] + ([footer] if footer else [])
        offsets = [0]
        for part in parts[:-1]:
            offsets.append(offsets[-1] + len(part) + 2)
        text = "\n\n".join(parts)
        src_halves: dict[str, tuple] = {}
        gid = self.out_of.get(i)
        if gid is not None:
            p, a, b = self.passage(gid)
            spans = _sentence_spans(paras[p], offsets[items.index(p)])[a:b]
            src_halves[gid] = (self.ids[i], spans[0][0], spans[-1][1], spans)
        foot = (offsets[-1], offsets[-1] + len(footer)) if footer else None
        if foot and self.footer_src.get(self.outlet[i]) == i:
            src_halves[f"b{self.outlet[i]}"] = (self.ids[i], *foot, None)
        tgt_halves: dict[int, tuple] = {}
        for k, it in enumerate(items):
            if not isinstance(it, int):
                lid, gid, s_texts, order, edits, mode = it
                spans = _sentence_spans(s_texts, offsets[k])
                by_source = [spans[order.index(j)] for j in range(len(order))]
                tgt_halves[lid] = (gid, self.ids[i], offsets[k], spans[-1][1], by_source, edits, mode)
        for lid, gid in self.in_of.get(i, []):
            if self.groups[gid][0] == "boilerplate":
                tgt_halves[lid] = (gid, self.ids[i], *foot, None, [], "verbatim")
        title = detok(self.m.sentence(_rng(self.seed, "title", i), 6, 12)[:-1])
        return self._meta(self.ids[i], self.outlet[i], self.secs[i], title, text), src_halves, tgt_halves

    def _meta(self, rid: str, outlet: int, secs: int, title: str, text: str) -> dict:
        when = START + timedelta(seconds=secs)
        name = self.outlet_names[outlet]
        slug = "-".join(WORDS.findall(title.lower())[:6])
        return {
            "id": rid,
            "url": f"https://{name}/{when:%Y/%m/%d}/{slug}-{rid[:8]}",
            "source_domain": name,
            "title": title,
            "date_publish": when.strftime("%Y-%m-%dT%H:%M:%S"),
            "language": "en",
            "text": text,
        }


def _sentence_spans(sentences: list[str], start: int) -> list[tuple[int, int]]:
    """Spans of sentences joined by single spaces from offset start."""
    spans = []
    for st in sentences:
        spans.append((start, start + len(st)))
        start += len(st) + 1
    return spans


def apply_edits(m: Model, sents: list[list[str]], n_edits: int, budget: int, rng: random.Random):
    """Edit a copy of sentences in place; return (sentence texts in order, order, edits)."""
    new: list[list[Optional[str]]] = [[None] * len(s) for s in sents]  # replacement token
    dead = [[False] * len(s) for s in sents]
    ins: list[dict[int, list[str]]] = [dict() for _ in sents]
    touched = [[False] * len(s) for s in sents]
    order = list(range(len(sents)))
    edits: list[dict] = []
    changed = 0
    ops = ["number", "swap", "insert", "delete", "reorder"]
    weights = [5, 3, 2, 2, 1.5]
    for _ in range(n_edits * 6):
        if len(edits) >= n_edits:
            break
        op = rng.choices(ops, weights)[0]
        si = rng.randrange(len(sents))
        s = sents[si]
        if op == "reorder":
            if len(sents) < 2 or any(e["op"] == "reorder" for e in edits):
                continue
            while order == sorted(order):
                rng.shuffle(order)
            edits.append({"op": "reorder", "order": list(order)})
            continue
        if op in ("number", "swap"):
            fits = _is_number if op == "number" else (lambda t: t[0].isalpha() and len(t) >= 3)
            cand = [k for k, t in enumerate(s) if (k > 0 or op == "number") and fits(t) and not touched[si][k]]
            if not cand or changed + 1 > budget:
                continue
            k = rng.choice(cand)
            to = s[k]
            while to == s[k]:
                to = redraw_number(s[k], rng) if op == "number" else m.swap_word(s[k], rng)
            new[si][k], touched[si][k] = to, True
            changed += 1
            edits.append({"op": op, "from": s[k], "to": to})
        elif op == "insert":
            cand = [k for k in range(1, len(s) - 1) if _is_word(s[k]) and _is_word(s[k + 1])
                    and not touched[si][k] and not touched[si][k + 1]]
            clause = m.clause(rng)
            if not cand or changed + len(clause) > budget:
                continue
            k = rng.choice(cand)
            ins[si][k] = [","] + clause + [","]
            touched[si][k] = touched[si][k + 1] = True
            changed += len(clause)
            edits.append({"op": "insert", "from": "", "to": ", " + " ".join(clause) + ","})
        else:  # delete
            if sum(map(_is_word, s)) < 10:
                continue
            length = rng.randint(1, 6)
            cand = [k for k in range(1, len(s) - length - 1)
                    if all(_is_word(t) for t in s[k - 1 : k + length + 1])
                    and not any(touched[si][k - 1 : k + length + 1])]
            if not cand or changed + length > budget:
                continue
            k = rng.choice(cand)
            for j in range(k - 1, k + length + 1):
                touched[si][j] = True
            for j in range(k, k + length):
                dead[si][j] = True
            changed += length
            edits.append({"op": "delete", "from": " ".join(s[k : k + length]), "to": ""})
    out = []
    for si in order:
        toks: list[str] = []
        for k, t in enumerate(sents[si]):
            if not dead[si][k]:
                toks.append(new[si][k] or t)
            toks.extend(ins[si].get(k, ()))
        out.append(detok(toks))
    return out, order, edits


# ------------------------------------------------------------------ writing


def generate(n_docs: int, out: Path, seed: int = 1, shared: Path = SHARED, progress: bool = False) -> dict:
    """Write out/docs.jsonl and out/truth.jsonl; return a summary (also out/meta.json)."""
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    c = Corpus(n_docs, seed, shared)
    t_plan = time.perf_counter() - t0
    src_wait: dict[str, tuple] = {}  # gid -> source half, until all its targets are written
    tgt_wait: dict[str, list[tuple]] = defaultdict(list)  # gid -> target halves waiting for it
    left = Counter(gid for _, gid, _ in c.links)
    counts: Counter = Counter()
    docs, truth = open(out / "docs.jsonl.tmp", "w", encoding="utf-8"), open(out / "truth.jsonl.tmp", "w", encoding="utf-8")

    def put(rec: dict) -> None:
        line = json.dumps(rec)
        docs.write(line + "\n")
        counts["bytes"] += len(line) + 1
        counts["words"] += len(WORDS.findall(rec["text"]))
        counts["docs"] += 1

    def emit(gid: str, lid: Optional[int], s_half: tuple, t_half: tuple) -> None:
        kind = c.groups[gid][0] if lid is not None else "duplicate"
        s_id, ss, se, s_spans, s_text = s_half
        _, t_id, ts, te, t_spans, edits, mode, t_text = t_half
        pieces = [[a, b, x, y] for (a, b), (x, y) in zip(s_spans, t_spans)] if s_spans and t_spans else None
        truth.write(json.dumps({
            "kind": "passage" if kind == "heavy" else kind, "group": gid, "link": lid,
            "source_id": s_id, "target_id": t_id, "source_start": ss, "source_end": se,
            "target_start": ts, "target_end": te, "source_text": s_text, "target_text": t_text,
            "edits": edits, "mode": mode, "heavy": kind == "heavy", "pieces": pieces}) + "\n")
        counts[f"truth_{kind}"] += 1
        if lid is not None:
            left[gid] -= 1
            if left[gid] <= 0:
                src_wait.pop(gid, None)

    with docs, truth:
        for n_written, i in enumerate(c.write_order):
            rec, s_halves, t_halves = c.record(i)
            text = rec["text"]
            put(rec)
            for gid, half in s_halves.items():
                src_wait[gid] = half + (text[half[1] : half[2]],)
                for lid, th in tgt_wait.pop(gid, []):
                    emit(gid, lid, src_wait[gid], th)
                if left[gid] <= 0:
                    src_wait.pop(gid, None)
            for lid, half in t_halves.items():
                half += (text[half[2] : half[3]],)
                if half[0] in src_wait:
                    emit(half[0], lid, src_wait[half[0]], half)
                else:
                    tgt_wait[half[0]].append((lid, half))
            if i in c.dups:  # the whole text again, elsewhere, a little later
                dup_id, o, secs = c.dups[i]
                put(c._meta(dup_id, o, secs, rec["title"], text))
                emit(f"d{i}", None, (rec["id"], 0, len(text), None, None),
                     (None, dup_id, 0, len(text), None, [], "verbatim", None))
            if progress and (n_written + 1) % 10000 == 0:
                print(f"  generated {n_written + 1:,}/{n_docs:,} hosts ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    assert not tgt_wait and not src_wait, "unmatched truth halves"
    (out / "docs.jsonl.tmp").replace(out / "docs.jsonl")
    (out / "truth.jsonl.tmp").replace(out / "truth.jsonl")
    summary = {"docs": counts["docs"], "hosts": n_docs, "seed": seed, "words": counts["words"],
               "mb": round(counts["bytes"] / 1e6, 2),
               "truth": {k[6:]: v for k, v in sorted(counts.items()) if k.startswith("truth_")},
               "targets_with_passages": sum(1 for ls in c.in_of.values() if any(c.groups[g][0] != "boilerplate" for _, g in ls)),
               "boilerplate_outlets": [c.outlet_names[o] for o in c.footer_src],
               "plan_s": round(t_plan, 2), "seconds": round(time.perf_counter() - t0, 2)}
    (out / "meta.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def shared_ngrams(texts: Iterator[str], sizes: tuple[int, ...] = (8, 12, 20)) -> dict[int, dict[str, int]]:
    """For each n: distinct word n-grams found in more than one text, and doc pairs sharing one."""
    import numpy as np

    hs: dict[int, list] = {n: [] for n in sizes}
    ds: dict[int, list] = {n: [] for n in sizes}
    for d, text in enumerate(texts):
        w = WORDS.findall(text.lower())
        for n in sizes:
            u = np.fromiter({hash(tuple(w[k : k + n])) for k in range(len(w) - n + 1)}, dtype=np.int64)
            hs[n].append(u)
            ds[n].append(np.full(len(u), d, dtype=np.int32))
    out = {}
    for n in sizes:
        h, d = np.concatenate(hs[n]), np.concatenate(ds[n])
        o = np.argsort(h, kind="stable")
        h, d = h[o], d[o]
        dup = np.flatnonzero(h[1:] == h[:-1])
        pairs = {(int(d[k]), int(d[k + 1])) for k in dup}
        out[n] = {"shared_ngrams": int(len(np.unique(h[dup]))), "doc_pairs": len(pairs), "ngrams": int(len(h))}
    return out


def host_texts(c: Corpus) -> Iterator[str]:
    """Hosts' own texts (nothing planted, no footer): what must share no run of 8 words."""
    for i in range(c.n):
        yield "\n\n".join(" ".join(detok(list(s)) for s in para) for para in c.base(i))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True, help="number of host documents")
    ap.add_argument("--out", type=Path, required=True, help="output folder (outside the repository)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared corpora folder")
    ap.add_argument("--check-shared", action="store_true", help="count n-grams shared between host texts")
    args = ap.parse_args(argv)
    if not (args.shared / "news_cluster_dev.jsonl").exists():
        print(f"needs {args.shared} (the shared corpora)", file=sys.stderr)
        return 2
    summary = generate(args.docs, args.out, args.seed, args.shared, progress=True)
    if args.check_shared:
        t = time.perf_counter()
        summary["host_shared_ngrams"] = shared_ngrams(host_texts(Corpus(args.docs, args.seed, args.shared)))
        summary["check_s"] = round(time.perf_counter() - t, 1)
        (args.out / "meta.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
