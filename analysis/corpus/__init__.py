"""Articles and corpora: a folder of files in, clean articles with sentences out.

A corpus is a folder. Every ``*.txt`` and every saved page (``*.html``,
``*.htm``, single-file ``*.mhtml``/``*.mht``/``*.webarchive``) below it is an article, but for
the documents of a page's frames a complete save puts beside it; an optional ``metadata.csv`` adds titles,
outlets, dates, authors and URLs; optional ``topics.toml``
and ``actors.toml`` carry that corpus's lexicons. Unreadable files are skipped
with a reason, never fatal.

Here: the loader. Beside it: :mod:`~analysis.corpus.model` (Article, Corpus, Skipped, re-exported here),
:mod:`~analysis.corpus.tables` (the corpus as tables, and grouping by outlet),
:mod:`~analysis.corpus.text` (bytes to clean text and sentences),
:mod:`~analysis.corpus.pages` (a saved page's article and metadata),
:mod:`~analysis.corpus.browser_saves` (single-file saves, complete saves' resource folders),
:mod:`~analysis.corpus.metadata` (what ``metadata.csv`` says, winning over the files),
:mod:`~analysis.corpus.furniture` (crawl furniture and why it goes) and
:mod:`~analysis.corpus.uploads` (what a visitor uploads, within caps).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from analysis.corpus import furniture
from analysis.engine.cache import ResultCache
from analysis.engine.versions import task_key
from analysis.corpus.browser_saves import (ARCHIVE_SUFFIXES, MAX_ARCHIVE_BYTES, NotAnArchive, resource_files,
                                           unpack_archive)
from analysis.corpus.furniture import Removal
from analysis.corpus.model import Article, Corpus, CorpusNotFound, Skipped
from analysis.corpus.metadata import METADATA_FILE, parse_metadata, read_metadata, with_metadata
from analysis.corpus.pages import PAGE_SUFFIXES, NoArticleText, read_page, unified_outlets
from analysis.corpus.text import (
    HEADLINE, Sentence, UndecodableText, clean, decode, detect_language, looks_like_headline, split_sentences,
)

__all__ = [
    "Article", "Corpus", "Skipped", "Sentence", "Removal", "CorpusNotFound", "MAX_FILE_BYTES",
    "load_corpus", "article_from_bytes", "fingerprint",
    "article_files", "parse_file", "drop_lines", "PARSED_TASK", "parsed_to_json", "parsed_from_json",
    "read_metadata", "parse_metadata", "with_metadata",
]

# One news article is a few tens of kB; 5 MB is a book, or not an article.
MAX_FILE_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", *PAGE_SUFFIXES)
TOPICS_FILE = "topics.toml"
ACTORS_FILE = "actors.toml"


def max_bytes(path: str) -> int:
    """The largest file read as ``path``: a single-file save carries the page's images beside its HTML."""
    return MAX_ARCHIVE_BYTES if path.lower().endswith(ARCHIVE_SUFFIXES) else MAX_FILE_BYTES


def _too_large(size: int, limit: int = MAX_FILE_BYTES) -> str:
    return f"too large ({size / 1e6:.1f} MB, limit {limit / 1e6:.0f} MB)"


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_from_bytes(path: str, data: bytes, meta: dict[str, str] | None = None) -> Article:
    """Build an article from a file's bytes; raises UndecodableText or ValueError when unusable."""
    if len(data) > max_bytes(path):
        raise ValueError(_too_large(len(data), max_bytes(path)))
    if not data.strip():
        raise ValueError("empty file")
    if path.lower().endswith(PAGE_SUFFIXES):
        return with_metadata(_article_from_page(path, data), meta)
    cleaned = clean(decode(data))
    if not cleaned.text.strip():
        raise ValueError("no text after removing blank and junk lines")
    article = Article(
        id=content_id(cleaned.text),
        path=path,
        title=cleaned.headline or _title_from_path(path),
        outlet=cleaned.byline,
        published="",
        url="",
        text=cleaned.text,
        sentences=split_sentences(cleaned.text, headline=bool(cleaned.headline)),
        language=detect_language(cleaned.text),
        dateline=cleaned.dateline,
        removed=cleaned.removed,
    )
    return with_metadata(article, meta)


def _article_from_page(path: str, data: bytes) -> Article:
    """A saved page's article: its main text cleaned like any text, its metadata from the markup."""
    address = ""
    if path.lower().endswith(ARCHIVE_SUFFIXES):
        try:
            data, address = unpack_archive(data)
        except NotAnArchive:
            pass  # a page saved under an archive's name: read as the HTML it is
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(f"the page in the archive is {_too_large(len(data))}")
    page = read_page(data, address)
    cleaned = clean(page.text)
    if not cleaned.text.strip():
        raise NoArticleText()
    headline = bool(cleaned.headline)
    return Article(
        id=content_id(cleaned.text),
        path=path,
        title=page.title or cleaned.headline or _title_from_path(path),
        outlet=page.outlet or cleaned.byline,
        published=page.published,
        url=page.url,
        text=cleaned.text,
        sentences=split_sentences(cleaned.text, headline=headline),
        language=detect_language(cleaned.text),
        dateline=cleaned.dateline,
        removed=cleaned.removed,
        author=page.author,
    )


# Parsed articles are cached by file identity: what "storylens index" and a
# warm app start would otherwise spend most of their time redoing.
PARSED_TASK = task_key("analysis.corpus.parsed")


def parsed_to_json(article: Article) -> dict:
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet, "text": article.text,
        "language": article.language, "spans": [[s.start, s.end, s.kind] for s in article.sentences],
        "dateline": article.dateline, "removed": [[r.text, r.reason] for r in article.removed],
        "published": article.published, "author": article.author, "url": article.url,
    }


def parsed_from_json(path: str, data: dict) -> Article:
    text = data["text"]
    sentences = tuple(Sentence(i, text[a:b], a, b, kind) for i, (a, b, kind) in enumerate(data["spans"]))
    removed = tuple(Removal(t, reason) for t, reason in data["removed"])
    return Article(data["id"], path, data["title"], data["outlet"], data["published"], data["url"], text,
                   sentences, data["language"], data["dateline"], removed, data["author"])


def without_repeated_lines(articles: list[Article]) -> list[Article]:
    """The articles with paragraphs that recur across many articles of their group taken out.

    Such lines are a site's furniture ("Related Coverage", a section name):
    see :func:`analysis.corpus.furniture.repeated_lines`. An article that changes gets
    a new id, as its text is new.
    """
    repeated = furniture.repeated_lines([a.text.split("\n\n") for a in articles], [a.group for a in articles])
    return [drop_lines(a, repeated) for a in articles] if repeated else articles


def drop_lines(article: Article, repeated: set[str] | frozenset[str]) -> Article:
    """The article without its paragraphs found in ``repeated`` (unchanged when none, or all, are)."""
    blocks = article.text.split("\n\n")
    dropped = [b for b in blocks if b in repeated]
    kept = [b for b in blocks if b not in repeated]
    if not dropped or not kept:
        return article
    text = "\n\n".join(kept)
    had_headline = bool(article.sentences) and article.sentences[0].kind == HEADLINE
    title = article.title
    if blocks[0] in repeated:
        # The site's line stood above the headline ("World News"): the headline is the next line.
        headline = looks_like_headline(kept[0])
        if title == blocks[0]:
            title = kept[0] if headline else _title_from_path(article.path)
    else:
        headline = had_headline
    return replace(
        article, id=content_id(text), text=text, title=title, sentences=split_sentences(text, headline=headline),
        removed=article.removed + tuple(Removal(b, furniture.REPEATED) for b in dropped))


def with_unified_outlets(articles: list[Article]) -> list[Article]:
    """One name per site across the corpus (see :func:`analysis.corpus.pages.unified_outlets`)."""
    outlets = unified_outlets((a.outlet, a.url) for a in articles)
    return [a if a.outlet == o else replace(a, outlet=o) for a, o in zip(articles, outlets)]


def _title_from_path(path: str) -> str:
    return PurePosixPath(path).stem.replace("_", " ").strip() or path


def fingerprint(root: str | os.PathLike[str]) -> tuple[tuple[str, int, int], ...]:
    """(relative path, size, mtime in ns) of every file that makes up the corpus.

    Cheap to compute (no reads), and it changes whenever a file is added,
    removed or edited, so a cache keyed on it never serves stale articles.
    """
    base = Path(root)
    entries = []
    for path in _walk(base):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((path.relative_to(base).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


def _walk(base: Path):
    """Every regular file or link below ``base`` (links to folders are not descended)."""
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(filenames):
            yield here / name
        for name in dirnames:
            if (here / name).is_symlink():
                yield here / name


def load_corpus(root: str | os.PathLike[str], *, cache: ResultCache | None = None) -> Corpus:
    """Read every ``*.txt`` and saved page below ``root`` into a Corpus; never fails on a bad file.

    With a ``cache``, files whose path, size and modification time are
    unchanged are not parsed again.
    """
    base = Path(root)
    if not base.is_dir():
        raise CorpusNotFound(f"not a folder: {root}")
    warnings: list[str] = []
    metadata = read_metadata(base / METADATA_FILE, warnings)
    candidates, skipped = article_files(base)
    parsed = cache.get_many(PARSED_TASK, "", [key for _, key in candidates]) if cache else {}
    todo = [rel for rel, key in candidates if key not in parsed]
    read: dict[str, Article | Skipped] = {}
    if todo:
        from analysis.corpus.parallel import read_files  # the pool's machinery, only when files need reading

        read = dict(zip(todo, read_files(base, todo)))
    fresh: dict[str, dict] = {}
    loaded: list[Article] = []
    for rel, key in candidates:
        if key in parsed:
            article = with_metadata(parsed_from_json(rel, parsed[key]), metadata.pop(rel, None))
        else:
            article = read[rel]
            if isinstance(article, Skipped):
                skipped.append(article)
                continue
            fresh[key] = parsed_to_json(article)
            article = with_metadata(article, metadata.pop(rel, None))
        loaded.append(article)
    if cache and fresh:
        cache.put_many(PARSED_TASK, "", fresh)
    loaded = with_unified_outlets(loaded)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    duplicates: list[tuple[str, str]] = []
    for article in without_repeated_lines(loaded):
        if article.id in seen:
            skipped.append(Skipped(article.path, f"same text as {seen[article.id]}"))
            duplicates.append((article.path, seen[article.id]))
            continue
        seen[article.id] = article.path
        articles.append(article)
    skipped.sort(key=lambda s: s.path)
    for missing in sorted(metadata):
        warnings.append(f"{METADATA_FILE} names {missing!r}, which is not an article of this corpus")
    return Corpus(
        root=str(base),
        articles=tuple(articles),
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        topics_toml=_read_optional(base / TOPICS_FILE, warnings),
        actors_toml=_read_optional(base / ACTORS_FILE, warnings),
        duplicates=tuple(duplicates),
    )


def article_files(base: Path) -> tuple[list[tuple[str, str]], list[Skipped]]:
    """(relative path, parsed-cache key) of every article file below ``base`` that may be read; the rest, skipped.

    The key is the file's identity (resolved path, size, modification time):
    it changes whenever the file does. The documents in a complete save's
    resource folder are parts of its page, neither read nor listed as skipped.
    """
    resolved_base = base.resolve()
    files: list[tuple[str, str]] = []
    skipped: list[Skipped] = []
    every = {path.relative_to(base).as_posix(): path for path in _walk(base)}
    resources = resource_files(every)
    for rel, path in every.items():
        if path.suffix.lower() not in ARTICLE_SUFFIXES or rel in resources:
            continue
        reason = _outside_reason(path, resolved_base)
        if reason:
            skipped.append(Skipped(rel, reason))
            continue
        try:
            stat = path.stat()
        except OSError as exc:
            skipped.append(Skipped(rel, f"unreadable ({exc.strerror or exc})"))
            continue
        if stat.st_size > max_bytes(rel):  # not even read: it could be gigabytes
            skipped.append(Skipped(rel, _too_large(stat.st_size, max_bytes(rel))))
            continue
        files.append((rel, f"{resolved_base}/{rel}|{stat.st_size}|{stat.st_mtime_ns}"))
    return files, skipped


def parse_file(rel: str, read: Callable[[], bytes], meta: dict[str, str] | None = None) -> Article | Skipped:
    """The article in one file (``read`` gives its bytes), or why it is skipped."""
    try:
        return article_from_bytes(rel, read(), meta)
    except OSError as exc:
        return Skipped(rel, f"unreadable ({exc.strerror or exc})")
    except (UndecodableText, ValueError) as exc:
        return Skipped(rel, str(exc))
    except Exception as exc:  # noqa: BLE001  a page no extractor expected: skipped with its reason, never fatal
        if not rel.lower().endswith(PAGE_SUFFIXES):
            raise
        return Skipped(rel, f"unreadable page ({type(exc).__name__}: {exc})")


def _outside_reason(path: Path, resolved_base: Path) -> str:
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(resolved_base):
            return "link to a file outside the corpus folder"
        if target.is_dir():
            return "link to a folder (not followed)"
    if not path.is_file():
        return "not a regular file"
    return ""


def _read_optional(path: Path, warnings: list[str]) -> str | None:
    if not path.is_file():
        return None
    try:
        return decode(path.read_bytes())
    except (OSError, UndecodableText) as exc:
        warnings.append(f"{path.name} could not be read ({exc}); using defaults")
        return None
