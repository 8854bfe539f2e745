"""The copy trail: who copied whom (a graph and a table of lineages) and each copied passage side by side.

One job: the reuse table for people. Lineages (documents joined by copies) are
summarised in SQL and the largest ones drawn; passages are chosen before any section
renders (number edits first, then the longest) so that figure rows can link to them;
each is shown as the earlier and the later text with the edits marked (a changed
number in red). Long unchanged stretches are shortened, and what is left out is said.
"""

from __future__ import annotations

from typing import Any, Optional

from . import charts
from .data import Doc, LedgerView, jload
from .markup import EXPORT_HINT, Refs, anchor, csv_link, esc, left_out, link, num, plural, short_date, table

LINEAGES_SHOWN = 30
GRAPH_NODES = 40
GRAPH_EDGES = 80
FANOUT = 3  # a large lineage is drawn from its earliest document, breadth first, this many copies per document
PASSAGES_SHOWN = 30
DUPLICATES_SHOWN = 50
LONG = 1200  # a passage longer than this (characters) has its unchanged stretches shortened
KEEP = 160  # characters kept at each end of a shortened stretch
EDIT_MAX = 300
NUMBER_EDIT = '%"number": true%'
DIRECTION = {"dates": "published first", "same_day": "same day", "undated": "order unknown (undated)"}


class CopyData:
    """Counts, lineages, graph and passages, chosen up front (they are link targets)."""

    def __init__(self, view: LedgerView, refs: Refs, prefer: list[str]) -> None:
        self.view = view
        self.ok = view.has("reuse", "source_doc", "target_doc")
        self.kinds: dict[str, int] = {}
        self.lineages: list[dict[str, Any]] = []
        self.n_lineages = 0
        self.passages: list[dict[str, Any]] = []
        self.duplicates: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.partial: set[Any] = set()
        if not self.ok:
            return
        kind = view.col("reuse", "kind", default="'passage'")
        self.kind = kind
        self.kinds = {r[0] or "passage": r[1] for r in view.conn.execute(f"select {kind}, count(*) from reuse group by 1")}
        lin = f"coalesce({view.col('reuse', 'lineage')}, id)"
        self.lin = lin
        edits = view.col("reuse", "edits", default="'[]'")
        self.edits_col = edits
        docs_per = {r[0]: r[1] for r in view.conn.execute(
            f"select lin, count(distinct doc) from (select {lin} as lin, source_doc as doc from reuse where {kind} != 'boilerplate' "
            f"union all select {lin}, target_doc from reuse where {kind} != 'boilerplate') group by lin")}
        self.n_lineages = len(docs_per)
        top = sorted(docs_per, key=lambda k: (-docs_per[k], str(k)))[:LINEAGES_SHOWN]
        if top:
            marks = ",".join("?" * len(top))
            stats = {r["lin"]: r for r in view.rows(
                f"select {lin} as lin, count(*) as links, sum({kind} = 'duplicate') as dups, "
                f"sum({edits} like '{NUMBER_EDIT}') as num_edits, min(source_doc) as any_doc, "
                f"group_concat(distinct {view.col('reuse', 'wire', default='null')}) as wire "
                f"from reuse where {kind} != 'boilerplate' and {lin} in ({marks}) group by lin", top)}
            for k in top:
                s = stats.get(k, {})
                self.lineages.append({"id": k, "docs": docs_per[k], "links": s.get("links", 0), "dups": s.get("dups", 0),
                                      "num_edits": s.get("num_edits", 0), "wire": s.get("wire")})
                refs.add_target("l", k)
            first: dict[Any, tuple] = {}
            pub = view.col("documents", "published", "d")
            members: dict[Any, dict[str, set]] = {}
            published: dict[str, Any] = {}
            for r in view.conn.execute(
                f"select m.lin, m.doc, m.role, {pub} from (select {lin} as lin, source_doc as doc, 0 as role from reuse "
                f"where {kind} != 'boilerplate' and {lin} in ({marks}) union select {lin}, target_doc, 1 from reuse "
                f"where {kind} != 'boilerplate' and {lin} in ({marks})) m left join documents d on d.id = m.doc", [*top, *top]):
                members.setdefault(r[0], {"s": set(), "t": set()})["s" if r[2] == 0 else "t"].add(r[1])
                published[r[1]] = r[3]
            for k, m in members.items():  # the earliest document: a source of a link, best one never a target
                cands = (m["s"] - m["t"]) or m["s"]
                first[k] = min(((published[d] is None, published[d] or "", d) for d in cands), default=(None, None, None))
            for lg in self.lineages:
                lg["first"] = first.get(lg["id"], (None, None, None))[2]
        self._choose_graph()
        self._choose_passages(refs, prefer)

    def _edge_sql(self, where: str) -> str:
        view = self.view
        return (f"select id, source_doc, target_doc, {self.kind} as kind, {view.col('reuse', 'words')} as words, "
                f"{self.edits_col} as edits, {self.lin} as lin from reuse where {self.kind} != 'boilerplate' and {where} "
                f"order by ({self.edits_col} like '{NUMBER_EDIT}') desc, {view.col('reuse', 'score', default='0')} desc, id limit ?")

    def _choose_graph(self) -> None:
        """Whole lineages while they fit; a larger one as its earliest document and the
        first copies of it, breadth first (FANOUT links per document)."""
        view = self.view
        nodes: set[str] = set()
        self.partial = set()
        for lineage in self.lineages:
            room = GRAPH_NODES - len(nodes)
            if room < 2 or len(self.edges) >= GRAPH_EDGES:
                break
            if lineage["docs"] <= room:
                rows = view.rows(self._edge_sql(f"{self.lin} = ?"), [lineage["id"], GRAPH_EDGES])
            elif lineage.get("first"):
                self.partial.add(lineage["id"])
                rows, queue, seen = [], [lineage["first"]], {lineage["first"]}
                while queue and len(seen) < room and len(rows) < GRAPH_EDGES:
                    for r in view.rows(self._edge_sql("source_doc = ?"), [queue.pop(0), FANOUT]):
                        if r["target_doc"] not in seen and len(seen) < room:
                            seen.add(r["target_doc"])
                            queue.append(r["target_doc"])
                            rows.append(r)
            else:
                continue
            for r in rows:
                new = {r["source_doc"], r["target_doc"]} - nodes
                if len(nodes) + len(new) > GRAPH_NODES or len(self.edges) >= GRAPH_EDGES:
                    continue
                nodes |= new
                self.edges.append(r)
        self.graph_docs = nodes

    def _choose_passages(self, refs: Refs, prefer: list[str]) -> None:
        view = self.view
        cols = ", ".join(f"{view.col('reuse', c)} as {c}" for c in
                         ("id", "source_doc", "target_doc", "source_start", "source_end", "target_start", "target_end",
                          "score", "edits", "words", "direction", "wire", "lineage"))
        chosen: dict[str, dict[str, Any]] = {}
        prefer = [p for p in dict.fromkeys(prefer) if p][:PASSAGES_SHOWN]
        if prefer:
            for r in view.rows(f"select {cols} from reuse where id in ({','.join('?' * len(prefer))})", prefer):
                chosen[r["id"]] = r
        if len(chosen) < PASSAGES_SHOWN:
            for r in view.rows(f"select {cols} from reuse where {self.kind} = 'passage' "
                               f"order by ({self.edits_col} like '{NUMBER_EDIT}') desc, {view.col('reuse', 'score', default='0')} desc, "
                               f"{view.col('reuse', 'words', default='0')} desc, id limit ?",
                               [PASSAGES_SHOWN]):
                if len(chosen) < PASSAGES_SHOWN:
                    chosen.setdefault(r["id"], r)
        self.passages = list(chosen.values())
        for p in self.passages:
            refs.add_target("p", p["id"])
        self.duplicates = view.rows(f"select {cols} from reuse where {self.kind} = 'duplicate' order by id limit ?", [DUPLICATES_SHOWN])


# ------------------------------------------------------------------- rendering


def _chip(refs: Refs, doc: Optional[Doc], doc_id: str) -> str:
    label = esc(doc.label if doc else doc_id, 40)
    date = short_date(doc.published) if doc else ""
    return link(refs.doc(doc_id), label + (f' <span class="date">{esc(date)}</span>' if date else ""), "src",
                doc.display_title if doc else "")


def _number_edits(edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in edits if isinstance(e, dict) and e.get("number")]


def _shorten(text: str) -> str:
    """An unchanged stretch, escaped; a long one keeps its two ends around '… N unchanged characters …'."""
    if len(text) <= 2 * KEEP + 60:
        return esc(text)
    cut = len(text) - 2 * KEEP
    return f'{esc(text[:KEEP])}<span class="cut"> … {num(cut)} unchanged characters … </span>{esc(text[-KEEP:])}'


def marked(text: str, base: int, edits: list[dict[str, Any]], side: str) -> str:
    """One side of a passage (`text` starts at offset `base`) with the edits marked.

    side 'source': edits' from-spans as <del>; 'target': to-spans as <ins>; a changed
    number also has class num (red). An edit empty on this side is a caret.
    """
    s_key, e_key = f"{side}_start", f"{side}_end"
    tag = "del" if side == "source" else "ins"
    spans = []
    for e in edits:
        if not isinstance(e, dict):
            continue
        try:
            s, t = int(e.get(s_key)) - base, int(e.get(e_key)) - base  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if 0 <= s <= t <= len(text):
            spans.append((s, t, e))
    spans.sort(key=lambda x: (x[0], x[1]))
    shorten = len(text) > LONG
    out, cursor = [], 0
    for s, t, e in spans:
        if s < cursor:
            continue
        plain = text[cursor:s]
        out.append(_shorten(plain) if shorten else esc(plain))
        other = e.get("to" if side == "source" else "from") or ""
        cls = "edit num" if e.get("number") else "edit"
        if s == t:
            out.append(f'<span class="gap {cls}" title="{esc(("added: " if side == "source" else "removed: ") + str(other), 200)}">‸</span>')
        else:
            out.append(f'<{tag} class="{cls}" title="{esc("was: " if side == "target" else "became: ")}{esc(other, 200)}">'
                       f"{esc(text[s:t], EDIT_MAX)}</{tag}>")
        cursor = t
    rest = text[cursor:]
    out.append(_shorten(rest) if shorten else esc(rest))
    return "".join(out)


def _graph(data: CopyData, refs: Refs, docs: dict[str, Doc]) -> str:
    if not data.edges:
        return ""
    band_of: dict[str, Any] = {}
    for e in data.edges:
        for d in (e["source_doc"], e["target_doc"]):
            band_of.setdefault(d, e["lin"])
    nodes = []
    for d in sorted(band_of, key=lambda d: (str(band_of[d]), (docs[d].published or "~") if d in docs else "~", d)):  # by date within a band
        doc = docs.get(d)
        nodes.append({"id": d, "label": doc.label if doc else d, "date": short_date(doc.published) if doc else None,
                      "band": band_of[d], "href": refs.doc(d),
                      "title": f"{doc.label if doc else d}: {doc.display_title if doc else ''} ({short_date(doc.published) if doc else ''})"})
    edges, csv_rows = [], []
    for e in data.edges:
        nums = _number_edits(jload(e.get("edits"), []))
        changes = ", ".join(f"{x.get('from')} → {x.get('to')}" for x in nums)
        s, t = docs.get(e["source_doc"]), docs.get(e["target_doc"])
        title = (f"{s.label if s else e['source_doc']} → {t.label if t else e['target_doc']}: {e.get('kind')}, "
                 f"{num(e.get('words') or 0)} words" + (f"; numbers changed: {changes}" if changes else ""))
        edges.append({"source": e["source_doc"], "target": e["target_doc"], "number": bool(nums), "kind": e.get("kind"), "title": title})
        csv_rows.append([e["source_doc"], s.label if s else "", s.published if s else "", e["target_doc"], t.label if t else "",
                         t.published if t else "", e.get("kind"), e.get("words"), changes, e.get("lin")])
    svg = charts.copy_graph(nodes, edges, "Who copied whom")
    shown_lins = len({e["lin"] for e in data.edges})
    note = (f'<p class="note">Each dot is a document (its source and publication date; it links to its entry under Sources), '
            f'one band per lineage. Each arrow goes from the earlier document to a later one that shares a passage with it, '
            f'so reading left to right follows the copies (<span class="red">red</span>: a number was changed; dashed: an '
            f'identical copy). Shown: {plural(len(nodes), "document")} and {plural(len(edges), "link")} of the '
            f'{plural(shown_lins, "largest lineage")}'
            + (f"; {plural(len(data.partial), 'lineage')} too large to draw whole: its earliest document and the first "
               f"copies of it, breadth first" if data.partial & {e["lin"] for e in data.edges} else "") + ".</p>")
    csv = csv_link("copy-graph", ["source_doc", "source", "source_published", "target_doc", "target", "target_published",
                                  "kind", "words", "numbers_changed", "lineage"], csv_rows, "the graph's links as CSV")
    return f"<h3>Who copied whom</h3>{note}<div class=\"scroll graphbox\">{svg}</div>{csv}"


def _lineage_table(data: CopyData, refs: Refs, docs: dict[str, Doc]) -> str:
    if not data.lineages:
        return ""
    rows = []
    for lg in data.lineages:
        wire = []
        for w in (lg.get("wire") or "").split(","):
            wire += [x for x in jload(w, []) if isinstance(x, str)] if w.strip().startswith("[") else []
        doc = docs.get(lg.get("first") or "")
        first = _chip(refs, doc, lg["first"]) if lg.get("first") else ""
        rows.append([f'<span id="{anchor("l", lg["id"])}">{first}</span> <span class="n">{esc(str(lg["id"])[:10])}</span>', esc(num(lg["docs"])),
                     esc(num(lg["links"])), esc(num(lg["dups"] or 0)),
                     (f'<span class="red">{esc(num(lg["num_edits"]))}</span>' if lg["num_edits"] else "0"),
                     esc(", ".join(dict.fromkeys(wire)), 120)])
    return ("<h3>Lineages</h3><p class=\"note\">A lineage is a set of documents joined by copied passages: it is one "
            "origin for the figures it carries.</p>"
            + table(["lineage: its earliest document", "documents", "links", "identical copies", "links with a number changed", "wire agencies named"], rows, "compact")
            + left_out(len(data.lineages), data.n_lineages, "lineages", EXPORT_HINT))


def _passage(p: dict[str, Any], refs: Refs, docs: dict[str, Doc], texts: dict) -> str:
    edits = [e for e in jload(p.get("edits"), []) if isinstance(e, dict)]
    nums = _number_edits(edits)
    s, t = docs.get(p["source_doc"]), docs.get(p["target_doc"])
    src_text = texts.get((p["source_doc"], p["source_start"], p["source_end"]), "")
    tgt_text = texts.get((p["target_doc"], p["target_start"], p["target_end"]), "")
    summary = [plural(p.get("words") or 0, "word") + " shared", plural(len(edits), "edit")]
    if p.get("score") is not None:
        summary.append(f"similarity {float(p['score']):.2f}")
    if p.get("direction"):
        summary.append(DIRECTION.get(p["direction"], str(p["direction"])))
    numline = ""
    if nums:
        numline = ('<p class="numedits">Numbers changed: ' + ", ".join(
            f'<del class="num">{esc(e.get("from"), 40)}</del> → <ins class="num">{esc(e.get("to"), 40)}</ins>' for e in nums) + "</p>")
    wire = [w for w in jload(p.get("wire"), []) if isinstance(w, str)]
    if wire:
        summary.append("names " + ", ".join(wire[:4]))
    return (f'<article class="passage" id="{anchor("p", p["id"])}"><h4>{_chip(refs, s, p["source_doc"])} → {_chip(refs, t, p["target_doc"])}</h4>'
            f'<p class="meta">{esc(" · ".join(summary))}</p>{numline}<div class="sides">'
            f'<div class="side"><div class="who">earlier: {esc(s.label if s else p["source_doc"], 60)}</div>'
            f'<div class="text">{marked(src_text, int(p["source_start"] or 0), edits, "source")}</div></div>'
            f'<div class="side"><div class="who">later: {esc(t.label if t else p["target_doc"], 60)}</div>'
            f'<div class="text">{marked(tgt_text, int(p["target_start"] or 0), edits, "target")}</div></div>'
            "</div></article>")


def render(data: CopyData, refs: Refs) -> str:
    out = ['<section id="copies"><h2>Copy trail</h2>']
    if not data.ok or not sum(data.kinds.values()):
        out.append('<p class="note">No copied passages between documents.</p></section>')
        return "".join(out)
    k = data.kinds
    out.append(f'<p>{plural(k.get("passage", 0), "copied passage")}, {plural(k.get("duplicate", 0), "identical copy", "identical copies")} '
               f'and {plural(k.get("boilerplate", 0), "shared piece")} of page furniture (not shown) link the documents into '
               f'{plural(data.n_lineages, "lineage")}. "Earlier" means published first, never "copied from": both may copy '
               "a source the ledger does not hold.</p>")
    ids = {d for e in data.edges for d in (e["source_doc"], e["target_doc"])}
    ids |= {d for p in data.passages + data.duplicates for d in (p["source_doc"], p["target_doc"])}
    ids |= {lg["first"] for lg in data.lineages if lg.get("first")}
    docs = data.view.docs(ids)
    out.append(_graph(data, refs, docs))
    out.append(_lineage_table(data, refs, docs))
    if data.passages:
        texts = data.view.slices([(p["source_doc"], p["source_start"], p["source_end"]) for p in data.passages]
                                 + [(p["target_doc"], p["target_start"], p["target_end"]) for p in data.passages])
        out.append('<h3>Copied passages, side by side</h3><p class="note">Edits are marked: '
                   '<del class="edit">removed or replaced</del> in the earlier text, <ins class="edit">added or replacing</ins> '
                   'in the later one, <ins class="edit num">a changed number</ins> in red, ‸ where words were added or removed. '
                   'Passages with a changed number come first, the closest copies first.</p>')
        out += [_passage(p, refs, docs, texts) for p in data.passages]
        out.append(left_out(len(data.passages), k.get("passage", 0), "copied passages", EXPORT_HINT + " (table reuse)"))
    if data.duplicates:
        rows = [[_chip(refs, docs.get(p["source_doc"]), p["source_doc"]), _chip(refs, docs.get(p["target_doc"]), p["target_doc"]),
                 esc(num(p.get("words") or 0)), esc(DIRECTION.get(p.get("direction") or "", p.get("direction") or ""))] for p in data.duplicates]
        out.append("<h3>Identical copies</h3>" + table(["earlier", "later (same text)", "words", "order"], rows, "compact")
                   + left_out(len(data.duplicates), k.get("duplicate", 0), "identical copies", EXPORT_HINT))
    out.append("</section>")
    return "".join(out)

