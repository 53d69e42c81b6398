"""The package version, read without importing anything heavy (`kantcheck --version` is fast)."""

from __future__ import annotations

import importlib.metadata

try:
    __version__ = importlib.metadata.version("kantcheck")
except importlib.metadata.PackageNotFoundError:  # running from a source tree
    __version__ = "0.1.0"
