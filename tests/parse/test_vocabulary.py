"""Heading words: how a heading is reduced to its comparable key, and which keys name a section or chrome."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.parse.vocabulary import heading_key, is_chrome_heading, is_faq_heading, is_takeaways_heading


def test_heading_key_drops_numbering_emoji_and_trailing_punctuation() -> None:
    assert heading_key("3. Frequently Asked Questions") == "frequently asked questions"
    assert heading_key("\U0001f4cc Résumé —") == "résumé"
    assert heading_key("Key Takeaways:") == "key takeaways"
    assert heading_key("  FAQ  ") == "faq"


def test_headings_are_matched_by_their_words_in_several_languages() -> None:
    assert is_takeaways_heading("Key Takeaways:")
    assert is_faq_heading("Preguntas frecuentes")
    assert is_faq_heading("Magnesium: Frequently Asked Questions")
    assert not is_faq_heading("Questions of dosage")


def test_chrome_headings_match_whole_labels_only() -> None:
    assert is_chrome_heading("Related Articles")
    assert is_chrome_heading("You may also like:")
    assert not is_chrome_heading("Recommended daily intake")


@given(st.text())
def test_heading_key_is_idempotent_and_trimmed(text: str) -> None:
    key = heading_key(text)
    assert heading_key(key) == key
    assert key == key.strip()
    assert not key.startswith(("#", "-", "•", "_", "0", "1", "9", "(", "\U0001f4cc"))
    assert not key.endswith((":", ".", "-", "–", "—", "!", "?"))
