"""WARC files of the raw store: the seam between ``crawl`` (which writes them) and ``parse`` (which reads them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipeline.errors import UnreadableInput
from pipeline.page import RawPage


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
                headers = record.http_headers
                yield RawPage(
                    source=f"{path}#{records.get_record_offset()}",
                    body=record.content_stream().read(),
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    content_type=headers.get_header("Content-Type"),
                    fetched_at=record.rec_headers.get_header("WARC-Date"),
                )
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
            raise UnreadableInput(f"corrupt WARC data in {path}: {exc}") from exc
