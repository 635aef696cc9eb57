"""Article text over JSON Lines, for side-by-side extraction benchmarks.

stdin: one ``{"id", "html", "url"}`` object per line; stdout: one ``{"id", "text"}`` per line. The text is what a
reader counts as the article: the body, then the takeaways items, FAQ questions and answers and framework steps,
since those were cut out of the body as records. A rejected page gives empty text, so it scores as a miss.

    python -m pipeline.bodyeval < pages.jsonl > texts.jsonl
"""

from __future__ import annotations

import sys
from typing import BinaryIO

import orjson

from pipeline.errors import PageRejected
from pipeline.page import RawPage
from pipeline.parse.page_parser import ParsedPage, parse_page


def article_text(parsed: ParsedPage) -> str:
    """The body plus the text of every section record, in the order a reader meets them in most layouts."""
    parts = [parsed.article.body]
    if parsed.takeaways:
        parts.extend(parsed.takeaways.items)
    for item in parsed.faq:
        parts.extend((item.question, item.answer))
    if parsed.framework:
        for step in parsed.framework.steps:
            parts.extend(part for part in (step.title, step.text) if part)
    return "\n\n".join(part for part in parts if part)


def extract(html: str, url: str | None) -> str:
    page = RawPage(source=url or "stdin", body=html.encode("utf-8"), url=url,
                   content_type="text/html; charset=utf-8")
    try:
        return article_text(parse_page(page))
    except PageRejected:
        return ""


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    for line in stdin:
        if not line.strip():
            continue
        item = orjson.loads(line)
        text = extract(item["html"], item.get("url"))
        stdout.write(orjson.dumps({"id": item["id"], "text": text}) + b"\n")
    stdout.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
