"""Small DOM helpers shared by the cleaners and extractors: walking siblings, and rendering a node to text.

Rendering keeps the reader's structure: every block element (paragraph, heading, list item, cell) becomes its
own line of text; paragraphs are separated by a blank line and the items of one list by a single newline.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.parse.text import clean_block, clean_inline, is_glyph_only

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HEADING_SELECTOR = ", ".join(sorted(HEADINGS))
LIST_ITEMS = frozenset({"li", "dt", "dd"})
BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol", "dl", "li", "dt",
     "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure",
     "figcaption", "details", "summary", "address", "fieldset", "form", "hr", "center", "body", "html",
     *HEADINGS}
)
# Never text: embedded code, media and form controls.
SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "video",
     "audio", "picture", "img", "button", "input", "select", "textarea", "option", "head", "title", "meta",
     "link"}
)


def next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next
    return sibling


def previous_element(node: LexborNode) -> LexborNode | None:
    sibling = node.prev
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.prev
    return sibling


class TreeSums(NamedTuple):
    """Per element (by ``mem_id``): the element, the total of the values at and below it, and its parent."""

    nodes: dict[int, LexborNode]
    totals: dict[int, int]
    parents: dict[int, int]


def sum_up(values: Iterable[tuple[LexborNode, int]], last: int | None = None) -> TreeSums:
    """Each element's values plus everything below it, for the elements given (an element may come several
    times) and all their ancestors up to ``last`` (a ``mem_id``), or else to just below ``<html>``.

    Every element is visited once and the totals flow up from the innermost ones, so the cost stays linear
    however deep unclosed tags nest a page."""
    own: dict[int, int] = {}
    starts: list[LexborNode] = []
    for node, value in values:
        key = node.mem_id
        if key not in own:
            own[key] = 0
            starts.append(node)
        own[key] += value
    sums = TreeSums({}, {}, {})
    nodes, totals, parents = sums
    depth: dict[int, int] = {}
    for node in starts:
        chain = []
        while (key := node.mem_id) not in nodes:
            nodes[key] = node
            totals[key] = own.get(key, 0)
            chain.append(key)
            above = node.parent
            if key == last or above is None or above.tag == "html":
                base = -1  # the top: the chain's last element is at depth 0
                break
            parents[key] = above.mem_id
            node = above
        else:
            base = depth[key]  # reached an element seen before
        for offset, added in enumerate(reversed(chain), start=1):
            depth[added] = base + offset
    # Innermost first: an element's total is whole before it is added to its parent's.
    for key in sorted(parents, key=depth.__getitem__, reverse=True):
        totals[parents[key]] += totals[key]
    return sums


def select(root: LexborNode, selector: str) -> list[LexborNode]:
    """Matches of a selector list, each element once: Lexbor returns an element once per selector it matches."""
    seen: set[int] = set()
    return [node for node in root.css(selector) if node.mem_id not in seen and not seen.add(node.mem_id)]


def children(node: LexborNode) -> Iterator[LexborNode]:
    """Element children, in order."""
    for child in node.iter(include_text=False):
        if child.is_element_node:
            yield child


def inline_text(node: LexborNode) -> str:
    """The node's text as one line (for headings, questions, titles)."""
    return clean_inline(node.text(deep=True))


def is_bold_line(node: LexborNode) -> bool:
    """A paragraph that is all one bold run: an editor's sub-heading, question or box label."""
    bold = node.css_first("strong, b") if node.tag == "p" else None
    return bold is not None and inline_text(bold) == inline_text(node)


def heading_level(node: LexborNode) -> int:
    """1-6 for h1-h6, 7 for anything else (a pseudo-heading ranks below every real one)."""
    tag = node.tag
    return int(tag[1]) if tag in HEADINGS else 7


class _Renderer:
    """Collects (text, is_list_item) blocks from a subtree, in one loop with its own stack: pages nest elements
    thousands deep (unclosed tags), deeper than Python's recursion allows."""

    def __init__(self, skipped: frozenset[str]) -> None:
        self.blocks: list[tuple[str, bool]] = []
        self._parts: list[str] = []
        self._in_item = False
        self._skipped = skipped

    def flush(self) -> None:
        if self._parts:
            text = clean_inline("".join(self._parts))
            self._parts.clear()
            if text and not is_glyph_only(text):  # a toggle icon or a separator alone is not text
                self.blocks.append((text, self._in_item))

    def walk(self, root: LexborNode) -> None:
        parts, skipped = self._parts, self._skipped
        # The children being read at each open level, whether that level is a block, and the list-item state to
        # restore when it closes.
        stack: list[tuple[Iterator[LexborNode], bool, bool]] = []
        reading = root.iter(include_text=True)
        while True:
            for child in reading:
                tag = child.tag
                if tag == "-text":
                    parts.append(child.text_content or "")
                elif not child.is_element_node or tag in skipped:
                    continue
                elif tag == "br":
                    self.flush()
                elif tag in BLOCKS:
                    self.flush()
                    stack.append((reading, True, self._in_item))
                    self._in_item = self._in_item or tag in LIST_ITEMS
                    reading = child.iter(include_text=True)
                    break
                else:
                    stack.append((reading, False, self._in_item))
                    reading = child.iter(include_text=True)
                    break
            else:  # this level is read to its end: close it
                if not stack:
                    return
                reading, is_block, outer = stack.pop()
                if is_block:
                    self.flush()  # the block's own text, as a list item if it was one
                self._in_item = outer


def render_blocks(node: LexborNode, skipped: frozenset[str] = SKIPPED) -> list[tuple[str, bool]]:
    """The node's text as blocks in reading order: (text, whether it is a list item). Elements whose tag is in
    ``skipped`` are left out with everything inside them."""
    renderer = _Renderer(skipped)
    renderer.walk(node)
    renderer.flush()
    return renderer.blocks


def join_blocks(blocks: list[tuple[str, bool]]) -> str:
    """Blank line between paragraphs, single newline between consecutive list items."""
    out: list[str] = []
    previous_item = False
    for text, item in blocks:
        if out:
            out.append("\n" if item and previous_item else "\n\n")
        out.append(text)
        previous_item = item
    return "".join(out)


def block_text(node: LexborNode, skipped: frozenset[str] = SKIPPED) -> str:
    return join_blocks(render_blocks(node, skipped))


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment from declared data (JSON-LD answers and steps often carry <p>, <ul>, entities),
    rendered like the page's own blocks."""
    if "<" not in fragment:
        unescaped = html.unescape(fragment)
        if "<" not in unescaped:
            return clean_block(unescaped)
        fragment = unescaped  # markup written escaped ("&lt;p&gt;..."): the reader sees it rendered
    tree = LexborHTMLParser(f"<div>{fragment}</div>")
    return block_text(tree.body) if tree.body is not None else ""
