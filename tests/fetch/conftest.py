"""A real HTTP server on 127.0.0.1 for the crawl tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(scope="session")
def _running_servers() -> Iterator[tuple[HTTPServer, HTTPServer]]:
    """Threaded, so a slow handler does not hold up the others; two, so that tests can have two origins on
    127.0.0.1; started once for the session (stopping one takes 0.5 s)."""
    servers = (HTTPServer(host="127.0.0.1", port=0, threaded=True), HTTPServer(host="127.0.0.1", port=0, threaded=True))
    for srv in servers:
        srv.start()
    yield servers
    for srv in servers:
        srv.stop()


@pytest.fixture
def server(_running_servers: tuple[HTTPServer, HTTPServer]) -> Iterator[HTTPServer]:
    """A server with no handlers and an empty request log."""
    srv = _running_servers[0]
    srv.clear()
    yield srv
    srv.clear()


@pytest.fixture
def other_server(_running_servers: tuple[HTTPServer, HTTPServer]) -> Iterator[HTTPServer]:
    """A second origin (another port on 127.0.0.1), as clean as ``server``."""
    srv = _running_servers[1]
    srv.clear()
    yield srv
    srv.clear()
