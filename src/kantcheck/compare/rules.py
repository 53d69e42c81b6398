"""The comparator's knobs as a validated record: tolerances, units and per-predicate slot rules.

Knowledge lives in `data/rules.yaml` so a fact-checker can tune it without touching code;
validation errors name `file:line` (via `kantcheck.yamlfile.validate_file`).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kantcheck.yamlfile import validate_file

DEFAULT_RULES = Path(__file__).resolve().parents[3] / "data" / "rules.yaml"

SeverityName = Literal["error", "warning", "info"]
ValueField = Literal["when", "figure", "subject", "object"]
TimeMode = Literal["none", "event", "state"]


class RulesRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Tolerances(RulesRecord):
    """How far apart two values may be and still agree."""

    figure_relative_exact: float = Field(0.01, ge=0, le=1)
    figure_relative_approximate: float = Field(0.10, ge=0, le=1)
    rounding_max_relative: float = Field(0.25, ge=0, le=1)
    date_slack_days: float = Field(1, ge=0)
    event_window_days: int = Field(30, ge=0)
    same_time_days: int = Field(180, ge=0)


class Severities(RulesRecord):
    contradiction: SeverityName = "error"
    contradiction_attributed: SeverityName = "warning"
    reference_mismatch: SeverityName = "error"
    reference_mismatch_attributed: SeverityName = "warning"
    changed_over_time: SeverityName = "info"
    corroboration: SeverityName = "info"


class Policy(RulesRecord):
    """Which claims take part, and when a disagreement is worth a finding."""

    within_article: bool = Field(
        False, description="report disagreements inside one article (as warnings)"
    )
    min_confidence: float = Field(0.0, ge=0, le=1)
    skip_negated: bool = True
    soft_future: bool = Field(True, description="future-tense claims count as soft (planned)")
    require_named_key: bool = Field(
        True, description="a slot must name something known: a gazetteer id or a named entity"
    )
    named_labels: list[str] = Field(
        default_factory=lambda: ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"]
    )
    vague_nouns: list[str] = Field(
        default_factory=list,
        description="counted nouns that never say what is counted ('people', 'users'), "
        "for predicates with specific_subject",
    )
    copies_are_one_source: bool = Field(
        True,
        description="articles with the same text (sha256) or the same evidence sentence in a "
        "slot are one source: they neither corroborate nor contradict each other",
    )
    ambiguous_sentences: bool = Field(
        True,
        description="a sentence that gives one slot several incompatible values ('6GB, up from "
        "4GB') speaks of several things: it takes no part in that slot",
    )


class Unit(RulesRecord):
    """A unit: figures in the same `dimension` are compared after scaling by `factor`."""

    dimension: str
    factor: float = Field(1.0, gt=0)
    aliases: list[str] = Field(default_factory=list)


KEY_PATTERN = r"^(subject|object|place|q:[a-z_]+)$"


class PredicateRule(RulesRecord):
    """How claims of one predicate (and its synonyms) form slots and compare."""

    synonyms: list[str] = Field(default_factory=list)
    compare: bool = True
    key: list[str] = Field(default_factory=lambda: ["subject"], min_length=1)
    value: ValueField = "when"
    single_valued: bool = False
    symmetric: bool = False
    time: TimeMode = "none"
    family: str | None = Field(None, description="event family clustered jointly (visit)")
    window_days: int | None = Field(None, ge=0)
    office: bool = Field(False, description="value is the holder of the office in `object`")
    host_office: bool = Field(False, description="value is a host: check offices held then")
    repeatable_verbs: list[str] = Field(
        default_factory=list,
        description="trigger verbs (qualifiers.verb) of occasions that recur: their claims may "
        "corroborate but neither contradict nor mismatch the reference (a product's launches)",
    )
    specific_subject: bool = Field(
        False,
        description="the subject is a counted noun: compared only when it says what is "
        "counted (a gazetteer id, or a modified noun such as 'russian firm' whose head is not "
        "in policy.vague_nouns); a bare noun or unit ('people', 'gb', 'pence') is not",
    )
    phrase: str = "{subject} {predicate} {object} {value}"

    @model_validator(mode="after")
    def _keys(self) -> PredicateRule:
        for k in self.key:
            if not re.match(KEY_PATTERN, k):
                raise ValueError(f"key field {k!r}: use subject, object, place or q:<qualifier>")
        if self.value in self.key:
            raise ValueError(f"value field {self.value!r} cannot also be a key field")
        if self.symmetric and sorted(self.key) != ["object", "subject"]:
            raise ValueError("symmetric needs key [subject, object]")
        if self.office and (self.value != "subject" or self.key != ["object"]):
            raise ValueError("office rules need key [object] and value subject")
        return self


class Rules(RulesRecord):
    version: int = 1
    tolerances: Tolerances = Field(default_factory=Tolerances)
    severities: Severities = Field(default_factory=Severities)
    policy: Policy = Field(default_factory=Policy)
    units: dict[str, Unit] = Field(default_factory=dict)
    predicates: dict[str, PredicateRule] = Field(default_factory=dict)
    default: PredicateRule = Field(
        default_factory=lambda: PredicateRule(key=["subject", "object"], value="when")
    )

    @model_validator(mode="after")
    def _unique_names(self) -> Rules:
        seen: dict[str, str] = {}
        for name, rule in self.predicates.items():
            for alias in [name, *rule.synonyms]:
                if alias in seen and seen[alias] != name:
                    raise ValueError(
                        f"predicate {alias!r} belongs to both {seen[alias]} and {name}"
                    )
                seen[alias] = name
        units: dict[str, str] = {}
        for name, unit in self.units.items():
            for alias in [name, *unit.aliases]:
                low = alias.lower()
                if low in units and units[low] != name:
                    raise ValueError(
                        f"unit alias {alias!r} belongs to both {units[low]} and {name}"
                    )
                units[low] = name
        families: dict[str, tuple[object, ...]] = {}
        for name, rule in self.predicates.items():
            if rule.family is None:
                continue
            shape = (rule.time, rule.window_days, tuple(rule.key), rule.symmetric)
            if families.setdefault(rule.family, shape) != shape:
                raise ValueError(
                    f"predicate {name}: family {rule.family!r} members need the same "
                    "time, window_days, key and symmetric"
                )
        return self

    @cached_property
    def slot_of(self) -> dict[str, str]:
        """Predicate or synonym -> the predicate whose rule governs its slot."""
        out: dict[str, str] = {}
        for name, rule in self.predicates.items():
            out[name] = name
            for alias in rule.synonyms:
                out[alias] = name
        return out

    @cached_property
    def unit_of(self) -> dict[str, str]:
        """Lower-cased unit alias -> canonical unit name."""
        out: dict[str, str] = {}
        for name, unit in self.units.items():
            out[name.lower()] = name
            for alias in unit.aliases:
                out[alias.lower()] = name
        return out

    def rule_for(self, predicate: str) -> tuple[str, PredicateRule]:
        """The slot predicate and its rule; unknown predicates get the conservative default."""
        name = self.slot_of.get(predicate)
        if name is None:
            return predicate, self.default
        return name, self.predicates[name]


def load_rules(path: Path | None = None) -> Rules:
    """Validate the rules file (errors name file:line); the default is repo-root data/rules.yaml."""
    return validate_file(Rules, path or DEFAULT_RULES)
