"""Cross-article comparison: claims + gazetteer + rules -> findings, as a pure function.

No spaCy here: the comparator runs on claims read back from JSON (`kantcheck compare -`).
Flow: `slots.prepare` (claims -> items) -> `slots.block` (by slot key) -> `classify` (per
block) -> `explain` (one sentence) -> `Finding` with a content-based id, in a fixed order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from kantcheck.gazetteer import Gazetteer
from kantcheck.models import ArticleInfo, Claim, Finding, Severity

from .classify import KIND_RANK, Draft, SlotContext, classify, fact_index
from .explain import Explainer
from .rules import DEFAULT_RULES, PredicateRule, Rules, Tolerances, load_rules
from .slots import block, prepare
from .values import compatible

__all__ = [
    "DEFAULT_RULES",
    "PredicateRule",
    "Rules",
    "Tolerances",
    "compare",
    "compatible",
    "finding_id",
    "load_rules",
]


def finding_id(
    kind: str,
    slot: Sequence[str],
    predicate: str,
    values: Sequence[str],
) -> str:
    """Content-based id from kind, slot key, predicate and values: the same disagreement keeps
    its id when text moves, claims are renumbered, or one more article repeats a value already
    in dispute, so a baseline still recognises it; a new value makes a new finding."""
    payload = json.dumps(
        [kind, list(slot), predicate, sorted(set(values))],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return f"{kind}-{hashlib.sha256(payload.encode()).hexdigest()[:12]}"


def _severity(d: Draft, rules: Rules) -> Severity:
    sev = rules.severities
    if d.kind == "contradiction":
        return sev.contradiction_attributed if d.soft else sev.contradiction
    if d.kind == "reference_mismatch":
        return sev.reference_mismatch_attributed if d.soft else sev.reference_mismatch
    return sev.changed_over_time if d.kind == "changed_over_time" else sev.corroboration


def _finding(d: Draft, rules: Rules, explainer: Explainer) -> Finding:
    items = d.items
    values = sorted({it.value.text for it in items if it.value is not None})
    if d.reference is not None and d.kind == "reference_mismatch" and not d.rule.office:
        values = sorted({*values, d.reference.value})
    articles = sorted({it.article for it in items})
    return Finding(
        id=finding_id(d.kind, items[0].key, d.slot, values),
        kind=d.kind,
        severity=_severity(d, rules),
        subject=d.subject,
        predicate=d.slot,
        articles=articles,
        claim_ids=sorted({it.claim.id for it in items}),
        values=values,
        explanation=explainer.explain(d),
        note=d.note,
        attributed=d.soft,
    )


def compare(
    claims: Sequence[Claim],
    gazetteer: Gazetteer,
    rules: Rules | None = None,
    articles: Sequence[ArticleInfo] | None = None,
) -> list[Finding]:
    """Findings for a set of claims, in a deterministic order (kind, subject, predicate, id)."""
    rules = rules or load_rules()
    ordered = sorted(claims, key=lambda c: (c.article_id, c.id))
    items = prepare(ordered, gazetteer, rules, articles)
    ctx = SlotContext(gazetteer, rules, fact_index(gazetteer, rules))
    drafts = classify(block(items), ctx)
    explainer = Explainer(gazetteer)
    findings = {f.id: f for f in (_finding(d, rules, explainer) for d in drafts)}
    return sorted(
        findings.values(),
        key=lambda f: (KIND_RANK[f.kind], f.subject or "", f.predicate, f.id),
    )
