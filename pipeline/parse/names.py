"""Class and id vocabularies, turned per page into the few CSS selectors that can match there.

A hundred ``[class*=...]`` selectors make Lexbor walk the tree a hundred times, and one big regular expression
per element is no faster in Python. A page uses few of the words, though: the class and id values of the page
are joined once, each word is looked up in that text (a C substring search), and only the words present become
selectors. ``*_parts`` match anywhere in the attribute (``[class*=x]``), ``*_words`` a whole token (``[class~=x]``).
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words that name an element's role, matched against its class and id attributes, and the selectors of
    tags and attributes that always name it (``tags``, used on every page)."""

    class_parts: tuple[str, ...] = ()
    class_words: tuple[str, ...] = ()
    id_parts: tuple[str, ...] = ()
    id_words: tuple[str, ...] = ()
    tags: str = ""

    def selector(self, names: PageNames) -> str:
        """A selector list: the tags, and the words that occur on the page ('' when there is nothing to match)."""
        classes, ids = names.classes, names.ids
        return ", ".join([
            *([self.tags] if self.tags else []),
            *(f'[class*="{w}"]' for w in self.class_parts if w in classes),
            *(f'[class~="{w}"]' for w in self.class_words if w in names.class_tokens),
            *(f'[id*="{w}"]' for w in self.id_parts if w in ids),
            *(f'[id~="{w}"]' for w in self.id_words if w in names.id_tokens),
        ])


@dataclass(frozen=True, slots=True)
class PageNames:
    """The distinct class and id tokens used under a node, as sets and joined, for quick presence tests."""

    class_tokens: frozenset[str]
    id_tokens: frozenset[str]
    classes: str
    ids: str

    @classmethod
    def empty(cls) -> PageNames:
        return cls(frozenset(), frozenset(), "", "")

    @classmethod
    def of(cls, root: LexborNode) -> PageNames:
        classes: list[str] = []
        ids: list[str] = []
        for node in root.css("[class], [id]"):  # one walk; a dict of the attributes is the cheapest read
            attributes = node.attributes
            classes.append(attributes.get("class") or "")
            ids.append(attributes.get("id") or "")
        class_tokens = frozenset(" ".join(classes).split())
        id_tokens = frozenset(" ".join(ids).split())
        return cls(class_tokens, id_tokens, " ".join(class_tokens), " ".join(id_tokens))
