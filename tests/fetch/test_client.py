"""The HTTP client's rails, with respx standing in for the network."""

from __future__ import annotations

import asyncio
import gzip

import httpx
import pytest
import respx

from pipeline.fetch.client import Client, ClientOptions, FetchError, decode, is_public
from tests.fetch.helpers import transport

PAGE = b"<html><body>" + b"<p>text</p>" * 50 + b"</body></html>"


def fetch(router: respx.Router, url: str, max_bytes: int = 1 << 20, accept: bool = True):
    async def go():
        client = Client(ClientOptions(user_agent="test-agent", max_bytes=max_bytes),
                        transport=transport(router))
        try:
            if accept:
                return await client.get(url)
            return await client.get(url, accept=None)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_gzip_body_is_decoded_and_the_raw_payload_kept_for_the_warc() -> None:
    router = respx.Router()
    wire = gzip.compress(PAGE)
    router.get("https://site.test/a").respond(200, content=wire, headers={"Content-Encoding": "gzip",
                                                                          "Content-Type": "text/html"})

    response = fetch(router, "https://site.test/a")

    assert response.body == PAGE
    assert response.exchange.payload == wire
    assert response.rejected is None


def test_request_carries_user_agent_and_asks_for_gzip() -> None:
    router = respx.Router()
    route = router.get("https://site.test/a").respond(200, content=PAGE, headers={"Content-Type": "text/html"})

    fetch(router, "https://site.test/a")

    sent = route.calls.last.request
    assert sent.headers["User-Agent"] == "test-agent"
    assert "gzip" in sent.headers["Accept-Encoding"]


def test_non_html_body_is_refused_unread() -> None:
    router = respx.Router()
    router.get("https://site.test/a.pdf").respond(200, content=b"%PDF-1.7" * 1000,
                                                   headers={"Content-Type": "application/pdf"})

    response = fetch(router, "https://site.test/a.pdf")

    assert response.rejected == "content_type"
    assert response.exchange.payload == b""


def test_declared_length_over_the_cap_is_refused_without_reading() -> None:
    router = respx.Router()
    router.get("https://site.test/big").respond(200, content=b"x" * 5000, headers={"Content-Type": "text/html"})

    assert fetch(router, "https://site.test/big", max_bytes=1000).rejected == "too_large"


def test_decompression_bomb_is_refused() -> None:
    router = respx.Router()
    bomb = gzip.compress(b"\0" * 5_000_000)
    router.get("https://site.test/bomb").respond(200, content=bomb, headers={"Content-Encoding": "gzip",
                                                                            "Content-Type": "text/html"})

    response = fetch(router, "https://site.test/bomb", max_bytes=100_000)

    assert len(bomb) < 100_000
    assert response.rejected == "decoded_too_large"


def test_non_2xx_responses_are_kept_whatever_their_type() -> None:
    router = respx.Router()
    router.get("https://site.test/x").respond(404, content=b"{}", headers={"Content-Type": "application/json"})

    response = fetch(router, "https://site.test/x")

    assert response.status == 404
    assert response.rejected is None


def test_transport_failure_raises_a_classified_error() -> None:
    router = respx.Router()
    router.get("https://site.test/slow").mock(side_effect=httpx.ReadTimeout("slow"))

    with pytest.raises(FetchError) as failure:
        fetch(router, "https://site.test/slow")

    assert failure.value.error_class == "timeout"


def test_literal_private_addresses_are_refused_before_any_request() -> None:
    router = respx.Router()
    route = router.get("http://10.0.0.5/").respond(200)

    with pytest.raises(FetchError) as failure:
        fetch(router, "http://10.0.0.5/")

    assert failure.value.error_class == "blocked_address"
    assert not route.called


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1",
                                     "224.0.0.1"])
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public(address)


def test_deflate_with_and_without_zlib_wrapper_decodes() -> None:
    import zlib

    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    bare = raw.compress(PAGE) + raw.flush()

    assert decode(zlib.compress(PAGE), "deflate", 1 << 20) == PAGE
    assert decode(bare, "deflate", 1 << 20) == PAGE


def test_unknown_content_encoding_is_an_error() -> None:
    with pytest.raises(FetchError) as failure:
        decode(b"....", "br", 1000)

    assert failure.value.error_class == "unsupported_encoding"


def test_unparseable_url_is_a_bad_url_error() -> None:
    with pytest.raises(FetchError) as failure:
        fetch(respx.Router(), "http://site.test:abc/")

    assert failure.value.error_class == "bad_url"
