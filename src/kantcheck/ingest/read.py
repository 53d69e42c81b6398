"""Decode one article file: encoding, front matter, HTML or JSON, metadata and its date."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kantcheck.ingest.discover import DEFAULT_MAX_BYTES, STDIN, Candidate
from kantcheck.models import ArticleErrorRecord, ArticleInfo

_FRONT = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_END = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
# A dateline near the top ("Feb 4, 2019 | 19:37 GMT", "4 February 2019"): the usual way news
# pages print their own date.
_DATELINE = re.compile(
    rf"(?<![a-z])(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))\b"
)
DATELINE_WINDOW = 400
DATELINE_LINE = 60
_DATELINE_WORDS = re.compile(r"\b(?:published|updated|posted|last modified|dateline)\b", re.I)
KNOWN_KEYS = ("title", "outlet", "url", "published", "id")


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe loading with dates kept as text, so a bad date is a warning, not a lost block."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Article:
    """An article ready for the pipeline: `body` is what evidence offsets index into."""

    id: str
    path: str
    sha256: str
    body: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    warnings: list[str] = field(default_factory=list)

    def info(self, entities: list[str] | None = None) -> ArticleInfo:
        return ArticleInfo(
            id=self.id,
            path=self.path,
            sha256=self.sha256,
            title=self.title,
            outlet=self.outlet,
            url=self.url,
            published=self.published,
            published_source=self.published_source,
            warnings=list(self.warnings),
            entities=entities or [],
        )


def normalize_date(value: Any) -> str | None:
    """Metadata date -> `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; None when it is not a real date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    m = _PARTIAL_DATE.match(value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    try:
        if d:
            return dt.date(int(y), int(mo), int(d)).isoformat()
        if mo:
            dt.date(int(y), int(mo), 1)
            return f"{y}-{mo}"
    except ValueError:
        return None
    return y


def dateline_date(body: str) -> str | None:
    """The article's own date from a dateline in its opening lines, as ISO, if any.

    A dateline is a short line that is mostly a date ("Feb 4, 2019 | 19:37 GMT"), or a line
    that says it is one ("Published: 4 February 2019"); a date inside a sentence of the story
    ("profits in the three months to December 31, 2004") is what the story is about, not when
    it was written, and is never taken for it.
    """
    m = None
    for line in body[:DATELINE_WINDOW].splitlines():
        found = _DATELINE.search(line)
        if found and (len(line.strip()) <= DATELINE_LINE or _DATELINE_WORDS.search(line)):
            m = found
            break
    if not m:
        return None
    if m.group("iso"):
        return normalize_date(m.group("iso"))
    month = (m.group("m1") or m.group("m2")).lower()[:3]
    day = int(m.group("d1") or m.group("d2"))
    year = int(m.group("y1") or m.group("y2"))
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    try:
        return dt.date(year, months.index(month) + 1, day).isoformat()
    except ValueError:
        return None


def decode(data: bytes) -> str:
    """Bytes -> text: BOMs first, then UTF-8, then charset-normalizer's best guess."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("binary or undecodable content (no text encoding fits)")
    return str(best)


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 text, or mostly control bytes: not an article."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has NULs in every other byte: let the decoder decide.
        evens, odds = head[0::2].count(0), head[1::2].count(0)
        return not (evens > len(head) * 0.4 or odds > len(head) * 0.4) or len(head) < 4
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl > len(head) * 0.1


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """Front matter -> (metadata, body, warnings); a broken block is reported, the body kept."""
    if not _FRONT.match(text):
        return {}, text, []
    start = _FRONT.match(text).end()  # type: ignore[union-attr]
    end = _FRONT_END.search(text, start)
    if end is None:
        return {}, text, ["unterminated front matter: no closing '---'; scanned the whole file"]
    block = text[start : end.start()]
    body_start = end.end()
    if text.startswith("\r\n", body_start):
        body_start += 2
    elif text.startswith("\n", body_start):
        body_start += 1
    body = text[body_start:]
    try:
        meta = yaml.load(block, Loader=_FrontMatterLoader)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        return {}, body, [f"invalid front matter{where}: {getattr(exc, 'problem', exc)}"]
    if meta is None:
        return {}, body, []
    if not isinstance(meta, dict):
        return {}, body, ["front matter is not a mapping of keys to values; ignored"]
    return meta, body, []


def from_html(text: str) -> tuple[dict[str, Any], str]:
    """Main text and metadata of a news page; scripts are dropped, never run."""
    import trafilatura

    body = trafilatura.extract(text, include_comments=False, include_tables=False) or ""
    meta: dict[str, Any] = {}
    md = trafilatura.extract_metadata(text)
    if md is not None:
        meta = {"title": md.title, "url": md.url, "published": md.date, "outlet": md.sitename}
    return {k: v for k, v in meta.items() if v}, body


def from_json(text: str) -> tuple[dict[str, Any], str]:
    obj = json.loads(text)
    if not isinstance(obj, dict):
        raise ValueError("JSON article must be an object with a 'text' field")
    body = obj.get("text") or obj.get("body") or obj.get("content")
    if not isinstance(body, str):
        raise ValueError("JSON article has no 'text' string")
    meta = {k: obj[k] for k in KNOWN_KEYS if k in obj}
    if "published" not in meta:
        for key in ("date", "published_at", "datePublished"):
            if key in obj:
                meta["published"] = obj[key]
                break
    return meta, body


def too_large(size: int | None, max_bytes: int) -> str:
    what = f"file is {size:,} bytes" if size is not None else "file is"
    return (
        f"{what} larger than the limit of {max_bytes:,} bytes: not read; "
        "raise --max-bytes to scan it"
    )


def read_bytes(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Parse one article's bytes; raises ValueError with a reason a person can act on."""
    if len(data) > max_bytes:
        raise ValueError(too_large(None, max_bytes))
    if not data.strip():
        raise ValueError("empty file (no text, or only whitespace)")
    if looks_binary(data):
        raise ValueError("binary file, not text (an image, archive or other non-text format)")
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        raise ValueError(f"undecodable text: {exc.reason}") from exc
    text = text.replace("\x00", "")
    suffix = Path(path).suffix.lower()
    warnings: list[str] = []
    if suffix == ".json":
        try:
            meta, body = from_json(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    elif suffix in (".html", ".htm") or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    ):
        meta, body = from_html(text)
        if not body.strip():
            raise ValueError("HTML page without article text")
    else:
        meta, body, warnings = split_front_matter(text)
    if not body.strip():
        raise ValueError("no article text")
    return _article(meta, body, data, path, warnings)


def _str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


def _article(
    meta: dict[str, Any], body: str, data: bytes, path: str, warnings: list[str]
) -> Article:
    published = normalize_date(meta.get("published"))
    source = "front_matter" if published else None
    if meta.get("published") is not None and published is None:
        warnings.append(f"invalid published date {meta.get('published')!r}; ignored")
    if published is None:
        published = dateline_date(body)
        source = "text" if published else None
    stem = Path(path).stem if path != STDIN else "stdin"
    return Article(
        id=_str(meta, "id") or stem,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        body=body,
        title=_str(meta, "title"),
        outlet=_str(meta, "outlet"),
        url=_str(meta, "url"),
        published=published,
        published_source=source,
        warnings=warnings,
    )


def read_article(
    cand: Candidate, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article | ArticleErrorRecord:
    """Read a discovered candidate; any problem becomes an error record."""
    if cand.problem:
        return ArticleErrorRecord(path=cand.path, error=cand.problem)
    try:
        if cand.path == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(cand.path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size > max_bytes:  # reported without reading a byte of it
                    return ArticleErrorRecord(path=cand.path, error=too_large(size, max_bytes))
                data = fh.read(max_bytes + 1)
        return read_bytes(data, cand.path, max_bytes)
    except OSError as exc:
        return ArticleErrorRecord(path=cand.path, error=f"cannot read: {exc.strerror or exc}")
    except (ValueError, RecursionError) as exc:
        return ArticleErrorRecord(path=cand.path, error=str(exc))
