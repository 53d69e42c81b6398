"""Offices read from titles: "Kyrgyz President Sadyr Japarov", "his Kyrgyz counterpart Akaev".

A title is the run of modifiers before a person's name (or a noun in apposition to it), looked
up in the gazetteer's office `titles`. "Counterpart" names the peer of the other party: the
role of that party's office ("President") with the nationality before "counterpart"
("Kyrgyz") is looked up again ("Kyrgyz President" -> president_kyrgyzstan). No office is
guessed from the gazetteer's timelines (only the role word, when the other party has no title in
the sentence): a claim says what the text says.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kantcheck.gazetteer import Gazetteer, Office

from .coref import Mention, Resolver

TITLE_DEPS = frozenset(["compound", "amod", "nmod"])


@dataclass(frozen=True)
class OfficeMention:
    person: Mention
    office: str
    token: Token
    how: str


def _title_tokens(head: Token, before: int) -> list[Token]:
    """Modifiers of `head` left of position `before`, in order ("Russian", "Foreign", ...)."""
    out: list[Token] = []
    stack = [c for c in head.lefts if c.dep_ in TITLE_DEPS and c.i < before]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.lefts if c.dep_ in TITLE_DEPS)
    return sorted(out, key=lambda t: t.i)


def _lookup(gaz: Gazetteer, words: list[str]) -> Office | None:
    """The longest run of title words, ending at the name, that the gazetteer knows."""
    for k in range(len(words)):
        office = gaz.office_for_title(" ".join(words[k:]))
        if office is not None:
            return office
    return None


def _role(office: Office) -> str:
    return office.name.split(" of ")[0]


class OfficeReader:
    def __init__(self, gaz: Gazetteer, resolver: Resolver, counterpart_nouns: list[str]) -> None:
        self.gaz = gaz
        self.resolver = resolver
        self.counterparts = frozenset(counterpart_nouns)

    def read(self, sent: Span) -> list[OfficeMention]:
        found: list[OfficeMention] = []
        for ent in sent.ents:
            if ent.label_ != "PERSON":
                continue
            person = self.resolver.entity(ent.root)
            if person is None or person.id is None:
                continue
            words = [t.text for t in _title_tokens(ent.root, ent.start)]
            office = _lookup(self.gaz, words) if words else None
            if office is not None:
                found.append(OfficeMention(person, office.id, ent.root, "title"))
                continue
            head = ent.root.head if ent.root.dep_ == "appos" else None
            if head is not None and head.pos_ == "NOUN":
                if head.lemma_.lower() in self.counterparts:
                    office = self._counterpart(head, found)
                    how = "counterpart"
                else:
                    office = _lookup(
                        self.gaz, [t.text for t in _title_tokens(head, head.i)] + [head.text]
                    )
                    how = "apposition"
                if office is not None:
                    found.append(OfficeMention(person, office.id, ent.root, how))
        return found

    def _counterpart(self, noun: Token, known: list[OfficeMention]) -> Office | None:
        """ "his Kyrgyz counterpart": the other party's role, with this nationality."""
        other: Mention | None = None
        coordinated = [t for t in noun.conjuncts if t.i != noun.i]
        for tok in coordinated:
            other = self.resolver.resolve(tok)
            if other is not None:
                break
        if other is None:
            poss = next((c for c in noun.children if c.dep_ == "poss"), None)
            other = self.resolver.resolve(poss) if poss is not None else None
        if other is None or other.id is None:
            return None
        theirs = next(
            (self.gaz.offices_by_id[k.office] for k in known if k.person.id == other.id), None
        )
        if theirs is None:
            # Only the role ("President") is borrowed from the timeline; the country is the text's.
            theirs = next((office for office, _ in self.gaz.terms_of(other.id)), None)
        if theirs is None:
            return None
        nationality = [t.text for t in _title_tokens(noun, noun.i)]
        if not nationality:
            return None
        return self.gaz.office_for_title(f"{' '.join(nationality)} {_role(theirs)}")
