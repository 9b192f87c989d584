"""The name a saved page gives its site, where what trafilatura finds is a company or a handle (page_sites.py)."""

from __future__ import annotations

import pytest

from analysis.corpus.pages import read_page
from tests.test_saved_pages import page

_CANONICAL = '<link rel="canonical" href="https://www.avonherald.example/news/harbour-wall">'


def _publisher(name: str) -> str:
    return ('<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
            f'{{"@type": "Organization", "name": "{name}"}}}}</script>')


@pytest.mark.parametrize("head, title, expected", [
    # the JSON-LD publisher is the company that owns the site: og:site_name is the site's name
    (_publisher("Ediciones Avon S.L.") + '<meta property="og:site_name" content="The Avon Herald">', "", "The Avon Herald"),
    # the copyright tag names the company: the end of the title is the site's, when the domain says so
    ('<meta name="copyright" content="Avon Media Verlags- und Vertriebs GmbH">', "Harbour wall fails in storm | Avon Herald",
     "Avon Herald"),
    # ... else the address names the site better than its company
    ('<meta name="copyright" content="Avon Media GmbH">', "Harbour wall fails in storm | News", "avonherald.example"),
    # a Twitter handle written as no name is: the JSON-LD publisher's name
    ('<meta name="twitter:site" content="@the_avon_herald">' + _publisher("The Avon Herald"), "", "The Avon Herald"),
    ('<meta name="twitter:site" content="@avonherald"><meta name="application-name" content="Avon Herald">', "",
     "Avon Herald"),
    # a handle spelled as the name stays the name
    ('<meta name="twitter:site" content="@AvonHerald"><meta name="application-name" content="Avon News App">', "",
     "AvonHerald"),
])
def test_a_company_or_a_handle_gives_way_to_the_name_the_site_gives_itself(head, title, expected):
    html = page(head=head + _CANONICAL, title=title or "Harbour wall fails in storm", headline="Harbour wall fails in storm")
    assert read_page(html.encode()).outlet == expected


def test_a_company_named_by_og_site_name_on_a_page_without_an_address_stays():
    assert read_page(page(head='<meta property="og:site_name" content="avon24 GmbH">').encode()).outlet == "avon24 GmbH"
