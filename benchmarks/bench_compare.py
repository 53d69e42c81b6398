"""The comparator's speed on synthetic claims: blocking by slot keeps it near-linear."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from kantcheck.compare import compare, load_rules
from test_compare_perf import synthetic
from test_compare_support import small_gazetteer


def main() -> None:
    gaz, rules = small_gazetteer(), load_rules()
    out = {}
    for n in (5_000, 10_000, 20_000):
        claims = synthetic(n)
        t0 = time.perf_counter()
        findings = compare(claims, gaz, rules)
        took = time.perf_counter() - t0
        out[n] = {
            "s": round(took, 3),
            "findings": len(findings),
            "us_per_claim": round(1e6 * took / n),
        }
    print(json.dumps({"compare": out}, indent=2))


if __name__ == "__main__":
    main()
