"""Shared fixtures: one pipeline and one seed scan per test session (the model is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
FIXTURES = ROOT / "tests" / "fixtures"
SEED_IDS = [p.stem for p in sorted(ARTICLES.glob("*.txt"))]


@pytest.fixture(scope="session")
def nlp():
    from kantcheck.nlp.pipeline import build_pipeline

    pipeline, _ = build_pipeline()
    return pipeline


@pytest.fixture(scope="session")
def seed_report():
    from kantcheck import ScanOptions, scan

    return scan([ARTICLES], ScanOptions(store=None))


@pytest.fixture(scope="session")
def seed_bodies() -> dict[str, str]:
    from kantcheck.ingest import discover, read_article

    out = {}
    for cand in discover([str(ARTICLES)]):
        art = read_article(cand)
        out[art.id] = art.body  # type: ignore[union-attr]
    return out
