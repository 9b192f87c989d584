"""How browsers save a page, beyond plain HTML: single-file archives and the resource folders of complete saves.

An analyst's *Save as* gives one of three things:

- "HTML only": ``Page.html``, read as it is (:mod:`analysis.corpus.pages`);
- "complete": ``Page.html`` and a folder ``Page_files/`` beside it holding the
  page's images, scripts and the documents of its frames (ads, embedded posts,
  comment widgets). Chrome, Edge and Firefox name that folder so in every
  language. Its documents are parts of the page, not articles of the corpus:
  :func:`resource_files` finds them so that the loader and the uploader pass
  them over;
- "single file": ``Page.mhtml`` (Chrome, Edge; ``.mht`` from older browsers),
  a MIME archive (RFC 2557) whose first HTML part is the page, with the
  address it was saved from; or Safari's ``Page.webarchive``, a binary
  property list whose main resource is the page. :func:`unpack_archive` takes
  the page out. The archive's images make it several megabytes, hence its own
  size cap.

A complete save (Chrome, Edge) also writes the address on the page's first
line, ``<!-- saved from url=(0043)https://... -->``: :func:`saved_from` reads
it for a page whose markup names no canonical address.
"""

from __future__ import annotations

import binascii
import email
import plistlib
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

__all__ = ["ARCHIVE_SUFFIXES", "MAX_ARCHIVE_BYTES", "RESOURCE_FOLDER_SUFFIX", "NotAnArchive", "NoPageInArchive",
           "resource_files", "saved_from", "unpack_archive"]

ARCHIVE_SUFFIXES = (".mhtml", ".mht", ".webarchive")
# Pages with their images: a news page saved so is 2-20 MB. Only its HTML part is read (and that is held to
# the loader's cap for one file); the cap is the uploader's own per file.
MAX_ARCHIVE_BYTES = 50 * 1024 * 1024
RESOURCE_FOLDER_SUFFIX = "_files"
_PAGE_SUFFIXES = (".html", ".htm")
# The archive's own headers end at the first blank line; they are a few hundred bytes.
_HEADER_BYTES = 16 * 1024
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
# A header's field name and its colon, at the start of a line ("Content-Type:", "MIME-Version:").
_HEADER_FIELD = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:")
# Safari's web archive is a property list in Apple's binary format.
_BINARY_PLIST = b"bplist00"
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
# The comment is written before the page's first tag.
_SAVED_FROM_CHARS = 2048


class NotAnArchive(ValueError):
    """The file named as an archive opens with no MIME header: a page saved under an archive's name."""


class NoPageInArchive(ValueError):
    """The archive holds no HTML part (its parts are images, or it is damaged): nothing to read."""

    def __init__(self, why: str) -> None:
        super().__init__(f"no web page in the archive ({why})")


def resource_files(paths: Iterable[str]) -> set[str]:
    """The paths (relative, "/"-separated) inside a complete save's resource folder: ``X_files/...`` beside
    ``X.html`` or ``X.htm`` among ``paths``. A folder so named with no page beside it is an analyst's own."""
    paths = list(paths)
    pages = {p for p in paths if p.lower().endswith(_PAGE_SUFFIXES)}
    stems = {str(PurePosixPath(p).with_suffix("")) for p in pages}
    inside = set()
    for path in paths:
        for folder in PurePosixPath(path).parents:
            name = str(folder)
            if name.endswith(RESOURCE_FOLDER_SUFFIX) and name[: -len(RESOURCE_FOLDER_SUFFIX)] in stems:
                inside.add(path)
                break
    return inside


def saved_from(html: str) -> str:
    """The address a browser's complete save wrote above the page (``<!-- saved from url=(N)ADDRESS -->``), else ""."""
    match = _SAVED_FROM.search(html[:_SAVED_FROM_CHARS])
    return match.group(1) if match else ""


def unpack_archive(data: bytes) -> tuple[bytes, str]:
    """The page's HTML in a single-file save (MHTML, Safari's web archive), and the address it was saved from
    ("" when not given).

    The HTML comes back as bytes the page reader decodes: with a UTF-8 BOM
    when the archive states the part's charset (which then wins over the
    page's own ``<meta charset>``, as in a browser), else as stored.
    Raises :class:`NotAnArchive` when ``data`` is no archive, :class:`NoPageInArchive` when it holds no
    HTML part.
    """
    if data.startswith(_BINARY_PLIST):
        return _web_archive_page(data)
    head, body = _split_head(data)
    if head is None:
        raise NotAnArchive("no archive headers")
    top = email.message_from_bytes(head)
    saved_at = (top.get("Snapshot-Content-Location") or top.get("Content-Location") or "").strip()
    if top.get_content_type() == "text/html":  # an archive of the page alone
        return _decoded(top, body), saved_at
    boundary = top.get_param("boundary")
    if not top.get_content_maintype() == "multipart" or not isinstance(boundary, str) or not boundary:
        raise NoPageInArchive(f"it holds {top.get_content_type()}")
    mark = re.escape(boundary.encode("ascii", "replace"))
    delimiter = re.compile(rb"(?:^|\r?\n)--" + mark + rb"(?:--)?[ \t]*(?:\r?\n|$)")
    # Part by part, up to the page (most often the first): the images after it are not copied.
    marks = delimiter.finditer(body)
    previous = next(marks, None)
    while previous is not None:
        following = next(marks, None)
        part = body[previous.end():following.start() if following else len(body)]
        previous = following
        part_head, part_body = _split_head(part)
        if part_head is None:
            continue
        headers = email.message_from_bytes(part_head)
        if headers.get_content_type() == "text/html":
            address = (headers.get("Content-Location") or "").strip()
            return _decoded(headers, part_body), address if address.lower().startswith("http") else saved_at
    raise NoPageInArchive("no HTML part")


def _web_archive_page(data: bytes) -> tuple[bytes, str]:
    """The main resource of Safari's web archive: its HTML, in the encoding the archive names, and its address."""
    try:
        archive = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, OverflowError, TypeError) as exc:
        raise NoPageInArchive(f"a damaged web archive: {exc}") from exc
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict) or not isinstance(main.get("WebResourceData"), bytes):
        raise NoPageInArchive("no main resource")
    kind = str(main.get("WebResourceMIMEType") or "text/html").lower()
    if "html" not in kind:
        raise NoPageInArchive(f"it holds {kind}")
    address = main.get("WebResourceURL")
    address = address if isinstance(address, str) else ""
    encoding = main.get("WebResourceTextEncodingName")
    return _in_charset(main["WebResourceData"], encoding if isinstance(encoding, str) else None), address


def _split_head(data: bytes) -> tuple[bytes | None, bytes]:
    """A MIME entity's header block and its body; (None, data) when it opens with no header."""
    data = data.lstrip(b"\r\n")
    blank = _BLANK_LINE.search(data, 0, _HEADER_BYTES)
    if blank is None or not _HEADER_FIELD.match(data):  # "<html xmlns="http://...">" has a colon too
        return None, data
    return data[: blank.end()], data[blank.end():]


def _decoded(headers: email.message.Message, body: bytes) -> bytes:
    """The part's body undone from its transfer encoding (quoted-printable, base64), in its charset."""
    encoding = (headers.get("Content-Transfer-Encoding") or "").strip().lower()
    try:
        if encoding == "quoted-printable":
            body = binascii.a2b_qp(body)
        elif encoding == "base64":
            body = binascii.a2b_base64(body)
    except (binascii.Error, ValueError) as exc:
        raise NoPageInArchive(f"a damaged HTML part: {exc}") from exc
    return _in_charset(body, headers.get_content_charset())


def _in_charset(page: bytes, charset: str | None) -> bytes:
    """The page as UTF-8 with a BOM, read in the ``charset`` the archive names for it (the BOM wins over the
    page's own declaration); as stored when the archive names none, or one Python does not know."""
    if not charset:
        return page
    try:
        return b"\xef\xbb\xbf" + page.decode(charset, errors="replace").encode("utf-8")
    except LookupError:
        return page
