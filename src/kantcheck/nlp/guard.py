"""One bad document must never stop a scan: a component that fails leaves an empty result and
says so on standard error (with the traceback in the log), instead of raising."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

log = logging.getLogger("kantcheck")


def guarded(doc: Doc, attr: str, what: str, fn: Callable[[Doc], list[Any]]) -> Doc:
    """Set `doc._.<attr>` to `fn(doc)`, or to [] with a warning when `fn` fails."""
    try:
        value = fn(doc)
    except Exception:
        log.warning("%s failed on a document; its %s are skipped", what, attr, exc_info=True)
        value = []
    setattr(doc._, attr, value)
    return doc
