"""Saved web pages: the article a page holds, and what the page says about it.

A page (``*.html``/``*.htm``, as a browser's *Save as* or ``storylens fetch``
writes it) is decoded (BOM, ``<meta charset>``, http-equiv, else UTF-8 then
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
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from analysis.corpus.dates import normalise_published, published_day

__all__ = ["Page", "NoArticleText", "PAGE_SUFFIXES", "NO_ARTICLE_TEXT", "read_page", "decode_page",
           "domain_of", "web_url", "unified_outlets"]

PAGE_SUFFIXES = (".html", ".htm")
NO_ARTICLE_TEXT = "no article text"
# Lengths are in characters other than spaces, so that text written without
# spaces between words (Chinese, Japanese) measures like any other.
# Below this much main text trafilatura's answer is a miss (a teaser, a login
# prompt) and readability is asked too; the longer answer wins.
FALLBACK_MIN_CHARS = 300
# trafilatura's trade-off between missing text and taking in boilerplate, as
# chosen on the tuning half of bench/pages_bench.py (--tune prints the three).
FAVOR_PRECISION = True
FAVOR_RECALL = False
# An article has at least this much text outside links, and a sentence: a
# section front yields headlines that are links, a login wall a prompt.
MIN_ARTICLE_CHARS = 120
_SENTENCE_END = re.compile(r"""\w[.!?…]["'”’)]*(?:\s|$)|[。！？]""")
# The charset declaration sits in the first bytes of the head.
_CHARSET_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w]+")
# An <h1> alone on its page is the headline when it is this long; a shorter one is a logo or a section.
HEADLINE_MIN_WORDS = 3
# How page titles join the headline and the site's name: "Storm hits | The Herald", "Herald - Storm hits".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—»«·•:]{1,2}\s+|\s*\|\s*")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG encoding standard), and so do we.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1"}
_DOMAIN_LIKE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
# Where pages state when they were first published, most explicit first. A
# time found here is kept (the article's instant); otherwise htmldate, asked
# for the original date, reads the page's day.
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created", "pubdate", "publishdate",
)
_JSON_LD_ARTICLE = re.compile(r"(?:News|Report|Blog|Analysis|Opinion|Review)?Article|BlogPosting|WebPage|"
                              r"LiveBlogPosting|Posting")


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
    """The page's text: BOM, then the declared charset, then UTF-8, then windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:_CHARSET_SNIFF_BYTES])
    if declared:
        label = declared.group(1).decode("ascii", "replace").lower()
        label = "cp1252" if label in _AS_CP1252 else label
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


def _looks_like_domain(name: str) -> bool:
    return bool(_DOMAIN_LIKE.fullmatch(name.strip()))


def read_page(data: bytes) -> Page:
    """Read a saved page; raises NoArticleText when it holds no article."""
    from trafilatura import bare_extraction, load_html

    html = _XML_DECLARATION.sub("", decode_page(data), count=1)
    tree = load_html(html) if html.strip() else None
    if tree is None:
        raise NoArticleText()
    # Read before trafilatura, which prunes the tree it is given.
    linked_data = _json_ld_items(tree)
    declared = _declared_published(tree, linked_data)
    link_texts = _link_texts(tree)
    headings = _headings(tree)
    bylines = _declared_authors(tree, linked_data)
    document = bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                               favor_precision=FAVOR_PRECISION, favor_recall=FAVOR_RECALL)
    found = document.as_dict() if document is not None else {}
    title = _title(headings, " ".join((found.get("title") or "").split()))
    paragraphs = _paragraphs(found.get("text") or "")
    if _length(paragraphs) < FALLBACK_MIN_CHARS:
        other = _readability_paragraphs(html)
        if _length(other) > _length(paragraphs):
            paragraphs = other
    if paragraphs and title and _same_line(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the headline, found again in the body
    if not _is_article_text(paragraphs, link_texts):
        raise NoArticleText()
    url = web_url(found.get("url") or "")
    site_name = " ".join((found.get("sitename") or "").split())
    if _looks_like_domain(site_name):
        site_name = ""  # trafilatura's fallback to the address: the loader names such sites
    site_name = site_name or _publisher(linked_data)
    text = "\n\n".join(([title] if title else []) + paragraphs)
    return Page(text=text, title=title, site_name=site_name,
                published=_published(declared, normalise_published(found.get("date") or "")),
                author=_author(found.get("author") or "", bylines), url=url)


def _published(declared: str, found_day: str) -> str:
    """The page's stated instant when htmldate's original day agrees with it (±1 day: time zones), else that day.

    A stated datePublished keeps the time; but templates also stamp it on
    pages it does not describe, and htmldate, weighing every date on the page,
    is right more often about the day (bench/pages_bench.py, tune half).
    """
    first, second = published_day(declared), published_day(found_day)
    if first is None or second is None:
        return declared or found_day
    return declared if abs((first - second).days) <= 1 else found_day


def _headings(tree) -> tuple[list[str], list[str]]:
    """The page's <h1> texts, and the titles it gives itself (og:title, <title>)."""
    h1s = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    titles = [" ".join(v.split()) for v in tree.xpath('//meta[@property="og:title"]/@content')[:1]]
    titles += [" ".join(t.text_content().split()) for t in tree.iter("title")][:1]
    return [h for h in h1s if h], [t for t in titles if t]


def _title(headings: tuple[list[str], list[str]], found: str) -> str:
    """The headline: an <h1> the page's own titles repeat, else its only <h1> of 3+ words, else trafilatura's.

    Page titles carry the site's name ("Storm hits Avon | The Herald"), and
    pages have <h1>s that are logos or section names: an <h1> found again in
    og:title or <title> is the headline (bench/pages_bench.py, tune half).
    """
    h1s, titles = headings
    folded = [t.casefold() for t in titles]
    parts = {p.strip() for t in folded for p in _TITLE_SEPARATOR.split(t)}
    for h1 in h1s:
        wanted = h1.casefold()
        if wanted in parts or (len(h1.split()) >= HEADLINE_MIN_WORDS and any(wanted in t for t in folded)):
            return h1
    if len(h1s) == 1 and len(h1s[0].split()) >= HEADLINE_MIN_WORDS:
        return h1s[0]
    return found


def _declared_authors(tree, linked_data: list[dict]) -> list[str]:
    """Author names as the page's JSON-LD and meta tags write them, then its rel=author links."""
    names: list[str] = []
    for item in linked_data:
        if _is_article(item):
            authors = item.get("author")
            for author in authors if isinstance(authors, list) else [authors]:
                name = author.get("name") if isinstance(author, dict) else author
                if isinstance(name, str) and name.strip():
                    names.append(" ".join(name.split()))
    names += [" ".join(v.split()) for v in tree.xpath('//meta[@name="author"]/@content') if v.strip()]
    names += [" ".join(a.text_content().split()) for a in tree.xpath('//a[@rel="author"]')][:1]
    return [n for n in names if n]


def _link_texts(tree) -> list[str]:
    """The texts of the page's links of two words or more, longest first."""
    texts = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    return sorted((t for t in texts if " " in t), key=len, reverse=True)


def _is_article_text(paragraphs: list[str], link_texts: list[str]) -> bool:
    """Enough words outside links, with at least one sentence: not a list of headlines or a prompt."""
    prose = "\n".join(paragraphs)
    for link in link_texts:
        if link in prose:
            prose = prose.replace(link, " ")
    return _length([prose]) >= MIN_ARTICLE_CHARS and bool(_SENTENCE_END.search(prose))


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _length(paragraphs: Sequence[str]) -> int:
    return sum(len(p) - p.count(" ") for p in paragraphs)


def _same_line(a: str, b: str) -> bool:
    return a.casefold().strip() == b.casefold().strip()


def _author(found: str, declared: list[str]) -> str:
    """trafilatura's author, as the page spells it when it does ("Perry Bacon Jr."), else the page's own."""
    found = "; ".join(n for n in (" ".join(n.split()) for n in found.split(";")) if n)
    if not found:
        return "; ".join(declared[:1])
    bare = _PUNCTUATION.sub(" ", found.casefold()).split()
    return next((n for n in declared if _PUNCTUATION.sub(" ", n.casefold()).split() == bare), found)


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


def _is_article(item: dict) -> bool:
    kind = item.get("@type")
    return any(isinstance(k, str) and _JSON_LD_ARTICLE.fullmatch(k) for k in (kind if isinstance(kind, list) else [kind]))


def _publisher(items: list[dict]) -> str:
    """The publisher's name an article's JSON-LD gives, else the WebSite's name."""
    for item in items:
        if _is_article(item):
            publisher = item.get("publisher")
            for candidate in publisher if isinstance(publisher, list) else [publisher]:
                if isinstance(candidate, dict) and isinstance(candidate.get("name"), str):
                    name = " ".join(candidate["name"].split())
                    if name and not _looks_like_domain(name):
                        return name
    for item in items:
        if item.get("@type") == "WebSite" and isinstance(item.get("name"), str):
            name = " ".join(item["name"].split())
            if name and not _looks_like_domain(name):
                return name
    return ""


def _declared_published(tree, linked_data: list[dict]) -> str:
    """The publication instant a page states in JSON-LD or meta tags, normalised; "" when none."""
    for item in linked_data:
        if _is_article(item):
            value = normalise_published(str(item.get("datePublished") or ""))
            if value:
                return value
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBLISHED_META:
            value = normalise_published(meta.get("content", ""))
            if value:
                return value
    for node in tree.xpath('//*[@itemprop="datePublished"][@datetime or @content]'):
        value = normalise_published(node.get("datetime") or node.get("content") or "")
        if value:
            return value
    return ""


def _json_ld_items(tree) -> list[dict]:
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


def unified_outlets(articles: Iterable[tuple[str, str]]) -> list[str]:
    """One outlet name per (outlet, url) pair, spellings of one site brought to one name.

    A site is known by its domain (``www.`` dropped). When pages of a domain
    give its name ("The New York Times"), that name replaces the domain written
    as an outlet ("nytimes.com", "www.nytimes.com") and fills an article that
    has a URL but no outlet; names of one domain that differ only in case take
    the most frequent spelling. Outlets no page names stay as they are.
    """
    pairs = list(articles)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for outlet, url in pairs:
        domain = domain_of(url)
        if domain and outlet and not _looks_like_domain(outlet):
            names[domain][outlet] += 1
    best = {domain: counts.most_common(1)[0][0] for domain, counts in names.items()}
    spelling: dict[tuple[str, str], str] = {}
    for domain, counts in names.items():
        for name, _ in counts.most_common():
            spelling.setdefault((domain, name.casefold()), name)
    out = []
    for outlet, url in pairs:
        domain = domain_of(url)
        if not outlet:
            outlet = best.get(domain, domain)
        elif _looks_like_domain(outlet):
            named = domain_of(f"http://{outlet.strip()}")
            outlet = best.get(named, outlet.strip()[4:] if outlet.strip().lower().startswith("www.") else outlet)
        elif domain:
            outlet = spelling.get((domain, outlet.casefold()), outlet)
        out.append(outlet)
    return out
