"""The HTML report at scale: time `storytrace report` on a 10,000-document ledger.

One job: synthesise a news corpus shaped like the ledgers people build (many events,
a few large; tolls that rise over days; outlets that reprint a wire lead and change
a number; quotes; labels), build it with the real pipeline, then time
`storytrace.report.write_report` and print the report's size and what it left out.

    python bench/report_scale.py [--docs 10000] [--workdir DIR] [--workers 2] [--rebuild]

The corpus is generated from templates (no ../shared needed): every article is
invented. The ledger is kept in WORKDIR (default /tmp/storytrace-report-scale) and
reused by later runs unless --rebuild; the report is timed on every run (best of
--repeat). Prints one JSON line with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

TYPES = [("ferry", "sinking", "sank"), ("bus", "crash", "crashed"), ("train", "derailment", "derailed"),
         ("factory", "fire", "burned"), ("market", "bombing", "was bombed"), ("mine", "collapse", "collapsed"),
         ("dam", "flood", "burst"), ("hotel", "fire", "burned"), ("bridge", "collapse", "collapsed")]
SYL = ["ka", "lo", "ven", "dra", "mi", "sor", "tal", "bre", "nu", "vel", "os", "rin", "ha", "mar", "quel", "zet", "po", "la"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["police said", "the fire service said", "officials said", "according to the health ministry",
           "the regional governor said", "according to local media", "hospital staff said"]
ROLES = ["police spokesperson", "fire chief", "Mayor", "regional governor", "health minister", "witness"]
LABELS = ["tragedy", "disaster", "accident", "catastrophe", "massacre", "incident"]
SUBJ = ["Rescue teams", "Relatives of the victims", "Local hospitals", "Volunteers from nearby towns", "Engineers",
        "Opposition politicians", "Residents", "Investigators", "Union leaders", "Aid workers", "Church groups",
        "Students", "Shopkeepers", "Council officials", "Divers"]
VERB = ["gathered near", "worked through the night at", "appealed for help outside", "set up tents beside",
        "laid flowers at", "kept watch over", "demanded answers at", "cleared debris from", "searched the area around",
        "held a vigil outside", "questioned staff at", "blocked the road to", "brought food to"]
OBJ = ["the main square", "the old harbour", "the district hospital", "the town hall", "the scene",
       "the railway station", "the riverbank", "the police headquarters", "the school gates", "the market hall"]
TAIL = ["as night fell", "despite heavy rain", "under floodlights", "well into the morning", "for a second day",
        "while television crews watched", "as the wind picked up", "after a brief prayer", "in near silence",
        "amid growing anger", "before dawn", "as sirens sounded"]


def filler(rng: random.Random, place: str) -> str:
    return (f"{rng.choice(SUBJ)} {rng.choice(VERB)} {rng.choice(OBJ)} in {place} {rng.choice(TAIL)}, "
            f"{rng.choice(['and', 'while', 'as'])} {rng.choice(SUBJ).lower()} {rng.choice(VERB)} {rng.choice(OBJ)}.")




def name(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYL) for _ in range(n)).capitalize()


def generate(n_docs: int, seed: int = 1):
    """Yield news-please-like records for n_docs invented articles."""
    rng = random.Random(seed)
    n_events = max(1, n_docs // 25)
    outlets = [f"{name(rng)} {rng.choice(['Times', 'Post', 'Herald', 'News', 'Courier', 'Wire', 'Daily'])}" for _ in range(150)]
    events = []
    for i in range(n_events):
        thing, noun, verb = rng.choice(TYPES)
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        events.append({"i": i, "thing": thing, "noun": noun, "verb": verb, "place": f"{name(rng)}{rng.choice(['', ' Bay', ' City', 'ville'])}",
                       "day": day, "killed": rng.randint(3, 300), "injured": rng.randint(5, 600),
                       "children": rng.randint(1, 40), "speaker": f"{rng.choice(ROLES)} {name(rng)} {name(rng, 3)}",
                       "labels": rng.sample(LABELS, 2),
                       "quote": f"{rng.choice(SUBJ)} {rng.choice(VERB)} {rng.choice(OBJ)} {rng.choice(TAIL)} and we will not stop"})
    weights = [1.0 / (k + 1) ** 0.8 for k in range(n_events)]  # a few events get most documents
    leads: dict[int, list[tuple[str, str]]] = {}
    for d in range(n_docs):
        ev = rng.choices(events, weights)[0]
        lag = min(int(rng.expovariate(0.5)), 14)
        pub = ev["day"] + timedelta(days=lag)
        share = min(1.0, 0.55 + 0.15 * lag)  # the toll rises over the first days
        killed = max(1, round(ev["killed"] * share))
        outlet = rng.choice(outlets)
        where = f"{ev['place']}, {WEEKDAYS[ev['day'].weekday()]}"
        inj = round(ev["injured"] * share)
        lead = rng.choice([
            f"At least {killed} people were killed and {inj} injured when a {ev['thing']} {ev['verb']} in {where}, {rng.choice(SOURCES)}.",
            f"The death toll from the {ev['thing']} {ev['noun']} in {ev['place']} rose to {killed} on {WEEKDAYS[pub.weekday()]}, with {inj} people hurt, {rng.choice(SOURCES)}.",
            f"A {ev['thing']} {ev['verb']} in {where}, killing at least {killed} people and injuring {inj}, {rng.choice(SOURCES)}.",
            f"{killed} people died and {inj} were wounded after a {ev['thing']} {ev['verb']} in {ev['place']}, {rng.choice(SOURCES)}.",
        ]) + f" Among the dead were {min(ev['children'], killed)} children."
        earlier = leads.get(ev["i"], [])
        copied = None
        if earlier and rng.random() < 0.25:  # a reprinted wire lead, sometimes with a number changed
            src_lead, src_outlet = rng.choice(earlier)
            lead = src_lead
            if rng.random() < 0.4:
                lead = lead.replace(f"{killed} people", f"{killed + rng.randint(1, 5)} people", 1)
            copied = src_outlet
        leads.setdefault(ev["i"], []).append((lead, outlet))
        paras = [lead]
        paras.append(f"{rng.choice(['Residents', 'Officials', 'Witnesses', 'Local papers'])} called it a {rng.choice(ev['labels'])}.")
        paras.append(f"\u201c{ev['quote']},\u201d {ev['speaker']} said." if rng.random() < 0.5 else
                     f"{ev['speaker']} said: \u201c{ev['quote']}.\u201d")
        if rng.random() < 0.5:
            paras.append(f"{rng.randint(2, 30)} people were still missing on {WEEKDAYS[pub.weekday()]} evening, {rng.choice(SOURCES)}.")
        paras += [filler(rng, ev["place"]) for _ in range(3)]
        if copied:
            paras.append(f"This report includes material from {copied}.")
        yield {
            "id": f"r{d:06d}",
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{pub.isoformat()}/{ev['thing']}-{ev['i']}-{d}",
            "source_domain": f"{outlet.lower().replace(' ', '')}.example",
            "title": f"{ev['thing'].capitalize()} {ev['noun']} in {ev['place']}: {killed} dead",
            "date_publish": f"{pub.isoformat()} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00",
            "text": "\n\n".join(paras),
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/storytrace-report-scale"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rebuild", action="store_true", help="build the ledger again even if WORKDIR has one")
    args = ap.parse_args()

    from storytrace import ledger as ledger_mod
    from storytrace.engines.local import build
    from storytrace.report import write_report

    work = args.workdir / str(args.docs)
    work.mkdir(parents=True, exist_ok=True)
    ledger = work / "ledger.db"
    build_s = None
    if args.rebuild or not ledger.exists():
        if ledger.exists():
            ledger.unlink()
        docs = work / "docs.jsonl"
        with open(docs, "w", encoding="utf-8") as f:
            for rec in generate(args.docs):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"building {ledger} from {args.docs} documents ...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        build(ledger, [str(docs)], workers=args.workers)
        build_s = round(time.perf_counter() - t, 1)
    db = ledger_mod.open_ledger(ledger)
    counts = ledger_mod.count_rows(db)
    db.close()
    out = work / "report.html"
    times = []
    for _ in range(max(1, args.repeat)):
        t = time.perf_counter()
        write_report(ledger, out)
        times.append(time.perf_counter() - t)
    print(json.dumps({
        "documents": counts.get("documents"), "events": counts.get("events"), "figures": counts.get("figures"),
        "claims": counts.get("claims"), "reuse": counts.get("reuse"), "quotes": counts.get("quotes"),
        "build_s": build_s, "report_s": round(min(times), 2), "report_mb": round(os.path.getsize(out) / 2**20, 2),
        "report": str(out), "cpus": os.cpu_count(),
    }))


if __name__ == "__main__":
    main()
