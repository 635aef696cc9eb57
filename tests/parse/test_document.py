import codecs

import pytest

from pipeline.errors import EmptyPage, NotHtml, PageTooLarge
from pipeline.parse.document import decode_html

PAGE = "<html><head>{meta}</head><body><p>{text}</p></body></html>"


def test_windows_1252_page_declared_in_meta_decodes_curly_quotes_and_euro():
    text = "It\u2019s \u201cfine\u201d \u2013 caf\u00e9 costs 5 \u20ac"
    body = PAGE.format(meta='<meta charset="windows-1252">', text=text).encode("cp1252")
    assert text in decode_html(body)


def test_latin1_label_is_read_as_windows_1252_like_browsers_do():
    body = PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
                       text="\u201cquoted\u201d").encode("cp1252")
    assert "\u201cquoted\u201d" in decode_html(body)


def test_http_header_charset_wins_over_meta():
    body = PAGE.format(meta='<meta charset="utf-8">', text="\u00fcber").encode("cp1252")
    assert "\u00fcber" in decode_html(body, "text/html; charset=windows-1252")


def test_byte_order_mark_wins_over_meta():
    body = codecs.BOM_UTF16_LE + PAGE.format(meta='<meta charset="cp1252">', text="\u00e9t\u00e9").encode("utf-16-le")
    assert "\u00e9t\u00e9" in decode_html(body)


def test_undeclared_non_utf8_page_is_detected():
    text = "Les b\u00e9n\u00e9fices du magn\u00e9sium pour la sant\u00e9 des muscles et du sommeil. " * 5
    body = PAGE.format(meta="", text=text).encode("cp1252")
    assert "b\u00e9n\u00e9fices" in decode_html(body)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"", EmptyPage),
        (b"   \n\t ", EmptyPage),
        (b"%PDF-1.7 binary", NotHtml),
        (b"\x89PNG\r\n\x1a\n....", NotHtml),
        (b"\x00\x01\x02\x03" * 100, NotHtml),
        (b"just a plain text file, no markup at all", NotHtml),
    ],
)
def test_unusable_bytes_are_rejected_with_a_reason(body, error):
    with pytest.raises(error):
        decode_html(body)


def test_page_over_the_size_limit_is_rejected_before_decoding():
    with pytest.raises(PageTooLarge):
        decode_html(b"<p>" + b"x" * 2000, max_bytes=1000)


def test_a_declared_charset_that_is_no_text_encoding_is_ignored():
    for label in ("uu", "base64", "rot13", "zlib"):
        text = decode_html(f'<html><head><meta charset="{label}"></head><body><p>Caf\u00e9</p></body></html>'.encode(),
                           f"text/html; charset={label}")
        assert "Café" in text, label
