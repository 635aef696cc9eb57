"""The ``pipeline parse`` command end to end, run as a user runs it: a subprocess on real files."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import article_html


def run_parse(*args: str | Path, check_exit: int | None = 0) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", *map(str, args)], capture_output=True, text=True, timeout=120
    )
    if check_exit is not None:
        assert result.returncode == check_exit, result.stderr
    return result


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"good-{n}.html").write_text(article_html(f"Walking Benefits {n}"), encoding="utf-8")
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (folder / "huge.html").write_bytes(b"<html><body>" + b"<p>filler text</p>" * (21 * 1024 * 1024 // 18))
    (folder / "no-article.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    page = article_html("Truncated Page", paragraphs=6)
    (folder / "truncated-in-head.html").write_text(page[: page.index("</head>")])
    (folder / "truncated-mid-article.html").write_text(page[: page.index("Paragraph 4")])
    return folder


def test_bad_pages_land_in_rejects_with_reasons_and_the_run_goes_on(pages, tmp_path):
    out = tmp_path / "out"
    run_parse(pages, "--out", out)
    articles = read_jsonl(out / "article.jsonl")
    titles = sorted(a["title"] for a in articles)
    assert titles == ["Truncated Page"] + [f"Walking Benefits {n}" for n in range(3)]
    recovered = next(a for a in articles if a["title"] == "Truncated Page")
    assert "Paragraph 3 of Truncated Page" in recovered["body"]
    rejects = {Path(r["source"]).name: r for r in read_jsonl(out / "rejects.jsonl")}
    assert {name: r["reason"] for name, r in rejects.items()} == {
        "empty.html": "empty",
        "binary.html": "not_html",
        "huge.html": "too_large",
        "no-article.html": "no_article",
        "truncated-in-head.html": "no_article",
    }
    assert all(r["error_class"] and r["detail"] for r in rejects.values())
    summary = json.loads((out / "summary.json").read_text())
    assert summary["pages_seen"] == 9
    assert summary["pages_parsed"] == 4
    assert summary["rejects"] == {"empty": 1, "no_article": 2, "not_html": 1, "too_large": 1}
    assert summary["records"]["article"] == 4


def test_strict_mode_exits_non_zero_when_any_page_is_rejected(pages, tmp_path):
    run_parse(pages, "--out", tmp_path / "out", "--strict", check_exit=1)


def test_exit_code_says_when_nothing_could_be_parsed(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    run_parse(tmp_path / "empty.html", "--out", tmp_path / "out", check_exit=3)


def test_missing_input_path_is_a_usage_error(tmp_path):
    result = run_parse(tmp_path / "nope", "--out", tmp_path / "out", check_exit=2)
    assert "no such file" in result.stderr


def test_rerun_and_worker_count_give_byte_identical_records(pages, tmp_path):
    run_parse(pages, "--out", tmp_path / "a", "--workers", "1")
    run_parse(pages, "--out", tmp_path / "b", "--workers", "2")
    run_parse(pages, "--out", tmp_path / "b", "--workers", "2")
    for name in ("article", "takeaways", "faq", "framework", "rejects"):
        assert (tmp_path / "a" / f"{name}.jsonl").read_bytes() == (tmp_path / "b" / f"{name}.jsonl").read_bytes()


def test_compressed_output_holds_the_same_records(pages, tmp_path):
    run_parse(pages, "--out", tmp_path / "plain")
    run_parse(pages, "--out", tmp_path / "gz", "--compress")
    plain = (tmp_path / "plain" / "article.jsonl").read_bytes()
    assert gzip.decompress((tmp_path / "gz" / "article.jsonl.gz").read_bytes()) == plain


def _warc(path: Path, pages: list[tuple[str, int, bytes]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, status, body in pages:
            headers = StatusAndHeaders(f"{status} X", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def test_warc_responses_are_parsed_with_their_url_and_fetch_time(tmp_path):
    warc = tmp_path / "crawl-00000.warc.gz"
    _warc(warc, [
        ("https://health.example/a/", 200, article_html("Page A").encode()),
        ("https://health.example/gone/", 404, b"<html><body>Not found</body></html>"),
        ("https://health.example/b/", 200, article_html("Page B").encode()),
    ])
    run_parse(warc, "--out", tmp_path / "out")
    articles = read_jsonl(tmp_path / "out" / "article.jsonl")
    assert [a["url"] for a in articles] == ["https://health.example/a/", "https://health.example/b/"]
    assert all(a["fetched_at"] and a["source"].startswith(str(warc) + "#") for a in articles)


def test_a_torn_warc_keeps_its_good_records_and_rejects_the_rest(tmp_path):
    warc = tmp_path / "torn.warc.gz"
    _warc(warc, [("https://health.example/a/", 200, article_html("Page A").encode()),
                 ("https://health.example/b/", 200, article_html("Page B").encode())])
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 200])
    run_parse(warc, "--out", tmp_path / "out")
    assert [a["title"] for a in read_jsonl(tmp_path / "out" / "article.jsonl")] == ["Page A"]
    assert [r["reason"] for r in read_jsonl(tmp_path / "out" / "rejects.jsonl")] == ["unreadable"]


def test_killing_a_run_never_leaves_partial_output(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(3000):
        (folder / f"p{n:05}.html").write_text(article_html(f"Article {n}", paragraphs=12))
    out = tmp_path / "out"
    (out).mkdir()
    (out / "article.jsonl").write_text('{"previous": true}\n')
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "parse", str(folder), "--out", str(out),
                             "--workers", "1"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not any(out.glob(".staging-*/article.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert (out / "article.jsonl").read_text() == '{"previous": true}\n'
    assert not (out / "summary.json").exists()
