"""The timeline section: documents by publication date, and each figure's values over time.

One job: aggregate dates for the charts and render them with their CSV. The documents
chart counts per day in SQL and draws days, weeks, months or years (whatever keeps it
under ~100 bars), stacked by the largest events; each figure chart plots one dot per
(day, value) with the number of documents that printed it, so its size follows the
distinct values, not the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from . import charts
from .data import LedgerView
from .events import EventsData, figure_name
from .markup import Refs, csv_link, esc, link, num, plural, table

SERIES = 5
FIGURE_CHARTS = 12
POINTS = 90  # dots per chart at most (the most printed values of each day, week or month)


def documents_chart(view: LedgerView, events: EventsData) -> str:
    total = view.count("documents")
    ev = view.col("documents", "event_id")
    per_day = view.rows(f"select substr(published, 1, 10) as day, {ev} as event_id, count(*) as n from documents "
                        f"where published is not null group by day, {ev}") if view.has("documents", "published") else []
    undated = total - sum(r["n"] for r in per_day)
    ranged = view.count("documents", "where published is null and published_precision in ('range', 'year')") \
        if view.has("documents", "published_precision") else 0
    parts = [f"{plural(undated - ranged, 'document')} undated" if undated > ranged else "",
             f"{plural(ranged, 'document')} dated only to a range or a year" if ranged else ""]
    not_shown = " and ".join(p for p in parts if p)
    out = ['<h3>Documents by publication date</h3>']
    parsed = [(charts.parse_day(r["day"]), r) for r in per_day]
    days = [(d, r) for d, r in parsed if d is not None]
    if not days:
        out.append(f'<p class="note">No document is dated to a day{f" ({not_shown})" if not_shown else ""}.</p>')
        return "".join(out)
    label_of = {e["id"]: (e.get("label") or f"event {e['id']}") for e in events.events}
    by_event: Counter[Any] = Counter()
    for _, r in days:
        by_event[r["event_id"]] += r["n"]
    top = [e for e, _ in by_event.most_common() if e is not None][:SERIES]
    series = [label_of.get(e, f"event {e}") for e in top] + ["other or no event"]
    d0, d1 = min(d for d, _ in days), max(d for d, _ in days)
    unit = charts.choose_unit([d for d, _ in days])
    counts: dict[dt.date, list[int]] = defaultdict(lambda: [0] * len(series))
    for d, r in days:
        i = top.index(r["event_id"]) if r["event_id"] in top else len(series) - 1
        counts[charts.bucket(d, unit)][i] += r["n"]
    buckets, prev = [], None
    for b in sorted(counts):
        buckets.append((charts.bucket_label(b, unit), counts[b], charts.gap_words(prev, b, unit) if prev else ""))
        prev = b
    if not any(c[-1] for _, c, _ in buckets):
        series = series[:-1]
        buckets = [(n, c[:-1], g) for n, c, g in buckets]
    dated = total - undated
    out.append(f'<p class="note">{plural(dated, "document")} dated from {d0.isoformat()} to {d1.isoformat()}: one bar per {unit} '
               'that has documents (≈ marks a stretch without any; hover for it)'
               + (f"; {not_shown}, not shown" if undated else "") + ".</p>")
    out.append(f'<div class="chartbox">{charts.stacked_bars(buckets, series, f"Documents per {unit}, by event")}</div>')
    out.append(charts.legend(series))
    out.append(csv_link("documents-by-day", ["day", "event_id", "event", "documents"],
                        sorted(([d.isoformat(), r["event_id"], label_of.get(r["event_id"], ""), r["n"]] for d, r in days),
                               key=lambda x: (x[0], str(x[1])))))
    if view.has("documents", "published_how"):
        how = view.rows("select published_how as how, count(*) as n from documents group by published_how order by n desc")
        rows = [[esc(r["how"] or "undated"), esc(num(r["n"]))] for r in how]
        out.append('<details class="how"><summary>How the dates were found</summary>'
                   + table(["dated from", "documents"], rows, "compact") + "</details>")
    return "".join(out)


def _figure_points(view: LedgerView, figure_id: str) -> list[dict[str, Any]]:
    outlet = view.col("documents", "outlet", "d")
    return view.rows(
        "select day, value, low, high, qualifier, count(*) as n, group_concat(coalesce(who, ''), '|') as who from ("
        f"select substr(d.published, 1, 10) as day, c.value, c.low, c.high, c.qualifier, {outlet} as who, "
        "row_number() over (partition by c.doc_id order by coalesce(c.value, c.low, c.high) desc, c.start) as rn "
        "from claims c join documents d on d.id = c.doc_id where c.figure_id = ? and d.published is not null"
        ") where rn = 1 group by day, value, low, high, qualifier order by day", [figure_id])


def _chart_points(pts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Dots for a chart: one per (day, week or month; value), the most printed values of each if there are many."""
    days = [d for d in (charts.parse_day(p["day"]) for p in pts) if d is not None]
    if not days:
        return [], 0
    unit = charts.choose_unit(days)
    merged: dict[tuple, dict[str, Any]] = {}
    for p in pts:
        day = charts.parse_day(p["day"])
        if day is None:
            continue
        b = charts.bucket(day, unit)
        key = (b, p["value"], p["low"], p["high"], p["qualifier"])
        m = merged.setdefault(key, {"day": b, "value": p["value"], "low": p["low"], "high": p["high"],
                                    "qualifier": p["qualifier"], "n": 0, "who": [], "unit": unit})
        m["n"] += p["n"]
        m["who"] += [w for w in (p["who"] or "").split("|") if w][:6]
    by_bucket: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for m in merged.values():
        by_bucket[m["day"]].append(m)
    keep = max(2, POINTS // max(1, len(by_bucket)))
    out = []
    for b, ms in by_bucket.items():
        ms.sort(key=lambda m: -m["n"])
        out += ms[:keep]
    for m in out:
        shown = " ".join(filter(None, [m["qualifier"] if m["qualifier"] not in (None, "exact") else "", num(m["value"])]))
        who = list(dict.fromkeys(m["who"]))
        m["title"] = (f"{charts.bucket_label(m['day'], unit)}: {shown or '?'} in {plural(m['n'], 'document')}"
                      + (f" ({', '.join(who[:5])}{'…' if len(who) > 5 else ''})" if who else ""))
    return out, len(merged) - len(out)


def figure_charts(view: LedgerView, events: EventsData, refs: Refs) -> str:
    if not view.has("claims", "figure_id") or not view.has("documents", "published"):
        return ""
    label_of = {e["id"]: (e.get("label") or f"event {e['id']}") for e in events.events}
    candidates = [f for f in events.all_shown if (f.get("n_docs") or 0) >= 2 and (f.get("status") == "conflict" or f.get("trend"))]
    candidates += [f for f in events.all_shown if (f.get("n_docs") or 0) >= 3 and f not in candidates]
    cards: list[str] = []
    for f in candidates:
        if len(cards) >= FIGURE_CHARTS:
            break
        pts = _figure_points(view, f["id"])
        points, dropped = _chart_points(pts)
        if len({(p["value"], p["low"], p["high"]) for p in points}) < 2:
            continue  # the same value all along: nothing changed over time (its row says it)
        unit = points[0]["unit"]
        name = f"{label_of.get(f['event_id'], '')}: {figure_name(f)}"
        flags = ", ".join(x for x in (f.get("status"), f.get("trend")) if x)
        undated = (f.get("n_docs") or 0) - sum(p["n"] for p in pts)
        svg = charts.values_over_time(points, f.get("best"), f"{name} over time", unit)
        head = link(refs.target("f", f["id"]), esc(name, 100), "", "the figure's row")
        csv = csv_link(f"figure-{f['id']}", ["day", "value", "low", "high", "qualifier", "documents"],
                       ([p["day"], p["value"], p["low"], p["high"], p["qualifier"], p["n"]] for p in pts), "CSV")
        notes = ([f"one dot per {unit}"] if unit != "day" else []) + ([f"{plural(undated, 'document')} undated"] if undated > 0 else []) \
            + ([f"{plural(dropped, 'rarer value')} of crowded {unit}s not drawn (in the CSV)"] if dropped else [])
        note = f'<p class="note">{esc("; ".join(notes))}.</p>' if notes else ""
        cards.append(f'<figure class="card"><figcaption>{head} <small>{esc(flags)}</small> {csv}</figcaption>'
                     f'<div class="chartbox">{svg}</div>{note}</figure>')
    if not cards:
        return ""
    return ('<h3>Reported values over time</h3><p class="note">One dot per value and day (hover: how many documents '
            'and which outlets); filled: an exact count, hollow: approximate; an arrow up: "at least", down: "nearly" '
            'or "at most"; a bar: a range; dashed: the best estimate. Figures that conflict or move come first.</p>'
            f'<div class="cards">{"".join(cards)}</div>')


def render(view: LedgerView, events: EventsData, refs: Refs) -> str:
    return f'<section id="timeline"><h2>Timeline</h2>{documents_chart(view, events)}{figure_charts(view, events, refs)}</section>'
