"""Test helpers: a respx router as the client's transport, and running ``pipeline crawl`` in-process."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import httpx
import respx
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from pipeline.cli import app

FAST = ["--allow-private-addresses", "--delay", "0", "--retry-base", "0.01", "--contact", "https://example.org/bot",
        "--no-progress"]


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


def page(title: str, links: str = "") -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{links}</body></html>"


class Crawl:
    """One ``pipeline crawl`` run in-process: its exit code, summary.json and the frontier's view of each URL."""

    def __init__(self, raw: Path, *args: str) -> None:
        result = CliRunner().invoke(app, ["crawl", "--raw", str(raw), *FAST, *args])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        self.exit_code = result.exit_code
        self.summary = json.loads((raw / "summary.json").read_text())
        with sqlite3.connect(raw / "index.sqlite") as conn:
            self.urls = {
                url: {"state": state, "status": status, "outcome": outcome, "error": error}
                for url, state, status, outcome, error in conn.execute(
                    "SELECT url, state, status, outcome, error FROM frontier")
            }
            self.records = conn.execute("SELECT url, status, record_type FROM records ORDER BY rowid").fetchall()

    def outcome(self, url: str) -> str | None:
        return self.urls[url]["outcome"]

    def error(self, url: str) -> str | None:
        return self.urls[url]["error"]


def requested(srv: HTTPServer, path: str) -> int:
    """How many requests the server saw for a path."""
    return sum(1 for request, _ in srv.log if request.path == path)
