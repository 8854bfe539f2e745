"""RawDoc: one input item read from disk or stdin, not yet cleaned (picklable)."""

from __future__ import annotations

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
