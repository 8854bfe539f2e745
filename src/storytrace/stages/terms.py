"""The terms stage: which event each label refers to, across documents, and how copied
passages change their wording over time.

One job: the cross-document half of framing. `TERMS` (a plan, after the events stage;
both engines run it) fills `terms.event_id` and counts uses per (document, event, term,
voice, kind, speaker, speech, negated) from the analyser's `mentions`, on every build;
`wording_drift(db)` lists, per event, the word edits of copied passages (reuse.edits,
figures left out) in the order the copies were published.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Iterable, Iterator, NamedTuple, Optional

from ..analyse.framing import find_hits, term_row
from .plan import Group, Plan, Read, Write


class Use(NamedTuple):
    """One use of a term, as the framing analyser stored it (a `terms` row's `mentions`
    item): its document, its grouping fields, the item itself (JSON) and the start of the
    named event mention it refers to (`ref`), if any."""

    doc_id: str
    term: str
    voice: str
    kind: str
    category: Optional[str]
    speaker: Optional[str]
    speech: Optional[str]
    negated: bool
    use: str
    named: bool  # tied to a named event ("the Khojaly genocide"): never its document's event by default
    ref: Optional[int]  # ... the start of that name's stored mention (None: no mention of it is stored)
    position: int


class MentionEvent(NamedTuple):
    """A named event mention and the event the events stage found it names."""

    doc_id: str
    start: int
    event_id: str
    position: int


class DocEvent(NamedTuple):
    """A document and its main event."""

    id: str
    event_id: Optional[str]
    position: int


class Placed(NamedTuple):
    """A use with its event: the named event it refers to (None: none has a row), else its
    document's event."""

    use: Use
    event_id: Optional[str]


class Counted(NamedTuple):
    key: str  # the row's id (its Write order)
    row: dict


USES_QUERY = "select doc_id, term, voice, kind, category, speaker, speech, negated, mentions from terms order by rowid"


def _uses(rows: Iterable[tuple]) -> Iterator[Use]:
    """Each `terms` row's uses, one record each (regrouped on every run: a rebuild with more
    documents, events renamed or merged, relinks every use)."""
    n = 0
    for doc_id, term, voice, kind, category, speaker, speech, negated, mentions in rows:
        for m in json.loads(mentions or "[]"):
            ref = m.get("ref")
            yield Use(doc_id, term, voice, kind, category, speaker, speech, bool(negated), json.dumps(m, ensure_ascii=False),
                      bool(ref), ref.get("start") if ref else None, n)
            n += 1


def _placed(_doc: str, uses: list[Use], mentions: list[MentionEvent], docs: list[DocEvent]) -> Iterator[Placed]:
    """A document's uses: one tied to a named event gets the event of that name's mention
    (the events stage wrote it, merges and story aliases applied; none when the event has
    no row or the name no stored mention), any other its document's main event."""
    main = docs[0].event_id if docs else None
    named = {m.start: m.event_id for m in mentions}
    for u in uses:
        yield Placed(u, (named.get(u.ref) if u.ref is not None else None) if u.named else main)


def _counted(key: tuple, placed: list[Placed]) -> Iterator[Counted]:
    doc_id, eid, term, voice, kind, speaker, speech, negated = key
    ordered = sorted(placed, key=lambda p: p.use.position)
    category = ordered[-1].use.category  # (one term has one category)
    t = term_row(doc_id, eid, ("event", eid), term, voice, kind, category, speaker, speech, negated,
                 [json.loads(p.use.use) for p in ordered])
    yield Counted(t.id, t.row())


def _key(p: Placed) -> tuple:
    u = p.use
    return (u.doc_id, p.event_id, u.term, u.voice, u.kind, u.speaker, u.speech, u.negated)


#: Fill `terms.event_id` and count the uses per (document, event, term, voice, kind,
#: speaker, speech, negated): a join of the uses with their documents' named mentions
#: (the event each names: the events stage's) and main events, then a group-by.
TERMS = Plan(
    name="terms",
    reads=(
        Read("uses", USES_QUERY, Use, rows=_uses),
        Read("mentions", "select doc_id, start, event_id from mentions where event_id is not null", MentionEvent),
        Read("docs", "select id, event_id from documents", DocEvent),
    ),
    steps=(
        Group("placed", [("uses", lambda u: u.doc_id), ("mentions", lambda m: m.doc_id), ("docs", lambda d: d.id)],
              _placed),
        Group("counted", [("placed", _key)], _counted),
    ),
    writes=(Write("terms", ["counted"], order=lambda c: c.key, row=lambda c: c.row),),
    requires=("events",),
)


def wording_drift(db: Any, event_id: Optional[str] = None, numbers: bool = False,
                  kept: bool = False) -> dict[str, list[dict[str, Any]]]:
    """How copied passages change, per event over time: event id -> the word edits of
    every copied passage (reuse rows of kind `passage`; figures left out unless
    `numbers`), ordered by the copy's publication date (undated copies last).

    A passage's event: the event of the labels and claims inside the copy, else inside
    the original, else the original document's main event, else the copy's. Each item
    keeps `change` (`replaced`, `added`, `removed`), `from`, `to`, both documents'
    offsets and dates, the reuse id, and `terms`: the lexicon words (labels and loaded
    words) on either side. With `kept`, the lexicon words a copy keeps unchanged are
    items too (`change` `kept`, `from` = `to`): "now-occupied" copied in 2018 and 2020."""
    docs = {doc_id: {"published": published or low, "event_id": event_id, "source": source, "outlet": outlet}
            for doc_id, published, low, event_id, source, outlet
            in db.execute("select id, published, published_low, event_id, source, outlet from documents")}
    labels: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    if "terms" in db.table_names():
        for doc_id, eid, spans in db.execute("select doc_id, event_id, spans from terms where kind = 'label' and event_id is not null"):
            for s, e in json.loads(spans or "[]"):
                labels[doc_id].append((s, e, eid))
    claims: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for doc_id, s, e, eid in db.execute("select doc_id, start, \"end\", event_id from claims where event_id is not null"):
        claims[doc_id].append((s, e, eid))
    names = dict(db.execute("select id, label from events").fetchall())
    cache: dict[str, str] = {}

    def texts(doc_id: str) -> str:
        if doc_id not in cache:
            row = db.execute("select text from documents where id = ?", [doc_id]).fetchone()
            cache[doc_id] = row[0] if row else ""
        return cache[doc_id]

    def inside(doc_id: str, lo: int, hi: int) -> Optional[str]:
        votes: dict[str, int] = defaultdict(int)
        for s, _e, eid in labels.get(doc_id, []) + claims.get(doc_id, []):
            if lo <= s < hi:
                votes[eid] += 1
        return max(sorted(votes), key=lambda k: votes[k]) if votes else None

    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rid, src, tgt, ss, se, ts, te, edits in db.execute(
            "select id, source_doc, target_doc, source_start, source_end, target_start, target_end, edits "
            "from reuse where kind = 'passage'"):
        eid = inside(tgt, ts, te) or inside(src, ss, se) or docs.get(src, {}).get("event_id") or docs.get(tgt, {}).get("event_id")
        if eid is None or (event_id is not None and eid != event_id):
            continue
        base = {"event_id": eid, "event": names.get(eid), "reuse_id": rid, "source_doc": src, "target_doc": tgt,
                "source_published": docs.get(src, {}).get("published"),
                "target_published": docs.get(tgt, {}).get("published")}
        changed = []
        for ed in json.loads(edits or "[]"):
            changed.append((ed.get("target_start"), ed.get("target_end")))
            if ed.get("number") and not numbers:
                continue
            old, new = ed.get("from", ""), ed.get("to", "")
            words = [h[1] for side in (old, new) for h in find_hits(side)]
            out[eid].append(base | {
                "change": "added" if not old else "removed" if not new else "replaced", "from": old, "to": new,
                "source_start": ed.get("source_start"), "source_end": ed.get("source_end"),
                "target_start": ed.get("target_start"), "target_end": ed.get("target_end"),
                "terms": sorted(set(words)),
            })
        if kept:
            target = texts(tgt)
            for _k, term, _c, hs, he in find_hits(target[ts:te]):
                a, b = ts + hs, ts + he
                if not any(cs is not None and cs < b and a < (ce if ce is not None else cs) for cs, ce in changed):
                    out[eid].append(base | {"change": "kept", "from": target[a:b], "to": target[a:b],
                                            "source_start": None, "source_end": None, "target_start": a,
                                            "target_end": b, "terms": [term]})
    for eid in out:
        out[eid].sort(key=lambda d: (d["target_published"] is None, d["target_published"] or "",
                                     d["source_published"] or "", d["target_doc"], d["target_start"] or 0))
    return dict(out)
