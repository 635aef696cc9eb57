"""One crawl run: the sources read lazily into the crawler, the live report, and the run's summary.json."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

from pipeline.fetch.client import Client, ClientOptions
from pipeline.fetch.command import EXIT_CANNOT_START, EXIT_FAILURES, EXIT_INTERRUPTED, EXIT_OK
from pipeline.fetch.crawl import Crawler, CrawlSettings
from pipeline.fetch.politeness import RobotsCache
from pipeline.fetch.progress import configure_logging, line, report
from pipeline.fetch.sources import Seed, SourceError, feed_seeds, read_url_file, sitemap_seeds
from pipeline.fetch.urls import Scope, host_of, normalize
from pipeline.store.index import connect

__all__ = ["ClientOptions", "CrawlSettings", "Sources", "configure_logging", "run", "scope_of"]

log = logging.getLogger("pipeline.crawl")

def scope_of(start: list[str], follow: list[re.Pattern[str]], deny: list[re.Pattern[str]], any_host: bool,
             max_depth: int) -> Scope | None:
    """Which links are followed: none without start pages or --follow; else the start pages' hosts."""
    if not (start or follow):
        return None
    start_hosts = frozenset(host_of(u) for u in (normalize(s) for s in start) if u)
    return Scope(tuple(follow), tuple(deny), frozenset() if any_host else start_hosts, max_depth)


def run(settings: CrawlSettings, options: ClientOptions, sources: Sources, live: bool) -> int:
    return asyncio.run(_crawl(settings, options, sources, live))


class Sources:
    """All seeds of the command line, read lazily so that a large sitemap streams into the frontier."""

    def __init__(self, sitemaps: list[str], files: list[Path], feeds: list[str], starts: list[str]) -> None:
        self.sitemaps, self.files, self.feeds, self.starts = sitemaps, files, feeds, starts

    async def seeds(self, client: Client, robots: RobotsCache) -> AsyncIterator[Seed]:
        for url in self.starts:
            yield Seed(url)
        for path in self.files:
            for seed in read_url_file(path):
                yield seed
        for url in self.sitemaps:
            async for seed in sitemap_seeds(client, url, robots):
                yield seed
        for url in self.feeds:
            async for seed in feed_seeds(client, url):
                yield seed


async def _crawl(settings: CrawlSettings, options: ClientOptions, sources: Sources, live: bool) -> int:
    client = Client(options)
    conn = connect(settings.raw_dir)
    crawler = Crawler(settings, client, conn)
    reporter = asyncio.create_task(report(crawler.stats, crawler.frontier.queued_count, live))
    finished = False
    try:
        await crawler.run(sources.seeds(client, crawler.robots))
        finished = True
    except SourceError as exc:
        log.error("%s", exc)
        return EXIT_CANNOT_START
    except asyncio.CancelledError:
        log.warning("interrupted: rerun the same command to resume")
        return EXIT_INTERRUPTED
    finally:
        reporter.cancel()
        await asyncio.gather(reporter, return_exceptions=True)
        await client.aclose()
        summary = _summary(crawler, finished)
        (settings.raw_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
        conn.close()
        log.info("done %s", line(crawler.stats, summary["queued"]))
    return EXIT_FAILURES if summary["states"].get("failed") else EXIT_OK


def _summary(crawler: Crawler, finished: bool) -> dict[str, object]:
    stats = crawler.stats
    elapsed = stats.elapsed()
    counts = crawler.frontier.run_counts()
    return {
        "run": crawler.frontier.run,
        "resumed": crawler.frontier.resumed,
        "finished": finished,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - elapsed)),
        "elapsed_s": round(elapsed, 3),
        "this_process": {
            "settled": stats.fetched, "errors": stats.errors, "retries": stats.retries,
            "bytes_received": stats.bytes_received, "recovered_from_warc": stats.recovered,
            "pages_per_s": round(stats.fetched / elapsed, 1) if elapsed > 0 else None,
        },
        **counts,
        "queued": crawler.frontier.queued_count(),
    }
