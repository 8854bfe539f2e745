"""Would stories found per connected component agree with the single pass? (issue 18)

An experiment for a stories stage that distributes: documents linked by candidate pairs
(blocking: documents sharing one of their BLOCK heaviest terms, each paired with its
NEAREST predecessors in publication order in that block), an edge where the pair's
terms cosine is at least EDGE (and the names cosine at least NAMES), connected
components of the edges, then the stories stage's single pass (`stories.group`) inside
each component. Prints, for news_cluster_dev and ECB+, the components' sizes, the
B-cubed agreement of the result with the single pass over everything, and both against
the gold stories on the tune and check halves.

    python eval/stories_components.py [--ledgers DIR] [--edge 0.1] [--block 20] [--nearest 30] [--names 0.0]
"""

from __future__ import annotations

import argparse
import heapq
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from storytrace.analyse.leads import stored_words  # noqa: E402
from storytrace.stages import stories as S  # noqa: E402
from storytrace.unionfind import DisjointSets  # noqa: E402

ORDER = ("select d.id, l.terms, l.names, l.year_named, d.published from documents d left join leads l on l.doc_id = d.id "
         "where coalesce(d.kind, 'article') {} 'article' "
         "order by coalesce(d.published_low, substr(d.published, 1, 10), '9999'), d.published, d.id")


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def by_components(db: sqlite3.Connection, args: Any) -> tuple[dict[str, int], dict[str, Any], list[int]]:
    pool: dict[str, str] = {}
    arts = [(i, stored_words(t, n, y, pool), p) for i, t, n, y, p in db.execute(ORDER.format("="))]
    pages = [(i, stored_words(t, n, y, pool), p) for i, t, n, y, p in db.execute(ORDER.format("!="))]
    whole = S.group(arts, pages=lambda: iter(pages))
    df = S.document_frequencies(w for _, w, _ in arts)
    n = max(1, df.get("", 0))
    vec = {i: (S.vector(w.terms, df, n), S.vector(w.names, df, n)) for i, w, _ in arts + pages}
    pos = {i: k for k, (i, _, _) in enumerate(arts + pages)}
    blocks: dict[str, list[str]] = defaultdict(list)
    for i, (v, _) in vec.items():
        for t in heapq.nlargest(args.block, v, key=v.__getitem__):
            blocks[t].append(i)
    sets: DisjointSets[tuple] = DisjointSets()
    for ids in blocks.values():
        ids.sort(key=pos.__getitem__)
        for k, a in enumerate(ids):
            for b in ids[max(0, k - args.nearest):k]:
                names = _cos(vec[a][1], vec[b][1]) if vec[a][1] and vec[b][1] else 1.0
                if _cos(vec[a][0], vec[b][0]) >= args.edge and names >= args.names:
                    sets.union((pos[a], a), (pos[b], b))
    comp: dict[tuple, list[str]] = defaultdict(list)
    for i in vec:
        comp[sets.root((pos[i], i))].append(i)
    out: dict[str, Any] = {}
    for root, ids in comp.items():
        members = set(ids)
        a = [x for x in arts if x[0] in members]
        pg = [x for x in pages if x[0] in members]
        if a:
            for d, k in S.group(a, df=df, pages=lambda pg=pg: iter(pg)).items():
                out[d] = (root, k)
    return whole, out, sorted((len(v) for v in comp.values()), reverse=True)


def main() -> int:
    import events_stories as ES
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ledgers", type=Path, default=None, help="folder of built ledgers (built there when missing)")
    ap.add_argument("--edge", type=float, default=0.1)
    ap.add_argument("--block", type=int, default=20)
    ap.add_argument("--nearest", type=int, default=30)
    ap.add_argument("--names", type=float, default=0.0)
    args = ap.parse_args()

    def group(db: sqlite3.Connection) -> tuple[dict[str, int], dict[str, Any], str]:
        whole, comps, sizes = by_components(db, args)
        return whole, comps, f"{len(sizes)} components, largest {sizes[:5]}"

    return ES.experiment(args.ledgers, group, "by components")


if __name__ == "__main__":
    sys.exit(main())
