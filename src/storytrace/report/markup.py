"""Safe HTML building blocks for the report: escaping, anchors, tables, CSV downloads.

One job: turn values into HTML that cannot run or link out. Every string that may
come from a document goes through `esc` (text and attribute values alike: quotes are
escaped too); an href is only ever an in-page anchor built by `anchor` (ids reduced to
[A-Za-z0-9_-]) or a data: URI of percent-encoded CSV built by `csv_link`. `Refs`
records which sentences and documents the page cites, so the sources section at the
end holds exactly those (never every document's text).
"""

from __future__ import annotations

import csv
import html
import io
import re
import urllib.parse
from typing import Any, Iterable, Optional, Sequence

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]")


def esc(value: Any, limit: Optional[int] = None) -> str:
    """Text (or an attribute value) for HTML: escaped, control characters dropped, cut to `limit`."""
    if value is None:
        return ""
    s = _CONTROL.sub("", str(value))
    if limit is not None and len(s) > limit:
        s = s[: max(1, limit - 1)].rstrip() + "…"
    return html.escape(s, quote=True)


def null(value: Any, limit: Optional[int] = None) -> str:
    """Like esc, but a missing value shows as a grey dash."""
    if value is None or value == "":
        return '<span class="null">–</span>'
    return esc(value, limit)


def anchor(kind: str, ident: Any) -> str:
    """An element id for `kind` (s: sentence, d: document, f: figure, p: passage, e: event, l: lineage)."""
    return f"{kind}-{_NOT_ID.sub('_', str(ident))}"


def link(target: Optional[str], inner_html: str, cls: str = "", title: str = "") -> str:
    """`<a href="#target">` (target from `anchor`), or the bare content when the target is not on the page."""
    t = f' title="{esc(title)}"' if title else ""
    c = f' class="{esc(cls)}"' if cls else ""
    if not target:
        return f"<span{c}{t}>{inner_html}</span>"
    return f'<a href="#{_NOT_ID.sub("_", target)}"{c}{t}>{inner_html}</a>'


def num(v: Any) -> str:
    """1,275 for counts; the value as is otherwise; '' for None."""
    if v is None or v == "":
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f != f:  # NaN
        return ""
    return f"{f:,.0f}" if f.is_integer() else f"{f:,.2f}".rstrip("0").rstrip(".")


def value_text(value: Any, low: Any, high: Any, qualifier: Optional[str]) -> str:
    """How a claim's figure reads: '19', 'at least 12', '10–15', '200–999 (vague)'."""
    v = value if value is not None else (low if low is not None else high)
    if qualifier in ("range", "vague") and low is not None and high is not None:
        return f"{num(low)}–{num(high)}" + (" (vague)" if qualifier == "vague" else "")
    shown = "?" if v is None else num(v)
    return shown if qualifier in (None, "", "exact") else f"{qualifier.replace('_', ' ')} {shown}"


def short_date(value: Any) -> str:
    """The date part of an ISO date or datetime ('2025-03-13T09:30:00+01:00' -> '2025-03-13')."""
    if not value:
        return ""
    return str(value)[:10]


def badge(text: str, kind: str = "") -> str:
    return f'<span class="badge {esc(kind)}">{esc(text)}</span>'


def plural(n: int, word: str, words: Optional[str] = None) -> str:
    return f"{num(n)} {word if n == 1 else (words or word + 's')}"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "", caption: str = "",
          row_ids: Optional[Sequence[str]] = None) -> str:
    """A table of already-escaped cells; each cell carries its header (data-label) for the phone layout.
    row_ids: an element id (from `anchor`) for each row."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        rid = f' id="{esc(row_ids[i])}"' if row_ids and i < len(row_ids) and row_ids[i] else ""
        body.append(f"<tr{rid}>" + "".join(f'<td data-label="{esc(h)}">{cell}</td>' for h, cell in zip(headers, row)) + "</tr>")
    cap = f"<caption>{caption}</caption>" if caption else ""
    c = f' class="{esc(cls)}"' if cls else ""
    return f'<div class="scroll"><table{c}>{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def left_out(shown: int, total: int, what: str, how: str = "") -> str:
    """'Showing 25 of 412 events; the rest: …' when something was left out, else ''."""
    if total <= shown:
        return ""
    rest = f" The rest: {how}." if how else ""
    return f'<p class="note more">Showing {num(shown)} of {num(total)} {esc(what)}; {num(total - shown)} left out.{rest}</p>'


EXPORT_HINT = "<code>storytrace export LEDGER DIR</code> or <code>storytrace serve LEDGER</code>"


def _csv_cell(v: Any) -> Any:
    """A cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        v = _CONTROL.sub("", v)
        if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + v
    return v


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue()


def csv_link(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], label: str = "data as CSV") -> str:
    """A download link carrying the CSV itself (data: URI, every byte percent-encoded)."""
    data = urllib.parse.quote(csv_text(header, rows), safe="")
    name = _NOT_ID.sub("_", filename.rsplit(".", 1)[0]) + ".csv"
    return f'<a class="csv" download="{name}" href="data:text/csv;charset=utf-8,{data}">⤓ {esc(label)}</a>'


class Refs:
    """What the page cites: sentences (by claim id) and documents, within a budget.

    `claim` and `doc` register a citation and return its anchor, or None once the
    budget is spent (the caller then shows the value without a link). `targets`
    holds anchors of other sections that are on the page (figures, passages,
    lineages), so links to anything left out are not made.
    """

    def __init__(self, max_sentences: int = 1500, max_docs: int = 1500) -> None:
        self.claims: dict[str, None] = {}
        self.docs: dict[str, None] = {}
        self.max_sentences = max_sentences
        self.max_docs = max_docs
        self.dropped_sentences = 0
        self.targets: set[str] = set()

    def claim(self, claim_id: Optional[str], doc_id: Optional[str] = None) -> Optional[str]:
        if not claim_id:
            return None
        if claim_id not in self.claims:
            if len(self.claims) >= self.max_sentences or (doc_id and self.doc(doc_id) is None):
                self.dropped_sentences += 1
                return None
            self.claims[claim_id] = None
        return anchor("s", claim_id)

    def doc(self, doc_id: Optional[str]) -> Optional[str]:
        if not doc_id:
            return None
        if doc_id not in self.docs:
            if len(self.docs) >= self.max_docs:
                return None
            self.docs[doc_id] = None
        return anchor("d", doc_id)

    def add_target(self, kind: str, ident: Any) -> str:
        a = anchor(kind, ident)
        self.targets.add(a)
        return a

    def target(self, kind: str, ident: Any) -> Optional[str]:
        a = anchor(kind, ident)
        return a if a in self.targets else None
