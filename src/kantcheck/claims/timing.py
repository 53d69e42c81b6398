"""When a claim holds: the date attached to its trigger, tense, and modality.

A date belongs to a predicate when the parse links them without crossing another clause
("Lavrov said Feb. 4 that ...": Feb. 4 is the saying's, not the clause's); failing that, a
sentence with a single date gives it to every claim in it; and a paragraph opened by a date
("On November 26, 2025, ...") dates the claims of the sentences that follow on its line,
with lower confidence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kantcheck.claims.doctext import doc_text
from kantcheck.gazetteer import parse_partial_date
from kantcheck.models import TimeValue

from .predicates import Modality

CLAUSE_DEPS = frozenset(["ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"])
SCENE_LEAD = re.compile(r"^\s*(?:on|in|by|as of)?\s*$", re.IGNORECASE)
NOUN_CLAUSE_DEPS = frozenset(["ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"])
DEICTIC = frozenset(["today", "tonight", "tomorrow", "yesterday"])
STOP_CLIMB = frozenset(["relcl", "advcl", "parataxis"])
MAX_CLIMB = 8


@dataclass(frozen=True)
class DateMention:
    """A timex with the tokens it covers."""

    value: TimeValue
    span: Span

    @property
    def root(self) -> Token:
        return self.span.root


class Dates:
    """The article's dated timexes, indexed by sentence and token."""

    def __init__(self, doc: Doc) -> None:
        self.by_sent: dict[int, list[DateMention]] = {}
        self.token: dict[int, DateMention] = {}
        for tx in doc._.timexes or []:
            value = str(tx.value)
            # resolved dates, and dates left unresolved for want of an article date
            # ("XXXX-11-25"): kept as stated, never guessed; the comparator skips them
            if tx.type not in ("DATE", "TIME") or not (
                value[:1].isdigit() or value.startswith("XXXX-")
            ):
                continue
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is None or len(span) == 0 or _name_not_date(span):
                continue
            mention = DateMention(tx.to_time_value(), span)
            self.by_sent.setdefault(span.sent.start, []).append(mention)
            for i in range(span.start, span.end):
                self.token[i] = mention
        self.scene: dict[int, DateMention] = self._scenes(doc)

    def _scenes(self, doc: Doc) -> dict[int, DateMention]:
        """Sentence start -> the date that opened its line, for sentences without a date."""
        out: dict[int, DateMention] = {}
        text = doc_text(doc)
        current: DateMention | None = None
        line_end = -1
        for sent in doc.sents:
            if current is not None and sent.start_char > line_end:
                current = None
            mentions = self.by_sent.get(sent.start, [])
            if not mentions and current is not None:
                out[sent.start] = current
            for m in mentions:
                line_start = text.rfind("\n", 0, m.span.start_char) + 1
                lead = text[max(line_start, sent.start_char) : m.span.start_char]
                if SCENE_LEAD.match(lead) and text[m.span.end_char : m.span.end_char + 1] == ",":
                    current = m
                    nl = text.find("\n", m.span.end_char)
                    line_end = nl if nl >= 0 else len(text)
        return out

    def attached(self, trigger: Token, noun: bool) -> DateMention | None:
        """The date the parse attaches to `trigger` (nearest along the tree), if any."""
        head = trigger.head
        if trigger.dep_ in ("appos", "npadvmod") and head.i in self.token:
            return self.token[head.i]
        if trigger.i in self.token:
            return self.token[trigger.i]
        best: tuple[int, DateMention] | None = None
        for m in self.by_sent.get(trigger.sent.start, []):
            dist = _path(m.root, trigger, noun)
            if dist is not None and (best is None or dist < best[0]):
                best = (dist, m)
        return best[1] if best else None

    def sentence_only(self, sent: Span) -> DateMention | None:
        values = {m.value.value for m in self.by_sent.get(sent.start, [])}
        if len(values) == 1:
            return self.by_sent[sent.start][0]
        return None

    def main_clause(self, sent: Span) -> DateMention | None:
        """The date attached to the sentence's main verb ("Lavrov said Feb. 4 ...")."""
        return self.attached(sent.root, False)

    def has_dates(self, sent: Span) -> bool:
        return bool(self.by_sent.get(sent.start))


def _name_not_date(span: Span) -> bool:
    """A capitalized deictic word inside a sentence is a name ("BBC Radio 4's Today
    programme"), not a date."""
    first = span[0]
    return (
        len(span) == 1
        and first.lower_ in DEICTIC
        and first.text[:1].isupper()
        and first.i != first.sent.start
        and first.doc[first.i - 1].text not in ('"', "“", "(", ":", "-", "—")
    )


def _path(start: Token, target: Token, noun: bool) -> int | None:
    """Steps from `start` up to `target`, or None when a clause boundary is crossed."""
    tok, steps = start, 0
    while tok.i != target.i:
        if tok.head.i == tok.i or steps > MAX_CLIMB:
            return None
        if steps > 0 and tok.pos_ in ("VERB", "AUX") and (noun or tok.dep_ in CLAUSE_DEPS):
            return None
        if steps > 0 and tok.dep_ in NOUN_CLAUSE_DEPS:
            # A noun parsed as a clause ("Looking ahead to results to March 2005, BA warned"):
            # its date is that clause's, not the main verb's.
            return None
        tok, steps = tok.head, steps + 1
    return steps


@dataclass(frozen=True)
class Mood:
    irrealis: bool = False
    future: bool = False
    hedged: bool = False
    negated: bool = False


def mood(trigger: Token, modality: Modality, speech_verbs: frozenset[str]) -> Mood:
    """Irrealis, planned, hedged or negated, from the trigger and the verbs above it."""
    irrealis, future, hedged = set(modality.irrealis), set(modality.future), set(modality.hedges)
    negations = set(modality.negations)
    found = Mood()
    tok, steps = trigger, 0
    negated = any(
        c.dep_ == "neg" or c.lower_ in negations
        for c in trigger.children
        if c.dep_ in ("neg", "det")
    )
    flags = {"irrealis": False, "future": False, "hedged": False}
    while steps <= MAX_CLIMB:
        words = [tok.lemma_.lower(), tok.lower_]
        words += [
            c.lemma_.lower() for c in tok.children if c.dep_ in ("aux", "advmod", "mark", "auxpass")
        ]
        words += [c.lower_ for c in tok.children if c.dep_ in ("aux", "advmod", "mark")]
        if steps > 0 or trigger.pos_ != "NOUN":
            flags["irrealis"] |= any(w in irrealis for w in words[1 if steps == 0 else 0 :])
        flags["future"] |= any(w in future for w in words)
        if steps == 0 or tok.dep_ not in ("pobj",):
            flags["hedged"] |= any(w in hedged for w in words)
        if steps == 1 and trigger.pos_ == "NOUN":
            negated |= any(c.dep_ == "neg" for c in tok.children)
        if tok.dep_ in STOP_CLIMB or tok.head.i == tok.i or tok.head.lemma_.lower() in speech_verbs:
            break
        if trigger.pos_ == "NOUN" and tok.dep_ in ("pobj", "prep") and steps > 0:
            break
        tok, steps = tok.head, steps + 1
    found = Mood(flags["irrealis"], flags["future"], flags["hedged"], negated)
    return found


def tense(trigger: Token, when: TimeValue | None, published: str | None, planned: bool) -> str:
    """past / present / future: plans first, then the date against the article's, then grammar."""
    if planned:
        return "future"
    if when is not None and when.start and when.end and published:
        try:
            pub_start, pub_end = parse_partial_date(published)
            if dt.date.fromisoformat(when.end) < pub_start:
                return "past"
            if dt.date.fromisoformat(when.start) > pub_end:
                return "future"
        except ValueError:
            pass
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    tags = {verb.tag_, *(c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass"))}
    if "MD" in tags and any(c.lower_ in ("will", "shall", "'ll") for c in verb.children):
        return "future"
    if tags & {"VBD"} or ("VBN" in tags and "VBZ" not in tags and "VBP" not in tags):
        return "past"
    if verb.tag_ == "VBN":
        return "past"
    return "present"
