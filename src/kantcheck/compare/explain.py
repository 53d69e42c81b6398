"""One sentence per finding that a reader can check: who says what, when, and on what authority.

Sources are named by outlet (short form) and date, or by article id when the outlet is unknown;
claims that are only reported speech say whose words they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kantcheck.gazetteer import Gazetteer

from .classify import Draft
from .slots import Item, normalize_ref
from .values import format_number, time_span

MAX_ARTICLES = 4
"""Articles named per side; the rest are counted, so a sentence stays a sentence."""

_ACRONYM = re.compile(r"\(([A-Z][A-Z&.\-]{1,9})\)\s*$")


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def short_outlet(outlet: str) -> str:
    """'Institute for War & Peace Reporting (IWPR)' -> 'IWPR'; other names stay as written."""
    m = _ACRONYM.search(outlet)
    return m.group(1) if m else outlet.strip()


def source_label(it: Item) -> str:
    """'IWPR (2003-10)', 'The Moscow Times (reworded copy, 2025-11-26)', or the article id."""
    if it.outlet:
        name = short_outlet(it.outlet)
        if not it.published:
            return name
        if name.endswith(")"):
            return f"{name[:-1]}, {it.published})"
        return f"{name} ({it.published})"
    if it.published:
        return f"the {it.published} article {it.article}"
    return f"article {it.article}"


class Explainer:
    """Renders drafts with names from the gazetteer (ids stay in `values`)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._orient: tuple[str | None, str | None] | None = None

    def _pair(self, it: Item) -> tuple[str | None, str | None]:
        c = it.claim
        return normalize_ref(c.subject, self.gaz), normalize_ref(c.object, self.gaz)

    def name(self, ref: str | None) -> str:
        if not ref:
            return "(unspecified)"
        rid = normalize_ref(ref, self.gaz) or ref
        if rid in self.gaz.by_id:
            return self.gaz.by_id[rid].name
        if rid in self.gaz.offices_by_id:
            return self.gaz.offices_by_id[rid].name
        return ref

    def value_phrase(self, it: Item) -> str:
        claim, val = it.claim, it.value
        if val is None:
            return ""
        if it.rule.value == "when":
            span = time_span(claim.when)
            assert claim.when is not None and span is not None
            return self.time_phrase(claim.when.value, span.is_day)
        if it.rule.value == "figure":
            fig = claim.figure
            assert fig is not None
            num = f"{fig.value:,.0f}" if fig.value == int(fig.value) else format_number(fig.value)
            unit = "" if val.dimension == "count" else f" {fig.unit}"
            return f"{'about ' if fig.approximate else ''}{num}{unit}"
        return self.name(val.token)

    @staticmethod
    def time_phrase(value: str, day: bool) -> str:
        return f"on {value}" if day else f"in {value}"

    def when_phrase(self, it: Item) -> str:
        """The time a claim is about; office terms are told by month, which is what they support."""
        span = it.anchor or it.check
        if span is None or it.rule.value == "when":
            return ""
        if it.anchor is None:
            return span.value  # "before 2025-11-27"
        if it.rule.office:
            return f"in {span.value[:7]}"
        if it.claim.when is None:
            return f"as of {span.value}"
        return self.time_phrase(span.value, span.is_day)

    def phrase(self, it: Item) -> str:
        c = it.claim
        subj, obj = c.subject, c.object
        if it.rule.symmetric and self._orient and self._orient[::-1] == self._pair(it):
            obj, subj = subj, obj  # "A met B" and "B met A" read the same way in one sentence
        values = _Blank(
            subject=self.name(subj),
            object=self.name(obj),
            value=self.value_phrase(it),
            when=self.when_phrase(it),
            predicate=c.predicate.replace("_", " "),
        )
        text = it.rule.phrase.format_map(values)
        return " ".join(text.split())

    def clause(self, items: Sequence[Item]) -> tuple[str, str]:
        """One side: each article with what it says; soft claims say whose word they are.

        The tag says how the articles agree: merged (same words, one "say"), same, or close.
        """
        per_article: dict[str, list[Item]] = {}
        for it in sorted(items, key=lambda i: (i.published or "", i.article, i.claim.id)):
            per_article.setdefault(it.article, []).append(it)
        shown = list(per_article.values())[:MAX_ARTICLES]
        more = len(per_article) - len(shown)
        parts: list[tuple[str, str]] = []
        for its in shown:
            hard = [i for i in its if i.soft is None]
            it = hard[0] if hard else its[0]
            label, phrase = source_label(it), self.phrase(it)
            if it.soft == "attributed":
                speaker = self.name(it.speaker) if it.speaker else "an unnamed source"
                parts.append((phrase, f"{label} reports {speaker} saying"))
            elif it.soft == "hedged":
                parts.append((f"that {phrase}", f"{label} reports, unconfirmed,"))
            elif it.soft == "planned":
                parts.append((phrase, f"{label} says, as planned,"))
            else:
                parts.append((phrase, f"{label} says"))
        # Articles that say the same words share one "say"; the others keep their own verb.
        merged: dict[str, list[str]] = {}
        out: list[str] = []
        for phrase, lead in parts:
            if lead.endswith(" says"):
                if phrase not in merged:
                    merged[phrase] = []
                    out.append(phrase)
                merged[phrase].append(lead[: -len(" says")])
            else:
                out.append(f"{lead} {phrase}")
        texts = [
            (
                f"{_join(merged[o])} {'say' if len(merged[o]) > 1 else 'says'} {o}"
                if o in merged
                else o
            )
            for o in out
        ]
        text = _join(texts)
        if more:
            text += f" (with {more} more article{'s' if more > 1 else ''} in agreement)"
        if len(texts) == 1 and len(parts) > 1:
            return text, "merged"
        return text, "same" if len({p for p, _ in parts}) == 1 else "close"

    def explain(self, d: Draft) -> str:
        sides = sorted(d.sides, key=lambda s: min((i.published or "", i.article) for i in s))
        first = min(sides[0], key=lambda i: (i.published or "", i.article, i.claim.id))
        self._orient = self._pair(first) if d.rule.symmetric else None
        rendered = [self.clause(s) for s in sides]
        clauses = [c for c, _ in rendered]
        if d.kind == "contradiction":
            text = ", but ".join(clauses[:2]) + "".join(f"; {c}" for c in clauses[2:])
            if d.reference is not None:
                text += f" (the reference gives {d.reference.text}: {d.reference.source})"
            if d.note:
                text += f" ({d.note})"
        elif d.kind == "reference_mismatch":
            ref = d.reference
            if ref is None:
                text = f"{clauses[0]}, which the reference contradicts"
            elif d.rule.office:
                text = f"{clauses[0]}, but by the reference {ref.text} ({ref.source})"
            else:
                text = f"{clauses[0]}, but the reference gives {ref.text} ({ref.source})"
        elif d.kind == "changed_over_time":
            why = (
                "each consistent with the reference timeline"
                if (d.rule.office or d.rule.host_office)
                else "at times beyond the rules' window"
            )
            text = "; ".join(clauses) + f": a change over time, {why}, not a contradiction"
        else:
            tail = {"merged": ", independently", "same": ", which agree"}
            text = clauses[0] + tail.get(rendered[0][1], ", which agree within tolerance")
        if text.startswith(("the ", "article ")):  # our own words; outlet names stay as written
            text = text[0].upper() + text[1:]
        return text if text.endswith(".") else text + "."


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
