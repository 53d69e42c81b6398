"""Property-based tests: ingestion, the temporal normalizer, the number parser, value compatibility.

Each property runs twice: a small budget in the default run (`make test`), and a wall-clock
budget under `make fuzz` (KANTCHECK_FUZZ=1, FUZZ_SECONDS split evenly across the targets),
which prints how many examples each target ran.
"""

from __future__ import annotations

import codecs
import math
import os
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kantcheck.ingest.read import normalize_date, read_bytes, split_front_matter
from kantcheck.models import Figure, TimeValue

FUZZ = os.environ.get("KANTCHECK_FUZZ") == "1"
FUZZ_SECONDS = float(os.environ.get("FUZZ_SECONDS", "600"))

settings.register_profile(
    "kantcheck-small", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "kantcheck-fuzz",
    max_examples=10**6,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
SMALL = settings.get_profile("kantcheck-small")

# ----------------------------------------------------------------------------- strategies

_MONTHS = ["January", "Feb", "March", "Sept.", "October", "Nov", "December", "may", "june"]
_WEEKDAYS = ["Monday", "Tuesday", "wednesday", "Fri", "Sunday"]
_TIME_WORDS = [
    "last",
    "next",
    "this",
    "ago",
    "later",
    "earlier",
    "before",
    "after",
    "since",
    "until",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "decade",
    "century",
    "quarter",
    "fourth",
    "first",
    "third",
    "the",
    "of",
    "in",
    "on",
    "at",
    "by",
    "from",
    "to",
    "-",
    "–",
    "/",
    ".",
    ",",
    "'",
    "s",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "morning",
    "evening",
    "noon",
    "midnight",
    "spring",
    "summer",
    "autumn",
    "winter",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "two",
    "three",
    "twenty",
    "hundred",
    "a",
    "an",
    "few",
    "several",
    "said",
    "will",
    "would",
    "has",
    "had",
    "was",
    "visited",
    "opened",
    "AD",
    "BC",
    "GMT",
    "a.m.",
    "p.m.",
    "o'clock",
    "Q3",
    "FY",
    "H1",
    "W48",
    "T10:00",
    "\n",
    "\n\n",
]
_numbers = st.one_of(
    st.integers(-10, 10**12).map(str),
    st.integers(1, 31).map(str),
    st.integers(1000, 2999).map(str),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
)
_date_words = st.one_of(st.sampled_from(_MONTHS + _WEEKDAYS + _TIME_WORDS), _numbers)
date_text = st.one_of(
    st.text(max_size=200),
    st.lists(_date_words, max_size=25).map(" ".join),
    st.lists(st.one_of(_date_words, st.text(max_size=5)), max_size=25).map("".join),
)
dct_text = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.integers(0, 9999).map(lambda y: f"{y:04d}"),
    st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
    st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z"),
    st.text(max_size=20),
)
_NUM_WORDS = [
    "about",
    "nearly",
    "some",
    "more",
    "than",
    "over",
    "under",
    "at",
    "least",
    "up",
    "to",
    "around",
    "almost",
    "roughly",
    "approximately",
    "million",
    "billion",
    "thousand",
    "hundred",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "of",
    "m",
    "bn",
    "k",
    "km",
    "kilometres",
    "miles",
    "percent",
    "%",
    "per",
    "cent",
    "$",
    "US$",
    "£",
    "€",
    "USD",
    "som",
    "rubles",
    "dollars",
    "one",
    "two",
    "three",
    "ten",
    "twelve",
    "twenty",
    "fifty",
    "ninety-nine",
    "half",
    "a",
    "quarter",
    "-",
    "to",
    "or",
    "so",
    "+",
    "fold",
    "threefold",
    "times",
    "people",
    "troops",
    "and",
    ".",
    ",",
    "tonnes",
    "hectares",
    "sq",
    "square",
    "metres",
    "years",
    "days",
]
number_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(_NUM_WORDS), _numbers), max_size=12).map(" ".join),
    st.lists(st.one_of(st.sampled_from(_NUM_WORDS), _numbers), max_size=12).map("".join),
)
_floats = st.floats(allow_nan=True, allow_infinity=True)
figures = st.builds(
    Figure,
    text=st.text(max_size=10),
    value=st.one_of(_floats, st.integers(-(10**20), 10**20).map(float)),
    unit=st.one_of(
        st.none(),
        st.sampled_from(["km", "USD", "percent", "som", "mile", "kg", "x"]),
        st.text(max_size=8),
    ),
    approximate=st.booleans(),
    low=st.one_of(st.none(), _floats),
    high=st.one_of(st.none(), _floats),
    counted=st.one_of(st.none(), st.sampled_from(["troop", "km", "firm"]), st.text(max_size=5)),
)
_tv_value = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.integers(0, 9999).map(lambda y: f"{y:04d}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 60)).map(lambda t: f"{t[0]:04d}-W{t[1]:02d}"),
    st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
    st.sampled_from(["XXXX-10-23", "P2Y", "PRESENT_REF", "2003-Q4", "2003-SU", "XXXX", ""]),
    st.from_regex(r"\A\d{4}-\d{2}(-\d{2})?\Z"),
    st.text(max_size=12),
)
time_values = st.builds(
    TimeValue,
    text=st.text(max_size=10),
    value=_tv_value,
    granularity=st.one_of(st.none(), st.sampled_from(["year", "month", "day", "week", "time"])),
    start=st.one_of(st.none(), _tv_value),
    end=st.one_of(st.none(), _tv_value),
    type=st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
)
_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "latin-1"]
_SUFFIXES = ["x.txt", "x.md", "x.html", "x.json", "-x.txt", "x"]
front_matter_docs = st.tuples(
    st.sampled_from(["---\n", "---\r\n", "--- \n", "---", ""]),
    st.one_of(
        st.text(max_size=200),
        st.dictionaries(
            st.sampled_from(["title", "outlet", "url", "published", "id", "tags", "date"]),
            st.one_of(
                st.text(max_size=20),
                st.integers(),
                st.none(),
                dct_text,
                st.sampled_from(
                    ["2025-13-45", "yesterday", "[", "{a: b", "!!python/object:x", "*x", "&a"]
                ),
            ),
            max_size=6,
        ).map(lambda d: "\n".join(f"{k}: {v}" for k, v in d.items())),
    ),
    st.sampled_from(["\n---\n", "\r\n---\r\n", "\n---", "\n--- \n", "\n", "\n...\n"]),
    st.text(max_size=200),
).map("".join)

# ----------------------------------------------------------------------------- properties


def check_read_bytes(data: bytes, path: str) -> None:
    try:
        art = read_bytes(data, path, max_bytes=1_000_000)
    except ValueError as exc:
        assert str(exc), "an error reason must not be empty"
        return
    assert isinstance(art.body, str) and art.body.strip()
    assert isinstance(art.id, str) and art.id
    assert art.published is None or normalize_date(art.published) == art.published
    assert all(isinstance(w, str) and w for w in art.warnings)
    assert len(art.sha256) == 64


def check_front_matter(text: str, encoding: str) -> None:
    meta, body, warnings = split_front_matter(text)
    assert isinstance(meta, dict) and isinstance(body, str) and isinstance(warnings, list)
    assert body == text or text.endswith(body), "the body is a suffix of the file"
    data = text.encode(encoding, errors="ignore")
    check_read_bytes(data, "x.txt")


@lru_cache(maxsize=1)
def _blank_timex_nlp() -> Any:
    import spacy

    from kantcheck.nlp.timex import TIMEX_COMPONENT

    nlp = spacy.blank("en")
    nlp.add_pipe(TIMEX_COMPONENT)
    return nlp


def check_timex(text: str, dct: str | None) -> None:
    from kantcheck.nlp.timex import tag_text
    from kantcheck.nlp.timex.tagger import tag_string

    # strict: handler exceptions propagate (the component would silently drop them)
    direct = tag_string(text, dct, strict=True)
    found = tag_text(text, dct, _blank_timex_nlp())
    assert [(t.start, t.end, t.value) for t in found] == [(t.start, t.end, t.value) for t in direct]
    last_end = -1
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end, "timexes overlap"
        last_end = t.end
        assert isinstance(t.value, str) and t.value
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        if t.interval_start and t.interval_end:
            assert t.interval_start <= t.interval_end, (t.interval_start, t.interval_end)
        t.to_time_value()  # a valid record


def check_number(text: str) -> None:
    from kantcheck.nlp.figures import parse_amount, parse_number

    amount = parse_amount(text)
    value = parse_number(text)
    if amount is None:
        assert value is None
        return
    assert value == amount.value and math.isfinite(value)
    for bound in (amount.low, amount.high):
        assert bound is None or not math.isnan(bound)
    if amount.low is not None and amount.high is not None:
        assert amount.low <= amount.high, (amount.low, amount.high)
    Figure(
        text=text,
        value=amount.value,
        unit=amount.unit,
        approximate=amount.approximate,
        low=amount.low,
        high=amount.high,
    )


@lru_cache(maxsize=1)
def _rules() -> Any:
    from kantcheck.compare import load_rules

    return load_rules()


def _value(x: TimeValue | Figure) -> Any:
    from kantcheck.compare.values import date_value, figure_value, time_span

    if isinstance(x, Figure):
        return figure_value(x, _rules())
    span = time_span(x)
    return None if span is None else date_value(span, _rules().tolerances)


def check_compatible(a: TimeValue | Figure, b: TimeValue | Figure) -> None:
    from kantcheck.compare.values import compatible, components

    va, vb = _value(a), _value(b)
    if va is None or vb is None:
        return
    ab, ba = compatible(va, vb), compatible(vb, va)
    assert ab == ba, (va, vb)
    if not (math.isnan(va.low) or math.isnan(va.high)):
        assert compatible(va, va) is True, va
    if va.dimension != vb.dimension:
        assert ab is None
    groups = components([va, vb], lambda v: v)
    assert sorted(len(g) for g in groups) in ([2], [1, 1])


any_item = st.one_of(time_values, figures)
TARGETS: dict[str, tuple[Callable[..., None], tuple[Any, ...]]] = {
    "read_bytes": (
        check_read_bytes,
        (
            st.one_of(
                st.binary(max_size=3000),
                st.tuples(st.text(max_size=500), st.sampled_from(_ENCODINGS)).map(
                    lambda t: t[0].encode(t[1], errors="ignore")
                ),
                st.sampled_from(
                    [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b""]
                ).flatmap(lambda bom: st.binary(max_size=500).map(lambda b: bom + b)),
                st.text(max_size=300).map(
                    lambda t: f'{{"text": {t!r}, "published": "x"}}'.encode()
                ),
                st.text(max_size=300).map(
                    lambda t: f"<html><body><p>{t}</p><script>{t}</script>".encode()
                ),
            ),
            st.sampled_from(_SUFFIXES),
        ),
    ),
    "front_matter": (check_front_matter, (front_matter_docs, st.sampled_from(_ENCODINGS))),
    "timex": (check_timex, (date_text, dct_text)),
    "number": (check_number, (number_text,)),
    "compatible": (check_compatible, (any_item, any_item)),
}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_property_small_budget(name: str) -> None:
    check, strategies = TARGETS[name]
    given(*strategies)(settings(SMALL)(check))()


def test_last_week_of_9999_is_not_a_date() -> None:
    from kantcheck.compare.values import parse_date_text

    assert parse_date_text("9999-W52") is None  # it ends in the year 10000


@pytest.mark.fuzz
@pytest.mark.skipif(not FUZZ, reason="set KANTCHECK_FUZZ=1 (make fuzz)")
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_property_fuzz(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Run one target for its share of FUZZ_SECONDS, in rounds, then report the count."""
    check, strategies = TARGETS[name]
    budget = FUZZ_SECONDS / len(TARGETS)
    stop = time.monotonic() + budget
    count = [0]

    def counted(args: tuple[Any, ...]) -> None:
        count[0] += 1  # always run the check: an early return would make a failure flaky
        check(*args)

    rounds, t0 = 0, time.monotonic()
    chunk = 100
    while time.monotonic() < stop:
        r0 = time.monotonic()
        profile = settings(settings.get_profile("kantcheck-fuzz"), max_examples=chunk)
        given(st.tuples(*strategies))(profile(lambda args: counted(args)))()  # fresh per round
        rounds += 1
        took = max(time.monotonic() - r0, 1e-3)
        chunk = max(20, min(20_000, int(chunk * 5.0 / took)))  # rounds of ~5 s
    with capsys.disabled():
        print(
            f"\nfuzz {name}: {count[0]} examples in {time.monotonic() - t0:.0f} s ({rounds} rounds)"
        )
