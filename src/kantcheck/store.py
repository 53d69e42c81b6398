"""The incremental store: each article's claims, keyed by content hash and pipeline fingerprint.

SQLite in WAL mode; one transaction per write, so a scan killed at any moment leaves either the
old row or the new one, and concurrent scans on one store both finish. A store that cannot be
opened or read is moved aside and rebuilt, with a warning, never a failed scan.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import time
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from kantcheck.models import Claim

log = logging.getLogger("kantcheck")
STORE_FILE = "store.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    article_key TEXT NOT NULL,
    claims TEXT NOT NULL,
    entities TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (sha256, fingerprint, article_key)
);
"""
_CLAIMS = TypeAdapter(list[Claim])


class Store:
    """Cached extraction results; every method is safe to call on a broken store."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STORE_FILE
        self.warnings: list[str] = []
        folder.mkdir(parents=True, exist_ok=True)
        self.conn = self._open()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=60000")
        conn.executescript(SCHEMA)
        conn.execute("SELECT count(*) FROM articles").fetchone()
        return conn

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            msg = f"store {self.path} is unreadable ({exc}); moved to {aside.name} and rebuilt"
            log.warning(msg)
            self.warnings.append(msg)
            for suffix in ("", "-wal", "-shm"):
                p = Path(f"{self.path}{suffix}")
                if p.exists():
                    p.replace(Path(f"{aside}{suffix}"))
            return self._connect()

    def get(self, sha256: str, fingerprint: str, key: str) -> tuple[list[Claim], list[str]] | None:
        try:
            row = self.conn.execute(
                "SELECT claims, entities FROM articles"
                " WHERE sha256=? AND fingerprint=? AND article_key=?",
                (sha256, fingerprint, key),
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self.warnings.append(f"store read failed ({exc}); article parsed again")
            return None
        if row is None:
            return None
        try:
            return _CLAIMS.validate_json(row[0]), json.loads(row[1])
        except (ValidationError, ValueError):
            return None

    def put(
        self, sha256: str, fingerprint: str, key: str, claims: list[Claim], entities: list[str]
    ) -> None:
        payload = _CLAIMS.dump_json(claims).decode()
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                    (sha256, fingerprint, key, payload, json.dumps(entities), time.time()),
                )
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.DatabaseError):
                self.conn.execute("ROLLBACK")
            self.warnings.append(f"store write failed ({exc}); results not cached")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.DatabaseError):
            self.conn.close()
