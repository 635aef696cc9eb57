"""The published record types: what downstream consumers of the JSONL files may rely on.

Every record carries ``record_type`` and ``schema_version``. A change that removes or renames a field, or
changes its meaning, bumps the major part of ``SCHEMA_VERSION``; adding an optional field bumps the minor part.
The JSON Schema files beside this module are generated from these models (``pipeline schema``) and a test
fails when they drift.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: str = Field(SCHEMA_VERSION, description="Version of this record contract.")


class Article(_Record):
    """One article page: its metadata and its clean prose, without the section records' text."""

    record_type: Literal["article"] = "article"
    id: str = Field(description="Stable id derived from the canonical URL (else the URL, else the source).")
    url: str | None = Field(description="The URL the page was fetched from, when known.")
    canonical_url: str | None = Field(description="The page's declared canonical URL, when it has one.")
    site_name: str | None
    title: str = Field(description="The headline, without a trailing ' - Site Name'.")
    language: str | None = Field(description="BCP 47 tag, lower-cased primary subtag (e.g. 'en', 'pt-br').")
    author: str | None
    published_at: str | None = Field(description="ISO 8601 date or date-time as declared by the page.")
    modified_at: str | None = Field(description="ISO 8601 date or date-time as declared by the page.")
    description: str | None
    categories: list[str]
    tags: list[str]
    body: str = Field(description="Paragraphs and sub-headings in reading order, separated by a blank line.")
    word_count: int = Field(ge=0)
    content_hash: str = Field(description="'sha256:' + hex digest of the body, for change detection.")
    fetched_at: str | None = Field(description="When the page was fetched (from the WARC record), if known.")
    source: str = Field(description="Where the page was read from: a file path, or 'WARC-file#offset'.")
    parser_version: str


class Takeaways(_Record):
    """The article's summary list ("Key Takeaways", "TL;DR", "Résumé", ...)."""

    record_type: Literal["takeaways"] = "takeaways"
    id: str
    article_id: str
    url: str | None
    heading: str = Field(description="The section heading as written on the page.")
    items: list[str] = Field(min_length=1)


class FaqItem(_Record):
    """One question of the article's FAQ, with its answer as text (paragraphs separated by a blank line)."""

    record_type: Literal["faq"] = "faq"
    id: str
    article_id: str
    url: str | None
    position: int = Field(ge=1, description="1-based order of the question on the page.")
    question: str = Field(min_length=1)
    answer: str


class FrameworkStep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    position: int = Field(ge=1)
    title: str = Field(description="The step's short name; empty when the page gives none.")
    text: str = Field(description="What the step says, without its title.")


class Framework(_Record):
    """An ordered procedure in the article: a decision framework, steps, a how-to."""

    record_type: Literal["framework"] = "framework"
    id: str
    article_id: str
    url: str | None
    title: str
    steps: list[FrameworkStep] = Field(min_length=1)


class Reject(_Record):
    """A page that produced no records, and why. Written to rejects.jsonl so nothing is silently lost."""

    record_type: Literal["reject"] = "reject"
    source: str
    url: str | None
    reason: str = Field(description="Stable machine-readable reason, e.g. 'empty', 'not_html', 'no_article'.")
    error_class: str
    detail: str


RECORD_MODELS: dict[str, type[_Record]] = {
    "article": Article,
    "takeaways": Takeaways,
    "faq": FaqItem,
    "framework": Framework,
    "reject": Reject,
}
