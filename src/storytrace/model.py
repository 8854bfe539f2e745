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
import inspect
import io
import tokenize
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

    @classmethod
    def column_docs(cls) -> dict[str, str]:
        """Column name -> what it holds: the comment written after the field here (the
        schema and its documentation in one place; the Datasette metadata shows them)."""
        names = {f.name for f in dataclasses.fields(cls)}
        docs: dict[str, str] = {}
        try:
            source = inspect.getsource(cls)
        except (OSError, TypeError):  # no source (a frozen build): no column docs
            return docs
        field_name = None
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.NAME and tok.start[1] == 4 and tok.string in names and field_name is None:
                field_name = tok.string
            elif tok.type == tokenize.COMMENT and field_name:
                docs[field_name] = tok.string.lstrip("#").strip()
            elif tok.type == tokenize.NEWLINE:
                field_name = None
        return docs


@dataclass
class Document(Record):
    """One article: its normalised text and where it came from."""

    table: ClassVar[str] = "documents"
    id: str  # content hash of the text and its URL, record id or file name (stable across rebuilds)
    source: str  # path (with :line or #record for multi-record files) or URL
    text: str  # normalised article text; every offset in the ledger points into it
    url: Optional[str] = None  # the article's URL, from the input's metadata (null: none given)
    outlet: Optional[str] = None  # publisher: the input's site or media name, the URL's host, or the footer's copyright holder
    title: Optional[str] = None  # headline, from the metadata (or a plain text's first line when it reads as one)
    published: Optional[str] = None  # ISO 8601 date or datetime
    published_how: Optional[str] = None  # metadata, header, dateline, anniversary, ...
    published_evidence: Optional[str] = None  # exact text, or the metadata field's name
    published_precision: Optional[str] = None  # day, year, range: what the evidence allows
    published_low: Optional[str] = None  # the range the evidence allows (ISO dates; null: open)
    published_high: Optional[str] = None  # the latest day that range allows (ISO date; null: open)
    published_partial: Optional[str] = None  # a yearless date the text gives ("--03-12"), before other documents date it
    published_spans: Optional[str] = None  # JSON {words: [start, end]}: where each piece of the text's own dating evidence first stands in the text ({}: none)
    published_dating: Optional[str] = None  # id of the `datings` row chosen as its publication date (datings.py)
    date_conflict: Optional[str] = None  # text evidence contradicting the metadata date, said plainly
    published_confidence: Optional[float] = None  # how sure the dating is (dates.DATING_CONFIDENCE; the last dates stage)
    language: Optional[str] = None  # ISO 639-1 code detected from the text, else the metadata's
    event_id: Optional[str] = None  # the document's main event (filled by the events stage)
    story: Optional[str] = None  # id of the story (documents reporting the same thing; the stories stage)
    boilerplate: Optional[str] = None  # removed page furniture, one line per removed line
    record_id: Optional[str] = None  # the id the input itself gave the record, if any
    input_format: Optional[str] = None  # text, html, json, jsonl, warc, stdin
    encoding: Optional[str] = None  # how the bytes were decoded
    words: int = 0  # number of words in the text
    notes: Optional[str] = None  # how the input was read, when it matters (encoding, unreadable date)
    kind: str = "article"  # article, or gallery / posts / video / links: a page with no reporting (segments.page_kind)
    raw_digest: Optional[str] = None  # digest of the input item it was read from (its bytes, metadata, file name): a rebuild skips an item it knows without reading it again

    @staticmethod
    def make_id(text: str, identity: Optional[str]) -> str:
        """The same text from the same place (URL, record id or file name) is the same document."""
        return make_id("doc", text, identity or "")


@dataclass
class Reject(Record):
    """An input that was not ingested, with the reason a person can act on."""

    table: ClassVar[str] = "rejects"
    source: str  # the input's path or URL (as documents.source)
    reason: str  # why the input was not ingested
    id: str = ""  # content hash of source and reason

    def __post_init__(self) -> None:
        if not self.id:
            self.id = make_id("reject", self.source, self.reason)


#: What a claim counts (claims.measure). `other`: a percentage, money or fraction.
COUNT_MEASURES: tuple[str, ...] = ("killed", "injured", "captured", "missing", "displaced", "arrested", "affected",
                                   "evacuated", "hospitalised", "released", "orphaned")
MEASURES: tuple[str, ...] = COUNT_MEASURES + ("other",)
#: Counts that only grow while an event develops: a later, lower report does not lower them.
CUMULATIVE = frozenset({"killed", "injured", "arrested", "displaced", "affected", "evacuated", "orphaned", "released", "captured"})
#: Counts that fall as the days pass (the missing are found, the hospitalised discharged).
SUBSIDING = frozenset({"missing", "hospitalised"})
#: `Claim.what` of a count the text adds to one said before ("four more bodies", "another
#: 12 hostages"): no total of its own (the events stage leaves it unplaced).
INCREMENT = "increment (more than a count said before)"
#: `Claim.what` of the last batch of a count ("freed the last 19 hostages", "the remaining 12
#: miners"): the rest of a set, no total of its own (the events stage leaves it unplaced).
REST = "rest (the last or remaining of a count)"
#: `Claim.what` of a count an ordinal gives ("police arrested a fourth person": four held so far).
SO_FAR = "so far (an ordinal: the count to date)"
#: `Claim.what` of a figure its sentence, or the one after it, says no official has confirmed ("52
#: people had been killed. Officials did not confirm that figure."): in its row, never its best.
UNCONFIRMED = "unconfirmed (the text says no official confirmed it)"
#: A claim's `what` when a sentence after it takes its report back ("By evening he had taken the remark back").
WITHDRAWN = "withdrawn (a later sentence takes the report back)"


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
    id: str  # content hash of the document and the number's span
    doc_id: str  # the document it is in (documents.id)
    start: int  # start of the number in documents.text
    end: int  # end (exclusive) of the number
    sentence_start: int  # start of its sentence in documents.text
    sentence_end: int  # end (exclusive) of its sentence
    measure: str  # what it counts: killed, injured, captured, missing, displaced, arrested, ... or other (see what)
    value: Optional[float] = None  # the number as stated; null for a range or a vague word ("dozens")
    low: Optional[float] = None  # the lowest value the wording allows (README: bounds by qualifier)
    high: Optional[float] = None  # the highest value the wording allows; null when open ('at least 21')
    qualifier: Optional[str] = None  # exact, at_least, more_than, at_most, less_than, about, nearly, range, vague
    group: Optional[str] = None  # the subset counted (women, children, families, ...); null for the overall figure
    victims: Optional[str] = None  # who is counted, as the text says it ("Azerbaijani civilians")
    what: Optional[str] = None  # measure other: the number's kind and the words after it; or "implicit count" (victims named); or INCREMENT ("four more")
    attributed_to: Optional[str] = None  # the source the text gives for it ("police said", a quotation's speaker); null: none
    in_quote: bool = False  # 1 when the number is inside a quotation
    event_id: Optional[str] = None  # the event it is about (events.id); kept when unplaced
    figure_id: Optional[str] = None  # the figures row it counts in (figures.id); null when unplaced
    part_of: Optional[str] = None  # id of the total this is a part of ("including 116 women")
    adds_to: Optional[str] = None  # id of the figure this one is listed beside ("9 men and 4 women")
    segment: str = "body"  # the kind of text it is in (segments.py): body, headline, subhead, caption, credit, sidebar, embed
    confidence: Optional[float] = None  # how sure its placement under event_id is (0-1; the events stage)
    placement: Optional[str] = None  # why it is tied to event_id, or "unplaced: <why>" (then it makes no figure row)
    corrected: Optional[str] = None  # JSON of its fields before a person's correction (restored on every build)
    sentence: Optional[str] = None  # its sentence's words (documents.text from sentence_start to sentence_end)
    antecedent: Optional[str] = None  # the sentence before (the paragraph before's last at a paragraph's start), when its own opens by referring back ("It killed 612 people") or, in the past with no time of its own, goes on in the time the sentence before in its paragraph set ("..., in 2011, ... and still 57 died")
    paragraph_start: int = 0  # where its paragraph (line) starts in documents.text


@dataclass
class Event(Record):
    """A real-world event (filled by the events stage)."""

    table: ClassVar[str] = "events"
    id: str  # content hash: a named event's name and year, or its story's first document
    label: str  # a short name for the event, from its sources
    type: Optional[str] = None  # attack, massacre, shooting, crash, earthquake, ...: from the event nouns its sources use
    date: Optional[str] = None  # ISO date, year, or an interval A/B ('..' for an open end)
    date_precision: Optional[str] = None  # day, year or range: what the date evidence allows
    place: Optional[str] = None  # a story's event: where two of its reports are filed from; else the place its name gives ("Khojaly")
    actors: str = "[]"  # JSON list
    historic: bool = False  # 1 when the documents recall the event (over a year before its first report) rather than report it
    date_evidence: Optional[str] = None  # what dates it, said plainly
    n_docs: int = 0  # documents that report or recall it
    aliases: str = "[]"  # JSON: ids of named events found to be this one (a story's event under a name)


@dataclass
class Figure(Record):
    """One (event, measure, group) across sources (filled by the figures stage)."""

    table: ClassVar[str] = "figures"
    id: str  # content hash of event, measure and group
    event_id: str  # the event (events.id)
    measure: str  # what it counts, as claims.measure
    group: Optional[str] = None  # the subset counted, as claims.group; null for the overall figure
    status: Optional[str] = None  # single (one document), agree, conflict (origins disagree), revised (moved over time)
    trend: Optional[str] = None  # rising, falling: trusted-dated values moving one way across 2+ origins (null: none)
    low: Optional[float] = None  # the lowest lower bound any source's wording allows
    best: Optional[float] = None  # what a fact-checker would publish (settled event: most-given value; developing: the latest)
    high: Optional[float] = None  # the highest upper bound any source's wording allows (null: left open, 'at least 21')
    conservative: Optional[float] = None  # the lowest value a source states as a count (see rule)
    rule: Optional[str] = None  # how conservative was chosen, in words
    n_docs: int = 0  # documents that state it
    n_claims: int = 0  # claims grouped into it
    n_origins: int = 0  # independent origins: one per primary source, one per copy lineage; never more than n_docs
    origins: str = "[]"  # JSON: each independent origin (origins.py): name, what it is known by, values, documents
    genealogy: str = "{}"  # JSON: each value -> the documents that state it, in publication order
    copy_edits: str = "[]"  # JSON: number edits in copied passages that changed this figure's claims
    sides: str = "[]"  # JSON: for a conflict, each value with the documents and origins that give it


@dataclass
class Check(Record):
    """A consistency finding (filled by the figures stage)."""

    table: ClassVar[str] = "checks"
    id: str  # content hash of kind and the ids it names
    kind: str  # parts_exceed_whole, subset_exceeds_set, group_exceeds_total, self_contradiction
    figure_ids: str = "[]"  # JSON list
    claim_ids: str = "[]"  # JSON list
    detail: Optional[str] = None  # the finding in words ("women 116 + children 80 > killed 150")


@dataclass
class Reuse(Record):
    """A passage copied between two documents (filled by the reuse stage)."""

    table: ClassVar[str] = "reuse"
    id: str  # content hash of both passages' spans (the same whichever way the link points)
    source_doc: str  # the earlier document (see direction)
    target_doc: str  # the later document, holding the copy
    source_start: int  # start of the passage in the source document's text
    source_end: int  # end (exclusive) of the passage in the source document's text
    target_start: int  # start of the passage in the target document's text
    target_end: int  # end (exclusive) of the passage in the target document's text
    score: float = 0.0  # shared words / words of the longer passage (1.0: identical)
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
    id: str  # content hash of the document and the quotation's span
    doc_id: str  # the document it is in (documents.id)
    start: int  # start of the quoted words in documents.text (marks left out)
    end: int  # end (exclusive) of the quoted words
    text: str  # the quotation, without its quote marks
    speaker: Optional[str] = None  # who said it, as the document names them ("he" resolved to the name it refers to)
    speaker_start: Optional[int] = None  # start of that speaker mention in documents.text (may be before the quote)
    speaker_end: Optional[int] = None  # end (exclusive) of the speaker mention
    speaker_key: Optional[str] = None  # one key per person or body, whatever the spelling ("person cavusoglu"; origins.py)


@dataclass
class Term(Record):
    """A label a document uses for an event (filled by the framing analyser)."""

    table: ClassVar[str] = "terms"
    pk: ClassVar[Optional[str]] = "id"
    id: str  # content hash of document, event, term, voice, kind, speaker, speech and negated
    doc_id: str  # the document using it (documents.id)
    term: str  # the label or loaded word
    voice: str  # own, quoted (inside quotation marks, or reported speech: see `speech`), title
    count: int = 1  # how many times the document uses it so (one per span)
    event_id: Optional[str] = None  # the event the label refers to (events.id); null: none
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
    id: str  # content hash of target, field, value and time
    target: str  # claim:ID, document:ID or event:ID
    field: str  # the field overridden: value, event_id, measure, published, same_as, label, ...
    value: Optional[str] = None  # the new value, as typed
    note: Optional[str] = None  # why, in the person's words (--note)
    author: Optional[str] = None  # who made it (--author, default $USER)
    created: Optional[str] = None  # when it was recorded (ISO 8601, UTC)
    anchors: Optional[str] = None  # JSON: the text each id it names pointed at, to find it again after a rebuild
    status: Optional[str] = None  # recorded, applied, or not applied: why


@dataclass
class DatingRow(Record):
    """One dating rule's answer for one document (datings.py): every rule that dates a
    document writes a row; `documents.published` is the one row chosen, with the reason."""

    table: ClassVar[str] = "datings"
    id: str  # content hash of document, stage, how and evidence
    doc_id: str  # the document dated (documents.id)
    stage: str  # document (its own evidence: metadata, URL, text), correction, passages, story, serial, event
    how: Optional[str] = None  # as documents.published_how; null: the document has no dating of its own
    evidence: Optional[str] = None  # the exact text(s), " + "-joined, or the metadata field
    spans: Optional[str] = None  # JSON [[start, end], ...]: where each piece of the evidence stands in the text
    published: Optional[str] = None  # the day, when the evidence gives one
    precision: Optional[str] = None  # day, year, range, no_year
    low: Optional[str] = None  # the earliest day the evidence allows (ISO date; null: open)
    high: Optional[str] = None  # the latest day the evidence allows (ISO date; null: open)
    partial: Optional[str] = None  # a yearless day ("--03-12")
    confidence: Optional[float] = None  # dates.DATING_CONFIDENCE of its how
    status: Optional[str] = None  # chosen: why / candidate / withdrawn: why


@dataclass
class EventMention(Record):
    """A named event a text mentions (analyse/mentions.py), found once per document: the
    events, terms and dating stages read these rows instead of reading the texts again."""

    table: ClassVar[str] = "mentions"
    id: str  # content hash of the document and the mention's start
    doc_id: str  # the document (documents.id)
    start: int  # offset of the mention (its name and event noun) in documents.text
    end: int  # end offset in documents.text (exclusive)
    name: str  # the name as the text writes it ("Khojaly", "Lake Veldra")
    key: str  # the name in lower case: the event's identity across documents
    noun: str  # the event noun ("massacre", "fire"), in lower case
    year: Optional[int] = None  # the year its sentence gives it, when one does
    sentence_start: int = 0  # the sentence it is in: start offset in documents.text
    sentence_end: int = 0  # the sentence's end offset (exclusive)
    segment: str = "body"  # the kind of line it is in (segments.py); captions, credits, sidebars create no event
    actors: str = "{}"  # JSON {name: uses}: who its sentence says did it ("Armenian forces")
    dates: str = "[]"  # JSON [[year, month, day, [end month, end day] or null], ...]: the days its sentence gives in its year
    names: str = "[]"  # JSON: the capitalised runs of its sentence, in lower case, when it has a year (other names of the event)
    located: bool = False  # its name is a place: it follows the noun ("the attack on Barda"), or the text puts something in, at or near it
    deixis: Optional[str] = None  # what the words before it say of its time: 'current' ("this week's floods"), 'other' ("a separate flood"), or null
    event_id: Optional[str] = None  # the event it names (events.id), filled by the events stage; null: no row (a page's, a caption's)


@dataclass
class Lead(Record):
    """A document's opening as the events stage reads it (analyse/mentions.py), and the
    reports it calls false, found once per document: the stage reads these rows instead of
    the text."""

    table: ClassVar[str] = "leads"
    id: str  # content hash of the document
    doc_id: str  # the document (documents.id)
    lead_end: int  # where its lead ends: after its first two body sentences (0: none)
    lede_start: int = 0  # its first two sentences (whatever their kind) within 1,000 characters: start offset
    lede_end: int = 0  # their end offset (0: none)
    opening: str = ""  # documents.text up to the later of lead_end and lede_end
    first_line: str = ""  # its first line (at most 120 characters)
    latest_year: Optional[int] = None  # the latest year its first 30,000 characters name
    terms: str = "{}"  # JSON {term: weight}: the content words of its title and first 3,000 characters (capitalised ones count twice), which the stories stage compares
    names: str = "{}"  # JSON {name: uses}: its names and figures there (capitalised words; numbers of 3+ characters as "#1992")
    year_named: Optional[int] = None  # the year its title and first 1,000 characters name most
    denials: str = "[]"  # JSON [[start, end, [names], [kinds], measure]]: reports it calls false or withdrawn without their number (retractions.denials)


@dataclass
class DateMentionRow(Record):
    """A date the text gives in its first 30,000 characters (text/timex.py), found once per
    document by the dates analyser: the dating stages read these rows, not the texts."""

    table: ClassVar[str] = "date_mentions"
    id: str  # content hash of the document and the date's start
    doc_id: str  # the document (documents.id)
    start: int  # offset of the date expression in documents.text
    end: int  # end offset (exclusive)
    text: str  # the words, as the text writes them ("on Tuesday", "Feb. 26, 1992")
    kind: str  # date, month, year, season, range, weekday, relative, anniversary, holiday
    year: Optional[int] = None  # the year it gives, when it gives one
    month: Optional[int] = None  # the month (1-12)
    day: Optional[int] = None  # the day of the month
    end_year: Optional[int] = None  # a range's last year
    end_month: Optional[int] = None  # a range's last month
    end_day: Optional[int] = None  # a range's last day
    weekday: Optional[int] = None  # a weekday's number (Monday 0)
    offset: Optional[int] = None  # a relative date's offset in its unit ("last week": -1)
    unit: Optional[str] = None  # a relative date's unit: day, week, month, year
    approx: bool = False  # "about three years ago", "nearly 30 years ago"
    ordinal: Optional[int] = None  # an anniversary's number ("the 33rd anniversary": 33)
    event_start: Optional[int] = None  # an anniversary's event phrase ("of the Khojaly massacre"): start offset
    event_end: Optional[int] = None  # its end offset (exclusive)
    time: Optional[str] = None  # a clock time given with it ("10:30")
    reporting: bool = True  # it can date the document: not in a caption, credit or teaser, no weekday spoken of as ahead
    period_start: int = 0  # the stretch between full stops it stands in: start offset (a dated event's weekday is looked for there)
    period_end: int = 0  # that stretch's end offset (a full stop, or the end of the text read)
    space_after: int = 0  # whitespace characters right after it (at most 3): what it is attached to
    phrase: Optional[str] = None  # an anniversary's words up to the end of its event ("33rd anniversary of the Khojaly massacre")


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
    EventMention,
    DateMentionRow,
    Lead,
    Correction,
    DatingRow,
    Reject,
)

#: The per-document tables the analysers fill: each one a field of Annotations named as the
#: table (adding one is a record class here, its name in this tuple and that field).
ANNOTATION_TABLES: tuple[type[Record], ...] = (Claim, Quote, Term, EventMention, DateMentionRow, Lead)


@dataclass
class Annotations:
    """Everything the per-document analysers found in one document."""

    doc_id: str
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    date_mentions: list[DateMentionRow] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
    # Fields of the Document the analysers may set (e.g. a date found in the text).
    document_updates: dict[str, Any] = field(default_factory=dict)

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        return {cls.table: [r.row() for r in getattr(self, cls.table)] for cls in ANNOTATION_TABLES}

    def add(self, other: "Annotations") -> None:
        """Take in another analyser's findings for the same document."""
        for cls in ANNOTATION_TABLES:
            getattr(self, cls.table).extend(getattr(other, cls.table))
        self.document_updates.update(other.document_updates)
