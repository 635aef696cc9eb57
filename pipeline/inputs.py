"""What the ``parse`` command reads: HTML files, folders of them, WARC files, and raw stores.

A raw store (a crawl's ``--raw`` folder, recognised by its index) is read through its index: each URL once,
from its newest stored copy, so incremental crawls that fetched a page several times never duplicate its
records. Loose WARC files are read whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UnreadableInput
from pipeline.page import RawPage
from pipeline.shards import shard_owns
from pipeline.store.index import INDEX_FILE, current_responses

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class RawStore:
    """A crawl's raw folder, read through its index."""

    path: Path

    def current_pages(self) -> Iterator[RawPage | UnreadableInput]:
        """The page every URL stands for now; an unreadable record comes as its error, and the rest go on."""
        from pipeline.store.warc import read_response_at  # warcio loads only for runs that read WARC

        for name, offset in current_responses(self.path):
            try:
                yield read_response_at(self.path / name, offset)
            except UnreadableInput as exc:
                yield exc


Input = Path | RawStore


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def discover(paths: list[Path]) -> list[Input]:
    """What to read, in a stable order: named files as given, raw stores through their index, other folders
    searched recursively for pages and WARC files (a raw store inside one is read through its index).

    Raises FileNotFoundError for a path that does not exist, so a typo fails loudly instead of parsing nothing.
    """
    found: dict[Input, None] = {}
    for path in paths:
        if path.is_dir():
            found.update(dict.fromkeys(_walk(path)))
        elif path.is_file():
            found.setdefault(path, None)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return list(found)


def _walk(folder: Path) -> Iterator[Input]:
    """A folder's pages and WARC files in sorted order; a raw store inside it stands for everything below it."""
    for root, dirs, files in os.walk(folder):
        if INDEX_FILE in files:
            dirs.clear()
            yield RawStore(Path(root))
            continue
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(HTML_SUFFIXES + WARC_SUFFIXES):
                yield Path(root, name)


def in_shard(item: Input, shard: tuple[int, int] | None) -> bool:
    """Shard ``i`` of ``n`` by a stable hash of the path, so several machines can split one input set."""
    return shard_owns(shard, str(item.path if isinstance(item, RawStore) else item))


def read_pages(path: Path) -> Iterator[RawPage]:
    """The pages in one input file. An unreadable file raises ``UnreadableInput``."""
    if is_warc(path):
        from pipeline.store.warc import read_responses  # warcio loads only for runs that read WARC

        yield from read_responses(path)
        return
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"cannot read {path}: {exc.strerror or exc}") from exc
    yield RawPage(source=str(path), body=body)
