"""Figure rows against the gold a careful fact-checker would publish (eval/gold/figure_rows).

Builds the ledgers of the dev data (news_cluster_dev, ECB+, the seeds, the bundled
example) and judges every figure row of a gold story:

- **right**: the row is a real figure of the event it is filed under, its best value is
  one the gold accepts, and its status, trend and origins do not mislead;
- **misleading**: the value is right but the status (a false `conflict`), the trend, the
  origins (more than the gold accepts, or more than documents) are not, or the row
  repeats another row of the same figure (a split event);
- **wrong**: a number that is no figure of that event (a caption, another event's
  number, a subset, a count of something else), the wrong measure, or a best value the
  gold does not accept.

A row is matched to the gold through its claims: each gold evidence item (document,
offset of the number in the record's text, the number as written) is located in the
ledger's normalised text, and a claim whose span holds it carries the item's row. Rows
no evidence reaches are matched by (event, measure, group) and listed as unlabelled.

Also: recall of the gold rows (optional ones aside), trend accuracy (every matched row;
the labels alone), conflict precision, and the headline figure of each story.
The stories were split once into tune and check (eval/gold/split.json): the misses of
the tune half are printed; those of the check half only with --show-check.

    python eval/figure_rows.py [--ledgers DIR] [--show-check] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
GOLD = HERE / "gold"
FERRY = ROOT / "src" / "storytrace" / "examples" / "ferry" / "articles"

CORPORA = {  # ledger name -> inputs
    "news_cluster": [SHARED / "corpora" / "news_cluster_dev.jsonl"],
    "ecbplus": [SHARED / "corpora" / "ecbplus.jsonl"],
    "seeds": [SHARED / "corpora" / "seeds"],
    "ferry": [FERRY],
    "fresh": [HERE / "fresh"],  # stories written for this eval after the rules (eval/fresh/README.md)
}


def _split_fresh() -> list[Path]:
    """The fresh stories the split names: a story written but not yet split is not built, so never scored."""
    split = json.loads((GOLD / "split.json").read_text())
    named = {s for k, v in split.items() if k.startswith("fresh_") for s in v["tune"] + v["check"]}
    return sorted(HERE / "fresh" / s.split(":", 1)[1] for s in named)



def _ws(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s))


@dataclass
class Doc:
    ledger: str
    id: str  # ledger document id
    story: str
    key: str  # the gold's name for it
    text: str  # ledger text
    raw: str  # the input's text, which gold offsets point into


@dataclass
class Judged:
    story: str
    row: dict[str, Any]
    label: Optional[str]
    verdict: str  # right, misleading, wrong
    why: list[str] = field(default_factory=list)
    unlabelled: bool = False
    gold: Optional[dict[str, Any]] = None


def build_ledgers(out: Path) -> dict[str, Path]:
    from storytrace.engines.local import build

    paths = {}
    for name, inputs in CORPORA.items():
        path = out / f"{name}.db"
        if not path.exists():
            build(path, [str(p) for p in (_split_fresh() if name == "fresh" else inputs)], workers=1)
        paths[name] = path
    return paths


def _raw_records(path: Path) -> dict[str, dict[str, Any]]:
    return {str(r["id"]): r for r in map(json.loads, open(path, encoding="utf-8"))}


def _raw_source(source: str) -> tuple[str, str, str]:
    """A fresh document's raw text, gold key and story folder from its ledger source: a file
    ("NAME"), a JSON line ("NAME:N": news-please `maintext` or Media Cloud `text`) or a WARC page
    ("NAME#URI": the response's HTML)."""
    if "#" in source and ".warc" in source.split("#", 1)[0]:
        path, uri = source.split("#", 1)
        return _warc_page(Path(path), uri), f"{Path(path).name}#{uri}", Path(path).parent.name
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        rec = json.loads(Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1])
        return rec.get("maintext") or rec.get("text") or "", f"{Path(path).name}:{line}", Path(path).parent.name
    return Path(source).read_text(encoding="utf-8"), Path(source).name, Path(source).parent.name


def _warc_page(path: Path, uri: str) -> str:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == uri:
                return record.content_stream().read().decode("utf-8", "replace")
    return ""


def load_docs(paths: dict[str, Path]) -> dict[str, list[Doc]]:
    """Every ledger document of a gold-able corpus with its story and raw text."""
    out: dict[str, list[Doc]] = defaultdict(list)
    nc = _raw_records(SHARED / "corpora" / "news_cluster_dev.jsonl")
    ecb = _raw_records(SHARED / "corpora" / "ecbplus.jsonl")
    for name, path in paths.items():
        db = sqlite3.connect(path)
        for did, source, rec, text in db.execute("select id, source, record_id, text from documents"):
            if name == "news_cluster" and rec in nc:
                r = nc[rec]
                out[name].append(Doc(name, did, f"nc:{r['event_id']}", rec, text, r["text"]))
            elif name == "ecbplus" and rec in ecb:
                r = ecb[rec]
                out[name].append(Doc(name, did, f"ecb:{r['subtopic']}", rec, text, r["text"]))
            elif name == "seeds":
                base = Path(source).name
                out[name].append(Doc(name, did, "seeds", base[:3], text, (Path(source)).read_text(encoding="utf-8")))
            elif name in ("ferry", "fresh"):
                raw, key, folder = _raw_source(source)
                story = "ferry" if name == "ferry" else "fresh:" + folder
                out[name].append(Doc(name, did, story, key, text, raw))
        db.close()
    return out


def locate(doc: Doc, at: int, num: str) -> Optional[int]:
    """Where the number the gold points at (an offset into the raw text) is in the ledger text."""
    left, right = _ws(doc.raw[max(0, at - 60) : at]), _ws(doc.raw[at + len(num) : at + len(num) + 60])
    best, best_score = None, -1
    flags = 0 if num[:1].isdigit() else re.IGNORECASE
    for m in re.finditer(re.escape(num), doc.text, flags):
        tl, tr = _ws(doc.text[max(0, m.start() - 60) : m.start()]), _ws(doc.text[m.end() : m.end() + 60])
        score = _common_suffix(left, tl) + _common_prefix(right, tr)
        if score > best_score:
            best, best_score = m.start(), score
    return best


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _key(event: str, measure: str, group: Optional[str]) -> str:
    return f"{event}/{measure}/{group or '-'}"


def _resolve_doc(story_docs: list[Doc], key: str) -> Optional[Doc]:
    """The document a gold key names: its exact key ("records.jsonl:1", not ":10"), else
    the one key it is a prefix of (a document id's first characters)."""
    exact = [d for d in story_docs if d.key == key]
    hits = exact or [d for d in story_docs if len(key) >= 12 and d.key.startswith(key)]
    return hits[0] if len(hits) == 1 else None


def judge_story(gold: dict[str, Any], docs: list[Doc], db: sqlite3.Connection) -> tuple[list[Judged], dict[str, Any]]:
    """Every ledger figure row of one gold story, judged; and the story's recall/headline facts."""
    by_id = {d.id: d for d in docs}
    rows_gold = {_key(r["event"], r["measure"], r["group"]): r for r in gold["rows"]}
    # evidence -> (ledger doc id, position, label)
    marks: dict[str, list[tuple[int, str]]] = defaultdict(list)
    lost = 0
    for e in gold["evidence"]:
        d = _resolve_doc(docs, e["doc"])
        pos = locate(d, e["at"], e["num"]) if d else None
        if d is None or pos is None:
            lost += 1
            continue
        marks[d.id].append((pos, e["row"] if e.get("why") != "not-a-count" else "none:not-a-count"))
    ids = list(by_id)
    q = ",".join("?" * len(ids))
    own_votes = Counter(e for (e,) in db.execute(f"select event_id from documents where id in ({q})", ids) if e)
    own = own_votes.most_common(1)[0][0] if own_votes else None
    events = {r[0]: r for r in db.execute("select id, label, place, historic from events")}
    # the ledger's figure rows this story's claims make (a row belongs to the story most of its claims come from)
    claims = db.execute('select id, doc_id, start, "end", figure_id from claims where figure_id is not null').fetchall()
    of_row: dict[str, list[tuple]] = defaultdict(list)
    for c in claims:
        of_row[c[4]].append(c)
    cols = [r[1] for r in db.execute("pragma table_info(figures)")]
    judged: list[Judged] = []
    for vals in db.execute("select * from figures"):
        row = dict(zip(cols, vals))
        cs = of_row.get(row["id"], [])
        stories = Counter(("in" if c[1] in by_id else "out") for c in cs)
        if not cs or stories["in"] <= stories["out"]:
            continue
        labels = Counter()
        for _, doc_id, s, e, _ in cs:
            inside = [label for pos, label in marks.get(doc_id, ()) if s <= pos < max(e, s + 1)]
            counts = [x for x in inside if x != "none:not-a-count"]  # an age or a date inside a victim's words
            for label in (counts or ["none"] * len(inside)):  # labels the claim only when nothing else does
                labels[label] += 1
        ev = events.get(row["event_id"])
        ev_key = _event_key(row["event_id"], own, ev, gold["events"])
        j = Judged(gold["story"], row, None, "wrong")
        if labels:
            top = max(labels.items(), key=lambda kv: (kv[1], kv[0] != "none"))
            j.label = top[0]
        else:
            j.label, j.unlabelled = _key(ev_key, row["measure"], row["group"]), True
        _judge(j, rows_gold, ev_key, ev)
        judged.append(j)
    # a second row of one gold figure: a duplicate (a split event)
    seen: dict[str, Judged] = {}
    for j in sorted(judged, key=lambda j: -j.row["n_claims"]):
        if j.gold is None:
            continue
        if j.label in seen:
            if j.verdict == "right":
                j.verdict = "misleading"
            j.why.append(f"repeats the row of {j.label} (split event)")
        else:
            seen[j.label] = j
    found = {j.label for j in judged if j.gold is not None}
    head = next((r for r in gold["rows"] if r.get("headline")), None)
    head_j = seen.get(_key(head["event"], head["measure"], head["group"])) if head else None
    facts = {
        "gold_rows": [k for k, r in rows_gold.items() if not r.get("optional")],
        "missed": [k for k, r in rows_gold.items() if not r.get("optional") and k not in found],
        "headline": head and _key(head["event"], head["measure"], head["group"]),
        "headline_value_right": bool(head_j and _value_ok(head_j.row, head_j.gold)),
        "headline_row_right": bool(head_j and head_j.verdict == "right"),
        "headline_row": head_j.row if head_j else None,
        "evidence_lost": lost,
    }
    return judged, facts


def _event_key(event_id: str, own: Optional[str], ev: Optional[tuple], gold_events: list[dict[str, Any]]) -> str:
    if event_id == own:
        return "own"
    label = " ".join(str(x or "") for x in (ev[1], ev[2])).lower() if ev else ""
    for g in gold_events:
        if g["key"] != "own" and any(w in label for w in g.get("words", [])):
            return g["key"]
    own_words = next((g.get("words", []) for g in gold_events if g["key"] == "own"), [])
    if any(w in label for w in own_words):
        return "own-split"
    return "other"


def _value_ok(row: dict[str, Any], g: dict[str, Any]) -> bool:
    best = row["best"]
    if g["best"] is None:  # only vague figures: no best, or one within the band
        lo, hi = g.get("low"), g.get("high")
        return best is None or ((lo is None or best >= lo) and (hi is None or best <= hi))
    return best is not None and any(abs(best - a) < 1e-9 for a in (g.get("accept") or [g["best"]]))


def _judge(j: Judged, rows_gold: dict[str, dict[str, Any]], ev_key: str, ev: Optional[tuple]) -> None:
    row = j.row
    label = j.label or ""
    if label == "none":
        j.why.append("no figure of any event (caption, subset, other count ...)")
        return
    g = rows_gold.get(label)
    if g is None:
        j.why.append(f"no gold row {label}" + (" (unlabelled)" if j.unlabelled else ""))
        return
    j.gold = g
    if (row["measure"], row["group"] or None) != (g["measure"], g["group"]):
        j.why.append(f"filed as {row['measure']}/{row['group'] or '-'}, the numbers say {label}")
        return
    if ev_key not in (g["event"], "own-split") and not (ev_key == "other" and g["event"] != "own"):
        j.why.append(f"filed under event {ev_key!r} ({ev[1] if ev else '?'}), belongs to {g['event']!r}")
        return
    if not _value_ok(row, g):
        j.why.append(f"best {row['best']} not in {g.get('accept') or [g['best']]}" + (f" (vague {g.get('low')}-{g.get('high')})" if g['best'] is None else ""))
        return
    bad = []
    if ev_key == "own-split" or (ev_key == "other" and g["event"] == "own"):
        bad.append("filed under a second event of the story")
    if row["status"] != g["status"] and row["status"] not in g.get("status_ok", []):
        bad.append(f"status {row['status']} (gold {g['status']})")
    if not _trend_ok(row, g):
        bad.append(f"trend {row['trend']} (gold {g['trend']}{'' if g.get('trend_dated') else ', undated'})")
    if row["n_origins"] > max(g.get("origins_max") or 1, 1) or row["n_origins"] > row["n_docs"] or row["n_origins"] < 1:
        bad.append(f"{row['n_origins']} origins for {row['n_docs']} documents (gold {g.get('origins')}, at most {g.get('origins_max')})")
    j.why.extend(bad)
    j.verdict = "misleading" if bad else "right"


def _trend_ok(row: dict[str, Any], g: dict[str, Any]) -> bool:
    if row["trend"] == g["trend"]:
        return True
    return row["trend"] is None and not g.get("trend_dated")  # abstaining where no trusted date shows it


def summarise(judged: list[Judged], facts: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(judged)
    verdicts = Counter(j.verdict for j in judged)
    matched = [j for j in judged if j.gold is not None]
    trended = [j for j in judged if j.row["trend"]]
    conflicts = [j for j in judged if j.row["status"] == "conflict"]
    gold_rows = sum(len(f["gold_rows"]) for f in facts)
    missed = sum(len(f["missed"]) for f in facts)
    heads = [f for f in facts if f["headline"]]
    return {
        "rows": n,
        "right": verdicts["right"], "misleading": verdicts["misleading"], "wrong": verdicts["wrong"],
        "right_share": round(verdicts["right"] / n, 3) if n else None,
        "gold_rows": gold_rows, "gold_rows_found": gold_rows - missed,
        "recall": round((gold_rows - missed) / gold_rows, 3) if gold_rows else None,
        "trend_accuracy": round(sum(_trend_ok(j.row, j.gold) for j in matched) / len(matched), 3) if matched else None,
        "trend_labels": len(trended),
        "trend_labels_right": sum(1 for j in trended if j.gold is not None and j.row["trend"] == j.gold["trend"] and j.verdict != "wrong"),
        "conflicts": len(conflicts),
        "conflicts_right": sum(1 for j in conflicts if j.gold is not None and j.gold["status"] == "conflict" and j.verdict != "wrong"),
        "headlines": len(heads),
        "headline_values_right": sum(f["headline_value_right"] for f in heads),
        "headline_rows_right": sum(f["headline_row_right"] for f in heads),
        "unlabelled": sum(j.unlabelled for j in judged),
    }


def _fmt_row(r: dict[str, Any]) -> str:
    return (f"{r['measure']}/{r['group'] or '-'} best {r['best']} [{r['low']}-{r['high']}] {r['status']}"
            f"{' ' + r['trend'] if r['trend'] else ''}, {r['n_docs']} docs, {r['n_origins']} origins")


def print_half(name: str, s: dict[str, Any]) -> None:
    def pct(a, b):
        return f"{a}/{b} ({a / b:.0%})" if b else f"{a}/0"
    print(f"{name}: rows {s['rows']}: right {pct(s['right'], s['rows'])}, misleading {s['misleading']}, wrong {s['wrong']}; "
          f"gold rows found {pct(s['gold_rows_found'], s['gold_rows'])}; trend accuracy {s['trend_accuracy']}, "
          f"trend labels right {s['trend_labels_right']}/{s['trend_labels']}; conflicts right {s['conflicts_right']}/{s['conflicts']}; "
          f"headline values right {pct(s['headline_values_right'], s['headlines'])} (rows right {s['headline_rows_right']}); "
          f"unlabelled rows {s['unlabelled']}")


def _print_claims(gold: dict[str, Any], docs: list[Doc], db: sqlite3.Connection) -> None:
    """Every count claim of a story's documents: its row, placement, and the gold label of its number."""
    marks: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for e in gold["evidence"]:
        d = _resolve_doc(docs, e["doc"])
        pos = locate(d, e["at"], e["num"]) if d else None
        if d is not None and pos is not None:
            marks[d.id].append((pos, e["row"] + (f" ({e['why']})" if e.get("why") else "")))
    by_id = {d.id: d for d in docs}
    q = ",".join("?" * len(by_id))
    rows = db.execute(f'select c.doc_id, c.start, c."end", c.measure, c."group", c.value, c.qualifier, c.figure_id, '
                      f"c.placement, c.sentence_start, c.sentence_end, c.attributed_to, e.label from claims c "
                      f"left join events e on e.id = c.event_id where c.doc_id in ({q}) and c.measure != 'other' "
                      f"order by c.doc_id, c.start", list(by_id)).fetchall()
    for doc_id, s, e, measure, group, value, qual, fid, placement, s0, s1, attr, label in rows:
        d = by_id[doc_id]
        gold_label = [lab for pos, lab in marks.get(doc_id, []) if s <= pos < max(e, s + 1)]
        print(f"  {d.key[:14]:14} {measure}/{group or '-'} {value} ({qual}) {'ROW ' + fid[:6] if fid else 'no row'} "
              f"[{placement}] event {str(label)[:40]!r} attr {attr!r} gold {gold_label or '?'}")
        print(f"      {d.text[s0:s1][:220]!r}")


def evidence_reach(gold: dict[str, Any], docs: list[Doc], db: sqlite3.Connection) -> Counter:
    """Where each gold evidence number that belongs to a row ended up in the ledger: in a
    figure row, a claim of the row's measure left unplaced, a claim of another measure, no
    claim at all, or not found in the text (lost)."""
    rows = {_key(r["event"], r["measure"], r["group"]): r for r in gold["rows"]}
    got: Counter = Counter()
    for e in gold["evidence"]:
        row = rows.get(e.get("row") or "")
        if row is None:
            continue  # (a number of no row: "none")
        d = _resolve_doc(docs, e["doc"])
        pos = locate(d, e["at"], e["num"]) if d else None
        if d is None or pos is None:
            got["lost"] += 1
            continue
        cs = [c for c in db.execute('select measure, figure_id from claims where doc_id = ? and start <= ? and "end" > ?',
                                    (d.id, pos, pos)) if c[0] != "other"]
        got["no claim" if not cs else "in a row" if any(m == row["measure"] and f for m, f in cs)
            else "unplaced" if any(m == row["measure"] for m, _ in cs) else "other measure"] += 1
    return got


def open_gold_and_ledgers(ledgers: Optional[Path], files: str = "*.json") -> tuple[dict[str, str], list[dict[str, Any]], dict[str, list[Doc]],
                                                            dict[str, sqlite3.Connection], Any]:
    """The split, the gold stories, and the dev ledgers (built in `ledgers`, or in a
    temporary folder returned last so it lives as long as the caller keeps it)."""
    split = json.loads((GOLD / "split.json").read_text())
    half_of = {s: "tune" for s in split["tune"]} | {s: "check" for s in split["check"]}
    golds = [g for pattern in files.split(",") for f in sorted((GOLD / "figure_rows").glob(pattern.strip()))
             for g in json.loads(f.read_text(encoding="utf-8"))]
    tmp = None
    if ledgers:
        ledgers.mkdir(parents=True, exist_ok=True)
        out = ledgers
    else:
        tmp = tempfile.TemporaryDirectory()
        out = Path(tmp.name)
    paths = build_ledgers(out)
    docs = load_docs(paths)
    dbs = {name: sqlite3.connect(p) for name, p in paths.items()}
    return half_of, golds, docs, dbs, tmp


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ledgers", type=Path, help="folder of built ledgers to reuse (built there when missing)")
    ap.add_argument("--files", default="*.json",
                    help="gold files to score (globs in eval/gold/figure_rows, comma-separated; default all)")
    ap.add_argument("--show-check", action="store_true", help="print the check half's misses too (read them once, at the end)")
    ap.add_argument("--json", type=Path, help="write the summary as JSON")
    ap.add_argument("--story", help="print every row of one story")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"no {SHARED}: the dev data is not here", file=sys.stderr)
        return 2
    half_of, golds, docs, dbs, tmp = open_gold_and_ledgers(args.ledgers, args.files)
    results: dict[str, tuple[list[Judged], list[dict[str, Any]]]] = {"tune": ([], []), "check": ([], [])}
    reach: dict[str, Counter] = {"tune": Counter(), "check": Counter()}
    for g in golds:
        ledger = "news_cluster" if g["story"].startswith("nc:") else "ecbplus" if g["story"].startswith("ecb:") else g["story"].split(":")[0]
        sdocs = [d for d in docs[ledger] if d.story == g["story"]]
        if not sdocs:
            print(f"  (no documents for {g['story']})")
            continue
        judged, facts = judge_story(g, sdocs, dbs[ledger])
        facts["story"] = g["story"]
        half = half_of.get(g["story"], "check")  # a story no half lists is shown as check: never tuned on by mistake
        results[half][0].extend(judged)
        results[half][1].append(facts)
        reach[half] += evidence_reach(g, sdocs, dbs[ledger])
        if args.story == g["story"]:
            _print_claims(g, sdocs, dbs[ledger])
        show = half == "tune" or args.show_check or args.story == g["story"]
        if args.story and args.story != g["story"]:
            show = False
        if show:
            bad = [j for j in judged if j.verdict != "right" or args.story]
            if bad or facts["missed"] or facts["evidence_lost"] or (facts["headline"] and not facts["headline_value_right"]):
                print(f"{g['story']} ({half}): {len(judged)} rows")
                for j in bad:
                    print(f"  {j.verdict.upper():10} {_fmt_row(j.row)} -> {j.label}: {'; '.join(j.why)}")
                for k in facts["missed"]:
                    print(f"  MISSED     {k}")
                if facts["headline"] and not facts["headline_value_right"]:
                    print(f"  HEADLINE   {facts['headline']}: " + (_fmt_row(facts["headline_row"]) if facts["headline_row"] else "no row"))
                if facts["evidence_lost"]:
                    print(f"  ({facts['evidence_lost']} evidence items not found in the ledger text)")
    summary = {half: summarise(*results[half]) for half in ("tune", "check")}
    for half in ("tune", "check"):  # by corpus (the counts only)
        js, fs = results[half]
        for corpus in ("nc:", "ecb:", "seeds", "ferry", "fresh:"):
            sub = summarise([j for j in js if j.story.startswith(corpus)], [f for f in fs if f["story"].startswith(corpus)])
            if sub["rows"] or sub["gold_rows"]:
                summary[f"{half} {corpus.rstrip(':')}"] = sub
    summary["split_seed"] = json.loads((GOLD / "split.json").read_text())["seed"]
    for half in [k for k in summary if k.startswith(("tune", "check"))]:
        print_half(half, summary[half])
    for half in ("tune", "check"):  # (the counts only)
        n = sum(reach[half].values())
        print(f"{half} evidence numbers of a row: {n}; " + ", ".join(f"{k} {reach[half][k]}" for k in
                                                                      ("in a row", "unplaced", "other measure", "no claim", "lost")))
        summary[f"{half} evidence"] = dict(reach[half])
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
