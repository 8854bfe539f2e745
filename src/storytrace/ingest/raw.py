"""RawDoc: one input item read from disk or stdin, not yet cleaned (picklable)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Union


@dataclass
class RawDoc:
    source: str  # path, path:line, path#record or path#url
    kind: str  # "text" (bytes of a text file), "html" (bytes of a page), "record" (str of a JSON record's text)
    data: Union[bytes, str]
    input_format: str  # text, html, json, jsonl, warc, stdin
    size: int = 0  # bytes read, for progress
    meta: dict[str, Any] = field(default_factory=dict)


def item_digest(raw: RawDoc, file_name: str, code: str = "") -> str:
    """16 hex digits that change when anything the item gives a document changes: its kind,
    bytes (or text), format, metadata and file name (what the document's id is made of, and
    every field read from the item), and `code` (the reading code's own digest: a release
    that reads items differently reads them again); the same item read again gives the
    same digest."""
    h = hashlib.blake2b(digest_size=8)
    for part in (code, raw.kind, raw.input_format, file_name, json.dumps(raw.meta, sort_keys=True, default=str)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    h.update(raw.data if isinstance(raw.data, bytes) else raw.data.encode("utf-8", "surrogatepass"))
    return h.hexdigest()
