"""What is cut inside the chosen article container: the chrome a theme puts between the paragraphs.

Captions, credits and datelines; lists and boxes that are mostly links (menus, "most read", related posts),
with the label over them; "Read also: <link>" lines; link cards; small boxes under a chrome label ("Sponsored").
A list of links that leave the site and read like citations is the article's references, and stays.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from pipeline.parse.chrome import MAX_CHROME_BOX_CHARS, MAX_LABEL_CHARS, SENTENCE_END, box_opened_by
from pipeline.parse.commerce import holds_shop_link, is_shop_link
from pipeline.parse.dom import HEADINGS, children, is_bold_line, next_element, previous_element, select, sum_up
from pipeline.parse.names import PageNames, Vocabulary
from pipeline.parse.prose import Prose
from pipeline.parse.text import clean_inline
from pipeline.parse.vocabulary import is_chrome_heading, is_inline_label, is_sign_up_call, is_sign_up_pitch

# Inside the article: what a human copying the text leaves out. Figures and their captions, credits, galleries,
# datelines; kept when they hold much of the article's prose (a theme that wraps the text in a figure).
INNER = Vocabulary(
    # React and site builders mark captions in data attributes ("imageViewer-caption", "photo-caption").
    tags='figure, figcaption, time, [data-testid*="caption" i], [data-hook*="caption" i]',
    class_parts=("caption", "credit", "gallery", "slideshow", "carousel", "lightbox", "byline", "dateline",
                 "timestamp", "published", "-date", "date-", "_date"),
    class_words=("date",),
)
_INNER_MAX_PROSE_SHARE = 0.2
# Lists, boxes and tables whose text is mostly links: menus, teasers, "most read" inside the container.
_LINK_BLOCKS = "ul, ol, dl, div, section, aside, table, nav, header, footer, form"
_MAX_LINK_DENSITY = 0.5
_MAX_TEASER_CHARS = 300
_SCHOLARLY_LINK = re.compile(r"doi\.org/|/doi/|pubmed|ncbi\.nlm\.nih\.gov", re.IGNORECASE)
_CITATION = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\bdoi\b|\bet al\b|\bpmid\b|\bretrieved\b", re.IGNORECASE)
_CARD_BLOCKS = "a > div, a > p, a > h2, a > h3, a > h4, a > ul"
# Only broken markup puts much of an article inside one link, or in a box with one call to action.
_MAX_CARD_PROSE_SHARE = 0.5
# A promotion card: a small box, one short call-to-action link, no list or table, no sentence.
_CARD_BOXES = frozenset({"div", "section", "aside"})
_MAX_CARD_CHARS = 250
_MAX_SIGN_UP_BOX_CHARS = 600
_MAX_CTA_CHARS = 40
# A poll or a feedback box: two or more buttons in a small box, found up to two levels above a button.
_MIN_CHOICES = 2
_MAX_CHOICE_CLIMB = 2
_MAX_CHOICE_BOX_CHARS = 300
_NOT_IN_CARDS = "ul, ol, table, blockquote"
_RUNNING_TEXT = frozenset({"p", "li", "span", "em", "strong", "b", "i", "td", "dd"})
# A sentence ends before a capital letter or at the end ("72 oz. jar" has an abbreviation, not an end).
_SENTENCE_END_INSIDE = re.compile(r"[.!?…](?:\s+[A-ZÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄÖÜÇÑ]|$)")


def prune_container(container: LexborNode, prose: Prose, names: PageNames, site: str | None = None) -> None:
    """Cut the chrome left inside the chosen article container (``prose`` measured over the whole body).

    ``site`` is the page's host, when known: a list of links to other sites (the article's references) is
    kept, where a list of links into the site (related posts, a menu) goes.
    """
    article = prose.chars.get(container.mem_id, 0) or 1
    for node in select(container, INNER.selector(names)):
        if prose.chars.get(node.mem_id, 0) / article < _INNER_MAX_PROSE_SHARE and not _holds_table(node):
            node.remove()
    links = _link_chars(container)
    for node in container.css(_LINK_BLOCKS):
        key = node.mem_id
        if not (linked := links.get(key, 0)):
            continue
        held = prose.chars.get(key, 0)
        if held / article < _INNER_MAX_PROSE_SHARE:
            text = node.text()
            if linked > _MAX_LINK_DENSITY * _visible_length(text) and not _cites_elsewhere(node, site):
                label = _label_of(node)
                node.remove()
                if label is not None:
                    label.remove()
                continue
        elif held <= _MAX_SIGN_UP_BOX_CHARS and held / article < _MAX_CARD_PROSE_SHARE:
            text = node.text()  # a short article: a card may hold much of its prose
        else:
            continue
        if _is_promo_card(node, text):
            node.remove()
    for paragraph in container.css("p"):
        if (linked := links.get(paragraph.mem_id, 0)) and (
            _is_teaser(text := paragraph.text(), linked) or _is_button(paragraph, text, linked)
            or _is_jump_menu(paragraph, text, linked)
        ):
            paragraph.remove()
        elif (box := _labelled_box(paragraph, links)) is not None:
            box.remove()
    for button in container.css("button"):
        if (box := _choice_box(button)) is not None:
            box.remove()
    # A link around whole blocks is a card pointing elsewhere ("blog card": title, snippet, thumbnail).
    for card in {block.parent.mem_id: block.parent for block in container.css(_CARD_BLOCKS)}.values():
        if prose.chars.get(card.mem_id, 0) / article < _MAX_CARD_PROSE_SHARE:
            card.remove()


def _holds_table(node: LexborNode) -> bool:
    """A figure around a data table (every table the block editor makes): the table is the article's, only its
    caption goes."""
    return node.tag == "figure" and node.css_first("table") is not None


def _choice_box(button: LexborNode) -> LexborNode | None:
    """The small box around a row of buttons (a poll, "Was this helpful? Yes / No"): a question for the reader,
    not the article's text. (Accordion questions sit in buttons too; the FAQ took them before pruning.)"""
    box = button.parent
    for _ in range(_MAX_CHOICE_CLIMB):
        if box is None or box.tag not in _CARD_BOXES or _visible_length(box.text()) > _MAX_CHOICE_BOX_CHARS:
            return None
        if len(box.css("button")) >= _MIN_CHOICES:
            return box
        box = box.parent
    return None


def _is_promo_card(node: LexborNode, text: str) -> bool:
    """A small box of short lines and one call to action ("Save on atorvastatin / $12.50 with free coupon / Get
    free coupon", "Care at Mayo Clinic / ... / Start Here"): an offer or a product card, not prose. The link
    stands on its own, not inside a sentence, and no line around it ends like a sentence, unless the link is a
    sign-up call ("Sign Me Up") or the box promises the reader's inbox: then the box is a newsletter pitch."""
    if node.tag not in _CARD_BOXES or (length := _visible_length(text)) > _MAX_SIGN_UP_BOX_CHARS:
        return False
    links = node.css("a[href]")
    if not links or node.css_first(_NOT_IN_CARDS) is not None:
        return False
    if len(links) > 1:
        # A showcase of one product ("Check price on Amazon", "See at Walmart"): every link sells it.
        return length <= _MAX_CARD_CHARS and all(is_shop_link(link) for link in links)
    link = links[0]
    label = clean_inline(link.text())
    holder = link.parent
    if not label or len(label) > _MAX_CTA_CHARS or holder is None:
        return False
    if holder.tag in _RUNNING_TEXT and clean_inline(holder.text()) != label:
        return False  # a link inside a sentence
    if is_sign_up_call(label) or is_sign_up_pitch(text):
        return True  # a sign-up pitch may run to sentences ("Get our best tips ... straight to your inbox.")
    rest = clean_inline(text.replace(link.text(), " ", 1))
    return length <= _MAX_CARD_CHARS and bool(rest) and _SENTENCE_END_INSIDE.search(rest) is None


def _label_of(block: LexborNode) -> LexborNode | None:
    """The short heading or label right before a block, when it introduces nothing else ("Related coverage"
    over a list of links): it goes with the block instead of standing alone in the body."""
    label = previous_element(block)
    if label is None or not (label.tag in HEADINGS or label.tag in ("div", "p")) or len(label.text()) > MAX_LABEL_CHARS:
        return None
    if label.tag == "p" and not is_bold_line(label):
        return None  # a paragraph labels a block only when it is a bold line ("<p><b>Table of Contents</b></p>")
    after = next_element(block)
    if after is not None and after.tag not in HEADINGS:
        return None
    text = clean_inline(label.text())
    return label if text and not text.endswith(SENTENCE_END) else None


def _cites_elsewhere(node: LexborNode, site: str | None) -> bool:
    """A list of references: its links mostly leave the site, and its items read like citations (a year, a DOI,
    "et al."). Shop links and a sister site's teasers leave the site too, but do not read like that."""
    if site is None or node.tag not in ("ol", "ul"):
        return False
    hosts = [_host(link.attributes.get("href") or "") for link in node.css("a[href]")]
    elsewhere = sum(1 for host in hosts if host and not _same_site(host, site))
    if elsewhere * 3 < len(hosts) * 2:
        return False
    items = [child for child in children(node) if child.tag == "li"]
    cited = sum(1 for item in items if _reads_like_citation(item))
    return cited * 2 >= len(items) > 0


def site_host(url: str | None) -> str | None:
    """A URL's host without 'www.', to tell the site's own links from links elsewhere."""
    return _host(url or "") or None


def _reads_like_citation(item: LexborNode) -> bool:
    return bool(_CITATION.search(item.text())) or any(
        _SCHOLARLY_LINK.search(link.attributes.get("href") or "") for link in item.css("a[href]")
    )


def _same_site(host: str, site: str) -> bool:
    """One host under the other ("markets.example.com" and "example.com"), or the same."""
    return host == site or host.endswith("." + site) or site.endswith("." + host)


def _host(href: str) -> str:
    """The host of an absolute link, without 'www.'; '' for a relative link (the site itself) or a broken one."""
    if not href.startswith(("http://", "https://", "//")):
        return ""
    try:
        host = urlsplit(href).hostname or ""
    except ValueError:  # an unclosed IPv6 bracket and the like
        return ""
    return host.removeprefix("www.")


def _labelled_box(paragraph: LexborNode, links: dict[int, int]) -> LexborNode | None:
    """A small box of links whose first line is a chrome label: 'Sponsored' over an ad, 'Related' over teasers.
    (Only the first paragraph of a wrapper with links has its text read.)"""
    wrapper = paragraph.parent
    if wrapper is None or not links.get(wrapper.mem_id) or previous_element(paragraph) is not None:
        return None
    text = paragraph.text()
    if len(text) > MAX_LABEL_CHARS or not is_chrome_heading(clean_inline(text)):
        return None
    return box_opened_by(paragraph, MAX_CHROME_BOX_CHARS)


def _is_button(paragraph: LexborNode, text: str, linked: int) -> bool:
    """A paragraph that is only a link labelled like chrome ("Share", "Subscribe now"), or one that sells
    ("Check Price on Amazon")."""
    if len(text) > MAX_LABEL_CHARS or linked < _visible_length(text.strip()):
        return False
    label = clean_inline(text)
    return is_chrome_heading(label) or is_sign_up_call(label) or holds_shop_link(paragraph)


def _is_jump_menu(paragraph: LexborNode, text: str, linked: int) -> bool:
    """'Jump to: Best overall | Best budget | FAQ': a line of links to places on the same page."""
    if linked < _MAX_LINK_DENSITY * _visible_length(text):
        return False
    links = paragraph.css("a[href]")
    return len(links) >= 2 and all((link.attributes.get("href") or "").startswith("#") for link in links)


def _is_teaser(text: str, linked: int) -> bool:
    """'Read also: <a>Ten foods rich in iron</a>', 'Lee también: <a>...</a>': a label, then mostly a link."""
    if len(text) > _MAX_TEASER_CHARS:
        return False
    label, colon, rest = text.partition(":")
    return bool(colon) and is_inline_label(label) and linked >= _MAX_LINK_DENSITY * len(rest.strip())


def _link_chars(container: LexborNode) -> dict[int, int]:
    """Link text length under each element of the container, in one pass over its links."""
    linked = []
    for link in container.css("a"):
        if (length := _visible_length(link.text())) and (parent := link.parent) is not None and (
            link.mem_id != container.mem_id
        ):
            linked.append((parent, length))
    return sum_up(linked, last=container.mem_id).totals


def _visible_length(text: str) -> int:
    """Characters as a reader sees them: the markup's indentation and line breaks folded to single spaces (an
    indented list of links would otherwise count as half whitespace)."""
    if text.isprintable() and "  " not in text:
        return len(text)  # nothing to fold: the common case, without building a new string
    return len(" ".join(text.split()))
