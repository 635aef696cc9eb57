"""A page that takes too long to parse is rejected as 'timeout', and the run goes on: in one process and in the
worker processes."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.page import RawPage
from pipeline.parse import ParsedPage
from pipeline.runner import ParseOptions, run_parse
from tests.conftest import article_html


def _stuck_on(marker: str) -> Callable[..., ParsedPage]:
    """parse_page, except that it burns CPU on the page whose source holds ``marker``: until the time limit
    stops it, or for 10 s, after which it parses the page (and the test fails)."""
    real = runner.parse_page

    def parse_page(page: RawPage, **kwargs: int) -> ParsedPage:
        if marker in page.source:
            deadline = time.process_time() + 10
            while time.process_time() < deadline:
                pass
        return real(page, **kwargs)

    return parse_page


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_that_takes_too_long_is_rejected_as_timeout_and_the_run_goes_on(tmp_path, monkeypatch, workers):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("a-first", "b-stuck", "c-last"):
        (folder / f"{name}.html").write_text(article_html(name.title()), encoding="utf-8")
    monkeypatch.setattr(runner, "parse_page", _stuck_on("b-stuck"))

    out = tmp_path / "out"
    summary = run_parse([folder], ParseOptions(out_dir=out, workers=workers, page_timeout=0.3))

    assert summary["pages_parsed"] == 2
    assert summary["rejects"] == {"timeout": 1}
    [reject] = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
    assert Path(reject["source"]).name == "b-stuck.html"
    assert (reject["reason"], reject["error_class"]) == ("timeout", "PageTimeout")
    titles = [json.loads(line)["title"] for line in (out / "article.jsonl").read_text().splitlines()]
    assert titles == ["A-First", "C-Last"]
