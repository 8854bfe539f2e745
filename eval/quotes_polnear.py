"""Direct quotations and their speakers on PolNeAR (dev split), and on the five seeds.

Gold (../shared/eval/polnear_dev, BRAT standoff: Source, Cue, Content spans tied by E
lines into attributions):

- one annotator per article: where an article has several annotators' files, the
  first file in name order is used (two articles of the dev split have six each);
- direct quotations only: the gold units are the passages inside quotation marks
  within an attribution's Content. Each Content fragment is scanned on its own: the
  text between an opening mark (“ « „ " or '') and its closing mark (” » " or ''), the
  part before a first closing mark (the fragment starts inside a quote), the part
  after an opening mark left open (the fragment ends inside one), and a whole
  fragment with no marks of its own that sits right inside a pair of marks. A mark
  opening a paragraph inside an open quote continues it (multi-paragraph quotes are
  one unit). So a fully quoted Content is one unit, a split quote two units (both
  with the same Source), and a partial quote (`said the plan was "a disgrace"`) the
  quoted words only. Content without quotation marks (indirect speech) is not
  scored. Units are trimmed of spaces and a trailing comma, as the analyser's are;
- speaker: the attribution's Source span (absent for 'Attribution-no-source', and
  where the Source span is only the speech verb, "said": an annotation slip).

Scores (predictions: `quotes.find_quotes` on the raw article text):

- quote spans, exact: the same (start, end) after trimming; overlapping: any shared
  character (a prediction is right if it overlaps a gold unit, a gold unit is found if
  a prediction overlaps it);
- (quote, speaker) pairs: a prediction with a speaker is right if it overlaps a gold
  unit and its speaker matches one of that unit's Sources: the speaker as written
  beside the quote, or the name it was resolved to, overlaps the Source span, or the
  resolved name and the Source share a capitalised word (PolNeAR marks the pronoun
  in "he said": the mention as written is what overlaps it). Pair recall: gold units
  with a Source that an overlapping, rightly attributed prediction covers;
- speaker accuracy: of the predictions that overlap a gold unit with a Source and
  carry a speaker, the share whose speaker matches.

References (different data, printed for orientation): BBC Citron on PARC 3.0, quote
span F1 0.567 exact / 0.832 overlap; GenderGapTracker, quote F1 0.837.

Then the five seeds' quotations with their speakers (as written = resolved), and the
analyser's throughput on news_cluster_dev (words per second, one core).

    python eval/quotes_polnear.py [--show]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from storytrace.analyse import quotes as Q
from storytrace.text.sentences import quotations

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "eval" / "polnear_dev"
REFERENCES = [("BBC Citron, PARC 3.0, exact", 0.567), ("BBC Citron, PARC 3.0, overlap", 0.832), ("GenderGapTracker", 0.837)]
SLIPS = {"said", "says", "told", "added", "wrote", "say"}
_MARKS = re.compile(r"''|[“”\"«»„]")


def load() -> list[tuple[str, str, list[dict]]]:
    """(name, text, gold units) per article."""
    out = []
    anns = sorted((POLNEAR / "attributions").glob("*.ann"))
    for path in sorted((POLNEAR / "text").glob("*.txt")):
        mine = [a for a in anns if re.fullmatch(re.escape(path.stem) + r"_[0-9a-f]+\.ann", a.name)]
        if not mine:
            continue
        text = path.read_text(encoding="utf-8")
        out.append((path.stem, text, units(text, mine[0])))
    return out


def units(text: str, ann: Path) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            kind, offs = parts[1].split(" ", 1)
            spans[parts[0]] = (kind, [tuple(map(int, o.split())) for o in offs.split(";")])
        elif parts[0].startswith("E") and len(parts) >= 2:
            links.append(dict(a.split(":", 1) for a in parts[1].split()[1:] if ":" in a))
    by_span: dict[tuple[int, int], dict] = {}
    for link in links:
        content = spans.get(link.get("Content", ""))
        if not content:
            continue
        source = spans.get(link.get("Source", ""))
        src = [(source[1][0][0], source[1][-1][1])] if source else []
        if src and text[src[0][0] : src[0][1]].strip().lower() in SLIPS:
            src = []  # the cue marked as the Source: an annotation slip, counted as no Source
        for s, e in content[1]:
            for u in _quoted(text, s, e):
                unit = by_span.setdefault(u, {"span": u, "sources": []})
                unit["sources"].extend(src)
    return sorted(by_span.values(), key=lambda u: u["span"])


def _quoted(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The quoted passages of one Content fragment (see the module doc)."""
    frag = text[s:e]
    marks = [(m.start(), '"' if m.group() == "''" else m.group(), len(m.group())) for m in _MARKS.finditer(frag)]
    if not marks:
        before = text[max(0, s - 2) : s].strip()
        after = text[e : e + 3].strip(" ,.")
        if before[-1:] in "“\"«" and after[:1] in "”\"»":
            return [_trim(text, s, e)]
        return []
    out = []
    open_at = None
    shape = ""
    depth = 0
    for k, (i, ch, n) in enumerate(marks):
        reopen = frag[:i].rstrip(" ").endswith("\n")
        if open_at is None:
            closing = ch in "”»" or (ch == '"' and i > 0 and not frag[i - 1].isspace()
                                    and (i + n == len(frag) or frag[i + n] in " ,.;:!?)\n"))
            if closing and k == 0 and frag[:i].strip():
                out.append((s, s + i))  # the fragment starts inside a quote
            elif ch not in "”»":
                open_at, shape, depth = i + n, ch, 0
        elif reopen and (ch in "“«„" or ch == '"'):
            continue  # a paragraph reopening the quote
        elif ch in "“«„":
            depth += 1  # a nested quote
        elif ch in "”»" and depth:
            depth -= 1
        elif ch == '"' and shape != '"' and any(c in "”»" for _, c, _ in marks[k + 1 :]):
            continue  # straight marks nested in curly ones
        else:
            out.append((s + open_at, s + i))
            open_at = None
    if open_at is not None:
        out.append((s + open_at, e))
    return [t for t in (_trim(text, a, b) for a, b in out) if t[1] > t[0]]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "“”\"«»„" or text[s : s + 2] == "''"):
        s += 2 if text[s : s + 2] == "''" else 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",“”\"«»„" or text[e - 2 : e] == "''"):
        e -= 2 if text[e - 2 : e] == "''" else 1
    return s, e


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_name(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    def caps(s):
        return {w.strip(".,’'s").lower() for w in s.split() if w[:1].isupper() and w.lower() not in ("the", "a", "an")}
    return bool(caps(text[a[0] : a[1]]) & caps(text[b[0] : b[1]]))


def _speaker_ok(text: str, f, unit: dict) -> bool:
    for src in unit["sources"]:
        if f.mention and _overlaps(f.mention, src) or f.speaker and _overlaps(f.speaker, src):
            return True
        if f.speaker and _same_name(text, f.speaker, src):
            return True
    return False


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(show: bool) -> dict:
    c = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    for name, text, gold in load():
        every = Q.find_quotes(text, keep=False)
        pred = [f for f in every if Q.keep_found(text, f)]
        spans = [(f.start, f.end) for f in pred]
        gold_spans = {u["span"] for u in gold}
        c["gold"] += len(gold)
        c["gold_src"] += sum(bool(u["sources"]) for u in gold)
        c["pred"] += len(pred)
        c["pred_spk"] += sum(f.speaker is not None for f in pred)
        c["exact_p"] += sum(s in gold_spans for s in spans)
        c["exact_r"] += sum(u["span"] in set(spans) for u in gold)
        for f in pred:
            hits = [u for u in gold if _overlaps((f.start, f.end), u["span"])]
            if hits:
                c["over_p"] += 1
                with_src = [u for u in hits if u["sources"]]
                if f.speaker is not None and with_src:
                    c["spk_judged"] += 1
                    if any(_speaker_ok(text, f, u) for u in with_src):
                        c["spk_ok"] += 1
                        c["pair_p"] += 1
                    else:
                        src = "; ".join(text[s:e] for u in with_src for s, e in u["sources"])
                        misses["speaker: wrong"].append(f"{name}: {_q(text, f)} -> {_who(text, f)} | gold: {src}")
                elif f.speaker is None and with_src:
                    src = "; ".join(text[s:e] for u in with_src for s, e in u["sources"])
                    misses[f"speaker: none found ({_cause_none(text, f)})"].append(f"{name}: {_q(text, f)} | gold: {src}")
            else:
                misses[f"false quote: {'with' if f.speaker else 'no'} speaker"].append(
                    f"{name}: {_q(text, f)} -> {_who(text, f)}")
        marked = quotations(text)
        for u in gold:
            hit = [f for f in pred if _overlaps((f.start, f.end), u["span"])]
            several = len(text[u["span"][0] : u["span"][1]].split()) > 1
            c["gold2"] += several
            c["over_r2"] += several and bool(hit)
            if hit:
                c["over_r"] += 1
                if u["sources"] and any(f.speaker is not None and _speaker_ok(text, f, u) for f in hit):
                    c["pair_r"] += 1
                continue
            s, e = u["span"]
            dropped = [f for f in every if _overlaps((f.start, f.end), u["span"])]
            words = len(text[s:e].split())
            if dropped:
                cause = "dropped: one word" if words <= 1 else (
                    "dropped: title-like" if Q.title_like(text[s:e].split()) else "dropped: short, no speaker")
            elif not any(_overlaps((q.start, q.end), u["span"]) for q in marked):
                cause = "marks not paired"
            else:
                cause = "other"
            misses[f"missed quote: {cause}"].append(f"{name}: {text[s:e][:90]!r}")
    ex = prf(c["exact_p"], c["pred"], c["exact_r"], c["gold"])
    ov = prf(c["over_p"], c["pred"], c["over_r"], c["gold"])
    pr = prf(c["pair_p"], c["pred_spk"], c["pair_r"], c["gold_src"])
    print(f"PolNeAR dev: {c['gold']} gold direct-quote units ({c['gold_src']} with a Source), "
          f"{c['pred']} predicted ({c['pred_spk']} with a speaker)")
    print(f"  quote spans, exact:    P {ex[0]:.3f}  R {ex[1]:.3f}  F1 {ex[2]:.3f}")
    print(f"  quote spans, overlap:  P {ov[0]:.3f}  R {ov[1]:.3f}  F1 {ov[2]:.3f}")
    ov2 = prf(c["over_p"], c["pred"], c["over_r2"], c["gold2"])
    print(f"  overlap, without the {c['gold'] - c['gold2']} one-word gold units (terms by our rule): "
          f"P {ov2[0]:.3f}  R {ov2[1]:.3f}  F1 {ov2[2]:.3f}")
    print(f"  (quote, speaker):      P {pr[0]:.3f}  R {pr[1]:.3f}  F1 {pr[2]:.3f}")
    acc = c["spk_ok"] / c["spk_judged"] if c["spk_judged"] else 0.0
    print(f"  speaker accuracy:      {acc:.3f} ({c['spk_ok']}/{c['spk_judged']} predictions overlapping a gold unit with a Source)")
    print("  references (other data): " + "; ".join(f"{n} F1 {v:.3f}" for n, v in REFERENCES))
    print("  misses by cause: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(misses.items())))
    if show:
        for cause, rows in sorted(misses.items()):
            print(f"\n== {cause} ({len(rows)})")
            for row in rows:
                print("  " + row)
    return {"exact": ex, "overlap": ov, "pairs": pr, "speaker_accuracy": acc}


def _q(text: str, f) -> str:
    return repr(text[f.start : f.end][:80])


def _who(text: str, f) -> str:
    if not f.speaker:
        return "None"
    said = text[f.mention[0] : f.mention[1]]
    meant = text[f.speaker[0] : f.speaker[1]]
    return f"{said!r} ({f.how})" if said == meant else f"{said!r} = {meant!r} ({f.how})"


def _cause_none(text: str, f) -> str:
    return "no marks" if f.open < 0 and f.close < 0 else "no cue"


def seeds() -> None:
    from storytrace.ingest import prepare, read_inputs
    from storytrace.model import Document

    print("\nSeeds: every quotation and its speaker (as written = resolved, rule)")
    for raw in read_inputs([str(SHARED / "corpora" / "seeds")]):
        doc = prepare(raw) if not isinstance(raw, Document) and hasattr(raw, "kind") else raw
        if not isinstance(doc, Document):
            continue
        print(f"  {Path(doc.source).name[:3]}")
        for f in Q.find_quotes(doc.text):
            text = doc.text[f.start : f.end]
            short = text if len(text) <= 70 else text[:45] + " … " + text[-20:]
            print(f"    {_who(doc.text, f):60} {short!r}")


def throughput() -> None:
    """Words per second of the analyser on news_cluster_dev, one core (best of three passes)."""
    import time

    from storytrace.ingest import prepare, read_inputs
    from storytrace.model import Document

    corpus = SHARED / "corpora" / "news_cluster_dev.jsonl"
    if not corpus.exists():
        return
    docs = [d for d in (prepare(r) for r in read_inputs([str(corpus)]) if hasattr(r, "kind")) if isinstance(d, Document)]
    words = sum(d.words for d in docs)
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        n = sum(len(Q.analyse_quotes(d).quotes) for d in docs)
        best = min(best, time.perf_counter() - t)
    print(f"\nThroughput on {corpus.name}: {len(docs)} documents, {words:,} words, {n} quotations, "
          f"{best:.2f} s -> {words / best:,.0f} words/s on one core")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list the misses by cause")
    args = ap.parse_args()
    if not POLNEAR.exists():
        print(f"needs {POLNEAR} (test data kept outside the repository)", file=sys.stderr)
        return 2
    evaluate(args.show)
    seeds()
    throughput()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
