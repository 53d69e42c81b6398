"""`make bench`: kantcheck scan against raw nlp.pipe on the BBC corpus, as whole processes.

Runs are alternated (raw, scan, raw, scan, ...) so that the noise of a shared machine falls on
both sides; the median of each is reported. Figures: wall time, words/s, peak RSS, the
scan/raw ratio single-process and with 2 workers, a rescan of the unchanged corpus, growth from
1x to 4x the corpus, and the share of each stage inside one process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402

PY = sys.executable


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process, via GNU time."""
    t0 = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    rss = int(proc.stderr.strip().splitlines()[-1])
    return wall, rss


def scan_cmd(folder: Path, jobs: int, store: Path | None) -> list[str]:
    cmd = [
        PY,
        "-m",
        "kantcheck",
        "scan",
        str(folder),
        "--format",
        "json",
        "-o",
        "/dev/null",
        "--quiet",
        "--fail-on",
        "never",
        "--jobs",
        str(jobs),
    ]
    return cmd + (["--store", str(store)] if store else ["--no-store"])


def raw_cmd(folder: Path, n_process: int) -> list[str]:
    return [PY, str(HERE / "raw_pipe.py"), str(folder), str(n_process)]


def words(folder: Path) -> int:
    return sum(
        len(p.read_text(encoding="utf-8", errors="replace").split()) for p in folder.glob("*.txt")
    )


def alternate(
    a: list[str], b: list[str], repeats: int
) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
    ra, rb = [], []
    for _ in range(repeats):
        ra.append(timed(a))
        rb.append(timed(b))
    return ra, rb


def med(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def stage_shares(folder: Path) -> dict[str, float]:
    """Time per stage in one process: each pipeline component, claims, comparison, report."""
    from kantcheck.compare import compare, load_rules
    from kantcheck.report.build import build_report
    from kantcheck.report.jsonout import render_json
    from kantcheck.scanner import Extractor, ScanOptions, read_all
    from kantcheck.version import __version__

    articles, _ = read_all([str(folder)], 5_000_000)
    ex = Extractor(ScanOptions(store=None))
    t: dict[str, float] = {}
    claims = []
    infos = []
    for art in articles:
        doc = ex.nlp.make_doc(art.body)
        doc._.dct = art.published
        for name, proc in ex.nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            t[name] = t.get(name, 0.0) + time.perf_counter() - t0
        t0 = time.perf_counter()
        got, ents = ex.extract(doc, art)
        t["claims"] = t.get("claims", 0.0) + time.perf_counter() - t0
        claims += got
        infos.append(art.info(ents))
    t0 = time.perf_counter()
    findings = compare(claims, ex.gazetteer, load_rules(None), infos)
    t["compare"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    from kantcheck.models import ToolInfo

    render_json(build_report(ToolInfo(version=__version__), infos, claims, findings, []))
    t["report"] = time.perf_counter() - t0
    total = sum(t.values())
    return {k: round(100 * v / total, 1) for k, v in t.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-growth", action="store_true")
    args = ap.parse_args()
    results: dict[str, object] = {"articles": args.n}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        corpus = base / "x1"
        make_corpus(corpus, args.n)
        n_words = words(corpus)
        results["words"] = n_words
        raw1, scan1 = alternate(raw_cmd(corpus, 1), scan_cmd(corpus, 1, None), args.repeats)
        (rw, rm), (sw, sm) = med(raw1), med(scan1)
        results["single"] = {
            "raw_s": round(rw, 2),
            "scan_s": round(sw, 2),
            "ratio": round(sw / rw, 3),
            "raw_words_s": round(n_words / rw),
            "scan_words_s": round(n_words / sw),
            "raw_peak_mib": rm // 1024,
            "scan_peak_mib": sm // 1024,
        }
        raw2, scan2 = alternate(raw_cmd(corpus, 2), scan_cmd(corpus, 2, None), args.repeats)
        (rw2, _), (sw2, sm2) = med(raw2), med(scan2)
        results["two_workers"] = {
            "raw_s": round(rw2, 2),
            "scan_s": round(sw2, 2),
            "ratio": round(sw2 / rw2, 3),
            "speedup_vs_jobs1": round(sw / sw2, 2),
            "scan_peak_mib": sm2 // 1024,
        }
        store = base / "store"
        first, _ = timed(scan_cmd(corpus, 1, store))
        again = [timed(scan_cmd(corpus, 1, store))[0] for _ in range(args.repeats)]
        results["rescan"] = {
            "first_s": round(first, 2),
            "rescan_s": round(statistics.median(again), 2),
            "ratio": round(statistics.median(again) / first, 3),
        }
        if not args.no_growth:
            growth = {}
            for k in (1, 2, 4):
                folder = base / f"g{k}"
                make_corpus(folder, args.n, copies=k)
                w, rss = timed(scan_cmd(folder, 1, None))
                growth[f"{k}x"] = {
                    "s": round(w, 2),
                    "peak_mib": rss // 1024,
                    "s_per_article_ms": round(1000 * w / (k * args.n), 1),
                }
            results["growth"] = growth
        results["stage_share_percent"] = stage_shares(corpus)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
