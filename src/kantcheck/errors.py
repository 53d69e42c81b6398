"""One exception hierarchy; the CLI maps it to messages and exit codes.

Bad articles never raise: they become error records in the report."""

from __future__ import annotations


class KantcheckError(Exception):
    """Base of every error kantcheck raises on purpose."""

    exit_code = 2


class UsageError(KantcheckError):
    """Bad option, missing path, unwritable output."""


class ConfigError(KantcheckError):
    """Invalid gazetteer, predicate or rule file; the message names file and line."""


class ModelError(KantcheckError):
    """The spaCy model cannot be loaded; the message says what to install."""


class ArticleError(Exception):
    """An article that cannot be processed: recorded in the report's `errors`, never fatal."""
