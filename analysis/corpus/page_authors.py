"""Who wrote a saved page's article: the people its markup names, the byline it prints, never the outlet.

Read the way news pages give authors: schema.org Article/NewsArticle
JSON-LD, meta author tags (HTML's own, Open Graph, Dublin Core, Parse.ly),
itemprop and rel=author, and the byline printed under the headline (read in
page_bylines.py). Names come back as a list of people, "; " between them, as
the page spells them. Split from page_meta.py, which reads the headline and
the JSON-LD.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from urllib.parse import urlsplit

from analysis.corpus.page_bylines import (BYLINE_PREFIX, NAMES_JOIN, NAME_JOINER, outside_article, printed_byline,
                                          without_job)
from analysis.corpus.page_markup import (LEGAL_FORM, fold_title, is_article, letters_of, looks_like_domain, title_ends,
                                         copyright_holder)
from analysis.text.roles import NAME_PARTICLES

_NAMES_JOINER = re.compile(NAMES_JOIN + "|;")  # how a tag lists people ("Jane Doe; John Roe" too)
_PUNCTUATION = re.compile(r"[\W_]+")  # an underscore too: trafilatura writes "ThE_PaiN" as "ThE PaiN"
_ORGANISATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "NGO", "GovernmentOrganization"}
# Meta tags naming the author: HTML's own, Open Graph's article:author, Dublin Core, Parse.ly, Sailthru, cXense.
_AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
                "cxenseparse:author", "byl")
_LIST_MARK = re.compile(r"[,;/&|]")  # what a tag naming several people, or a credit line, holds
# Dublin Core's creator tags write a person "Surname, Given names" ("You, Xiaoying"), as library catalogues do.
_INVERTED_META = ("dc.creator", "dcterms.creator")
_NAME_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")
_INVERTED_NAME = re.compile(r"(?P<last>[A-ZÀ-ÖØ-Þ][\w'’-]+),\s*(?P<first>[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,2})")
# How a "label, data" pair of Twitter card tags says who wrote the page, as WordPress's Yoast SEO writes it in
# the site's language (twitter:label1 "Written by", "Verfasst von", twitter:data1 the author's display name).
_WRITTEN_BY_LABEL = re.compile(r"(?:written|posted)\s+by|(?:verfasst|geschrieben)\s+von|escrito\s+por|[ée]crit\s+par|"
                               r"scritto\s+da|geschreven\s+door|author|autor|autorin|auteur|autora", re.IGNORECASE)
# A copyright notice printed on the page, and the holder it names: two or three capitalised words
# ("(c) 2012-2024 Jane Doe. All rights reserved.", "© Jane Doe • Impressum", "COPYRIGHT JANE DOE | ...").
_PRINTED_COPYRIGHT = re.compile(r"(?i:©|\(c\)|copyright)(?:\s*(?i:©|\(c\)))?\s*(?:(?i:since|seit)\s+)?"
                                r"(?:\d{4}(?:\s*[-–]\s*(?:\d{4})?)?\s*)?(?i:by\s+)?"
                                r"(?P<holder>[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:[^\S\n]+[A-ZÀ-ÖØ-Þ][\w'’.-]*){1,2})")
# Where a copyright notice starts in the page's source, and how much of it is read (its tags left out).
_COPYRIGHT_MARK = re.compile(r"©|&copy;|&#169;|\([cC]\)|(?i:copyright)")
_NOTICE_CHARS = 300
_TAG = re.compile(r"<[^>]*>")
# A degree trafilatura splits off as a name of its own ("Grant Tinsley, PhD").
_DEGREE = re.compile(r"(?:PhD|Ph\.D\.|MD|M\.D\.|MSc|MS|MA|MBA|RD|RN|DPhil)", re.IGNORECASE)
_TRAILING_DEGREE = re.compile(r",\s*" + _DEGREE.pattern + "$", re.IGNORECASE)
# An e-mail address in an author tag ("jdoe@example.org", "jdoe[at]example.org"): a mailbox, no name.
_EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\[at\]|\(at\))\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_AT_SIGN = re.compile(r"@|\[at\]|\(at\)", re.IGNORECASE)
# An address in an author tag, an e-mail's or a site's ("Jane Doe - http://jdoe.de", "avon.com, Bristol"): a site's
# with its scheme, or ending in a country's or a common top-level domain ("jane.doe" is a handle).
_ADDRESS = re.compile(_EMAIL.pattern + r"|https?://(?:[\w-]+\.)+[a-z]{2,}\b|"
                      r"(?:[\w-]+\.)+(?:[a-z]{2}|com|net|org|info|biz|news|online|media|blog)\b", re.IGNORECASE)
# A web address written into a name: "Deutsche Welle (www.dw.com)".
_WEB_ADDRESS = re.compile(r"\(?\s*(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}\b/?\s*\)?", re.IGNORECASE)
# An outlet's name this long found inside an author's name makes it the outlet's desk ("Herald-Redaktion").
_OUTLET_IN_NAME_MIN = 5
# What a template writes in the author tag when it has no name to give, or a form's label taken for one.
# A content system's account rather than a person ("admin", "Administrator", "webmaster") is no one either.
_PLACEHOLDER = re.compile(r"(?:(?:no|unknown)\s+)?(?:author|autor|name)|unknown|n/?a|none|null|"
                          r"(?:site\s+|wp-?)?admin|administrator|webmaster|superuser", re.IGNORECASE)
# A byline's date label run into the name ("Detroit News wire services Published 11:11 PM"): where it starts.
_DATE_LABEL_AFTER = re.compile(r"\s+(?:Published|Updated|Posted|Last\s+updated|Veröffentlicht|Aktualisiert|"
                               r"Publié|Mis\s+à\s+jour|Publicado|Actualizado)\b.*$")
# hAtom's hCard for the entry's author, as blog themes print it ("<span class="author vcard"><a class="fn">Jane
# Doe</a></span>"); a comment's is "comment-author vcard", another class.
_HCARD_AUTHOR = "//body//*[contains(@class, 'vcard')]"
_HCARD_NAME = "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]"


def declared_authors(tree, linked_data: list[dict]) -> list[str]:
    """Author names as the page's JSON-LD and meta tags write them, then its hCard and rel=author links."""
    names: list[str] = []
    for item in linked_data:
        if is_article(item):
            authors = item.get("author")
            for author in authors if isinstance(authors, list) else [authors]:
                name = author.get("name") if isinstance(author, dict) else author
                if isinstance(name, str) and name.strip():
                    names.append(" ".join(name.split()))
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        value = " ".join(meta.get("content", "").split())
        if key in _AUTHOR_META and value and not value.startswith(("http://", "https://", "@")):
            names.append(_uninverted(value) if key in _INVERTED_META else value)  # article:author is often the
            # author's page, twitter:creator a handle
    names += [" ".join(n.get("content", "").split()) for n in tree.xpath('//*[@itemprop="author"]//meta[@itemprop="name"]')]
    names += _twitter_card_author(tree)
    cards = [card for card in tree.xpath(_HCARD_AUTHOR)
             if {"author", "vcard"} <= set((card.get("class") or "").split()) and not outside_article(card)][:1]
    names += [" ".join(fn.text_content().split()) for card in cards for fn in card.xpath(_HCARD_NAME)[:1]]
    names += [" ".join(a.text_content().split()) for a in tree.xpath('//a[@rel="author"]')][:1]
    return [n for n in names if n and not n.startswith(("http://", "https://"))]  # an author's page is no name


def _uninverted(name: str) -> str:
    """A name a catalogue writes surname first ("You, Xiaoying") in the order it is printed ("Xiaoying You")."""
    match = _INVERTED_NAME.fullmatch(name)
    if not match or _DEGREE.fullmatch(match["first"]) or _NAME_SUFFIX.fullmatch(match["first"]):
        return name  # "Jane Doe, PhD", "John Smith, Jr." are in print order already
    return f"{match['first']} {match['last']}"


def _rejoined(found: str, declared: list[str]) -> str:
    """trafilatura's names, or the declared names when it split each at its comma into words of its own ("You;
    Xiaoying; Lenharo; Mariana" for "You, Xiaoying" and "Lenharo, Mariana"): every word of theirs, once each."""
    pieces = [letters_of(p) for p in found.split(";") if p.strip()]
    people = [n for n in dict.fromkeys(declared) if " " in n and not _LIST_MARK.search(n)]  # one person each
    names = [letters_of(n) for n in people]
    # the same letters (trafilatura drops dots: "John B." is "John B"), each piece within one name
    same = Counter("".join(pieces)) == Counter("".join(names)) and all(any(p in n for n in names) for p in pieces)
    return "; ".join(people) if len(pieces) > len(names) > 0 and same else found


def _twitter_card_author(tree) -> list[str]:
    """The author a Twitter card's label/data pair names ("twitter:label1" "Written by", "twitter:data1" the name)."""
    labels = {(m.get("name") or "").strip().lower(): " ".join(m.get("content", "").split())
              for m in tree.xpath('//meta[starts-with(@name, "twitter:label") or starts-with(@name, "twitter:data")]')}
    return [labels[f"twitter:data{key[len('twitter:label'):]}"] for key, label in labels.items()
            if key.startswith("twitter:label") and _WRITTEN_BY_LABEL.fullmatch(label.strip(" :"))
            and labels.get(f"twitter:data{key[len('twitter:label'):]}")]


def copyright_holders(tree) -> list[str]:
    """The names the page's copyright meta tags give ("Copyright (c) Example Media 2023" -> "Example Media").

    A copyright notice names a company or the site's owner: beside a
    journalist in the author tags, that name is the publisher, not a writer.
    """
    holders = []
    for value in tree.xpath('//meta[translate(@name, "COPYRIGHT", "copyright")="copyright"]/@content'):
        name = copyright_holder(value)
        if name and not name.startswith(("http://", "https://")):
            holders.append(name)
    return holders


def site_owner(html: str, titles: list[str], url: str) -> str:
    """The person a personal site's printed copyright names, when its title or address names them too.

    For a page that names no author at all: on a blog or a personal site
    ("Jane Doe's notes", janedoe.example) the owner holding the copyright
    wrote the page. A company's notice ("© 2024 Example Media GmbH") names
    no person, nor does the site's name, which its titles end with ("Storm
    hits | Avon Society" with "© Avon Society e. V."); pages.py also leaves
    out the outlet. Read in the page's source (a regex pass, not the tree's
    every text: most pages name their author and never ask).
    """
    host = {letters_of(label) for label in (urlsplit(url).hostname or "").split(".")} if url else set()
    folded = [fold_title(title) for title in titles]
    ends = [letters_of(end) for end, _ in title_ends(folded)]  # the site's name ("Storm hits | Avon Society")
    for mark in _COPYRIGHT_MARK.finditer(html):
        notice = " ".join(unescape(_TAG.sub(" ", html[mark.start():mark.start() + _NOTICE_CHARS])).split())
        match = _PRINTED_COPYRIGHT.match(notice)
        if match is None:
            continue
        holder = re.split(r"\.\s", match["holder"], maxsplit=1)[0].rstrip(".")  # "Jane Doe. All rights ..."
        if " " not in holder or LEGAL_FORM.search(holder) or any(letters_of(holder) in end for end in ends):
            continue
        if letters_of(holder) in host or any(fold_title(holder) in title for title in folded):
            return holder
    return ""


def page_author(tree, found: str, declared: list[str], organisations: set[str], printed: str | None = None,
                header: str = "", claimed: set[str] = frozenset()) -> str:
    """The article's people (see :func:`_author`); a byline printed on the page when the markup names only the outlet.

    Sites often put their own name in the author tags and JSON-LD and print
    the journalist's byline in the page ("Von Jane Doe"): the printed person
    wins over an outlet, and fills an empty author (bench/pages_bench.py, tune half).
    ``printed`` is that byline when it was already looked for. ``header`` is the name the headline's
    header line prints beside the date (page_bylines.py's :func:`header_byline`), taken for a person only.
    ``claimed``: the letters of the people whose claim a fact check reviews (:func:`claimants`), never its authors.
    """
    found, header = _unclaimed(found, claimed), _unclaimed(header, claimed)
    author = _author(found, [d for d in declared if _unclaimed(d, claimed)], organisations)
    if not author or not any(is_person(n, organisations) for n in author.split("; ")):
        if printed is None:
            printed = printed_byline(tree)
        printed = _unclaimed(printed, claimed)
        return printed or (header if header and is_person(header, organisations) else "") or author
    return author


def claimants(items: list[dict]) -> set[str]:
    """The letters of who made the claims a fact check reviews: its JSON-LD ClaimReview's ``itemReviewed``
    author ("The Russian and Syrian defense ministries"), whom the page prints in a box marked "author" too."""
    names = set()
    for item in items:
        kinds = item.get("@type")
        if "ClaimReview" not in (kinds if isinstance(kinds, list) else [kinds]):
            continue
        reviewed = item.get("itemReviewed")
        for work in reviewed if isinstance(reviewed, list) else [reviewed]:
            authors = work.get("author") if isinstance(work, dict) else None
            for author in authors if isinstance(authors, list) else [authors]:
                name = author.get("name") if isinstance(author, dict) else author
                if isinstance(name, str) and letters_of(name):
                    names.add(letters_of(name))
    return names


def _unclaimed(names: str, claimed: set[str]) -> str:
    """``names`` (";"-joined) without those that are a claimant's name or a piece of it (trafilatura splits "The
    Russian and Syrian defense ministries" at "and")."""
    if not claimed:
        return names
    return ";".join(n for n in names.split(";") if not any(letters_of(n) and letters_of(n) in c for c in claimed))


def is_person(name: str, organisations: set[str]) -> bool:
    """Not the outlet or an organisation, nor a user handle ("jdoe", "jane.doe") standing for a name.

    ``organisations`` are letters only (:func:`outlet_names`): "El Colombiano" is the site elcolombiano.com,
    and a name holding an outlet's name of 5+ letters is its desk ("JuraForum.de-Redaktion").
    """
    letters = letters_of(name)
    # ... and a one-word name the outlet's name starts with is the outlet ("Google", "Google Security Blog")
    outlet = any(letters == o or (len(o) >= _OUTLET_IN_NAME_MIN and o in letters)
                 or (" " not in name and len(letters) >= _OUTLET_IN_NAME_MIN and o.startswith(letters))
                 for o in organisations)
    return not outlet and not looks_like_domain(name) and not LEGAL_FORM.search(name) and not _is_handle(name)


def _author(found: str, declared: list[str], organisations: set[str]) -> str:
    """The article's people, "; " between them, as the page spells them; its organisation only when alone.

    trafilatura joins every name it finds, and pages name their publisher or
    a JSON-LD Organization as author beside the journalist ("The Herald; Jane
    Doe"): an outlet is not a person, so it is dropped when a person remains.
    It is kept when it is all there is: a wire credit ("AFP", "dpa") or a
    desk is who wrote the piece, and an empty author says less.
    """
    found = _rejoined(found, declared)
    # trafilatura writes an address's words as a name ("Jdoe Example" for "jdoe.example", "Jdoejdoe Example" for
    # "jdoe[at]jdoe.example"): as the page wrote it, a site is no person and a mailbox no name at all
    found = "; ".join(_as_addressed(n.strip(), declared) for n in found.split(";"))
    found = "; ".join(n for n in found.split("; ") if not _EMAIL.fullmatch(n))
    declared = [d for d in declared if not _EMAIL.fullmatch(d.strip())]
    # the places of a credit line, whether or not it names someone ("avon.example, Bristol, England")
    addressed = _addresses(declared, organisations)
    written = declared  # how the page spells the names, in all its tags
    # a tag that names nobody ("No Author", "von deinen Bloggern"), also as trafilatura capitalised it
    nobody = {d.casefold() for d in map(_bare_byline, declared) if d and not _names_someone(d)}
    declared = [d for d in declared if _bare_byline(d).casefold() not in nobody]
    names = [n for n in map(_bare_byline, found.split(";"))
             if n and not _DEGREE.fullmatch(n) and _names_someone(n) and n.casefold() not in nobody]
    names = [p for n in names or [n for n in map(_bare_byline, declared[:1]) if n] for p in _people(n)]
    names = [n for n in names if n.casefold() not in addressed]
    if not names:
        return ""
    people = [n for n in names if is_person(n, organisations)] or \
        [n for n in map(_bare_byline, declared) if n and is_person(n, organisations)]
    # trafilatura splits "Jane A. Doe, Tom Roe" and drops its dots: each person as the page spells them
    lists = [_NAMES_JOINER.split(d) for d in written]
    declared = [_bare_byline(d) for d in declared] + [_bare_byline(p) for ps in lists if len(ps) > 1 for p in ps]
    if people == names and len(names) == 1:  # one name: as the page spells it ("Perry Bacon Jr.")
        whole = _as_spelled(names[0], declared)
        if whole:
            return whole
    # with no person, an organisation's name before its address ("Jane Doe - http://jdoe.de" names a site's owner)
    named = people or [n for n in names if not looks_like_domain(n)] or names
    spelled = _one_spelling_each([_as_spelled(name, declared) or name for name in named])
    return "; ".join(n for n in spelled if not _initials_of_another(n, spelled))


def _as_addressed(name: str, declared: list[str]) -> str:
    """``name`` as the address in the declared names it is made of, the scheme left out; else ``name``."""
    letters = letters_of(name)
    for value in declared:
        for match in _ADDRESS.finditer(value):
            address = re.sub(r"^https?://", "", match[0], flags=re.IGNORECASE)
            if letters and letters_of(_AT_SIGN.sub("", address)) == letters and address != name:
                return address
    return name


def _one_spelling_each(names: list[str]) -> list[str]:
    """Each person once, in order: "Jane Doe" and her profile's slug "jane-doe" (the same letters) are one,
    written with the space."""
    spellings: dict[str, list[str]] = {}
    for name in names:
        spellings.setdefault(letters_of(name), []).append(name)
    return [next((n for n in same if " " in n), same[0]) for same in spellings.values()]


def _addresses(declared: list[str], organisations: set[str]) -> set[str]:
    """The places after an organisation in a declared author ("SPIEGEL ONLINE, Hamburg, Germany": hamburg,
    germany), case folded: the publisher's credit line with its address, not people. "Jane Doe, The Herald"
    names a person first, and stays."""
    out = set()
    for value in declared:
        pieces = [p.strip() for p in value.split(",")]
        if len(pieces) > 1 and pieces[0] and not is_person(pieces[0], organisations):
            out.update(p.casefold() for p in pieces[1:] if p)
    return out


def _as_spelled(name: str, declared: list[str]) -> str | None:
    """The declared name that is ``name`` but for case and punctuation, as the page spells it; a handle is no
    spelling of a name of several words ("jane.doe" in JSON-LD, "Jane Doe" printed)."""
    bare = _PUNCTUATION.sub(" ", name.casefold()).split()
    return next((n for n in declared if _PUNCTUATION.sub(" ", n.casefold()).split() == bare
                 and not (" " in name and _is_handle(n))), None)


def _names_someone(name: str) -> bool:
    """Not a template's placeholder ("No Author", "Name") nor a phrase: a name opens with a capital or a particle
    ("van Gogh"), where "deinen Hochzeitsbloggern" opens with a small word before a noun."""
    words = name.split()
    phrase = len(words) > 1 and words[0][:1].islower() and words[0] not in NAME_PARTICLES and any(
        w[:1].isupper() for w in words[1:])
    return not phrase and not _PLACEHOLDER.fullmatch(name) and any(c.isalpha() for c in name)  # "105092": an id


def _is_handle(name: str) -> bool:
    """A user handle ("jdoe", "jane.doe"): one word in small letters. A name in a script without capitals
    (Chinese, Japanese, Korean: "新間") is written without spaces, and is a name."""
    return " " not in name and name == name.lower() and any(c.islower() for c in name)


def _initials_of_another(name: str, names: list[str]) -> bool:
    """``name`` is another listed person's initials, as desks sign ("Tina Klostermeier, TK")."""
    return name.isalpha() and name.isupper() and len(name) <= 4 and any(
        other != name and "".join(w[0] for w in other.split()) == name for other in names)


def _people(name: str) -> list[str]:
    """One author tag naming several people ("Jane Doe und John Roe", "Jane Doe & John Roe"): each of them.

    Split only when every piece reads as a full name (two words or more, capitalised): "Herz und Blut"
    or "Staff and wires" stay whole.
    """
    pieces = [p.strip() for p in NAME_JOINER.split(name)]
    if len(pieces) > 1 and all(len(p.split()) >= 2 and p[:1].isupper() for p in pieces):
        return pieces
    return [name]


def _bare_byline(name: str) -> str:
    """A name without the byline's "By"/"Von"/"Par"/"Por" or a job ("Reporter") in front, nor a degree or a date's
    label behind."""
    name = BYLINE_PREFIX.sub("", " ".join(name.split()).strip(" '\"")).strip()
    return without_job(_TRAILING_DEGREE.sub("", _DATE_LABEL_AFTER.sub("", name)))


def outlet_names(items: list[dict], site_name: str, url: str, titles: list[str], declared: list[str],
                 holders: list[str] = ()) -> set[str]:
    """The letters of every name that is the outlet or an organisation, never a person.

    The site's name; its address's labels ("elcolombiano" for www.elcolombiano.com); the site name the
    page's titles end with ("Storm hits Avon | Die Zeitung"); the JSON-LD publisher and any node typed an
    Organization (a blog whose owner is typed Person and Organization is the publisher); a name the
    markup gives with a web address ("Deutsche Welle (www.dw.com)"); the copyright's ``holders``
    (:func:`copyright_holders`).
    """
    names = {site_name, *holders} | {end for end, _ in title_ends([fold_title(t) for t in titles])}
    host = (urlsplit(url).hostname or "") if url else ""
    names |= {label for label in host.split(".")[:-1] if label != "www"}
    for item in items:
        kinds = item.get("@type")
        if any(k in _ORGANISATION_TYPES for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)):
            names.add(item.get("name") if isinstance(item.get("name"), str) else "")
        if not is_article(item):
            continue
        for key in ("publisher", "author"):
            value = item.get(key)
            for node in value if isinstance(value, list) else [value]:
                if not isinstance(node, dict) or not isinstance(node.get("name"), str):
                    continue
                kinds = node.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if key == "publisher" or any(k in _ORGANISATION_TYPES for k in kinds):
                    names.add(node["name"])
    names |= {_WEB_ADDRESS.sub("", n) for n in declared if _WEB_ADDRESS.search(n)}
    names |= {label for n in list(names) if looks_like_domain(n) for label in n.lower().split(".")[:-1] if label != "www"}
    return {letters for letters in map(letters_of, names) if letters}

