"""Framing and quotes: which source calls the event what, and who is quoted saying what.

One job: the `terms` and `quotes` tables for people. The framing table pivots labels
(columns) against sources (rows) for each event, whatever columns the terms table has
(a table without `term` is shown as it is); quotes are grouped by their exact text, so
a quotation reprinted by ten outlets is one row with ten sources.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..model import Term
from .data import LedgerView
from .events import EventsData
from .markup import EXPORT_HINT, Refs, esc, left_out, link, null, num, plural, short_date, table

FRAMING_EVENTS = 10
TERMS_PER_EVENT = 8
SOURCES_PER_EVENT = 30
QUOTES_SHOWN = 60
QUOTE_CHARS = 400
#: The terms table's own columns (model.Term): the pivot reads some, the others (offsets and
#: mention links, JSON) are for tools, not for the page; only a column a later version adds
#: is shown raw.
KNOWN_TERM_COLS = set(Term.columns())


def _raw_table(view: LedgerView, table_name: str, limit: int) -> str:
    cols = view.columns(table_name)
    rows = view.rows(f"select {', '.join(f'[{c}]' for c in cols)} from [{table_name}] limit ?", [limit])
    return table(cols, ([null(r.get(c), 160) for c in cols] for r in rows), "compact")


KIND_TITLES = {"label": "Labels for the event", "loaded": "Loaded wording", None: "Labels for the event"}


def _pivot(view: LedgerView, rs: list[dict[str, Any]]) -> str:
    """Sources (rows) × terms (columns) for one event and kind of term."""
    docs = view.docs(r["doc_id"] for r in rs if not r["outlet"])
    terms: Counter = Counter()
    for r in rs:
        terms[r["term"]] += r["n"] or 0
    top_terms = [t for t, _ in terms.most_common(TERMS_PER_EVENT)]
    cells: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    who: dict[tuple[str, str], set] = defaultdict(set)
    for r in rs:
        src = r["outlet"] or (docs[r["doc_id"]].label if r["doc_id"] in docs else r["doc_id"])
        voice = "negated" if r["negated"] else (r["voice"] or "")
        cells[src][r["term"]][voice] += r["n"] or 0
        if r["speakers"]:
            who[(src, r["term"])].update(x for x in r["speakers"].split(",") if x)
    sources = sorted(cells, key=lambda s: (-sum(sum(c.values()) for c in cells[s].values()), str(s)))
    body = []
    for src in sources[:SOURCES_PER_EVENT]:
        row = [esc(src, 50)]
        for t in top_terms:
            c = cells[src].get(t)
            if not c:
                row.append("")
                continue
            voices = " · ".join(f"{esc(v)} {num(n)}" for v, n in c.most_common() if v)
            speakers = sorted(who.get((src, t), ()))
            title = f' title="{esc("said by: " + "; ".join(speakers), 300)}"' if speakers else ""
            row.append(f'<span{title}><b>{num(sum(c.values()))}</b>' + (f' <span class="n">{voices}</span>' if voices else "") + "</span>")
        body.append(row)
    out = table(["source", *top_terms], body, "compact framing")
    out += left_out(min(len(sources), SOURCES_PER_EVENT), len(sources), "sources", EXPORT_HINT + " (table terms)")
    if len(terms) > TERMS_PER_EVENT:
        out += f'<p class="note">Less used: {esc(", ".join(t for t, _ in terms.most_common()[TERMS_PER_EVENT:TERMS_PER_EVENT + 20]), 400)}.</p>'
    return out


def render_framing(view: LedgerView, events: EventsData, refs: Refs) -> str:
    out = ['<section id="framing"><h2>Framing: what each source calls the event</h2>']
    cols = view.columns("terms")
    total = view.count("terms")
    if not total:
        out.append('<p class="note">No labels recorded for the events (the framing stage found none, or has not run).</p></section>')
        return "".join(out)
    if not {"doc_id", "term"} <= set(cols):
        out.append('<p class="note">The terms table has no doc_id/term columns to pivot; its rows as they are:</p>')
        out.append(_raw_table(view, "terms", 200) + left_out(min(total, 200), total, "rows", EXPORT_HINT) + "</section>")
        return "".join(out)
    ev = (f"coalesce(t.event_id, {view.col('documents', 'event_id', 'd')})" if "event_id" in cols
          else view.col("documents", "event_id", "d"))
    opt = {c: (f"t.[{c}]" if c in cols else "null") for c in ("voice", "kind", "speaker", "negated")}
    count = "coalesce(t.[count], 1)" if "count" in cols else "1"
    outlet = view.col("documents", "outlet", "d")
    rows = view.rows(f"select {ev} as event_id, t.doc_id, {outlet} as outlet, t.term, {opt['voice']} as voice, "
                     f"{opt['kind']} as kind, {opt['negated']} as negated, group_concat(distinct {opt['speaker']}) as speakers, "
                     f"sum({count}) as n from terms t left join documents d on d.id = t.doc_id group by 1, 2, 3, 4, 5, 6, 7")
    by_event: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_event[r["event_id"]].append(r)
    known = {x["id"] for x in events.events}
    order = [e["id"] for e in events.events if e["id"] in by_event] + [e for e in by_event if e not in known]
    label_of = {e["id"]: (e.get("label") or f"event {e['id']}") for e in events.events}
    out.append('<p class="note">Rows: sources (outlets; a document without one stands alone). Columns: the words they use '
               'for the event, most used first. Each cell: how often, and in whose voice (own words, quoted, title); '
               '"negated": "it was not an accident". Hover a quoted count for who said it.</p>')
    for eid in order[:FRAMING_EVENTS]:
        rs = by_event[eid]
        out.append(f"<h3>{esc(label_of.get(eid, 'no event' if eid is None else f'event {eid}'), 120)}</h3>")
        kinds = list(dict.fromkeys(r["kind"] for r in rs))
        kinds.sort(key=lambda k: (k != "label", k is None, str(k)))
        for kind in kinds:
            if len(kinds) > 1 or kind not in (None, "label"):
                out.append(f"<h4>{esc(KIND_TITLES.get(kind, str(kind)))}</h4>")
            out.append(_pivot(view, [r for r in rs if r["kind"] == kind]))
    out.append(left_out(min(len(order), FRAMING_EVENTS), len(order), "events with labels", EXPORT_HINT))
    extra = [c for c in cols if c not in KNOWN_TERM_COLS]
    if extra:
        out.append(f'<details><summary>Every column of the terms table (first 50 rows; also {esc(", ".join(extra))})</summary>'
                   f'{_raw_table(view, "terms", 50)}</details>')
    out.append("</section>")
    return "".join(out)


def render_quotes(view: LedgerView, events: EventsData, refs: Refs) -> str:
    out = ['<section id="quotes"><h2>Quotes</h2>']
    total = view.count("quotes")
    if not total or not view.has("quotes", "doc_id", "text"):
        out.append('<p class="note">No quotations found.</p></section>')
        return "".join(out)
    speaker = view.col("quotes", "speaker", "q", "''")
    published = view.col("documents", "published", "d")
    ev = view.col("documents", "event_id", "d")
    key = view.col("quotes", "speaker_key", "q", f"lower({speaker})")
    person = f"coalesce({key}, lower({speaker}), '')"  # one person under any spelling of their name
    groups = view.rows(
        f"select q.text, group_concat(distinct {speaker}) as speakers, count(distinct q.doc_id) as docs, "
        f"group_concat(q.doc_id) as doc_ids, min({published}) as first, min({ev}) as event_id from quotes q "
        f"left join documents d on d.id = q.doc_id group by q.text, {person} "
        f"order by docs desc, first is null, first, q.text limit ?", [QUOTES_SHOWN])
    for g in groups:  # the fullest name a source gives
        g["speaker"] = max((x for x in str(g["speakers"] or "").split(",") if x), key=len, default="")
    n_groups = view.conn.execute(f"select count(*) from (select 1 from quotes q group by q.text, {person})").fetchone()[0]
    speakers = view.rows(f"select group_concat(distinct {speaker}) as names, count(*) as n from quotes q where {speaker} "
                         f"is not null and {speaker} != '' group by coalesce({key}, lower({speaker})) order by n desc limit 12")
    for s in speakers:  # a person under their fullest name ("Turkish Foreign Minister Mevlut Cavusoglu")
        s["speaker"] = max((x for x in str(s["names"] or "").split(",") if x), key=len, default="")
    label_of = {e["id"]: (e.get("label") or "") for e in events.events}
    out.append(f'<p>{plural(total, "quotation")} ({plural(n_groups, "distinct one")}).'
               + (" Most quoted: " + esc(", ".join(f"{s['speaker']} ({s['n']})" for s in speakers), 600) + "." if speakers else "")
               + "</p>")
    all_ids = [d for g in groups for d in (g["doc_ids"] or "").split(",")[:6] if d]
    docs = view.docs(all_ids)
    body = []
    for g in groups:
        ids = list(dict.fromkeys(d for d in (g["doc_ids"] or "").split(",") if d))
        chips = []
        for d in ids[:4]:
            doc = docs.get(d)
            label = esc(doc.label if doc else d, 40) + (f' <span class="date">{esc(short_date(doc.published))}</span>' if doc and doc.published else "")
            chips.append(link(refs.doc(d), label, "src", doc.display_title if doc else ""))
        if g["docs"] > len(chips):
            chips.append(f'<span class="null">+{num(g["docs"] - len(chips))} more</span>')
        body.append([null(g["speaker"], 80), f'<q>{esc(g["text"], QUOTE_CHARS)}</q>', " ".join(chips),
                     null(label_of.get(g["event_id"]), 60)])
    out.append(table(["speaker", "quotation", "printed by", "event"], body, "quotes"))
    out.append(left_out(len(groups), n_groups, "distinct quotations", EXPORT_HINT + " (table quotes)") + "</section>")
    return "".join(out)
