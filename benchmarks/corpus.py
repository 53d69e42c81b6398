"""The BBC benchmark corpus, deduplicated by content, copied to a folder as N articles."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc"


def bbc_files() -> list[Path]:
    """Every BBC article once (by content hash), in a stable order."""
    if not BBC.exists():
        raise SystemExit(f"BBC corpus not found at {BBC}")
    seen: set[str] = set()
    out = []
    for path in sorted(BBC.rglob("*.txt")):
        if path.name == "README.TXT":
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            out.append(path)
    return out


def make_corpus(folder: Path, n: int, copies: int = 1) -> list[Path]:
    """`n` distinct articles, repeated `copies` times under distinct names (for growth runs,
    each copy gets a line of its own so that content hashes differ and nothing is cached)."""
    files = bbc_files()[:n]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    out = []
    for c in range(copies):
        for path in files:
            target = folder / f"{path.parent.name}_{path.stem}_{c}.txt"
            data = path.read_bytes()
            if c:
                data += f"\n\nCopy {c}.\n".encode()
            target.write_bytes(data)
            out.append(target)
    return out
