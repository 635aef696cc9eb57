"""The ``crawl`` command's options: what it hands to the crawl when the user sets nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.fetch import job
from pipeline.fetch.client import ClientOptions
from pipeline.fetch.command import USER_AGENT
from pipeline.fetch.crawl import CrawlSettings
from pipeline.fetch.urls import Scope


def test_option_defaults_are_the_settings_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handed: list[tuple[CrawlSettings, ClientOptions]] = []

    def crawl_nothing(settings: CrawlSettings, options: ClientOptions, sources: job.Sources, live: bool) -> int:
        handed.append((settings, options))
        return 0

    monkeypatch.setattr(job, "run", crawl_nothing)

    result = CliRunner().invoke(app, ["crawl", "--raw", str(tmp_path), "--start", "https://site.test/"])

    assert result.exit_code == 0
    [(settings, options)] = handed
    scope = Scope(hosts=frozenset({"https://site.test"}))
    assert settings == CrawlSettings(raw_dir=tmp_path, user_agent=USER_AGENT, scope=scope)
    assert options == ClientOptions(user_agent=USER_AGENT)
