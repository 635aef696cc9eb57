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
    content_hash TEXT
);
CREATE INDEX IF NOT EXISTS records_url ON records(url);
CREATE INDEX IF NOT EXISTS records_file ON records(warc_file, offset);
"""

# Columns named, so that index files of older versions, whose records also have a never-read canonical column,
# take new rows as they are (that column is left NULL).
_INSERT = """
INSERT INTO records (url, warc_file, offset, length, record_type, status, fetched_at, etag, last_modified,
                     content_hash)
VALUES (?,?,?,?,?,?,?,?,?,?)
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
        self._conn.executemany(_INSERT, [
            (r.url, r.warc_file, r.offset, r.length, r.record_type, r.status, r.fetched_at, r.etag, r.last_modified,
             r.content_hash)
            for r in rows
        ])

    def indexed_end(self, warc_file: str) -> int:
        """Where the indexed part of a WARC file ends: bytes past it were written but never committed."""
        (end,) = self._conn.execute(
            "SELECT COALESCE(MAX(offset + length), 0) FROM records WHERE warc_file = ?", (warc_file,)
        ).fetchone()
        return int(end)


# The newest stored 2xx response of every URL whose latest fetch still stands for it: a 2xx, a revisit, a 304,
# or a transient failure (5xx, 429) that left the stored copy the best there is. A URL whose latest fetch
# redirected or answered 4xx is no longer a page; it gives nothing.
_CURRENT_RESPONSES = """
WITH latest AS (SELECT url, MAX(rowid) AS id FROM records GROUP BY url),
     stored AS (SELECT url, MAX(rowid) AS id FROM records
                WHERE record_type = 'response' AND status BETWEEN 200 AND 299 GROUP BY url)
SELECT body.warc_file, body.offset
FROM latest
JOIN records AS last ON last.rowid = latest.id
JOIN stored ON stored.url = latest.url
JOIN records AS body ON body.rowid = stored.id
WHERE NOT ((last.status BETWEEN 300 AND 399 AND last.status != 304)
           OR (last.status BETWEEN 400 AND 499 AND last.status != 429))
ORDER BY body.warc_file, body.offset
"""


def current_responses(raw_dir: Path) -> list[tuple[str, int]]:
    """(WARC file name, offset) of the page each URL stands for now, in file order: what ``parse`` reads from a
    raw store, so that a URL fetched by several incremental crawls gives its records once, from its newest copy."""
    conn = sqlite3.connect(f"file:{raw_dir / INDEX_FILE}?mode=ro", uri=True)
    try:
        return [(name, int(offset)) for name, offset in conn.execute(_CURRENT_RESPONSES)]
    finally:
        conn.close()
