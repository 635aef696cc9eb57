"""Class and id vocabularies, turned per page into the few CSS selectors that can match there.

A hundred ``[class*=...]`` selectors make Lexbor walk the tree a hundred times, and one big regular expression
per element is no faster in Python. A page uses few of the words, though: the class and id values of the page
are collected once, the parts of every vocabulary are found in them in one Aho-Corasick pass, and only the words
present become selectors. ``*_parts`` match anywhere in the attribute (``[class*=x]``), ``*_words`` a whole
token (``[class~=x]``), ``class_segments`` a whole segment of a token between '-' or '_' (``ad`` in
``breaker-ad`` and ``ad_mobile``, not in ``head``). Words are written with '-' and also match when joined with
'_' or '__', in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick
from selectolax.lexbor import LexborNode


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words that name an element's role, matched against its class and id attributes, and the selectors of
    tags and attributes that always name it (``tags``, used on every page). Each vocabulary adds its parts to
    the page-wide search when it is defined."""

    class_parts: tuple[str, ...] = ()
    class_words: tuple[str, ...] = ()
    id_parts: tuple[str, ...] = ()
    id_words: tuple[str, ...] = ()
    class_segments: tuple[str, ...] = ()
    tags: str = ""

    def __post_init__(self) -> None:
        for name in ("class_parts", "class_words", "id_parts", "id_words"):
            object.__setattr__(self, name, _spellings(getattr(self, name)))
        _CLASS_PARTS.add(self.class_parts)
        _SEGMENTS.add(self.class_segments)
        _ID_PARTS.add(self.id_parts)

    def selector(self, names: PageNames) -> str:
        """A selector list: the tags, and the words that occur on the page ('' when there is nothing to match)."""
        return ", ".join([
            *([self.tags] if self.tags else []),
            *(f'[class*="{w}" i]' for w in self.class_parts if w in names.class_parts),
            *(f'[class~="{w}" i]' for w in self.class_words if w in names.class_tokens),
            *(f'[class~="{token}" i]' for w in self.class_segments for token in names.segmented.get(w, ())),
            *(f'[id*="{w}" i]' for w in self.id_parts if w in names.id_parts),
            *(f'[id~="{w}" i]' for w in self.id_words if w in names.id_tokens),
        ])


def _spellings(words: tuple[str, ...]) -> tuple[str, ...]:
    """Each word as written with '-', and as themes also join the same words: '_' (Divi's ``et_pb_toggle_title``)
    and BEM's '__' (``gb-accordion__toggle``). Vocabularies are written with '-' only."""
    spelled: dict[str, None] = {}
    for word in (word.lower() for word in words):
        spelled[word] = None
        if "-" in word:
            spelled[word.replace("-", "_")] = None
            spelled[word.replace("-", "__")] = None
    return tuple(spelled)


class _PartSearch:
    """The substrings of every vocabulary of one attribute, found together in one pass over a page's values."""

    def __init__(self) -> None:
        self._parts: set[str] = set()
        self._automaton: AhoCorasick | None = None

    def add(self, parts: tuple[str, ...]) -> None:
        if not self._parts.issuperset(parts):
            self._parts.update(part for part in parts if part)  # an empty part would match everywhere
            self._automaton = None  # rebuilt on next use, with the new parts

    def present(self, text: str) -> frozenset[str]:
        if not self._parts or not text:
            return frozenset()
        if self._automaton is None:
            self._automaton = AhoCorasick(sorted(self._parts))
        return frozenset(self._automaton.find_matches_as_strings(text, overlapping=True))


_CLASS_PARTS = _PartSearch()
_ID_PARTS = _PartSearch()


class _SegmentSearch:
    """Class tokens that hold a vocabulary word as a whole segment, found in one pass over a page's tokens."""

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def add(self, words: tuple[str, ...]) -> None:
        if not self._words.issuperset(words):
            self._words.update(words)
            self._pattern = None  # rebuilt on next use, with the new words

    def tokens(self, joined_tokens: str) -> dict[str, tuple[str, ...]]:
        """For each word, the space-separated tokens that hold it between '-', '_' or the token's ends."""
        if not self._words:
            return {}
        if self._pattern is None:
            words = "|".join(sorted(map(re.escape, self._words), key=len, reverse=True))
            # No look-behind before the words: a pattern that opens with them is scanned for its first letters.
            self._pattern = re.compile(rf"(?:{words})(?![a-z0-9])")
        found: dict[str, list[str]] = {}
        for match in self._pattern.finditer(joined_tokens):
            if match.start() and joined_tokens[match.start() - 1] not in _SEGMENT_STARTS:
                continue  # the end of a longer word ("head", "load")
            start = joined_tokens.rfind(" ", 0, match.start()) + 1
            end = joined_tokens.find(" ", match.end())
            token = joined_tokens[start:end if end >= 0 else len(joined_tokens)]
            if _PLAIN_TOKEN.fullmatch(token) and _NEGATING_SEGMENTS.isdisjoint(_SEGMENT_SEPARATORS.split(token)):
                found.setdefault(match.group(), []).append(token)
        return {word: tuple(sorted(held)) for word, held in found.items()}


_SEGMENTS = _SegmentSearch()
_SEGMENT_SEPARATORS = re.compile(r"[-_]+")
_SEGMENT_STARTS = frozenset(" -_")
# A token that only says where something is not ("no-ads", "ad-free") or what a wrapper holds ("has-ads").
_NEGATING_SEGMENTS = frozenset({"no", "not", "non", "free", "has", "with", "without", "exclude"})
# Tokens used in a selector: nothing that would need escaping.
_PLAIN_TOKEN = re.compile(r"[a-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class PageNames:
    """The distinct class and id tokens used under a node, and which vocabulary parts occur in them."""

    class_tokens: frozenset[str]
    id_tokens: frozenset[str]
    class_parts: frozenset[str]
    id_parts: frozenset[str]
    segmented: dict[str, tuple[str, ...]]

    @classmethod
    def empty(cls) -> PageNames:
        return cls(frozenset(), frozenset(), frozenset(), frozenset(), {})

    @classmethod
    def of(cls, root: LexborNode) -> PageNames:
        # One walk per attribute; an element's attributes read as a dict (``attributes``) cost less than
        # through selectolax's lazy ``attrs`` view.
        classes = [node.attributes.get("class") or "" for node in root.css("[class]")]
        ids = [node.attributes.get("id") or "" for node in root.css("[id]")]
        # Compared in lower case: news sites write "NewsletterModule", "ShareBar", "relatedArticles".
        class_tokens = frozenset(" ".join(classes).lower().split())
        id_tokens = frozenset(" ".join(ids).lower().split())
        joined_classes = " ".join(class_tokens)
        return cls(
            class_tokens,
            id_tokens,
            _CLASS_PARTS.present(joined_classes),
            _ID_PARTS.present(" ".join(id_tokens)),
            _SEGMENTS.tokens(joined_classes),
        )
