"""The plain-data core: the records every stage passes around and the ledger stores.

Each record is a small dataclass whose fields are exactly the columns of its ledger
table (see ../shared/CONTRACT.md). Ids are content hashes (`make_id`), so the same
input gives the same ids on every run and every machine. Offsets are Python string
indices into `Document.text`, end exclusive. Nothing here imports the rest of the
project.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, ClassVar, Optional, get_type_hints


def make_id(*parts: object, size: int = 8) -> str:
    """A stable id: the hex blake2b digest of the parts (2*size hex characters)."""
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(str(part if part is not None else "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


@dataclass
class Record:
    """Base of every ledger row: knows its table name and primary key."""

    table: ClassVar[str] = ""
    pk: ClassVar[Optional[str]] = "id"

    def row(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def columns(cls) -> dict[str, type]:
        """Column name -> Python type (str, int, float, bool), for the ledger schema."""
        hints = get_type_hints(cls)
        out: dict[str, type] = {}
        for f in dataclasses.fields(cls):
            t = hints[f.name]
            args = getattr(t, "__args__", None)
            if args:  # Optional[X] -> X
                t = next(a for a in args if a is not type(None))
            out[f.name] = t if t in (str, int, float, bool) else str
        return out


@dataclass
class Document(Record):
    """One article: its normalised text and where it came from."""

    table: ClassVar[str] = "documents"
    id: str
    source: str  # path (with :line or #record for multi-record files) or URL
    text: str  # normalised article text; every offset in the ledger points into it
    url: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None  # ISO 8601 date or datetime
    published_how: Optional[str] = None  # metadata, header, dateline, anniversary, ...
    published_evidence: Optional[str] = None  # exact text, or the metadata field's name
    published_precision: Optional[str] = None  # day, year, range: what the evidence allows
    published_low: Optional[str] = None  # the range the evidence allows (ISO dates; null: open)
    published_high: Optional[str] = None
    published_partial: Optional[str] = None  # a yearless date the text gives ("--03-12"), before other documents date it
    published_dating: Optional[str] = None  # id of the `datings` row chosen as its publication date (datings.py)
    date_conflict: Optional[str] = None  # text evidence contradicting the metadata date, said plainly
    published_confidence: Optional[float] = None  # how sure the dating is (dates.DATING_CONFIDENCE; the last dates stage)
    language: Optional[str] = None
    event_id: Optional[str] = None  # the document's main event (filled by the events stage)
    story: Optional[str] = None  # id of the story (documents reporting the same thing; the stories stage)
    boilerplate: Optional[str] = None  # removed page furniture, one line per removed line
    record_id: Optional[str] = None  # the id the input itself gave the record, if any
    input_format: Optional[str] = None  # text, html, json, jsonl, warc, stdin
    encoding: Optional[str] = None  # how the bytes were decoded
    words: int = 0
    notes: Optional[str] = None  # how the input was read, when it matters (encoding, unreadable date)
    kind: str = "article"  # article, or gallery / posts / video / links: a page with no reporting (segments.page_kind)

    @staticmethod
    def make_id(text: str, identity: Optional[str]) -> str:
        """The same text from the same place (URL, record id or file name) is the same document."""
        return make_id("doc", text, identity or "")


@dataclass
class Reject(Record):
    """An input that was not ingested, with the reason a person can act on."""

    table: ClassVar[str] = "rejects"
    source: str
    reason: str
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = make_id("reject", self.source, self.reason)


#: What a claim counts (claims.measure). `other`: a percentage, money or fraction.
COUNT_MEASURES: tuple[str, ...] = ("killed", "injured", "captured", "missing", "displaced", "arrested", "affected",
                                   "evacuated", "hospitalised", "released", "orphaned")
MEASURES: tuple[str, ...] = COUNT_MEASURES + ("other",)


#: How a figure whose group is not a count of persons reads: its unit ("families wiped out: 8").
UNIT_LABELS: dict[tuple[str, str], str] = {
    ("killed", "families"): "families wiped out", ("killed", "households"): "households wiped out",
    ("displaced", "families"): "families displaced", ("displaced", "households"): "households displaced",
    ("evacuated", "families"): "families evacuated", ("affected", "families"): "families affected",
    ("orphaned", "both parents"): "children who lost both parents",
    ("orphaned", "one parent"): "children who lost one parent",
}


def figure_label(measure: Optional[str], group: Optional[str]) -> str:
    """A figure's name as a reader says it: 'killed', 'killed · women', 'families wiped out'."""
    if group and (measure or "", group) in UNIT_LABELS:
        return UNIT_LABELS[(measure or "", group)]
    return f"{measure or '?'}" + (f" · {group}" if group else "")


@dataclass
class Claim(Record):
    """A figure stated in a sentence (filled by the claims analyser)."""

    table: ClassVar[str] = "claims"
    id: str
    doc_id: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    measure: str
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    qualifier: Optional[str] = None
    group: Optional[str] = None
    victims: Optional[str] = None
    what: Optional[str] = None
    attributed_to: Optional[str] = None
    in_quote: bool = False
    event_id: Optional[str] = None
    figure_id: Optional[str] = None
    part_of: Optional[str] = None  # id of the total this is a part of ("including 116 women")
    adds_to: Optional[str] = None  # id of the figure this one is listed beside ("9 men and 4 women")
    segment: str = "body"  # the kind of text it is in (segments.py): body, headline, subhead, caption, credit, sidebar, embed
    confidence: Optional[float] = None  # how sure its placement under event_id is (0-1; the events stage)
    placement: Optional[str] = None  # why it is tied to event_id, or "unplaced: <why>" (then it makes no figure row)


@dataclass
class Event(Record):
    """A real-world event (filled by the events stage)."""

    table: ClassVar[str] = "events"
    id: str
    label: str
    type: Optional[str] = None
    date: Optional[str] = None
    date_precision: Optional[str] = None
    place: Optional[str] = None
    actors: str = "[]"  # JSON list
    historic: bool = False
    date_evidence: Optional[str] = None  # what dates it, said plainly
    n_docs: int = 0  # documents that report or recall it
    aliases: str = "[]"  # JSON: ids of named events found to be this one (a story's event under a name)


@dataclass
class Figure(Record):
    """One (event, measure, group) across sources (filled by the figures stage)."""

    table: ClassVar[str] = "figures"
    id: str
    event_id: str
    measure: str
    group: Optional[str] = None
    status: Optional[str] = None
    trend: Optional[str] = None
    low: Optional[float] = None
    best: Optional[float] = None
    high: Optional[float] = None
    conservative: Optional[float] = None
    rule: Optional[str] = None
    n_docs: int = 0
    n_claims: int = 0
    n_origins: int = 0
    origins: str = "[]"  # JSON: each independent origin (origins.py): name, what it is known by, values, documents
    genealogy: str = "{}"  # JSON: each value -> the documents that state it, in publication order
    copy_edits: str = "[]"  # JSON: number edits in copied passages that changed this figure's claims
    sides: str = "[]"  # JSON: for a conflict, each value with the documents and origins that give it


@dataclass
class Check(Record):
    """A consistency finding (filled by the figures stage)."""

    table: ClassVar[str] = "checks"
    id: str
    kind: str
    figure_ids: str = "[]"  # JSON list
    claim_ids: str = "[]"  # JSON list
    detail: Optional[str] = None


@dataclass
class Reuse(Record):
    """A passage copied between two documents (filled by the reuse stage)."""

    table: ClassVar[str] = "reuse"
    id: str
    source_doc: str
    target_doc: str
    source_start: int
    source_end: int
    target_start: int
    target_end: int
    score: float = 0.0
    edits: str = "[]"  # JSON list of {"from", "to", offsets in both, "number": true if a figure changed}
    kind: str = "passage"  # passage, duplicate, boilerplate
    words: int = 0  # words the two passages share, in order
    direction: Optional[str] = None  # dates (source published first), same_day, undated (order unknown)
    wire: Optional[str] = None  # JSON list of wire agencies either document names (a hint)
    lineage: Optional[str] = None  # id shared by documents joined by passages/duplicates


@dataclass
class Quote(Record):
    """A quotation and its speaker (filled by the quotes analyser)."""

    table: ClassVar[str] = "quotes"
    id: str
    doc_id: str
    start: int
    end: int
    text: str
    speaker: Optional[str] = None
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    speaker_key: Optional[str] = None  # one key per person or body, whatever the spelling ("person cavusoglu"; origins.py)


@dataclass
class Term(Record):
    """A label a document uses for an event (filled by the framing analyser)."""

    table: ClassVar[str] = "terms"
    pk: ClassVar[Optional[str]] = "id"
    id: str
    doc_id: str
    term: str
    voice: str  # own, quoted (inside quotation marks, or reported speech: see `speech`), title
    count: int = 1
    event_id: Optional[str] = None
    kind: str = "label"  # label (a word for the event: massacre, tragedy, ...) or loaded (emotive wording)
    category: Optional[str] = None  # what the word does (framing.py documents the categories)
    speaker: Optional[str] = None  # who says it, for voice quoted (resolved as quotes.py resolves speakers)
    speech: Optional[str] = None  # direct (inside quotation marks), reported ("X said the massacre ..."); null otherwise
    negated: bool = False  # "it was not an accident"
    spans: str = "[]"  # JSON [[start, end], ...] of each use in documents.text
    title_spans: str = "[]"  # JSON [[start, end], ...] in documents.title, when the title is not part of the text
    mentions: str = "[]"  # JSON: each use with its phrase, how its voice was found, the named event it refers to


@dataclass
class Correction(Record):
    """A person's override, applied on every rebuild."""

    table: ClassVar[str] = "corrections"
    id: str
    target: str
    field: str
    value: Optional[str] = None
    note: Optional[str] = None
    author: Optional[str] = None
    created: Optional[str] = None


@dataclass
class DatingRow(Record):
    """One dating rule's answer for one document (datings.py): every rule that dates a
    document writes a row; `documents.published` is the one row chosen, with the reason."""

    table: ClassVar[str] = "datings"
    id: str
    doc_id: str
    stage: str  # document (its own evidence: metadata, URL, text), correction, passages, story, serial, event
    how: Optional[str] = None  # as documents.published_how; null: the document has no dating of its own
    evidence: Optional[str] = None  # the exact text(s), " + "-joined, or the metadata field
    spans: Optional[str] = None  # JSON [[start, end], ...]: where each piece of the evidence stands in the text
    published: Optional[str] = None  # the day, when the evidence gives one
    precision: Optional[str] = None  # day, year, range, no_year
    low: Optional[str] = None
    high: Optional[str] = None
    partial: Optional[str] = None  # a yearless day ("--03-12")
    confidence: Optional[float] = None  # dates.DATING_CONFIDENCE of its how
    status: Optional[str] = None  # chosen: why / candidate / withdrawn: why


#: Every ledger table, in the order they are created and exported.
TABLES: tuple[type[Record], ...] = (
    Document,
    Event,
    Claim,
    Figure,
    Check,
    Reuse,
    Quote,
    Term,
    Correction,
    DatingRow,
    Reject,
)


@dataclass
class Annotations:
    """Everything the per-document analysers found in one document."""

    doc_id: str
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    # Fields of the Document the analysers may set (e.g. a date found in the text).
    document_updates: dict[str, Any] = field(default_factory=dict)

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        return {
            Claim.table: [c.row() for c in self.claims],
            Quote.table: [q.row() for q in self.quotes],
            Term.table: [t.row() for t in self.terms],
        }
