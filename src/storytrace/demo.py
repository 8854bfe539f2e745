"""The bundled example: a fictional ferry disaster written for storytrace.

One job: find the example corpus inside the installed package and build it into a
folder: ledger, exported tables and HTML report.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Optional

from . import ledger as ledger_mod
from .engines import local
from .model import Reject

EXAMPLE = "ferry"


def corpus_path(name: str = EXAMPLE) -> Path:
    """The folder of the example's articles (the inputs of `storytrace demo`)."""
    return Path(str(resources.files("storytrace") / "examples" / name / "articles"))


def expected_path(name: str = EXAMPLE) -> Path:
    """The example's planted truth (figures, copies, dates), for tests and evaluation."""
    return Path(str(resources.files("storytrace") / "examples" / name / "EXPECTED.json"))


@dataclass
class DemoResult:
    build: local.BuildReport
    ledger: Path
    export_dir: Path
    report: Path


def run(outdir: Path, on_reject: Optional[Callable[[Reject], None]] = None) -> DemoResult:
    """Build the example from scratch into OUTDIR: ferry.db, tables/, report.html."""
    from .report import write_report

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    ledger = outdir / f"{EXAMPLE}.db"
    if ledger.exists():
        ledger.unlink()  # the demo is always the example alone, built afresh
    report = local.build(ledger, [str(corpus_path())], on_reject=on_reject)
    export_dir = outdir / "tables"
    ledger_mod.export(ledger, export_dir)
    html = write_report(ledger, outdir / "report.html")
    return DemoResult(report, ledger, export_dir, html)
