"""``pipeline crawl`` against a real HTTP server on 127.0.0.1: politeness, retries, rails, incremental reruns."""

from __future__ import annotations

import collections
import gzip
import itertools
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from werkzeug import Request, Response

from pipeline.cli import app
from pipeline.store.warc import read_responses
from tests.fetch.helpers import FAST, Crawl, page, requested


def url_file(tmp_path: Path, srv: HTTPServer, *paths: str) -> str:
    path = tmp_path / "urls.txt"
    path.write_text("".join(srv.url_for(p) + "\n" for p in paths))
    return str(path)


def no_robots(srv: HTTPServer) -> None:
    srv.expect_request("/robots.txt").respond_with_data("", status=404)


def html(srv: HTTPServer, path: str, body: str, **headers: str) -> None:
    srv.expect_request(path).respond_with_data(body, content_type="text/html", headers=headers)


def test_pages_are_stored_in_warc_files_the_parse_reader_reads(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    html(server, "/a", page("A"))
    html(server, "/b", page("B"))

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/a", "/b"))

    assert crawl.exit_code == 0
    assert crawl.summary["outcomes"] == {"new": 2}
    pages = [p for f in sorted((tmp_path / "raw").glob("*.warc.gz")) for p in read_responses(f)]
    assert sorted(p.url for p in pages) == [server.url_for("/a"), server.url_for("/b")]
    assert all(p.body.startswith(b"<html>") for p in pages)


def test_robots_disallowed_pages_are_never_requested(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    html(server, "/private/x", page("secret"))
    html(server, "/public", page("open"))

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/private/x", "/public"))

    assert requested(server, "/private/x") == 0
    assert crawl.error(server.url_for("/private/x")) == "robots_disallowed"
    assert crawl.outcome(server.url_for("/public")) == "new"
    assert crawl.exit_code == 1


def test_crawl_delay_spaces_requests_to_a_host(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.3\n")
    starts: list[float] = []

    def timed(request: Request) -> Response:
        starts.append(time.monotonic())
        return Response(page("p"), content_type="text/html")

    for p in ("/1", "/2", "/3"):
        server.expect_request(p).respond_with_handler(timed)

    Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/1", "/2", "/3"), "--per-host", "4")

    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 3
    assert min(gaps) >= 0.28


def test_429_with_retry_after_is_waited_out_then_retried(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    starts: list[float] = []

    def busy_once(request: Request) -> Response:
        starts.append(time.monotonic())
        if len(starts) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(page("ok"), content_type="text/html")

    server.expect_request("/p").respond_with_handler(busy_once)

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/p"))

    assert crawl.outcome(server.url_for("/p")) == "new"
    assert starts[1] - starts[0] >= 0.95


def test_retry_after_zero_retries_robots_txt_and_pages_at_once(tmp_path: Path, server: HTTPServer) -> None:
    def unavailable_once(then: Response) -> Callable[[Request], Response]:
        calls: list[int] = []

        def handle(request: Request) -> Response:
            calls.append(1)
            return Response("busy", status=503, headers={"Retry-After": "0"}) if len(calls) == 1 else then

        return handle

    server.expect_request("/robots.txt").respond_with_handler(unavailable_once(Response("", status=404)))
    server.expect_request("/p").respond_with_handler(unavailable_once(Response(page("ok"), content_type="text/html")))

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/p"), "--retry-base", "5")

    assert crawl.outcome(server.url_for("/p")) == "new"
    assert requested(server, "/robots.txt") == requested(server, "/p") == 2
    assert crawl.summary["elapsed_s"] < 2  # a backoff from --retry-base would take 2.5 s at least


def test_server_errors_are_retried_until_success_and_each_response_kept(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    calls: list[int] = []

    def flaky(request: Request) -> Response:
        calls.append(1)
        if len(calls) <= 2:
            return Response("oops", status=500)
        return Response(page("ok"), content_type="text/html")

    server.expect_request("/p").respond_with_handler(flaky)

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/p"), "--retries", "3")

    assert crawl.exit_code == 0
    assert crawl.outcome(server.url_for("/p")) == "new"
    assert [status for _, status, _ in crawl.records] == [500, 500, 200]


def test_retries_are_bounded_and_the_final_failure_recorded(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/down").respond_with_data("down", status=503)

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/down"), "--retries", "2")

    assert requested(server, "/down") == 3
    assert crawl.error(server.url_for("/down")) == "http_503"
    assert crawl.summary["errors"] == {"http_503": 1}
    assert crawl.exit_code == 1


def test_client_errors_are_not_retried(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/forbidden").respond_with_data("no", status=403)

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/forbidden"))

    assert requested(server, "/forbidden") == 1
    assert crawl.error(server.url_for("/forbidden")) == "http_403"


def test_read_timeout_is_retried_then_recorded(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)

    calls: list[int] = []

    def slow(request: Request) -> Response:
        calls.append(1)
        time.sleep(0.5)
        return Response(page("late"), content_type="text/html")

    server.expect_request("/slow").respond_with_handler(slow)

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/slow"), "--read-timeout", "0.1",
                  "--retries", "1")

    assert len(calls) == 2
    assert crawl.error(server.url_for("/slow")) == "timeout"


def test_redirect_chain_is_followed_and_every_hop_recorded(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": server.url_for("/c")})
    html(server, "/c", page("C"))

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/a"))

    assert [crawl.outcome(server.url_for(p)) for p in ("/a", "/b", "/c")] == ["redirect", "redirect", "new"]
    assert [status for _, status, _ in crawl.records] == [301, 302, 200]
    assert crawl.exit_code == 0


def test_redirect_loop_is_caught(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/x").respond_with_data("", status=302, headers={"Location": "/y"})
    server.expect_request("/y").respond_with_data("", status=302, headers={"Location": "/x"})

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/x"))

    assert crawl.error(server.url_for("/y")) == "redirect_loop"
    assert requested(server, "/x") == 1


def test_redirects_beyond_the_limit_fail(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    for n in range(4):
        server.expect_request(f"/r{n}").respond_with_data("", status=301, headers={"Location": f"/r{n + 1}"})
    html(server, "/r4", page("end"))

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/r0"), "--max-redirects", "2")

    assert crawl.error(server.url_for("/r2")) == "too_many_redirects"
    assert requested(server, "/r4") == 0


def test_gzip_response_is_stored_as_received_and_read_back_decoded(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    body = page("zipped" * 200).encode()
    server.expect_request("/z").respond_with_data(gzip.compress(body), content_type="text/html",
                                                  headers={"Content-Encoding": "gzip"})

    Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/z"))

    (warc,) = (tmp_path / "raw").glob("*.warc.gz")
    (stored,) = read_responses(warc)
    assert stored.body == body
    assert b"Content-Encoding: gzip" in gzip.decompress(warc.read_bytes())


def test_stored_responses_carry_digests_that_verify(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    html(server, "/plain", page("plain"))
    server.expect_request("/zipped").respond_with_data(gzip.compress(page("zipped").encode()), content_type="text/html",
                                                       headers={"Content-Encoding": "gzip"})

    Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/plain", "/zipped"))

    (warc,) = (tmp_path / "raw").glob("*.warc.gz")
    checked: list[str] = []
    with warc.open("rb") as stream:
        for record in ArchiveIterator(stream, check_digests="raise"):
            record.raw_stream.read()  # reading a record to its end checks its digests
            checked.append(record.rec_type)
    assert checked.count("response") == 2


def test_huge_streamed_body_is_cut_and_rejected(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    sent: list[int] = []

    def endless(request: Request) -> Response:
        def chunks():
            for _ in range(400):  # 40 MB if read to the end; no Content-Length, so it is streamed
                sent.append(1)
                yield b"x" * 100_000

        return Response(chunks(), content_type="text/html")

    server.expect_request("/huge").respond_with_handler(endless)

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/huge"), "--max-bytes", "1000000")

    assert crawl.error(server.url_for("/huge")) == "too_large"
    assert crawl.records == []
    assert len(sent) < 400


def test_wrong_content_type_is_rejected_unread(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.7", content_type="application/pdf")

    crawl = Crawl(tmp_path / "raw", "--urls", url_file(tmp_path, server, "/doc.pdf"))

    assert crawl.error(server.url_for("/doc.pdf")) == "content_type"
    assert crawl.summary["errors"] == {"content_type": 1}


def test_private_addresses_are_refused_without_the_option(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    html(server, "/a", page("A"))

    result = CliRunner().invoke(app, ["crawl", "--raw", str(tmp_path / "raw"), "--no-progress", "--urls",
                                      url_file(tmp_path, server, "/a")])

    assert result.exit_code == 1
    assert requested(server, "/robots.txt") == requested(server, "/a") == 0
    assert '"blocked_address": 1' in (tmp_path / "raw" / "summary.json").read_text()


def test_rerun_revalidates_and_counts_unchanged_changed_and_gone(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    version = {"n": 1}
    conditional: list[str | None] = []

    def same(request: Request) -> Response:
        conditional.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(page("same"), content_type="text/html", headers={"ETag": '"v1"'})

    def changes(request: Request) -> Response:
        return Response(page(f"version {version['n']}"), content_type="text/html")

    def vanishes(request: Request) -> Response:
        return Response(page("here"), content_type="text/html") if version["n"] == 1 else Response("", status=410)

    server.expect_request("/same").respond_with_handler(same)
    server.expect_request("/changes").respond_with_handler(changes)
    server.expect_request("/vanishes").respond_with_handler(vanishes)
    html(server, "/static", page("static"))
    urls = url_file(tmp_path, server, "/same", "/changes", "/vanishes", "/static")

    first = Crawl(tmp_path / "raw", "--urls", urls)
    version["n"] = 2
    second = Crawl(tmp_path / "raw", "--urls", urls)

    assert first.summary["outcomes"] == {"new": 4}
    assert conditional == [None, '"v1"']
    assert second.summary["run"] == 2
    assert second.summary["outcomes"] == {"unchanged": 2, "changed": 1, "gone": 1}
    assert second.urls[server.url_for("/same")]["status"] == 304
    assert ("revisit" in {kind for url, _, kind in second.records if url == server.url_for("/static")})


def test_sitemap_index_with_gzip_children_and_lastmod_skip(tmp_path: Path, server: HTTPServer) -> None:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    server.expect_request("/robots.txt").respond_with_data(f"Sitemap: {server.url_for('/sitemap.xml')}\n")
    server.expect_request("/sitemap.xml").respond_with_data(
        f'<sitemapindex {ns}><sitemap><loc>{server.url_for("/posts.xml.gz")}</loc></sitemap>'
        f'<sitemap><loc>{server.url_for("/pages.xml")}</loc></sitemap></sitemapindex>', content_type="application/xml")
    posts = "".join(f"<url><loc>{server.url_for(f'/post/{n}')}</loc><lastmod>2020-01-01</lastmod></url>"
                    for n in range(3))
    server.expect_request("/posts.xml.gz").respond_with_data(
        gzip.compress(f"<urlset {ns}>{posts}</urlset>".encode()), content_type="application/gzip")
    server.expect_request("/pages.xml").respond_with_data(
        f"<urlset {ns}><url><loc>{server.url_for('/about')}</loc></url></urlset>", content_type="application/xml")
    for n in range(3):
        html(server, f"/post/{n}", page(f"post {n}"))
    html(server, "/about", page("about"))

    first = Crawl(tmp_path / "raw", "--sitemap", server.url_for("/robots.txt"))
    second = Crawl(tmp_path / "raw", "--sitemap", server.url_for("/robots.txt"), "--delay", "2")

    assert first.summary["outcomes"] == {"new": 4}
    assert [requested(server, f"/post/{n}") for n in range(3)] == [1, 1, 1]  # lastmod older than the fetch
    assert requested(server, "/about") == 2  # no lastmod: revalidated
    assert second.summary["outcomes"] == {"unchanged": 4}
    assert second.summary["elapsed_s"] < 1.5  # skipped pages take no host slot and no delay


def test_robots_txt_named_by_sitemap_is_fetched_once(tmp_path: Path, server: HTTPServer) -> None:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    server.expect_request("/robots.txt").respond_with_data(f"Sitemap: {server.url_for('/sitemap.xml')}\n")
    server.expect_request("/sitemap.xml").respond_with_data(
        f"<urlset {ns}><url><loc>{server.url_for('/a')}</loc></url></urlset>", content_type="application/xml")
    html(server, "/a", page("a"))

    crawl = Crawl(tmp_path / "raw", "--sitemap", server.url_for("/robots.txt"))

    assert crawl.summary["outcomes"] == {"new": 1}
    assert requested(server, "/robots.txt") == 1  # read for its Sitemap line, then obeyed without a refetch


def test_links_are_followed_within_scope_and_page_budget(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    links = "".join(f'<a href="/2024/{n}/">post</a>' for n in range(5))
    html(server, "/news/", page("listing", links + '<a href="/about/">about</a><a href="http://other.test/2024/x/">x</a>'))
    for n in range(5):
        html(server, f"/2024/{n}/", page(f"post {n}", '<a href="/news/">back</a>'))

    crawl = Crawl(tmp_path / "raw", "--start", server.url_for("/news/"), "--follow", "/2024/", "--max-pages", "4",
                  "--concurrency", "1")

    fetched = {url for url, v in crawl.urls.items() if v["state"] == 2}
    assert len(fetched) == 4
    assert server.url_for("/news/") in fetched
    assert all("/2024/" in url for url in fetched - {server.url_for("/news/")})
    assert requested(server, "/about/") == 0
    assert crawl.summary["queued"] == 2


def test_names_resolving_to_loopback_are_refused_after_dns(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    html(server, "/a", page("A"))
    urls = tmp_path / "urls.txt"
    urls.write_text(f"http://localhost:{server.port}/a\n")

    result = CliRunner().invoke(app, ["crawl", "--raw", str(tmp_path / "raw"), "--no-progress", "--urls", str(urls)])

    assert result.exit_code == 1
    assert requested(server, "/a") == 0
    assert '"blocked_address": 1' in (tmp_path / "raw" / "summary.json").read_text()


def test_unreadable_sitemap_exits_3_and_no_source_exits_2(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/sitemap.xml").respond_with_data("", status=404)

    missing = Crawl(tmp_path / "raw", "--sitemap", server.url_for("/sitemap.xml"))
    nothing = CliRunner().invoke(app, ["crawl", "--raw", str(tmp_path / "raw2")])

    assert missing.exit_code == 3
    assert nothing.exit_code == 2


def test_json_log_format_writes_one_object_per_line(tmp_path: Path, server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/gone").respond_with_data("", status=500)
    args = ["crawl", "--raw", str(tmp_path / "raw"), *FAST, "--retries", "0", "--log-format", "json",
            "--urls", url_file(tmp_path, server, "/gone")]

    result = CliRunner().invoke(app, args)

    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert any(entry["level"] == "warning" and "http_500" in entry["msg"] for entry in lines)
    assert all({"ts", "level", "logger", "msg"} <= entry.keys() for entry in lines)


def test_hosts_crawl_in_parallel_each_within_its_own_slots(tmp_path: Path, server: HTTPServer,
                                                          other_server: HTTPServer) -> None:
    lock = threading.Lock()
    active: collections.Counter[str] = collections.Counter()
    peaks: collections.Counter[str] = collections.Counter()
    overall_peak = [0]

    def tracked(request: Request) -> Response:
        host = request.host
        with lock:
            active[host] += 1
            peaks[host] = max(peaks[host], active[host])
            overall_peak[0] = max(overall_peak[0], sum(active.values()))
        time.sleep(0.1)
        with lock:
            active[host] -= 1
        return Response(page(request.path), content_type="text/html")

    for srv in (server, other_server):
        no_robots(srv)
        for n in range(4):
            srv.expect_request(f"/p{n}").respond_with_handler(tracked)
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(srv.url_for(f"/p{n}") + "\n" for srv in (server, other_server) for n in range(4)))

    crawl = Crawl(tmp_path / "raw", "--urls", str(urls), "--per-host", "1", "--concurrency", "4")

    assert crawl.summary["outcomes"] == {"new": 8}
    assert set(peaks.values()) == {1}
    assert len(peaks) == 2
    assert overall_peak[0] == 2


def test_shards_crawl_disjoint_parts_that_cover_every_url(tmp_path: Path, server: HTTPServer,
                                                          other_server: HTTPServer) -> None:
    for srv in (server, other_server):
        no_robots(srv)
        for n in range(3):
            html(srv, f"/s{n}", page(f"s{n}"))
    urls = tmp_path / "urls.txt"
    all_urls = {srv.url_for(f"/s{n}") for srv in (server, other_server) for n in range(3)}
    urls.write_text("".join(sorted(u + "\n" for u in all_urls)))

    shards = [Crawl(tmp_path / f"raw{i}", "--urls", str(urls), "--shard", f"{i}/2") for i in range(2)]

    crawled = [set(shard.urls) for shard in shards]
    assert crawled[0] | crawled[1] == all_urls
    assert not crawled[0] & crawled[1]
