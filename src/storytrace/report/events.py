"""The events section: for each event, its figures table; then consistency findings and corrections.

One job: render what the sources say about each event's figures. A figure row shows
every variant of the value with the documents that state it (each linking to the
sentence it came from), the bounds, the independent origins ('4 documents, 1 origin'),
and what the ledger found about it: copy edits, checks, corrections. Conflicts and
trends come first. Everything is capped (events, figures per event, variants per
figure, sources per variant) and says what it left out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Optional

from ..model import figure_label
from .data import Doc, LedgerView, jload
from .markup import EXPORT_HINT, Refs, badge, csv_link, esc, left_out, link, null, num, plural, short_date, table, value_text

EVENTS_SHOWN = 25
FIGURES_PER_EVENT = 12
VARIANTS_PER_FIGURE = 10
SOURCES_PER_VARIANT = 5
EVENT_INDEX_ROWS = 300
CHECKS_SHOWN = 200
CORRECTIONS_SHOWN = 200

_STATUS_ORDER = {"conflict": 0, "revised": 1, "agree": 2, "single": 3}
UNPLACED_PER_EVENT = 12


def figure_priority(f: dict[str, Any]) -> tuple:
    """Conflicts first, then figures that moved over time, then the most reported."""
    return (_STATUS_ORDER.get(f.get("status") or "", 4) - (1 if f.get("trend") else 0) * 0.5,
            -(f.get("n_docs") or 0), str(f.get("measure")), str(f.get("group") or ""), f["id"])


def figure_name(f: dict[str, Any]) -> str:
    return figure_label(f.get("measure"), f.get("group"))


class EventsData:
    """The events and figures the page shows, chosen before any section renders."""

    def __init__(self, view: LedgerView) -> None:
        self.view = view
        self.events = view.events()
        known = {e["id"] for e in self.events}
        if view.has("figures", "event_id"):  # figures whose event row is missing still show
            for r in view.conn.execute("select event_id, count(*) from figures where event_id is not null group by event_id"):
                if r[0] not in known:
                    self.events.append({"id": r[0], "label": None, "n_docs": 0, "n_figures": r[1]})
        self.shown = self.events[:EVENTS_SHOWN]
        self.figures: dict[str, list[dict[str, Any]]] = {}
        self.n_figures: dict[str, int] = {}
        ids = [e["id"] for e in self.shown]
        rows: list[dict[str, Any]] = []
        if ids and view.has("figures", "event_id"):
            rows = view.rows(f"select * from figures where event_id in ({','.join('?' * len(ids))})", ids)
        by_event: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for f in rows:
            by_event[f.get("event_id")].append(f)
        for eid, fs in by_event.items():
            fs.sort(key=figure_priority)
            self.n_figures[eid] = len(fs)
            self.figures[eid] = fs[:FIGURES_PER_EVENT]
        self.all_shown = [f for e in self.shown for f in self.figures.get(e["id"], [])]
        for f in self.all_shown:  # parsed once (a figure reprinted 1,000 times carries long lists)
            f["_origins"] = [o for o in jload(f.get("origins"), []) if isinstance(o, dict)]
            f["_copy_edits"] = [e for e in jload(f.get("copy_edits"), []) if isinstance(e, dict)]
        self._load_claims()
        self._load_unplaced()

    def _load_unplaced(self) -> None:
        """Count claims each shown event's documents state that no figure row uses, with why."""
        self.unplaced: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.n_unplaced: dict[str, int] = {}
        view = self.view
        ids = [e["id"] for e in self.shown]
        if not ids or not view.has("claims", "placement", "event_id"):
            return
        marks = ",".join("?" * len(ids))
        for r in view.rows(
            f"select * from (select c.id, c.doc_id, c.event_id, c.measure, c.\"group\" as grp, c.value, c.low, c.high, "
            f"c.qualifier, c.placement, row_number() over (partition by c.event_id order by c.doc_id, c.start) as rn, "
            f"count(*) over (partition by c.event_id) as n from claims c where c.event_id in ({marks}) "
            f"and c.measure != 'other' and c.placement like 'unplaced%') where rn <= ?", [*ids, UNPLACED_PER_EVENT]
        ):
            self.unplaced[r["event_id"]].append(r)
            self.n_unplaced[r["event_id"]] = r["n"]

    def _load_claims(self) -> None:
        view = self.view
        self.variants: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.sources: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
        fids = [f["id"] for f in self.all_shown]
        if not fids or not view.has("claims", "figure_id", "doc_id"):
            return
        pub = view.col("documents", "published", "d")
        corrected = view.col("claims", "corrected", "c")
        for i in range(0, len(fids), 400):
            chunk = fids[i : i + 400]
            marks = ",".join("?" * len(chunk))
            for r in view.rows(
                f"select c.figure_id, c.value, c.low, c.high, c.qualifier, count(*) as n_claims, "
                f"count(distinct c.doc_id) as n_docs, min({pub}) as first from claims c "
                f"left join documents d on d.id = c.doc_id where c.figure_id in ({marks}) "
                f"group by c.figure_id, c.value, c.low, c.high, c.qualifier", chunk
            ):
                self.variants[r["figure_id"]].append(r)
            for r in view.rows(
                f"select * from (select c.id, c.doc_id, c.figure_id, c.value, c.low, c.high, c.qualifier, "
                f"{view.col('claims', 'attributed_to', 'c')} as attributed_to, {view.col('claims', 'in_quote', 'c')} as in_quote, "
                f"{corrected} as corrected, {pub} as published, row_number() over (partition by c.figure_id, c.value, c.low, "
                f"c.high, c.qualifier order by {pub} is null, {pub}, c.doc_id, c.start) as rn from claims c "
                f"left join documents d on d.id = c.doc_id where c.figure_id in ({marks})) where rn <= ?",
                [*chunk, SOURCES_PER_VARIANT * 2],
            ):
                self.sources[(r["figure_id"], r["value"], r["low"], r["high"], r["qualifier"])].append(r)
        for vs in self.variants.values():
            vs.sort(key=lambda v: (v["first"] is None, v["first"] or "", v["value"] if v["value"] is not None else -1))


# ------------------------------------------------------------------- rendering


def _doc_chip(refs: Refs, doc: Optional[Doc], doc_id: str, claim_id: Optional[str] = None, extra: str = "") -> str:
    label = esc(doc.label if doc else doc_id, 40)
    date = short_date(doc.published) if doc else ""
    inner = f"{label}" + (f' <span class="date">{esc(date)}</span>' if date else "") + extra
    target = refs.claim(claim_id, doc_id) if claim_id else refs.doc(doc_id)
    title = doc.display_title if doc else ""
    return link(target, inner, "src", title[:200])


def _variants_cell(data: EventsData, refs: Refs, f: dict[str, Any], docs: dict[str, Doc]) -> str:
    vs = data.variants.get(f["id"], [])
    if not vs:
        return '<span class="null">no claims</span>'
    items = []
    if len(vs) > VARIANTS_PER_FIGURE:  # the most printed values, still in the order they appeared
        top = set(id(v) for v in sorted(vs, key=lambda v: -v["n_docs"])[:VARIANTS_PER_FIGURE])
        vs_shown = [v for v in vs if id(v) in top]
    else:
        vs_shown = vs
    for v in vs_shown:
        key = (f["id"], v["value"], v["low"], v["high"], v["qualifier"])
        chips: list[str] = []
        seen: set[str] = set()
        for c in data.sources.get(key, []):
            if c["doc_id"] in seen or len(seen) >= SOURCES_PER_VARIANT:
                continue
            seen.add(c["doc_id"])
            extra = ""
            if c.get("attributed_to"):
                extra += f' <span class="attr">per {esc(c["attributed_to"], 60)}</span>'
            if c.get("in_quote"):
                extra += ' <span class="attr">quoted</span>'
            if c.get("corrected"):
                extra += " " + badge("corrected", "corr")
            chips.append(_doc_chip(refs, docs.get(c["doc_id"]), c["doc_id"], c["id"], extra))
        more = v["n_docs"] - len(seen)
        if more > 0:
            chips.append(f'<span class="null">+{plural(more, "more document")}</span>')
        items.append(
            f'<li><span class="val">{esc(value_text(v["value"], v["low"], v["high"], v["qualifier"]))}</span> '
            f'<span class="n">{plural(v["n_docs"], "doc")}</span> {" ".join(chips)}</li>'
        )
    if len(vs) > VARIANTS_PER_FIGURE:
        items.append(f'<li class="null">{plural(len(vs) - VARIANTS_PER_FIGURE, "less printed value")} left out</li>')
    return f'<ul class="variants">{"".join(items)}</ul>'


def _range_cell(f: dict[str, Any]) -> str:
    parts = []
    for k in ("low", "best", "high"):
        if f.get(k) is not None:
            parts.append(f'{k} <b>{esc(num(f[k]))}</b>')
    out = " · ".join(parts) or '<span class="null">–</span>'
    if f.get("conservative") is not None:
        out += f'<div class="cons">conservative <b>{esc(num(f["conservative"]))}</b>'
        if f.get("rule"):
            out += f': <span class="rule">{esc(f["rule"], 160)}</span>'
        out += "</div>"
    return out


def _origin_part(part: str, refs: Refs, docs: dict[str, Doc]) -> str:
    kind, _, key = part.partition(": ")
    if kind == "attribution":
        return f"per “{esc(key, 80)}”"
    if kind == "lineage":
        return link(refs.target("l", key), "a copy lineage", "lin", f"lineage {key}")
    if kind == "document":
        doc = docs.get(key)
        return _doc_chip(refs, doc, key)
    return esc(part, 80)


def _origins_cell(f: dict[str, Any], refs: Refs, docs: dict[str, Doc]) -> str:
    n_docs, n_origins = f.get("n_docs") or 0, f.get("n_origins") or 0
    head = f'<div class="orig"><b>{plural(n_docs, "document")}, {plural(n_origins, "origin")}</b></div>'
    items = []
    origins = f["_origins"]
    for o in origins[:8]:
        parts = [p for p in str(o.get("origin") or "").split("; ") if p]
        if o.get("name"):
            lineage = next((p for p in parts if p.startswith("lineage: ")), None)
            who = esc(o["name"], 80) + (f" ({_origin_part(lineage, refs, docs)})" if lineage else "")
        else:
            who = ", ".join(_origin_part(p, refs, docs) for p in parts[:4]) or esc(o.get("origin"), 80)
        if o.get("relays"):
            who += f' <span class="null">(relays {esc(", ".join(o["relays"]), 80)}: not counted)</span>'
        elif o.get("unsourced"):
            who += ' <span class="null">(names no source: not counted)</span>'
        elif o.get("ceiling_only"):
            who += ' <span class="null">(only a ceiling: not counted)</span>'
        elif o.get("vague_only"):
            who += ' <span class="null">(only a vague count: not counted)</span>'
        elif o.get("share"):
            who += ' <span class="null">(a share of another source\'s count: not counted)</span>'
        values = ", ".join(str(v) for v in (o.get("values") or [])[:6])
        n = len(o.get("documents") or [])
        items.append(f'<li><span class="val">{esc(values, 80)}</span> <span class="n">{plural(n, "doc")}</span> {who}</li>')
    if len(origins) > 8:
        items.append(f'<li class="null">{plural(len(origins) - 8, "more origin")}</li>')
    return head + (f'<ul class="origins">{"".join(items)}</ul>' if items else "")


def _findings_cell(f: dict[str, Any], checks: list[dict[str, Any]], refs: Refs, docs: dict[str, Doc]) -> str:
    out = []
    sides = [s for s in jload(f.get("sides"), []) if isinstance(s, dict)]
    if sides:
        day = next((s.get("day") for s in sides if s.get("day")), None)
        said = " against ".join(
            f'{esc(s.get("value"), 30)} ({", ".join(_doc_chip(refs, docs.get(str(d)), str(d)) for d in (s.get("documents") or [])[:4])})'
            for s in sides[:4])
        out.append(f'<li>{badge("sources disagree", "conflict")} {said}' + (f" on {esc(day)}" if day else "") + "</li>")
    for e in f["_copy_edits"][:6]:
        src, tgt = docs.get(str(e.get("source_doc"))), docs.get(str(e.get("target_doc")))
        where = link(refs.target("p", e.get("reuse")), "in a copied passage", "", "see the passage side by side")
        out.append(
            f'<li>{badge("copy edit", "edit")} <del class="num">{esc(e.get("from"), 40)}</del> → '
            f'<ins class="num">{esc(e.get("to"), 40)}</ins> {where}: '
            f'{_doc_chip(refs, src, str(e.get("source_doc")), e.get("source_claim"))} → '
            f'{_doc_chip(refs, tgt, str(e.get("target_doc")), e.get("target_claim"))}</li>'
        )
    for c in checks[:6]:
        out.append(f'<li>{badge(str(c.get("kind") or "check").replace("_", " "), "check")} {esc(c.get("detail"), 200)}</li>')
    if len(checks) > 6:
        out.append(f'<li class="null">{plural(len(checks) - 6, "more finding")}</li>')
    return f'<ul class="findings">{"".join(out)}</ul>' if out else ""


def _checks_by_figure(view: LedgerView, limit: int = 2000) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]], int]:
    total = view.count("checks")
    if not total:
        return {}, [], 0
    rows = view.rows(f"select * from checks order by {view.col('checks', 'kind')}, rowid limit ?", [limit])
    claim_ids = {c for r in rows for c in jload(r.get("claim_ids"), []) if isinstance(c, str)}
    fig_of: dict[str, str] = {}
    ids = list(claim_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        if view.has("claims", "figure_id"):
            for r in view.conn.execute(f"select id, figure_id from claims where id in ({','.join('?' * len(chunk))})", chunk):
                fig_of[r[0]] = r[1]
    by_fig: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        figs = {x for x in jload(r.get("figure_ids"), []) if isinstance(x, str)}
        figs |= {fig_of[c] for c in jload(r.get("claim_ids"), []) if isinstance(c, str) and fig_of.get(c)}
        for fid in figs:
            by_fig[fid].append(r)
    return by_fig, rows, total


def event_date(value: Any) -> str:
    """An event's date as words: '../2025-03-11' is 'on or before 2025-03-11'."""
    s = str(value or "")
    a, sep, b = s.partition("/")
    if not sep:
        return s
    if a in ("", "..") and b not in ("", ".."):
        return f"on or before {b}"
    if b in ("", "..") and a not in ("", ".."):
        return f"on or after {a}"
    return f"{a} to {b}" if a and b else s


def _event_heading(e: dict[str, Any], n_figs: int) -> str:
    label = e.get("label") or f"event {e['id']}"
    bits = [b for b in (e.get("type"), event_date(e.get("date")), e.get("place")) if b]
    meta = [plural(e.get("n_docs") or 0, "document"), plural(n_figs, "figure")]
    if e.get("historic"):
        meta.append("recalled, not reported as news")
    actors = [a for a in jload(e.get("actors"), []) if isinstance(a, str)]
    extra = ""
    if actors:
        extra += f'<div class="meta">Actors as the sources name them: {esc(", ".join(actors[:8]), 300)}</div>'
    if e.get("date_evidence"):
        extra += f'<div class="meta">Date: {esc(e["date_evidence"], 200)}</div>'
    return (f'<h3>{esc(label, 120)} <small>{esc(" · ".join(str(b) for b in bits), 160)}</small></h3>'
            f'<div class="meta">{esc(" · ".join(meta))}</div>{extra}')


FIG_HEADERS = ["Figure", "What the sources say (each links to its sentence)", "Bounds", "Independent origins", "Findings"]
CSV_FIELDS = ["figure_id", "event_id", "measure", "group", "status", "trend", "low", "best", "high", "conservative",
              "rule", "n_docs", "n_claims", "n_origins"]


def render_events(data: EventsData, refs: Refs) -> str:
    view = data.view
    checks_by_fig, _, _ = _checks_by_figure(view)
    doc_ids: list[str] = []
    for f in data.all_shown:
        for srcs in (data.sources.get((f["id"], v["value"], v["low"], v["high"], v["qualifier"]), [])
                     for v in data.variants.get(f["id"], [])):
            doc_ids += [r["doc_id"] for r in srcs]
        for o in f["_origins"][:8]:
            doc_ids += [p.partition(": ")[2] for p in str(o.get("origin") or "").split("; ") if p.startswith("document: ")]
        for e in f["_copy_edits"][:6]:
            doc_ids += [str(e.get("source_doc")), str(e.get("target_doc"))]
        doc_ids += [str(d) for s in jload(f.get("sides"), []) if isinstance(s, dict) for d in (s.get("documents") or [])[:4]]
    doc_ids += [r["doc_id"] for rs in data.unplaced.values() for r in rs]
    docs = view.docs(doc_ids)
    out = ['<section id="events"><h2>Events and their figures</h2>']
    if not data.events:
        out.append('<p class="note">No events in this ledger (the events stage found none, or has not run).</p></section>')
        return "".join(out)
    out.append('<p class="note">Each figure groups what every source states for one event, measure and group, from '
               'the numbers placed under the event with evidence (the rest are listed as unplaced). '
               '<b>conflict</b>: independent sources disagree where time cannot explain it (the same day, or a settled '
               'past event); <b>revised</b>: the value changed over the days the event developed; <b>rising/falling</b>: '
               'it moved one way across sources whose publication dates are trusted. <b>best</b> is what a fact-checker '
               'could publish. An origin is an independent source: documents that copy each other, or repeat one '
               'attribution, count once; reports that name no source count once together.</p>')
    for e in data.shown:
        fs = data.figures.get(e["id"], [])
        n = data.n_figures.get(e["id"], 0)
        eid = refs.add_target("e", e["id"])
        out.append(f'<article class="event" id="{eid}">{_event_heading(e, n)}')
        if not fs:
            out.append('<p class="note">No figures for this event.</p>' + _unplaced_list(data, e["id"], refs, docs) + "</article>")
            continue
        unplaced = _unplaced_list(data, e["id"], refs, docs)
        rows, row_ids = [], []
        for f in fs:
            row_ids.append(refs.add_target("f", f["id"]))
            status = badge(f.get("status") or "?", f.get("status") or "")
            trend = badge(f["trend"], "trend") if f.get("trend") else ""
            rows.append([
                f'<span class="fig">{esc(figure_name(f))}</span><br>{status} {trend}',
                _variants_cell(data, refs, f, docs),
                _range_cell(f),
                _origins_cell(f, refs, docs),
                _findings_cell(f, checks_by_fig.get(f["id"], []), refs, docs),
            ])
        out.append(table(FIG_HEADERS, rows, "figures stack", row_ids=row_ids))
        out.append(left_out(len(fs), n, "figures of this event", "the CSV below, or " + EXPORT_HINT))
        all_figs = view.rows("select * from figures where event_id = ?", [e["id"]]) if n > len(fs) else fs
        out.append(csv_link(f"figures-{e['id']}", CSV_FIELDS,
                            ([f.get("id") if k == "figure_id" else f.get(k) for k in CSV_FIELDS] for f in all_figs),
                            "this event's figures as CSV"))
        out.append(unplaced + "</article>")
    rest = data.events[len(data.shown):]
    if rest:
        out.append(f"<h3>Other events ({num(len(rest))})</h3>")
        rows = [[esc(e.get("label") or e["id"], 100), null(e.get("type")), null(event_date(e.get("date"))), null(e.get("place"), 60),
                 esc(num(e.get("n_docs") or 0)), esc(num(e.get("n_figures") or 0))] for e in rest[:EVENT_INDEX_ROWS]]
        out.append(table(["event", "type", "date", "place", "documents", "figures"], rows, "compact"))
        out.append(left_out(min(len(rest), EVENT_INDEX_ROWS), len(rest), "other events", EXPORT_HINT))
    out.append("</section>")
    return "".join(out)


def _unplaced_list(data: EventsData, event_id: str, refs: Refs, docs: dict[str, Doc]) -> str:
    """The numbers its documents state that no figure row uses, each with why (claims.placement)."""
    rows = data.unplaced.get(event_id, [])
    if not rows:
        return ""
    items = []
    for r in rows:
        why = str(r.get("placement") or "").removeprefix("unplaced: ")
        items.append(f'<li><span class="val">{esc(figure_label(r.get("measure"), r.get("grp")))} '
                     f'{esc(value_text(r["value"], r["low"], r["high"], r["qualifier"]))}</span> '
                     f'{_doc_chip(refs, docs.get(r["doc_id"]), r["doc_id"], r["id"])} <span class="rule">{esc(why, 160)}</span></li>')
    n = data.n_unplaced.get(event_id, len(rows))
    return (f'<details class="unplaced"><summary>Unplaced: {plural(n, "number")} in its documents that no figure uses</summary>'
            f'<ul class="variants">{"".join(items)}</ul>{left_out(len(rows), n, "unplaced numbers", EXPORT_HINT)}</details>')


def render_checks(view: LedgerView, refs: Refs) -> str:
    _, rows, total = _checks_by_figure(view, CHECKS_SHOWN)
    out = ['<section id="checks"><h2>Consistency findings</h2>']
    if not total:
        out.append('<p class="note">None: no parts exceed their whole, no subset exceeds its set, no document contradicts itself.</p></section>')
        return "".join(out)
    claim_ids = [c for r in rows for c in jload(r.get("claim_ids"), []) if isinstance(c, str)]
    claim_doc = {}
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i : i + 500]
        for r in view.conn.execute(f"select id, doc_id from claims where id in ({','.join('?' * len(chunk))})", chunk):
            claim_doc[r[0]] = r[1]
    docs = view.docs(claim_doc.values())
    body = []
    for r in rows:
        figs = [link(refs.target("f", x), "figure", "", str(x)) for x in jload(r.get("figure_ids"), []) if isinstance(x, str)]
        sents = [_doc_chip(refs, docs.get(claim_doc.get(c, "")), claim_doc.get(c, ""), c) for c in jload(r.get("claim_ids"), [])
                 if isinstance(c, str) and c in claim_doc]
        body.append([esc(str(r.get("kind") or "").replace("_", " ")), esc(r.get("detail"), 300), " ".join(figs + sents)])
    out.append(table(["finding", "detail", "where"], body, "compact"))
    out.append(left_out(len(rows), total, "findings", EXPORT_HINT) + "</section>")
    return "".join(out)


def render_corrections(view: LedgerView) -> str:
    total = view.count("corrections")
    out = ['<section id="corrections"><h2>Corrections applied</h2>']
    if not total:
        out.append('<p class="note">None: nobody has corrected this ledger (<code>storytrace correct</code>).</p></section>')
        return "".join(out)
    cols = [c for c in ("target", "field", "value", "note", "author", "created", "status") if c in view.columns("corrections")]
    order = "created, rowid" if "created" in cols else "rowid"
    rows = view.rows(f"select {', '.join(cols)} from corrections order by {order} limit ?", [CORRECTIONS_SHOWN])
    out.append(table(cols, ([null(r.get(c), 200) for c in cols] for r in rows), "compact"))
    out.append(left_out(len(rows), total, "corrections", "<code>storytrace correct LEDGER --list</code>") + "</section>")
    return "".join(out)
