"""Who wrote a saved page's article, rule by rule, on small hand-written pages (see test_page_meta.py)."""

from __future__ import annotations

import pytest
from trafilatura import load_html

from analysis.corpus.page_authors import is_person
from analysis.corpus.page_bylines import byline_element
from analysis.corpus.pages import read_page
from tests.test_saved_pages import BODY, page


def _with_byline(byline: str, head: str = "") -> bytes:
    return page(head=head).replace("</h1>", f"</h1>{byline}", 1).encode()


@pytest.mark.parametrize("card", [
    '<p class="meta">by <span class="author vcard"><a class="url fn" href="/author/jdoe/">jdoe</a></span></p>',
    '<p class="meta">by <span class="author vcard fn">jdoe</span> on May 4, 2024</p>',
])
def test_the_entrys_hcard_names_its_author_even_in_small_letters(card):
    """Blog themes mark the post's author as an hCard (hAtom): the name the page gives, a handle too."""
    assert read_page(_with_byline(card)).author == "jdoe"


def test_a_commenter_is_no_author():
    """trafilatura's author xpaths take a commenter's name (WordPress's "comment-author vcard"): not the writer's."""
    comment = ('<div class="comment"><div class="comment-author vcard"><cite class="fn">Jane Doe</cite></div>'
               '<p>Great piece, thanks for writing it.</p></div>')
    assert read_page(page(after=comment).encode()).author == ""


def test_a_commenter_in_the_recent_comments_widget_is_no_author():
    """Even when the site's title holds the same word ("Dr. Alexander Doe"): a single word counts where it stands alone."""
    title = '<header><div class="site-title"><a href="/" rel="home">Dr. Alexander Doe</a></div></header>'
    widget = ('<footer><div class="widget widget_recent_comments"><ul><li class="recentcomments"><span '
              'class="comment-author-link"><a href="https://alex.example">Alexander</a></span> bei <a '
              'href="/p/#comment-1">Ein anderer Beitrag</a></li></ul></div></footer>')
    assert read_page(page(before=title, after=widget).encode()).author == ""


@pytest.mark.parametrize("byline, expected", [
    # after a byline word, the page's own word for its author: an address or a handle
    ('<span class="post-meta-author">Autor: <a href="/author/jd/">www.janedoe.example</a></span>', "www.janedoe.example"),
    ('<div class="byline">By <a href="/author/jdoe/">jdoe</a></div>', "jdoe"),
    # a credit's own label before a full name
    ('<div class="article-author"><p>Text und Interview: Jane Doe</p></div>', "Jane Doe"),
])
def test_a_byline_element_after_its_label(byline, expected):
    assert read_page(_with_byline(byline)).author == expected


def test_a_label_before_a_date_in_a_byline_element_is_no_credit():
    assert byline_element(load_html(page().replace("</h1>", '</h1><div class="author-meta">Posted on: May 4, 2024</div>'))) == ""


@pytest.mark.parametrize("byline, expected", [
    ("<p><strong>Autorin: Ana Ruiz, Projektleiterin der Stiftung in Tunis.</strong></p>", "Ana Ruiz"),
    ("<p class='meta'>By Jane Doe, Political Correspondent | 4 March 2024</p>", "Jane Doe"),
    ('<div class="post-author">Jane Doe, Senior Editor | 3 May</div>', "Jane Doe"),
    # people listed with commas stay a list
    ("<p class='meta'>By Jane Doe, John Roe and Ann Poe</p>", "Jane Doe; John Roe; Ann Poe"),
])
def test_a_newsroom_job_after_the_comma_is_no_second_author(byline, expected):
    assert read_page(_with_byline(byline)).author == expected


@pytest.mark.parametrize("tag", ["No Author", "Name", "unknown", "admin", "Admin", "Administrator", "webmaster"])
def test_a_placeholder_in_the_author_tag_names_nobody(tag):
    head = f'<meta name="author" content="{tag}">'
    assert read_page(page(head=head).encode()).author == ""
    assert read_page(_with_byline("<p>Von Jane Doe</p>", head)).author == "Jane Doe"


def test_a_phrase_in_the_author_tag_gives_way_to_the_printed_byline():
    """"von deinen Hochzeitsbloggern" fills the tag on every page; the article prints its writer."""
    head = '<meta name="author" content="deinen Hochzeitsbloggern">'
    html = page(head=head, body=BODY + "<p><em>Autor: Jane Doe (Gastbeitrag)</em></p>")
    assert read_page(html.encode()).author == "Jane Doe"


def test_a_name_opening_with_a_particle_is_a_name():
    assert read_page(page(head='<meta name="author" content="van der Berg">').encode()).author == "van der Berg"


@pytest.mark.parametrize("handle, expected", [
    ("jane.doe", "Jane Doe"),  # trafilatura reads the handle as a name of two words: that name stays
    ("janedoe", "janedoe"),  # one word: the handle, as the page spells it
])
def test_a_handle_in_the_json_ld_is_no_spelling_of_a_name_of_two_words(handle, expected):
    head = f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "author": {{"@type": "Person", "name": "{handle}"}}}}</script>'
    assert read_page(page(head=head).encode()).author == expected


@pytest.mark.parametrize("title, footer, expected", [
    # a personal site: its title names the owner who holds the copyright
    ("Jane Doe's notes | Harbour wall fails in storm", "Copyright (c) 2012- Jane Doe. All rights reserved.", "Jane Doe"),
    ("Über Jane Doe | Harbour wall fails in storm", "IMPRESSUM | COPYRIGHT JANE DOE | DATENSCHUTZ", "JANE DOE"),
    # the site's name, at the end of its titles, is an organisation's, legal form or not
    ("Harbour wall fails in storm | Avon Harbour Society", "© 2024 Avon Harbour Society e. V.", ""),
    ("Harbour wall fails in storm | Avon Harbour Society", "© Avon Harbour Society", ""),
    # a company's notice that the titles do not name
    ("Harbour wall fails in storm | The Avon Herald", "© 2024 Avon Media Group. All rights reserved.", ""),
])
def test_the_owner_of_a_personal_site_wrote_a_page_that_names_no_author(title, footer, expected):
    html = page(title=title, headline="Harbour wall fails in storm", after=f"<footer><p>{footer}</p></footer>")
    assert read_page(html.encode()).author == expected


def test_the_site_owner_gives_way_to_a_named_author():
    html = page(title="Jane Doe's notes | Harbour wall fails in storm", body=BODY + "<p>Von John Roe</p>",
                headline="Harbour wall fails in storm", after="<footer><p>© 2024 Jane Doe</p></footer>")
    assert read_page(html.encode()).author == "John Roe"


@pytest.mark.parametrize("line, expected", [
    # the name beside the date in the line above the headline, no byline word
    ('<small>04.02.2022 | 13:10 Uhr | Jane Doe</small>', "Jane Doe"),
    # the outlet's name there is no person (its address names it)
    ('<small>Avon Rowing • 02.02.2022</small>', ""),
    # a line with a byline word names its author after it: the capitalised piece behind the date is a category
    ('<small>by jdoe_1000 | Jun 2, 2020 | Company News</small>', ""),
])
def test_the_name_beside_the_date_in_the_headlines_header_line(line, expected):
    head = '<link rel="canonical" href="https://www.avonrowing.example/news/storm">'
    html = page(head=head).replace("<h1>", f"{line}<h1>", 1)
    assert read_page(html.encode()).author == expected


def test_an_outlets_credit_with_its_address_names_no_one():
    # the copyright line as the author tag: the places after the outlet are its address, not people
    head = ('<meta name="author" content="AVON ONLINE, Bristol, England"><script type="application/ld+json">'
            '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "AVON ONLINE"}}</script>')
    author = read_page(page(head=head).encode()).author
    assert "Bristol" not in author and "England" not in author
    html = page(head=head).replace("</h1>", "</h1><p>Von Jane Doe</p>", 1)
    assert read_page(html.encode()).author == "Jane Doe"
    # a person first, then the outlet, is the person
    head = '<meta property="og:site_name" content="Avon Herald"><meta name="author" content="Jane Doe, Avon Herald">'
    assert read_page(page(head=head).encode()).author == "Jane Doe"


@pytest.mark.parametrize("byline, expected", [
    ("Von Markus Balser, Berlin", "Markus Balser"),  # where the byline was written
    ("Von Jane Doe, John Roe", "Jane Doe; John Roe"),
    ("By Jane Doe and Cher", "Jane Doe; Cher"),
])
def test_a_place_closing_a_printed_byline_is_no_author(byline, expected):
    html = page().replace("</h1>", f"</h1><p>{byline}</p>", 1)
    assert read_page(html.encode()).author == expected


def test_a_catalogues_surname_first_names_are_people_in_print_order():
    """Dublin Core's creator tags write "Surname, Given names": each is one person, not two."""
    head = ('<meta name="dc.creator" content="Doe, Jane"><meta name="dc.creator" content="Roe, John B.">'
            '<meta name="dc.creator" content="Poe, Ann">')
    assert read_page(page(head=head).encode()).author == "Jane Doe; John B. Roe; Ann Poe"
    # a suffix after the comma is no given name
    from analysis.corpus.page_authors import _uninverted
    assert _uninverted("Smith, Jr.") == "Smith, Jr." and _uninverted("Doe, Jane") == "Jane Doe"


def test_an_authors_profile_slug_beside_the_name_is_the_same_person():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", '
            '"name": "jane-doe"}, {"@type": "Person", "name": "Jane Doe"}]}</script>')
    assert read_page(page(head=head).encode()).author == "Jane Doe"


def test_the_places_after_the_sites_address_in_a_credit_line_are_nobody():
    """A credit line names the site and where it is, whatever case the address is written in."""
    author = read_page(page(head='<meta name="author" content="avonherald.example, Bristol, England">').encode()).author
    assert not {"Bristol", "England"} & set(author.split("; "))


def test_a_number_in_the_author_tag_is_nobody():
    """The content system's id for a person, not a name."""
    assert read_page(page(head='<meta name="author" content="105092">').encode()).author == ""


def test_a_date_label_run_into_the_byline_is_no_part_of_the_name():
    byline = ('<div class="byline-section"><span class="author">By Jane Doe Published 11:11 PM EST Nov 19, 2019'
              '</span></div>')
    assert read_page(_with_byline(byline)).author == "Jane Doe"
    head = '<meta name="author" content="Detroit News wire services Published">'
    assert read_page(page(head=head).encode()).author == "Detroit News wire services"


@pytest.mark.parametrize("byline, expected", [
    ("<ul><li><strong>Autorin/Autor</strong> Jane Doe</li></ul>", "Jane Doe"),
    ("<p>Autor*in: Jane Doe</p>", "Jane Doe"),
    ("<p>Autor:innen Jane Doe und John Roe</p>", "Jane Doe; John Roe"),
    ("<p>Autor: Ingrid Roe</p>", "Ingrid Roe"),  # a colon, then a name starting "In": no gender's ending
])
def test_a_byline_label_written_in_both_genders(byline, expected):
    """German labels the byline for either gender ("Autorin/Autor", "Autor*in", "Autor:innen")."""
    assert read_page(_with_byline(byline)).author == expected


@pytest.mark.parametrize("byline, head", [
    ("<p>Autor: Rechtsanwalt Jane Doe</p>", ""),
    ("<p>Jane Doe reports.</p>", '<meta name="author" content="Rechtsanwältin Jane Doe">'),
    ("<p>By Reporter Jane Doe</p>", ""),
])
def test_a_job_printed_before_the_name_is_no_part_of_it(byline, head):
    assert read_page(_with_byline(byline, head)).author == "Jane Doe"


def test_an_address_in_the_author_tag_is_no_name():
    """trafilatura makes words of an address ("Janedoe De" of janedoe.de, "Jdoejdoe De" of jdoe[at]jdoe.de):
    a site beside a person is no second author, and a mailbox is nobody, the page's handle for the author stays."""
    site = '<meta name="author" content="Jane Doe - http://janedoe.de">'
    assert read_page(page(head=site).encode()).author == "Jane Doe"
    mailbox = '<meta name="author" content="jdoe[at]jdoe.de">'
    card = '<p class="meta">by <span class="author vcard"><a class="url fn" href="/author/jdoe/">jdoe</a></span></p>'
    assert read_page(_with_byline(card, mailbox)).author == "jdoe"
    assert read_page(page(head='<meta name="author" content="jdoe@avonherald.com">').encode()).author == ""


def test_a_name_in_a_script_without_capitals_is_no_handle():
    """Chinese, Japanese and Korean names have no small letters and no space: a person, where "jdoe" is a handle;
    the markup's person stands beside the byline printed in another script."""
    assert is_person("新間", set()) and is_person("김태연", set()) and not is_person("jdoe", set())
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"author": {"@type": "Person", "name": "新間"}}</script>')
    assert read_page(_with_byline("<p>By Jane Doe</p>", head)).author == "新間"


def test_the_claimant_a_fact_check_reviews_is_no_author():
    """A fact check prints who made the claim in a box marked "author" and names them in its ClaimReview's
    itemReviewed: they did not write the page."""
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "ClaimReview", '
            '"claimReviewed": "The wall is safe.", "itemReviewed": {"@type": "CreativeWork", "author": '
            '{"@type": "Person", "name": "Avon Port Authority"}}}</script>')
    box = '<div class="statement"><h4 class="author">Avon Port Authority</h4><p>The wall is safe.</p></div>'
    assert read_page(_with_byline(box, head)).author == ""
    assert read_page(_with_byline(box + "<p>By Jane Doe</p>", head)).author == "Jane Doe"


@pytest.mark.parametrize("byline, expected", [
    ('<p>von <a href="/user/Marianne1">Marianne1</a><br>am 20.09.2020</p>', "Marianne1"),
    ("<p>Erstellt von Fabian am Dienstag 6. Mai 2014</p>", "Fabian"),
    ("<p>Von Sozialabgaben ist nicht die Rede.</p>", ""),  # German capitalises nouns: no day after it, no byline
])
def test_a_single_word_after_von_is_the_author_when_the_posts_day_follows(byline, expected):
    assert read_page(_with_byline(byline)).author == expected


@pytest.mark.parametrize("credit, expected", [
    ("<p>（责编：牛镛、岳弘彬）</p>", "牛镛; 岳弘彬"),
    ("<p>【责任编辑：张三】</p><p>作者：李四</p>", "李四"),  # the writer before the editor in charge
    ("<p>记者：王小明报道</p>", ""),  # the name runs on into a verb: no credit
])
def test_a_chinese_pages_credit_after_its_label(credit, expected):
    assert read_page(page(after=credit).encode()).author == expected
