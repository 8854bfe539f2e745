"""Inline SVG charts drawn in Python: stacked bars over time, values over time, the copy graph.

One job: geometry. Each function takes plain numbers and labels and returns one
<svg> element (no script, no external reference: markers and links are in-page).
Every label is escaped here; callers pass raw strings.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Optional, Sequence

from .markup import esc, num

PALETTE = ["#1f77b4", "#e67e22", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"]
RED = "#c0392b"


def _axes(left: float, top: float, pw: float, ph: float, ymax: float) -> list[str]:
    """The two axes and three grid lines (0, half, ymax) with their labels."""
    parts = [f'<g class="axis"><line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}"/>'
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}"/>']
    for frac in (0, 0.5, 1):
        y = top + ph - ph * frac
        parts.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{esc(num(ymax * frac))}</text>')
    return parts


def parse_day(value: Any) -> Optional[dt.date]:
    """The calendar day of an ISO date or datetime; None when there is none."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def bucket(day: dt.date, unit: str) -> dt.date:
    """The first day of the day/week/month/year holding `day`."""
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def next_bucket(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day + dt.timedelta(days=7)
    if unit == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if unit == "year":
        return day.replace(year=day.year + 1)
    return day + dt.timedelta(days=1)


def choose_unit(days: Sequence[dt.date], max_buckets: int = 60) -> str:
    """The finest unit (day, week, month, year) that keeps the occupied buckets at most max_buckets."""
    for unit in ("day", "week", "month"):
        if len({bucket(d, unit) for d in days}) <= max_buckets:
            return unit
    return "year"


def bucket_label(day: dt.date, unit: str, short: bool = False) -> str:
    if unit == "day":
        return day.strftime("%m-%d") if short else day.isoformat()
    return {"week": "wk " + day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[unit]


def gap_words(a: dt.date, b: dt.date, unit: str) -> str:
    """What lies between two occupied buckets, or '' when they are adjacent."""
    if next_bucket(a, unit) >= b:
        return ""
    days = (b - next_bucket(a, unit)).days
    return f"{days} days" if days < 120 else f"{days / 365.25:.1f} years"


def nice_max(v: float) -> float:
    """A round axis maximum at or above v (1, 2, 2.5, 5 × 10^k)."""
    if v <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * exp:
            return m * exp
    return 10 * exp


def whole_max(v: float) -> int:
    """A round axis maximum for counts whose middle grid line is a whole number too
    (2, 4, 10, 20, 50, 100, ...: never 0.5 documents)."""
    m = nice_max(max(2.0, v))
    m = int(math.ceil(m))
    return m + (m % 2)


def _svg(width: int, height: int, body: str, label: str, cls: str = "chart") -> str:
    return (f'<svg class="{cls}" role="img" aria-label="{esc(label)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}">'
            f"<title>{esc(label)}</title>{body}</svg>")


def _tick(x: float, y: float, text: str, rotate: bool) -> str:
    if rotate:
        return f'<text class="tick" x="{x:.1f}" y="{y}" text-anchor="end" transform="rotate(-40 {x:.1f} {y})">{esc(text, 16)}</text>'
    return f'<text class="tick" x="{x:.1f}" y="{y}" text-anchor="middle">{esc(text, 16)}</text>'


def _gap(x: float, top: float, bottom: float, title: str) -> str:
    """A break in an axis that shows only occupied dates: a dashed line with what was skipped."""
    return (f'<g class="gap"><line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}"/>'
            f'<text x="{x:.1f}" y="{top + 10}" text-anchor="middle">≈</text><title>{esc(title)}</title></g>')


def stacked_bars(buckets: Sequence[tuple[str, Sequence[int], str]], series: Sequence[str], label: str,
                 width: int = 0, height: int = 250) -> str:
    """Bars (one per bucket, stacked by series); buckets: (label, counts per series, gap before it or '').
    The width follows the number of bars (a few bars make a narrow chart that reads on a phone)."""
    left, right, top, bottom = 44, 10, 12, 70
    width = width or max(380, min(820, left + right + 44 * len(buckets)))
    pw, ph = width - left - right, height - top - bottom
    n = max(1, len(buckets))
    ymax = whole_max(max((sum(c) for _, c, _ in buckets), default=1))
    bw = pw / n
    parts = _axes(left, top, pw, ph, ymax)
    parts.append("</g>")
    step = max(1, math.ceil(n / 30))
    for i, (name, counts, gap) in enumerate(buckets):
        x = left + i * bw
        if gap:
            parts.append(_gap(x, top, top + ph, f"{gap} without documents"))
        y: float = top + ph
        total = sum(counts)
        detail = ", ".join(f"{s} {c}" for s, c in zip(series, counts) if c)
        for j, c in enumerate(counts):
            if not c:
                continue
            h = ph * c / ymax
            y -= h
            parts.append(f'<rect x="{x + bw * 0.15:.1f}" y="{y:.1f}" width="{max(1.0, bw * 0.7):.1f}" height="{h:.1f}" '
                         f'fill="{PALETTE[j % len(PALETTE)]}"><title>{esc(name)}: {esc(num(total))} '
                         f'({esc(detail, 300)})</title></rect>')
        if i % step == 0:
            parts.append(_tick(x + bw / 2, top + ph + 14, name, True))
    return _svg(width, height, "".join(parts), label)


def legend(series: Sequence[str]) -> str:
    items = "".join(f'<li><span class="swatch" style="background:{PALETTE[i % len(PALETTE)]}"></span>{esc(s, 60)}</li>'
                    for i, s in enumerate(series))
    return f'<ul class="legend">{items}</ul>'


#: Qualifiers whose value is a lower / an upper bound.
LOWER = {"at_least", "more_than"}
UPPER = {"at_most", "less_than", "nearly"}


def values_over_time(points: Sequence[dict[str, Any]], best: Optional[float], label: str, unit: str = "day",
                     width: int = 560, height: int = 230) -> str:
    """Each point {day, value, low, high, qualifier, title}: a dot per value and day, its bounds as a bar.

    The x axis has one slot per day (or week, month, year: `unit`, each point's day is
    its bucket's first day) that has a report, evenly spaced, a break marking skipped
    time, so a burst of reports and an anniversary a year later both read.
    """
    left, right, top, bottom = 44, 16, 14, 58
    pw, ph = width - left - right, height - top - bottom
    days = sorted({p["day"] for p in points})
    slot = {d: i for i, d in enumerate(days)}
    sw = pw / max(1, len(days))
    finite = [v for p in points for v in (p.get("value"), p.get("low"), p.get("high")) if v is not None]
    ymax = nice_max(max(finite + ([best] if best is not None else []) + [1]) * 1.08)

    def Y(v: float) -> float:
        return top + ph - ph * min(v, ymax) / ymax

    parts = _axes(left, top, pw, ph, ymax)
    step = max(1, math.ceil(len(days) / 12))
    prev: Optional[dt.date] = None
    for i, d in enumerate(days):
        x = left + (i + 0.5) * sw
        gap = gap_words(prev, d, unit) if prev is not None else ""
        if gap:
            parts.append(_gap(left + i * sw, top, top + ph, f"{gap} without a report"))
        if i % step == 0:
            text = bucket_label(d, unit, short=prev is not None and prev.year == d.year)
            parts.append(_tick(x, top + ph + 14, text, len(days) > 4))
        prev = d
    parts.append("</g>")
    if best is not None:
        y = Y(best)
        parts.append(f'<line class="best" x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}"/>'
                     f'<text class="best" x="{left + pw}" y="{y - 4:.1f}" text-anchor="end">best {esc(num(best))}</text>')
    per_day: dict[dt.date, int] = {}
    for p in points:
        per_day[p["day"]] = per_day.get(p["day"], 0) + 1
    seen: dict[dt.date, int] = {}
    for p in sorted(points, key=lambda p: (p["day"], p.get("value") or 0)):
        k = seen.get(p["day"], 0)
        seen[p["day"]] = k + 1
        m = per_day[p["day"]]
        x = left + (slot[p["day"]] + 0.5) * sw + (k - (m - 1) / 2) * min(9.0, sw / (m + 1))
        q = p.get("qualifier") or "exact"
        v = p.get("value")
        lo, hi = p.get("low"), p.get("high")
        title = f"<title>{esc(p.get('title'), 300)}</title>"
        if lo is not None and hi is not None and hi != lo:
            parts.append(f'<line class="bound" x1="{x:.1f}" y1="{Y(lo):.1f}" x2="{x:.1f}" y2="{Y(hi):.1f}">{title}</line>')
        if v is None:
            v = lo if lo is not None else hi
        if v is None:
            continue
        y = Y(v)
        if q in LOWER:
            parts.append(f'<path class="bound" d="M{x:.1f},{y:.1f}V{y - 14:.1f}M{x - 3:.1f},{y - 10:.1f}L{x:.1f},{y - 14:.1f}L{x + 3:.1f},{y - 10:.1f}"/>')
        elif q in UPPER:
            parts.append(f'<path class="bound" d="M{x:.1f},{y:.1f}V{y + 14:.1f}M{x - 3:.1f},{y + 10:.1f}L{x:.1f},{y + 14:.1f}L{x + 3:.1f},{y + 10:.1f}"/>')
        fill = PALETTE[0] if q == "exact" else "#fff"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}" stroke="{PALETTE[0]}" stroke-width="2">{title}</circle>')
    return _svg(width, height, "".join(parts), label)


def copy_graph(nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]], label: str) -> str:
    """Documents as dots, copies as arrows from the earlier to the later document.

    Layered: a document sits one step right of the latest document it follows, so
    every arrow points right; one band per lineage; a step's column holds at most 10
    dots per band (more wrap into another column of the same shaded step). nodes: {id, label, date, band, href, title};
    edges: {source, target, number (a figure changed), kind, title}.
    """
    # long: the layout (depths, bands, columns) and the SVG it draws share the positions computed here
    ids = [n["id"] for n in nodes]
    depth = {i: 0 for i in ids}
    for _ in range(len(ids)):  # longest path from a first printing; a cycle stops after len(ids) rounds
        changed = False
        for e in edges:
            s, t = e["source"], e["target"]
            if s in depth and t in depth and depth[s] + 1 > depth[t] and depth[s] + 1 < len(ids):
                depth[t] = depth[s] + 1
                changed = True
        if not changed:
            break
    per_col, col_w, row_h, left, top = 10, 200, 58, 16, 58
    bands = list(dict.fromkeys(n["band"] for n in nodes))
    cells: dict[tuple[Any, int], list[str]] = {}
    for n in nodes:
        cells.setdefault((n["band"], depth[n["id"]]), []).append(n["id"])
    max_depth = max(depth.values(), default=0)
    sub = [max([math.ceil(len(cells[(b, d)]) / per_col) for b in bands if (b, d) in cells] or [1]) for d in range(max_depth + 1)]
    col_x = [left + sum(sub[:d]) * col_w for d in range(max_depth + 1)]
    band_top: dict[Any, float] = {}
    y: float = top
    for b in bands:
        band_top[b] = y
        rows = max(min(per_col, len(v)) for (bb, _), v in cells.items() if bb == b)
        y += (rows - 1) * row_h + 78
    width = left * 2 + sum(sub) * col_w
    height = int(y) - 34 + 6
    pos: dict[str, tuple[float, float]] = {}
    parents: dict[str, list[str]] = {}
    for e in edges:
        parents.setdefault(e["target"], []).append(e["source"])
    for (b, d), members in sorted(cells.items(), key=lambda kv: kv[0][1]):  # left to right: each dot near its parents
        def near(i: str) -> float:
            ys = [pos[p][1] for p in parents.get(i, ()) if p in pos]
            return sum(ys) / len(ys) if ys else float("inf")
        members.sort(key=near)
        for k, i in enumerate(members):
            pos[i] = (col_x[d] + (k // per_col) * col_w + 10, band_top[b] + (k % per_col) * row_h)
    parts = ['<defs><marker id="arr" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" '
             'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#777"/></marker>'
             f'<marker id="arr-red" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" '
             f'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="{RED}"/></marker></defs>']
    for d in range(max_depth + 1):  # one shaded group of columns per step from the earliest document
        x0 = col_x[d] - 6
        if d % 2:
            parts.append(f'<rect class="step" x="{x0}" y="0" width="{sub[d] * col_w}" height="{height}"/>')
        head = "earliest" if d == 0 else ("copies" if d == 1 else f"{d} steps on")
        parts.append(f'<text class="step" x="{x0 + 6}" y="14">{head}</text>')
    for b in bands[1:]:
        parts.append(f'<line class="band" x1="0" y1="{band_top[b] - 34:.1f}" x2="{width}" y2="{band_top[b] - 34:.1f}"/>')
    for e in edges:
        if e["source"] not in pos or e["target"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        cls = "edge num" if e.get("number") else ("edge dup" if e.get("kind") == "duplicate" else "edge")
        marker = "arr-red" if e.get("number") else "arr"
        if x2 > x1 and abs(y2 - y1) < 1 and x2 - x1 > col_w * 1.5:  # skips a column: bow below the dots between
            bow = y1 + min(22.0, 10 * (x2 - x1) / col_w)
            path = f"M{x1 + 5:.1f},{y1 + 3:.1f}C{x1 + 40:.1f},{bow:.1f} {x2 - 40:.1f},{bow:.1f} {x2 - 6:.1f},{y2 + 4:.1f}"
        elif x2 > x1:
            mx = (x1 + x2) / 2
            path = f"M{x1 + 6:.1f},{y1:.1f}C{mx:.1f},{y1:.1f} {mx:.1f},{y2:.1f} {x2 - 7:.1f},{y2:.1f}"
        else:  # a cycle in the ledger's links: bow out to the left
            path = f"M{x1 - 6:.1f},{y1:.1f}C{x1 - 40:.1f},{y1:.1f} {x2 - 40:.1f},{y2:.1f} {x2 - 7:.1f},{y2:.1f}"
        parts.append(f'<path class="{cls}" d="{path}" marker-end="url(#{marker})"><title>{esc(e.get("title"), 300)}</title></path>')
    for n in nodes:
        x, y = pos[n["id"]]
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6"><title>{esc(n.get("title"), 300)}</title></circle>'
               f'<text x="{x - 6:.1f}" y="{y - 22:.1f}">{esc(n["label"], 28)}</text>'
               f'<text class="date" x="{x - 6:.1f}" y="{y - 10:.1f}">{esc(n.get("date") or "undated", 20)}</text>')
        if n.get("href"):
            dot = f'<a href="#{esc(n["href"])}">{dot}</a>'
        parts.append(dot)
    return _svg(width, height, "".join(parts), label, "chart graph")
