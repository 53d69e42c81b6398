"""Builders for comparator tests: hand-made claims like the extractor's, and a small gazetteer.

No tests here; the module is named so the comparator's test files can share it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from kantcheck.compare.values import parse_date_text
from kantcheck.gazetteer import Gazetteer
from kantcheck.models import Attribution, Claim, EntityRef, Evidence, Figure, TimeValue

REPO = Path(__file__).resolve().parents[1]
_counter = itertools.count()

OUTLETS = {
    "000_3bcc98d2bb5dc343": (None, "2025-11-27"),
    "001_5937e69cfba3e3de": ("Institute for War & Peace Reporting (IWPR)", "2003-10"),
    "002_4752c26e440b0d78": ("Times Tengri", "2025-11-27"),
    "003_1df80d7caf5b845f": ("The Moscow Times (reworded copy)", "2025-11-26"),
    "004_9d69e2eae6bda25e": ("Stratfor Worldview", "2019-02-04"),
}
A000, A001, A002, A003, A004 = sorted(OUTLETS)


def tv(value: str, *, resolved: bool = True, type: str = "DATE") -> TimeValue:
    """A TIMEX value with start/end as the temporal tagger would fill them."""
    span = parse_date_text(value) if resolved else None
    gran = {4: "year", 7: "month", 10: "day"}.get(len(value))
    return TimeValue(
        text=value,
        value=value,
        granularity=gran,
        start=span.start.isoformat() if span else None,
        end=span.end.isoformat() if span else None,
        type=type,  # type: ignore[arg-type]
    )


def fig(
    value: float,
    unit: str | None = None,
    *,
    approximate: bool = False,
    counted: str | None = None,
    low: float | None = None,
    high: float | None = None,
) -> Figure:
    return Figure(
        text=str(value),
        value=value,
        unit=unit,
        approximate=approximate,
        counted=counted,
        low=low,
        high=high,
    )


def claim(
    article: str,
    predicate: str,
    subject: str | None,
    object: str | None = None,
    *,
    when: str | TimeValue | None = None,
    figure: Figure | None = None,
    published: str | None = "default",
    outlet: str | None = "default",
    speaker: str | None = None,
    id: str | None = None,
    start: int = 0,
    named: bool = True,
    sentence: str | None = None,
    **qualifiers: str,
) -> Claim:
    """A claim as the extractor writes it; outlet and date default to the seed manifest.

    `named`: subject and object were recognised as named entities (label ORG).
    """
    known = OUTLETS.get(article, (None, None))
    ents = [EntityRef(text=t, label="ORG") for t in (subject, object) if t and named]
    return Claim(
        id=id or f"{article}:{next(_counter)}",
        article_id=article,
        predicate=predicate,
        subject=subject,
        object=object,
        when=tv(when) if isinstance(when, str) else when,
        figure=figure,
        entities=ents,
        evidence=Evidence(
            sentence=sentence or _sentence(article, predicate, subject, object, when, figure),
            start=start,
            end=start + 10,
        ),
        attribution=Attribution(speaker=speaker, quoted=False) if speaker else None,
        confidence=0.9,
        published=known[1] if published == "default" else published,
        outlet=known[0] if outlet == "default" else outlet,
        qualifiers=qualifiers,
    )


def _sentence(
    article: str,
    predicate: str,
    subject: str | None,
    object: str | None,
    when: str | TimeValue | None,
    figure: Figure | None,
) -> str:
    """A distinct sentence per article and value, as different articles write differently (the
    comparator treats one sentence shared by two articles as copy, not two sources)."""
    when_text = when.value if isinstance(when, TimeValue) else when
    parts = [f"[{article}]", subject, predicate, object, when_text, figure.text if figure else None]
    return " ".join(p for p in parts if p)


def _ent(id: str, type: str, name: str, *aliases: str) -> dict[str, object]:
    return {"id": id, "type": type, "name": name, "aliases": list(aliases), "source": "test"}


def small_gazetteer() -> Gazetteer:
    """The entities, offices and facts the seed stories need (real terms of office)."""
    return Gazetteer.model_validate(
        {
            "entities": [
                _ent("askar_akaev", "person", "Askar Akaev", "Akaev", "Akayev"),
                _ent("kurmanbek_bakiyev", "person", "Kurmanbek Bakiyev"),
                _ent("roza_otunbayeva", "person", "Roza Otunbayeva"),
                _ent("almazbek_atambayev", "person", "Almazbek Atambayev"),
                _ent("sooronbay_jeenbekov", "person", "Sooronbay Jeenbekov", "Jeenbekov"),
                _ent("talant_mamytov", "person", "Talant Mamytov"),
                _ent("sadyr_japarov", "person", "Sadyr Japarov", "Japarov"),
                _ent("boris_yeltsin", "person", "Boris Yeltsin"),
                _ent("dmitry_medvedev", "person", "Dmitry Medvedev"),
                _ent("vladimir_putin", "person", "Vladimir Putin", "Putin"),
                _ent("alexander_lukashenko", "person", "Alexander Lukashenko", "Lukashenko"),
                _ent("kyrgyzstan", "country", "Kyrgyzstan", "Kyrgyz Republic"),
                _ent("russia", "country", "Russia"),
                _ent("bishkek", "place", "Bishkek"),
                _ent("kant_air_base", "facility", "Kant Air Base", "Kant airbase", "Kant base"),
                _ent("manas_air_base", "facility", "Manas Air Base", "Manas"),
            ],
            "offices": [
                {
                    "id": "president_kyrgyzstan",
                    "name": "President of Kyrgyzstan",
                    "titles": ["Kyrgyz President"],
                    "jurisdiction": "kyrgyzstan",
                    "complete_since": "1990-10-27",
                    "holders": [
                        {
                            "person": "askar_akaev",
                            "start": "1990-10-27",
                            "end": "2005-04-11",
                            "source": "t",
                        },
                        {
                            "person": "kurmanbek_bakiyev",
                            "start": "2005-08-14",
                            "end": "2010-04-15",
                            "source": "t",
                        },
                        {
                            "person": "roza_otunbayeva",
                            "start": "2010-07-03",
                            "end": "2011-12-01",
                            "source": "t",
                        },
                        {
                            "person": "almazbek_atambayev",
                            "start": "2011-12-01",
                            "end": "2017-11-24",
                            "source": "t",
                        },
                        {
                            "person": "sooronbay_jeenbekov",
                            "start": "2017-11-24",
                            "end": "2020-10-15",
                            "source": "t",
                        },
                        {
                            "person": "sadyr_japarov",
                            "start": "2020-10-16",
                            "end": "2020-11-14",
                            "acting": True,
                            "source": "t",
                        },
                        {
                            "person": "talant_mamytov",
                            "start": "2020-11-14",
                            "end": "2021-01-28",
                            "acting": True,
                            "source": "t",
                        },
                        {"person": "sadyr_japarov", "start": "2021-01-28", "source": "t"},
                    ],
                },
                {
                    "id": "president_russia",
                    "name": "President of Russia",
                    "titles": ["Russian President"],
                    "jurisdiction": "russia",
                    "holders": [
                        {
                            "person": "boris_yeltsin",
                            "start": "1991-07-10",
                            "end": "1999-12-31",
                            "source": "t",
                        },
                        {
                            "person": "vladimir_putin",
                            "start": "1999-12-31",
                            "end": "2008-05-07",
                            "source": "t",
                        },
                        {
                            "person": "dmitry_medvedev",
                            "start": "2008-05-07",
                            "end": "2012-05-07",
                            "source": "t",
                        },
                        {"person": "vladimir_putin", "start": "2012-05-07", "source": "t"},
                    ],
                },
            ],
            "facts": [
                {
                    "id": "kant_opened",
                    "subject": "kant_air_base",
                    "predicate": "opened",
                    "when": "2003-10-23",
                    "source": "IWPR 2003; RFE/RL",
                },
                {
                    "id": "manas_closed",
                    "subject": "manas_air_base",
                    "predicate": "closed",
                    "when": "2014-06",
                    "source": "test",
                },
            ],
        }
    )


def seed_claims() -> list[Claim]:
    """What the extractor should get from the five seed articles (the comparable part)."""
    return [
        # 000: Japarov on the Kant base during Putin's November 2025 state visit
        claim(A000, "holds_office", "sadyr_japarov", "president_kyrgyzstan"),
        claim(A000, "holds_office", "vladimir_putin", "president_russia"),
        claim(A000, "established", "kant_air_base", when="2017", verb="establish"),
        claim(A000, "visit_began", "vladimir_putin", "kyrgyzstan", when="2025-11-25"),
        claim(A000, "visit_ended", "vladimir_putin", "kyrgyzstan", when="2025-11-27"),
        claim(A000, "visited", "vladimir_putin", "kyrgyzstan"),
        claim(A000, "met", "vladimir_putin", "alexander_lukashenko", tense="future"),
        claim(A000, "said", "sadyr_japarov"),
        # 001: IWPR, October 2003, the opening ceremony
        claim(A001, "holds_office", "vladimir_putin", "president_russia"),
        claim(A001, "holds_office", "askar_akaev", "president_kyrgyzstan"),
        claim(A001, "established", "kant_air_base", when="2003-10-23", verb="open"),
        claim(A001, "attended", "vladimir_putin", "established:kant_air_base", when="2003-10-23"),
        claim(A001, "attended", "askar_akaev", "established:kant_air_base", when="2003-10-23"),
        claim(A001, "located", "kant_air_base", "bishkek", figure=fig(20, "km", approximate=True)),
        claim(A001, "count", "time", "manas", figure=fig(100, approximate=True), hedged="true"),
        # 002: Times Tengri, talks of November 26, 2025
        claim(A002, "visited", "vladimir_putin", "kyrgyzstan", when="2025-11-26"),
        claim(A002, "met", "vladimir_putin", "sadyr_japarov", when="2025-11-26"),
        claim(A002, "holds_office", "sadyr_japarov", "president_kyrgyzstan", when="2025-11-26"),
        claim(A002, "holds_office", "vladimir_putin", "president_russia", when="2025-11-26"),
        claim(
            A002,
            "count",
            "russian language school",
            "kyrgyzstan",
            figure=fig(9),
            speaker="vladimir_putin",
        ),
        # 003: The Moscow Times (reworded), talks "on Wednesday"
        claim(A003, "met", "sadyr_japarov", "vladimir_putin", when="2025-11-26"),
        claim(A003, "hosted", "sadyr_japarov", "vladimir_putin", when="2025-11-26"),
        claim(A003, "holds_office", "sadyr_japarov", "president_kyrgyzstan", when="2025-11-26"),
        claim(A003, "holds_office", "donald_trump", "president_usa"),
        claim(
            A003,
            "count",
            "russian firm",
            "kyrgyzstan",
            figure=fig(1700, approximate=True, counted="russian firm"),
            speaker="vladimir_putin",
        ),
        claim(A003, "visited", "vladimir_putin", "kyrgyzstan", figure=fig(3, "day")),
        claim(A003, "visit_began", "vladimir_putin", "kyrgyzstan", when="2025-11-25"),
        claim(A003, "visited", "vladimir_putin", "kyrgyzstan", when="2023-10"),
        claim(A003, "held", "csto summit", "kyrgyzstan", when="2025-11-27", tense="future"),
        claim(
            A003, "visit_ended", "vladimir_putin", "kyrgyzstan", when="2025-11-27", tense="future"
        ),
        # 004: Stratfor, February 2019
        claim(A004, "holds_office", "sooronbay_jeenbekov", "president_kyrgyzstan", hedged="true"),
        claim(A004, "holds_office", "vladimir_putin", "president_russia"),
        claim(A004, "visited", "vladimir_putin", "bishkek", when="2018-09"),
        claim(A004, "visited", "vladimir_putin", "kyrgyzstan", when="2019-03", tense="future"),
        claim(A004, "closed", "manas_air_base", when="2014"),
    ]


FX = "fx_article"


def fixture_claim(predicate: str, subject: str, object: str | None = None, **kw: object) -> Claim:
    """A claim from a hand-written fixture article published with the seeds in November 2025."""
    kw.setdefault("published", "2025-11-28")
    kw.setdefault("outlet", "Fixture Daily")
    return claim(FX, predicate, subject, object, **kw)  # type: ignore[arg-type]
