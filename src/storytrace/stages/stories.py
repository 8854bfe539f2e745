"""Stories: which documents report the same thing, by what their words have in common.

One job: group documents into stories (the documents a fact-checker reads together),
single-pass in publication order, as news arrives (after Miranda et al. 2018, without
their learned weights):

- a document is a TF-IDF vector of its title and opening (the first OPENING
  characters: the lede names the event), content words only, capitalised words (names,
  places) counted twice, kept to its TOP_TERMS heaviest terms; and a second vector of
  its names and figures only (capitalised words, numbers of three or more characters:
  years, magnitudes, tolls), which tells apart two earthquakes in one province;
- each story keeps the sum of its members' vectors (its centroid);
- a document joins the story whose centroid is most similar (cosine) if that similarity
  is at least THRESHOLD and its names-and-figures similarity at least NAMES_THRESHOLD,
  else it opens a new story; candidate stories come from an
  inverted index on the centroids' heaviest terms (no comparison with every story);
- documents are taken in publication order (undated last, then by id), so the result
  does not depend on the order of the inputs;
- then REFINE_PASSES passes move each document to the story it fits best now that
  every story is complete (a story's first documents were placed before the rest had
  arrived); each pass reads the documents again instead of keeping their vectors;
- last, two incidents of one kind that joined one story (two earthquakes in one
  province, two pirate captures in the Gulf of Aden) are told apart by their
  particulars: a story of at least 2 * MIN_PART documents is cut in two (2-means on the
  names-and-figures vectors, started from its two most different documents) when each
  part has at least MIN_PART documents and the parts share less than SPLIT_COS of their
  names, places and figures (cosine of the two centroids) while their documents date
  them to different times (publication days more than DAYS_APART apart, with a gap of
  more than GAP_DAYS between the parts; undated, the year most of a part's documents name
  in their opening), or share less than APART_COS
  whatever their dates; the parts
  are tried again;
- and a story of at most MIN_PART pages with little text whose centroid as a whole
  would join a bigger story is a fragment of it and joins it (`join_fragments`): a few
  one-line briefs that resemble each other more than any long report keep a story of
  their own through the refinement, each drawn by the other.

IDF needs document frequencies over the whole ledger: a first pass counts them (a
Counter of terms: memory grows with the vocabulary, not with the documents).
The thresholds were chosen on news_cluster_dev and ECB+ (eval/events_stories.py).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections import Counter, defaultdict
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from ..analyse.leads import Words, stored_words
from ..model import make_id
from .annotated import complete

TOP_TERMS = 300
INDEX_TERMS = 30  # centroid terms indexed for candidate search
MAX_CANDIDATES_PER_TERM = 50  # most recent stories looked at per term
CANDIDATE_TERMS = 60  # a document's heaviest terms that look up candidate stories
RERANK = 4  # candidates given the exact cosine
MAX_CENTROID = 2000  # terms a story's centroid keeps (its heaviest)
THRESHOLD = 0.16  # cosine to join a story
REFINE_PASSES = 2  # passes that move documents to the story they fit best once all exist
NAMES_THRESHOLD = 0.12  # cosine of the names-and-figures vectors, also needed
MIN_PART = 3  # documents each part of a cut story must have (an incident reported at least three times)
SPLIT_COS = 0.6  # two parts of different times are two incidents when their names centroids share less than this
APART_COS = 0.3  # ... and two parts whatever their times when they share less than this
SPLIT_ITERATIONS = 5
LITTLE_TEXT = 30  # a page with little text: fewer terms than this in its title and opening (a one-line brief)

def vector(counts: Counter, df: Counter, n_docs: int) -> dict[str, float]:
    """Unit-length TF-IDF vector of its TOP_TERMS heaviest terms."""
    v = {w: (1 + math.log(k)) * (math.log(n_docs / (1 + df.get(w, 0))) + 1) for w, k in counts.items()}
    if len(v) > TOP_TERMS:
        v = dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS])
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


def _cos(v: dict[str, float], c: dict[str, float], norm: float) -> float:
    return sum(x * c.get(t, 0.0) for t, x in v.items()) / (norm or 1.0)


class Stories:
    """Clustering state: story centroids (terms, names: sums of member vectors), their
    norms and sizes, and the term index used to find candidate stories."""

    def __init__(self, threshold: float = THRESHOLD, names_threshold: float = NAMES_THRESHOLD) -> None:
        self.threshold = threshold
        self.names_threshold = names_threshold
        self.centroids: list[dict[str, float]] = []
        self.norms: list[float] = []
        self.name_centroids: list[dict[str, float]] = []
        self.name_norms: list[float] = []
        self.sizes: list[int] = []
        self.index: dict[str, list[int]] = defaultdict(list)

    def best(self, v: dict[str, float], e: dict[str, float], also: Iterable[int] = ()) -> tuple[int, float]:
        """The most similar story (cosine of the terms vectors) whose names-and-figures
        similarity passes; (-1, 0.0) if none. Candidates are scored term at a time through
        the index (the document's CANDIDATE_TERMS heaviest terms, each term's most recent
        stories), and the RERANK best of them (with `also`) get the exact cosine: the cost
        is bounded per document, whatever the number of stories."""
        partial: dict[int, float] = defaultdict(float)
        for w in heapq.nlargest(CANDIDATE_TERMS, v, key=v.__getitem__):
            x = v[w]
            for k in self.index.get(w, ())[-MAX_CANDIDATES_PER_TERM:]:
                partial[k] += x * self.centroids[k].get(w, 0.0) / (self.norms[k] or 1.0)
        cands = heapq.nlargest(RERANK, partial, key=partial.__getitem__)
        best, best_sim = -1, 0.0
        for k in itertools.chain(cands, also):
            if not self.sizes[k]:
                continue
            sim = _cos(v, self.centroids[k], self.norms[k])
            if sim > best_sim and (not e or _cos(e, self.name_centroids[k], self.name_norms[k]) >= self.names_threshold):
                best, best_sim = k, sim
        return best, best_sim

    def add(self, v: dict[str, float], e: Optional[dict[str, float]] = None) -> tuple[int, float]:
        """Put one document (terms vector, names vector) in a story; returns (story number,
        similarity; 1.0 for a new story)."""
        e = e or {}
        best, best_sim = self.best(v, e)
        if best >= 0 and best_sim >= self.threshold:
            self._move(best, v, e, 1)
            return best, best_sim
        return self._new(v, e), 1.0

    def reassign(self, k: int, v: dict[str, float], e: dict[str, float]) -> int:
        """A refinement step: take the document out of story k and put it where it fits
        best now that every story is complete (a new story if none fits)."""
        self._move(k, v, e, -1)
        best, best_sim = self.best(v, e, also=(k,))
        if best >= 0 and best_sim >= self.threshold:
            self._move(best, v, e, 1)
            return best
        if not self.sizes[k]:  # it was alone: it stays alone
            self._move(k, v, e, 1)
            return k
        return self._new(v, e)

    def add_story(self, v: dict[str, float], e: dict[str, float]) -> int:
        """A story of its own from these vectors (a finished story's centroid); its number."""
        return self._new(v, e)

    def _new(self, v: dict[str, float], e: dict[str, float]) -> int:
        self.centroids.append(dict(v))
        self.norms.append(1.0)
        self.name_centroids.append(dict(e))
        self.name_norms.append(1.0)
        self.sizes.append(1)
        k = len(self.centroids) - 1
        self._index(k)
        return k

    def _move(self, k: int, v: dict[str, float], e: dict[str, float], sign: int) -> None:
        for c, x_of, norms in ((self.centroids, v, self.norms), (self.name_centroids, e, self.name_norms)):
            cent = c[k]
            # |c ± x|² = |c|² ± 2 c·x + |x|², over the document's terms only
            dot = sum(cent.get(t, 0.0) * x for t, x in x_of.items())
            sq = sum(x * x for x in x_of.values())
            for t, x in x_of.items():
                y = cent.get(t, 0.0) + sign * x
                if abs(y) < 1e-9:
                    cent.pop(t, None)
                else:
                    cent[t] = y
            norms[k] = math.sqrt(max(0.0, norms[k] ** 2 + sign * 2 * dot + sq))
            if len(cent) > 2 * MAX_CENTROID:  # keep a big story's centroid to its heaviest terms
                keep = heapq.nlargest(MAX_CENTROID, cent.items(), key=lambda kv: kv[1])
                cent.clear()
                cent.update(keep)
                norms[k] = math.sqrt(sum(x * x for _, x in keep))
        self.sizes[k] += sign
        if sign > 0 and (self.sizes[k] <= 8 or self.sizes[k] & (self.sizes[k] - 1) == 0):
            self._index(k)  # a story's heaviest terms settle as it grows: re-indexed at sizes 1-8, 16, 32, ...

    def _index(self, k: int) -> None:
        c = self.centroids[k]
        for w in heapq.nlargest(INDEX_TERMS, c, key=c.__getitem__):
            postings = self.index[w]
            if not postings or postings[-1] != k:
                if k in postings[-MAX_CANDIDATES_PER_TERM:]:
                    postings.remove(k)
                postings.append(k)  # most recently grown stories last
            if len(postings) > 4 * MAX_CANDIDATES_PER_TERM:
                del postings[: len(postings) - 2 * MAX_CANDIDATES_PER_TERM]


def group(docs: Union[Sequence[tuple[str, Words, Optional[str]]], Callable[[], Iterable[tuple[str, Words, Optional[str]]]]],
          df: Optional[Counter] = None, threshold: float = THRESHOLD, passes: int = REFINE_PASSES,
          pages: Optional[Callable[[], Iterable[tuple[str, Words, Optional[str]]]]] = None) -> dict[str, int]:
    """(doc id, its Words, published) in publication order -> {doc id: story number}
    (`Words`: analyse/leads.py, the `leads` row's terms, names and year).

    A single pass in publication order, then `passes` refinement passes that move each
    document to the story it fits best once all stories exist (the first documents of
    a story were placed before the rest of it had arrived). `docs` is a sequence, or a
    function returning a fresh iterator (each pass reads the documents again, so memory
    holds the stories, not every document's vector). `df` (document_frequencies) is
    computed from `docs` when not given. `pages` (the same shape): pages with no
    reporting (galleries, posts) that join the story they fit, never open one."""
    fresh = docs if callable(docs) else (lambda: iter(docs))
    if df is None:
        df = document_frequencies(w for _, w, _ in fresh())
    n = max(1, df.get("", 0))
    state = Stories(threshold)
    story: dict[str, int] = {}
    little: set[str] = set()  # pages with little text (join_fragments)
    for doc_id, w, _ in fresh():
        story[doc_id] = state.add(vector(w.terms, df, n), vector(w.names, df, n))[0]
        if len(w.terms) < LITTLE_TEXT:
            little.add(doc_id)
    for _ in range(passes):
        moved = 0
        for doc_id, w, _ in fresh():
            k = story[doc_id]
            story[doc_id] = state.reassign(k, vector(w.terms, df, n), vector(w.names, df, n))
            moved += story[doc_id] != k
        if not moved:
            break
    if pages is not None:
        for doc_id, w, _ in pages():
            k, sim = state.best(vector(w.terms, df, n), vector(w.names, df, n))
            if k >= 0 and sim >= threshold:
                story[doc_id] = k
                if len(w.terms) < LITTLE_TEXT:
                    little.add(doc_id)
        everything = fresh
        fresh = lambda: itertools.chain(everything(), pages())  # noqa: E731 (the cut sees the pages too)
    dated_apart: set[int] = set()
    out = split_incidents(story, fresh, df, n, dated_apart)
    cut = {k for d, k in out.items() if k != story[d]} | {story[d] for d, k in out.items() if k != story[d]}
    join_fragments(out, state, little, cut, dated_apart, fresh, df, n)
    return out


def join_fragments(story: dict[str, int], state: Stories, little: set[str], cut: set[int], apart: set[int],
                   fresh: Callable[[], Iterable[tuple[str, Words, Optional[str]]]], df: Counter, n: int) -> None:
    """A story of at most MIN_PART pages with little text (fewer than LITTLE_TEXT terms
    each: `little`) whose centroid as a whole would join a bigger story (the join's
    thresholds, on the finished stories) is a fragment of it: two or three one-line briefs
    resemble each other more than any long report and keep a story of their own through
    the refinement, each drawn by the other (a story is not split by pages with little
    text). A few full articles of their own are a story of their own. Each fragment joins
    the bigger story it fits best; the candidates come from an index of the bigger
    stories' heaviest terms (no comparison with every story). The parts `split_incidents`
    cut from a story whose documents date them to different years (`apart`) are
    incidents of their own, never fragments; a part cut on its names alone may be one.

    The centroids are the refinement's (`state`: its articles' vectors); only the stories
    the cut changed (`cut`) are summed again, from their documents' vectors."""
    members: dict[int, list[str]] = defaultdict(list)
    for doc_id, k in story.items():
        members[k].append(doc_id)
    fragments = sorted(k for k, ds in members.items()
                       if len(ds) <= MIN_PART and k not in apart and all(d in little for d in ds))
    if not fragments:
        return
    cent: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    names: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for doc_id, w, _ in (fresh() if cut else ()):
        k = story.get(doc_id, -1)
        if k in cut:
            for c, words in ((cent[k], w.terms), (names[k], w.names)):
                for t, x in vector(words, df, n).items():
                    c[t] += x

    def centroids(k: int) -> tuple[dict[str, float], dict[str, float]]:
        if k in cut:
            return _unit(cent[k]), _unit(names[k])
        return _unit(state.centroids[k]), _unit(state.name_centroids[k])

    index = Stories(state.threshold)
    bigger: dict[int, int] = {}  # the index's story number -> the story
    for k in sorted(members):
        if len(members[k]) > MIN_PART:
            bigger[index.add_story(*centroids(k))] = k
    for k in fragments:
        best, sim = index.best(*centroids(k))
        if best >= 0 and sim >= state.threshold:
            for doc_id in members[k]:
                story[doc_id] = bigger[best]


def _unit(v: dict[str, float]) -> dict[str, float]:
    """A centroid's MAX_CENTROID heaviest terms, at unit length."""
    if len(v) > MAX_CENTROID:
        v = dict(heapq.nlargest(MAX_CENTROID, v.items(), key=lambda kv: kv[1]))
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def split_incidents(story: dict[str, int], fresh: Callable[[], Iterable[tuple[str, Words, Optional[str]]]],
                    df: Counter, n: int, dated_apart: Optional[set[int]] = None) -> dict[str, int]:
    """Cut stories that hold two incidents (see the module docstring); only documents of
    stories big enough to be cut are read again (their names vectors). `dated_apart`, when
    given, collects the stories of the parts whose documents date them to different times."""
    sizes = Counter(story.values())
    big = {k for k, size in sizes.items() if size >= 2 * MIN_PART}
    if not big:
        return story
    members: dict[int, list[str]] = defaultdict(list)
    vecs: dict[str, dict[str, float]] = {}
    years: dict[str, Optional[int]] = {}
    days: dict[str, int] = {}
    for doc_id, w, published in fresh():
        if story.get(doc_id, -1) in big:
            members[story[doc_id]].append(doc_id)
            vecs[doc_id] = vector(w.names, df, n)
            years[doc_id] = int(published[:4]) if published else w.year  # its publication year, else the year it names most
            if published and (day := day_number(published)) is not None:
                days[doc_id] = day
    out = dict(story)
    nxt = max(story.values()) + 1
    todo = [members[k] for k in sorted(members)]
    while todo:
        parts = _two_incidents(todo.pop(), vecs, years, days)
        if parts is None:
            continue
        for doc_id in parts[1]:
            out[doc_id] = nxt
        if dated_apart is not None and _dated_apart(parts[0], parts[1], years, days):
            dated_apart.update((out[parts[0][0]], nxt))
        nxt += 1
        todo.extend(p for p in parts if len(p) >= 2 * MIN_PART)
    return out


def _part_year(ids: list[str], years: dict[str, Optional[int]]) -> Optional[int]:
    found = Counter(y for d in ids if (y := years.get(d)) is not None)
    return max(found.items(), key=lambda kv: (kv[1], kv[0]))[0] if found else None


#: Two parts whose documents are published this many days apart (their medians, and no document of
#: one within GAP_DAYS of one of the other) are of different times, whatever the calendar says (30
#: December and 2 January are days apart; a year, 365, joins ECB+'s tune topics: B-cubed 0.913 -> 0.899).
DAYS_APART = 183
GAP_DAYS = 30


def day_number(published: str) -> Optional[int]:
    """A publication date's day as a number (days since year 1), or None."""
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _dated_apart(a: list[str], b: list[str], years: dict[str, Optional[int]], days: dict[str, int]) -> bool:
    """Whether two parts' documents date them to different times: their publication days (the
    medians) more than DAYS_APART apart, with a gap of more than GAP_DAYS between them, when
    both parts have some; else different years (the year most of a part's documents are
    published in or name)."""
    da, db = sorted(days[d] for d in a if d in days), sorted(days[d] for d in b if d in days)
    if da and db:
        nearest = min(abs(x - db[k]) for x in da for k in (bisect.bisect_left(db, x) - 1, bisect.bisect_left(db, x))
                      if 0 <= k < len(db))
        return abs(da[len(da) // 2] - db[len(db) // 2]) > DAYS_APART and nearest > GAP_DAYS
    ya, yb = _part_year(a, years), _part_year(b, years)
    return ya is not None and yb is not None and ya != yb


def _two_incidents(docs: list[str], vecs: dict[str, dict[str, float]], years: dict[str, Optional[int]],
                   days: dict[str, int]) -> Optional[tuple[list[str], list[str]]]:
    """2-means of a story's documents on their names vectors, from its two most different
    documents; the two parts when they are incidents of their own, else None."""
    norm = {d: math.sqrt(sum(x * x for x in vecs[d].values())) or 1.0 for d in docs}

    def cos(d: str, c: dict[str, float], c_norm: float) -> float:
        return sum(x * c.get(t, 0.0) for t, x in vecs[d].items()) / (norm[d] * c_norm)

    def centroid(ids: list[str]) -> tuple[dict[str, float], float]:
        c: dict[str, float] = defaultdict(float)
        for d in ids:
            for t, x in vecs[d].items():
                c[t] += x
        return c, math.sqrt(sum(x * x for x in c.values())) or 1.0

    first = docs[0]
    a = min(docs, key=lambda d: cos(d, vecs[first], norm[first]))
    b = min(docs, key=lambda d: cos(d, vecs[a], norm[a]))
    if a == b:
        return None
    (ca, na), (cb, nb) = (vecs[a], norm[a]), (vecs[b], norm[b])
    part_a: list[str] = []
    part_b: list[str] = []
    for _ in range(SPLIT_ITERATIONS):
        nearer_a = {d: cos(d, ca, na) >= cos(d, cb, nb) for d in docs}
        part_a = [d for d in docs if nearer_a[d]]
        part_b = [d for d in docs if not nearer_a[d]]
        if not part_a or not part_b:
            return None
        (ca, na), (cb, nb) = centroid(part_a), centroid(part_b)
    if min(len(part_a), len(part_b)) < MIN_PART:
        return None
    small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    shared = sum(x * large.get(t, 0.0) for t, x in small.items()) / (na * nb)
    if shared < APART_COS or (shared < SPLIT_COS and _dated_apart(part_a, part_b, years, days)):
        return part_a, part_b
    return None


def stories_stage(db: Any) -> dict[str, int]:
    """The cross-document stage: documents.story for every article (a story's id is
    derived from its first document in publication order, so it is stable); a page with
    no reporting (a photo gallery, a page of posts: documents.kind) joins the story it
    fits, never opens one."""
    complete(db, "leads")
    order = ("select d.id, l.terms, l.names, l.year_named, d.published from documents d left join leads l on l.doc_id = d.id "
             "where coalesce(d.kind, 'article') {} 'article' "  # (all that `group` reads: no text)
             "order by coalesce(d.published_low, substr(d.published, 1, 10), '9999'), d.published, d.id")

    pool: dict[str, str] = {}  # (each word one string in every story's vector)

    def read(kind: str) -> Iterator[tuple[str, Words, Optional[str]]]:
        return ((doc_id, stored_words(terms, names, year, pool), published)
                for doc_id, terms, names, year, published in db.execute(order.format(kind)))

    story = group(lambda: read("="), pages=lambda: read("!="))
    first: dict[int, str] = {}
    for doc_id in (r[0] for r in db.execute(order.format("="))):  # a story's id: its first article's
        first.setdefault(story[doc_id], doc_id)
    db.execute("update documents set story = null")
    rows = [(make_id("story", first[k]), doc_id) for doc_id, k in story.items() if k in first]
    db.conn.executemany("update documents set story = ? where id = ?", rows)
    return {"stories": len(first)}


def document_frequencies(docs: Iterable[Words]) -> Counter:
    """Document frequency of every term and name; the empty key holds the number of documents."""
    df: Counter = Counter()
    for w in docs:
        df.update(w.terms.keys() | w.names.keys())
        df[""] += 1
    return df


def bcubed(pred: dict[str, object], gold: dict[str, object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels (same keys)."""
    by_pred: dict[object, set] = defaultdict(set)
    by_gold: dict[object, set] = defaultdict(set)
    for d in gold:
        by_pred[pred[d]].add(d)
        by_gold[gold[d]].add(d)
    p = r = 0.0
    for d in gold:
        a, b = by_pred[pred[d]], by_gold[gold[d]]
        both = len(a & b)
        p += both / len(a)
        r += both / len(b)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
