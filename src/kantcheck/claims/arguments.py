"""Argument positions from the dependency parse: where a role of a trigger sits.

Roles are named in `data/predicates.yaml` (agent, patient, destination, ...); this module
knows only English syntax: which dependents of a verb or a noun play each role, through
passives, relative clauses, shared subjects of coordinated verbs and light verbs ("held
talks with X": the verb's subject and the noun's "with").
"""

from __future__ import annotations

from spacy.tokens import Token

REL_PRONOUNS = frozenset(["which", "who", "that", "whom"])
SHARES_SUBJECT = frozenset(["conj", "xcomp", "advcl"])
ROLE_PREPS = {
    "destination": ("to", "into", "in"),
    "source": ("from",),
    "partner": ("with",),
    "place": ("in", "at"),
}
REFLEXIVES = frozenset(
    [
        "myself",
        "yourself",
        "himself",
        "herself",
        "itself",
        "oneself",
        "ourselves",
        "yourselves",
        "themselves",
    ]
)
ROLE_DOBJ = frozenset(["destination", "source", "partner", "guest", "patient"])


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _pobjs(head: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for prep in head.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies."""
    if tok.lower_ in REL_PRONOUNS and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def clause_subject(verb: Token, depth: int = 0) -> Token | None:
    """The active subject of `verb`, borrowed from the governing verb when it has none."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            return _antecedent(c)
    shares = depth < 3 and verb.dep_ in SHARES_SUBJECT and verb.head.i != verb.i
    if shares and verb.head.pos_ in ("VERB", "AUX"):
        return clause_subject(verb.head, depth + 1)
    return None


def verb_role(verb: Token, role: str) -> list[Token]:
    """Dependents of a verb trigger that fill `role`."""
    if role == "agent":
        if is_passive(verb):
            return _pobjs(verb, ("by",))
        subj = clause_subject(verb)
        return [subj] if subj is not None else []
    if role in ROLE_DOBJ:
        # "established himself as conductor" founds nothing: a reflexive object is no argument
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in REFLEXIVES]
        if role == "patient":
            objs += [_antecedent(c) for c in verb.children if c.dep_ == "nsubjpass"]
        if objs:
            return objs
    if role in ROLE_PREPS:
        return _pobjs(verb, ROLE_PREPS[role])
    return []


def noun_role(noun: Token, role: str, light: Token | None) -> list[Token]:
    """Dependents of a noun trigger ("Putin's visit to Kyrgyzstan") that fill `role`."""
    if role == "agent":
        found = [c for c in noun.children if c.dep_ == "poss"]
        found += _pobjs(noun, ("by",))
        if not found and light is not None:
            return verb_role(light, "agent")
        if not found and noun.dep_ == "pobj" and noun.head.lower_ == "on":
            verb = noun.head.head
            if verb.pos_ in ("VERB", "AUX"):
                subj = clause_subject(verb)
                return [subj] if subj is not None else []
        return found
    if role == "patient":
        return [c for c in noun.children if c.dep_ == "poss"] + _pobjs(noun, ("of",))
    if role in ROLE_PREPS:
        found = _pobjs(noun, ROLE_PREPS[role])
        if not found and light is not None:
            found = _pobjs(light, ROLE_PREPS[role])
        return found
    return []


def expand(tokens: list[Token]) -> list[Token]:
    """Each argument with the ones coordinated to it ("Putin and his counterpart Akaev")."""
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t not in out and t.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                out.append(t)
    return out
