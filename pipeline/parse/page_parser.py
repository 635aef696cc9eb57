"""One page -> records: decode, build the DOM, read metadata, strip chrome, take the sections, render the body.

Sections are taken before the article container is chosen, from the whole chrome-free page (or its one article,
on a page that appends others): page builders often put the FAQ or the steps in a block beside the text block,
and what a section took never counts as body.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from pipeline import __version__
from pipeline.errors import NoArticle
from pipeline.page import RawPage
from pipeline.parse.chrome import remove_chrome, remove_hidden
from pipeline.parse.content import article_unit, body_text, find_content, remove_title
from pipeline.parse.document import DEFAULT_MAX_BYTES, decode_html, parse_dom
from pipeline.parse.metadata import extract_metadata
from pipeline.parse.pruning import site_host
from pipeline.parse.sections.common import Consumed, headings
from pipeline.parse.sections.faq import find_faq
from pipeline.parse.sections.framework import find_framework
from pipeline.parse.sections.takeaways import find_takeaways
from pipeline.parse.structured import jsonld_nodes
from pipeline.parse.text import word_count
from schemas.records import Article, FaqItem, Framework, FrameworkStep, Takeaways

PARSER_VERSION = __version__
# Below this many characters of prose (a sentence or two; characters, so that languages written without
# spaces count alike), and with no section either, a page is a listing, a stub or an error page.
MIN_ARTICLE_CHARS = 120


@dataclass(slots=True)
class ParsedPage:
    article: Article
    takeaways: Takeaways | None = None
    faq: list[FaqItem] = field(default_factory=list)
    framework: Framework | None = None

    def records(self) -> list[Article | Takeaways | FaqItem | Framework]:
        extra = [r for r in (self.takeaways, self.framework) if r is not None]
        return [self.article, *extra, *self.faq]


def article_id(canonical_url: str | None, url: str | None, source: str) -> str:
    """Stable across reruns and refetches: the canonical URL when declared, else the URL, else the source.

    Scheme and host are case-folded and the fragment dropped, the rest kept as the site wrote it."""
    key = canonical_url or url
    if not key:
        key = f"source:{source}"
    else:
        try:
            parts = urlsplit(key.strip())
            key = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))
        except ValueError:  # a malformed URL (an unclosed IPv6 bracket) is still a stable key as written
            pass
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def parse_page(page: RawPage, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedPage:
    """Split one page into records. Raises a ``PageRejected`` subclass when the page has nothing to give."""
    tree = parse_dom(decode_html(page.body, page.content_type, max_bytes=max_bytes))
    jsonld = jsonld_nodes(tree)
    meta = extract_metadata(tree, jsonld, page.url)
    names = remove_chrome(tree)

    if tree.body is None:
        raise NoArticle("the page has no <body>")
    unit = article_unit(tree.body, meta.title)
    consumed = Consumed()
    page_headings = headings(unit)
    takeaways = find_takeaways(unit, page_headings, consumed)
    faq = find_faq(unit, page_headings, names, jsonld, consumed)
    framework = find_framework(unit, page_headings, names, jsonld, consumed)
    consumed.remove_all()

    container = find_content(unit, names, site_host(meta.canonical_url or page.url))
    body = ""
    if container is not None:
        remove_title(container, meta.title)
        remove_hidden(container)
        body = body_text(container)
    if len(body) < MIN_ARTICLE_CHARS and not (takeaways or faq or framework):
        raise NoArticle(f"no article prose found ({len(body)} characters)")

    art_id = article_id(meta.canonical_url, page.url, page.source)
    article = Article(
        id=art_id,
        url=page.url,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
        title=meta.title,
        language=meta.language,
        author=meta.author,
        published_at=meta.published_at,
        modified_at=meta.modified_at,
        description=meta.description,
        categories=meta.categories,
        tags=meta.tags,
        body=body,
        word_count=word_count(body),
        content_hash="sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest(),
        fetched_at=page.fetched_at,
        source=page.source,
        parser_version=PARSER_VERSION,
    )
    parsed = ParsedPage(article)
    if takeaways:
        parsed.takeaways = Takeaways(
            id=f"{art_id}-takeaways", article_id=art_id, url=page.url, heading=takeaways.heading,
            items=takeaways.items,
        )
    parsed.faq = [
        FaqItem(id=f"{art_id}-faq-{n}", article_id=art_id, url=page.url, position=n, question=qa.question,
                answer=qa.answer)
        for n, qa in enumerate(faq, start=1)
    ]
    if framework:
        parsed.framework = Framework(
            id=f"{art_id}-framework", article_id=art_id, url=page.url, title=framework.title,
            steps=[FrameworkStep(position=n, title=s.title, text=s.text)
                   for n, s in enumerate(framework.steps, start=1)],
        )
    return parsed
