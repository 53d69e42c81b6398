# ruff: noqa: E501
"""The predicate vocabulary file and the model-free parts of claim extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from kantcheck.claims import DEFAULT_PREDICATES, load_predicates
from kantcheck.claims.attribution import find_quotes
from kantcheck.errors import ConfigError


def test_default_vocabulary_loads_and_indexes_lemmas() -> None:
    vocab = load_predicates()
    assert DEFAULT_PREDICATES.name == "predicates.yaml"
    for lemma in (
        "establish",
        "open",
        "found",
        "inaugurate",
        "visit",
        "arrive",
        "begin",
        "commence",
        "depart",
        "meet",
        "host",
        "welcome",
        "sign",
        "close",
        "attend",
    ):
        assert lemma in vocab.verb_index, lemma
    for lemma in (
        "establishment",
        "opening",
        "inauguration",
        "foundation",
        "ceremony",
        "closure",
        "visit",
        "summit",
        "talk",
    ):
        assert lemma in vocab.noun_index, lemma
    assert {b.predicate for b in vocab.verb_index["begin"]} == {"visit_began"}
    assert "say" in vocab.speech.verbs and "say" in vocab.trigger_lemmas


def test_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "predicates.yaml"
    bad.write_text(
        "version: 1\npredicates:\n  opened:\n    - verbs: [open]\n      subject: [opener]\n"
    )
    with pytest.raises(ConfigError) as err:
        load_predicates(bad)
    assert f"{bad}:5:" in str(err.value) and "subject" in str(err.value)


def test_users_can_add_predicates(tmp_path: Path) -> None:
    extra = tmp_path / "predicates.yaml"
    extra.write_text(
        "version: 1\npredicates:\n  resigned:\n    - verbs: [resign]\n      nouns: [resignation]\n"
        "      subject: [agent]\n"
    )
    vocab = load_predicates(extra)
    assert vocab.verb_index["resign"][0].predicate == "resigned"


def test_quotes_are_not_apostrophes() -> None:
    text = '‘This is not a base—it’s a bridge,’ said an official. Kyrgyzstan’s role, “ok”, «yes» and "x".'
    quotes = [text[a:b] for a, b in find_quotes(text)]
    assert quotes == ["‘This is not a base—it’s a bridge,’", "“ok”", "«yes»", '"x"']
