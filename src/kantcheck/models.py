"""Records that cross a boundary (CLI, JSON, store, library API): the single source of truth.

The JSON Schema printed by `kantcheck schema` is generated from these classes, so a field
added here is documented there without further work.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

FindingKind = Literal["contradiction", "reference_mismatch", "changed_over_time", "corroboration"]
FindingStatus = Literal["new", "known", "confirmed", "dismissed"]
Severity = Literal["error", "warning", "info"]


class Record(BaseModel):
    """Frozen, closed records: a typo in a field name is an error, not a silent extra."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ToolInfo(Record):
    name: str = "kantcheck"
    version: str
    model: str | None = Field(None, description="spaCy model package that ran, with its version")
    gazetteer_sha256: str | None = None


class ArticleInfo(Record):
    """One input article as reported; `status` is `error` when it could not be processed."""

    id: str
    path: str
    sha256: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="document creation time, ISO, possibly partial")
    published_source: str | None = Field(
        None, description="how `published` is known: front_matter, metadata, text, or null"
    )
    status: Literal["ok", "error"] = "ok"
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list, description="gazetteer ids mentioned, sorted")


class TimeValue(Record):
    """A normalized temporal value (TIMEX3 style) and the interval of days it covers."""

    text: str
    value: str = Field(
        description="TIMEX3 value: 2003, 2003-10, 2003-10-23, 2025-W48, XXXX-10-23, P2Y"
    )
    granularity: str | None = Field(None, description="year, month, day, week, time, ...")
    start: str | None = Field(None, description="first day covered, ISO date")
    end: str | None = Field(None, description="last day covered, ISO date (inclusive)")
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    anchor: str | None = Field(None, description="what resolved a relative value: dct, text, none")


class Figure(Record):
    """A number as stated, normalized for comparison."""

    text: str
    value: float
    unit: str | None = Field(
        None, description="normalized unit: km, USD, percent, or the counted noun"
    )
    approximate: bool = False
    low: float | None = Field(None, description="lower bound implied by the wording")
    high: float | None = Field(None, description="upper bound implied by the wording")
    counted: str | None = Field(None, description="the counted noun, lemmatized: 'russian firm'")


class EntityRef(Record):
    text: str
    id: str | None = Field(None, description="gazetteer id, or null when unknown")
    label: str | None = Field(None, description="spaCy label or gazetteer type")


class Evidence(Record):
    sentence: str
    start: int = Field(description="character offset into the article body")
    end: int


class Attribution(Record):
    speaker: str | None = Field(
        None, description="gazetteer id of the speaker, else the surface text"
    )
    quoted: bool = Field(description="true for a direct quote, false for reported speech")
    text: str | None = Field(None, description="the speaker as written")


class Claim(Record):
    """One statement of fact extracted from one sentence of one article."""

    id: str
    article_id: str
    predicate: str
    subject: str | None = Field(None, description="gazetteer id, else surface text")
    object: str | None = None
    when: TimeValue | None = None
    figure: Figure | None = None
    place: str | None = None
    entities: list[EntityRef] = Field(default_factory=list)
    evidence: Evidence
    attribution: Attribution | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    published: str | None = Field(None, description="the article's date, carried for comparison")
    outlet: str | None = None
    qualifiers: dict[str, str] = Field(default_factory=dict)


class Finding(Record):
    id: str
    kind: FindingKind
    severity: Severity
    subject: str | None
    predicate: str
    articles: list[str]
    claim_ids: list[str]
    values: list[str]
    explanation: str
    status: FindingStatus = "new"
    note: str | None = None
    attributed: bool = Field(False, description="true when a side is only reported speech")


class ArticleErrorRecord(Record):
    path: str
    error: str


class Summary(Record):
    articles: int
    articles_ok: int
    claims: int
    findings: int
    findings_by_kind: dict[str, int]
    errors: int
    new_findings: int = 0
    failing: int = 0


class Report(Record):
    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    articles: list[ArticleInfo]
    claims: list[Claim]
    findings: list[Finding]
    errors: list[ArticleErrorRecord]
    summary: Summary
