"""Being a good guest: robots.txt, per-host slots and delays, Crawl-delay, Retry-After and backoff."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from protego import Protego

from pipeline.fetch.client import RETRYABLE_ERRORS, Client, FetchError
from pipeline.fetch.urls import normalize, resolve

ROBOTS_REDIRECTS = 5
MAX_PAUSE = 3600.0
"""No Retry-After or Crawl-delay makes the crawler wait longer than this at once."""


@dataclass(frozen=True, slots=True)
class Robots:
    """A host's robots.txt rules, or a blanket answer when there is no usable file."""

    rules: Protego | None
    allow_all: bool
    error: str | None = None
    """Set when robots.txt could not be fetched (RFC 9309: an unreachable file means disallow all)."""

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.rules is None:
            return self.allow_all
        return bool(self.rules.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(user_agent)
        return None if delay is None else float(delay)

    def sitemaps(self) -> list[str]:
        return list(self.rules.sitemaps) if self.rules is not None else []


async def fetch_robots(client: Client, origin: str, retries: int, retry_base: float) -> Robots:
    """robots.txt of ``origin`` (``scheme://host[:port]``): 2xx parsed, 4xx allows all, 5xx or no answer disallows.

    Redirects are followed up to five hops, as RFC 9309 asks; server errors and network failures are retried.
    """
    url = f"{origin}/robots.txt"
    attempt = 0
    hops = 0
    while True:
        try:
            response = await client.get(url, accept=None)
        except FetchError as exc:
            if exc.error_class not in RETRYABLE_ERRORS:
                return Robots(None, allow_all=True)  # e.g. a blocked address: each page then fails with the cause
            if attempt < retries:
                attempt += 1
                await asyncio.sleep(backoff(attempt, retry_base))
                continue
            return Robots(None, allow_all=False, error=exc.error_class)
        status = response.status
        location = response.header("location")
        if 300 <= status < 400 and location and hops < ROBOTS_REDIRECTS:
            target = normalize(resolve(url, location))
            if target is None:
                return Robots(None, allow_all=True)
            url, hops = target, hops + 1
            continue
        if 200 <= status < 300:
            if response.rejected:  # a robots.txt over the size cap is treated as missing
                return Robots(None, allow_all=True)
            return Robots(Protego.parse(response.body.decode("utf-8", "replace")), allow_all=True)
        if status == 429 or status >= 500:
            if attempt < retries:
                attempt += 1
                await asyncio.sleep(retry_delay(attempt, retry_base, retry_after(response.header("retry-after"))))
                continue
            return Robots(None, allow_all=False, error=f"http_{status}")
        return Robots(None, allow_all=True)


class RobotsCache:
    """robots.txt by origin, fetched once per crawl: sitemap discovery from a robots.txt URL reads through the
    crawler's cache, so the crawl does not fetch that file again."""

    def __init__(self, client: Client, retries: int, retry_base: float) -> None:
        self._client, self._retries, self._retry_base = client, retries, retry_base
        self._by_origin: dict[str, Robots] = {}

    async def get(self, origin: str) -> Robots:
        """The rules of ``origin`` (``scheme://host[:port]``, as ``host_of`` spells it), fetched on first use."""
        robots = self._by_origin.get(origin)
        if robots is None:
            robots = await fetch_robots(self._client, origin, self._retries, self._retry_base)
            self._by_origin[origin] = robots
        return robots


@dataclass(slots=True)
class HostSlots:
    """How many requests a host has in flight and when the next one may start."""

    slots: int
    delay: float
    active: int = 0
    next_at: float = 0.0
    """``time.monotonic()`` before which no request to this host starts."""

    def ready(self, now: float) -> bool:
        return self.active < self.slots and now >= self.next_at

    def start(self, now: float) -> None:
        self.active += 1
        self.next_at = now + self.delay

    def finish(self) -> None:
        self.active -= 1

    def pause(self, seconds: float) -> None:
        """Hold the whole host back, e.g. after a 429 or 503 with Retry-After."""
        self.next_at = max(self.next_at, time.monotonic() + min(seconds, MAX_PAUSE))

    def use_crawl_delay(self, crawl_delay: float | None) -> None:
        """A robots.txt Crawl-delay longer than ours wins, and then requests go one at a time."""
        if crawl_delay is not None and crawl_delay > self.delay:
            self.delay = min(crawl_delay, MAX_PAUSE)
            self.slots = 1


def backoff(attempt: int, base: float, cap: float = 300.0) -> float:
    """Exponential backoff with jitter: about base, 2 base, 4 base... never above ``cap``."""
    return min(cap, base * 2 ** (attempt - 1)) * random.uniform(0.5, 1.5)


def retry_delay(attempt: int, retry_base: float, server_pause: float | None) -> float:
    """Seconds before retry number ``attempt`` of a 429 or 5xx: the server's Retry-After (``server_pause``, as read
    by ``retry_after``) when it sent one, 0 meaning at once, else backoff. robots.txt and pages share this rule."""
    return server_pause if server_pause is not None else backoff(attempt, retry_base)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), capped; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_PAUSE)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when.timestamp() - time.time()), MAX_PAUSE)
