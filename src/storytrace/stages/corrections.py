"""Corrections: a person's overrides, recorded once and applied on every rebuild.

One job: keep the `corrections` table and apply it. A correction names a target (a
claim, a document or an event, by id), a field and a value:

| target | field | value | effect |
|---|---|---|---|
| `claim:ID` | `event_id` | an event id | the claim is about that event |
| `claim:ID` | `value` | a number | the claim states that number (exact) |
| `claim:ID` | `measure`, `group`, `attributed_to` | text | as said (`measure` `other`: not a casualty figure) |
| `document:ID` | `event_id` | an event id | the document's main event |
| `document:ID` | `published` | a day (YYYY-MM-DD) | when it was published (`published_how` `correction`) |
| `event:ID` | `same_as` | an event id | the two events are one (the first is merged into the second) |
| `event:ID` | `label`, `type`, `date`, `date_precision`, `place`, `historic` | text | the event's field |

Claims and documents have content-hash ids, the same on every rebuild. An event's id
can change when the documents change (a story's event is named by its first
document), so a correction that names an event also keeps an anchor: a document of
that event when the correction was made; when the id is gone, the anchor's current
event is used. Nothing is lost when documents are added: corrections live in their own
table, which builds never clear, and each build writes every correction's `status`
(`applied`, or why not).

Claim corrections change the claims rows, keeping what the text gave in
`claims.corrected` (JSON), so a rebuild first restores every claim and then applies
the corrections again: removing a correction undoes it. A publication date correction
is applied the same way, before every dating stage (which then takes it as evidence,
like a metadata date): a `datings` row of its own, chosen before the document's own.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from typing import Any, Optional

from . import datings
from ..analyse.dates import Dating
from ..model import MEASURES, Correction, make_id

FIELDS = {
    "claim": ("event_id", "value", "measure", "group", "attributed_to"),
    "document": ("event_id", "published"),
    "event": ("same_as", "label", "type", "date", "date_precision", "place", "historic"),
}
_CLAIM_COLUMNS = ("value", "low", "high", "qualifier", "measure", "group", "attributed_to")


class CorrectionError(ValueError):
    """A correction that cannot be recorded (unknown target or field, bad value)."""


def parse_target(target: str) -> tuple[str, str]:
    kind, sep, ident = target.partition(":")
    if not sep or kind not in FIELDS or not ident:
        raise CorrectionError(f"target must be claim:ID, document:ID or event:ID, not {target!r}")
    return kind, ident


def record(db: Any, target: str, field: str, value: Optional[str], note: Optional[str] = None,
           author: Optional[str] = None, now: Optional[str] = None) -> Correction:
    """Check a correction against the ledger and add it to the `corrections` table."""
    kind, ident = parse_target(target)
    if field not in FIELDS[kind]:
        raise CorrectionError(f"a {kind} correction sets one of {', '.join(FIELDS[kind])}, not {field!r}")
    table = {"claim": "claims", "document": "documents", "event": "events"}[kind]
    if not db.execute(f"select 1 from {table} where id = ?", [ident]).fetchone():
        raise CorrectionError(f"no {kind} with id {ident!r} in this ledger")
    if field == "value":
        try:
            float(value or "")
        except ValueError:
            raise CorrectionError(f"value must be a number, not {value!r}") from None
    if field == "measure" and value not in MEASURES:
        raise CorrectionError(f"measure must be one of {', '.join(MEASURES)}")
    if field in ("event_id", "same_as"):
        if not db.execute("select 1 from events where id = ?", [value]).fetchone():
            raise CorrectionError(f"no event with id {value!r} in this ledger")
        if field == "same_as" and value == ident:
            raise CorrectionError("an event cannot be merged into itself")
    if field == "published":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", (value or "").strip()):
                raise ValueError
            assert value is not None  # None failed the fullmatch above
            value = date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise CorrectionError(f"published must be a day, YYYY-MM-DD, not {value!r}") from None
    if field == "historic" and (value or "").lower() not in ("true", "false", "1", "0"):
        raise CorrectionError("historic must be true or false")
    anchors = {}
    if kind == "event":
        anchors["target"] = _anchor(db, ident)
    if field in ("event_id", "same_as"):
        anchors["value"] = _anchor(db, value or "")
    created = now or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    c = Correction(id=make_id("correction", target, field, value, created), target=target, field=field, value=value,
                   note=note, author=author, created=created)
    db["corrections"].insert(c.row() | {"anchors": json.dumps(anchors), "status": "recorded"}, pk="id", alter=True,
                             replace=True)
    return c


def _anchor(db: Any, event_id: str) -> Optional[str]:
    """A document of the event: its first by id (documents whose main event it is first)."""
    row = db.execute("select id from documents where event_id = ? order by id limit 1", [event_id]).fetchone() or \
        db.execute("select doc_id from claims where event_id = ? order by doc_id limit 1", [event_id]).fetchone()
    return row[0] if row else None


def remove(db: Any, correction_id: str) -> bool:
    return db.execute("delete from corrections where id = ?", [correction_id]).rowcount > 0


def _rows(db: Any) -> list[dict[str, Any]]:
    if "corrections" not in db.table_names():
        return []
    return list(db.query("select * from corrections order by created, rowid"))


def _status(db: Any, cid: str, status: str) -> None:
    db.execute("update corrections set status = ? where id = ?", [status, cid])


# ----------------------------------------------------------------- applying them


def claims_stage(db: Any) -> dict[str, int]:
    """Restore every corrected claim to what its text gave, then apply the claim field
    corrections (value, measure, group, attributed_to) to the claims rows."""
    for cid, original in db.execute("select id, corrected from claims where corrected is not null").fetchall():
        old = json.loads(original)
        db.execute(f"update claims set {', '.join(f'{_q(k)} = ?' for k in old)}, corrected = null where id = ?",
                   [*old.values(), cid])
    applied = _apply_dates(db)
    for c in _rows(db):
        kind, ident = parse_target(c["target"])
        if kind != "claim" or c["field"] == "event_id":
            continue
        row = db.execute(f"select {', '.join(map(_q, _CLAIM_COLUMNS))}, corrected from claims where id = ?", [ident]).fetchone()
        if row is None:
            _status(db, c["id"], "not applied: the claim is no longer in the ledger")
            continue
        original = json.loads(row[-1]) if row[-1] else dict(zip(_CLAIM_COLUMNS, row[:-1]))
        if c["field"] == "value":
            v = float(c["value"])
            new = {"value": v, "low": v, "high": v, "qualifier": "exact"}
        else:
            new = {c["field"]: c["value"]}
        db.execute(f"update claims set {', '.join(f'{_q(k)} = ?' for k in new)}, corrected = ? where id = ?",
                   [*new.values(), json.dumps(original), ident])
        _status(db, c["id"], "applied")
        applied += 1
    return {"claim_corrections": applied}


def _apply_dates(db: Any) -> int:
    """Publication dates people corrected (the last correction of a document wins): a
    `datings` row each (stage `correction`), chosen before any other."""
    latest = {}
    for c in _rows(db):
        kind, ident = parse_target(c["target"])
        if kind == "document" and c["field"] == "published":
            latest[ident] = c
    found = []
    for ident, c in latest.items():
        if db.execute("select 1 from documents where id = ?", [ident]).fetchone() is None:
            _status(db, c["id"], "not applied: the document is no longer in the ledger")
            continue
        said = f"corrected by {c.get('author') or 'a person'} on {str(c.get('created') or '')[:10]}" + (
            f": {c['note']}" if c.get("note") else "")
        try:
            day = date.fromisoformat(str(c["value"])[:10])
        except ValueError:
            _status(db, c["id"], "not applied: not a date (YYYY-MM-DD)")
            continue
        found.append((ident, Dating("correction", said, "day", day, day)))
        _status(db, c["id"], "applied")
    datings.record(db, "correction", found)
    for c in _rows(db):  # the earlier ones of a document
        kind, ident = parse_target(c["target"])
        if kind == "document" and c["field"] == "published" and latest.get(ident, {}).get("id") != c["id"]:
            _status(db, c["id"], "not applied: a later correction of the same document's date")
    return len(latest)


def _q(column: str) -> str:
    return f'"{column}"'


def apply_events(db: Any, claim_event: dict[str, str], doc_event: dict[str, str], rows: list[dict[str, Any]],
                 *others: dict[Any, str]) -> int:
    """Inside the events stage, before it writes: claims' and documents' events, merged
    events and event fields, as corrected. Mutates the three structures (and `others`,
    more maps to events that follow a merge: the named mentions')."""
    by_id = {r["id"]: r for r in rows}

    def resolve(event_id: Optional[str], anchor: Optional[str]) -> Optional[str]:
        if event_id in by_id:
            return event_id
        return doc_event.get(anchor) if anchor else None

    applied = 0
    for c in _rows(db):
        kind, ident = parse_target(c["target"])
        field, value = c["field"], c["value"]
        anchors = json.loads(c.get("anchors") or "{}")
        if kind in ("claim", "document") and field != "event_id" or kind not in ("claim", "document", "event"):
            continue  # claim fields: claims_stage; a document's date: _apply_dates
        if kind in ("claim", "document"):  # field event_id
            mapping = claim_event if kind == "claim" else doc_event
            target = resolve(value, anchors.get("value"))
            if ident not in mapping or target is None:
                _status(db, c["id"], "not applied: " + (f"the {kind} is gone" if ident not in mapping else "the event is gone"))
                continue
            mapping[ident] = target
        else:
            event = resolve(ident, anchors.get("target"))
            if event is None:
                _status(db, c["id"], "not applied: the event is gone")
                continue
            if field == "same_as":
                into = resolve(value, anchors.get("value"))
                if into is None or into == event:
                    _status(db, c["id"], "not applied: " + ("the other event is gone" if into is None else "already one event"))
                    continue
                for mapping in (claim_event, doc_event, *others):
                    for k, e in mapping.items():
                        if e == event:
                            mapping[k] = into
                by_id[into]["n_docs"] = by_id[into].get("n_docs", 0) + by_id[event].get("n_docs", 0)
                rows.remove(by_id.pop(event))
            else:
                by_id[event][field] = (value or "").lower() in ("true", "1") if field == "historic" else value
                if field == "date" and _precision_of(value):  # (a later date_precision correction still wins)
                    by_id[event]["date_precision"] = _precision_of(value)
        _status(db, c["id"], "applied")
        applied += 1
    return applied


def _precision_of(value: Optional[str]) -> Optional[str]:
    """The precision a corrected event date has: day ("2020-10-28"), year ("1992"), range ("A/B")."""
    v = (value or "").strip()
    if "/" in v:
        return "range"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return "day"
    if re.fullmatch(r"\d{4}", v):
        return "year"
    return None

