"""Word fingerprints and the candidate index for copy detection.

One job: turn texts into small sets of hashed word n-grams and find which pairs of
documents share enough of them to be worth aligning, without comparing all pairs.

- Tokens are runs of word characters (`\\w+`), lower-cased. Numbers are tokens like
  any other: "116 women" and "106 women" give different n-grams (passim's index drops
  numbers; an edited figure inside a copy is exactly what we must see).
- Each token is hashed once (xxh3_64); the n-gram hash (N = 5 words) is a polynomial
  over the token hashes, computed with numpy, then mixed so that minima are uniform.
- Winnowing (Schleimer et al. 2003, window W = 4) keeps the minimum of every window
  of W consecutive n-grams: any run of W + N - 1 = 8 shared words is guaranteed to
  share a fingerprint, and ~40 % of n-grams are kept.
- The index is a pair of flat numpy arrays (fingerprint, document number) sorted by
  fingerprint: no Python object per fingerprint, so 100,000 documents fit in a few
  hundred MB. Documents are numbered in publication order.
- Candidate pairs: within a fingerprint's posting list of at most ALL_PAIRS documents,
  every pair; in a longer list (a heavily reprinted passage, a stock phrase) each
  document is paired with its CHAIN predecessors in publication order, so a wire story
  reprinted 1,000 times gives ~1,000 links along its reprints instead of 500,000, and is
  still found (dropping frequent n-grams, as passim's maxDF does, would lose it).
  A pair is a candidate when it shares at least MIN_SHARED fingerprints.

Everything here is a pure function of its inputs (the same code runs in a loop, in
worker processes or in Spark: fingerprints per document, then a group-by on the
fingerprint).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional

import numpy as np
import xxhash

N = 5  # words per n-gram
W = 4  # winnowing window (n-grams)
ALL_PAIRS = 16  # posting lists up to this long give every pair
CHAIN = 2  # longer lists: each document linked to this many predecessors
MIN_SHARED = 2  # fingerprints two documents must share to be aligned

TOKEN = re.compile(r"\w+")
_P = np.uint64(0x100000001B3)  # multiplier of the n-gram polynomial
_M1 = np.uint64(0xFF51AFD7ED558CCD)  # murmur3 finaliser constants (mixing)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)


def words(text: str) -> list[str]:
    """The lower-cased word tokens of a text (no offsets: the fast path for fingerprints)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): same tokens either way
        return [w.lower() for w in TOKEN.findall(text)]
    return TOKEN.findall(low)


def token_hashes(tokens: list[str]) -> np.ndarray:
    """xxh3_64 of every token (each distinct token hashed once)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    table = {t: xxhash.xxh3_64_intdigest(t.encode("utf-8", "surrogatepass")) for t in set(tokens)}
    return np.fromiter(map(table.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _mix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * _M1
    h = h ^ (h >> np.uint64(33))
    h = h * _M2
    return h ^ (h >> np.uint64(33))


def ngram_hashes(th: np.ndarray, n: int = N) -> np.ndarray:
    """Hash of every run of n consecutive tokens (len(th) - n + 1 values)."""
    if len(th) < n:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = th[: len(th) - n + 1].copy()
        for k in range(1, n):
            h = h * _P + th[k : len(th) - n + 1 + k]
        return _mix(h)


def winnow(h: np.ndarray, w: int = W) -> np.ndarray:
    """Positions of the winnowed n-grams: every position holding the minimum of some
    window of w consecutive n-grams."""
    n = len(h)
    if n <= w:
        return np.arange(n)
    m = h[: n - w + 1].copy()  # m[k] = min(h[k : k + w])
    for s in range(1, w):
        np.minimum(m, h[s : n - w + 1 + s], out=m)
    hit = np.zeros(n, dtype=bool)
    for s in range(w):  # position k + s is the minimum of window k
        hit[s : n - w + 1 + s] |= h[s : n - w + 1 + s] == m
    return np.flatnonzero(hit)


def fingerprints(text: str) -> np.ndarray:
    """The document's fingerprints: distinct winnowed n-gram hashes (uint64, sorted)."""
    h = ngram_hashes(token_hashes(words(text)))
    return np.unique(h[winnow(h)])


# ----------------------------------------------------------------- the index


class Index:
    """Postings (fingerprint, document number) collected document by document.

    Documents must be numbered in publication order (0 = the earliest), so that a
    posting list sorted by document number is a list in time.
    """

    def __init__(self) -> None:
        self._hashes: list[np.ndarray] = []
        self._docs: list[np.ndarray] = []
        self.postings = 0

    def add(self, doc: int, fps: np.ndarray) -> None:
        if len(fps):
            self._hashes.append(fps)
            self._docs.append(np.full(len(fps), doc, dtype=np.int32))
            self.postings += len(fps)

    def candidates(self, min_shared: int = MIN_SHARED) -> np.ndarray:
        """Candidate pairs as an (k, 3) int64 array of (earlier doc, later doc, shared fingerprints)."""
        if not self._hashes:
            return np.zeros((0, 3), dtype=np.int64)
        h = np.concatenate(self._hashes)
        d = np.concatenate(self._docs)
        self._hashes.clear()
        self._docs.clear()
        order = np.lexsort((d, h))
        h, d = h[order], d[order]
        del order
        return candidate_pairs(h, d, min_shared)


def candidate_pairs(h: np.ndarray, d: np.ndarray, min_shared: int = MIN_SHARED) -> np.ndarray:
    """From postings sorted by (fingerprint, doc): pairs sharing >= min_shared fingerprints."""
    if len(h) == 0:
        return np.zeros((0, 3), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    sizes = np.diff(np.r_[starts, len(h)])
    keep = sizes >= 2
    starts, sizes = starts[keep], sizes[keep]
    chunks = []
    for keys in _pair_keys(d, starts, sizes):
        chunks.append(_count(keys))
        if sum(len(k) for k, _ in chunks) > 20_000_000:  # fold, keeping memory bounded
            chunks = [_merge(chunks)]
    if not chunks:
        return np.zeros((0, 3), dtype=np.int64)
    keys, n = _merge(chunks)
    good = n >= min_shared
    keys, n = keys[good], n[good]
    a = (keys >> np.int64(32)).astype(np.int64)
    b = (keys & np.int64(0xFFFFFFFF)).astype(np.int64)
    return np.stack([a, b, n.astype(np.int64)], axis=1)


def _pair_keys(d: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> Iterator[np.ndarray]:
    """Pair keys (earlier << 32 | later) of every posting list, vectorised by list length."""
    d64 = d.astype(np.int64)
    small = sizes <= ALL_PAIRS
    for s in np.unique(sizes[small]):
        st = starts[small & (sizes == s)]
        for lo in range(0, len(st), 1_000_000):
            block = st[lo : lo + 1_000_000]
            members = d64[block[:, None] + np.arange(s)]  # (groups, s), sorted by doc
            i, j = np.triu_indices(int(s), 1)
            yield ((members[:, i] << np.int64(32)) | members[:, j]).ravel()
    big_starts, big_sizes = starts[~small], sizes[~small]
    if len(big_starts):
        # every member of a long list with its CHAIN predecessors in the list
        idx = np.concatenate([np.arange(s0, s0 + n0) for s0, n0 in zip(big_starts, big_sizes)])
        first = np.repeat(big_starts, big_sizes)
        for back in range(1, CHAIN + 1):
            ok = idx - back >= first
            yield ((d64[idx[ok] - back] << np.int64(32)) | d64[idx[ok]])


def _count(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    u, c = np.unique(keys, return_counts=True)
    return u, c.astype(np.int64)


def _merge(chunks: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.concatenate([k for k, _ in chunks])
    cnt = np.concatenate([c for _, c in chunks])
    order = np.argsort(keys, kind="stable")
    keys, cnt = keys[order], cnt[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[starts], np.add.reduceat(cnt, starts) if len(cnt) else cnt


def index_documents(texts: Iterable[tuple[int, str]], index: Optional[Index] = None) -> Index:
    """Fingerprint (doc number, text) pairs into an index."""
    index = index or Index()
    for doc, text in texts:
        index.add(doc, fingerprints(text))
    return index
