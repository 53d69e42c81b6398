"""Classification: within one slot, decide contradiction, reference mismatch, change over time,
or corroboration, and keep quiet about everything else.

Conservative by design: a disagreement needs two different articles (unless the rules allow
otherwise), a chain of agreeing values counts as agreement, and a difference the gazetteer's
timeline explains is a change over time or a reference mismatch, never a contradiction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kantcheck.gazetteer import Fact, Gazetteer, Holder, Office, parse_partial_date
from kantcheck.models import Figure, FindingKind

from .rules import PredicateRule, Rules
from .slots import Item, SlotKey, occasions
from .values import DateSpan, Value, compatible, components, date_value, figure_value

KIND_RANK: dict[str, int] = {
    "contradiction": 0,
    "reference_mismatch": 1,
    "changed_over_time": 2,
    "corroboration": 3,
}


@dataclass(frozen=True)
class Reference:
    """What the gazetteer says: a fact, or an office timeline."""

    value: str
    text: str
    source: str


@dataclass
class Draft:
    """A finding before it gets its id and sentence."""

    kind: FindingKind
    slot: str
    subject: str | None
    rule: PredicateRule
    sides: list[list[Item]]
    soft: bool = False
    reference: Reference | None = None
    note: str | None = None

    @property
    def items(self) -> list[Item]:
        return [it for side in self.sides for it in side]


def articles_of(items: Iterable[Item]) -> set[str]:
    return {it.article for it in items}


def _sentence(it: Item) -> str:
    return " ".join(it.claim.evidence.sentence.lower().split())


def copy_clusters(items: Sequence[Item], rules: Rules) -> dict[int, str]:
    """id(item) -> its text cluster. Articles with the same content (`Item.text`) or sharing an
    evidence sentence in this slot are one text: wire copy and republished stories neither
    corroborate nor contradict each other."""
    if not rules.policy.copies_are_one_source:
        return {id(it): it.article for it in items}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_sentence: dict[str, str] = {}
    for it in sorted(items, key=lambda it: (it.text, it.claim.id)):
        root = find(it.text)
        other = by_sentence.setdefault(_sentence(it), root)
        if find(other) != root:
            a, b = sorted((find(other), root))
            parent[b] = a
    return {id(it): find(it.text) for it in items}


def repeatable(it: Item) -> bool:
    """Was the claim triggered by a verb of a repeatable occasion (rule.repeatable_verbs)? A
    product is launched once per market and version: such dates can agree, not disagree."""
    return it.claim.qualifiers.get("verb") in it.rule.repeatable_verbs


def ambiguous(items: Sequence[Item], rules: Rules) -> set[int]:
    """Items whose sentence gives this slot several incompatible values ("6GB compared to a
    previous 4GB", "up 8 pence at 605 pence"): the sentence is about several things."""
    if not rules.policy.ambiguous_sentences:
        return set()
    by_sentence: dict[str, list[Item]] = {}
    for it in items:
        by_sentence.setdefault(_sentence(it), []).append(it)
    out: set[int] = set()
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        if any(len(gs) > 1 for gs in _by_dimension(components(group, _val)).values()):
            out.update(id(it) for it in group)
    return out


def only_soft(items: Sequence[Item]) -> bool:
    """A side no article asserts itself: every claim is attributed, hedged or planned."""
    return all(it.soft is not None for it in items)


def _by_dimension(groups: list[list[Item]]) -> dict[str, list[list[Item]]]:
    out: dict[str, list[list[Item]]] = {}
    for g in groups:
        out.setdefault(_val(g[0]).dimension, []).append(g)
    return out


def _val(it: Item) -> Value:
    assert it.value is not None
    return it.value


# reference facts -------------------------------------------------------------------------------


def fact_index(gazetteer: Gazetteer, rules: Rules) -> dict[SlotKey, list[tuple[Fact, Value]]]:
    """Gazetteer facts by the slot they speak to (fact predicates map through the synonyms)."""
    index: dict[SlotKey, list[tuple[Fact, Value]]] = {}
    for fact in sorted(gazetteer.facts, key=lambda f: f.id):
        slot, rule = rules.rule_for(fact.predicate)
        if slot not in rules.predicates or rule.time != "none":
            continue
        fields = {"subject": fact.subject, "object": fact.object}
        if any(k not in fields for k in rule.key):
            continue
        key_parts = [fields[k] or "" for k in rule.key]
        if rule.symmetric:
            key_parts = sorted(key_parts)
        value: Value | None = None
        if rule.value == "when" and fact.when:
            s, e = parse_partial_date(fact.when)
            value = date_value(DateSpan(s, e, fact.when), rules.tolerances)
        elif rule.value == "figure" and fact.value is not None:
            fig = Figure(text=str(fact.value), value=fact.value, unit=fact.unit)
            value = figure_value(fig, rules)
        if value is not None:
            index.setdefault((rule.family or slot, tuple(key_parts)), []).append((fact, value))
    return index


def _check_facts(
    slot: str,
    rule: PredicateRule,
    subject: str,
    groups: list[list[Item]],
    facts: list[tuple[Fact, Value]],
) -> tuple[list[Draft], Reference | None]:
    drafts: list[Draft] = []
    reference = None
    for g in groups:
        verdicts = [(fact, fv, compatible(_val(it), fv)) for fact, fv in facts for it in g]
        if any(v is True for _, _, v in verdicts):
            continue
        wrong = [(fact, fv) for fact, fv, v in verdicts if v is False]
        if not wrong:
            continue
        fact, fv = wrong[0]
        ref = _fact_reference(fact, fv)
        drafts.append(Draft("reference_mismatch", slot, subject, rule, [g], only_soft(g), ref))
    if facts:
        reference = _fact_reference(*facts[0])
    return drafts, reference


def _fact_reference(fact: Fact, fv: Value) -> Reference:
    if fv.dimension == "date":
        day = len(fv.text) == 10
        text = f"{fact.predicate} {'on' if day else 'in'} {fv.text}"
    else:
        text = f"{fact.predicate} {fv.text.lstrip('~')}"
    return Reference(value=fv.text, text=text, source=fact.source)


# office timelines ------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _term(start: str, end: str | None) -> tuple[dt.date, dt.date]:
    """A holder's term as days (cached: the same few terms are checked for every claim)."""
    return parse_partial_date(start)[0], parse_partial_date(end)[1] if end else dt.date.max


def _covers(h: Holder, span: DateSpan) -> bool:
    s, e = _term(h.start, h.end)
    return s <= span.end and span.start <= e


def office_status(it: Item, office: Office | None) -> str:
    """consistent / mismatch / unknown for `person holds office` at the item's time."""
    if office is None or it.check is None or it.value is None:
        return "unknown"
    person = it.value.token
    span = it.check
    held = [h for h in office.holders if h.person == person]
    if any(_covers(h, span) for h in held):
        return "consistent"
    if held:
        return "mismatch"  # a known holder of this office, named outside every term
    holders_then = [h for h in office.holders if _covers(h, span)]
    since = office.complete_since
    if holders_then and since and parse_partial_date(since)[0] <= span.start:
        return "mismatch"  # the timeline is complete then and does not list this person
    return "unknown"


def offices_held(it: Item, gazetteer: Gazetteer) -> set[str]:
    """Offices the item's value (a person) held at the item's time."""
    if it.value is None or it.value.token is None or it.check is None:
        return set()
    span = it.check
    return {o.id for o, h in gazetteer.terms_of(it.value.token) if _covers(h, span)}


# the slot ------------------------------------------------------------------------------------


@dataclass
class SlotContext:
    gazetteer: Gazetteer
    rules: Rules
    facts: dict[SlotKey, list[tuple[Fact, Value]]]


def classify_block(key: SlotKey, items: list[Item], ctx: SlotContext) -> list[Draft]:
    """All findings for one block (one slot key, possibly several predicates of a family)."""
    rules = ctx.rules
    head = items[0].rule
    if head.time == "none":
        occs = [sorted(items, key=lambda it: it.claim.id)]
    else:
        window = head.window_days
        if window is None:
            window = (
                rules.tolerances.event_window_days
                if head.time == "event"
                else rules.tolerances.same_time_days
            )
        occs, _undated = occasions(items, window)  # undated events cannot be placed: skipped
    occ_of = {id(it): n for n, occ in enumerate(occs) for it in occ}
    drafts: list[Draft] = []
    slots = sorted({it.slot for it in items})
    for slot in slots:
        sub = [it for it in items if it.slot == slot and it.value is not None]
        if not sub:
            continue
        rule = sub[0].rule
        subject = key[1][0] if key[1] else None
        drafts.extend(_classify_slot(slot, rule, subject, key, sub, occs, occ_of, ctx))
    return drafts


def _classify_slot(
    slot: str,
    rule: PredicateRule,
    subject: str | None,
    key: SlotKey,
    sub: list[Item],
    occs: list[list[Item]],
    occ_of: dict[int, int],
    ctx: SlotContext,
) -> list[Draft]:
    rules, gaz = ctx.rules, ctx.gazetteer
    drafts: list[Draft] = []
    status: dict[int, str] = {}
    if rule.office:
        office = gaz.offices_by_id.get(key[1][0])
        for it in sub:
            status[id(it)] = office_status(it, office)
        wrong = [it for it in sub if status[id(it)] == "mismatch"]
        for g in components(wrong, _val):
            drafts.append(
                Draft(
                    "reference_mismatch",
                    slot,
                    subject,
                    rule,
                    [g],
                    only_soft(g),
                    _office_reference(g, office, gaz),
                )
            )
        sub = [it for it in sub if status[id(it)] != "mismatch"]

    if rule.single_valued and not rule.office and not rule.host_office:
        unclear = ambiguous(sub, rules)
        sub = [it for it in sub if id(it) not in unclear]
        if not sub:
            return drafts
    cl = copy_clusters(sub, rules)

    reference = None
    if rule.time == "none":
        facts = ctx.facts.get(key, [])
        if facts:
            settled = components([it for it in sub if not repeatable(it)], _val)
            found, reference = _check_facts(slot, rule, subject or "", settled, facts)
            drafts.extend(found)

    by_occ: dict[int, list[Item]] = {}
    for it in sub:
        n = occ_of.get(id(it))
        if n is not None:
            by_occ.setdefault(n, []).append(it)
    for n in sorted(by_occ):
        # Repeatable occasions ("launched" in one market, then another) may agree, never disagree.
        firm = [it for it in by_occ[n] if not repeatable(it)]
        if rule.single_valued:
            for dim_groups in _by_dimension(components(firm, _val)).values():
                if len(dim_groups) < 2:
                    continue
                if rule.office and all(
                    status[id(it)] == "consistent" for g in dim_groups for it in g
                ):
                    continue  # a handover inside the window: the timeline explains it
                d = _contradiction(slot, rule, subject, dim_groups, rules, reference, cl)
                if d is not None:
                    drafts.append(d)
        for g in components(by_occ[n], _val):
            if len({it.source for it in g}) >= 2 and len({cl[id(it)] for it in g}) >= 2:
                soft = any(only_soft([x for x in g if x.article == a]) for a in articles_of(g))
                drafts.append(Draft("corroboration", slot, subject, rule, [g], soft))

    if rule.time == "state":
        d = _change(slot, rule, subject, sub, occ_of, status, ctx, cl)
        if d is not None:
            drafts.append(d)
    return drafts


def _contradiction(
    slot: str,
    rule: PredicateRule,
    subject: str | None,
    groups: list[list[Item]],
    rules: Rules,
    reference: Reference | None,
    cl: dict[int, str],
) -> Draft | None:
    arts = {cl[id(it)] for g in groups for it in g}  # copies of one text count once
    hard = [g for g in groups if not only_soft(g)]
    if len(arts) < 2:
        if not rules.policy.within_article:
            return None
        return Draft(
            "contradiction", slot, subject, rule, groups, True, reference, note="within one article"
        )
    soft = not (len(hard) >= 2 and len({cl[id(it)] for g in hard for it in g}) >= 2)
    return Draft("contradiction", slot, subject, rule, groups, soft, reference)


def _change(
    slot: str,
    rule: PredicateRule,
    subject: str | None,
    sub: list[Item],
    occ_of: dict[int, int],
    status: dict[int, str],
    ctx: SlotContext,
    cl: dict[int, str],
) -> Draft | None:
    """Different values at different times, each consistent with the reference where one exists."""
    dated = [it for it in sub if it.check is not None]
    if rule.office and any(status.get(id(it)) != "unknown" for it in sub):
        ok = [it for it in dated if status.get(id(it)) == "consistent"]
        groups = components(ok, _val)
        if len(groups) < 2:
            return None
    elif rule.host_office:
        held = {id(it): offices_held(it, ctx.gazetteer) for it in dated}
        by_office: dict[str, list[Item]] = {}
        for it in dated:
            for o in held[id(it)]:
                by_office.setdefault(o, []).append(it)
        chosen: dict[int, Item] = {}
        for o in sorted(by_office):
            gs = components(by_office[o], _val)
            occ_sets = {occ_of.get(id(it)) for it in by_office[o]} - {None}
            if len(gs) >= 2 and len(occ_sets) >= 2:
                chosen.update((id(it), it) for it in by_office[o])
        groups = components(list(chosen.values()), _val)
        if len(groups) < 2:
            return None
    else:
        in_occ = [it for it in dated if id(it) in occ_of]
        groups = []
        for dim_groups in _by_dimension(components(in_occ, _val)).values():
            occ_sets = {occ_of[id(it)] for g in dim_groups for it in g}
            if len(dim_groups) >= 2 and len(occ_sets) >= 2:
                groups.extend(dim_groups)
        if len(groups) < 2:
            return None
    items = [it for g in groups for it in g]
    if len({cl[id(it)] for it in items}) < 2 and not ctx.rules.policy.within_article:
        return None
    groups.sort(key=lambda g: (min(it.check.start for it in g if it.check), _val(g[0]).sort_key()))
    return Draft(
        "changed_over_time", slot, subject, rule, groups, any(only_soft(g) for g in groups)
    )


def _office_reference(g: list[Item], office: Office | None, gaz: Gazetteer) -> Reference | None:
    if office is None:
        return None
    person = _val(g[0]).token or ""
    terms = [h for h in office.holders if h.person == person]
    span = next((it.check for it in g if it.check is not None), None)
    then = [h for h in office.holders if span and _covers(h, span)]

    def name(pid: str) -> str:
        ent = gaz.by_id.get(pid)
        return ent.name if ent else pid

    parts = []
    if terms:
        spans = ", ".join(f"{h.start} to {h.end or 'present'}" for h in terms)
        parts.append(f"{name(person)} held it {spans}")
    if then:
        parts.append(f"{' and '.join(sorted({name(h.person) for h in then}))} held it then")
    sources = sorted({h.source for h in [*terms, *then]})
    return Reference(
        value=office.id,
        text="; ".join(parts) or f"{name(person)} is not listed as a holder",
        source=", ".join(sources),
    )


def classify(blocks: dict[SlotKey, list[Item]], ctx: SlotContext) -> list[Draft]:
    """Drafts for every block, in slot-key order."""
    drafts: list[Draft] = []
    for key in sorted(blocks):
        drafts.extend(classify_block(key, blocks[key], ctx))
    return drafts


__all__ = ["KIND_RANK", "Draft", "Reference", "SlotContext", "classify", "fact_index"]
