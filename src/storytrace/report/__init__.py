"""The HTML report: one self-contained, offline page that reads only the ledger.

One job: render the ledger for people who look rather than query. Every value from a
document is escaped (article text is hostile input); no script, no external link.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, Iterable, Sequence

from .. import __version__
from .. import ledger as ledger_mod

ROW_LIMIT = 500
CELL_LIMIT = 240

_CSS = (Path(__file__).with_name("report.css")).read_text(encoding="utf-8")


def _e(value: Any, limit: int = CELL_LIMIT) -> str:
    if value is None:
        return '<span class="null">–</span>'
    s = str(value)
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return html.escape(s, quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], total: int, name: str) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows)
    more = ""
    if total > ROW_LIMIT:
        more = f'<p class="note">First {ROW_LIMIT} of {total} rows; all of them: <code>storytrace export LEDGER DIR</code> ({_e(name)}.jsonl).</p>'
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{more}'


def render(path: Path) -> str:
    db = ledger_mod.open_ledger(path)
    try:
        counts = ledger_mod.count_rows(db)
        meta = {r[0]: r[1] for r in db.conn.execute(f"select key, value from {ledger_mod.META_TABLE}")}
        parts = [
            "<!doctype html><html lang=en><head><meta charset=utf-8>",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
            f"<title>storytrace report: {_e(Path(path).name)}</title><style>{_CSS}</style></head><body>",
            f"<header><h1>storytrace report</h1><p>Ledger <code>{_e(Path(path).name)}</code>, built {_e(meta.get('built'))} "
            f"with storytrace {_e(meta.get('storytrace_version', __version__))}.</p>",
            '<ul class="counts">' + "".join(f"<li><b>{n}</b> {_e(t)}</li>" for t, n in counts.items()) + "</ul></header>",
        ]
        doc_cols = ["title", "outlet", "published", "published_how", "published_evidence", "language", "words", "source"]
        rows = db.conn.execute(
            f"select coalesce(title, substr(text, 1, 90)), {', '.join(doc_cols[1:])} from documents "
            f"order by published is null, published, rowid limit {ROW_LIMIT}"
        )
        parts.append(f"<section><h2>Documents</h2>{_table(doc_cols, rows, counts.get('documents', 0), 'documents')}</section>")
        for table in ledger_mod.table_names():
            if table in ("documents", "rejects") or not counts.get(table):
                continue
            cols = list(db[table].columns_dict)
            rows = db.conn.execute(f"select {', '.join(f'[{c}]' for c in cols)} from [{table}] limit {ROW_LIMIT}")
            parts.append(f"<section><h2>{_e(table.title())}</h2>{_table(cols, rows, counts[table], table)}</section>")
        empty = [t for t in ledger_mod.table_names() if not counts.get(t) and t != "rejects"]
        if empty:
            parts.append(f'<p class="note">Empty tables: {_e(", ".join(empty))}.</p>')
        n_rejects = counts.get("rejects", 0)
        rows = db.conn.execute(f"select source, reason from rejects order by source limit {ROW_LIMIT}")
        parts.append(
            "<section><h2>Rejected inputs</h2>"
            + (_table(["source", "reason"], rows, n_rejects, "rejects") if n_rejects else "<p>None: every input was ingested.</p>")
            + "</section>"
        )
        parts.append("</body></html>")
        return "".join(parts)
    finally:
        db.close()


def write_report(path: Path, out: Path) -> Path:
    """Render LEDGER to OUT (written atomically) and return OUT."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(render(Path(path)), encoding="utf-8")
    os.replace(tmp, out)
    return out
