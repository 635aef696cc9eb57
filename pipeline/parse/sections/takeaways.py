"""The summary list: a heading named like "Key Takeaways" / "TL;DR" / "Puntos clave", then a list."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from pipeline.parse.dom import HEADING_SELECTOR, inline_text
from pipeline.parse.sections.common import Consumed, Heading, direct_items, following
from pipeline.parse.vocabulary import is_takeaways_heading

# How many elements may stand between the heading and its list (an intro sentence, an empty spacer).
_MAX_GAP = 3


@dataclass(slots=True)
class TakeawaysSection:
    heading: str
    items: list[str]


def find_takeaways(page_headings: list[Heading], consumed: Consumed) -> TakeawaysSection | None:
    for heading in page_headings:
        if not is_takeaways_heading(heading.text):
            continue
        between: list[LexborNode] = []
        for node in following(heading):
            found = node if node.tag in ("ul", "ol") else node.css_first("ul, ol")
            if found is not None and not node.css_first(HEADING_SELECTOR):
                items = [text for li in direct_items(found) if (text := inline_text(li))]
                if items:
                    consumed.add(heading.node, *between, node)
                    return TakeawaysSection(heading.text, items)
            between.append(node)
            if len(between) >= _MAX_GAP:
                break
    return None
