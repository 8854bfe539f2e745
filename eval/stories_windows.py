"""Would stories found per time window, then merged, agree with the single pass? (issue 18)

An experiment for a stories stage that distributes: the documents are cut into windows
of WINDOW days by publication day (undated documents one window of their own), the
stories stage's single pass (`stories.group`, with its refinement passes) runs inside
each window — each window could run on its own executor — and the windows' stories are
then merged by a second single pass over the stories themselves (each story's centroid
vectors as one document, windows in time order, the same thresholds), and last the
stage's cut of stories that hold two incidents (`stories.split_incidents`). Prints, for
news_cluster_dev and ECB+, the windows, the B-cubed agreement of the result with the
single pass over everything, and both against the gold stories on the tune and check
halves.

    python eval/stories_windows.py [--ledgers DIR] [--window 30]
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from storytrace.analyse.leads import Words, stored_words  # noqa: E402
from storytrace.stages import stories as S  # noqa: E402

ORDER = ("select d.id, l.terms, l.names, l.year_named, d.published, d.published_low from documents d "
         "left join leads l on l.doc_id = d.id where coalesce(d.kind, 'article') = 'article' "
         "order by coalesce(d.published_low, substr(d.published, 1, 10), '9999'), d.published, d.id")


def _window(published: Optional[str], low: Optional[str], days: int) -> int:
    day = (low or (published or "")[:10])
    try:
        return date.fromisoformat(day[:10]).toordinal() // days
    except ValueError:
        return 1 << 30  # undated: a window of their own, last


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def by_windows(db: sqlite3.Connection, days: int, refine: str = "") -> tuple[dict[str, int], dict[str, int], int]:
    pool: dict[str, str] = {}
    arts = [(i, stored_words(t, n, y, pool), p, lo) for i, t, n, y, p, lo in db.execute(ORDER)]
    docs = [(i, w, p) for i, w, p, _ in arts]
    whole = S.group(docs)
    df = S.document_frequencies(w for _, w, _ in docs)
    n = max(1, df.get("", 0))
    windows: dict[int, list[tuple[str, Words, Optional[str]]]] = defaultdict(list)
    for i, w, p, lo in arts:
        windows[_window(p, lo, days)].append((i, w, p))
    # each window alone (an executor's work), then its stories as pseudo-documents
    local: dict[str, tuple[int, int]] = {}
    stories: list[tuple[tuple[int, int], dict[str, float], dict[str, float]]] = []
    for k in sorted(windows):
        found = S.group(windows[k], df=df)
        terms: dict[int, Counter] = defaultdict(Counter)
        names: dict[int, Counter] = defaultdict(Counter)
        for i, w, _ in windows[k]:
            s = found[i]
            local[i] = (k, s)
            terms[s].update(S.vector(w.terms, df, n))
            names[s].update(S.vector(w.names, df, n))
        first = {}
        for i, _, _ in windows[k]:
            first.setdefault(found[i], len(first))
        for s in sorted(first, key=first.__getitem__):
            stories.append(((k, s), _unit(terms[s]), _unit(names[s])))
    # merge: a single pass over the windows' stories in time order (the driver's work: one row per story)
    state = S.Stories()
    merged: dict[tuple[int, int], int] = {}
    for key, v, e in stories:
        merged[key] = state.add(v, e)[0]
    out = {i: merged[local[i]] for i in local}
    if refine == "near":  # the refinement passes, each window's documents against the stories of it and its neighbours
        vecs = {i: (S.vector(w.terms, df, n), S.vector(w.names, df, n)) for i, w, _ in docs}
        win = {i: local[i][0] for i in local}
        keys = sorted(windows)
        for _ in range(S.REFINE_PASSES):
            new = dict(out)
            for j, k in enumerate(keys):
                near = set(keys[max(0, j - 1): j + 2])
                state = S.Stories()
                number: dict[int, int] = {}
                back: dict[int, int] = {}
                for i, _, _ in docs:
                    if win[i] in near:
                        st = out[i]
                        if st not in number:
                            number[st] = state._new(*vecs[i])
                            back[number[st]] = st
                        else:
                            state._move(number[st], *vecs[i], 1)
                fresh = 1 << 40
                for i, _, _ in windows[k]:
                    got = state.reassign(number[out[i]], *vecs[i])
                    if got not in back:  # a story of its own: a new id
                        back[got] = fresh + len(back)
                    new[i] = back[got]
            moved = sum(new[i] != out[i] for i in out)
            out = new
            if not moved:
                break
    elif refine:  # the stage's refinement passes over the merged stories (each document to the story it fits best)
        state = S.Stories()
        number = {}
        vecs = {i: (S.vector(w.terms, df, n), S.vector(w.names, df, n)) for i, w, _ in docs}
        for i, _, _ in docs:
            s = out[i]
            if s not in number:
                number[s] = state._new(*vecs[i])
            else:
                state._move(number[s], *vecs[i], 1)
            out[i] = number[s]
        for _ in range(S.REFINE_PASSES):
            moved = 0
            for i, _, _ in docs:
                k = out[i]
                out[i] = state.reassign(k, *vecs[i])
                moved += out[i] != k
            if not moved:
                break
    out = S.split_incidents(out, lambda: iter(docs), df, n)
    return whole, out, len(windows)


def main() -> int:
    import events_stories as ES
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ledgers", type=Path, default=None, help="folder of built ledgers (built there when missing)")
    ap.add_argument("--window", type=int, default=30, help="days per window")
    ap.add_argument("--refine", choices=["", "all", "near"], default="",
                    help="then the stage's refinement passes over the merged stories: all of them, or (near) each "
                         "window's documents against the stories of that window and its two neighbours")
    args = ap.parse_args()

    def group(db: sqlite3.Connection) -> tuple[dict[str, int], dict[str, int], str]:
        whole, windowed, n_windows = by_windows(db, args.window, args.refine)
        return whole, windowed, f"{n_windows} windows of {args.window} days"

    return ES.experiment(args.ledgers, group, "by windows")


if __name__ == "__main__":
    sys.exit(main())
