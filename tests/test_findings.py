"""End to end: the seeds' findings, and each hand-written conflict article scanned with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kantcheck import ScanOptions, scan
from kantcheck.cli import main

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
FIXTURES = ROOT / "tests" / "fixtures"
BASE_000, IWPR_001 = "000_3bcc98d2bb5dc343", "001_5937e69cfba3e3de"


def kinds(report, kind: str):  # type: ignore[no-untyped-def]
    return [f for f in report.findings if f.kind == kind]


def with_seeds(*extra: Path):  # type: ignore[no-untyped-def]
    return scan([ARTICLES, *extra], ScanOptions(store=None))


def test_seed_founding_contradiction(seed_report) -> None:  # type: ignore[no-untyped-def]
    founding = [f for f in kinds(seed_report, "contradiction") if f.subject == "kant_air_base"]
    assert len(founding) == 1
    f = founding[0]
    assert set(f.articles) == {BASE_000, IWPR_001}
    assert any(v.startswith("2003") for v in f.values) and any(
        v.startswith("2017") for v in f.values
    )
    assert f.severity == "error"


def test_seed_at_most_three_contradictions(seed_report) -> None:  # type: ignore[no-untyped-def]
    assert len(kinds(seed_report, "contradiction")) <= 3


def test_seed_hosts_change_over_time(seed_report) -> None:  # type: ignore[no-untyped-def]
    changed = kinds(seed_report, "changed_over_time")
    assert any(
        "askar_akaev" in " ".join(f.values) and "sadyr_japarov" in " ".join(f.values)
        for f in changed
    )
    for f in kinds(seed_report, "contradiction"):
        assert not {"askar_akaev", "sadyr_japarov"} <= set(" ".join(f.values).split())


def test_seed_visit_dates_corroborate(seed_report) -> None:  # type: ignore[no-untyped-def]
    corroborated = {(f.predicate, v) for f in kinds(seed_report, "corroboration") for v in f.values}
    assert any(p.startswith("visit_began") and "2025-11-25" in v for p, v in corroborated)
    assert any(p.startswith("met") and "2025-11-26" in v for p, v in corroborated)
    for f in kinds(seed_report, "contradiction"):
        assert not f.predicate.startswith(("visit", "met")), f.explanation


@pytest.mark.parametrize(
    ("fixture", "kind", "predicate"),
    [
        ("conflicts/wrong_visit_start.txt", "contradiction", "visit_began"),
        ("conflicts/figure_tenfold.txt", "contradiction", "count"),
        ("conflicts/wrong_distance.txt", "contradiction", "located"),
        ("conflicts/president_outside_term.txt", "reference_mismatch", "holds_office"),
    ],
)
def test_fixture_conflict_caught(seed_report, fixture: str, kind: str, predicate: str) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / fixture
    report = with_seeds(path)
    before = {f.id for f in seed_report.findings}
    new = [f for f in report.findings if f.id not in before and f.kind == kind]
    assert any(f.predicate.startswith(predicate) and path.stem in f.articles for f in new), [
        (f.kind, f.predicate, f.values, f.articles) for f in report.findings
    ]


def test_faithful_restatement_raises_no_new_conflict(seed_report) -> None:  # type: ignore[no-untyped-def]
    report = with_seeds(FIXTURES / "faithful_restatement.txt")
    before = {
        f.id for f in seed_report.findings if f.kind in ("contradiction", "reference_mismatch")
    }
    after = {f.id for f in report.findings if f.kind in ("contradiction", "reference_mismatch")}
    assert after <= before, [f.explanation for f in report.findings if f.id in after - before]
    assert len(kinds(report, "corroboration")) > len(kinds(seed_report, "corroboration"))


def _cli(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.stdout


def test_baseline_gate(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    code, _ = _cli("scan", str(ARTICLES), "--no-store", "--format", "json", "-o", str(baseline))
    assert code == 1  # the seeds disagree on the founding date
    code, _ = _cli(
        "scan", str(ARTICLES), "--no-store", "--baseline", str(baseline), "--format", "json"
    )
    assert code == 0
    code, out = _cli(
        "scan",
        str(ARTICLES),
        str(FIXTURES / "conflicts" / "wrong_visit_start.txt"),
        "--no-store",
        "--baseline",
        str(baseline),
        "--format",
        "json",
    )
    assert code == 1
    report = json.loads(out)
    assert report["summary"]["failing"] >= 1
    assert {f["status"] for f in report["findings"]} >= {"new", "known"}
    code, _ = _cli(
        "scan",
        str(ARTICLES),
        str(FIXTURES / "faithful_restatement.txt"),
        "--no-store",
        "--baseline",
        str(baseline),
        "--format",
        "json",
    )
    assert code == 0


def test_triage_dismissed_never_fails(tmp_path: Path, seed_report) -> None:  # type: ignore[no-untyped-def]
    triage = tmp_path / "triage.yaml"
    entries = "\n".join(
        f"  - id: {f.id}\n    status: dismissed\n    note: reviewed"
        for f in kinds(seed_report, "contradiction")
    )
    triage.write_text(f"findings:\n{entries}\n")
    code, out = _cli(
        "scan", str(ARTICLES), "--no-store", "--triage", str(triage), "--format", "json"
    )
    assert code == 0
    dismissed = [f for f in json.loads(out)["findings"] if f["status"] == "dismissed"]
    assert dismissed and all(f["note"] == "reviewed" for f in dismissed)


def test_fail_on_levels(seed_report) -> None:  # type: ignore[no-untyped-def]
    assert (
        _cli("scan", str(ARTICLES), "--no-store", "--fail-on", "never", "--format", "json")[0] == 0
    )
    assert (
        _cli("scan", str(ARTICLES), "--no-store", "--fail-on", "contradiction", "--format", "json")[
            0
        ]
        == 1
    )


def test_deterministic_cold_and_warm_store(tmp_path: Path) -> None:
    args = ["scan", str(ARTICLES), "--format", "json", "--fail-on", "never"]
    cold = _cli(*args, "--store", str(tmp_path / "s"))[1]
    warm = _cli(*args, "--store", str(tmp_path / "s"))[1]
    none = _cli(*args, "--no-store")[1]
    assert cold == warm == none


def test_evidence_offsets_slice_the_body(seed_report, seed_bodies) -> None:  # type: ignore[no-untyped-def]
    assert seed_report.claims
    for c in seed_report.claims:
        assert seed_bodies[c.article_id][c.evidence.start : c.evidence.end] == c.evidence.sentence
