"""The crawl loop: take due URLs from the frontier, fetch them politely, store every response, record outcomes.

One dispatcher starts a task per fetch, at most ``concurrency`` at once and ``per_host`` per host. A finished
fetch appends its WARC records at once and queues its bookkeeping (index row, frontier outcome, new links);
the bookkeeping commits in batches. A crash between the two is repaired at the next start, because the WARC
records past the index's end are read back and booked exactly as if they had just been fetched.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sqlite3
import time
from collections import deque
from collections.abc import AsyncIterator, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.fetch import defaults
from pipeline.fetch.client import RETRYABLE_ERRORS, Client, FetchError, decode
from pipeline.fetch.frontier import DONE, FAILED, Frontier, Job, NewUrl, Result
from pipeline.fetch.politeness import HostSlots, Robots, RobotsCache, backoff, retry_after, retry_delay
from pipeline.fetch.sources import Seed, extract_links
from pipeline.fetch.urls import Scope, host_of, normalize, resolve
from pipeline.shards import shard_owns
from pipeline.store import DEFAULT_MAX_FILE_BYTES
from pipeline.store.index import Index, IndexRow
from pipeline.store.warc import (
    WARC_SUFFIX,
    Exchange,
    Revisit,
    WarcWriter,
    Written,
    cut_torn_tail,
    header,
)

log = logging.getLogger(__name__)

COMMIT_EVERY = 0.5
"""Seconds between bookkeeping commits; the WARC tail written meanwhile is what a crash may leave unindexed."""
COMMIT_BATCH = 512
SEED_BATCH = 2000


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    raw_dir: Path
    user_agent: str
    concurrency: int = defaults.CONCURRENCY
    per_host: int = defaults.PER_HOST
    delay: float = defaults.DELAY
    """Seconds between request starts to one host (a longer robots.txt Crawl-delay wins)."""
    retries: int = defaults.RETRIES
    retry_base: float = defaults.RETRY_BASE
    """First backoff in seconds; doubled per attempt, with jitter."""
    max_pages: int | None = None
    max_redirects: int = defaults.MAX_REDIRECTS
    strip_tracking: bool = False
    scope: Scope | None = None
    """Links are followed only when a scope is given."""
    warc_max_bytes: int = DEFAULT_MAX_FILE_BYTES
    shard: tuple[int, int] | None = None
    """(i, n): crawl only the origins of shard i of n; seeds and links of other shards are left out. Keyed by
    origin, so a host is never split between machines and its politeness holds across them."""


@dataclass(slots=True)
class Stats:
    """Live counters of this process, for progress lines and summary.json; the run's totals come from the frontier."""

    started: float = field(default_factory=time.monotonic)
    """The process's one start clock: the progress rate and the summary's start and elapsed time read it."""
    fetched: int = 0
    errors: int = 0
    retries: int = 0
    bytes_received: int = 0
    recovered: int = 0

    def elapsed(self) -> float:
        return time.monotonic() - self.started


@dataclass(slots=True)
class _Host:
    slots: HostSlots
    jobs: deque[Job] = field(default_factory=deque)
    robots: Robots | None = None
    robots_loading: bool = False
    idle_until: float = 0.0
    """Epoch seconds before which the frontier has nothing due for this host."""


class Crawler:
    """Runs one crawl over a raw directory. ``run`` returns when the queue is empty or the page budget spent."""

    def __init__(self, settings: CrawlSettings, client: Client, conn: sqlite3.Connection) -> None:
        self.settings = settings
        self.stats = Stats()
        self.robots = RobotsCache(client, settings.retries, settings.retry_base)
        """Shared with sitemap discovery, so that no origin's robots.txt is fetched twice."""
        self._client = client
        self._conn = conn
        self.frontier = Frontier(conn)
        self._index = Index(conn)
        self._writer = WarcWriter(settings.raw_dir, max_file_bytes=settings.warc_max_bytes)
        self._hosts: dict[str, _Host] = {}
        self._active: dict[str, _Host] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._in_flight = 0
        self._budget: int | None = None
        self._pending_rows: list[IndexRow] = []
        self._pending_adds: list[NewUrl] = []
        self._pending_retries: list[tuple[str, float, str, int | None]] = []
        self._pending_results: list[tuple[str, Result]] = []
        self._last_commit = time.monotonic()
        self._claim_batch = max(8, min(256, 4 * settings.per_host))

    async def run(self, seeds: AsyncIterator[Seed]) -> None:
        """Crawl until done, then mark the run finished (so a rerun starts a new, incremental run).

        Interrupted (an exception, Ctrl-C), the run stays open and the next start resumes it; the sources are
        read again only if the interrupted run had not read them all.
        """
        self.frontier.begin_run()
        if self.frontier.resumed:
            log.info("resuming run %d", self.frontier.run)
            self._recover()
        if not self.frontier.seeded():
            await self._add_seeds(seeds)
            self.frontier.mark_seeded()
        for name in self.frontier.hosts_with_work():
            self._activate(name)
        if self.settings.max_pages is not None:
            self._budget = max(0, self.settings.max_pages - self.frontier.settled_count())
        try:
            await self._dispatch()
        finally:
            for task in list(self._tasks):
                task.cancel()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            self._commit()
            self.frontier.release_claims()
            self._writer.close()
        self.frontier.finish_run()

    # ---------------------------------------------------------------- seeding and recovery

    async def _add_seeds(self, seeds: AsyncIterator[Seed]) -> None:
        batch: list[NewUrl] = []
        strip = self.settings.strip_tracking

        def flush() -> None:
            self._conn.execute("BEGIN")
            self.frontier.add(batch)
            self._conn.execute("COMMIT")
            batch.clear()

        async for seed in seeds:
            url = normalize(seed.url, strip_tracking=strip)
            if url is None:
                log.warning("skipping unsupported URL %r", seed.url)
                continue
            host = host_of(url)
            if not shard_owns(self.settings.shard, host):
                continue
            batch.append(NewUrl(url, host, lastmod=seed.lastmod))
            if len(batch) >= SEED_BATCH:
                flush()
        if batch:
            flush()

    def _recover(self) -> None:
        """Book the WARC records a killed run wrote but never indexed, and cut a torn record off the tail."""
        for path in sorted(self.settings.raw_dir.glob(f"*{WARC_SUFFIX}")):
            end = self._index.indexed_end(path.name)
            if path.stat().st_size <= end:
                continue
            stored = cut_torn_tail(path, end)
            log.info("recovering %d unindexed records of %s (cut at %d)", len(stored), path.name, path.stat().st_size)
            for record in stored:
                job = self.frontier.job(record.exchange.url)
                if job is None:
                    continue
                body = b""
                if not record.revisit:
                    encoding = header(record.exchange.response_headers, "content-encoding") or ""
                    try:
                        body = decode(record.exchange.payload, encoding, 1 << 62)
                    except FetchError:
                        body = b""
                self._settle(None, job, record.exchange, body, record.written, record.revisit)
                self.stats.recovered += 1
            self._commit()

    # ---------------------------------------------------------------- dispatching

    async def _dispatch(self) -> None:
        while True:
            wait = self._launch(time.monotonic())
            if self._in_flight == 0:
                if self._has_pending():
                    self._commit()
                    continue
                if not self._active or self._budget == 0:
                    return
            elif time.monotonic() - self._last_commit > COMMIT_EVERY:
                self._commit()
            self._wake.clear()
            if wait is None:
                await self._wake.wait()
            else:
                try:
                    async with asyncio.timeout(max(wait, 0.001)):
                        await self._wake.wait()
                except TimeoutError:
                    pass

    def _launch(self, now: float) -> float | None:
        """Start every fetch that may start now; return how long until one more might (None: on an event)."""
        wait: float | None = None
        limit = self.settings.concurrency
        for name, host in list(self._active.items()):
            while self._in_flight < limit and self._budget != 0:
                if host.robots is None:
                    if not host.robots_loading:
                        self._spawn(self._load_robots(name, host))
                    break
                slots = host.slots
                if slots.active >= slots.slots and host.jobs:
                    break
                job = self._next_job(name, host)
                if job is None:
                    if host.idle_until:
                        wait = _sooner(wait, host.idle_until - time.time())
                    break
                if self._settled_without_request(host.robots, job):
                    self._spend_budget()
                    continue
                if not slots.ready(now):
                    host.jobs.appendleft(job)
                    if slots.active < slots.slots:
                        wait = _sooner(wait, slots.next_at - now)
                    break
                self._spend_budget()
                slots.start(now)
                self._spawn(self._fetch(host, job))
        return wait

    def _spend_budget(self) -> None:
        if self._budget is not None:
            self._budget -= 1

    def _next_job(self, name: str, host: _Host) -> Job | None:
        if not host.jobs:
            if host.idle_until and time.time() < host.idle_until:
                return None
            jobs = self.frontier.claim(name, self._claim_batch)
            if not jobs:
                due = self.frontier.next_due(name)
                if due is None:
                    self._active.pop(name, None)
                    host.idle_until = 0.0
                else:
                    host.idle_until = due
                return None
            host.jobs.extend(jobs)
            host.idle_until = 0.0
        return host.jobs.popleft()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        self._in_flight += 1
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._in_flight -= 1
        self._wake.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("fetch task failed", exc_info=task.exception())

    def _activate(self, name: str) -> None:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(HostSlots(self.settings.per_host, self.settings.delay))
        host.idle_until = 0.0
        self._active[name] = host

    async def _load_robots(self, name: str, host: _Host) -> None:
        host.robots_loading = True
        try:
            robots = await self.robots.get(name)
        except Exception:  # a bug must not leave the host waiting for robots.txt forever
            log.exception("robots.txt of %s could not be read", name)
            robots = Robots(None, allow_all=False, error="internal_error")
        if robots.error:
            log.warning("robots.txt of %s unavailable (%s): its URLs are not fetched", name, robots.error)
        host.slots.use_crawl_delay(robots.crawl_delay(self.settings.user_agent))
        host.robots = robots

    # ---------------------------------------------------------------- one fetch

    def _settled_without_request(self, robots: Robots, job: Job) -> bool:
        """Settle a URL that needs no request: robots.txt forbids it, or its sitemap lastmod predates our copy.

        Such URLs take no host slot and no delay, so a rerun skips unchanged pages at full speed.
        """
        if not robots.allowed(job.url, self.settings.user_agent):
            error = "robots_unavailable" if robots.error else "robots_disallowed"
            self._finish(job, Result(FAILED, None, "failed", error))
            return True
        if job.lastmod is not None and job.fetched_at is not None and job.lastmod <= job.fetched_at:
            self._finish(job, _unchanged(job, None, None, job.fetched_at))
            return True
        return False

    async def _fetch(self, host: _Host, job: Job) -> None:
        headers = {}
        if job.etag:
            headers["If-None-Match"] = job.etag
        if job.last_modified:
            headers["If-Modified-Since"] = job.last_modified
        try:
            response = await self._client.get(job.url, headers)
            self.stats.bytes_received += len(response.exchange.payload)
            if response.rejected:
                self._finish(job, Result(FAILED, response.status, "failed", response.rejected))
            else:
                self._settle(host, job, response.exchange, response.body, None, False)
        except FetchError as exc:
            self._fetch_failed(job, exc.error_class)
        except Exception:  # a bug in the bookkeeping of one page must not stop the crawl, nor hide the page
            log.exception("unexpected error on %s", job.url)
            self._finish(job, Result(FAILED, None, "failed", "internal_error"))
        finally:
            host.slots.finish()

    def _fetch_failed(self, job: Job, error: str, status: int | None = None) -> None:
        if error in RETRYABLE_ERRORS and job.attempts < self.settings.retries:
            self._retry(job, backoff(job.attempts + 1, self.settings.retry_base), error, status)
        else:
            self._finish(job, Result(FAILED, status, "failed", error))

    def _settle(self, host: _Host | None, job: Job, exchange: Exchange, body: bytes,
                written: Written | None, was_revisit: bool) -> None:
        """Book a response: store it (unless it came from the store), decide its outcome, queue what it links.

        ``host`` is None when replaying a stored record after a crash: then nobody is paused.
        """
        status = exchange.status
        headers = exchange.response_headers
        url = job.url
        if status == 429 or status >= 500:
            pause = retry_after(header(headers, "retry-after"))
            if host is not None and pause is not None:
                host.slots.pause(pause)
            self._store(job, exchange, written, None, None)
            if job.attempts < self.settings.retries:
                wait = retry_delay(job.attempts + 1, self.settings.retry_base, pause)
                self._retry(job, wait, f"http_{status}", status)
            else:
                self._finish(job, Result(FAILED, status, "failed", f"http_{status}"))
            return
        if status == 200:
            content_hash, payload_sha1 = (job.content_hash, None) if was_revisit else _body_hash(body, exchange)
            if content_hash == job.content_hash and job.warc_date:
                revisit = Revisit(url, job.warc_date)
                self._store(job, exchange, written, revisit, content_hash, payload_sha1)
                result = _unchanged(job, headers, 200, time.time())
            else:
                self._store(job, exchange, written, None, content_hash, payload_sha1)
                result = Result(
                    DONE, 200, "changed" if job.content_hash else "new", None, time.time(),
                    header(headers, "etag"), header(headers, "last-modified"), content_hash, exchange.warc_date,
                )
            self._finish(job, result)
            if self.settings.scope is not None:
                self._follow_links(job, body)
            return
        self._store(job, exchange, written, None, job.content_hash if status == 304 else None)
        if status == 304:
            self._finish(job, _unchanged(job, headers, 304, time.time()))
        elif 300 <= status < 400 and (location := header(headers, "location")):
            self._redirect(job, status, location)
        elif status in (404, 410):
            self._finish(job, Result(DONE, status, "gone"))
        else:
            self._finish(job, Result(FAILED, status, "failed", f"http_{status}"))

    def _redirect(self, job: Job, status: int, location: str) -> None:
        target = normalize(resolve(job.url, location), strip_tracking=self.settings.strip_tracking)
        chain_root = job.origin or job.url
        if target is None:
            self._finish(job, Result(FAILED, status, "failed", "bad_redirect"))
        elif job.hops + 1 > self.settings.max_redirects:
            self._finish(job, Result(FAILED, status, "failed", "too_many_redirects"))
        elif target == job.url or self.frontier.in_redirect_chain(target, chain_root):
            self._finish(job, Result(FAILED, status, "failed", "redirect_loop"))
        else:
            self._finish(job, Result(DONE, status, "redirect"))
            self._pending_adds.append(NewUrl(target, host_of(target), job.depth, None, chain_root, job.hops + 1))

    def _follow_links(self, job: Job, body: bytes) -> None:
        scope, shard = self.settings.scope, self.settings.shard
        assert scope is not None
        depth = job.depth + 1
        if depth > scope.max_depth:
            return
        seen: set[str] = set()
        for href in extract_links(body, job.url):
            url = normalize(href, strip_tracking=self.settings.strip_tracking)
            if url is None or url in seen:
                continue
            host = host_of(url)
            if scope.accepts(url, host, depth) and shard_owns(shard, host):
                seen.add(url)
                self._pending_adds.append(NewUrl(url, host, depth))

    # ---------------------------------------------------------------- bookkeeping

    def _store(self, job: Job, exchange: Exchange, written: Written | None, revisit: Revisit | None,
               content_hash: str | None, payload_sha1: bytes | None = None) -> None:
        if written is None:
            written = self._writer.write(exchange, revisit, payload_sha1)
        headers = exchange.response_headers
        self._pending_rows.append(IndexRow(
            job.url, written.warc_file, written.offset, written.length, "revisit" if revisit else "response",
            exchange.status, exchange.warc_date, header(headers, "etag"), header(headers, "last-modified"),
            content_hash,
        ))

    def _finish(self, job: Job, result: Result) -> None:
        self.stats.fetched += 1
        if result.state == FAILED:
            self.stats.errors += 1
            log.warning("failed %s: %s", job.url, result.error)
        self._pending_results.append((job.url, result))
        self._maybe_commit()

    def _retry(self, job: Job, wait: float, error: str, status: int | None) -> None:
        self.stats.retries += 1
        self._pending_retries.append((job.url, time.time() + wait, error, status))
        self._maybe_commit()

    def _has_pending(self) -> bool:
        return bool(self._pending_results or self._pending_retries or self._pending_adds or self._pending_rows)

    def _maybe_commit(self) -> None:
        if len(self._pending_results) >= COMMIT_BATCH:
            self._commit()

    def _commit(self) -> None:
        """Apply queued bookkeeping in one transaction. The WARC bytes it refers to are already written."""
        self._last_commit = time.monotonic()
        if not self._has_pending():
            return
        adds, retries = self._pending_adds, self._pending_retries
        self._conn.execute("BEGIN")
        self._index.add(self._pending_rows)
        self.frontier.add(adds)
        self.frontier.retry(retries)  # before results: a URL's retries precede its final result
        self.frontier.finish(self._pending_results)
        self._conn.execute("COMMIT")
        for name in {a.host for a in adds} | {host_of(r[0]) for r in retries}:
            self._activate(name)
        self._pending_rows, self._pending_adds, self._pending_retries, self._pending_results = [], [], [], []


def _unchanged(job: Job, headers: list[tuple[str, str]] | None, status: int | None, fetched_at: float) -> Result:
    """Same content as last time: keep its hash and record; take fresh validators when the server sent some."""
    etag = (header(headers, "etag") if headers else None) or job.etag
    last_modified = (header(headers, "last-modified") if headers else None) or job.last_modified
    return Result(DONE, status, "unchanged", None, fetched_at, etag, last_modified, job.content_hash, job.warc_date)


def _body_hash(body: bytes, exchange: Exchange) -> tuple[str, bytes | None]:
    """The content hash of a decoded body, and its SHA-1 again as the payload's when the body is the payload (not
    content-encoded): the WARC record's payload digest then costs no second pass over the same bytes."""
    sha1 = hashlib.sha1(body).digest()
    return "sha1:" + sha1.hex(), sha1 if body is exchange.payload else None


def _sooner(current: float | None, candidate: float) -> float:
    return candidate if current is None else min(current, candidate)
