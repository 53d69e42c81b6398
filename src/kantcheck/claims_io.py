"""Read claims back from JSON Lines, a JSON report, or a JSON list (for `kantcheck compare`)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from kantcheck.errors import UsageError
from kantcheck.models import ArticleInfo, Claim


def _claim(obj: dict[str, Any], where: str) -> Claim:
    obj = {k: v for k, v in obj.items() if k != "type"}
    try:
        return Claim.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"{where}: not a claim: {loc} -> {first['msg']}") from exc


def read_claims(text: str, source: str) -> tuple[list[Claim], list[ArticleInfo]]:
    """Claims and the articles they name; a malformed line is a usage error naming the line."""
    stripped = text.lstrip()
    claims: list[Claim] = []
    infos: list[ArticleInfo] = []
    if stripped.startswith(("{", "[")) and not _is_jsonl(stripped):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{source}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
        items = data.get("claims", []) if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise UsageError(f"{source}: expected a list of claims")
        claims = [_claim(o, f"{source}: claims[{i}]") for i, o in enumerate(items)]
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            infos = [ArticleInfo.model_validate(a) for a in data["articles"]]
    else:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{source}:{n}: invalid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict):
                raise UsageError(f"{source}:{n}: expected a JSON object")
            if obj.get("type", "claim") == "claim":
                claims.append(_claim(obj, f"{source}:{n}"))
    if not infos:
        seen: dict[str, ArticleInfo] = {}
        for c in claims:
            seen.setdefault(
                c.article_id,
                ArticleInfo(id=c.article_id, path=source, published=c.published, outlet=c.outlet),
            )
        infos = list(seen.values())
    return claims, infos


def _is_jsonl(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return False
    return "\n" in text.strip()
