"""Events the article has described so far, so that "the visit", "the ceremony" or "the last
day of Putin's visit" can take the participants of the event they refer to.
"""

from __future__ import annotations

from dataclasses import dataclass

from .coref import Mention

MAX_LOOKBACK = 40


@dataclass(frozen=True)
class Event:
    kind: str
    predicate: str
    position: int
    agent: Mention | None = None
    destination: Mention | None = None
    patient: Mention | None = None
    name: str | None = None

    @property
    def key(self) -> str:
        """How a claim names the event: `established:kant_air_base`, `csto summit`."""
        if self.name:
            return self.name
        thing = self.patient or self.destination
        parts = [self.predicate, *(m.value for m in (self.agent, thing) if m is not None)]
        return ":".join(parts)


class EventMemory:
    """Events in text order; lookups scan back a bounded number of events."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, event: Event) -> None:
        self.events.append(event)

    def recent(
        self,
        before: int,
        kind: str | None = None,
        predicate: str | None = None,
        agent: str | None = None,
        with_destination: bool = False,
    ) -> Event | None:
        for ev in reversed(self.events[-MAX_LOOKBACK:]):
            if ev.position >= before:
                continue
            if kind is not None and ev.kind != kind:
                continue
            if predicate is not None and ev.predicate != predicate:
                continue
            if agent is not None and (ev.agent is None or ev.agent.value != agent):
                continue
            if with_destination and ev.destination is None:
                continue
            return ev
        return None
