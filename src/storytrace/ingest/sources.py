"""From what the user named (files, folders, globs, '-') to a stream of RawDocs and Rejects.

One job: find the inputs, tell their format, read them with bounded memory, and turn
every problem with an input (missing, empty, binary, too large, malformed JSON,
unsupported) into a Reject with a reason, never an exception.
"""

from __future__ import annotations

import glob as globmod
import gzip
import json
import os
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, Sequence, Union, cast

from ..model import Reject
from .clean import looks_binary
from .metadata import TEXT_FIELDS, first_field, record_metadata
from .raw import RawDoc
from .warc import read_warc

#: Largest single article (a text or HTML file, a JSON record, a WARC response body).
DEFAULT_MAX_BYTES = 20 * 2**20
#: A .json file (one record or a list) is loaded whole: up to this many times max_bytes.
JSON_FILE_FACTOR = 10

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc": "warc",
    ".arc.gz": "warc",
}

Item = Union[RawDoc, Reject]


@dataclass
class InputFile:
    path: Optional[Path]  # None for stdin
    display: str
    size: int = 0


def mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def format_of(path: Path) -> Optional[str]:
    name = path.name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    return None


def sniff_format(path: Path) -> Optional[str]:
    """The format of a file without a known extension, from its first bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(2048)
    except OSError:
        return None
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as g:
                head = g.read(2048)
        except (OSError, EOFError):
            return None
        return "warc" if head.startswith(b"WARC/") else ("jsonl" if head.lstrip().startswith(b"{") else None)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        return "jsonl" if b"}\n{" in stripped.replace(b"\r", b"") or b"\n{" in stripped else "json"
    lower = stripped[:512].lower()
    if lower.startswith((b"<!doctype html", b"<html")) or b"<html" in lower:
        return "html"
    if stripped and not looks_binary(head):
        return "text"
    return None


def expand(inputs: Sequence[str]) -> tuple[list[InputFile], list[Reject]]:
    """Input names to files, recursively and in a stable order; missing ones become Rejects.

    Hidden files and folders (names starting with '.') inside a folder are not inputs.
    """
    files: list[InputFile] = []
    rejects: list[Reject] = []
    seen: set[str] = set()

    def add(p: Path, display: str) -> None:
        key = os.path.realpath(p)
        if key in seen:
            return
        seen.add(key)
        try:
            size = p.stat().st_size
        except OSError:
            size = 0
        files.append(InputFile(p, display, size))

    for name in inputs:
        if name == "-":
            files.append(InputFile(None, "<stdin>"))
            continue
        p = Path(name)
        if p.is_dir():
            found: list[Path] = []
            visited: set[str] = set()
            for root, dirs, names in os.walk(p, followlinks=True):
                real = os.path.realpath(root)
                if real in visited:  # a link back up the tree: read each folder once
                    dirs[:] = []
                    continue
                visited.add(real)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / n for n in names if not n.startswith("."))
            if not found:
                rejects.append(Reject(name, "folder holds no files"))
            for f in sorted(found):
                add(f, str(f))
        elif p.is_file():
            add(p, name)
        elif p.exists():
            rejects.append(Reject(name, "not a regular file"))
        elif any(c in name for c in "*?["):
            matches = sorted(globmod.glob(name, recursive=True))
            matches = [m for m in matches if Path(m).is_file()]
            if not matches:
                rejects.append(Reject(name, "no file matches this pattern"))
            for m in matches:
                add(Path(m), m)
        else:
            rejects.append(Reject(name, "no such file or folder"))
    return files, rejects


def record_item(record: object, source: str, input_format: str, size: int, max_chars: int) -> Item:
    try:
        return _record_fields(record, source, input_format, size, max_chars)
    except Exception as e:  # odd field values must not end the run
        return Reject(source, f"unreadable record ({type(e).__name__}: {str(e)[:100]})")


def _record_fields(record: object, source: str, input_format: str, size: int, max_chars: int) -> Item:
    if not isinstance(record, dict):
        return Reject(source, f"JSON record is a {type(record).__name__}, not an object")
    name, text = first_field(record, TEXT_FIELDS)
    if name is None:
        present = [k for k in TEXT_FIELDS if k in record]
        if present:
            return Reject(source, f"record text is empty (field {present[0]!r})")
        return Reject(source, f"record has no text field (looked for {', '.join(TEXT_FIELDS)})")
    if not isinstance(text, str):
        return Reject(source, f"record field {name!r} is a {type(text).__name__}, not text")
    if len(text) > max_chars:
        return Reject(source, f"record text too large ({len(text) / 2**20:.1f} M characters > limit for one article)")
    return RawDoc(source, "record", text, input_format, size, record_metadata(record))



def read_lines(stream: BinaryIO, source: str, input_format: str, max_bytes: int) -> Iterator[Item]:
    """JSON lines with bounded memory: a line over max_bytes is rejected, not read whole."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        lineno += 1
        where = f"{source}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            skipped = len(line)
            while True:  # skip the rest of the over-long line
                chunk = stream.readline(2**20)
                skipped += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield Reject(where, f"JSON line too large ({mib(skipped)} > {mib(max_bytes)} limit for one article)")
            continue
        if not line.strip():
            continue
        record = parse_json(line, where, "line")
        yield record if isinstance(record, Reject) else record_item(record, where, input_format, len(line), max_bytes)


def parse_json(data: bytes, where: str, what: str) -> object:
    """The parsed JSON value, or a Reject saying what is wrong with it. A value nested
    too deeply for the parser (a record with a 100,000-deep field) is read without that
    field: what lies deeper than MAX_DEPTH becomes null and the record says so
    (documents.notes), so its text is not lost."""
    try:
        return json.loads(data)
    except UnicodeDecodeError as e:
        return Reject(where, f"undecodable bytes in JSON {what} (not UTF-8 at byte {e.start})")
    except json.JSONDecodeError as e:
        place = f"line {e.lineno} column {e.colno}" if what == "file" else f"column {e.colno}"
        return Reject(where, f"malformed JSON: {e.msg} at {place}")
    except RecursionError:
        return _parse_deep(data, where)
    except ValueError as e:
        return Reject(where, f"malformed JSON: {type(e).__name__} (invalid)")


MAX_DEPTH = 64  # JSON nesting read from a record that is nested deeper than the parser allows
#: Note a record read without its deepest values carries (documents.notes).
READ_NOTE = "_storytrace_read_note"
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)|[\[\]{}]')  # (an unclosed string runs to the end once)


def _parse_deep(data: bytes, where: str) -> object:
    """json.loads of `data` with every value deeper than MAX_DEPTH replaced by null (one
    left-to-right scan, no recursion), each dict record noting what was not read."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return Reject(where, f"undecodable bytes in JSON (not UTF-8 at byte {e.start})")
    out: list[str] = []
    depth, kept, cut_from, element = 0, 0, -1, -1
    cuts: dict[int, int] = {}  # top-level element (-1: the value itself) -> values cut from it
    top_list = text.lstrip().startswith("[")
    for m in _JSON_TOKEN.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if top_list and depth == 2:
                element += 1
            if depth == MAX_DEPTH + 1 and cut_from < 0:
                out.append(text[kept:m.start()])
                cut_from = m.start()
        elif c in "]}":
            depth -= 1
            if depth == MAX_DEPTH and cut_from >= 0:
                out.append("null")
                kept, cut_from = m.end(), -1
                key = element if top_list else -1
                cuts[key] = cuts.get(key, 0) + 1
    out.append(text[kept:] if cut_from < 0 else text[kept:cut_from])
    try:
        value = json.loads("".join(out))
    except (json.JSONDecodeError, RecursionError, ValueError):
        return Reject(where, "malformed JSON: nested too deeply and not readable without its deepest values")
    records = enumerate(value) if isinstance(value, list) and top_list else [(-1, value)]
    for i, record in records:  # the records that lost values say so
        if isinstance(record, dict) and cuts.get(i):
            record[READ_NOTE] = f"{cuts[i]} JSON value(s) nested deeper than {MAX_DEPTH} levels were not read (null)"
    return value


def _read_json(path: Path, display: str, max_bytes: int) -> Iterator[Item]:
    data = path.read_bytes()
    parsed = parse_json(data, display, "file")
    if isinstance(parsed, Reject):
        yield parsed
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    if not records:
        yield Reject(display, "JSON file holds an empty list")
    for i, record in enumerate(records):
        where = display if not isinstance(parsed, list) else f"{display}#{i}"
        size = len(data) // max(1, len(records))
        yield record_item(record, where, "json", size, max_bytes)


def read_file(f: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every RawDoc (and Reject) one input file holds."""
    if f.path is None:
        yield from read_lines(sys.stdin.buffer, "<stdin>", "stdin", max_bytes)
        return
    path, display = f.path, f.display
    fmt = format_of(path)
    if fmt is None:
        suffix = path.suffix.lower()
        if suffix:
            yield Reject(display, f"unsupported format {suffix!r} (accepted: .txt .text .html .htm .json .jsonl .ndjson .jsonl.gz .warc .warc.gz)")
            return
        fmt = sniff_format(path)
        if fmt is None:
            yield Reject(display, "unrecognised file without extension (not text, HTML, JSON or WARC)")
            return
    try:
        size = path.stat().st_size
        if size == 0:
            yield Reject(display, "empty file")
            return
        if fmt in ("text", "html") and size > max_bytes:
            yield Reject(display, f"file too large for one article ({mib(size)} > {mib(max_bytes)} limit)")
            return
        if fmt == "json" and size > JSON_FILE_FACTOR * max_bytes:
            yield Reject(display, f"JSON file too large to load whole ({mib(size)} > {mib(JSON_FILE_FACTOR * max_bytes)}); "
                                  "use JSON lines (.jsonl) for large collections")
            return
        if fmt in ("text", "html"):
            data = path.read_bytes()
            yield RawDoc(display, fmt, data, fmt, len(data))
        elif fmt == "json":
            yield from _read_json(path, display, max_bytes)
        elif fmt == "jsonl":
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as stream:
                # gzip.GzipFile and BufferedReader are binary streams with readline(), all read_lines uses
                yield from read_lines(cast(BinaryIO, stream), display, "jsonl", max_bytes)
        else:
            with open(path, "rb") as stream:
                yield from read_warc(stream, display, max_bytes)
    except (OSError, EOFError, zlib.error) as e:
        yield Reject(display, f"could not read file: {getattr(e, 'strerror', None) or e}")
