"""Which findings fail a run: `--fail-on`, the baseline (by content id) and the triage file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kantcheck.errors import UsageError
from kantcheck.models import Finding, Report
from kantcheck.report.build import summarize
from kantcheck.yamlfile import validate_file

FailOn = Literal["contradiction", "reference_mismatch", "warning", "never"]
FAIL_ON_CHOICES = ("contradiction", "reference_mismatch", "warning", "never")
DEFAULT_TRIAGE = Path(".kantcheck/triage.yaml")


class TriageEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    status: Literal["confirmed", "dismissed"]
    note: str | None = None
    by: str | None = None


class Triage(BaseModel):
    """`.kantcheck/triage.yaml`: a person's verdicts on findings, by finding id."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    findings: list[TriageEntry] = Field(default_factory=list)


def fails(finding: Finding, fail_on: FailOn) -> bool:
    """At or above the level; dismissed and baseline-known findings never fail."""
    if finding.status in ("dismissed", "known") or fail_on == "never":
        return False
    if fail_on == "contradiction":
        return finding.kind == "contradiction"
    if fail_on == "reference_mismatch":
        return finding.kind in ("contradiction", "reference_mismatch")
    return finding.severity in ("error", "warning")


def load_baseline(path: Path) -> set[str]:
    """Finding ids of an earlier JSON report; a bad baseline is a usage error (exit 2)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {f["id"] for f in data["findings"]}
    except FileNotFoundError as exc:
        raise UsageError(f"baseline not found: {path}") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: not a kantcheck JSON report ({exc})") from exc


def load_triage(path: Path | None) -> Triage:
    if path is None:
        path = DEFAULT_TRIAGE
        if not path.exists():
            return Triage()
    elif not path.exists():
        raise UsageError(f"triage file not found: {path}")
    return validate_file(Triage, path)


def apply_gate(
    report: Report, fail_on: FailOn, baseline: set[str] | None, triage: Triage
) -> tuple[Report, int]:
    """Set each finding's status; return the report and how many findings fail the run."""
    verdicts = {t.id: t for t in triage.findings}
    findings = []
    for f in report.findings:
        status = f.status
        note = f.note
        if baseline is not None and f.id in baseline:
            status = "known"
        if f.id in verdicts:
            status = verdicts[f.id].status
            note = verdicts[f.id].note
        findings.append(f.model_copy(update={"status": status, "note": note}))
    known = baseline or set()
    failing = sum(1 for f in findings if fails(f, fail_on) and f.id not in known)
    summary = summarize(report.articles, report.claims, findings, report.errors, failing)
    return report.model_copy(update={"findings": findings, "summary": summary}), failing
