"""What a saved page says about its article: headline, author, and the JSON-LD they come from.

Read the way news pages mark these up: Open Graph and <title> for the
headline (without the site's name), schema.org Article/NewsArticle JSON-LD
(``@graph`` and lists included), meta author tags and rel=author links for
the people who wrote it. Split from pages.py, which extracts the text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right

from analysis.text.roles import NAME_PARTICLES

_PUNCTUATION = re.compile(r"[^\w]+")
# An <h1> alone on its page is the headline when it is this long; a shorter one is a logo or a section.
HEADLINE_MIN_WORDS = 3
# How page titles join the headline and the site's name: "Storm hits | The Herald", "Herald - Storm hits".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—»«·•:]{1,2}\s+|\s*\|\s*")
# How bylines start: "By Jane Doe", "Von Hans Muster", "Par Jean Dupont", "Por Ana Ruiz".
# ... also as author links and labels say it: "Posts by", "Alle Beiträge von", "Autor:", "责任编辑：".
_BYLINE_PREFIX = re.compile(r"^(?:(?:(?:zeige\s+)?(?:alle\s+)?(?:beiträge|artikel|posts|articles|stories)|written|posted|"
                            r"geschrieben|ein\s+artikel|text)\s+)?(?:by|von|vom|par|por)\s+(?=\S)|"
                            r"^(?:autor|autorin|author|auteur|autora|责任编辑|编辑|作者|记者)\s*[:：]\s*", re.IGNORECASE)
# A byline: a word that introduces the author, then one to four capitalised words per name
# ("J.R. Stone", "Lange-Fricke", "O'Mahony", "da Silva" inside a name), names joined by and/und/et/y/&/",".
_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=lambda w: (-len(w), w)))
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:(?:" + _PARTICLE + r")\s+)?[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,2}"
_JOIN = r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*"
_BYLINE_WORDS = r"by|von|vom|par|por|autor|autorin|author|auteur|autora"
_BYLINE_TEXT = re.compile(
    r"(?i:^|[|•·]\s*|(?P<lead>\b(?:posted|written|publié|publicado)\b[^|]{0,40}?\s|"
    r"\b(?:geschrieben|erstellt|verfasst|text|artikel|beitrag|interview)\s))"
    r"(?i:(?P<word>by|von|vom|par|por)\s+|(?:autor|autorin|author|auteur|autora)\s*:\s*)"
    r"(?P<names>" + _NAME + r"(?:" + _JOIN + _NAME + r")*)")
_NAME_JOINER = re.compile(_JOIN)
# A byline element is short; a longer one is prose, unless it opens with the byline ("Von Jane Doe Berlin ...").
_BYLINE_MAX_CHARS = 120
# A class or id that starts with one of these names a part beside the article ("sidebar-left", "comments-area";
# not "has-sidebar", which describes the layout around it).
_OUTSIDE_MARKS = re.compile(r"(?:^|\s)(?:comment|sidebar|widget|related|teaser)")
# Where a byline may start in the page's text: a byline word, then a capital (or a label's colon).
_BYLINE_START = re.compile(r"\b((?i:by|von|vom|par|por)\s+[A-ZÀ-ÖØ-Þ]|(?i:autor|autorin|author|auteur|autora)\s*:)")
_ORGANISATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "NGO", "GovernmentOrganization"}
# Meta tags naming the author: HTML's own, Open Graph's article:author, Dublin Core, Parse.ly, Sailthru, cXense.
_AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
                "cxenseparse:author", "byl")
# A name ending in a legal form is a company or an association, never a person ("Example Verlag GmbH").
_LEGAL_FORM = re.compile(r"\b(?:GmbH|AG|e\.\s?V\.|Inc\.?|Ltd\.?|LLC|S\.A\.|SE|Corp\.?|plc)$", re.IGNORECASE)
# A degree trafilatura splits off as a name of its own ("Grant Tinsley, PhD").
_DEGREE = re.compile(r"(?:PhD|Ph\.D\.|MD|M\.D\.|MSc|MS|MA|MBA|RD|RN|DPhil)", re.IGNORECASE)
_TRAILING_DEGREE = re.compile(r",\s*" + _DEGREE.pattern + "$", re.IGNORECASE)
_DOMAIN_LIKE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
_JSON_LD_ARTICLE = re.compile(r"(?:News|Report|Blog|Analysis|Opinion|Review)?Article|BlogPosting|WebPage|"
                              r"LiveBlogPosting|Posting")


def trafilatura_metadata(tree) -> dict:
    """What trafilatura's ``extract_metadata`` gives (title, author, url, sitename, date), without the rest.

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
    # A printed byline ("By Jane Doe") before trafilatura's author xpaths, which also take comment
    # authors and labels ("Follow", "Name"); they copy the whole tree, too (bench/pages_bench.py, tune half).
    metadata.author = metadata.author or visible_byline(tree) or extract_author(tree)
    metadata.url = metadata.url or extract_url(tree)
    metadata.date = find_date(tree, **{**set_date_params(True), "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if "." not in metadata.sitename and metadata.sitename[:1].islower():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.clean_and_trim()
    return {key: getattr(metadata, key) or "" for key in ("title", "author", "url", "sitename", "date")}


def _looks_like_domain(name: str) -> bool:
    return bool(_DOMAIN_LIKE.fullmatch(name.strip()))


def _headings(tree) -> tuple[list[str], list[str]]:
    """The page's <h1> texts, and the titles it gives itself (og:title, <title>)."""
    h1s = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    titles = [" ".join(v.split()) for v in tree.xpath('//meta[@property="og:title"]/@content')[:1]]
    titles += [" ".join(t.text_content().split()) for t in tree.iter("title")][:1]
    return [h for h in h1s if h], [t for t in titles if t]


def _title(headings: tuple[list[str], list[str]], found: str, site_name: str = "", domain: str = "") -> str:
    """The headline: an <h1> the page's own titles repeat, else its only <h1> of 3+ words, else trafilatura's.

    Page titles carry the site's name ("Storm hits Avon | The Herald"), and
    pages have <h1>s that are logos or section names: an <h1> found again in
    og:title or <title> is the headline (bench/pages_bench.py, tune half),
    unless it is the site's name (the logo matches the title's suffix, or
    reads as a domain), and the longest such <h1> wins. An <h1> that is the
    page's title with a kicker in front ("Politics | Storm hits Avon",
    "23.01.2022 - Storm hits Avon") gives the title. A title taken whole
    loses its site-name suffix.
    """
    h1s, titles = headings
    folded = [t.casefold() for t in titles]
    # Whole titles, and titles less their last piece, where the site's name usually is ("Storm hits Avon |
    # Herald"): an <h1> that is that last piece is the logo. Not a piece from the middle: "Storm hits Avon –
    # what we know" is a headline and "what we know" no title.
    wholes, ends = set(folded), set()
    for whole in folded:
        pieces = [p.strip() for p in _TITLE_SEPARATOR.split(whole)]
        rest = whole[:whole.rindex(pieces[-1])].rstrip(" |-–—»«·•:") if len(pieces) > 1 and pieces[-1] else ""
        if len(rest.split()) >= HEADLINE_MIN_WORDS and len(pieces[-1].split()) < len(rest.split()):
            wholes.add(rest)
            ends.add(pieces[-1])
    site = site_name.casefold()
    h1s = [h for h in h1s if h.casefold() != site and h.casefold() not in ends and not _looks_like_domain(h)]
    parts = {p.strip() for t in folded for p in _TITLE_SEPARATOR.split(t)}
    repeated = [h for h in h1s if h.casefold() in parts
                or (len(h.split()) >= HEADLINE_MIN_WORDS and any(h.casefold() in t for t in folded))]
    if repeated:
        return _without_kicker(max(repeated, key=lambda h: len(h.split())), wholes)
    if len(h1s) == 1 and len(h1s[0].split()) >= HEADLINE_MIN_WORDS:
        return _without_kicker(h1s[0], wholes)
    # trafilatura took the logo, or a section's label ("Aktuelles"): the page's og:title or <title> names the article
    label = len(found.split()) < HEADLINE_MIN_WORDS and found.casefold() not in parts and any(
        len(t.split()) >= HEADLINE_MIN_WORDS for t in titles[:1])
    if (not found or found.casefold() == site or found.casefold() in ends or label) and titles:
        found = titles[0]
        if not site_name and ends:
            site_name = next((e for e in ends if found.casefold().endswith(e)), "")
    return without_site_name(found, site_name, domain)


def _without_kicker(headline: str, titles: set[str]) -> str:
    """The end of ``headline`` that one of the page's (casefolded) titles or title parts of 3+ words is."""
    folded = headline.casefold()
    if len(folded) != len(headline):
        return headline  # casefolding changed the length ("ß"): slicing would cut the wrong place
    endings = [t for t in titles if len(t.split()) >= HEADLINE_MIN_WORDS and t != folded and folded.endswith(t)]
    return headline[len(headline) - len(max(endings, key=len)):] if endings else headline


def without_site_name(title: str, site_name: str, domain: str = "") -> str:
    """``title`` without a leading or trailing site name: "Storm hits | The Herald" -> "Storm hits".

    The site's name is ``site_name``, or its ``domain`` however the title
    writes it ("herald.example", "Herald" for herald.example).
    """
    pieces = _TITLE_SEPARATOR.split(title)
    if len(pieces) < 2:
        return title
    names = {_letters(site_name)} if site_name else set()
    if domain:
        names |= {_letters(domain), _letters(domain.rsplit(".", 1)[0])}
    names.discard("")
    if _letters(pieces[-1]) in names:
        return title[:title.casefold().rindex(pieces[-1].casefold())].rstrip(" |-–—»«·•:")
    if _letters(pieces[0]) in names:
        return title[len(pieces[0]):].lstrip(" |-–—»«·•:")
    return title


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def visible_byline(tree) -> str:
    """The names of a byline printed on the page ("By Jane Doe", "von Hans Muster | 3. Mai", "Autorin: Ana Ruiz").

    For pages whose markup names nobody, or only the outlet: the first short
    text that starts (or, after a separator, continues) with a byline word
    followed by capitalised names, outside navigation, footers, asides and
    comments. Names joined by "and"/"und"/"et"/"y"/"," come back "; "-joined.
    """
    for node in _byline_nodes(tree):
        if _outside_article(node):
            continue
        for element in (node, node.getparent()):  # "<span>By</span> <a>Jane Doe</a>": the name is a sibling's
            if element is None:
                break
            text = " ".join(" ".join(element.itertext()).split())  # "<span>By</span><a>Jane</a>": two words
            match = _BYLINE_TEXT.search(text[:_BYLINE_MAX_CHARS])
            if not match or (match.start() > 0 and len(text) > _BYLINE_MAX_CHARS):
                continue
            names = [n for n in _NAME_JOINER.split(match.group("names")) if n]
            word = (match.group("word") or "").lower()
            if (" " not in names[0] and word in ("von", "vom") and not match["lead"]) or (word == "vom" and match["lead"]):
                continue  # German capitalises nouns: "von Sozialabgaben", "ein Artikel vom Top-Thema" are no bylines
            return "; ".join(names)
    return ""


def _byline_nodes(tree):
    """Elements of the body with a text of their own holding a byline word, in page order.

    One regex pass over the body's texts joined, not one per element: a
    Python loop over every element costs a tenth of trafilatura's extraction.
    The texts are joined by a space, so "<span>By</span><a>Jane</a>" reads as
    a byline.
    """
    texts = tree.xpath("//body//text()[not(parent::script or parent::style or parent::noscript)][normalize-space()]")
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    joined = " ".join(texts)
    seen = set()
    for match in _BYLINE_START.finditer(joined):
        text = texts[bisect_right(starts, match.start(1)) - 1]
        element = text.getparent()
        if element is not None and text.is_tail:  # "<a>Home</a> by Jane": the text of the element around
            element = element.getparent()
        if element is None or element in seen:
            continue
        seen.add(element)
        yield element


def _outside_article(node) -> bool:
    """Inside navigation, a footer, an aside, a sidebar or the comments (whose names are readers')."""
    for ancestor in node.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False  # a body class ("has-sidebar", "comments-open") describes the page, not this part
        if ancestor.tag in ("nav", "footer", "aside"):
            return True
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if _OUTSIDE_MARKS.search(marks):
            return True
    return False


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
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        value = " ".join(meta.get("content", "").split())
        if key in _AUTHOR_META and value and not value.startswith(("http://", "https://", "@")):
            names.append(value)  # article:author is often the author's page, twitter:creator a handle
    names += [" ".join(n.get("content", "").split()) for n in tree.xpath('//*[@itemprop="author"]//meta[@itemprop="name"]')]
    names += [" ".join(a.text_content().split()) for a in tree.xpath('//a[@rel="author"]')][:1]
    return [n for n in names if n]


def page_author(tree, found: str, declared: list[str], organisations: set[str]) -> str:
    """The article's people (see :func:`_author`); a byline printed on the page when the markup names only the outlet.

    Sites often put their own name in the author tags and JSON-LD and print
    the journalist's byline in the page ("Von Jane Doe"): the printed person
    wins over an outlet, and fills an empty author (bench/pages_bench.py, tune half).
    """
    author = _author(found, declared, organisations)
    if not author or not any(_is_person(n, organisations) for n in author.split("; ")):
        return visible_byline(tree) or author
    return author


def _is_person(name: str, organisations: set[str]) -> bool:
    """Not the outlet or an organisation, nor a user handle ("jdoe", "jane.doe") standing for a name."""
    handle = " " not in name and name == name.lower()
    return (name.casefold() not in organisations and not _looks_like_domain(name) and not _LEGAL_FORM.search(name)
            and not handle)


def _author(found: str, declared: list[str], organisations: set[str]) -> str:
    """The article's people, "; " between them, as the page spells them; its organisation only when alone.

    trafilatura joins every name it finds, and pages name their publisher or
    a JSON-LD Organization as author beside the journalist ("The Herald; Jane
    Doe"): an outlet is not a person, so it is dropped when a person remains.
    It is kept when it is all there is: a wire credit ("AFP", "dpa") or a
    desk is who wrote the piece, and an empty author says less.
    """
    names = [n for n in map(_bare_byline, found.split(";")) if n and not _DEGREE.fullmatch(n)]
    names = names or [n for n in map(_bare_byline, declared[:1]) if n]
    if not names:
        return ""
    people = [n for n in names if _is_person(n, organisations)] or \
        [n for n in map(_bare_byline, declared) if n and _is_person(n, organisations)]
    if people == names and len(names) == 1:  # one name: as the page spells it ("Perry Bacon Jr.")
        bare = _PUNCTUATION.sub(" ", "; ".join(names).casefold()).split()
        whole = next((n for n in declared if _PUNCTUATION.sub(" ", n.casefold()).split() == bare), None)
        if whole:
            return whole
    spelled = []
    for name in people or names:
        bare = _PUNCTUATION.sub(" ", name.casefold()).split()
        spelled.append(next((n for n in declared if _PUNCTUATION.sub(" ", n.casefold()).split() == bare), name))
    return "; ".join(dict.fromkeys(spelled))


def _bare_byline(name: str) -> str:
    """A name without the byline's "By"/"Von"/"Par"/"Por" in front or a degree behind."""
    name = _BYLINE_PREFIX.sub("", " ".join(name.split()).strip(" '\"")).strip()
    return _TRAILING_DEGREE.sub("", name)


def _organisations(items: list[dict], site_name: str) -> set[str]:
    """Names (casefolded) that are the outlet or an organisation: the site name, publishers, Organization authors."""
    names = {site_name.casefold()} if site_name else set()
    for item in items:
        if not _is_article(item):
            continue
        for key in ("publisher", "author"):
            value = item.get(key)
            for node in value if isinstance(value, list) else [value]:
                if not isinstance(node, dict) or not isinstance(node.get("name"), str):
                    continue
                kinds = node.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if key == "publisher" or any(k in _ORGANISATION_TYPES for k in kinds):
                    names.add(" ".join(node["name"].split()).casefold())
    names.discard("")
    return names


def _is_article(item: dict) -> bool:
    kind = item.get("@type")
    return any(isinstance(k, str) and _JSON_LD_ARTICLE.fullmatch(k) for k in (kind if isinstance(kind, list) else [kind]))


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
