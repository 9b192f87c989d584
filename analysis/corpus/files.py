"""A corpus's files wherever they are: a local folder, or an fsspec URL that every worker can read.

`storylens index` hands workers file names, not text: each worker reads the
files itself, so they must all see the corpus at the same address, a shared
filesystem path or a URL such as ``s3://bucket/corpus`` (fsspec comes with
Dask; ``s3://`` also needs s3fs, ``gs://`` gcsfs).
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis.corpus import (
    ARTICLE_SUFFIXES, METADATA_FILE, CorpusNotFound, Skipped, _too_large, article_files, max_bytes, parse_metadata,
    read_metadata,
)
from analysis.corpus.browser_saves import resource_files
from analysis.corpus.text import UndecodableText, decode


def is_url(root: str | os.PathLike[str]) -> bool:
    return "://" in str(root)


def corpus_address(root: str | os.PathLike[str]) -> str:
    """``root`` as every worker should see it: a URL as given, a local folder made absolute."""
    if is_url(root):
        return str(root).rstrip("/")
    path = Path(root)
    if not path.is_dir():
        raise CorpusNotFound(f"not a folder: {root}")
    return str(path.resolve())


def list_files(root: str) -> tuple[list[tuple[str, str]], list[Skipped]]:
    """(relative path, parsed-cache key) of every article file under ``root``; the ones skipped, and why."""
    if not is_url(root):
        return article_files(Path(root))
    fs, base = _filesystem(root)
    if not fs.isdir(base):
        raise CorpusNotFound(f"not a folder: {root}")
    files: list[tuple[str, str]] = []
    skipped: list[Skipped] = []
    every = {name[len(base):].lstrip("/"): info for name, info in sorted(fs.find(base, detail=True).items())}
    resources = resource_files(every)
    for rel, info in every.items():
        if not rel.lower().endswith(ARTICLE_SUFFIXES) or rel in resources:
            continue
        size = int(info.get("size") or 0)
        if size > max_bytes(rel):
            skipped.append(Skipped(rel, _too_large(size, max_bytes(rel))))
            continue
        # Object stores name a version by time or ETag rather than a modification time.
        version = next((info[k] for k in ("mtime", "LastModified", "updated", "ETag", "etag") if info.get(k)), "")
        files.append((rel, f"{root}/{rel}|{size}|{version}"))
    return files, skipped


def read_file(root: str, rel: str) -> bytes:
    """One file's bytes (in a worker: ``root`` is :func:`corpus_address`'s answer)."""
    if not is_url(root):
        return (Path(root) / rel).read_bytes()
    fs, base = _filesystem(root)
    with fs.open(f"{base}/{rel}", "rb") as handle:
        return handle.read()


def corpus_metadata(root: str, warnings: list[str]) -> dict[str, dict[str, str]]:
    """The corpus's metadata.csv as :func:`analysis.corpus.parse_metadata` reads it; {} when absent."""
    if not is_url(root):
        return read_metadata(Path(root) / METADATA_FILE, warnings)
    fs, base = _filesystem(root)
    if not fs.isfile(f"{base}/{METADATA_FILE}"):
        return {}
    try:
        return parse_metadata(decode(read_file(root, METADATA_FILE)), warnings)
    except (OSError, UndecodableText) as exc:
        warnings.append(f"{METADATA_FILE} could not be read ({exc}); ignored")
        return {}


def _filesystem(root: str):
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:  # pragma: no cover - fsspec comes with the cluster extra
        raise CorpusNotFound(f"{root} is a URL, and reading one needs fsspec: pip install 'storylens[cluster]'") from exc
    try:
        fs, base = url_to_fs(root)
    except (ImportError, ValueError) as exc:  # an unknown protocol, or its package (s3fs, gcsfs) missing
        raise CorpusNotFound(f"cannot read {root}: {exc}") from exc
    return fs, base.rstrip("/")
