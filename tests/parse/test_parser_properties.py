"""Whatever the markup, the parser returns records or a clear rejection: it never crashes or hangs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PageRejected
from pipeline.page import RawPage
from pipeline.parse import parse_page
from tests.conftest import article_html

TAGS = ["p", "div", "li", "ul", "ol", "h2", "h3", "details", "summary", "strong", "span", "table", "td", "a",
        "section", "article", "nav", "aside", "script", "dl", "dt", "dd", "button"]
WORDS = ["FAQ", "Key Takeaways", "Steps", "What is it?", "+", "−", "Decision Framework", "Related Articles",
         "magnesium", "&nbsp;", "&amp;", "\u200b", "Preguntas frecuentes", "1.", "Step 2:", "<!--", "]]>", "\x00"]

fragment = st.recursive(
    st.sampled_from(WORDS) | st.text(max_size=20),
    lambda children: st.builds(
        lambda tag, attrs, kids, close: f"<{tag}{attrs}>{''.join(kids)}" + (f"</{tag}>" if close else ""),
        st.sampled_from(TAGS),
        st.sampled_from(["", ' class="faq-item"', ' class="accordion-title"', ' aria-expanded="false"',
                         ' itemtype="https://schema.org/Question"', ' itemprop="name"', ' hidden',
                         ' class="schema-how-to-step"', ' class="sidebar"']),
        st.lists(children, max_size=4),
        st.booleans(),
    ),
    max_leaves=40,
)


def _check(body: bytes) -> None:
    try:
        parsed = parse_page(RawPage(source="generated", body=body))
    except PageRejected:
        return
    for item in parsed.faq:
        assert item.question.strip()
        assert item.answer.strip()
    if parsed.framework:
        assert all(step.title.strip() or step.text.strip() for step in parsed.framework.steps)
    if parsed.takeaways:
        assert all(item.strip() for item in parsed.takeaways.items)


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(fragment, max_size=6))
def test_random_markup_gives_records_or_a_rejection(fragments):
    _check(("<html><body>" + "".join(fragments)).encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=2000)
@given(st.data())
def test_mangled_article_pages_never_crash(data):
    page = article_html("Mangled Page", paragraphs=5).encode()
    cut = data.draw(st.integers(0, len(page)))
    insert_at = data.draw(st.integers(0, len(page)))
    noise = data.draw(st.binary(max_size=40))
    _check(page[:insert_at] + noise + page[insert_at:cut] if cut > insert_at else page[:cut] + noise)


def test_markup_nested_thousands_deep_is_parsed_whole() -> None:
    """Unclosed tags nest a page deeper than Python's recursion limit: every paragraph still comes out."""
    depth = 3000
    paragraph = "<div><p>Paragraph {} of a page whose divs were never closed, long enough to count.</p>"
    body = "".join(paragraph.format(n) for n in range(depth))
    parsed = parse_page(RawPage(source="deep", body=f"<html><body>{body}</body></html>".encode()))
    assert parsed.article.body.count("Paragraph ") == depth
    assert f"Paragraph {depth - 1} of a page" in parsed.article.body
