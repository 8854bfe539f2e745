"""Events and figures on the five seeds, and every conflict or revision in the shared corpora.

1. The seeds (../shared/corpora/seeds): the checks issue 6 lists, each printed ok/MISS:
   the women-killed conflict (116 in two articles, 106 in two others); killed 613,
   children 63, injured 487, captured 1,275 and missing 150 agree, with their origins
   counted; the Barda attack is an event of its own with its own figures; "more than a
   thousand" hostages is not a conflict; the 116 -> 106 copy edit is tied to the figure.
2. With --list: every figure marked `conflict` or with a `trend` in
   ../shared/corpora/news_cluster_dev.jsonl and in ECB+ topic 37, with its values and
   the sentences they come from, for checking by hand.

    python eval/figures_seeds.py [--list]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import sqlite_utils

from storytrace.engines.local import build

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _figure(db, event_id, measure, group=None):
    q = 'select * from figures where event_id = ? and measure = ? and "group" is ?'
    return next(iter(db.query(q, [event_id, measure, group])), None)


def seeds(tmp: Path) -> int:
    build(tmp / "seeds.db", [str(SHARED / "corpora" / "seeds")], workers=1)
    db = sqlite_utils.Database(tmp / "seeds.db")
    events = {e["label"]: e for e in db.query("select * from events")}
    print("events:")
    for e in events.values():
        print(f"  {e['label']!r}: type {e['type']}, date {e['date']} ({e['date_precision']}), place {e['place']}, "
              f"historic {bool(e['historic'])}, actors {json.loads(e['actors'])}")
    khojaly = next((e for label, e in events.items() if "khojaly" in label.lower()), None)
    barda = next((e for label, e in events.items() if "barda" in label.lower()), None)
    checks: list[tuple[str, bool, str]] = []
    if khojaly is None:
        print("MISS: no Khojaly event")
        return 1
    k = khojaly["id"]
    women = _figure(db, k, "killed", "women")
    checks.append(("women killed: a conflict, 116 vs 106", bool(women) and women["status"] == "conflict" and
                   set(json.loads(women["genealogy"])) == {"116", "106"}, women and women["genealogy"]))
    for label, measure, group, value in (("killed", "killed", None, 613), ("children killed", "killed", "children", 63),
                                         ("injured", "injured", None, 487), ("captured", "captured", None, 1275),
                                         ("missing", "missing", None, 150)):
        f = _figure(db, k, measure, group)
        ok = bool(f) and f["status"] == "agree" and f["best"] == value
        said = f and f"{f['status']}, best {f['best']:,.0f}, {f['n_docs']} documents, {f['n_origins']} origins: " + \
            "; ".join(f"{o['origin']} ({', '.join(o['values'])})" for o in json.loads(f["origins"]))
        checks.append((f"{label} {value:,}: agree, origins counted", ok, said))
    captured = _figure(db, k, "captured")
    checks.append(('"more than a thousand" hostages is not a conflict', bool(captured) and captured["status"] != "conflict",
                   captured and captured["status"]))
    barda_ok = bool(barda) and not barda["historic"] and barda["id"] != k
    bk = barda and _figure(db, barda["id"], "killed")
    bi = barda and _figure(db, barda["id"], "injured")
    checks.append(("the Barda attack is an event of its own (not historic) with killed at least 21, injured nearly 70",
                   barda_ok and bool(bk) and bk["low"] == 21 and bool(bi) and bi["best"] == 70,
                   barda and f"{barda['label']}: killed {bk and bk['best']}, injured {bi and bi['best']}"))
    checks.append(("the Khojaly massacre is historic, dated Feb. 25-26, 1992", bool(khojaly["historic"]) and
                   (khojaly["date"] or "").startswith("1992-02-25"), f"{khojaly['date']} ({khojaly['date_precision']})"))
    edits = json.loads(women["copy_edits"]) if women else []
    checks.append(("the 116 -> 106 copy edit is tied to the women figure", any(e["from"] == "116" and e["to"] == "106" for e in edits),
                   f"{len(edits)} edit(s)"))
    doc_events = dict(db.execute("select substr(source, -24, 3), event_id from documents").fetchall())
    checks.append(("documents' main events: 000-003 Khojaly, 004 Barda",
                   all(doc_events.get(f"00{i}") == k for i in range(4)) and barda is not None and doc_events.get("004") == barda["id"],
                   json.dumps({s: ("Khojaly" if e == k else "Barda" if barda and e == barda["id"] else e) for s, e in sorted(doc_events.items())})))
    for label, ok, said in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}: {said}")
    n = sum(ok for _, ok, _ in checks)
    print(f"seeds: {n}/{len(checks)} checks")
    for c in db.query("select kind, detail from checks"):
        print(f"  consistency finding: {c['kind']}: {c['detail']}")
    return n


def listing(tmp: Path, name: str, keep=None) -> None:
    path = SHARED / "corpora" / name
    if keep is not None:
        sub = tmp / f"sub_{name}"
        with open(path, encoding="utf-8") as f, open(sub, "w", encoding="utf-8") as out:
            for line in f:
                if keep(json.loads(line)):
                    out.write(line)
        path = sub
    db_path = tmp / f"{name}.db"
    build(db_path, [str(path)], workers=0)
    db = sqlite_utils.Database(db_path)
    rows = list(db.query("select f.*, e.label from figures f join events e on e.id = f.event_id "
                         "where f.status = 'conflict' or f.trend is not null order by e.label, f.measure"))
    print(f"\n{path.name}: {len(rows)} figures in conflict or with a trend "
          f"(of {db.execute('select count(*) from figures').fetchone()[0]} figures)")
    for f in rows:
        print(f"- [{f['status']}{', ' + f['trend'] if f['trend'] else ''}] {f['label'][:70]!r} / {f['measure']}"
              f"{' / ' + f['group'] if f['group'] else ''}: {f['n_docs']} documents, {f['n_origins']} origins")
        for c in db.query('select c.value, c.qualifier, c.low, c.high, d.published, d.record_id, '
                          'substr(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) as sentence '
                          'from claims c join documents d on d.id = c.doc_id where c.figure_id = ? order by d.published', [f["id"]]):
            print(f"    {c['value'] if c['value'] is not None else (c['low'], c['high'])} ({c['qualifier']}) "
                  f"{(c['published'] or '')[:16]} {c['record_id']}: {' '.join(c['sentence'].split())[:220]}")


def main() -> int:
    if not SHARED.exists():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        seeds(Path(tmp))
        if "--list" in sys.argv:
            listing(Path(tmp), "news_cluster_dev.jsonl")
            listing(Path(tmp), "ecbplus.jsonl", keep=lambda r: str(r.get("topic")) == "37")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
