"""Build the one spaCy pipeline a scan uses: model, gazetteer ruler, linker, temporal tagger."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kantcheck.gazetteer import DEFAULT_GAZETTEER, load_gazetteer
from kantcheck.nlp.linker import LINKER_COMPONENT, RULER_NAME, ruler_patterns
from kantcheck.nlp.model import load_model

if TYPE_CHECKING:
    from spacy.language import Language


def add_kantcheck_components(nlp: Language, gazetteer_path: Path | None = None) -> Language:
    """Add kantcheck's components to a loaded (or blank) pipeline; returns it for chaining."""
    from kantcheck.nlp import figures, timex

    path = str(gazetteer_path or DEFAULT_GAZETTEER)
    gaz, _ = load_gazetteer(Path(path))
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
        before="ner" if "ner" in nlp.pipe_names else None,
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns(gaz))  # type: ignore[attr-defined]
    nlp.add_pipe(LINKER_COMPONENT, config={"gazetteer_path": path})
    nlp.add_pipe(timex.TIMEX_COMPONENT)
    nlp.add_pipe(figures.FIGURES_COMPONENT)
    return nlp


def build_pipeline(
    model: str | None = None, gazetteer_path: Path | None = None
) -> tuple[Language, str]:
    """The full pipeline and the label of the model that runs in it."""
    nlp, label = load_model(model)
    return add_kantcheck_components(nlp, gazetteer_path), label
