"""Ingest accounting on ../shared/corpora: every input is a document or a reject with a reason.

Prints: inputs found, documents, rejects (each with its reason), the share of
documents with a publication date and how it was found, the page furniture removed
by kind, and the languages detected. Exit status 1 if any input is unaccounted for.

    python eval/ingest_accounting.py [CORPORA_DIR]
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

from storytrace.engines import local as pipeline
from storytrace.ingest.clean import furniture_kind

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def count_inputs(root: Path) -> int:
    n = 0
    for p in sorted(root.rglob("*")):
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(root).parts):
            continue
        if p.suffix in (".jsonl", ".ndjson"):
            n += sum(1 for line in open(p, encoding="utf-8") if line.strip())
        else:
            n += 1
    return n


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not root.exists():
        print(f"needs {root} (the shared test corpora)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "accounting.db"
        report = pipeline.build(path, [str(root)])
        conn = sqlite3.connect(path)
        docs = conn.execute("select count(*) from documents").fetchone()[0]
        rejects = conn.execute("select source, reason from rejects order by source").fetchall()
        how = Counter(r[0] for r in conn.execute("select published_how from documents"))
        furniture = Counter()
        for (bp,) in conn.execute("select boilerplate from documents where boilerplate is not null"):
            for line in bp.split("\n"):
                furniture[furniture_kind(line)] += 1
        langs = Counter(r[0] for r in conn.execute("select language from documents"))
        n_bp = conn.execute("select count(*) from documents where boilerplate is not null").fetchone()[0]
    inputs = count_inputs(root)
    print(f"inputs: {inputs}   documents: {docs}   rejects: {len(rejects)}   "
          f"accounted: {docs + len(rejects)}/{inputs}   ({report.seconds:.1f} s)")
    for source, reason in rejects:
        print(f"  rejected {source}: {reason}")
    dated = docs - how.get(None, 0)
    print(f"dated from headers/metadata: {dated}/{docs} ({dated / max(docs, 1):.1%}): "
          + json.dumps({str(k): v for k, v in how.most_common()}))
    print(f"documents with page furniture removed: {n_bp}; lines by kind: "
          + json.dumps({str(k): v for k, v in furniture.most_common()}))
    print("languages: " + json.dumps({str(k): v for k, v in langs.most_common()}))
    return 0 if docs + len(rejects) == inputs else 1


if __name__ == "__main__":
    raise SystemExit(main())
