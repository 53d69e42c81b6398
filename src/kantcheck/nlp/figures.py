"""Figures: numbers as stated in news text, normalized so that articles can be compared.

Two layers. `parse_amount` / `parse_number` read one phrase ("approximately 1,700",
"$1.13bn", "hundreds of thousands", "two decades") with a strict little grammar: the whole
phrase must be a number, so "Su-25s" or "G20" never become 25 or 20. `find_figures` walks a
parsed spaCy Doc, proposes number phrases from `like_num` tokens and number words, lets the
grammar decide how far each phrase reaches (markers to the left, scale and unit to the right),
drops dates, ordinals, list markers, phone numbers and names, and reads the counted noun off
the dependency parse ("1,700 Russian firms" -> "russian firm").

The wording lives in `units.yaml`, so adding a unit or a currency is a data change.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from kantcheck.models import Figure
from kantcheck.nlp.guard import guarded

FIGURES_COMPONENT = "kantcheck_figures"

Doc.set_extension("figures", default=None, force=True)

# ----------------------------------------------------------------------------- lexicon


def _split(words: str) -> list[str]:
    return words.split()


_ONES = dict(zip(_split("one two three four five six seven eight nine"), range(1, 10), strict=True))
_TEENS = dict(
    zip(
        _split("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"),
        range(10, 20),
        strict=True,
    )
)
_TENS = dict(
    zip(
        _split("twenty thirty forty fifty sixty seventy eighty ninety"),
        range(20, 100, 10),
        strict=True,
    )
)
# Word scales in the order they may follow one another ("two thousand five hundred").
_WORD_SCALES = {"dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORDS = frozenset([*_ONES, *_TEENS, *_TENS, "zero", "hundred", *_WORD_SCALES])
_MONTHS = frozenset(
    _split(
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec"
    )
)
# Words after which a number is an identifier, not a quantity ("Resolution 1540", "No. 5").
_ID_WORDS = frozenset(
    _split(
        "no no. nos number article section chapter page pages room flight resolution paragraph "
        "part phase vol vol. volume route grade level item line platform gate unit"
    )
)
_NAME_LABELS = frozenset(
    ["PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "GPE", "LOC", "NORP"]
)
# Adjectives that say how many or which ones, not what kind: left out of the counted noun so
# that "1,700 new Russian firms" and "1,700 Russian firms" count the same thing.
_NOT_KIND = frozenset(
    _split(
        "new more other additional extra further many several few various different such same own "
        "certain major large small big huge vast key main last next final recent total estimated "
        "only just mere whole entire full remaining existing current former previous possible "
        "potential important approximately around about nearly some"
    )
)


@dataclass(frozen=True)
class _Lexicon:
    units: dict[tuple[str, ...], tuple[str, float]]
    durations: frozenset[str]
    currency_symbols: dict[tuple[str, ...], str]
    currency_codes: dict[tuple[str, ...], str]
    currency_words: dict[tuple[str, ...], str]
    scales: dict[str, float]
    currency_scales: dict[str, float]
    vague: dict[str, tuple[float, float]]
    markers: dict[tuple[str, ...], str]
    multiplier_verbs: dict[str, float]


def _keyed(table: Mapping[str, Any]) -> dict[tuple[str, ...], Any]:
    return {tuple(str(k).lower().split()): v for k, v in table.items()}


@cache
def _lexicon() -> _Lexicon:
    """Load units.yaml once; a broken lexicon is a packaging bug, so let it raise."""
    text = resources.files(__package__).joinpath("units.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return _Lexicon(
        units={k: (str(v[0]), float(v[1])) for k, v in _keyed(raw["units"]).items()},
        durations=frozenset(raw["durations"]),
        currency_symbols=_keyed(raw["currency_symbols"]),
        currency_codes=_keyed(raw["currency_codes"]),
        currency_words=_keyed(raw["currency_words"]),
        scales={str(k): float(v) for k, v in raw["scales"].items()},
        currency_scales={str(k): float(v) for k, v in raw["currency_scales"].items()},
        vague={str(k): (float(v[0]), float(v[1])) for k, v in raw["vague"].items()},
        markers=_keyed(raw["markers"]),
        multiplier_verbs={str(k): float(v) for k, v in raw["multiplier_verbs"].items()},
    )


# ----------------------------------------------------------------------------- phrase grammar

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-"})
_LEX_RE = re.compile(r"us\$|\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+\d*|[^\sa-z\d]")
_DIGITS_RE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
_MAX_TOKENS = 24  # a number phrase is short; longer input is not one


@dataclass(frozen=True)
class Amount:
    """What one number phrase says: the normalized value, its unit and the implied bounds."""

    value: float
    unit: str | None = None
    approximate: bool = False
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class _Num:
    value: float
    end: int
    place: float  # size of the last stated digit: 100 for "1,700", 0.01 for "1.13"
    vague_high: float | None = None  # "hundreds of thousands" -> 1e6


def _lex(text: str) -> list[str]:
    toks: list[str] = []
    for tok in _LEX_RE.findall(text.lower().translate(_DASHES)):
        # "threefold" -> three fold; "manifold" stays a word
        if tok.endswith("fold") and tok[:-4] in _NUMBER_WORDS:
            toks.extend([tok[:-4], "fold"])
        else:
            toks.append(tok)
    return toks


def _match(toks: list[str], i: int, table: Mapping[tuple[str, ...], Any]) -> tuple[Any, int]:
    """Longest key of `table` (a tuple of words) starting at toks[i]: (value, end) or (None, i)."""
    for size in (3, 2, 1):
        key = tuple(toks[i : i + size])
        if len(key) == size and key in table:
            return table[key], i + size
    return None, i


def _place_of_int(value: float) -> float:
    if not math.isfinite(value) or value <= 0 or value != int(value):
        return 1.0
    place, v = 1.0, int(value)
    while v % 10 == 0:
        place, v = place * 10, v // 10
    return place


def _sub99(toks: list[str], j: int) -> tuple[float, int] | None:
    if j >= len(toks):
        return None
    t = toks[j]
    if t in _TENS:
        if j + 2 < len(toks) and toks[j + 1] == "-" and toks[j + 2] in _ONES:
            return _TENS[t] + _ONES[toks[j + 2]], j + 3
        if j + 1 < len(toks) and toks[j + 1] in _ONES:
            return _TENS[t] + _ONES[toks[j + 1]], j + 2
        return _TENS[t], j + 1
    if t in _TEENS:
        return _TEENS[t], j + 1
    if t in _ONES:
        return _ONES[t], j + 1
    if t == "zero":
        return 0.0, j + 1
    return None


def _group(toks: list[str], j: int) -> tuple[float, int] | None:
    """A number below 1000 in words: "five", "twenty-six", "a hundred and five"."""
    n = len(toks)
    if j >= n:
        return None
    t = toks[j]
    unit: float | None = None
    if t in ("a", "an"):
        if j + 1 < n and (toks[j + 1] == "hundred" or toks[j + 1] in _WORD_SCALES):
            unit = 1.0
        else:
            return None
    elif t in _ONES:
        unit = _ONES[t]
    if unit is not None and j + 1 < n and toks[j + 1] == "hundred":
        value, k = unit * 100, j + 2
        if k < n and toks[k] == "and":
            rest = _sub99(toks, k + 1)
            return (value + rest[0], rest[1]) if rest else (value, k)
        rest = _sub99(toks, k)
        return (value + rest[0], rest[1]) if rest else (value, k)
    if t in ("a", "an"):
        return 1.0, j + 1
    return _sub99(toks, j)


def _words(toks: list[str], i: int) -> tuple[float, int] | None:
    """A cardinal in words: groups below 1000 joined by falling scales."""
    total, j, last_scale, found = 0.0, i, math.inf, False
    while j < len(toks):
        group = _group(toks, j)
        if group is None:
            break
        value, k = group
        scale = _WORD_SCALES.get(toks[k]) if k < len(toks) else None
        if scale is not None and scale < last_scale:
            total += value * scale
            last_scale, j, found = scale, k + 1, True
            if j + 1 < len(toks) and toks[j] == "and" and _group(toks, j + 1) is not None:
                j += 1
            continue
        if toks[j] in ("a", "an"):  # "a" is a number only before a scale
            break
        total += value
        j, found = k, True
        break
    return (total, j) if found else None


def _number(toks: list[str], i: int) -> _Num | None:
    """The bare number at toks[i]: digits, vague plurals, "half a million", or words."""
    if i >= len(toks):
        return None
    t = toks[i]
    vague = _lexicon().vague
    if t[0].isdigit() or t[0] == ".":
        if not _DIGITS_RE.fullmatch(t):
            return None  # "1,70", "12,5": not an English number
        plain = t.replace(",", "")
        if not math.isfinite(float(plain)):
            return None
        if "." in plain:
            place = 10.0 ** -len(plain.split(".", 1)[1])
        else:
            place = _place_of_int(float(plain))
        return _Num(float(plain), i + 1, place)
    if t in vague:
        value, factor = vague[t]
        j = i + 1
        while j + 1 < len(toks) and toks[j] == "of" and toks[j + 1] in vague:
            value *= vague[toks[j + 1]][0]
            j += 2
        return _Num(value, j, value, value * factor)
    if (
        t == "half"
        and i + 2 < len(toks)
        and toks[i + 1] in ("a", "an")
        and (toks[i + 2] in _WORD_SCALES or toks[i + 2] == "hundred")
    ):
        scale = 100.0 if toks[i + 2] == "hundred" else _WORD_SCALES[toks[i + 2]]
        return _Num(0.5 * scale, i + 3, 0.5 * scale)
    words = _words(toks, i)
    if words is None:
        return None
    return _Num(words[0], words[1], _place_of_int(words[0]))


def _bounds(kind: str, value: float, place: float) -> tuple[float | None, float | None]:
    """Bounds implied by an approximation marker, on the bare number."""
    if kind == "around":
        margin = max(0.5 * place, 0.05 * abs(value))
        return value - margin, value + margin
    if kind == "below":
        return 0.9 * value, value
    if kind in ("above", "min"):
        return value, None
    return None, value  # under, max


def parse_amount(text: str) -> Amount | None:
    """Read one number phrase; None unless the whole phrase is a number (never raises).

    Grammar: [marker] [currency] number [(-|to) number] [scale] [+] [-] [unit|currency word].
    """
    if not isinstance(text, str):
        return None
    toks = _lex(text)
    if not toks or len(toks) > _MAX_TOKENS:
        return None
    lex = _lexicon()
    n = len(toks)
    marker, i = _match(toks, 0, lex.markers)
    currency, i = _match(toks, i, lex.currency_symbols)
    if currency is None:
        currency, i = _match(toks, i, lex.currency_codes)
    num = _number(toks, i)
    if num is None:
        return None
    i = num.end
    low_n: float | None = None
    high_n: float | None = None
    approximate = marker is not None or num.vague_high is not None
    if i + 1 < n and toks[i] in ("-", "to"):  # a range: "10-15 km"
        upper = _number(toks, i + 1)
        if upper is not None and upper.value > num.value and upper.vague_high is None:
            low_n, high_n, i, approximate = num.value, upper.value, upper.end, True
    scale = 1.0
    if i < n and toks[i] in lex.scales:
        scale, i = lex.scales[toks[i]], i + 1
    elif i < n and currency is not None and toks[i] in lex.currency_scales:
        scale, i = lex.currency_scales[toks[i]], i + 1
    plus = i < n and toks[i] == "+"
    if plus:
        i += 1
        approximate = True
    unit: str | None = None
    factor = 1.0
    start = i + 1 if i + 1 < n and toks[i] == "-" else i  # "three-day", "ten-fold"
    found, j = _match(toks, start, lex.units)
    if found is not None and currency is None:
        (unit, factor), i = found, j
    else:
        word_currency, j = _match(toks, start, lex.currency_words)
        if word_currency is not None and currency in (None, word_currency):
            currency, i = word_currency, j
    if i + 1 < n and toks[i] == "or" and toks[i + 1] in ("more", "so"):  # "100 or more"
        if toks[i + 1] == "more":
            plus = True
        else:
            marker = marker or "around"
        approximate, i = True, i + 2
    if i != n:
        return None
    mult = scale * factor
    if low_n is not None and high_n is not None:
        value = (low_n + high_n) / 2
    else:
        value = num.value
        if marker is not None:
            low_n, high_n = _bounds(marker, value, num.place)
        elif num.vague_high is not None:
            low_n, high_n = value, num.vague_high
        elif plus:
            low_n, high_n = value, None
        else:
            low_n = high_n = value
    out_value = value * mult
    if not math.isfinite(out_value):
        return None
    return Amount(
        value=out_value,
        unit=currency if currency is not None else unit,
        approximate=approximate,
        low=None if low_n is None else low_n * mult,
        high=None if high_n is None else high_n * mult,
    )


def parse_number(text: str) -> float | None:
    """The normalized value of a number phrase ("1,700", "£600m", "two decades" -> 20), or None."""
    amount = parse_amount(text)
    return None if amount is None else amount.value


# ----------------------------------------------------------------------------- in a Doc


@dataclass(frozen=True)
class FigureMention:
    """A figure found in a Doc: char offsets into doc.text, token span, and the counted noun."""

    start: int
    end: int
    token_start: int
    token_end: int
    figure: Figure
    head: int | None = None


_MAX_LEFT = 3
_MAX_RIGHT = 6
_DIGIT_TOKEN_RE = re.compile(r"\d+")
_ID_RE = re.compile(r"[+(]?\d[\d\-/.()]*")


def _is_number_token(tok: Token) -> bool:
    low = tok.lower_
    return (
        tok.like_num
        or low[:1].isdigit()
        or low in _NUMBER_WORDS
        or low in _lexicon().vague
        or (low.endswith("fold") and low[:-4] in _NUMBER_WORDS)
    )


def _starts_number(doc: Doc, i: int) -> bool:
    """Can a number phrase's bare number begin at token i?"""
    low = doc[i].lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if low in ("a", "an"):
        return nxt == "hundred" or nxt in _WORD_SCALES
    if low == "half":
        return nxt in ("a", "an")
    if low == "hundred" or low in _WORD_SCALES:
        return False  # only after a number or "a"
    return _is_number_token(doc[i]) or (low.startswith(".") and low[1:2].isdigit())


def _text(doc: Doc, a: int, b: int) -> str:
    """doc.text[start:end] of tokens a..b-1, without rebuilding doc.text (which is O(doc))."""
    return doc[a:b].text


@cache
def _phrase_words() -> frozenset[str]:
    """Every word the number grammar can read; a token with any other word ends a phrase."""
    lex = _lexicon()
    words: set[str] = (
        set(_NUMBER_WORDS) | set(lex.vague) | set(lex.scales) | set(lex.currency_scales)
    )
    for table in (
        lex.units,
        lex.currency_symbols,
        lex.currency_codes,
        lex.currency_words,
        lex.markers,
    ):
        for key in table:
            for part in key:
                words.update(_lex(part))
    words.update(["-", "to", "+", "of", "a", "an", "half", "and", ",", ".", "or", "more", "so"])
    return frozenset(words)


@lru_cache(maxsize=65536)
def _phrase_token(text: str) -> bool:
    """Could this token be part of a number phrase? (digits, or only grammar words)"""
    words = _phrase_words()
    return all(w[0].isdigit() or w[0] == "." or w in words for w in _lex(text))


def _best_span(doc: Doc, i: int, floor: int) -> tuple[int, int, Amount] | None:
    """The longest phrase around token i that the grammar accepts (more right, then left).

    Only tokens the grammar can read are tried, so most numbers need one or two parses.
    """
    best: tuple[int, int, Amount] | None = None
    best_len = -1
    n = len(doc)
    max_right = 0
    while (
        max_right < _MAX_RIGHT
        and i + 1 + max_right < n
        and _phrase_token(doc[i + 1 + max_right].text)
    ):
        max_right += 1
    max_left = 0
    while max_left < min(_MAX_LEFT, i - floor) and _phrase_token(doc[i - 1 - max_left].text):
        max_left += 1
    for right in range(max_right, -1, -1):
        b = i + 1 + right
        if b > n:
            continue
        if any(doc[k].is_space or "\n" in doc[k - 1].whitespace_ for k in range(i + 1, b)):
            continue
        for left in range(max_left, -1, -1):
            a = i - left
            if left + right <= best_len:
                break
            if any(doc[k].is_space or "\n" in doc[k].whitespace_ for k in range(a, i)):
                continue
            amount = parse_amount(_text(doc, a, b))
            if amount is not None:
                best, best_len = (a, b, amount), left + right
                break
    return best


def _line_start(doc: Doc, a: int) -> bool:
    """Only bullets or spaces between the last line break and token a."""
    k = a - 1
    while k >= 0 and "\n" not in doc[k].whitespace_ and "\n" not in doc[k].text:
        if doc[k].text.strip(" \t-*•("):
            return False
        k -= 1
    return True


def _excluded(doc: Doc, a: int, b: int, amount: Amount) -> bool:
    """Dates, times, ordinals, list markers, phone numbers and names are not figures."""
    nums = [t for t in doc[a:b] if _is_number_token(t)]
    if not nums:
        return True
    lex = _lexicon()
    prev = doc[a - 1] if a > 0 else None
    nxt = doc[b] if b < len(doc) else None
    # names and identifiers: "G20" (ORG), "CSTO-2", "Resolution 1540"
    if any(t.ent_type_ in _NAME_LABELS for t in nums):
        return True
    if (
        prev is not None
        and prev.text == "-"
        and not prev.whitespace_
        and doc[a - 2].is_alpha
        and not doc[a - 2].whitespace_
    ):
        return True
    if prev is not None and prev.lower_ in _ID_WORDS:
        return True
    # dates and times: a number inside a DATE/TIME entity counts only as a duration
    if (
        any(t.ent_type_ in ("DATE", "TIME") for t in nums)
        and amount.unit not in lex.durations
        and not _counts_plural(doc, a, b, amount)
    ):
        return True
    if nxt is not None and (nxt.lower_ == "ago" or nxt.lower_.startswith("read")):
        # "1 day ago", "5 min read"
        return True
    bare = amount.unit is None and amount.low == amount.high
    if bare and amount.value == int(amount.value):
        near = [doc[a - 1] if a > 0 else None, doc[a - 2] if a > 1 else None, nxt]
        if 1 <= amount.value <= 31 and any(
            t is not None and t.lower_.rstrip(".") in _MONTHS for t in near
        ):
            return True
        digits = nums[0].text
        if (
            len(nums) == 1
            and re.fullmatch(r"1[0-9]\d\d|20\d\d", digits)
            and not _counts_plural(doc, a, b, amount)
        ):
            return True  # a year, not "2000 troops"
        # list markers: "1." or "2)" at the start of a line
        if len(nums) == 1 and nxt is not None and nxt.text in (".", ")") and _line_start(doc, a):
            return True
        # phone and ID-like: long digit strings, or several digit groups in a row
        if _DIGIT_TOKEN_RE.fullmatch(digits) and len(digits) >= 7:
            return True
        for t in (prev, nxt):
            if t is not None and _DIGIT_TOKEN_RE.fullmatch(t.text):
                return True
        if prev is not None and prev.text.startswith("+") and prev.text[1:2].isdigit():
            return True
        if _id_like(_glued(doc, a, b)):
            return True
        # a bare "one" is mostly a pronoun ("one of Moscow's allies"), not a count
        if b - a == 1 and doc[a].lower_ == "one":
            return True
    return False


def _counts_plural(doc: Doc, a: int, b: int, amount: Amount) -> bool:
    """A bare number right before the plural noun it counts ("2000 troops"), which the NER
    model sometimes tags DATE; a DATE entity that reaches past the number stays a date."""
    if amount.unit is not None or b >= len(doc):
        return False
    noun = _counted_noun(doc, a, b)
    if noun is None or noun.tag_ not in ("NNS", "NNPS") or noun.ent_type_ in ("DATE", "TIME"):
        return False
    if tuple([noun.lower_]) in _lexicon().units:
        return False
    return all(t.ent_type_ not in ("DATE", "TIME") for t in doc[b : noun.i + 1])


def _glued(doc: Doc, a: int, b: int) -> str:
    """The run of tokens around [a, b) written without spaces: "0312-66-55-44"."""
    while a > 0 and not doc[a - 1].whitespace_:
        a -= 1
    while b < len(doc) and not doc[b - 1].whitespace_:
        b += 1
    return _text(doc, a, b)


def _id_like(run: str) -> bool:
    """Phone numbers, dates and versions: three digit groups or more, or a leading zero."""
    run = run.rstrip(".,;:")
    if not _ID_RE.fullmatch(run):
        return False
    return len(re.findall(r"\d+", run)) >= 3 or bool(re.match(r"\+|0\d", run))


def _counted_noun(doc: Doc, a: int, b: int) -> Token | None:
    """The noun a number counts, with a plural compound preferred over a singular head: the
    small model reads "40 percent of Kyrgyz migrants work" as the compound "migrants work"."""
    noun = _syntactic_noun(doc, a, b)
    if noun is not None and noun.tag_ in ("NN", "NNP"):
        plural = [c for c in noun.lefts if c.dep_ == "compound" and c.tag_ in ("NNS", "NNPS")]
        if plural:
            return plural[-1]
    return noun


def _syntactic_noun(doc: Doc, a: int, b: int) -> Token | None:
    """The number's syntactic head, or the object of "of" after it, or the next plural noun."""
    inside = range(a, b)
    roots = [t for t in doc[a:b] if t.head.i not in inside or t.head.i == t.i]
    for tok in roots:
        head = tok.head
        if (
            head.i not in inside
            and head.i >= b
            and head.pos_ in ("NOUN", "PROPN")
            and tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "nsubj")
        ):
            return head
    for tok in doc[a:b]:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i >= b:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                        return obj
    # fall back on the words right after the number: "100+ firms"
    k = b
    while k < len(doc) and k < b + 4 and doc[k].pos_ in ("ADJ", "PROPN", "NOUN"):
        if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].dep_ != "compound":
            return doc[k] if doc[k].tag_ in ("NNS", "NNPS") else None
        k += 1
    return None


def _modifiers(noun: Token, skip: range) -> Iterable[Token]:
    for child in noun.lefts:
        if child.i in skip or child.like_num or child.pos_ in ("DET", "NUM", "PRON"):
            continue
        if child.dep_ == "compound" or (
            child.dep_ == "amod"
            and child.tag_ not in ("JJR", "JJS")
            and child.lower_ not in _NOT_KIND
            and child.ent_type_ != "ORDINAL"
        ):
            yield from _modifiers(child, skip)
            yield child


def _counted_text(noun: Token, skip: range) -> str:
    words = sorted([*_modifiers(noun, skip), noun], key=lambda t: t.i)
    return " ".join(
        (t.lemma_ if t.pos_ in ("NOUN", "ADJ", "VERB") else t.text).lower() for t in words
    )


def _multiplier(tok: Token) -> float | None:
    if tok.pos_ != "VERB":
        return None
    return _lexicon().multiplier_verbs.get(tok.lemma_.lower())


def find_figures(doc: Doc) -> list[FigureMention]:
    """Every figure in the Doc, left to right, none overlapping."""
    out: list[FigureMention] = []
    floor, i, n = 0, 0, len(doc)
    while i < n:
        tok = doc[i]
        mult = _multiplier(tok)
        if mult is not None:
            fig = Figure(text=tok.text, value=mult, unit="times", low=mult, high=mult)
            out.append(FigureMention(tok.idx, tok.idx + len(tok), i, i + 1, fig))
            i = floor = i + 1
            continue
        if not _starts_number(doc, i):
            i += 1
            continue
        span = _best_span(doc, i, floor)
        if span is None:
            i += 1
            continue
        a, b, amount = span
        if _excluded(doc, a, b, amount):
            i = b
            continue
        noun: Token | None = None
        if amount.unit is None or amount.unit == "percent":
            noun = _counted_noun(doc, a, b)
            if (
                amount.unit == "percent"
                and noun is not None
                and (b >= len(doc) or doc[b].lower_ != "of")
            ):
                noun = None  # "76% of voters", not "a 76% turnout"
        fig = Figure(
            text=_text(doc, a, b),
            value=amount.value,
            unit=amount.unit,
            approximate=amount.approximate,
            low=amount.low,
            high=amount.high,
            counted=None if noun is None else _counted_text(noun, range(a, b)),
        )
        end = doc[b - 1].idx + len(doc[b - 1])
        out.append(FigureMention(doc[a].idx, end, a, b, fig, None if noun is None else noun.i))
        i = floor = b
    return out


class FigureFinder:
    """Stateless: all knowledge is in the grammar and units.yaml."""

    def __call__(self, doc: Doc) -> Doc:
        return guarded(doc, "figures", "figure parsing", find_figures)


@Language.factory(FIGURES_COMPONENT, assigns=["doc._.figures"])
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    """Factory registered with spaCy; add it after the parser and NER."""
    return FigureFinder()
