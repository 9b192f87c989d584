"""The name a saved page gives its site: og:site_name, the JSON-LD publisher, what trafilatura finds.

trafilatura's answer comes first, as it weighs the page's meta tags and its
JSON-LD; but it also gives names that are not the site's: its address, its
title, a Twitter handle ("golemredaktion" for Golem.de), the company that
owns the site ("Ediciones EL PAÍS S.L.", from the JSON-LD publisher or the
copyright tag). Those give way to the name the site uses for itself:
og:site_name, the JSON-LD publisher, the web app's name, or a piece of its
titles that is the domain's name ("... | Público" on publico.es, "... |
Golem.de"); else the company, or a handle no one writes as a name
("Avon_Herald_De"), to the domain.

A name that is a piece of the page's address is no name either: the
address written out ("bild.de", "Le Monde.fr") gives way to the name the
page also gives with the same letters ("BILD", "Le Monde"); the domain's
label in small letters ("nj", "theprovince") to such a name ("The
Province"), or to the address as the titles write it ("nj.com"); a
subdomain's label ("Hosted" on hosted.example.org) to the address.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import urlsplit

from analysis.corpus.page_markup import (LEGAL_FORM, TITLE_SEPARATOR, fold_title, is_article,
                                         looks_like_domain, same_line, site_name_proper, title_ends)

__all__ = ["site_name"]

# The second level of a country's domain under which sites register ("bbc.co.uk", "nine.com.au").
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne"})
# A name written as an address: a name, then a top-level domain or two ("Le Monde.fr", "Nine.com.au", "DW.COM").
_WITH_TLD = re.compile(r"(?P<name>.*?\w)(?:\.[a-z]{2,12}){1,2}", re.IGNORECASE)


def site_name(tree, found: dict, linked_data: list[dict], titles: list[str]) -> str:
    """The site's name as the page gives it, "" when it gives none (the caller falls back to the domain).

    ``found`` is trafilatura's metadata (page_meta.py's :func:`trafilatura_metadata`: its site name, title
    and URL), ``titles`` the page's og:title and <title> (page_meta.py's :class:`Headings`).
    """
    og_site_names = {" ".join(v.split()) for v in tree.xpath('//meta[@property="og:site_name"]/@content')}
    name = site_name_proper(found.get("sitename") or "")
    title_pieces = {p.strip().casefold() for t in titles for p in TITLE_SEPARATOR.split(t)}
    headlines = {rest for _, rest in title_ends([fold_title(t) for t in titles])}
    if name not in og_site_names and (looks_like_domain(name) or same_line(name, found.get("title") or "")
                                      or ("." in name and name.casefold() in title_pieces)
                                      or fold_title(name) in headlines):
        # trafilatura's fallbacks: the address, the title (whole, or before the site's name that ends it), a
        # piece of <title> with a dot in it ("6. Jahrgang", "Vegetarier zu sein. Bedarf?"): not a name the
        # site gives itself
        name = ""
    # trafilatura prefers JSON-LD's publisher to og:site_name: when that is an address ("Salon.com"),
    # og:site_name ("Salon") is the name, then the JSON-LD publisher's other names.
    og_name = site_name_proper(next((n for n in sorted(og_site_names) if n and not looks_like_domain(n)), ""))
    publisher = site_name_proper(publisher_name(linked_data))
    name = name or og_name or publisher
    if name.split(",")[0] in {publisher, og_name} - {""}:
        name = name.split(",")[0]  # a copyright line "SPIEGEL ONLINE, Hamburg, Germany": the publisher
    company, handle = bool(LEGAL_FORM.search(name)), _is_handle(tree, name)
    host = _host(found.get("url") or "")
    if company or handle:
        # the name the site gives itself, when it gives one; else its address names it better than its company
        # or an account no one would write as a name ("Avon_Herald_De")
        others = (og_name, publisher, _app_name(tree), _title_piece_of_domain(titles, host))
        name = next((n for n in others if n and not LEGAL_FORM.search(n)),
                    "" if host and (company or "_" in name) else name)
    if host and name:
        given = (publisher, og_name, _app_name(tree), *_title_ends(titles))
        name = _name_for_address(name, host, given, _handles(tree), lowercase=name.islower() or any(
            n.islower() and n.casefold() == name.casefold() for n in og_site_names))
    return name


def _name_for_address(name: str, host: str, given: Sequence[str], handles: set[str], lowercase: bool) -> str:
    """``name``, or what names the site better when it is a piece of the page's address ``host``.

    trafilatura and og:site_name give the address in several shapes. Written out ("bild.de", "Le Monde.fr"):
    the name the page also gives (``given``: its publisher, og:site_name, app name, title ends) with the same
    letters ("BILD"), else it stays. The domain's label in small letters ("nj", "cleveland", capitalised a
    state's or a city's name): a name the page spells with capitals ("The Province" for theprovince), or the
    address as its titles write it ("nj.com"), else it stays. A subdomain's label ("Hosted" for
    hosted.example.org), on a page naming the domain's owner (its Twitter account, ``handles``: "@example"):
    "", and the caller names the site by its domain.
    """
    labels = _site_labels(host)
    if not labels:
        return name
    site, subdomains = labels[-1], set(labels[:-1])
    written_out = _WITH_TLD.fullmatch(name)
    if written_out and _plain_letters(written_out["name"]) in set(labels):
        # "bild.de" with "BILD" as the publisher; else the address stays the name ("stern.de")
        return next((n for n in given if n and _plain_letters(n) == _plain_letters(written_out["name"])
                     and not _WITH_TLD.fullmatch(n)), name)
    letters = _plain_letters(name)
    if letters in subdomains - {site} and any(_plain_letters(n) == site for n in (*given, *handles)):
        return ""  # the page names the domain's owner too ("@example" on hosted.example.org)
    if lowercase and letters == site and " " not in name:  # "avon herald", written small, is a name
        return next((n for n in given if n and (_WITH_TLD.fullmatch(n) or not n.islower()) and _names_site(n, site)),
                    name)
    return name


def publisher_name(items: list[dict]) -> str:
    """The publisher's name an article's JSON-LD gives, else the WebSite's name."""
    for item in items:
        if is_article(item):
            publisher = item.get("publisher")
            for candidate in publisher if isinstance(publisher, list) else [publisher]:
                if isinstance(candidate, dict) and isinstance(candidate.get("name"), str):
                    name = " ".join(candidate["name"].split())
                    if name and not looks_like_domain(name):
                        return name
    for item in items:
        if item.get("@type") == "WebSite" and isinstance(item.get("name"), str):
            name = " ".join(item["name"].split())
            if name and not looks_like_domain(name):
                return name
    return ""


def _handles(tree) -> set[str]:
    """The site's Twitter accounts (twitter:site, in a name or a property attribute), without the "@"."""
    found = tree.xpath('//meta[@name="twitter:site"]/@content | //meta[@property="twitter:site"]/@content')
    return {h.strip().lstrip("@") for h in found} - {""}


def _is_handle(tree, name: str) -> bool:
    """``name`` is the site's Twitter handle (twitter:site) written as no name is: in small letters, however
    trafilatura capitalised it ("@golemredaktion"), or with underscores ("@The_Japan_News"). "@Reuters" is
    spelled as the name."""
    return any(name.casefold() == h.casefold() and (h.islower() or "_" in h) for h in _handles(tree))


def _app_name(tree) -> str:
    """The name the site gives its web app (application-name), when it is no address."""
    names = [site_name_proper(v) for v in tree.xpath('//meta[@name="application-name"]/@content')]
    return next((n for n in names if n and not looks_like_domain(n) and not n.startswith(("http://", "https://"))), "")


def _names_site(name: str, site: str) -> bool:
    """``name`` is the domain's label ``site`` as a name ("The Province" for theprovince) or as an address
    ("nj.com", "Canada.Com")."""
    written_out = _WITH_TLD.fullmatch(name)
    return _plain_letters(written_out["name"] if written_out else name) in {site, f"the{site}"}


def _site_labels(host: str) -> list[str]:
    """The host's labels up to the one sites register, without the top level, as letters and digits ("www",
    "avonherald" for www.avon-herald.co.uk; "hosted", "example" for hosted.example.org)."""
    labels = host.lower().split(".")[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    return [_plain_letters(label) for label in labels]


def _title_ends(titles: list[str]) -> list[str]:
    """The last pieces of the titles that have more than one."""
    ends = ([p.strip() for p in TITLE_SEPARATOR.split(title)] for title in titles)
    return [pieces[-1] for pieces in ends if len(pieces) > 1 and pieces[-1]]


def _title_piece_of_domain(titles: list[str], domain: str) -> str:
    """A piece of a title, after its first, that is the domain's name but for case and accents ("Público" on
    publico.es; "The Avon Herald"), or the address written out ("Golem.example"), the last such first: they name
    the site better than a company or a handle."""
    labels = _site_labels(domain)
    pieces = ([p.strip() for p in TITLE_SEPARATOR.split(title)] for title in titles)
    return next((piece for each in pieces for piece in reversed(each[1:]) if labels and _names_site(piece, labels[-1])), "")


def _plain_letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum() and c.isascii())


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
