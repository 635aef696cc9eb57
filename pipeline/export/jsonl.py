"""Atomic JSONL output: a run's files appear in the output folder complete, or not at all.

Lines are written into a staging folder inside the output folder (same file system, so the final rename is
atomic) and moved into place only when the run ends normally. A crash, ``kill -9`` or Ctrl-C leaves the previous
run's files untouched and a staging folder that the next run removes.
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path
from typing import IO

STAGING_PREFIX = ".staging-"


class JsonlWriters:
    """One JSONL file per record type, opened on first use; ``commit`` publishes them all."""

    def __init__(self, out_dir: Path, *, compress: bool = False) -> None:
        self.out_dir = out_dir
        self.compress = compress
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_stale_staging(out_dir)
        self.staging = out_dir / f"{STAGING_PREFIX}{os.getpid()}"
        self.staging.mkdir()
        self._raw: dict[str, IO[bytes]] = {}
        self._files: dict[str, IO[bytes]] = {}

    def file_name(self, name: str) -> str:
        return f"{name}.jsonl.gz" if self.compress else f"{name}.jsonl"

    def open(self, name: str) -> None:
        """Create the file even if no line is written, so consumers always find every record type's file."""
        if name not in self._files:
            path = self.staging / self.file_name(name)
            raw = self._raw[name] = path.open("wb")
            # mtime=0 and no file name in the header: identical input gives identical bytes.
            self._files[name] = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") if self.compress else raw

    def write(self, name: str, line: bytes) -> None:
        self.open(name)
        self._files[name].write(line + b"\n")  # one call: the copy of a line costs less than a second write

    def write_file(self, file_name: str, data: bytes) -> None:
        """A whole extra file (the summary) published with the rest."""
        (self.staging / file_name).write_bytes(data)

    def commit(self) -> list[Path]:
        """Flush, fsync and move every staged file into the output folder, then drop the staging folder."""
        self._close(sync=True)
        published = []
        for staged in sorted(self.staging.iterdir()):
            target = self.out_dir / staged.name
            os.replace(staged, target)
            published.append(target)
        self.staging.rmdir()
        _fsync_dir(self.out_dir)
        return published

    def abort(self) -> None:
        self._close(sync=False)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _close(self, *, sync: bool) -> None:
        for name, writer in self._files.items():
            raw = self._raw[name]
            if writer is not raw:
                writer.close()  # a GzipFile writes its trailer and leaves the raw file open
            raw.flush()
            if sync:
                os.fsync(raw.fileno())
            raw.close()
        self._files.clear()
        self._raw.clear()

    def __enter__(self) -> JsonlWriters:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def _remove_stale_staging(out_dir: Path) -> None:
    for stale in out_dir.glob(f"{STAGING_PREFIX}*"):
        pid = stale.name.removeprefix(STAGING_PREFIX)
        if not (pid.isdigit() and _process_alive(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
