"""One HTTP GET with the safety rails a crawler of untrusted sites needs.

httpx's API over aiohttp's transport (httpx-aiohttp): on a fast network the client's CPU is the limit, and
aiohttp's C parser costs a fifth of httpx's default transport per page (see docs/crawl.md).

Rails: a body cap enforced while streaming, a cap on the decoded size (decompression bombs), a content-type
filter applied before the body is read, connect/read/total timeouts, and an address guard that refuses
loopback, private, link-local and metadata addresses after DNS resolution, unless explicitly allowed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

import aiohttp
import httpx
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from httpx_aiohttp import AiohttpTransport

from pipeline.fetch import defaults
from pipeline.store.warc import Exchange, header

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class ClientOptions:
    user_agent: str
    max_bytes: int = defaults.MAX_BYTES
    """Cap on the body as received and, separately, as decoded."""
    connect_timeout: float = defaults.CONNECT_TIMEOUT
    read_timeout: float = defaults.READ_TIMEOUT
    total_timeout: float = defaults.TOTAL_TIMEOUT
    allow_private: bool = False
    connections: int = defaults.CONCURRENCY


class FetchError(Exception):
    """A fetch that produced no usable response. ``error_class`` is the stable name counted in the summary."""

    def __init__(self, error_class: str, detail: str = "") -> None:
        super().__init__(f"{error_class}: {detail}" if detail else error_class)
        self.error_class = error_class


class BlockedAddress(OSError):
    """The host resolved to an address the crawler must not connect to."""


RETRYABLE_ERRORS = frozenset({"timeout", "connect_error", "read_error"})


@dataclass(frozen=True, slots=True)
class Response:
    """What came back. ``body`` is the decoded payload; ``rejected`` names a rail that refused the body."""

    exchange: Exchange
    body: bytes
    rejected: str | None = None

    @property
    def status(self) -> int:
        return self.exchange.status

    def header(self, name: str) -> str | None:
        return header(self.exchange.response_headers, name.lower())


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (so not loopback, private, link-local, metadata...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class GuardedResolver(AbstractResolver):
    """Resolves names like aiohttp's default resolver, then refuses the host if any address is not public.

    The connection is made to the very addresses checked here, so a DNS answer cannot change in between.
    """

    def __init__(self) -> None:
        self._inner = DefaultResolver()

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
                      ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            if not is_public(result["host"]):
                raise BlockedAddress(f"{host} resolves to non-public address {result['host']}")
        return results

    async def close(self) -> None:
        await self._inner.close()


class Client:
    """A pooled HTTP client for the whole crawl. Redirects are not followed here: each hop is a frontier entry."""

    def __init__(self, options: ClientOptions, transport: httpx.AsyncBaseTransport | None = None) -> None:
        """``transport`` replaces the aiohttp one (tests pass a mock; the address guard then does not apply)."""
        self.options = options
        limits = httpx.Limits(max_connections=options.connections, max_keepalive_connections=options.connections)

        def session() -> aiohttp.ClientSession:
            connector = aiohttp.TCPConnector(
                limit=options.connections,
                resolver=None if options.allow_private else GuardedResolver(),
                ttl_dns_cache=300,
            )
            return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())

        self._http = httpx.AsyncClient(
            transport=transport or AiohttpTransport(limits=limits, client=session),
            timeout=httpx.Timeout(
                options.total_timeout, connect=options.connect_timeout, read=options.read_timeout
            ),
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False,
            trust_env=False,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def get(self, url: str, headers: dict[str, str] | None = None,
                  accept: tuple[str, ...] | None = HTML_TYPES) -> Response:
        """GET a URL. Raises ``FetchError`` when there is no response; ``accept=None`` takes any content type."""
        try:
            request = self._http.build_request("GET", url, headers=headers)
            if not self.options.allow_private:
                _check_literal_host(request.url.host)
            async with asyncio.timeout(self.options.total_timeout):
                return await self._exchange(request, accept)
        except (TimeoutError, httpx.HTTPError, httpx.InvalidURL, aiohttp.ClientError, OSError) as exc:
            raise FetchError(_error_class(exc), str(exc) or type(exc).__name__) from exc

    async def _exchange(self, request: httpx.Request, accept: tuple[str, ...] | None) -> Response:
        max_bytes = self.options.max_bytes
        response = await self._http.send(request, stream=True)
        warc_date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        chunks: list[bytes] = []
        rejected = None
        try:
            if accept and 200 <= response.status_code < 300 and not _type_accepted(response, accept):
                rejected = "content_type"
            elif _declared_length(response) > max_bytes:
                rejected = "too_large"
            else:
                size = 0
                async for chunk in response.aiter_raw():
                    size += len(chunk)
                    if size > max_bytes:
                        rejected = "too_large"
                        break
                    chunks.append(chunk)
        finally:
            await response.aclose()
        payload = b"".join(chunks) if rejected is None else b""
        exchange = Exchange(
            url=str(request.url),
            method="GET",
            request_target=request.url.raw_path.decode("ascii"),
            request_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
            status=response.status_code,
            reason=response.reason_phrase,
            response_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
            payload=payload,
            warc_date=warc_date,
        )
        if rejected:
            return Response(exchange, b"", rejected)
        try:
            body = decode(payload, response.headers.get("content-encoding", ""), max_bytes)
        except FetchError as exc:
            return Response(exchange, b"", exc.error_class)
        return Response(exchange, body)


def decode(payload: bytes, content_encoding: str, limit: int) -> bytes:
    """The payload with its Content-Encoding undone, refusing to inflate past ``limit`` bytes."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return payload
    if encoding in ("gzip", "x-gzip"):
        wbits = 47  # gzip or zlib header, auto-detected
    elif encoding == "deflate":
        wbits = 15 if payload[:1] == b"\x78" else -15  # zlib-wrapped, or raw deflate as some servers send
    else:
        raise FetchError("unsupported_encoding", encoding)
    out: list[bytes] = []
    size = 0
    data = payload
    try:
        while data:
            inflater = zlib.decompressobj(wbits)
            part = inflater.decompress(data, limit + 1 - size)
            size += len(part)
            if size > limit:
                raise FetchError("decoded_too_large", f"inflates past {limit} bytes")
            out.append(part)
            if not inflater.eof:
                break  # a truncated stream: keep what inflated
            data = inflater.unused_data  # concatenated gzip members
    except zlib.error as exc:
        raise FetchError("bad_encoding", str(exc)) from exc
    return b"".join(out)


def _declared_length(response: httpx.Response) -> int:
    """Content-Length, or 0 when absent or garbled (the streaming cap still applies)."""
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() else 0


def _type_accepted(response: httpx.Response, accept: tuple[str, ...]) -> bool:
    media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return not media_type or media_type in accept


def _check_literal_host(host: str) -> None:
    """aiohttp skips its resolver for IP literals, so those are checked before connecting."""
    try:
        public = is_public(host.strip("[]"))
    except ValueError:
        return  # a name: the resolver checks it
    if not public:
        raise FetchError("blocked_address", f"{host} is not a public address")


def _error_class(exc: BaseException) -> str:
    """A stable error name from the exception chain (httpx-aiohttp wraps aiohttp errors in httpx ones)."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for error in chain:
        if isinstance(error, BlockedAddress) or (
            isinstance(error, aiohttp.ClientConnectorError) and isinstance(error.os_error, BlockedAddress)
        ):
            return "blocked_address"
    if any(isinstance(error, TimeoutError) for error in chain):
        return "timeout"  # aiohttp's socket timeouts and the total timeout are all TimeoutErrors
    aiohttp_cause = any(isinstance(error, aiohttp.ClientError) for error in chain)
    if isinstance(exc, httpx.TimeoutException) and not aiohttp_cause:
        return "timeout"  # a native httpx timeout (httpx-aiohttp also maps non-timeouts to ConnectTimeout)
    if any(isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL | aiohttp.InvalidURL) for error in chain):
        return "bad_url"
    if any(isinstance(error, httpx.ConnectError | aiohttp.ClientConnectorError) for error in chain):
        return "connect_error"
    return "read_error"
