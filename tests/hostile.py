"""A folder of the files real users bring: odd encodings, junk, and hostile text.

Used by unit, CLI, AppTest and browser tests alike, so they all agree on what
"a bad folder" is and on what must load and what must be skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis.corpus import MAX_FILE_BYTES

ARTICLE = (
    "Officials met in Geneva on Tuesday to discuss the ceasefire. "
    "The talks lasted three hours and ended without agreement. "
    "Both delegations said they would return next week.\n"
)

# Payloads that must show as literal characters and never run. The body names a person, so that the
# Actors page has an actor to show the article under (the folder's other names are places).
XSS_TITLE = "<script>window.__xss=1;alert('xss')</script> Talks <img src=x onerror=\"window.__xss=2\">"
XSS_BODY = (
    "<svg onload=\"window.__xss=3\"></svg> A [link](javascript:window.__xss=4) in the text. "
    "Prices rose $5 to $10 overnight. :red[Alarm] said Minister Anna Keller. **bold** <b>tag</b>.\n"
)

# A file name (named in metadata.csv, absent) that Markdown would turn into a link and red text.
MARKDOWN_NAME = "[x](javascript:window.__xss=5) :red[y] $z$.txt"

# What must load, by relative path, and what must be skipped (path -> reason fragment).
LOADED = [
    "utf8.txt",
    "utf8_bom.txt",
    "utf16.txt",
    "cp1252.txt",
    "crlf.txt",
    "name with spaces ü.txt",
    "nested/deeper/inner.txt",
    "one_line.txt",
    "german.txt",
    "hostile.txt",
]
SKIPPED = {
    "empty.txt": "empty",
    "blank.txt": "empty",
    "binary.txt": "binary",
    "huge.txt": "too large",
    "link_out.txt": "outside",
}


def write_hostile_corpus(root: Path, outside: Path) -> Path:
    """Fill ``root`` with the files above; ``outside`` is a folder beside it for the link target."""
    root.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    (root / "utf8.txt").write_text("Ceasefire talks in Geneva\n\n" + ARTICLE, encoding="utf-8")
    (root / "utf8_bom.txt").write_bytes(b"\xef\xbb\xbf" + ("Geneva talks resume\n\n" + ARTICLE).encode("utf-8"))
    (root / "utf16.txt").write_bytes(("Talks in Zürich\n\n" + ARTICLE).encode("utf-16"))
    (root / "cp1252.txt").write_bytes(("Café diplomacy “works”\n\n" + ARTICLE).encode("cp1252"))
    (root / "crlf.txt").write_bytes(("Windows line endings\r\n\r\n" + ARTICLE).replace("\n", "\r\n").encode())
    (root / "name with spaces ü.txt").write_text("Spaces in names\n\n" + ARTICLE, encoding="utf-8")
    nested = root / "nested" / "deeper"
    nested.mkdir(parents=True, exist_ok=True)
    (nested / "inner.txt").write_text("A nested article\n\n" + ARTICLE, encoding="utf-8")
    (root / "one_line.txt").write_text(("The delegates argued about the wording again. " * 4000).strip(),
                                       encoding="utf-8")
    (root / "german.txt").write_text(
        "Gespräche in Genf\n\nDie Delegationen trafen sich am Dienstag in Genf, um über die Waffenruhe zu "
        "sprechen. Die Gespräche dauerten drei Stunden und endeten ohne Einigung.\n",
        encoding="utf-8",
    )
    (root / "hostile.txt").write_text(XSS_TITLE + "\n\n" + XSS_BODY + ARTICLE, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("   \n\t\n  \n", encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "huge.txt").write_bytes(b"word " * (MAX_FILE_BYTES // 5 + 10))
    target = outside / "secret.txt"
    target.write_text("This file lives outside the corpus and must never be read.\n", encoding="utf-8")
    link = root / "link_out.txt"
    if not link.exists():
        os.symlink(target, link)
    # Broken metadata: a missing file, a bad date, and an unclosed quote at the end.
    (root / "metadata.csv").write_text(
        "file,title,outlet,published\n"
        "utf8.txt,Geneva ceasefire talks,Wire One,2024-03-05\n"
        "missing.txt,Not here,Nobody,2024-01-01\n"
        "crlf.txt,Line endings,Wire Two,not a date\n"
        f"{MARKDOWN_NAME},Markdown in a file name,Wire Four,2024-01-03\n"
        'cp1252.txt,"Unclosed quote,Wire Three,2024-01-02\n',
        encoding="utf-8",
    )
    return root
