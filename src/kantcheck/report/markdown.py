"""Markdown for a pull-request comment: findings that matter first, evidence quoted."""

from __future__ import annotations

from kantcheck.models import Claim, Finding, Report

TITLES = {
    "contradiction": "Contradictions",
    "reference_mismatch": "Reference mismatches",
    "changed_over_time": "Changes over time",
    "corroboration": "Corroborations",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    claims: dict[str, Claim] = {c.id: c for c in report.claims}
    s = report.summary
    out = [
        "## kantcheck report",
        "",
        f"{s.articles_ok} articles scanned, {s.claims} claims, {s.findings} findings "
        f"({', '.join(f'{v} {k}' for k, v in s.findings_by_kind.items())}), {s.errors} errors.",
        "",
    ]
    for kind, title in TITLES.items():
        found = [f for f in report.findings if f.kind == kind]
        if not found:
            continue
        out += [f"### {title} ({len(found)})", ""]
        for f in found:
            out += _finding(f, claims)
    if report.errors:
        out += ["### Articles not processed", "", "| file | reason |", "| --- | --- |"]
        out += [f"| `{_cell(e.path)}` | {_cell(e.error)} |" for e in report.errors]
        out.append("")
    return "\n".join(out) + "\n"


def _finding(f: Finding, claims: dict[str, Claim]) -> list[str]:
    status = "" if f.status == "new" else f" _({f.status})_"
    lines = [f"- **{f.severity}** `{f.id}`{status}: {f.explanation}", ""]
    lines += ["  | article | value | evidence |", "  | --- | --- | --- |"]
    for cid in f.claim_ids:
        c = claims.get(cid)
        if c is None:
            continue
        value = (
            c.when.value
            if c.when
            else (f"{c.figure.value:g} {c.figure.unit or ''}" if c.figure else c.object or "")
        )
        lines.append(
            f"  | {_cell(c.article_id)} | {_cell(str(value))} | {_cell(c.evidence.sentence)} |"
        )
    lines.append("")
    return lines
