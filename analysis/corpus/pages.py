"""Saved web pages: the article a page holds, and what the page says about it.

A page (``*.html``/``*.htm``, as a browser's *Save as* or ``storylens fetch``
writes it, or the HTML a single-file save holds: :mod:`analysis.corpus.browser_saves`) is decoded (BOM, ``<meta charset>``, http-equiv, else UTF-8 then
cp1252), parsed leniently, and read by trafilatura, the extractor Media Cloud
and most research pipelines use; readability-lxml takes over when trafilatura
finds too little. From the page's own markup come the title, the site name,
the original publication date (never the "modified" one), the author and the
canonical URL. The text keeps one paragraph per block, headline first, so the
loader cleans it as it cleans a ``.txt`` file.

trafilatura, htmldate, readability and lxml take most of a second to import:
they are imported here, inside the functions, only when a corpus holds a page.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from analysis.corpus.browser_saves import ARCHIVE_SUFFIXES, saved_from
from analysis.corpus.dates import normalise_published
from analysis.corpus.page_bylines import header_byline
from analysis.corpus.page_dates import declared_published, local_midnight, printed_date_line, published
from analysis.corpus.page_authors import (claimants, declared_authors, is_person, copyright_holders, outlet_names,
                                          page_author, site_owner)
from analysis.corpus.page_markup import looks_like_domain, same_line
from analysis.corpus.page_meta import read_headings, json_ld_items, choose_title, trafilatura_metadata
from analysis.corpus.page_sites import site_name as site_name_of

__all__ = ["Page", "NoArticleText", "PAGE_SUFFIXES", "NO_ARTICLE_TEXT", "read_page", "decode_page",
           "domain_of", "web_url", "unified_outlets"]

PAGE_SUFFIXES = (".html", ".htm", *ARCHIVE_SUFFIXES)
NO_ARTICLE_TEXT = "no article text"
# Lengths are in characters other than spaces, so that text written without
# spaces between words (Chinese, Japanese) measures like any other.
# Below this much main text trafilatura's answer is a miss (a teaser, a login
# prompt) and readability is asked too; the longer answer wins.
FALLBACK_MIN_CHARS = 300
# Below this much main text from trafilatura's extractor alone, its whole cascade is asked too.
FULL_CASCADE_MIN_CHARS = 1000
# trafilatura's trade-off between missing text and taking in boilerplate, as
# chosen on the tuning half of bench/pages_bench.py (--tune prints the three).
FAVOR_PRECISION = True
FAVOR_RECALL = False
# An article has at least this much text outside links, and a sentence: a
# section front yields headlines that are links, a login wall a prompt.
MIN_ARTICLE_CHARS = 120
# This much text outside links is an article even with no sentence mark in it (Thai has none).
LONG_PROSE_CHARS = 800
# Sentence ends of other scripts too: CJK, the Devanagari/Bengali danda, Armenian, Arabic and Urdu,
# Ethiopic and Myanmar full stops (Unicode's Sentence_Terminal characters in common use).
_SENTENCE_END = re.compile(r"""\w[.!?…]["'”’)]*(?:\s|$)|[。！？｡।॥։؟۔።။]""")
# The charset declaration sits in the first bytes of the head.
_CHARSET_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG encoding standard), and so do we.
# Charsets of one byte a character: any byte sequence reads in them, so valid UTF-8 with letters beyond ASCII
# in a page declaring one is UTF-8 (text in them is next to never valid UTF-8 as well).
_SINGLE_BYTE = re.compile(r"cp125\d|windows-125\d|iso-?8859-\d+|iso_8859-\d+|latin-?\d|l\d|koi8-[ru]")
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1"}
# A dateline: a place, the agency in brackets, a dash, then the story, in one of the first paragraphs. An
# agency is written in capitals ("AP"), is one of the wires that write their name in small letters, or is a
# wire whose name is a word: a capitalised word in brackets is more often a region ("Rostow (Russland) -"),
# a small one a label ("London (updated) -", "Kyiv (live) -"). After a slash, a regional desk ("dpa/lno").
_AGENCY = r"(?:[A-Z]{2,}|dpa|epd|kna|apa|sda|ats|afp|efe|Reuters|Bloomberg|Xinhua|Kyodo|Yonhap|Interfax)[\w.]*"
_DESK = r"(?:" + _AGENCY + r"|[a-z]{2,4}\b)"
_DATELINE_CREDIT = re.compile(r"[A-ZÀ-Þ][\w.'’ -]{1,40}?,?\s*\((?P<agency>" + _AGENCY + r"(?:\s*/\s*" + _DESK
                              + r")*)\)\s*(?:—|–|--|-)\s+(?=\S)")
DATELINE_PARAGRAPHS = 2


class NoArticleText(ValueError):
    """The page holds no article text (a section front, a login wall, an empty page)."""

    def __init__(self) -> None:
        super().__init__(NO_ARTICLE_TEXT)


@dataclass(frozen=True)
class Page:
    """What a saved page gives: main text (headline first, blank lines between paragraphs) and metadata."""

    text: str
    title: str
    site_name: str  # as the page declares it (og:site_name, JSON-LD publisher, title suffix), else ""
    published: str  # normal form of analysis.corpus.dates
    author: str
    url: str  # canonical or og:url, http(s) only

    @property
    def outlet(self) -> str:
        """The site name, else the domain of the page's URL."""
        return self.site_name or domain_of(self.url)


def decode_page(data: bytes) -> str:
    """The page's text: BOM, then the declared charset (UTF-8 when a page declaring a charset of one byte a
    character is valid UTF-8 beyond ASCII), then UTF-8, then windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:_CHARSET_SNIFF_BYTES])
    if declared:
        label = declared.group(1).decode("ascii", "replace").lower()
        label = "cp1252" if label in _AS_CP1252 else label
        if _SINGLE_BYTE.match(label) and not data.isascii():
            try:  # a page saved again as UTF-8 keeps its old declaration; UTF-8's byte pairs are no Latin text ("fÃ¼r")
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            codecs.lookup(label)
            return data.decode(label)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown label, or a page that lies about its charset: guess below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def domain_of(url: str) -> str:
    """The host of ``url`` in lower case, without ``www.``: how one site is named by its address."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def web_url(value: str) -> str:
    """``value`` when it is an absolute http(s) address, else "": nothing else may become a link."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme in ("http", "https") and parts.hostname else ""


def warm_up() -> None:
    """Import the page readers in this process: before a pool forks, so that its workers share them.

    Each worker would otherwise import them again (a sixth of a second of
    CPU each). htmldate's date parser, which builds its tables on first use,
    is left to the worker whose page needs it: few pages do, so building it
    here in advance cost as much as it saved (bench/pages_bench.py).
    """
    import readability  # noqa: F401
    import trafilatura  # noqa: F401
    import htmldate  # noqa: F401


def read_page(data: bytes, address: str = "") -> Page:
    """Read a saved page; raises NoArticleText when it holds no article.

    ``address`` is where the page was saved from, as its archive says, for a
    page whose markup names no canonical address (nor a browser's "saved from" line).
    """
    from trafilatura import load_html

    html = _XML_DECLARATION.sub("", decode_page(data), count=1)
    tree = load_html(html) if html.strip() else None
    if tree is None:
        raise NoArticleText()
    # Read before trafilatura, which prunes the tree it is given.
    linked_data = json_ld_items(tree)
    declared = declared_published(tree, linked_data)
    midnight = local_midnight(tree, declared)  # a day written as its midnight in UTC: the day, printed on the page
    printed_date, date_line = printed_date_line(tree)
    declared, printed_date = midnight or declared, printed_date or midnight
    link_texts = _link_texts(tree)
    headings = read_headings(tree, linked_data)
    bylines = declared_authors(tree, linked_data)
    holders = copyright_holders(tree)
    found = trafilatura_metadata(tree)
    site_name = site_name_of(tree, found, linked_data, headings.titles)  # before _main_text prunes the tree
    found["text"] = _main_text(tree)
    url = web_url(found.get("url") or "") or web_url(saved_from(html)) or web_url(address)
    paragraphs = _paragraphs(found.get("text") or "")
    title = choose_title(headings, " ".join((found.get("title") or "").split()), site_name, domain_of(url),
                   paragraphs[0] if paragraphs else "")
    if _length(paragraphs) < FALLBACK_MIN_CHARS:
        other = _readability_paragraphs(html)
        if _length(other) > _length(paragraphs):
            paragraphs = other
    paragraphs = _without_headline(paragraphs, title)
    if not _is_article_text(paragraphs, link_texts):
        paragraphs = _without_headline(_recall_paragraphs(html), title)
        if not _is_article_text(paragraphs, link_texts):
            raise NoArticleText()
    text = "\n\n".join(([title] if title else []) + paragraphs)
    organisations = outlet_names(linked_data, site_name, url, headings.titles, bylines, holders)
    author = page_author(tree, found.get("author") or "", bylines, organisations, found["printed"],
                         header_byline(date_line), claimants(linked_data))
    author = author or _dateline_credit(paragraphs)
    if not author:  # a personal site's owner
        owner = site_owner(html, headings.titles, url)
        author = owner if owner and is_person(owner, organisations) else ""
    return Page(text=text, title=title, site_name=site_name,
                published=published(declared, normalise_published(found.get("date") or ""), printed_date, date_line),
                author=author, url=url)


def _dateline_credit(paragraphs: list[str]) -> str:
    """The agency a dateline credits ("Hamburg (dpa/lno) – ...", "AUSTIN (AP) — ..."), for an article that
    names no author: wire copy is written by the agency."""
    for paragraph in paragraphs[:DATELINE_PARAGRAPHS]:
        match = _DATELINE_CREDIT.match(paragraph)
        if match:
            return match["agency"].strip()
    return ""


def _main_text(tree) -> str:
    """trafilatura's main text: its own extractor alone, then its whole cascade when that finds little.

    The cascade checks trafilatura's result against readability's and
    jusText's, which costs a third of the page's reading time and changes
    nothing on most pages; where it matters, the extractor alone found a
    short text (a teaser, a lead) and the cascade finds the article
    (bench/pages_bench.py, tune half).
    """
    from trafilatura import bare_extraction

    text = ""
    for fast in (True, False):
        document = bare_extraction(tree, include_comments=False, include_tables=True, fast=fast,
                                   favor_precision=FAVOR_PRECISION, favor_recall=FAVOR_RECALL)
        text = document.text if document is not None and document.text else ""
        if _length([text]) >= FULL_CASCADE_MIN_CHARS:
            break
    return text


def _link_texts(tree) -> list[str]:
    """The texts of the page's links of two words or more, longest first."""
    texts = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    return sorted((t for t in texts if " " in t), key=len, reverse=True)


def _is_article_text(paragraphs: list[str], link_texts: list[str]) -> bool:
    """Enough words outside links, with at least one sentence: not a list of headlines or a prompt.

    Much text outside links is an article without a sentence mark too: Thai
    writes none, and a chronology is a list of dated lines.
    """
    prose = "\n".join(paragraphs)
    for link in link_texts:
        if link in prose:
            prose = prose.replace(link, " ")
    length = _length([prose])
    return length >= MIN_ARTICLE_CHARS and (length >= LONG_PROSE_CHARS or bool(_SENTENCE_END.search(prose)))


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _length(paragraphs: Sequence[str]) -> int:
    return sum(len(p) - p.count(" ") for p in paragraphs)


def _without_headline(paragraphs: list[str], title: str) -> list[str]:
    """The paragraphs without the headline, found again at the top of the body."""
    return paragraphs[1:] if paragraphs and title and same_line(paragraphs[0], title) else paragraphs


def _recall_paragraphs(html: str) -> list[str]:
    """trafilatura's text without the precision setting (when it is on), for a page that seemed to hold none.

    Precision drops a whole article at times (one given in <noscript>, as
    pages that render it with a script do): before such a page is skipped,
    the default trade-off is asked too, at the cost of a second parse.
    """
    from trafilatura import bare_extraction, load_html

    tree = load_html(html) if FAVOR_PRECISION else None
    document = bare_extraction(tree, include_comments=False, include_tables=True) if tree is not None else None
    return _paragraphs(document.text or "") if document is not None else []


def _readability_paragraphs(html: str) -> list[str]:
    """The main text as readability-lxml finds it, one paragraph per block."""
    import lxml.html
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
    except Exception:  # readability raises its own and lxml's errors on odd markup: a miss, not a crash
        return []
    blocks = root.xpath(".//p | .//h1 | .//h2 | .//h3 | .//h4 | .//li | .//blockquote[not(.//p)]")
    paragraphs = [" ".join(b.text_content().split()) for b in blocks if not b.xpath("ancestor::li")]
    return [p for p in paragraphs if p]


def _without_www(address: str) -> str:
    return address[4:] if address.lower().startswith("www.") else address


def unified_outlets(articles: Iterable[tuple[str, str]]) -> list[str]:
    """One outlet name per (outlet, url) pair, spellings of one site brought to one name.

    A site is known by its domain (``www.`` dropped). When pages of a domain
    give its name ("The New York Times"), that name replaces the domain written
    as an outlet ("nytimes.com", "www.nytimes.com") and fills an article that
    has a URL but no outlet; names of one domain that differ only in case take
    the most frequent spelling. A site whose pages give its address as its
    name ("Golem.de") is known by that spelling of it on every page. Outlets
    no page names stay as they are.
    """
    pairs = list(articles)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    addresses: dict[str, Counter[str]] = defaultdict(Counter)  # the address as pages write it: "Golem.de"
    for outlet, url in pairs:
        domain = domain_of(url)
        if domain and outlet and not looks_like_domain(outlet):
            names[domain][outlet] += 1
        elif outlet and looks_like_domain(outlet) and not outlet.islower():
            written = _without_www(outlet.strip())
            addresses[domain_of(f"http://{written}")][written] += 1
    best = {domain: counts.most_common(1)[0][0] for domain, counts in names.items()}
    best |= {domain: counts.most_common(1)[0][0] for domain, counts in addresses.items() if domain not in best}
    spelling: dict[tuple[str, str], str] = {}
    for domain, counts in names.items():
        for name, _ in counts.most_common():
            spelling.setdefault((domain, name.casefold()), name)
    out = []
    for outlet, url in pairs:
        domain = domain_of(url)
        if not outlet:
            outlet = best.get(domain, domain)
        elif looks_like_domain(outlet):
            named = domain_of(f"http://{outlet.strip()}")
            outlet = best.get(named, _without_www(outlet.strip()))
        elif domain:
            outlet = spelling.get((domain, outlet.casefold()), outlet)
        out.append(outlet)
    return out
