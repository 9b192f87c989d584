"""What a saved page says about its article: its headline, trafilatura's metadata, and its JSON-LD.

Read the way news pages mark these up: <h1> (<h2> where the <h1> is the
logo), Open Graph and <title> for the headline (without the site's name, a
kicker or a date line), schema.org JSON-LD (``@graph`` and lists included).
The authors are read in page_authors.py; pages.py extracts the text; what both this
and page_authors.py read of titles and names is in page_markup.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import NamedTuple

from analysis.corpus.page_bylines import printed_byline, printed_in_article
from analysis.corpus.page_markup import (HEADLINE_MIN_WORDS, TITLE_SEPARATOR, fold_title, is_article, letters_of,
                                         looks_like_domain, title_ends, links_home)

# Soft hyphens and zero-width characters: invisible in print, they split words in a page's markup.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# A word's first letter: not one after an apostrophe ("don't", "didn’t").
_WORD_START = re.compile(r"(?<![\w'’])\w")
# A numeric date at the front of a headline, then a separator: "23.01.2022 - ", "2024-03-04 | ".
_LEADING_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*[|\-–—:·•]\s*")
# A separator a title ends with when the site's template joins an empty headline to its name ("Avon Rail -").
_TRAILING_SEPARATOR = re.compile(r"\s+[|\-–—»«·•:]+$")
# A quotation opens inside a headline ('Storm hits "every street"'): a title cut before it (an attribute
# that ends at the quote's first mark) is no headline of its own.
_OPENING_QUOTES = frozenset("\"“„«»‘‚‹›'(")
# A site's name, as a logo <h1> or the end of a title, is this short ("The New York Times"); a longer
# <h1> that ends the page's title is its headline ("Agency - Press releases 2022 - Storm hits Avon").
SITE_NAME_MAX_WORDS = 4


def trafilatura_metadata(tree) -> dict:
    """What trafilatura's ``extract_metadata`` gives (title, author, url, sitename, date), without the rest;
    and ``printed``, the byline printed on the page when it was looked for (else None).

    Its categories, tags and licence (an xpath sweep of every link, a third of
    its metadata time; bench/pages_bench.py) are never used here, so the steps
    are called one by one, in its order, and those are left out. The date is
    htmldate's in its original-date mode, with trafilatura's settings.
    """
    from htmldate import find_date
    from trafilatura.metadata import (META_URL, examine_meta, extract_author, extract_meta_json, extract_sitename,
                                      extract_title, extract_url)
    from trafilatura.settings import set_date_params

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # as trafilatura: a single word in a meta tag is a handle, not a name
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # trafilatura guards its JSON-LD reader the same way: odd blocks raise odd errors
        pass
    metadata.title = metadata.title or extract_title(tree)
    # A printed byline ("By Jane Doe"), then an element marked as the byline with a full name in it, before
    # trafilatura's author xpaths, which also take comment authors and labels ("Follow", "Name") and copy
    # the whole tree; they find one-word names and handles, though (bench/pages_bench.py, tune half).
    printed = None  # the printed byline, when it was looked for: page_author need not look again
    if not metadata.author:
        printed = printed_byline(tree)
        metadata.author = printed or printed_in_article(tree, extract_author(tree) or "")
    metadata.url = metadata.url or extract_url(tree)
    metadata.date = find_date(tree, **{**set_date_params(True), "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        # A name written all in lowercase ("spiegel") is capitalised as trafilatura does, but not after an
        # apostrophe ("don't panic": "Don't Panic", not "Don'T"); one that has capitals already keeps them
        # ("oe24 GmbH" would become "Oe24 Gmbh").
        if "." not in metadata.sitename and metadata.sitename.islower():
            metadata.sitename = _WORD_START.sub(lambda m: m[0].upper(), metadata.sitename)
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.clean_and_trim()
    found = {key: getattr(metadata, key) or "" for key in ("title", "author", "url", "sitename", "date")}
    return {**found, "printed": printed}


class Headings(NamedTuple):
    """The headings and titles a page gives, read before trafilatura prunes the tree."""

    h1s: list[str]  # its <h1> texts, its logo left out
    titles: list[str]  # the titles it gives itself: og:title, <title>
    h2s: list[str]
    in_article: list[str]  # the <h1>s inside an <article> or marked as the headline (itemprop)
    logos: list[str]  # <h1>s that link to the site's home
    declared: list[str] = []  # the headlines the page's JSON-LD gives its article


def read_headings(tree, linked_data: Sequence[dict] = ()) -> Headings:
    """The page's headings and titles (:class:`Headings`)."""
    titles = [" ".join(v.split()) for v in tree.xpath('//meta[@property="og:title"]/@content')[:1]]
    titles += [" ".join(t.text_content().split()) for t in tree.iter("title")][:1]
    h1s, logos = [], []
    for heading in tree.iter("h1"):
        (logos if links_home(heading) else h1s).append(heading)
    in_article = [h for h in h1s if h.get("itemprop") == "headline" or h.xpath("ancestor::article")]
    h1_texts, h2s, in_article, logos = ([t for t in map(_heading_text, hs) if t]
                                        for hs in (h1s, tree.iter("h2"), in_article, logos))
    declared = [" ".join(item["headline"].translate(_INVISIBLE).split()) for item in linked_data
                if is_article(item) and isinstance(item.get("headline"), str)]
    return Headings(h1_texts, [t.translate(_INVISIBLE) for t in titles if t], h2s, in_article, logos,
                    [h for h in declared if h])


def _heading_text(heading) -> str:
    """A heading's words, without its <small> print (a kicker or a subtitle beside the headline, as HTML
    defines <small>) when words remain, and without soft hyphens ("Mes\xadsen\xadger")."""
    text = " ".join(heading.text_content().translate(_INVISIBLE).split())
    if heading.find(".//small") is None:
        return text
    return " ".join("".join(_texts_outside_small(heading)).translate(_INVISIBLE).split()) or text


def _texts_outside_small(element):
    """The texts of ``element`` and its descendants, those inside a <small> left out (tails after it kept)."""
    if element.tag != "small" and element.text:
        yield element.text
    for child in element:
        if child.tag != "small" and isinstance(child.tag, str):
            yield from _texts_outside_small(child)
        if child.tail:
            yield child.tail


def choose_title(headings: Headings, found: str, site_name: str = "", domain: str = "", text_opens: str = "") -> str:
    """The headline as the page prints it: an <h1> its own titles repeat, else an <h2> they repeat, else its
    only <h1> of 3+ words, else the <h2> the article's text opens with (``text_opens``) on a page without an <h1>, else
    trafilatura's title.

    Page titles carry the site's name ("Storm hits Avon | The Herald"), and
    pages have <h1>s that are logos or section names: an <h1> found again in
    og:title or <title> is the headline (bench/pages_bench.py, tune half),
    unless it is the site's name (the logo matches the title's suffix, or
    reads as a domain), and the longest such <h1> wins. An <h1> that is the
    page's title with a kicker in front ("Politics | Storm hits Avon") gives
    the title; so does one with more behind it (its subtitle, its date line,
    the site's name). Pages whose <h1> is their logo print the headline as an
    <h2>. A title taken whole loses its site-name suffix, and a date in
    front ("23.01.2022 - Storm hits Avon") is a date line, not the headline.
    """
    h1s, titles, h2s, in_article, logos, declared = headings
    h1s = [_with_kickers_colon(h, [*titles, *declared]) for h in h1s]
    folded = [fold_title(t) for t in titles]
    split = title_ends(folded)
    ends, wholes = {end for end, _ in split}, set(folded) | {rest for _, rest in split}
    site = fold_title(site_name)
    h1s = [h for h in h1s if fold_title(h) != site and not looks_like_domain(h)
           and not (fold_title(h) in ends and len(h.split()) <= SITE_NAME_MAX_WORDS)]
    parts = {p.strip() for t in folded for p in TITLE_SEPARATOR.split(t)}
    declared_headlines = {fold_title(h) for h in declared}
    long_titles = {t for t in wholes if len(t.split()) >= HEADLINE_MIN_WORDS}
    h2s = [h for h in h2s if len(h.split()) >= HEADLINE_MIN_WORDS]
    for level in (h1s, h2s):
        # ... and an <h1> the article's JSON-LD headline is (the page prints several <h1>s, its titles an SEO line)
        repeated = [h for h in level if fold_title(h) in parts or (level is h1s and fold_title(h) in declared_headlines)
                    or (len(h.split()) >= HEADLINE_MIN_WORDS and any(fold_title(h) in t for t in folded))]
        if repeated:  # the <title> whole, site name and all, is printed at times: og:title is its start then
            headline = max(repeated, key=lambda h: len(h.split()))
            headline = _title_opening(headline, {t for t in folded if len(t.split()) >= HEADLINE_MIN_WORDS}) or headline
            return _without_date(_without_kicker(headline, long_titles))
        opening = next(filter(None, (_title_opening(h, long_titles) for h in level)), "")
        if opening:
            return _without_date(opening)
    if len(h1s) == 1 and len(h1s[0].split()) >= HEADLINE_MIN_WORDS:
        return _without_date(_without_kicker(h1s[0], long_titles))
    if len(set(in_article)) == 1 and len(in_article[0].split()) > 1:  # the article's own heading, among others
        return _without_date(_without_kicker(in_article[0], long_titles))
    if not h1s and text_opens in h2s and sum(any(c.isalpha() for c in w) for w in text_opens.split()) >= HEADLINE_MIN_WORDS:
        return _without_date(text_opens)  # a page without an <h1> heads its article with an <h2>; its <title> is the section's
    # trafilatura took the logo, or a section's label ("Aktuelles"): the page's og:title or <title> names the article
    label = len(found.split()) < HEADLINE_MIN_WORDS and fold_title(found) not in parts and any(
        len(t.split()) >= HEADLINE_MIN_WORDS for t in titles[:1])
    logo = fold_title(found) in {fold_title(h) for h in logos}  # trafilatura took the logo <h1>
    if (not found or fold_title(found) == site or fold_title(found) in ends or label or logo) and titles:
        found = titles[0]
        if not site_name and ends:
            site_name = next((e for e in ends if fold_title(found).endswith(e)), "")
    found = _TRAILING_SEPARATOR.sub("", without_site_name(found, site_name, domain, logos))
    # a title the site's name is written onto without spaces ("Storm hits Avon-News|Herald"): the JSON-LD headline it opens with
    found = next((h for h in declared if len(h.split()) >= HEADLINE_MIN_WORDS and fold_title(found).startswith(fold_title(h))
                  and not found[len(h):][:1].isalnum()), found)
    return _without_date(found)


def _with_kickers_colon(heading: str, titles: list[str]) -> str:
    """The <h1> as a title writes it when the title is the heading with a colon after its kicker: the page
    prints the kicker in a line of its own ("Storm in Avon" above "Harbour wall fails"), its text runs them
    together ("Storm in Avon Harbour wall fails")."""
    words = heading.split()
    return next((t for t in titles if t != heading and [w.rstrip(":") for w in t.split()] == words), heading)


def _without_kicker(headline: str, titles: set[str]) -> str:
    """The end of ``headline`` that one of the page's titles (folded, 3+ words; whole or less its suffix) is."""
    words = headline.split()
    return next((" ".join(words[k:]) for k in range(1, len(words)) if fold_title(" ".join(words[k:])) in titles), headline)


def _title_opening(heading: str, titles: set[str]) -> str:
    """The start of ``heading`` that one of the page's titles (folded, 3+ words) is, else "".

    Only when what follows is set apart (a separator, a date: "Storm hits Avon | Herald", "Storm hits
    Avon 04.03.2024 • News"): words that go on ("Storm hits Avon as the wall fails") are the headline.
    """
    words = heading.split()
    return next((" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)
                 if not words[k][0].isalpha() and words[k][0] not in _OPENING_QUOTES
                 and fold_title(" ".join(words[:k])) in titles), "")


def _without_date(headline: str) -> str:
    """``headline`` without a date in front: "23.01.2022 - Storm hits Avon" is a date line, then the headline."""
    match = _LEADING_DATE.match(headline)
    return headline[match.end():] if match and len(headline[match.end():].split()) >= HEADLINE_MIN_WORDS else headline


def without_site_name(title: str, site_name: str, domain: str = "", logos: Sequence[str] = ()) -> str:
    """``title`` without a leading or trailing site name: "Storm hits | The Herald" -> "Storm hits".

    The site's name is ``site_name``, or its ``domain`` however the title
    writes it ("herald.example", "Herald" for herald.example), or the text
    of its logo. A site name inside the title ends the headline, with the
    site's slogan behind it ("Storm hits : Herald | News since 1850").
    """
    pieces = TITLE_SEPARATOR.split(title)
    if len(pieces) < 2:
        return title
    names = {letters_of(site_name)} if site_name else set()
    names |= {letters_of(logo) for logo in logos}
    if domain:
        names |= {letters_of(domain), letters_of(domain.rsplit(".", 1)[0])}
    names.discard("")
    separators = list(TITLE_SEPARATOR.finditer(title))  # piece k + 1 starts after separator k
    first = next((k for k, piece in enumerate(pieces[1:]) if letters_of(piece) in names), None)
    if first is not None:
        return title[:separators[first].start()].rstrip(" |-–—»«·•:")
    if letters_of(pieces[0]) in names:
        return title[separators[0].end():]
    return title


def json_ld_items(tree) -> list[dict]:
    """Every object of the page's JSON-LD blocks (``@graph`` members included), in page order."""
    stack = []
    for script in reversed(tree.xpath('//script[@type="application/ld+json"]/text()')):
        try:
            stack.append(json.loads(script))
        except ValueError:
            continue  # a broken block says nothing
    items: list[dict] = []
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            items.append(node)
            if "@graph" in node:
                stack.append(node["@graph"])
    return items
