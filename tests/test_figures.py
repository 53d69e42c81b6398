"""Figures: the phrase grammar (fast, no model) and figure finding in parsed text (model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kantcheck.nlp.figures import (
    FIGURES_COMPONENT,
    FigureMention,
    find_figures,
    parse_amount,
    parse_number,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_DIRS = [ROOT / "data" / "articles", Path("/work/shared/seeds")]

# ----------------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,700", 1700),
        ("1.13", 1.13),
        ("0", 0),
        ("nine", 9),
        ("twenty-six", 26),
        ("twenty six", 26),
        ("one hundred and five", 105),
        ("two thousand five hundred and six", 2506),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a million", 1e6),
        ("hundreds of thousands", 100_000),
        ("half a million", 500_000),
        ("1.5 million", 1_500_000),
        ("$11.1bn", 11.1e9),
        ("$1.13bn", 1.13e9),
        ("£600m", 600e6),
        ("76%", 76),
        ("76 per cent", 76),
        ("two decades", 20),
        ("three-day", 3),
        ("threefold", 3),
        ("about 1,700", 1700),
        ("nearly 100 times", 100),
        ("12 miles", 19.312128),
        ("around 20 kilometres", 20),
        ("5 million dollars", 5e6),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a",
        "hello",
        "12,5",
        "1,70",
        "first",
        "1.",
        "Su-25s",
        "Mi-24s",
        "G20",
        "CSTO-2",
        "one two",
        "the first three",
        "+996",
        "19:37",
        "1990s",
        "hundred",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "unit", "approximate", "low", "high"),
    [
        ("1,700", None, False, 1700, 1700),
        ("more than 100", None, True, 100, None),
        ("over 100", None, True, 100, None),
        ("at least 3", None, True, 3, None),
        ("up to 12", None, True, None, 12),
        ("fewer than 20", None, True, None, 20),
        ("nearly 100", None, True, 90, 100),
        ("almost 100", None, True, 90, 100),
        ("about 1,700", None, True, 1615, 1785),
        ("around 20 kilometres", "km", True, 15, 25),
        ("an estimated 5,000", None, True, 4500, 5500),
        ("hundreds of thousands", None, True, 100_000, 1_000_000),
        ("dozens", None, True, 12, 144),
        ("100+", None, True, 100, None),
        ("10-15 km", "km", True, 10, 15),
        ("$1.13bn", "USD", False, 1.13e9, 1.13e9),
        ("£600m", "GBP", False, 600e6, 600e6),
        ("76%", "percent", False, 76, 76),
        ("nearly 100 times", "times", True, 90, 100),
        ("two decades", "year", False, 20, 20),
        ("three-day", "day", False, 3, 3),
    ],
)
def test_parse_amount_bounds(
    text: str, unit: str | None, approximate: bool, low: float | None, high: float | None
) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.unit == unit
    assert amount.approximate is approximate
    assert amount.low == (None if low is None else pytest.approx(low))
    assert amount.high == (None if high is None else pytest.approx(high))


_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
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
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    """English words for 0 <= n < 1000, the way a newspaper writes them."""
    if n < 20:
        return _SMALL[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_SMALL[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_SMALL[hundreds]} hundred" + (f" and {_words(rest)}" if rest else "")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, float)


def test_parse_number_rejects_overflow() -> None:
    assert parse_number("9" * 400) is None
    assert parse_number("$" + "9" * 400 + "bn") is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "one",
                "hundred",
                "and",
                "a",
                "-",
                "of",
                "hundreds",
                "$",
                "%",
                "12",
                "1,700",
                "half",
                "million",
                "km",
                "nearly",
                "more than",
                "+",
                "to",
                "bn",
                "m",
                "twenty",
                "fold",
            ]
        ),
        max_size=8,
    )
)
def test_parse_number_never_raises_on_number_like_text(words: list[str]) -> None:
    amount = parse_amount(" ".join(words))
    if amount is not None:  # bounds, when given, enclose the value
        assert amount.low is None or amount.low <= amount.value
        assert amount.high is None or amount.value <= amount.high


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_parse_number_round_trips_digits(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=999))
def test_parse_number_round_trips_words(n: int) -> None:
    assert parse_number(_words(n)) == n


# ----------------------------------------------------------------------------- find_figures


@pytest.fixture(scope="module")
def fig_nlp():
    from kantcheck.nlp.model import load_model

    nlp, _ = load_model()
    nlp.add_pipe(FIGURES_COMPONENT)
    return nlp


def _figures(nlp, text: str) -> list[FigureMention]:
    doc = nlp(text)
    found = doc._.figures
    assert found == find_figures(doc)
    for m in found:
        assert doc.text[m.start : m.end] == m.figure.text
        assert doc[m.token_start : m.token_end].text == m.figure.text
    return found


def _one(nlp, text: str, phrase: str) -> FigureMention:
    hits = [m for m in _figures(nlp, text) if m.figure.text == phrase]
    assert hits, f"{phrase!r} not found in {[m.figure.text for m in _figures(nlp, text)]}"
    return hits[0]


@pytest.mark.model
def test_counted_noun_with_approximation(fig_nlp) -> None:
    text = "Putin noted that approximately 1,700 Russian firms are now operating in the country."
    m = _one(fig_nlp, text, "approximately 1,700")
    assert m.figure.value == 1700
    assert m.figure.approximate
    assert m.figure.unit is None
    assert m.figure.counted == "russian firm"
    assert m.head is not None
    assert fig_nlp(text)[m.head].text == "firms"
    assert m.figure.low is not None and m.figure.low < 1700 < m.figure.high  # type: ignore[operator]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit", "approximate"),
    [
        (
            "The base is situated around 20 kilometres from the capital Bishkek.",
            "around 20 kilometres",
            20,
            "km",
            True,
        ),
        ("The town lies 12 miles from the border.", "12 miles", 19.312128, "km", False),
        ("The deal cost $1.13bn last year.", "$1.13bn", 1.13e9, "USD", False),
        ("A £600m deal was signed.", "£600m", 600e6, "GBP", False),
        ("Turnout reached 76% in the capital.", "76%", 76, "percent", False),
        (
            "Manas is rumoured to have been nearly 100 times more expensive.",
            "nearly 100 times",
            100,
            "times",
            True,
        ),
        ("He served there for two decades.", "two decades", 20, "year", False),
        (
            "Putin is on a three-day visit, which commenced on Tuesday.",
            "three-day",
            3,
            "day",
            False,
        ),
        ("More than 100 people attended.", "More than 100", 100, None, True),
        ("Trade grew threefold.", "threefold", 3, "times", False),
    ],
)
def test_units(
    fig_nlp, text: str, phrase: str, value: float, unit: str | None, approximate: bool
) -> None:
    m = _one(fig_nlp, text, phrase)
    assert m.figure.value == pytest.approx(value)
    assert m.figure.unit == unit
    assert m.figure.approximate is approximate


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "verb", "value"),
    [
        ("The number of firms has tripled in recent years.", "tripled", 3),
        ("Trade doubled after the agreement.", "doubled", 2),
        ("Costs halved within a year.", "halved", 0.5),
    ],
)
def test_multiplier_verbs(fig_nlp, text: str, verb: str, value: float) -> None:
    m = _one(fig_nlp, text, verb)
    assert (m.figure.value, m.figure.unit) == (value, "times")


@pytest.mark.model
def test_number_words_and_counted_nouns(fig_nlp) -> None:
    text = (
        "Japarov said nine Russian language schools are under construction, with the first "
        "three scheduled to open on September 1, 2027."
    )
    found = {m.figure.text: m.figure for m in _figures(fig_nlp, text)}
    assert set(found) == {"nine", "three"}
    assert found["nine"].value == 9
    assert found["nine"].counted == "russian language school"
    assert found["three"].value == 3  # "the first three": the ordinal is not a figure


@pytest.mark.model
def test_vague_plurals(fig_nlp) -> None:
    text = "Putin affirmed the contributions made by the hundreds of thousands of Kyrgyz citizens."
    m = _one(fig_nlp, text, "hundreds of thousands")
    assert m.figure.value == 100_000
    assert m.figure.approximate
    assert (m.figure.low, m.figure.high) == (100_000, 1_000_000)
    assert m.figure.counted == "kyrgyz citizen"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The base opened in 2003.",
        "Putin and Akaev attended the October 23 ceremony.",
        "Lavrov said Feb. 4.",
        "It was the first visit and the second trip.",
        "I. Background\nII. Analysis\n1. First point\n2) Second point",
        "Call +996 312 123456 or 0312-66-55-44 now.",
        "Russia would deploy ground-attack aircraft and helicopters (Su-25s and Mi-24s) at Kant.",
        "The G20 and CSTO-2 met at 19:37 GMT.",
        "Resolution 1540 applies.",
        "- 1 day ago\n- 5 min read",
        "It is one of Moscow's most loyal allies.",
    ],
)
def test_not_figures(fig_nlp, text: str) -> None:
    assert [m.figure.text for m in _figures(fig_nlp, text)] == []


@pytest.mark.model
def test_percent_of_a_group(fig_nlp) -> None:
    m = _one(fig_nlp, "Some 40 percent of Kyrgyz migrants work in Russia.", "Some 40 percent")
    assert (m.figure.value, m.figure.unit, m.figure.approximate) == (40, "percent", True)
    assert m.figure.counted == "kyrgyz migrant"
    assert _one(fig_nlp, "Turnout reached 76% in the capital.", "76%").figure.counted is None


@pytest.mark.model
def test_a_count_the_ner_calls_a_date(fig_nlp) -> None:
    m = _one(fig_nlp, "Russia sent 2000 troops to the base.", "2000")
    assert m.figure.counted == "troop"


@pytest.mark.model
def test_component_survives_empty_and_odd_input(fig_nlp) -> None:
    for text in ["", " ", "\n\n", "$$$ %%% 1,,,2", "twenty-", "- 1 -", "half a", "a hundred and"]:
        assert isinstance(fig_nlp(text)._.figures, list)


# ----------------------------------------------------------------------------- seed articles


def _seed(prefix: str) -> str:
    for folder in SEED_DIRS:
        hits = sorted(folder.glob(f"{prefix}_*.txt"))
        if hits:
            return hits[0].read_text(encoding="utf-8")
    pytest.skip(f"seed {prefix} not available")


@pytest.fixture(scope="module")
def seed_figures(fig_nlp) -> dict[str, dict[str, FigureMention]]:
    out: dict[str, dict[str, FigureMention]] = {}
    for prefix in ("001", "002", "003", "004"):
        out[prefix] = {m.figure.text: m for m in _figures(fig_nlp, _seed(prefix))}
    return out


@pytest.mark.model
@pytest.mark.parametrize(
    ("seed", "phrase", "value", "unit", "approximate", "counted"),
    [
        ("003", "approximately 1,700", 1700, None, True, "russian firm"),
        ("003", "three-day", 3, "day", False, None),
        ("003", "tripled", 3, "times", False, None),
        ("001", "around 20 kilometres", 20, "km", True, None),
        ("001", "nearly 100 times", 100, "times", True, None),
        ("002", "nine", 9, None, False, "russian language school"),
        ("002", "hundreds of thousands", 100_000, None, True, "kyrgyz citizen"),
    ],
)
def test_seed_figures(
    seed_figures,
    seed: str,
    phrase: str,
    value: float,
    unit: str | None,
    approximate: bool,
    counted: str | None,
) -> None:
    fig = seed_figures[seed][phrase].figure
    assert fig.value == pytest.approx(value)
    assert fig.unit == unit
    assert fig.approximate is approximate
    assert fig.counted == counted


@pytest.mark.model
def test_seed_names_dates_and_ordinals_are_not_figures(seed_figures) -> None:
    texts = [t for figs in seed_figures.values() for t in figs]
    for bad in ("25", "24", "2003", "2017", "2019", "2027", "23", "first", "second", "4"):
        assert all(bad not in t.split() for t in texts), (bad, texts)
    assert "three" in seed_figures["002"]  # "the first three"
    assert not any(
        m.figure.counted is None and m.figure.unit is None and m.figure.value == 4
        for m in seed_figures["004"].values()
    )
