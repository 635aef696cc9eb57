"""Shop links and the boxes around them: what affiliate and review sites put between an article's paragraphs.

A product box, a price button or a deal card is told by its links: marked sponsored, sent through an affiliate
redirect, or pointing at a store. The section detectors use it to leave such boxes out of steps and summaries,
pruning to cut them from the body.
"""

from __future__ import annotations

import re
from itertools import islice

from selectolax.lexbor import LexborNode

from pipeline.parse.dom import children

# A link that sells: marked as paid, or sent through an affiliate redirect or to a store's product page. (Read
# in Python: a selector list this long costs more to parse on every query than the few links of a box.)
_SHOP_HREF = re.compile(r"/go/|/recommends/|/refer/|amzn\.to|amazon\.|/dp/|[?&]tag=")
# A price as a shop writes it: "$12.50", "€ 39,99", "39,99 €", "£8".
_PRICE = re.compile(r"[$€£¥]\s?\d|\d(?:[.,]\d{2})?\s?(?:€|EUR|USD)\b")
_CURRENCY_SIGNS = ("$", "€", "£", "¥", "EUR", "USD")
# How far up from a list or a card the box that sells is looked for, and how much text that box may hold.
_MAX_CLIMB = 3
_MAX_BOX_CHILDREN = 12
_MAX_BOX_CHARS = 1500


def is_shop_link(link: LexborNode) -> bool:
    attributes = link.attributes
    return "sponsored" in (attributes.get("rel") or "") or _SHOP_HREF.search(attributes.get("href") or "") is not None


def shop_links(node: LexborNode) -> int:
    """How many of the links under the node sell."""
    return sum(1 for link in node.css("a") if is_shop_link(link))


def has_price(text: str) -> bool:
    return any(sign in text for sign in _CURRENCY_SIGNS) and _PRICE.search(text) is not None


def holds_shop_link(node: LexborNode) -> bool:
    return any(is_shop_link(link) for link in node.css("a"))


def beside_shop_link(node: LexborNode) -> bool:
    """A small box around the node, up to three levels up, holds a shop link outside it: the node is part of a
    product card or a deal ("Highlights" over a deal's features, next to "Shop now"). Links inside the node,
    in the author's own sentences, do not count."""
    inside: int | None = None
    box = node.parent
    for _ in range(_MAX_CLIMB):
        if box is None or box.tag in ("body", "html", "article", "main") or not _is_small(box):
            return False
        if inside is None:
            inside = shop_links(node)
        if shop_links(box) > inside:
            return True
        box = box.parent
    return False


def _is_small(box: LexborNode) -> bool:
    """A card-sized box: a few blocks (counted first, as a large wrapper's text is costly to build) and little
    text."""
    return next(islice(children(box), _MAX_BOX_CHILDREN, None), None) is None and len(box.text()) <= _MAX_BOX_CHARS
