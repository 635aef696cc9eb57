"""What is not the article: site chrome found by tag, ARIA role, class/id vocabulary and heading words.

Matching runs in Lexbor's CSS engine (C), not in Python loops, because this runs on every page. Class/id
vocabulary is loose by nature (``has-sidebar`` on a layout wrapper, ``cookies-off`` on ``<body>``), so a match
that holds a large share of the page's text is kept: chrome is small, articles are not.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.parse.dom import HEADINGS, inline_text, next_element
from pipeline.parse.prose import Prose, measure_prose
from pipeline.parse.vocabulary import is_chrome_heading

# Never text. (Buttons stay: accordion questions live in them; the renderer skips the rest.)
JUNK_TAGS = ["script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "link",
             "select", "textarea", "input", "dialog"]

# Always chrome, whatever their size: comment threads can be longer than the article they sit under.
STRICT = ", ".join([
    "nav", '[role="navigation"]', '[role="search"]', '[role="dialog"]', '[role="alertdialog"]',
    "#comments", "#respond", "[class~=comments-area]", "[class~=comment-respond]", "[class~=comment-list]",
    "[class~=commentlist]", "#disqus_thread", "[class~=fb-comments]", "[class~=wpdiscuz_top_clearing]",
    "#wpdiscuz", "[class~=screen-reader-text]", "[class~=sr-only]", "[class~=visually-hidden]",
    "[class~=screen-reader-only]", "[class~=elementor-screen-only]", "[class~=show-for-sr]",
    "[class~=assistive-text]", "[class~=skip-link]", "ins.adsbygoogle", "[class~=adsbygoogle]",
    '[itemtype*="BreadcrumbList"]',
])

# Chrome by name, kept when it turns out to hold much of the page (a wrapper that merely mentions it).
LOOSE = ", ".join([
    "header", "footer", "aside", '[role="banner"]', '[role="contentinfo"]', '[role="complementary"]',
    "[class*=breadcrumb]", "[id*=breadcrumb]",
    "[class*=sidebar]", "[id*=sidebar]", "[class~=widget]", "[class~=widget-area]", "[class~=widgets]",
    "[class*=share-]", "[class*=-share]", "[class*=sharing]", "[class~=share]", "[class*=sharedaddy]",
    "[class*=social-]", "[class~=social]", "[class*=addtoany]", "[class~=a2a_kit]", "[class*=shariff]",
    "[class*=related-]", "[class*=related_]", "[class*=-related]", "[class~=related]", "[id*=related]",
    "[class*=relatedpost]", "[class*=yarpp]", "[class*=you-may-like]", "[class*=also-like]",
    "[class*=newsletter]", "[id*=newsletter]", "[class*=subscribe]", "[class*=mc4wp]", "[class*=optin]",
    "[class*=cookie]", "[id*=cookie]", "[class*=consent]", "[id*=consent]", "[class*=gdpr]",
    "[class*=advert]", "[id*=advert]", "[class~=ad]", "[class~=ads]", "[class*=ad-slot]", "[class*=ad-container]",
    "[class*=ad-wrapper]", "[class*=sponsor]", "[class*=promo]",
    "[class*=popup]", "[class*=modal]", "[class*=overlay]",
    "[class*=author-box]", "[class*=author-bio]", "[class*=about-author]", "[class*=author-info]",
    "[class*=saboxplugin]", "[class*=post-author]",
    "[class*=post-navigation]", "[class*=post-nav]", "[class~=nav-links]", "[class~=navigation]",
    "[class*=pagination]", "[class~=page-links]", "[class*=prev-next]",
    "[class*=to-top]", "[id*=to-top]", "[class*=totop]", "[id*=totop]", "[class*=back-top]", "[id*=back-top]",
    "[class*=scroll-top]", "[id*=scroll-top]", 'a[href="#top"]', 'a[href="#page"]',
    "[class*=menu]", "[id*=menu]", "[class~=site-header]", "[id~=masthead]", "[class~=site-footer]",
    "[id~=colophon]", "[class*=topbar]", "[class*=top-bar]",
    "[class~=toc]", "#toc", "[class*=ez-toc]", "[id*=ez-toc]", "[class*=table-of-contents]", "[class*=lwptoc]",
    "[class*=tags-links]", "[class*=cat-links]", "[class*=post-tags]", "[class*=entry-tags]", "[class~=tags]",
    "[class*=entry-meta]", "[class*=post-meta]", "[class~=byline]", "[class*=entry-footer]",
    "[class*=print-]", "[class*=rating]", "[class*=reactions]", "[class*=wp-block-latest-posts]",
])

# A loose match holding more than this share of the page's text, or of its prose, is a wrapper, not chrome.
MAX_LOOSE_SHARE = 0.35
MAX_LOOSE_PROSE_SHARE = 0.4
_NEVER_REMOVED = frozenset({"html", "body", "main"})


def remove_chrome(tree: LexborHTMLParser) -> None:
    """Strip everything that is not article content, in place, before the content container is chosen."""
    tree.strip_tags(JUNK_TAGS)
    body = tree.body
    if body is None:
        return
    for node in body.css(STRICT):
        if node.tag not in _NEVER_REMOVED:
            node.remove()
    total = len(body.text())
    limit = max(total * MAX_LOOSE_SHARE, 400)
    prose = measure_prose(body)
    for node in body.css(LOOSE):
        if (
            node.tag not in _NEVER_REMOVED
            and prose.share(node) < MAX_LOOSE_PROSE_SHARE
            and _is_attached(node)
            and len(node.text()) <= limit
        ):
            node.remove()
    _remove_chrome_blocks(body, limit)


def _is_attached(node: LexborNode) -> bool:
    """False for a node inside a subtree that an earlier match already removed."""
    parent = node.parent
    while parent is not None:
        if parent.tag == "html":
            return True
        parent = parent.parent
    return False


def _remove_chrome_blocks(body: LexborNode, limit: float) -> None:
    """'Related Articles', 'Leave a Reply', 'Share this' ...: the heading, and what it introduces."""
    for heading in body.css("h2, h3, h4, h5, h6, [class*=title], [class*=heading]"):
        if not _is_attached(heading) or not is_chrome_heading(inline_text(heading)):
            continue
        wrapper = heading.parent
        # A box that starts with the heading (heading + list of links) goes whole.
        if (
            wrapper is not None
            and wrapper.tag not in _NEVER_REMOVED
            and (first := _first_element(wrapper)) is not None
            and first.mem_id == heading.mem_id
            and len(wrapper.text()) <= min(limit, 3000)
        ):
            wrapper.remove()
            continue
        level = int(heading.tag[1]) if heading.tag in HEADINGS else 7
        sibling = next_element(heading)
        heading.remove()
        while sibling is not None and not (sibling.tag in HEADINGS and int(sibling.tag[1]) <= level):
            following = next_element(sibling)
            sibling.remove()
            sibling = following


def _first_element(node: LexborNode) -> LexborNode | None:
    child = node.child
    while child is not None and not child.is_element_node:
        child = child.next
    return child


# Hidden until clicked is how accordions keep FAQ answers, so this runs after section detection.
HIDDEN = ", ".join([
    "[hidden]", '[aria-hidden="true"]', '[style*="display:none" i]', '[style*="display: none" i]',
    '[style*="visibility:hidden" i]', '[style*="visibility: hidden" i]', "[class~=hidden]", "[class~=d-none]",
])


def remove_hidden(container: LexborNode) -> None:
    """Drop what a reader never sees, once the sections have taken their (often collapsed) content."""
    for node in container.css(HIDDEN):
        node.remove()


# Inside the article: what a human copying the text leaves out. Figures and their captions, credits, galleries,
# datelines; kept when they hold much of the article's prose (a theme that wraps the text in a figure).
INNER = ", ".join([
    "figure", "figcaption", "[class*=caption]", "[class*=credit]", "[class*=gallery]", "[class*=slideshow]",
    "[class*=carousel]", "[class*=lightbox]", "time", "[class*=byline]", "[class*=dateline]", "[class*=timestamp]",
    "[class*=published]", "[class~=date]", "[class*=-date]", "[class*=date-]", "[class*=_date]",
])
_INNER_MAX_PROSE_SHARE = 0.2
# Lists, boxes and tables whose text is mostly links: menus, teasers, "most read" inside the container.
_LINK_BLOCKS = "ul, ol, dl, div, section, aside, table, nav, header, footer, form"
_MAX_LINK_DENSITY = 0.5


def prune_container(container: LexborNode, prose: Prose) -> None:
    """Cut the chrome left inside the chosen article container (``prose`` measured over the whole body)."""
    article = prose.chars.get(container.mem_id, 0) or 1
    for node in container.css(INNER):
        if prose.chars.get(node.mem_id, 0) / article < _INNER_MAX_PROSE_SHARE:
            node.remove()
    links = _link_chars(container)
    for node in container.css(_LINK_BLOCKS):
        key = node.mem_id
        linked = links.get(key, 0)
        if not linked or prose.chars.get(key, 0) / article >= _INNER_MAX_PROSE_SHARE:
            continue
        if linked > _MAX_LINK_DENSITY * len(node.text()):
            node.remove()


def _link_chars(container: LexborNode) -> dict[int, int]:
    """Link text length under each element of the container, in one pass over its links."""
    out: dict[int, int] = {}
    stop = container.mem_id
    for link in container.css("a"):
        length = len(link.text())
        if not length:
            continue
        ancestor = link.parent
        while ancestor is not None:
            key = ancestor.mem_id
            out[key] = out.get(key, 0) + length
            if key == stop:
                break
            ancestor = ancestor.parent
    return out
