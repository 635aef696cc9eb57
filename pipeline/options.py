"""Command-line values that more than one command takes."""

from __future__ import annotations

import typer


def shard_option(value: str | None) -> tuple[int, int] | None:
    """``--shard I/N`` -> (I, N): this machine's share of the work, for splitting one job over N machines."""
    if value is None:
        return None
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise typer.BadParameter("--shard expects I/N, e.g. 0/4") from None
    if not 0 <= index < count:
        raise typer.BadParameter("--shard expects 0 <= I < N")
    return index, count

