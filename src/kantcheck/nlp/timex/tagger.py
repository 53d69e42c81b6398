"""The tagging pass: run the compiled rules over the text, keep the longest non-overlapping
readings, then normalize them left to right so "two days later" sees the dates before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import normalize as N
from .resolve import HANDLERS, Context, Reading, Tense
from .rules import compiled_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kantcheck.models import TimeValue


@dataclass(frozen=True)
class Timex:
    """One temporal expression: where it is, what kind, and its TIMEX3 value.

    `anchor` says what resolved the value: "absolute" (the text alone), "dct" (the document
    date), "text" (an earlier date in the text), "none" (nothing did; the value has X's).
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    granularity: str | None = None
    interval_start: str | None = None
    interval_end: str | None = None
    anchor: str = "absolute"
    mod: str | None = None
    rule: str = ""

    def to_time_value(self) -> TimeValue:
        """The record claims carry (kantcheck.models.TimeValue)."""
        from kantcheck.models import TimeValue

        return TimeValue(
            text=self.text,
            value=self.value,
            granularity=self.granularity,
            start=self.interval_start,
            end=self.interval_end,
            type=self.type,
            anchor=self.anchor,
        )


# --- tense -----------------------------------------------------------------------------------

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_INTENT = {
    "plan",
    "expect",
    "intend",
    "want",
    "hope",
    "aim",
    "schedule",
    "set",
    "due",
    "go",
    "seek",
    "agree",
    "promise",
    "decide",
    "prepare",
    "propose",
    "threaten",
    "vow",
    "pledge",
    "wish",
    "need",
    "have",
    "be",
    # nouns of intent: "an agreement to acquire it in January"
    "agreement",
    "deal",
    "bid",
    "offer",
    "proposal",
    "decision",
    "intention",
    "effort",
    "commitment",
    "option",
    "pact",
    "accord",
}
_SCHEDULE = {"schedule", "plan", "slate", "reschedule", "postpone"}
_FUTURE_PASSIVE = {"plan", "schedule", "expect", "set", "slate", "due", "intend", "go"}
_FUT_RX = re.compile(
    r"\b(will|'ll|shall|might|going to|plans? to|planned|scheduled|expected to|due to"
    r"|intends? to|is to|are to|would)\b",
    re.I,
)
_PAST_RX = re.compile(r"\b(was|were|had|did|said|\w+ed)\b", re.I)
_SENT_RX = re.compile(r"[.!?\n]\s")


def _verb_tense(v: Token, depth: int = 0) -> Tense:
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in aux]
    if any(w in _FUTURE_AUX for w in words):
        return "FUTURE"
    if any(a.tag_ == "MD" for a in aux):
        return None  # "could", "would", "may": no direction of their own
    if "going" in words:
        return "FUTURE"
    if v.tag_ == "VB" and "to" in words:
        # an infinitive looks ahead only under a verb of intent ("plans to meet Monday");
        # otherwise it shares its governor's time ("gathered to mark Friday's entry")
        head = v.head
        for _ in range(4):  # past nouns ("ways to get around ...") to the governing verb
            if head.lemma_ in _INTENT or head.head is head or head.tag_.startswith("VB"):
                break
            head = head.head
        if depth < 3 and head is not v:
            if head.lemma_ in _INTENT:
                return "FUTURE"
            if head.tag_.startswith("VB") or head.tag_ == "MD":
                return _verb_tense(head, depth + 1)
        return "FUTURE"
    if (
        v.tag_ == "VBN"
        and any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in aux)
        and v.lemma_ in _FUTURE_PASSIVE
    ):
        return "FUTURE"
    if v.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "FUTURE"
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "PAST"
    if v.tag_ == "VBN" and (not aux or any(a.lemma_ == "have" for a in aux)):
        return "PAST"  # perfect, or a participle ("the deal, announced Friday, ...")
    if v.tag_ in ("VBZ", "VBP"):
        if v.lemma_ in _FUTURE_PASSIVE and any(
            c.tag_ == "TO" or c.dep_ == "xcomp" for c in v.children
        ):
            return "FUTURE"
        return "PRESENT"
    if v.tag_ == "MD":
        return "FUTURE"
    return None


def _regex_tense(text: str, start: int, end: int) -> Tense:
    """Tense from cue words in the sentence around [start, end), for docs without a parse."""
    left = text.rfind(". ", 0, start)
    right_m = _SENT_RX.search(text, end)
    window = text[left + 1 if left >= 0 else 0 : right_m.start() + 1 if right_m else len(text)]
    if _FUT_RX.search(window):
        return "FUTURE"
    if _PAST_RX.search(window):
        return "PAST"
    return None


def tense_function(doc: Doc) -> Callable[[int, int], Tense]:
    """A cached `tense(start, end)` for the doc: the parse's governing verb, else cue words."""
    text = doc.text
    parsed = doc.has_annotation("DEP") and doc.has_annotation("TAG")
    cache: dict[tuple[int, int], Tense] = {}

    def tense(start: int, end: int) -> Tense:
        key = (start, end)
        if key in cache:
            return cache[key]
        result: Tense = None
        span = doc.char_span(start, end, alignment_mode="expand") if parsed else None
        if span is not None and len(span):
            tok = span.root
            for _ in range(8):
                if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.tag_ == "MD":
                    break
                if tok.head is tok:
                    break
                tok = tok.head
            result = _verb_tense(tok)
            if (
                tok.lemma_ in _SCHEDULE
                and tok.i < span.start
                and (tok.tag_ != "VBN" or any(c.dep_ == "aux" for c in tok.children))
            ):
                result = "FUTURE"  # "has scheduled a news conference Thursday"
            if result is None or result == "PRESENT":
                # fall back to the sentence's main verb
                root = span.sent.root if doc.has_annotation("SENT_START") else tok
                if root is not tok:
                    r2 = _verb_tense(root)
                    if r2 in ("PAST", "FUTURE"):
                        result = r2
        else:
            result = _regex_tense(text, start, end)
        cache[key] = result
        return result

    return tense


# --- tagging ---------------------------------------------------------------------------------


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match[str]]]:
    out = []
    for rule in compiled_rules():
        for m in rule.regex.finditer(text):
            if m.end() > m.start():
                out.append((m.start(), m.end(), rule.priority, rule.name, m))
    return out


def _trimmed(m: re.Match[str], r: Reading) -> tuple[int, int]:
    s, e = m.start() + r.start_trim, m.end() - r.end_trim
    return s, e


def _apply(name: str, m: re.Match[str], ctx: Context, strict: bool) -> Reading | None:
    """Run one handler; unless `strict`, a handler bug drops that expression, not the article."""
    try:
        return HANDLERS[name](m, ctx)
    except Exception:
        if strict:
            raise
        return None


def _before_dct_quarter(ref: N.Ref, dct: N.Ref) -> bool:
    """Whether a quarter ended before the DCT's quarter began."""
    return (ref.year, ref.quarter or 0) < (dct.year, N.quarter_of(dct.month) if dct.month else 4)


def tag_string(
    text: str,
    dct: str | None,
    tense: Callable[[int, int], Tense] | None = None,
    strict: bool = False,
) -> list[Timex]:
    """Tag a plain string against a DCT; `tense` defaults to cue words in the sentence.

    `strict=True` lets handler exceptions propagate (tests); by default they drop the expression.
    """
    if tense is None:

        def tense(s: int, e: int) -> Tense:
            return _regex_tense(text, s, e)

    dct_ref = N.parse_dct(dct)
    probe = Context(text, dct_ref, tense)
    cands = _candidates(text)
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for s, e, _prio, name, m in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        r = _apply(name, m, probe, strict)
        if r is None:
            continue
        taken.append((s, e))
        chosen.append((s, e, name, m))
    chosen.sort(key=lambda c: c[0])
    ctx = Context(text, dct_ref, tense)
    out: list[Timex] = []
    for _s, _e, name, m in chosen:
        r = _apply(name, m, ctx, strict)
        if r is None:
            continue
        ts, te = _trimmed(m, r)
        gran = r.granularity or N.granularity_of(r.value)
        iv = N.interval(r.value) if r.type in ("DATE", "TIME") else None
        out.append(
            Timex(
                start=ts,
                end=te,
                text=text[ts:te],
                type=r.type,
                value=r.value,
                granularity=gran,
                interval_start=iv[0] if iv else None,
                interval_end=iv[1] if iv else None,
                anchor=r.anchor,
                mod=r.mod,
                rule=name,
            )
        )
        if r.type in ("DATE", "TIME") and r.anchor in ("absolute", "dct", "text"):
            ref = N.ref_of_value(r.value)
            if ref is not None and (gran in ("day", "month", "quarter", "year", "time", "week")):
                ctx.last = ref
                # the quarter being reported: one over by the DCT, not a forecast
                # ("the fourth quarter" or "the third quarter of 1990" in October 1989)
                if (
                    gran == "quarter"
                    and name != "year_adj"
                    and r.anchor != "text"
                    and (ctx.dct is None or _before_dct_quarter(ref, ctx.dct))
                ):
                    ctx.last_quarter = ref
    return out


def tag(doc: Doc) -> list[Timex]:
    """Tag a spaCy Doc, reading the DCT from `doc._.dct`; uses the parse for tense if present."""
    dct = doc._.dct if doc.has_extension("dct") else None
    return tag_string(doc.text, dct, tense_function(doc))


__all__ = ["Timex", "tag", "tag_string", "tense_function"]
_ = replace
