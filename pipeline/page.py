"""The unit that flows from the raw store (or a folder of HTML files) into the parser."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page's bytes and what is known about where they came from."""

    source: str
    """A file path, or 'WARC-file#offset' for a record in the raw store."""
    body: bytes
    url: str | None = None
    content_type: str | None = None
    """The HTTP Content-Type header, which may carry the charset."""
    fetched_at: str | None = None
    """ISO 8601 UTC time of the fetch, when the page came from a crawl."""
