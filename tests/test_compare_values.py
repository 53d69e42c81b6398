"""Value compatibility: date intervals, figure tolerance, unit conversion, symmetry (hypothesis)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from kantcheck.compare import load_rules
from kantcheck.compare.rules import Rules
from kantcheck.compare.values import (
    Value,
    compatible,
    components,
    date_value,
    figure_value,
    parse_date_text,
    rounding_step,
    time_span,
)
from kantcheck.errors import ConfigError
from kantcheck.models import Figure, TimeValue
from test_compare_support import fig, tv

RULES = load_rules()


def dv(text: str, rules: Rules = RULES) -> Value:
    span = time_span(tv(text))
    assert span is not None
    return date_value(span, rules.tolerances)


def fv(f: Figure) -> Value:
    v = figure_value(f, RULES)
    assert v is not None
    return v


# dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2003", "2003-10-23", True),
        ("2003-10", "2003-10-23", True),
        ("2003", "2017", False),
        ("2003", "2004", False),
        ("2003-10", "2003-11", False),
        ("2025-11-23", "2025-11-25", False),
        ("2025-11-25", "2025-11-25", True),
        ("2025-11-25", "2025-11-26", True),  # one day of slack: time zones
        ("2025-W48", "2025-11-26", True),
        ("2025-W48", "2025-12-05", False),
        ("2025-11-26T10:00", "2025-11-26", True),
    ],
)
def test_date_intervals(a: str, b: str, expected: bool) -> None:
    assert compatible(dv(a), dv(b)) is expected
    assert compatible(dv(b), dv(a)) is expected


def test_date_slack_zero_is_strict() -> None:
    strict = RULES.model_copy(
        update={"tolerances": RULES.tolerances.model_copy(update={"date_slack_days": 0})}
    )
    assert compatible(dv("2025-11-25", strict), dv("2025-11-26", strict)) is False
    assert compatible(dv("2025-11-25", strict), dv("2025-11-25", strict)) is True


def test_unresolved_and_non_dates_have_no_span() -> None:
    assert time_span(tv("XXXX-10-23", resolved=False)) is None
    assert time_span(TimeValue(text="two years", value="P2Y", type="DURATION")) is None
    assert time_span(TimeValue(text="now", value="PRESENT_REF")) is None
    assert parse_date_text("2025-02-30") is None
    assert parse_date_text("") is None


def test_start_end_take_precedence_over_value() -> None:
    t = TimeValue(text="autumn 2003", value="2003-FA", start="2003-09-01", end="2003-11-30")
    span = time_span(t)
    assert span is not None and span.start.month == 9 and span.end.month == 11


# figures -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "step"), [(1700, 50), (20, 5), (12, 0.5), (1650, 5), (19.3, 0.05), (1.7e6, 50000)]
)
def test_rounding_step(value: float, step: float) -> None:
    assert rounding_step(value) == pytest.approx(step)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (fig(1700, approximate=True), fig(1650), True),
        (fig(1700, approximate=True), fig(17000), False),
        (fig(1700), fig(1650), True),  # "1,700" is rounded to the hundred
        (fig(1700), fig(1500), False),
        (fig(1653), fig(1650), True),  # 1% exact tolerance
        (fig(1653), fig(1700), True),  # 1,653 rounds to 1,700
        (fig(1653), fig(1500), False),
        (fig(1653), fig(1610), False),
        (fig(100, approximate=True), fig(140), False),  # rounding capped at 25%
        (fig(1700, low=1700), fig(2500), True),  # "more than 1,700"
        (fig(1700, low=1700), fig(1500), False),
    ],
)
def test_figure_tolerance(a: Figure, b: Figure, expected: bool) -> None:
    assert compatible(fv(a), fv(b)) is expected
    assert compatible(fv(b), fv(a)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (fig(20, "km", approximate=True), fig(12, "miles"), True),
        (fig(20, "km"), fig(12, "mi"), True),
        (fig(60, "km"), fig(20, "km", approximate=True), False),
        (fig(20, "kilometres"), fig(20000, "m"), True),
        (fig(20, "km"), fig(20, "days"), None),
        (fig(100, "USD"), fig(100, "RUB"), None),
        (fig(100, "$"), fig(100, "dollars"), True),
        (fig(3, "day"), fig(3, "days"), True),
        (fig(1, "week"), fig(7, "days"), True),
    ],
)
def test_unit_conversion(a: Figure, b: Figure, expected: bool | None) -> None:
    assert compatible(fv(a), fv(b)) is expected


def test_counted_noun_is_the_count_dimension() -> None:
    a = figure_value(fig(1700, "russian firm"), RULES, ("russian firm",))
    b = figure_value(fig(1650, counted="russian firm"), RULES)
    assert a is not None and b is not None
    assert a.dimension == b.dimension == "count" and compatible(a, b) is True
    assert a.text == "1700 russian firm"


def test_nonfinite_figure_is_not_comparable() -> None:
    assert figure_value(Figure(text="?", value=math.nan), RULES) is None
    assert figure_value(Figure(text="?", value=math.inf), RULES) is None


def test_entities_compare_by_id() -> None:
    a, b = Value("entity", token="sadyr_japarov"), Value("entity", token="sadyr_japarov")
    assert compatible(a, b) is True
    assert compatible(a, Value("entity", token="askar_akaev")) is False


def test_components_sweep_groups_overlapping_values() -> None:
    vals = [dv("2025-11-25"), dv("2003-10-23"), dv("2003"), dv("2025-11-26"), dv("2017")]
    groups = components(vals, lambda v: v)
    texts = [[v.text for v in g] for g in groups]
    assert texts == [["2003", "2003-10-23"], ["2017"], ["2025-11-25", "2025-11-26"]]


# rules file ----------------------------------------------------------------------------------


def test_rules_file_validates_and_covers_the_predicates() -> None:
    from kantcheck.compare.rules import DEFAULT_RULES

    assert Path(__file__).resolve().parents[1] / "data" / "rules.yaml" == DEFAULT_RULES
    for name in ("established", "holds_office", "count", "located", "visit_began", "met", "hosted"):
        assert name in RULES.predicates
    assert RULES.rule_for("opened")[0] == "established"
    assert RULES.rule_for("no_such_predicate")[1].single_valued is False


def test_rules_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        "tolerances:\n  figure_relative_exact: 0.01\npredicates:\n  established:\n"
        "    key: [subject]\n    value: colour\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"rules\.yaml:6: predicates\.established\.value"):
        load_rules(bad)


def test_rules_reject_a_synonym_in_two_slots(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        "predicates:\n  established: {synonyms: [opened]}\n  closed: {synonyms: [opened]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="opened"):
        load_rules(bad)


# property: symmetry and no crash ------------------------------------------------------------

_units = st.sampled_from(
    [None, "km", "miles", "m", "USD", "RUB", "days", "russian firm", "%", "furlong"]
)
_numbers = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.integers(
    -(10**9), 10**9
).map(float)


@st.composite
def figures(draw: st.DrawFn) -> Figure:
    value = draw(_numbers)
    low = draw(st.none() | _numbers)
    high = draw(st.none() | _numbers)
    return Figure(
        text="x",
        value=value,
        unit=draw(_units),
        approximate=draw(st.booleans()),
        low=low,
        high=high,
    )


@st.composite
def dates(draw: st.DrawFn) -> TimeValue:
    d = draw(st.dates(min_value=__import__("datetime").date(1, 1, 1)))
    gran = draw(st.sampled_from(["year", "month", "day", "week", "junk"]))
    if gran == "year":
        value = f"{d.year:04d}"
    elif gran == "month":
        value = f"{d.year:04d}-{d.month:02d}"
    elif gran == "week":
        value = f"{d.isocalendar().year:04d}-W{d.isocalendar().week:02d}"
    elif gran == "junk":
        value = draw(st.sampled_from(["XXXX-10-23", "P2Y", "PRESENT_REF", "2025-13", "20x5"]))
    else:
        value = d.isoformat()
    return TimeValue(text=value, value=value)


def _as_value(x: Figure | TimeValue) -> Value | None:
    if isinstance(x, Figure):
        return figure_value(x, RULES)
    span = time_span(x)
    return date_value(span, RULES.tolerances) if span else None


@settings(max_examples=100, deadline=None)
@given(st.one_of(figures(), dates()), st.one_of(figures(), dates()))
def test_compatibility_is_symmetric(a: Figure | TimeValue, b: Figure | TimeValue) -> None:
    va, vb = _as_value(a), _as_value(b)
    if va is None or vb is None:
        return
    assert compatible(va, vb) == compatible(vb, va)
    assert compatible(va, va) in (True, None) or not math.isfinite(va.low + va.high)


@settings(max_examples=100, deadline=None)
@given(st.lists(figures(), min_size=0, max_size=12))
def test_components_never_split_agreeing_values(figs: list[Figure]) -> None:
    vals = [v for v in (figure_value(f, RULES) for f in figs) if v is not None]
    groups = components(vals, lambda v: v)
    assert sorted(map(id, vals)) == sorted(id(v) for g in groups for v in g)
    where = {id(v): n for n, g in enumerate(groups) for v in g}
    for a in vals:
        for b in vals:
            if compatible(a, b):
                assert where[id(a)] == where[id(b)]
