"""False alarms seen on the BBC corpus (unrelated stories), one test per general cause.

Each cause was found by judging the comparator's findings on 2,127 BBC articles
(benchmarks/judgments/bbc_findings.tsv); the claims below mirror the extractor's output there.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kantcheck.compare import compare, load_rules
from kantcheck.compare.slots import specific_subject
from kantcheck.models import ArticleInfo, Claim, Finding
from test_compare_support import claim, fig, small_gazetteer

GAZ = small_gazetteer()
RULES = load_rules()
DAY = "2005-02-01"


def run(claims: list[Claim], **kw: object) -> list[Finding]:
    return compare(claims, GAZ, RULES, **kw)  # type: ignore[arg-type]


def kinds(found: list[Finding]) -> list[str]:
    return [f.kind for f in found]


def count(article: str, subject: str, obj: str | None, n: float, **kw: object) -> Claim:
    kw.setdefault("published", DAY)
    kw.setdefault("outlet", None)
    return claim(article, "count", subject, obj, figure=fig(n, counted=subject), **kw)  # type: ignore[arg-type]


# 1. a unit or a bare noun is not a thing counted ----------------------------------------------


def test_units_read_as_counted_nouns_are_not_compared() -> None:
    # "an iPod mini which can hold 6GB" / "a 160GB version for £399": GB tagged as an entity
    a = count("t1", "gb", None, 6)
    b = count("t2", "gb", None, 160)
    # "kick-off ... brought forward from 2115 GMT" / "took the stage at 2200 GMT"
    c = count("t3", "gmt", None, 2115)
    d = count("t4", "gmt", None, 2200)
    # "Shares fell 1% to 510.75 pence in London" / "In London, Corus fell 2.2% to 55.57 pence"
    e = count("t5", "penny", "london", 510.75)
    f = count("t6", "penny", "london", 55.57)
    assert run([a, b, c, d, e, f]) == []


def test_bare_vague_nouns_do_not_say_what_is_counted() -> None:
    # "About six million people in the UK now have a fast net connection" against
    # "more than 45 million people in the UK, Germany, US and South Korea only use a mobile"
    a = count("p1", "people", "uk", 6_000_000)
    b = count("p2", "people", "uk", 45_000_000)
    # a modifier does not help when the head noun is vague: "broadband users" vs "mobile users"
    c = count("p3", "broadband user", "uk", 6_000_000)
    d = count("p4", "broadband user", "uk", 9_000_000)
    assert run([a, b, c, d]) == []


def test_a_specific_counted_noun_is_still_compared() -> None:
    a = count("s1", "russian firm", "kyrgyzstan", 1700)
    b = count("s2", "russian firm", "kyrgyzstan", 17000)
    assert kinds(run([a, b])) == ["contradiction"]


def test_specific_subject_rule() -> None:
    assert specific_subject("russian firm", GAZ, RULES)
    assert specific_subject("kant_air_base", GAZ, RULES)  # a gazetteer id names a thing
    for vague in ("people", "gb", "km/h", "penny", "household", "more people", "mobile user"):
        assert not specific_subject(vague, GAZ, RULES), vague


# 2. copies are one source ----------------------------------------------------------------------


def test_duplicate_articles_do_not_corroborate_each_other() -> None:
    # the same BBC story filed twice (identical sha256) under two ids
    a = claim("dup1", "established", "t-mobile", when="1993", outlet=None, sentence="x")
    b = claim("dup2", "established", "t-mobile", when="1993", outlet=None, sentence="y")
    infos = [
        ArticleInfo(id="dup1", path="tech/098.txt", sha256="abc"),
        ArticleInfo(id="dup2", path="tech/289.txt", sha256="abc"),
    ]
    assert run([a, b], articles=infos) == []
    # without the hashes they are two texts
    assert kinds(run([a, b])) == ["corroboration"]


def test_duplicate_articles_do_not_turn_a_slip_into_a_contradiction() -> None:
    # one article disagreeing with itself (quiet by policy) must stay quiet when filed twice
    claims = [
        claim(art, "established", "kant_air_base", when=year, outlet=None, sentence=f"s{year}")
        for art in ("dup1", "dup2")
        for year in ("2003", "2017")
    ]
    infos = [ArticleInfo(id=a, path=f"{a}.txt", sha256="same") for a in ("dup1", "dup2")]
    assert [f for f in run(claims, articles=infos) if f.kind == "contradiction"] == []


def test_a_sentence_shared_by_two_articles_is_copy_not_corroboration() -> None:
    s = "Mr Straw used Thursday's Commons debate to launch the new White Paper."
    a = claim("w1", "established", "white paper", when="2005", outlet=None, sentence=s)
    b = claim("w2", "established", "white paper", when="2005", outlet=None, sentence=s)
    assert run([a, b]) == []


def test_a_copied_sentence_read_against_different_dates_is_no_contradiction() -> None:
    # "The visit began on Tuesday", republished a week later: Tuesday resolves differently
    s = "The visit began on Tuesday."
    a = claim("r1", "visit_began", "vladimir_putin", "kyrgyzstan", when="2025-11-25", sentence=s)
    b = claim("r2", "visit_began", "vladimir_putin", "kyrgyzstan", when="2025-12-02", sentence=s)
    assert run([a, b]) == []


def test_copy_detection_can_be_switched_off() -> None:
    rules = RULES.model_copy(
        update={"policy": RULES.policy.model_copy(update={"copies_are_one_source": False})}
    )
    s = "Apple's iPod was launched in October 2001."
    a = claim("i1", "established", "ipod", when="2001-10", outlet=None, sentence=s)
    b = claim("i2", "established", "ipod", when="2001-10", outlet=None, sentence=s)
    assert kinds(compare([a, b], GAZ, rules)) == ["corroboration"]


# 3. one sentence, several values of one slot ---------------------------------------------------


def test_a_sentence_with_several_values_for_one_slot_takes_no_part() -> None:
    # "Barclays shares were up 8 pence, or 1.3%, at 605 pence": a change and a level
    s = "Barclays shares were up 8 Barclay shares, at 605 Barclay shares by late morning."
    a = count("m1", "barclays share", "london", 8, sentence=s)
    b = count("m1", "barclays share", "london", 605, sentence=s)
    c = count("m2", "barclays share", "london", 590)
    assert [f for f in run([a, b, c]) if f.kind == "contradiction"] == []


def test_a_sentence_with_one_value_still_contradicts() -> None:
    a = count("m3", "russian firm", "kyrgyzstan", 1700, sentence="1,700 Russian firms work there.")
    b = count("m3", "russian firm", "kyrgyzstan", 1700, sentence="Some 1,700 Russian firms.")
    c = count("m4", "russian firm", "kyrgyzstan", 17000)
    assert kinds(run([a, b, c])) == ["contradiction"]


# 4. repeatable occasions: a product's launches -------------------------------------------------


def test_launches_in_different_markets_are_no_contradiction() -> None:
    # "since its launch in 2001" / "since its European launch in March 2002"
    a = claim("x1", "established", "xbox", when="2001", outlet=None, verb="launch")
    b = claim("x2", "established", "xbox", when="2002-03", outlet=None, verb="launch")
    assert run([a, b]) == []


def test_launch_dates_that_agree_still_corroborate() -> None:
    a = claim("l1", "established", "ipod", when="2001", outlet=None, verb="launch")
    b = claim("l2", "established", "ipod", when="2001-10", outlet=None, verb="launch")
    assert kinds(run([a, b])) == ["corroboration"]


def test_a_launch_is_not_held_against_a_founding_reference() -> None:
    # the seeds' gazetteer: the Kant base opened on 2003-10-23
    a = claim("l3", "established", "kant_air_base", when="2017", outlet=None, verb="launch")
    assert run([a]) == []
    b = claim("l4", "established", "kant_air_base", when="2017", outlet=None, verb="establish")
    assert kinds(run([b])) == ["reference_mismatch"]


def test_founding_verbs_still_contradict() -> None:
    a = claim("f1", "established", "kant_air_base", when="2003-10-23", verb="open")
    b = claim("f2", "established", "kant_air_base", when="2017", verb="establish")
    assert "contradiction" in kinds(run([a, b]))
