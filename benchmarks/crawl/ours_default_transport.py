"""``pipeline crawl`` with httpx's default transport instead of httpx-aiohttp: the benchmark's "ours-httpx" row.

It exists to measure the transport choice inside the whole crawler, not only in the fetch floors. Note that
it bypasses the address guard (which lives in the aiohttp resolver), so it is for loopback benchmarks only.

    python ours_default_transport.py crawl --urls URLS.txt --raw RAW ...   (the options of pipeline crawl)
"""

from __future__ import annotations

import httpx

from pipeline.cli import app
from pipeline.fetch import client, job


class DefaultTransportClient(client.Client):
    def __init__(self, options: client.ClientOptions, transport: httpx.AsyncBaseTransport | None = None) -> None:
        limits = httpx.Limits(max_connections=options.connections, max_keepalive_connections=options.connections)
        super().__init__(options, transport or httpx.AsyncHTTPTransport(limits=limits))


if __name__ == "__main__":
    job.Client = DefaultTransportClient  # type: ignore[misc]  # the crawl run builds its client there
    app(prog_name="pipeline")
