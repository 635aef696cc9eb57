"""WARC files of the raw store: the seam between ``crawl`` (which writes them) and ``parse`` (which reads them).

Each record is its own gzip member, so a reader can seek to any indexed offset, and a crash can only ever
leave one torn member at the end of the newest file, which ``cut_torn_tail`` finds and removes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.errors import UnreadableInput
from pipeline.page import RawPage
from pipeline.store import DEFAULT_MAX_FILE_BYTES

WARC_SUFFIX = ".warc.gz"
COMPRESS_LEVEL = 6
"""zlib level of a record whose payload is plain; one already content-encoded (gzip...) is stored at level 0,
as deflating it again costs CPU for nothing."""


def read_responses(path: Path) -> Iterator[RawPage]:
    """Every successful (2xx) HTTP response record of a WARC file (.warc or .warc.gz), content-decoded.

    Redirects, errors and 304s are fetch outcomes kept in the index, not pages, so they are skipped here.

    A torn or corrupt record ends the file with ``UnreadableInput``; the records before it are still yielded.
    """
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if not record.http_headers.get_statuscode().startswith("2"):
                    continue
                page = _page(record, str(path))
                # after the body: warcio's offset lookup consumes the rest of the record
                yield replace(page, source=f"{path}#{records.get_record_offset()}")
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
            raise UnreadableInput(f"corrupt WARC data in {path}: {exc}") from exc


def read_response_at(path: Path, offset: int) -> RawPage:
    """The HTTP response record that starts at ``offset`` (from the index), content-decoded."""
    try:
        with path.open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)), None)
            if record is None or record.rec_type != "response" or record.http_headers is None:
                raise UnreadableInput(f"no response record at {path}#{offset}")
            return _page(record, f"{path}#{offset}")
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        raise UnreadableInput(f"corrupt WARC data at {path}#{offset}: {exc}") from exc


def _page(record: ArcWarcRecord, source: str) -> RawPage:
    """A response record's page, its body content-decoded; a record shorter than it declares is torn."""
    body = record.content_stream().read()
    if record.raw_stream.limit > 0:
        raise EOFError("record ends before its declared length (a torn tail)")
    return RawPage(
        source=source,
        body=body,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        content_type=record.http_headers.get_header("Content-Type"),
        fetched_at=record.rec_headers.get_header("WARC-Date"),
    )


def _warc_digest(sha1: bytes) -> str:
    """A SHA-1 digest in the WARC spelling, ``sha1:BASE32``."""
    return "sha1:" + base64.b32encode(sha1).decode("ascii")


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP request and the response to it, as sent and received (the payload still content-encoded)."""

    url: str
    method: str
    request_target: str
    """Path and query, as on the request line."""
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    payload: bytes
    warc_date: str
    """ISO 8601 UTC fetch time; the WARC-Date of both records."""


def header(headers: list[tuple[str, str]], name: str) -> str | None:
    """The first value of an HTTP header, by its lower-case name (header names are case-insensitive)."""
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


@dataclass(frozen=True, slots=True)
class Revisit:
    """Marks a response whose content did not change: stored as a WARC revisit record, headers only."""

    refers_to_url: str
    refers_to_date: str


@dataclass(frozen=True, slots=True)
class Written:
    """Where a response record landed."""

    warc_file: str
    offset: int
    length: int


class WarcWriter:
    """Appends request/response pairs to rotating ``.warc.gz`` files under the raw directory.

    Each pair goes out in one unbuffered write, so once ``write`` returns the bytes are in the operating
    system's hands and survive a killed process; the index may then safely point at them.
    """

    def __init__(self, raw_dir: Path, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> None:
        self._dir = raw_dir
        self._prefix = f"crawl-{time.strftime('%Y%m%d%H%M%S', time.gmtime())}-{os.getpid()}"
        self._max_file_bytes = max_file_bytes
        self._serial = 0
        self._file: io.FileIO | None = None
        self._name = ""
        self._offset = 0
        self._buffer = io.BytesIO()
        self._builder = WARCWriter(self._buffer, gzip=False, warc_version="1.1")

    def write(self, exchange: Exchange, revisit: Revisit | None = None, payload_sha1: bytes | None = None) -> Written:
        """``payload_sha1``: the payload's SHA-1 when the caller has it already, so that it is not hashed again."""
        request = self._record_bytes(self._request_record(exchange), COMPRESS_LEVEL)
        encoded = (header(exchange.response_headers, "content-encoding") or "").strip().lower() not in ("", "identity")
        response_record = self._response_record(exchange, revisit, payload_sha1)
        response = self._record_bytes(response_record, 0 if encoded else COMPRESS_LEVEL)
        if self._file is None or self._offset >= self._max_file_bytes:
            self._rotate()
        assert self._file is not None
        self._file.write(request + response)
        written = Written(self._name, self._offset + len(request), len(response))
        self._offset += len(request) + len(response)
        return written

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _rotate(self) -> None:
        """Open a new file, never one that exists: two runs in the same second of the same process (a rerun
        from Python) would otherwise share a name, and offsets counted from 0 would point into the old run."""
        self.close()
        while True:
            self._serial += 1
            self._name = f"{self._prefix}-{self._serial:05d}{WARC_SUFFIX}"
            try:
                self._file = io.FileIO(self._dir / self._name, "xb")
                break
            except FileExistsError:
                continue
        self._offset = 0

    def _request_record(self, ex: Exchange) -> ArcWarcRecord:
        headers = StatusAndHeaders(
            f"{ex.method} {ex.request_target} HTTP/1.1", ex.request_headers, is_http_request=True
        )
        return self._builder.create_warc_record(
            ex.url, "request", http_headers=headers, warc_headers_dict={"WARC-Date": ex.warc_date}
        )

    def _response_record(self, ex: Exchange, revisit: Revisit | None, payload_sha1: bytes | None) -> ArcWarcRecord:
        headers = StatusAndHeaders(f"{ex.status} {ex.reason}", ex.response_headers, protocol="HTTP/1.1")
        payload_digest = _warc_digest(payload_sha1 or hashlib.sha1(ex.payload).digest())
        if revisit is not None:
            return self._builder.create_revisit_record(
                ex.url, payload_digest, revisit.refers_to_url, revisit.refers_to_date, http_headers=headers,
                warc_headers_dict={"WARC-Date": ex.warc_date},
            )
        headers.compute_headers_buffer()
        block = hashlib.sha1(headers.headers_buff)
        block.update(ex.payload)  # rather than hashing headers + payload, a copy of the whole body
        return self._builder.create_warc_record(
            ex.url,
            "response",
            payload=io.BytesIO(ex.payload),
            length=len(ex.payload),
            http_headers=headers,
            warc_headers_dict={
                "WARC-Date": ex.warc_date,
                "WARC-Payload-Digest": payload_digest,
                "WARC-Block-Digest": _warc_digest(block.digest()),
            },
        )

    def _record_bytes(self, record: ArcWarcRecord, level: int) -> bytes:
        """One record as its own gzip member (warcio's own gzip uses level 9, too slow for a crawler)."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self._builder.write_record(record)
        compressor = zlib.compressobj(level, zlib.DEFLATED, 31)
        return compressor.compress(self._buffer.getvalue()) + compressor.flush()


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """A response record read back from the tail of a WARC file, enough to redo its bookkeeping."""

    exchange: Exchange
    written: Written
    revisit: bool


def cut_torn_tail(path: Path, start: int) -> list[StoredResponse]:
    """The complete request/response pairs after ``start``; anything after the last one is cut off the file.

    A killed crawler can leave a half-written gzip member (or a request without its response) at the end of
    the newest file. warcio would read such a member as a silently shortened record, so members are checked
    here with zlib, which knows whether a member ended.
    """
    pairs: list[StoredResponse] = []
    good_end = start
    pending_request = False
    for offset, end, member in _gzip_members(path, start):
        record = _parse_member(member)
        if record is None:
            break
        if record.rec_type == "request":
            pending_request = True
            continue
        if not pending_request or record.rec_type not in ("response", "revisit"):
            break
        pending_request = False
        pairs.append(_stored(record, Written(path.name, offset, end - offset)))
        good_end = end
    if path.stat().st_size > good_end:
        with path.open("r+b") as f:
            f.truncate(good_end)
    return pairs


def _gzip_members(path: Path, start: int) -> Iterator[tuple[int, int, bytes]]:
    """(start, end, decompressed bytes) of each complete gzip member from ``start`` on; stops at a torn one."""
    with path.open("rb") as f:
        f.seek(start)
        member_start = start
        position = start
        decompressor = zlib.decompressobj(31)
        parts: list[bytes] = []
        while chunk := f.read(1 << 20):
            data = chunk
            while data:
                try:
                    parts.append(decompressor.decompress(data))
                except zlib.error:
                    return
                if not decompressor.eof:
                    position += len(data)
                    break
                used = len(data) - len(decompressor.unused_data)
                position += used
                yield member_start, position, b"".join(parts)
                data = decompressor.unused_data
                member_start = position
                decompressor = zlib.decompressobj(31)
                parts = []


def _parse_member(member: bytes) -> ArcWarcRecord | None:
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(member))))
        record.payload = record.raw_stream.read()
    except (ArchiveLoadFailed, StopIteration, ValueError, EOFError):
        return None
    declared = int(record.rec_headers.get_header("Content-Length") or -1)
    headers_length = len(record.http_headers.to_bytes()) if record.http_headers else 0
    if record.rec_type == "response" and declared >= 0 and len(record.payload) + headers_length < declared:
        return None
    return record


def _stored(record: ArcWarcRecord, written: Written) -> StoredResponse:
    http = record.http_headers
    status, _, reason = http.statusline.partition(" ")
    exchange = Exchange(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        method="GET",
        request_target="",
        request_headers=[],
        status=int(status),
        reason=reason,
        response_headers=list(http.headers),
        payload=record.payload,
        warc_date=record.rec_headers.get_header("WARC-Date"),
    )
    return StoredResponse(exchange, written, record.rec_type == "revisit")
