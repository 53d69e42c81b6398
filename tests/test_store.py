"""The incremental store: round trips, corruption, concurrent writers, SIGKILL mid-scan."""

from __future__ import annotations

import json
import multiprocessing
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kantcheck.models import Claim, Evidence
from kantcheck.store import STORE_FILE, Store

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"


def _claim(i: int) -> Claim:
    return Claim(
        id=f"c{i}",
        article_id="a",
        predicate="said",
        evidence=Evidence(sentence="x", start=0, end=1),
        confidence=0.5,
    )


def test_round_trip_and_fingerprint(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("sha", "fp1", "a", [_claim(1)], ["kant"])
    assert store.get("sha", "fp1", "a") == ([_claim(1)], ["kant"])
    assert store.get("sha", "fp2", "a") is None
    assert store.get("other", "fp1", "a") is None
    store.close()


def test_corrupt_store_is_rebuilt_with_warning(tmp_path: Path) -> None:
    (tmp_path / STORE_FILE).write_bytes(b"this is not a database" * 100)
    store = Store(tmp_path)
    assert store.warnings and "rebuilt" in store.warnings[0]
    store.put("sha", "fp", "a", [_claim(1)], [])
    assert store.get("sha", "fp", "a") is not None
    store.close()


def _writer(folder: str, n: int, tag: str) -> None:
    store = Store(Path(folder))
    for i in range(n):
        store.put(f"{tag}{i}", "fp", "a", [_claim(i)], [])
    store.close()


def test_concurrent_writers(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), 150, t)) for t in ("x", "y")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    store = Store(tmp_path)
    assert all(store.get(f"{t}{i}", "fp", "a") for t in ("x", "y") for i in range(150))
    assert not store.warnings
    store.close()


def _scan(store: Path | None) -> subprocess.Popen[str]:
    args = [
        sys.executable,
        "-m",
        "kantcheck",
        "scan",
        str(ARTICLES),
        "--format",
        "json",
        "--fail-on",
        "never",
        "--quiet",
    ]
    args += ["--store", str(store)] if store else ["--no-store"]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.model
def test_sigkill_mid_scan_then_rescan_is_identical(tmp_path: Path) -> None:
    reference = _scan(None).communicate(timeout=300)[0]
    for delay in (1.5, 3.0, 4.5):
        proc = _scan(tmp_path / "store")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
    out, err = _scan(tmp_path / "store").communicate(timeout=300)
    assert out == reference, err


@pytest.mark.model
def test_two_scans_at_once_on_one_store(tmp_path: Path) -> None:
    reference = json.loads(_scan(None).communicate(timeout=300)[0])
    procs = [_scan(tmp_path / "store") for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for (out, err), p in zip(outs, procs, strict=True):
        assert p.returncode == 0, err
        assert json.loads(out) == reference
