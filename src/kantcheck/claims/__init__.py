"""Claim extraction: a parsed article -> `kantcheck.models.Claim` records.

`extract_claims` is a pure function of the Doc (from `kantcheck.nlp.pipeline`), the article,
the gazetteer and the predicate vocabulary (`data/predicates.yaml`, see docs/claims.md).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from kantcheck.gazetteer import Gazetteer
from kantcheck.ingest import Article
from kantcheck.models import Claim

from .extract import extract
from .predicates import DEFAULT_PREDICATES, PredicateVocab, load_predicates


@lru_cache(maxsize=1)
def _default_vocab() -> PredicateVocab:
    return load_predicates(DEFAULT_PREDICATES)


def extract_claims(
    doc: Doc, article: Article, gazetteer: Gazetteer, vocab: PredicateVocab | None = None
) -> list[Claim]:
    """Claims stated by one article, sorted by position; the same input gives the same ids."""
    return extract(doc, article, gazetteer, vocab or _default_vocab())


__all__ = ["DEFAULT_PREDICATES", "PredicateVocab", "extract_claims", "load_predicates"]
