"""Find the article container and render its prose.

Scoring in the manner of readability: each block that holds real prose gives points to its parent and
grandparent; containers named like content (``<article>``, ``itemprop=articleBody``, ``entry-content``) get a
bonus, link-heavy ones a penalty. The winner then widens to its parent while the parent holds clearly more
prose, because many themes split one article over sibling wrappers.

The chosen container is then pruned of the chrome it still holds (captions, teaser lists); see ``pruning``.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from pipeline.parse.chrome import MAX_LABEL_CHARS, SENTENCE_END
from pipeline.parse.commerce import has_price
from pipeline.parse.dom import join_blocks, render_blocks
from pipeline.parse.names import PageNames, Vocabulary
from pipeline.parse.prose import Prose, link_density, measure_prose, prose_chars, text_and_links
from pipeline.parse.pruning import prune_container
from pipeline.parse.text import clean_inline
from pipeline.parse.vocabulary import (
    is_byline,
    is_byline_label,
    is_byline_part,
    is_chrome_heading,
    is_count,
    is_credit_or_copyright,
    is_date_line,
    is_disclosure,
    is_editorial_notice,
    is_inline_label,
    is_media_label,
    is_price_notice,
    is_reading_time,
    is_script_notice,
)

_HINTS = Vocabulary(
    tags='article, main, [role="main"], [itemprop="articleBody"]',
    class_parts=("entry-content", "post-content", "article-content", "article-body", "articleBody", "post-body",
                 "story-body", "td-post-content", "single-content", "main-content", "content-body", "page-content",
                 "rich-text", "text-editor"),
    class_words=("entry", "content"),
    id_parts=("article-body", "content"),
)
_HINT_BONUS = 1.25
# Where the tail of a text starts, in which a chrome label (at most ``MAX_LABEL_CHARS``) ends the article.
_TAIL_STARTS = 0.5
# How far into the text the article's header (kicker, byline lines) may reach.
_MAX_HEADER_LINES = 5
_MAX_HEADER_LINE_CHARS = 120
_MAX_CLOSING_BYLINE_CHARS = 300
# A score after its label: "Noise - 4.5", "Pressure relief4.5", "Overall 4.3/5", "Comfort 9".
_SCORE_LINE = re.compile(r"[^\W\d]\)?\s?[-–:]?\s?(?:10|\d)(?:[.,]\d)?(?:\s?/\s?(?:5|10))?$")
_MIN_FIGURE_RUN = 3
_TEMPLATE_RESIDUE = frozenset({"true", "false", "null", "undefined", "NaN", "None"})
# The winner widens to its parent while it holds less than this share of the parent's prose (page builders put
# each paragraph run of one article in its own widget).
_WIDEN_BELOW = 0.8
# Prose an article unit must hold to be read alone (one holding only the headline and byline is not the article).
_MIN_UNIT_PROSE = 120
# How many wrapper levels the widening may climb through.
_MAX_CLIMB = 6
# Link share above which what a wider ancestor adds is teasers, not more of the article.
_MAX_ADDED_LINKS = 0.2


def article_unit(body: LexborNode, title: str) -> LexborNode:
    """The article of a page that holds several: an infinite-scroll page appends the next stories, a blog theme
    lists other posts' excerpts after the post, each an ``<article>`` beside it. The one that holds the headline
    (the ``<h1>`` that reads as the page's title, else the first) is where the sections and the body are read,
    when it holds prose of its own; a page with one article is read whole."""
    units = [node for node in body.css("article") if not _inside_article(node)]
    titled = [unit for unit in units if unit.css_first("h1") is not None] if len(units) > 1 else []
    if not titled:
        return body
    folded = clean_inline(title).casefold()
    unit = next((unit for unit in titled if _headline(unit) == folded), titled[0])
    return unit if prose_chars(unit) >= _MIN_UNIT_PROSE else body


def _inside_article(node: LexborNode) -> bool:
    ancestor = node.parent
    while ancestor is not None and ancestor.tag != "body":
        if ancestor.tag == "article":
            return True
        ancestor = ancestor.parent
    return False


def _headline(unit: LexborNode) -> str:
    headline = unit.css_first("h1")
    return clean_inline(headline.text()).casefold() if headline is not None else ""


def find_content(root: LexborNode, names: PageNames, site: str | None = None) -> LexborNode | None:
    """The element under ``root`` (the page's body or its article unit) that holds the article's prose, or
    None when there is no prose at all.

    ``names`` are the page's class and id words (from chrome removal), so that only hints that can match run;
    ``site`` the page's host, when known (see ``prune_container``).
    """
    prose = measure_prose(root)
    if not prose.scores:
        return None

    hinted = {node.mem_id for node in root.css(_HINTS.selector(names))}
    ranked = sorted(prose.scores, key=prose.scores.__getitem__, reverse=True)[:8]

    def final_score(key: int) -> float:
        bonus = _HINT_BONUS if key in hinted else 1.0
        return prose.scores[key] * bonus * (1 - link_density(prose.nodes[key]))

    best = _widen(prose.nodes[max(ranked, key=final_score)], prose)
    prune_container(best, prose, names, site)
    return best


def _widen(best: LexborNode, prose: Prose) -> LexborNode:
    """Climb to the ancestor that holds the article's other parts.

    Wrappers that add no prose are passed through; an ancestor that adds much prose with few links (the other
    chunks of a split article) is taken; one that adds little, or adds teasers (headline links with a line of
    summary each), ends the climb.
    """
    node = best
    own, own_text, own_links = prose.chars[best.mem_id], *text_and_links(best)
    for _ in range(_MAX_CLIMB):
        parent = node.parent
        if parent is None or parent.tag in ("html", "body"):
            break
        held = prose.chars.get(parent.mem_id, 0)
        if held > own:
            text, links = text_and_links(parent)
            if own >= _WIDEN_BELOW * held or links - own_links > _MAX_ADDED_LINKS * (text - own_text):
                break
            best, own, own_text, own_links = parent, held, text, links
        node = parent
    return best


def remove_title(container: LexborNode, title: str) -> None:
    """The headline is a record field, not body text: drop headings that repeat it."""
    if not title:
        return
    folded = clean_inline(title).casefold()
    for heading in container.css("h1, h2"):
        text = clean_inline(heading.text()).casefold()
        if text == folded or (heading.tag == "h1" and len(text) > 10 and (text in folded or folded in text)):
            heading.remove()


def body_text(container: LexborNode) -> str:
    """Paragraphs and sub-headings in reading order, separated by a blank line.

    A line that names a chrome block ("You may also like", "More in Sports") in the second half of the text is
    where the article ended and the teasers began, whatever markup the theme gave them: the text stops there.
    """
    blocks = _without_figure_runs([(text, item) for text, item in render_blocks(container) if not _is_residue(text)])
    # An affiliate disclosure or a disclaimer opens or closes the text, never stands in its middle.
    blocks = blocks[_header_lines(blocks):]
    # Nor do the lines that close some articles: who reviewed or updated it, and when.
    while blocks and (is_disclosure(blocks[-1][0]) or _is_closing_byline(blocks[-1][0])):
        blocks = blocks[:-1]
    total = sum(len(text) for text, _ in blocks)
    seen = 0
    for index, (text, _) in enumerate(blocks):
        if seen > total * _TAIL_STARTS and len(text) <= MAX_LABEL_CHARS and is_chrome_heading(text):
            blocks = blocks[:index]
            break
        seen += len(text)
    return join_blocks(blocks)


def _without_figure_runs(blocks: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Drop runs of three or more short lines that are each a price or a score ("Current $99.95", "Noise -
    4.5", "Value 9.5"): a product's score box, price history or deal, whatever its markup. A line of prose
    between them ends the run."""
    kept: list[tuple[str, bool]] = []
    run: list[tuple[str, bool]] = []
    for block in blocks:
        if _is_figure_line(block[0]):
            run.append(block)
            continue
        if len(run) < _MIN_FIGURE_RUN:
            kept.extend(run)
        run = []
        kept.append(block)
    if len(run) < _MIN_FIGURE_RUN:
        kept.extend(run)
    return kept


def _is_figure_line(text: str) -> bool:
    if not text or len(text) > MAX_LABEL_CHARS or text.endswith(SENTENCE_END):
        return False
    # A score ends the line with its digit; only such lines are searched for one.
    return has_price(text) or (text[-1].isdigit() and _SCORE_LINE.search(text) is not None)


def _header_lines(blocks: list[tuple[str, bool]]) -> int:
    """How many of the first lines are the article's header left in the container: short lines that are no
    sentences (a section kicker, "By Ana Ruiz", "Medically reviewed by Dr. Lee, MD"), up to the last that is a
    byline part or a disclosure. A byline part on a line of its own only counts here, where it opens the text."""
    header = 0
    for index, (text, _) in enumerate(blocks[:_MAX_HEADER_LINES]):
        if is_disclosure(text):
            header = index + 1
        elif text.endswith(SENTENCE_END) or len(text) > _MAX_HEADER_LINE_CHARS:
            break
        elif is_byline_part(text):
            header = index + 1
        elif len(text) > MAX_LABEL_CHARS:
            break
    return header


def _is_closing_byline(text: str) -> bool:
    """"Review Date 1/23/2024", "Updated by: Jesse Borke, MD, ...", "Also reviewed by ...": short, no sentence."""
    return len(text) <= _MAX_CLOSING_BYLINE_CHARS and (is_byline(text) or is_byline_label(text.split(":")[0]))


def _is_residue(text: str) -> bool:
    """Ad and teaser labels, reading times, counts of claps or views, byline and date lines, a publisher's
    notice of its editorial standards, a shop widget's price notice, the title line of a stripped video, picture
    credits and copyright lines, and template values that leaked into the page."""
    return text in _TEMPLATE_RESIDUE or (
        len(text) <= MAX_LABEL_CHARS and (is_inline_label(text) or is_reading_time(text) or is_count(text))
    ) or is_byline(text) or is_date_line(text) or is_editorial_notice(text) or is_credit_or_copyright(text) or (
        is_script_notice(text) or is_price_notice(text) or is_media_label(text)
    )
