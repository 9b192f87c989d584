"""Saved web pages as articles: main text, title, site name, dates, author, URL, outlets as one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.engine.cache import AnalysisCache
from analysis.corpus import load_corpus
from analysis.corpus.pages import NO_ARTICLE_TEXT, decode_page, read_page, unified_outlets, web_url

ROOT = Path(__file__).resolve().parent.parent

BODY = (
    "<p>Engineers said on Monday that the harbour wall at Port Avon failed during the night, flooding the "
    "docks and the café beside them.</p>\n"
    "<p>Mayor Elena Ruiz said the council had asked for repairs for years and that the government must now "
    "pay for a new wall. “We warned them,” she said.</p>\n"
    "<p>The Coast Guard rescued twelve fishermen near the breakwater before dawn, officials said, and the "
    "docks will stay closed until Thursday.</p>\n"
)
SENTENCES = ("harbour wall at Port Avon failed", "We warned them", "rescued twelve fishermen")


def page(head: str = "", body: str = BODY, title: str = "Harbour wall fails in storm",
         headline: str | None = None, before: str = "", after: str = "") -> str:
    h1 = headline if headline is not None else title
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{before}"
            f"<article><h1>{h1}</h1>{body}</article>{after}</body></html>")


NAV = ('<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
       '<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav></header>')
ASIDE = ('<aside class="related"><h2>Most read</h2><ul>'
         + "".join(f'<li><a href="/story/{i}">Celebrity chef opens restaurant number {i}</a></li>' for i in range(8))
         + "</ul></aside>")
FOOTER = ('<footer><p>Copyright 2024 The Avon Herald. All rights reserved.</p><p><a href="/privacy">Privacy policy'
          '</a> | <a href="/cookies">Cookie settings</a></p><div class="newsletter">Sign up for our morning '
          'newsletter</div></footer>')


def full_head(published: str) -> str:
    """A head giving every field: site name, author, canonical URL, publication date."""
    return ('<meta property="og:site_name" content="The Avon Herald"><meta name="author" content="Jane Doe">'
            f'<link rel="canonical" href="https://avon.example/1"><meta property="article:published_time" '
            f'content="{published}">')


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_boilerplate_around_the_article_is_left_out():
    found = read_page(page(before=NAV + ASIDE, after=FOOTER).encode())
    for sentence in SENTENCES:
        assert sentence in found.text
    for furniture in ("Subscribe now", "Celebrity chef", "All rights reserved", "Cookie settings", "newsletter"):
        assert furniture not in found.text
    assert found.text.split("\n\n")[0] == "Harbour wall fails in storm"  # the headline leads, once
    assert found.text.count("Harbour wall fails in storm") == 1


@pytest.mark.parametrize("head, body_extra, expected", [
    # JSON-LD: the modified date comes first and is later; the published one wins.
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"dateModified": "2024-03-09T10:00:00Z", "datePublished": "2024-03-04T09:30:00+01:00", '
     '"headline": "Harbour wall fails in storm"}</script>', "", "2024-03-04T09:30:00+01:00"),
    # JSON-LD in a @graph, as Yoast writes it.
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", '
     '"name": "The Avon Herald"}, {"@type": "Article", "dateModified": "2024-05-01", '
     '"datePublished": "2024-03-04"}]}</script>', "", "2024-03-04"),
    # Meta tags: modified before published in the head. 22:15 at UTC-5 is the next day in UTC: the instant keeps
    # its offset, and with it the page's own day.
    ('<meta property="article:modified_time" content="2024-03-09T10:00:00+00:00">'
     '<meta property="article:published_time" content="2024-03-04T22:15:00-05:00">', "", "2024-03-04T22:15:00-05:00"),
    ('<meta property="article:published_time" content="2024-03-04T12:15:00-05:00">', "", "2024-03-04T12:15:00-05:00"),
    ('<meta itemprop="dateModified" content="2024-04-01"><meta itemprop="datePublished" content="2024-03-04">',
     "", "2024-03-04"),
    # Only in the text: "Updated" comes later than "Published" and must not win.
    ("", '<p class="dates">Published 4 March 2024. Updated 9 March 2024.</p>', "2024-03-04"),
])
def test_the_original_publication_date_wins_over_the_modified_one(head, body_extra, expected):
    found = read_page(page(head=head, body=body_extra + BODY).encode())
    assert found.published == expected


@pytest.mark.parametrize("head, expected", [
    ('<meta property="og:site_name" content="The Avon Herald">', "The Avon Herald"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour wall fails in storm", '
     '"publisher": {"@type": "Organization", "name": "Avon Daily News"}}</script>', "Avon Daily News"),
    # a publisher named by its address: og:site_name names the site
    ('<meta property="og:site_name" content="The Avon Herald"><script type="application/ld+json">{"@context": '
     '"http://schema.org", "@type": "NewsArticle", "headline": "Harbour wall fails in storm", "publisher": '
     '{"@type": "Organization", "name": "AvonHerald.example"}}</script>', "The Avon Herald"),
])
def test_site_name_from_og_or_json_ld(head, expected):
    assert read_page(page(head=head).encode()).site_name == expected


def test_no_site_name_gives_the_canonical_domain_as_outlet():
    found = read_page(page(head='<link rel="canonical" href="https://www.avonherald.example/news/1">').encode())
    assert (found.site_name, found.outlet, found.url) == ("", "avonherald.example",
                                                        "https://www.avonherald.example/news/1")


def test_author_title_and_og_url():
    head = ('<meta name="author" content="Jane Doe"><meta property="og:url" content="https://avon.example/a/1">'
            '<meta property="og:title" content="Harbour wall fails in storm">')
    found = read_page(page(head=head, title="Harbour wall fails in storm - Avon",
                           headline="Harbour wall fails in storm").encode())
    assert found.author == "Jane Doe"
    assert found.title == "Harbour wall fails in storm"
    assert found.url == "https://avon.example/a/1"


@pytest.mark.parametrize("encoding, declaration", [
    ("windows-1252", '<meta charset="windows-1252">'),
    ("iso-8859-1", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'),
])
def test_a_declared_charset_other_than_utf8(encoding, declaration):
    text = page(head=declaration, body="<p>Le café de Zoë à Besançon a fermé ses portes lundi, après des "
                "années de déficit; «c’est la fin», dit la patronne, qui part à Montréal avec sa fille "
                "Chloé et son chien Brûlé.</p>" + BODY)
    data = text.encode(encoding, errors="replace" if encoding == "iso-8859-1" else "strict")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    found = read_page(data)
    assert "café de Zoë à Besançon" in found.text and "Montréal" in found.text
    if encoding == "windows-1252":
        assert "c’est la fin" in found.text  # the curly quote is a windows-1252 byte


def test_a_bom_wins_over_the_meta_charset():
    data = b"\xef\xbb\xbf" + page(head='<meta charset="iso-8859-1">').encode("utf-8")
    assert "café" in decode_page(data)


def test_broken_markup_is_read():
    # Unclosed and mismatched tags, stray closers, no </body> or </html>.
    broken = ("<html><head><title>Harbour wall fails in storm</title><body><div><div class=x>"
              "<h1>Harbour wall fails in storm</h2><p>Engineers said on Monday that the harbour wall at Port "
              "Avon failed during the night, flooding the docks <b>and <i>the café</b> beside them."
              "<p>Mayor Elena Ruiz said the council had asked for repairs for years. “We warned them,” she said."
              "</span></div></td><p>The Coast Guard rescued twelve fishermen near the breakwater before dawn, "
              "officials said, and the docks will stay closed until Thursday.<p>")
    found = read_page(broken.encode())
    for sentence in SENTENCES:
        assert sentence in found.text


SECTION_FRONT = page(
    title="World news", headline="World",
    body="".join(f'<div class="teaser"><h3><a href="/world/{i}">Storm story number {i} hits the coast</a></h3>'
                 f'<span class="time">{i}h ago</span></div>' for i in range(12)))
LOGIN_WALL = page(body='<div class="paywall"><p>Subscribe to continue reading.</p><form><input name="email">'
                  '<button>Log in</button></form></div>')


def test_pages_without_article_text_are_skipped_with_the_reason(tmp_path):
    write(tmp_path, "empty.html", "<html><head><title>x</title></head><body></body></html>")
    write(tmp_path, "blank.htm", "   \n")
    write(tmp_path, "section/world.html", SECTION_FRONT)
    write(tmp_path, "login.html", LOGIN_WALL)
    write(tmp_path, "story.html", page())
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus.articles] == ["story.html"]
    assert {s.path: s.reason for s in corpus.skipped} == {
        "empty.html": NO_ARTICLE_TEXT, "blank.htm": "empty file", "section/world.html": NO_ARTICLE_TEXT,
        "login.html": NO_ARTICLE_TEXT}


def test_a_page_is_cleaned_like_text_and_keeps_its_headline(tmp_path):
    write(tmp_path, "a.html", page(head='<meta property="og:site_name" content="The Avon Herald">',
                                   body="<p>By Jane Doe</p><p>Advertisement</p>" + BODY))
    article = load_corpus(tmp_path).articles[0]
    assert article.sentences[0].kind == "headline" and article.sentences[0].text == "Harbour wall fails in storm"
    assert {r.reason for r in article.removed} >= {"byline", "page furniture"}
    assert "Advertisement" not in article.text and "By Jane Doe" not in article.text
    assert article.outlet == "The Avon Herald"


def _site(name: str | None, url: str) -> str:
    head = f'<link rel="canonical" href="{url}">'
    if name:
        head += f'<meta property="og:site_name" content="{name}">'
    return head


def test_outlets_that_read_as_one(tmp_path):
    stories = [BODY.replace("twelve", word) for word in ("three", "four", "five", "six", "seven")]
    write(tmp_path, "a.html", page(head=_site("The New York Times", "https://www.nytimes.com/a"), body=stories[0]))
    write(tmp_path, "b.html", page(head=_site(None, "https://nytimes.com/b"), body=stories[1]))
    write(tmp_path, "c.html", page(head=_site(None, "https://www.nytimes.com/c"), body=stories[2]))
    write(tmp_path, "d.html", page(head=_site(None, "https://www.avon.example/d"), body=stories[3]))
    write(tmp_path, "e.txt", "Storm story\n\nThe storm flooded the harbour on Monday night, officials said.\n")
    write(tmp_path, "f.txt", "Storm story two\n\nThe docks stay closed until Thursday, officials said.\n")
    write(tmp_path, "metadata.csv", "file,outlet\ne.txt,www.nytimes.com\nf.txt,Avon Gazette\n")
    outlets = {a.path: a.outlet for a in load_corpus(tmp_path).articles}
    assert outlets == {"a.html": "The New York Times", "b.html": "The New York Times",
                       "c.html": "The New York Times", "d.html": "avon.example", "e.txt": "The New York Times",
                       "f.txt": "Avon Gazette"}


def test_unified_outlets_takes_the_most_frequent_spelling_of_a_name():
    pairs = [("The Guardian", "https://www.theguardian.com/1"), ("The Guardian", "https://theguardian.com/2"),
             ("the guardian", "https://theguardian.com/3"), ("theguardian.com", ""), ("", "https://theguardian.com/4"),
             ("Salon.com", ""), ("", "")]
    assert unified_outlets(pairs) == ["The Guardian"] * 5 + ["Salon.com", ""]


def test_unified_outlets_writes_an_address_as_the_sites_pages_write_it():
    """A site naming itself by its address ("Avon.example") is one outlet with the pages that give no name."""
    pairs = [("Avon.example", "https://www.avon.example/1"), ("avon.example", "https://avon.example/2"),
             ("www.Avon.example", ""), ("gazette.example", "https://gazette.example/3")]
    assert unified_outlets(pairs) == ["Avon.example"] * 3 + ["gazette.example"]


def test_metadata_csv_wins_and_extra_columns_are_ignored(tmp_path):
    head = ('<meta property="og:site_name" content="The Avon Herald"><meta name="author" content="Jane Doe">'
            '<meta property="article:published_time" content="2024-03-04"><link rel="canonical" '
            'href="https://avon.example/1">')
    write(tmp_path, "a.html", page(head=head))
    write(tmp_path, "b.html", page(head=head, body=BODY.replace("twelve", "nine")))
    write(tmp_path, "metadata.csv",
          "file,url,fetched,status,title,outlet,published,author\n"
          "a.html,https://avon.example/fetched,2024-03-05T00:00:00Z,200,Wall gone,Avon Post,2024-03-03,Ann Lee\n"
          "b.html,https://avon.example/b,2024-03-05T00:00:00Z,200,,,,\n")
    corpus = load_corpus(tmp_path)
    a, b = corpus.articles
    assert (a.title, a.outlet, a.published, a.author, a.url) == (
        "Wall gone", "Avon Post", "2024-03-03", "Ann Lee", "https://avon.example/fetched")
    assert (b.title, b.outlet, b.published, b.author, b.url) == (
        "Harbour wall fails in storm", "The Avon Herald", "2024-03-04", "Jane Doe", "https://avon.example/b")
    assert not corpus.warnings


def test_warm_load_from_the_cache_keeps_what_the_page_gave(tmp_path):
    corpus_dir = tmp_path / "corpus"
    write(corpus_dir, "a.html", page(head=full_head("2024-03-04T09:30:00Z")))
    cache = AnalysisCache(tmp_path / "cache.sqlite")
    cold = load_corpus(corpus_dir, cache=cache)
    warm = load_corpus(corpus_dir, cache=cache)
    assert warm.articles == cold.articles
    article = warm.articles[0]
    assert (article.outlet, article.published, article.author, article.url) == (
        "The Avon Herald", "2024-03-04T09:30:00Z", "Jane Doe", "https://avon.example/1")


@pytest.mark.parametrize("value, expected", [
    ("https://avon.example/a?b=1", "https://avon.example/a?b=1"), ("http://x.example", "http://x.example"),
    ("javascript:alert(1)", ""), ("data:text/html,<b>x</b>", ""), ("/relative/path", ""), ("", ""),
    ("https://", ""),
])
def test_only_web_addresses_become_urls(value, expected):
    assert web_url(value) == expected


def test_a_javascript_canonical_is_not_kept():
    found = read_page(page(head='<link rel="canonical" href="javascript:alert(1)">'
                                '<meta property="og:url" content="javascript:alert(2)">').encode())
    assert found.url == ""


def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


def test_cli_load_on_a_folder_of_pages(tmp_path):
    corpus_dir = tmp_path / "pages"
    write(corpus_dir, "a.html", page(head=full_head("2024-03-04")))
    write(corpus_dir, "b.htm", SECTION_FRONT)
    done = _cli("load", str(corpus_dir), "--format", "json", "--no-cache")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["article"], r["title"], r["outlet"], r["published"], r["author"], r["url"]) for r in rows] == [
        ("a.html", "Harbour wall fails in storm", "The Avon Herald", "2024-03-04", "Jane Doe",
         "https://avon.example/1")]
    assert f"skipped b.htm: {NO_ARTICLE_TEXT}" in done.stderr


def test_a_corpus_of_text_never_imports_the_page_readers(tmp_path):
    write(tmp_path, "a.txt", "Storm story\n\nThe storm flooded the harbour on Monday night, officials said.\n")
    code = ("import sys; from analysis.corpus import load_corpus; load_corpus(sys.argv[1]); "
            "print(sorted(m for m in ('trafilatura', 'htmldate', 'readability', 'lxml') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_uploads_of_pages_loose_and_zipped(tmp_path):
    import io
    import zipfile

    from analysis.corpus.uploads import unpack_files

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("saved/one.html", page(head=_site("Avon Daily", "https://avon.example/1")
                                                + '<meta property="article:published_time" content="2024-03-04">',
                                                body=BODY.replace("twelve", "three")))
        archive.writestr("two.htm", page(head=_site(None, "https://www.avon.example/2"), body=BODY.replace("twelve", "four")))
        archive.writestr("notes.pdf", b"%PDF-1.4")
    loose = ("three.HTML", page(head=_site("Coast Weekly", "https://coast.example/3"), body=BODY.replace("twelve", "six")).encode())
    report = unpack_files([("pages.zip", buffer.getvalue()), loose], tmp_path)
    assert sorted(report.written) == ["pages/two.htm", "saved/one.html", "three.HTML"]
    assert report.refused == (("pages.zip:notes.pdf", "not an article file (.txt, .html, .htm, .mhtml, .mht, .webarchive)"),)
    corpus = load_corpus(tmp_path)
    assert {a.path: (a.outlet, a.published) for a in corpus.articles} == {
        "saved/one.html": ("Avon Daily", "2024-03-04"), "pages/two.htm": ("Avon Daily", ""),
        "three.HTML": ("Coast Weekly", "")}


def test_the_headline_is_the_h1_the_page_titles_repeat_not_a_logo():
    logo = '<header><h1>Avon</h1></header>'
    found = read_page(page(title="Harbour wall fails in storm | The Avon Herald", headline="Harbour wall fails in storm",
                           before=logo).encode())
    assert found.title == "Harbour wall fails in storm"


def test_the_author_as_the_page_spells_it():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", '
            '"name": "Perry Bacon Jr."}]}</script><meta name="author" content="Perry Bacon Jr.">')
    assert read_page(page(head=head).encode()).author == "Perry Bacon Jr."


def test_many_pages_are_read_across_the_cores_with_the_same_result(tmp_path, monkeypatch):
    from analysis.corpus import parallel

    numbers = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "thirteen",
               "fourteen", "fifteen"]
    for number in numbers:
        write(tmp_path, f"{number}.html", page(head=full_head("2024-03-04"), body=BODY.replace("twelve", number)))
    write(tmp_path, "front.html", SECTION_FRONT)
    assert len(numbers) >= parallel.POOL_MIN_PAGES
    pooled = load_corpus(tmp_path)
    monkeypatch.setattr(parallel, "POOL_MIN_PAGES", 10**6)
    assert load_corpus(tmp_path) == pooled
    assert len(pooled.articles) == len(numbers) and pooled.skipped[0].reason == NO_ARTICLE_TEXT


@pytest.mark.parametrize("head, expected", [
    # the publisher beside the journalist in JSON-LD: an outlet is no person
    ('<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"@type": "Organization", '
     '"name": "The Avon Herald"}, "author": [{"@type": "Organization", "name": "The Avon Herald"}, '
     '{"@type": "Person", "name": "Jane Doe"}]}</script>', "Jane Doe"),
    # an @graph article with two people, given as a list
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", '
     '"name": "The Avon Herald"}, {"@type": "Article", "author": [{"@type": "Person", "name": "Jane Doe"}, '
     '{"@type": "Person", "name": "John Roe"}]}]}</script>', "Jane Doe; John Roe"),
    # a wire credit as the only author is kept: it is who wrote the piece
    ('<meta property="og:site_name" content="The Avon Herald"><script type="application/ld+json">{"@type": '
     '"NewsArticle", "author": {"@type": "Organization", "name": "Avon Press Agency"}}</script>', "Avon Press Agency"),
    # the byline word in front of the name
    ('<meta name="author" content="By Jane Doe">', "Jane Doe"),
])
def test_the_author_is_the_people_not_the_outlet(head, expected):
    assert read_page(page(head=head).encode()).author == expected


@pytest.mark.parametrize("title, headline, head, expected", [
    # the logo is an <h1> too, and the title's suffix is the site's name
    ("Harbour wall fails in storm | The Avon Herald", "Harbour wall fails in storm",
     '<meta property="og:site_name" content="The Avon Herald">', "Harbour wall fails in storm"),
    # no <h1> to go by: the page title loses its site-name suffix
    ("Harbour wall fails in storm - The Avon Herald", "", '<meta property="og:site_name" content="The Avon Herald">',
     "Harbour wall fails in storm"),
    # a suffix that is not the site's name stays
    ("Storm: harbour wall fails - live", "", '<meta property="og:site_name" content="The Avon Herald">',
     "Storm: harbour wall fails - live"),
])
def test_the_headline_is_not_the_site_name(title, headline, head, expected):
    logo = '<header><h1>The Avon Herald</h1></header>'
    html = page(head=head, title=title, headline=headline, before=logo).replace("<h1></h1>", "")
    assert read_page(html.encode()).title == expected


def test_a_headline_is_never_taken_for_the_site_name():
    found = read_page(page(title="Harbour wall fails in storm", head='<link rel="canonical" href="https://avon.example/1">')
                      .encode())
    assert (found.title, found.site_name, found.outlet) == ("Harbour wall fails in storm", "", "avon.example")


@pytest.mark.parametrize("head, expected", [
    # the site's name in <meta name="author">, the journalist in Parse.ly's and cXense's tags
    ('<meta property="og:site_name" content="The Avon Herald"><meta name="author" content="The Avon Herald">'
     '<meta name="parsely-author" content="Jane Doe">', "Jane Doe"),
    # a company by its legal form beside the people
    ('<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"name": "Avon Verlag GmbH"}, '
     '{"name": "Jane Doe"}, {"name": "John Roe"}]}</script>', "Jane Doe; John Roe"),
    # a degree is part of no one's name; article:author as an address is no name
    ('<meta property="article:author" content="https://avon.example/staff/jane"><script type="application/ld+json">'
     '{"@type": "NewsArticle", "author": "Jane Doe, PhD"}</script>', "Jane Doe"),
])
def test_the_author_from_news_markup(head, expected):
    assert read_page(page(head=head).encode()).author == expected


ORGANISATION_AUTHOR = ('<meta property="og:site_name" content="The Avon Herald"><script type="application/ld+json">'
                       '{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "The Avon Herald"}}'
                       '</script>')


@pytest.mark.parametrize("head, byline, expected", [
    # no author in the markup: the byline printed under the headline, name and "By" in separate elements
    ("", '<div class="byline"><span>By</span><span><a href="/staff/jane">Jane Doe</a></span></div>', "Jane Doe"),
    # the markup names only the outlet: the printed person wins
    (ORGANISATION_AUTHOR, "<p><em>Von Jane Doe</em></p>", "Jane Doe"),
    # two people, a date after a separator
    ("", "<p class='meta'>By Jane Doe and John Roe | 4 March 2024</p>", "Jane Doe; John Roe"),
    # a label, and a lead-in before the byline word
    ("", "<div>Autorin: Ana Ruiz</div>", "Ana Ruiz"),
    ("", "<div>Posted on March 4, 2024 by J.R. Stone</div>", "J.R. Stone"),
    # a user handle in the markup stands for the printed name
    ('<meta name="author" content="jane.doe">', "<p>By Jane Doe</p>", "Jane Doe"),
    # a German noun after "von" is no name; a person named in the markup is kept over any printed line
    ("", "<p>von Sozialabgaben</p>", ""),
    # an embedded post's credit and a section's name are no bylines
    ("", "<blockquote><a>Ein Beitrag geteilt von Jane Doe (@janedoe)</a></blockquote>", ""),
    ("", "<h4>Das ist ein Artikel vom Top-Thema:</h4>", ""),
    ('<meta name="author" content="John Roe">', "<p>By Jane Doe</p>", "John Roe"),
    # a desk signs with the initials of the person named beside them
    ('<meta name="author" content="Jane Doe, JD">', "", "Jane Doe"),
    # a printed name ends at a line break, and at a full stop
    ("", "<p>Von <a>Jane Doe</a> und <a>John Roe</a><br> Kakuma</p>", "Jane Doe; John Roe"),
    ("", "<p>Von Jane Doe. Sie berichtet aus Avon.</p>", "Jane Doe"),
])
def test_the_byline_printed_on_the_page(head, byline, expected):
    html = page(head=head).replace("</h1>", f"</h1>{byline}", 1)
    assert read_page(html.encode()).author == expected


def test_bylines_in_comments_and_sidebars_are_readers_not_the_author():
    comments = ('<section class="comments"><div class="comment">By Mary Major | 5 March</div></section>'
                '<div class="sidebar-right"><p>By Sam Poe</p></div>')
    assert read_page(page(after=comments).encode()).author == ""


@pytest.mark.parametrize("title, headline, head, expected", [
    # a kicker in front of the headline that the page's title leaves out
    ("Harbour wall fails in storm", "Politics | Harbour wall fails in storm", "", "Harbour wall fails in storm"),
    ("Harbour wall fails in storm | Herald", "04.03.2024 - Harbour wall fails in storm", "",
     "Harbour wall fails in storm"),
    # but a headline in two parts is kept whole
    ("Harbour wall fails – what we know | Herald", "Harbour wall fails – what we know", "",
     "Harbour wall fails – what we know"),
    # no site name given: the domain, however the title writes it, is the suffix
    ("Harbour wall fails in storm - avonherald.example", "", '<link rel="canonical" href="https://www.avonherald.example/1">',
     "Harbour wall fails in storm"),
    ("Harbour wall fails in storm | AvonHerald", "", '<link rel="canonical" href="https://avonherald.example/1">',
     "Harbour wall fails in storm"),
    # an <h1> that is the title's last piece is the logo; a short label that no title repeats is a section
    ("Harbour wall fails in storm | Herald", "Herald", "", "Harbour wall fails in storm"),
    ("Harbour wall fails in storm", "News", "", "Harbour wall fails in storm"),
])
def test_the_headline_without_kicker_site_or_section(title, headline, head, expected):
    assert read_page(page(head=head, title=title, headline=headline).encode()).title == expected


def test_a_page_in_a_script_with_its_own_full_stop_is_an_article():
    """Bengali ends sentences with the danda (।), Armenian with ։: such a page is not "no article text"."""
    bengali = ("<p>কুষ্টিয়া জেলার দৌলতপুর উপজেলায় আজ সকালে একটি নতুন সেতুর উদ্বোধন করা হয়েছে। স্থানীয় বাসিন্দারা "
               "জানিয়েছেন যে এই সেতু তাদের যাতায়াত অনেক সহজ করবে।</p><p>জেলা প্রশাসক বলেন, আগামী মাসে আরও দুটি "
               "সেতুর কাজ শুরু হবে এবং বর্ষার আগেই তা শেষ করার পরিকল্পনা রয়েছে।</p>")
    found = read_page(page(title="দৌলতপুরে নতুন সেতুর উদ্বোধন", body=bengali).encode())
    assert "সেতুর উদ্বোধন করা হয়েছে।" in found.text
