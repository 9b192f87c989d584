"""What a saved page's headline (page_meta.py) and its authors (page_authors.py) both read of its markup.

Titles folded and split where they join the headline and the site's name,
names compared by their letters, names that are domains, the JSON-LD
types that mark an article, and the heading that is the site's logo. Kept apart so that page_meta.py can use
page_authors.py, which uses these, without the two importing each other.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_DASHES = str.maketrans("‐‑‒–—―−", "-------")
# An <h1> alone on its page is the headline when it is this long; a shorter one is a logo or a section.
HEADLINE_MIN_WORDS = 3
# How page titles join the headline and the site's name: "Storm hits | The Herald", "Herald - Storm hits"; a
# box-drawing bar, and in Korean titles the vowel letter ㅣ, stand for the pipe ("Storm hits│Herald", "폭풍ㅣ헤럴드").
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—»«·•:]{1,2}\s+|\s*[|│ㅣ]\s*")
_DOMAIN_LIKE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
_JSON_LD_ARTICLE = re.compile(r"(?:News|Report|Blog|Analysis|Opinion|Review)?Article|BlogPosting|WebPage|"
                              r"LiveBlogPosting|Posting")


# A name ending in a legal form is a company or an association, never a person nor a site's own name
# ("Example Verlag GmbH", "Ediciones Example S.L.").
LEGAL_FORM = re.compile(r"\b(?:GmbH|AG|e\.\s?V\.|Inc\.?|Ltd\.?|LLC|S\.A\.|SE|Corp\.?|plc|S\.L\.U?\.?|SLU?|S\.p\.A\.?|"
                         r"S\.r\.l\.?|B\.V\.?|N\.V\.?|KG|SARL|SAS)$", re.IGNORECASE)


def same_line(a: str, b: str) -> bool:
    return a.casefold().strip() == b.casefold().strip()


def fold_title(text: str) -> str:
    """How titles are compared: case folded, every dash a hyphen ("Jan – Mai" is "Jan - Mai" in another tag)."""
    return text.casefold().translate(_DASHES)


def letters_of(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def looks_like_domain(name: str) -> bool:
    return bool(_DOMAIN_LIKE.fullmatch(name.strip()))


def title_ends(folded: list[str]) -> list[tuple[str, str]]:
    """(last piece, the title before it) of (folded) titles that end in a shorter piece, the site's name
    as a rule ("storm hits avon | herald"). Not a piece from the middle: "Storm hits Avon – what we know"
    is a headline and "what we know" no title."""
    ends = []
    for whole in folded:
        pieces = [p.strip() for p in TITLE_SEPARATOR.split(whole)]
        rest = whole[:whole.rindex(pieces[-1])].rstrip(" |-–—»«·•:") if len(pieces) > 1 and pieces[-1] else ""
        if len(rest.split()) >= HEADLINE_MIN_WORDS and len(pieces[-1].split()) < len(rest.split()):
            ends.append((pieces[-1], rest))
    return ends


# The words and years of a copyright notice, around the holder it names ("Copyright (c) Example Media 2023").
_RESERVED = (r"all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
             r"版权所有|版權所有")
_COPYRIGHT_WORDS = re.compile(r"copyright|\(c\)|©|&copy;|\d{4}(?:\s*[-–]\s*\d{4})?|" + _RESERVED, re.IGNORECASE)
_RIGHTS_RESERVED = re.compile(r"(?:" + _RESERVED + r")\W*$", re.IGNORECASE)
_COPYRIGHT_SIGN = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
# A link, not a site's address written as its name ("www.avonherald.example" names the site; a profile
# page "https://www.facebook.com/avonherald" does not).
_LINK = re.compile(r"(?:https?://\S+|(?:[\w-]+\.)+[a-z]{2,}/\S*)$", re.IGNORECASE)
_POSTAL_ADDRESS = re.compile(r",\s*(?:[A-Z]{1,2}-)?\d{4,5}\s+\w.*$")
# ... or a city and a country after it ("SPIEGEL ONLINE, Hamburg, Germany", as a copyright line writes it):
# two pieces after commas, each one to three capitalised words.
_CITY_AND_COUNTRY = re.compile(r",\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2},\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}$")
# A name this short before a separator, then a phrase this long with a lowercase word in it, is a name and
# its tagline ("LinkNaija | Nigeria's popular news platform"); "Der Spiegel | Politik" keeps its section.
_NAME_MAX_WORDS = 4
_TAGLINE_MIN_WORDS = 3


def copyright_holder(notice: str) -> str:
    """Who a copyright notice names: the notice without its words and years ("© SPOX 2022": SPOX)."""
    return " ".join(_COPYRIGHT_WORDS.sub(" ", notice).split()).strip(" .,;:-–")


def site_name_proper(name: str) -> str:
    """A site's name as a page declares it, without a copyright sign and year, a tagline (after the name or
    before it), the sections it lists, a postal address or a city and country, or as a web address."""
    name = " ".join(name.split())
    if _LINK.match(name):
        return ""  # "https://www.facebook.com/akkurier": the publisher's profile, no name
    if _COPYRIGHT_SIGN.match(name) or _RIGHTS_RESERVED.search(name):
        name = copyright_holder(name)  # "© SPOX 2022", "Example News All Rights Reserved"
    name = _POSTAL_ADDRESS.sub("", name)  # "fashionweb Kuster GmbH, 5430 Wettingen"
    name = _CITY_AND_COUNTRY.sub("", name)
    pieces = [p.strip() for p in TITLE_SEPARATOR.split(name)]
    if not all(map(_has_word, pieces)):  # "☆☆☆☆☆ - Avon Herald": stars name nothing
        pieces = [p for p in pieces if _has_word(p)]
        name = " - ".join(pieces)
    if len(pieces) > 1 and pieces[0] and len(pieces[0].split()) <= _NAME_MAX_WORDS:
        tagline = " ".join(pieces[1:]).split()
        if len(pieces) > 2 or _is_tagline(tagline):
            return pieces[0]  # its tagline, or the sections it covers ("Autoracing | F1 | Indy | MotoGP")
    if len(pieces) == 2 and pieces[1] and len(pieces[1].split()) <= _NAME_MAX_WORDS and _is_tagline(pieces[0].split()):
        return pieces[1]  # the tagline first: "Breaking News and Headlines - Avon24"
    beside = pieces if len(pieces) == 2 else [p.strip() for p in name.split(" / ")]
    if len(beside) == 2 and all(beside) and sum(map(looks_like_domain, beside)) == 1:
        return next(p for p in beside if not looks_like_domain(p))  # the name beside its address: "Avon Herald | AH.com"
    return name


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _is_tagline(words: list[str]) -> bool:
    return len(words) >= _TAGLINE_MIN_WORDS and any(w[:1].islower() for w in words)


def is_article(item: dict) -> bool:
    kind = item.get("@type")
    return any(isinstance(k, str) and _JSON_LD_ARTICLE.fullmatch(k) for k in (kind if isinstance(kind, list) else [kind]))


def links_home(heading) -> bool:
    """The heading is a link to the site's home page (rel=home, or an address with no path): the logo."""
    for link in heading.iter("a"):
        href = (link.get("href") or "").strip()
        if link.get("rel") == "home" or href in ("/", "./"):
            return True
        try:
            parts = urlsplit(href)
        except ValueError:
            continue
        if parts.scheme in ("http", "https") and parts.path in ("", "/") and not parts.query:
            return True
    return False
