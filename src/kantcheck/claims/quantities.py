"""Figure claims: `count` (a number of things, somewhere) and `located` (a distance between two
places), read from the figures component (`doc._.figures`) and the parse around each figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kantcheck.models import Figure

from .coref import Mention, Resolver
from .predicates import PredicateVocab

PLACE_KINDS = frozenset(["place", "country", "facility"])


@dataclass(frozen=True)
class FigureClaim:
    predicate: str
    subject: Mention | None
    subject_text: str | None
    object: Mention | None
    figure: Figure
    anchor: Token


def _pobj_of(head: Token, preps: tuple[str, ...]) -> Token | None:
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for c in prep.children:
                if c.dep_ == "pobj":
                    return c
    return None


def _place(resolver: Resolver, tok: Token | None) -> Mention | None:
    if tok is None:
        return None
    found = resolver.resolve(tok)
    return found if found is not None and found.kind in PLACE_KINDS else None


def _count(
    doc: Doc, mention: object, resolver: Resolver, vocab: PredicateVocab
) -> FigureClaim | None:
    figure: Figure = mention.figure  # type: ignore[attr-defined]
    if not figure.counted or figure.value < vocab.count.min_value:
        return None
    if figure.unit not in (None, figure.counted):
        return None
    head_i = mention.head  # type: ignore[attr-defined]
    noun = doc[head_i] if head_i is not None else doc[mention.token_end - 1]  # type: ignore[attr-defined]
    skip = set(vocab.count.skip_determiners)
    before = doc[max(noun.sent.start, mention.token_start - 1)]  # type: ignore[attr-defined]
    mods = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod", "poss", "predet")}
    if (before.lower_ in skip and before.i < mention.token_start) or mods & skip:  # type: ignore[attr-defined]
        return None
    if not _a_count(doc, mention, noun, vocab):
        return None
    where = _pobj_of(noun, ("in",))
    for verb in (noun.head, noun.head.head):
        if where is None and verb.pos_ in ("VERB", "AUX"):
            where = _pobj_of(verb, ("in",))
    if where is None:
        acl = next((c for c in noun.children if c.dep_ == "acl"), None)
        where = _pobj_of(acl, ("in",)) if acl is not None else None
    return FigureClaim("count", None, figure.counted, _place(resolver, where), figure, noun)


NOT_COUNT_LABELS = frozenset(
    [
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "ORDINAL",
        "ORG",
        "PRODUCT",
        "WORK_OF_ART",
        "LAW",
        "EVENT",
        "FAC",
        "GPE",
        "LOC",
        "PERSON",
    ]
)


def _a_count(doc: Doc, mention: object, noun: Token, vocab: PredicateVocab) -> bool:
    """A number that counts its noun, not a year, a price, a rank, a share, part of a name
    or one end of a range split in two."""
    start: int = mention.token_start  # type: ignore[attr-defined]
    end: int = mention.token_end  # type: ignore[attr-defined]
    figure: Figure = mention.figure  # type: ignore[attr-defined]
    sent = noun.sent
    numbers = [t for t in doc[start:end] if t.like_num or t.pos_ == "NUM"]
    if any(t.ent_type_ in NOT_COUNT_LABELS for t in numbers):
        return False  # "2003 results", "FTSE 100 companies", "August 2004"
    if numbers and any(
        t.i in (start - 1, start - 2)
        and t.i >= sent.start
        and t.text[:1].isupper()
        and t.pos_ == "PROPN"
        and t.i != sent.start
        for t in doc[max(0, start - 1) : start]
    ):
        return False  # a number after a name is part of it: "Airbus 320 jets", "Windows 98"
    years = [
        t for t in numbers if t.text.isdigit() and len(t.text) == 4 and 1800 <= int(t.text) <= 2100
    ]
    if years and figure.value == float(years[0].text):
        return False
    skip_before = set(vocab.count.skip_before)
    prev = [doc[i].lower_ for i in range(max(sent.start, start - 2), start)]
    if prev and (prev[-1] in skip_before or prev[0] in skip_before):
        return False
    after = [doc[i].lower_ for i in range(end, min(sent.end, end + 2))]
    if after[:2] == ["out", "of"] or (after[:1] == ["in"] and _number_after(doc, end + 1, sent)):
        return False  # the numerator of "six out of 20", "one in five"
    counted = (figure.counted or "").lower()
    skip_nouns = set(vocab.count.skip_nouns)
    if noun.lemma_.lower() in skip_nouns or (
        counted.split()[-1:] and counted.split()[-1] in skip_nouns
    ):
        return False
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i:
        return False  # the counted noun is a modifier: "millions of government e-mails"
    if prev and prev[-1] in ("or", "to", "-", "and") and _number_before(doc, start - 1, sent):
        return False  # the second end of "five or six guys"
    # the first end of "five or six guys": a range, not a count
    return not (after[:1] in (["or"], ["to"]) and _number_after(doc, end + 1, sent))


def _number_after(doc: Doc, i: int, sent: object) -> bool:
    return i < sent.end and (doc[i].like_num or doc[i].pos_ == "NUM")  # type: ignore[attr-defined]


def _number_before(doc: Doc, i: int, sent: object) -> bool:
    j = i - 1
    return j >= sent.start and (doc[j].like_num or doc[j].pos_ == "NUM")  # type: ignore[attr-defined]


def _located(
    doc: Doc, mention: object, resolver: Resolver, vocab: PredicateVocab
) -> FigureClaim | None:
    figure: Figure = mention.figure  # type: ignore[attr-defined]
    if figure.unit not in vocab.located.units:
        return None
    unit = doc[mention.token_end - 1]  # type: ignore[attr-defined]
    holder = unit.head if unit.dep_ in ("dobj", "npadvmod", "pobj", "attr") else unit
    if holder.dep_ == "prep":
        holder = holder.head
    other = _pobj_of(unit, ("from",)) or _pobj_of(holder, ("from",))
    target = _place(resolver, other)
    if target is None:
        return None
    subject: Mention | None = None
    if holder.lemma_.lower() in vocab.located.verbs or holder.pos_ in ("VERB", "ADJ"):
        if holder.dep_ in ("acl", "relcl", "appos", "amod"):
            subject = _place(resolver, holder.head)
        if subject is None:
            nsubj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            subject = _place(resolver, nsubj)
        if subject is None:
            subject = _nearest_place_before(resolver, holder)
    if subject is None or subject.value == target.value:
        return None
    return FigureClaim("located", subject, None, target, figure, holder)


def _nearest_place_before(resolver: Resolver, tok: Token) -> Mention | None:
    """A participle detached by the parser ("... at the base, situated 20 km from X")."""
    for prev in reversed(tok.sent[: tok.i - tok.sent.start]):
        if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ in ("pobj", "dobj", "nsubj", "appos"):
            found = _place(resolver, prev)
            if found is not None:
                return found
            if prev.dep_ in ("dobj", "nsubj"):
                return None
    return None


def figure_claims(doc: Doc, resolver: Resolver, vocab: PredicateVocab) -> list[FigureClaim]:
    out: list[FigureClaim] = []
    for mention in doc._.figures or []:
        for reader in (_located, _count):
            found = reader(doc, mention, resolver, vocab)
            if found is not None:
                out.append(found)
                break
    return out
