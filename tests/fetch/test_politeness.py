"""robots.txt handling and the timing rules: Retry-After, backoff, per-host slots."""

from __future__ import annotations

import asyncio
import time
from email.utils import formatdate

import respx

from pipeline.fetch.client import Client, ClientOptions
from pipeline.fetch.politeness import HostSlots, Robots, backoff, fetch_robots, retry_after, retry_delay
from tests.fetch.helpers import transport

UA = "test-agent"


def robots_for(router: respx.Router) -> Robots:
    async def go() -> Robots:
        client = Client(ClientOptions(user_agent=UA), transport=transport(router))
        try:
            return await fetch_robots(client, "https://site.test", retries=1, retry_base=0.001)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_robots_rules_disallow_paths_and_give_crawl_delay_and_sitemaps() -> None:
    router = respx.Router()
    router.get("https://site.test/robots.txt").respond(
        200, text="User-agent: *\nDisallow: /private/\nCrawl-delay: 2\nSitemap: https://site.test/sm.xml\n")

    robots = robots_for(router)

    assert not robots.allowed("https://site.test/private/a", UA)
    assert robots.allowed("https://site.test/public/a", UA)
    assert robots.crawl_delay(UA) == 2.0
    assert robots.sitemaps() == ["https://site.test/sm.xml"]


def test_missing_robots_allows_everything() -> None:
    router = respx.Router()
    router.get("https://site.test/robots.txt").respond(404)

    assert robots_for(router).allowed("https://site.test/anything", UA)


def test_robots_server_error_disallows_everything_after_retries() -> None:
    router = respx.Router()
    route = router.get("https://site.test/robots.txt").respond(503)

    robots = robots_for(router)

    assert not robots.allowed("https://site.test/anything", UA)
    assert robots.error == "http_503"
    assert route.call_count == 2


def test_robots_redirect_is_followed() -> None:
    router = respx.Router()
    router.get("https://site.test/robots.txt").respond(301, headers={"Location": "https://www.site.test/robots.txt"})
    router.get("https://www.site.test/robots.txt").respond(200, text="User-agent: *\nDisallow: /\n")

    assert not robots_for(router).allowed("https://site.test/a", UA)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("7") == 7.0
    in_ten = retry_after(formatdate(time.time() + 10, usegmt=True))
    assert in_ten is not None and 8 <= in_ten <= 10
    assert retry_after("soon") is None
    assert retry_after("999999") == 3600.0


def test_backoff_grows_exponentially_within_jitter() -> None:
    assert 0.5 <= backoff(1, 1.0) <= 1.5
    assert 4.0 <= backoff(4, 1.0) <= 12.0
    assert backoff(30, 1.0) <= 300.0 * 1.5


def test_retry_delay_honours_any_retry_after_and_backs_off_without_one() -> None:
    assert retry_delay(3, 10.0, 0.0) == 0.0
    assert retry_delay(3, 10.0, 7.0) == 7.0
    assert 20.0 <= retry_delay(3, 10.0, None) <= 60.0


def test_host_slots_limit_concurrency_and_space_starts() -> None:
    slots = HostSlots(slots=2, delay=0.5)

    slots.start(100.0)
    assert not slots.ready(100.2)
    assert slots.ready(100.5)
    slots.start(100.5)
    assert not slots.ready(200.0)
    slots.finish()
    assert slots.ready(200.0)


def test_longer_crawl_delay_wins_and_serializes_the_host() -> None:
    slots = HostSlots(slots=4, delay=0.1)

    slots.use_crawl_delay(3.0)

    assert (slots.slots, slots.delay) == (1, 3.0)
