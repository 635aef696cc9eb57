"""What a person or a log collector sees while a crawl runs: a live bar on a terminal, log lines otherwise."""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Callable

import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.fetch.crawl import Stats

log = logging.getLogger("pipeline.crawl")

LOG_EVERY = 10.0
"""Seconds between progress log lines when stderr is not a terminal."""


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ts, level, logger, msg (and exc when there is one)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry).decode()


def configure_logging(log_format: str, level: int = logging.INFO) -> None:
    """Our loggers to stderr as text or JSON; libraries keep Python's default (warnings and up)."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    ours = logging.getLogger("pipeline")
    ours.handlers[:] = [handler]
    ours.setLevel(level)
    ours.propagate = False


def line(stats: Stats, queued: int) -> str:
    elapsed = max(stats.elapsed(), 1e-9)
    return (
        f"pages={stats.fetched} pages/s={stats.fetched / elapsed:.1f} errors={stats.errors} "
        f"retries={stats.retries} queued={queued} MB={stats.bytes_received / 1e6:.1f}"
    )


async def report(stats: Stats, queued: Callable[[], int], live: bool) -> None:
    """Runs until cancelled: a rich bar when ``live``, else a log line every ``LOG_EVERY`` seconds."""
    if not live:
        while True:
            await asyncio.sleep(LOG_EVERY)
            log.info("progress %s", line(stats, queued()))
    columns = (
        TextColumn("crawl"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} pages/s"),
        TextColumn("errors {task.fields[errors]}"), TextColumn("queue {task.fields[queued]}"), TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("crawl", total=None, rate="0", errors=0, queued=0)

        def refresh() -> None:
            waiting = queued()
            elapsed = max(stats.elapsed(), 1e-9)
            bar.update(task, completed=stats.fetched, total=stats.fetched + waiting,
                       rate=f"{stats.fetched / elapsed:.0f}", errors=stats.errors, queued=waiting)

        try:
            while True:
                refresh()
                await asyncio.sleep(0.5)
        finally:
            refresh()
