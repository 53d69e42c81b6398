"""Read TimeML (.tml) files into raw text plus gold TIMEX3 spans, for the timex benchmark.

Only the content of <TEXT> is kept; markup is stripped and each gold TIMEX3 keeps its character
offsets into the stripped text. The DCT comes from the <DCT> TIMEX3 and is not scored.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3: offsets into the stripped text, TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class TimeMLDoc:
    """A TimeML document reduced to what the benchmark needs."""

    name: str
    corpus: str
    dct: str | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def _strip(fragment: str) -> tuple[str, list[GoldTimex]]:
    """Strip tags from the <TEXT> body, recording TIMEX3 offsets in the output text."""
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    golds: list[GoldTimex] = []
    for m in _TAG.finditer(fragment):
        chunk = html.unescape(fragment[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1) == "/", m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, a = open_timex
            open_timex = None
            text = "".join(out)[start:length]
            golds.append(
                GoldTimex(start, length, text, a.get("type", ""), a.get("value", ""), a.get("mod"))
            )
    out.append(html.unescape(fragment[pos:]))
    return "".join(out), golds


def read_tml(path: Path, corpus: str = "") -> TimeMLDoc:
    """Parse one .tml file."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>(.*?)</DCT>", raw, re.S)
    if m:
        v = re.search(r'value="([^"]*)"', m.group(1))
        dct = v.group(1) if v else None
    t = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    body = t.group(1) if t else ""
    text, golds = _strip(body)
    return TimeMLDoc(path.stem, corpus, dct, text, golds)


def read_corpus(root: Path, limit: int | None = None) -> list[TimeMLDoc]:
    """Read TimeBank and AQUAINT under `root` (TBAQ-cleaned), sorted by name per corpus."""
    docs: list[TimeMLDoc] = []
    for corpus in ("TimeBank", "AQUAINT"):
        files = sorted((root / corpus).glob("*.tml"))
        if limit is not None:
            files = files[:limit]
        docs.extend(read_tml(p, corpus) for p in files)
    return docs
