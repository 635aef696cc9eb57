"""The article container: prose scoring, bare-text blocks, widening over split articles, pruning inside."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from pipeline.page import RawPage
from pipeline.parse import parse_page
from pipeline.parse.chrome import remove_chrome
from pipeline.parse.content import body_text, find_content
from tests.conftest import article_html
from tests.parse.helpers import parse_fragment, parse_html, parse_opening

PARAGRAPH = ("<p>The committee met on Tuesday, after weeks of delay, to weigh the proposal, its costs, and the "
             "objections raised by residents who live near the site.</p>")


def extract(html: str) -> str:
    tree = LexborHTMLParser(html)
    names = remove_chrome(tree)
    container = find_content(tree.body, names)
    return body_text(container) if container is not None else ""


def test_prose_wins_over_a_longer_list_of_links() -> None:
    links = "".join(f"<li><a href='/s/{n}'>Another story headline number {n} here</a></li>" for n in range(30))
    text = extract(f"<body><div class='list'><ul>{links}</ul></div><div class='story'>{PARAGRAPH * 4}</div></body>")
    assert text.startswith("The committee met")
    assert "Another story" not in text


def test_text_broken_by_br_without_paragraphs_is_found() -> None:
    lines = "<br>".join(["Residents gathered outside the hall, holding signs, singing, and chanting."] * 5)
    menu = "".join(f"<li><a href='/{n}'>Section {n}</a></li>" for n in range(20))
    text = extract(f"<body><ul>{menu}</ul><div id='story'>{lines}</div></body>")
    assert text.count("Residents gathered") == 5
    assert "Section 3" not in text


def test_split_article_is_taken_whole() -> None:
    chunk = f"<div class='grid'><div class='chunk'>{PARAGRAPH * 3}</div></div>"
    text = extract(f"<body><article><div class='chunks'>{chunk}{chunk}</div></article></body>")
    assert text.count("The committee met") == 6


def test_widening_stops_at_a_box_of_teasers() -> None:
    teasers = "".join(
        f"<div><a href='/t/{n}'>Teaser headline {n} about something else entirely</a>"
        f"<p>A one-line summary of teaser {n}, written to draw the reader.</p></div>" for n in range(6)
    )
    page = f"<body><div class='wrap'><div class='story'>{PARAGRAPH * 5}</div><div>{teasers}</div></div></body>"
    text = extract(page)
    assert text.count("The committee met") == 5
    assert "Teaser headline" not in text


def test_captions_and_link_lists_inside_the_article_are_pruned() -> None:
    page = (f"<body><article>{PARAGRAPH * 2}<figure><img src='x.jpg'><figcaption>The hall on Tuesday. Photo: "
            "Staff</figcaption></figure>" + PARAGRAPH * 2 + "<div><a href='/1'>Most read story one</a> "
            "<a href='/2'>Most read story two</a></div></article></body>")
    text = extract(page)
    assert text.count("The committee met") == 4
    assert "Photo: Staff" not in text
    assert "Most read" not in text


def test_page_without_prose_has_no_container() -> None:
    tree = LexborHTMLParser("<body><ul><li><a href='/'>Home</a></li></ul></body>")
    assert find_content(tree.body, remove_chrome(tree)) is None


def test_a_chrome_label_late_in_the_text_ends_the_article() -> None:
    teasers = "<div><p>More in Sports</p><div><p>Another story, with its own summary line, sits here.</p></div></div>"
    text = extract(f"<body><article>{PARAGRAPH * 4}{teasers}</article></body>")
    assert text.count("The committee met") == 4
    assert "More in Sports" not in text
    assert "Another story" not in text


def test_ad_labels_inside_the_article_are_dropped_and_the_article_goes_on() -> None:
    text = extract(f"<body><article>{PARAGRAPH * 2}<div>Advertisement</div>{PARAGRAPH * 2}"
                   "<p>Read More</p><p>false</p></article></body>")
    assert text.count("The committee met") == 4
    assert "Advertisement" not in text
    assert "Read More" not in text
    assert "false" not in text.split("\n")


def test_a_chrome_heading_never_takes_the_article_with_it() -> None:
    text = extract(f"<body><article><h2>Related</h2><h2>Comments</h2>{PARAGRAPH * 4}</article></body>")
    assert text.count("The committee met") == 4


def test_a_read_also_line_linking_another_article_is_dropped_in_any_language():
    for label in ("Read also", "Lee también", "À lire aussi ", "Czytaj także", "Читайте также"):
        parsed = parse_fragment(f"<p>{label}: <a href='/other/'>Ten foods rich in iron</a></p>"
                                "<p>Read the label of every supplement: doses differ a lot between brands.</p>")
        assert "Ten foods rich in iron" not in parsed.article.body, label
        assert "Read the label of every supplement: doses differ" in parsed.article.body


def test_a_link_card_to_another_article_is_dropped():
    parsed = parse_fragment("<p>あわせて読みたい</p><a href='/caffeine/' class='blogcard-wrap'><div class='blogcard'>"
                            "<div class='blogcard-title'>Caffeine: how late is too late?</div><div class='snippet'>"
                            "Coffee keeps you awake for hours after the last cup, longer than most think.</div></div></a>")
    assert "Caffeine: how late" not in parsed.article.body
    assert "Coffee keeps you awake" not in parsed.article.body


def test_reading_time_lines_are_not_prose():
    for line in ("Reading Time: 6 minutes", "6 min read", "Lesezeit: 4 Minuten", "Tempo de leitura: 2 minutos"):
        parsed = parse_fragment(f"<span class='rt' style='display:block'>{line}</span>")
        assert line not in parsed.article.body, line


def test_a_box_of_links_opened_by_a_chrome_label_goes_whole():
    parsed = parse_fragment("<div class='wp-block-group'><p>Sponsored</p><p>Itchy eyes? <strong>AllerCalm</strong> "
                            "drops help. <a href='https://ad.example/'>Get 20% off</a>.</p></div>"
                            "<p>Non-drowsy antihistamines help with sneezing and itching for most people.</p>")
    assert "AllerCalm" not in parsed.article.body
    assert "Non-drowsy antihistamines help" in parsed.article.body


def parse_at(fragment: str, url: str):
    page = article_html("Sleep And Recovery", paragraphs=4, extra=fragment)
    return parse_page(RawPage(source="page.html", body=page.encode(), url=url)).article


def test_a_reference_list_linking_elsewhere_stays_and_a_related_list_goes():
    references = ("<h2>References</h2><ol><li><a href='https://doi.org/10.1177/0333'>Smith J, et al. Sleep and "
                  "memory. J Sleep Res.</a></li><li><a href='https://www.nice.org.uk/guidance/cg150'>NICE. Headaches "
                  "in over 12s (2021).</a></li></ol>")
    related = ("<div class='box'><div class='box-title'>Related coverage</div><ul><li><a href='https://news.example.com"
               "/a'>Who should get a booster</a></li><li><a href='/b'>RSV shots this year</a></li></ul></div>")
    article = parse_at(related + references, "https://www.news.example.com/sleep/")
    assert "Smith J, et al. Sleep and memory." in article.body
    assert "References" in article.body
    assert "Who should get a booster" not in article.body
    assert "Related coverage" not in article.body


def test_shop_links_are_no_references_though_they_leave_the_site():
    shop = ("<ul><li><a href='https://amazon.example/dp/1'>Get it on Amazon for $39.99</a></li>"
            "<li><a href='https://walmart.example/ip/2'>Get it at Walmart</a></li></ul>")
    article = parse_at(shop, "https://gadgets.example.com/review/")
    assert "Get it on Amazon" not in article.body


def test_byline_lines_inside_the_article_are_not_prose():
    for line in ("Medically reviewed by Dr. Owen Hartley, MD · Updated November 3, 2025 · 6 min read",
                 "By Ana Ruiz | Published 12 May 2024", "Por Ana Ruiz – actualizado 3 de noviembre de 2025"):
        parsed = parse_fragment(f"<p>{line}</p>")
        assert line not in parsed.article.body, line


def test_a_sentence_that_starts_like_a_byline_stays():
    parsed = parse_fragment("<p>By 2030 — experts say — half of adults will sleep less than six hours.</p>")
    assert "By 2030 — experts say — half of adults" in parsed.article.body


def test_an_affiliate_disclosure_opening_the_article_is_dropped():
    parsed = parse_fragment("<p><em>This article contains affiliate links. If you buy through them, we may earn a "
                            "small commission at no extra cost to you.</em></p>")
    assert "affiliate links" not in parsed.article.body


def test_an_indented_list_of_links_is_as_link_heavy_as_a_compact_one():
    jump = ("<ul>\n" + "".join(f"        <li>\n            <a href='#s{n}'>Section {n}</a>\n        </li>\n"
                               for n in range(4)) + "    </ul>")
    parsed = parse_fragment(jump)
    assert "Section 2" not in parsed.article.body


def test_a_line_that_is_only_a_date_is_not_prose():
    parsed = parse_fragment("<p>Jan. 20, 2024</p><p>The law took effect on Jan. 1, 2024.</p>")
    assert "Jan. 20, 2024" not in parsed.article.body
    assert "The law took effect on Jan. 1, 2024." in parsed.article.body


def test_byline_parts_on_lines_of_their_own_open_no_article():
    parsed = parse_fragment("")
    body = parse_opening("<p>By Ana Ruiz</p><p>Medically reviewed by Dr. Lee, MD</p>").article.body
    assert not body.startswith(("By Ana Ruiz", "Medically reviewed"))
    assert parsed.article.body.split("\n\n")[0] in body


def test_a_promotion_card_with_one_call_to_action_is_dropped():
    cards = ("<div class='price-card'><p>Save on atorvastatin</p><p>Compare prices at 70,000+ pharmacies</p>"
             "<p>$12.50 with free coupon</p><a href='/atorvastatin'>Get free coupon</a></div>"
             "<div class='product'><span>Graza</span><span>Drizzle Olive Oil</span>"
             "<a href='https://shop.example/graza'>$21 at Amazon</a></div>")
    body = parse_fragment(cards).article.body
    assert "atorvastatin" not in body and "coupon" not in body
    assert "Graza" not in body and "$21 at Amazon" not in body


def test_a_small_box_whose_link_sits_in_a_sentence_stays():
    box = ("<div class='note'><p>Ask your pharmacist</p><p>See <a href='/guide'>our statin guide</a> for the "
           "questions to bring. It lists them all.</p></div>")
    body = parse_fragment(box).article.body
    assert "See our statin guide for the questions to bring." in body


def test_ad_labels_joined_by_a_separator_are_dropped():
    body = parse_fragment("<p>Advertisement - Continue Reading Below</p>").article.body
    assert "Continue Reading" not in body


def test_a_publishers_notice_of_its_editorial_standards_is_not_prose():
    notice = ("<p>Everyday Wellness follows strict sourcing guidelines to ensure the accuracy of its content, "
              "outlined in our editorial policy.</p>")
    body = parse_fragment(notice).article.body
    assert "sourcing guidelines" not in body


def test_picture_credits_and_copyright_lines_are_not_prose():
    lines = ("<p>Photo Credit: PeopleImages / Getty Images</p><p>Photo by Ana Ruiz on Unsplash</p>"
             "<p>© 2024 Health Hub, LLC. All rights reserved.</p>")
    body = parse_fragment(lines).article.body
    assert "Getty" not in body and "Unsplash" not in body and "rights reserved" not in body


def test_a_sentence_about_copyright_stays():
    body = parse_fragment("<p>Copyright law protects the expression of an idea, not the idea itself.</p>").article.body
    assert "Copyright law protects" in body


def test_a_disclaimer_closing_the_article_is_dropped():
    disclaimer = ("<p><strong>Disclaimer:</strong><br>As a service to our readers, we provide access to our archive."
                  "</p><p>No content on this site should ever be used as a substitute for direct medical advice.</p>")
    body = parse_fragment(disclaimer).article.body
    assert "Disclaimer" not in body and "As a service" not in body and "substitute" not in body


def test_the_articles_header_lines_left_in_the_container_are_not_prose():
    header = ("<p>Staying Healthy</p><p>By Matthew Solan, Executive Editor, Men's Health Watch</p>"
              "<p>Reviewed by Howard E. LeWine, MD, Chief Medical Editor, Health Publishing</p>")
    body = parse_opening(header).article.body
    assert not body.startswith(("Staying Healthy", "By Matthew", "Reviewed by"))
    assert "Reviewed by" not in body


def test_a_newsletter_pitch_with_a_sign_up_link_is_dropped():
    pitch = ("<div class='box'><p>Get helpful tips for everything from fighting inflammation to eating well. PLUS, "
             "the latest news from our experts.</p><p><strong>BONUS!</strong> Sign up now and get a free guide.</p>"
             "<a href='/subscribe' class='btn'>Sign Me Up</a></div>")
    body = parse_fragment(pitch).article.body
    assert "fighting inflammation" not in body and "Sign Me Up" not in body


def test_a_box_promising_the_readers_inbox_is_a_sign_up_pitch():
    pitch = ("<div class='css-51b607'><p>Free 7-day calm plan</p><p>Short daily exercises to help you manage anxious "
             "thoughts, straight to your inbox.</p><a href='/plan'>Get the plan</a></div>")
    body = parse_fragment(pitch).article.body
    assert "calm plan" not in body and "Get the plan" not in body


def test_a_share_button_in_the_middle_of_the_text_neither_stays_nor_ends_the_article():
    page = article_html("Sleep And Recovery", paragraphs=4, extra="")
    button = "<p class='button-wrapper'><a class='button primary' href='https://example.com/p/x?action=share'>Share</a></p>"
    paragraphs = page.split("</p>")
    page = "</p>".join(paragraphs[:3]) + "</p>" + button + "</p>".join(paragraphs[3:])
    body = parse_html(page).article.body
    assert "Share" not in body.split("\n\n")
    assert "Paragraph 4 of Sleep And Recovery." in body  # the text after the button is still there


def test_counts_of_claps_or_views_and_member_labels_are_not_prose():
    body = parse_fragment("<p>Member-only story</p><p>1.2K</p><p>2,345 views</p><table><tr><td>12</td></tr></table>"
                          ).article.body
    assert "Member-only" not in body and "1.2K" not in body and "views" not in body
    assert "12" in body.split("\n\n")  # a number on its own, as in a table cell, stays


def test_a_bold_line_labelling_a_removed_list_of_links_goes_with_it():
    toc = ("<p><strong>Table of Contents</strong></p><ul><li><a href='#why'>Why a budget works</a></li>"
           "<li><a href='#how'>How to build one</a></li></ul><h2 id='why'>Why a budget works</h2>")
    body = parse_opening(toc).article.body
    assert "Table of Contents" not in body and "How to build one" not in body


def test_on_a_page_that_appends_the_next_stories_only_the_titled_one_gives_records():
    def story(title: str, extra: str) -> str:
        return (f"<article class='story'><h1>{title}</h1>{PARAGRAPH * 3}{extra}</article>")

    steps = "<h2>Step-by-step plan</h2><ol><li><b>Compare:</b> Look at rates.</li><li><b>Open:</b> Apply.</li></ol>"
    html = ("<html><head><title>How Big Should Your Fund Be?</title></head><body>"
            + story("How Big Should Your Fund Be?", "")
            + story("How to Open a Savings Account", steps) + "</body></html>")
    parsed = parse_html(html)
    assert parsed.framework is None
    assert "Look at rates" not in parsed.article.body


def test_closing_lines_that_say_who_reviewed_the_article_and_when_are_not_prose():
    closing = ("<p>Review Date 1/23/2024</p><p>Updated by: Jesse Borke, MD, Attending Physician. Also reviewed by "
               "David C. Dugdale, MD, Medical Director.</p>")
    body = parse_fragment(closing).article.body
    assert "Review Date" not in body and "Updated by" not in body


def test_a_closing_sentence_that_names_a_date_stays():
    body = parse_fragment("<p>The law took effect on Jan. 1, 2024.</p>").article.body
    assert body.endswith("The law took effect on Jan. 1, 2024.")


def test_script_notices_see_also_lines_and_like_counts_are_not_prose():
    lines = ("<p>To use the sharing features on this page, please enable JavaScript.</p>"
             "<p>See also: <a href='/vitamin-d-dose'>How Much Vitamin D Do You Need?</a></p><p>12 Likes</p>"
             "<p>اقرأ أيضاً: <a href='/low-sugar'>أعراض هبوط السكر</a></p>")
    body = parse_fragment(lines).article.body
    assert "JavaScript" not in body and "See also" not in body and "Likes" not in body and "اقرأ" not in body


def test_a_press_releases_media_contact_ends_the_article():
    page = article_html("Sleep And Recovery", paragraphs=4, extra="<p>Media Contact:</p><p>Jenna Morales</p>"
                        "<p>jmorales@example.org</p>")
    body = parse_html(page).article.body
    assert "Media Contact" not in body and "Jenna Morales" not in body


def test_other_posts_listed_as_articles_after_the_post_are_not_its_body():
    other = ("<p>A whole other message, with enough words in it to read like prose, about courage and patience in "
             "hard times and the friends who stay.</p>")
    excerpt = f"<article class='postbox'><h2>Another message</h2>{other * 3}</article>"
    html = ("<html><head><title>Only Love</title></head><body><article class='articlebox'><h1>Only Love</h1>"
            f"{PARAGRAPH * 2}</article>{excerpt * 4}</body></html>")
    body = parse_html(html).article.body
    assert body.startswith("The committee met") and "courage and patience" not in body


def test_a_headline_article_without_prose_does_not_stand_for_the_page():
    html = ("<html><head><title>Only Love</title></head><body><article class='header'><h1>Only Love</h1>"
            f"<p>By Ana</p></article><article class='content'>{PARAGRAPH * 3}</article></body></html>")
    body = parse_html(html).article.body
    assert body.count("The committee met") == 3


def test_text_wrapped_only_in_styled_spans_is_prose():
    styled = "".join(f"<div><span style='font-family: Arial'><span style='font-size: small'>{sentence}</span></span>"
                     "</div><div><span> </span></div>" for sentence in (
                         "Veteran actress Kate Lane, who in 2008 won the award for best actress, shared new photos.",
                         "She flaunted a hand bag in the colours of the flag, and thanked the make-up artist for it.",
                         "The 47 year old was one of the guests invited to an event by a media mogul in the city."))
    html = ("<html><head><title>Kate Lane</title></head><body><div class='post-body'><div><span><span>Photos released "
            f"online show actress Kate Lane looking stunning in new make-up photos.<br></span></span></div>{styled}"
            "</div></body></html>")
    body = parse_html(html).article.body
    assert "The 47 year old was one of the guests" in body and "She flaunted" in body


def test_a_byline_joined_by_hyphens_with_the_posts_filing_is_not_prose():
    body = parse_fragment("<p>05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: carros</p>"
                          "<p>Paris - The city council voted to close the old bridge for repairs.</p>").article.body
    assert "Publicado por" not in body
    assert "Paris - The city council voted" in body


def test_a_data_table_in_a_figure_stays_and_only_its_caption_goes():
    table = ("<figure class='wp-block-table'><table><tr><td>Normal</td><td>Less than 120/80</td></tr>"
             "<tr><td>Elevated</td><td>120-129 and less than 80</td></tr></table>"
             "<figcaption>Blood pressure categories</figcaption></figure>")
    body = parse_fragment(table).article.body
    assert "Less than 120/80" in body and "Blood pressure categories" not in body


def test_shop_showcases_price_buttons_and_jump_menus_are_not_prose():
    showcase = ("<div class='amalinks-showcase'><p>Levoit Core 300</p><a href='https://amzn.to/3x' rel='sponsored'>"
                "Check price on Amazon</a><a href='https://www.walmart.com/ip/1?tag=x'>See at Walmart</a></div>")
    button = "<p><a href='https://example.com/go/levoit' rel='sponsored nofollow'>Check Price on Amazon</a></p>"
    jump = "<p>Jump to: <a href='#best'>Best overall</a> | <a href='#budget'>Best budget</a> | <a href='#faq'>FAQ</a></p>"
    body = parse_fragment(showcase + button + jump).article.body
    assert "Levoit" not in body and "Check Price" not in body and "Best budget" not in body


def test_affiliate_disclosures_in_other_wordings_open_no_article():
    for disclosure in ("We may receive compensation when you click links to products we review.",
                       "Como afiliado de Amazon, obtengo ingresos por las compras adscritas que cumplen los requisitos.",
                       "Ces conseils ne remplacent pas une consultation médicale."):
        body = parse_opening(f"<p>{disclosure}</p>").article.body
        assert disclosure[:30] not in body, disclosure


def test_a_run_of_scores_or_prices_is_a_widget_but_a_table_of_numbers_stays():
    scores = ("<div class='review-box'><ul><li>Cleaning performance - 4.5</li><li>Noise - 4.5</li>"
              "<li>Smart features - 3.5</li><li>Value for money - 4.5</li></ul></div>")
    table = ("<table><tr><td>Spinach</td><td>2.7</td></tr><tr><td>Lentils</td><td>3.3</td></tr>"
             "<tr><td>Tofu</td><td>5.4</td></tr></table>")
    body = parse_fragment(scores + table).article.body
    assert "Noise - 4.5" not in body
    assert "Lentils" in body and "3.3" in body


def test_a_shop_widgets_price_notice_is_not_prose():
    body = parse_fragment("<p>Product prices and availability are accurate as of the date/time indicated and are "
                          "subject to change.</p><p>Prices updated daily</p>").article.body
    assert "availability are accurate" not in body and "Prices updated" not in body


def test_a_caption_marked_only_in_a_data_attribute_is_not_prose():
    figure = ("<div class='x9f2'><img src='jars.jpg'><span data-hook='imageViewer-caption'>Three jars make saving "
              "something children can see.</span></div>")
    body = parse_fragment(figure).article.body
    assert "Three jars" not in body


def test_the_title_line_of_a_stripped_video_is_not_prose():
    body = parse_fragment("<p>Watch: 3 vitamin D myths, debunked</p>"
                          "<p>Watch: the first sign is often fatigue, doctors say.</p>").article.body
    assert "3 vitamin D myths" not in body
    assert "the first sign is often fatigue" in body


def test_a_poll_with_its_answer_buttons_is_not_prose():
    poll = ("<div class='poll'><p>Do you take a vitamin D supplement?</p><button>Yes, every day</button>"
            "<button>Only in winter</button><button>No</button></div>")
    body = parse_fragment(poll).article.body
    assert "Do you take a vitamin D supplement?" not in body
