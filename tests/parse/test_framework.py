import json

from tests.parse.helpers import parse_fragment


def steps(parsed):
    assert parsed.framework is not None
    return [(step.title, step.text) for step in parsed.framework.steps]


def test_ordered_list_under_a_framework_heading_splits_bold_titles_from_text():
    parsed = parse_fragment("""<h2>Decision Framework for Better Sleep</h2><ol>
        <li><strong>Track Your Sleep:</strong> Keep a diary for two weeks.</li>
        <li><strong>Set a Schedule</strong> &ndash; Go to bed at the same time.</li>
        <li>Review Progress: Compare the diary with your goals.</li></ol><p>Closing words of the article here.</p>""")
    assert parsed.framework.title == "Decision Framework for Better Sleep"
    assert steps(parsed) == [("Track Your Sleep", "Keep a diary for two weeks."),
                             ("Set a Schedule", "Go to bed at the same time."),
                             ("Review Progress", "Compare the diary with your goals.")]
    assert "Keep a diary" not in parsed.article.body
    assert "Closing words of the article here." in parsed.article.body


def test_one_heading_per_step_under_a_how_to_heading():
    parsed = parse_fragment("""<h2>How to Build a Bedtime Routine</h2><p>Start tonight.</p>
        <h3>Step 1: Dim the Lights</h3><p>An hour before bed, switch to warm lamps.</p>
        <h3>Step 2: Put the Phone Away</h3><p>Charge it outside the bedroom.</p><p>Use an alarm clock.</p>
        <h2>Conclusion</h2><p>Small habits add up over weeks.</p>""")
    assert steps(parsed) == [("Dim the Lights", "An hour before bed, switch to warm lamps."),
                             ("Put the Phone Away", "Charge it outside the bedroom.\n\nUse an alarm clock.")]
    assert "Small habits add up" in parsed.article.body


def test_spanish_steps_heading_is_recognised():
    parsed = parse_fragment("""<h2>Pasos a seguir</h2><ol><li><b>Consulte a su médico:</b> antes de empezar.</li>
        <li><b>Elija la dosis:</b> según su caso.</li></ol>""")
    assert steps(parsed) == [("Consulte a su médico", "antes de empezar."), ("Elija la dosis", "según su caso.")]


def test_yoast_how_to_block():
    parsed = parse_fragment("""<div class="schema-how-to wp-block-yoast-how-to-block">
        <p class="schema-how-to-description">Follow these.</p><ul class="schema-how-to-steps">
        <li class="schema-how-to-step" id="how-to-step-1"><strong class="schema-how-to-step-name">Measure</strong>
        <p class="schema-how-to-step-text">Measure your intake.</p></li>
        <li class="schema-how-to-step" id="how-to-step-2"><strong class="schema-how-to-step-name">Adjust</strong>
        <p class="schema-how-to-step-text">Adjust the dose.</p></li></ul></div>""")
    assert steps(parsed) == [("Measure", "Measure your intake."), ("Adjust", "Adjust the dose.")]


def test_how_to_json_ld_is_used_when_the_page_shows_no_steps():
    data = {"@context": "https://schema.org", "@type": "HowTo", "name": "How to nap well",
            "step": [{"@type": "HowToStep", "name": "Pick a time", "text": "Early afternoon works best."},
                     {"@type": "HowToStep", "text": "Keep it under 30 minutes."}]}
    parsed = parse_fragment("", head=f'<script type="application/ld+json">{json.dumps(data)}</script>')
    assert parsed.framework.title == "How to nap well"
    assert steps(parsed) == [("Pick a time", "Early afternoon works best."), ("", "Keep it under 30 minutes.")]


def test_an_ordinary_bullet_list_is_not_a_framework():
    parsed = parse_fragment("""<h2>Foods rich in magnesium</h2><ul><li>Spinach</li><li>Almonds</li></ul>""")
    assert parsed.framework is None
    assert "Spinach\nAlmonds" in parsed.article.body


def test_how_to_json_ld_steps_carrying_html_come_out_as_text():
    data = {"@type": "HowTo", "name": "How to nap well",
            "step": [{"@type": "HowToStep", "name": "Pick a time", "text": "<p>Early afternoon &amp; quiet.</p>"},
                     {"@type": "HowToStep", "name": "Keep it short", "text": "<p>Under 30 minutes.</p><p>Set an alarm.</p>"}]}
    parsed = parse_fragment("", head=f'<script type="application/ld+json">{json.dumps(data)}</script>')
    assert steps(parsed) == [("Pick a time", "Early afternoon & quiet."),
                             ("Keep it short", "Under 30 minutes.\n\nSet an alarm.")]


def test_paragraphs_opening_with_a_bold_title_are_steps_under_a_framework_heading():
    parsed = parse_fragment("""<h2>A Simple Framework for Choosing a Supplement</h2><p>Work through these in order.</p>
        <p><strong>Consult a Provider:</strong> Discuss benefits and risks first.</p>
        <p><strong>Pick a Form</strong> &ndash; Glycinate is gentle on the stomach.</p>
        <p><b>Track Symptoms:</b> Keep notes for four weeks.</p>
        <p>Most people notice changes within a month.</p>""")
    assert steps(parsed) == [("Consult a Provider", "Discuss benefits and risks first."),
                             ("Pick a Form", "Glycinate is gentle on the stomach."),
                             ("Track Symptoms", "Keep notes for four weeks.")]
    assert "Work through these in order." in parsed.article.body
    assert "Most people notice changes within a month." in parsed.article.body
    assert "Keep notes" not in parsed.article.body


def test_bold_only_paragraphs_title_the_steps_under_a_steps_heading():
    parsed = parse_fragment("""<h2>Steps to a Calmer Evening</h2>
        <p><strong>Step 1: Switch Off Screens</strong></p><p>Blue light delays sleep.</p>
        <p><strong>Step 2: Take a Warm Shower</strong></p><p>It cools the body afterwards.</p><p>Keep it short.</p>""")
    assert steps(parsed) == [("Switch Off Screens", "Blue light delays sleep."),
                             ("Take a Warm Shower", "It cools the body afterwards.\n\nKeep it short.")]


def test_bold_words_that_start_a_sentence_are_not_step_titles():
    parsed = parse_fragment("""<h2>How to Choose a Magnesium Supplement</h2>
        <p><strong>Magnesium glycinate</strong> is gentle on the stomach and well absorbed.</p>
        <p><strong>Magnesium citrate</strong> works faster but may loosen stools.</p>""")
    assert parsed.framework is None
    assert "Magnesium citrate works faster" in parsed.article.body


def test_how_to_json_ld_steps_written_as_directions_keep_their_names():
    # Yoast and Rank Math write each step's text as HowToDirection items; a HowToSection still groups steps.
    data = {"@type": "HowTo", "name": "How to nap well", "step": [
        {"@type": "HowToStep", "name": "Pick a time", "itemListElement": [
            {"@type": "HowToDirection", "text": "Early afternoon works best."}]},
        {"@type": "HowToSection", "name": "Afterwards", "itemListElement": [
            {"@type": "HowToStep", "name": "Get up", "itemListElement": [
                {"@type": "HowToDirection", "text": "Stand up at once."},
                {"@type": "HowToTip", "text": "Open a window."}]}]}]}
    parsed = parse_fragment("", head=f'<script type="application/ld+json">{json.dumps(data)}</script>')
    assert steps(parsed) == [("Pick a time", "Early afternoon works best."),
                             ("Get up", "Stand up at once.\n\nOpen a window.")]


def test_a_table_under_a_framework_heading_gives_one_step_a_row():
    parsed = parse_fragment("""<h2>Decision Framework for Better Sleep</h2><figure class="wp-block-table"><table>
        <thead><tr><th>Step</th><th>Action</th><th>Details</th></tr></thead><tbody>
        <tr><td>1</td><td>Track Your Sleep</td><td>Keep a diary for two weeks.</td></tr>
        <tr><td>Step 2</td><td>Set a Schedule</td><td>Go to bed at the same time.</td></tr></tbody></table></figure>
        <p>Closing words of the article here.</p>""")
    assert steps(parsed) == [("Track Your Sleep", "Keep a diary for two weeks."),
                             ("Set a Schedule", "Go to bed at the same time.")]
    assert "Keep a diary" not in parsed.article.body


def test_a_one_column_table_is_not_a_framework():
    parsed = parse_fragment("""<h2>Sleep checklist</h2><table><tr><td>Dark room</td></tr><tr><td>Cool air</td></tr>
        </table>""")
    assert parsed.framework is None


def test_an_introduction_between_the_framework_heading_and_its_list_stays_in_the_body():
    parsed = parse_fragment("""<h2>Step-by-step plan</h2><p>Work through these in order over a week.</p>
        <ol><li><b>Track:</b> Keep a diary.</li><li><b>Adjust:</b> Change one habit.</li></ol>""")
    assert steps(parsed) == [("Track", "Keep a diary."), ("Adjust", "Change one habit.")]
    assert "Work through these in order over a week." in parsed.article.body


def test_a_generic_how_heading_with_explanatory_subsections_is_not_a_framework():
    parsed = parse_fragment("""<h2>Come agisce la melatonina</h2>
        <h3>Il ritmo circadiano</h3><p>La melatonina segnala al corpo che è notte.</p>
        <h3>La temperatura corporea</h3><p>Abbassa leggermente la temperatura interna.</p>
        <h2>Passo dopo passo</h2><ol><li><b>Orario fisso:</b> Vai a letto alla stessa ora.</li>
        <li><b>Luce soffusa:</b> Abbassa le luci un'ora prima.</li></ol>""")
    assert steps(parsed) == [("Orario fisso", "Vai a letto alla stessa ora."),
                             ("Luce soffusa", "Abbassa le luci un'ora prima.")]
    assert "La melatonina segnala al corpo che è notte." in parsed.article.body


def test_a_titled_list_after_a_lead_in_sentence_takes_the_heading_above_it():
    parsed = parse_fragment("""<h3>How do I stop a leg cramp when it happens?</h3>
        <p>Most cramps pass within minutes. To ease the pain:</p>
        <ol><li><strong>Stretch the muscle</strong>: Pull your toes toward your shin.</li>
        <li><strong>Massage the area</strong>: Rub the tight muscle.</li></ol>""")
    assert parsed.framework is not None
    assert parsed.framework.title == "How do I stop a leg cramp when it happens?"
    assert steps(parsed)[0] == ("Stretch the muscle", "Pull your toes toward your shin.")
    assert "To ease the pain:" in parsed.article.body
    assert "How do I stop" not in parsed.article.body


def test_a_callout_with_its_own_heading_ends_the_last_step():
    parsed = parse_fragment("""<h2>How to Practice Box Breathing</h2>
        <h3>Step 1: Inhale</h3><p>Breathe in for four counts.</p>
        <h3>Step 2: Exhale</h3><p>Breathe out for four counts.</p>
        <div class='callout'><h3>Get Help Now</h3><p>If you are struggling, call the national helpline.</p></div>""")
    assert steps(parsed) == [("Inhale", "Breathe in for four counts."), ("Exhale", "Breathe out for four counts.")]
    assert "call the national helpline" in parsed.article.body


def test_a_call_to_action_link_after_the_last_step_is_not_part_of_it():
    parsed = parse_fragment("""<h2>How to Build a Monthly Budget</h2>
        <h3>Step 1: Add Up Your Income</h3><p>Start with what lands in your account.</p>
        <h3>Step 2: List Fixed Expenses</h3><p>Write down rent and insurance.</p>
        <div class="cta"><a href="https://cta.example.com/r?id=1">Download our free budget worksheet</a></div>""")
    assert steps(parsed)[-1] == ("List Fixed Expenses", "Write down rent and insurance.")


def test_bold_lead_sources_and_review_criteria_are_no_procedure():
    sources = parse_fragment("""<h2>Sources</h2><ol><li><b>Whelton PK, et al.</b> Hypertension guideline.
        Hypertension. 2018;71:e13.</li><li><b>Carey RM, et al.</b> Prevention and control. JAMA. 2018;320:1785.</li>
        </ol>""")
    assert sources.framework is None
    criteria = parse_fragment("""<h2>How we chose</h2><ol><li><b>Sodium per serving:</b> At least 300 mg.</li>
        <li><b>Sugar:</b> Under 5 g a serving.</li></ol>""")
    assert criteria.framework is None
    assert "At least 300 mg." in criteria.article.body


def test_a_step_table_with_a_caption_gives_one_step_a_row():
    parsed = parse_fragment("""<h2>Pasos a seguir</h2><figure class="wp-block-table"><table>
        <tr><td>Planifica</td><td>Escribe el menú de la semana.</td></tr>
        <tr><td>Compra</td><td>Lleva una lista al mercado.</td></tr></table>
        <figcaption>Cómo empezar la dieta</figcaption></figure>""")
    assert steps(parsed) == [("Planifica", "Escribe el menú de la semana."), ("Compra", "Lleva una lista al mercado.")]


def test_a_ranking_of_products_is_no_procedure():
    parsed = parse_fragment("""<h2>Our picks</h2><ol>
        <li><strong>Best overall:</strong> <a href="https://amzn.to/1" rel="sponsored">Thorne Magnesium</a></li>
        <li><strong>Best budget:</strong> <a href="https://amzn.to/2" rel="sponsored">Nature Made</a></li></ol>""")
    assert parsed.framework is None


def test_a_product_card_between_steps_is_not_a_steps_text():
    parsed = parse_fragment("""<h2>Schritt für Schritt zum sauberen Filter</h2>
        <h3>Gerät ausschalten</h3><p>Ziehen Sie den Stecker.</p>
        <div class="ce-card"><p>Levoit Ersatzfilter</p><a href="https://www.amazon.de/dp/B1?tag=x">Bei Amazon</a></div>
        <h3>Filter entnehmen</h3><p>Drehen Sie den Deckel auf.</p>""")
    assert steps(parsed) == [("Gerät ausschalten", "Ziehen Sie den Stecker."),
                             ("Filter entnehmen", "Drehen Sie den Deckel auf.")]


def test_steps_laid_out_as_cards_in_a_grid_drop_their_number_badges():
    card = ("<div class='gb-grid-column'><div class='step'><div class='step-number'>{n}</div><h3>{title}</h3>"
            "<p>{text}</p></div></div>")
    grid = "".join(card.format(n=n, title=t, text=x) for n, t, x in (
        (1, "Know your number", "Multiply your weight by 1.2."), (2, "Spread it out", "Eat protein at every meal.")))
    parsed = parse_fragment(f"<h2>4 steps to get enough protein</h2><p>Use these steps.</p>"
                            f"<div class='steps-grid'>{grid}</div>")
    assert steps(parsed) == [("Know your number", "Multiply your weight by 1.2."),
                             ("Spread it out", "Eat protein at every meal.")]
    assert "Use these steps." in parsed.article.body


def test_a_procedure_in_phases_joins_the_lists_of_its_sub_headings():
    parsed = parse_fragment("""<h2>How to start a low-FODMAP diet</h2><p>The diet has three phases.</p>
        <h3>Phase 1: Elimination</h3><ol><li><b>Swap foods:</b> Use low-FODMAP ones.</li>
        <li><b>Keep a diary:</b> Note symptoms.</li></ol>
        <h3>Phase 2: Reintroduction</h3><ol><li><b>Test one group:</b> Over three days.</li></ol>
        <h3>Sources</h3><ol><li>Gibson PR, et al. J Gastroenterol. 2010;25:252.</li></ol>""")
    assert [title for title, _ in steps(parsed)] == ["Swap foods", "Keep a diary", "Test one group"]
    assert "Phase 2" not in parsed.article.body
    assert "Gibson PR" in parsed.article.body
