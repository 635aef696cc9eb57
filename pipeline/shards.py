"""Splitting one job over N machines: each takes the keys (origins, input paths) that hash to its shard."""

from __future__ import annotations

import zlib


def shard_owns(shard: tuple[int, int] | None, key: str) -> bool:
    """Whether ``key`` falls in shard I of N (every key does without a shard): a stable hash, the same on every
    machine and in every run."""
    if shard is None:
        return True
    index, count = shard
    return zlib.crc32(key.encode("utf-8")) % count == index
