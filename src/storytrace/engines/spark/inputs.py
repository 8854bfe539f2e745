"""What the executors read: input names to units of work, units to RawDocs.

One job: turn the names a user gave into a distributed stream of (file number,
position, RawDoc or Reject), in an order that is the local engine's input order
(file number, then position in the file), with the same sources, reasons and ids.

- Local names (no scheme) are expanded on the driver exactly as the local engine does
  (`ingest.expand`: folders recursively, globs, stable order); only the paths travel
  to the executors, which read them with the local engine's own readers
  (`ingest.read_file`). A large plain JSONL file is cut into byte ranges at line
  starts, read in parallel, with line numbers shifted so each record keeps the
  source `FILE:LINE` the local engine gives it. (On a cluster, local paths must be on
  a file system every node mounts; otherwise name them by URI.)
- URIs (hdfs://, s3a://, gs://, file://, ...) are listed through Hadoop's file system
  (globs, folders recursively, hidden `.`/`_` names skipped) and read by Spark:
  `.jsonl`/`.ndjson` line by line (`textFile`, split across executors), Parquet
  (`.parquet`, one record per row: the same field names as JSON records, e.g. `text`,
  `title`, `url`), and every other file whole (`binaryFiles`: WARC, HTML, text, JSON,
  gzipped JSONL), handed to the local readers.
- `-` (JSON lines on stdin) is spooled to a file beside the ledger: local masters only.
"""

from __future__ import annotations

import dataclasses
import io
import math
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence, Union

from ...ingest import RawDoc, expand, read_file
from ...ingest.sources import InputFile, mib, parse_json, read_lines, record_item, format_of
from ...model import Reject
from .uris import is_uri

MIN_RANGE = 1 << 20  # bytes: smallest byte range of a JSONL file read by one task
MAX_RANGE = 64 << 20
MARKERS = frozenset({"_SUCCESS"})  # a Parquet folder's commit marker: not an input (the local engine rejects it as empty)

Item = Union[RawDoc, Reject]


@dataclass
class Unit:
    """One piece of input read by one task."""

    f: int  # file number, in input order
    kind: str  # file, range, stdin (local readers), binary, lines, parquet (Spark readers)
    path: str  # local path, or URI as Hadoop qualifies it
    display: str  # the source name documents and rejects carry
    size: int = 0
    start: int = 0  # range: bytes [start, end), line0 lines before it
    end: int = 0
    line0: int = 0


def plan(spark: Any, inputs: Sequence[str], stdin_dir: Optional[Path] = None) -> tuple[list[Unit], list[Reject], int]:
    """(units in input order, rejects for names that hold nothing, total bytes)."""
    units: list[Unit] = []
    missing: list[Reject] = []
    seen: set[str] = set()  # a local file named twice is read once, as ingest.expand does
    for name in inputs:
        if is_uri(name):
            found = _list_uri(spark, name)
            if not found:
                missing.append(Reject(name, "no file matches this pattern" if any(c in name for c in "*?[") else "no such file or folder"))
            for path, size in found:
                low = path.lower()
                kind = "parquet" if low.endswith(".parquet") else "lines" if low.endswith((".jsonl", ".ndjson")) else "binary"
                units.append(Unit(len(units), kind, path, path, size))
            continue
        files, gone = expand([name])
        missing.extend(gone)
        for f in files:
            if f.path is None:  # stdin: spooled to a file the (local) executors can read
                spool = Path(tempfile.mkstemp(prefix=".storytrace-stdin-", suffix=".jsonl", dir=stdin_dir)[1])
                with open(spool, "wb") as out:
                    shutil.copyfileobj(sys.stdin.buffer, out)
                units.append(Unit(len(units), "stdin", str(spool), "<stdin>", spool.stat().st_size))
                continue
            key = os.path.realpath(f.path)
            if key in seen or f.path.name in MARKERS:
                continue
            seen.add(key)
            if f.path.name.lower().endswith(".parquet"):
                units.append(Unit(len(units), "parquet", str(f.path.resolve()), f.display, f.size))
            else:
                units.append(Unit(len(units), "file", str(f.path), f.display, f.size))
    units = _split_ranges(spark, units)
    total = sum(u.end - u.start if u.kind == "range" else u.size for u in units)
    return units, missing, total


def _list_uri(spark: Any, name: str) -> list[tuple[str, int]]:
    """Files under a URI (a file, a folder read recursively, or a glob), sorted, hidden names skipped."""
    from .tables import hadoop_fs

    fs, p = hadoop_fs(spark, name)
    try:
        statuses = fs.globStatus(p)
    except Exception:  # noqa: BLE001 - an unreachable file system is "nothing there"
        return []
    out: list[tuple[str, int]] = []
    for st in statuses or []:
        if st.isDirectory():
            it = fs.listFiles(st.getPath(), True)
            base = st.getPath().toString().rstrip("/")
            while it.hasNext():
                s = it.next()
                path = s.getPath().toString()
                rel = path[len(base):].strip("/").split("/")
                if any(part.startswith((".", "_")) for part in rel):
                    continue
                out.append((path, s.getLen()))
        else:
            out.append((st.getPath().toString(), st.getLen()))
    return sorted(set(out))


def _split_ranges(spark: Any, units: list[Unit]) -> list[Unit]:
    """Cut large plain JSONL files into byte ranges at line starts (a Spark job finds the
    boundaries and counts the lines before each, so line numbers stay the file's own)."""
    parallelism = max(1, spark.sparkContext.defaultParallelism)
    jobs: list[tuple[int, str, int, int, int]] = []  # (file, path, start, end, size)
    for u in units:
        if u.kind == "file" and format_of(Path(u.path)) == "jsonl" and not u.path.lower().endswith(".gz"):
            size = u.size
            step = max(MIN_RANGE, min(MAX_RANGE, size // (2 * parallelism) + 1))
            if size > step:
                jobs.extend((u.f, u.path, i * step, (i + 1) * step, size) for i in range(math.ceil(size / step)))
    if not jobs:
        return units
    bounds = spark.sparkContext.parallelize(jobs, min(len(jobs), 4 * parallelism)).map(_range_bounds).collect()
    by_file: dict[int, list[tuple[int, int, int]]] = {}
    for f, start, end, lines in sorted(bounds):
        by_file.setdefault(f, []).append((start, end, lines))
    out: list[Unit] = []
    for u in units:
        if u.f not in by_file:
            out.append(u)
            continue
        line0 = 0
        for start, end, lines in by_file[u.f]:
            if end > start:
                out.append(dataclasses.replace(u, kind="range", start=start, end=end, line0=line0))
            line0 += lines
    return out


def _line_start(fh: Any, pos: int, size: int) -> int:
    """The first line start at or after byte pos."""
    if pos <= 0:
        return 0
    if pos >= size:
        return size
    fh.seek(pos - 1)
    while True:
        chunk = fh.read(1 << 16)
        if not chunk:
            return size
        i = chunk.find(b"\n")
        if i >= 0:
            return fh.tell() - len(chunk) + i + 1


def _range_bounds(job: tuple[int, str, int, int, int]) -> tuple[int, int, int, int]:
    f, path, lo, hi, size = job
    with open(path, "rb") as fh:
        start, end = _line_start(fh, lo, size), _line_start(fh, hi, size)
        fh.seek(start)
        lines, left = 0, end - start
        while left > 0:
            chunk = fh.read(min(left, 1 << 20))
            if not chunk:
                break
            lines += chunk.count(b"\n")
            left -= len(chunk)
    return f, start, end, lines


# ----------------------------------------------------------------- reading, on executors


def read_unit(u: Unit, max_bytes: int) -> Iterator[tuple[int, int, Item]]:
    """(file number, position, item) for every item of a local unit."""
    if u.kind == "file":
        for p, item in enumerate(read_file(InputFile(Path(u.path), u.display, u.size), max_bytes)):
            yield u.f, p, item
    elif u.kind == "stdin":
        with open(u.path, "rb") as stream:
            for p, item in enumerate(read_lines(stream, "<stdin>", "stdin", max_bytes)):
                yield u.f, p, item
    elif u.kind == "range":
        with open(u.path, "rb") as fh:
            fh.seek(u.start)
            data = fh.read(u.end - u.start)
        for p, item in enumerate(read_lines(io.BytesIO(data), u.display, "jsonl", max_bytes)):
            yield u.f, u.line0 + p, _shift(item, u.display, u.line0)
    else:
        raise ValueError(f"not a local unit: {u.kind}")


def _shift(item: Item, display: str, line0: int) -> Item:
    """A record read from a byte range: its source names its line in the whole file."""
    if not line0:
        return item
    line = int(item.source[len(display) + 1 :]) + line0
    source = f"{display}:{line}"
    if isinstance(item, Reject):
        return Reject(source, item.reason)
    return dataclasses.replace(item, source=source)


def read_binary(path_bytes: tuple[str, bytes], units: dict[str, tuple[int, str]], max_bytes: int) -> Iterator[tuple[int, int, Item]]:
    """A whole file Spark read (binaryFiles), through the local readers."""
    path, data = path_bytes
    f, display = units[path]
    name = path.rstrip("/").rsplit("/", 1)[-1]
    tmp = tempfile.mkdtemp(prefix="storytrace-")
    try:
        local = Path(tmp) / name
        local.write_bytes(data)
        del data
        for p, item in enumerate(read_file(InputFile(local, display, local.stat().st_size), max_bytes)):
            yield f, p, item
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_line(line_index: tuple[bytes, int], f: int, display: str, max_bytes: int) -> Optional[tuple[int, int, Item]]:
    """One line of a JSONL file Spark read (textFile), as `read_lines` reads it."""
    line, i = line_index
    where = f"{display}:{i + 1}"
    if len(line) > max_bytes:
        return f, i, Reject(where, f"JSON line too large ({mib(len(line))} > {mib(max_bytes)} limit for one article)")
    if not line.strip():
        return None
    record = parse_json(line, where, "line")
    if isinstance(record, Reject):
        return f, i, record
    return f, i, record_item(record, where, "jsonl", len(line) + 1, max_bytes)


def read_row(row_index: tuple[Any, int], f: int, display: str, max_bytes: int) -> tuple[int, int, Item]:
    """One Parquet row as a JSON record (`text`, `title`, `url`, ... as in JSON inputs)."""
    row, k = row_index
    record = {key: _plain(v) for key, v in row.asDict(recursive=True).items()}
    text = next((v for v in record.values() if isinstance(v, str)), "")
    return f, k, record_item(record, f"{display}#{k}", "parquet", len(text), max_bytes)


def _plain(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode("utf-8", "replace")
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def items(spark: Any, units: list[Unit], max_bytes: int) -> Any:
    """RDD of (file number, position, RawDoc or Reject) for every unit."""
    sc = spark.sparkContext
    parallelism = max(1, sc.defaultParallelism)
    rdds = []
    local = [u for u in units if u.kind in ("file", "range", "stdin")]
    if local:
        rdds.append(sc.parallelize(local, min(len(local), 4 * parallelism)).flatMap(lambda u: read_unit(u, max_bytes)))
    binary = [u for u in units if u.kind == "binary"]
    if binary:
        lookup = {u.path: (u.f, u.display) for u in binary}
        rdds.append(sc.binaryFiles(",".join(u.path for u in binary))
                    .flatMap(lambda pb: read_binary(pb, lookup, max_bytes)))
    for u in units:
        if u.kind == "lines":
            f, display = u.f, u.display
            rdds.append(sc.textFile(u.path, use_unicode=False).zipWithIndex()
                        .map(lambda li, f=f, d=display: read_line(li, f, d, max_bytes)).filter(lambda x: x is not None))
        elif u.kind == "parquet":
            f, display = u.f, u.display
            rdds.append(spark.read.parquet(u.path).rdd.zipWithIndex()
                        .map(lambda rk, f=f, d=display: read_row(rk, f, d, max_bytes)))
    if not rdds:
        return sc.emptyRDD()
    return rdds[0] if len(rdds) == 1 else sc.union(rdds)

