"""Pages as browsers save them: single-file archives (MHTML) and complete saves with their resource folders."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import pytest

from analysis.corpus import article_files, load_corpus
from analysis.corpus.browser_saves import (MAX_ARCHIVE_BYTES, NoPageInArchive, NotAnArchive, resource_files,
                                           saved_from, unpack_archive)
from analysis.corpus.uploads import unpack_files

BODY = (
    "<p>Engineers said on Monday that the harbour wall at Port Avon failed during the night, flooding the "
    "docks and the café beside them.</p>"
    "<p>Mayor Elena Ruiz said the council had asked for repairs for years and that the government must now "
    "pay for a new wall.</p>"
    "<p>The Coast Guard rescued twelve fishermen near the breakwater before dawn, officials said.</p>"
)
HEAD = ('<meta property="og:site_name" content="The Avon Herald">'
        '<meta property="article:published_time" content="2024-03-04T08:15:00+00:00">'
        '<meta name="author" content="Jane Doe">')


def html(head: str = HEAD, body: str = BODY, title: str = "Harbour wall fails in storm") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title} | The Avon Herald</title>{head}"
            f"</head><body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>")


def quoted_printable(text: str) -> bytes:
    """As Blink writes a part: "=" escapes, lines cut at 76 with a soft break."""
    import quopri

    return quopri.encodestring(text.encode("utf-8"))


def blink_archive(page: str, address: str = "https://avon.example/news/harbour-wall",
                  image: bytes = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8) -> bytes:
    """A single-file save as Chrome writes it: MIME headers, the page quoted-printable, an image after it."""
    boundary = "----MultipartBoundary--q8Xm2Vh3JzT0----"
    lines = [
        "From: <Saved by Blink>", f"Snapshot-Content-Location: {address}", "Subject: Harbour wall fails in storm",
        "Date: Mon, 4 Mar 2024 09:00:00 -0000", "MIME-Version: 1.0", "Content-Type: multipart/related;",
        '\ttype="text/html";', f'\tboundary="{boundary}"', "", "",
        f"--{boundary}", "Content-Type: text/html", "Content-ID: <frame-1@mhtml.blink>",
        "Content-Transfer-Encoding: quoted-printable", f"Content-Location: {address}", "", "",
    ]
    tail = [f"--{boundary}", "Content-Type: image/png", "Content-Transfer-Encoding: base64",
            "Content-Location: https://avon.example/logo.png", "", base64.encodebytes(image).decode().replace("\n", "\r\n"),
            f"--{boundary}--", ""]
    return ("\r\n".join(lines).encode() + quoted_printable(page).replace(b"\n", b"\r\n") + b"\r\n"
            + "\r\n".join(tail).encode())


def test_a_single_file_save_is_read_as_its_page(tmp_path):
    (tmp_path / "harbour.mhtml").write_bytes(blink_archive(html()))
    corpus = load_corpus(tmp_path)
    assert corpus.skipped == ()
    [article] = corpus.articles
    assert (article.title, article.outlet, article.published, article.author) == (
        "Harbour wall fails in storm", "The Avon Herald", "2024-03-04T08:15:00Z", "Jane Doe")
    assert "café beside them" in article.text and "rescued twelve fishermen" in article.text
    assert "PNG" not in article.text and "Home" not in article.text
    # No canonical address in the page: the one the archive was saved from.
    assert article.url == "https://avon.example/news/harbour-wall"


def test_the_archive_gives_the_address_only_when_the_page_names_none(tmp_path):
    page = html(head=HEAD + '<link rel="canonical" href="https://avon.example/2024/03/04/harbour">')
    (tmp_path / "a.mht").write_bytes(blink_archive(page, address="https://avon.example/amp/harbour"))
    [article] = load_corpus(tmp_path).articles
    assert article.url == "https://avon.example/2024/03/04/harbour"


def test_an_archive_part_in_base64_with_its_own_charset():
    # Older browsers (Internet Explorer, Word) wrote the page in base64 with the charset on the part.
    page = html(head='<meta charset="utf-8">').encode("cp1252")  # the page says UTF-8; the part says otherwise
    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="=_NextPart_01"\r\n\r\n'
            b"This is a multi-part message in MIME format.\r\n\r\n--=_NextPart_01\r\n"
            b'Content-Type: text/html; charset="windows-1252"\r\nContent-Transfer-Encoding: base64\r\n'
            b"Content-Location: http://avon.example/old.htm\r\n\r\n" + base64.encodebytes(page).replace(b"\n", b"\r\n")
            + b"\r\n--=_NextPart_01--\r\n")
    unpacked, address = unpack_archive(data)
    assert address == "http://avon.example/old.htm"
    assert "café beside them" in unpacked.decode("utf-8-sig")


def test_an_archive_of_the_page_alone_and_a_page_under_an_archive_name(tmp_path):
    single = b"Content-Type: text/html\r\nContent-Location: https://avon.example/x\r\n\r\n" + html().encode()
    assert unpack_archive(single) == (html().encode(), "https://avon.example/x")
    with pytest.raises(NotAnArchive):
        unpack_archive(html().encode())
    (tmp_path / "renamed.mhtml").write_text(html(), encoding="utf-8")
    # ... one whose first line holds a colon, as an XHTML page's does
    (tmp_path / "xhtml.mht").write_text('<html xmlns="http://www.w3.org/1999/xhtml">\n\n'
                                        + html(title="Storm closes the docks"), encoding="utf-8")
    assert sorted(a.title for a in load_corpus(tmp_path).articles) == ["Harbour wall fails in storm",
                                                                        "Storm closes the docks"]


def test_an_archive_without_a_page_is_skipped_with_its_reason(tmp_path):
    image = base64.encodebytes(bytes(range(256)) * 40).replace(b"\n", b"\r\n")
    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b1"\r\n\r\n--b1\r\n'
            b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n" + image + b"\r\n--b1--\r\n")
    with pytest.raises(NoPageInArchive):
        unpack_archive(data)
    (tmp_path / "photo.mhtml").write_bytes(data)
    corpus = load_corpus(tmp_path)
    assert corpus.articles == ()
    assert [(s.path, s.reason) for s in corpus.skipped] == [("photo.mhtml", "no web page in the archive (no HTML part)")]


def test_archives_have_a_cap_of_their_own(tmp_path):
    # Over the 5 MB of one page, with its images: read. Past the archive cap: not even opened.
    heavy = blink_archive(html(), image=bytes(6 * 1024 * 1024))
    assert len(heavy) > 6 * 1024 * 1024
    (tmp_path / "heavy.mhtml").write_bytes(heavy)
    with open(tmp_path / "huge.mhtml", "wb") as handle:  # sparse: no disk used
        handle.truncate(MAX_ARCHIVE_BYTES + 1)
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus.articles] == ["heavy.mhtml"]
    assert [s.path for s in corpus.skipped] == ["huge.mhtml"]
    assert "limit 52 MB" in corpus.skipped[0].reason


def test_a_complete_save_is_its_page_alone(tmp_path):
    (tmp_path / "Harbour wall fails.html").write_text(
        "<!-- saved from url=(0043)https://www.avon.example/news/harbour-wall -->\n"
        + html(head='<meta name="author" content="Jane Doe">'), encoding="utf-8")
    resources = tmp_path / "Harbour wall fails_files"
    resources.mkdir()
    # The frames a page embeds are saved as documents of their own: comments, an ad, a post.
    (resources / "saved_resource.html").write_text(html(title="Readers' comments", body=BODY.replace("Engineers", "Readers")),
                                                   encoding="utf-8")
    (resources / "ad.htm").write_text("<html><body><p>Buy now</p></body></html>", encoding="utf-8")
    (resources / "style.css").write_text("p { color: red }", encoding="utf-8")
    (tmp_path / "notes_files").mkdir()  # an analyst's folder that only looks like one: no notes.html beside it
    (tmp_path / "notes_files" / "brief.txt").write_text("Harbour notes\n\nThe wall failed on Monday night, engineers said.\n",
                                                        encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert sorted(a.path for a in corpus.articles) == ["Harbour wall fails.html", "notes_files/brief.txt"]
    assert corpus.skipped == ()
    page = next(a for a in corpus.articles if a.path.endswith(".html"))
    # No canonical address, no site name: the address the browser noted, and its domain as the outlet.
    assert (page.url, page.outlet) == ("https://www.avon.example/news/harbour-wall", "avon.example")


def test_a_cluster_lists_a_complete_save_as_its_page_alone(tmp_path):
    # `storylens index` on a cluster lists the corpus through fsspec (an object store's URL, here a file:// one).
    pytest.importorskip("fsspec")
    from analysis.corpus.files import list_files

    (tmp_path / "P.html").write_text(html(), encoding="utf-8")
    (tmp_path / "P_files").mkdir()
    (tmp_path / "P_files" / "saved_resource.html").write_text(html(title="An advert"), encoding="utf-8")
    (tmp_path / "single.mhtml").write_bytes(blink_archive(html(), image=bytes(6 * 1024 * 1024)))
    listed, skipped = list_files(f"file://{tmp_path}")
    assert sorted(rel for rel, _ in listed) == ["P.html", "single.mhtml"] and skipped == []


def test_resource_files_are_those_beside_a_page_of_their_name():
    paths = ["a/P.html", "a/P_files/saved_resource.html", "a/P_files/js/x.js", "Q_files/z.html", "b.HTM",
             "b_files/c.txt", "c.txt", "c_files/d.html"]
    assert resource_files(paths) == {"a/P_files/saved_resource.html", "a/P_files/js/x.js", "b_files/c.txt"}


def test_saved_from_is_read_before_the_page_only():
    assert saved_from("<!-- saved from url=(0022)http://avon.example/ -->\r\n<html>") == "http://avon.example/"
    assert saved_from("<html>" + " " * 4000 + "<!-- saved from url=(0022)http://avon.example/ -->") == ""
    assert saved_from("<html><body>no comment</body></html>") == ""


def test_a_zip_of_complete_saves_uploads_its_pages_and_nothing_else(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Harbour.html", html())
        archive.writestr("Harbour_files/saved_resource.html", html(title="An advert"))
        archive.writestr("Harbour_files/logo.png", b"\x89PNG")
        archive.writestr("Harbour_files/app.js", b"var a = 1;")
        archive.writestr("single.mhtml", blink_archive(html(title="Storm closes the docks")))
        archive.writestr("report.pdf", b"%PDF-1.4")
    report = unpack_files([("saved.zip", buffer.getvalue())], tmp_path)
    assert sorted(report.written) == ["saved/Harbour.html", "saved/single.mhtml"]
    assert report.refused == (("saved.zip:report.pdf", "not an article file (.txt, .html, .htm, .mhtml, .mht, .webarchive)"),)
    corpus = load_corpus(tmp_path)
    assert sorted(a.title for a in corpus.articles) == ["Harbour wall fails in storm", "Storm closes the docks"]


def test_a_loose_archive_upload_is_taken(tmp_path: Path):
    report = unpack_files([("harbour.mhtml", blink_archive(html()))], tmp_path)
    assert report.written == ("harbour.mhtml",) and report.refused == ()
    assert article_files(tmp_path)[0][0][0] == "harbour.mhtml"


def safari_archive(page: bytes, address: str = "https://avon.example/news/harbour-wall", encoding: str = "UTF-8") -> bytes:
    """A web archive as Safari writes it: a binary property list, the page its main resource, images beside it."""
    import plistlib

    main = {"WebResourceData": page, "WebResourceMIMEType": "text/html", "WebResourceURL": address,
            "WebResourceFrameName": "", "WebResourceTextEncodingName": encoding}
    logo = {"WebResourceData": b"\x89PNG" + bytes(64), "WebResourceMIMEType": "image/png",
            "WebResourceURL": "https://avon.example/logo.png"}
    return plistlib.dumps({"WebMainResource": main, "WebSubresources": [logo]}, fmt=plistlib.FMT_BINARY)


def test_a_safari_web_archive_is_read_as_its_page(tmp_path):
    (tmp_path / "harbour.webarchive").write_bytes(safari_archive(html().encode("utf-8")))
    # Latin-1 as the archive names it, against the page's own (wrong) UTF-8 declaration.
    (tmp_path / "old.webarchive").write_bytes(
        safari_archive(html(title="Storm closes the docks").encode("latin-1"), "https://avon.example/old", "ISO-8859-1"))
    corpus = load_corpus(tmp_path)
    assert corpus.skipped == ()
    found = {a.path: a for a in corpus.articles}
    assert (found["harbour.webarchive"].title, found["harbour.webarchive"].outlet) == (
        "Harbour wall fails in storm", "The Avon Herald")
    assert found["harbour.webarchive"].url == "https://avon.example/news/harbour-wall"
    assert "café beside them" in found["old.webarchive"].text


def test_a_web_archive_of_an_image_or_damaged_is_skipped_with_its_reason(tmp_path):
    import plistlib

    image = plistlib.dumps({"WebMainResource": {"WebResourceData": b"\x89PNG", "WebResourceMIMEType": "image/png",
                                                "WebResourceURL": "https://avon.example/a.png"}}, fmt=plistlib.FMT_BINARY)
    (tmp_path / "photo.webarchive").write_bytes(image)
    (tmp_path / "broken.webarchive").write_bytes(b"bplist00" + bytes(40))
    corpus = load_corpus(tmp_path)
    assert corpus.articles == ()
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert reasons["photo.webarchive"] == "no web page in the archive (it holds image/png)"
    assert reasons["broken.webarchive"].startswith("no web page in the archive (a damaged web archive")
