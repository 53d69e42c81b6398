"""From a regex match to a TIMEX3 reading: type, value, mod, and which anchor resolved it.

Anchoring follows HeidelTime's news mode: relative expressions resolve against the document
creation time (DCT); the tense of the governing verb decides the direction for underspecified
ones (a weekday, a month without a year); "two days later" resolves against the last date the
text mentioned. Without a DCT, values keep X placeholders and anchor "none"; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import normalize as N
from .normalize import Ref
from .rules import (
    DAY_PARTS,
    DURATION_MODS,
    HOLIDAYS,
    MODS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    REF_UNITS,
    REFS,
    SEASONS,
    SETS,
    UNITS,
    WEEKDAYS,
    parse_number,
)

Tense = str | None  # "PAST" | "PRESENT" | "FUTURE" | None


@dataclass
class Context:
    """What a handler may consult: the text, the DCT, tense at a span, the last resolved date."""

    text: str
    dct: Ref | None
    tense: Callable[[int, int], Tense]
    last: Ref | None = None
    last_quarter: Ref | None = None


@dataclass(frozen=True)
class Reading:
    """A normalized reading of a matched span (offsets relative to the match may be trimmed)."""

    type: str
    value: str
    anchor: str = "absolute"
    mod: str | None = None
    granularity: str | None = None
    start_trim: int = 0
    end_trim: int = 0


Match = re.Match[str]
Handler = Callable[[Match, Context], Reading | None]

_ORD = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, **ORDINALS}
_PREP_MONTH = {
    "in",
    "of",
    "since",
    "until",
    "till",
    "by",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "through",
    "from",
    "to",
    "during",
    "before",
    "after",
    "on",
    "and",
    "or",
    "between",
    "for",
    "each",
    "every",
    "that",
    "around",
}


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", (s or "").lower()).strip()


def _month(s: str) -> int | None:
    return MONTHS.get(_norm(s).rstrip("."))


def _day(s: str) -> int | None:
    t = _norm(s)
    if t in _ORD:
        return _ORD[t]
    m = re.match(r"\d+", t)
    return int(m.group()) if m else None


def _mod(s: str | None) -> str | None:
    t = _norm(s).rstrip("-")
    if not t:
        return None
    return MODS.get(t) or MODS.get(t + "-")


def _year(s: str, dct: Ref | None) -> int | None:
    t = s.strip()
    if t.startswith("'"):
        yy = int(t[1:])
        century = (dct.year // 100 * 100) if dct else 1900
        y = century + yy
        if dct and y > dct.year + 10:
            y -= 100
        return y
    if len(t) == 2:
        return 1900 + int(t) if int(t) > 30 else 2000 + int(t)
    return int(t)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _prev_word(ctx: Context, m: Match) -> str:
    mm = re.search(r"([A-Za-z]+)\W*$", ctx.text[max(0, m.start() - 30) : m.start()])
    return mm.group(1).lower() if mm else ""


def _next_word(ctx: Context, m: Match) -> str:
    mm = re.match(r"\W{0,3}([A-Za-z]+)", ctx.text[m.end() : m.end() + 30])
    return mm.group(1).lower() if mm else ""


def _day_reading(d: date | None, anchor: str, mod: str | None = None) -> Reading | None:
    if d is None:
        return None
    return Reading("DATE", N.fmt_day(d), anchor, mod, "day")


def _with_part(r: Reading | None, part: str | None) -> Reading | None:
    """Append a part of day ("TMO") to a day-level reading."""
    p = DAY_PARTS.get(_norm(part)) if part else None
    if r is None or p is None:
        return r
    if r.granularity == "day" and "X" not in r.value:
        return Reading("TIME", f"{r.value}T{p}", r.anchor, r.mod, "time")
    return Reading("TIME", f"{r.value}T{p}", r.anchor, r.mod, "time")


# --- month/day without a year, weekdays: tense decides the direction -------------------------


def _month_day(mon: int, day: int | None, rel: str, ctx: Context, m: Match) -> Reading | None:
    """Resolve "October 23" / "October" with no year against the DCT and tense."""
    if day is not None and not _valid(2000, mon, day):
        return None
    dct = ctx.dct
    if dct is None:
        v = f"XXXX-{mon:02d}" + (f"-{day:02d}" if day else "")
        return Reading("DATE", v, "none", None, "day" if day else "month")
    y = dct.year
    if dct.month is not None:
        key, dkey = mon, dct.month  # compare months only: "by Jan. 14" in mid-January is this year
        # with a day on both sides, "this coming Sunday, March 8" in a March 5 article is this year
        fine = day is not None and dct.day is not None
        here, there = (mon, day or 0), (dct.month, dct.day or 0)
        if rel in ("last", "this past", "past"):
            y = dct.year if (here < there if fine else key < dkey) else dct.year - 1
        elif rel in ("next", "this coming", "coming"):
            y = dct.year if (here > there if fine else key > dkey) else dct.year + 1
        elif rel == "this":
            y = dct.year
        else:
            # tense decides, but a date a month or two ahead in a past-tense sentence is
            # usually a deadline ("completed by Dec. 15"), not last year's
            tense = ctx.tense(m.start(), m.end())
            if tense == "PAST" and key - dkey > 2:
                y -= 1
            elif tense == "FUTURE" and dkey - key > 2:
                y += 1
            elif tense not in ("PAST", "FUTURE") and abs(key - dkey) > 6:
                y += -1 if key > dkey else 1
    if day is not None:
        if not _valid(y, mon, day):
            return None
        return Reading("DATE", f"{y:04d}-{mon:02d}-{day:02d}", "dct", None, "day")
    return Reading("DATE", f"{y:04d}-{mon:02d}", "dct", None, "month")


def _weekday(wd: int, rel: str, ctx: Context, m: Match) -> Reading | None:
    if rel.startswith("the "):
        # "the previous Friday": relative to the day under discussion (else the DCT)
        ref, anchor = _from_text(ctx)
        if ref is None or ref.date is None:
            ref, anchor = ctx.dct, "dct"
        if ref is None or ref.date is None:
            return Reading("DATE", f"XXXX-WXX-{wd}", "none", None, "day")
        back = rel in ("the previous", "the prior", "the preceding")
        return _day_reading(N.weekday_near(ref, wd, -2 if back else 2), anchor)
    dct = ctx.dct
    if dct is None or dct.date is None:
        return Reading("DATE", f"XXXX-WXX-{wd}", "none", None, "day")
    if rel in ("last", "this past", "past"):
        d = N.weekday_near(dct, wd, -2)
    elif rel in ("next", "this coming", "coming"):
        d = N.weekday_near(dct, wd, 2)
    elif rel == "this":
        d = N.weekday_near(dct, wd, 1)
    elif _AHEAD_RX.search(ctx.text[max(0, m.start() - 20) : m.start()]):
        d = N.weekday_near(dct, wd, 1)  # "as soon as Tuesday": a horizon, always ahead
    else:
        tense = ctx.tense(m.start(), m.end())
        d = N.weekday_near(dct, wd, 1 if tense == "FUTURE" else -1)
    return _day_reading(d, "dct")


_AHEAD_RX = re.compile(r"\b(?:as\s+(?:early|soon|late)\s+as|no\s+later\s+than)\s+(?:on\s+)?$", re.I)


# --- handlers ---------------------------------------------------------------------------------


def h_date_full(m: Match, ctx: Context) -> Reading | None:
    mon = _month(m["mon"]) if not m["mon"].isdigit() else int(m["mon"])
    day = _day(m["day"])
    if mon is None or day is None:
        return None
    y = _year(m["year"], ctx.dct)
    if y is None or not _valid(y, mon, day):
        return None
    if m.groupdict().get("h"):
        return Reading(
            "TIME", f"{y:04d}-{mon:02d}-{day:02d}T{m['h']}:{m['mi']}", "absolute", None, "time"
        )
    return Reading("DATE", f"{y:04d}-{mon:02d}-{day:02d}", "absolute", None, "day")


def _month_word_ok(word: str, m: Match, ctx: Context, has_more: bool) -> bool:
    """Reject "may"/"march" used as verbs and lowercase month words standing alone."""
    if word[:1].islower():
        return False
    w = _norm(word).rstrip(".")
    if w == "may" and not has_more:
        return _prev_word(ctx, m) in _PREP_MONTH
    return True


def h_date_md(m: Match, ctx: Context) -> Reading | None:
    mon = _month(m["mon"])
    day = _day(m["day"])
    if mon is None or day is None:
        return None
    if not _month_word_ok(m["mon"], m, ctx, True):
        return None
    if _norm(m["mon"]) == "may" and m["day"].isalpha():
        return None
    return _month_day(mon, day, _norm(m.groupdict().get("rel")), ctx, m)


def h_month_year(m: Match, ctx: Context) -> Reading | None:
    mon = _month(m["mon"])
    if mon is None or not _month_word_ok(m["mon"], m, ctx, True):
        return None
    wy = _wordyear(m["wyear"]) if m["wyear"] else None
    if m["year"] or wy is not None:
        y = int(m["year"]) if m["year"] else (wy or 0)
        anchor = "absolute"
    else:
        if ctx.dct is None:
            return Reading("DATE", f"XXXX-{mon:02d}", "none", _mod(m["mod"]), "month")
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[_norm(m["rel"])]
        anchor = "dct"
    return Reading("DATE", f"{y:04d}-{mon:02d}", anchor, _mod(m["mod"]), "month")


def h_month(m: Match, ctx: Context) -> Reading | None:
    mon = _month(m["mon"])
    if mon is None:
        return None
    rel = _norm(m["rel"])
    mod = _mod(m["mod"])
    if not _month_word_ok(m["mon"], m, ctx, bool(rel or mod)):
        return None
    if not (rel or mod) and re.match(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]", ctx.text[m.end() :][:30]):
        return None  # a name: "the March of the Mothers", "the annual March for Life"
    r = _month_day(mon, None, rel, ctx, m)
    if r is None:
        return None
    return Reading(r.type, r.value, r.anchor, mod, r.granularity)


def h_season(m: Match, ctx: Context) -> Reading | None:
    s = SEASONS[_norm(m["season"])]
    rel = _norm(m["rel"])
    mod = _mod(m["mod"])
    year = int(m["year"]) if m["year"] else (_wordyear(m["wyear"]) if m["wyear"] else None)
    if year is not None:
        return Reading("DATE", f"{year:04d}-{s}", "absolute", mod, "season")
    if rel == "that":
        return None
    word = _norm(m["season"])
    if rel in ("", "the"):
        # "(the) summer": the season nearest the DCT; "fall" and "spring" alone are verbs or
        # springs, and "the fall of Rome" is no season
        if not rel and not mod and word in ("fall", "spring") and not m["season"][0].isupper():
            return None
        if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
            return None
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-{s}", "none", mod, "season")
    y = ctx.dct.year
    order = ["WI", "SP", "SU", "FA"]
    cur = None
    if ctx.dct.month is not None:
        cur = order[(ctx.dct.month % 12) // 3]
    if rel in ("", "the"):
        if cur is not None:
            tense = ctx.tense(m.start(), m.end())
            if tense == "FUTURE":
                y = y if order.index(s) >= order.index(cur) else y + 1
            else:
                y = y if order.index(s) <= order.index(cur) else y - 1
        return Reading("DATE", f"{y:04d}-{s}", "dct", mod, "season")
    if rel in ("last", "this past") and cur is not None:
        y = y if order.index(s) < order.index(cur) else y - 1
    elif rel in ("last",):
        y -= 1
    elif rel in ("next", "this coming") and cur is not None:
        y = y if order.index(s) > order.index(cur) else y + 1
    elif rel == "next":
        y += 1
    return Reading("DATE", f"{y:04d}-{s}", "dct", mod, "season")


def h_year(m: Match, ctx: Context) -> Reading | None:
    y = int(m["year"])
    fiscal = _norm(m["fiscal"])
    mod = _mod(m["mod"])
    if not fiscal and not mod:
        # a bare number: keep plausible years only, and not amounts ("1,500", "$1990")
        before = ctx.text[max(0, m.start() - 2) : m.start()]
        if "$" in before or "#" in before:
            return None
        if ctx.dct and not (1600 <= y <= ctx.dct.year + 60):
            return None
        nxt = _next_word(ctx, m)
        if nxt in {
            "people",
            "troops",
            "soldiers",
            "tons",
            "feet",
            "meters",
            "miles",
            "dollars",
            "shares",
            "employees",
            "workers",
            "points",
            "cars",
            "units",
            "votes",
            "jobs",
        }:
            return None
    return Reading("DATE", f"{y:04d}", "absolute", mod, "year")


def h_year_period(m: Match, ctx: Context) -> Reading | None:
    y = int(m["year"])
    what = _norm(m["what"])
    if what == "quarter":
        # "the 1988 quarter": the quarter under discussion, in that year
        q = ctx.last.quarter if ctx.last is not None and ctx.last.gran == "quarter" else None
        if ctx.last_quarter is not None:
            q = ctx.last_quarter.quarter
        if q is None and ctx.dct is not None and ctx.dct.month is not None:
            q = (N.quarter_of(ctx.dct.month) - 2) % 4 + 1
        return Reading(
            "DATE",
            f"{y:04d}-Q{q}" if q else f"{y:04d}-QX",
            "text" if q else "absolute",
            None,
            "quarter",
        )
    return Reading("DATE", f"{y:04d}", "absolute", None, "year")


def _wordyear(s: str) -> int | None:
    t = _norm(s).replace("-", " ")
    if t.startswith("nineteen"):
        rest = t[len("nineteen") :].strip()
        if rest == "hundred":
            return 1900
        rest = rest.replace("oh ", "")
        n = parse_number(rest)
        return 1900 + int(n) if n is not None and n < 100 else None
    if t.startswith("two thousand"):
        rest = t[len("two thousand") :].strip().replace("and ", "")
        n = parse_number(rest) if rest else 0
        return 2000 + int(n) if n is not None else None
    return None


def h_wordyear(m: Match, ctx: Context) -> Reading | None:
    y = _wordyear(m["wyear"])
    if y is None:
        return None
    return Reading("DATE", f"{y:04d}", "absolute", None, "year")


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _decade_mod(s: str | None) -> str | None:
    return {"early": "START", "mid": "MID", "late": "END"}.get(_norm(s).rstrip("-"))


def h_decade(m: Match, ctx: Context) -> Reading | None:
    d = m["dec"]
    has_the = m.group(0).lower().startswith("the")
    if len(d) == 4:
        value = d[:3]
    else:
        if not (has_the or d.startswith("'")):
            return None  # "in their 50s" is an age
        dd = int(d.lstrip("'")[0])
        base = ctx.dct.year // 100 if ctx.dct else 19
        if ctx.dct and base * 100 + dd * 10 > ctx.dct.year:
            base -= 1
        value = f"{base}{dd}"
    return Reading("DATE", value, "absolute", _decade_mod(m["mod"]), "decade")


def h_decade_word(m: Match, ctx: Context) -> Reading | None:
    if not m.group(0).lower().startswith("the"):
        return None
    dd = _DECADE_WORDS[_norm(m["dw"])]
    base = 19
    if ctx.dct and base * 100 + dd * 10 > ctx.dct.year:
        base -= 1
    return Reading(
        "DATE", f"{base}{dd}", "dct" if ctx.dct else "absolute", _decade_mod(m["mod"]), "decade"
    )


def h_century(m: Match, ctx: Context) -> Reading | None:
    c = _day(m["c"])
    if c is None or c < 1:
        return None
    return Reading("DATE", f"{c - 1:02d}", "absolute", _decade_mod(m["mod"]), "century")


def h_time(m: Match, ctx: Context) -> Reading | None:
    if m["named"]:
        if _prev_word(ctx, m) == "high" and m.start() == m.start("named"):
            return None  # "High Noon": an idiom
        hh, mi = (12, 0) if _norm(m["named"]) == "noon" else (24, 0)
    elif m["hp"] is not None:
        hh, mi = int(m["hp"]) % 12, int(m["mip"]) if m["mip"] else 0
        if _norm(m["dpart"]) != "morning":
            hh += 12
    elif m["h24"] is not None:
        hh, mi = int(m["h24"]), int(m["mi24"])
        # bare "19:37" could be a score or a verse; accept only with a clock-like context
        if (
            not m["tz"]
            and not m["wd"]
            and not m["mon"]
            and not m["rel"]
            and not re.search(
                r"\b(at|by|until|from|since|before|after|around)\s*$",
                ctx.text[max(0, m.start() - 12) : m.start()],
            )
        ):
            return None
    else:
        hh = int(m["h"])
        mi = int(m["mi"]) if m["mi"] else 0
        if hh > 12:
            return None
        ap = _norm(m["ampm"])
        if ap.startswith("p") and hh != 12:
            hh += 12
        elif ap.startswith("a") and hh == 12:
            hh = 0
    day: Reading | None = None
    if m["wd"]:
        day = _weekday(WEEKDAYS[_norm(m["wd"])], "", ctx, m)
    elif m["mon"]:
        mon, d = _month(m["mon"]), _day(m["day"])
        if mon and d:
            day = _month_day(mon, d, "", ctx, m)
    elif m["rel"]:
        day = _dayrel(_norm(m["rel"]), ctx)
    else:
        day = _dayrel("today", ctx)
        if day is not None and ctx.last is not None and ctx.last.gran == "day" and ctx.last.date:
            day = Reading("DATE", N.fmt_day(ctx.last.date), "text", None, "day")
    hhmm = f"T{hh:02d}:{mi:02d}"
    trim = 0
    if m["approx"]:
        pass
    if day is None or ("X" in day.value and day.granularity != "day"):
        return Reading("TIME", f"XXXX-XX-XX{hhmm}", "none", None, "time", start_trim=trim)
    return Reading("TIME", day.value + hhmm, day.anchor, "APPROX" if m["approx"] else None, "time")


def h_weekday(m: Match, ctx: Context) -> Reading | None:
    wd = WEEKDAYS[_norm(m["wd"])]
    r = _weekday(wd, _norm(m["rel"]), ctx, m)
    mod = _mod(m["mod"])
    if r is not None and mod:
        r = Reading(r.type, r.value, r.anchor, mod, r.granularity)
    if m["part"]:
        r = _with_part(r, m["part"])
        if r is not None:
            r = Reading("DATE", r.value, r.anchor, r.mod, r.granularity)
    return r


def _dayrel(rel: str, ctx: Context) -> Reading | None:
    offs = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[rel]
    if ctx.dct is None or ctx.dct.date is None:
        if ctx.dct is not None and ctx.dct.month is not None:
            return Reading("DATE", f"{ctx.dct.year:04d}-{ctx.dct.month:02d}-XX", "dct", None, "day")
        return Reading("DATE", "XXXX-XX-XX", "none", None, "day")
    return _day_reading(N.shift_days(ctx.dct.date, offs), "dct")


_GENERIC_NOW = re.compile(
    r"'s\s+(?:world|youth|society|generation|standards|dollars|terms|kids|children|young|teens"
    r"|teenagers|consumers|families|culture|personal|modern|global|fast-paced)\b",
    re.I,
)


def _in_title(m: Match, ctx: Context) -> bool:
    """A capitalized word inside a name ("VOA Today", ABC's "This Week"), not a date."""
    words = m.group(0).split()
    if not all(w[:1].isupper() for w in words):
        return False
    before = ctx.text[max(0, m.start() - 3) : m.start()]
    if len(words) > 1 and re.search(r"[\"']\s*$", before):
        return True  # a quoted title: ABC's "This Week"
    prev = re.search(r"(\S+)\s+$", ctx.text[max(0, m.start() - 30) : m.start()])
    return bool(
        prev and prev.group(1)[:1].isupper() and not re.search(r"[.:!?\"']$", prev.group(1))
    )


def h_dayrel(m: Match, ctx: Context) -> Reading | None:
    rel = _norm(m["rel"])
    if (
        rel == "today"
        and not m["part"]
        and not m["mod"]
        and (_GENERIC_NOW.match(ctx.text, m.end()) or _in_title(m, ctx))
    ):
        return None  # "today's world": the generic present, not the DCT
    r = _dayrel(rel, ctx)
    if r is None:
        return None
    mod = _mod(m["mod"])
    if rel == "tonight":
        return _with_part(r, "tonight")
    if m["part"] or m["prepart"]:
        return _with_part(r, (m["part"] or m["prepart"]).replace(" ", "-"))
    return Reading(r.type, r.value, r.anchor, mod, r.granularity)


def h_partrel(m: Match, ctx: Context) -> Reading | None:
    rel = _norm(m["rel"])
    part = _norm(m["part"])
    if rel == "this" and part == "night":
        rel = "today"
    elif rel == "last" and part == "night":
        rel = "yesterday"
    elif rel in ("this", "last"):
        if rel == "last":
            return None  # "last morning" is not an expression of time
        rel = "today"
    r = _dayrel(rel, ctx)
    return _with_part(r, part)


def _from_text(ctx: Context) -> tuple[Ref | None, str]:
    """The reference for text-anchored expressions: last date mentioned, else the DCT."""
    if ctx.last is not None:
        return ctx.last, "text"
    if ctx.dct is not None:
        return ctx.dct, "dct"
    return None, "none"


_UNIT_LETTER = {
    "day": "D",
    "morning": "D",
    "afternoon": "D",
    "evening": "D",
    "night": "D",
    "week": "W",
    "weekend": "W",
    "month": "M",
    "year": "Y",
    "quarter": "Q",
    "decade": "DE",
    "century": "CE",
}


def h_textrel(m: Match, ctx: Context) -> Reading | None:
    rel = _norm(m["rel"]).replace("the ", "")
    unit = _norm(m["unit"])
    n = {
        "next": 1,
        "following": 1,
        "previous": -1,
        "prior": -1,
        "preceding": -1,
        "same": 0,
        "that": 0,
        "that same": 0,
    }[rel]
    ref, anchor = _from_text(ctx)
    if ref is None:
        return Reading(
            "DATE",
            {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}.get(
                _UNIT_LETTER[unit], "XXXX"
            ),
            "none",
            None,
            None,
        )
    res = N.shift(ref, _UNIT_LETTER[unit], n)
    if res is None and anchor == "text" and ctx.dct is not None:
        ref, anchor = ctx.dct, "dct"  # the earlier date is too coarse ("March ... the next day")
        res = N.shift(ref, _UNIT_LETTER[unit], n)
    if res is None:
        return None
    value, gran, _ = res
    if unit == "weekend" and gran == "week":
        value += "-WE"
    r = Reading("DATE", value, anchor, None, gran)
    if unit in ("morning", "afternoon", "evening", "night"):
        return _with_part(r, unit)
    return r


def h_dayadj(m: Match, ctx: Context) -> Reading | None:
    d = _norm(m["dir"])
    n = -1 if d in ("before", "earlier") else 1
    ref, anchor = _from_text(ctx)
    if ref is None:
        return Reading("DATE", "XXXX-XX-XX", "none", None, "day")
    res = N.shift(ref, "D", n)
    if res is None and anchor == "text" and ctx.dct is not None:
        ref, anchor = ctx.dct, "dct"
        res = N.shift(ref, "D", n)
    if res is None:
        return None
    return Reading("DATE", res[0], anchor, None, res[1])


_ENDED_RX = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to\s+end)\b", re.I)


def h_unitrel(m: Match, ctx: Context) -> Reading | None:
    rel = _norm(m["rel"])
    unit = _norm(m["unit"])
    mod = _mod(m["mod"])
    if not mod and rel == "this" and _in_title(m, ctx):
        return None  # ABC's "This Week"
    ended = bool(_ENDED_RX.match(ctx.text, m.end()))
    if rel in ("the whole", "the entire", "the full"):
        if unit == "year" and not mod and (rel != "the full" or ended):
            return None
        if rel == "the full":
            rel = "the"  # "sales for the full year": the (fiscal) year as a whole, a date
    if rel == "the" and ended and unit in ("week", "month", "year") and not mod:
        # "the year ended Sept. 30": a reporting period, a duration (quarters stay dates)
        return Reading("DURATION", "P1" + UNITS[unit], "none", None, None)
    if rel in ("the past", "the last", "past") and unit in ("week", "month", "weekend"):
        return Reading("DURATION", "P1" + UNITS[unit], "none", None, None)
    if (
        rel == "the"
        and unit in ("week", "month", "year", "weekend", "decade", "century")
        and not mod
    ):
        prev = _prev_word(ctx, m)
        if prev in ("over", "throughout", "during") and unit != "weekend":
            return Reading("DURATION", "P1" + UNITS[unit], "none", None, None)
        if unit in ("decade", "century"):
            return None
    dct = ctx.dct
    letter = _UNIT_LETTER[unit]
    n = {
        "this": 0,
        "the current": 0,
        "current": 0,
        "the": 0,
        "the whole": 0,
        "the entire": 0,
        "the full": 0,
        "last": -1,
        "the past": -1,
        "the previous": -1,
        "the last": -1,
        "past": -1,
        "previous": -1,
        "this past": -1,
        "next": 1,
        "the next": 1,
        "the coming": 1,
        "coming": 1,
        "this coming": 1,
        "the latest": -1,
    }[rel]
    if unit == "quarter":
        if rel in ("the", "the latest"):
            n = -1  # "the quarter" in a report is the one just ended
        if dct is None:
            return Reading("DATE", "XXXX-QX", "none", mod, "quarter")
        if dct.month is None:
            return Reading("DATE", f"{dct.year:04d}-QX", "dct", mod, "quarter")
    if dct is None:
        value = {
            "D": "XXXX-XX-XX",
            "W": "XXXX-WXX",
            "M": "XXXX-XX",
            "Y": "XXXX",
            "Q": "XXXX-QX",
            "DE": "XXX",
            "CE": "XX",
        }[letter]
        return Reading("DATE", value, "none", mod, None)
    res = N.shift(dct, letter, n)
    if res is None:
        # the DCT is too coarse for this unit: say what is known
        return Reading(
            "DATE", f"{dct.year:04d}-" + ("WXX" if letter == "W" else "XX"), "dct", mod, None
        )
    value, gran, _ = res
    if unit == "weekend":
        if dct.date is None:
            return Reading("DATE", f"{dct.year:04d}-WXX-WE", "dct", mod, None)
        tense = ctx.tense(m.start(), m.end())
        if n == 0:
            # "the weekend": the one just past (or under way) unless the verb looks ahead
            sat = N.weekday_near(dct, 6, 1 if tense == "FUTURE" else -1)
        else:
            sat = N.weekday_near(dct, 6, 2 if n > 0 else -2)
        if sat is None:
            return None
        return Reading("DATE", N.fmt_week(sat) + "-WE", "dct", mod, "weekend")
    return Reading("DATE", value, "dct", mod, gran)


def h_quarter_ord(m: Match, ctx: Context) -> Reading | None:
    ordv = _ORD.get(_norm(m["ord"]))
    q = _norm(m["q"])
    if ordv is None:
        return None
    if _norm(m["ord"]) == "last":
        # "the last half of 1989"; alone, "the last quarter" is the latest one, not Q4
        if not any(m[g] for g in ("pyear", "fyear", "year", "fyear2")):
            return None
        ordv = 2 if q == "half" else 4
    if q == "period":
        return None
    if (q == "half" and ordv > 2) or (q == "quarter" and ordv > 4):
        return None
    tag = f"H{ordv}" if q == "half" else f"Q{ordv}"
    pre = _norm(m["pre"])
    year: int | None = None
    anchor = "absolute"
    for g in ("pyear", "fyear", "year", "fyear2"):
        if m[g]:
            year = int(m[g])
    if year is None:
        relw = _norm(m["prel"]) or _norm(m["rel"])
        if ctx.dct is None:
            return Reading(
                "DATE", f"XXXX-{tag}", "none", None, "quarter" if q == "quarter" else "half"
            )
        anchor = "dct"
        year = ctx.dct.year
        if relw == "last":
            year -= 1
        elif relw == "next":
            year += 1
        elif pre in ("year-ago", "year-earlier"):
            year -= 1
        elif ctx.dct.month is not None:
            cur = (
                N.quarter_of(ctx.dct.month) if q == "quarter" else (1 if ctx.dct.month <= 6 else 2)
            )
            tense = ctx.tense(m.start(), m.end())
            if ordv > cur and tense == "PAST":
                year -= 1
    return Reading(
        "DATE", f"{year:04d}-{tag}", anchor, None, "quarter" if q == "quarter" else "half"
    )


def h_quarter_rel(m: Match, ctx: Context) -> Reading | None:
    rel = _norm(m["rel"])
    q = _norm(m["q"])
    if q == "period" and rel not in (
        "latest",
        "year-ago",
        "year-earlier",
        "comparable",
        "corresponding",
        "same",
    ):
        return None
    dct = ctx.dct
    yearago = "year-ago" in m.group(0).lower() or "year-earlier" in m.group(0).lower()
    if rel in ("comparable", "corresponding", "same") or yearago:
        ref, anchor = _from_text(ctx)
        if ctx.last_quarter is not None:
            ref, anchor = ctx.last_quarter, "text"  # the quarter being reported
        if ref is None:
            return Reading("DATE", "XXXX-QX", "none", None, "quarter")
        if ref.gran != "quarter" and dct is not None and dct.month is not None:
            ref = Ref(dct.year, quarter=(N.quarter_of(dct.month) - 2) % 4 + 1, gran="quarter")
            if N.quarter_of(dct.month) == 1:
                ref = Ref(dct.year - 1, quarter=4, gran="quarter")
            anchor = "dct"
        res = (
            N.shift(ref, "Y", -1 if yearago or rel != "same" else 0)
            if ref.gran == "quarter"
            else N.shift(ref, "Y", -1)
        )
        if res is None:
            return None
        return Reading("DATE", res[0], anchor, None, res[1])
    if dct is None:
        return Reading("DATE", "XXXX-QX", "none", None, "quarter")
    if dct.month is None:
        return Reading("DATE", f"{dct.year:04d}-QX", "dct", None, "quarter")
    n = 0 if rel in ("current", "this") else 1 if rel in ("next", "coming") else -1
    res = N.shift(dct, "Q", n)
    if res is None:
        return None
    return Reading("DATE", res[0], "dct", None, "quarter")


def h_year_adj(m: Match, ctx: Context) -> Reading | None:
    n = int(parse_number(m["num"]) or 1) if m["num"] else 1
    ref, anchor = _from_text(ctx)
    if ctx.last_quarter is not None:
        ref, anchor = ctx.last_quarter, "text"
    if ref is None:
        return Reading("DATE", "XXXX", "none", None, "year")
    res = N.shift(ref, "Y", -n, keep=anchor == "text")
    if res is None:
        return None
    return Reading("DATE", res[0], anchor, None, res[1])


def _unit_key(u: str) -> str:
    t = _norm(u)
    if t in ("centuries",):
        return "century"
    if t.startswith("millenni"):
        return "millennium"
    return t[:-1] if t.endswith("s") else t


def _duration_value(num: float | None, unit: str) -> str:
    letter = UNITS[unit]
    t = "T" if unit in ("second", "minute", "hour") else ""
    if letter == "WE":
        letter = "WE"
    if num is None:
        return f"P{t}X{letter}"
    if letter in ("DE", "CE"):
        # numbered decades and centuries are counted in years, as TimeBank does ("P20Y")
        years = num * (10 if letter == "DE" else 100)
        if years == int(years):
            return f"P{int(years)}Y"
    if num != int(num):
        # fractions: whole units plus the remainder in the next smaller unit ("P2Y6M")
        whole = int(num)
        smaller = {"Y": ("M", 12, ""), "D": ("H", 24, "T"), "H": ("M", 60, ""), "M": ("S", 60, "")}
        if letter in smaller and not (letter == "M" and not t):
            sub, per, sep = smaller[letter]
            rest = round((num - whole) * per)
            if letter == "D":
                head = f"P{whole}D" if whole else "P"
                return f"{head}T{rest}{sub}"
            head = f"{whole}{letter}" if whole else ""
            return f"P{t}{head}{sep}{rest}{sub}"
        return f"P{t}{num:g}{letter}"
    return f"P{t}{int(num)}{letter}"


def h_ago(m: Match, ctx: Context) -> Reading | None:
    d = _norm(m["dir"])
    if d in ("before", "after"):
        rest = ctx.text[m.end() : m.end() + 3]
        if re.match(r"\s+\w", rest):
            return None  # "two days after the vote": the duration is the expression
    unit = _unit_key(m["unit"])
    num = parse_number(m["num"])
    letter = _UNIT_LETTER.get(unit)
    dmod = "APPROX" if m["dmod"] else None
    if letter is None:
        return None
    sign = -1 if d in ("ago", "earlier", "before", "back") else 1
    use_text = d in ("earlier", "later", "before", "after")
    ref, anchor = _from_text(ctx) if use_text else (ctx.dct, "dct" if ctx.dct else "none")
    if letter == "Y" and num == 1 and ctx.last_quarter is not None:
        # financial news: "up from $3 million a year ago" compares with the quarter reported
        ref, anchor = ctx.last_quarter, "text"
    if unit in ("second", "minute", "hour"):
        return Reading("TIME", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor, dmod, None)
    if num is None:
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor, dmod, None)
    if ref is None:
        gran = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}.get(letter)
        value = {
            "D": "XXXX-XX-XX",
            "W": "XXXX-WXX",
            "M": "XXXX-XX",
            "Q": "XXXX-QX",
            "Y": "XXXX",
            "DE": "XXX",
            "CE": "XX",
        }[letter]
        return Reading("DATE", value, "none", dmod, gran)
    if num != int(num):
        return None
    res = N.shift(ref, letter, sign * int(num), keep=anchor == "text")
    if res is None and anchor == "text" and ctx.dct is not None:
        ref, anchor = ctx.dct, "dct"
        res = N.shift(ref, letter, sign * int(num))
    if res is None:
        if letter == "D" and ref.month is not None:
            return Reading("DATE", f"{ref.year:04d}-{ref.month:02d}-XX", anchor, dmod, None)
        return None
    return Reading("DATE", res[0], anchor, dmod, res[1])


def h_duration(m: Match, ctx: Context) -> Reading | None:
    unit = _unit_key(m["unit"])
    if unit not in UNITS:
        return None
    plural = _norm(m["unit"]).endswith("s") or _norm(m["unit"]) == "centuries"
    rel = _norm(m["rel"])
    the = _norm(m["the"])
    dmod_t = _norm(m["dmod"])
    num: float | None
    if m["num"]:
        num = parse_number(m["num"])
        if num is None and _norm(m["num"]) in ("a", "an"):
            num = 1
        if num is not None and m["half"]:
            num += 0.5  # "a minute and a half"
    elif _norm(m["old"]) == "long" and not (rel or the):
        num = None if plural else 1  # "decades-long", "a day-long meeting"
    else:
        if not plural:
            if (
                rel
                in (
                    "past",
                    "last",
                    "next",
                    "coming",
                    "previous",
                    "entire",
                    "full",
                    "whole",
                    "first",
                    "final",
                    "latest",
                )
                and the
                and unit != "quarter"
            ):
                num = 1
            else:
                return None
        else:
            num = None
            if not (rel or the or dmod_t):
                prev = _prev_word(ctx, m)
                if prev not in ("for", "in", "within", "over", "took", "take", "takes", "lasted"):
                    return None
    if num is not None and (num <= 0 or num >= 1000):
        return None
    if _norm(m.group(0)) == "one day" and _prev_word(ctx, m) in (
        "will",
        "would",
        "may",
        "might",
        "could",
        "can",
        "shall",
        "ll",
    ):
        return Reading("DATE", "FUTURE_REF", "dct" if ctx.dct else "none", None, None)  # someday
    if re.match(r"\s+(?:old|of\s+age)\b", ctx.text[m.end() : m.end() + 12]):
        return None  # "52 years old" is an age
    if _norm(m["num"]) in ("a", "an") and not (the or rel or dmod_t):
        before = ctx.text[max(0, m.start() - 25) : m.start()]
        if re.search(r"(?:\d|million|billion|thousand|percent|%|[a-z]s)\W*$", before, re.I):
            return None  # a rate: "$500 million a year", "700 seats a week"
    if unit == "second" and _norm(m["num"]) in ("a", "an", ""):
        return None  # "a second base": an ordinal
    if unit == "quarter" and m["num"] and re.search(r"-\s*quarters?$", m.group(0), re.I):
        return None  # "three-quarters" is a fraction
    if (
        num is not None
        and m["num"]
        and re.fullmatch(r"\d+[.,]\d+", m["num"].strip())
        and "," in m["num"]
    ):
        return None
    if _norm(m["old"]) == "old":
        return None  # ages ("a 6-year-old") are not temporal expressions here
    if unit == "quarter":
        return Reading(
            "DURATION", _duration_value(num * 3 if num else None, "month"), "none", None, None
        )
    value = _duration_value(num, unit)
    mod = DURATION_MODS.get(dmod_t) if dmod_t else None
    if dmod_t and the:
        # "over the past two years": "over" is a preposition here, not a modifier
        return Reading("DURATION", value, "none", None, None, start_trim=m.start("the") - m.start())
    return Reading("DURATION", value, "none", mod, None)


def h_set_adv(m: Match, ctx: Context) -> Reading | None:
    return Reading("SET", SETS[_norm(m["set"])], "none", None, None)


def h_set_every(m: Match, ctx: Context) -> Reading | None:
    u = _norm(m["unit"])
    if u in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[u]}", "none", None, None)
    if u.rstrip(".") in MONTHS:
        return Reading("SET", f"XXXX-{MONTHS[u.rstrip('.')]:02d}", "none", None, None)
    unit = _unit_key(u)
    if unit not in UNITS:
        return None
    num = parse_number(m["num"]) if m["num"] else 1.0
    if "other" in m.group(0).lower():
        num = (num or 1) * 2
    return Reading("SET", _duration_value(num, unit), "none", None, None)


def h_set_times(m: Match, ctx: Context) -> Reading | None:
    unit = _unit_key(m["unit"])
    if unit not in UNITS:
        return None
    return Reading("SET", _duration_value(1, unit), "none", None, None)


def h_set_rate(m: Match, ctx: Context) -> Reading | None:
    unit = _unit_key(m["unit"])
    return Reading("SET", _duration_value(1, unit), "none", None, None)


def h_ref_unit(m: Match, ctx: Context) -> Reading | None:
    value = REF_UNITS[_norm(m["ru"])]
    trim = len(m["in"]) + (m.start("ru") - m.end("in") if m["in"] else 0) if m["in"] else 0
    return Reading("DATE", value, "dct" if ctx.dct else "none", None, None, start_trim=trim)


def h_ref(m: Match, ctx: Context) -> Reading | None:
    key = _norm(m["ref"])
    value = REFS[key]
    if key == "current":
        nxt = _next_word(ctx, m)
        if nxt in ("account", "accounts", "affairs", "events", "issue", "account's"):
            return None
    if key == "once":
        nxt = _next_word(ctx, m)
        if nxt in ("again", "more", "a", "every", "or", "and", "per", "the", "in"):
            return None
    if key == "future":
        return None  # adjective use ("future plans") is not annotated as a date
    return Reading("DATE", value, "dct" if ctx.dct else "none", None, None)


def _thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return date(year, 11, 1 + (3 - first.weekday()) % 7 + 21)


def _election_day(year: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November."""
    first = date(year, 11, 1)
    monday = 1 + (0 - first.weekday()) % 7
    return date(year, 11, monday + 1)


def h_holiday(m: Match, ctx: Context) -> Reading | None:
    key = _norm(m["hol"])
    if key == "election day":
        if m["hol"][0].islower():
            return None
        if m["year"]:
            return _day_reading(_election_day(int(m["year"])), "absolute")
        if ctx.dct is None:
            return Reading("DATE", "XXXX-11-XX", "none", None, None)
        e = _election_day(ctx.dct.year)
        dd = ctx.dct.date
        if dd is not None and e < dd and ctx.tense(m.start(), m.end()) != "PAST":
            e = _election_day(ctx.dct.year + 2 if ctx.dct.year % 2 == 0 else ctx.dct.year + 1)
        return _day_reading(e, "dct")
    if "thanksgiving" in key:
        if m["year"]:
            return _day_reading(_thanksgiving(int(m["year"])), "absolute")
        if ctx.dct is None:
            return Reading("DATE", "XXXX-11-XX", "none", None, None)
        y = ctx.dct.year
        t = _thanksgiving(y)
        tense = ctx.tense(m.start(), m.end())
        dd = ctx.dct.date
        if (dd is not None and tense == "PAST" and t > dd) or key.startswith("last"):
            t = _thanksgiving(y - 1)
        return _day_reading(t, "dct")
    if key in ("year-end", "year end", "year's end", "the end of the year"):
        if ctx.dct is None:
            return Reading("DATE", "XXXX", "none", "END", "year")
        return Reading("DATE", f"{ctx.dct.year:04d}", "dct", "END", "year")
    md = HOLIDAYS[key]
    if m["year"]:
        return Reading("DATE", f"{int(m['year']):04d}-{md}", "absolute", None, "day")
    mon, day = (int(x) for x in md.split("-"))
    return _month_day(mon, day, "", ctx, m)


def h_part_alone(m: Match, ctx: Context) -> Reading | None:
    """ "in the morning", "by mid-afternoon", "overnight": a part of the day under discussion
    (the last day the text mentioned, else the DCT's)."""
    word = _norm(m["part"] or m["solo"]).replace(" ", "-")
    if word == "overnight":
        # the night before the day under discussion (the last day mentioned, else the DCT's)
        ref, anchor = _from_text(ctx)
        if ref is None or ref.gran != "day" or ref.date is None:
            ref, anchor = ctx.dct, "dct"
        if ref is None or ref.date is None:
            return None
        d = N.shift_days(ref.date, -1)
        return None if d is None else Reading("TIME", f"{N.fmt_day(d)}TNI", anchor, None, "time")
    if ctx.last is not None and ctx.last.gran == "day" and ctx.last.date is not None:
        day = Reading("DATE", N.fmt_day(ctx.last.date), "text", None, "day")
    else:
        r = _dayrel("today", ctx)
        if r is None:
            return None
        day = r
    if "X" in day.value:
        return None
    mod = _mod(m["mod"])
    if word == "midday":
        return Reading("TIME", f"{day.value}T12:00", day.anchor, mod, "time")
    part = DAY_PARTS.get(word) or DAY_PARTS.get(word.replace("-", " "))
    if part is None:
        return None
    return Reading("TIME", f"{day.value}T{part}", day.anchor, mod, "time")


HANDLERS: dict[str, Handler] = {
    "part_alone": h_part_alone,
    "date_mdy": h_date_full,
    "date_dmy": h_date_full,
    "date_iso": h_date_full,
    "date_num": h_date_full,
    "date_md": h_date_md,
    "date_dm": h_date_md,
    "month_year": h_month_year,
    "month": h_month,
    "season": h_season,
    "year": h_year,
    "year_period": h_year_period,
    "wordyear": h_wordyear,
    "decade": h_decade,
    "decade_word": h_decade_word,
    "century": h_century,
    "time": h_time,
    "weekday": h_weekday,
    "dayrel": h_dayrel,
    "partrel": h_partrel,
    "textrel": h_textrel,
    "dayadj": h_dayadj,
    "unitrel": h_unitrel,
    "quarter_ord": h_quarter_ord,
    "quarter_rel": h_quarter_rel,
    "year_adj": h_year_adj,
    "ago": h_ago,
    "duration": h_duration,
    "set_adv": h_set_adv,
    "set_every": h_set_every,
    "set_times": h_set_times,
    "set_rate": h_set_rate,
    "ref_unit": h_ref_unit,
    "ref": h_ref,
    "holiday": h_holiday,
}

_ = NUMBERS  # re-exported for callers that extend the lexicon
