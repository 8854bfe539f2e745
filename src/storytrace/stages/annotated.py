"""The per-document annotation tables the stages read instead of the texts.

One job: give a stage the rows of an annotation table the analysers fill (`mentions`,
`leads`, `date_mentions`: ledger.READ_BY_STAGES; the claims' sentences; where each
document's own dating evidence stands), complete for every document. A ledger written
before a table existed, or documents added by a caller's own analysers without the one
that fills it, are completed here once, the only time a stage reads the texts for them.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from ..analyse.dates import NOT_TEXT, SCAN_CHARS, analyse_dates, from_date_row, piece_spans
from ..analyse.mentions import analyse_mentions
from ..ledger import META_TABLE, READ_BY_STAGES, annotation_digest
from ..model import Annotations, Document
from ..text.sentences import sentence_context
from ..text.timex import DateMention

#: The analyser that fills each table, by its name in ledger.READ_BY_STAGES.
_FILLERS: dict[str, Callable[[Document], Annotations]] = {"mentions": analyse_mentions, "dates": analyse_dates}
_BATCH = 5000


def current(db: Any, name: str) -> bool:
    """Whether the ledger says `name` (ledger.READ_BY_STAGES) holds every document's rows as
    this code's analysers find them."""
    row = db.execute(f"select value from [{META_TABLE}] where key = ?", [name]).fetchone()
    return bool(row) and row[0] == annotation_digest()


def _partial(db: Any, name: str) -> bool:
    """Whether `name`'s rows are this code's but documents were added without its analyser
    (ledger.forget_incomplete): only their empty values need finding."""
    row = db.execute(f"select value from [{META_TABLE}] where key = ?", [name]).fetchone()
    return bool(row) and row[0] == "partial:" + annotation_digest()


def _mark(db: Any, names: list[str]) -> None:
    db[META_TABLE].insert_all([{"key": n, "value": annotation_digest()} for n in names], pk="key", replace=True)


def complete(db: Any, table: str) -> None:
    """Make `table` hold every document's rows: as it is when the ledger says so, else found
    again from the texts by its analyser (one document at a time), with the other tables
    that analyser fills and that are not current either (one reading of the texts)."""
    if current(db, table):
        return
    analyser = READ_BY_STAGES[table]
    fill = _FILLERS[analyser]
    tables = [t for t, a in READ_BY_STAGES.items() if a == analyser and "." not in t and (t == table or not current(db, t))]
    for t in tables:
        db.execute(f"delete from [{t}]")
    batch: dict[str, list[dict[str, Any]]] = {t: [] for t in tables}
    for doc_id, source, text, title, url in db.execute("select id, source, text, title, url from documents order by rowid"):
        rows = fill(Document(id=doc_id, source=source, text=text or "", title=title, url=url)).rows()
        for t in tables:
            batch[t] += rows[t]
            if len(batch[t]) >= _BATCH:
                db[t].insert_all(batch[t], pk="id", replace=True)
                batch[t] = []
    for t in tables:
        if batch[t]:
            db[t].insert_all(batch[t], pk="id", replace=True)
    _mark(db, tables)


def complete_claims(db: Any) -> None:
    """Each claim's sentence, the sentence before when its own opens by referring back, and
    where its paragraph starts (text.sentences.sentence_context): as the claims analyser
    wrote them when the ledger says they are current, else found again from the texts
    (a ledger written by other code, or claims added by another analyser)."""
    if current(db, "claims.sentence"):
        return
    only = " and sentence is null" if _partial(db, "claims.sentence") else ""  # (else every claim: other code wrote them)
    for (doc_id,) in db.execute(f"select distinct doc_id from claims where 1{only}").fetchall():
        row = db.execute("select text from documents where id = ?", [doc_id]).fetchone()
        text = (row[0] or "") if row else ""
        db.conn.executemany(
            "update claims set sentence = ?, antecedent = ?, paragraph_start = ? where id = ?",
            [(*sentence_context(text, s0, s1), cid) for cid, s0, s1 in db.execute(
                f"select id, sentence_start, sentence_end from claims where doc_id = ?{only}", [doc_id]).fetchall()])
    _mark(db, ["claims.sentence"])


def complete_spans(db: Any) -> None:
    """documents.published_spans, where each piece of a document's own dating evidence
    stands: as the dates analyser wrote them when the ledger says they are current, else
    found again from the texts (its own dating: its `document` datings row, else its fields)."""
    if current(db, "documents.published_spans"):
        return
    only = " where d.published_spans is null" if _partial(db, "documents.published_spans") else ""
    todo = db.execute(
        "select d.id, case when o.id is null then d.published_how else o.how end, "
        "case when o.id is null then d.published_evidence else o.evidence end, "
        f"substr(d.text, 1, {SCAN_CHARS}) from documents d left join datings o on o.doc_id = d.id and o.stage = 'document'"
        + only).fetchall()
    db.conn.executemany("update documents set published_spans = ? where id = ?",
                        [(json.dumps(piece_spans(text or "", evidence if how not in NOT_TEXT else None)), doc_id)
                         for doc_id, how, evidence, text in todo])
    _mark(db, ["documents.published_spans"])


def date_mentions(db: Any, doc_id: str, reporting: bool = False) -> list[tuple[DateMention, dict[str, Any]]]:
    """A document's date mentions in text order (`reporting`: only those that can date it),
    each as the DateMention find_dates gave and its whole `date_mentions` row."""
    complete(db, "date_mentions")
    cur = db.execute("select * from date_mentions where doc_id = ?" + (" and reporting" if reporting else "")
                     + " order by start", [doc_id])
    cols = [c[0] for c in cur.description]
    return [(from_date_row(row), row) for row in (dict(zip(cols, r)) for r in cur)]

