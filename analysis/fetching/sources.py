"""What a SOURCE holds (links, a feed's items) and what an answer is (a page, a feed, neither).

Feeds are read with the standard library's XML parser (RSS 2.0, RSS 1.0/RDF
and Atom differ only in where the item's link sits); it fetches no external
entity, and the expat it ships with refuses entity-expansion bombs.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ElementTree
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+xml")
# Files that say what they are in their first bytes, whatever the server's Content-Type claims.
_MAGIC = ((b"%PDF", "a PDF"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"PK\x03\x04", "a zip file"), (b"RIFF", "a RIFF (WebP, WAV or AVI) file"), (b"\x1f\x8b", "gzip data"),
          (b"%!PS", "a PostScript file"), (b"\xd0\xcf\x11\xe0", "an Office document"))
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_FEED_ROOT = re.compile(rb"^\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*|<\?[^>]*\?>\s*)*<(rss|feed|rdf:RDF)\b", re.S)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
SLUG_CHARS = 60


def read_links(text: str) -> list[str]:
    """The links of a links file: one a line; blank lines, ``#`` lines and text after the link skipped."""
    links = []
    for line in text.splitlines():
        words = line.split()
        if words and not words[0].startswith("#"):
            links.append(words[0])  # "URL  # note": a link holds no space, a fragment's # stays
    return links


def is_link(text: str) -> bool:
    """True for an http(s) address with a host."""
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def kind_of(content_type: str, body: bytes) -> tuple[str, str]:
    """``("page", "")``, ``("feed", "")`` or ``("other", why)`` for an answer."""
    head = body[:2048]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return "other", f"not an HTML page: {name}"
    if _FEED_ROOT.match(head) and (content_type in FEED_TYPES or content_type in HTML_TYPES or not content_type
                                   or content_type == "text/plain"):
        return "feed", ""
    if content_type in HTML_TYPES or (content_type in ("", "text/plain", "application/octet-stream")
                                      and _HTML_START.match(head)):
        return "page", ""
    if content_type in FEED_TYPES:
        return "other", "not an HTML page: an XML document that is not an RSS or Atom feed"
    return "other", f"not an HTML page: {content_type or 'no content type'}"


def feed_links(body: bytes, base_url: str) -> list[str]:
    """The item links of an RSS or Atom feed, in feed order, made absolute; ValueError if unreadable."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise ValueError(f"not a readable feed ({exc})") from None
    links: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "item":  # RSS 2.0 and RSS 1.0
            link = _child_text(element, "link") or _permalink(element)
        elif name == "entry":  # Atom
            link = _atom_link(element)
        else:
            continue
        if link:
            absolute = urljoin(base_url, link.strip())
            if absolute not in links:
                links.append(absolute)
    return links


def file_name(url: str) -> str:
    """A stable, safe relative file name for the page at ``url``: ``host/slug-digest.html``."""
    parts = urlsplit(url)
    host = _SLUG_JUNK.sub("-", (parts.hostname or "site").lower()).strip("-") or "site"
    if parts.port:
        host += f"_{parts.port}"
    words = _SLUG_JUNK.sub("-", unquote(parts.path).lower()).strip("-")
    words = re.sub(r"-(html?|php|aspx?|jsp)$", "", words)
    slug = words[-SLUG_CHARS:].strip("-") or "index"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return str(PurePosixPath(host) / f"{slug}-{digest}.html")


def with_declared_charset(body: bytes, charset: str) -> bytes:
    """The page, with ``<meta charset>`` put first when only the HTTP header named its charset.

    A page saved to disk loses its headers; without this the loader would have
    to guess an encoding the browser was told.
    """
    if not charset or any(body.startswith(bom) for bom in _BOMS):
        return body
    if re.search(rb"<meta[^>]+charset", body[:4096], re.I):
        return body
    safe = re.sub(r"[^A-Za-z0-9_.:-]", "", charset)
    return f'<meta charset="{safe}">\n'.encode("ascii") + body if safe else body


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: ElementTree.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name and (child.text or "").strip():
            return child.text.strip()
    return ""


def _permalink(item: ElementTree.Element) -> str:
    for child in item:
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true").lower() != "false":
            text = (child.text or "").strip()
            if is_link(text):
                return text
    return ""


def _atom_link(entry: ElementTree.Element) -> str:
    fallback = ""
    for child in entry:
        if _local(child.tag) != "link" or not child.get("href"):
            continue
        rel = child.get("rel", "alternate")
        if rel == "alternate":
            return child.get("href")
        fallback = fallback or (child.get("href") if rel not in ("self", "enclosure", "edit", "replies") else "")
    return fallback
