"""How much prose each element holds: the one measurement both chrome removal and content scoring rely on.

Prose blocks are paragraphs, preformatted text and table cells, and also the elements that hold text broken by
``<br>`` and the text-only ``<div>`` leaves: older CMSs and many non-English sites write articles without any
``<p>``. One pass adds each block's length (and readability-style points: commas, length) to its ancestors, so
any element's prose is then a dictionary lookup instead of another walk of its subtree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from pipeline.parse.dom import sum_up

_PARAGRAPHS = "p, pre, td"
# Text written straight into a block: the parents of <br>, and divs with no block inside (matched in C).
_BARE_TEXT = "br, div:not(:has(p, div, ul, ol, table, section, article, h1, h2, h3, h4, h5, h6, br))"
_PARAGRAPH_TAGS = frozenset({"p", "pre", "td"})
MIN_PARAGRAPH_CHARS = 25
# How far up a link around a card's text is looked for.
_MAX_LINK_DEPTH = 4
# Points flow up this many levels, divided by 1, 2, 3.
_SCORED_LEVELS = 3


@dataclass(slots=True)
class Prose:
    """Prose characters under each element (by ``mem_id``), its score, and the element itself."""

    chars: dict[int, int] = field(default_factory=dict)
    scores: dict[int, float] = field(default_factory=dict)
    nodes: dict[int, LexborNode] = field(default_factory=dict)
    total: int = 0


def measure_prose(root: LexborNode) -> Prose:
    """One pass over the prose blocks under ``root``; each block's length is added to all its ancestors, and
    its points to the three nearest."""
    prose = Prose()
    lengths: list[tuple[LexborNode, int]] = []
    points: dict[int, int] = {}
    for block, text in _prose_blocks(root):
        length = len(text)
        prose.total += length
        if (parent := block.parent) is None or parent.tag == "html":
            continue
        lengths.append((parent, length))
        points[parent.mem_id] = points.get(parent.mem_id, 0) + _points(text, length)
    prose.nodes, prose.chars, parents = sum_up(lengths)
    scores = prose.scores
    for key, earned in points.items():
        for depth in range(_SCORED_LEVELS):
            scores[key] = scores.get(key, 0.0) + earned / (1 + depth)
            if (key := parents.get(key)) is None:
                break
    return prose


def _points(text: str, length: int) -> int:
    """A block's weight, in the manner of readability: one, plus its commas, plus one per 100 characters (3 at
    most)."""
    return 1 + text.count(",") + text.count("、") + text.count("，") + min(length // 100, 3)


def prose_chars(root: LexborNode) -> int:
    """Characters of prose under ``root``, without the per-ancestor bookkeeping of ``measure_prose``."""
    return sum(len(text) for _, text in _prose_blocks(root))


def _prose_blocks(root: LexborNode) -> list[tuple[LexborNode, str]]:
    blocks = []
    for node in root.css(_PARAGRAPHS):
        text = node.text().strip()
        if len(text) >= MIN_PARAGRAPH_CHARS:
            blocks.append((node, text))
    seen: set[int] = set()
    for node in root.css(_BARE_TEXT):
        holder = node.parent if node.tag == "br" else node
        if holder is None or holder.mem_id in seen or holder.tag in _PARAGRAPH_TAGS:
            continue
        seen.add(holder.mem_id)
        text = holder.text(deep=False).strip()
        if not text and node.tag == "div":
            # Text wrapped in inline styling only (<div><span><span>text</span></span></div>, as editors that
            # style every line write it). A link around or inside it makes it a teaser, not prose.
            text = holder.text().strip()
            if len(text) >= MIN_PARAGRAPH_CHARS and (node.css_first("a") is not None or _in_link(node)):
                continue
        if len(text) >= MIN_PARAGRAPH_CHARS:
            blocks.append((holder, text))
    return blocks


def _in_link(node: LexborNode) -> bool:
    ancestor = node.parent
    for _ in range(_MAX_LINK_DEPTH):
        if ancestor is None:
            return False
        if ancestor.tag == "a":
            return True
        ancestor = ancestor.parent
    return False


def text_and_links(node: LexborNode) -> tuple[int, int]:
    """Characters of the node's text, and of the part of it inside links."""
    return len(node.text()), sum(len(link.text()) for link in node.css("a"))


def link_density(node: LexborNode) -> float:
    """Share of the node's text that sits inside links: near 1 for menus and teaser lists."""
    text_length, link_length = text_and_links(node)
    return min(link_length / text_length, 1.0) if text_length else 1.0
