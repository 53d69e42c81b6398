"""Command line: options to objects, the library call, a format, an exit code. Nothing else.

Heavy imports (spaCy, the pipeline) happen inside commands so `--help` and `--version` are fast.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kantcheck.errors import KantcheckError, UsageError
from kantcheck.version import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from kantcheck.models import Report

EPILOG = """\b
Examples:
  kantcheck scan data/articles
  kantcheck scan data/articles --format json | jq .findings
  kantcheck scan data/articles new/ --baseline baseline.json --format markdown
  kantcheck claims data/articles/003_1df80d7caf5b845f.txt --format table
  kantcheck claims data/articles --format jsonl | kantcheck compare -
  kantcheck timex "The visit began on Tuesday." --dct 2025-11-26
  kantcheck gazetteer check data/gazetteer.yaml
Exit codes: 0 no failing finding, 1 failing findings, 2 usage or configuration error.
"""
FORMATS = ("table", "json", "jsonl", "markdown")
PROGRESS_AFTER = 1.0  # seconds before a progress bar appears


def abort(message: str, code: int = 2) -> NoReturn:
    click.echo(f"kantcheck: error: {message}", err=True)
    sys.exit(code)


def err_console(quiet: bool) -> Console:
    from rich.console import Console

    return Console(stderr=True, quiet=quiet, highlight=False)


def default_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "json"


def write_output(text: str, output: Path | None) -> None:
    """Standard output, or FILE replaced atomically (never a half-written report)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if output.exists() and not output.is_file():
        # A device, FIFO or similar: write to it directly; renaming over it would replace it.
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
        return
    folder = output.resolve().parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc


def run_guarded(fn: Callable[[], int]) -> NoReturn:
    """Map kantcheck errors to exit 2 with a message; a broken pipe is not an error."""
    try:
        code = fn()
    except KantcheckError as exc:
        abort(str(exc), exc.exit_code)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt:
        abort("interrupted", 130)
    sys.exit(code)


def render(report: Report, fmt: str, output: Path | None) -> None:
    if fmt == "json":
        from kantcheck.report.jsonout import render_json

        write_output(render_json(report), output)
    elif fmt == "jsonl":
        from kantcheck.report.jsonout import render_jsonl

        write_output(render_jsonl(report.claims, report.findings), output)
    elif fmt == "markdown":
        from kantcheck.report.markdown import render_markdown

        write_output(render_markdown(report), output)
    else:
        from rich.console import Console

        from kantcheck.report.table import print_table

        if output is None:
            print_table(report, Console(highlight=False))
        else:
            con = Console(record=True, highlight=False, width=120, file=open(os.devnull, "w"))  # noqa: SIM115
            print_table(report, con)
            write_output(con.export_text(), output)


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kantcheck")
def main() -> None:
    """kantcheck: extract dated claims from news articles and show where sources disagree."""


def scan_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    opts = [
        click.option("--gazetteer", type=click.Path(path_type=Path), help="gazetteer YAML file"),
        click.option("--model", help="spaCy model package to load"),
        click.option(
            "--store", type=click.Path(path_type=Path), help="store folder (default .kantcheck)"
        ),
        click.option("--no-store", is_flag=True, help="do not read or write the store"),
        click.option(
            "--jobs",
            type=click.IntRange(min=0),
            default=None,
            help="worker processes (default and 0: one per core; small scans use one)",
        ),
        click.option(
            "--max-bytes", type=click.IntRange(min=1), default=None, help="largest article accepted"
        ),
        click.option(
            "--quiet", "-q", is_flag=True, help="no progress or warnings on standard error"
        ),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def configure_logging(quiet: bool) -> None:
    """Warnings on standard error for a person at a terminal; nothing when quiet or piped."""
    import logging

    logger = logging.getLogger("kantcheck")
    logger.propagate = False
    logger.handlers.clear()
    if quiet or not sys.stderr.isatty():
        logger.addHandler(logging.NullHandler())
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("kantcheck: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def make_options(
    gazetteer: Path | None,
    model: str | None,
    store: Path | None,
    no_store: bool,
    jobs: int | None,
    max_bytes: int | None,
    quiet: bool,
) -> Any:
    from kantcheck.ingest import DEFAULT_MAX_BYTES
    from kantcheck.scanner import DEFAULT_STORE, ScanOptions

    configure_logging(quiet)
    if gazetteer is not None and not gazetteer.exists():
        raise UsageError(f"gazetteer not found: {gazetteer}")
    opts = ScanOptions(
        gazetteer=gazetteer,
        model=model,
        store=None if no_store else (store or DEFAULT_STORE),
        jobs=jobs or (os.cpu_count() or 1),  # None and 0: what the machine has
        max_bytes=max_bytes or DEFAULT_MAX_BYTES,
    )
    opts.progress = progress_callback(quiet)
    return opts


def progress_callback(quiet: bool) -> Callable[[int, int], None] | None:
    """A rich progress bar on a terminal's standard error; nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    import time

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        now = time.monotonic()
        state.setdefault("t0", now)
        state.setdefault("d0", done)
        if "bar" not in state and (now - state["t0"] < PROGRESS_AFTER or done >= total):
            return  # a scan that takes a moment shows no bar
        if "bar" not in state:
            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err_console(False),
                transient=True,
            )
            bar.start()
            state.update(bar=bar, task=bar.add_task("scanning", total=total))
        rate = (done - state["d0"]) / max(time.monotonic() - state["t0"], 1e-6)
        state["bar"].update(
            state["task"],
            completed=done,
            total=total,
            description=f"scanning ({rate:.1f} articles/s)",
        )
        if done >= total:
            state["bar"].stop()

    return update


def emit_warnings(report: Report, extra: list[str], quiet: bool) -> None:
    if quiet:
        return
    con = err_console(quiet)
    for w in extra:
        con.print(f"warning: {w}")
    for a in report.articles:
        for w in a.warnings:
            con.print(f"warning: {a.path}: {w}")
    for e in report.errors:
        con.print(f"skipped: {e.path}: {e.error}")


@main.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="default: table on a terminal, json when piped",
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="write the report here (atomically)"
)
@click.option(
    "--fail-on",
    type=click.Choice(["contradiction", "reference_mismatch", "warning", "never"]),
    default="contradiction",
    show_default=True,
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    help="earlier JSON report: only new findings fail",
)
@click.option(
    "--triage", type=click.Path(path_type=Path), help="triage YAML (default .kantcheck/triage.yaml)"
)
@click.option("--rules", type=click.Path(path_type=Path), help="comparison rules YAML")
@scan_options
def scan(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    fail_on: str,
    baseline: Path | None,
    triage: Path | None,
    rules: Path | None,
    **kw: Any,
) -> None:
    """Scan articles, compare their claims, report findings."""

    def run() -> int:
        from kantcheck.report.gate import apply_gate, load_baseline, load_triage
        from kantcheck.scanner import scan as do_scan

        opts = make_options(**kw)
        opts.rules = rules
        known = load_baseline(baseline) if baseline else None
        verdicts = load_triage(triage)
        report = do_scan(list(paths), opts)
        report, failing = apply_gate(report, fail_on, known, verdicts)  # type: ignore[arg-type]
        emit_warnings(report, opts.warnings, kw["quiet"])
        render(report, default_format(fmt), output)
        return 1 if failing else 0

    run_guarded(run)


@main.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]))
@click.option("--output", "-o", type=click.Path(path_type=Path))
@scan_options
def claims(paths: tuple[str, ...], fmt: str | None, output: Path | None, **kw: Any) -> None:
    """Extract claims only, no comparison."""

    def run() -> int:
        from kantcheck.report.build import build_report
        from kantcheck.scanner import extract_claims_from_paths

        opts = make_options(**kw)
        infos, found, errors, tool = extract_claims_from_paths(list(paths), opts)
        report = build_report(tool, infos, found, [], errors)
        emit_warnings(report, opts.warnings, kw["quiet"])
        chosen = default_format(fmt)
        if chosen == "table":
            write_output(claims_table(report), output) if output else print_claims(report)
        else:
            render(report, chosen, output)
        return 0

    run_guarded(run)


def claims_table(report: Report) -> str:
    from rich.console import Console

    con = Console(record=True, width=140, file=open(os.devnull, "w"))  # noqa: SIM115
    _claims_table(report, con)
    return con.export_text()


def print_claims(report: Report) -> None:
    from rich.console import Console

    _claims_table(report, Console(highlight=False))


def _claims_table(report: Report, con: Console) -> None:
    from rich.table import Table

    t = Table(title=f"{len(report.claims)} claims")
    for col in (
        "article",
        "predicate",
        "subject",
        "object",
        "when",
        "figure",
        "said by",
        "evidence",
    ):
        t.add_column(col, overflow="fold")
    for c in report.claims:
        fig = (
            f"{'~' if c.figure.approximate else ''}{c.figure.value:g} {c.figure.unit or ''}"
            if c.figure
            else ""
        )
        who = (c.attribution.speaker or c.attribution.text or "") if c.attribution else ""
        sent = " ".join(c.evidence.sentence.split())
        t.add_row(
            c.article_id[:12],
            c.predicate,
            c.subject or "",
            c.object or "",
            c.when.value if c.when else "",
            fig,
            who,
            sent[:160],
        )
    con.print(t)


@main.command(epilog=EPILOG)
@click.argument("source", type=click.Path(allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS))
@click.option("--output", "-o", type=click.Path(path_type=Path))
@click.option("--gazetteer", type=click.Path(path_type=Path))
@click.option("--rules", type=click.Path(path_type=Path))
@click.option(
    "--fail-on",
    type=click.Choice(["contradiction", "reference_mismatch", "warning", "never"]),
    default="contradiction",
    show_default=True,
)
@click.option("--baseline", type=click.Path(path_type=Path))
@click.option("--triage", type=click.Path(path_type=Path))
def compare(
    source: Path,
    fmt: str | None,
    output: Path | None,
    gazetteer: Path | None,
    rules: Path | None,
    fail_on: str,
    baseline: Path | None,
    triage: Path | None,
) -> None:
    """Compare claims read from a JSONL/JSON file, or `-` for standard input."""

    def run() -> int:
        from kantcheck.claims_io import read_claims
        from kantcheck.compare import compare as do_compare
        from kantcheck.compare import load_rules
        from kantcheck.gazetteer import load_gazetteer
        from kantcheck.report.build import build_report
        from kantcheck.report.gate import apply_gate, load_baseline, load_triage

        text = sys.stdin.read() if str(source) == "-" else _read_text(source)
        found, infos = read_claims(text, str(source))
        gaz, sha = load_gazetteer(gazetteer)
        findings = do_compare(found, gaz, load_rules(rules), infos)
        from kantcheck.models import ToolInfo

        report = build_report(
            ToolInfo(version=__version__, gazetteer_sha256=sha), infos, found, findings, []
        )
        known = load_baseline(baseline) if baseline else None
        report, failing = apply_gate(report, fail_on, known, load_triage(triage))  # type: ignore[arg-type]
        render(report, default_format(fmt), output)
        return 1 if failing else 0

    run_guarded(run)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UsageError(f"no such file: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc


@main.command(epilog=EPILOG)
@click.argument("text_or_file")
@click.option("--dct", help="document creation time: YYYY, YYYY-MM or YYYY-MM-DD")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]))
@click.option("--model", help="spaCy model package to load")
def timex(text_or_file: str, dct: str | None, fmt: str | None, model: str | None) -> None:
    """Tag and normalize temporal expressions in a text or a file."""

    def run() -> int:
        import json

        from kantcheck.ingest.read import normalize_date
        from kantcheck.nlp.model import load_model
        from kantcheck.nlp.timex import TIMEX_COMPONENT, tag_text

        if dct is not None and normalize_date(dct) is None:
            raise UsageError(f"--dct must be YYYY, YYYY-MM or YYYY-MM-DD, got {dct!r}")
        path = Path(text_or_file)
        text = (
            _read_text(path)
            if text_or_file != "-" and path.is_file()
            else (sys.stdin.read() if text_or_file == "-" else text_or_file)
        )
        nlp, _ = load_model(model)
        nlp.add_pipe(TIMEX_COMPONENT)
        found = tag_text(text, normalize_date(dct) if dct else None, nlp)
        if default_format(fmt) == "json":
            rows = [
                {
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "type": t.type,
                    "value": t.value,
                    "granularity": t.granularity,
                    "interval_start": t.interval_start,
                    "interval_end": t.interval_end,
                    "anchor": t.anchor,
                }
                for t in found
            ]
            write_output(
                json.dumps({"dct": dct, "timexes": rows}, indent=2, ensure_ascii=False) + "\n", None
            )
        else:
            from rich.console import Console
            from rich.table import Table

            t = Table(title=f"DCT {dct or 'unknown'}")
            for col in ("start", "end", "text", "type", "value", "interval", "anchor"):
                t.add_column(col)
            for x in found:
                span = f"{x.interval_start}..{x.interval_end}" if x.interval_start else ""
                t.add_row(str(x.start), str(x.end), x.text, x.type, x.value, span, x.anchor)
            Console(highlight=False).print(t)
        return 0

    run_guarded(run)


@main.command(epilog=EPILOG)
@click.argument("which", type=click.Choice(["report", "claim", "finding"]), default="report")
def schema(which: str) -> None:
    """Print the JSON Schema of the report, a claim or a finding."""
    import json

    from pydantic import BaseModel

    from kantcheck.models import Claim, Finding, Report

    models: dict[str, type[BaseModel]] = {"report": Report, "claim": Claim, "finding": Finding}
    click.echo(json.dumps(models[which].model_json_schema(), indent=2, sort_keys=True))


@main.group()
def gazetteer() -> None:
    """Gazetteer tools."""


@gazetteer.command("check")
@click.argument("file", required=False, type=click.Path(path_type=Path))
def gazetteer_check(file: Path | None) -> None:
    """Validate a gazetteer; errors name the file and line (exit 2)."""

    def run() -> int:
        from kantcheck.gazetteer import DEFAULT_GAZETTEER, load_gazetteer

        path = file or DEFAULT_GAZETTEER
        if not path.exists():
            raise UsageError(f"no such file: {path}")
        gaz, _ = load_gazetteer(path)
        click.echo(
            f"{path}: ok: {len(gaz.entities)} entities, {len(gaz.offices)} offices, "
            f"{len(gaz.facts)} facts"
        )
        return 0

    run_guarded(run)
