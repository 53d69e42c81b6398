"""Safe YAML loading that remembers line numbers, so validation errors can name `file:line`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from kantcheck.errors import ConfigError

# libyaml's loader when PyYAML was built with it: several times faster on the gazetteer.
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


def _walk(node: yaml.Node, path: Loc, lines: dict[Loc, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            lines[(*path, k)] = key.start_mark.line + 1
            _walk(value, (*path, k), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines)


def load_yaml(path: Path) -> tuple[Any, dict[Loc, int]]:
    """Parse a YAML file safely; return the data and a map from path to line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    try:
        node = yaml.compose(text, Loader=Loader)
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}{line}: invalid YAML: {problem}") from exc
    lines: dict[Loc, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of the deepest known prefix of `loc`."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return None


class LocatedErrors(Exception):
    """Raised by a model's cross-reference checks with the place of each problem, so that the
    message can name the line (pydantic would reduce a ValueError to the top of the file)."""

    def __init__(self, problems: list[tuple[Loc, str]]) -> None:
        super().__init__("; ".join(msg for _, msg in problems))
        self.problems = problems


def validate_file(model: type[M], path: Path) -> M:
    """Load and validate a YAML file; every error becomes `file:line: loc -> msg`."""
    data, lines = load_yaml(path)
    try:
        return model.model_validate(data if data is not None else {})
    except LocatedErrors as exc:
        msgs = [_located(path, lines, loc, msg) for loc, msg in exc.problems]
        raise ConfigError("\n".join(msgs)) from exc
    except ValidationError as exc:
        msgs = [_located(path, lines, tuple(e["loc"]), e["msg"]) for e in exc.errors()]
        raise ConfigError("\n".join(msgs)) from exc


def _located(path: Path, lines: dict[Loc, int], loc: Loc, msg: str) -> str:
    """`file:line: a.b.0.c -> message`, the line of the deepest known part of `loc`."""
    where = ".".join(str(p) for p in loc) or "(top)"
    return f"{path}:{line_of(lines, loc) or 1}: {where} -> {msg}"
