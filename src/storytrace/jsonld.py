"""Figure rows as schema.org `Claim`s in JSON-LD, for fact-checkers' tools.

One job: read a ledger and describe every figure row as a schema.org `Claim`
(https://schema.org/Claim): what it counts (`name`, `text`, `about` the event), each
`appearance` (a `NewsArticle`: the document's URL or source, its date with how it was
found, the sentence as a part of it with character offsets into `documents.text`), the
`firstAppearance` and, when the text attributes it, its `author` (the primary source:
a Person or an Organization). storytrace gives provenance, not verdicts: no
`reviewRating`, no `ClaimReview`.

The first appearance is the earliest document with a trusted date (metadata, header,
URL, dateline, page stamp, a person's correction: stages.figures.TRUSTED) that did not
copy the figure from another appearance (reuse links between appearances, oriented by
dates); when no appearance has a trusted date there is none (`firstAppearance` left
out rather than guessed). Terms schema.org lacks (offsets, the value each document
states, the row's status) are in the `storytrace:` namespace.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Iterator, Optional

from . import ledger as ledger_mod
from .stages.figures import TRUSTED
from .text.origins import source_key

#: schema.org, and storytrace's own terms under a URN of their own.
CONTEXT: list[Any] = ["https://schema.org", {"storytrace": "urn:storytrace:terms:"}]


def claims_jsonld(path: Path) -> dict[str, Any]:
    """The ledger's figure rows as one JSON-LD document (`@graph` of Claims)."""
    return {"@context": CONTEXT, "@graph": list(figure_claims(path))}


def write_claims_jsonld(path: Path, out: Path) -> int:
    """Write claims_jsonld(path) to OUT (atomically); returns how many Claims."""
    doc = claims_jsonld(path)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out)
    return len(doc["@graph"])


def _rows(conn: sqlite3.Connection, sql: str, args: tuple = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def figure_claims(path: Path) -> Iterator[dict[str, Any]]:
    """One schema.org Claim per figure row, in the ledger's order of events and figures."""
    ledger_mod.check_ledger(Path(path))
    conn = sqlite3.connect(ledger_mod.read_only_uri(path), uri=True)
    try:
        events = {e["id"]: e for e in _rows(conn, "select id, label, type, date, date_precision, place from events")}
        copied = {(s, t) for s, t in conn.execute(  # copies whose direction the dates show
            "select source_doc, target_doc from reuse where kind != 'boilerplate' and direction = 'dates'")}
        for fig in _rows(conn, 'select id, event_id, measure, "group", status, low, best, high from figures order by rowid'):
            claims = _rows(conn, """
                select c.id, c.doc_id, c.start, c."end", c.sentence_start, c.sentence_end, c.value, c.qualifier,
                       c.attributed_to, d.url, d.source, d.title, d.outlet, d.published, d.published_how,
                       d.published_confidence, substr(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) as sentence,
                       substr(d.text, c.start + 1, c."end" - c.start) as words
                from claims c join documents d on d.id = c.doc_id where c.figure_id = ? order by d.published is null,
                d.published, c.doc_id, c.start""", (fig["id"],))
            if claims:
                yield _claim(fig, events.get(fig["event_id"]), claims, copied)
    finally:
        conn.close()


def _num(v: Optional[float]) -> Any:
    return int(v) if v is not None and float(v).is_integer() else v


def _claim(fig: dict[str, Any], event: Optional[dict[str, Any]], claims: list[dict[str, Any]],
           copied: set[tuple[str, str]]) -> dict[str, Any]:
    what = fig["measure"] + (f" · {fig['group']}" if fig["group"] else "")
    values: dict[str, set[str]] = {}  # the figure as each document writes it ("nearly 30", "dozens"): which documents
    for c in claims:
        values.setdefault(" ".join(str(c["words"]).split()).lower(), set()).add(c["doc_id"])
    node: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"urn:storytrace:figure:{fig['id']}",
        "name": f"{event['label']}: {what}" if event else what,
        "text": f"{what}: " + "; ".join(f"{v} ({len(d)} document{'s' if len(d) > 1 else ''})" for v, d in values.items()),
        "appearance": _appearances(claims),
        "storytrace:status": fig["status"],
        "storytrace:low": _num(fig["low"]),
        "storytrace:best": _num(fig["best"]),
        "storytrace:high": _num(fig["high"]),
    }
    if event:
        about = {"@type": "Event", "@id": f"urn:storytrace:event:{event['id']}", "name": event["label"]}
        date = event.get("date") or ""
        if event.get("date_precision") == "day" and date:
            about["startDate"] = date
        elif event.get("date_precision") == "range" and "/" in date:  # "A/B", ".." for an open end
            start, end = date.split("/", 1)
            about.update({k: v for k, v in (("startDate", start), ("endDate", end)) if v and v != ".."})
        if event.get("place"):
            about["location"] = {"@type": "Place", "name": event["place"]}
        node["about"] = about
    first = first_appearance(claims, copied)
    if first is not None:
        node["firstAppearance"] = {"@id": f"urn:storytrace:document:{first}"}
    authors: dict[str, str] = {}
    for c in claims:
        if c["attributed_to"]:
            key = source_key(c["attributed_to"])
            if key not in authors or len(c["attributed_to"]) > len(authors[key]):
                authors[key] = c["attributed_to"]
    if authors:
        node["author"] = [{"@type": "Person" if key.startswith("person ") else "Organization", "name": name}
                          for key, name in authors.items()]
    return node


def _appearances(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One NewsArticle per document that states the figure, each sentence stating it a part."""
    out: dict[str, dict[str, Any]] = {}
    for c in claims:
        if c["doc_id"] in out:
            parts = out[c["doc_id"]]["hasPart"]
            out[c["doc_id"]]["hasPart"] = (parts if isinstance(parts, list) else [parts]) + [_appearance(c)["hasPart"]]
        else:
            out[c["doc_id"]] = _appearance(c)
    return list(out.values())


def _appearance(c: dict[str, Any]) -> dict[str, Any]:
    """One document that states the figure: the article, and the sentence as its part."""
    art: dict[str, Any] = {"@type": "NewsArticle", "@id": f"urn:storytrace:document:{c['doc_id']}"}
    if c["url"]:
        art["url"] = c["url"]
    art["identifier"] = c["source"]
    if c["title"]:
        art["headline"] = c["title"]
    if c["outlet"]:
        art["publisher"] = {"@type": "Organization", "name": c["outlet"]}
    if c["published"]:
        art["datePublished"] = c["published"]
        art["storytrace:datedBy"] = c["published_how"]
        if c["published_confidence"] is not None:
            art["storytrace:dateConfidence"] = c["published_confidence"]
    art["hasPart"] = {
        "@type": "CreativeWork",
        "text": c["sentence"],
        "storytrace:sentenceStart": c["sentence_start"],
        "storytrace:sentenceEnd": c["sentence_end"],
        "storytrace:figureStart": c["start"],
        "storytrace:figureEnd": c["end"],
        "storytrace:value": _num(c["value"]),
        "storytrace:qualifier": c["qualifier"],
        "storytrace:words": c["words"],
        "storytrace:claim": f"urn:storytrace:claim:{c['id']}",
    }
    return art


def first_appearance(claims: list[dict[str, Any]], copied: set[tuple[str, str]]) -> Optional[str]:
    """The document that first stated the figure: the earliest trusted-dated appearance
    that did not copy it from another appearance; None when no appearance has a trusted date."""
    docs = {c["doc_id"] for c in claims}
    copies = {t for s, t in copied if s in docs and t in docs and s != t}
    dated = [(c["published"], c["doc_id"]) for c in claims
             if c["published"] and c["published_how"] in TRUSTED and c["doc_id"] not in copies]
    return min(dated)[1] if dated else None
