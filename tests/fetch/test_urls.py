"""URL normalization and scope: one spelling per page, and only the links a crawl is meant to follow."""

from __future__ import annotations

import re

import pytest

from pipeline.fetch.urls import Scope, host_of, normalize
from pipeline.shards import shard_owns


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://site.test/a", "data:text/html,hi",
                                 "javascript:alert(1)", "mailto:a@site.test", "http:///nohost", "http://u:p@site.test/"])
def test_only_plain_http_and_https_urls_are_accepted(url: str) -> None:
    assert normalize(url) is None


def test_spellings_of_one_page_normalize_to_one_url() -> None:
    spellings = ["HTTP://Site.TEST:80/a/../b?y=2&x=1#top", "http://site.test/b?x=1&y=2", "http://site.test/./b?x=1&y=2"]

    assert {normalize(u) for u in spellings} == {"http://site.test/b?x=1&y=2"}


def test_tracking_parameters_are_stripped_only_when_asked() -> None:
    url = "https://site.test/a?id=7&utm_source=news&fbclid=abc"

    assert normalize(url, strip_tracking=True) == "https://site.test/a?id=7"
    assert normalize(url) == "https://site.test/a?fbclid=abc&id=7&utm_source=news"


def test_host_key_is_the_origin() -> None:
    assert host_of("https://site.test:8443/a") == "https://site.test:8443"


def test_scope_checks_host_patterns_and_depth() -> None:
    scope = Scope(allow=(re.compile(r"/20\d\d/"),), deny=(re.compile(r"/print/"),),
                  hosts=frozenset({"https://site.test"}), max_depth=2)

    def accepts(url: str, depth: int) -> bool:
        return scope.accepts(url, host_of(url), depth)

    assert accepts("https://site.test/2024/a/", 1)
    assert not accepts("https://site.test/about/", 1)
    assert not accepts("https://site.test/2024/print/", 1)
    assert not accepts("https://other.test/2024/a/", 1)
    assert not accepts("https://site.test/2024/a/", 3)


def test_shards_of_origins_cover_every_origin_once() -> None:
    origins = [host_of(f"https://host{h}.test/page") for h in range(40)]

    owners = {origin: [i for i in range(4) if shard_owns((i, 4), origin)] for origin in origins}

    assert all(len(shards) == 1 for shards in owners.values())
    assert len({shards[0] for shards in owners.values()}) == 4  # forty hosts spread over all four shards
    assert shard_owns(None, origins[0])
