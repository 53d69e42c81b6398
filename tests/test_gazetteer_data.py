"""The shipped reference gazetteer (data/gazetteer.yaml): it validates, and its content is sane.

No spaCy needed: these tests read the YAML through `kantcheck.gazetteer` only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from itertools import pairwise

import pytest

from kantcheck.gazetteer import (
    DEFAULT_GAZETTEER,
    Fact,
    Gazetteer,
    load_gazetteer,
    parse_partial_date,
)

MAX_GAP_DAYS = 400
# Macro-regions: no meaningful point, so no coordinates.
NO_POINT = {"central_asia", "eurasia"}

# Spelling variants news uses -> the entity they must resolve to.
VARIANTS = {
    "askar_akaev": ["Akaev", "Akayev", "Askar Akayev", "Askar Akaev"],
    "sadyr_japarov": ["Japarov", "Zhaparov", "Dzhaparov", "Sadyr Zhaparov", "Sadyr Japarov"],
    "sooronbay_jeenbekov": [
        "Jeenbekov",
        "Zheenbekov",
        "Sooronbay",
        "Sooronbai",
        "Sooronbay Jeenbekov",
    ],
    "kyrgyzstan": ["Kyrgyzstan", "Kyrgyz Republic", "Kirghizia", "Kirgizia"],
    "vladimir_putin": ["Putin", "Vladimir Putin", "Vladimir Vladimirovich Putin"],
    "sergei_lavrov": ["Lavrov", "Sergei Lavrov"],
    "alexander_lukashenko": ["Lukashenko", "Lukashenka", "Alexander Lukashenko"],
    "kassym_jomart_tokayev": ["Tokayev", "Tokaev", "Kassym-Jomart Tokayev"],
    "donald_trump": ["Trump", "Donald Trump"],
    "dmitry_medvedev": ["Medvedev"],
    "boris_yeltsin": ["Yeltsin"],
    "kurmanbek_bakiyev": ["Bakiyev", "Bakiev"],
    "roza_otunbayeva": ["Otunbayeva", "Otunbaeva"],
    "almazbek_atambayev": ["Atambayev", "Atambaev"],
    "talant_mamytov": ["Mamytov"],
    "arkady_dubnov": ["Dubnov", "Arkady Dubnov"],
    "nur_omarov": ["Nur Omarov"],
    "keneshbek_dushebaev": ["Keneshbek Dushebaev"],
    "vladimir_mikhailov": ["Vladimir Mikhailov", "Mikhaylov", "Mikhailov"],
    "bolot_januzakov": ["Bolot Januzakov", "Dzhanuzakov"],
    "alexei_bondar": ["Alexei Bondar"],
    "leila_saralaeva": ["Leila Saralaeva"],
    "bishkek": ["Bishkek", "Frunze"],
    "osh": ["Osh"],
    "moscow": ["Moscow"],
    "washington": ["Washington"],
    "kazakhstan": ["Kazakhstan", "Kazakstan"],
    "belarus": ["Belarus"],
    "russia": ["Russia", "Russian Federation"],
    "united_states": ["United States", "U.S.", "US", "USA"],
    "afghanistan": ["Afghanistan"],
    "ukraine": ["Ukraine"],
    "donbas": ["Donbass", "Donbas"],
    "kyiv": ["Kyiv", "Kiev"],
    "fergana_valley": ["Fergana Valley", "Ferghana"],
    "central_asia": ["Central Asia"],
    "china": ["China"],
    "india": ["India"],
    "pakistan": ["Pakistan"],
    "iran": ["Iran"],
    "tajikistan": ["Tajikistan"],
    "uzbekistan": ["Uzbekistan"],
    "turkmenistan": ["Turkmenistan"],
    "csto": ["CSTO", "Collective Security Treaty Organization"],
    "sco": ["SCO", "Shanghai Cooperation Organization"],
    "eaeu": ["EAEU", "Eurasian Economic Union", "EEU"],
    "cis": ["CIS"],
    "nato": ["NATO"],
    "icc": ["ICC", "International Criminal Court"],
    "kremlin": ["Kremlin"],
    "ria_novosti": ["RIA Novosti"],
    "tass": ["TASS", "Tass"],
    "iwpr": ["IWPR"],
    "stratfor": ["Stratfor"],
    "kant_air_base": [
        "Kant air base",
        "Kant airbase",
        "Kant Air Base",
        "Kant base",
        "airbase in Kant",
        "base in Kant",
        "air base in Kant",
        "Russian airbase in Kant",
        "Russian base in Kant",
    ],
    "manas_transit_center": [
        "Manas air base",
        "Manas Air Base",
        "Transit Center at Manas",
        "Ganci Air Base",
    ],
    "manas_international_airport": ["Manas International Airport"],
}

# Aliases that are ambiguous on purpose, with the reading the context falls back on.
SHARED = {"kant": "kant", "manas": "manas_transit_center"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g, sha = load_gazetteer()
    assert len(sha) == 64
    return g


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def point(gaz: Gazetteer, ident: str) -> tuple[float, float]:
    c = gaz.by_id[ident].coordinates
    assert c is not None, f"{ident} has no coordinates"
    return c.lat, c.lon


# validation ----------------------------------------------------------------------------------


def test_file_validates(gaz: Gazetteer) -> None:
    assert DEFAULT_GAZETTEER.name == "gazetteer.yaml"
    assert len(gaz.entities) >= 60 and len(gaz.offices) >= 6 and len(gaz.facts) >= 10


def test_everything_has_a_source(gaz: Gazetteer) -> None:
    sources = [
        *(e.source for e in gaz.entities),
        *(f.source for f in gaz.facts),
        *(h.source for o in gaz.offices for h in o.holders),
    ]
    assert all(len(s.strip()) > 10 for s in sources)


def test_fact_ids_unique(gaz: Gazetteer) -> None:
    ids = [f.id for f in gaz.facts]
    assert len(ids) == len(set(ids))
    office_ids = [o.id for o in gaz.offices]
    assert len(office_ids) == len(set(office_ids))


# offices -------------------------------------------------------------------------------------


def _term(start: str, end: str | None) -> tuple[dt.date, dt.date]:
    return parse_partial_date(start)[0], parse_partial_date(end)[1] if end else dt.date.max


@pytest.mark.parametrize(
    "office_id",
    [
        "president_kyrgyzstan",
        "president_russia",
        "foreign_minister_russia",
        "president_belarus",
        "president_usa",
        "president_kazakhstan",
    ],
)
def test_complete_timelines_are_contiguous(gaz: Gazetteer, office_id: str) -> None:
    office = gaz.offices_by_id[office_id]
    assert office.complete_since, f"{office_id} should declare complete_since"
    since = parse_partial_date(office.complete_since)[0]
    holders = sorted(office.holders, key=lambda h: _term(h.start, h.end))
    first_start, _ = _term(holders[0].start, holders[0].end)
    assert first_start <= since, f"{office_id}: first holder starts after complete_since"
    assert holders[-1].end is None, f"{office_id}: nobody in office now"
    for prev, nxt in pairwise(holders):
        p_start, p_end = _term(prev.start, prev.end)
        n_start, n_end = _term(nxt.start, nxt.end)
        assert p_start <= p_end and n_start <= n_end
        assert p_end != dt.date.max, (
            f"{office_id}: {prev.person} open-ended but followed by {nxt.person}"
        )
        if n_start < p_end:  # overlap: only an acting or interim holder may overlap
            assert prev.acting or nxt.acting, f"{office_id}: {prev.person} and {nxt.person} overlap"
        gap = (n_start - p_end).days
        assert gap <= MAX_GAP_DAYS, f"{office_id}: {gap}-day gap after {prev.person}"


def test_offices_without_complete_since_still_ordered(gaz: Gazetteer) -> None:
    for office in gaz.offices:
        for h in office.holders:
            s, e = _term(h.start, h.end)
            assert s <= e, f"{office.id}: {h.person} ends before it starts"


def test_no_bare_title_matches_several_offices(gaz: Gazetteer) -> None:
    owner: dict[str, str] = {}
    for office in gaz.offices:
        for title in [office.name, *office.titles]:
            key = " ".join(title.lower().split())
            assert key not in owner or owner[key] == office.id, (
                f"title {title!r}: {owner.get(key)} and {office.id}"
            )
            owner[key] = office.id
    assert "president" not in owner


def test_titles_resolve(gaz: Gazetteer) -> None:
    cases = {
        "Kyrgyz President": "president_kyrgyzstan",
        "President of Kyrgyzstan": "president_kyrgyzstan",
        "Kyrgyz leader": "president_kyrgyzstan",
        "Russian President": "president_russia",
        "Russian leader": "president_russia",
        "U.S. President": "president_usa",
        "Kazakh President": "president_kazakhstan",
        "Belarusian President": "president_belarus",
        "Russian Foreign Minister": "foreign_minister_russia",
    }
    for title, office_id in cases.items():
        office = gaz.office_for_title(title)
        assert office is not None and office.id == office_id, title


def test_known_terms(gaz: Gazetteer) -> None:
    def holders(office: str, day: str) -> set[str]:
        d = dt.date.fromisoformat(day)
        return {h.person for h in gaz.holders_at(office, d, d)}

    assert holders("president_kyrgyzstan", "2003-10-23") == {"askar_akaev"}
    assert holders("president_kyrgyzstan", "2019-02-04") == {"sooronbay_jeenbekov"}
    assert holders("president_kyrgyzstan", "2025-11-26") == {"sadyr_japarov"}
    assert holders("president_russia", "2003-10-23") == {"vladimir_putin"}
    assert holders("president_russia", "2010-01-01") == {"dmitry_medvedev"}
    assert holders("president_usa", "2025-11-26") == {"donald_trump"}
    assert holders("foreign_minister_russia", "2019-02-04") == {"sergei_lavrov"}
    assert holders("commander_russian_air_force", "2003-10-23") == {"vladimir_mikhailov"}


# entities ------------------------------------------------------------------------------------


def test_shared_aliases_have_one_default(gaz: Gazetteer) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for ent in gaz.entities:
        for name in ent.names:
            owners[name.lower()].add(ent.id)
    shared = {alias: ids for alias, ids in owners.items() if len(ids) > 1}
    for alias, ids in shared.items():
        defaults = [i for i in ids if gaz.by_id[i].default]
        assert len(defaults) == 1, (
            f"alias {alias!r} shared by {sorted(ids)} needs exactly one default"
        )
        for i in ids:
            if i not in defaults:
                assert gaz.by_id[i].context, f"{i} shares {alias!r} but has no context words"
    assert {a: next(i for i in ids if gaz.by_id[i].default) for a, ids in shared.items()} == SHARED


def test_defaults_only_where_shared(gaz: Gazetteer) -> None:
    shared_ids = {i for ids in gaz.alias_index.values() if len(ids) > 1 for i in ids}
    for ent in gaz.entities:
        if ent.default:
            assert ent.id in shared_ids, f"{ent.id} is a default but shares no alias"


def test_kant_ambiguity(gaz: Gazetteer) -> None:
    town, base = gaz.by_id["kant"], gaz.by_id["kant_air_base"]
    assert (town.type, base.type) == ("place", "facility")
    assert town.default and not base.default
    for word in ("base", "airbase", "air base", "military", "aircraft", "air force"):
        assert word in base.context


def test_manas_readings(gaz: Gazetteer) -> None:
    assert gaz.by_id["manas_transit_center"].default
    hero = gaz.by_id["manas_hero"]
    assert hero.type == "other"
    assert {"epic", "hero", "legend", "trilogy", "poem"} <= set(hero.context)
    assert "manas_international_airport" not in gaz.alias_index["manas"]


@pytest.mark.parametrize(("entity_id", "spellings"), sorted(VARIANTS.items()))
def test_spelling_variants_resolve(gaz: Gazetteer, entity_id: str, spellings: list[str]) -> None:
    for s in spellings:
        assert entity_id in gaz.alias_index.get(s.lower(), []), (
            f"{s!r} does not resolve to {entity_id}"
        )


def test_places_have_coordinates(gaz: Gazetteer) -> None:
    for ent in gaz.entities:
        if ent.type == "place" and ent.id not in NO_POINT:
            assert ent.coordinates is not None, f"{ent.id} has no coordinates"
    for ident in ("kant_air_base", "manas_transit_center", "manas_international_airport"):
        assert gaz.by_id[ident].coordinates is not None


def test_kant_is_near_bishkek(gaz: Gazetteer) -> None:
    bishkek = point(gaz, "bishkek")
    assert haversine_km(point(gaz, "kant"), bishkek) < 25
    assert haversine_km(point(gaz, "kant_air_base"), bishkek) < 25
    assert haversine_km(point(gaz, "kant_air_base"), point(gaz, "kant")) < 5
    # Manas airport lies north-north-west of Bishkek, Kant east of it.
    assert point(gaz, "manas_international_airport")[0] > bishkek[0]
    assert point(gaz, "kant")[1] > bishkek[1]
    assert 250 < haversine_km(point(gaz, "osh"), bishkek) < 350


def test_located_in_is_a_place_or_country(gaz: Gazetteer) -> None:
    for ent in gaz.entities:
        if ent.located_in:
            assert gaz.by_id[ent.located_in].type in ("place", "country", "facility"), ent.id


# facts ---------------------------------------------------------------------------------------


def _facts(gaz: Gazetteer, subject: str, predicate: str) -> list[Fact]:
    return [f for f in gaz.facts if f.subject == subject and f.predicate == predicate]


def test_kant_base_opening(gaz: Gazetteer) -> None:
    (opened,) = _facts(gaz, "kant_air_base", "opened")
    assert opened.when == "2003-10-23"
    founding = [
        f
        for f in gaz.facts
        if f.subject == "kant_air_base" and f.predicate in ("opened", "established", "founded")
    ]
    assert founding == [opened], "one founding date for the base"


def test_kant_base_distance_matches_coordinates(gaz: Gazetteer) -> None:
    (located,) = _facts(gaz, "kant_air_base", "located")
    assert located.object == "bishkek" and located.unit == "km" and located.value is not None
    computed = haversine_km(point(gaz, "kant_air_base"), point(gaz, "bishkek"))
    assert abs(located.value - computed) < 1
    for fact in gaz.facts:
        if fact.predicate == "located" and fact.object:
            d = haversine_km(point(gaz, fact.subject), point(gaz, fact.object))
            assert fact.value is not None and abs(fact.value - d) < 1, fact.id


def test_manas_dates(gaz: Gazetteer) -> None:
    (closed,) = _facts(gaz, "manas_transit_center", "closed")
    assert closed.when is not None and closed.when.startswith("2014-06")
    (opened,) = _facts(gaz, "manas_transit_center", "opened")
    assert opened.when == "2001-12"


def test_predicates_are_from_the_vocabulary(gaz: Gazetteer) -> None:
    allowed = {"opened", "established", "signed", "closed", "located", "joined", "founded"}
    assert {f.predicate for f in gaz.facts} <= allowed
