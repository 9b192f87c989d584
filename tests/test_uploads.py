"""Uploads: files land only under the destination, every cap holds, tables become corpora."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import uploads
from analysis.corpus import load_corpus
from analysis.corpus.uploads import (
    UploadRefused,
    guess_columns,
    read_table,
    safe_relative_path,
    unpack_files,
    write_table,
)

BODY = b"The envoys met in Geneva on Tuesday. The talks lasted three hours.\n"


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    """An upload folder with a sibling folder that must stay empty."""
    (tmp_path / "outside").mkdir()
    folder = tmp_path / "upload"
    folder.mkdir()
    return folder


@pytest.fixture
def small_caps(monkeypatch):
    """Every "MB" cap becomes a kB cap, so limit tests stay small and fast."""
    monkeypatch.setattr(uploads, "MB", 1024)


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as archive:
        for name, data in entries.items():
            # writestr stores the name as given ("../x", "/x"), which is what an attacker's tool does.
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            archive.writestr(info, data)
    return buf.getvalue()


def _files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _everything_written(dest: Path) -> list[str]:
    """All files below the test's tmp folder: proves nothing escaped ``dest``."""
    return _files_under(dest.parent)


# --- plain files and zips ------------------------------------------------------------------------


def test_txt_written_under_dest_only(dest: Path) -> None:
    report = unpack_files([("a.txt", BODY), ("../../evil.txt", BODY), ("C:\\Users\\x\\win.txt", BODY)], dest)
    assert sorted(report.written) == ["a.txt", "evil.txt", "win.txt"]
    assert _everything_written(dest) == ["upload/a.txt", "upload/evil.txt", "upload/win.txt"]
    assert (dest / "a.txt").read_bytes() == BODY


def test_other_file_types_are_refused_not_written(dest: Path) -> None:
    report = unpack_files([("photo.png", b"\x89PNG"), ("metadata.csv", b"file,title\n")], dest)
    assert [name for name, _ in report.refused] == ["photo.png"]
    assert _files_under(dest) == ["metadata.csv"]


def test_zip_keeps_its_folders(dest: Path) -> None:
    archive = _zip({"batch/tass/a.txt": BODY, "batch/icaro/b.txt": BODY + b"More.\n", "loose.txt": BODY,
                    "metadata.csv": b"file,title\n", "batch/topics.toml": b"[topics]\n"})
    report = unpack_files([("upload.zip", archive)], dest)
    assert report.refused == ()
    # Loose top-level articles go under the zip's name; side files go to the root.
    assert _files_under(dest) == [
        "batch/icaro/b.txt", "batch/tass/a.txt", "metadata.csv", "topics.toml", "upload/loose.txt",
    ]
    assert (dest / "batch" / "tass" / "a.txt").read_bytes() == BODY


def test_zip_skips_macos_resource_forks_and_non_text(dest: Path) -> None:
    archive = _zip({"__MACOSX/._a.txt": b"\x00\x05", "docs/._b.txt": b"\x00", "docs/b.txt": BODY,
                    "docs/image.jpg": b"\xff\xd8"})
    report = unpack_files([("x.zip", archive)], dest)
    assert _files_under(dest) == ["docs/b.txt"]
    assert report.refused == (("x.zip:docs/image.jpg", "not an article file (.txt, .html, .htm, .mhtml, .mht, .webarchive)"),)


@pytest.mark.parametrize(
    "name",
    ["/etc/evil.txt", "../evil.txt", "docs/../../evil.txt", "C:\\evil.txt", "C:/evil.txt", "..\\evil.txt"],
)
def test_zip_unsafe_entries_refused_nothing_outside(dest: Path, name: str) -> None:
    archive = _zip({name: BODY, "ok/fine.txt": BODY})
    report = unpack_files([("up.zip", archive)], dest)
    assert report.written == ("ok/fine.txt",)
    assert [entry for entry, _ in report.refused] == [f"up.zip:{name}"]
    assert "unsafe" in report.refused[0][1]
    assert _everything_written(dest) == ["upload/ok/fine.txt"]
    assert not Path("/etc/evil.txt").exists()


def test_unreadable_zip_is_refused(dest: Path) -> None:
    report = unpack_files([("broken.zip", b"PK\x03\x04 not really a zip")], dest)
    assert report.refused == (("broken.zip", "not a readable zip archive"),)
    assert _files_under(dest) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "a.txt"),
        ("dir/sub/a.txt", "dir/sub/a.txt"),
        ("dir\\a.txt", "dir/a.txt"),
        ("/abs.txt", None),
        ("../a.txt", None),
        ("a/../../b.txt", None),
        ("C:\\a.txt", None),
        ("D:a.txt", None),
        ("", None),
        ("dir/", "dir"),
    ],
)
def test_safe_relative_path(name: str, expected: str | None) -> None:
    result = safe_relative_path(name)
    assert (result.as_posix() if result is not None else None) == expected


# --- caps ----------------------------------------------------------------------------------------


def test_zip_bomb_by_declared_size_refused(dest: Path, small_caps, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_UNPACKED_MB", 100)  # 100 kB under small_caps
    monkeypatch.setattr(uploads, "MAX_FILE_MB", 80)
    # Three 40 kB entries of zeros compress to almost nothing but declare 120 kB in all.
    archive = _zip({f"z{i}.txt": b"0" * 40 * 1024 for i in range(3)})
    assert len(archive) < 2 * 1024
    with pytest.raises(UploadRefused, match="unpacks to more than"):
        unpack_files([("bomb.zip", archive)], dest)
    assert _everything_written(dest) == []


def _lie_about_sizes(archive: bytes, declared: int) -> bytes:
    """Rewrite every uncompressed-size field (local headers and central directory)."""
    raw = bytearray(archive)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = raw.find(signature)
        while at >= 0:
            struct.pack_into("<I", raw, at + offset, declared)
            at = raw.find(signature, at + 4)
    return bytes(raw)


def test_zip_lying_about_sizes_is_stopped(dest: Path, small_caps, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_UNPACKED_MB", 100)
    honest = _zip({"a.txt": b"word " * 40_000, "b.txt": b"word " * 40_000})
    archive = _lie_about_sizes(honest, 100)
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(archive)).infolist()) == 200
    # The library's own error (a CRC mismatch) must not escape: the user gets a refusal.
    try:
        report = unpack_files([("liar.zip", archive)], dest)
    except UploadRefused:
        report = None
    if report is not None:
        assert report.written == ()
        assert {name for name, _ in report.refused} == {"liar.zip:a.txt", "liar.zip:b.txt"}
    assert sum(p.stat().st_size for p in dest.rglob("*") if p.is_file()) <= 100 * 1024
    assert _files_under(dest.parent / "outside") == []


def test_zip_with_too_many_entries_refused(dest: Path, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_ZIP_ENTRIES", 5)
    archive = _zip({f"a{i}.txt": BODY for i in range(6)})
    with pytest.raises(UploadRefused, match="6 files"):
        unpack_files([("many.zip", archive)], dest)
    assert _files_under(dest) == []
    # At the limit it is fine; folders do not count as entries.
    archive = _zip({"d/": b"", **{f"d/a{i}.txt": BODY + str(i).encode() for i in range(5)}})
    assert len(unpack_files([("ok.zip", archive)], dest).written) == 5


def test_zip_entry_over_file_cap_refused_others_kept(dest: Path, small_caps, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_FILE_MB", 10)  # 10 kB
    archive = _zip({"big.txt": b"word " * 4000, "small.txt": BODY})
    report = unpack_files([("z.zip", archive)], dest)
    assert report.written == ("z/small.txt",)
    assert report.refused[0][0] == "z.zip:big.txt" and "unpacked" in report.refused[0][1]
    assert _files_under(dest) == ["z/small.txt"]


def test_per_file_cap(dest: Path, small_caps) -> None:
    too_big = b"x" * (uploads.MAX_FILE_MB * 1024 + 1)
    with pytest.raises(UploadRefused, match="per file"):
        unpack_files([("a.txt", BODY), ("big.txt", too_big)], dest)
    assert _files_under(dest) == []


def test_total_upload_cap(dest: Path, small_caps) -> None:
    each = b"x" * (uploads.MAX_FILE_MB * 1024)  # at the per-file cap, not over it
    count = uploads.MAX_UPLOAD_MB // uploads.MAX_FILE_MB + 1
    with pytest.raises(UploadRefused, match="in all"):
        unpack_files([(f"f{i}.txt", each) for i in range(count)], dest)
    assert _files_under(dest) == []


def test_table_over_cap_refused(small_caps) -> None:
    with pytest.raises(UploadRefused):
        read_table("big.csv", b"text\n" + b"x" * (uploads.MAX_FILE_MB * 1024 + 1))


# --- tables --------------------------------------------------------------------------------------


def test_read_csv_with_bom_and_quoted_newlines() -> None:
    data = '\ufefftitle,text,outlet\n"Talks, day one","First line.\nSecond line.",Wire\nT2,Body two.,\n'
    frame = read_table("news.csv", data.encode("utf-8"))
    assert list(frame.columns) == ["title", "text", "outlet"]
    assert frame.to_dict("records") == [
        {"title": "Talks, day one", "text": "First line.\nSecond line.", "outlet": "Wire"},
        {"title": "T2", "text": "Body two.", "outlet": ""},
    ]


def test_read_jsonl_with_quoted_newlines_and_blank_lines() -> None:
    data = b'{"headline": "A", "body": "One.\\nTwo."}\n\n{"headline": "B", "body": "Three.", "extra": null}\n'
    frame = read_table("news.jsonl", data)
    assert frame.to_dict("records") == [
        {"headline": "A", "body": "One.\nTwo.", "extra": ""},
        {"headline": "B", "body": "Three.", "extra": ""},
    ]


def test_read_jsonl_with_bom() -> None:
    # Windows tools write a BOM in front of JSON lines too; it is not part of the first record.
    data = "\ufeff".encode() + b'{"text": "One."}\n{"text": "Two."}\n'
    assert read_table("news.jsonl", data)["text"].tolist() == ["One.", "Two."]


def test_read_jsonl_keeps_numbers_as_written() -> None:
    # A number column with a gap must not turn 2024 into "2024.0".
    frame = read_table("news.jsonl", b'{"text": "A.", "year": 2024}\n{"text": "B.", "year": null}\n')
    assert frame["year"].tolist() == ["2024", ""]


def test_read_jsonl_line_separators_inside_strings() -> None:
    # JSON allows raw U+2028 and U+0085 inside strings (json.dumps(ensure_ascii=False) writes them);
    # only "\n" ends a JSON line, so they must not split a record in two.
    rows = [{"text": "First part.\u2028Second part."}, {"text": "Next\u0085line."}]
    data = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows).encode("utf-8")
    assert read_table("news.jsonl", data)["text"].tolist() == [row["text"] for row in rows]


@pytest.mark.parametrize(
    "data",
    [b'{"text": "ok"}\n{"text": broken}\n', b'["a list", "not an object"]\n', b'{"text": "unterminated\n'],
)
def test_malformed_jsonl_refused(data: bytes) -> None:
    with pytest.raises(UploadRefused, match="line"):
        read_table("bad.jsonl", data)


@pytest.mark.parametrize("data", [b"", b"text\n", b"\n\n"])
def test_table_without_rows_refused(data: bytes) -> None:
    with pytest.raises(UploadRefused):
        read_table("empty.csv" if b"text" in data or not data else "empty.jsonl", data)


def test_guess_columns_by_name() -> None:
    frame = pd.DataFrame({"Headline": ["a"], "Source": ["b"], "Date": ["c"], "Body": ["d"], "id": ["1"]})
    assert guess_columns(frame) == {"text": "Body", "title": "Headline", "outlet": "Source", "published": "Date"}


def test_guess_columns_falls_back_to_longest_column() -> None:
    frame = pd.DataFrame({"id": ["1", "2"], "blob": ["a long article body.", "another long body here."],
                          "tag": ["x", "y"]})
    assert guess_columns(frame) == {"text": "blob", "title": None, "outlet": None, "published": None}


def test_write_table_makes_a_corpus(tmp_path: Path) -> None:
    frame = read_table(
        "news.csv",
        (
            "headline,source,date,body\n"
            'Geneva talks,Wire One,2024-03-05,"The envoys met in Geneva. They talked for hours."\n'
            'Zurich talks,Wire Two,"March 6, 2024","The ministers met in Zurich. Nothing was agreed."\n'
            "Bern talks,,,The delegates met in Bern. They will return.\n"
        ).encode(),
    )
    picks = guess_columns(frame)
    count = write_table(frame, tmp_path, picks["text"], picks["title"], picks["outlet"], picks["published"],
                        stem="news")
    assert count == 3
    assert _files_under(tmp_path) == ["metadata.csv", "news/news_1.txt", "news/news_2.txt", "news/news_3.txt"]
    corpus = load_corpus(tmp_path)
    assert corpus.skipped == () and corpus.warnings == ()
    rows = [(a.path, a.title, a.outlet, a.published) for a in corpus.articles]
    assert rows == [
        ("news/news_1.txt", "Geneva talks", "Wire One", "2024-03-05"),
        ("news/news_2.txt", "Zurich talks", "Wire Two", "2024-03-06"),
        ("news/news_3.txt", "Bern talks", "", ""),
    ]
    assert corpus.article("news/news_2.txt").text == "The ministers met in Zurich. Nothing was agreed."


def test_write_table_twice_appends_metadata(tmp_path: Path) -> None:
    first = pd.DataFrame({"text": ["Alpha text here. More."], "title": ["Alpha"]})
    second = pd.DataFrame({"text": ["Beta text here. More."], "title": ["Beta"]})
    write_table(first, tmp_path, "text", "title", stem="first")
    write_table(second, tmp_path, "text", "title", stem="second")
    titles = {a.path: a.title for a in load_corpus(tmp_path).articles}
    assert titles == {"first/first_1.txt": "Alpha", "second/second_1.txt": "Beta"}


def test_the_streamlit_upload_cap_matches_the_code():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == uploads.MAX_FILE_MB
