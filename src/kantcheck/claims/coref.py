"""Reference resolution for news: tokens -> entities, with a salience-based resolver.

Why rules and not a trained resolver: coreferee 1.5.0 installs with spaCy 3.8 but needs its
own trained model package (`python -m coreferee install en`, downloaded from GitHub) that our
pinned pipeline cannot ship; news prose needs only a few reference types ("the base", "its",
"he", "the visit"), and each resolution here can be explained by one rule.

The resolver walks the article once, in order, and keeps per kind (person, facility, country,
place, organization) the positions of mentions seen so far; a definite description or pronoun
takes the subject of its own or the previous sentence when that fits, else the most recent
mention of a compatible kind. Each lookup is a bisect, so a pass is O(n log n).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kantcheck.gazetteer import Gazetteer
from kantcheck.nlp.linker import normalize_mention

from .predicates import PredicateVocab

NAMED_LABELS = frozenset(["PERSON", "GPE", "LOC", "FAC", "ORG", "EVENT", "NORP", "PRODUCT"])
LABEL_KIND = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "ORG": "organization",
    "EVENT": "event",
    "PRODUCT": "other",
}
MALE = frozenset(["he", "him", "his", "himself"])
NEUTER = frozenset(["it", "its", "itself"])
LATTER = frozenset(["latter"])
SUBJECT_DEPS = frozenset(["nsubj", "nsubjpass"])
MAX_SENTENCE_GAP = 6
NOT_NEUTER = frozenset(["person", "event", "other"])


@dataclass(frozen=True)
class Mention:
    """What an argument refers to: a gazetteer id when known, else the words as written."""

    text: str
    id: str | None
    label: str | None
    kind: str | None
    position: int
    resolved: bool = False
    named: bool = True
    antecedent: str | None = None

    @property
    def value(self) -> str:
        """The claim field value: the gazetteer id, else the lower-cased name as written
        (the antecedent's, for a pronoun: "he" -> "dubnov")."""
        return self.id or " ".join((self.antecedent or self.text).lower().split())


def phrase_text(tok: Token) -> str:
    """The noun phrase of `tok` up to its head word: no relative clauses, appositions or
    trailing modifiers, and never across punctuation."""
    left = tok.i
    lefts = {t.i for t in tok.lefts for t in t.subtree}
    while left - 1 in lefts and not tok.doc[left - 1].is_punct:
        left -= 1
    return normalize_mention(tok.doc[left : tok.i + 1].text)


class Resolver:
    """Resolves tokens to Mentions; built once per article."""

    def __init__(self, doc: Doc, gaz: Gazetteer, vocab: PredicateVocab) -> None:
        self.doc = doc
        self.gaz = gaz
        self.ent_at: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ in NAMED_LABELS:
                for i in range(ent.start, ent.end):
                    self.ent_at[i] = ent
        self.noun_kind = {w: k for k, words in vocab.anaphora.items() for w in words}
        self.positions: dict[str, list[int]] = {}
        self.at: dict[int, Mention] = {}
        self.sent_subject: dict[int, int] = {}
        self.cache: dict[int, Mention | None] = {}
        self.facility_in = self._facilities_by_place()
        for ent in doc.ents:
            mention = self._from_ent(ent)
            if mention is not None and ent.label_ != "NORP":
                self._register(mention)
        for sent in doc.sents:
            for tok in sent:
                if tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == "ROOT":
                    self.sent_subject.setdefault(sent.start, tok.i)
        # One ordered pass: descriptions become mentions that later pronouns can reach.
        for tok in doc:
            if tok.lower_ in MALE or tok.lower_ in NEUTER or tok.lemma_.lower() in self.noun_kind:
                self.resolve(tok)

    # -- indexes ---------------------------------------------------------------------------

    def _facilities_by_place(self) -> dict[str, str]:
        """Place id -> the one facility the gazetteer puts there ("the airbase in Kant")."""
        found: dict[str, list[str]] = {}
        for ent in self.gaz.entities:
            if ent.type == "facility" and ent.located_in:
                found.setdefault(ent.located_in, []).append(ent.id)
        return {place: ids[0] for place, ids in found.items() if len(ids) == 1}

    def _kind_of(self, ent_id: str | None, label: str | None) -> str | None:
        if ent_id and ent_id in self.gaz.by_id:
            return self.gaz.by_id[ent_id].type
        return LABEL_KIND.get(label or "")

    def _from_ent(self, ent: Span) -> Mention | None:
        text = normalize_mention(ent.text)
        if not text or ent.label_ not in NAMED_LABELS:
            return None
        ent_id = ent._.entity_id
        if ent.label_ == "NORP" and ent_id is None:
            return None
        return Mention(text, ent_id, ent.label_, self._kind_of(ent_id, ent.label_), ent.root.i)

    def _register(self, mention: Mention) -> None:
        if mention.position in self.at or mention.kind is None:
            return
        self.at[mention.position] = mention
        insort(self.positions.setdefault(mention.kind, []), mention.position)

    def _recent(self, kinds: set[str], before: int) -> Mention | None:
        best: Mention | None = None
        for kind in kinds:
            pos = self.positions.get(kind, [])
            k = bisect_left(pos, before) - 1
            if k >= 0 and (best is None or pos[k] > best.position):
                best = self.at[pos[k]]
        if best is None:
            return None
        sent_gap = self.doc[before].sent.start - self.doc[best.position].sent.start
        if sent_gap > 0 and self._sentences_between(best.position, before) > MAX_SENTENCE_GAP:
            return None
        return best

    def _sentences_between(self, a: int, b: int) -> int:
        return sum(1 for t in self.doc[a:b] if t.is_sent_start)

    # -- resolution ------------------------------------------------------------------------

    def entity(self, tok: Token) -> Mention | None:
        """The named entity covering `tok`, if any (no reference resolution)."""
        ent = self.ent_at.get(tok.i)
        return self._from_ent(ent) if ent is not None else None

    def resolve(self, tok: Token) -> Mention | None:
        """The entity `tok` (an argument head) refers to; None when nothing fits."""
        if tok.i in self.cache:
            return self.cache[tok.i]
        self.cache[tok.i] = None  # guards against cycles through appositions
        found = self._resolve(tok)
        self.cache[tok.i] = found
        if found is not None and found.resolved:
            self._register(replace(found, position=tok.i, resolved=True))
        return found

    def _resolve(self, tok: Token) -> Mention | None:
        named = self.entity(tok)
        if named is not None and named.label != "NORP":
            return named
        low = tok.lower_
        if low in MALE or tok.lemma_.lower() in LATTER:
            return self._anaphor(tok, {"person"})
        if low in NEUTER:
            return self._anaphor(tok, {"facility", "country", "organization", "place"})
        for child in tok.children:
            if child.dep_ == "appos":
                ent = self.entity(child)
                if ent is not None and ent.label != "NORP":
                    return ent
        kind = self.noun_kind.get(tok.lemma_.lower())
        if kind is None or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        for child in tok.children:
            if child.dep_ == "compound":
                ent = self.entity(child)
                if ent is not None and ent.kind == kind:
                    return ent
        if kind == "facility":
            located = self._facility_at_place(tok)
            if located is not None:
                return located
        definite = any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its")
            for c in tok.children
        )
        if not definite:
            return None
        return self._anaphor(tok, {kind})

    def _facility_at_place(self, tok: Token) -> Mention | None:
        """ "an airbase in Kant": the facility the place names, or the one located there."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near"):
                for obj in prep.children:
                    ent = self.entity(obj)
                    if ent is None or ent.id is None:
                        continue
                    if ent.kind == "facility":
                        return Mention(phrase_text(tok), ent.id, "FAC", "facility", tok.i, True)
                    fac = self.facility_in.get(ent.id)
                    if fac is not None:
                        return Mention(phrase_text(tok), fac, "FAC", "facility", tok.i, True)
        # The parser often misattaches the "in": read the words "airbase in Kant" as well.
        doc = tok.doc
        if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("in", "at", "near"):
            ent = self.entity(doc[tok.i + 2])
            if ent is not None and ent.id is not None:
                fac = ent.id if ent.kind == "facility" else self.facility_in.get(ent.id)
                if fac is not None:
                    return Mention(phrase_text(tok), fac, "FAC", "facility", tok.i, True)
        return None

    def _anaphor(self, tok: Token, kinds: set[str]) -> Mention | None:
        """Subject of this sentence (cataphora in a fronted phrase), else most recent fit."""
        sent = tok.sent
        subj_i = self.sent_subject.get(sent.start)
        if subj_i is not None and subj_i > tok.i and tok.dep_ == "poss" and _fronted(tok, subj_i):
            found = self.resolve(self.doc[subj_i])
            if found is not None and found.kind in kinds:
                return _as_resolved(found, tok)
        if subj_i is not None and subj_i < tok.i and tok.dep_ in SUBJECT_DEPS:
            # A subject pronoun in a later clause continues the sentence's subject.
            found = self.resolve(self.doc[subj_i])
            if found is not None and found.kind in kinds:
                return _as_resolved(found, tok)
        if tok.dep_ in SUBJECT_DEPS:
            # A pronoun opening a sentence continues the previous sentence's subject ("Mr
            # Balls ... had suggested that Mr Brown would ... . He said ...": Balls, not
            # the last person named); a neuter one after a subject we cannot name ("The
            # company said ... . It reported ...") is not guessed from an earlier name.
            prev = self._previous_subject(sent)
            if prev is not None:
                found = self.resolve(prev) or self._named_before(prev)
                if found is not None and found.kind in kinds:
                    return _as_resolved(found, tok)
                if (
                    found is None
                    and tok.lower_ in NEUTER
                    and prev.pos_ == "NOUN"
                    and prev.lemma_.lower() not in self.noun_kind
                ):
                    return None
        found = self._recent(kinds, tok.i)
        if found is None:
            return None
        return _as_resolved(found, tok)

    def _named_before(self, tok: Token) -> Mention | None:
        """A name the entity recognizer missed on a later mention ("Mr Balls, who stepped
        down ..."): the earlier named mention it repeats, by its last word."""
        if tok.pos_ != "PROPN":
            return None
        for kind, positions in self.positions.items():
            for pos in reversed(positions[: bisect_left(positions, tok.i)]):
                m = self.at[pos]
                if not m.resolved and m.text.split()[-1:] == [tok.text]:
                    return Mention(m.text, m.id, m.label, kind, tok.i, True, m.named, m.text)
        return None

    def _previous_subject(self, sent: Span) -> Token | None:
        """The main-clause subject of the sentence before `sent` (not of a headline)."""
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        if not prev.text.rstrip().endswith((".", "!", "?", '"', "”", "'", "’")):
            return None
        subj_i = self.sent_subject.get(prev.start)
        return self.doc[subj_i] if subj_i is not None else None


def _fronted(tok: Token, subj_i: int) -> bool:
    """`tok` sits in a phrase before the main clause's subject ("Since its establishment, X")."""
    head = tok
    while head.dep_ != "ROOT" and head.head.i != head.i:
        if head.head.dep_ == "ROOT":
            return head.i < subj_i and head.dep_ in ("prep", "advcl", "npadvmod", "advmod")
        head = head.head
    return False


def _as_resolved(found: Mention, tok: Token) -> Mention:
    """The antecedent's identity under the words of the referring phrase."""
    return replace(
        found,
        text=phrase_text(tok),
        position=tok.i,
        resolved=True,
        antecedent=found.antecedent or found.text,
    )
