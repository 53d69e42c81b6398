"""JSON and JSON Lines: the contract formats for scripts. Byte-identical for identical input."""

from __future__ import annotations

import json

from kantcheck.models import Claim, Finding, Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def render_jsonl(claims: list[Claim], findings: list[Finding]) -> str:
    """One claim per line, then one finding per line, each tagged with its `type`."""
    lines = []
    for claim in claims:
        lines.append(
            json.dumps({"type": "claim", **claim.model_dump(mode="json")}, ensure_ascii=False)
        )
    for finding in findings:
        lines.append(
            json.dumps({"type": "finding", **finding.model_dump(mode="json")}, ensure_ascii=False)
        )
    return "\n".join(lines) + ("\n" if lines else "")
