"""Text normalization: every string that leaves the parser goes through here, so the rules live in one place."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Zero-width and invisible format characters, and control characters that are not whitespace: dropped, not
# turned into spaces. (The information separators \x1c-\x1f are whitespace to ``str.split``, like tabs.)
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f\u200b-\u200d\u2060\ufeff\u00ad]")


def clean_inline(text: str) -> str:
    """One line of text: invisible characters dropped, every run of Unicode whitespace (NBSP, thin, ideographic
    spaces, newlines) folded to one space, then NFC. ``str.split`` does the folding: it knows Unicode spaces.

    Text that ``isprintable`` (one C pass) has no newline, tab, NBSP or invisible character: at most runs of
    plain spaces to fold, often none. Other text is folded first; only what is still not printable after that
    (an invisible character) pays for the regex.
    """
    if not text:
        return ""
    if text.isprintable():
        text = " ".join(text.split()) if "  " in text else text.strip()
    elif not (text := " ".join(text.split())).isprintable():
        text = " ".join(_INVISIBLE.sub("", text).split())
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def clean_block(text: str) -> str:
    """Multi-line text: each line cleaned, blank-line runs folded, so paragraph breaks survive."""
    lines = [clean_inline(line) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def word_count(text: str) -> int:
    """Whitespace-separated words, as word processors count them, of record text: lines from ``clean_inline``
    joined by one or two newlines. There every word ends at one space or line break, or at the end, so counting
    those (in C) replaces splitting the text into a list of words. In Chinese, Japanese and Korean text, which
    needs no spaces, every ideograph, kana or hangul syllable counts as a word too."""
    if not text:
        return 0
    words = text.count(" ") + text.count("\n") - text.count("\n\n") + 1
    return words if text.isascii() else words + len(_unspaced_letters().findall(text))


FIRST_UNSPACED = "\u3040"
"""Where the scripts written without spaces begin: kana, then CJK ideographs and hangul."""


@cache
def _unspaced_letters() -> re.Pattern[str]:
    # Compiled on first use, by a run that meets text past ASCII: Python builds a character set of these ranges
    # one code point at a time (4 ms).
    return re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


# Toggle glyphs that accordion widgets put beside a question: plus/minus signs, chevrons, arrows, and the
# private-use code points of icon fonts (Font Awesome, dashicons, theme icon sets).
_TOGGLE_CHARS = (
    "+-\u2212\u2013\u2014\u00d7\u2795\u2796"  # plus, minus, dashes, multiplication sign, heavy plus/minus
    "\u25b2\u25bc\u25b6\u25c0\u25b8\u25be\u2303\u2304\u02c4\u02c5\u2227\u2228"  # triangles and carets
    "\u203a\u2039\u00bb\u00ab\u276f\u276e\u2191\u2193\u2192\u2190"  # chevrons, guillemets, arrows
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_EDGE_TOGGLES = re.compile(f"^[{re.escape(_TOGGLE_CHARS)}\\s]+|[{re.escape(_TOGGLE_CHARS)}\\s]+$")


_EDGES = frozenset(_TOGGLE_CHARS + " ")
_HAS_WORD = re.compile(r"[^\W_]")


def strip_toggle_glyphs(text: str) -> str:
    """Remove accordion toggle icons, and the emoji and dingbats that decorate a label ("📌 Summary",
    "✅ Key Takeaways"), from the edges of a question or heading (never from inside it)."""
    if not text:
        return text
    if not text.isascii():
        if max(text) >= "\ue000":
            text = _PRIVATE_USE.sub("", text)
        text = _strip_decoration(text)
    if text and (text[0] in _EDGES or text[-1] in _EDGES):  # the regex only when an edge can hold a glyph
        text = _EDGE_TOGGLES.sub("", text)
    return text.strip()


# Emoji and their joiners and variation selectors. Symbols below the arrows block (©, ®, ™, °) mean something.
_DECORATION_CATEGORIES = frozenset({"So", "Sk"})
_FIRST_DECORATION = "\u2190"
_JOINERS = frozenset("\ufe0e\ufe0f\u200d\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff ")


def _is_decoration(char: str) -> bool:
    return char in _JOINERS or (
        char >= _FIRST_DECORATION and unicodedata.category(char) in _DECORATION_CATEGORIES
    )


def _strip_decoration(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_decoration(text[start]):
        start += 1
    while end > start and _is_decoration(text[end - 1]):
        end -= 1
    return text[start:end]


def is_glyph_only(text: str) -> bool:
    """True for text without a single letter or digit: toggle glyphs, icon-font code points, punctuation."""
    return _HAS_WORD.search(text) is None
