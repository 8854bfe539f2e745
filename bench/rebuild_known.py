"""How long a rebuild takes when most inputs are already in the ledger (issue 18).

Writes N HTML pages (the texts of ../shared/corpora/news_cluster_dev.jsonl and
ecbplus.jsonl, each wrapped in a page with a menu, a caption and a footer), builds a
ledger from them, then times two rebuilds with one worker: the same pages and one new
page, and the same pages again (nothing new). An input item the ledger read before is
not read again (its digest, `documents.raw_digest`), so neither rebuild extracts the
known pages' text again.

    python bench/rebuild_known.py [--pages 600]
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def write_pages(folder: Path, n: int) -> None:
    texts = []
    for name in ("news_cluster_dev.jsonl", "ecbplus.jsonl"):
        for line in open(SHARED / name, encoding="utf-8"):
            r = json.loads(line)
            if r.get("text"):
                texts.append((r.get("title") or r["text"].split("\n", 1)[0][:80], r["text"]))
    for i, (title, text) in enumerate(texts[:n]):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
        folder.joinpath(f"page{i:05d}.html").write_text(
            f"<html><head><title>{html.escape(title)}</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>{body}<figure><figcaption>A photo from the scene (Agency)</figcaption></figure></article>"
            f"<footer>© 2024 The Example Times. All rights reserved.</footer></body></html>", encoding="utf-8")


def main() -> int:
    from storytrace.engines.local import build

    pages = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    pages.add_argument("--pages", type=int, default=600, help="how many pages to write")
    n = pages.parse_args().pages
    if not SHARED.exists():
        print(f"no {SHARED}: the shared corpora are not here", file=sys.stderr)
        raise SystemExit(2)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        write_pages(folder, n)
        ledger = Path(tmp) / "l.db"
        t = time.perf_counter()
        first = build(ledger, [str(folder)], workers=1)
        print(f"first build: {first.added} documents, {time.perf_counter() - t:.1f} s")
        folder.joinpath("zz_new.html").write_text(
            "<html><body><article><h1>Ferry capsizes near Orrin</h1><p>Rescuers pulled 14 people from the river "
            "on Monday after a ferry capsized near Orrin, officials said.</p></article></body></html>", encoding="utf-8")
        t = time.perf_counter()
        more = build(ledger, [str(folder)], workers=1)
        print(f"the same pages + 1 new: added {more.added}, already {more.already}, {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        again = build(ledger, [str(folder)], workers=1)
        print(f"nothing new: unchanged {again.unchanged}, {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
