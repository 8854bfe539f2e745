"""How long a user waits at the command line: a rebuild with nothing new, usage errors.

`python bench/cli_latency.py [--repeat 3]` runs `storytrace` as a user does (a fresh
process each time) and prints the best of REPEAT wall times with the exit status:

- the bundled example built once, then rebuilt with nothing new (no document added,
  the ledger left as it was: exit 0);
- usage errors: a ledger that is not SQLite, a ledger another process is writing, an
  input that does not exist, a bad option value (exit 2, before the language model
  loads).

Issue 17's targets: the no-op rebuild under 2 s, usage errors under 1 s.
"""

from __future__ import annotations

import argparse
import fcntl
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "src" / "storytrace" / "examples" / "ferry" / "articles"


def storytrace() -> list[str]:
    exe = shutil.which("storytrace")
    return [exe] if exe else [sys.executable, "-c", "from storytrace.cli import main; main()"]


def timed(args: list[str], repeat: int) -> tuple[float, int]:
    best, code = float("inf"), -1
    for _ in range(repeat):
        t0 = time.perf_counter()
        code = subprocess.run(storytrace() + args, capture_output=True).returncode
        best = min(best, time.perf_counter() - t0)
    return best, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        ledger = d / "ferry.db"
        first, code = timed(["build", str(ledger), str(EXAMPLE), "-q"], 1)
        rows = [("first build of the bundled example", first, code)]
        rows.append(("rebuild, nothing new", *timed(["build", str(ledger), str(EXAMPLE), "-q"], args.repeat)))
        (d / "notes.db").write_text("not a database")
        rows.append(("usage error: not a SQLite ledger", *timed(["build", str(d / "notes.db"), str(EXAMPLE)], args.repeat)))
        with open(d / "busy.db.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            rows.append(("usage error: ledger being written",
                         *timed(["build", str(d / "busy.db"), str(EXAMPLE)], args.repeat)))
        rows.append(("usage error: no such input", *timed(["build", str(ledger), str(d / "missing")], args.repeat)))
        rows.append(("usage error: bad option value",
                     *timed(["build", str(ledger), str(EXAMPLE), "--max-mb", "-1"], args.repeat)))
    print("| command | seconds (best of %d) | exit |" % args.repeat)
    print("|---|---:|---:|")
    for name, secs, code in rows:
        print(f"| {name} | {secs:.2f} | {code} |")


if __name__ == "__main__":
    main()
