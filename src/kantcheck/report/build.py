"""Assemble a `Report` with its summary; sorting here makes the JSON deterministic."""

from __future__ import annotations

from collections.abc import Sequence

from kantcheck.models import (
    ArticleErrorRecord,
    ArticleInfo,
    Claim,
    Finding,
    Report,
    Summary,
    ToolInfo,
)

KINDS = ("contradiction", "reference_mismatch", "changed_over_time", "corroboration")


def summarize(
    articles: Sequence[ArticleInfo],
    claims: Sequence[Claim],
    findings: Sequence[Finding],
    errors: Sequence[ArticleErrorRecord],
    failing: int = 0,
) -> Summary:
    by_kind = {k: sum(1 for f in findings if f.kind == k) for k in KINDS}
    return Summary(
        articles=len(articles) + len(errors),
        articles_ok=len(articles),
        claims=len(claims),
        findings=len(findings),
        findings_by_kind=by_kind,
        errors=len(errors),
        new_findings=sum(1 for f in findings if f.status == "new"),
        failing=failing,
    )


def build_report(
    tool: ToolInfo,
    articles: Sequence[ArticleInfo],
    claims: Sequence[Claim],
    findings: Sequence[Finding],
    errors: Sequence[ArticleErrorRecord],
) -> Report:
    errs = sorted(errors, key=lambda e: e.path)
    return Report(
        tool=tool,
        articles=list(articles),
        claims=list(claims),
        findings=list(findings),
        errors=errs,
        summary=summarize(articles, claims, findings, errs),
    )
