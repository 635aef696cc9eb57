"""``pipeline crawl``: options in, one crawl out, summary.json and an exit code.

Exit codes:
  0    the run finished and every URL got a final outcome (new, changed, unchanged, gone or redirect)
  1    the run finished, but some URLs failed (summary.json counts them by error class)
  2    bad usage: unknown option, no source given, invalid value
  3    the crawl could not start: a named source is unreadable, or another crawl holds the raw directory
  130  interrupted; the run stays open and the same command resumes it
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import re
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated

import typer

from pipeline.fetch.client import Client, ClientOptions
from pipeline.fetch.crawl import Crawler, CrawlSettings
from pipeline.fetch.progress import configure_logging, line, report
from pipeline.fetch.sources import Seed, SourceError, feed_seeds, read_url_file, sitemap_seeds
from pipeline.fetch.urls import Scope, host_of, normalize
from pipeline.store.index import connect
from pipeline.store.warc import DEFAULT_MAX_FILE_BYTES

log = logging.getLogger("pipeline.crawl")

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_CANNOT_START, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
USER_AGENT = "article-pipeline/0.1"


def crawl(
    sitemap: Annotated[list[str], typer.Option(help="Sitemap or sitemap index URL (.xml, .xml.gz), or a "
                                                    "robots.txt URL to use its Sitemap lines. Repeatable.")] = [],  # noqa: B006
    urls: Annotated[list[Path], typer.Option(help="File of URLs, one a line. Repeatable.")] = [],  # noqa: B006
    feed: Annotated[list[str], typer.Option(help="RSS or Atom feed URL. Repeatable.")] = [],  # noqa: B006
    start: Annotated[list[str], typer.Option(help="Start page whose links are followed. Repeatable.")] = [],  # noqa: B006
    follow: Annotated[list[str], typer.Option(help="Follow only links matching this regex. Repeatable.")] = [],  # noqa: B006
    deny: Annotated[list[str], typer.Option(help="Never follow links matching this regex. Repeatable.")] = [],  # noqa: B006
    any_host: Annotated[bool, typer.Option(help="Follow links to other hosts than the start pages'.")] = False,
    max_depth: Annotated[int, typer.Option(help="Link hops from a start page.", min=0)] = 5,
    max_pages: Annotated[int | None, typer.Option(help="Stop after this many URLs in this run.", min=1)] = None,
    raw: Annotated[Path, typer.Option(help="Raw store: WARC files, index.sqlite, summary.json.")] = Path("raw"),
    concurrency: Annotated[int, typer.Option("--concurrency", "-c", help="Requests in flight, all hosts.",
                                             min=1)] = 64,
    per_host: Annotated[int, typer.Option(help="Requests in flight per host.", min=1)] = 2,
    delay: Annotated[float, typer.Option(help="Seconds between request starts per host; a longer robots.txt "
                                              "Crawl-delay wins.", min=0)] = 0.25,
    retries: Annotated[int, typer.Option(help="Retries of timeouts, connection errors, 429 and 5xx.", min=0)] = 3,
    retry_base: Annotated[float, typer.Option(help="First backoff in seconds (doubles, with jitter).", min=0)] = 1.0,
    user_agent: Annotated[str, typer.Option(help="User-Agent product token.")] = USER_AGENT,
    contact: Annotated[str | None, typer.Option(help="URL or e-mail for site owners, added to the "
                                                     "User-Agent.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest body accepted, received and decoded.", min=1)] = 10 << 20,
    connect_timeout: Annotated[float, typer.Option(min=0.001)] = 10.0,
    read_timeout: Annotated[float, typer.Option(min=0.001)] = 30.0,
    timeout: Annotated[float, typer.Option(help="Total seconds for one request.", min=0.001)] = 60.0,
    max_redirects: Annotated[int, typer.Option(min=0)] = 10,
    allow_private_addresses: Annotated[bool, typer.Option(help="Allow loopback, private and link-local "
                                                               "addresses (off: refused after DNS).")] = False,
    strip_tracking: Annotated[bool, typer.Option(help="Drop utm_*, gclid, fbclid... from URLs.")] = False,
    warc_max_bytes: Annotated[int, typer.Option(help="Start a new WARC file past this size.",
                                                min=1)] = DEFAULT_MAX_FILE_BYTES,
    shard: Annotated[str | None, typer.Option(help="Crawl only shard I of N of the hosts, e.g. 0/4 (by a stable "
                                                  "hash of the origin; give each shard its own --raw).")] = None,
    log_format: Annotated[str, typer.Option(help="text or json.")] = "text",
    progress: Annotated[bool | None, typer.Option(help="Live progress bar (default: when stderr is a "
                                                        "terminal).")] = None,
) -> None:
    """Fetch pages politely into WARC files under --raw; rerun to resume or to revalidate (incremental)."""
    if log_format not in ("text", "json"):
        raise typer.BadParameter("--log-format must be text or json")
    configure_logging(log_format)
    if not (sitemap or urls or feed or start):
        typer.echo("error: give at least one of --sitemap, --urls, --feed, --start", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        patterns = [re.compile(p) for p in follow], [re.compile(p) for p in deny]
    except re.error as exc:
        raise typer.BadParameter(f"bad regex: {exc}") from None
    following = bool(start or follow)
    scope = None
    if following:
        start_hosts = frozenset(host_of(u) for u in (normalize(s) for s in start) if u)
        scope = Scope(tuple(patterns[0]), tuple(patterns[1]), frozenset() if any_host else start_hosts, max_depth)
    agent = f"{user_agent} (+{contact})" if contact else user_agent
    settings = CrawlSettings(
        raw_dir=raw, user_agent=agent, concurrency=concurrency, per_host=per_host, delay=delay, retries=retries,
        retry_base=retry_base, max_pages=max_pages, max_redirects=max_redirects, strip_tracking=strip_tracking,
        scope=scope, warc_max_bytes=warc_max_bytes, shard=_shard(shard),
    )
    options = ClientOptions(
        user_agent=agent, max_bytes=max_bytes, connect_timeout=connect_timeout, read_timeout=read_timeout,
        total_timeout=timeout, allow_private=allow_private_addresses, connections=concurrency,
    )
    if not contact:
        log.warning("no --contact given: site owners cannot reach you from the User-Agent")
    raw.mkdir(parents=True, exist_ok=True)
    with (raw / ".crawl.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            typer.echo(f"error: another crawl is using {raw}", err=True)
            raise typer.Exit(EXIT_CANNOT_START) from None
        live = sys.stderr.isatty() if progress is None else progress
        sources = _Sources(sitemap, urls, feed, start, retries, retry_base)
        try:
            code = asyncio.run(_crawl(settings, options, sources, live))
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
    raise typer.Exit(code)


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise typer.BadParameter("--shard expects I/N, e.g. 0/4") from None
    if not 0 <= index < count:
        raise typer.BadParameter("--shard expects 0 <= I < N")
    return index, count


class _Sources:
    """All seeds of the command line, read lazily so that a large sitemap streams into the frontier."""

    def __init__(self, sitemaps: list[str], files: list[Path], feeds: list[str], starts: list[str],
                 retries: int, retry_base: float) -> None:
        self.sitemaps, self.files, self.feeds, self.starts = sitemaps, files, feeds, starts
        self.retries, self.retry_base = retries, retry_base

    async def seeds(self, client: Client) -> AsyncIterator[Seed]:
        for url in self.starts:
            yield Seed(url)
        for path in self.files:
            for seed in read_url_file(path):
                yield seed
        for url in self.sitemaps:
            async for seed in sitemap_seeds(client, url, self.retries, self.retry_base):
                yield seed
        for url in self.feeds:
            async for seed in feed_seeds(client, url):
                yield seed


async def _crawl(settings: CrawlSettings, options: ClientOptions, sources: _Sources, live: bool) -> int:
    client = Client(options)
    conn = connect(settings.raw_dir)
    crawler = Crawler(settings, client, conn)
    reporter = asyncio.create_task(report(crawler.stats, crawler.frontier.queued_count, live))
    started = time.time()
    finished = False
    try:
        await crawler.run(sources.seeds(client))
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
        summary = _summary(crawler, started, finished)
        (settings.raw_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
        conn.close()
        log.info("done %s", line(crawler.stats, summary["queued"]))
    return EXIT_FAILURES if summary["states"].get("failed") else EXIT_OK


def _summary(crawler: Crawler, started: float, finished: bool) -> dict[str, object]:
    stats = crawler.stats
    elapsed = time.time() - started
    counts = crawler.frontier.run_counts()
    return {
        "run": crawler.frontier.run,
        "resumed": crawler.frontier.resumed,
        "finished": finished,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "elapsed_s": round(elapsed, 3),
        "this_process": {
            "settled": stats.fetched, "errors": stats.errors, "retries": stats.retries,
            "bytes_received": stats.bytes_received, "recovered_from_warc": stats.recovered,
            "pages_per_s": round(stats.fetched / elapsed, 1) if elapsed > 0 else None,
        },
        **counts,
        "queued": crawler.frontier.queued_count(),
    }
