"""``pipeline crawl``: options in, one crawl out, summary.json and an exit code.

Exit codes:
  0    the run finished and every URL got a final outcome (new, changed, unchanged, gone or redirect)
  1    the run finished, but some URLs failed (summary.json counts them by error class)
  2    bad usage: unknown option, no source given, invalid value
  3    the crawl could not start: a named source is unreadable, or another crawl holds the raw directory
  130  interrupted; the run stays open and the same command resumes it

Only the options live here; the crawl machinery (aiohttp, httpx, SQLite, WARC) is imported when the command
runs, so that other commands of the same program (``parse``) do not pay for loading it.
"""

from __future__ import annotations

import fcntl
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.fetch import defaults
from pipeline.options import shard_option
from pipeline.store import DEFAULT_MAX_FILE_BYTES

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
    max_depth: Annotated[int, typer.Option(help="Link hops from a start page.", min=0)] = defaults.MAX_DEPTH,
    max_pages: Annotated[int | None, typer.Option(help="Stop after this many URLs in this run.", min=1)] = None,
    raw: Annotated[Path, typer.Option(help="Raw store: WARC files, index.sqlite, summary.json.")] = Path("raw"),
    concurrency: Annotated[int, typer.Option("--concurrency", "-c", help="Requests in flight, all hosts.",
                                             min=1)] = defaults.CONCURRENCY,
    per_host: Annotated[int, typer.Option(help="Requests in flight per host.", min=1)] = defaults.PER_HOST,
    delay: Annotated[float, typer.Option(help="Seconds between request starts per host; a longer robots.txt "
                                              "Crawl-delay wins.", min=0)] = defaults.DELAY,
    retries: Annotated[int, typer.Option(help="Retries of timeouts, connection errors, 429 and 5xx.",
                                         min=0)] = defaults.RETRIES,
    retry_base: Annotated[float, typer.Option(help="First backoff in seconds (doubles, with jitter).",
                                              min=0)] = defaults.RETRY_BASE,
    user_agent: Annotated[str, typer.Option(help="User-Agent product token.")] = USER_AGENT,
    contact: Annotated[str | None, typer.Option(help="URL or e-mail for site owners, added to the "
                                                     "User-Agent.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest body accepted, received and decoded.",
                                           min=1)] = defaults.MAX_BYTES,
    connect_timeout: Annotated[float, typer.Option(min=0.001)] = defaults.CONNECT_TIMEOUT,
    read_timeout: Annotated[float, typer.Option(min=0.001)] = defaults.READ_TIMEOUT,
    timeout: Annotated[float, typer.Option(help="Total seconds for one request.",
                                           min=0.001)] = defaults.TOTAL_TIMEOUT,
    max_redirects: Annotated[int, typer.Option(min=0)] = defaults.MAX_REDIRECTS,
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
    if not (sitemap or urls or feed or start):
        typer.echo("error: give at least one of --sitemap, --urls, --feed, --start", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        follow_patterns, deny_patterns = [re.compile(p) for p in follow], [re.compile(p) for p in deny]
    except re.error as exc:
        raise typer.BadParameter(f"bad regex: {exc}") from None
    from pipeline.fetch import job  # the crawl machinery: loaded only when a crawl runs

    job.configure_logging(log_format)
    agent = f"{user_agent} (+{contact})" if contact else user_agent
    settings = job.CrawlSettings(
        raw_dir=raw, user_agent=agent, concurrency=concurrency, per_host=per_host, delay=delay, retries=retries,
        retry_base=retry_base, max_pages=max_pages, max_redirects=max_redirects, strip_tracking=strip_tracking,
        scope=job.scope_of(start, follow_patterns, deny_patterns, any_host, max_depth),
        warc_max_bytes=warc_max_bytes, shard=shard_option(shard),
    )
    options = job.ClientOptions(
        user_agent=agent, max_bytes=max_bytes, connect_timeout=connect_timeout, read_timeout=read_timeout,
        total_timeout=timeout, allow_private=allow_private_addresses, connections=concurrency,
    )
    if not contact:
        job.log.warning("no --contact given: site owners cannot reach you from the User-Agent")
    raw.mkdir(parents=True, exist_ok=True)
    with (raw / ".crawl.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            typer.echo(f"error: another crawl is using {raw}", err=True)
            raise typer.Exit(EXIT_CANNOT_START) from None
        live = sys.stderr.isatty() if progress is None else progress
        sources = job.Sources(sitemap, urls, feed, start)
        try:
            code = job.run(settings, options, sources, live)
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
    raise typer.Exit(code)

