"""``metadata.csv``: what a corpus folder says of its articles, winning over what the files say.

Columns ``file`` (path relative to the folder) and any of ``title``, ``outlet``,
``published``, ``author``, ``url``; other columns (``fetched`` and ``status``
from ``storylens fetch``) are ignored. Problems become warnings, never errors.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path, PurePosixPath

from analysis.corpus.dates import normalise_published
from analysis.corpus.model import Article
from analysis.corpus.text import UndecodableText, decode

METADATA_FILE = "metadata.csv"
# What metadata.csv may say of an article; it wins over what the file itself gives.
METADATA_FIELDS = ("title", "outlet", "published", "author", "url")


def with_metadata(article: Article, meta: dict[str, str] | None) -> Article:
    """The article with what metadata.csv says about it taking precedence."""
    fields = {k: v for k, v in (meta or {}).items() if k in METADATA_FIELDS and v}
    return replace(article, **fields) if fields else article


def read_metadata(path: Path, warnings: list[str]) -> dict[str, dict[str, str]]:
    """``metadata.csv`` as {relative path: fields}; problems become warnings."""
    if not path.is_file():
        return {}
    try:
        text = decode(path.read_bytes())
    except (OSError, UndecodableText) as exc:
        warnings.append(f"{METADATA_FILE} could not be read ({exc}); ignored")
        return {}
    return parse_metadata(text, warnings)


def parse_metadata(text: str, warnings: list[str]) -> dict[str, dict[str, str]]:
    """Parse metadata CSV text (columns ``file`` and any of title, outlet, published, author, url).

    Other columns (``fetched``, ``status`` from ``storylens fetch``) are ignored.
    """
    rows: dict[str, dict[str, str]] = {}
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
        if "file" not in fields:
            warnings.append(f"{METADATA_FILE} has no 'file' column; ignored")
            return {}
        for line_no, row in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
            name = PurePosixPath(row.get("file", "").replace("\\", "/")).as_posix()
            if not name or name == ".":
                warnings.append(f"{METADATA_FILE} line {line_no}: no file name; row ignored")
                continue
            meta = {k: row[k] for k in ("title", "outlet", "author", "url") if row.get(k)}
            if row.get("published"):
                iso = parse_date(row["published"])
                if iso:
                    meta["published"] = iso
                else:
                    warnings.append(
                        f"{METADATA_FILE} line {line_no}: date {row['published']!r} not understood; left blank"
                    )
            rows[name] = meta
    except csv.Error as exc:
        warnings.append(f"{METADATA_FILE} is malformed ({exc}); rows after the fault are ignored")
    return rows


def parse_date(value: str) -> str:
    """A date as :func:`analysis.corpus.dates.normalise_published` writes it, "" if none fits."""
    return normalise_published(value)
