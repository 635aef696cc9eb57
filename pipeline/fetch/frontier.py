"""The crawl's memory, in SQLite: every URL, its state, its validators and the outcome of its last fetch.

Nothing about a page lives only in the process, so ``kill -9`` loses at most the fetches in flight, which the
next run repeats. A run that did not finish is resumed by the next start; after a finished run, the next
start is a new (incremental) run that re-queues every URL its sources name again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass

QUEUED, CLAIMED, DONE, FAILED = 0, 1, 2, 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at REAL NOT NULL,
    seeded INTEGER NOT NULL DEFAULT 0,  -- 1 once every source was read into the frontier
    finished_at REAL
);
CREATE TABLE IF NOT EXISTS frontier (
    url TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    state INTEGER NOT NULL DEFAULT 0,
    run INTEGER NOT NULL,           -- the run that last queued this URL
    depth INTEGER NOT NULL DEFAULT 0,
    origin TEXT,                    -- first URL of the redirect chain that led here
    hops INTEGER NOT NULL DEFAULT 0,
    lastmod REAL,                   -- sitemap <lastmod>, epoch seconds
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before REAL NOT NULL DEFAULT 0,
    status INTEGER,
    outcome TEXT,                   -- new, changed, unchanged, gone, redirect, failed
    error TEXT,                     -- error class when the URL failed
    fetched_at REAL,                -- last 200 or 304
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    warc_date TEXT                  -- WARC-Date of the record holding the current content
);
CREATE INDEX IF NOT EXISTS frontier_queue ON frontier(host, state, not_before);
CREATE INDEX IF NOT EXISTS frontier_run ON frontier(run, state);
CREATE INDEX IF NOT EXISTS frontier_state ON frontier(state);
"""

_UPSERT = """
INSERT INTO frontier (url, host, run, depth, origin, hops, lastmod) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(url) DO UPDATE SET
    state = 0, run = excluded.run, depth = excluded.depth, origin = excluded.origin, hops = excluded.hops,
    lastmod = COALESCE(excluded.lastmod, frontier.lastmod), attempts = 0, not_before = 0, error = NULL
WHERE frontier.run < excluded.run
"""

_FINISH = """
UPDATE frontier SET state = ?, status = ?, outcome = ?, error = ?, fetched_at = ?, etag = ?, last_modified = ?,
    content_hash = ?, warc_date = ?
WHERE url = ?
"""

_RETRY = "UPDATE frontier SET state = 0, attempts = attempts + 1, not_before = ?, error = ?, status = ? WHERE url = ?"

_JOB_COLUMNS = (
    "url, host, depth, origin, hops, lastmod, attempts, fetched_at, etag, last_modified, content_hash, warc_date"
)


@dataclass(frozen=True, slots=True)
class NewUrl:
    """A normalized URL to put in the frontier, with its host (``host_of``), which the caller has at hand."""

    url: str
    host: str
    depth: int = 0
    lastmod: float | None = None
    origin: str | None = None
    hops: int = 0


@dataclass(frozen=True, slots=True)
class Job:
    """A claimed URL with what the fetch needs: its place in the crawl and the validators of its last fetch."""

    url: str
    host: str
    depth: int
    origin: str | None
    hops: int
    lastmod: float | None
    attempts: int
    fetched_at: float | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    warc_date: str | None


@dataclass(frozen=True, slots=True)
class Result:
    """The final word on one URL in this run."""

    state: int
    status: int | None
    outcome: str
    error: str | None = None
    fetched_at: float | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    warc_date: str | None = None


class Frontier:
    """Queue operations on the shared connection. Its writes run inside the caller's transaction, so a page's
    outcome, its index row and the links found on it commit together."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        conn.executescript(SCHEMA)
        self.run = 0
        self.resumed = False

    def begin_run(self) -> None:
        """Resume the last run if it never finished (claims of the dead process go back to the queue)."""
        row = self._conn.execute("SELECT id, finished_at FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is not None and row[1] is None:
            self.run, self.resumed = row[0], True
            self._conn.execute("UPDATE frontier SET state = ? WHERE state = ?", (QUEUED, CLAIMED))
        else:
            cursor = self._conn.execute("INSERT INTO runs (started_at) VALUES (?)", (time.time(),))
            self.run, self.resumed = int(cursor.lastrowid or 0), False

    def seeded(self) -> bool:
        """Whether this run already read all its sources (a resumed run then does not read them again)."""
        (done,) = self._conn.execute("SELECT seeded FROM runs WHERE id = ?", (self.run,)).fetchone()
        return bool(done)

    def mark_seeded(self) -> None:
        self._conn.execute("UPDATE runs SET seeded = 1 WHERE id = ?", (self.run,))

    def finish_run(self) -> None:
        self._conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (time.time(), self.run))

    def add(self, urls: Iterable[NewUrl]) -> None:
        """Queue URLs not seen in this run; URLs of earlier runs are queued again (revalidated)."""
        self._conn.executemany(
            _UPSERT,
            ((u.url, u.host, self.run, u.depth, u.origin, u.hops, u.lastmod) for u in urls),
        )

    def finish(self, jobs_and_results: Iterable[tuple[str, Result]]) -> None:
        self._conn.executemany(
            _FINISH,
            (
                (r.state, r.status, r.outcome, r.error, r.fetched_at, r.etag, r.last_modified, r.content_hash,
                 r.warc_date, url)
                for url, r in jobs_and_results
            ),
        )

    def retry(self, retries: Iterable[tuple[str, float, str, int | None]]) -> None:
        """(url, not_before epoch, error class, status) for fetches to try again later."""
        self._conn.executemany(_RETRY, ((t, e, s, u) for u, t, e, s in retries))

    def claim(self, host: str, limit: int) -> list[Job]:
        """Up to ``limit`` due URLs of a host, marked claimed (a claim survives only until the process dies)."""
        rows = self._conn.execute(
            f"SELECT rowid, {_JOB_COLUMNS} FROM frontier WHERE host = ? AND state = ? AND not_before <= ? "
            "ORDER BY not_before, rowid LIMIT ?",
            (host, QUEUED, time.time(), limit),
        ).fetchall()
        if rows:
            self._conn.execute("BEGIN")
            self._conn.executemany("UPDATE frontier SET state = 1 WHERE rowid = ?", ((r[0],) for r in rows))
            self._conn.execute("COMMIT")
        return [Job(*r[1:]) for r in rows]

    def job(self, url: str) -> Job | None:
        row = self._conn.execute(f"SELECT {_JOB_COLUMNS} FROM frontier WHERE url = ?", (url,)).fetchone()
        return Job(*row) if row else None

    def next_due(self, host: str) -> float | None:
        """When the host's earliest queued URL becomes due (epoch seconds), or None if it has none."""
        (due,) = self._conn.execute(
            "SELECT MIN(not_before) FROM frontier WHERE host = ? AND state = ?", (host, QUEUED)
        ).fetchone()
        return due

    def hosts_with_work(self) -> list[str]:
        return [h for (h,) in self._conn.execute("SELECT DISTINCT host FROM frontier WHERE state = ?", (QUEUED,))]

    def in_redirect_chain(self, target: str, chain_root: str) -> bool:
        """Whether ``target`` was already reached in this run by the redirect chain starting at ``chain_root``."""
        row = self._conn.execute(
            "SELECT url, origin FROM frontier WHERE url = ? AND run = ?", (target, self.run)
        ).fetchone()
        return row is not None and chain_root in (row[0], row[1])

    def release_claims(self) -> None:
        """Claimed URLs that were never fetched (the run stopped early) go back to the queue."""
        self._conn.execute("UPDATE frontier SET state = ? WHERE state = ?", (QUEUED, CLAIMED))

    def settled_count(self) -> int:
        """URLs this run has finished with (done or failed): what ``--max-pages`` counts."""
        (n,) = self._conn.execute(
            "SELECT COUNT(*) FROM frontier WHERE run = ? AND state IN (?, ?)", (self.run, DONE, FAILED)
        ).fetchone()
        return int(n)

    def queued_count(self) -> int:
        (n,) = self._conn.execute("SELECT COUNT(*) FROM frontier WHERE state = ?", (QUEUED,)).fetchone()
        return int(n)

    def run_counts(self) -> dict[str, dict[str, int]]:
        """This run's URLs counted by outcome, final HTTP status and error class, for summary.json."""
        counts: dict[str, dict[str, int]] = {"outcomes": {}, "statuses": {}, "errors": {}, "states": {}}
        names = {QUEUED: "queued", CLAIMED: "claimed", DONE: "done", FAILED: "failed"}
        for state, outcome, status, error, n in self._conn.execute(
            "SELECT state, outcome, status, error, COUNT(*) FROM frontier WHERE run = ? "
            "GROUP BY state, outcome, status, error",
            (self.run,),
        ):
            _bump(counts["states"], names[state], n)
            if outcome:
                _bump(counts["outcomes"], outcome, n)
            if status is not None and state in (DONE, FAILED):
                _bump(counts["statuses"], str(status), n)
            if error and state == FAILED:
                _bump(counts["errors"], error, n)
        return counts


def _bump(counter: dict[str, int], key: str, n: int) -> None:
    counter[key] = counter.get(key, 0) + n
