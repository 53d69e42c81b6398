"""Walk the given paths for article files, following links safely and never looping."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kantcheck.errors import UsageError

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json"})
DEFAULT_MAX_BYTES = 5_000_000
MAX_DEPTH = 64
STDIN = "-"


@dataclass(frozen=True)
class Candidate:
    """A path to read, or the reason it cannot be read (a dangling link, a loop)."""

    path: str
    problem: str | None = None


def _walk(root: Path, seen_dirs: set[str]) -> Iterator[Candidate]:
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            real = os.path.realpath(folder)
            if real in seen_dirs:
                yield Candidate(str(folder), "symlink loop: folder already visited")
                continue
            seen_dirs.add(real)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Candidate(str(folder), f"cannot list folder: {exc.strerror or exc}")
            continue
        subdirs = []
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                yield Candidate(str(path), f"cannot stat: {exc.strerror or exc}")
                continue
            if is_dir:
                if depth + 1 > MAX_DEPTH:
                    yield Candidate(
                        str(path),
                        f"folder nested deeper than {MAX_DEPTH} levels: not searched; "
                        "pass it as a path of its own to scan it",
                    )
                else:
                    subdirs.append((path, depth + 1))
            elif is_file:
                if path.suffix.lower() in ARTICLE_SUFFIXES:
                    yield Candidate(str(path))
            elif entry.is_symlink() and path.suffix.lower() in ARTICLE_SUFFIXES:
                yield Candidate(str(path), "dangling symbolic link")
        stack.extend(reversed(subdirs))


def discover(paths: list[str]) -> list[Candidate]:
    """Expand paths in a stable order; a missing top-level path is a usage error."""
    out: list[Candidate] = []
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            out.append(Candidate(STDIN))
            continue
        path = Path(raw)
        if path.is_dir():
            found = list(_walk(path, seen_dirs))
        elif path.is_file():
            found = [Candidate(str(path))]
        elif path.exists():  # a FIFO or a device would block or never end: not an article
            found = [Candidate(str(path), "not a regular file (a FIFO, device or socket)")]
        elif path.is_symlink():
            found = [Candidate(str(path), "dangling symbolic link")]
        else:
            raise UsageError(f"no such file or folder: {raw}")
        for cand in found:
            key = cand.path if cand.problem else os.path.realpath(cand.path)
            if key in seen_files:
                continue
            seen_files.add(key)
            out.append(cand)
    return out
