"""A real HTTP server on 127.0.0.1 for the crawl tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(scope="session")
def _running_server() -> Iterator[HTTPServer]:
    """Threaded, so a slow handler does not hold up the others; one for the session (stopping one takes 0.5 s)."""
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def server(_running_server: HTTPServer) -> Iterator[HTTPServer]:
    """The server with no handlers and an empty request log."""
    _running_server.clear()
    yield _running_server
    _running_server.clear()
