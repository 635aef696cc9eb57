"""A respx router as the client's transport, its bodies streamed like a network's."""

from __future__ import annotations

import httpx
import respx


class _Body(httpx.AsyncByteStream):
    def __init__(self, data: bytes) -> None:
        self._data = data

    async def __aiter__(self):
        yield self._data


def transport(router: respx.Router) -> httpx.MockTransport:
    """respx hands out responses already read (and decoded); the client streams raw bytes, so re-wrap them."""

    async def handle(request: httpx.Request) -> httpx.Response:
        mocked = await router.async_handler(request)
        return httpx.Response(mocked.status_code, headers=mocked.headers, stream=_Body(b"".join(mocked.stream)))

    return httpx.MockTransport(handle)
