"""What the section detectors share: finding headings, walking what a heading introduces, consuming nodes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from pipeline.parse.dom import (
    HEADING_SELECTOR,
    HEADINGS,
    children,
    heading_level,
    inline_text,
    next_element,
    previous_element,
)
from pipeline.parse.text import clean_inline, strip_toggle_glyphs

# Real headings, and the pseudo-headings page builders and editors make: a bold-only paragraph, a "title" div.
HEADING_LIKE = ("h2, h3, h4, h5, h6, p > strong, p > b, [class*=title], [class*=heading], [class*=header], "
                "div > strong")
_MAX_HEADING_CHARS = 150


@dataclass(slots=True)
class Heading:
    node: LexborNode
    """The element that stands as the heading (for a bold-only paragraph, the paragraph)."""
    text: str
    level: int


@dataclass(slots=True)
class Consumed:
    """Nodes a detector took its record from; they are removed before the body is rendered."""

    nodes: list[LexborNode] = field(default_factory=list)

    def add(self, *nodes: LexborNode | None) -> None:
        self.nodes.extend(node for node in nodes if node is not None)

    def remove_all(self) -> None:
        for node in self.nodes:
            node.remove()


def headings(container: LexborNode) -> list[Heading]:
    """Heading-like elements in document order, each once: found once per page, shared by the detectors."""
    return list(_headings(container))


def _headings(container: LexborNode) -> Iterator[Heading]:
    seen: set[int] = set()
    for node in container.css(HEADING_LIKE):
        if node.tag in ("strong", "b"):
            parent = node.parent
            if parent is None or clean_inline(parent.text()) != clean_inline(node.text()):
                continue  # bold words inside a sentence, not a heading
            node = parent
        elif node.tag not in HEADINGS and _has_block_child(node):
            continue
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        text = strip_toggle_glyphs(inline_text(node))
        if text and len(text) <= _MAX_HEADING_CHARS:
            yield Heading(node, text, heading_level(node))


def _has_block_child(node: LexborNode) -> bool:
    return any(child.tag in ("p", "div", "ul", "ol", "section", "table") for child in children(node))


def following(heading: Heading, max_climb: int = 2) -> Iterator[LexborNode]:
    """The elements a heading introduces: its next siblings up to the next heading of the same or higher rank.

    When the heading is the last thing in its wrapper (``<div class="box-title"><h2>..</h2></div><ul>``), the
    wrapper's next siblings are what it introduces.
    """
    anchor = heading.node
    for _ in range(max_climb + 1):
        if next_element(anchor) is not None:
            break
        if anchor.parent is None or anchor.parent.tag in ("body", "html"):
            return
        anchor = anchor.parent
    sibling = next_element(anchor)
    while sibling is not None:
        inner = as_heading(sibling)
        if inner is not None and heading_level(inner) <= heading.level:
            return
        yield sibling
        sibling = next_element(sibling)


def as_heading(node: LexborNode) -> LexborNode | None:
    """The node if it is a heading, or the heading a wrapper holds and nothing else (a page builder's heading
    widget); None for anything else."""
    if node.tag in HEADINGS:
        return node
    if node.tag in ("div", "section", "header"):
        return _only_heading_inside(node)
    return None


def list_in(node: LexborNode) -> LexborNode | None:
    """The node if it is a list, or the list a wrapper holds and nothing else (a page builder's text widget)."""
    if node.tag in ("ol", "ul"):
        return node
    inner = node.css_first("ol, ul")
    if inner is not None and len(inline_text(inner)) == len(inline_text(node)):
        return inner
    return None


def direct_items(list_node: LexborNode) -> list[LexborNode]:
    return [child for child in children(list_node) if child.tag == "li"]


def heading_before(node: LexborNode, max_climb: int = 3) -> Heading | None:
    """The heading that introduces a block: the element before it (see ``element_before``), if a heading."""
    sibling = element_before(node, max_climb)
    heading = as_heading(sibling) if sibling is not None else None
    if heading is not None and (text := strip_toggle_glyphs(inline_text(heading))):
        return Heading(heading, text, heading_level(heading))
    return None


def element_before(node: LexborNode, max_climb: int) -> LexborNode | None:
    """The block's previous sibling, or the previous sibling of a wrapper it opens, up to ``max_climb`` wrappers
    up (page builders wrap a heading or label and the block after it in separate containers)."""
    anchor = node
    for _ in range(max_climb + 1):
        if (sibling := previous_element(anchor)) is not None:
            return sibling
        if anchor.parent is None or anchor.parent.tag in ("body", "html"):
            return None
        anchor = anchor.parent
    return None


def _only_heading_inside(wrapper: LexborNode) -> LexborNode | None:
    found = wrapper.css(HEADING_SELECTOR)
    if len(found) == 1 and inline_text(found[0]) == inline_text(wrapper):
        return found[0]
    return None
