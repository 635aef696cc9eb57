"""Field-by-field checks of parse_page against hand-written expectations for realistic pages.

Every ``tests/fixtures/expected/<stem>.json`` describes what a human reader says the records of
``tests/fixtures/pages/<stem>.html`` are. The pages span WordPress themes and page builders (Jannah, tagDiv
Newspaper, GeneratePress + Yoast, Astra + Rank Math, Elementor, Kadence, plain Gutenberg), structured data
(JSON-LD, microdata), several languages, a windows-1252 page and messy markup.

Expected file format (every key of "article" is optional except "title"):

    {
      "url": "https://...",                      # optional: passed to RawPage and checked as article.url
      "article": {
        "title": ..., "site_name": ..., "language": ..., "author": ..., "canonical_url": ...,
        "description": ..., "categories": [...], "tags": [...],   # equal
        "published_at": "2024-06-12", "modified_at": ...,         # prefix (or null: must be null)
        "body_starts_with": ..., "body_ends_with": ...,
        "body_contains": [...],                                   # may span paragraphs with "\\n\\n"
        "body_excludes": [...]                                    # chrome and section text
      },
      "takeaways": {"heading": ..., "items": [...]} | null,
      "faq": [{"question": ..., "answer": ...}, ...],             # [] when the page has none
      "framework": {"title": ..., "steps": [{"title": ..., "text": ...}, ...]} | null
    }

``language`` "en" accepts "en" or a lower-cased regional tag such as "en-gb"; a regional expectation such as
"pt-br" must match exactly.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from pipeline.page import RawPage

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = FIXTURES / "pages"
EXPECTED = FIXTURES / "expected"

CASES = sorted(p.stem for p in EXPECTED.glob("*.json"))

# Glyphs that toggles, accordions and bullets draw; a line made only of these is never text.
TOGGLE_ONLY = re.compile(r"^[\s+\-−–—×✕▼▲▾▸►▶◀›‹»«⌄⌃˅˄∨∧•·]+$")
INVISIBLE = re.compile("[\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad]")
ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")


def _expected(stem: str) -> dict[str, Any]:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


@functools.cache
def _result(stem: str) -> Any:
    from pipeline.parse import parse_page

    path = PAGES / f"{stem}.html"
    assert path.exists(), f"[{stem}] expected file has no page {path.name}"
    url = _expected(stem).get("url")
    return parse_page(RawPage(source=str(path), body=path.read_bytes(), url=url))


def _parsed(stem: str) -> Any:
    result = _result(stem)
    assert result is not None, f"[{stem}] parse_page returned None"
    assert result.article is not None, f"[{stem}] no article record"
    return result


def _show(text: str, limit: int = 400) -> str:
    return repr(text if len(text) <= limit else text[:limit] + " ...")


def _assert_clean(stem: str, where: str, text: str) -> None:
    """The text rules every emitted string follows."""
    assert text == text.strip(), f"[{stem}] {where}: leading/trailing whitespace in {_show(text)}"
    assert not INVISIBLE.search(text), f"[{stem}] {where}: NBSP, soft hyphen or zero-width char in {_show(text)}"
    assert unicodedata.is_normalized("NFC", text), f"[{stem}] {where}: not NFC: {_show(text)}"
    assert not ENTITY.search(text), f"[{stem}] {where}: undecoded HTML entity in {_show(text)}"
    assert "  " not in text and "\t" not in text, f"[{stem}] {where}: uncollapsed whitespace in {_show(text)}"
    for line in text.split("\n"):
        if line:
            assert not TOGGLE_ONLY.match(line), f"[{stem}] {where}: toggle/icon-only line {line!r}"
            assert line == line.strip(), f"[{stem}] {where}: line with edge whitespace {line!r}"


def _assert_date(stem: str, field: str, actual: str | None, expected: str | None) -> None:
    if expected is None:
        assert actual is None, f"[{stem}] article.{field}: expected none, got {actual!r}"
        return
    assert actual is not None, f"[{stem}] article.{field}: expected {expected!r}..., got None"
    assert actual.startswith(expected), f"[{stem}] article.{field}: expected {expected!r}..., got {actual!r}"


def _assert_language(stem: str, actual: str | None, expected: str | None) -> None:
    if expected is None:
        assert actual is None, f"[{stem}] article.language: expected none, got {actual!r}"
        return
    assert actual is not None, f"[{stem}] article.language: expected {expected!r}, got None"
    assert actual == actual.lower(), f"[{stem}] article.language: not lower-cased: {actual!r}"
    ok = actual == expected or ("-" not in expected and actual.startswith(expected + "-"))
    assert ok, f"[{stem}] article.language: expected {expected!r}, got {actual!r}"


@pytest.mark.parametrize("stem", CASES)
def test_article(stem: str) -> None:
    exp_all = _expected(stem)
    exp = exp_all["article"]
    art = _parsed(stem).article

    if "url" in exp_all:
        assert art.url == exp_all["url"], f"[{stem}] article.url: expected {exp_all['url']!r}, got {art.url!r}"
    for field in ("title", "site_name", "author", "canonical_url", "description", "categories", "tags"):
        if field in exp:
            actual = getattr(art, field)
            assert actual == exp[field], f"[{stem}] article.{field}: expected {exp[field]!r}, got {actual!r}"
    if "language" in exp:
        _assert_language(stem, art.language, exp["language"])
    for field in ("published_at", "modified_at"):
        if field in exp:
            _assert_date(stem, field, getattr(art, field), exp[field])

    body = art.body
    _assert_clean(stem, "article.title", art.title)
    _assert_clean(stem, "article.body", body)
    assert body, f"[{stem}] article.body is empty"
    assert art.word_count > 0, f"[{stem}] article.word_count is {art.word_count}"
    assert "\n\n\n" not in body, f"[{stem}] article.body: paragraphs separated by more than one blank line"
    paragraphs = body.split("\n\n")
    for i, para in enumerate(paragraphs):
        assert para.strip(), f"[{stem}] article.body paragraph {i} is empty"
    assert paragraphs[0] != art.title, f"[{stem}] article.body starts with the title heading"

    if "body_starts_with" in exp:
        assert body.startswith(exp["body_starts_with"]), (
            f"[{stem}] article.body should start with {exp['body_starts_with']!r}; starts {_show(body[:300])}"
        )
    if "body_ends_with" in exp:
        assert body.endswith(exp["body_ends_with"]), (
            f"[{stem}] article.body should end with {exp['body_ends_with']!r}; ends {_show(body[-300:])}"
        )
    for snippet in exp.get("body_contains", []):
        assert snippet in body, f"[{stem}] article.body is missing {_show(snippet)}"
    leaked = [s for s in exp.get("body_excludes", []) if s in body]
    assert not leaked, f"[{stem}] article.body contains text that is not article prose: {leaked!r}"


@pytest.mark.parametrize("stem", CASES)
def test_takeaways(stem: str) -> None:
    exp = _expected(stem).get("takeaways")
    result = _parsed(stem)
    got = result.takeaways
    if exp is None:
        assert got is None, f"[{stem}] takeaways: expected none, got {got.heading!r} {list(got.items)!r}"
        return
    assert got is not None, f"[{stem}] takeaways: expected {exp['heading']!r} with {len(exp['items'])} items, got None"
    assert got.article_id == result.article.id, f"[{stem}] takeaways.article_id does not match article.id"
    assert got.heading == exp["heading"], (
        f"[{stem}] takeaways.heading: expected {exp['heading']!r}, got {got.heading!r}"
    )
    items = list(got.items)
    for i, item in enumerate(items):
        _assert_clean(stem, f"takeaways.items[{i}]", item)
    assert len(items) == len(exp["items"]), (
        f"[{stem}] takeaways.items: expected {len(exp['items'])} items, got {len(items)}: {items!r}"
    )
    for i, (actual, expected) in enumerate(zip(items, exp["items"], strict=True)):
        assert actual == expected, f"[{stem}] takeaways.items[{i}]: expected {expected!r}, got {actual!r}"


@pytest.mark.parametrize("stem", CASES)
def test_faq(stem: str) -> None:
    exp = _expected(stem).get("faq", [])
    result = _parsed(stem)
    got = list(result.faq)
    questions = [f.question for f in got]
    assert len(got) == len(exp), f"[{stem}] faq: expected {len(exp)} questions, got {len(got)}: {questions!r}"
    assert [f.position for f in got] == list(range(1, len(got) + 1)), (
        f"[{stem}] faq positions are not 1..n in order: {[f.position for f in got]!r}"
    )
    for i, (item, expected) in enumerate(zip(got, exp, strict=True)):
        assert item.article_id == result.article.id, f"[{stem}] faq[{i}].article_id does not match article.id"
        _assert_clean(stem, f"faq[{i}].question", item.question)
        _assert_clean(stem, f"faq[{i}].answer", item.answer)
        assert item.question == expected["question"], (
            f"[{stem}] faq[{i}].question: expected {expected['question']!r}, got {item.question!r}"
        )
        assert item.answer == expected["answer"], (
            f"[{stem}] faq[{i}].answer (question {expected['question']!r}):\n"
            f"  expected {expected['answer']!r}\n  got      {item.answer!r}"
        )


@pytest.mark.parametrize("stem", CASES)
def test_framework(stem: str) -> None:
    exp = _expected(stem).get("framework")
    result = _parsed(stem)
    got = result.framework
    if exp is None:
        assert got is None, f"[{stem}] framework: expected none, got {got.title!r} with {len(got.steps)} steps"
        return
    assert got is not None, f"[{stem}] framework: expected {exp['title']!r} with {len(exp['steps'])} steps, got None"
    assert got.article_id == result.article.id, f"[{stem}] framework.article_id does not match article.id"
    assert got.title == exp["title"], f"[{stem}] framework.title: expected {exp['title']!r}, got {got.title!r}"
    steps = list(got.steps)
    assert len(steps) == len(exp["steps"]), (
        f"[{stem}] framework.steps: expected {len(exp['steps'])} steps, got {len(steps)}: "
        f"{[s.title or s.text[:40] for s in steps]!r}"
    )
    assert [s.position for s in steps] == list(range(1, len(steps) + 1)), (
        f"[{stem}] framework step positions are not 1..n in order: {[s.position for s in steps]!r}"
    )
    for i, (step, expected) in enumerate(zip(steps, exp["steps"], strict=True)):
        if step.title:
            _assert_clean(stem, f"framework.steps[{i}].title", step.title)
        _assert_clean(stem, f"framework.steps[{i}].text", step.text)
        assert step.title == expected["title"], (
            f"[{stem}] framework.steps[{i}].title: expected {expected['title']!r}, got {step.title!r}"
        )
        assert step.text == expected["text"], (
            f"[{stem}] framework.steps[{i}].text (step {expected['title']!r}):\n"
            f"  expected {expected['text']!r}\n  got      {step.text!r}"
        )


def test_every_page_has_expectations() -> None:
    pages = sorted(p.stem for p in PAGES.glob("*.html"))
    missing = [stem for stem in pages if stem not in CASES]
    assert not missing, f"fixture pages without an expected/<stem>.json: {missing!r}"
    assert len(CASES) >= 14, f"expected at least 14 fixture pages, found {len(CASES)}"
