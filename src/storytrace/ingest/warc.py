"""HTML responses inside WARC files, each one document (warcio).

One job: stream a .warc / .warc.gz file and yield one RawDoc per HTML response, and
a Reject for each response that cannot be a document (an error status, a body
over the size limit) plus one for what is not HTML, summarised per file, and one
when the file is truncated or corrupt (the records read before that are kept).
"""

from __future__ import annotations

import os
from collections import Counter
from typing import BinaryIO, Iterator, Optional, Union

from ..model import Reject
from .raw import RawDoc

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[Union[RawDoc, Reject]]:
    from warcio.archiveiterator import ArchiveIterator

    skipped: Counter = Counter()
    n = 0
    size: Optional[int] = None
    try:
        size = os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        pass
    records = ArchiveIterator(stream, arc2warc=True)
    try:
        for record in records:
            if record.rec_type not in ("response", "resource"):
                continue  # requests, metadata, warcinfo: never documents
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {n}"
            where = f"{source}#{uri}"
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode()
            else:
                ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
                status = "200"
            mime = ctype.split(";")[0].strip()
            if mime not in HTML_TYPES:
                skipped[mime or "no content type"] += 1
                continue
            if status and status != "200":
                yield Reject(where, f"HTTP status {status}: not an article page")
                continue
            body = record.content_stream().read(max_bytes + 1)
            while record.raw_stream.read(2**20):  # the rest of an over-long body
                pass
            missing = getattr(record.raw_stream, "limit", 0) or 0
            if missing > 0:  # the file ends inside this record: nothing can follow
                yield Reject(where, f"truncated WARC: this record ends {missing} bytes short of its length")
                return
            if len(body) > max_bytes:
                yield Reject(where, f"HTML body larger than the {max_bytes // 2**20} MiB limit for one article")
                continue
            if not body.strip():
                yield Reject(where, "empty HTTP response body")
                continue
            yield RawDoc(source=where, kind="html", data=body, input_format="warc", size=len(body), meta={"url": uri})
    except Exception as e:  # warcio: ArchiveLoadFailed, EOFError, zlib.error, ...
        yield Reject(source, f"truncated or corrupt WARC after {n} records ({type(e).__name__}: {str(e)[:120]})")
        return
    # warcio stops quietly at a gzip member cut short: compare where it stopped with the size.
    end = getattr(records, "offset", None)
    if size is not None and end is not None and end < size:
        stream.seek(end)
        if stream.read(4096).strip():
            yield Reject(source, f"truncated or corrupt WARC after {n} records ({size - end} bytes at the end could not be read)")
    if n == 0 and not skipped:
        yield Reject(source, "WARC file holds no response records")
    if skipped:
        kinds = ", ".join(f"{k} {v}" for k, v in skipped.most_common(5))
        yield Reject(source, f"skipped {sum(skipped.values())} non-HTML responses in the WARC ({kinds})")
