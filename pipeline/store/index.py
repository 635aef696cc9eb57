"""The raw store's catalogue: which WARC file and offset holds each fetched response.

One row per response (or revisit) record, in the same SQLite file as the crawl frontier so that a record's
index row and its URL's frontier update commit together. The WARC files stay the source of truth: rows that
were lost to a crash are rebuilt from the files on the next start (see ``pipeline.fetch.crawl``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    url TEXT NOT NULL,
    warc_file TEXT NOT NULL,
    offset INTEGER NOT NULL,
    length INTEGER NOT NULL,
    record_type TEXT NOT NULL,
    status INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    canonical TEXT
);
CREATE INDEX IF NOT EXISTS records_url ON records(url);
CREATE INDEX IF NOT EXISTS records_file ON records(warc_file, offset);
"""

INDEX_FILE = "index.sqlite"


@dataclass(frozen=True, slots=True)
class IndexRow:
    """Where one response record lives and what the crawler needs to revalidate it later."""

    url: str
    warc_file: str
    """File name relative to the raw directory."""
    offset: int
    length: int
    record_type: str
    """``response``, or ``revisit`` for a 200 whose content hash did not change."""
    status: int
    fetched_at: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    canonical: str | None


def connect(raw_dir: Path) -> sqlite3.Connection:
    """Open the raw store's SQLite file in WAL mode: readers never block the crawler, commits need no fsync."""
    conn = sqlite3.connect(raw_dir / INDEX_FILE, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.executescript(SCHEMA)
    return conn


class Index:
    """Appends index rows inside the caller's transaction; the caller commits (after the WARC bytes are written)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, rows: list[IndexRow]) -> None:
        self._conn.executemany(
            "INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (r.url, r.warc_file, r.offset, r.length, r.record_type, r.status, r.fetched_at, r.etag,
                 r.last_modified, r.content_hash, r.canonical)
                for r in rows
            ],
        )

    def indexed_end(self, warc_file: str) -> int:
        """Where the indexed part of a WARC file ends: bytes past it were written but never committed."""
        (end,) = self._conn.execute(
            "SELECT COALESCE(MAX(offset + length), 0) FROM records WHERE warc_file = ?", (warc_file,)
        ).fetchone()
        return int(end)
