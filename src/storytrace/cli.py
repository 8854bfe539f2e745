"""The storytrace command line: parse arguments, call the library, print. Nothing else.

Exit status: 0 success; 1 finished but some inputs were rejected; 2 usage error
(bad option, no input exists, unusable ledger); anything else is a crash.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any, Optional

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from . import __version__, demo as demo_mod, ledger as ledger_mod
from .text import nlp
from .engines import local
from .ingest import DEFAULT_MAX_BYTES, expand
from .model import Reject

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _say(quiet: bool, message: str) -> None:
    if not quiet:
        err.print(message)


def _reject_line(r: Reject) -> str:
    return f"rejected: {r.source}: {r.reason}"


def _run_build(ledger: Path, inputs: tuple[str, ...], workers: Optional[int], max_mb: float, quiet: bool,
               engine: str = "local") -> local.BuildReport:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]building[/bold] {task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    task = progress.add_task(str(ledger), total=None)
    run = local.build
    errors: tuple[type[Exception], ...] = (ledger_mod.LedgerError, nlp.ModelMissing)
    if engine == "spark":  # imported only here: the core never imports pyspark
        from .engines import spark

        run, errors = spark.build, errors + (spark.SparkUnavailable,)
    extra: dict[str, Any] = {}
    if engine == "local" and not quiet:  # a long document: said before its analysis starts
        extra["on_long"] = lambda raw: progress.console.print(
            f"a long document ({raw.size / 2**20:.1f} MiB): {raw.source}: its analysis takes a while", markup=False)
    with progress:
        try:
            return run(
                ledger,
                list(inputs),
                workers=workers,
                max_bytes=int(max_mb * 2**20),
                on_start=lambda total: progress.update(task, total=total),
                on_progress=lambda n: progress.advance(task, n),
                on_reject=lambda r: progress.console.print(_reject_line(r), markup=False),
                **extra,
            )
        except errors as e:
            raise click.UsageError(str(e)) from None


def _require_inputs(inputs: list[str]) -> None:
    """Usage error (exit 2) when none of the named inputs holds a file to read."""
    files, missing = expand(inputs)
    if not files:
        reasons = "; ".join(f"{r.source}: {r.reason}" for r in missing) or "no inputs named"
        raise click.UsageError(f"nothing to read ({reasons})")


def _finish(report: local.BuildReport, quiet: bool) -> None:
    known = report.known_rejects
    rejected = f"{len(report.rejects) - known} new inputs rejected" + (
        f", {known} rejected as before (listed in its rejects table)" if known else "")
    if report.unchanged:
        _say(quiet, f"{report.ledger}: nothing new ({report.already} documents already in the ledger; {rejected}); "
                    f"the ledger is unchanged ({report.seconds:.1f} s). Browse: storytrace serve {report.ledger}")
        return
    _say(
        quiet,
        f"{report.ledger}: added {report.added} documents"
        + (f", {report.already} already in the ledger" if report.already else "")
        + f", {rejected}; {report.documents} documents in all"
        f" ({report.seconds:.1f} s). Browse: storytrace serve {report.ledger}",
    )


def _new_rejects(report: local.BuildReport) -> int:
    return len(report.rejects) - report.known_rejects


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storytrace")
def cli() -> None:
    """Build a ledger of what the news says about an event: every figure each source
    states, its event, agreement and conflict, copied passages, publication dates and
    wording, each traced to character offsets in the article it came from."""


@cli.command()
@click.argument("ledger", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("inputs", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: worker processes on this machine; spark: Apache Spark (needs storytrace[spark] "
                   "and Java; master from SPARK_SUBMIT_ARGS, else local[--workers]; inputs may be hdfs://, "
                   "s3a://, ... URIs; a Parquet copy of every table beside the ledger or in $STORYTRACE_SPARK_OUT).")
@click.option("--workers", type=click.IntRange(min=0), default=0,
              help="Worker processes for per-document analysis (0: one for small inputs, else one per core).")
@click.option("--max-mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 2**20, show_default=True,
              help="Largest single article (file, JSON record or WARC response) in MiB; larger ones are rejected.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary (rejects are still listed on stderr).")
def build(ledger: Path, inputs: tuple[str, ...], engine: str, workers: int, max_mb: float, quiet: bool) -> None:
    """Ingest INPUTS into LEDGER (a SQLite file) and recompute it.

    INPUTS are files (.txt, .html, .json, .jsonl, .warc[.gz]), folders (read
    recursively), glob patterns, or - for JSON lines on stdin. Documents already in
    the ledger are not added or analysed twice (an input item it read before is only
    hashed). Each rejected input is listed with its reason and kept in the rejects table.
    """
    if engine == "spark":
        from .engines import spark

        problem = spark.unavailable() or spark.nothing_to_read(list(inputs))
        if problem:
            raise click.UsageError(problem)
    else:
        _require_inputs(list(inputs))
    report = _run_build(ledger, inputs, workers or None, max_mb, quiet, engine)
    _finish(report, quiet)
    sys.exit(1 if _new_rejects(report) else 0)


@cli.command()
@click.argument("ledger", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV instead of JSON lines.")
@click.option("--claims-jsonld", "claims_jsonld", is_flag=True,
              help="Instead: every figure row as a schema.org Claim (JSON-LD) in OUTDIR/claims.jsonld.")
def export(ledger: Path, outdir: Path, as_csv: bool, claims_jsonld: bool) -> None:
    """Write every ledger table to OUTDIR/<table>.jsonl (or .csv), or the figure rows as
    schema.org Claims (--claims-jsonld): each appearance with its date, sentence and offsets."""
    try:
        if claims_jsonld:
            from .jsonld import write_claims_jsonld

            n = write_claims_jsonld(ledger, outdir / "claims.jsonld")
            err.print(f"{n} figure rows written as schema.org Claims to {outdir / 'claims.jsonld'}")
            return
        counts = ledger_mod.export(ledger, outdir, as_csv)
    except ledger_mod.LedgerError as e:
        raise click.UsageError(str(e)) from None
    err.print(", ".join(f"{t} {n}" for t, n in counts.items()) + f" rows written to {outdir}/")


@cli.command()
@click.argument("ledger", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="HTML file to write (default: LEDGER with .html).")
def report(ledger: Path, output: Optional[Path]) -> None:
    """Write one self-contained HTML report of LEDGER."""
    from .report import write_report

    try:
        out = write_report(ledger, output or ledger.with_suffix(".html"))
    except ledger_mod.LedgerError as e:
        raise click.UsageError(str(e)) from None
    click.echo(str(out))


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("--max-mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 2**20, show_default=True,
              help="Largest single article in MiB.")
def extract(inputs: tuple[str, ...], max_mb: float) -> None:
    """Without a ledger: one JSON line per document, {"id", "source", "claims", "totals"}.

    INPUTS as for build; none or - reads JSON lines ({"id", "text", ...}) from stdin.
    """
    rejected = 0
    _require_inputs(list(inputs) or ["-"])
    try:
        local.preload(local.ANALYSERS)
    except nlp.ModelMissing as e:
        raise click.UsageError(str(e)) from None
    for item in local.extract(list(inputs) or ["-"], max_bytes=int(max_mb * 2**20)):
        if isinstance(item, Reject):
            rejected += 1
            err.print(_reject_line(item), markup=False)
        else:
            click.echo(json.dumps(item, ensure_ascii=False))
    sys.exit(1 if rejected else 0)


@cli.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("storytrace-demo"))
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def demo(outdir: Path, quiet: bool) -> None:
    """Build the bundled example corpus (a fictional ferry disaster) into OUTDIR:
    its ledger, an export of every table, and the HTML report."""
    corpus = demo_mod.corpus_path()
    _say(quiet, f"example corpus: {corpus}")
    try:
        result = demo_mod.run(outdir, on_reject=lambda r: err.print(_reject_line(r), markup=False))
    except (ledger_mod.LedgerError, nlp.ModelMissing) as e:  # (no spaCy model, a busy ledger: usage, not a crash)
        raise click.UsageError(str(e)) from None
    _finish(result.build, quiet)
    _say(quiet, f"tables exported to {result.export_dir}/")
    click.echo(f"report: {result.report}")


@cli.command()
@click.argument("ledger", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target", required=False)
@click.argument("field", required=False)
@click.argument("value", required=False)
@click.option("--note", help="Why (kept with the correction).")
@click.option("--author", envvar="USER", help="Who (default: $USER).")
@click.option("--list", "list_", is_flag=True, help="List the ledger's corrections with their status.")
@click.option("--remove", metavar="ID", help="Remove a correction (its effect is undone).")
@click.option("--json", "as_json", is_flag=True, help="With --list: one JSON object per line instead of a table.")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="Which engine reruns the cross-document stages (spark: reuse and figures on Spark, as in build).")
@click.option("--workers", type=int, default=None, help="Spark: local[N] when no master is set (as in build).")
def correct(ledger: Path, target: Optional[str], field: Optional[str], value: Optional[str], note: Optional[str],
            author: Optional[str], list_: bool, remove: Optional[str], as_json: bool, engine: str,
            workers: Optional[int]) -> None:
    """Record a person's correction and rebuild the cross-document tables with it.

    TARGET is claim:ID, document:ID or event:ID (ids as in the ledger). FIELD and VALUE:

    \b
      claim:ID     event_id EVENT      the claim is about that event
      claim:ID     value N             the claim states N
      claim:ID     measure M | group G | attributed_to A
      document:ID  event_id EVENT      the document's main event
      document:ID  published DAY       when it was published (YYYY-MM-DD)
      event:ID     same_as EVENT       the two events are one
      event:ID     label | type | date | date_precision | place | historic  VALUE

    Corrections are kept in the `corrections` table and applied on every later build.
    """
    from .stages import corrections

    if list_:
        db = ledger_mod.open_ledger(ledger)
        rows = list(db.query("select * from corrections order by created, rowid")) if "corrections" in db.table_names() else []
        if as_json:
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False))
            return
        _corrections_table(rows)
        return
    rerun: Any = local.correct
    errors: tuple[type[Exception], ...] = (corrections.CorrectionError, ledger_mod.LedgerError)
    if engine == "spark":  # imported only here: the core never imports pyspark
        from .engines import spark

        rerun = functools.partial(spark.correct, workers=workers)
        errors += (spark.SparkUnavailable,)
    try:
        if remove:
            if not rerun(ledger, lambda db: corrections.remove(db, remove)):
                raise click.UsageError(f"no correction with id {remove!r}")
            err.print(f"removed correction {remove}; cross-document tables rebuilt")
            return
        if not (target and field):
            raise click.UsageError("give TARGET FIELD VALUE, --list or --remove ID")
        c = rerun(ledger, lambda db: corrections.record(db, target, field, value, note, author))
    except errors as e:
        raise click.UsageError(str(e)) from None
    status = ledger_mod.open_ledger(ledger).execute("select status from corrections where id = ?", [c.id]).fetchone()[0]
    err.print(f"correction {c.id}: {target} {field} = {value} ({status}); cross-document tables rebuilt")


def _corrections_table(rows: list[dict]) -> None:
    """The ledger's corrections as a table on stdout (a person reads it; --json for tools)."""
    from rich.table import Table

    if not rows:
        click.echo("no corrections in this ledger")
        return
    from rich.text import Text

    table = Table(show_lines=False, header_style="bold")
    for name in ("id", "target", "field", "value", "status", "author", "created", "note"):
        table.add_column(name, overflow="fold", no_wrap=name in ("id", "target"))  # ids stay whole, to copy
    for r in rows:  # cells are plain text, never markup ("[sic]")
        table.add_row(*(Text(str(r.get(k) or "")) for k in ("id", "target", "field", "value", "status", "author",
                                                              "created", "note")))
    Console(highlight=False, width=max(160, Console().width)).print(table)


@cli.command()
@click.argument("ledger", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=int, default=8001, show_default=True)
def serve(ledger: Path, port: int) -> None:
    """Browse LEDGER in Datasette with storytrace's metadata (needs storytrace[datasette])."""
    import importlib.util
    import os

    if importlib.util.find_spec("datasette") is None:
        raise click.UsageError("Datasette is not installed: pip install 'storytrace[datasette]'")
    meta = ledger_mod.write_metadata(ledger)
    cmd = [sys.executable, "-m", "datasette", str(ledger), "-m", str(meta), "--port", str(port)]
    sys.stdout.flush()
    sys.stderr.flush()
    # Datasette takes this process's place: a signal (SIGTERM from a service manager, Ctrl-C)
    # reaches the server itself, and no wrapper is left behind with the server still running
    os.execv(sys.executable, cmd)


#: SQLite errors that come from the machine, not from storytrace: said in one line, exit 2.
_SQLITE_ENVIRONMENT = re.compile(r"disk|full|readonly|read-only|unable to open|permission|locked|I/O", re.IGNORECASE)


def _environment(e: OSError) -> str:
    what = e.strerror or str(e) or type(e).__name__
    return f"{what}: {e.filename}" if e.filename else what


def main() -> None:
    """Entry point. A crash (a bug, not bad input) exits 3, never 1 ("some inputs rejected")."""
    try:
        cli(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        err.print("interrupted: the ledger was left as it was before this run")
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except OSError as e:  # the environment: permissions, a full disk, a missing or read-only folder
        err.print(f"storytrace: {_environment(e)}; the ledger was left as it was before this run", markup=False)
        sys.exit(2)
    except sqlite3.OperationalError as e:
        if not _SQLITE_ENVIRONMENT.search(str(e)):
            _crashed()
        err.print(f"storytrace: SQLite: {e}; the ledger was left as it was before this run", markup=False)
        sys.exit(2)
    except Exception:
        _crashed()


def _crashed() -> None:
    import traceback

    traceback.print_exc()
    err.print("storytrace crashed (a bug, not your input): please report the traceback above")
    sys.exit(3)


if __name__ == "__main__":
    main()
