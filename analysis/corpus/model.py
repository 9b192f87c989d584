"""What a corpus is: an Article (clean text, sentences, what we know of it), a Corpus of them, a Skipped file.

The shared currency of every analysis (see DESIGN.md); built by the loader in
:mod:`analysis.corpus`, which re-exports these names.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from analysis.corpus.furniture import Removal
from analysis.corpus.text import Sentence

__all__ = ["Article", "Corpus", "CorpusNotFound", "Skipped"]


class CorpusNotFound(Exception):
    """The corpus folder does not exist or is not a folder."""


@dataclass(frozen=True)
class Article:
    """One article: clean body text, its sentences, and what we know about it."""

    id: str  # content hash of the clean text: same text, same id
    path: str  # relative to the corpus root, POSIX separators
    title: str
    outlet: str
    published: str  # "", a day (YYYY-MM-DD) or an instant with its offset (YYYY-MM-DDTHH:MM:SS+HH:MM): corpus.dates
    url: str
    text: str
    sentences: tuple[Sentence, ...] = field(repr=False)
    language: str = "en"
    dateline: str = ""  # "SEOUL, South Korea (AP) —", taken off the first paragraph
    removed: tuple[Removal, ...] = field(default=(), repr=False)  # crawl furniture taken out, with reasons
    author: str = ""  # byline names, "; "-joined, when the source gives them

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def group(self) -> str:
        """What to group this article by in big corpora: outlet, else its folder or file prefix."""
        if self.outlet:
            return self.outlet
        parent = str(PurePosixPath(self.path).parent)
        if parent != ".":
            return parent
        stem = PurePosixPath(self.path).stem
        return stem.split("_")[0] if "_" in stem else ""


@dataclass(frozen=True)
class Skipped:
    """A file that is not in the corpus, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    """The articles of one corpus, what was skipped, and the corpus's own lexicons."""

    root: str
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()
    topics_toml: str | None = None
    actors_toml: str | None = None
    # (skipped path, path of the article it repeats) for files with the same text as
    # another: skipped from the analyses, still reported as copies.
    duplicates: tuple[tuple[str, str], ...] = ()

    def __len__(self) -> int:
        return len(self.articles)

    @property
    def key(self) -> str:
        """A short key naming exactly these articles: content, and what metadata.csv says of them.

        Titles, outlets and dates shape stories (events) and which copy came
        first; the files set aside as duplicates are reported as copies. Two
        corpora with one key give every analysis the same answers.
        """
        digest = hashlib.sha256()
        for a in self.articles:
            digest.update(f"{a.path}\0{a.id}\0{a.title}\0{a.outlet}\0{a.published}\n".encode())
        digest.update(repr(self.duplicates).encode())
        return digest.hexdigest()[:20]

    def article(self, path: str) -> Article:
        for article in self.articles:
            if article.path == path:
                return article
        raise KeyError(path)

    def subset(self, paths: list[str] | tuple[str, ...]) -> "Corpus":
        """The same corpus restricted to ``paths``, in corpus order."""
        wanted = set(paths)
        return replace(self, articles=tuple(a for a in self.articles if a.path in wanted))
