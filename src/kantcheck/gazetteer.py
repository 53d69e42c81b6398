"""The reference gazetteer: known entities, offices with holder timelines, and dated facts.

Knowledge lives in `data/gazetteer.yaml`; this module only validates it (errors name the
file and line) and answers lookups. Nothing here knows about any particular story.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kantcheck.errors import ConfigError
from kantcheck.yamlfile import Loc, LocatedErrors, validate_file

EntityType = Literal["person", "place", "country", "facility", "organization", "event", "other"]
DEFAULT_GAZETTEER = Path(__file__).resolve().parents[2] / "data" / "gazetteer.yaml"


def parse_partial_date(text: str) -> tuple[dt.date, dt.date]:
    """`2003`, `2003-10` or `2003-10-23` -> the first and last day it covers."""
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        start = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return start, nxt - dt.timedelta(days=1)
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day


def _check_partial(value: object) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    try:
        parse_partial_date(text)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}") from exc
    return text


class GazRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Coordinates(GazRecord):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Entity(GazRecord):
    """A thing articles name. `context` words pick it when an alias is shared with another."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    description: str | None = None
    coordinates: Coordinates | None = None
    located_in: str | None = None
    context: list[str] = Field(
        default_factory=list, description="words near a shared alias that select this entity"
    )
    default: bool = Field(False, description="the reading of a shared alias when context is silent")
    source: str

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Holder(GazRecord):
    person: str
    start: str
    end: str | None = Field(None, description="null: still in office")
    acting: bool = False
    source: str

    _v_start = field_validator("start", mode="before")(_check_partial)
    _v_end = field_validator("end", mode="before")(_check_partial)

    def covers(self, start: dt.date, end: dt.date) -> bool:
        """True when the holder's term overlaps the interval [start, end]."""
        s = parse_partial_date(self.start)[0]
        e = parse_partial_date(self.end)[1] if self.end else dt.date.max
        return s <= end and start <= e


class Office(GazRecord):
    """An office and who held it when; `titles` are how articles name it before a name."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    titles: list[str] = Field(default_factory=list)
    jurisdiction: str | None = None
    holders: list[Holder]
    complete_since: str | None = Field(None, description="the timeline lists every holder since")

    _v_since = field_validator("complete_since", mode="before")(_check_partial)


class Fact(GazRecord):
    """A dated reference fact: `subject predicate [object] [when] [figure]`."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    subject: str
    predicate: str
    object: str | None = None
    when: str | None = None
    value: float | None = None
    unit: str | None = None
    note: str | None = None
    source: str

    _v_when = field_validator("when", mode="before")(_check_partial)


class Gazetteer(GazRecord):
    entities: list[Entity] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self) -> Gazetteer:
        """Ids unique, and every id used names an entity; each problem keeps its place."""
        problems: list[tuple[Loc, str]] = []
        seen: set[str] = set()
        for i, ent in enumerate(self.entities):
            if ent.id in seen:
                problems.append((("entities", i, "id"), f"duplicate entity id {ent.id!r}"))
            seen.add(ent.id)
        for i, ent in enumerate(self.entities):
            if ent.located_in and ent.located_in not in seen:
                problems.append(
                    (("entities", i, "located_in"), f"unknown entity {ent.located_in!r}")
                )
        for i, office in enumerate(self.offices):
            for j, h in enumerate(office.holders):
                if h.person not in seen:
                    loc: Loc = ("offices", i, "holders", j, "person")
                    problems.append((loc, f"unknown entity {h.person!r}"))
        for i, fact in enumerate(self.facts):
            for field in ("subject", "object"):
                ref = getattr(fact, field)
                if ref is not None and ref not in seen:
                    problems.append((("facts", i, field), f"unknown entity {ref!r}"))
        if problems:
            raise LocatedErrors(problems)
        return self

    # lookups -------------------------------------------------------------------------------

    @cached_property
    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def alias_index(self) -> dict[str, list[str]]:
        """Lower-cased name -> entity ids (several when an alias is shared)."""
        index: dict[str, list[str]] = {}
        for ent in self.entities:
            for name in ent.names:
                ids = index.setdefault(name.lower(), [])
                if ent.id not in ids:
                    ids.append(ent.id)
        return index

    @cached_property
    def offices_by_id(self) -> dict[str, Office]:
        return {o.id: o for o in self.offices}

    def office_for_title(self, title: str) -> Office | None:
        low = " ".join(title.lower().split())
        for office in self.offices:
            if any(low == t.lower() for t in office.titles) or low == office.name.lower():
                return office
        return None

    def holders_at(self, office_id: str, start: dt.date, end: dt.date) -> list[Holder]:
        office = self.offices_by_id[office_id]
        return [h for h in office.holders if h.covers(start, end)]

    def terms_of(self, person_id: str) -> Iterable[tuple[Office, Holder]]:
        for office in self.offices:
            for h in office.holders:
                if h.person == person_id:
                    yield office, h


def load_gazetteer(path: Path | None = None) -> tuple[Gazetteer, str]:
    """Validate the gazetteer file; return it with the sha256 of its bytes."""
    path = path or DEFAULT_GAZETTEER
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return _load(str(path.resolve()), sha), sha


@lru_cache(maxsize=4)
def _load(path: str, sha: str) -> Gazetteer:
    """Parsed once per content: the pipeline, the linker and the comparator share it."""
    return validate_file(Gazetteer, Path(path))
