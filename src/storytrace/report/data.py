"""Read what the report shows from the ledger, read-only and in bounded amounts.

One job: queries. Every query here is capped (LIMIT, or a window function per group)
so the report's cost follows what it shows, not the ledger's size. Tables or columns a
ledger lacks (an older ledger, a stage that has not landed) read as empty, never as an
error. Documents are looked up by id in batches, with their text never loaded whole:
only the slices the page quotes (`slices`).
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from .. import ledger as ledger_mod
from ..ingest.metadata import outlet_in_text
from ..text.segments import segments

BATCH = 500
HEAD_CHARS = 1500  # of a document's text read for its display name (outlet, headline)
_EXT = re.compile(r"\.(?:txt|text|html?|json|jsonl|ndjson|jsonl\.gz|warc|warc\.gz)(?=$|[:#])", re.IGNORECASE)


def jload(value: Any, default: Any) -> Any:
    """Parse a JSON column; anything unreadable is the default."""
    if value in (None, ""):
        return default
    if isinstance(value, (list, dict)):
        return value
    try:
        out = json.loads(value)
    except (TypeError, ValueError):
        return default
    return out if isinstance(out, type(default)) else default


@dataclass
class Doc:
    """A document's metadata (never its text)."""

    id: str
    outlet: Optional[str]
    title: Optional[str]
    url: Optional[str]
    source: Optional[str]
    published: Optional[str]
    published_how: Optional[str]
    published_evidence: Optional[str]
    published_precision: Optional[str]
    event_id: Optional[str]
    words: Optional[int]
    date_conflict: Optional[str] = None
    published_low: Optional[str] = None
    published_high: Optional[str] = None
    published_confidence: Optional[float] = None
    #: the other answers dating rules gave (datings rows not chosen): "stage how day (status)"
    other_datings: list[str] = field(default_factory=list)
    head: Optional[str] = None  # the text's opening (HEAD_CHARS): where the outlet or the headline may be named

    @property
    def when(self) -> Optional[str]:
        """What the evidence allows: the day, a range ("2017-12-28 – 2018-01-01"), "on or after"
        / "on or before" a day, or a year; None when undated."""
        if self.published:
            return self.published
        low, high = (self.published_low or "")[:10], (self.published_high or "")[:10]
        if self.published_precision == "year" and low[:4] and low[:4] == high[:4]:
            return low[:4]
        if low and high:
            return f"{low} – {high}"
        if low:
            return f"on or after {low}"
        if high:
            return f"on or before {high}"
        return None

    @property
    def label(self) -> str:
        """Who published it, as briefly as the ledger allows: outlet, else the URL's host, else
        the agency its opening names ("Ankara, February 23, AZERTAC", "Trend reports"), else the file."""
        if self.outlet:
            return self.outlet
        if self.url and "://" in self.url:
            host = self.url.split("://", 1)[1].split("/", 1)[0]
            if host:
                return host[4:] if host.startswith("www.") else host
        named = outlet_in_text(self.head or "")
        if named:
            return named
        return self.file_name or self.id

    @property
    def file_name(self) -> Optional[str]:
        if not self.source:
            return None
        tail = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        return _EXT.sub("", tail) or self.source

    @property
    def display_title(self) -> str:
        """Its title, else its first line when that reads as a headline, else its file name."""
        if self.title:
            return self.title
        head = self.head or ""
        first = segments(head)[:1]
        if first and first[0].kind == "headline":
            return head[first[0].start:first[0].end]
        return self.file_name or "(no title)"


class LedgerView:
    """A read-only connection to a ledger with the few helpers the sections need."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        if not path.exists():
            raise ledger_mod.LedgerError(f"no ledger at {path}")
        ledger_mod.check_ledger(path)
        self.path = path
        self.conn = sqlite3.connect(ledger_mod.read_only_uri(path), uri=True)
        self.conn.row_factory = sqlite3.Row
        self._columns: dict[str, list[str]] = {}
        self._docs: dict[str, Optional[Doc]] = {}
        self._counts: dict[str, int] = {}

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    # ------------------------------------------------------------------ schema

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            try:
                self._columns[table] = [r[1] for r in self.conn.execute(f"pragma table_info([{table}])")]
            except sqlite3.Error:
                self._columns[table] = []
        return self._columns[table]

    def has(self, table: str, *columns: str) -> bool:
        have = self.columns(table)
        return bool(have) and all(c in have for c in columns)

    def col(self, table: str, column: str, alias: str = "", default: str = "null") -> str:
        """`alias.column` when the table has it, else a literal (so optional columns read as null)."""
        if column in self.columns(table):
            return f'{alias + "." if alias else ""}"{column}"'
        return default

    def count(self, table: str, where: str = "", params: Sequence[Any] = ()) -> int:
        if not self.columns(table):
            return 0
        key = table + "|" + where + "|" + repr(tuple(params))
        if key not in self._counts:
            self._counts[key] = self.conn.execute(f"select count(*) from [{table}] {where}", params).fetchone()[0]
        return self._counts[key]

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, params)]

    def meta(self) -> dict[str, str]:
        if not self.columns(ledger_mod.META_TABLE):
            return {}
        return {r[0]: r[1] for r in self.conn.execute(f"select key, value from {ledger_mod.META_TABLE}")}

    # --------------------------------------------------------------- documents

    _DOC_COLS = ("id", "outlet", "title", "url", "source", "published", "published_how", "published_evidence",
                 "published_precision", "event_id", "words", "date_conflict", "published_low", "published_high",
                 "published_confidence")

    def _doc_select(self) -> str:
        return ", ".join([*(self.col("documents", c) + f" as {c}" for c in self._DOC_COLS),
                          f"substr(text, 1, {HEAD_CHARS}) as head"])

    def docs(self, ids: Iterable[str]) -> dict[str, Doc]:
        """Metadata of the given documents (those that exist), cached."""
        ids = list(ids)
        want = [i for i in dict.fromkeys(ids) if i and i not in self._docs]
        for i in range(0, len(want), BATCH):
            chunk = want[i : i + BATCH]
            for r in self.conn.execute(
                f"select {self._doc_select()} from documents where id in ({','.join('?' * len(chunk))})", chunk
            ):
                self._docs[r["id"]] = Doc(**dict(r))
            if self.has("datings", "doc_id", "status"):
                for r in self.conn.execute(
                    "select doc_id, stage, how, published, low, high, partial, status from datings where status not like "
                    f"'chosen%' and how is not null and doc_id in ({','.join('?' * len(chunk))}) order by doc_id, stage",
                    chunk,
                ):
                    d = self._docs.get(r["doc_id"])
                    if d is not None:
                        when = (r["published"] or " – ".join(x[:10] for x in (r["low"], r["high"]) if x)
                                or (f"{r['partial'][2:]}, no year" if r["partial"] else "no day"))
                        d.other_datings.append(f"{r['stage']} · {r['how']} {when} ({r['status']})")
            for doc_id in chunk:
                self._docs.setdefault(doc_id, None)
        return {i: self._docs[i] for i in dict.fromkeys(ids) if i and self._docs.get(i) is not None}  # type: ignore[misc]

    def doc(self, doc_id: str) -> Optional[Doc]:
        return self.docs([doc_id]).get(doc_id)

    def doc_list(self, limit: int) -> list[Doc]:
        """The first `limit` documents by publication date (undated last)."""
        out = []
        for r in self.conn.execute(
            f"select {self._doc_select()} from documents order by published is null, published, rowid limit ?", [limit]
        ):
            d = Doc(**dict(r))
            self._docs[d.id] = d
            out.append(d)
        return out

    def slices(self, spans: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """Text of (doc_id, start, end) spans (Python string offsets = SQLite character offsets)."""
        out: dict[tuple[str, int, int], str] = {}
        spans = [s for s in dict.fromkeys(spans) if s[0] is not None and s[1] is not None and s[2] is not None]
        for s in spans:
            doc_id, start, end = s
            start, end = max(0, int(start)), max(0, int(end))
            row = self.conn.execute("select substr(text, ?, ?) from documents where id = ?",
                                    [start + 1, max(0, end - start), doc_id]).fetchone()
            out[s] = (row[0] or "") if row else ""
        return out

    # ------------------------------------------------------------------ events

    def event_doc_counts(self) -> dict[str, int]:
        if not self.has("documents", "event_id"):
            return {}
        return {r[0]: r[1] for r in self.conn.execute(
            "select event_id, count(*) from documents where event_id is not null group by event_id")}

    def events(self) -> list[dict[str, Any]]:
        """Every event (a small table: one row per event), with n_docs filled in."""
        if not self.columns("events"):
            return []
        evs = self.rows("select * from events")
        counts = self.event_doc_counts()
        figs = {r[0]: r[1] for r in self.conn.execute("select event_id, count(*) from figures group by event_id")} \
            if self.has("figures", "event_id") else {}
        for e in evs:
            if e.get("n_docs") is None:
                e["n_docs"] = counts.get(e["id"], 0)
            e["n_figures"] = figs.get(e["id"], 0)
        evs.sort(key=lambda e: (-(e.get("n_docs") or 0), -(e["n_figures"]), str(e.get("label") or ""), e["id"]))
        return evs
