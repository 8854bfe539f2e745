"""The HTML report: one self-contained, offline page that reads only the ledger.

One job: assemble the page. What is shown is chosen first (events and figures, copy
passages: they are link targets), then each section renders (events/figures with
findings and corrections, timeline, copy trail, framing, quotes, documents, rejects),
and the sources section last holds the sentences the page cited. No script, no
external URL (a Content-Security-Policy tells the browser to load nothing); every value
from a document is escaped (article text is hostile input). Each section is capped, so
a 10,000-document ledger gives a page of a few MB that says what it left out.

    write_report(ledger_path, out_path) -> out_path
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .. import __version__
from . import copies, events, sources, timeline, voices
from .data import LedgerView
from .markup import Refs, esc, num

_CSS = (Path(__file__).with_name("report.css")).read_text(encoding="utf-8")

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

NAV = [("events", "Events & figures"), ("checks", "Findings"), ("corrections", "Corrections"), ("timeline", "Timeline"),
       ("copies", "Copy trail"), ("framing", "Framing"), ("quotes", "Quotes"), ("documents", "Documents"),
       ("rejects", "Rejected"), ("sources", "Sources")]


def _summary(view: LedgerView, ev: events.EventsData, cp: copies.CopyData) -> str:
    n_docs = view.count("documents")
    outlets = view.conn.execute("select count(distinct outlet) from documents").fetchone()[0] if view.has("documents", "outlet") else 0
    n_fig = view.count("figures")
    conflicts = view.count("figures", "where status = 'conflict'") if view.has("figures", "status") else 0
    trends = view.count("figures", "where trend is not null") if view.has("figures", "trend") else 0
    num_edits = view.count("reuse", "where edits like ?", ['%"number": true%']) if view.has("reuse", "edits") else 0
    items = [
        f"<b>{num(n_docs)}</b> documents" + (f" from <b>{num(outlets)}</b> named outlets" if outlets else ""),
        f"<b>{num(len(ev.events))}</b> events",
        f"<b>{num(n_fig)}</b> figures: <b class=\"red\">{num(conflicts)}</b> in conflict, <b>{num(trends)}</b> moving over time",
        f"<b>{num(cp.kinds.get('passage', 0))}</b> copied passages (<b class=\"red\">{num(num_edits)}</b> links change a number)",
        f"<b>{num(view.count('quotes'))}</b> quotations",
        f"<b>{num(view.count('checks'))}</b> consistency findings",
        f"<b>{num(view.count('rejects'))}</b> rejected inputs",
    ]
    return '<ul class="summary">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def render(path: Path) -> str:
    """The whole page for the ledger at `path` (raises ledger.LedgerError if it is not one)."""
    path = Path(path)
    view = LedgerView(path)
    try:
        refs = Refs()
        ev = events.EventsData(view)
        prefer = [e.get("reuse") for f in ev.all_shown for e in f["_copy_edits"][:6]]
        cp = copies.CopyData(view, refs, prefer)
        meta = view.meta()
        body = [
            events.render_events(ev, refs),
            events.render_checks(view, refs),
            events.render_corrections(view),
            timeline.render(view, ev, refs),
            copies.render(cp, refs),
            voices.render_framing(view, ev, refs),
            voices.render_quotes(view, ev, refs),
            sources.render_documents(view, ev, refs),
            sources.render_rejects(view),
        ]
        body.append(sources.render_sources(view, refs))  # last: holds what the sections above cited
        name = esc(path.name)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        head = (
            "<!doctype html><html lang=en><head><meta charset=utf-8>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>storytrace report: {name}</title><style>{_CSS}</style></head><body>"
            f'<header><h1>What the sources say <small>storytrace report</small></h1>'
            f'<p class="meta">Ledger <code>{name}</code>, built {esc(meta.get("built") or "?")} with storytrace '
            f'{esc(meta.get("storytrace_version") or "?")}; this page written {esc(now)} by storytrace {esc(__version__)}.</p>'
            f"{_summary(view, ev, cp)}"
            '<nav><ul>' + "".join(f'<li><a href="#{k}">{esc(v)}</a></li>' for k, v in NAV) + "</ul></nav></header><main>"
        )
        foot = ('</main><footer><p class="note">Every value on this page is traced to the sentence it came from (Sources). '
                'The page loads nothing from the network and runs no script. The full ledger: '
                '<code>storytrace export LEDGER DIR</code>, or browse and query it with <code>storytrace serve LEDGER</code>.</p>'
                "</footer></body></html>")
        return head + "".join(body) + foot
    finally:
        view.close()


def write_report(ledger_path: Path, out_path: Path) -> Path:
    """Render the ledger at LEDGER_PATH to OUT_PATH (written atomically) and return OUT_PATH."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    page = render(Path(ledger_path))
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


__all__ = ["render", "write_report"]
