"""`Doc.text` once per Doc: spaCy rebuilds it from every token on each access (O(doc))."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "kantcheck.text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once and kept in `doc.user_data`."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_KEY] = text
    return text
