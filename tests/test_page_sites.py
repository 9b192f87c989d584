"""The name a saved page gives its site, where what trafilatura finds is a company or a handle (page_sites.py)."""

from __future__ import annotations

import pytest

from analysis.corpus.pages import read_page
from tests.test_saved_pages import BODY, page

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


def _site(og_site_name: str, url: str = "https://www.avonherald.example/news/harbour-wall") -> str:
    return f'<meta property="og:site_name" content="{og_site_name}"><link rel="canonical" href="{url}">'


@pytest.mark.parametrize("head, title, expected", [
    # the address written out gives way to the name the page also gives with its letters
    (_site("avonherald.example") + _publisher("AVON HERALD"), "", "AVON HERALD"),
    (_site("Avon Herald.example") + _publisher("Avon Herald"), "", "Avon Herald"),
    # ... and stays the name when the page gives no other
    (_site("avonherald.example"), "", "avonherald.example"),
    # the domain's label in small letters: the name the page spells with capitals, else its address as the titles
    # write it (not the label capitalised: "Nj", "Cleveland"), else the label as trafilatura capitalises it
    (_site("avonherald") + _publisher("Avon Herald"), "", "Avon Herald"),
    (_site("theavonherald", "https://theavonherald.example/1") + _publisher("The Avon Herald"), "", "The Avon Herald"),
    (_site("avonherald"), "Harbour wall fails in storm - avonherald.example", "avonherald.example"),
    (_site("avonherald"), "", "Avonherald"),
    # a subdomain's label, on a page that names the domain's owner (its Twitter account): the address
    (_site("Hosted", "https://hosted.avonpress.example/herald/1") + '<meta property="twitter:site" content="@avonpress">',
     "Harbour wall fails in storm | Hosted", "hosted.avonpress.example"),
    # ... a site of its own under another's domain keeps its name
    (_site("AvonTalk", "https://avontalk.bignews.example/1") + '<meta name="twitter:site" content="@AvonTalk">', "",
     "AvonTalk"),
    # a name of words written small is a name, not the address
    (_site("avon herald"), "", "Avon Herald"),
    # a name with other letters than the address's is no piece of it
    (_site("The Avon Herald"), "", "The Avon Herald"),
])
def test_a_piece_of_the_address_gives_way_to_the_name_the_page_gives(head, title, expected):
    html = page(head=head, title=title or "Harbour wall fails in storm", headline="Harbour wall fails in storm")
    assert read_page(html.encode()).outlet == expected


@pytest.mark.parametrize("declared, expected", [
    ("The Avon Herald | AvonHerald.example", "The Avon Herald"),  # the name beside its address
    ("avonherald.example / The Avon Herald", "The Avon Herald"),
    ("☆☆☆☆☆ - The Avon Herald", "The Avon Herald"),  # stars name nothing
    # a copyright line's city and country (a page without JSON-LD, as Chrome's single-file save leaves it)
    ("AVON HERALD, Port Avon, Avonshire", "AVON HERALD"),
    ("Avon Herald Media, 5430 Port Avon", "Avon Herald Media"),  # a postal address
    ("Salt and Fat, Acid", "Salt and Fat, Acid"),  # one comma: a name's own
])
def test_what_a_declared_site_name_holds_beside_the_name(declared, expected):
    head = f'<meta property="og:site_name" content="{declared}">' + _CANONICAL
    assert read_page(page(head=head).encode()).outlet == expected


def test_a_declared_name_of_stars_alone_names_no_site():
    assert read_page(page(head='<meta property="og:site_name" content="☆☆☆☆☆">' + _CANONICAL).encode()).outlet \
        == "avonherald.example"


@pytest.mark.parametrize("handle, title, expected", [
    ("avon_herald_de", "Harbour wall fails in storm | The Avon Herald", "The Avon Herald"),  # "The" in front
    ("avon_herald_de", "Harbour wall fails in storm | AvonHerald.example - News - Avon Herald Radio",
     "AvonHerald.example"),
    ("avonredaktion", "Harbour wall fails in storm - AvonHerald.example", "AvonHerald.example"),
    ("avon_herald_de", "Harbour wall fails in storm", "avonherald.example"),  # else the address, no "Avon_Herald_De"
])
def test_a_handle_gives_way_to_a_piece_of_the_title_naming_the_domain(handle, title, expected):
    """Better the site's name, or its address, as its titles write them than its Twitter account."""
    head = f'<meta name="twitter:site" content="@{handle}"><meta name="author" content="{handle}">' + _CANONICAL
    html = page(head=head, title=title, headline="Harbour wall fails in storm")
    assert read_page(html.encode()).outlet == expected


def test_the_headline_before_the_site_name_ending_the_title_is_no_site_name():
    """trafilatura takes a piece of the title with a dot in it, the headline when it holds a separator too."""
    head = '<link rel="canonical" href="https://www.avon-herald.example/news/harbour-wall">'
    html = page(head=head, title="Storms 14. - 20. January 2024 - AH", headline="",
                body="<h2>The week of storms at the harbour</h2>" + BODY)
    assert read_page(html.encode()).outlet == "avon-herald.example"



def test_a_name_written_small_is_capitalised_but_not_after_an_apostrophe():
    head = '<meta property="og:site_name" content="too long; didn’t read">' + _CANONICAL
    assert read_page(page(head=head).encode()).outlet == "Too Long; Didn’t Read"
