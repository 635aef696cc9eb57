import pytest

from tests.parse.helpers import parse_fragment


@pytest.mark.parametrize(
    "heading", ["Key Takeaways", "TL;DR", "Key Points:", "The Takeaway", "Puntos clave", "L’essentiel", "Das Wichtigste in Kürze",
                "Pontos principais", "In sintesi"],
)
def test_takeaways_heading_in_many_languages_introduces_a_list(heading):
    parsed = parse_fragment(f"<h2>{heading}</h2><ul><li>Sleep seven hours.</li><li>Move daily.</li></ul>")
    assert parsed.takeaways is not None
    assert parsed.takeaways.heading == heading
    assert parsed.takeaways.items == ["Sleep seven hours.", "Move daily."]
    assert "Sleep seven hours." not in parsed.article.body


@pytest.mark.parametrize("heading", ["🔑 Key takeaways", "📌 Key takeaways 👇", "✅️ Key takeaways"])
def test_emoji_decorating_a_takeaways_heading_are_not_part_of_it(heading):
    parsed = parse_fragment(f"<h2>{heading}</h2><ul><li>Sleep seven hours.</li><li>Move daily.</li></ul>")
    assert parsed.takeaways.heading == "Key takeaways"


def test_takeaways_box_with_a_bold_paragraph_heading():
    parsed = parse_fragment("""<div class="wp-block-group"><p><strong>Key takeaways</strong></p>
        <ul><li>One.</li><li>Two.</li></ul></div>""")
    assert parsed.takeaways.items == ["One.", "Two."]


def test_a_list_under_an_unrelated_heading_is_not_takeaways():
    parsed = parse_fragment("<h2>Ingredients</h2><ul><li>Oats</li><li>Milk</li></ul>")
    assert parsed.takeaways is None


def test_a_short_label_of_any_tag_right_before_a_list_names_takeaways():
    parsed = parse_fragment("""<div class="summary-box"><div class="box-label">Key Takeaways</div>
        <ul><li>Sleep seven hours.</li><li>Move daily.</li></ul></div>""")
    assert parsed.takeaways.heading == "Key Takeaways"
    assert parsed.takeaways.items == ["Sleep seven hours.", "Move daily."]
    assert "Key Takeaways" not in parsed.article.body


def test_paragraphs_opening_with_the_same_bullet_are_the_items():
    parsed = parse_fragment("""<h2>Key Takeaways</h2><p>✅ Sleep seven hours.</p><p>✅️ Move daily.</p>
        <p>• Not part of the run.</p><p>The article goes on here with ordinary prose.</p>""")
    assert parsed.takeaways.items == ["Sleep seven hours.", "Move daily."]
    assert "The article goes on here" in parsed.article.body


def test_paragraphs_opening_with_quotes_are_not_bulleted_items():
    parsed = parse_fragment("""<h2>Summary</h2><p>“Rest matters,” said the nurse.</p><p>“So does food,” she added.</p>""")
    assert parsed.takeaways is None


def test_a_lead_sentence_between_the_heading_and_the_list_stays_in_the_body():
    parsed = parse_fragment("""<h2>Key Takeaways</h2><p>Here is what the research says so far.</p>
        <ul><li>Sleep seven hours.</li><li>Move daily.</li></ul>""")
    assert parsed.takeaways.items == ["Sleep seven hours.", "Move daily."]
    assert "Here is what the research says so far." in parsed.article.body


def test_a_box_label_in_its_own_wrapper_names_the_list_in_the_next_wrapper():
    parsed = parse_fragment("""<div class="label-box"><div class="label-box-label"><span>この記事のポイント</span></div>
        <div class="label-box-content"><ul><li>就寝90分前に入浴する</li><li>起床時間をそろえる</li></ul></div></div>""")
    assert parsed.takeaways.heading == "この記事のポイント"
    assert parsed.takeaways.items == ["就寝90分前に入浴する", "起床時間をそろえる"]


def test_a_summary_heading_over_prose_does_not_take_a_later_list():
    parsed = parse_fragment("""<h2>Summary</h2><p>Check the serving size first, then the daily values.</p>
        <p>Labels are a tool, not a test.</p>
        <div class="footnotes"><ol><li>Your own needs may be higher or lower.</li></ol></div>""")
    assert parsed.takeaways is None
    assert "Labels are a tool, not a test." in parsed.article.body


def test_the_short_version_introduces_a_summary_list():
    parsed = parse_fragment("<h2>The short version</h2><ul><li>Sleep seven hours.</li><li>Move daily.</li></ul>")
    assert parsed.takeaways is not None and parsed.takeaways.items == ["Sleep seven hours.", "Move daily."]


def test_a_label_that_goes_on_after_its_colon_names_the_list_by_its_first_words():
    parsed = parse_fragment("<p><strong>TL;DR:</strong> Feed your gut bacteria.</p>"
                            "<ul><li>Eat fibre.</li><li>Eat thirty plants a week.</li></ul>")
    assert parsed.takeaways is not None and parsed.takeaways.heading == "TL;DR"


def test_lines_broken_by_br_that_open_with_a_bullet_are_the_items():
    parsed = parse_fragment("<h3>À retenir</h3><p>• Les crampes touchent les mollets.<br>• Étirer le muscle aide."
                            "<br>• Le magnésium aide peu.</p>")
    assert parsed.takeaways is not None
    assert parsed.takeaways.items == ["Les crampes touchent les mollets.", "Étirer le muscle aide.",
                                      "Le magnésium aide peu."]


def test_a_one_column_table_headed_by_a_summary_label_lists_the_items():
    parsed = parse_fragment("<figure class='wp-block-table'><table><thead><tr><th>Key takeaways</th></tr></thead>"
                            "<tbody><tr><td>Take 10 micrograms a day.</td></tr><tr><td>More is not better.</td></tr>"
                            "</tbody></table></figure>")
    assert parsed.takeaways is not None
    assert parsed.takeaways.items == ["Take 10 micrograms a day.", "More is not better."]


def test_a_product_cards_highlights_are_not_the_articles_takeaways():
    parsed = parse_fragment("""<div class="deal-card"><p class="deal-title">Highlights</p>
        <ul><li>Medium-firm feel</li><li>365-night trial</li></ul>
        <a href="https://example.com/go/nectar" rel="sponsored">Shop now</a></div>""")
    assert parsed.takeaways is None


def test_a_summary_box_written_as_an_aside_inside_the_article_is_the_takeaways():
    parsed = parse_fragment("<aside class='wp-block-group'><h3>At a glance</h3><ul><li>Keep caffeine under 200 mg."
                            "</li><li>Decaf still has a little.</li></ul></aside>")
    assert parsed.takeaways is not None and parsed.takeaways.heading == "At a glance"
