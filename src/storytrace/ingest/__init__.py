"""Ingest: from files, folders, globs, WARC and JSON lines to clean Documents.

Two steps, so the costly one can run in worker processes:
- `read_inputs(inputs)` (sources.py) streams RawDocs and Rejects in a stable order;
- `prepare(raw)` (pure, picklable) decodes, extracts HTML, reads the date header,
  normalises, removes boilerplate, checks it is an article, detects the language,
  and returns a Document or a Reject.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Iterator, Sequence, Union

from ..text.segments import page_kind
from ..model import Document, Reject
from .clean import IngestError, clean_text, copyright_holder, decode, detect_language, guess_title, strip_surrogates, word_count
from .raw import RawDoc, item_digest
from .sources import DEFAULT_MAX_BYTES, InputFile, expand, read_file

__all__ = ["RawDoc", "read_inputs", "prepare", "digest", "expand", "read_file", "DEFAULT_MAX_BYTES", "InputFile"]

# The date header of storytrace's plain-text format: a first line " date YYYY-MM-DD".
# (In ../shared/corpora/seeds the article text goes on after the date on that same line.)
HEADER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?![\d-])[ \t]*\n?")


def read_inputs(inputs: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Union[RawDoc, Reject]]:
    files, rejects = expand(inputs)
    yield from rejects
    for f in files:
        yield from read_file(f, max_bytes)


def split_header(text: str) -> tuple[str, dict]:
    """Take the ` date YYYY-MM-DD` header off a plain text; return (text, metadata)."""
    m = HEADER.match(text.lstrip("\ufeff"))
    if not m:
        return text, {}
    from .metadata import iso_date

    published = iso_date(m.group(1))
    meta = {}
    if published:
        meta = {"published": published, "published_how": "header", "published_evidence": m.group(0).strip()}
    return text.lstrip("\ufeff")[m.end() :], meta


#: The longest text analysed as one article (about 1.6 million words; analysis of a text
#: this long takes about 250 MB and minutes): longer ones are rejected with the reason.
MAX_ARTICLE_CHARS = 10_000_000


def prepare(raw: RawDoc) -> Union[Document, Reject]:
    """One RawDoc to a Document, or to a Reject saying why not. Never raises on bad input."""
    try:
        meta = {k: strip_surrogates(v) if isinstance(v, str) else v for k, v in raw.meta.items()}
        encoding = None
        notes = []
        if raw.kind == "html":
            from .html import extract_html

            text, found, encoding = extract_html(raw.data, url=meta.get("url"))  # type: ignore[arg-type]
            meta = {**found, **{k: v for k, v in meta.items() if v}}
        elif raw.kind == "text":
            text, encoding = decode(raw.data)  # type: ignore[arg-type]
            text, header = split_header(text)
            meta.update(header)
        else:
            text = str(raw.data)
        if len(text) > MAX_ARTICLE_CHARS:
            return Reject(raw.source, f"text of {len(text) / 1e6:.1f} M characters: longer than one article storytrace "
                                      f"analyses ({MAX_ARTICLE_CHARS / 1e6:.0f} M, so that memory and time stay bounded); "
                                      "split it into its articles (one per file or JSON line)")
        if encoding and encoding != "utf-8":
            notes.append(f"decoded as {encoding}")
        if meta.get("metadata_note"):
            notes.append(meta["metadata_note"])
        cleaned = clean_text(text)
        language = detect_language(cleaned.text) or meta.get("language")
        if not meta.get("outlet") and cleaned.boilerplate:
            holder = copyright_holder(cleaned.boilerplate)
            if holder:
                meta["outlet"] = holder[0]
                notes.append(f"outlet from the footer {holder[1][:80]!r}")
        title = meta.get("title") or (guess_title(cleaned.text) if raw.kind == "text" else None)
        url = meta.get("url")
        # What makes two equal texts two documents: their URL, else the record's own
        # id, else the file name (not the path, so a moved folder gives the same ids;
        # not the line, so a record that moves down its file is still the same).
        identity = url or meta.get("record_id") or _file_name(raw.source)
        return Document(
            id=Document.make_id(cleaned.text, identity),
            source=raw.source,
            text=cleaned.text,
            url=url,
            outlet=meta.get("outlet"),
            title=title,
            published=meta.get("published"),
            published_how=meta.get("published_how"),
            published_evidence=meta.get("published_evidence"),
            language=language,
            boilerplate="\n".join(cleaned.boilerplate) or None,
            record_id=meta.get("record_id"),
            input_format=raw.input_format,
            encoding=encoding,
            words=word_count(cleaned.text),
            notes="; ".join(notes) or None,
            kind=page_kind(cleaned.text),
        )
    except IngestError as e:
        return Reject(raw.source, str(e))
    except RecursionError:
        return Reject(raw.source, "input too deeply nested to parse")
    except Exception as e:  # a bug or a library failing on odd input: the input is still accounted for
        return Reject(raw.source, f"internal error while reading: {type(e).__name__}: {str(e)[:120]}")


_LINE_SUFFIX = re.compile(r"(?::\d+|#\d+)$")


def digest(raw: RawDoc) -> str:
    """The input item's digest (raw.item_digest), with the file name its document's id uses
    and the digest of the code that reads items (`reading_code`)."""
    return item_digest(raw, _file_name(raw.source), reading_code())


@functools.lru_cache(maxsize=1)
def reading_code() -> str:
    """A digest of the code that turns an input item into a document (ingest/, text/,
    model.py): items read by other code are read again."""
    from .. import __version__

    root = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=8)
    h.update(__version__.encode())  # (all there is when the package runs from a zip)
    for f in sorted([*root.joinpath("ingest").glob("*.py"), *root.joinpath("text").glob("*.py"), root / "model.py"]):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def _file_name(source: str) -> str:
    """'corpora/feed.jsonl:17' -> 'feed.jsonl' (WARC sources carry their URL instead)."""
    return _LINE_SUFFIX.sub("", source.replace("\\", "/").rsplit("/", 1)[-1])
