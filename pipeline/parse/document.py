"""Bytes -> text -> DOM, with the guards that turn bad input into a clear rejection.

Encoding is chosen as browsers do, in this order: the HTTP Content-Type charset, a byte-order mark, a
``<meta charset>`` near the top, then detection (charset-normalizer) when the bytes are not valid UTF-8.
"""

from __future__ import annotations

import codecs
import re

from selectolax.lexbor import LexborHTMLParser

from pipeline.errors import EmptyPage, NotHtml, PageTooLarge

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Where markup must show up for the bytes to count as HTML.
_HEAD_CHARS = 65536

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of formats that are sometimes served or saved as .html by mistake.
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"\x00\x00\x01\x00", b"\x7fELF"
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|div|p|article|main|h[1-6]|title|meta|section)\b", re.I)

# WHATWG maps these labels to windows-1252: pages that say latin-1 use its extra characters (curly quotes).
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                   "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}


def _codec(label: str | None) -> str | None:
    """A Python codec name for an encoding label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # Python also knows byte-to-byte codecs by name ("uu", "base64", "rot13"): no web page is written in one.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode_html(body: bytes, content_type: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode page bytes to text, rejecting what is empty, binary, too large or not HTML at all."""
    if len(body) > max_bytes:
        raise PageTooLarge(f"{len(body)} bytes, above the {max_bytes}-byte limit")
    if not body or body.isspace():
        raise EmptyPage("no bytes" if not body else "only whitespace")
    if body.startswith(_BINARY_MAGIC):
        raise NotHtml(f"binary content (starts with {body[:4]!r})")

    text = _decode(body, content_type)
    # Searched in place (no copy of the first 64 KiB: a page with non-ASCII text is 2-4 bytes a character).
    if text.find("\x00", 0, _HEAD_CHARS) >= 0 or not _LOOKS_LIKE_HTML.search(text, 0, _HEAD_CHARS):
        raise NotHtml("no HTML markup in the first 64 KiB")
    return text


def _decode(body: bytes, content_type: str | None) -> str:
    if content_type and (match := _HEADER_CHARSET.search(content_type)) and (codec := _codec(match.group(1))):
        return body.decode(codec, errors="replace")
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace")
    if (match := _META_CHARSET.search(body[:16384])) and (codec := _codec(match.group(1).decode("ascii"))):
        # A page that declares a UTF-16 charset in ASCII markup cannot really be UTF-16.
        codec = "utf-8" if codec.startswith("utf-16") else codec
        return body.decode(codec, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in body[:4096]:
        raise NotHtml("binary content (NUL bytes and no declared encoding)")
    from charset_normalizer import from_bytes  # loaded for the rare page that declares nothing and is not UTF-8

    best = from_bytes(body[:262144]).best()
    return body.decode(best.encoding if best else "cp1252", errors="replace")


def parse_dom(text: str) -> LexborHTMLParser:
    """The page's DOM. Lexbor repairs unclosed and truncated markup the way browsers do."""
    return LexborHTMLParser(text)
