"""Turning uploaded files into a corpus folder, with hard limits and no path tricks.

Uploads are untrusted. Whatever arrives is written only below the folder the
caller gives (a per-session temporary folder in the app): names are reduced to
safe relative paths, zip entries that are absolute or climb out with ``..``
are refused, and every size is capped, including what a zip unpacks to.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd

from analysis.corpus import ACTORS_FILE, ARTICLE_SUFFIXES, METADATA_FILE, TOPICS_FILE
from analysis.corpus.browser_saves import resource_files

MB = 1024 * 1024
# A news article is tens of kB; these caps leave room for thousands of them
# while keeping one visitor from filling a small host's disk or memory.
MAX_FILE_MB = 50  # any one uploaded file (.streamlit/config.toml says the same)
MAX_UPLOAD_MB = 200  # all files of one upload together
MAX_UNPACKED_MB = 200  # what one zip may unpack to (zip bombs)
MAX_ZIP_ENTRIES = 5000
SIDE_FILES = (METADATA_FILE, TOPICS_FILE, ACTORS_FILE)
TABLE_SUFFIXES = (".csv", ".jsonl")
_ARTICLE_KINDS = ", ".join(ARTICLE_SUFFIXES)


class UploadRefused(Exception):
    """An upload broke a size or safety rule; nothing of it was kept."""


@dataclass(frozen=True)
class UnpackReport:
    """What an upload added to the folder, and what it refused, with reasons."""

    written: tuple[str, ...]
    refused: tuple[tuple[str, str], ...]


def safe_relative_path(name: str) -> PurePosixPath | None:
    """``name`` as a harmless relative path, or None if it is absolute or climbs out."""
    posix = name.replace("\\", "/")
    path = PurePosixPath(posix)
    if not path.parts or path.is_absolute() or ":" in path.parts[0]:  # "C:/..." too
        return None
    if ".." in path.parts or path.name in (".", ""):
        return None
    return path


def _check_total(sizes: list[int]) -> None:
    for size in sizes:
        if size > MAX_FILE_MB * MB:
            raise UploadRefused(f"a file is {size / MB:.0f} MB; the limit is {MAX_FILE_MB} MB per file")
    if sum(sizes) > MAX_UPLOAD_MB * MB:
        raise UploadRefused(f"the upload is {sum(sizes) / MB:.0f} MB; the limit is {MAX_UPLOAD_MB} MB in all")


def unpack_files(files: list[tuple[str, bytes]], dest: Path) -> UnpackReport:
    """Write uploaded ``.txt`` and saved pages (``.html``, ``.htm`` and single-file saves) and unpack ``.zip`` files
    below ``dest``.

    Tables (``.csv``/``.jsonl``) are not handled here: they need the user to
    pick columns first (see :func:`read_table` and :func:`write_table`).
    """
    _check_total([len(data) for _, data in files])
    written: list[str] = []
    refused: list[tuple[str, str]] = []
    for name, data in files:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base.lower().endswith(".zip"):
            _unpack_zip(base, data, dest, written, refused)
        elif base.lower().endswith(ARTICLE_SUFFIXES) or base in SIDE_FILES:
            _write(dest, PurePosixPath(base), data, written)
        else:
            refused.append((base, f"not an article file ({_ARTICLE_KINDS}), a .zip, .csv or .jsonl"))
    return UnpackReport(tuple(written), tuple(refused))


def _write(dest: Path, rel: PurePosixPath, data: bytes, written: list[str]) -> None:
    target = dest.joinpath(*rel.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    written.append(rel.as_posix())


def _unpack_zip(name: str, data: bytes, dest: Path, written: list[str], refused: list[tuple[str, str]]) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        refused.append((name, "not a readable zip archive"))
        return
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_ENTRIES:
            raise UploadRefused(f"{name} holds {len(infos)} files; the limit is {MAX_ZIP_ENTRIES}")
        # The declared sizes can lie, so the limit is enforced again while reading.
        if sum(i.file_size for i in infos) > MAX_UNPACKED_MB * MB:
            raise UploadRefused(f"{name} unpacks to more than {MAX_UNPACKED_MB} MB")
        budget = MAX_UNPACKED_MB * MB
        prefix = PurePosixPath(name).stem
        # A complete save's images, scripts and frames: parts of the page beside them, neither articles nor refused.
        resources = resource_files(i.filename.replace("\\", "/") for i in infos)
        for info in infos:
            if info.filename.replace("\\", "/") in resources:
                continue
            rel = safe_relative_path(info.filename)
            if rel is None:
                refused.append((f"{name}:{info.filename}", "unsafe path in archive (absolute or '..'); not written"))
                continue
            if rel.parts[0] in ("__MACOSX",) or rel.name.startswith("._"):
                continue  # macOS resource forks, not articles
            if not (rel.suffix.lower() in ARTICLE_SUFFIXES or rel.name in SIDE_FILES):
                refused.append((f"{name}:{info.filename}", f"not an article file ({_ARTICLE_KINDS})"))
                continue
            try:
                with archive.open(info) as handle:
                    content = handle.read(min(budget, MAX_FILE_MB * MB) + 1)
            except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError):
                # A checksum that fails (sizes that lie), truncation, odd compression.
                refused.append((f"{name}:{info.filename}", "damaged or unsupported entry; not written"))
                continue
            if len(content) > MAX_FILE_MB * MB:
                refused.append((f"{name}:{info.filename}", f"over {MAX_FILE_MB} MB unpacked"))
                continue
            budget -= len(content)
            if budget < 0:
                raise UploadRefused(f"{name} unpacks to more than {MAX_UNPACKED_MB} MB")
            # Side files belong to the corpus root; articles keep the zip's folders.
            target = rel if rel.name not in SIDE_FILES else PurePosixPath(rel.name)
            if target.name not in SIDE_FILES and len(target.parts) == 1:
                target = PurePosixPath(prefix, target.name) if prefix else target
            _write(dest, target, content, written)


def read_table(name: str, data: bytes) -> pd.DataFrame:
    """A ``.csv`` or ``.jsonl`` upload as a table of strings (one article per row)."""
    _check_total([len(data)])
    if name.lower().endswith(".jsonl"):
        rows = []
        for number, line in enumerate(data.decode("utf-8-sig", errors="replace").split("\n"), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UploadRefused(f"{name} line {number} is not JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise UploadRefused(f"{name} line {number} is not a JSON object")
            rows.append(row)
        frame = pd.DataFrame(rows, dtype=object)  # keep 2024 as 2024, not 2024.0
    else:
        try:
            frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding_errors="replace")
        except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
            raise UploadRefused(f"{name} is not a readable CSV ({exc})") from exc
    if frame.empty:
        raise UploadRefused(f"{name} has no rows")
    return frame.astype(str).where(frame.notna(), "")


def guess_columns(frame: pd.DataFrame) -> dict[str, str | None]:
    """Sensible column picks for text, title, outlet and date, by name, else by content."""
    lower = {c.lower(): c for c in frame.columns}

    def first(*names: str) -> str | None:
        return next((lower[n] for n in names if n in lower), None)

    text = first("text", "body", "content", "article", "full_text", "story")
    if text is None and len(frame.columns):
        # The column with the longest cells is the likeliest article body.
        text = max(frame.columns, key=lambda c: frame[c].astype(str).str.len().mean())
    return {
        "text": text,
        "title": first("title", "headline", "heading"),
        "outlet": first("outlet", "source", "publisher", "site", "media"),
        "published": first("published", "date", "published_at", "pubdate", "time"),
    }


def write_table(
    frame: pd.DataFrame,
    dest: Path,
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    stem: str = "row",
) -> int:
    """Write one ``.txt`` per row plus ``metadata.csv``; returns how many rows were written."""
    folder = dest / stem
    folder.mkdir(parents=True, exist_ok=True)
    meta_rows = []
    width = len(str(len(frame)))
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        values = dict(zip(frame.columns, row))
        body = str(values.get(text, ""))
        rel = f"{stem}/{stem}_{number:0{width}d}.txt"
        (dest / rel).write_text(body, encoding="utf-8")
        meta_rows.append(
            {
                "file": rel,
                "title": str(values.get(title, "")) if title else "",
                "outlet": str(values.get(outlet, "")) if outlet else "",
                "published": str(values.get(published, "")) if published else "",
            }
        )
    metadata = dest / METADATA_FILE
    existing = pd.read_csv(metadata, dtype=str, keep_default_na=False) if metadata.exists() else None
    table = pd.DataFrame(meta_rows)
    if existing is not None:
        table = pd.concat([existing, table], ignore_index=True)
    table.to_csv(metadata, index=False)
    return len(meta_rows)
