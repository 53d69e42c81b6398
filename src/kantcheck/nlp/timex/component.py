"""The spaCy pipeline component `kantcheck_timex`: sets `doc._.timexes` from `doc._.dct`."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from .tagger import tag

TIMEX_COMPONENT = "kantcheck_timex"

Doc.set_extension("dct", default=None, force=True)
Doc.set_extension("timexes", default=None, force=True)


class TimexTagger:
    """Stateless: all knowledge is in the compiled rules and the lexicon."""

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.timexes = tag(doc)
        except Exception:  # a bad article must never stop a scan; say so on stderr
            logging.getLogger("kantcheck").warning(
                "%s failed on a document; its dates are skipped", "temporal tagging", exc_info=True
            )
            doc._.timexes = []
        return doc


@Language.factory(TIMEX_COMPONENT, assigns=["doc._.timexes"])
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    """Factory registered with spaCy; add it last, after the parser."""
    return TimexTagger()
