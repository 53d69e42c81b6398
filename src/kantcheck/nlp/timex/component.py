"""The spaCy pipeline component `kantcheck_timex`: sets `doc._.timexes` from `doc._.dct`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kantcheck.nlp.guard import guarded

from .tagger import tag

TIMEX_COMPONENT = "kantcheck_timex"

Doc.set_extension("dct", default=None, force=True)
Doc.set_extension("timexes", default=None, force=True)


class TimexTagger:
    """Stateless: all knowledge is in the compiled rules and the lexicon."""

    def __call__(self, doc: Doc) -> Doc:
        return guarded(doc, "timexes", "temporal tagging", tag)


@Language.factory(TIMEX_COMPONENT, assigns=["doc._.timexes"])
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    """Factory registered with spaCy; add it last, after the parser."""
    return TimexTagger()
