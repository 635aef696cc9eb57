"""Article metadata from what the page declares: JSON-LD, Open Graph and other ``<meta>``, ``<title>``, ``<time>``.

Declared structured data wins over scraped text because it is what the publisher meant; the visible ``<h1>``
wins for the title because it is what the reader sees (``<title>`` usually carries " - Site Name").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.parse.dates import iso_date
from pipeline.parse.dom import next_element
from pipeline.parse.structured import ARTICLE_TYPES, as_list, nodes_of_type, text_value
from pipeline.parse.text import clean_inline
from pipeline.parse.vocabulary import is_byline_part, is_chrome_heading


@dataclass(slots=True)
class Metadata:
    title: str = ""
    site_name: str | None = None
    language: str | None = None
    author: str | None = None
    published_at: str | None = None
    modified_at: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


# " - ", " | ", " – ", " — ", " :: ", " · ", " » ": what CMSs put between headline and site name in <title>.
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—·•»:]|::)\s+")
# An <h1> of fewer words is more likely the site's logo or a section name than a headline.
_MIN_HEADLINE_WORDS = 4
_TITLE_SEPARATOR_MARKS = (":", "-", "|", "–", "—")


# The elements most fields come from, found in one walk of the tree. <meta> anywhere: an element the head may
# not hold (an <img> in a <noscript>, a stray <div>) ends the head early, and the <meta> after it land in the body.
_SOURCES = 'meta[content], h1, a[rel~="tag"], a[rel~="category"]'


def extract_metadata(tree: LexborHTMLParser, jsonld: list[dict[str, Any]], url: str | None) -> Metadata:
    sources: dict[str, list[LexborNode]] = {"meta": [], "h1": [], "a": []}
    for node in tree.css(_SOURCES):
        sources[node.tag].append(node)
    metas = _meta_map(sources["meta"])
    articles = nodes_of_type(jsonld, ARTICLE_TYPES)
    article = next(iter(articles), {})
    webpage = next(iter(nodes_of_type(jsonld, {"WebPage", "ItemPage"})), {})

    meta = Metadata()
    meta.site_name = _site_name(tree, metas, jsonld)
    meta.title = _title(tree, sources["h1"], metas, article, meta.site_name)
    meta.language = _language(tree, metas, article or webpage)
    # A MedicalWebPage often comes first without the author that the Article after it names.
    meta.author = _author(tree, sources["h1"], metas, next((node for node in articles if node.get("author")), article))
    # Any other node that carries a date (a ClaimReview, a Recipe) speaks for the page when those do not.
    dated = next((node for node in jsonld if "datePublished" in node), {})
    meta.published_at = _date(
        article.get("datePublished"), webpage.get("datePublished"), dated.get("datePublished"),
        metas.get("article:published_time"), metas.get("datepublished"), metas.get("date"),
        metas.get("publish-date"), metas.get("dc.date.issued"), metas.get("parsely-pub-date"),
        metas.get("sailthru.date"),
    ) or _first_time(tree) or _shown_date(tree)
    meta.modified_at = _date(
        article.get("dateModified"), webpage.get("dateModified"), dated.get("dateModified"),
        metas.get("article:modified_time"), metas.get("og:updated_time"), metas.get("datemodified"),
    )
    meta.description = _first_text(metas.get("description"), metas.get("og:description"),
                                    text_value(article.get("description")))
    meta.canonical_url = _canonical(tree, metas, url)
    # What the reader sees first: the post's category links; declared sections only when there are none.
    category_links, tag_links = _taxonomy_links(tree, sources["a"])
    meta.categories = (
        _unique(category_links)
        or _unique(metas.get_all("article:section"))
        or _unique(as_list(article.get("articleSection")))
    )
    meta.tags = _unique([*metas.get_all("article:tag"), *_keywords(article.get("keywords")), *tag_links])
    return meta


class _Metas(dict[str, str]):
    """First value of each <meta> name/property (lower-cased), plus every value of repeatable ones."""

    def __init__(self) -> None:
        super().__init__()
        self.repeated: dict[str, list[str]] = {}

    def get_all(self, key: str) -> list[str]:
        return self.repeated.get(key, [])


def _meta_map(nodes: list[LexborNode]) -> _Metas:
    metas = _Metas()
    for node in nodes:
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = clean_inline(attrs.get("content") or "")
        if not key or not content:
            continue
        key = key.strip().lower()
        metas.setdefault(key, content)
        metas.repeated.setdefault(key, []).append(content)
    return metas


def _site_name(tree: LexborHTMLParser, metas: _Metas, jsonld: list[dict[str, Any]]) -> str | None:
    if name := metas.get("og:site_name") or metas.get("application-name"):
        return name
    for node in nodes_of_type(jsonld, {"WebSite"}):
        if name := text_value(node.get("name")):
            return clean_inline(name)
    for node in nodes_of_type(jsonld, ARTICLE_TYPES):
        if name := text_value(node.get("publisher")):
            return clean_inline(name)
    # The site title the theme links home (WordPress marks it rel="home"), when it is text and not a logo.
    for node in tree.css('[class*=site-title] a, [class*=site-name] a, a[rel="home"]'):
        if (name := clean_inline(node.text())) and len(name) <= 60:
            return name
    return None


def strip_site_suffix(title: str, site_name: str | None) -> str:
    """'Headline - Site Name' -> 'Headline' (also 'Site | Headline'), keeping titles that merely contain dashes."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site_name:
        site = site_name.casefold()
        if parts[-1].casefold() == site:
            return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
        if parts[0].casefold() == site:
            return parts[-1] if len(parts) == 2 else title
        return title
    # Without a known site name, drop a short trailing part (a brand) after a much longer headline.
    if len(parts[-1]) <= 30 and len(parts[-1]) * 2 < len(title):
        return title[: title.rfind(parts[-1])].rstrip(" -|–—·•»:")
    return title


def _title(
    tree: LexborHTMLParser, h1s: list[LexborNode], metas: _Metas, article: dict[str, Any], site_name: str | None
) -> str:
    title_node = tree.css_first("title")
    declared = [
        clean_inline(unescape(t) if "&" in t else t)
        for t in (text_value(article.get("headline")), metas.get("og:title"), metas.get("twitter:title"),
                  title_node.text() if title_node else None)
        if t
    ]
    declared = [strip_site_suffix(t, site_name) for t in declared if t]
    site = (site_name or "").casefold()
    # The site's name in an <h1> that links home is its logo, not a headline (blogs put it in "Blog: Post").
    headings = [(text, node) for node in h1s if (text := clean_inline(node.text())) and not _links_home(node)]
    folded = [d.casefold() for d in declared]
    for text, _node in headings:  # the visible headline that the page also declares
        key = text.casefold()
        if any(key == d or (len(key) > 10 and (key in d or d in key)) or _opens(d, key) for d in folded):
            return text
    # Declared titles are often SEO variants of the headline; a visible <h1> that reads like a headline (not
    # the site's name) is what the reader sees.
    for text, _node in headings:
        if len(text.split()) >= _MIN_HEADLINE_WORDS and text.casefold() not in site:
            return text
    if declared:
        return declared[0]
    if headings:
        return headings[0][0]
    return ""


def _links_home(heading: LexborNode) -> bool:
    """A heading whose text is one link to the site's home page ("/", or a URL with no path)."""
    link = heading.css_first("a[href]")
    if link is None or clean_inline(link.text()) != clean_inline(heading.text()):
        return False
    href = (link.attributes.get("href") or "").strip()
    if href in ("/", "./"):
        return True
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return bool(parts.netloc) and parts.path in ("", "/") and not parts.query


def _opens(declared: str, headline: str) -> bool:
    """'Leg cramps: causes, treatment & prevention' opens with the short headline 'Leg cramps'."""
    rest = declared[len(headline):].lstrip()
    return declared.startswith(headline) and rest[:1] in _TITLE_SEPARATOR_MARKS


def _language(tree: LexborHTMLParser, metas: _Metas, node: dict[str, Any]) -> str | None:
    html = tree.root
    candidates = [
        html.attributes.get("lang") if html else None,
        html.attributes.get("xml:lang") if html else None,
        metas.get("content-language"),
        metas.get("og:locale"),
        text_value(node.get("inLanguage")),
    ]
    for value in candidates:
        if value and (tag := value.strip().replace("_", "-").lower()) and re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)*", tag):
            return tag
    return None


def _author(tree: LexborHTMLParser, h1s: list[LexborNode], metas: _Metas, article: dict[str, Any]) -> str | None:
    names = [text_value(a) for a in as_list(article.get("author"))]
    names = [clean_inline(n) for n in names if n and not n.startswith("http")]
    if names:
        return ", ".join(_unique(names))
    for value in (metas.get("author"), metas.get("article:author"), metas.get("parsely-author"),
                  metas.get("sailthru.author")):
        if value and not value.startswith("http"):
            return value
    for selector in ('[itemprop="author"] [itemprop="name"]', '[itemprop="author"]', 'a[rel="author"]',
                     ".author.vcard .fn", ".byline .author", "[class*=author-name]"):
        node = tree.css_first(selector)
        if node and (text := clean_inline(node.text())) and len(text) < 80:
            return text
    return _visible_author(tree, h1s)


# "By Mayo Clinic Staff", "Por Ana Ruiz | 3 de mayo": the names after the byline's opening word, up to a
# separator, a number or the end of the line.
_BYLINE_WORD = r"(?:written by|by|por|par|von|di|door|av|af|przez)"
_BYLINE_NAME = re.compile(rf"^{_BYLINE_WORD}\s+(?P<name>[^|·•–—\d]{{2,80}}?)\s*(?:[|·•–—]|$)", re.IGNORECASE)
_BYLINE_WORD_ALONE = re.compile(rf"{_BYLINE_WORD}:?", re.IGNORECASE)
_MAX_NAME_WORDS = 12
# Elements that name the author on the page, and those among them that hold more than a name, or someone else's.
_AUTHOR_ELEMENTS = "[class*=byline i], [class*=author i]"
_NOT_A_BYLINE = re.compile(r"bio|box|avatar|about|description|comment|photo|image|widget|sidebar|related",
                           re.IGNORECASE)
_MAX_AUTHOR_ELEMENTS = 5
# How many elements after the headline may hold its "By" line, and how long that line can be.
_LINES_AFTER_HEADLINE = 2
_MAX_BYLINE_CHARS = 200
# A name standing alone (no "By" before it): two to six words, the longer ones capitalised, no digits or
# sentence punctuation ("Dana Kim", "Mayo Clinic Staff", "María de la Cruz").
_MAX_BARE_NAME_WORDS = 6
_NOT_IN_A_NAME = re.compile(r"[\d!?;:@]|\.$")


def _visible_author(tree: LexborHTMLParser, h1s: list[LexborNode]) -> str | None:
    """The name in the page's first byline or author element, when nothing declares the author; else a "By"
    line right after the headline, whatever its class."""
    if tree.body is None:
        return None
    for node in tree.body.css(_AUTHOR_ELEMENTS)[:_MAX_AUTHOR_ELEMENTS]:
        if _NOT_A_BYLINE.search(node.attributes.get("class") or "") or _elsewhere(node):
            continue  # a bio, or the author of a comment or of a related post
        if name := _name_in(node):
            return name
    line = next_element(h1s[0]) if h1s else None
    for _ in range(_LINES_AFTER_HEADLINE):
        if line is None:
            break
        if len(line.text()) <= _MAX_BYLINE_CHARS and (name := _name_in(line, bare=False)):
            return name
        line = next_element(line)
    return None


def _name_in(node: LexborNode, bare: bool = True) -> str | None:
    """The name on the element's first line: after "By" (also "By" on a line of its own, as in "by Jeff
    Foust<br>Monday, ..."), or, when ``bare``, the line itself when it reads like a name."""
    lines = [line for line in (clean_inline(piece) for piece in node.text(separator="\n").split("\n")) if line]
    if not lines:
        return None
    first = " ".join(lines[:2]) if _BYLINE_WORD_ALONE.fullmatch(lines[0]) else lines[0]
    if (match := _BYLINE_NAME.match(first)) is not None:
        name = match["name"].rstrip(", ")
        if not name[0].isupper() or len(name.split()) > _MAX_NAME_WORDS:
            return None  # "By clicking ...", or a sentence
        return name
    if not bare:
        return None
    words = first.split()
    if (
        not 2 <= len(words) <= _MAX_BARE_NAME_WORDS
        or _NOT_IN_A_NAME.search(first)
        or any(len(word) >= 4 and not word[0].isupper() for word in words)
        or is_byline_part(first)  # "Updated March 3, 2025", "Posted in Health"
        or is_chrome_heading(first)  # "About the Author"
    ):
        return None
    return first


# Publication <time> elements, most explicit first; any other <time> comes after them.
_PUBLISHED_TIMES = ("[pubdate]", "[class~=published]", "[class~=entry-date]", '[itemprop="datePublished"]')
# Where the dates of other things live: readers' comments, related posts, sidebars, footers.
_ELSEWHERE_TAGS = frozenset({"aside", "footer", "nav"})
_ELSEWHERE_NAMES = re.compile(r"comment|respond|related|sidebar|widget|footer", re.IGNORECASE)


def _first_time(tree: LexborHTMLParser) -> str | None:
    """The page's publication date from its <time> elements, when nothing declares it: one query, then the
    most explicit matches, of which the first that names a day wins ("3 hours ago" does not). Only when none is
    marked as the publication date does any other <time> count, and then not one of a comment, a related post,
    a sidebar or a footer."""
    if tree.body is None:
        return None
    times = tree.body.css('time, [itemprop="datePublished"]')
    explicit = [node for marker in _PUBLISHED_TIMES for node in times if node.css_matches(marker)]
    candidates = explicit or [node for node in times if not _elsewhere(node)]
    for node in candidates:
        attrs = node.attributes
        if date := iso_date(attrs.get("datetime") or attrs.get("content") or node.text()):
            return date
    return None


# Where a page that declares no date shows it in words: the date, byline and meta lines of the article's header.
_DATE_LINES = "[class*=date i], [class*=byline i], [class*=meta i], [class*=posted i]"
_MAX_DATE_LINES = 8
_MAX_DATE_LINE_CHARS = 120
_PARTS = re.compile(r"\s*[|·•]\s*|\s+[–—]\s+")
# A part that gives the last update, not the publication: "Updated March 3, 2025".
_UPDATED = re.compile(
    r"^(?:last )?(?:updated|modified|reviewed|actualizado|aktualisiert|mis à jour|atualizado|aggiornato|bijgewerkt)",
    re.IGNORECASE,
)


def _shown_date(tree: LexborHTMLParser) -> str | None:
    """The publication date written in the article's header ("By Ana Ruiz | March 3, 2025"), when the page
    declares none and has no <time>: the first part of a date or byline line that names a certain day, unless
    it says it is the date of an update. Not a comment's, a related post's or a sidebar's date."""
    if tree.body is None:
        return None
    for node in tree.body.css(_DATE_LINES)[:_MAX_DATE_LINES]:
        text = clean_inline(node.text())
        if len(text) > _MAX_DATE_LINE_CHARS or _elsewhere(node):
            continue
        for part in _PARTS.split(text):
            if not _UPDATED.match(part) and (date := iso_date(part)):
                return date
    return None


def _elsewhere(node: LexborNode) -> bool:
    ancestor = node.parent
    while ancestor is not None and ancestor.tag != "body":
        if ancestor.tag in _ELSEWHERE_TAGS:
            return True
        attrs = ancestor.attributes
        if _ELSEWHERE_NAMES.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            return True
        ancestor = ancestor.parent
    return False


def _date(*values: Any) -> str | None:
    """The first value that names a certain day, as ISO 8601 (pages' time zones are kept). When it gives the
    day only, a later value that gives the same day with its time is taken instead."""
    dates = [date for value in values if (date := iso_date(text_value(value)))]
    if not dates:
        return None
    first = dates[0]
    if len(first) > 10:
        return first
    return next((date for date in dates[1:] if len(date) > 10 and date.startswith(first)), first)


def _canonical(tree: LexborHTMLParser, metas: _Metas, url: str | None) -> str | None:
    link = tree.css_first('link[rel~="canonical" i][href]')
    href = (link.attributes.get("href") or "").strip() if link else ""
    href = href or metas.get("og:url", "")
    if not href:
        return None
    try:
        absolute = urljoin(url, href) if url else href
    except ValueError:  # an unclosed IPv6 bracket and the like: no usable canonical URL
        return None
    return absolute if absolute.startswith(("http://", "https://")) else None


_TAG_CLOUD = re.compile("cloud")
# Boxes of category links ("cat-links", "post-categories", "taxonomy-category"), not the post's own
# "category-<slug>" classes.
_CATEGORY_BOX = re.compile(r"^(?:cat-links|categories|category-links|taxonomy-category)$|-(?:categories|cat-links)$")


def _taxonomy_links(tree: LexborHTMLParser, rel_links: list[LexborNode]) -> tuple[list[str], list[str]]:
    """The post's category and tag links. WordPress marks both rel="tag" (categories also rel="category");
    a link into /category/ or inside a category box is a category. Themes that drop rel still link tags under
    /tag/ inside the post. Tag clouds are site-wide widgets, not the post's tags."""
    categories: list[str] = []
    tags: list[str] = []
    links = rel_links or tree.css('article [class*=tag] a[href*="/tag/"]')
    for node in links:
        if _near_class(node, _TAG_CLOUD):
            continue
        text = clean_inline(node.text()).lstrip("#").strip()
        rel = (node.attributes.get("rel") or "").split()
        if "category" in rel or "/category/" in (node.attributes.get("href") or "") or _near_class(node, _CATEGORY_BOX):
            categories.append(text)
        else:
            tags.append(text)
    return categories, tags


def _near_class(node: LexborNode, pattern: re.Pattern[str]) -> bool:
    """Whether the node or one of its two nearest ancestors has a class token matching ``pattern``."""
    current: LexborNode | None = node
    for _ in range(3):
        if current is None:
            return False
        if any(pattern.search(token) for token in (current.attributes.get("class") or "").split()):
            return True
        current = current.parent
    return False


def _keywords(value: Any) -> list[str]:
    out: list[str] = []
    for item in as_list(value):
        if isinstance(item, str):
            out.extend(item.split(","))
    return out


def _first_text(*values: str | None) -> str | None:
    return next((clean_inline(v) for v in values if v and clean_inline(v)), None)


def _unique(values: list[Any]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if isinstance(value, str) and (text := clean_inline(html.unescape(value))):
            seen.setdefault(text.casefold(), text)
    return list(seen.values())

