"""The raw store: what the crawler writes, the parse reader reads back, and a torn tail is cut cleanly."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from pipeline.errors import UnreadableInput
from pipeline.store.index import Index, IndexRow, connect, current_responses
from pipeline.store.warc import Exchange, Revisit, WarcWriter, cut_torn_tail, read_responses

HTML = b"<html><head><title>t</title></head><body><p>hello</p></body></html>"


def exchange(url: str, status: int = 200, body: bytes = HTML) -> Exchange:
    return Exchange(
        url=url, method="GET", request_target="/", request_headers=[("Host", "site.test")], status=status,
        reason="OK", response_headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        payload=gzip.compress(body), warc_date="2026-11-25T10:00:00.000000Z",
    )


def only_file(directory: Path) -> Path:
    (path,) = directory.glob("*.warc.gz")
    return path


def test_written_responses_read_back_decoded_with_url_and_type(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    writer.write(exchange("https://site.test/a"))
    writer.write(exchange("https://site.test/b", body=b"<p>other</p>"))
    writer.close()

    pages = list(read_responses(only_file(tmp_path)))

    assert [(p.url, p.body) for p in pages] == [("https://site.test/a", HTML), ("https://site.test/b", b"<p>other</p>")]
    assert pages[0].content_type == "text/html"
    assert pages[0].fetched_at == "2026-11-25T10:00:00.000000Z"


def test_revisits_and_non_2xx_responses_are_not_pages(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    writer.write(exchange("https://site.test/a"), Revisit("https://site.test/a", "2026-11-24T10:00:00Z"))
    writer.write(exchange("https://site.test/gone", status=404, body=b"not here"))
    writer.close()

    assert list(read_responses(only_file(tmp_path))) == []


def test_written_offset_points_at_the_response_record(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    writer.write(exchange("https://site.test/a"))
    second = writer.write(exchange("https://site.test/b"))
    writer.close()

    sources = [p.source for p in read_responses(only_file(tmp_path))]

    assert sources[1].endswith(f"#{second.offset}")


def test_files_rotate_past_the_size_limit(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_file_bytes=1)
    first = writer.write(exchange("https://site.test/a"))
    second = writer.write(exchange("https://site.test/b"))
    writer.close()

    assert first.warc_file != second.warc_file
    assert len(list(tmp_path.glob("*.warc.gz"))) == 2


def test_cut_torn_tail_keeps_complete_pairs_and_truncates_a_half_written_one(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    first = writer.write(exchange("https://site.test/a"))
    last = writer.write(exchange("https://site.test/b"))
    writer.close()
    path = only_file(tmp_path)
    complete_size = path.stat().st_size
    with path.open("ab") as f:  # a copy of the second pair that died mid-write
        f.write(path.read_bytes()[first.offset + first.length : last.offset + last.length // 2])

    recovered = cut_torn_tail(path, 0)

    assert [r.exchange.url for r in recovered] == ["https://site.test/a", "https://site.test/b"]
    assert path.stat().st_size == complete_size
    assert len(list(read_responses(path))) == 2


def test_cut_torn_tail_drops_a_request_whose_response_never_came(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    done = writer.write(exchange("https://site.test/a"))
    writer.close()
    path = only_file(tmp_path)
    request_member = path.read_bytes()[: done.offset]
    with path.open("ab") as f:
        f.write(request_member)

    recovered = cut_torn_tail(path, done.offset + done.length)

    assert recovered == []
    assert path.stat().st_size == done.offset + done.length


def test_cut_torn_tail_returns_stored_payload_and_position(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    written = writer.write(exchange("https://site.test/a"))
    writer.close()

    (stored,) = cut_torn_tail(only_file(tmp_path), 0)

    assert stored.written == written
    assert gzip.decompress(stored.exchange.payload) == HTML
    assert stored.exchange.status == 200
    assert not stored.revisit


def test_read_responses_refuses_a_record_shorter_than_declared(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    written = writer.write(exchange("https://site.test/a", body=bytes(range(256)) * 400))
    writer.close()
    path = only_file(tmp_path)
    path.write_bytes(path.read_bytes()[: written.offset + written.length - 200])

    with pytest.raises(UnreadableInput):
        list(read_responses(path))


def test_index_knows_where_the_indexed_part_of_a_file_ends(tmp_path: Path) -> None:
    conn = connect(tmp_path)
    index = Index(conn)
    row = IndexRow("https://site.test/a", "f.warc.gz", 100, 50, "response", 200, "2026-11-25T10:00:00Z",
                   '"v1"', None, "sha1:X")
    index.add([row])

    assert index.indexed_end("f.warc.gz") == 150
    assert index.indexed_end("other.warc.gz") == 0


def test_an_index_written_with_the_old_canonical_column_still_opens_and_takes_rows(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "index.sqlite") as old:
        old.execute("CREATE TABLE records (url TEXT NOT NULL, warc_file TEXT NOT NULL, offset INTEGER NOT NULL, "
                    "length INTEGER NOT NULL, record_type TEXT NOT NULL, status INTEGER NOT NULL, fetched_at TEXT "
                    "NOT NULL, etag TEXT, last_modified TEXT, content_hash TEXT, canonical TEXT)")
        old.execute("INSERT INTO records VALUES ('https://site.test/a', 'f.warc.gz', 0, 40, 'response', 200, "
                    "'2026-11-24T10:00:00Z', NULL, NULL, 'sha1:A', 'https://site.test/a')")
    conn = connect(tmp_path)
    Index(conn).add([IndexRow("https://site.test/b", "f.warc.gz", 40, 60, "response", 200, "2026-11-25T10:00:00Z",
                              None, None, "sha1:B")])
    conn.close()

    assert current_responses(tmp_path) == [("f.warc.gz", 0), ("f.warc.gz", 40)]
