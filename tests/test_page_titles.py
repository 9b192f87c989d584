"""A saved page's headline, rule by rule, on small hand-written pages (see test_page_meta.py)."""

from __future__ import annotations

from analysis.corpus.pages import read_page
from tests.test_saved_pages import BODY, page

_MENU = "<h2>Latest updates</h2><h2>Trains and stations</h2>"


def test_a_page_without_an_h1_heads_its_article_with_an_h2():
    """Its <title> names the site or the section; the heading the article's text opens with is the headline."""
    body = f"<h2>Harbour wall fails in storm</h2>{BODY}"
    html = page(title="Avon Rail Enquiries -", headline="", body=body, after=f"<footer>{_MENU}</footer>")
    assert read_page(html.encode()).title == "Harbour wall fails in storm"


def test_an_h2_the_text_opens_with_is_no_headline_beside_an_h1():
    html = page(title="Storm: what we know | The Avon Herald", headline="Storm: what we know",
                body=f"<h2>Harbour wall fails in the night</h2>{BODY}")
    assert read_page(html.encode()).title == "Storm: what we know"


def test_a_short_heading_the_text_opens_with_is_a_label():
    html = page(title="Harbour wall fails in storm | The Avon Herald", headline="", body=f"<h2>[&gt; News</h2>{BODY}")
    assert read_page(html.encode()).title == "Harbour wall fails in storm"


def test_a_title_ending_in_a_separator_loses_it():
    assert read_page(page(title="Harbour wall fails in storm -", headline="").encode()).title == "Harbour wall fails in storm"


def test_an_h1_the_json_ld_headline_names_is_the_headline_among_several():
    """Teasers are <h1>s too on some pages, and og:title is an SEO line: the article's JSON-LD names its own."""
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
          '"headline": "Harbour wall fails in storm\u00a0"}</script>')
    teasers = "".join(f"<article><h1>Celebrity chef opens restaurant number {i}</h1></article>" for i in range(3))
    html = page(head=f'<meta property="og:title" content="Port Avon: what the storm left behind">{ld}',
                title="Port Avon: what the storm left behind", headline="Harbour wall fails in storm", after=teasers)
    assert read_page(html.encode()).title == "Harbour wall fails in storm"


def test_a_title_cut_at_a_quotation_mark_does_not_cut_the_headline():
    """A tag whose attribute ends at the headline's first quotation mark gives its start only."""
    head = '<meta property="og:title" content="Harbour wall fails in storm and ">'
    html = page(head=head, title="Harbour wall fails in storm and &quot;no one warned us&quot;",
                headline='Harbour wall fails in storm and "no one warned us"')
    assert read_page(html.encode()).title == 'Harbour wall fails in storm and "no one warned us"'


def test_a_kicker_printed_on_a_line_of_its_own_keeps_the_titles_colon():
    """<h1><span>Storm in Avon</span><span>Harbour wall fails</span></h1> runs the two together; the titles write
    the colon the layout stands for."""
    head = '<meta property="og:title" content="Storm in Avon: Harbour wall fails in the night">'
    html = page(head=head, title="Storm in Avon: Harbour wall fails in the night | Avon Herald",
                headline="<span>Storm in Avon</span> <span>Harbour wall fails in the night</span>")
    assert read_page(html.encode()).title == "Storm in Avon: Harbour wall fails in the night"


def test_a_site_name_written_onto_the_title_without_spaces_gives_way_to_the_json_ld_headline():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour wall fails in storm"}</script>'
    html = page(head=ld, title="Harbour wall fails in storm-Newsㅣ아본일보", headline="")
    assert read_page(html.encode()).title == "Harbour wall fails in storm"


def test_a_box_drawing_bar_or_the_korean_vowel_letter_joins_the_site_name_as_a_pipe():
    """Titles written with "│" (U+2502) or "ㅣ" (U+3163, Korean sites' pipe) lose the site's name after it."""
    head = '<meta property="og:site_name" content="Avon Herald">'
    for bar in (" │ ", "│", "ㅣ"):
        html = page(head=head, title=f"Harbour wall fails in storm{bar}Avon Herald", headline="")
        assert read_page(html.encode()).title == "Harbour wall fails in storm"
