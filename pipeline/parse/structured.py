"""schema.org data embedded as JSON-LD: the Article, FAQPage and HowTo nodes a page declares.

SEO plugins (Yoast, Rank Math, ...) emit a ``@graph`` of many nodes; themes emit lone objects or lists. Both
come out here as one flat list of dict nodes. Broken JSON is skipped: it is common and never fatal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import orjson
from selectolax.lexbor import LexborHTMLParser

ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle", "MedicalWebPage", "TechArticle",
     "AnalysisNewsArticle", "ReportageNewsArticle", "OpinionNewsArticle", "LiveBlogPosting", "HealthTopicContent"}
)


def jsonld_nodes(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """All JSON-LD objects of the page, with ``@graph`` containers and nested lists flattened."""
    nodes: list[dict[str, Any]] = []
    for script in tree.css('script[type="application/ld+json" i]'):
        raw = script.text(deep=True).strip()
        if not raw:
            continue
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            try:
                data = orjson.loads(_repaired(raw))
            except orjson.JSONDecodeError:
                continue
        nodes.extend(_flatten(data))
    return nodes


# A comma before a closing bracket, and raw line breaks and tabs (which JSON forbids inside strings).
_TRAILING_COMMA = re.compile(r",\s*(?=[}\]])")
_RAW_CONTROLS = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def _repaired(raw: str) -> str:
    """The JSON-LD of hand-made templates, with the slips browsers forgive and JSON does not: a block wrapped
    in HTML comments or ending with ';' or ',', trailing commas, line breaks inside strings."""
    text = raw.strip("<!->/ \n\t;").rstrip(",")
    return _TRAILING_COMMA.sub("", text.translate(_RAW_CONTROLS))


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(graph := data.get("@graph"), list):
            yield from _flatten(graph)


def types_of(node: dict[str, Any]) -> set[str]:
    """The node's @type values, without a schema.org prefix."""
    value = node.get("@type", ())
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {str(v).rsplit("/", 1)[-1] for v in values}


def nodes_of_type(nodes: list[dict[str, Any]], wanted: set[str] | frozenset[str]) -> list[dict[str, Any]]:
    return [node for node in nodes if types_of(node) & wanted]


def resolve(items: list[Any], nodes: list[dict[str, Any]]) -> list[Any]:
    """Items with their ``{"@id": ...}`` references replaced by the graph nodes they name: Yoast's FAQPage lists
    its questions that way, each a node of its own in the ``@graph``."""
    if not any(_is_reference(item) for item in items):
        return items
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    return [by_id.get(item["@id"], item) if _is_reference(item) else item for item in items]


def _is_reference(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("@id"), str) and len(item) == 1


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_value(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, a list, or an object with a name or text.

    SEO plugins HTML-escape the strings they put in JSON-LD ("Foot &amp; Ankle"), so entities are decoded.
    """
    for item in as_list(value):
        if isinstance(item, str) and item.strip():
            return html.unescape(item)
        if isinstance(item, dict):
            for key in ("name", "text", "headline", "@value"):
                if isinstance(item.get(key), str) and item[key].strip():
                    return html.unescape(item[key])
    return None
