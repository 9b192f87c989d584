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
# How page titles join the headline and the site's name: "Storm hits | The Herald", "Herald - Storm hits".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—»«·•:]{1,2}\s+|\s*\|\s*")
_DOMAIN_LIKE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
_JSON_LD_ARTICLE = re.compile(r"(?:News|Report|Blog|Analysis|Opinion|Review)?Article|BlogPosting|WebPage|"
                              r"LiveBlogPosting|Posting")


def _fold(text: str) -> str:
    """How titles are compared: case folded, every dash a hyphen ("Jan – Mai" is "Jan - Mai" in another tag)."""
    return text.casefold().translate(_DASHES)


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _looks_like_domain(name: str) -> bool:
    return bool(_DOMAIN_LIKE.fullmatch(name.strip()))


def _title_ends(folded: list[str]) -> list[tuple[str, str]]:
    """(last piece, the title before it) of (folded) titles that end in a shorter piece, the site's name
    as a rule ("storm hits avon | herald"). Not a piece from the middle: "Storm hits Avon – what we know"
    is a headline and "what we know" no title."""
    ends = []
    for whole in folded:
        pieces = [p.strip() for p in _TITLE_SEPARATOR.split(whole)]
        rest = whole[:whole.rindex(pieces[-1])].rstrip(" |-–—»«·•:") if len(pieces) > 1 and pieces[-1] else ""
        if len(rest.split()) >= HEADLINE_MIN_WORDS and len(pieces[-1].split()) < len(rest.split()):
            ends.append((pieces[-1], rest))
    return ends


def _is_article(item: dict) -> bool:
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
