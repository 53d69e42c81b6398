"""Comparator acceptance on hand-built claims mirroring the seeds, and fixture-like conflicts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from kantcheck.compare import compare, load_rules
from kantcheck.models import Claim, Finding
from test_compare_support import (
    A000,
    A001,
    A002,
    A003,
    FX,
    claim,
    fig,
    fixture_claim,
    seed_claims,
    small_gazetteer,
)

GAZ = small_gazetteer()
RULES = load_rules()


def run(claims: list, **kw: object) -> list[Finding]:
    return compare(claims, GAZ, RULES, **kw)  # type: ignore[arg-type]


def of_kind(findings: list[Finding], kind: str, predicate: str | None = None) -> list[Finding]:
    return [
        f for f in findings if f.kind == kind and (predicate is None or f.predicate == predicate)
    ]


@pytest.fixture(scope="module")
def seeds() -> list[Finding]:
    return run(seed_claims())


# the seeds -----------------------------------------------------------------------------------


def test_seeds_one_contradiction_the_founding_of_kant(seeds: list[Finding]) -> None:
    con = of_kind(seeds, "contradiction")
    assert len(con) == 1
    f = con[0]
    assert (f.subject, f.predicate, f.severity) == ("kant_air_base", "established", "error")
    assert f.values == ["2003-10-23", "2017"]
    assert f.articles == [A000, A001]
    assert "IWPR (2003-10)" in f.explanation and "2017" in f.explanation
    assert f"the 2025-11-27 article {A000}" in f.explanation


def test_seeds_founding_also_disagrees_with_the_reference(seeds: list[Finding]) -> None:
    ref = of_kind(seeds, "reference_mismatch")
    assert [(f.subject, f.predicate, f.articles) for f in ref] == [
        ("kant_air_base", "established", [A000])
    ]
    assert "opened on 2003-10-23" in ref[0].explanation


def test_seeds_presidents_are_a_change_over_time(seeds: list[Finding]) -> None:
    chg = of_kind(seeds, "changed_over_time", "holds_office")
    assert len(chg) == 1
    f = chg[0]
    assert f.subject == "president_kyrgyzstan" and f.severity == "info"
    assert {"askar_akaev", "sadyr_japarov"} <= set(f.values)
    assert "Askar Akaev was President of Kyrgyzstan in 2003-10" in f.explanation
    assert not of_kind(seeds, "contradiction", "holds_office")


def test_seeds_november_visit_corroborated(seeds: list[Finding]) -> None:
    cor = {(f.predicate, tuple(f.values)): f for f in of_kind(seeds, "corroboration")}
    assert cor[("visit_began", ("2025-11-25",))].articles == [A000, A003]
    assert cor[("visit_ended", ("2025-11-27",))].articles == [A000, A003]
    met = cor[("met", ("2025-11-26",))]
    assert met.articles == [A002, A003] and met.subject == "sadyr_japarov"
    assert not of_kind(seeds, "contradiction", "visit_began")
    assert not of_kind(seeds, "contradiction", "met")


def test_seeds_at_most_three_contradictions_and_no_reference_noise(seeds: list[Finding]) -> None:
    assert len(of_kind(seeds, "contradiction")) <= 3
    assert all(f.predicate != "count" for f in seeds)  # lone figures stay silent


# fixture-like conflicts, each scanned with the seeds ----------------------------------------


def test_wrong_start_date_of_the_2025_visit() -> None:
    bad = fixture_claim("visit_began", "vladimir_putin", "kyrgyzstan", when="2025-11-23")
    con = of_kind(run([*seed_claims(), bad]), "contradiction", "visit_began")
    assert len(con) == 1
    assert con[0].values == ["2025-11-23", "2025-11-25"]
    assert con[0].articles == [A000, A003, FX]
    assert con[0].severity == "error"
    assert (
        "Fixture Daily (2025-11-28) says Vladimir Putin's visit to Kyrgyzstan began on 2025-11-23"
        in (con[0].explanation)
    )


def test_figure_ten_times_too_large() -> None:
    bad = fixture_claim(
        "count", "russian firm", "kyrgyzstan", figure=fig(17000, counted="russian firm")
    )
    con = of_kind(run([*seed_claims(), bad]), "contradiction", "count")
    assert len(con) == 1
    f = con[0]
    assert f.values == ["17000 russian firm", "~1700 russian firm"]
    # The seed side is Putin's word, reported: a warning, and the sentence says whose word it is.
    assert f.severity == "warning" and f.attributed
    assert "reports Vladimir Putin saying" in f.explanation


def test_figure_ten_times_too_large_between_asserting_articles_is_an_error() -> None:
    a = claim(A003, "count", "russian firm", "kyrgyzstan", figure=fig(1700, approximate=True))
    b = fixture_claim("count", "russian firm", "kyrgyzstan", figure=fig(17000))
    (f,) = of_kind(run([a, b]), "contradiction")
    assert f.severity == "error" and not f.attributed


def test_close_figure_is_no_conflict() -> None:
    ok = fixture_claim(
        "count", "russian firm", "kyrgyzstan", figure=fig(1650, counted="russian firm")
    )
    found = run([*seed_claims(), ok])
    assert not of_kind(found, "contradiction", "count")
    assert of_kind(found, "corroboration", "count")


def test_wrong_distance() -> None:
    bad = fixture_claim("located", "kant_air_base", "bishkek", figure=fig(60, "km"))
    con = of_kind(run([*seed_claims(), bad]), "contradiction", "located")
    assert len(con) == 1 and con[0].values == ["60 km", "~20 km"]


def test_distance_in_miles_agrees() -> None:
    ok = fixture_claim("located", "bishkek", "kant_air_base", figure=fig(12, "miles"))
    found = run([*seed_claims(), ok])
    assert not of_kind(found, "contradiction")[1:]  # only the founding remains
    cor = of_kind(found, "corroboration", "located")
    assert len(cor) == 1 and cor[0].values == ["12 mi", "~20 km"]


def test_president_named_outside_his_term() -> None:
    bad = fixture_claim("holds_office", "sooronbay_jeenbekov", "president_kyrgyzstan")
    found = run([*seed_claims(), bad])
    ref = of_kind(found, "reference_mismatch", "holds_office")
    assert len(ref) == 1
    f = ref[0]
    assert f.articles == [FX] and f.values == ["sooronbay_jeenbekov"] and f.severity == "error"
    assert (
        "2017-11-24 to 2020-10-15" in f.explanation
        and "Sadyr Japarov held it then" in f.explanation
    )
    assert not of_kind(found, "contradiction", "holds_office")


def test_faithful_restatement_raises_no_conflict() -> None:
    restated = [
        fixture_claim("established", "kant_air_base", when="2003-10-23"),
        fixture_claim("established", "kant_air_base", when="2003"),
        fixture_claim("visit_began", "vladimir_putin", "kyrgyzstan", when="2025-11-25"),
        fixture_claim("visit_ended", "vladimir_putin", "kyrgyzstan", when="2025-11-27"),
        fixture_claim("visited", "vladimir_putin", "kyrgyzstan", figure=fig(3, "days")),
        fixture_claim("met", "vladimir_putin", "sadyr_japarov", when="2025-11-26"),
        fixture_claim("holds_office", "sadyr_japarov", "president_kyrgyzstan"),
        fixture_claim("count", "russian firm", "kyrgyzstan", figure=fig(1700, approximate=True)),
        fixture_claim("located", "kant_air_base", "bishkek", figure=fig(20, "kilometres")),
        fixture_claim("hosted", "sadyr_japarov", "vladimir_putin", when="2025-11-26"),
    ]
    base = run(seed_claims())
    found = run([*seed_claims(), *restated])
    assert len(of_kind(found, "contradiction")) == len(of_kind(base, "contradiction")) == 1
    assert len(of_kind(found, "reference_mismatch")) == len(of_kind(base, "reference_mismatch"))
    assert len(of_kind(found, "corroboration")) > len(of_kind(base, "corroboration"))


# classification rules ------------------------------------------------------------------------


def test_no_contradiction_within_one_article() -> None:
    a = claim(A000, "established", "kant_air_base", when="2017")
    b = claim(A000, "established", "kant_air_base", when="2003")
    assert not of_kind(run([a, b]), "contradiction")


def test_within_article_reported_as_warning_when_enabled() -> None:
    rules = RULES.model_copy(
        update={"policy": RULES.policy.model_copy(update={"within_article": True})}
    )
    a = claim(A000, "established", "kant_air_base", when="2017")
    b = claim(A000, "established", "kant_air_base", when="2003")
    (f,) = of_kind(compare([a, b], GAZ, rules), "contradiction")
    assert f.severity == "warning" and f.note == "within one article"


def test_corroboration_needs_independent_outlets() -> None:
    a = claim(
        "x1",
        "visit_began",
        "vladimir_putin",
        "kyrgyzstan",
        when="2025-11-25",
        outlet="TASS",
        published="2025-11-25",
    )
    b = claim(
        "x2",
        "visit_began",
        "vladimir_putin",
        "kyrgyzstan",
        when="2025-11-25",
        outlet="tass ",
        published="2025-11-26",
    )
    assert not run([a, b])
    c = claim(
        "x3",
        "visit_began",
        "vladimir_putin",
        "kyrgyzstan",
        when="2025-11-25",
        outlet=None,
        published="2025-11-26",
    )
    (f,) = run([a, b, c])
    assert f.kind == "corroboration" and f.articles == ["x1", "x2", "x3"]


def test_events_years_apart_are_different_occasions() -> None:
    a = claim(A001, "visit_began", "vladimir_putin", "kyrgyzstan", when="2003-10-22")
    b = claim(A003, "visit_began", "vladimir_putin", "kyrgyzstan", when="2025-11-25")
    assert run([a, b]) == []


def test_event_without_date_falls_back_on_publication_for_clustering() -> None:
    # "the three-day visit" (no date, article of 2025-11-26) and "a five-day visit" in 2025-11
    a = claim(A003, "visited", "vladimir_putin", "kyrgyzstan", figure=fig(3, "day"))
    b = fixture_claim("visited", "vladimir_putin", "kyrgyzstan", figure=fig(5, "days"))
    (f,) = run([a, b])
    assert f.kind == "contradiction" and f.values == ["3 day", "5 day"]
    old = claim(A001, "visited", "vladimir_putin", "kyrgyzstan", figure=fig(5, "day"))
    assert run([a, old]) == []  # 2003 and 2025: two visits


def test_unresolved_dates_are_not_compared() -> None:
    a = claim(A000, "established", "kant_air_base", when="XXXX-10-23")
    b = claim(A001, "established", "kant_air_base", when="2017")
    c = claim(A002, "established", "kant_air_base", when="XXXX-10-23")
    found = run([a, b, c])
    assert not of_kind(found, "contradiction") and not of_kind(found, "corroboration")


def test_negated_claims_take_no_part() -> None:
    a = claim(A000, "established", "kant_air_base", when="2017", negated="true")
    b = claim(A001, "established", "kant_air_base", when="2003-10-23")
    assert run([a, b]) == []


def test_attributed_side_softens_contradiction() -> None:
    a = claim(A000, "established", "kant_air_base", when="2017", speaker="sadyr_japarov")
    b = claim(A001, "established", "kant_air_base", when="2003-10-23")
    (f,) = of_kind(run([a, b]), "contradiction")
    assert f.severity == "warning" and f.attributed
    assert "reports Sadyr Japarov saying Kant Air Base was established in 2017" in f.explanation
    h = claim(A000, "established", "kant_air_base", when="2017", hedged="true")
    (g,) = of_kind(run([h, b]), "contradiction")
    assert g.severity == "warning" and g.attributed and "unconfirmed" in g.explanation


def test_synonym_predicates_share_a_slot() -> None:
    a = claim(A000, "established", "kant_air_base", when="2017")
    b = claim(A001, "opened", "kant_air_base", when="2003-10-23")
    (f,) = of_kind(run([a, b]), "contradiction")
    assert f.predicate == "established"


def test_aliases_resolve_to_gazetteer_ids() -> None:
    a = claim(A000, "established", "Kant airbase", when="2017")
    b = claim(A001, "established", "kant_air_base", when="2003-10-23")
    (f,) = of_kind(run([a, b]), "contradiction")
    assert f.subject == "kant_air_base"


def test_office_holders_at_the_same_time_not_explained_contradict() -> None:
    a = claim(
        "m1",
        "holds_office",
        "keneshbek_dushebaev",
        "police_chief_bishkek",
        published="2003-10",
        outlet="A",
    )
    b = claim(
        "m2",
        "holds_office",
        "someone_else",
        "police_chief_bishkek",
        published="2003-11",
        outlet="B",
    )
    (f,) = run([a, b])
    assert f.kind == "contradiction" and f.subject == "police_chief_bishkek"
    c = claim(
        "m3",
        "holds_office",
        "someone_else",
        "police_chief_bishkek",
        published="2015-01",
        outlet="C",
    )
    kinds = sorted(f.kind for f in run([a, c]))
    assert kinds == ["changed_over_time"]


def test_handover_inside_the_window_is_explained_by_the_timeline() -> None:
    a = claim(
        "h1",
        "holds_office",
        "sooronbay_jeenbekov",
        "president_kyrgyzstan",
        published="2020-10",
        outlet="A",
    )
    b = claim(
        "h2",
        "holds_office",
        "sadyr_japarov",
        "president_kyrgyzstan",
        published="2020-10",
        outlet="B",
    )
    found = run([a, b])
    assert [f.kind for f in found] == ["changed_over_time"]


def test_former_president_in_the_past_tense_is_no_mismatch() -> None:
    a = fixture_claim("holds_office", "askar_akaev", "president_kyrgyzstan", tense="past")
    assert not of_kind(run([a]), "reference_mismatch")
    b = fixture_claim("holds_office", "askar_akaev", "president_kyrgyzstan")
    assert of_kind(run([b]), "reference_mismatch")


def test_unknown_holder_of_a_complete_timeline_is_a_mismatch() -> None:
    a = fixture_claim("holds_office", "donald_trump", "president_kyrgyzstan")
    (f,) = run([a])
    assert f.kind == "reference_mismatch"


def test_hosts_at_different_times_are_a_change_over_time() -> None:
    a = claim(A001, "hosted", "askar_akaev", "vladimir_putin", when="2003-10-23")
    b = claim(A003, "hosted", "sadyr_japarov", "vladimir_putin", when="2025-11-26")
    (f,) = run([a, b])
    assert f.kind == "changed_over_time" and f.values == ["askar_akaev", "sadyr_japarov"]
    assert "Askar Akaev hosted Vladimir Putin on 2003-10-23" in f.explanation
    # two hosts of one visit are not a contradiction
    c = fixture_claim("hosted", "bishkek_mayor", "vladimir_putin", when="2025-11-26")
    assert run([b, c]) == []


def test_counts_far_apart_in_time_change_rather_than_contradict() -> None:
    a = claim(
        "c1",
        "count",
        "russian firm",
        "kyrgyzstan",
        figure=fig(570),
        published="2019-01-10",
        outlet="A",
    )
    b = claim(
        "c2",
        "count",
        "russian firm",
        "kyrgyzstan",
        figure=fig(1700, approximate=True),
        published="2025-11-26",
        outlet="B",
    )
    (f,) = run([a, b])
    assert f.kind == "changed_over_time" and f.severity == "info"


def test_different_currencies_are_not_compared() -> None:
    a = claim(
        "d1",
        "count",
        "investment",
        "kyrgyzstan",
        figure=fig(100, "USD"),
        published="2025-11-26",
        outlet="A",
    )
    b = claim(
        "d2",
        "count",
        "investment",
        "kyrgyzstan",
        figure=fig(9000, "RUB"),
        published="2025-11-26",
        outlet="B",
    )
    assert run([a, b]) == []


def test_unknown_predicate_only_corroborates() -> None:
    a = claim("u1", "pledged", "russia", "kyrgyzstan", when="2025-11-26", outlet="A")
    b = claim("u2", "pledged", "russia", "kyrgyzstan", when="2025-11-20", outlet="B")
    c = claim("u3", "pledged", "russia", "kyrgyzstan", when="2025-11-26", outlet="C")
    found = run([a, b, c])
    assert [f.kind for f in found] == ["corroboration"]


def test_generic_noun_phrases_are_not_compared() -> None:
    # two unrelated stories about "the company": no slot names anything known
    a = claim("g1", "established", "the company", when="1998", outlet="A", named=False)
    b = claim("g2", "established", "the company", when="2005", outlet="B", named=False)
    assert run([a, b]) == []
    # a counted noun is fine when the place is known
    c = claim(
        "g3",
        "count",
        "russian firm",
        "kyrgyzstan",
        figure=fig(1700),
        named=False,
        published="2025-11-26",
        outlet="A",
    )
    d = claim(
        "g4",
        "count",
        "russian firm",
        "kyrgyzstan",
        figure=fig(17000),
        named=False,
        published="2025-11-26",
        outlet="B",
    )
    assert [f.kind for f in run([c, d])] == ["contradiction"]


def test_said_is_not_compared() -> None:
    a = claim(A002, "said", "sadyr_japarov", when="2025-11-26")
    b = claim(A003, "said", "sadyr_japarov", when="2025-11-26")
    assert run([a, b]) == []


def test_outlet_and_date_from_article_info() -> None:
    from kantcheck.models import ArticleInfo

    a = claim("i1", "established", "kant_air_base", when="2017", outlet=None, published=None)
    b = claim("i2", "established", "kant_air_base", when="2003-10-23", outlet=None, published=None)
    infos = [
        ArticleInfo(id="i1", path="i1.txt", outlet="Outlet One", published="2025-11-27"),
        ArticleInfo(id="i2", path="i2.txt", outlet="Outlet Two", published="2003-10"),
    ]
    (f,) = of_kind(run([a, b], articles=infos), "contradiction")
    assert "Outlet Two (2003-10)" in f.explanation and "Outlet One (2025-11-27)" in f.explanation


# stable ids and determinism ------------------------------------------------------------------


def test_ids_are_content_based() -> None:
    base = run(seed_claims())
    moved = [
        c.model_copy(
            update={"id": c.id + "-moved", "evidence": c.evidence.model_copy(update={"start": 999})}
        )
        for c in reversed(seed_claims())
    ]
    again = run(moved)
    assert [f.id for f in base] == [f.id for f in again]
    assert len({f.id for f in base}) == len(base)
    assert all(f.id.startswith(f.kind + "-") for f in base)


def test_founding_contradiction_id_is_pinned(seeds: list[Finding]) -> None:
    # A baseline written by an earlier run names this id; changing it breaks users' baselines.
    (f,) = of_kind(seeds, "contradiction")
    assert f.id == "contradiction-9a46bef06cc9"


def test_slots_differing_only_in_object_keep_both_findings() -> None:
    def mk(art: str, out: str, place: str, n: int) -> Claim:
        return claim(
            art, "count", "russian firm", place, figure=fig(n), published="2025-11-26", outlet=out
        )

    found = run(
        [
            mk("p1", "A", "kyrgyzstan", 1700),
            mk("p2", "B", "kyrgyzstan", 17000),
            mk("p1", "A", "kazakhstan", 1700),
            mk("p2", "B", "kazakhstan", 17000),
        ]
    )
    assert len(of_kind(found, "contradiction")) == 2
    assert len({f.id for f in found}) == 2


def test_output_is_deterministic_and_sorted() -> None:
    claims = seed_claims()
    one = json.dumps([f.model_dump() for f in run(claims)])
    two = json.dumps([f.model_dump() for f in run(list(reversed(claims)))])
    assert one == two
    found = run(claims)
    rank = {"contradiction": 0, "reference_mismatch": 1, "changed_over_time": 2, "corroboration": 3}
    keys = [(rank[f.kind], f.subject or "", f.predicate, f.id) for f in found]
    assert keys == sorted(keys)
    for f in found:
        assert f.articles == sorted(f.articles) and f.claim_ids == sorted(f.claim_ids)
        assert f.values == sorted(f.values)
        assert f.explanation.endswith(".") and "\n" not in f.explanation


def test_claims_from_json_roundtrip() -> None:
    from kantcheck.models import Claim

    claims = [Claim.model_validate_json(c.model_dump_json()) for c in seed_claims()]
    assert [f.id for f in run(claims)] == [f.id for f in run(seed_claims())]


def test_no_spacy_import() -> None:
    import kantcheck.compare as pkg

    src = Path(pkg.__file__).parent
    for path in src.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import spacy" not in text and "from spacy" not in text, path


def test_real_gazetteer_if_present() -> None:
    from kantcheck.gazetteer import DEFAULT_GAZETTEER, load_gazetteer

    if not DEFAULT_GAZETTEER.exists():
        pytest.skip("data/gazetteer.yaml not written yet")
    try:
        gaz, _ = load_gazetteer()
    except Exception as exc:  # being written concurrently
        pytest.skip(f"gazetteer does not validate yet: {exc}")
    ids = {e.id for e in gaz.entities}
    needed = {
        "askar_akaev",
        "sadyr_japarov",
        "vladimir_putin",
        "sooronbay_jeenbekov",
        "kant_air_base",
    }
    if not needed <= ids or "president_kyrgyzstan" not in gaz.offices_by_id:
        pytest.skip("gazetteer lacks the seed entities")
    found = compare(seed_claims(), gaz, RULES)
    con = of_kind(found, "contradiction")
    assert [(f.subject, f.predicate) for f in con] == [("kant_air_base", "established")]
    assert of_kind(found, "changed_over_time", "holds_office")
    assert not of_kind(found, "contradiction", "holds_office")
    bad = fixture_claim("holds_office", "sooronbay_jeenbekov", "president_kyrgyzstan")
    assert of_kind(compare([*seed_claims(), bad], gaz, RULES), "reference_mismatch", "holds_office")
