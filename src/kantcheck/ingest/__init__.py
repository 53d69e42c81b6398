"""Ingestion: turn paths into articles (body + metadata) or error records, never exceptions."""

from kantcheck.ingest.discover import DEFAULT_MAX_BYTES, discover
from kantcheck.ingest.read import Article, read_article, read_bytes

__all__ = ["DEFAULT_MAX_BYTES", "Article", "discover", "read_article", "read_bytes"]
