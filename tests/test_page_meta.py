"""What a saved page says about its article, rule by rule, on small hand-written pages (see test_saved_pages.py)."""

from __future__ import annotations

import pytest

from trafilatura import load_html

from analysis.corpus.page_dates import printed_day, published
from analysis.corpus.pages import read_page
from tests.test_saved_pages import BODY, ORGANISATION_AUTHOR, SENTENCES, page


@pytest.mark.parametrize("head, expected", [
    # one tag naming two people: each as the page spells them, dots kept, the list "; "-joined
    ('<meta name="author" content="Jane A. Doe, John Roe">', "Jane A. Doe; John Roe"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", '
     '"name": "Jane A. Doe und John B. Roe"}}</script>', "Jane A. Doe; John B. Roe"),
])
def test_several_people_in_one_author_tag_are_a_list(head, expected):
    assert read_page(page(head=head).encode()).author == expected


def test_quotes_around_an_author_tag_are_not_part_of_the_names():
    head = '<meta name="author" content="\'Jane Doe; John Roe\'">'
    assert read_page(page(head=head).encode()).author == "Jane Doe; John Roe"


@pytest.mark.parametrize("title, heading, expected", [
    # <small> in a heading is its side note: a kicker above, a subtitle below
    ("Harbour wall fails in storm", "<small>Avon</small><br> Harbour wall fails in storm", "Harbour wall fails in storm"),
    ("Harbour wall fails in storm", "Harbour wall fails in storm <small>What the council knew</small>",
     "Harbour wall fails in storm"),
    # soft hyphens are invisible in print
    ("Harbour wall fails in storm | Herald", "Har\u00adbour wall fails in storm", "Harbour wall fails in storm"),
    # the heading is the title, then more (its date line, the site's name): the title, as the heading spells it
    ("Harbour wall fails in storm | Herald", "Harbour wall fails in storm 04.03.2024 • Herald, News",
     "Harbour wall fails in storm"),
    # a date in front of the headline is a date line, in the title too
    ("04.03.2024 - Harbour wall fails in storm - Herald", "04.03.2024 - Harbour wall fails in storm",
     "Harbour wall fails in storm"),
    # a kicker word in front that casefolding lengthens ("ß"), the title without it
    ("Harbour wall fails in storm", "Straße Harbour wall fails in storm", "Harbour wall fails in storm"),
])
def test_the_headline_in_the_heading(title, heading, expected):
    assert read_page(page(title=title, headline=heading).encode()).title == expected


@pytest.mark.parametrize("title, expected", [
    # the <h1> is the logo's slogan; the <h2> the titles repeat (their dashes aside) is the headline
    ("Harbour wall fails – what we know - The Avon Herald", "Harbour wall fails – what we know"),
    ("Harbour wall fails - what we know", "Harbour wall fails – what we know"),
])
def test_the_headline_in_an_h2_when_the_h1_is_the_logo(title, expected):
    html = page(title=title, headline="The Avon Herald, the first paper of the coast",
                before="").replace("</h1>", "</h1><h2>Harbour wall fails – what we know</h2>", 1)
    assert read_page(html.encode()).title == expected


def test_a_headline_longer_than_the_title_is_kept_whole():
    """The <h1> goes on past the page's shorter title in words: it is the headline, not title plus extras."""
    found = read_page(page(title="Harbour wall fails | Herald", headline="Harbour wall fails as the council looks on")
                      .encode())
    assert found.title == "Harbour wall fails as the council looks on"


@pytest.mark.parametrize("og_title, headline, expected", [
    # the <h1> prints the whole <title>, and og:title says where the headline ends
    ("Harbour wall fails in storm", "Harbour wall fails in storm | Avon Herald", "Harbour wall fails in storm"),
    # a headline in two parts, each of 3+ words, is kept whole
    ("Harbour wall fails in storm – what the council knew", "Harbour wall fails in storm – what the council knew",
     "Harbour wall fails in storm – what the council knew"),
])
def test_a_heading_that_prints_the_whole_title(og_title, headline, expected):
    head = f'<meta property="og:title" content="{og_title}">'
    found = read_page(page(head=head, title=f"{og_title} | Avon Herald", headline=headline).encode())
    assert found.title == expected


BYLINE = "<p>Von Jane Doe</p>"


@pytest.mark.parametrize("head", [
    # the outlet by its address's name: "Avon Herald" for avonherald.example
    '<link rel="canonical" href="https://www.avonherald.example/1"><meta name="author" content="Avon Herald">',
    # the outlet's desk: its name inside the author's
    '<meta property="og:site_name" content="AvonHerald"><meta name="author" content="Redaktion AvonHerald.example">',
    # the name the <title> ends with
    '<meta name="author" content="The Avon Herald">',
    # a name given with the site's web address
    '<meta name="author" content="Avon Broadcasting (www.avon.example)">',
    # a JSON-LD node typed an Organization (a blog's owner typed Person and Organization is the publisher)
    # a one-word name the site's name starts with; a site named by its address
    '<meta property="og:site_name" content="Avonmedia Security Blog"><script type="application/ld+json">'
    '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Avonmedia"}}</script>',
    '<meta property="og:site_name" content="www.avonherald.example"><meta name="author" content="Avon Herald">',
    '<meta name="author" content="Avon Broadcasting"><script type="application/ld+json">{"@graph": [{"@type": '
    '["Person", "Organization"], "@id": "#owner", "name": "Avon Broadcasting"}, {"@type": "NewsArticle", '
    '"publisher": {"@id": "#owner"}}]}</script>',
])
def test_an_outlet_in_the_author_tags_gives_way_to_the_printed_byline(head):
    html = page(head=head, title="Harbour wall fails in storm | The Avon Herald").replace("</h1>", f"</h1>{BYLINE}", 1)
    assert read_page(html.encode()).author == "Jane Doe"


def test_an_article_given_in_noscript_is_read():
    """A page that renders its article with a script gives it again in <noscript>, which precision drops."""
    html = page(body=f"<div class='post-body'><script type='text/template'>{BODY}</script><noscript>{BODY}</noscript></div>")
    assert all(sentence in read_page(html.encode()).text for sentence in SENTENCES)


def test_a_long_text_without_sentence_marks_is_an_article():
    """Thai writes no full stop, and a chronology is a list of dated lines: much text outside links is an article."""
    lines = "".join(f"<li>{1950 + 3 * i}–{1952 + 3 * i} Bauabschnitt {i}: Wohnhäuser mit {100 + i} Wohneinheiten, "
                    f"Bibliothek, Laden und Gartenanlage am Ufer</li>" for i in range(12))
    assert "Bauabschnitt 11" in read_page(page(body=f"<ul>{lines}</ul>").encode()).text


@pytest.mark.parametrize("head, byline", [
    # an element the page marks as its byline, the name without a byline word, then a separator
    (ORGANISATION_AUTHOR, '<div class="autor"><h6>Jane Doe | vor 3 Stunden</h6></div>'),
    # a byline on a line of its own at the end of a long block
    ("", "<div>" + "The council met on Monday and again on Tuesday. " * 4 + "<br>Autor: Jane Doe</div>"),
])
def test_the_printed_byline_when_the_markup_names_no_person(head, byline):
    html = page(head=head).replace("</h1>", f"</h1>{byline}", 1)
    assert read_page(html.encode()).author == "Jane Doe"


def test_an_authors_page_is_no_name():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "author": "https://avon.example/author/jd/"}</script>'
    assert read_page(page(head=head).encode()).author == ""


def test_a_month_after_by_is_a_date_not_a_byline():
    assert read_page(page(body=BODY + "<p>Work began by June 2010.</p>").encode()).author == ""


def test_a_byline_spread_over_source_lines_is_one_line():
    byline = '<div class="meta">\n<span>| By </span>\n<span>Jane Doe</span> |\n<time>4 March 2024</time>\n</div>'
    assert read_page(page().replace("</h1>", f"</h1>{byline}", 1).encode()).author == "Jane Doe"


def test_a_headline_at_the_end_of_a_long_title_is_no_logo():
    title = "Avon Police - Press releases of the year 2024 - Harbour wall fails in storm"
    assert read_page(page(title=title, headline="Harbour wall fails in storm").encode()).title == "Harbour wall fails in storm"


@pytest.mark.parametrize("label", ["Written by", "Verfasst von", "Escrito por"])
def test_the_author_a_twitter_card_label_names(label):
    """WordPress's Yoast writes the author as a label/data pair of Twitter card tags, in the site's language."""
    head = (f'<meta name="twitter:label1" content="{label}"><meta name="twitter:data1" content="Jane Doe">'
            '<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="3 minutes">')
    assert read_page(page(head=head).encode()).author == "Jane Doe"


def test_a_reading_time_card_is_no_author():
    head = '<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="3 minutes">'
    assert read_page(page(head=head).encode()).author == ""


def test_the_copyright_holder_beside_the_journalists_is_the_publisher():
    """A company in the author tag that the copyright notice names is not one of the article's writers."""
    head = ('<meta name="author" content="Avon Media Group"><meta name="copyright" content="Copyright (c) Avon Media '
            'Group 2023"><script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", '
            '"name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]}</script>')
    assert read_page(page(head=head).encode()).author == "Jane Doe; John Roe"


def test_a_copyright_holder_alone_in_the_author_tag_stays_the_author():
    """On a personal site the owner holds the copyright and wrote the piece: nobody else is named, the name stays."""
    head = '<meta name="author" content="Jane Doe"><meta name="copyright" content="© 2023 Jane Doe">'
    assert read_page(page(head=head).encode()).author == "Jane Doe"


@pytest.mark.parametrize("credits", ["Text von Jane Doe \u00a0 Illustration von Tom Roe", "By Jane Doe Photos by Tom Roe"])
def test_a_printed_credit_line_ends_the_writer_before_the_next_credit(credits):
    """"Text von Jane Doe Illustration von Tom Roe": the word before the next "von" labels that credit."""
    html = page().replace("</h1>", f"</h1><p><em>{credits}</em></p>", 1)
    assert read_page(html.encode()).author == "Jane Doe"


def test_a_byline_label_on_a_line_of_its_own_names_the_next_line():
    byline = '<div class="meta"><h4>Autor</h4><p><a href="/profil/jd">Jane Doe</a><b>, </b></p></div>'
    assert read_page(page().replace("</h1>", f"</h1>{byline}", 1).encode()).author == "Jane Doe"


@pytest.mark.parametrize("byline, expected", [
    ('<a href="/a/jd">Jane Doe</a>, <a href="/a/jr">John Roe</a> &amp; <a href="/a/ap">Ann Poe</a> | 3 May', "Jane Doe; John Roe; Ann Poe"),
    ("Jane Doe, Berlin | 3 May", "Jane Doe"),  # a place after the comma is no person
])
def test_a_byline_element_listing_people(byline, expected):
    head = '<meta name="author" content="The Avon Herald"><meta property="og:site_name" content="The Avon Herald">'
    html = page(head=head).replace("</h1>", f'</h1><div class="post-author">{byline}</div>', 1)
    assert read_page(html.encode()).author == expected


def test_a_byline_inside_the_article_body_of_a_blog_widget():
    """Blogger wraps the whole post in a "widget": inside itemprop=articleBody the byline is the article's."""
    body = f"<div class='widget Blog'><div itemprop='articleBody'><span>Posted by Jane Doe and John Roe</span>{BODY}</div></div>"
    assert read_page(page(head=ORGANISATION_AUTHOR, body=body).encode()).author == "Jane Doe; John Roe"


def test_an_author_written_with_an_underscore_is_spelled_as_the_page_does():
    """trafilatura makes "Jane_Doe" "Jane Doe": the name is the page's, underscore and all."""
    assert read_page(page(head='<meta name="author" content="Jane_Doe">').encode()).author == "Jane_Doe"


@pytest.mark.parametrize("byline, expected", [
    ("Autoren Jane Doe und John Roe", "Jane Doe; John Roe"), ("Authors: Jane Doe, John Roe", "Jane Doe; John Roe"),
    ("Autorin Jane Doe", "Jane Doe")])
def test_a_byline_label_for_several_authors_or_without_a_colon(byline, expected):
    html = page(body=f"{BODY}<p>{byline}</p>")
    assert read_page(html.encode()).author == expected


def test_a_menu_entry_named_authors_is_no_byline():
    menu = '<div id="navigation"><ul><li><a href="/autoren/"><span>AUTOREN</span><span>Wer schreibt hier?</span></a></li></ul></div>'
    assert read_page(page(before=menu).encode()).author == ""


@pytest.mark.parametrize("opening, expected", [
    ("Hamburg (dpa/lno) – The council met on Monday.", "dpa/lno"), ("AUSTIN (AP) — The council met on Monday.", "AP")])
def test_the_agency_a_dateline_credits_when_no_author_is_named(opening, expected):
    assert read_page(page(body=f"<p>{opening}</p>{BODY}").encode()).author == expected


def test_a_named_author_wins_over_the_dateline_credit():
    html = page(head='<meta name="author" content="Jane Doe">', body=f"<p>AUSTIN (AP) — The council met on Monday.</p>{BODY}")
    assert read_page(html.encode()).author == "Jane Doe"


@pytest.mark.parametrize("opening", ["Rostow (Russland) - The council met on Monday.", "Bernau (Barnim): The council met.",
                                     "London (updated) – The council met on Monday.", "Kyiv (live) — The council met."])
def test_a_region_or_a_label_in_brackets_is_no_agency(opening):
    assert read_page(page(body=f"<p>{opening}</p>{BODY}").encode()).author == ""


@pytest.mark.parametrize("link", ['href="/" rel="home"', 'href="https://directory.example/"'])
def test_an_h1_linking_home_is_the_logo_not_the_headline(link):
    logo = f'<header><h1 class="site-title"><a {link}>The other directory for small firms</a></h1></header>'
    title = "Truckwash A31The other directory for small firms | The other directory for small firms"
    assert read_page(page(title=title, headline="Truckwash A31", before=logo).encode()).title == "Truckwash A31"


def test_the_h1_inside_the_article_among_other_h1s():
    """The page's titles name the piece otherwise; of three <h1>s, the one inside <article> is its headline."""
    newsletter = '<div class="newsletter"><h1>Love in your inbox: our newsletter!</h1></div>' * 2
    html = page(title="Christmas Gift Guide | Herald | Discover now!", headline="My cosy home gift guide at the shop",
                after=newsletter)
    assert read_page(html.encode()).title == "My cosy home gift guide at the shop"


def test_the_title_ends_at_the_logos_name_with_the_slogan_behind_it():
    """trafilatura takes the logo <h1> for the title; the page's <title> names the piece, then the site and its slogan."""
    logo = '<header><h1><a href="https://avonblog.example/" title="Home">Avonblog-Archiv</a></h1></header>'
    title = "Harbour wall fails in storm : Avonblog-Archiv | News from the coast | Since 2005 | 6. Jahrgang"
    html = (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{logo}"
            f"<div class='post'>{BODY}</div></body></html>")
    assert read_page(html.encode()).title == "Harbour wall fails in storm"


@pytest.mark.parametrize("title, expected", [
    ("Storm hits | Herald | News", "Storm hits"), ("Herald | Storm hits", "Storm hits"),
    ("Storm hits | Heralded change | Herald", "Storm hits | Heralded change"), ("Storm hits | News", "Storm hits | News")])
def test_without_site_name(title, expected):
    from analysis.corpus.page_meta import without_site_name

    assert without_site_name(title, "Herald") == expected


def test_a_follow_button_after_the_name_is_no_part_of_it():
    byline = '<div class="author-info"><h3><a href="/in/jd">Jane Doe</a><a class="follow-button" href="/login">Follow</a></h3></div>'
    assert read_page(page().replace("</h1>", f"</h1>{byline}", 1).encode()).author == "Jane Doe"


# --- the day printed under the headline (analysis/corpus/page_dates.py) ---

COMMENTS = ('<section class="comments"><h3>Comments</h3><p>Peter, <time datetime="2024-03-24T03:36:11+01:00">24 March '
            '2024 at 03:36</time>: Thanks for the report.</p></section>')
MASTHEAD = '<div class="masthead">Saturday, 30 March 2024</div>'


@pytest.mark.parametrize("byline", [
    '<p class="byline">By Jane Doe | 4 March 2024</p>',
    '<p class="byline">Von Jane Doe <time>04.03.2024, 12:01 Uhr</time></p>',
    '<p>Jane Doe</p><p>Published <a href="/2024/03/04/">March 4, 2024</a></p>',  # a date alone in a link
    '<p class="byline">Updated 9 March 2024 · Published 4 March 2024</p>',  # the update's day passed over
    '<p class="standfirst">' + "The council had been warned about the wall for years, and the storm showed why. " * 2
    + '</p><p class="byline">Jane Doe, 4 de marzo de 2024</p>',  # after a standfirst
])
def test_the_day_printed_under_the_headline_wins_over_comments_and_the_masthead(byline):
    # htmldate weighs the comments' and the masthead's days too; the day under the headline is the article's
    html = page(body=byline + BODY + COMMENTS, before=MASTHEAD)
    assert printed_day(load_html(html)) == "2024-03-04"
    assert read_page(html.encode()).published == "2024-03-04"


def test_a_date_line_above_the_headline_when_none_is_under_it():
    story = "<p>" + "Engineers said the harbour wall at Port Avon failed during the night, flooding the docks. " * 3 + "</p>"
    html = page(before=MASTHEAD + '<nav><a href="/">Home</a> <a href="/news">News</a></nav>', body=story * 2 + COMMENTS)
    html = html.replace("<article>", '<article><p class="kicker">Avon · 4 March 2024</p>')
    assert printed_day(load_html(html)) == "2024-03-04"
    assert read_page(html.encode()).published == "2024-03-04"


def test_the_masthead_above_the_menu_is_not_a_date_line():
    nav = "<nav>" + "".join(f'<a href="/s{i}">Section {i}</a> <span>Topics and more {i}</span>' for i in range(8)) + "</nav>"
    assert printed_day(load_html(page(before=MASTHEAD + nav, body=BODY))) == ""


@pytest.mark.parametrize("menu", [
    '<nav><a href="/">Home</a> <a href="/news">News</a></nav>',  # short, but a menu
    '<div class="menu">' + "".join(f'<a href="/s{i}">Section number {i}</a>' for i in range(12)) + "</div>",
])
def test_todays_date_in_the_masthead_above_a_menu_of_links_is_not_the_articles_day(menu):
    # the masthead prints the day the page was read; the stated instant is the article's
    head = '<meta property="article:published_time" content="2024-03-04T10:00:00Z">'
    html = page(head=head, before=MASTHEAD + menu, body=BODY)
    assert printed_day(load_html(html)) == ""
    assert read_page(html.encode()).published == "2024-03-04T10:00:00Z"


@pytest.mark.parametrize("printed, expected", [
    ("15/03/2024", "2024-03-15"), ("03/15/2024", "2024-03-15"),
    ("04/03/2024", ""),  # either the 4th of March or April the 3rd: no day
])
def test_a_date_with_slashes_is_read_when_its_day_is_over_twelve(printed, expected):
    tree = load_html(page(body=f"<p>Jane Doe, {printed}</p>" + BODY))
    assert printed_day(tree) == expected


@pytest.mark.parametrize("body", [
    BODY.replace("on Monday", "on 2 March 2024"),  # a day the article's sentences tell of
    # the same set in bold or linked: a text of its own, in a sentence all the same
    BODY.replace("on Monday", "on <b>2 March 2024</b>"),
    BODY.replace("Engineers said on Monday", 'In a report dated <a href="/r">2 March 2024</a>, engineers said'),
    '<p><a href="/story/9">Harbour wall was inspected in 2019 · 2 March 2024</a></p>' + BODY,  # a teaser's day
    '<aside><p>Read also</p><p>2 March 2024</p></aside>' + BODY,  # beside the article
    '<figure><figcaption>Engineers at the wall, Port Avon, Saturday, March 2, 2024, before the storm, as the '
    'tide rose.</figcaption></figure>' + BODY,  # a caption's
])
def test_a_date_in_the_text_a_teaser_or_an_aside_is_not_the_articles_day(body):
    assert printed_day(load_html(page(body=body))) == ""


SHORT_PARAGRAPHS = ["Engineers said the harbour wall at Port Avon failed during the night.",
                    "The docks and the cafe beside them were flooded.",
                    "Mayor Elena Ruiz said the council had asked for repairs for years.",
                    "The inquiry will report on 4 June 2024.",
                    "The Coast Guard rescued twelve fishermen near the breakwater before dawn."]


@pytest.mark.parametrize("first", [0, 3])
def test_a_date_in_a_short_paragraph_of_the_story_is_not_printed_under_the_headline(first):
    # news sites set a sentence or two to a paragraph: each is prose however short, and so is its date
    paragraphs = SHORT_PARAGRAPHS[3:4] + SHORT_PARAGRAPHS[:3] + SHORT_PARAGRAPHS[4:] if first == 0 else SHORT_PARAGRAPHS
    head = '<meta property="article:published_time" content="2024-03-09T10:00:00Z">'
    html = page(head=head, body="".join(f"<p>{text}</p>" for text in paragraphs))
    assert printed_day(load_html(html)) == ""
    assert read_page(html.encode()).published == "2024-03-09T10:00:00Z"
    # a byline over them is read as before
    assert printed_day(load_html(html.replace("<p>", "<p>By Jane Doe, 4 March 2024.</p><p>", 1))) == "2024-03-04"


def test_a_date_marked_up_in_the_first_paragraph_does_not_replace_the_stated_instant():
    head = '<meta property="article:published_time" content="2024-03-09T10:00:00Z">'
    html = page(head=head, body=BODY.replace("on Monday", 'on <a href="/x">2 March 2024</a>'))
    assert read_page(html.encode()).published == "2024-03-09T10:00:00Z"


def test_the_headline_among_h1s_is_the_one_the_title_repeats():
    # a logo <h1> that links nowhere, then the headline <h1>, no <article>: the title names the headline
    html = ('<html><head><title>Harbour wall fails in storm | Avon Herald</title></head><body><h1>Avon Herald</h1>'
            '<div><h1>Harbour wall fails in storm</h1><p>Written: 2024-03-04 15:03</p>' + BODY + '</div></body></html>')
    assert printed_day(load_html(html)) == "2024-03-04"
    assert printed_day(load_html(html.replace("Harbour wall fails in storm |", "Port news |"))) == ""


def test_a_page_without_a_single_headline_prints_no_day():
    # two <h1>s in the article, and a title that repeats neither: no telling which heads it
    html = page(body='<p>By Jane Doe | 4 March 2024</p>' + BODY, title="Port news").replace(
        "</article>", "<h1>Also read this week</h1></article>").replace("<h1>Port news</h1>", "<h1>Harbour wall fails</h1>")
    assert printed_day(load_html(html)) == ""


@pytest.mark.parametrize("declared, found, printed, expected", [
    ("", "2024-03-08", "2024-03-04", "2024-03-04"),  # htmldate's day gives way to the printed one
    ("2024-03-04T10:00:00Z", "2024-03-08", "2024-03-04", "2024-03-04T10:00:00Z"),  # the stated instant on it
    # printed "March 4, 11:15 PM" at UTC-5 is the stated instant 04:15 UTC on the 5th: the instant stays
    ("2024-03-05T04:15:00Z", "2024-03-05", "2024-03-04", "2024-03-05T04:15:00Z"),
    ("2024-03-04T10:00:00Z", "2024-03-04", "", "2024-03-04T10:00:00Z"),  # nothing printed: as before
    # a stated value with no day in it (a template's year 1) is no statement, and no error
    ("1-01-01T00:00:00Z", "2019-11-19", "2019-11-19", "2019-11-19"),
    ("1-01-01T00:00:00Z", "", "", ""),
    ("", "2019-11-19T10:00:00Z", "2019-11-20", "2019-11-19T10:00:00Z"),
])
def test_how_the_printed_day_joins_the_stated_instant_and_htmldates_day(declared, found, printed, expected):
    assert published(declared, found, printed) == expected


@pytest.mark.parametrize("printed, expected", [
    ("4. März 2024", "2024-03-04"),  # the next day printed: the instant was the 4th's midnight in Berlin
    ("3. März 2024", "2024-03-03T23:00:00Z"),  # its own UTC day printed: a time like any other
])
def test_an_instant_on_the_hour_is_the_next_days_local_midnight_when_the_page_prints_that_day(printed, expected):
    story = "<p>" + "Engineers said the harbour wall at Port Avon failed during the night, flooding the docks. " * 3 + "</p>"
    html = page(head='<meta property="article:published_time" content="2024-03-03T23:00:00Z">', body=story * 3,
                after=f'<footer><p>Stand: {printed}</p></footer>')
    assert printed_day(load_html(html)) == ""  # not in the header: only the instant's evidence
    assert read_page(html.encode()).published == expected


@pytest.mark.parametrize("site, expected", [
    ("avonherald", "Avonherald"),  # written all in lowercase: capitalised, as trafilatura does
    ("avon24 GmbH", "avon24 GmbH"),  # capitals of its own: kept as written, never "Avon24 Gmbh"
    ("AvonHerald", "AvonHerald"),
])
def test_a_site_name_keeps_the_capitals_it_is_written_with(site, expected):
    head = f'<meta property="og:site_name" content="{site}">'
    assert read_page(page(head=head).encode()).outlet == expected


@pytest.mark.parametrize("head, expected", [
    ('<meta property="og:site_name" content="AvonHerald | Wessex\'s favourite news platform">', "AvonHerald"),
    ('<meta property="og:site_name" content="Avonsport | F1 | Rugby | Cricket">', "Avonsport"),
    ('<meta property="og:site_name" content="Avon Herald | Politik">', "Avon Herald | Politik"),  # a section: kept
    ('<meta property="og:site_name" content="© AVONHERALD 2024">', "AVONHERALD"),
    ('<meta property="og:site_name" content="Avonmedia GmbH, 80331 Avonstadt">', "Avonmedia GmbH"),
    ('<meta property="og:site_name" content="Breaking News and Headlines - Avon24">', "Avon24"),  # the tagline first
    ('<meta name="copyright" content="Avon Herald All Rights Reserved">', "Avon Herald"),
    ('<meta name="copyright" content="阿文网版权所有">', "阿文网"),
    # a copyright line as the site's name, the JSON-LD publisher giving the name it starts with
    ('<meta name="copyright" content="AVON ONLINE, Bristol, England"><script type="application/ld+json">'
     '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "AVON ONLINE"}}</script>',
     "AVON ONLINE"),
])
def test_a_site_name_loses_its_tagline_copyright_and_address(head, expected):
    assert read_page(page(head=head).encode()).outlet == expected


def test_a_web_address_is_no_site_name():
    head = ('<meta property="article:publisher" content="https://www.facebook.com/avonherald">'
            '<link rel="canonical" href="https://www.avonherald.example/news/harbour-wall">')
    assert read_page(page(head=head).encode()).outlet == "avonherald.example"
