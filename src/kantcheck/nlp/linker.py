"""Gazetteer entities in spaCy: ruler patterns from the aliases, then linking mentions to ids.

Exact aliases come from an `entity_ruler` placed before the statistical NER, so "Kant" is a
place or the air base, never a person. Mentions the ruler did not cover are linked by alias,
title-stripped name, surname, and finally fuzzy matching on a transliteration key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc, Span

from kantcheck.gazetteer import Entity, Gazetteer, load_gazetteer

LINKER_COMPONENT = "kantcheck_linker"
RULER_NAME = "kantcheck_gazetteer"
# Transliteration variants score ~80-90 on plain ratio; on the key below they score >= 90,
# while unrelated names of the same length stay under it.
FUZZY_THRESHOLD = 90.0
FUZZY_MIN_LENGTH = 5
LABELS = {
    "person": "PERSON",
    "place": "GPE",
    "country": "GPE",
    "facility": "FAC",
    "organization": "ORG",
    "event": "EVENT",
    "other": "MISC",
}
COMPATIBLE = {
    "PERSON": {"person"},
    "GPE": {"place", "country"},
    "LOC": {"place", "country", "facility"},
    "FAC": {"facility", "place"},
    "ORG": {"organization", "facility", "country"},
    "NORP": {"country"},
    "EVENT": {"event"},
}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_TITLES = re.compile(
    r"^(?:(?:the|president|prime|minister|foreign|defen[cs]e|general|colonel|gen\.|col\.|mr\.?|"
    r"mrs\.?|ms\.?|dr\.?|mayor|ambassador|chief|head|leader|former|acting|interim|deputy|"
    r"russian|kyrgyz|u\.s\.|us|american|kazakh|belarusian)\s+)+",
    re.IGNORECASE,
)
_TRANSLIT = [
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("yev", "ev"),
    ("iev", "ev"),
    ("ye", "e"),
    ("yu", "u"),
    ("ya", "a"),
    ("iy", "i"),
    ("yi", "i"),
    ("ay", "a"),
    ("oo", "o"),
    ("ee", "e"),
    ("y", "i"),
    ("w", "v"),
    ("ph", "f"),
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),
]

Doc.set_extension("links", default=None, force=True)
Span.set_extension(
    "entity_id",
    getter=lambda span: (span.doc._.links or {}).get((span.start, span.end)),
    force=True,
)


def translit_key(name: str) -> str:
    """A spelling-neutral key: Zhaparov, Dzhaparov and Japarov share `japarov`."""
    key = re.sub(r"[^a-z ]", "", name.lower())
    for src, dst in _TRANSLIT:
        key = key.replace(src, dst)
    return re.sub(r"(.)\1+", r"\1", key)


def normalize_mention(text: str) -> str:
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text).strip(" .,;:\"'“”‘’()[]")
    return text


_LOWER_WORDS = frozenset({"of", "in", "the", "and", "at", "for", "on", "de", "a"})


def case_variants(name: str) -> set[str]:
    """The spellings of a name news actually prints: as written, in headline case, in capitals.

    Patterns match exact text (ORTH) through a PhraseMatcher: fast, and "us" never matches "US",
    nor "kant" the town of Kant."""
    words = name.split()
    headline = " ".join(
        w if (w.lower() in _LOWER_WORDS and i) or not w[:1].isalpha() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )
    first = name[:1].upper() + name[1:]
    return {name, first, headline, name.upper()}


def ruler_patterns(gaz: Gazetteer) -> list[dict[str, Any]]:
    """Phrase patterns for every alias and its case variants, labelled by entity type; an
    alias shared by several entities carries the id of its default reading (the linker may
    choose another from context)."""
    patterns = []
    for ent in gaz.entities:
        for name in ent.names:
            ids = gaz.alias_index.get(name.lower(), [ent.id])
            default = _default_of(gaz, ids)
            label = LABELS[gaz.by_id[default].type]
            variants = {name} if len(name) <= 3 or name.isupper() else case_variants(name)
            for text in sorted(variants):
                patterns.append({"label": label, "pattern": text, "id": default})
    return patterns


def _default_of(gaz: Gazetteer, ids: list[str]) -> str:
    for i in ids:
        if gaz.by_id[i].default:
            return i
    return ids[0]


class EntityLinker:
    """Sets `doc._.links[(start, end)]` to a gazetteer id (or None) for every entity."""

    def __init__(self, gaz: Gazetteer, context_window: int = 40) -> None:
        self.gaz = gaz
        self.window = context_window
        self.keys: dict[str, list[str]] = {}
        for ent in gaz.entities:
            for name in ent.names:
                key = translit_key(name)
                if len(key) >= FUZZY_MIN_LENGTH:
                    self.keys.setdefault(key, [])
                    if ent.id not in self.keys[key]:
                        self.keys[key].append(ent.id)
        self.key_list = sorted(self.keys)
        self.surnames: dict[str, list[str]] = {}
        for ent in gaz.entities:
            if ent.type == "person":
                for name in ent.names:
                    last = name.split()[-1].lower()
                    ids = self.surnames.setdefault(last, [])
                    if ent.id not in ids:
                        ids.append(ent.id)

    def __call__(self, doc: Doc) -> Doc:
        links: dict[tuple[int, int], str | None] = {}
        for span in doc.ents:
            links[(span.start, span.end)] = self.link(span)
        doc._.links = links
        return doc

    def candidates(self, span: Span) -> list[str]:
        text = normalize_mention(span.text)
        low = text.lower()
        index = self.gaz.alias_index
        if low in index:
            return index[low]
        if low.startswith("the ") and low[4:] in index:
            return index[low[4:]]
        stripped = _TITLES.sub("", text).strip()
        if stripped and stripped.lower() in index:
            return index[stripped.lower()]
        if span.label_ == "PERSON" and stripped:
            last = stripped.split()[-1].lower()
            if last in self.surnames and len(self.surnames[last]) == 1:
                return self.surnames[last]
        return self.fuzzy(stripped or text, span.label_)

    def fuzzy(self, text: str, label: str) -> list[str]:
        key = translit_key(text)
        if len(key) < FUZZY_MIN_LENGTH or not self.key_list:
            return []
        hit = process.extractOne(
            key, self.key_list, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        if hit is None:
            return []
        allowed = COMPATIBLE.get(label)
        return [
            i for i in self.keys[hit[0]] if allowed is None or self.gaz.by_id[i].type in allowed
        ]

    def link(self, span: Span) -> str | None:
        ids = self.candidates(span)
        if not ids:
            return None
        if len(ids) == 1:
            return ids[0]
        return self.disambiguate(span, ids)

    def disambiguate(self, span: Span, ids: list[str]) -> str:
        """Pick the reading whose context words stand nearest; else the declared default.

        Words next to the mention weigh more than words elsewhere in the sentence ("Kant city"
        is the town even in a sentence about the air base), and a mention governed by "in"
        leans to a place ("the airbase in Kant": the base is in the town).
        """
        doc = span.doc
        if doc.has_annotation("SENT_START"):
            sent_start, sent_end = span.sent.start, span.sent.end
        else:
            sent_start = max(0, span.start - self.window)
            sent_end = min(len(doc), span.end + self.window)
        near = {
            t.lower_ for t in doc[max(sent_start, span.start - 2) : min(sent_end, span.end + 2)]
        }
        far = {t.lower_ for t in doc[sent_start:sent_end]}
        pairs = {
            f"{a.lower_} {b.lower_}"
            for a, b in zip(doc[sent_start:sent_end], doc[sent_start + 1 : sent_end], strict=False)
        }
        governed_by_in = span.root.dep_ == "pobj" and span.root.head.lower_ == "in"
        best, best_score = _default_of(self.gaz, ids), 0
        for i in ids:
            ent: Entity = self.gaz.by_id[i]
            score = 0
            for w in (c.lower() for c in ent.context):
                if w in near and w not in (t.lower() for t in ent.names):
                    score += 3
                elif w in far or w in pairs:
                    score += 1
            if governed_by_in and ent.type in ("place", "country"):
                score += 2
            if score > best_score:
                best, best_score = i, score
        return best


@Language.factory(
    LINKER_COMPONENT,
    assigns=["doc._.links"],
    default_config={"gazetteer_path": ""},
)
def make_linker(nlp: Language, name: str, gazetteer_path: str) -> EntityLinker:
    return EntityLinker(load_gazetteer(Path(gazetteer_path) if gazetteer_path else None)[0])
