"""The summary list: a heading named like "Key Takeaways" / "TL;DR" / "Puntos clave", then a list.

The heading may be a real heading, a bold line or a titled box label (the page's heading-like elements), or any
short element right before the list (``<div class="label">Key Takeaways</div><ul>``). The list may be a real
list, a run of paragraphs (or of lines broken by ``<br>``) that each open with the same bullet sign ("✅ Sleep
seven hours."), or the rows of a one-column table whose header cell is the label.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from pipeline.parse.commerce import beside_shop_link
from pipeline.parse.dom import HEADING_SELECTOR, inline_text, next_element, render_blocks
from pipeline.parse.sections.common import Consumed, Heading, direct_items, element_before, following, list_in
from pipeline.parse.vocabulary import is_takeaways_heading

# How many elements may stand between the heading and its list (an intro sentence, an empty spacer), and how
# many of them may hold text.
_MAX_GAP = 3
_MAX_LEAD_BLOCKS = 1
_MAX_LABEL_CHARS = 60
# A box's label and its list are often in sibling wrappers: ``<div class="label">..</div><div><ul>``.
_MAX_LABEL_CLIMB = 2
_BULLETS = frozenset("•·‣⁃▪▫■□●○◦▸▹►▻–—-*")


@dataclass(slots=True)
class TakeawaysSection:
    heading: str
    items: list[str]


def find_takeaways(
    container: LexborNode, page_headings: list[Heading], consumed: Consumed
) -> TakeawaysSection | None:
    for heading in page_headings:
        if is_takeaways_heading(heading.text) and (section := _under(heading, consumed)):
            return section
    return _after_label(container, consumed) or _in_table(container, consumed)


def _under(heading: Heading, consumed: Consumed) -> TakeawaysSection | None:
    """The list right after the heading, or after one lead sentence; past that, what the heading introduces is
    prose ("Summary" over two paragraphs and the footnotes)."""
    lead_sentences = 0
    for gap, node in enumerate(following(heading)):
        if gap >= _MAX_GAP:
            break
        found = list_in(node)
        if found is not None and not node.css_first(HEADING_SELECTOR) and not beside_shop_link(found):
            items = [text for li in direct_items(found) if (text := inline_text(li))]
            if items:
                consumed.add(heading.node, node)  # a lead sentence in between stays in the body
                return TakeawaysSection(heading.text, items)
        if gap == 0 and (bulleted := _bulleted_paragraphs(node)):
            consumed.add(heading.node, *bulleted)
            return TakeawaysSection(heading.text, [_without_bullet(inline_text(p)) for p in bulleted])
        if gap == 0 and (lines := _bulleted_lines(node)):
            consumed.add(heading.node, node)
            return TakeawaysSection(heading.text, lines)
        if node.text().strip():
            lead_sentences += 1
            if lead_sentences > _MAX_LEAD_BLOCKS:
                break
    return None


def _after_label(container: LexborNode, consumed: Consumed) -> TakeawaysSection | None:
    """A list whose previous element is a short label named like a summary, whatever its tag."""
    for found in container.css("ul, ol"):
        label = element_before(found, _MAX_LABEL_CLIMB)
        if label is None or label.tag in ("ul", "ol") or len(label.text()) > 4 * _MAX_LABEL_CHARS:
            continue  # the raw length first: most elements before a list are paragraphs, too long to be labels
        text = inline_text(label)
        if len(text) <= _MAX_LABEL_CHARS and is_takeaways_heading(text) and not beside_shop_link(found):
            items = [item for li in direct_items(found) if (item := inline_text(li))]
            if items:
                consumed.add(label, found)
                # "TL;DR: Feed your gut bacteria.": the label is what comes before the colon.
                name, colon, _ = text.partition(":")
                return TakeawaysSection(name.strip() if colon and is_takeaways_heading(name) else text, items)
    return None


def _in_table(container: LexborNode, consumed: Consumed) -> TakeawaysSection | None:
    """A one-column table whose header cell is the label ("Key takeaways"): each row below is an item."""
    for table in container.css("table"):
        header = table.css_first("th, td")
        if header is None or header.tag != "th" or len(label := inline_text(header)) > _MAX_LABEL_CHARS:
            continue  # the header cell first: most tables are data, and their rows need not be read
        rows = [row.css("th, td") for row in table.css("tr")]
        if len(rows) >= 3 and all(len(cells) == 1 for cells in rows) and is_takeaways_heading(label):
            items = [item for cells in rows[1:] if (item := inline_text(cells[0]))]
            consumed.add(table)
            return TakeawaysSection(label, items)
    return None


def _bulleted_lines(node: LexborNode) -> list[str]:
    """The lines of one paragraph broken by ``<br>``, when each opens with the same bullet sign ("• Stretch
    the muscle.<br>• Drink water.")."""
    if node.tag != "p" or node.css_first("br") is None:
        return []
    lines = [text for text, _ in render_blocks(node)]
    if len(lines) < 2 or not _is_bullet(lines[0][0]) or any(line[0] != lines[0][0] for line in lines):
        return []
    return [_without_bullet(line) for line in lines]


def _bulleted_paragraphs(first: LexborNode) -> list[LexborNode]:
    """``first`` and the paragraphs after it, while each opens with the same bullet sign; two at least."""
    run: list[LexborNode] = []
    bullet = None
    node: LexborNode | None = first
    while node is not None and node.tag == "p":
        text = inline_text(node)
        if not text or not _is_bullet(text[0]) or (bullet is not None and text[0] != bullet):
            break
        bullet = text[0]
        run.append(node)
        node = next_element(node)
    return run if len(run) >= 2 else []


def _is_bullet(char: str) -> bool:
    """A bullet, dash, check mark or emoji; not a quote or bracket that opens a sentence."""
    return char in _BULLETS or unicodedata.category(char) == "So"


def _without_bullet(text: str) -> str:
    return text[1:].lstrip("\ufe0f ").strip()
