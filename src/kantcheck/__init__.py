"""kantcheck: dated claims from news articles, compared across sources.

Library API for scripts; the CLI is a thin layer over these::

    from kantcheck import scan, ScanOptions
    report = scan(["data/articles"], ScanOptions(store=None))
    for finding in report.findings:
        print(finding.kind, finding.explanation)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kantcheck.version import __version__

if TYPE_CHECKING:
    from kantcheck.models import Claim, Finding, Report
    from kantcheck.scanner import ScanOptions

__all__ = [
    "Claim",
    "Finding",
    "Report",
    "ScanOptions",
    "__version__",
    "compare",
    "extract_claims",
    "scan",
]


def scan(paths: Any, opts: ScanOptions | None = None) -> Report:
    """Scan articles (files or folders) and compare their claims."""
    from kantcheck.scanner import scan as _scan

    return _scan(paths, opts)


def extract_claims(paths: Any, opts: ScanOptions | None = None) -> list[Claim]:
    """Claims of the given articles, without comparison."""
    from kantcheck.scanner import extract_claims_from_paths

    return extract_claims_from_paths(paths, opts)[1]


def compare(
    claims: list[Claim], gazetteer_path: Any = None, rules_path: Any = None
) -> list[Finding]:
    """Findings for claims (e.g. read back from JSON): no spaCy needed."""
    from kantcheck.compare import compare as _compare
    from kantcheck.compare import load_rules
    from kantcheck.gazetteer import load_gazetteer

    gaz, _ = load_gazetteer(gazetteer_path)
    return _compare(claims, gaz, load_rules(rules_path))


def __getattr__(name: str) -> Any:
    if name in ("Claim", "Finding", "Report"):
        from kantcheck import models

        return getattr(models, name)
    if name == "ScanOptions":
        from kantcheck.scanner import ScanOptions

        return ScanOptions
    raise AttributeError(name)
