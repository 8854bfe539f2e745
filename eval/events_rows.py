"""Event rows against the events the dev stories' documents name (eval/gold/figure_rows).

Each gold story lists the real events its documents report or recall (the story's own,
past ones, other incidents), with type, date and place. For every event row of a ledger
whose documents belong to a gold story (its main documents, the documents whose numbers
or labels it carries), the row is

- **real** when it is one of those events: the story's own (the event most of the
  story's documents have as their main event) or one whose words (a name, a place, a
  year the gold lists) its label or place contains; else **junk** (a caption, a credit,
  "the militia, founded in 2004", a headline of another story);
- **distinct** when no other row of the story is the same gold event (else a duplicate);
- **typed right** when its type is the gold type, or one the gold type allows (a
  shooting may be typed attack; an event with no incident type must have none); a gold
  type of several words is the type its last word names when that is one ("ferry
  sinking" is a sinking, "mine explosion" an explosion; "hostage-taking" allows none);
- its **place** right when a word of it (four letters or more) is in the gold place,
  wrong when none is, missing when it has none and the gold event one.

Prints per half (eval/gold/split.json) the share of rows real and distinct, the share
of real rows typed right, the places of the real rows, and the misses of the tune half
(--show-check: both).

    python eval/events_rows.py [--ledgers DIR] [--show-check]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figure_rows import SHARED, open_gold_and_ledgers  # noqa: E402

#: Types a gold type allows besides itself (the ledger types come from event nouns).
ALLOWED = {
    "murder": {"shooting", "attack", "massacre"}, "shooting": {"attack", "massacre"}, "massacre": {"attack"},
    "bombing": {"explosion", "attack"}, "explosion": {"bombing", "fire"}, "attack": {"bombing", "shooting", "raid"},
    "riot": {"attack"}, "crash": {"sinking"}, "sinking": {"crash"}, "earthquake": {"tsunami"}, "storm": {"flood"},
    "flood": {"storm", "landslide"}, "fire": {"explosion"}, "piracy": {"attack"}, "hijacking": {"attack"},
    "tornado": {"storm"}, "hurricane": {"storm"}, "cyclone": {"storm"},  # (the ledger's storm: a gold kind of it)
}


#: The types the events stage gives (mentions.EVENT_NOUNS); a gold type outside them ("launch",
#: "escape") allows no type at all.
LEDGER_TYPES = frozenset("massacre attack bombing explosion shooting earthquake tsunami flood landslide fire crash "
                         "sinking storm eruption stampede riot kidnapping avalanche".split())


def judge(gold: dict[str, Any], docs: list, db: sqlite3.Connection) -> list[dict[str, Any]]:
    ids = {d.id for d in docs}
    q = ",".join("?" * len(ids))
    main = Counter(e for (e,) in db.execute(f"select event_id from documents where id in ({q})", list(ids)) if e)
    own = main.most_common(1)[0][0] if main else None
    docs_of: dict[str, set] = defaultdict(set)
    for eid, doc in db.execute(f"select event_id, id from documents where id in ({q})", list(ids)):
        docs_of[eid].add(doc)
    placed = ("and (placement is null or placement not like 'unplaced%')"
              if "placement" in {r[1] for r in db.execute("pragma table_info(claims)")} else "")
    for eid, doc in db.execute(f"select event_id, doc_id from claims where doc_id in ({q}) and measure != 'other' {placed}",
                               list(ids)):
        docs_of[eid].add(doc)
    for eid, doc in db.execute(f"select event_id, doc_id from terms where doc_id in ({q})", list(ids)):
        docs_of[eid].add(doc)
    # a row belongs to the story when most of its documents are the story's (all of them here)
    all_docs: dict[str, set] = defaultdict(set)
    for eid, doc in db.execute("select event_id, id from documents"):
        all_docs[eid].add(doc)
    rows = []
    for eid, label, etype, date, place, historic in db.execute("select id, label, type, date, place, historic from events"):
        mine = docs_of.get(eid, set())
        if not mine or len(mine) * 2 < len(all_docs.get(eid, set()) | mine):
            continue
        key = "own" if eid == own else _match(f"{label} {date or ''}", place, gold["events"])
        g = next((e for e in gold["events"] if e["key"] == key), None)
        gtype = g.get("type") if g else None
        if gtype and gtype not in LEDGER_TYPES and gtype.split()[-1] in LEDGER_TYPES:
            gtype = gtype.split()[-1]  # "ferry sinking", "mine explosion": the kind of event its head noun says
        typed = g is not None and (etype == gtype or etype in ALLOWED.get(gtype or "", set())
                                   or (etype is None and gtype not in LEDGER_TYPES))
        rows.append({"id": eid, "label": label, "type": etype, "date": date, "place": place, "gold": key,
                     "gold_type": g.get("type") if g else None, "typed": typed, "docs": len(mine),
                     "placed": _place_verdict(place, g.get("place") if g else None)})
    first: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: (-r["docs"], r["id"])):  # one row per gold event: the most documented
        r["real"] = r["gold"] is not None
        r["distinct"] = r["real"] and r["gold"] not in first
        if r["real"]:
            first.setdefault(r["gold"], r)
    return rows


def _place_verdict(place: Optional[str], gold: Optional[str]) -> str:
    """A row's place against the gold event's: 'right' when one of its words (of four
    letters or more) is in the gold place ("Erlangen" in "Erlangen, Germany"), 'wrong' when
    none is, 'missing' when the row has none and the gold one."""
    if not place:
        return "missing" if gold else "none"
    words = [w for w in place.lower().replace(",", " ").split() if len(w) >= 4]
    return "right" if gold and any(w in gold.lower() for w in words) else "wrong"


def _match(label: Optional[str], place: Optional[str], events: list[dict[str, Any]]) -> Optional[str]:
    text = f"{label or ''} {place or ''}".lower()
    best = None
    for e in events:
        if e["key"] == "own":
            continue
        hits = sum(1 for w in e.get("words", []) if w and w.lower() in text)
        if hits and (best is None or hits > best[0]):
            best = (hits, e["key"])
    return best[1] if best else None


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ledgers", type=Path, help="folder of built ledgers to reuse (built there when missing)")
    ap.add_argument("--show-check", action="store_true", help="print the check half's misses too")
    ap.add_argument("--files", default="*.json",
                    help="gold files to score (globs in eval/gold/figure_rows, comma-separated; default all)")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"no {SHARED}: the dev data is not here", file=sys.stderr)
        return 2
    half_of, golds, docs, dbs, tmp = open_gold_and_ledgers(args.ledgers, args.files)
    totals: dict[str, Counter] = defaultdict(Counter)
    for g in golds:
        ledger = "news_cluster" if g["story"].startswith("nc:") else "ecbplus" if g["story"].startswith("ecb:") else g["story"].split(":")[0]
        sdocs = [d for d in docs[ledger] if d.story == g["story"]]
        if not sdocs:
            continue
        half = half_of.get(g["story"], "check")  # unlisted: shown as check, never tuned on
        rows = judge(g, sdocs, dbs[ledger])
        t = totals[half]
        t["rows"] += len(rows)
        t["real_distinct"] += sum(r["real"] and r["distinct"] for r in rows)
        t["real"] += sum(r["real"] for r in rows)
        t["typed"] += sum(r["typed"] for r in rows if r["real"])
        for r in rows:
            if r["real"]:
                t["place " + r["placed"]] += 1
        bad = [r for r in rows if not (r["real"] and r["distinct"] and r["typed"] and r["placed"] != "wrong")]
        if bad and (half == "tune" or args.show_check):
            print(f"{g['story']} ({half}): {len(rows)} event rows")
            for r in bad:
                why = ("junk" if not r["real"] else "duplicate" if not r["distinct"] else
                       f"type {r['type']} (gold {r['gold_type']})" if not r["typed"] else "place wrong")
                print(f"  {why:30} {r['label'][:70]!r} type {r['type']} date {r['date']} place {r['place']} -> {r['gold']}")
    for half in ("tune", "check"):
        t = totals[half]
        def share(a, b):
            return f"{a}/{b} ({a / b:.0%})" if b else f"{a}/0"
        print(f"{half}: event rows {t['rows']}: real and distinct {share(t['real_distinct'], t['rows'])}; "
              f"real rows typed right {share(t['typed'], t['real'])}; places of real rows: right {t['place right']}, "
              f"wrong {t['place wrong']}, missing {t['place missing']} (of {t['real']})")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
