"""Documents, rejected inputs, and the cited sentences every figure links to.

One job: the report's evidence. The sources section holds exactly the sentences and
documents the rest of the page cites (registered in `Refs`), each sentence with the
figure's number marked, each document with where it came from and how it was dated;
a very long sentence is cut to a window around its number. The documents table and
the rejects are capped lists.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .data import Doc, LedgerView
from .events import EventsData
from .markup import EXPORT_HINT, Refs, anchor, badge, esc, left_out, link, null, num, plural, short_date, table

DOCUMENTS_SHOWN = 300
REJECTS_SHOWN = 200
WINDOW = 300  # characters kept on each side of a number in a sentence longer than 2 * WINDOW + 100
OPENING = 280


def render_documents(view: LedgerView, events: EventsData, refs: Refs) -> str:
    """The documents, earliest first; a title links to its entry under Sources when the page cites it."""
    total = view.count("documents")
    docs = view.doc_list(DOCUMENTS_SHOWN)
    label_of = {e["id"]: (e.get("label") or "") for e in events.events}
    rows = []
    for d in docs:
        how = " · ".join(x for x in (d.published_how, d.published_precision if d.published_precision not in (None, "day") else None,
                                     f"confidence {d.published_confidence:.2f}" if d.published_confidence is not None else None) if x)
        date = null(d.when)
        if d.date_conflict:
            date += " " + (badge("corrected", "") if d.published_how == "correction" else badge("date conflict", "conflict"))
        title = esc(d.display_title, 120)
        rows.append([date, null(how), null(d.published_evidence, 90), esc(d.label, 50),
                     link(anchor("d", d.id) if d.id in refs.docs else None, title, "", "its entry under Sources"),
                     null(label_of.get(d.event_id or ""), 60),
                     esc(num(d.words or 0))])
    return ('<section id="documents"><h2>Documents</h2>'
            + table(["published", "dated from", "evidence", "source", "title", "event", "words"], rows, "compact docs")
            + left_out(len(docs), total, "documents (earliest first)", EXPORT_HINT) + "</section>")


def render_rejects(view: LedgerView) -> str:
    total = view.count("rejects")
    out = ['<section id="rejects"><h2>Rejected inputs</h2>']
    if not total:
        out.append("<p>None: every input was ingested.</p></section>")
        return "".join(out)
    if total > 10:
        reasons = view.rows("select reason, count(*) as n from rejects group by reason order by n desc limit 15")
        out.append("<p>" + esc("; ".join(f"{r['n']} × {r['reason']}" for r in reasons), 1500) + "</p>")
    rows = view.rows("select source, reason from rejects order by source limit ?", [REJECTS_SHOWN])
    out.append(table(["input", "why it was not ingested"], ([esc(r["source"], 200), esc(r["reason"], 300)] for r in rows), "compact"))
    out.append(left_out(len(rows), total, "rejected inputs", EXPORT_HINT) + "</section>")
    return "".join(out)


def _claims(view: LedgerView, ids: list[str]) -> list[dict[str, Any]]:
    if not ids or not view.has("claims", "doc_id", "start", "end"):
        return []
    ss = view.col("claims", "sentence_start", "c", "c.start")
    se = view.col("claims", "sentence_end", "c", "c.[end]")
    ws = f"(case when {se} - {ss} > {2 * WINDOW + 100} then max({ss}, c.start - {WINDOW}) else {ss} end)"
    we = f"(case when {se} - {ss} > {2 * WINDOW + 100} then min({se}, c.[end] + {WINDOW}) else {se} end)"
    out = []
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        out += view.rows(
            f"select c.id, c.doc_id, c.start, c.[end], {view.col('claims', 'measure', 'c')} as measure, "
            f"{view.col('claims', 'group', 'c')} as grp, {ss} as ss, {se} as se, {ws} as ws, {we} as we, "
            f"substr(d.text, {ws} + 1, {we} - {ws}) as window from claims c join documents d on d.id = c.doc_id "
            f"where c.id in ({','.join('?' * len(chunk))})", chunk)
    return out


def _sentence(window: str, base: int, marks: list[dict[str, Any]], cut_left: bool, cut_right: bool) -> str:
    spans = sorted(((c["start"] - base, c["end"] - base, c) for c in marks), key=lambda x: x[:2])
    out, cursor = ["… " if cut_left else ""], 0
    for s, e, c in spans:
        if s < cursor or s < 0 or e > len(window):
            continue
        out.append(esc(window[cursor:s]))
        what = " · ".join(x for x in (c.get("measure"), c.get("grp")) if x)
        out.append(f'<mark title="{esc(what)}">{esc(window[s:e])}</mark>')
        cursor = e
    out.append(esc(window[cursor:]) + (" …" if cut_right else ""))
    return "".join(out)


def _doc_header(d: Doc) -> str:
    bits = []
    if d.when:
        how = ", ".join(x for x in (d.published_how, d.published_precision) if x)
        bits.append(f"published {esc(d.when)}" + (f" ({esc(how)})" if how else ""))
    else:
        bits.append("undated")
    if d.published_evidence:
        bits.append(f"dated by “{esc(d.published_evidence, 200)}”")
    if d.published_confidence is not None:
        bits.append(f"confidence {d.published_confidence:.2f}")
    if d.other_datings:
        bits.append("other datings: " + "; ".join(esc(x, 200) for x in d.other_datings[:4]))
    if d.date_conflict:
        label = "date conflict, corrected by a person" if d.published_how == "correction" else "date conflict"
        bits.append(badge(label, "" if d.published_how == "correction" else "conflict") + " " + esc(d.date_conflict, 300))
    where = f'<div class="meta">from <code>{esc(d.url or d.source, 300)}</code> · {esc(plural(d.words or 0, "word"))}</div>'
    return (f'<h3>{esc(d.label, 80)} <small>{esc(short_date(d.published))}</small></h3>'
            f'<div class="dtitle">{esc(d.display_title, 300)}</div><div class="meta">{" · ".join(bits)}</div>{where}')


def render_sources(view: LedgerView, refs: Refs) -> str:
    claims = _claims(view, list(refs.claims))
    for c in claims:
        refs.doc(c["doc_id"])
    docs = view.docs(refs.docs)
    by_doc: dict[str, dict[tuple[int, int], list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        if c["ws"] is not None and c["we"] is not None:
            by_doc[c["doc_id"]][(int(c["ws"]), int(c["we"]))].append(c)
    order = sorted(docs.values(), key=lambda d: (d.published is None, d.published or "", d.label, d.id))
    openings = {}
    bare = [d.id for d in order if d.id not in by_doc]
    if bare:
        openings = view.slices((d, 0, OPENING) for d in bare)
    out = ['<section id="sources"><h2>Sources: the sentences cited above</h2>'
           f'<p class="note">{plural(len(claims), "sentence")} from {plural(len(order), "document")}, each figure’s number '
           'marked. Only what this page cites is here; the full texts are in the ledger (documents.text).</p>']
    if refs.dropped_sentences:
        out.append(f'<p class="note more">{plural(refs.dropped_sentences, "further citation")} not linked (the page keeps at most '
                   f'{num(refs.max_sentences)} sentences).</p>')
    for d in order:
        body = []
        for (ws, we), cs in sorted(by_doc.get(d.id, {}).items()):
            first, rest = cs[0], cs[1:]
            window = cs[0]["window"] or ""
            extra = "".join(f'<span id="{anchor("s", c["id"])}"></span>' for c in rest)
            text = _sentence(window, ws, cs, ws > (first["ss"] or 0), we < (first["se"] or 0))
            body.append(f'<li id="{anchor("s", first["id"])}">{extra}{text}</li>')
        if body:
            content = f'<ol class="sentences">{"".join(body)}</ol>'
        else:
            opening = openings.get((d.id, 0, OPENING), "")
            content = f'<p class="opening">{esc(opening)}{"…" if len(opening) >= OPENING else ""}</p>'
        out.append(f'<article class="doc" id="{anchor("d", d.id)}">{_doc_header(d)}{content}</article>')
    out.append("</section>")
    return "".join(out)
