"""Datings: every answer a dating rule gives, one row each, and the one chosen.

One job: the `datings` table and the choice of `documents.published` from it. Every
rule that dates a document writes a row (model.DatingRow): the document's own evidence
(metadata, header, URL, text: stage `document`, from the per-document analyser), a
person's correction (`correction`), and the cross-document stages (`passages`, `story`,
`serial`, `event`). No stage overwrites another's dating: a stage adds its rows and the
document's fields are chosen again from all of them; a stage that finds a row wrong
withdraws it (`status` says why). Each build first drops the cross-document rows of the
last one, so a rebuild is a fresh build.

The choice (`documents.published_dating` names the row; its `status` says why):

1. a person's correction;
2. else a day: the document's own first, then passages, story, serial, event — a later
   stage only dates what the earlier ones left without a day;
3. else the document's own range, year or yearless day; else a stage's range.

`published_confidence` is the chosen row's confidence (DATING_CONFIDENCE, the share of
such datings that were right on the dev data), halved when the document's own text
contradicts it (`date_conflict`).
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any, Iterable, Iterator, NamedTuple, Optional, Protocol, Sequence, cast

from ..analyse.dates import NOT_TEXT
from ..model import make_id
from .annotated import complete, complete_spans
from .plan import Group, Read, Update

#: Stages in the order their days are taken (a correction comes before all).
STAGES = ("correction", "document", "passages", "story", "serial", "event")
#: documents columns a dating fills.
DATE_FIELDS = ("published", "published_how", "published_evidence", "published_precision", "published_low",
               "published_high")
#: How sure a dating is, by how it was found: the share of such datings that were right on the
#: dev data (eval/dates_publication.py: the tune half of news_cluster_dev with date_publish
#: hidden, within a day, and ECB+ datings within 3 days of their sub-event's own), rounded
#: down. Metadata and page headers are taken as given, less the crawl dates stamped on old
#: articles; a person's correction is sure.
DATING_CONFIDENCE = {
    "correction": 1.0, "metadata": 0.95, "header": 0.95,
    "url": 0.9,  # 44 of 49
    "dateline": 0.9, "story": 0.9,  # story: 232 of 232, within 3 days
    "serial": 0.85,
    "stamp": 0.8,  # 52 of 62
    "weekday": 0.8,  # 71 of 85
    "anniversary": 0.6, "event": 0.6,  # few: the story's rate, lowered for the inference they add
    "relative": 0.5,  # a year only
}
#: A dating the document's own text or URL contradicts (documents.date_conflict) is half as sure.
CONFLICTED = 0.5
BATCH = 900  # documents chosen per query (under SQLite's 999 parameters)


class DatingLike(Protocol):
    how: str
    evidence: str
    precision: str
    partial: Optional[str]

    def fields(self) -> dict: ...


def own_stage(db: Any) -> dict[str, int]:
    """The first cross-document stage: the last build's cross-document rows are dropped,
    every document has a row of its own dating (from the analyser's fields, or from the
    `published_own` a ledger of an earlier version kept), and its fields go back to it."""
    legacy = 0
    if "published_own" in db["documents"].columns_dict:  # ledgers written before the datings table
        for doc_id, own in db.execute("select id, published_own from documents where published_own is not null").fetchall():
            try:
                fields = json.loads(own)
            except ValueError:
                fields = None
            if isinstance(fields, dict):
                db.execute(f"update documents set {', '.join(f + ' = ?' for f in DATE_FIELDS)} where id = ?",
                           [fields.get(f) for f in DATE_FIELDS] + [doc_id])
                legacy += 1
        db.execute("update documents set published_own = null where published_own is not null")
    # older still: a yearless dateline dated through a shared passage, with no own dating kept,
    # is known by its evidence and goes back to the yearless day (the passages stage redates it)
    legacy += db.execute(
        "update documents set published = null, published_precision = 'no_year', published_low = null, "
        "published_high = null, published_evidence = substr(published_evidence, 1, instr(published_evidence, "
        "' + year ') - 1) where id not in (select doc_id from datings) and published_partial is not null and "
        "published is not null and published_how = 'dateline' and "
        "published_evidence like '% + year % from document % (a shared passage)'").rowcount
    # ... and a document dated through its story, its outlet's article ids or an event other
    # documents date, with no own dating kept, had no day of its own: those stages date it
    # again, from its own yearless dateline when it had one (only a dateline gives a yearless
    # day: the evidence's first piece)
    cross = "id not in (select doc_id from datings) and published_how in ('story', 'serial', 'event')"
    legacy += db.execute(
        "update documents set published = null, published_how = 'dateline', published_precision = 'no_year', "
        "published_low = null, published_high = null, published_evidence = case when instr(published_evidence, ' + ') "
        "then substr(published_evidence, 1, instr(published_evidence, ' + ') - 1) else published_evidence end "
        f"where {cross} and published_partial is not null").rowcount
    legacy += db.execute(
        f"update documents set {', '.join(f + ' = null' for f in DATE_FIELDS)} where {cross}").rowcount
    db.execute("create index if not exists datings_doc_id on datings (doc_id)")
    db.execute("create index if not exists datings_stage on datings (stage)")
    touched = [r[0] for r in db.execute("select distinct doc_id from datings where stage != 'document'")]
    dropped = db.execute("delete from datings where stage != 'document'").rowcount
    complete_spans(db)  # (a ledger from before documents kept where their own evidence stands)
    new = [r[0] for r in db.execute("select id from documents where id not in (select doc_id from datings)").fetchall()]
    for i in range(0, len(new), BATCH):
        batch = new[i:i + BATCH]
        marks = ", ".join("?" for _ in batch)
        found = db.execute("select id, published, published_how, published_evidence, published_precision, "
                           f"published_low, published_high, published_partial from documents where id in ({marks})",
                           batch).fetchall()
        where = words_at(db, batch, with_dates=False)  # (the words of its own evidence: the dates analyser's)
        db.conn.executemany(_INSERT, [_row(doc_id, "document", where.get(doc_id, {}), how, evidence, published, precision,
                                           low, high, partial)
                                      for doc_id, published, how, evidence, precision, low, high, partial in found])
        db.execute(f"update documents set published_dating = null where id in ({marks}) and published_dating is not null",
                   batch)  # chosen at the end (a row is written only when it changes: the text index follows every write)
    choose(db, touched)  # (a new document's fields are its own already; `choose_stage` marks its row chosen)
    return {"own_datings_added": len(new), "datings_dropped": dropped + legacy}


def record(db: Any, stage: str, found: Sequence[tuple[str, DatingLike]]) -> int:
    """Add a stage's datings ((document id, dating) pairs) and choose those documents' dates again."""
    if not found:
        return 0
    rows = []
    for i in range(0, len(found), BATCH):
        part = found[i:i + BATCH]
        where = words_at(db, [d for d, _ in part])
        for doc_id, got in part:
            f = got.fields()
            rows.append(_row(doc_id, stage, where.get(doc_id, {}), got.how, got.evidence, f["published"],
                             got.precision, f["published_low"], f["published_high"], got.partial))
    db.conn.executemany(_INSERT, rows)
    choose(db, [d for d, _ in found])
    return len(rows)


def clear(db: Any, stage: str) -> int:
    """Drop a stage's rows before it runs again (a stage run on its own starts afresh; in a
    build, `own_stage` has dropped them already)."""
    docs = [r[0] for r in db.execute("select distinct doc_id from datings where stage = ?", [stage])]
    if docs:
        db.execute("delete from datings where stage = ?", [stage])
        choose(db, docs)
    return len(docs)


def withdraw(db: Any, doc_id: str, stage: str, why: str) -> int:
    """Withdraw a stage's dating of a document (`status` keeps why) and choose again."""
    n = db.execute("update datings set status = ? where doc_id = ? and stage = ?", ["withdrawn: " + why, doc_id, stage]).rowcount
    if n:
        choose(db, [doc_id])
    return n


class Candidate(NamedTuple):
    """A datings row `choose` weighs (its columns by name)."""

    id: str
    doc_id: str
    stage: str
    how: Optional[str]
    evidence: Optional[str]
    published: Optional[str]
    precision: Optional[str]
    low: Optional[str]
    high: Optional[str]
    status: Optional[str]


def choose(db: Any, doc_ids: Optional[Iterable[str]] = None) -> None:
    """documents' dating fields from their datings rows (the module docstring's order),
    a batch of documents at a time (memory holds their rows, not the table's)."""
    ids = list(dict.fromkeys(doc_ids)) if doc_ids is not None else \
        [r[0] for r in db.conn.execute("select distinct doc_id from datings")]
    for i in range(0, len(ids), BATCH):
        batch = ids[i:i + BATCH]
        by_doc: dict[str, list[Candidate]] = defaultdict(list)
        for row in db.conn.execute(
                f"select {', '.join(Candidate._fields)} from datings "
                f"where coalesce(status, '') not like 'withdrawn%' and doc_id in ({', '.join('?' for _ in batch)})",
                batch).fetchall():
            c = Candidate(*row)
            by_doc[c.doc_id].append(c)
        updates: list[tuple] = []
        statuses: list[tuple[str, Any]] = []
        for doc_id, mine in by_doc.items():
            chosen, why = pick(mine)
            statuses.extend(("chosen: " + why if r is chosen else "candidate", r.id) for r in mine)
            if chosen is not None:
                c = chosen
                updates.append((c.published, c.how, c.evidence, c.precision, c.low, c.high, c.id, doc_id))
        db.conn.executemany("update datings set status = ? where id = ?", statuses)
        db.conn.executemany(f"update documents set {', '.join(f + ' = ?' for f in DATE_FIELDS)}, published_dating = ? "
                            "where id = ?", updates)


def pick(rows: list[Candidate]) -> tuple[Optional[Candidate], str]:
    order = {s: i for i, s in enumerate(STAGES)}
    ranked = sorted(rows, key=lambda r: (order.get(r.stage, len(STAGES)), r.id))
    fixed = [r for r in ranked if r.stage == "correction"]
    if fixed:
        return fixed[-1], "a person's correction"
    days = [r for r in ranked if r.precision == "day" and r.published]
    if days:
        r = days[0]
        return r, ("the document's own evidence" if r.stage == "document" else
                   f"the document gives no day of its own; its {r.stage} does")
    own = [r for r in ranked if r.stage == "document"]
    if own and own[0].how:
        return own[0], "the document's own evidence, which gives no day"
    rest = [r for r in ranked if r.how]
    if rest:
        return rest[0], f"the document gives no date of its own; its {rest[0].stage} gives a range"
    return (own[0] if own else None), "no evidence of a date"


def choose_stage(db: Any) -> dict[str, int]:
    """The last dating step: every document's date chosen from its datings rows, and how
    sure it is (`published_confidence`). Every document a stage dated was chosen when it
    was; one that only has its own dating (and no choice yet) is chosen here in one pass."""
    fresh = "doc_id in (select id from documents where published_dating is null)"
    db.execute("update datings set status = case when how is null then 'chosen: no evidence of a date' "
               "when precision = 'day' and published is not null then 'chosen: the document''s own evidence' "
               "else 'chosen: the document''s own evidence, which gives no day' end "
               f"where stage = 'document' and {fresh}")
    db.execute("update documents set published_dating = (select t.id from datings t where t.doc_id = documents.id "
               "and t.stage = 'document') where published_dating is null")
    cases = " ".join(f"when '{how}' then {c}" for how, c in DATING_CONFIDENCE.items())
    sure = (f"(case when published is null and published_low is null then null else (case published_how {cases} "
            f"else 0.5 end) * (case when date_conflict is null then 1.0 else {CONFLICTED} end) end)")
    # only rows whose confidence changes are written (the text index follows every write)
    db.execute(f"update documents set published_confidence = {sure} where published_confidence is not {sure}")
    n = db.execute("select count(*) from documents where published_confidence is not null").fetchone()[0]
    return {"datings_with_confidence": n}


def _row(doc_id: str, stage: str, where: dict[str, list[int]], how: Optional[str], evidence: Optional[str],
         published: Optional[str],
         precision: Optional[str], low: Optional[str], high: Optional[str], partial: Optional[str]) -> tuple:
    if published and not precision:
        precision = "day"
    if published and precision == "day":
        low = low or published[:10]
        high = high or published[:10]
    return (make_id("dating", doc_id, stage, how or "", evidence or ""), doc_id, stage, how, evidence,
            json.dumps(evidence_spans(where, evidence)) if evidence and how not in NOT_TEXT else None,
            published, precision, low, high, partial, DATING_CONFIDENCE.get(how or "", 0.5) if how else None,
            "candidate")


_COLUMNS = ("id", "doc_id", "stage", "how", "evidence", "spans", "published", "precision", "low", "high", "partial",
            "confidence", "status")
_INSERT = f"insert or replace into datings ({', '.join(_COLUMNS)}) values ({', '.join('?' for _ in _COLUMNS)})"


def evidence_spans(where: dict[str, list[int]], evidence: Optional[str]) -> list[list[int]]:
    """Where each " + "-joined piece of the evidence stands in the text (`where`: words ->
    [start, end], `words_at`; pieces the text does not hold, as "year 2016 from document
    X", have no span)."""
    return [where[p] for p in (piece.strip() for piece in (evidence or "").split(" + ")) if len(p) >= 3 and p in where]


def words_at(db: Any, doc_ids: Sequence[str], with_dates: bool = True) -> dict[str, dict[str, list[int]]]:
    """For each document, the words its datings' evidence is made of and where each first
    stands in its text: the pieces of its own dating evidence (documents.published_spans,
    the dates analyser's) and, `with_dates`, its date expressions and anniversaries'
    words (`date_mentions`); no text is read."""
    complete_spans(db)
    marks = ", ".join("?" for _ in doc_ids)
    out: dict[str, dict[str, list[int]]] = {d: {} for d in doc_ids}
    if with_dates:
        complete(db, "date_mentions")
        for doc_id, text, start, end, phrase, event_end in db.execute(
                f"select doc_id, text, start, [end], phrase, event_end from date_mentions where doc_id in ({marks}) "
                "order by doc_id, start desc", list(doc_ids)):  # (the first in the text last: it is kept)
            out[doc_id][text] = [start, end]
            if phrase:
                out[doc_id][phrase] = [start, event_end]
    for doc_id, spans in db.execute(f"select id, published_spans from documents where id in ({marks})", list(doc_ids)):
        out[doc_id].update(json.loads(spans or "{}"))
    return out


# ------------------------------------------------------------ a dating stage as a declared plan

class Found(NamedTuple):
    """A dating stage's answer for one document (what `record` takes, as a plan's row)."""

    doc_id: str
    how: Optional[str]
    evidence: Optional[str]
    published: Optional[str]
    precision: Optional[str]
    low: Optional[str]
    high: Optional[str]
    partial: Optional[str]


def found(doc_id: str, got: DatingLike) -> Found:
    """A stage's dating of a document as a `Found` row."""
    f = got.fields()
    return Found(doc_id, got.how, got.evidence, f["published"], got.precision, f["published_low"], f["published_high"],
                 got.partial)


def as_rows(rows: Iterable[tuple]) -> Iterator[tuple]:
    """A query's rows as they are (a `Read` whose record has no position: `pick` orders the rows it weighs)."""
    return (tuple(r) for r in rows)


class MentionWords(NamedTuple):
    """A date mention's words and where they stand (for the evidence's spans)."""

    doc_id: str
    text: str
    start: int
    end: int
    phrase: Optional[str]
    event_end: Optional[int]
    position: int


class OwnSpans(NamedTuple):
    """Where the pieces of a document's own dating evidence stand (documents.published_spans)."""

    id: str
    published_spans: Optional[str]
    position: int


class Recorded(NamedTuple):
    """What recording a document's new datings changes: `dating` (a new datings row, its
    columns), `status` (an older row's: status, id) or `document` (its chosen date's fields,
    the row's id, the document's id)."""

    kind: str
    values: tuple


def record_reads(docs: str) -> tuple[Read, ...]:
    """The reads `recorded` needs for the documents the SQL query `docs` (one column of
    document ids) selects: the doc's datings rows, its date mentions' words, its own spans."""
    return (
        Read("held", f"select {', '.join(Candidate._fields)} from datings where coalesce(status, '') not like "
                     f"'withdrawn%' and doc_id in ({docs})", Candidate, rows=as_rows),
        Read("words", f"select doc_id, text, start, [end], phrase, event_end from date_mentions where doc_id in ({docs})",
             MentionWords),
        Read("own_spans", f"select id, published_spans from documents where id in ({docs})", OwnSpans),
    )


class Withdrawal(NamedTuple):
    """A stage's dating of a document found wrong by another (`withdraw`, as a plan's row)."""

    doc_id: str
    stage: str
    why: str


def recorded(stage: str, doc_id: str, new: list[Found], held: list[Candidate], words: list[MentionWords],
             own: list[OwnSpans], withdrawn: Sequence[Withdrawal] = ()) -> Iterator[Recorded]:
    """`record` (and `withdraw`) for one document, as a plan's group (its new datings, the
    rows it holds, its words and spans, the datings withdrawn): the new rows, the withdrawn
    rows' status, and its date chosen again from the rest."""
    if not new and not withdrawn:
        return
    gone = {w.stage: w.why for w in withdrawn}
    for h in held:
        if h.stage in gone:
            yield Recorded("status", ("withdrawn: " + gone[h.stage], h.id))
    held = [h for h in held if h.stage not in gone]
    where: dict[str, list[int]] = {}
    for m in sorted(words, key=lambda m: -m.start):  # (the first in the text last: it is kept)
        where[m.text] = [m.start, m.end]
        if m.phrase:
            where[m.phrase] = [m.start, cast(int, m.event_end)]
    for o in own:
        where.update(json.loads(o.published_spans or "{}"))
    rows = {r[0]: r for r in (_row(doc_id, stage, where, f.how, f.evidence, f.published, f.precision, f.low, f.high,
                                   f.partial) for f in new)}
    mine = [h for h in held if h.id not in rows]
    mine += [Candidate(r[0], r[1], r[2], r[3], r[4], r[6], r[7], r[8], r[9], r[12]) for r in rows.values()]
    chosen, why = pick(mine)
    for c in mine:
        status = "chosen: " + why if c is chosen else "candidate"
        if c.id in rows:
            yield Recorded("dating", rows[c.id][:-1] + (status,))
        else:
            yield Recorded("status", (status, c.id))
    if chosen is not None:
        c = chosen
        yield Recorded("document", (c.published, c.how, c.evidence, c.precision, c.low, c.high, c.id, doc_id))


def recorded_of(stage: str, doc_id: str, new: list[Any], held: list[Candidate], words: list[MentionWords],
                own: list[OwnSpans], withdrawn: Sequence[Any] = ()) -> Iterator[Recorded]:
    """`recorded` for a stage whose rows carry their `Found` or `Withdrawal` as `value`."""
    return recorded(stage, doc_id, [r.value for r in new], held, words, own, [r.value for r in withdrawn])


def record_step(stage: str, found: str = "found") -> Group:
    """The plan step `recorded` of a dating stage whose dataset `found` holds `Found` rows
    (with `record_reads`' datasets: held, words, own_spans)."""
    return Group("recorded", [(found, lambda f: f.doc_id), ("held", lambda h: h.doc_id), ("words", lambda w: w.doc_id),
                              ("own_spans", lambda o: o.id)], functools.partial(recorded, stage))


def prepare_stage(db: Any, stage: str) -> None:
    """A dating stage's `prepare`: its earlier datings dropped (and their documents' dates
    chosen again), and the date mentions and evidence spans its reads need found where an
    older release left them out."""
    clear(db, stage)
    complete(db, "date_mentions")
    complete_spans(db)


def record_updates(name: str) -> tuple[Update, ...]:
    """The updates that write `recorded`'s rows (a plan's dataset of them named `name`): the
    new datings rows in the order of their ids (the same rowids on both engines), the
    statuses, the documents' chosen dates."""
    return (
        Update(name, _INSERT, lambda r: r.values, keep=lambda r: r.kind == "dating", order=lambda r: r.values[0]),
        Update(name, "update datings set status = ? where id = ?", lambda r: r.values, keep=lambda r: r.kind == "status"),
        Update(name, f"update documents set {', '.join(f + ' = ?' for f in DATE_FIELDS)}, published_dating = ? "
                     "where id = ?", lambda r: r.values, keep=lambda r: r.kind == "document"),
    )
