"""What the ``parse`` command reads: HTML files, folders of them, and WARC files of the raw store."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import UnreadableInput
from pipeline.page import RawPage
from pipeline.store.warc import read_responses

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def discover(paths: list[Path]) -> list[Path]:
    """Files to read, in a stable order: named files as given, folders searched recursively for pages and WARCs.

    Raises FileNotFoundError for a path that does not exist, so a typo fails loudly instead of parsing nothing.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.name.lower().endswith(HTML_SUFFIXES + WARC_SUFFIXES):
                    found.setdefault(child, None)
        elif path.is_file():
            found.setdefault(path, None)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return list(found)


def in_shard(path: Path, shard: tuple[int, int] | None) -> bool:
    """Shard ``i`` of ``n`` by a stable hash of the path, so several machines can split one input set."""
    if shard is None:
        return True
    index, count = shard
    return zlib.crc32(str(path).encode("utf-8")) % count == index


def read_pages(path: Path) -> Iterator[RawPage]:
    """The pages in one input file. An unreadable file raises ``UnreadableInput``."""
    if is_warc(path):
        yield from read_responses(path)
        return
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"cannot read {path}: {exc.strerror or exc}") from exc
    yield RawPage(source=str(path), body=body)
