"""Where URLs come from: URL lists, sitemaps (indexes, .xml.gz, robots.txt Sitemap lines), feeds, page links."""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from pipeline.fetch.client import Client, FetchError, decode
from pipeline.fetch.politeness import RobotsCache
from pipeline.fetch.urls import normalize, resolve

log = logging.getLogger(__name__)

MAX_SITEMAP_DOCUMENTS = 1000
MAX_SITEMAP_DEPTH = 3


class SourceError(Exception):
    """A source the user named could not be read at all; the crawl does not start."""


@dataclass(frozen=True, slots=True)
class Seed:
    """A URL to crawl, with the sitemap's ``<lastmod>`` (epoch seconds) when it gave one."""

    url: str
    lastmod: float | None = None


def read_url_file(path: Path) -> Iterator[Seed]:
    """One URL a line; blank lines and ``#`` comments skipped."""
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                line = line.strip()
                if line and not line.startswith("#"):
                    yield Seed(line)
    except OSError as exc:
        raise SourceError(f"cannot read URL list {path}: {exc}") from exc


async def sitemap_seeds(client: Client, url: str, robots_cache: RobotsCache) -> AsyncIterator[Seed]:
    """Page URLs of a sitemap, following sitemap indexes; a robots.txt URL stands for its Sitemap lines.

    The first document must be readable (else ``SourceError``); a broken child sitemap is logged and skipped.
    """
    if url.rstrip("/").endswith("/robots.txt"):
        robots = await robots_cache.get(_robots_base(url))
        if robots.error:
            raise SourceError(f"cannot read {url}: {robots.error}")
        todo = [(sitemap, 0) for sitemap in robots.sitemaps()]
        if not todo:
            raise SourceError(f"{url} lists no Sitemap")
    else:
        todo = [(url, 0)]
    documents = 0
    while todo and documents < MAX_SITEMAP_DOCUMENTS:
        doc_url, depth = todo.pop(0)
        documents += 1
        try:
            body = await _fetch_xml(client, doc_url)
        except FetchError as exc:
            if documents == 1:
                raise SourceError(f"cannot read sitemap {doc_url}: {exc}") from exc
            log.warning("skipping sitemap %s: %s", doc_url, exc)
            continue
        for kind, loc, lastmod in _sitemap_entries(body):
            loc = resolve(doc_url, loc)
            if kind == "sitemap":
                if depth < MAX_SITEMAP_DEPTH:
                    todo.append((loc, depth + 1))
            else:
                yield Seed(loc, lastmod)


async def feed_seeds(client: Client, url: str) -> AsyncIterator[Seed]:
    """Item links of an RSS 2.0 or Atom feed."""
    try:
        body = await _fetch_xml(client, url)
    except FetchError as exc:
        raise SourceError(f"cannot read feed {url}: {exc}") from exc
    try:
        for _, element in ET.iterparse(BytesIO(body)):
            tag = _local(element.tag)
            if tag == "link":
                href = element.get("href")
                if href is not None and element.get("rel", "alternate") == "alternate":
                    yield Seed(resolve(url, href))  # Atom
                elif href is None and element.text and element.text.strip():
                    yield Seed(resolve(url, element.text.strip()))  # RSS
            if tag in ("item", "entry"):
                element.clear()
    except ET.ParseError as exc:
        log.warning("feed %s is not well-formed XML past some point: %s", url, exc)


_HREF = re.compile(rb"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


def extract_links(body: bytes, base: str) -> Iterator[str]:
    """Absolute targets of the page's ``<a href>`` links (unnormalized; the caller normalizes and scopes them)."""
    for match in _HREF.finditer(body):
        href = _attribute(match)
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            yield resolve(base, href)


def parse_lastmod(text: str | None) -> float | None:
    """A W3C datetime (``2026-01-01``, ``2026-01-01T10:00:00+01:00``...) as epoch seconds; None if unreadable."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def _attribute(match: re.Match[bytes]) -> str:
    raw = next(group for group in match.groups() if group is not None)
    return html.unescape(raw.decode("utf-8", "replace")).strip()


def _robots_base(url: str) -> str:
    """Where a robots.txt URL's file sits: its origin spelled as the crawler spells origins (so that both share
    one fetch), or the directory of a robots.txt off the root."""
    return (normalize(url) or url).rstrip("/").rsplit("/", 1)[0]


async def _fetch_xml(client: Client, url: str) -> bytes:
    response = await client.get(url, accept=None)
    if response.status != 200:
        raise FetchError(f"http_{response.status}", url)
    if response.rejected:
        raise FetchError(response.rejected, url)
    body = response.body
    if body[:2] == b"\x1f\x8b":  # a .xml.gz served as a file, not as Content-Encoding
        body = decode(body, "gzip", client.options.max_bytes)
    return body


def _sitemap_entries(body: bytes) -> Iterator[tuple[str, str, float | None]]:
    """(``url`` or ``sitemap``, loc, lastmod) of each entry, streaming through the XML."""
    loc: str | None = None
    lastmod: float | None = None
    try:
        for _, element in ET.iterparse(BytesIO(body)):
            tag = _local(element.tag)
            if tag == "loc":
                loc = (element.text or "").strip()
            elif tag == "lastmod":
                lastmod = parse_lastmod(element.text)
            elif tag in ("url", "sitemap"):
                if loc:
                    yield tag, loc, lastmod
                loc, lastmod = None, None
                element.clear()
    except ET.ParseError as exc:
        log.warning("sitemap is not well-formed XML past some point: %s", exc)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
