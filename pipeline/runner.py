"""The parse job: inputs -> pages -> records -> JSONL, across worker processes, with its own stats.

Pages are parsed in batches by a process pool (one worker per core by default); results come back in input
order, so a rerun on the same inputs writes identical bytes. At most a few batches per worker are in flight,
so memory stays flat however many pages a run reads.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from pipeline.errors import PageRejected, PageTimeout, UnreadableInput
from pipeline.export.jsonl import JsonlWriters
from pipeline.inputs import Input, RawStore, discover, in_shard, is_warc, read_pages
from pipeline.page import RawPage
from pipeline.parse import PARSER_VERSION, parse_page
from pipeline.parse.document import DEFAULT_MAX_BYTES
from schemas.records import RECORD_MODELS, SCHEMA_VERSION, Reject

if TYPE_CHECKING:
    from concurrent.futures import Future

REJECTS_FILE = "rejects"
RECORD_FILES = tuple(name for name in RECORD_MODELS if name != "reject")  # one file per record type
SUMMARY_FILE = "summary.json"
BATCH_SIZE = 16
BATCHES_IN_FLIGHT_PER_WORKER = 4
# A page costs milliseconds; one that takes a minute is pathological markup, and must not hold up the run.
DEFAULT_PAGE_TIMEOUT = 60.0


@dataclass(slots=True)
class PageResult:
    """One page's outcome, already serialized, so only bytes cross the process boundary."""

    source: str
    lines: list[tuple[str, bytes]]
    reject_reason: str | None = None


@dataclass(slots=True)
class ParseStats:
    pages_parsed: int = 0
    records: Counter[str] = field(default_factory=Counter)
    rejects: Counter[str] = field(default_factory=Counter)

    @property
    def pages_rejected(self) -> int:
        return sum(self.rejects.values())

    @property
    def pages_seen(self) -> int:
        return self.pages_parsed + self.pages_rejected


@dataclass(slots=True)
class ParseOptions:
    out_dir: Path
    workers: int = 0
    """0 means one per CPU core."""
    compress: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    shard: tuple[int, int] | None = None
    page_timeout: float = DEFAULT_PAGE_TIMEOUT
    """CPU seconds one page may take; 0 means no limit."""


def parse_one(page: RawPage, max_bytes: int = DEFAULT_MAX_BYTES, limit: CpuTimeLimit | None = None) -> PageResult:
    """Parse a page; any failure becomes a reject line, never an exception that stops the run. Under a
    ``limit``, a page that takes longer is rejected as ``timeout``."""
    try:
        if limit is not None:
            limit.start()
        try:
            parsed = parse_page(page, max_bytes=max_bytes)
        finally:
            if limit is not None:
                limit.stop()
    except PageRejected as exc:
        return _reject(page.source, page.url, exc.reason, exc)
    except Exception as exc:  # a parser bug on one page must not cost the other pages
        return _reject(page.source, page.url, "parser_error", exc)
    lines = [(record.record_type, orjson.dumps(record.model_dump(mode="json"))) for record in parsed.records()]
    return PageResult(page.source, lines)


def _reject(source: str, url: str | None, reason: str, exc: BaseException) -> PageResult:
    reject = Reject(source=source, url=url, reason=reason, error_class=type(exc).__name__, detail=str(exc)[:500])
    return PageResult(source, [(REJECTS_FILE, orjson.dumps(reject.model_dump(mode="json")))], reason)


def _parse_batch(batch: list[RawPage | Path], max_bytes: int, timeout: float) -> list[PageResult]:
    results = []
    with CpuTimeLimit(timeout) as limit:
        for item in batch:
            if isinstance(item, Path):  # an HTML file: read here, in the worker, to spare the pipe its bytes
                try:
                    item = next(read_pages(item))
                except UnreadableInput as exc:
                    results.append(_reject(str(item), None, exc.reason, exc))
                    continue
            results.append(parse_one(item, max_bytes, limit))
    return results


class CpuTimeLimit:
    """Rejects a page as ``timeout`` once parsing it has taken ``seconds`` of this process's CPU time (a
    virtual-time timer, so a loaded machine does not cut pages short). The signal handler is set for the
    duration of a ``with`` block, the timer per page. Off where there is no such timer (Windows), off the main
    thread (where Python takes no signals), and with 0 seconds."""

    def __init__(self, seconds: float) -> None:
        usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self.seconds = seconds if usable and seconds > 0 else 0.0
        self._previous: Any = None

    def __enter__(self) -> CpuTimeLimit:
        if self.seconds:
            self._previous = signal.signal(signal.SIGVTALRM, self._expire)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            if self._previous is not None:  # None: a handler set outside Python, which cannot be put back
                signal.signal(signal.SIGVTALRM, self._previous)

    def start(self) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_VIRTUAL, self.seconds)

    def stop(self) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)

    def _expire(self, signum: int, frame: object) -> None:
        raise PageTimeout(f"parsing took more than {self.seconds:g} s of CPU time")


def _work_items(inputs: list[Input]) -> Iterator[RawPage | Path | PageResult]:
    """HTML files go to the workers as paths; WARC files and raw stores are read here, record by record."""
    for item in inputs:
        if isinstance(item, RawStore):
            for page in item.current_pages():
                yield page if isinstance(page, RawPage) else _reject(str(item.path), None, page.reason, page)
        elif not is_warc(item):
            yield item
        else:
            try:
                yield from read_pages(item)
            except UnreadableInput as exc:
                yield _reject(str(item), None, exc.reason, exc)


def _batches(items: Iterable[RawPage | Path | PageResult]) -> Iterator[list[RawPage | Path] | PageResult]:
    """Pages in batches for the workers; a reject made while reading passes through, after the pages before it."""
    batch: list[RawPage | Path] = []
    for item in items:
        if isinstance(item, PageResult):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _results(files: list[Input], options: ParseOptions, workers: int) -> Iterator[PageResult]:
    batches = _batches(_work_items(files))
    if workers == 1:
        for batch in batches:
            yield from [batch] if isinstance(batch, PageResult) else _parse_batch(batch, options.max_bytes,
                                                                                  options.page_timeout)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing loads only for runs that use a pool

    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[PageResult]] | PageResult] = deque()

        def submit(batch: list[RawPage | Path] | PageResult) -> None:
            if not isinstance(batch, PageResult):
                batch = pool.submit(_parse_batch, batch, options.max_bytes, options.page_timeout)
            pending.append(batch)

        for batch in islice(batches, workers * BATCHES_IN_FLIGHT_PER_WORKER):
            submit(batch)
        while pending:
            head = pending.popleft()
            if isinstance(head, PageResult):
                yield head
            else:
                yield from head.result()
            if (following := next(batches, None)) is not None:
                submit(following)


def run_parse(paths: list[Path], options: ParseOptions) -> dict[str, object]:
    """Parse every page under ``paths`` into ``options.out_dir``; return the run summary (also written there)."""
    started_at = datetime.now(UTC)
    wall_start, cpu_start = time.perf_counter(), _cpu_seconds()
    files = [path for path in discover(paths) if in_shard(path, options.shard)]
    workers = options.workers or os.cpu_count() or 1
    stats = ParseStats()
    with JsonlWriters(options.out_dir, compress=options.compress) as writers:
        for name in (*RECORD_FILES, REJECTS_FILE):
            writers.open(name)
        for result in _results(files, options, workers):
            if result.reject_reason:
                stats.rejects[result.reject_reason] += 1
            else:
                stats.pages_parsed += 1
            for name, line in result.lines:
                writers.write(name, line)
                if name != REJECTS_FILE:
                    stats.records[name] += 1
        wall, cpu = time.perf_counter() - wall_start, _cpu_seconds() - cpu_start
        summary = {
            "command": "parse",
            "parser_version": PARSER_VERSION,
            "schema_version": SCHEMA_VERSION,
            "started_at": started_at.isoformat(timespec="seconds"),
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "input_files": len(files),
            "workers": workers,
            "pages_seen": stats.pages_seen,
            "pages_parsed": stats.pages_parsed,
            "pages_rejected": stats.pages_rejected,
            "records": {name: stats.records.get(name, 0) for name in RECORD_FILES},
            "rejects": dict(sorted(stats.rejects.items())),
            "files": [writers.file_name(name) for name in (*RECORD_FILES, REJECTS_FILE)],
            "timings": {
                "wall_seconds": round(wall, 3),
                "cpu_seconds": round(cpu, 3),
                "pages_per_second": round(stats.pages_seen / wall, 1) if wall > 0 else None,
            },
        }
        writers.write_file(SUMMARY_FILE, orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")
    return summary


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: throughput per CPU-second, not per wall second."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
