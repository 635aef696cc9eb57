"""Shared test helpers: small article pages built in code, for tests that need many or varied pages."""

from __future__ import annotations

import pytest

PROSE = (
    "Regular movement keeps joints supple and muscles strong, and even short walks after meals help the body "
    "manage blood sugar, according to several clinical studies of adults over fifty."
)


def article_html(title: str, paragraphs: int = 4, extra: str = "") -> str:
    """A WordPress-like article page with site chrome around the prose."""
    body = "\n".join(f"<p>{PROSE} Paragraph {n} of {title}.</p>" for n in range(1, paragraphs + 1))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - Example Health</title>
<meta property="og:site_name" content="Example Health">
<link rel="canonical" href="https://health.example/{title.lower().replace(' ', '-')}/"></head>
<body><header class="site-header"><nav><a href="/">Home</a><a href="/news">News</a></nav></header>
<main><article><h1 class="entry-title">{title}</h1><div class="entry-content">{body}{extra}</div></article></main>
<aside class="sidebar"><h3>Recent posts</h3><ul><li><a href="/a">Another post</a></li></ul></aside>
<footer class="site-footer">Copyright Example Health</footer></body></html>"""


@pytest.fixture
def make_article():
    return article_html
