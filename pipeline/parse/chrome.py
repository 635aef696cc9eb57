"""What is not the article: site chrome found by tag, ARIA role, class/id vocabulary and heading words.

All matching runs in Lexbor's CSS engine (C), with only the class/id words that occur on the page (``names``):
a hundred ``[class*=..]`` selectors would each walk the whole tree. Class/id vocabulary is loose by nature
(``has-sidebar`` on a layout wrapper, ``cookies-off`` on ``<body>``), so a match that holds a large share of
the page's text, or of its prose, is kept: chrome is small, articles are not.
"""

from __future__ import annotations

from itertools import islice

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.parse.dom import HEADINGS, children, heading_level, next_element, select
from pipeline.parse.names import PageNames, Vocabulary
from pipeline.parse.prose import prose_chars
from pipeline.parse.text import clean_inline
from pipeline.parse.vocabulary import is_chrome_heading, is_jump_link_text, is_takeaways_heading

# Never text. (Buttons stay: accordion questions live in them; the renderer skips the rest.)
JUNK_TAGS = ["script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "link",
             "select", "textarea", "input", "dialog"]

# Chrome by tag and ARIA role, found in one walk (a selector per role value would cost a walk's worth each).
# Strict is always chrome, whatever its size: comment threads can be longer than the article they sit under.
# Loose is kept when it turns out to hold much of the page (a theme that puts the article inside <header>).
# (A <form> is loose: sign-up and search boxes are forms, but some old sites wrap the whole page in one.)
_TAG_OR_ROLE = ('nav, header, footer, aside, form, a[href="#top"], a[href="#page"], [role], '
                '[itemtype*="BreadcrumbList"]')
STRICT_ROLES = frozenset({"navigation", "search", "dialog", "alertdialog"})
LOOSE_TAGS = frozenset({"header", "footer", "aside", "form"})
LOOSE_ROLES = frozenset({"banner", "contentinfo", "complementary"})
_TOP_LINKS = frozenset({"#top", "#page"})

STRICT_NAMES = Vocabulary(
    class_words=("comments-area", "comment-respond", "comment-list", "commentlist", "fb-comments",
                 "wpdiscuz_top_clearing", "elementor-screen-only", "show-for-sr", "assistive-text", "skip-link",
                 "adsbygoogle"),
    # Screen-reader-only text, also under a framework's prefix ("nhsuk-u-visually-hidden", "govuk-visually-hidden").
    class_parts=("screen-reader-text", "sr-only", "visually-hidden", "screen-reader-only"),
    id_words=("comments", "respond", "disqus_thread", "wpdiscuz"),
)

# Chrome by name, kept when it turns out to hold much of the page (a wrapper that merely mentions it).
LOOSE_NAMES = Vocabulary(
    class_parts=(
        "breadcrumb", "sidebar", "share-", "-share", "sharing", "sharedaddy", "social-", "addtoany", "shariff",
        "related-", "related_", "-related", "relatedpost", "yarpp", "you-may-like", "also-like", "newsletter",
        "subscri", "mc4wp", "optin", "cookie", "consent", "gdpr", "advert", "sponsor", "promo", "popup", "modal",
        "overlay", "author-box", "author-bio", "about-author",
        "author-info", "saboxplugin", "post-author", "post-navigation", "post-nav", "pagination", "prev-next",
        "to-top", "totop", "back-top", "scroll-top", "menu", "topbar", "top-bar", "ez-toc", "table-of-contents",
        "lwptoc", "tags-links", "cat-links", "post-tags", "entry-tags", "entry-meta", "post-meta", "entry-footer",
        "print-", "rating", "reactions", "wp-block-latest-posts", "wp-block-query", "elementor-posts",
        "disclosure", "affiliate-box", "affiliate-product", "aawp", "amazon-product", "product-box", "lasso-",
        "reading-time", "read-time", "product-card", "rater", "yasr", "kk-star", "post-ratings",
    ),
    class_words=("widget", "widget-area", "widgets", "share", "social", "a2a_kit", "related",
                 "nav-links", "navigation", "page-links", "site-header", "site-footer", "toc", "tags", "byline"),
    # An ad slot's class names it in one segment: "ad-mobile", "breaker-ad", "mntl-adslot" (not "head", "load").
    class_segments=("ad", "ads", "adslot", "adunit", "dfp"),
    id_parts=("breadcrumb", "sidebar", "related", "newsletter", "cookie", "consent", "advert", "to-top", "totop",
              "back-top", "scroll-top", "menu", "ez-toc", "share", "sharing", "social", "subscri", "promo", "sponsor",
              "popup", "modal", "author-bio", "author-box", "disclaimer"),
    id_words=("masthead", "colophon", "toc"),
)

# A call to action's box ("hs-cta-wrapper", "donate-cta", "wprm-call-to-action"): chrome, but its button alone
# is left, so that the card around it can still be told by its link.
CALL_TO_ACTION = Vocabulary(class_parts=("call-to-action",), class_segments=("cta",))

_LABEL_NAMES = ("title", "header", "heading", "label")
SENTENCE_END = (".", "!", "?")
"""How a sentence ends, and a label does not."""
MAX_LABEL_CHARS = 60
"""Longest label of a box ("Related coverage", "Sponsored")."""
_MAX_BOX_CHILDREN = 2
# The most text a sign-up box holds: its heading, a line of pitch and the form's labels; and after the form,
# its small print (terms, how the address is used).
_MAX_SIGN_UP_CHARS = 400
_MAX_SMALL_PRINT_CHARS = 800
# A loose match holding more than this share of the page's text, or of its prose, is a wrapper, not chrome.
MAX_LOOSE_SHARE = 0.35
MAX_LOOSE_PROSE_SHARE = 0.4
_NEVER_REMOVED = frozenset({"html", "body", "main"})


def remove_chrome(tree: LexborHTMLParser) -> PageNames:
    """Strip everything that is not article content, in place, before the content container is chosen.

    Tags and roles go first: menus, headers and sidebars are most of a page's elements, and every later query
    walks fewer of them. Returns the class and id words of what is left, for the section detectors.
    """
    tree.strip_tags(JUNK_TAGS)
    body = tree.body
    if body is None:
        return PageNames.empty()
    total = len(body.text())
    limit = max(total * MAX_LOOSE_SHARE, 400)
    # Only a match with that much text can hold that much prose: the others need no prose count.
    prose_floor = MAX_LOOSE_PROSE_SHARE * prose_chars(body)

    def remove_loose(nodes: list[LexborNode]) -> None:
        for node in nodes:
            tag = node.tag
            if tag in _NEVER_REMOVED or (tag == "a" and _in_running_text(node)) or (
                tag == "aside" and _is_summary_box(node)
            ):
                continue
            length = len(node.text())
            if length > limit or (length >= prose_floor and prose_chars(node) >= prose_floor):
                continue
            if node.tag == "form":
                _sign_up_box(node).remove()  # the box's own label goes with it
            elif node.tag == "header" and (heading := _entry_heading(node)) is not None:
                _keep_only(node, heading)
            else:
                _remove_with_its_label(node)

    def remove_strict(nodes: list[LexborNode]) -> None:
        for node in nodes:
            if node.tag not in _NEVER_REMOVED:
                node.remove()

    strict, loose = _by_tag_or_role(body)
    remove_strict(strict)
    remove_loose(loose)
    names = PageNames.of(body)
    if strict_names := STRICT_NAMES.selector(names):
        remove_strict(select(body, strict_names))
    if loose_names := LOOSE_NAMES.selector(names):
        remove_loose(select(body, loose_names))
    if boxes := CALL_TO_ACTION.selector(names):
        # The box, not its button: a card keeps its link for pruning to see what it is.
        remove_loose([node for node in select(body, boxes) if node.tag not in ("a", "button")])
    _remove_chrome_blocks(body, limit)
    _remove_jump_links(body)
    return names


def _is_summary_box(node: LexborNode) -> bool:
    """An ``<aside>`` that opens with a summary heading ("At a glance", "Key takeaways"): the editor's box for the
    article's takeaways, not a sidebar."""
    first = next(children(node), None)
    return first is not None and first.tag in HEADINGS and is_takeaways_heading(clean_inline(first.text()))


def _entry_heading(header: LexborNode) -> LexborNode | None:
    """The sub-heading in the header of an entry inside an article (a live blog's update, a section): that
    header is the entry's title and meta, not the site's header."""
    ancestor = header.parent
    while ancestor is not None and ancestor.tag not in _NEVER_REMOVED:
        if ancestor.tag == "article":
            return header.css_first("h2, h3, h4, h5, h6")
        ancestor = ancestor.parent
    return None


def _keep_only(header: LexborNode, heading: LexborNode) -> None:
    """Remove what the header holds besides the heading (authors, times, share links)."""
    for child in list(children(header)):
        if child.mem_id != heading.mem_id and child.css_first("h2, h3, h4, h5, h6") is None:
            child.remove()


def _remove_with_its_label(node: LexborNode) -> None:
    """Remove the node; a small box that it leaves holding only a label ("Related coverage" over a removed
    list of teasers, "Advertisement" over a removed slot) goes too, up through wrappers left empty."""
    parent = node.parent
    node.remove()
    for _ in range(_MAX_BOX_CLIMB + 2):
        if parent is None or parent.tag in _NEVER_REMOVED or parent.tag == "article":
            return
        if next(islice(children(parent), _MAX_BOX_CHILDREN, None), None) is not None:
            return  # a wrapper of many blocks, not a small box (and its text is costly to build)
        left = parent.text().strip()
        if len(left) > MAX_LABEL_CHARS:
            return  # the box still holds text of its own
        if left:
            holding = [child for child in children(parent) if child.text().strip()]
            if len(holding) == 1 and _is_label_of(holding[0], left):
                parent.remove()
            return
        parent = parent.parent


def _is_label_of(node: LexborNode, box_text: str) -> bool:
    """A short heading or titled element that is all the box holds: a label left without what it named."""
    text = node.text().strip()
    if text != box_text or text.endswith(SENTENCE_END):
        return False
    if node.tag in HEADINGS:
        return True
    names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()
    return any(word in names for word in _LABEL_NAMES)


def _sign_up_box(form: LexborNode) -> LexborNode:
    """The small box around a form, with the heading and pitch that sell it ("Join our newsletter") and the
    small print under it ("By signing up you agree ...", how the address will be used)."""
    box = form
    parent = form.parent
    while parent is not None and parent.tag not in _NEVER_REMOVED and parent.tag != "article":
        before, after = _text_around(parent, box)
        if before + len(box.text()) > _MAX_SIGN_UP_CHARS or after > _MAX_SMALL_PRINT_CHARS:
            break
        box, parent = parent, parent.parent
    return box


def _text_around(parent: LexborNode, child: LexborNode) -> tuple[int, int]:
    """Characters of the parent's text before the child, and after it."""
    before = after = 0
    seen = False
    for node in parent.iter(include_text=True):
        if node.mem_id == child.mem_id:
            seen = True
        elif seen:
            after += len(node.text())
        else:
            before += len(node.text())
    return before, after


def _in_running_text(link: LexborNode) -> bool:
    """A link inside a paragraph or list item: its words belong to the sentence, whatever its class says
    (``<a class="affiliate-link">``, ``<a class="promo">``)."""
    parent = link.parent
    return parent is not None and parent.tag in ("p", "li")


def _by_tag_or_role(body: LexborNode) -> tuple[list[LexborNode], list[LexborNode]]:
    """Strict and loose chrome by tag, ARIA role and breadcrumb microdata, in document order."""
    strict, loose = [], []
    for node in select(body, _TAG_OR_ROLE):
        tag, attributes = node.tag, node.attributes
        role = attributes.get("role")
        if tag == "nav" or role in STRICT_ROLES or "BreadcrumbList" in (attributes.get("itemtype") or ""):
            strict.append(node)
        elif tag in LOOSE_TAGS or role in LOOSE_ROLES or (tag == "a" and attributes.get("href") in _TOP_LINKS):
            loose.append(node)
    return strict, loose


def _is_attached(node: LexborNode) -> bool:
    """False for a node inside a subtree that an earlier match already removed."""
    parent = node.parent
    while parent is not None:
        if parent.tag == "html":
            return True
        parent = parent.parent
    return False


# Longest text (markup whitespace included) a chrome heading's element can hold.
_MAX_CHROME_HEADING_CHARS = 300
_CHROME_HEADING_CANDIDATES = ("h2, h3, h4, h5, h6, [class*=title], [class*=heading], div > b:first-child, "
                              "div > strong:first-child, td > b:first-child, td > strong:first-child")
MAX_CHROME_BOX_CHARS = 3000
_MAX_BOX_CLIMB = 3


def _remove_chrome_blocks(body: LexborNode, limit: float) -> None:
    """'Related Articles', 'Leave a Reply', 'Share this' ...: the heading, and what it introduces."""
    # Real headings, title-like elements, and the bold line that opens a box in hand-written markup.
    for heading in select(body, _CHROME_HEADING_CANDIDATES):
        # Cheapest test first: a chrome heading is a short label; most candidates are titled wrappers or prose.
        text = heading.text()
        if len(text) > _MAX_CHROME_HEADING_CHARS or not is_chrome_heading(clean_inline(text)):
            continue
        if not _is_attached(heading):
            continue
        # A box that starts with the heading (heading + list of links) goes whole, and so does the box around
        # a header that holds the heading.
        if (box := box_opened_by(heading, min(limit, MAX_CHROME_BOX_CHARS))) is not None:
            box.remove()
            continue
        level = heading_level(heading)
        introduced = []
        sibling = next_element(heading)
        while sibling is not None and not (sibling.tag in HEADINGS and heading_level(sibling) <= level):
            introduced.append(sibling)
            sibling = next_element(sibling)
        heading.remove()
        # What a chrome heading introduces is small; a long run after it is the article itself.
        if sum(len(node.text()) for node in introduced) <= limit:
            for node in introduced:
                node.remove()


def box_opened_by(heading: LexborNode, max_chars: float) -> LexborNode | None:
    """The largest small wrapper, up to three levels up, whose first element is the heading (or the wrapper
    that holds it)."""
    box = None
    node = heading
    for _ in range(_MAX_BOX_CLIMB):
        wrapper = node.parent
        if wrapper is None or wrapper.tag in _NEVER_REMOVED:
            break
        first = next(children(wrapper), None)
        if first is None or first.mem_id != node.mem_id or len(wrapper.text()) > max_chars:
            break
        box = node = wrapper
    return box


def _remove_jump_links(body: LexborNode) -> None:
    """'Back to top ↑', 'Nach oben', 'Volver arriba': in-page links back up, whatever their class says."""
    for link in body.css('a[href^="#"]'):
        if is_jump_link_text(link.text()):
            parent = link.parent
            link.remove()
            # A paragraph that held only the link would render as an empty block: drop it too.
            if parent is not None and parent.tag not in _NEVER_REMOVED and not parent.text().strip():
                parent.remove()


# Hidden until clicked is how accordions keep FAQ answers, so this runs after section detection.
HIDDEN = ", ".join([
    "[hidden]", '[aria-hidden="true"]', '[style*="display:none" i]', '[style*="display: none" i]',
    '[style*="visibility:hidden" i]', '[style*="visibility: hidden" i]', "[class~=hidden]", "[class~=d-none]",
])


def remove_hidden(container: LexborNode) -> None:
    """Drop what a reader never sees, once the sections have taken their (often collapsed) content."""
    for node in container.css(HIDDEN):
        node.remove()
