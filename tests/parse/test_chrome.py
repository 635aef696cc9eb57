"""Chrome removal: by tag and role, by class/id vocabulary present on the page, and kept when it holds prose."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from pipeline.parse.chrome import remove_chrome
from pipeline.parse.names import PageNames, Vocabulary

PROSE = "<p>The council voted, after a long and heated debate, to close the old bridge for repairs.</p>"


def cleaned(html: str) -> str:
    tree = LexborHTMLParser(html)
    remove_chrome(tree)
    return tree.body.text() if tree.body is not None else ""


def test_navigation_and_comments_go_whatever_their_size() -> None:
    comments = "<div id='comments'>" + PROSE * 10 + "</div>"
    text = cleaned(f"<body><nav><a href='/'>Home</a></nav><article>{PROSE}</article>{comments}</body>")
    assert "Home" not in text
    assert text.count("The council voted") == 1


def test_class_vocabulary_removes_small_chrome() -> None:
    text = cleaned(f"<body><article>{PROSE}<div class='share-buttons'>Share on Facebook</div></article>"
                   "<div class='newsletter-box'>Sign up for our letter</div></body>")
    assert "Share on Facebook" not in text
    assert "Sign up" not in text
    assert "The council voted" in text


def test_loosely_named_wrapper_holding_the_prose_is_kept() -> None:
    text = cleaned(f"<body><div class='layout has-sidebar'>{PROSE * 4}</div><aside>Popular now</aside></body>")
    assert text.count("The council voted") == 4
    assert "Popular now" not in text


def test_vocabulary_selects_only_words_present_on_the_page() -> None:
    vocabulary = Vocabulary(class_parts=("sidebar", "cookie"), class_words=("ad",), id_words=("toc",))
    names = PageNames.of(LexborHTMLParser("<body><div class='left-sidebar ad' id='x'></div></body>").body)
    assert vocabulary.selector(names) == '[class*="sidebar" i], [class~="ad" i]'


def test_vocabulary_finds_parts_that_overlap_inside_one_name() -> None:
    vocabulary = Vocabulary(class_parts=("post-nav", "post-navigation", "navigation-links"))
    names = PageNames.of(LexborHTMLParser("<body><div class='post-navigation-links'></div></body>").body)
    assert vocabulary.selector(names) == (
        '[class*="post-nav" i], [class*="post-navigation" i], [class*="navigation-links" i]'
    )


def test_aria_roles_mark_chrome_like_their_tags() -> None:
    menu = "<div role='navigation'>" + "<a href='/a'>A section of the site</a>" * 40 + "</div>"
    text = cleaned(f"<body>{menu}<div role='main'>{PROSE}<button role='button'>Read aloud</button></div>"
                   "<div role='complementary'>Popular now</div><div role='contentinfo'>Imprint</div></body>")
    assert "A section of the site" not in text  # strict: removed whatever its size
    assert "Popular now" not in text and "Imprint" not in text
    assert "The council voted" in text and "Read aloud" in text


def test_header_holding_most_of_the_prose_is_kept_unless_it_is_navigation() -> None:
    assert cleaned(f"<body><header>{PROSE * 4}</header></body>").count("The council voted") == 4
    assert "The council voted" not in cleaned(f"<body><header role='navigation'>{PROSE * 4}</header></body>")


def test_whole_word_names_do_not_match_inside_other_words() -> None:
    text = cleaned(f"<body><div class='header-ad'>{PROSE}</div><div class='ad'>Buy now</div></body>")
    assert "The council voted" in text
    assert "Buy now" not in text


def test_a_table_of_contents_goes_with_its_heading_whatever_its_class() -> None:
    for heading in ("Table of Contents", "Índice", "Inhaltsverzeichnis"):
        text = cleaned(f"<body><article>{PROSE}<div class='wp-block-rank-math-toc-block'><h2>{heading}</h2>"
                       "<nav><ul><li><a href='#why'>Why bridges age</a></li></ul></nav></div>"
                       f"<h2 id='why'>Why bridges age</h2>{PROSE}</article></body>")
        assert heading not in text
        assert text.count("Why bridges age") == 1


def test_class_words_match_whatever_joins_them_and_in_any_case() -> None:
    vocabulary = Vocabulary(class_parts=("toggle-title",))
    for spelled in ("toggle-title", "et_pb_toggle_title", "gb-toggle__title", "Toggle-Title"):
        tree = LexborHTMLParser(f"<body><div class='{spelled}'>Q?</div></body>")
        names = PageNames.of(tree.body)
        assert len(tree.body.css(vocabulary.selector(names))) == 1, spelled


def test_a_block_themes_post_listing_is_chrome() -> None:
    listing = ("<div class='wp-block-query'><ul class='wp-block-post-template'><li><h3>Other post</h3>"
               "<p>An excerpt of another post, long enough to look like prose to a scorer.</p></li></ul></div>")
    text = cleaned(f"<body><main><div class='wp-block-post-content'>{PROSE * 4}</div>{listing}</main></body>")
    assert "Other post" not in text
    assert "The council voted" in text


def test_a_box_opened_by_a_chrome_heading_goes_whole() -> None:
    helpful = ("<div class='helpful'><div class='helpful-header'><h3>Was this post helpful?</h3></div>"
               "<div class='helpful-content'><span>Let us know if you liked the post.</span></div></div>")
    text = cleaned(f"<body><article>{PROSE}{helpful}{PROSE}</article></body>")
    assert "Let us know" not in text
    assert text.count("The council voted") == 2


def test_a_sign_up_form_inside_the_article_is_chrome() -> None:
    form = ("<form action='https://mail.example/subscribe'><h2>Get our free cheat sheet</h2>"
            "<p>One page, straight to your inbox.</p><input type='email'><button>Subscribe</button></form>")
    text = cleaned(f"<body><article>{PROSE * 3}{form}</article></body>")
    assert "cheat sheet" not in text


def test_a_link_in_running_text_stays_whatever_its_class() -> None:
    text = cleaned(f"<body><article>{PROSE}<p>We use the <a class='affiliate-box-link promo' href='/x'>Omron "
                   "Platinum</a> cuff at home.</p></article></body>")
    assert "We use the Omron Platinum cuff at home." in " ".join(text.split())


def test_camel_case_class_names_are_chrome_like_their_lower_case_spelling() -> None:
    text = cleaned(f"<body><article>{PROSE * 3}<div class='NewsletterModule'><h3>The Morning Wire</h3>"
                   "<p>Our flagship newsletter.</p></div></article></body>")
    assert "Morning Wire" not in text


def test_a_sign_up_box_goes_with_its_pitch() -> None:
    box = ("<div class='av_textblock_section'><h3>Join our wellbeing newsletter</h3><p>One idea every Sunday.</p>"
           "<form action='/subscribe'><input type='email'><button>Join</button></form></div>")
    text = cleaned(f"<body><article>{PROSE * 3}{box}{PROSE}</article></body>")
    assert "Join our wellbeing newsletter" not in text
    assert "One idea every Sunday." not in text
    assert text.count("The council voted") == 4


def test_a_label_left_alone_when_its_box_is_removed_goes_too() -> None:
    related = ("<div class='Enhancement'><div class='PageList'><div class='PageList-header'>"
               "<div class='PageList-header-title'>Related coverage</div></div><ul><li><div class='PagePromo'>"
               "<a href='/a'>Who should get a booster</a></div></li></ul></div></div>")
    text = cleaned(f"<body><article>{PROSE}{related}{PROSE}</article></body>")
    assert "Related coverage" not in text
    assert text.count("The council voted") == 2


def test_a_real_heading_before_removed_chrome_stays_when_the_section_goes_on() -> None:
    text = cleaned(f"<body><article><div><h2>Why bridges age</h2><div class='share-buttons'>Share</div>{PROSE}"
                   "</div></article></body>")
    assert "Why bridges age" in text


def test_screen_reader_text_goes_under_a_frameworks_prefix_too() -> None:
    text = cleaned(f"<body><article>{PROSE}<p><span class='nhsuk-u-visually-hidden'>Non-urgent advice: </span>"
                   "Call 111.</p></article></body>")
    assert "Non-urgent advice" not in text


def test_an_ad_slot_is_chrome_when_ad_is_one_segment_of_its_class() -> None:
    slots = ("<div class='ad-mobile'><p>Advertising on our site helps support our mission.</p></div>"
             "<div class='breaker-ad'>Advertisement</div><div class='mntl-adslot'>Sponsored slot</div>")
    text = cleaned(f"<body><article><div class='header-text'>{PROSE}</div>{slots}"
                   "<p class='lead-in no-ads'>The bridge reopens in May.</p></article></body>")
    assert "Advertising on our site" not in text
    assert "Advertisement" not in text and "Sponsored slot" not in text
    assert "The council voted" in text  # "header" and "lead" hold the letters, not the segment
    assert "The bridge reopens in May." in text  # "no-ads" says where ads are not


def test_a_sign_up_box_goes_with_its_small_print() -> None:
    small_print = ("To provide you with the most relevant information, we may combine your email address and "
                   "website usage with other information we have about you. ") * 3
    box = ("<div class='cmp-container'><h2>From our clinic to your inbox</h2><p>Sign up for free tips.</p>"
           f"<form action='/subscribe'><input type='email'><button>Subscribe</button></form><p>{small_print}</p>"
           "</div>")
    text = cleaned(f"<body><article>{PROSE * 3}{box}{PROSE}</article></body>")
    assert "to your inbox" not in text
    assert "combine your email" not in text
    assert text.count("The council voted") == 4


def test_the_header_of_an_entry_inside_an_article_keeps_its_heading_only() -> None:
    entry = ("<article class='entry'><header class='entry-meta'><span class='meta-author'><a href='/staff/m'>Maria "
             "Lopez</a></span><abbr>4:40 PM</abbr><h2>Warning extended through Sunday</h2></header>"
             f"{PROSE}</article>")
    text = cleaned(f"<body><header class='site-header'><h2>Valley News</h2></header><article>{entry}"
                   f"{PROSE}</article></body>")
    assert "Warning extended through Sunday" in text
    assert "Maria" not in text and "4:40 PM" not in text
    assert "Valley News" not in text


def test_a_call_to_action_box_is_chrome() -> None:
    box = ("<div class='wprm-call-to-action'><span>Tried this recipe?</span><span>Mention "
           "<a href='https://www.instagram.com/cook'>@cook</a> or tag <a href='https://www.instagram.com/t'>#cook</a>!"
           "</span></div>")
    text = cleaned(f"<body><article>{PROSE * 3}{box}</article></body>")
    assert "Tried this recipe" not in text


def test_ids_name_share_bars_and_disclaimers_like_classes_do() -> None:
    text = cleaned(f"<body><article>{PROSE * 3}<div id='mplus-share'>Share on Facebook</div>"
                   "<div id='adam-disclaimer'>The information provided herein is for reference.</div></article></body>")
    assert "Share on Facebook" not in text and "provided herein" not in text
    assert text.count("The council voted") == 3


def test_a_call_to_action_box_goes_but_a_card_keeps_its_button_for_pruning() -> None:
    appeal = ("<div class='donate-cta'><h3>A Word to Our Loyal Readers</h3><p>Support us and make a difference.</p>"
              "</div>")
    text = cleaned(f"<body><article>{PROSE * 3}{appeal}<div class='card'><p>Save on statins</p>"
                   "<a class='card-cta' href='/coupon'>Get free coupon</a></div></article></body>")
    assert "Loyal Readers" not in text
    assert "Get free coupon" in text  # the card goes later, whole, in pruning
