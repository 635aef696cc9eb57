from hypothesis import given
from hypothesis import strategies as st

from pipeline.parse.text import clean_block, clean_inline, is_glyph_only, strip_toggle_glyphs, word_count

# Kana, CJK ideographs and hangul: each counts as a word on top of the space-separated words.
UNSPACED_RANGES = [("\u3040", "\u30ff"), ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uac00", "\ud7af"),
                   ("\uf900", "\ufaff")]


def test_clean_inline_folds_nbsp_and_drops_zero_width_characters():
    assert clean_inline("Magnesium\u00a0helps\u200b with\u2009\u2009 sleep\ufeff") == "Magnesium helps with sleep"


def test_clean_inline_drops_control_characters_and_folds_separators_as_spaces():
    assert clean_inline("soft\u00adhyphen\x07 and\x1cfield\nbreak") == "softhyphen and field break"


def test_clean_inline_composes_to_nfc_and_keeps_curly_quotes():
    decomposed = "cafe\u0301 \u201cquoted\u201d it\u2019s"
    assert clean_inline(decomposed) == "caf\u00e9 \u201cquoted\u201d it\u2019s"


def test_clean_block_keeps_single_blank_lines_between_paragraphs():
    assert clean_block("  one \n\n\n\n two\nthree  ") == "one\n\ntwo\nthree"


def test_toggle_glyphs_are_stripped_from_the_edges_only():
    assert strip_toggle_glyphs("+ Is vitamin B-12 safe? \u2212") == "Is vitamin B-12 safe?"
    assert strip_toggle_glyphs("What is it?\ue80a") == "What is it?"  # an icon-font code point


def test_glyph_only_text_is_recognised():
    assert is_glyph_only(" + ")
    assert is_glyph_only("\u203a")
    assert not is_glyph_only("+ More")


def test_word_count_counts_hyphenated_and_accented_words_once():
    assert word_count("Vitamin B-12 est très utile, n’est-ce pas?") == 7


def test_word_count_counts_words_across_paragraphs_and_list_items():
    assert word_count("Magnesium helps.\n\nTake it:\nwith food\nat night") == 8
    assert word_count("") == 0


@given(st.lists(st.text(), max_size=8), st.lists(st.booleans(), max_size=8))
def test_word_count_of_record_text_is_its_number_of_words(lines, paragraph_breaks):
    """Record text is clean lines joined by newlines; its count is that of splitting it on whitespace."""
    clean = [line for line in map(clean_inline, lines) if line]
    text = "".join(line + ("\n\n" if wide else "\n") for line, wide in zip(clean, paragraph_breaks + [True] * 8, strict=False))
    text = text.rstrip("\n")
    ideographs = sum(1 for char in text if any(low <= char <= high for low, high in UNSPACED_RANGES))
    assert word_count(text) == len(text.split()) + ideographs


@given(st.text())
def test_clean_inline_is_idempotent_and_single_line(text):
    once = clean_inline(text)
    assert clean_inline(once) == once
    assert "\n" not in once
    assert once == once.strip()


@given(st.text())
def test_clean_block_never_leaves_runs_of_blank_lines(text):
    cleaned = clean_block(text)
    assert "\n\n\n" not in cleaned
    assert clean_block(cleaned) == cleaned
