"""Named term lists (topics.toml, actors.toml) and the one way we match their terms.

A lexicon maps a name to terms. Matching is case-insensitive and whole-word;
a trailing ``*`` matches any word ending (``sanction*``); a plain term also
matches its plural and possessive forms, straight or curly apostrophe
(``Iran`` matches ``Iran's`` and ``Iran’s``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd
import tomli_w

# name -> terms, as a tuple of pairs so it is hashable (and cacheable).
Lexicon = tuple[tuple[str, tuple[str, ...]], ...]

_ENDINGS = r"(?:e?s)?(?:['’]s?)?"


class LexiconError(Exception):
    """A topics or actors file that is not valid TOML of the expected shape."""


def parse_lexicon(text: str, table: str) -> Lexicon:
    """Read ``[table]`` of a TOML document: each key a name, each value a list of terms."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"not valid TOML: {exc}") from exc
    section = data.get(table)
    if section is None:
        raise LexiconError(f"no [{table}] table")
    if not isinstance(section, dict):
        raise LexiconError(f"[{table}] must be a table of name = [terms]")
    entries = []
    for name, terms in section.items():
        if isinstance(terms, str):
            terms = [terms]
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise LexiconError(f"{name!r}: terms must be a list of strings")
        entries.append((name, terms))
    return make_lexicon(entries)


def make_lexicon(entries: Iterable[tuple[str, Iterable[str]]]) -> Lexicon:
    """Normalise name/term pairs: trimmed, blanks and repeats dropped, order kept."""
    out: dict[str, list[str]] = {}
    for name, terms in entries:
        name = str(name).strip()
        if not name:
            continue
        kept = out.setdefault(name, [])
        for term in terms:
            term = " ".join(str(term).split())
            if term and term.lower() not in {k.lower() for k in kept}:
                kept.append(term)
    return tuple((name, tuple(terms)) for name, terms in out.items())


def dump_lexicon(lexicon: Lexicon, table: str) -> str:
    """The lexicon as a TOML document that :func:`parse_lexicon` reads back."""
    return tomli_w.dumps({table: {name: list(terms) for name, terms in lexicon}})


def lexicon_rows(lexicon: Lexicon, columns: tuple[str, str] = ("name", "terms")) -> pd.DataFrame:
    """The lexicon as an editable table (terms comma-joined); ``lexicon_from_rows`` reads it back."""
    return pd.DataFrame([(name, ", ".join(terms)) for name, terms in lexicon], columns=list(columns))


def lexicon_from_rows(rows: Iterable[tuple[str, str]]) -> Lexicon:
    """Build a lexicon from (name, comma-separated terms) rows, as edited in a table."""
    entries = []
    for name, terms in rows:
        if name is None or (isinstance(name, float)):  # pandas gives NaN for empty cells
            continue
        text = "" if terms is None or isinstance(terms, float) else str(terms)
        entries.append((name, [t for t in text.split(",")]))
    return make_lexicon(entries)


def _term_regex(term: str) -> str:
    words = term.split()
    wildcard = words[-1].endswith("*")
    if wildcard:
        words[-1] = words[-1].rstrip("*")
    body = r"\s+".join(re.escape(w) for w in words if w)
    if not body:
        return ""
    ending = r"\w*" if wildcard else _ENDINGS
    return rf"(?<!\w){body}{ending}(?!\w)"


@lru_cache(maxsize=1024)
def term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One compiled pattern matching any of ``terms``, longest first; None if no terms."""
    parts = [p for p in (_term_regex(t) for t in sorted(terms, key=len, reverse=True)) if p]
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


_WORD_CHAR = re.compile(r"\w")
_PLAIN_END = re.compile(_ENDINGS + r"(?!\w)", re.IGNORECASE)


def term_end_at(words: list[str], text: str, lowered: str, at: int) -> int | None:
    """The end of a match of the plain term ``words`` starting at ``at``, or None.

    The match :func:`find_terms` makes, without compiling a pattern per term,
    for code that tries thousands of terms once each. ``words`` are the
    term's words and ``lowered`` the text, both through :func:`fold_case`
    (exact when :data:`FOLDS_AS_REGEX`).
    """
    if at and _WORD_CHAR.match(text, at - 1):
        return None
    pos = at
    for k, word in enumerate(words):
        if k:
            gap = pos
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos == gap:
                return None
        if not lowered.startswith(word, pos):
            return None
        pos += len(word)
    end = _PLAIN_END.match(text, pos)
    return end.end() if end else None


def _case_classes() -> dict[str, str] | None:
    """Lowercase letters re.IGNORECASE takes as one (ı as i, ſ as s, ς as σ), each to one of them."""
    try:
        from re._casefix import _EXTRA_CASES  # the table re itself compiles IGNORECASE from
    except ImportError:  # pragma: no cover - callers then search with the patterns alone
        return None
    classes = {chr(code): chr(min(code, *others)) for code, others in _EXTRA_CASES.items()}
    return {letter: same for letter, same in classes.items() if letter != same}


_CASE_CLASSES = _case_classes()
_CASE_CLASS_LETTERS = re.compile("[%s]" % "".join(_CASE_CLASSES or "\0"))
# Whether fold_case(a) == fold_case(b) exactly when re.IGNORECASE takes a and b as equal.
FOLDS_AS_REGEX = _CASE_CLASSES is not None


def fold_case(text: str) -> str:
    """``text`` lowercased so that strings equal under re.IGNORECASE fold equal, letter for letter.

    As long as ``text``, so offsets in one are offsets in the other.
    """
    # str.lower turns İ into two characters; the regex engine compares it as i.
    lowered = text.replace("İ", "i").lower()
    return _CASE_CLASS_LETTERS.sub(lambda m: _CASE_CLASSES[m.group()], lowered) if _CASE_CLASSES else lowered


def holds_any_term(terms: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` holds any of ``terms``, as :func:`find_terms` matches them.

    Substring searches where they give the same answer (no pattern compiled):
    the treatment features ask this of every (article, actor) pair's title,
    and compiling one pattern per actor took most of their time on BBC.
    """
    lowered = fold_case(text)
    plain = FOLDS_AS_REGEX and len(lowered) == len(text)
    for term in terms:
        words = fold_case(term).split()
        if not words:
            continue
        if not plain or words[-1].endswith("*"):
            pattern = term_pattern((term,))
            if pattern is not None and pattern.search(text):
                return True
            continue
        at = lowered.find(words[0])
        while at != -1:
            if term_end_at(words, text, lowered, at) is not None:
                return True
            at = lowered.find(words[0], at + 1)
    return False


def find_terms(terms: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """Character spans in ``text`` where any of ``terms`` occurs."""
    pattern = term_pattern(terms)
    return [] if pattern is None else [m.span() for m in pattern.finditer(text)]
