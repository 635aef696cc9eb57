import json

import pytest

from tests.parse.helpers import faq_pairs, parse_fragment

EXPECTED = [("Is magnesium safe at night?", "Yes, for most adults."), ("How much should I take?", "Ask a doctor.")]

WIDGETS = {
    "details/summary": """<h2>FAQ</h2>
        <details><summary>Is magnesium safe at night?</summary><p>Yes, for most adults.</p></details>
        <details><summary>How much should I take?</summary><p>Ask a doctor.</p></details>""",
    "yoast faq block": """<div class="schema-faq wp-block-yoast-faq-block">
        <div class="schema-faq-section" id="faq-1"><strong class="schema-faq-question">Is magnesium safe at night?</strong>
        <p class="schema-faq-answer">Yes, for most adults.</p></div>
        <div class="schema-faq-section" id="faq-2"><strong class="schema-faq-question">How much should I take?</strong>
        <p class="schema-faq-answer">Ask a doctor.</p></div></div>""",
    "rank math faq block": """<div id="rank-math-faq" class="rank-math-block"><div class="rank-math-list">
        <div class="rank-math-list-item"><h3 class="rank-math-question">Is magnesium safe at night?</h3>
        <div class="rank-math-answer"><p>Yes, for most adults.</p></div></div>
        <div class="rank-math-list-item"><h3 class="rank-math-question">How much should I take?</h3>
        <div class="rank-math-answer"><p>Ask a doctor.</p></div></div></div></div>""",
    "elementor toggle with icons": """<div class="elementor-widget-toggle"><div class="elementor-toggle">
        <div class="elementor-toggle-item"><div class="elementor-tab-title" aria-expanded="false">
        <span class="elementor-toggle-icon"><i class="fas fa-plus"></i><i class="fas fa-minus"></i></span>
        <a class="elementor-toggle-title">Is magnesium safe at night?</a></div>
        <div class="elementor-tab-content" style="display:none"><p>Yes, for most adults.</p></div></div>
        <div class="elementor-toggle-item"><div class="elementor-tab-title" aria-expanded="false">
        <span class="elementor-toggle-icon">+</span><a class="elementor-toggle-title">How much should I take?</a></div>
        <div class="elementor-tab-content" hidden><p>Ask a doctor.</p></div></div></div></div>""",
    "kadence accordion": """<div class="kt-accordion-wrap"><div class="kt-accordion-inner-wrap">
        <div class="kt-accordion-pane"><div class="kt-accordion-header-wrap"><button class="kt-blocks-accordion-header">
        <span class="kt-blocks-accordion-title-wrap"><span class="kt-blocks-accordion-title">Is magnesium safe at night?</span></span>
        <span class="kt-blocks-accordion-icon-trigger"></span></button></div>
        <div class="kt-accordion-panel kt-accordion-panel-hidden"><div class="kt-accordion-panel-inner"><p>Yes, for most adults.</p></div></div></div>
        <div class="kt-accordion-pane"><div class="kt-accordion-header-wrap"><button class="kt-blocks-accordion-header">
        <span class="kt-blocks-accordion-title-wrap"><span class="kt-blocks-accordion-title">How much should I take?</span></span>
        </button></div><div class="kt-accordion-panel"><div class="kt-accordion-panel-inner"><p>Ask a doctor.</p></div></div></div>
        </div></div>""",
    "aria-controls accordion": """<div class="accordion">
        <h3><button aria-controls="p1" aria-expanded="false">Is magnesium safe at night? <span>&#8722;</span></button></h3>
        <div class="wrap"><div id="p1" role="region"><p>Yes, for most adults.</p></div></div>
        <h3><button aria-controls="p2" aria-expanded="false">How much should I take? <i class="icon">&#xe80a;</i></button></h3>
        <div class="wrap"><div id="p2" role="region"><p>Ask a doctor.</p></div></div></div>""",
    "microdata": """<div itemscope itemtype="https://schema.org/FAQPage">
        <div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question"><h3 itemprop="name">Is magnesium safe at night?</h3>
        <div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><div itemprop="text"><p>Yes, for most adults.</p></div></div></div>
        <div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question"><h3 itemprop="name">How much should I take?</h3>
        <div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><div itemprop="text"><p>Ask a doctor.</p></div></div></div></div>""",
    "divi toggles (underscore class words)": """<div class="et_pb_module et_pb_accordion">
        <div class="et_pb_toggle et_pb_accordion_item et_pb_toggle_open"><h5 class="et_pb_toggle_title">Is magnesium safe at night?</h5>
        <div class="et_pb_toggle_content clearfix"><p>Yes, for most adults.</p></div></div>
        <div class="et_pb_toggle et_pb_accordion_item et_pb_toggle_close"><h5 class="et_pb_toggle_title">How much should I take?</h5>
        <div class="et_pb_toggle_content clearfix"><p>Ask a doctor.</p></div></div></div>""",
    "shortcodes ultimate spoilers": """<div class="su-accordion"><div class="su-spoiler su-spoiler-closed">
        <div class="su-spoiler-title" tabindex="0" role="button"><span class="su-spoiler-icon"></span>Is magnesium safe at night?</div>
        <div class="su-spoiler-content">Yes, for most adults.</div></div><div class="su-spoiler su-spoiler-closed">
        <div class="su-spoiler-title" tabindex="0" role="button"><span class="su-spoiler-icon"></span>How much should I take?</div>
        <div class="su-spoiler-content">Ask a doctor.</div></div></div>""",
    "generateblocks accordion (BEM class words)": """<div class="gb-accordion"><div class="gb-accordion__item">
        <div class="gb-accordion__toggle"><h3 class="gb-text">Is magnesium safe at night?</h3>
        <span class="gb-accordion__toggle-icon"><svg viewBox="0 0 24 24"><polyline points="6 9 12 15"></polyline></svg></span></div>
        <div class="gb-accordion__content"><p>Yes, for most adults.</p></div></div><div class="gb-accordion__item">
        <div class="gb-accordion__toggle"><h3 class="gb-text">How much should I take?</h3></div>
        <div class="gb-accordion__content"><p>Ask a doctor.</p></div></div></div>""",
    "ultimate blocks content toggle (question in a <p>, panel with aria-expanded)": """<div class="wp-block-ub-content-toggle">
        <div class="wp-block-ub-content-toggle-accordion"><div class="wp-block-ub-content-toggle-accordion-title-wrap" aria-controls="ub-0">
        <p class="wp-block-ub-content-toggle-accordion-title">Is magnesium safe at night?</p>
        <div class="wp-block-ub-content-toggle-accordion-toggle-wrap right"><span class="wp-block-ub-chevron-down"></span></div></div>
        <div role="region" aria-expanded="false" class="wp-block-ub-content-toggle-accordion-content-wrap ub-hide" id="ub-0">
        <p>Yes, for most adults.</p></div></div>
        <div class="wp-block-ub-content-toggle-accordion"><div class="wp-block-ub-content-toggle-accordion-title-wrap" aria-controls="ub-1">
        <p class="wp-block-ub-content-toggle-accordion-title">How much should I take?</p>
        <div class="wp-block-ub-content-toggle-accordion-toggle-wrap right"><span class="wp-block-ub-chevron-down"></span></div></div>
        <div role="region" aria-expanded="false" class="wp-block-ub-content-toggle-accordion-content-wrap ub-hide" id="ub-1">
        <p>Ask a doctor.</p></div></div></div>""",
    "thrive toggles with hidden panels": """<div class="thrv_wrapper thrv_toggle"><div class="thrv_toggle_item tve_faq">
        <div class="tve_faqB thrv_toggle_title"><div class="tve_toggle"><svg viewBox="0 0 384 512"><path d="M368"></path></svg></div>
        <h4 class="tve-toggle-text">Is magnesium safe at night?</h4></div>
        <div class="tve_faqC" style="display: none;"><div class="thrv_toggle_content"><p>Yes, for most adults.</p></div></div></div>
        <div class="thrv_toggle_item tve_faq"><div class="tve_faqB thrv_toggle_title"><h4 class="tve-toggle-text">How much should I take?</h4></div>
        <div class="tve_faqC" style="display: none;"><div class="thrv_toggle_content"><p>Ask a doctor.</p></div></div></div></div>""",
    "heading run under a faq heading (spanish)": """<h2>Preguntas frecuentes</h2>
        <h3>Is magnesium safe at night?</h3><p>Yes, for most adults.</p>
        <h3>How much should I take?</h3><p>Ask a doctor.</p><h2>Conclusion</h2><p>Sleep well.</p>""",
}


@pytest.mark.parametrize("widget", WIDGETS)
def test_faq_widgets_give_clean_question_answer_pairs(widget):
    parsed = parse_fragment(WIDGETS[widget])
    assert faq_pairs(parsed) == EXPECTED
    assert "Is magnesium safe" not in parsed.article.body
    assert "Ask a doctor" not in parsed.article.body


def test_faq_answers_keep_paragraphs_and_list_items():
    parsed = parse_fragment("""<h2>Frequently Asked Questions</h2>
        <details><summary>Which foods are rich in magnesium?</summary>
        <p>Several, for example:</p><ul><li>Spinach</li><li>Almonds</li></ul><p>And more.</p></details>""")
    assert faq_pairs(parsed) == [("Which foods are rich in magnesium?",
                                  "Several, for example:\n\nSpinach\nAlmonds\n\nAnd more.")]


def test_faq_only_declared_in_json_ld_is_used_when_the_page_shows_none():
    data = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": "Is magnesium safe at night?",
         "acceptedAnswer": {"@type": "Answer", "text": "<p>Yes, for most adults.</p>"}},
        {"@type": "Question", "name": "How much should I take?",
         "acceptedAnswer": {"@type": "Answer", "text": "Ask a doctor."}}]}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    assert faq_pairs(parse_fragment("", head=head)) == EXPECTED


def test_visible_faq_wins_over_json_ld_and_is_not_duplicated():
    data = {"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "Is magnesium safe at night?",
                                                "acceptedAnswer": {"text": "Declared answer."}}]}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    parsed = parse_fragment(WIDGETS["details/summary"], head=head)
    assert faq_pairs(parsed) == EXPECTED


def test_section_headings_ending_in_question_marks_are_not_an_faq():
    parsed = parse_fragment("""<h2>What is magnesium?</h2><p>A mineral found in many foods and in the body.</p>
        <h2>Why does it matter?</h2><p>It takes part in hundreds of reactions.</p>""")
    assert parsed.faq == []
    assert "What is magnesium?" in parsed.article.body


def test_toggle_icons_never_reach_questions_or_answers():
    parsed = parse_fragment("""<div class="faq-block">
        <div class="faq-item"><h3 class="faq-question">Is magnesium safe at night? <span>+</span></h3>
        <div class="faq-answer"><span class="icon">&#8722;</span><p>Yes, for most adults.</p></div></div>
        <div class="faq-item"><h3 class="faq-question"><i>&#x203A;</i> How much should I take?</h3>
        <div class="faq-answer"><p>Ask a doctor.</p><span>&#9660;</span></div></div></div>""")
    assert faq_pairs(parsed) == EXPECTED


def test_odd_aria_controls_values_are_looked_up_safely():
    parsed = parse_fragment("""<h2>FAQ</h2>
        <h3><button aria-controls='a"b\\ c' aria-expanded="false">Is magnesium safe at night?</button></h3>
        <div id='a"b\\ c'><p>Yes, for most adults.</p></div>
        <h3><button aria-controls="" aria-expanded="false">How much should I take?</button></h3>
        <div><p>Ask a doctor.</p></div>""")
    assert faq_pairs(parsed) == EXPECTED


def test_the_heading_right_before_an_faq_widget_leaves_the_body_with_it():
    parsed = parse_fragment("""<h2>Questions readers ask us</h2><div role="group" class="wp-block-accordion">
        <div class="wp-block-accordion-item"><h3 class="wp-block-accordion-heading"><button type="button"
        class="wp-block-accordion-heading__toggle" aria-controls="i1-panel" aria-expanded="false">
        <span class="wp-block-accordion-heading__toggle-title">Is magnesium safe at night?</span>
        <span class="wp-block-accordion-heading__toggle-icon" aria-hidden="true">+</span></button></h3>
        <div inert role="region" class="wp-block-accordion-panel" id="i1-panel"><p>Yes, for most adults.</p></div></div>
        <div class="wp-block-accordion-item"><h3 class="wp-block-accordion-heading"><button type="button"
        class="wp-block-accordion-heading__toggle" aria-controls="i2-panel" aria-expanded="false">
        <span class="wp-block-accordion-heading__toggle-title">How much should I take?</span></button></h3>
        <div inert role="region" class="wp-block-accordion-panel" id="i2-panel"><p>Ask a doctor.</p></div></div></div>
        <h2>Sleep Hygiene</h2><p>Keep the bedroom dark and cool.</p>""")
    assert faq_pairs(parsed) == EXPECTED
    assert "Questions readers ask us" not in parsed.article.body
    assert "Sleep Hygiene" in parsed.article.body


def test_json_ld_questions_referenced_by_id_from_the_graph_are_read():
    # Yoast's graph: the FAQPage lists {"@id"} references; each Question is a node of its own.
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": ["WebPage", "FAQPage"], "@id": "https://x.example/a/",
         "mainEntity": [{"@id": "https://x.example/a/#faq-question-1"}, {"@id": "https://x.example/a/#faq-question-2"}]},
        {"@type": "Question", "@id": "https://x.example/a/#faq-question-1", "name": EXPECTED[0][0],
         "acceptedAnswer": {"@type": "Answer", "text": EXPECTED[0][1]}},
        {"@type": "Question", "@id": "https://x.example/a/#faq-question-2", "name": EXPECTED[1][0],
         "acceptedAnswer": {"@type": "Answer", "text": EXPECTED[1][1]}}]}
    parsed = parse_fragment("", head=f'<script type="application/ld+json">{json.dumps(graph)}</script>')
    assert faq_pairs(parsed) == EXPECTED


def test_a_heading_run_wrapped_in_one_builder_section_is_opened():
    parsed = parse_fragment("""<h2>FAQ</h2><div class="wp-block-group"><div class="inner">
        <h3>Is magnesium safe at night?</h3><p>Yes, for most adults.</p>
        <h3>How much should I take?</h3><p>Ask a doctor.</p></div></div>
        <h2>Conclusion</h2><p>Sleep well tonight.</p>""")
    assert faq_pairs(parsed) == EXPECTED
    assert "Sleep well tonight." in parsed.article.body


def test_the_heading_before_details_placed_straight_in_the_article_leaves_with_them():
    parsed = parse_fragment("""<h2>What readers ask us</h2>
        <details><summary>Is magnesium safe at night?</summary><p>Yes, for most adults.</p></details>
        <details><summary>How much should I take?</summary><p>Ask a doctor.</p></details>
        <p>Closing words of the article here.</p>""")
    assert faq_pairs(parsed) == EXPECTED
    assert "What readers ask us" not in parsed.article.body
    assert "Closing words of the article here." in parsed.article.body


def test_a_closing_paragraph_after_the_last_answer_of_a_heading_run_stays_in_the_body():
    parsed = parse_fragment("""<h2>FAQ</h2>
        <h3>Is magnesium safe at night?</h3><p>Yes, for most adults.</p>
        <h3>How much should I take?</h3><p>Ask a doctor.</p>
        <h3>Can children take it?</h3><p>Only with a paediatrician's advice.</p>
        <p>Small habits, kept every evening, do more than any supplement.</p>""")
    assert faq_pairs(parsed)[-1] == ("Can children take it?", "Only with a paediatrician's advice.")
    assert "Small habits, kept every evening" in parsed.article.body


def test_the_last_answer_keeps_as_many_blocks_as_the_longest_other_answer():
    parsed = parse_fragment("""<h2>FAQ</h2>
        <h3>Is magnesium safe at night?</h3><p>Yes, for most adults.</p><p>Start low.</p>
        <h3>How much should I take?</h3><p>Ask a doctor.</p>
        <h3>Can children take it?</h3><p>Only with advice.</p><p>And at a lower dose.</p>""")
    assert faq_pairs(parsed)[-1] == ("Can children take it?", "Only with advice.\n\nAnd at a lower dose.")


def test_the_last_answer_goes_on_only_with_the_kinds_of_block_that_go_on_the_other_answers():
    parsed = parse_fragment("""<h2>Häufig gestellte Fragen</h2>
        <h3>Kann man zu viel Eisen aufnehmen?</h3><p>Ja, deshalb nie auf Verdacht.</p>
        <h3>Welche Lebensmittel enthalten viel Eisen?</h3><p>Besonders eisenreich sind:</p><ul><li>Linsen</li></ul>
        <h3>Wie schnell wirken Eisentabletten?</h3><p>Nach zwei bis drei Wochen.</p>
        <p>Wer die Ursache kennt, hat seine Eisenwerte bald wieder im Griff.</p>""")
    assert faq_pairs(parsed)[-1] == ("Wie schnell wirken Eisentabletten?", "Nach zwei bis drei Wochen.")
    assert "Wer die Ursache kennt" in parsed.article.body


def test_the_title_of_an_accordion_is_not_one_of_its_questions():
    parsed = parse_fragment("""<div class="faq-block"><h2 class="faq-block__faq-title">Frequently Asked Questions</h2>
        <div class="faq-block__list">
        <details><summary>Is magnesium safe at night?</summary><p>Yes, for most adults.</p></details>
        <details><summary>How much should I take?</summary><p>Ask a doctor.</p></details></div></div>""")
    assert faq_pairs(parsed) == EXPECTED


def test_a_question_icon_in_a_section_heading_does_not_make_the_heading_a_question():
    parsed = parse_fragment("""<h2><span class="section-icon--common-questions"></span>Common Questions</h2>
        <h3>Is magnesium safe at night?</h3><p>Yes, for most adults.</p>
        <h3>How much should I take?</h3><p>Ask a doctor.</p>""")
    assert faq_pairs(parsed) == EXPECTED


def test_one_wrapper_per_question_inside_a_custom_element_accordion():
    parsed = parse_fragment("""<h2>Frequently asked questions</h2><amp-accordion expand-single-section>
        <section><h3>Is magnesium safe at night?</h3><div><p>Yes, for most adults.</p></div></section>
        <section><h3>How much should I take?</h3><div><p>Ask a doctor.</p></div></section></amp-accordion>""")
    assert faq_pairs(parsed) == EXPECTED
    assert "Ask a doctor." not in parsed.article.body


def test_json_ld_answers_written_as_escaped_html_come_out_as_text():
    data = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": "Is magnesium safe at night?",
         "acceptedAnswer": {"@type": "Answer", "text": "&lt;p&gt;Yes, &lt;strong&gt;for most adults&lt;/strong&gt;.&lt;/p&gt;"}},
        {"@type": "Question", "name": "How much should I take?",
         "acceptedAnswer": {"@type": "Answer", "text": "Ask a doctor."}}]}
    parsed = parse_fragment("", head=f"<script type='application/ld+json'>{json.dumps(data)}</script>")
    assert faq_pairs(parsed)[0] == ("Is magnesium safe at night?", "Yes, for most adults.")


def test_a_closing_disclaimer_is_not_part_of_the_last_answer():
    parsed = parse_fragment("""<h2>FAQ</h2>
        <h3>Is magnesium safe at night?</h3><p>Yes, for most adults.</p><p>Start low.</p>
        <h3>How much should I take?</h3><p>Ask a doctor.</p>
        <p><em>This article is for informational purposes only and does not replace medical advice.</em></p>""")
    assert faq_pairs(parsed)[-1] == ("How much should I take?", "Ask a doctor.")


def test_paragraphs_that_label_themselves_q_and_a_are_an_faq_without_their_labels():
    parsed = parse_fragment("""<h2>Reader questions</h2>
        <p><strong>Q: Is magnesium safe at night?</strong></p><p><strong>A:</strong> Yes, for most adults.</p>
        <p><strong>Q: How much should I take?</strong></p><p><strong>A:</strong> Ask a doctor.</p>""")
    assert faq_pairs(parsed) == EXPECTED
    assert "Reader questions" not in parsed.article.body


def test_a_single_bold_question_and_answer_line_is_no_faq():
    parsed = parse_fragment("<p><b>Q: Is magnesium safe at night?</b></p><p><b>A:</b> Yes, for most adults.</p>")
    assert parsed.faq == []


def test_one_deeply_nested_wrapper_per_question_under_an_faq_heading():
    item = ("<div class='thrv_toggle_shortcode'><div class='tve_faq'><div class='tve_faqI'><div class='tve_faqB'>"
            "<span class='tve_toggle'></span><h4>{q}</h4></div><div class='tve_faqC' style='display:none'><p>{a}</p>"
            "</div></div></div></div>")
    parsed = parse_fragment("<h2>Sleep FAQ</h2>" + "".join(item.format(q=q, a=a) for q, a in EXPECTED))
    assert faq_pairs(parsed) == EXPECTED
