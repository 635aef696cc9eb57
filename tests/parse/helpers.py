"""Parse a small page built around an HTML fragment, for the section detector tests."""

from __future__ import annotations

from pipeline.page import RawPage
from pipeline.parse import ParsedPage, parse_page
from tests.conftest import article_html


def parse_fragment(fragment: str, head: str = "") -> ParsedPage:
    """A three-paragraph article with the fragment after its text."""
    page = article_html("Sleep And Recovery", paragraphs=3, extra=fragment)
    if head:
        page = page.replace("</head>", head + "</head>")
    return parse_html(page, source="fragment.html")


def parse_opening(fragment: str) -> ParsedPage:
    """A three-paragraph article with the fragment before its first paragraph."""
    page = article_html("Sleep And Recovery", paragraphs=3, extra="")
    return parse_html(page.replace("<p>", fragment + "<p>", 1))


def parse_html(html: str, source: str = "page.html") -> ParsedPage:
    return parse_page(RawPage(source=source, body=html.encode("utf-8")))


def faq_pairs(parsed: ParsedPage) -> list[tuple[str, str]]:
    return [(item.question, item.answer) for item in parsed.faq]
