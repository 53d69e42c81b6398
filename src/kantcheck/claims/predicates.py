"""The predicate vocabulary (`data/predicates.yaml`) as validated records, plus lemma indexes.

Knowledge about wording lives in the data file so that users can extend it for their own
stories; this module only checks it (errors name file:line) and indexes it for the extractor.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kantcheck.yamlfile import validate_file

DEFAULT_PREDICATES = Path(__file__).resolve().parents[3] / "data" / "predicates.yaml"

Role = Literal[
    "agent",
    "patient",
    "destination",
    "source",
    "partner",
    "guest",
    "place",
    "event.agent",
    "event.destination",
    "event.patient",
    "event.key",
    "named_event",
]


EntityKind = Literal["person", "place", "country", "facility", "organization", "event", "other"]


class VocabRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Trigger(VocabRecord):
    """One way of stating a predicate: which lemmas, and where its arguments sit."""

    verbs: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    with_object: list[str] = Field(default_factory=list)
    modifiers: list[str] = Field(default_factory=list)
    subject: list[Role] = Field(default_factory=list)
    object: list[Role] = Field(default_factory=list)
    event: str | None = None
    requires_event: str | None = None
    takes_event_type: bool = False
    symmetric: bool = False
    object_required: bool = False
    figure_units: list[str] = Field(default_factory=list)
    subject_types: list[EntityKind] = Field(default_factory=list)
    object_types: list[EntityKind] = Field(default_factory=list)
    emit: bool = True

    @field_validator("verbs", "nouns", "with_object", "modifiers")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.lower().strip() for v in value]


class Speech(VocabRecord):
    verbs: list[str] = Field(default_factory=list)
    according: list[str] = Field(default_factory=list)


class Located(VocabRecord):
    units: list[str] = Field(default_factory=lambda: ["km", "m", "mi"])
    verbs: list[str] = Field(default_factory=list)


class CountRules(VocabRecord):
    min_value: float = 3
    skip_determiners: list[str] = Field(default_factory=list)
    skip_before: list[str] = Field(default_factory=list)
    skip_nouns: list[str] = Field(default_factory=list)


class Modality(VocabRecord):
    irrealis: list[str] = Field(default_factory=list)
    future: list[str] = Field(default_factory=list)
    hedges: list[str] = Field(default_factory=list)
    negations: list[str] = Field(default_factory=list)


class BoundTrigger(VocabRecord):
    """A trigger with the predicate it states (the index entries the extractor uses)."""

    predicate: str
    trigger: Trigger


class PredicateVocab(VocabRecord):
    version: int = 1
    predicates: dict[str, list[Trigger]]
    speech: Speech = Field(default_factory=Speech)
    counterpart_nouns: list[str] = Field(default_factory=list)
    located: Located = Field(default_factory=Located)
    count: CountRules = Field(default_factory=CountRules)
    modality: Modality = Field(default_factory=Modality)
    anaphora: dict[EntityKind, list[str]] = Field(default_factory=dict)

    @cached_property
    def verb_index(self) -> dict[str, list[BoundTrigger]]:
        """Verb lemma -> triggers, light verbs included (their object is checked later)."""
        index: dict[str, list[BoundTrigger]] = {}
        for name, triggers in self.predicates.items():
            for trig in triggers:
                for lemma in trig.verbs:
                    index.setdefault(lemma, []).append(BoundTrigger(predicate=name, trigger=trig))
        return index

    @cached_property
    def noun_index(self) -> dict[str, list[BoundTrigger]]:
        index: dict[str, list[BoundTrigger]] = {}
        for name, triggers in self.predicates.items():
            for trig in triggers:
                for lemma in trig.nouns:
                    index.setdefault(lemma, []).append(BoundTrigger(predicate=name, trigger=trig))
        return index

    @cached_property
    def light_nouns(self) -> frozenset[str]:
        """Nouns that are triggers only through a light verb ("talks" in "held talks")."""
        return frozenset(n for ts in self.predicates.values() for t in ts for n in t.with_object)

    @cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that can start a claim: the cheap sentence filter."""
        words = set(self.verb_index) | set(self.noun_index) | set(self.speech.verbs)
        words |= set(self.speech.according) | set(self.located.verbs)
        return frozenset(words)


def load_predicates(path: Path | None = None) -> PredicateVocab:
    """Validate the vocabulary file; a mistake is a ConfigError naming file:line."""
    return validate_file(PredicateVocab, path or DEFAULT_PREDICATES)
