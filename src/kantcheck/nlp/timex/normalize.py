"""Calendar arithmetic for TIMEX3 values: a partial reference date, shifts by unit, intervals.

Kept free of spaCy and regexes so that anchoring (against the DCT or an earlier date in the
text) can be tested and reasoned about on its own.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

_DCT_RE = re.compile(
    r"^\s*(?P<y>\d{4})(?:-?(?P<m>\d{2})(?:-?(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):?(?P<M>\d{2})(?::?\d{2}(?:\.\d+)?)?\S*)?)?)?\s*$"
)


@dataclass(frozen=True)
class Ref:
    """A point in the calendar known to some granularity: year, month, day (and maybe hh:mm).

    `quarter`, `week`, `season`, `half` are set when the reference itself is of that granularity
    (e.g. the last date mentioned was "the third quarter"), so that "a year earlier" keeps it.
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    quarter: int | None = None
    week: int | None = None
    gran: str = "year"

    @property
    def date(self) -> date | None:
        """The day, when known."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def parse_dct(value: str | None) -> Ref | None:
    """Parse a DCT ("YYYY", "YYYY-MM", "YYYY-MM-DD", optionally with a time); None if unusable."""
    if not value:
        return None
    m = _DCT_RE.match(str(value))
    if not m:
        return None
    y = int(m["y"])
    mo = int(m["m"]) if m["m"] else None
    d = int(m["d"]) if m["d"] else None
    try:
        if mo is not None and not 1 <= mo <= 12:
            return None
        if mo is not None and d is not None:
            date(y, mo, d)
            hour = int(m["H"]) if m["H"] else None
            minute = int(m["M"]) if m["M"] else None
            return Ref(y, mo, d, hour, minute, gran="day")
    except ValueError:
        return None
    if mo is not None:
        return Ref(y, mo, gran="month")
    return Ref(y, gran="year")


def ref_of_date(d: date) -> Ref:
    """A day-granular reference."""
    return Ref(d.year, d.month, d.day, gran="day")


def quarter_of(month: int) -> int:
    """1..4."""
    return (month - 1) // 3 + 1


def fmt_day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fmt_week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) shifted by n months."""
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def shift_days(d: date, n: int) -> date | None:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None


def shift(ref: Ref, unit: str, n: int, keep: bool = False) -> tuple[str, str, Ref] | None:
    """Shift `ref` by n units; return (value, granularity, new ref) at the unit's granularity,
    or at the reference's own (finer) granularity when `keep` ("a year earlier" than Sept. 30).

    Returns None when the reference is too coarse for the unit (a day shift from a month).
    """
    if keep and unit in ("Y", "M", "Q") and ref.gran in ("day", "month"):
        months = {"Y": 12, "Q": 3, "M": 1}[unit] * n
        if ref.month is None:
            return None
        yy, mm = add_months(ref.year, ref.month, months)
        if ref.gran == "month" or ref.day is None:
            return f"{yy:04d}-{mm:02d}", "month", Ref(yy, mm, gran="month")
        dd = min(ref.day, calendar.monthrange(yy, mm)[1]) if 1 <= yy <= 9999 else ref.day
        if not 1 <= yy <= 9999:
            return None
        return f"{yy:04d}-{mm:02d}-{dd:02d}", "day", Ref(yy, mm, dd, gran="day")
    if not -100000 < n < 100000:
        return None
    y = ref.year
    try:
        if unit == "D":
            if ref.date is None:
                return None
            d = shift_days(ref.date, n)
            if d is None:
                return None
            return fmt_day(d), "day", ref_of_date(d)
        if unit == "W":
            if ref.date is None:
                return None
            d = shift_days(ref.date, 7 * n)
            if d is None:
                return None
            return fmt_week(d), "week", Ref(d.year, d.month, d.day, gran="week")
        if unit == "M":
            if ref.month is None:
                return None
            yy, mm = add_months(y, ref.month, n)
            return f"{yy:04d}-{mm:02d}", "month", Ref(yy, mm, gran="month")
        if unit == "Q":
            q = ref.quarter or (quarter_of(ref.month) if ref.month else None)
            if q is None:
                return None
            yy, mm = add_months(y, (q - 1) * 3 + 1, 3 * n)
            qq = quarter_of(mm)
            return f"{yy:04d}-Q{qq}", "quarter", Ref(yy, quarter=qq, gran="quarter")
        if unit == "Y":
            yy = y + n
            if ref.gran == "quarter" and ref.quarter:
                return f"{yy:04d}-Q{ref.quarter}", "quarter", replace(ref, year=yy)
            return f"{yy:04d}", "year", Ref(yy, gran="year")
        if unit == "DE":
            yy = y + 10 * n
            return f"{yy // 10:03d}", "decade", Ref(yy, gran="decade")
        if unit == "CE":
            yy = y + 100 * n
            return f"{yy // 100:02d}", "century", Ref(yy, gran="century")
    except (ValueError, OverflowError):
        return None
    return None


def weekday_near(ref: Ref, weekday: int, direction: int) -> date | None:
    """The given ISO weekday (1=Mon) nearest the reference day.

    direction -1: on or before; +1: on or after; -2: strictly before; +2: strictly after.
    """
    d = ref.date
    if d is None:
        return None
    cur = d.isoweekday()
    if direction in (-1, -2):
        back = (cur - weekday) % 7
        if back == 0 and direction == -2:
            back = 7
        return shift_days(d, -back)
    fwd = (weekday - cur) % 7
    if fwd == 0 and direction == 2:
        fwd = 7
    return shift_days(d, fwd)


_V_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_V_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_V_YEAR = re.compile(r"^(\d{4})$")
_V_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_V_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_V_HALF = re.compile(r"^(\d{4})-H([12])$")
_V_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_V_DECADE = re.compile(r"^(\d{3})$")
_V_CENTURY = re.compile(r"^(\d{2})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def interval(value: str) -> tuple[str, str] | None:
    """The inclusive ISO days a DATE/TIME value covers, or None when unresolved."""
    try:
        if m := _V_DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return fmt_day(d), fmt_day(d)
        if m := _V_MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return fmt_day(date(y, mo, 1)), fmt_day(_month_end(y, mo))
        if m := _V_YEAR.match(value):
            y = int(m[1])
            return f"{y:04d}-01-01", f"{y:04d}-12-31"
        if m := _V_WEEK.match(value):
            y, w = int(m[1]), int(m[2])
            start = date.fromisocalendar(y, w, 6 if m[3] else 1)
            return fmt_day(start), fmt_day(date.fromisocalendar(y, w, 7))
        if m := _V_QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            return fmt_day(date(y, 3 * q - 2, 1)), fmt_day(_month_end(y, 3 * q))
        if m := _V_HALF.match(value):
            y, h = int(m[1]), int(m[2])
            return fmt_day(date(y, 6 * h - 5, 1)), fmt_day(_month_end(y, 6 * h))
        if m := _V_SEASON.match(value):
            y = int(m[1])
            a, b = _SEASON_MONTHS[m[2]]
            ey, em = add_months(y, 1, b - 1)
            return fmt_day(date(y, a, 1)), fmt_day(_month_end(ey, em))
        if m := _V_DECADE.match(value):
            y = int(m[1]) * 10
            return f"{y:04d}-01-01", f"{y + 9:04d}-12-31"
        if m := _V_CENTURY.match(value):
            y = int(m[1]) * 100
            return f"{y:04d}-01-01", f"{y + 99:04d}-12-31"
    except ValueError:
        return None
    return None


def ref_of_value(value: str) -> Ref | None:
    """The reference a resolved value offers to later text-anchored expressions."""
    try:
        if m := _V_DAY.match(value):
            return Ref(int(m[1]), int(m[2]), int(m[3]), gran="day")
        if m := _V_MONTH.match(value):
            return Ref(int(m[1]), int(m[2]), gran="month")
        if m := _V_YEAR.match(value):
            return Ref(int(m[1]), gran="year")
        if m := _V_QUARTER.match(value):
            return Ref(int(m[1]), quarter=int(m[2]), gran="quarter")
        if m := _V_WEEK.match(value):
            d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Ref(d.year, d.month, d.day, gran="week")
    except ValueError:
        return None
    return None


def granularity_of(value: str) -> str | None:
    """Granularity implied by a value string."""
    if "T" in value and _V_DAY.match(value.split("T")[0] + "T"):
        return "time"
    if value.startswith("P"):
        return None
    for rx, g in (
        (_V_DAY, "day"),
        (_V_MONTH, "month"),
        (_V_YEAR, "year"),
        (_V_WEEK, "week"),
        (_V_QUARTER, "quarter"),
        (_V_HALF, "half"),
        (_V_SEASON, "season"),
        (_V_DECADE, "decade"),
        (_V_CENTURY, "century"),
    ):
        if rx.match(value):
            return "weekend" if value.endswith("-WE") else g
    if value.endswith("_REF"):
        return None
    return None
