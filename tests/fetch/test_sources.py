"""Sources: sitemaps (indexes, gzip, lastmod, robots Sitemap lines), feeds, URL lists, links."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest
import respx

from pipeline.fetch.client import Client, ClientOptions
from pipeline.fetch.politeness import RobotsCache
from pipeline.fetch.sources import (
    Seed,
    SourceError,
    extract_links,
    feed_seeds,
    parse_lastmod,
    read_url_file,
    sitemap_seeds,
)
from tests.fetch.helpers import transport

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def collect(router: respx.Router, source) -> list[Seed]:
    async def go() -> list[Seed]:
        client = Client(ClientOptions(user_agent="t"), transport=transport(router))
        try:
            return [seed async for seed in source(client)]
        finally:
            await client.aclose()

    return asyncio.run(go())


def urlset(*locs: tuple[str, str | None]) -> bytes:
    entries = "".join(
        f"<url><loc>{loc}</loc>{f'<lastmod>{mod}</lastmod>' if mod else ''}</url>" for loc, mod in locs
    )
    return f'<?xml version="1.0"?><urlset {NS}>{entries}</urlset>'.encode()


def test_sitemap_index_with_gzipped_children_yields_every_page_with_lastmod() -> None:
    router = respx.Router()
    router.get("https://site.test/sitemap.xml").respond(200, content=(
        f'<sitemapindex {NS}><sitemap><loc>https://site.test/a.xml.gz</loc></sitemap>'
        f'<sitemap><loc>https://site.test/b.xml</loc></sitemap></sitemapindex>').encode())
    router.get("https://site.test/a.xml.gz").respond(
        200, content=gzip.compress(urlset(("https://site.test/1", "2026-01-02"), ("https://site.test/2", None))),
        headers={"Content-Type": "application/x-gzip"})
    router.get("https://site.test/b.xml").respond(200, content=urlset(("https://site.test/3", None)))

    seeds = collect(router, lambda c: sitemap_seeds(c, "https://site.test/sitemap.xml", RobotsCache(c, 0, 0.0)))

    assert [s.url for s in seeds] == ["https://site.test/1", "https://site.test/2", "https://site.test/3"]
    assert seeds[0].lastmod == parse_lastmod("2026-01-02T00:00:00+00:00")
    assert seeds[1].lastmod is None


def test_robots_url_stands_for_its_sitemap_lines() -> None:
    router = respx.Router()
    router.get("https://site.test/robots.txt").respond(200, text="User-agent: *\nSitemap: https://site.test/s.xml\n")
    router.get("https://site.test/s.xml").respond(200, content=urlset(("https://site.test/p", None)))

    seeds = collect(router, lambda c: sitemap_seeds(c, "https://site.test/robots.txt", RobotsCache(c, 0, 0.0)))

    assert [s.url for s in seeds] == ["https://site.test/p"]


def test_unreadable_first_sitemap_stops_the_crawl_but_a_broken_child_does_not() -> None:
    router = respx.Router()
    router.get("https://site.test/missing.xml").respond(404)
    with pytest.raises(SourceError):
        collect(router, lambda c: sitemap_seeds(c, "https://site.test/missing.xml", RobotsCache(c, 0, 0.0)))

    router.get("https://site.test/index.xml").respond(200, content=(
        f'<sitemapindex {NS}><sitemap><loc>https://site.test/missing.xml</loc></sitemap>'
        f'<sitemap><loc>https://site.test/ok.xml</loc></sitemap></sitemapindex>').encode())
    router.get("https://site.test/ok.xml").respond(200, content=urlset(("https://site.test/p", None)))
    seeds = collect(router, lambda c: sitemap_seeds(c, "https://site.test/index.xml", RobotsCache(c, 0, 0.0)))
    assert [s.url for s in seeds] == ["https://site.test/p"]


def test_rss_and_atom_feeds_yield_item_links() -> None:
    router = respx.Router()
    router.get("https://site.test/rss").respond(200, content=b"<rss><channel><link>https://site.test/</link>"
                                                b"<item><link>https://site.test/post-1</link></item></channel></rss>")
    router.get("https://site.test/atom").respond(200, content=(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="/post-2"/>'
        b'<link rel="edit" href="/edit/2"/></entry></feed>'))

    rss = collect(router, lambda c: feed_seeds(c, "https://site.test/rss"))
    atom = collect(router, lambda c: feed_seeds(c, "https://site.test/atom"))

    assert "https://site.test/post-1" in [s.url for s in rss]
    assert [s.url for s in atom] == ["https://site.test/post-2"]


def test_url_file_skips_blanks_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# seeds\nhttps://site.test/a\n\n  https://site.test/b  \n")

    assert [s.url for s in read_url_file(path)] == ["https://site.test/a", "https://site.test/b"]


def test_links_are_made_absolute_and_non_page_links_skipped() -> None:
    body = (b'<a href="/x">x</a><A class=c HREF=\'y?a=1&amp;b=2\'>y</A><a href=z>z</a>'
            b'<a href="#top">t</a><a href="mailto:a@b">m</a>')

    assert list(extract_links(body, "https://site.test/dir/page")) == [
        "https://site.test/x", "https://site.test/dir/y?a=1&b=2", "https://site.test/dir/z"]
