"""kill -9 in the middle of a crawl, then the same command again: nothing stored is fetched twice, nothing lost."""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipeline.store.warc import read_responses
from tests.fetch.helpers import FAST, page

PAGES = 300


def test_killed_crawl_resumes_without_refetching_stored_pages(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("", status=404)

    def article(request: Request) -> Response:
        time.sleep(0.003)
        return Response(page(request.path), content_type="text/html")

    urls = [server.url_for(f"/a/{n}") for n in range(PAGES)]
    for n in range(PAGES):
        server.expect_request(f"/a/{n}").respond_with_handler(article)
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
    raw = tmp_path / "raw"
    command = [sys.executable, "-m", "pipeline", "crawl", "--urls", str(tmp_path / "urls.txt"), "--raw", str(raw),
               *FAST, "--concurrency", "4", "--per-host", "4"]

    crawler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while len(server.log) < PAGES // 3 and time.monotonic() < deadline and crawler.poll() is None:
        time.sleep(0.005)
    os.kill(crawler.pid, signal.SIGKILL)
    crawler.wait()
    assert len(server.log) < PAGES, "the crawl finished before it could be killed"
    (warc,) = raw.glob("*.warc.gz")
    with warc.open("ab") as f:  # as if the kill had also torn the record being written
        f.write(warc.read_bytes()[-700:-300])
    (tmp_path / "urls.txt").unlink()  # the killed run had read its sources: the rerun must not need them

    rerun = subprocess.run(command, capture_output=True, timeout=60)

    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    summary = json.loads((raw / "summary.json").read_text())
    assert summary["resumed"] is True
    assert summary["outcomes"] == {"new": PAGES}
    stored = collections.Counter(
        page.url for path in sorted(raw.glob("*.warc.gz")) for page in read_responses(path)
    )
    assert set(stored) == set(urls)
    assert max(stored.values()) == 1
