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
