"""The ``pipeline`` command. Thin on purpose: each command parses its options and calls one stage.

Exit codes of `parse` (`crawl` documents its own in pipeline/fetch/command.py):
  0  the run finished (pages it could not use are in rejects.jsonl and counted in summary.json)
  1  the run finished with rejects and --strict was given
  2  bad usage: unknown option, missing input path, invalid value
  3  nothing could be used: every page was rejected
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.fetch.command import crawl
from pipeline.options import shard_option
from pipeline.runner import DEFAULT_MAX_BYTES, DEFAULT_PAGE_TIMEOUT, ParseOptions, run_parse
from pipeline.schema_files import write_schema_files

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Fetch article pages and split them into records.")

EXIT_OK, EXIT_STRICT_REJECTS, EXIT_USAGE, EXIT_NOTHING_PARSED = 0, 1, 2, 3


@app.command()
def parse(
    pages: Annotated[list[Path], typer.Argument(help="HTML files, folders of them, WARC files (.warc, .warc.gz), "
                                              "or a crawl's raw folder (read through its index).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the JSONL files.")] = Path("output"),
    workers: Annotated[int, typer.Option(help="Worker processes; 0 = one per CPU core.", min=0)] = 0,
    compress: Annotated[bool, typer.Option("--compress", help="Write .jsonl.gz files.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any page is rejected.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Reject pages larger than this.", min=1)] = DEFAULT_MAX_BYTES,
    shard: Annotated[str | None, typer.Option(help="Parse only shard I of N of the input files, e.g. 0/4.")] = None,
    page_timeout: Annotated[float, typer.Option(help="Reject a page as 'timeout' after this many CPU seconds; "
                                                     "0 = no limit.", min=0)] = DEFAULT_PAGE_TIMEOUT,
) -> None:
    """Split pages into article, takeaways, FAQ and framework records (one JSONL file per type)."""
    options = ParseOptions(
        out_dir=out, workers=workers, compress=compress, max_bytes=max_bytes, shard=shard_option(shard),
        page_timeout=page_timeout,
    )
    try:
        summary = run_parse(pages, options)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    typer.echo(json.dumps({k: summary[k] for k in ("pages_seen", "pages_parsed", "pages_rejected", "records",
                                                   "rejects", "timings")}), err=True)
    if summary["pages_seen"] and not summary["pages_parsed"]:
        raise typer.Exit(EXIT_NOTHING_PARSED)
    if strict and summary["pages_rejected"]:
        raise typer.Exit(EXIT_STRICT_REJECTS)


@app.command()
def schema(
    out: Annotated[Path, typer.Option(help="Folder for the *.schema.json files.")] = Path(__file__).parent.parent
    / "schemas",
) -> None:
    """Write the JSON Schema of every record type (generated from the record models)."""
    for path in write_schema_files(out):
        typer.echo(str(path), err=True)


app.command()(crawl)


def main() -> None:
    app(prog_name="pipeline")


if __name__ == "__main__":
    sys.exit(main())
