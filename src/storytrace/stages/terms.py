"""The terms stage: which event each label refers to, across documents, and how copied
passages change their wording over time.

One job: the cross-document half of framing. `terms_stage(db)` (after the events
stage) fills `terms.event_id` and counts uses per (document, event, term, voice, kind,
speaker, speech, negated) from the analyser's `mentions`, on every build;
`wording_drift(db)` lists, per event, the word edits of copied passages (reuse.edits,
figures left out) in the order the copies were published.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Optional

from .events import mentions_by_document, resolve
from ..analyse.framing import find_hits, term_row



def terms_stage(db: Any) -> dict[str, int]:
    """Fill `terms.event_id` and count the uses per (document, event, term, voice, kind,
    speaker, speech, negated). Run after the events stage: a use tied to a named event
    mention gets that mention's event (events.resolve, as the events stage resolves
    it, and through an event merged by a correction), any other its document's main
    event. Rows are regrouped from their `mentions` on every run, so a rebuild with
    more documents (events renamed, merged) relinks every use."""
    if "terms" not in db.table_names():
        return {"terms": 0}
    cols = ["id", "doc_id", "term", "voice", "kind", "category", "speaker", "speech", "negated", "mentions"]
    rows = [dict(zip(cols, r)) for r in db.execute(f"select {', '.join(cols)} from terms")]
    if not rows:
        return {"terms": 0}
    main = dict(db.execute("select id, event_id from documents").fetchall())
    events = {r[0] for r in db.execute("select id from events")}
    merged = _merges(db, events)
    if "aliases" in db["events"].columns_dict:  # named events the events stage found to be a story's own
        for eid, aliases in db.execute("select id, aliases from events"):
            merged.update({a: eid for a in json.loads(aliases or "[]")})
    uses = [(r, m) for r in rows for m in json.loads(r["mentions"] or "[]")]
    event_of_mention: dict[tuple[str, int], str] = {}
    if any(m.get("ref") for _r, m in uses):
        stored = mentions_by_document(db)
        mentions = {doc_id: stored[doc_id] for (doc_id,) in db.execute("select id from documents") if doc_id in stored}
        resolved = resolve(mentions)  # (the mentions rows: no text is read)
        for (doc_id, i), eid in resolved.items():
            event_of_mention[(doc_id, mentions[doc_id][i].start)] = eid
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    info: dict[tuple, dict[str, Any]] = {}
    for r, m in uses:
        ref = m.get("ref")
        eid = main.get(r["doc_id"])
        if ref:
            eid = event_of_mention.get((r["doc_id"], ref["start"]))
            if eid is not None:  # (merged keys are event ids, never None)
                eid = merged.get(eid, eid)
            if eid not in events:
                eid = None  # a named event the ledger keeps no row for (no figure, not a story's event)
        key = (r["doc_id"], eid, r["term"], r["voice"], r["kind"], r["speaker"], r["speech"], bool(r["negated"]))
        groups[key].append(m)
        info[key] = r
    out = []
    for key, ms in groups.items():
        doc_id, eid, term, voice, kind, speaker, speech, negated = key
        t = term_row(doc_id, eid, ("event", eid), term, voice, kind, info[key]["category"], speaker, speech, negated, ms)
        out.append(t.row())
    db.execute("delete from terms")
    if out:
        db["terms"].insert_all(out, pk="id", replace=True)
    return {"terms": len(out), "linked": sum(1 for t in out if t["event_id"])}


def _merges(db: Any, events: set[str]) -> dict[str, str]:
    """Events merged into others by people's corrections (event:X same_as Y), followed to the end."""
    if "corrections" not in db.table_names() or "status" not in db["corrections"].columns_dict:
        return {}
    pairs = {}
    for target, value in db.execute(
            "select target, value from corrections where field = 'same_as' and status = 'applied'"):
        pairs[target.partition(":")[2]] = value
    out = {}
    for a in pairs:
        b, seen = pairs[a], {a}
        while b in pairs and b not in seen and b not in events:
            seen.add(b)
            b = pairs[b]
        out[a] = b
    return out


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
