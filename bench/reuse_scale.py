"""Reuse stage at scale: passage precision/recall, time and memory, against MinHash-LSH.

One job: for each corpus size, generate a planted corpus (bench/reuse_corpus.py),
build an ingest-only ledger, run `storytrace.stages.reuse.reuse_stage` in a fresh process
(wall time, peak RSS), time `storytrace.stages.fingerprint.fingerprints` over every text
(MB/s on one core), score the `reuse` table against the planted truth, and run a
document-level MinHash-LSH baseline (datasketch) on the same corpus, also in a fresh
process. Prints one line per size, progress on stderr, and writes
WORKDIR/reuse_scale.json.

    python bench/reuse_scale.py [--sizes 1000,10000,100000] [--workdir DIR] [--no-minhash]
    python bench/reuse_scale.py --sizes 1000 --truth-as-detections   # scorer self-test: 1.0

Scoring (spans are character offsets into documents.text; planted spans are checked
there, falling back to str.find of the planted text):
- recall: a planted copy is found when rows of kind 'passage' linking the same two
  documents (either orientation) cover >= 50 % of its target span (union of rows, so
  a reordered copy found piece by piece counts). A heavy reprint may be linked to any
  other member of its group (reprints chained rather than all linked to the source).
- direction: share of found copies whose best row has the earlier document as source.
- precision: share of 'passage' rows with >= 50 % of their span (on the planted target,
  or on either member of a reprint group) inside a planted copy of that pair. Rows over
  an outlet's footer count as errors (reported as 'boilerplate as passage'); 'passage'
  rows between a document and its exact duplicate are counted apart, not in precision.
- edit recall: planted number edits of found copies whose {"from", "to"} is among the
  edits of the rows that found them (either orientation).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORDS_RE = r"\w+"


def log(msg: str) -> None:
    print(f"[reuse_scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(peak, 1)


# ------------------------------------------------------------------ children


def child_build(ledger: str, docs: str, out: str) -> dict:
    from storytrace.engines.local import build

    t = time.perf_counter()
    rep = build(ledger, [docs], analysers=(), cross_stages=(), workers=os.cpu_count() or 1)
    return {"wall_s": round(time.perf_counter() - t, 2), "added": rep.added, "rejects": len(rep.rejects),
            "reject_examples": [str(r)[:200] for r in rep.rejects[:5]], "peak_rss_mb": peak_rss_mb()}


def child_reuse(ledger: str, out: str) -> dict:
    import sqlite_utils

    from storytrace.stages.reuse import reuse_stage

    db = sqlite_utils.Database(ledger)
    base = peak_rss_mb()
    t = time.perf_counter()
    stats = reuse_stage(db)
    wall = time.perf_counter() - t
    db.conn.commit()
    return {"wall_s": round(wall, 2), "peak_rss_mb": peak_rss_mb(), "rss_before_mb": base,
            "stats": stats if isinstance(stats, dict) else repr(stats)}


def child_fp(ledger: str, out: str) -> dict:
    import sqlite3

    try:
        from storytrace.stages.fingerprint import fingerprints
    except ImportError as e:
        return {"skipped": f"storytrace.stages.fingerprint.fingerprints not available ({e})"}
    conn = sqlite3.connect(ledger)
    nbytes, secs, docs = 0, 0.0, 0
    fingerprints("warm up the imports and caches")
    for (text,) in conn.execute("select text from documents"):
        t = time.perf_counter()
        fingerprints(text)
        secs += time.perf_counter() - t
        nbytes += len(text.encode("utf-8"))
        docs += 1
    return {"docs": docs, "mb": round(nbytes / 1e6, 2), "seconds": round(secs, 2),
            "mb_s": round(nbytes / 1e6 / secs, 2) if secs else None}


def child_minhash(ledger: str, out: str, threshold: float = 0.3, num_perm: int = 128) -> dict:
    import re
    import sqlite3

    from datasketch import MinHash, MinHashLSH

    words = re.compile(WORDS_RE)
    conn = sqlite3.connect(ledger)
    base = peak_rss_mb()
    t = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs = []
    for doc_id, text in conn.execute("select id, text from documents"):
        w = words.findall(text.lower())
        shingles = {" ".join(w[k : k + 5]).encode("utf-8") for k in range(max(1, len(w) - 4))}
        m = MinHash(num_perm=num_perm)
        m.update_batch(list(shingles))
        for other in lsh.query(m):  # query before insert: every pair once
            pairs.append((other, doc_id))
        lsh.insert(doc_id, m)
    wall = time.perf_counter() - t
    with open(out + ".pairs.json", "w") as f:
        json.dump(pairs, f)
    return {"wall_s": round(wall, 2), "peak_rss_mb": peak_rss_mb(), "rss_before_mb": base, "pairs": len(pairs),
            "threshold": threshold, "num_perm": num_perm, "shingles": "word 5-grams",
            "bands_rows": [lsh.b, lsh.r]}


def run_child(kind: str, *args: str, timeout: Optional[float] = None) -> dict:
    out = args[-1]
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *args]
    t = time.perf_counter()
    proc = subprocess.run(cmd, timeout=timeout, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-15:]
        log(f"{kind} child failed (exit {proc.returncode}):\n    " + "\n    ".join(tail))
        return {"error": f"exit {proc.returncode}", "stderr_tail": tail}
    res = json.loads(Path(out).read_text())
    res["process_s"] = round(time.perf_counter() - t, 2)
    return res


# ------------------------------------------------------------------ scoring


def _cover(spans: list[tuple[int, int]], lo: int, hi: int) -> int:
    """Characters of [lo, hi) covered by the union of spans."""
    cut = sorted((max(a, lo), min(b, hi)) for a, b in spans if b > lo and a < hi)
    total, end = 0, lo
    for a, b in cut:
        a = max(a, end)
        if b > a:
            total += b - a
            end = b
    return total


class Rows:
    """Detections as columns: source, target (doc numbers), spans, kind, edits."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int, int, int, int, int, str, list]] = []
        self.by_pair: dict[tuple[int, int], list[int]] = defaultdict(list)

    def add(self, s: int, t: int, ss: int, se: int, ts: int, te: int, kind: str, edits: list) -> None:
        self.by_pair[(min(s, t), max(s, t))].append(len(self.rows))
        self.rows.append((s, t, ss, se, ts, te, kind, edits))

    def span_on(self, r: int, doc: int) -> tuple[int, int]:
        s, t, ss, se, ts, te, _, _ = self.rows[r]
        return (ts, te) if t == doc else (ss, se)

    def on_pair(self, a: int, b: int, kind: Optional[str] = "passage") -> list[int]:
        rs = self.by_pair.get((min(a, b), max(a, b)), [])
        return [r for r in rs if kind is None or self.rows[r][6] == kind]


def load_docs(ledger: Path) -> tuple[dict[str, int], list[str], list[str], list[str]]:
    import sqlite3

    conn = sqlite3.connect(ledger)
    num: dict[str, int] = {}
    ids, rids, published = [], [], []
    for doc_id, rid, pub in conn.execute("select id, record_id, published from documents order by rowid"):
        num[doc_id] = len(ids)
        ids.append(doc_id)
        rids.append(rid)
        published.append(pub or "")
    return num, ids, rids, published


def load_truth(corpus: Path, ledger: Path, num: dict[str, int], ids: list[str], rids: list[str]) -> tuple[list[dict], Counter]:
    """Truth lines with doc numbers and spans re-located in documents.text."""
    import sqlite3

    by_rid = {r: k for k, r in enumerate(rids)}
    truth, problems = [], Counter()
    need: dict[int, list[tuple[int, str]]] = defaultdict(list)
    with open(corpus / "truth.jsonl", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            t["s"], t["t"] = by_rid.get(t["source_id"]), by_rid.get(t["target_id"])
            if t["s"] is None or t["t"] is None:
                problems["record not in ledger"] += 1
                continue
            t["ok"] = True
            truth.append(t)
            need[t["s"]].append((len(truth) - 1, "source"))
            need[t["t"]].append((len(truth) - 1, "target"))
    conn = sqlite3.connect(ledger)
    for doc_id, text in conn.execute("select id, text from documents"):
        for k, side in need.get(num[doc_id], ()):
            t = truth[k]
            want, a, b = t[f"{side}_text"], t[f"{side}_start"], t[f"{side}_end"]
            if want is None:  # duplicate: the whole text
                if b != len(text):
                    t["ok"] = False
                    problems["duplicate length differs"] += 1
                continue
            if text[a:b] != want:
                at = text.find(want)
                if at < 0:
                    t["ok"] = False
                    problems[f"{side} text not found"] += 1
                    continue
                problems[f"{side} relocated"] += 1
                t[f"{side}_start"], t[f"{side}_end"] = at, at + len(want)
                if t.get("pieces"):
                    d = at - a
                    t["pieces"] = [[p[0] + d, p[1] + d, p[2], p[3]] if side == "source" else [p[0], p[1], p[2] + d, p[3] + d]
                                   for p in t["pieces"]]
            t[f"{side}_text"] = None  # not needed any more
    return [t for t in truth if t["ok"]], problems


def truth_rows(truth: list[dict]) -> Rows:
    """The truth itself as detections (the scorer's self-test)."""
    rows = Rows()
    for t in truth:
        if t["kind"] == "boilerplate":
            continue
        edits = [e for e in t["edits"] if "from" in e]
        rows.add(t["s"], t["t"], t["source_start"], t["source_end"], t["target_start"], t["target_end"],
                 "duplicate" if t["kind"] == "duplicate" else "passage", edits)
    return rows


def db_rows(ledger: Path, num: dict[str, int]) -> Rows:
    import sqlite3

    rows = Rows()
    conn = sqlite3.connect(ledger)
    q = "select source_doc, target_doc, source_start, source_end, target_start, target_end, kind, edits from reuse"
    for s, t, ss, se, ts, te, kind, edits in conn.execute(q):
        try:
            ed = json.loads(edits) if edits else []
        except (TypeError, ValueError):
            ed = []
        rows.add(num[s], num[t], ss, se, ts, te, kind or "", ed if isinstance(ed, list) else [])
    return rows


def _norm(x: object) -> str:
    return " ".join(str(x or "").split()).strip(" ,.")


def score(truth: list[dict], rows: Rows, published: list[str], rids: list[str], ids: list[str]) -> dict:
    passages = [t for t in truth if t["kind"] == "passage"]
    members: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)  # heavy group -> doc -> span
    pair_spans: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)  # pair -> (doc, lo, hi)
    for t in passages:
        if t["heavy"]:
            members[t["group"]][t["s"]] = (t["source_start"], t["source_end"])
            members[t["group"]][t["t"]] = (t["target_start"], t["target_end"])
        else:
            key = (min(t["s"], t["t"]), max(t["s"], t["t"]))
            pair_spans[key].append((t["t"], t["target_start"], t["target_end"]))
            pair_spans[key].append((t["s"], t["source_start"], t["source_end"]))
    group_of: dict[int, list[str]] = defaultdict(list)
    for g, mem in members.items():
        for d in mem:
            group_of[d].append(g)
    footer: dict[int, tuple[int, int]] = {}
    outlet_group: dict[int, str] = {}
    for t in truth:
        if t["kind"] == "boilerplate":
            footer[t["s"]] = (t["source_start"], t["source_end"])
            footer[t["t"]] = (t["target_start"], t["target_end"])
            outlet_group[t["s"]] = outlet_group[t["t"]] = t["group"]
    dup_pairs = {(min(t["s"], t["t"]), max(t["s"], t["t"])) for t in truth if t["kind"] == "duplicate"}

    # -- recall, direction, edits
    cat_n, cat_hit = Counter(), Counter()
    found = direction_ok = 0
    num_edits = num_hit = num_hit_loose = 0
    misses, mislabelled, edit_misses = [], Counter(), []
    heavy_n, heavy_hit = Counter(), Counter()
    for t in passages:
        lo, hi = t["target_start"], t["target_end"]
        if t["heavy"]:
            others = [m for m in members[t["group"]] if m != t["t"]]
            rs = [r for m in others for r in rows.on_pair(t["t"], m)]
        else:
            rs = rows.on_pair(t["s"], t["t"])
        spans = [rows.span_on(r, t["t"]) for r in rs]
        cov = _cover(spans, lo, hi) / max(1, hi - lo)
        hit = cov >= 0.5
        ops = sorted({e["op"] for e in t["edits"]})
        cats = ["heavy reprint"] if t["heavy"] else [f"mode {t['mode']}"] + [f"edit {o}" for o in ops]
        n_sent = len(t.get("pieces") or [None])
        cats.append(f"{n_sent} sentence(s)")
        for c in cats:
            cat_n[c] += 1
            cat_hit[c] += hit
        if t["heavy"]:
            heavy_n[t["group"]] += 1
            heavy_hit[t["group"]] += hit
        if not hit:
            other_kinds = Counter(rows.rows[r][6] for r in rows.on_pair(t["s"], t["t"], None) if rows.rows[r][6] != "passage")
            mislabelled.update(other_kinds)
            if len(misses) < 400:
                misses.append({"group": t["group"], "source": rids[t["s"]], "target": rids[t["t"]],
                               "source_doc": ids[t["s"]], "target_doc": ids[t["t"]],
                               "source_span": [t["source_start"], t["source_end"]], "target_span": [lo, hi],
                               "mode": t["mode"], "edits": t["edits"], "coverage": round(cov, 2),
                               "rows_on_pair": [list(rows.rows[r][:7]) for r in rows.on_pair(t["s"], t["t"], None)][:4]})
            continue
        found += 1
        best = max(rs, key=lambda r: _cover([rows.span_on(r, t["t"])], lo, hi))
        s_doc, t_doc = rows.rows[best][0], rows.rows[best][1]
        direction_ok += published[s_doc] <= published[t_doc] if t["heavy"] else s_doc == t["s"]
        if t["heavy"]:
            continue
        got, loose = set(), []
        for r in rs:
            if _cover([rows.span_on(r, t["t"])], lo, hi):
                for e in rows.rows[r][7]:
                    if isinstance(e, dict) and ("from" in e or "to" in e):
                        f, to = _norm(e.get("from")), _norm(e.get("to"))
                        got.add((f, to))
                        loose.append((set(f.split()), set(to.split())))
        for e in t["edits"]:
            if e["op"] != "number":
                continue
            num_edits += 1
            f, to = e["from"], e["to"]
            if (f, to) in got or (to, f) in got:
                num_hit += 1
            elif len(edit_misses) < 200:
                edit_misses.append({"source": rids[t["s"]], "target": rids[t["t"]], "target_span": [lo, hi],
                                    "planted": {"from": f, "to": to}, "row_edits": sorted(got)[:8]})
            if any((f in a and to in b) or (to in a and f in b) for a, b in loose):
                num_hit_loose += 1

    # -- precision
    tp = fp = bp_as_passage = dup_as_passage = 0
    fps = []
    for r, (s, t, ss, se, ts, te, kind, _) in enumerate(rows.rows):
        if kind != "passage":
            continue
        key = (min(s, t), max(s, t))
        if key in dup_pairs:
            dup_as_passage += 1
            continue
        ok = False
        for doc, lo, hi in pair_spans.get(key, ()):
            a, b = rows.span_on(r, doc)
            if b > a and _cover([(a, b)], lo, hi) >= 0.5 * (b - a):
                ok = True
                break
        if not ok:
            for g in set(group_of.get(s, ())) & set(group_of.get(t, ())):
                for doc in (s, t):
                    a, b = rows.span_on(r, doc)
                    lo, hi = members[g][doc]
                    if b > a and _cover([(a, b)], lo, hi) >= 0.5 * (b - a):
                        ok = True
        if ok:
            tp += 1
            continue
        fp += 1
        if s in footer and outlet_group.get(s) == outlet_group.get(t):
            a, b = rows.span_on(r, s)
            if _cover([(a, b)], *footer[s]) > 0:
                bp_as_passage += 1
                continue
        if len(fps) < 200:
            fps.append({"source": rids[s], "target": rids[t], "source_doc": ids[s], "target_doc": ids[t],
                        "source_span": [ss, se], "target_span": [ts, te]})

    # -- boilerplate and duplicates
    covered_footer = set()
    bp_rows = 0
    for r, (s, t, ss, se, ts, te, kind, _) in enumerate(rows.rows):
        if kind == "boilerplate":
            bp_rows += 1
        if kind == "passage":
            for doc in (s, t):
                if doc in footer and _cover([rows.span_on(r, doc)], *footer[doc]) > 0:
                    covered_footer.add(doc)
    dup_found = sum(1 for a, b in dup_pairs if rows.on_pair(a, b, "duplicate"))
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = found / len(passages) if passages else 0.0
    return {
        "planted_passages": len(passages), "found": found, "recall": round(rec, 4),
        "passage_rows": tp + fp + dup_as_passage, "true_rows": tp, "false_rows": fp, "precision": round(p, 4),
        "f1": round(2 * p * rec / (p + rec), 4) if p + rec else 0.0,
        "direction_accuracy": round(direction_ok / found, 4) if found else None,
        "number_edits": num_edits, "edit_recall": round(num_hit / num_edits, 4) if num_edits else None,
        "edit_recall_loose": round(num_hit_loose / num_edits, 4) if num_edits else None,
        "recall_by_category": {c: f"{cat_hit[c]}/{cat_n[c]} = {cat_hit[c] / cat_n[c]:.3f}" for c in sorted(cat_n)},
        "heavy_groups": {g: f"{heavy_hit[g]}/{heavy_n[g]}" for g in sorted(heavy_n)},
        "missed_copies_with_other_kind_rows": dict(mislabelled),
        "boilerplate_docs": len(footer), "boilerplate_docs_in_passage_rows": len(covered_footer),
        "boilerplate_ok": round(1 - len(covered_footer) / len(footer), 4) if footer else None,
        "boilerplate_rows_as_passage": bp_as_passage, "boilerplate_kind_rows": bp_rows,
        "duplicates": len(dup_pairs), "duplicates_found_as_duplicate": dup_found, "duplicate_rows_as_passage": dup_as_passage,
        "misses": misses[:40], "false_positive_examples": fps[:40], "edit_misses": edit_misses[:40],
    }


def score_minhash(pairs_file: Path, truth: list[dict], num: dict[str, int]) -> dict:
    pairs = {(min(num[a], num[b]), max(num[a], num[b])) for a, b in json.loads(pairs_file.read_text())}
    planted = {(min(t["s"], t["t"]), max(t["s"], t["t"])) for t in truth if t["kind"] == "passage"}
    dups = {(min(t["s"], t["t"]), max(t["s"], t["t"])) for t in truth if t["kind"] == "duplicate"}
    groups: dict[str, set[int]] = defaultdict(set)
    for t in truth:
        if t["kind"] == "passage" and t["heavy"]:
            groups[t["group"]].update((t["s"], t["t"]))
    related = planted | dups
    for mem in groups.values():
        m = sorted(mem)
        related |= {(a, b) for i, a in enumerate(m) for b in m[i + 1 :]}
    good = len(pairs & related)
    return {"pairs": len(pairs), "pair_precision": round(good / len(pairs), 4) if pairs else None,
            "passage_pair_recall": round(len(pairs & planted) / len(planted), 4) if planted else None,
            "duplicate_pair_recall": round(len(pairs & dups) / len(dups), 4) if dups else None,
            "note": "document-level: MinHash-LSH gives document pairs, no spans or edits"}


# ------------------------------------------------------------------ driver


def one_size(n: int, args: argparse.Namespace) -> dict:
    work: Path = args.workdir
    corpus = work / f"corpus-{n}-s{args.seed}"
    ledger = work / f"ledger-{n}-s{args.seed}.db"
    res: dict = {"docs_planned": n}
    if (corpus / "meta.json").exists() and (corpus / "truth.jsonl").exists():
        log(f"{n:,}: reusing corpus {corpus}")
        res["generate"] = json.loads((corpus / "meta.json").read_text())
    else:
        log(f"{n:,}: generating corpus in {corpus}")
        cmd = [sys.executable, str(HERE / "reuse_corpus.py"), "--docs", str(n), "--out", str(corpus), "--seed", str(args.seed)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        res["generate"] = json.loads((corpus / "meta.json").read_text())
    g = res["generate"]
    log(f"{n:,}: corpus {g['docs']:,} docs, {g['words']:,} words, {g['mb']} MB, generated in {g['seconds']} s")
    if not ledger.exists() or ledger.stat().st_mtime < (corpus / "docs.jsonl").stat().st_mtime:
        ledger.unlink(missing_ok=True)
        log(f"{n:,}: building ingest-only ledger {ledger}")
        res["build"] = run_child("build", str(ledger), str(corpus / "docs.jsonl"), str(work / f"build-{n}.json"))
        log(f"{n:,}: built in {res['build'].get('wall_s')} s")
    num, ids, rids, published = load_docs(ledger)
    res["docs"] = len(ids)
    truth, problems = load_truth(corpus, ledger, num, ids, rids)
    res["truth_problems"] = dict(problems)
    if problems:
        log(f"{n:,}: truth spans: {dict(problems)}")
    if args.truth_as_detections:
        rows = truth_rows(truth)
        res["reuse"] = {"note": "truth fed back as detections (scorer self-test)"}
    else:
        try:
            import storytrace.stages.reuse  # noqa: F401
        except ImportError as e:
            log(f"storytrace.stages.reuse not available ({e}): no stage to measure")
            return res
        log(f"{n:,}: running reuse_stage in a fresh process")
        res["reuse"] = run_child("reuse", str(ledger), str(work / f"reuse-{n}.json"), timeout=args.timeout)
        if "error" in res["reuse"]:
            return res
        log(f"{n:,}: reuse_stage {res['reuse']['wall_s']} s, peak RSS {res['reuse']['peak_rss_mb']} MB")
        rows = db_rows(ledger, num)
        log(f"{n:,}: fingerprint throughput")
        res["fingerprint"] = run_child("fp", str(ledger), str(work / f"fp-{n}.json"))
    res["rows"] = len(rows.rows)
    res["rows_by_kind"] = dict(Counter(r[6] for r in rows.rows))
    res["score"] = score(truth, rows, published, rids, ids)
    del rows
    if args.minhash:
        log(f"{n:,}: MinHash-LSH baseline (threshold {args.minhash_threshold})")
        out = work / f"minhash-{n}.json"
        res["minhash"] = run_child("minhash", str(ledger), str(args.minhash_threshold), str(out), timeout=args.timeout)
        if "error" not in res["minhash"]:
            res["minhash"].update(score_minhash(Path(str(out) + ".pairs.json"), truth, num))
    return res


def summary_line(n: int, r: dict) -> str:
    s, u = r.get("score", {}), r.get("reuse", {})
    fp = r.get("fingerprint", {})
    words = r.get("generate", {}).get("words", 0)
    line = (f"docs {r.get('docs', n):>7,} | words {words:>11,} | reuse {u.get('wall_s', '-')} s | "
            f"peak RSS {u.get('peak_rss_mb', '-')} MB | fingerprint {fp.get('mb_s', fp.get('skipped', '-'))} MB/s | "
            f"passages P {s.get('precision', '-')} R {s.get('recall', '-')} F1 {s.get('f1', '-')} | "
            f"direction {s.get('direction_accuracy', '-')} | edit recall {s.get('edit_recall', '-')}")
    m = r.get("minhash")
    if m and "error" not in m:
        line += (f"\n    minhash-lsh (document level, no spans): {m['wall_s']} s | peak RSS {m['peak_rss_mb']} MB | "
                 f"pairs {m['pairs']:,} | pair P {m['pair_precision']} | passage-pair R {m['passage_pair_recall']} | "
                 f"duplicate R {m['duplicate_pair_recall']}")
    return line


def main(argv: Optional[list[str]] = None) -> int:
    if argv is None and len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, rest = sys.argv[2], sys.argv[3:]
        fn = {"build": child_build, "reuse": child_reuse, "fp": child_fp}.get(kind)
        res = fn(*rest) if fn else child_minhash(rest[0], rest[2], float(rest[1]))
        Path(rest[-1]).write_text(json.dumps(res))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated host counts")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/storytrace-reuse-bench"),
                    help="corpora, ledgers and results (outside the repository)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--minhash", action=argparse.BooleanOptionalAction, default=True, help="run the MinHash-LSH baseline")
    ap.add_argument("--minhash-threshold", type=float, default=0.3)
    ap.add_argument("--timeout", type=float, default=None, help="seconds allowed to each measured child")
    ap.add_argument("--truth-as-detections", action="store_true", help="score the truth itself (must give 1.0)")
    args = ap.parse_args(argv)
    args.workdir = args.workdir.resolve()
    if args.workdir == REPO or REPO in args.workdir.parents:
        ap.error("--workdir must be outside the repository (generated corpora never go into it)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    results = {"machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()},
               "seed": args.seed, "sizes": {}}
    out = args.workdir / ("reuse_scale_selftest.json" if args.truth_as_detections else "reuse_scale.json")
    for n in sizes:
        results["sizes"][str(n)] = one_size(n, args)
        out.write_text(json.dumps(results, indent=1) + "\n")
        log(f"{n:,}: done\n    " + summary_line(n, results["sizes"][str(n)]))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; seed {args.seed}")
    for n in sizes:
        print(summary_line(n, results["sizes"][str(n)]))
    timed = [(n, results["sizes"][str(n)].get("reuse", {}).get("wall_s")) for n in sizes]
    timed = [(n, t) for n, t in timed if isinstance(t, (int, float)) and t > 0]
    for (n1, t1), (n2, t2) in zip(timed, timed[1:]):
        print(f"growth {n1:,} -> {n2:,} docs: time x{t2 / t1:.1f} for docs x{n2 / n1:.0f} "
              f"(exponent {math.log(t2 / t1) / math.log(n2 / n1):.2f}; 1.00 = linear)")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
