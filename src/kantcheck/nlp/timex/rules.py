"""The tagger's grammar: regular expressions built from `lexicon.yaml`, one per family of
temporal expressions, compiled once and run over the raw text (cheap, no parse needed).

Each rule has a name; `resolve.py` turns a match of that rule into a TIMEX3 type and value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The word lists, loaded once from the package's lexicon.yaml."""
    text = resources.files(__package__).joinpath("lexicon.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _alt(words: list[str] | set[str]) -> str:
    """A regex alternation, longest first so that "more recently" beats "recently"."""
    parts = sorted({w for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts) + ")"


LEX = lexicon()

MONTHS: dict[str, int] = {w: int(k) for k, ws in LEX["months"].items() for w in ws}
WEEKDAYS: dict[str, int] = {w: int(k) for k, ws in LEX["weekdays"].items() for w in ws}
NUMBERS: dict[str, float] = {str(k): float(v) for k, v in LEX["numbers"].items()}
ORDINALS: dict[str, int] = {str(k): int(v) for k, v in LEX["ordinals"].items()}
UNITS: dict[str, str] = dict(LEX["units"])
SEASONS: dict[str, str] = dict(LEX["seasons"])
DAY_PARTS: dict[str, str] = dict(LEX["day_parts"])
HOLIDAYS: dict[str, str] = dict(LEX["holidays"])
SETS: dict[str, str] = dict(LEX["sets"])
REFS: dict[str, str] = dict(LEX["refs"])
REF_UNITS: dict[str, str] = dict(LEX["ref_units"])
MODS: dict[str, str] = dict(LEX["mods"])
DURATION_MODS: dict[str, str | None] = dict(LEX["duration_mods"])
VAGUE: list[str] = list(LEX["vague_numbers"])

_full_months = [ws[0] for ws in LEX["months"].values()]
_abbr_months = [w for ws in LEX["months"].values() for w in ws[1:]]
MONTH_FULL = _alt([*_full_months, "sept."])
MONTH_ANY = "(?:" + _alt(_full_months) + "|" + _alt(_abbr_months) + r"\.?)"
WEEKDAY = _alt([ws[0] for ws in LEX["weekdays"].values()])
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
ORDWORD = _alt([k for k in ORDINALS if k != "last"])
YEAR4 = r"(?:1\d\d\d|20\d\d)"
UNITW = _alt(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
TEENW = _alt(
    [
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]
)
TENSW = _alt(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
WORDNUM = (
    rf"(?:(?:a|one)\s+hundred(?:\s+(?:and\s+)?(?:{TENSW}(?:[\s-]{UNITW})?|{TEENW}|{UNITW}))?"
    rf"|{TENSW}(?:[\s-]{UNITW})?|{TEENW}|{UNITW}|a\s+thousand|a\s+dozen|dozen|hundreds|thousands)"
)
NUM = (
    rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|{WORDNUM}(?:\s+and\s+a\s+half)?"
    rf"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+half|half\s+an?|an?|{_alt(VAGUE)})"
)
UNIT_WORDS = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries|millenni(?:um|a))"
)
MOD = _alt(list(MODS)).replace("mid\\-", "mid-")
DMOD = _alt(list(DURATION_MODS))
WORDYEAR = (
    rf"(?:nineteen[\s-](?:hundred|(?:{TENSW}(?:[\s-]{UNITW})?)|{TEENW}|oh[\s-]{UNITW})"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{TEENW}|{UNITW}))?)"
)
TZ = r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|MSK|local\s+time)"
PART = _alt(["morning", "afternoon", "evening", "night"])

# holidays with a fixed date come from the lexicon; Thanksgiving and year-end are computed
HOLIDAY_WORDS = _alt(
    [
        *HOLIDAYS,
        "thanksgiving day",
        "thanksgiving",
        "last thanksgiving",
        "year-end",
        "year end",
        "year's end",
        "election day",
    ]
)

# name -> pattern; order matters only for ties between equally long matches (earlier wins).
PATTERNS: list[tuple[str, str]] = [
    (
        "date_mdy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH_ANY})\s*(?P<day>{DAYNUM}|{ORDWORD}),?\s+(?P<year>{YEAR4}|'\d\d)(?![\d,.]\d)",
    ),
    (
        "date_dmy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAYNUM}|{ORDWORD})\s+(?:of\s+)?(?P<mon>{MONTH_ANY}),?\s+(?P<year>{YEAR4})(?![\d,.]\d)",
    ),
    (
        "date_iso",
        r"(?P<year>(?:1\d|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?",
    ),
    (
        "date_num",
        r"(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:1\d|20)\d\d|\d\d)(?![/\d])",
    ),
    (
        "date_md",
        rf"(?:(?P<rel>this\s+coming|this\s+past|this|next|last)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH_ANY})\s*(?P<day>{DAYNUM}|{ORDWORD})(?!\d|:\d|\s*(?:%|percent|million|billion|-\d))",
    ),
    (
        "date_dm",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAYNUM}|{ORDWORD})\s+(?:of\s+)?(?P<mon>{MONTH_FULL})",
    ),
    (
        "month_year",
        rf"(?:(?P<mod>{MOD})\s*)?(?P<mon>{MONTH_ANY}),?\s+(?:of\s+)?(?:(?P<year>{YEAR4})|(?P<wyear>{WORDYEAR})|(?P<rel>this|last|next)\s+year)(?![\d,.]\d)",
    ),
    (
        "month",
        rf"(?:(?P<mod>{MOD})\s*)?(?:(?P<rel>this\s+coming|this\s+past|this|next|last|coming|past)\s+)?(?P<mon>{MONTH_FULL})",
    ),
    (
        "season",
        rf"(?:(?P<mod>{MOD})\s*)?(?:(?P<rel>this\s+coming|this\s+past|this|next|last|the|that)\s+)?(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?:(?P<year>{YEAR4})|(?P<wyear>{WORDYEAR})))?",
    ),
    (
        "year",
        rf"(?:(?P<mod>{MOD})\s*)?(?:(?P<fiscal>fiscal(?:\s+year)?|FY|calendar(?:\s+year)?|the\s+year|the\s+fiscal\s+year)\s*)?(?P<year>1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-\d\d\d|\s*(?:%|percent))",
    ),
    (
        "year_period",
        r"(?:the\s+)?(?P<year>1[6-9]\d\d|20\d\d)\s+(?P<what>period|quarter|fiscal\s+year|financial\s+year|calendar\s+year)",
    ),
    ("wordyear", rf"(?:the\s+year\s+)?(?P<wyear>{WORDYEAR})"),
    ("decade", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<dec>1\d\d0|20\d0|'\d0|\d0)'?s"),
    (
        "decade_word",
        r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
    ),
    (
        "century",
        rf"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]*)?(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{ORDWORD})[\s-]century",
    ),
    (
        "time",
        rf"(?:(?P<approx>around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm|a\.m|p\.m)|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)|(?P<named>noon|midnight)|(?P<hp>1[0-2]|0?[1-9])(?::(?P<mip>[0-5]\d))?\s+(?:o'clock\s+)?in\s+the\s+(?P<dpart>morning|afternoon|evening))(?:\s+(?P<tz>{TZ}))?(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH_ANY})\s*(?P<day>{DAYNUM})|(?P<rel>today|yesterday|tomorrow|tonight)))?",
    ),
    (
        "weekday",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<rel>this\s+past|this\s+coming|last|this|next|coming|past|the\s+(?:previous|prior|preceding|following))\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?",
    ),
    (
        "dayrel",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<prepart>mid[\s-]?afternoon|mid[\s-]?morning|midday)\s+)?(?P<rel>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{PART}))?",
    ),
    (
        "partrel",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{PART})",
    ),
    (
        "textrel",
        r"(?P<rel>the\s+(?:next|following|previous|prior|same|preceding)|that(?:\s+same)?)\s+(?P<unit>day|morning|afternoon|evening|night|week|weekend|month|year)",
    ),
    (
        "dayadj",
        r"(?P<rel>the\s+day|a\s+day|one\s+day|the\s+night)\s+(?P<dir>before|after|earlier|later)(?!\s+(?:the|a|an|his|her|its|their|this|that|he|she|it|they|we|i|you)\b)(?!\s+(?:before|after)\b)(?=\s*(?:[.,;:!?)'\"]|$)|\s+(?:earlier|later)\b)",
    ),
    (
        "unitrel",
        rf"(?:(?P<mod>{MOD})\s*)?(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+previous|the\s+coming|the\s+current|the\s+latest|the\s+last|the\s+next|the\s+whole|the\s+entire|the\s+full|the|past|previous|current|coming)\s+(?:(?P<fiscal>fiscal|calendar)\s+)?(?P<unit>week|month|year|quarter|weekend|decade|century)(?![\w-])",
    ),
    (
        "quarter_ord",
        rf"(?:the\s+)?(?:(?P<pre>(?P<prel>this|last|next)\s+year's|(?P<pyear>{YEAR4})(?:'s)?|fiscal(?:\s+(?P<fyear>{YEAR4}))?|year-ago|year-earlier|same|comparable|corresponding|current|latest)\s+)?(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last)[\s-]+(?:fiscal\s+)?(?P<q>quarter|half|period)(?:\s+(?:of\s+)?(?:(?P<year>{YEAR4})|fiscal\s+(?P<fyear2>{YEAR4})|(?P<rel>this|last|next)\s+year))?",
    ),
    (
        "quarter_rel",
        r"(?:the\s+)?(?P<rel>latest|current|past|previous|last|this|next|coming|prior|recent|most\s+recent|same|year-ago|year-earlier|comparable|corresponding|fiscal)(?:\s+(?:fiscal|year-ago|year-earlier))?\s+(?P<q>quarter|period)",
    ),
    (
        "year_adj",
        rf"(?:the\s+)?(?:(?P<num>{NUM})[\s-]+)?years?-(?:earlier|ago)(?:\s+(?P<q>quarter|period|half))?",
    ),
    (
        "ref_unit",
        rf"(?:(?P<in>in|over|during)\s+)?(?P<ru>{_alt(list(REF_UNITS))})\s+(?P<unit>days|weeks|months|years|decades)",
    ),
    (
        "ago",
        rf"(?:(?P<dmod>about|nearly|almost|some|more\s+than|less\s+than|roughly|only|just|approximately|around|over)\s+)?(?P<num>{NUM})\s+(?P<unit>{UNIT_WORDS})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|hence|from\s+now|back)",
    ),
    (
        "duration",
        rf"(?:(?P<dmod>{DMOD})\s+)?(?:(?P<the>the|its|their|his|her)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|final|remaining|following|initial|latest|entire|full|whole|prior|additional|same|recent|few)\s+)?(?:(?P<num>{NUM})[\s-]+)?(?:(?P<more>more|additional|straight|consecutive|full|long)\s+)?(?P<unit>{UNIT_WORDS})(?:-(?P<old>old|long))?(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+(?:so|more|(?P<num2>{NUM})\s+(?P<unit2>{UNIT_WORDS})))?",
    ),
    ("set_adv", rf"(?P<set>{_alt(list(SETS))})"),
    (
        "set_every",
        rf"(?P<q>every|each|per)\s+(?:other\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT_WORDS}|{WEEKDAY}|{MONTH_FULL})",
    ),
    (
        "set_times",
        rf"(?P<freq>once|twice|(?:{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT_WORDS})",
    ),
    ("ref", rf"(?P<ref>{_alt(list(REFS))})"),
    ("holiday", rf"(?P<hol>{HOLIDAY_WORDS})(?:\s+(?P<year>{YEAR4}))?"),
    (
        "part_alone",
        r"(?:(?P<mod>early|late)\s+)?(?:(?P<the>the)\s+(?P<part>morning|afternoon|evening)|(?P<solo>mid[\s-]?afternoon|mid[\s-]?morning|midday|overnight))",
    ),
]


@dataclass(frozen=True)
class Rule:
    """A compiled pattern and its priority (lower wins ties)."""

    name: str
    regex: re.Pattern[str]
    priority: int


@lru_cache(maxsize=1)
def compiled_rules() -> tuple[Rule, ...]:
    """All rules, compiled once, each bounded so it cannot start or end inside a word."""
    out = []
    for i, (name, pat) in enumerate(PATTERNS):
        rx = re.compile(
            rf"(?:(?<![\w'])|(?-i:(?<=[A-Z])(?=[A-Z][a-z])))(?:{pat})(?![\w])", re.IGNORECASE
        )
        out.append(Rule(name, rx, i))
    return tuple(out)


def parse_number(text: str) -> float | None:
    """A number written in digits or words; None for vague amounts ("several")."""
    t = re.sub(r"\s+", " ", text.lower().strip()).replace("-", " ")
    if not t:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: (\d)/(\d))?", t.replace(",", ""))
    if m:
        v = float(m[1])
        if m[2] and m[3] and float(m[3]) != 0:
            v += float(m[2]) / float(m[3])
        return v
    half = 0.0
    if t.endswith(" and a half"):
        half, t = 0.5, t[: -len(" and a half")]
    if t in NUMBERS:
        return NUMBERS[t] + half
    if t in (v.replace("-", " ") for v in VAGUE) or t in ("hundreds", "thousands"):
        return None
    total = 0.0
    for w in t.split():
        if w == "and":
            continue
        if w in ("hundred",):
            total = (total or 1) * 100
        elif w in NUMBERS:
            total += NUMBERS[w]
        else:
            return None
    return total + half if total else None
