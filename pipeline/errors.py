"""Why a page was rejected. Each class has a stable ``reason`` that lands in rejects.jsonl and the summary."""

from __future__ import annotations


class PageRejected(Exception):
    """A page that cannot give records. The run records it and goes on with the next page."""

    reason = "rejected"


class EmptyPage(PageRejected):
    reason = "empty"


class NotHtml(PageRejected):
    reason = "not_html"


class PageTooLarge(PageRejected):
    reason = "too_large"


class NoArticle(PageRejected):
    reason = "no_article"


class PageTimeout(PageRejected):
    """Parsing the page took longer than the run allows (pathological markup: elements nested thousands deep)."""

    reason = "timeout"


class UnreadableInput(PageRejected):
    """The input itself could not be read (a missing file, a corrupt WARC record)."""

    reason = "unreadable"
