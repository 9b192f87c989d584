"""The name a saved page gives its site: og:site_name, the JSON-LD publisher, what trafilatura finds.

trafilatura's answer comes first, as it weighs the page's meta tags and its
JSON-LD; but it also gives names that are not the site's: its address, its
title, a Twitter handle ("golemredaktion" for Golem.de), the company that
owns the site ("Ediciones EL PAÍS S.L.", from the JSON-LD publisher or the
copyright tag). Those give way to the name the site uses for itself:
og:site_name, the JSON-LD publisher, the web app's name, or the end of its
titles when that is the domain's name ("... | Público" on publico.es).
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from analysis.corpus.page_markup import (LEGAL_FORM, TITLE_SEPARATOR, is_article, looks_like_domain, same_line,
                                         site_name_proper)

__all__ = ["site_name"]

# The second level of a country's domain under which sites register ("bbc.co.uk", "nine.com.au").
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne"})


def site_name(tree, found: dict, linked_data: list[dict], titles: list[str]) -> str:
    """The site's name as the page gives it, "" when it gives none (the caller falls back to the domain).

    ``found`` is trafilatura's metadata (page_meta.py's :func:`trafilatura_metadata`: its site name, title
    and URL), ``titles`` the page's og:title and <title> (page_meta.py's :class:`Headings`).
    """
    og_site_names = {" ".join(v.split()) for v in tree.xpath('//meta[@property="og:site_name"]/@content')}
    name = site_name_proper(found.get("sitename") or "")
    title_pieces = {p.strip().casefold() for t in titles for p in TITLE_SEPARATOR.split(t)}
    if name not in og_site_names and (looks_like_domain(name) or same_line(name, found.get("title") or "")
                                      or ("." in name and name.casefold() in title_pieces)):
        # trafilatura's fallbacks: the address, the title, a piece of <title> with a dot in it ("6. Jahrgang",
        # "Vegetarier zu sein. Bedarf?"): not a name the site gives itself
        name = ""
    # trafilatura prefers JSON-LD's publisher to og:site_name: when that is an address ("Salon.com"),
    # og:site_name ("Salon") is the name, then the JSON-LD publisher's other names.
    og_name = site_name_proper(next((n for n in sorted(og_site_names) if n and not looks_like_domain(n)), ""))
    publisher = site_name_proper(publisher_name(linked_data))
    name = name or og_name or publisher
    if name.split(",")[0] in {publisher, og_name} - {""}:
        name = name.split(",")[0]  # a copyright line "SPIEGEL ONLINE, Hamburg, Germany": the publisher
    company, handle = bool(LEGAL_FORM.search(name)), _is_handle(tree, name)
    if company or handle:
        # the name the site gives itself, when it gives one; else its address names it better than its company
        host = _host(found.get("url") or "")
        others = (og_name, publisher, _app_name(tree), _title_end_of_domain(titles, host))
        name = next((n for n in others if n and not LEGAL_FORM.search(n)), "" if company and host else name)
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


def _is_handle(tree, name: str) -> bool:
    """``name`` is the site's Twitter handle (twitter:site) written as no name is: in small letters, however
    trafilatura capitalised it ("@golemredaktion"), or with underscores ("@The_Japan_News"). "@Reuters" is
    spelled as the name."""
    handles = {h.strip().lstrip("@") for h in tree.xpath('//meta[@name="twitter:site"]/@content')}
    return any(name.casefold() == h.casefold() and (h.islower() or "_" in h) for h in handles if h)


def _app_name(tree) -> str:
    """The name the site gives its web app (application-name), when it is no address."""
    names = [site_name_proper(v) for v in tree.xpath('//meta[@name="application-name"]/@content')]
    return next((n for n in names if n and not looks_like_domain(n) and not n.startswith(("http://", "https://"))), "")


def _title_end_of_domain(titles: list[str], domain: str) -> str:
    """The last piece of a title that is the domain's name but for case and accents ("Público" on publico.es)."""
    labels = domain.lower().split(".")[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    if not labels:
        return ""
    for title in titles:
        pieces = [p.strip() for p in TITLE_SEPARATOR.split(title)]
        if len(pieces) > 1 and _plain_letters(pieces[-1]) == labels[-1]:
            return pieces[-1]
    return ""


def _plain_letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum() and c.isascii())


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
