"""How bench/pages_bench.py scores what a reader gives for a page against a gold set's value.

Titles and outlets are compared after Unicode normalisation (NFKC), case
folded and spaces made single (:func:`same`); authors as lists of people,
however each side joins them (:func:`same_people`); a day by the UTC day of
what we store, and also by the instant falling on the gold day in some time
zone (:func:`right_day`). A gold set may compare a field its own way
(:class:`EvalSet`'s ``compare``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple


class EvalSet(NamedTuple):
    """A folder of pages with their gold values, field by field, and how a field is compared where not by :func:`same`."""

    folder: Path
    gold: dict[str, dict[str, object]]  # page file name -> {field: gold value}; an empty value is not scored
    compare: dict[str, Callable[[str, object], bool]] = {}
    scopes: dict[str, tuple[str, ...]] = {}  # page file name -> further scopes it is counted in ("@unseen")


def gold_day(value) -> str:
    """The gold publication day, "" where the gold gives none: eval_mediacloud_2020.json writes "nan" for
    five pages, which carry no day to find (counting them made every reader wrong on them)."""
    value = str(value or "")
    return value if re.match(r"\d{4}-\d{2}", value) else ""


# A byline word in front of a gold author ("Von Jane Doe und John Roe"): the printed byline copied whole.
_GOLD_BYLINE_WORD = re.compile(r"^(?i:by|von|par|por)\s+(?=[A-ZÀ-ÖØ-Þ])")


def gold_author(value) -> str:
    """The gold author, "; " between the people of a list, without a byline word in front: the gold copies
    "Von Jane Doe und John Roe" whole at times, and "Von" is nobody's name."""
    value = "; ".join(value) if isinstance(value, list) else str(value or "")
    return _GOLD_BYLINE_WORD.sub("", value.strip())


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(s or "")).casefold().split())


def same(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


# How an author field lists several people: the gold writes "X und Y", "X, Y", "X/Y", "X; Y" and lists, we
# write "X; Y". A degree after a comma ("Jane Doe, PhD") is no person of its own.
_PEOPLE_JOIN = re.compile(r"\s*(?:[;,/&]|\b(?:and|und|et|y)\b)\s*", re.IGNORECASE)
_DEGREE = re.compile(r"(?:ph\.?d\.?|m\.?d\.?|msc|ms|ma|mba|rd|rn|dphil)", re.IGNORECASE)


def people(value: str) -> list[str]:
    """An author field as the list of people it names, in order, each normalised as :func:`same` does."""
    return [p for p in (_norm(piece) for piece in _PEOPLE_JOIN.split(str(value or ""))) if p and not _DEGREE.fullmatch(p)]


def same_people(a: str, b: str) -> bool:
    """One list of people, however each side joins the names (the same rule applied to both)."""
    return people(a) == people(b)


def declares_article(data: bytes) -> bool:
    """Whether a page says it is an article (og:type article, or a JSON-LD *Article): news pages, not shops."""
    from trafilatura import load_html

    from analysis.corpus.page_markup import is_article
    from analysis.corpus.page_meta import json_ld_items
    from analysis.corpus.pages import decode_page

    tree = load_html(decode_page(data))
    if tree is None:
        return False
    if any(v.strip().lower() == "article" for v in tree.xpath('//meta[@property="og:type"]/@content')):
        return True
    return any(is_article(item) and item.get("@type") != "WebPage" for item in json_ld_items(tree))


def right_day(published: str, gold: str) -> tuple[bool, bool]:
    """(the day as the page wrote it is the gold day, the instant falls on the gold day in some time zone)."""
    from datetime import date, timedelta

    from analysis.corpus.dates import published_day, published_utc

    day = published_day(published)
    try:
        wanted = date.fromisoformat(str(gold)[:10])
    except ValueError:
        return False, False
    if day == wanted or "T" not in published:
        return day == wanted, day == wanted
    moment = published_utc(published).replace(tzinfo=None)
    start = datetime_at(wanted)
    return False, start - timedelta(hours=14) <= moment < start + timedelta(hours=36)


def datetime_at(day):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


def metadata_scores(sets: list[EvalSet]) -> dict[str, tuple[int, int]]:
    """(right, pages carrying the field) per field, for our loader, trafilatura's bare_extraction and htmldate.

    A page our loader skips (no article text) counts as wrong for us; the
    "@read" scope leaves those pages out (for every reader), and "skipped"
    counts them. Fields ending in "@articles" count only the pages that
    declare themselves articles; "day~" counts an instant on the gold day in
    the page's own time zone (an instant the page wrote in UTC, 04:30Z for
    23:30 at UTC-5, is of the next day). Authors are compared as lists of people (:func:`same_people`).
    htmldate is ``find_date`` asked for the original date with its extensive
    search, on the day only. A field written "outlet (other half)" or
    "outlet~" is a reader's "outlet" scored apart.
    """
    from htmldate import find_date
    from trafilatura import bare_extraction

    from analysis.corpus import load_corpus

    scores: dict[str, list[int]] = {}
    for folder, gold, compare, more_scopes in sets:
        compare = {"author": same_people, **compare}
        corpus = load_corpus(folder)
        found = {a.path: a for a in corpus.articles}
        copies = dict(corpus.duplicates)  # a page with the same text as another: read as that one
        for name, fields in gold.items():
            data = (folder / name).read_bytes()
            article = found.get(name) or found.get(copies.get(name, ""))
            theirs = bare_extraction(data, with_metadata=True)
            nothing = dict.fromkeys(("title", "author", "outlet", "day"), "")
            mine = {"title": article.title, "author": article.author, "outlet": article.outlet,
                    "day": article.published[:10]} if article else nothing
            other = {"title": theirs.title or "", "author": theirs.author or "", "outlet": theirs.sitename or "",
                     "day": theirs.date or ""} if theirs else nothing
            readers = [("ours", mine), ("trafilatura", other)]
            if fields.get("day"):
                readers.append(("htmldate", {"day": find_date(data, original_date=True, extensive_search=True) or ""}))
            scopes = ("", "@articles") if declares_article(data) else ("",)
            scopes += ("@read",) if article else ()
            scopes += more_scopes.get(name, ())
            tally(scores, "skipped", "", "ours", article is None)
            for field, value in fields.items():
                if not value:
                    continue
                key = field.split(" (")[0].rstrip("~")
                for who, got in readers:
                    if key not in got:
                        continue
                    hits = {field: compare.get(field.split(" (")[0], same)(got[key], value)}
                    if field == "day":
                        hits["day~"] = right_day(article.published, value)[1] if article and who == "ours" \
                            else hits["day"]
                    for name_, hit in hits.items():
                        for scope in scopes:
                            tally(scores, name_, scope, who, hit)
    return {k: (v[0], v[1]) for k, v in scores.items()}


def tally(scores: dict[str, list[int]], field: str, scope: str, who: str, hit: bool) -> None:
    counts = scores.setdefault(f"{field}{scope}/{who}", [0, 0])
    counts[0] += hit
    counts[1] += 1


