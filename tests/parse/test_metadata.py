import json

from pipeline.page import RawPage
from pipeline.parse import parse_page
from pipeline.parse.metadata import strip_site_suffix
from tests.conftest import PROSE


def page(head: str, body: str = "") -> str:
    return f"<html lang='en-GB'><head>{head}</head><body>{body}<article><p>{PROSE}</p></article></body></html>"


def parse(html: str, url: str | None = None):
    return parse_page(RawPage(source="page.html", body=html.encode(), url=url)).article


def test_site_name_suffix_is_stripped_from_the_title_only_when_it_is_the_site():
    assert strip_site_suffix("Sleep Better Tonight - Health Hub", "Health Hub") == "Sleep Better Tonight"
    assert strip_site_suffix("Health Hub | Sleep Better Tonight", "Health Hub") == "Sleep Better Tonight"
    assert strip_site_suffix("Vitamin D - What the Evidence Says", "Health Hub") == "Vitamin D - What the Evidence Says"


def test_the_visible_headline_wins_over_the_declared_seo_title():
    article = parse(page("<title>Best Sleep Tips 2025 | Health Hub</title>"
                         "<meta property='og:site_name' content='Health Hub'>",
                         "<h1>Seven Habits That Help You Sleep</h1>"))
    assert article.title == "Seven Habits That Help You Sleep"
    assert article.site_name == "Health Hub"
    assert article.language == "en-gb"


def test_json_ld_article_gives_author_and_dates_with_entities_decoded():
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "BlogPosting", "headline": "Food &amp; Mood", "datePublished": "2024-05-01T08:00:00+02:00",
         "dateModified": "2024-05-03", "author": [{"@type": "Person", "name": "Ana Ruiz"},
                                                  {"@type": "Person", "name": "Tom Lee"}]}]}
    article = parse(page(f"<script type='application/ld+json'>{json.dumps(data)}</script>", "<h1>Food & Mood</h1>"))
    assert article.title == "Food & Mood"
    assert article.author == "Ana Ruiz, Tom Lee"
    assert article.published_at == "2024-05-01T08:00:00+02:00"
    assert article.modified_at == "2024-05-03"


def test_canonical_url_is_resolved_against_the_page_url_and_feeds_the_id():
    a = parse(page("<link rel='canonical' href='/sleep/'>"), url="https://Health.example/sleep/?utm_source=x")
    b = parse(page("<link rel='canonical' href='https://health.example/sleep/'>"))
    assert a.canonical_url == "https://Health.example/sleep/"
    assert a.id == b.id


def test_a_malformed_canonical_url_is_ignored_not_fatal():
    article = parse(page("<link rel='canonical' href='https://[broken/page'>"), url="https://[also-broken/")
    assert article.canonical_url is None
    assert article.id


def test_json_ld_with_trailing_commas_and_raw_line_breaks_is_still_read():
    script = ('<script type="application/ld+json">{"@type": "NewsArticle",\n "headline": "Plague\n cases",\n'
              ' "datePublished": "2019-11-18T16:06:51-05:00",\n "author": {"@type": "Person", "name": "B. Katz",},\n}'
              "</script>")
    article = parse(page(script))
    assert article.published_at == "2019-11-18T16:06:51-05:00"
    assert article.author == "B. Katz"


def test_a_date_declared_by_another_json_ld_type_speaks_for_the_page():
    data = [{"@type": "WebSite", "name": "Fact Desk"},
            {"@type": "ClaimReview", "datePublished": "19 Nov 2019 07:09 GMT"}]
    article = parse(page(f"<script type='application/ld+json'>{json.dumps(data)}</script>"))
    assert article.published_at == "2019-11-19T07:09:00+00:00"


def test_a_day_without_its_time_takes_the_time_another_source_declares_for_it():
    data = {"@type": "Article", "datePublished": "November 19, 2019"}
    article = parse(page(f"<script type='application/ld+json'>{json.dumps(data)}</script>"
                         "<meta property='article:published_time' content='2019-11-19T11:21:08+00:00'>"))
    assert article.published_at == "2019-11-19T11:21:08+00:00"


def test_the_publication_time_element_is_read_from_its_text_when_it_has_no_datetime():
    article = parse(page("", "<p>by Ana <time class='updated'>2 hours ago</time>"
                             "<time class='published'>Posted on March 3, 2024</time></p>"))
    assert article.published_at == "2024-03-03"


def test_a_date_written_in_the_pages_language_is_read():
    article = parse(page("", "<p class='byline'>Publicado el <time class='published'>3 de noviembre de 2025</time></p>"))
    assert article.published_at == "2025-11-03"


def test_the_dates_of_readers_comments_never_stand_for_the_article():
    comments = ("<div id='comments' class='comments-area'><ol class='comment-list'><li><p>Great read!</p>"
                "<time datetime='2025-11-05T21:14:00-06:00'>5 Nov 2025</time></li></ol></div>")
    article = parse(page("", "<p>Posted on <span class='date'>3 listopada 2025</span></p>" + comments))
    assert article.published_at == "2025-11-03"  # the date the article shows, not the comment's <time>


def test_an_unreadable_publication_date_is_not_replaced_by_another_time_on_the_page():
    article = parse(page("", "<time class='published'>a while ago</time><p>See <time datetime='2024-01-02'>the "
                             "launch</time>.</p>"))
    assert article.published_at is None


def test_a_short_headline_that_the_declared_title_opens_with_is_the_title():
    article = parse(page("<title>Leg Cramps: Causes, Treatment &amp; Prevention</title>", "<h1>Leg Cramps</h1>"))
    assert article.title == "Leg Cramps"


def test_the_author_comes_from_the_json_ld_node_that_names_one():
    data = [{"@type": "MedicalWebPage", "name": "Magnesium and sleep"},
            {"@type": "Article", "headline": "Magnesium and sleep", "author": {"@type": "Person", "name": "Ana Ruiz"}}]
    article = parse(page(f"<script type='application/ld+json'>{json.dumps(data)}</script>"))
    assert article.author == "Ana Ruiz"


def test_a_visible_byline_names_the_author_when_nothing_declares_one():
    cases = {
        "<div class='cmp-byline'><p>By Mayo Clinic Staff</p></div>": "Mayo Clinic Staff",
        "<h3 class='byline'>by Jeff Foust<br><span>Monday, November 18, 2019</span></h3>": "Jeff Foust",
        "<h6 class='byline'><em>By </em><a href='/a'><span>Carrie Arnold</span></a></h6>": "Carrie Arnold",
        "<p class='byline'>Por Ana Ruiz | 3 de mayo de 2025</p>": "Ana Ruiz",
        "<p class='byline-note'>By clicking subscribe you agree to our terms.</p>": None,
    }
    for byline, author in cases.items():
        assert parse(page("<title>Sleep</title>", byline)).author == author, byline


def test_an_author_element_names_the_author_and_a_comment_or_bio_does_not():
    cases = {
        "<span>By <span class='node__author'><a href='/user/7'>Megan Ortiz</a></span>, 12 March 2024</span>":
            "Megan Ortiz",
        "<div class='article-author'><div class='avatar'><img src='a.png'></div><div class='meta'>"
        "<a href='/p/4'>Dana Kim</a><ul><li><time>January 9, 2024</time></li></ul></div></div>": "Dana Kim",
        "<p class='comment__author'>Paul Reader</p>": None,
        "<div class='author-bio'>Ana Ruiz writes about sleep.</div>": None,
        "<aside><p class='post-author'>Luis Gomez</p></aside>": None,
        "<div class='entry-author'>Updated March 3, 2025</div>": None,
    }
    for markup, author in cases.items():
        assert parse(page("<title>Sleep</title>", markup)).author == author, markup


def test_a_site_name_heading_that_links_home_is_not_the_title():
    article = parse(page("<title>Mamá Ahorradora: Cómo ahorrar en la compra semanal</title>"
                         "<meta property='og:title' content='Cómo ahorrar en la compra semanal'>",
                         "<h1><a href='https://mamaahorradora.example.com/'>Mamá Ahorradora</a></h1>"))
    assert article.title == "Cómo ahorrar en la compra semanal"


def test_a_date_shown_only_in_the_articles_header_is_the_publication_date():
    header = ("<div class='post-meta'>By Ana Ruiz | Updated March 9, 2025 | March 3, 2025</div>"
              "<div class='sidebar'><p class='widget-date'>April 1, 2025</p></div>")
    assert parse(page("<title>Sleep</title>", header)).published_at == "2025-03-03"
    in_sidebar_only = "<aside><p class='entry-date'>April 1, 2025</p></aside>"
    assert parse(page("<title>Sleep</title>", in_sidebar_only)).published_at is None


def test_a_by_line_right_after_the_headline_names_the_author():
    markup = ("<h1>Fiber: How to Get More in Your Diet</h1><div class='print-submitted'>By <span>Elena Brooks, MS, "
              "RD</span></div>")
    assert parse(page("<title>Fiber</title>", markup)).author == "Elena Brooks, MS, RD"
