"""A raw store filled by several incremental crawls, then parsed: each URL once, from its newest copy."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import article_html
from tests.fetch.helpers import Crawl


def test_parse_of_a_raw_store_reads_each_url_once_from_its_newest_copy(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    version = {"n": 1}

    def changes(request: Request) -> Response:
        return Response(article_html(f"Changing Page Version {version['n']}"), content_type="text/html")

    def vanishes(request: Request) -> Response:
        if version["n"] == 1:
            return Response(article_html("Vanishing Page"), content_type="text/html")
        return Response("", status=410)

    def revalidated(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(article_html("Stable Page"), content_type="text/html", headers={"ETag": '"v1"'})

    server.expect_request("/changes").respond_with_handler(changes)
    server.expect_request("/vanishes").respond_with_handler(vanishes)
    server.expect_request("/stable").respond_with_handler(revalidated)
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(server.url_for(p) + "\n" for p in ("/changes", "/vanishes", "/stable")))
    raw = tmp_path / "raw"

    Crawl(raw, "--urls", str(urls))
    version["n"] = 2
    Crawl(raw, "--urls", str(urls))
    with sqlite3.connect(raw / "index.sqlite") as conn:
        assert conn.execute("SELECT COUNT(*) FROM records WHERE url LIKE '%/changes'").fetchone() == (2,)

    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "parse", str(raw), "--out", str(out)], check=True,
                   capture_output=True, timeout=120)
    articles = [json.loads(line) for line in (out / "article.jsonl").read_text().splitlines()]
    assert sorted(a["title"] for a in articles) == ["Changing Page Version 2", "Stable Page"]
    assert (out / "rejects.jsonl").read_text() == ""
