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

from ..analyse.claims import sentence_context
from ..analyse.dates import NOT_TEXT, SCAN_CHARS, analyse_dates, from_date_row, piece_spans
from ..analyse.mentions import analyse_mentions
from ..ledger import META_TABLE, READ_BY_STAGES
from ..model import Annotations, Document
from ..text.timex import DateMention

#: The analyser that fills each table, by its name in ledger.READ_BY_STAGES.
_FILLERS: dict[str, Callable[[Document], Annotations]] = {"mentions": analyse_mentions, "dates": analyse_dates}
_BATCH = 5000


def complete(db: Any, table: str) -> None:
    """Make `table` hold every document's rows: as it is when the ledger says so, else
    filled once from the texts by its analyser (read one document at a time)."""
    if db.execute(f"select 1 from [{META_TABLE}] where key = ? and value = 'complete'", [table]).fetchone():
        return
    fill = _FILLERS[READ_BY_STAGES[table]]
    db.execute(f"delete from [{table}]")
    batch: list[dict[str, Any]] = []
    for doc_id, source, text, title, url in db.execute("select id, source, text, title, url from documents order by rowid"):
        batch += fill(Document(id=doc_id, source=source, text=text or "", title=title, url=url)).rows()[table]
        if len(batch) >= _BATCH:
            db[table].insert_all(batch, pk="id", replace=True)
            batch = []
    if batch:
        db[table].insert_all(batch, pk="id", replace=True)
    db[META_TABLE].insert_all([{"key": table, "value": "complete"}], pk="key", replace=True)


def complete_claims(db: Any) -> None:
    """Claims written before a claim kept its sentence's words (an older ledger): those
    fields found once from their documents' texts (analyse.claims.sentence_context)."""
    todo = [r[0] for r in db.execute("select distinct doc_id from claims where sentence is null").fetchall()]
    for doc_id in todo:
        row = db.execute("select text from documents where id = ?", [doc_id]).fetchone()
        text = (row[0] or "") if row else ""
        db.conn.executemany(
            "update claims set sentence = ?, antecedent = ?, paragraph_start = ? where id = ?",
            [(*sentence_context(text, s0, s1), cid) for cid, s0, s1 in db.execute(
                "select id, sentence_start, sentence_end from claims where doc_id = ? and sentence is null",
                [doc_id]).fetchall()])


def complete_spans(db: Any) -> None:
    """Documents written before a document kept where its own dating evidence stands (an
    older ledger): documents.published_spans found once from their texts."""
    todo = db.execute(
        "select d.id, case when o.id is null then d.published_how else o.how end, "
        "case when o.id is null then d.published_evidence else o.evidence end, "
        f"substr(d.text, 1, {SCAN_CHARS}) from documents d left join datings o on o.doc_id = d.id and o.stage = 'document' "
        "where d.published_spans is null").fetchall()  # (its own dating: the datings row, else its fields)
    db.conn.executemany("update documents set published_spans = ? where id = ?",
                        [(json.dumps(piece_spans(text or "", evidence if how not in NOT_TEXT else None)), doc_id)
                         for doc_id, how, evidence, text in todo])


def date_mentions(db: Any, doc_id: str, reporting: bool = False) -> list[tuple[DateMention, dict[str, Any]]]:
    """A document's date mentions in text order (`reporting`: only those that can date it),
    each as the DateMention find_dates gave and its whole `date_mentions` row."""
    complete(db, "date_mentions")
    cur = db.execute("select * from date_mentions where doc_id = ?" + (" and reporting" if reporting else "")
                     + " order by start", [doc_id])
    cols = [c[0] for c in cur.description]
    return [(from_date_row(row), row) for row in (dict(zip(cols, r)) for r in cur)]

