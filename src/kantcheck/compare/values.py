"""Value compatibility: each value is a closed interval on the line of one dimension, or a token.

Two values agree when they share a dimension and their intervals overlap (tokens: are equal).
Each value carries its own tolerance in its interval, so `compatible(a, b) == compatible(b, a)`
by construction, and the agreeing groups of a slot are the connected components of an
interval-overlap graph, found by one sort and a sweep (no all-pairs comparison).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from kantcheck.gazetteer import parse_partial_date
from kantcheck.models import Figure, TimeValue

from .rules import Rules, Tolerances

T = TypeVar("T")

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T[\d:.]+")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The days a date covers, inclusive; `value` is the TIMEX text it came from."""

    start: dt.date
    end: dt.date
    value: str

    @property
    def is_day(self) -> bool:
        return self.start == self.end


@dataclass(frozen=True, slots=True)
class Value:
    """A comparable value: `dimension` decides what it may be compared with at all."""

    dimension: str
    low: float = 0.0
    high: float = 0.0
    token: str | None = None
    text: str = ""

    def sort_key(self) -> tuple[str, float, float, str]:
        return (self.dimension, self.low, self.high, self.token or "")


@lru_cache(maxsize=65536)
def parse_date_text(text: str | None) -> DateSpan | None:
    """A TIMEX date value (`2003`, `2003-10`, `2003-10-23`, `2025-W48`, `...T10:00`) -> span."""
    if not text:
        return None
    text = text.strip()
    m = _DATETIME.match(text)
    if m:
        text_day = m.group(1)
        try:
            s, e = parse_partial_date(text_day)
        except (ValueError, OverflowError):
            return None
        return DateSpan(s, e, text)
    m = _WEEK.match(text)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            sunday = monday + dt.timedelta(days=6)
        except (ValueError, OverflowError):
            return None  # no such week, or one that ends past 9999-12-31
        return DateSpan(monday, sunday, text)
    if not _PARTIAL.match(text):
        return None
    try:
        s, e = parse_partial_date(text)
    except (ValueError, OverflowError):
        return None
    return DateSpan(s, e, text)


def time_span(tv: TimeValue | None) -> DateSpan | None:
    """The interval a `when` covers, or None when it is not anchored (XXXX-10-23, durations)."""
    if tv is None or tv.type in ("DURATION", "SET"):
        return None
    if tv.start and tv.end:
        s, e = parse_date_text(tv.start), parse_date_text(tv.end)
        if s is not None and e is not None and s.start <= e.end:
            return DateSpan(s.start, e.end, tv.value)
    return parse_date_text(tv.value)


def date_value(span: DateSpan, tol: Tolerances) -> Value:
    """Days as ordinals; a single day widens by half the slack so two days `slack` apart touch."""
    widen = tol.date_slack_days / 2 if span.is_day else 0.0
    return Value(
        "date",
        span.start.toordinal() - widen,
        span.end.toordinal() + widen,
        text=span.value,
    )


def rounding_step(value: float) -> float:
    """Half the unit of the last significant digit: 1700 -> 50, 12 -> 0.5, 19.3 -> 0.05."""
    v = abs(value)
    if v == 0:
        return 0.5
    if v == int(v) and v < 1e15:
        n, zeros = int(v), 0
        while n % 10 == 0:
            n //= 10
            zeros += 1
        return 0.5 * 10**zeros
    decimals = len(f"{v:.10f}".rstrip("0").split(".")[1])
    return 0.5 * 10 ** (-decimals)


def format_number(value: float) -> str:
    """Plain normalized digits for `values` and ids: 1700, 19.3, 0.5."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def unit_dimension(
    unit: str | None, rules: Rules, counted: Sequence[str | None] = ()
) -> tuple[str, float, str]:
    """(dimension, factor to base, canonical unit); unknown units only compare with themselves."""
    if unit is None or unit.strip().lower() in {c.lower() for c in counted if c}:
        return "count", 1.0, ""
    name = rules.unit_of.get(unit.strip().lower())
    if name is None:
        norm = " ".join(unit.lower().split())
        return f"unit:{norm}", 1.0, norm
    u = rules.units[name]
    return u.dimension, u.factor, name


def figure_value(fig: Figure, rules: Rules, counted: Sequence[str | None] = ()) -> Value | None:
    """A figure as an interval in base units, widened by rounding and the rules' tolerance."""
    if not math.isfinite(fig.value):
        return None
    dim, factor, unit = unit_dimension(fig.unit, rules, (*counted, fig.counted))
    tol = rules.tolerances
    rel = tol.figure_relative_approximate if fig.approximate else tol.figure_relative_exact
    v = fig.value
    step = min(rounding_step(v), tol.rounding_max_relative * abs(v)) if v else 0.5
    half = max(step, rel * abs(v))
    low, high = v - half, v + half
    if fig.low is not None or fig.high is not None:
        # Wording bounds ("more than 1,700"): an open side stays open.
        low = fig.low - rel * abs(fig.low) if fig.low is not None else -math.inf
        high = fig.high + rel * abs(fig.high) if fig.high is not None else math.inf
        if not (math.isfinite(low) or math.isfinite(high)) or low > high:
            low, high = v - half, v + half
    label = unit or (fig.counted or next((c for c in counted if c), None) or "")
    text = f"{format_number(v)} {label}".strip()
    if fig.approximate:
        text = f"~{text}"
    return Value(dim, low * factor, high * factor, text=text)


def entity_value(ident: str) -> Value:
    return Value("entity", token=ident, text=ident)


def compatible(a: Value, b: Value) -> bool | None:
    """True: agree; False: disagree; None: not comparable (different dimensions)."""
    if a.dimension != b.dimension:
        return None
    if a.token is not None or b.token is not None:
        return a.token == b.token
    return a.low <= b.high and b.low <= a.high


def components(items: Sequence[T], value_of: Callable[[T], Value]) -> list[list[T]]:
    """Groups of mutually reachable agreeing values, per dimension; sorted, deterministic.

    Chains (a~b~c with a!~c) stay one group: the conservative reading, no false alarm.
    """
    by_dim: dict[str, list[T]] = {}
    for it in items:
        by_dim.setdefault(value_of(it).dimension, []).append(it)
    out: list[list[T]] = []
    for dim in sorted(by_dim):
        group_items = sorted(by_dim[dim], key=lambda it: value_of(it).sort_key())
        if value_of(group_items[0]).token is not None:
            tokens: dict[str, list[T]] = {}
            for it in group_items:
                tokens.setdefault(value_of(it).token or "", []).append(it)
            out.extend(tokens[t] for t in sorted(tokens))
            continue
        current: list[T] = []
        reach = -math.inf
        for it in group_items:
            v = value_of(it)
            if current and v.low > reach:
                out.append(current)
                current = []
                reach = -math.inf
            current.append(it)
            reach = max(reach, v.high)
        if current:
            out.append(current)
    return out
