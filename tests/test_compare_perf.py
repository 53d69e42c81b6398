"""Comparison on a large synthetic input: it finishes and is deterministic. Its speed
(20,000 claims, linear growth) is measured in `make bench` (benchmarks/bench_compare.py),
not asserted here: a timed unit test fails on a busy machine for no fault of the code."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kantcheck.compare import compare, load_rules
from kantcheck.models import Claim
from test_compare_support import claim, fig, small_gazetteer


def synthetic(n: int, seed: int = 7) -> list[Claim]:
    """Many subjects, a few claims each, across predicates; plus one hot slot of 2,000 claims."""
    rnd = random.Random(seed)
    out: list[Claim] = []
    for i in range(n):
        art = f"a{i % 997:04d}"
        pub = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        kind = i % 5
        subj = f"thing_{rnd.randrange(n // 4)}"
        if i % 10 == 0:  # a hot slot: one subject every article talks about
            out.append(
                claim(
                    art,
                    "count",
                    "russian firm",
                    "kyrgyzstan",
                    figure=fig(rnd.choice([1700, 1650, 17000, 570])),
                    published=pub,
                    outlet=f"outlet{i % 50}",
                )
            )
        elif kind == 0:
            out.append(
                claim(
                    art,
                    "established",
                    subj,
                    when=f"{1990 + rnd.randrange(30)}",
                    published=pub,
                    outlet=f"outlet{i % 50}",
                )
            )
        elif kind == 1:
            out.append(
                claim(
                    art,
                    "visit_began",
                    subj,
                    "kyrgyzstan",
                    when=pub,
                    published=pub,
                    outlet=f"outlet{i % 50}",
                )
            )
        elif kind == 2:
            out.append(
                claim(
                    art,
                    "located",
                    subj,
                    "bishkek",
                    figure=fig(rnd.randrange(1, 90), "km"),
                    published=pub,
                    outlet=f"outlet{i % 50}",
                )
            )
        elif kind == 3:
            out.append(
                claim(
                    art,
                    "met",
                    subj,
                    f"person_{rnd.randrange(50)}",
                    when=pub,
                    published=pub,
                    outlet=f"outlet{i % 50}",
                )
            )
        else:
            out.append(
                claim(
                    art,
                    "holds_office",
                    subj,
                    "president_kyrgyzstan",
                    published=pub,
                    outlet=f"outlet{i % 50}",
                )
            )
    return out


def test_twenty_thousand_claims() -> None:
    claims = synthetic(20_000)
    gaz, rules = small_gazetteer(), load_rules()
    assert compare(claims, gaz, rules)
    # deterministic on a large input too (a smaller one, to keep the test quick)
    part = claims[:2000]
    assert [f.id for f in compare(part[::-1], gaz, rules)] == [
        f.id for f in compare(part, gaz, rules)
    ]
