"""Slot alignment: which claims are about the same thing, and at the same time.

Each claim becomes an `Item` with a slot key (predicate family + key fields, per rules), its
comparable value, and a time anchor. Items are blocked by slot key (a dict, so the whole
comparison stays near-linear) and, for events and time-bounded states, split into occasions
by a time window: the 2003 ceremony and the 2025 visit are two occasions of one slot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kantcheck.gazetteer import Gazetteer
from kantcheck.models import ArticleInfo, Claim

from .rules import PredicateRule, Rules
from .values import (
    DateSpan,
    Value,
    date_value,
    entity_value,
    figure_value,
    parse_date_text,
    time_span,
)

SlotKey = tuple[str, tuple[str, ...]]


@dataclass(slots=True)
class Item:
    """One claim ready for comparison."""

    claim: Claim
    slot: str
    rule: PredicateRule
    key: tuple[str, ...]
    value: Value | None
    anchor: DateSpan | None
    """When the claim is about, for clustering: its `when`, else the article's date."""
    check: DateSpan | None
    """When, for reference checks (past tense without a date: any time before the article)."""
    source: str
    """Independence key: the outlet when known, else the article."""
    outlet: str | None
    published: str | None
    soft: str | None = None
    """Why the article does not assert it itself: attributed, hedged, planned; None if asserted."""
    speaker: str | None = None
    text: str = ""
    """The article's text identity: the first article id with the same sha256 (duplicates are
    one text), else the article id."""

    @property
    def article(self) -> str:
        return self.claim.article_id


def normalize_ref(text: str | None, gazetteer: Gazetteer) -> str | None:
    """A gazetteer id stays; surface text becomes its unique gazetteer id, else normalized text."""
    if text is None:
        return None
    t = " ".join(text.split())
    if not t:
        return None
    if t in gazetteer.by_id:
        return t
    ids = gazetteer.alias_index.get(t.lower())
    if ids and len(ids) == 1:
        return ids[0]
    return t.lower()


def _key_field(claim: Claim, name: str, gazetteer: Gazetteer) -> str | None:
    if name == "subject":
        return normalize_ref(claim.subject, gazetteer)
    if name == "object":
        return normalize_ref(claim.object, gazetteer)
    if name == "place":
        return normalize_ref(claim.place, gazetteer)
    return claim.qualifiers.get(name[2:])


def _names_something(claim: Claim, parts: list[str], gazetteer: Gazetteer, rules: Rules) -> bool:
    """Does the key name a known thing? "the company was founded in 1998" in two unrelated
    articles must not meet in one slot."""
    for part in parts:
        if part in gazetteer.by_id or part in gazetteer.offices_by_id:
            return True
    labels = set(rules.policy.named_labels)
    named = {
        normalize_ref(e.id or e.text, gazetteer)
        for e in claim.entities
        if e.id or (e.label is not None and e.label in labels)
    }
    return any(part and part in named for part in parts)


def specific_subject(ref: str, gazetteer: Gazetteer, rules: Rules) -> bool:
    """Does a counted noun say what is counted? A gazetteer id does; so does a modified noun
    ("russian firm"); a bare noun or unit ("people", "gb", "penny") or a modified vague noun
    ("more people") does not."""
    if ref in gazetteer.by_id:
        return True
    words = [w for w in ref.replace("-", " ").split() if any(ch.isalpha() for ch in w)]
    if len(words) < 2:
        return False
    vague = {v.lower() for v in rules.policy.vague_nouns}
    return words[-1] not in vague


def text_ids(articles: Sequence[ArticleInfo] | None) -> dict[str, str]:
    """Article id -> the first (sorted) article id with the same content hash."""
    first: dict[str, str] = {}
    out: dict[str, str] = {}
    for a in sorted(articles or (), key=lambda a: a.id):
        if a.sha256:
            out[a.id] = first.setdefault(a.sha256, a.id)
    return out


def _soft(claim: Claim, rules: Rules) -> tuple[str | None, str | None]:
    if claim.attribution is not None:
        att = claim.attribution
        # a gazetteer id reads as its canonical name; anything else as the article wrote it
        known = att.speaker is not None and att.text is not None and att.speaker != att.text.lower()
        return "attributed", att.speaker if known else (att.text or att.speaker)
    if claim.qualifiers.get("hedged") == "true":
        return "hedged", None
    if rules.policy.soft_future and claim.qualifiers.get("tense") == "future":
        return "planned", None
    return None, None


def _value(claim: Claim, rule: PredicateRule, rules: Rules, gazetteer: Gazetteer) -> Value | None:
    if rule.value == "when":
        span = time_span(claim.when)
        return date_value(span, rules.tolerances) if span else None
    if rule.value == "figure":
        if claim.figure is None:
            return None
        return figure_value(claim.figure, rules, (claim.subject,))
    ref = normalize_ref(claim.subject if rule.value == "subject" else claim.object, gazetteer)
    return entity_value(ref) if ref else None


def prepare(
    claims: Sequence[Claim],
    gazetteer: Gazetteer,
    rules: Rules,
    articles: Sequence[ArticleInfo] | None = None,
) -> list[Item]:
    """Claims -> comparable items; claims that cannot take part (negated, keyless) are dropped."""
    info = {a.id: a for a in articles or ()}
    texts = text_ids(articles) if rules.policy.copies_are_one_source else {}
    items: list[Item] = []
    for claim in claims:
        slot, rule = rules.rule_for(claim.predicate)
        if not rule.compare or claim.confidence < rules.policy.min_confidence:
            continue
        if rules.policy.skip_negated and claim.qualifiers.get("negated") == "true":
            continue
        fields = [_key_field(claim, k, gazetteer) for k in rule.key]
        if fields[0] is None:
            continue
        parts = [f or "" for f in fields]
        if rules.policy.require_named_key and not _names_something(claim, parts, gazetteer, rules):
            continue
        if (
            rule.specific_subject
            and "subject" in rule.key
            and not specific_subject(parts[rule.key.index("subject")], gazetteer, rules)
        ):
            continue
        key = tuple(sorted(parts) if rule.symmetric else parts)
        art = info.get(claim.article_id)
        outlet = claim.outlet or (art.outlet if art else None)
        published = claim.published or (art.published if art else None)
        when = time_span(claim.when)
        pub = parse_date_text(published)
        anchor = when or pub
        check = anchor
        if when is None and claim.qualifiers.get("tense") == "past" and rule.time == "state":
            # "former president": any time before the article; too vague to cluster.
            check = DateSpan(dt.date.min, pub.end, f"before {pub.value}") if pub else None
            anchor = None
        soft, speaker = _soft(claim, rules)
        text = texts.get(claim.article_id, claim.article_id)
        items.append(
            Item(
                claim=claim,
                slot=slot,
                rule=rule,
                key=key,
                value=_value(claim, rule, rules, gazetteer),
                anchor=anchor,
                check=check,
                source=(outlet.strip().lower() if outlet else f"article:{text}"),
                outlet=outlet,
                published=published,
                soft=soft,
                speaker=speaker,
                text=text,
            )
        )
    return items


def block(items: Sequence[Item]) -> dict[SlotKey, list[Item]]:
    """Items by slot key (event families share a block so their occasions line up)."""
    blocks: dict[SlotKey, list[Item]] = {}
    for it in items:
        name = it.rule.family or it.slot
        blocks.setdefault((name, it.key), []).append(it)
    return blocks


def occasions(items: Sequence[Item], window_days: int) -> tuple[list[list[Item]], list[Item]]:
    """Leader clustering by time: an item joins the occasion whose first span it falls within
    `window_days` of; returns the occasions (sorted by time) and the items without a time.

    Leader rather than single-link chaining, so monthly reports over two years do not melt
    into one "same time" occasion.
    """
    dated = sorted(
        (it for it in items if it.anchor is not None),
        key=lambda it: (it.anchor.start, -it.anchor.end.toordinal(), it.claim.id),  # type: ignore[union-attr]
    )
    undated = [it for it in items if it.anchor is None]
    out: list[list[Item]] = []
    limit: dt.date | None = None
    window = dt.timedelta(days=window_days)
    for it in dated:
        span = it.anchor
        assert span is not None
        if limit is None or span.start > limit:
            out.append([])
            try:
                limit = span.end + window
            except OverflowError:
                limit = dt.date.max
        out[-1].append(it)
    return out, undated
