"""Corpus loading: golden checks on the seeds, the hostile folder, metadata, fingerprints."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from analysis.corpus import CorpusNotFound, article_from_bytes, fingerprint, load_corpus, parse_metadata
from analysis.corpus.text import UndecodableText
from analysis.corpus.dates import normalise_published, published_day, published_utc
from tests.conftest import SAMPLE_DIR, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004
from tests.hostile import LOADED, SKIPPED, write_hostile_corpus

ALL_SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]
BODY = "The envoys met in Geneva on Tuesday. The talks lasted three hours. Both sides will return.\n"


# --- golden checks on the five seeds ----------------------------------------------------------


def test_sample_corpus_loads_all_five_cleanly(sample_corpus) -> None:
    assert [a.path for a in sample_corpus.articles] == ALL_SEEDS
    assert sample_corpus.skipped == ()
    assert sample_corpus.warnings == ()
    assert sample_corpus.topics_toml and "[topics]" in sample_corpus.topics_toml
    assert sample_corpus.actors_toml and "[actors]" in sample_corpus.actors_toml


def test_sample_titles_come_from_metadata(sample_corpus) -> None:
    titles = {a.path: a.title for a in sample_corpus.articles}
    assert titles == {
        SEED_000: "Putin and Trump speak by phone after Ukraine's strikes on Russian aircraft",
        SEED_001: "Trump and Putin Discuss Ukraine Conflict, Deliberate Over Retaliation and Peace Prospects",
        SEED_002: "Trump-Putin Call: A Shift in Focus from Ukraine Conflict",
        SEED_003: "Putin Praises Talks with Trump",
        SEED_004: "Trump tells Putin's Russia peace is not imminent as Kremlin rejects full ceasefire",
    }


def test_sample_outlets(sample_corpus) -> None:
    outlets = {a.path: a.outlet for a in sample_corpus.articles}
    assert outlets[SEED_001] == "ICARO Media Group"
    assert all(outlets[name] == "" for name in ALL_SEEDS if name != SEED_001)


def test_seed_001_byline_becomes_outlet_without_metadata(tmp_path: Path) -> None:
    (tmp_path / SEED_001).write_bytes((SAMPLE_DIR / SEED_001).read_bytes())
    article = load_corpus(tmp_path).articles[0]
    assert article.outlet == "ICARO Media Group"
    assert article.title.startswith("Trump and Putin Discuss Ukraine Conflict")


def test_sample_ids_stable_and_distinct(sample_corpus) -> None:
    ids = [a.id for a in sample_corpus.articles]
    assert len(set(ids)) == 5
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    assert [a.id for a in load_corpus(SAMPLE_DIR).articles] == ids


def test_id_depends_on_text_not_path(tmp_path: Path) -> None:
    a = article_from_bytes("one.txt", BODY.encode())
    b = article_from_bytes("other/two.txt", BODY.encode())
    c = article_from_bytes("one.txt", (BODY + "A new sentence.\n").encode())
    assert a.id == b.id != c.id


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_sample_sentence_counts_plausible(sample_corpus, name: str) -> None:
    article = sample_corpus.article(name)
    # Each seed is 440-900 words of ordinary news prose: 20-45 sentences, none enormous.
    assert 20 <= len(article.sentences) <= 45
    assert 400 <= article.words <= 950
    assert max(len(s.text.split()) for s in article.sentences) < 80
    assert article.language == "en"


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_sample_sentences_hold_no_junk(sample_corpus, name: str) -> None:
    for sentence in sample_corpus.article(name).sentences:
        assert "ICARO" not in sentence.text
        assert "****" not in sentence.text
        assert sentence.text.strip() != "0"
        assert not re.search(r"[\u4e00-\u9fff]", sentence.text), sentence.text


def test_sample_first_sentences_are_what_a_reader_sees(sample_corpus) -> None:
    first = {a.path: a.sentences[0].text for a in sample_corpus.articles}
    assert first[SEED_000].startswith("In a significant development pertaining to the ongoing conflict in Ukraine")
    assert first[SEED_002] == "Trump-Putin Call: A Shift in Focus from Ukraine Conflict"
    assert first[SEED_003] == "Putin Praises Talks with Trump"
    assert first[SEED_004].startswith("U.S. President Donald Trump held a lengthy conversation")


# --- the hostile folder -----------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path):
    root = write_hostile_corpus(tmp_path / "corpus", tmp_path / "outside")
    return load_corpus(root)


def test_hostile_loads_exactly_the_readable_files(hostile) -> None:
    assert sorted(a.path for a in hostile.articles) == sorted(LOADED)


def test_hostile_skips_with_reasons(hostile) -> None:
    reasons = {s.path: s.reason for s in hostile.skipped}
    assert set(reasons) == set(SKIPPED)
    for path, fragment in SKIPPED.items():
        assert fragment in reasons[path], (path, reasons[path])


def test_hostile_never_reads_the_link_target(hostile) -> None:
    assert all("outside the corpus" not in a.text for a in hostile.articles)


def test_hostile_text_survives_decoding(hostile) -> None:
    titles = {a.path: a.title for a in hostile.articles}
    assert titles["utf16.txt"] == "Talks in Zürich"
    assert titles["cp1252.txt"] == "Café diplomacy “works”"
    assert titles["utf8_bom.txt"] == "Geneva talks resume"
    assert titles["nested/deeper/inner.txt"] == "A nested article"
    assert hostile.article("german.txt").language == "de"
    assert all("\r" not in a.text and "\ufeff" not in a.text for a in hostile.articles)
    # Markup is text: kept literally, never interpreted or stripped.
    assert "<script>" in hostile.article("hostile.txt").title


def test_hostile_metadata_warnings_yet_articles_load(hostile) -> None:
    warnings = " | ".join(hostile.warnings)
    assert "missing.txt" in warnings
    assert "not a date" in warnings
    assert "malformed" in warnings
    utf8 = hostile.article("utf8.txt")
    assert (utf8.title, utf8.outlet, utf8.published) == ("Geneva ceasefire talks", "Wire One", "2024-03-05")
    crlf = hostile.article("crlf.txt")
    assert (crlf.title, crlf.outlet, crlf.published) == ("Line endings", "Wire Two", "")
    # The row with the unclosed quote is lost, but its article still loads with its own headline.
    assert hostile.article("cp1252.txt").outlet == ""


@pytest.mark.parametrize("value, expected", [
    ("2025-06-04", "2025-06-04"),
    ("2025-06-04T00:00:00", "2025-06-04"),  # a day written as midnight stays a day
    ("2025-06-04T23:30:00-05:00", "2025-06-04T23:30:00-05:00"),  # the offset is kept, and with it the day printed
    ("2025-06-04T10:15:00+02:00", "2025-06-04T10:15:00+02:00"),
    ("2025-06-04T10:15:00.123+0530", "2025-06-04T10:15:00+05:30"),
    ("2025-06-04T10:15:00+00:00", "2025-06-04T10:15:00Z"),
    ("2025-06-04T10:15:00", "2025-06-04T10:15:00Z"),
    ("4 June 2025", "2025-06-04"),
    ("yesterday", ""),
    ("", ""),
    # a content system's placeholder year: no date (written "1-01-01T00:00:00Z" before, and an offset east of
    # UTC raised OverflowError)
    ("0001-01-01T00:00:00Z", ""),
    ("0001-01-01T00:00:00+05:00", ""),
    ("0001-01-01", ""),
    ("01/01/0001", ""),
    # the other end (.NET's DateTime.MaxValue), west of UTC: out of the calendar once in UTC, no error
    ("9999-12-31T23:59:59-05:00", ""),
    ("1000-01-01T00:30:00+01:00", ""),  # before year 1000 once in UTC: no four-digit year to write
    # RFC 2822, as feeds and some pages' JSON-LD write it
    ("Wed, 04 May 2022 02:41:00 GMT", "2022-05-04T02:41:00Z"),
    ("Wed, 04 May 2022 02:41:00 +0200", "2022-05-04T02:41:00+02:00"),
    ("04 May 2022 23:41 -0500", "2022-05-04T23:41:00-05:00"),
    ("Wed, 31 Feb 2022 02:41:00 GMT", ""),
])
def test_normalise_published(value: str, expected: str) -> None:
    assert normalise_published(value) == expected
    if expected:
        assert published_day(expected) is not None and published_utc(expected) is not None


def test_parse_metadata_dates_and_paths() -> None:
    warnings: list[str] = []
    rows = parse_metadata(
        "File,Title,Published\n"
        "a.txt,A,2024-03-05T10:00:00Z\n"
        "sub\\b.txt,B,March 5, 2024\n"
        "c.txt,C,05/03/2024\n"
        ",No file,2024-01-01\n",
        warnings,
    )
    # A time is kept (with no offset written, as UTC), so that "who was first" can tell two articles of one day apart.
    assert rows["a.txt"] == {"title": "A", "published": "2024-03-05T10:00:00Z"}
    assert rows["c.txt"]["published"] == "2024-03-05"
    assert "sub/b.txt" in rows
    assert any("no file name" in w for w in warnings)


def test_metadata_without_file_column_is_ignored_with_warning(make_corpus) -> None:
    corpus = make_corpus({"a.txt": BODY, "metadata.csv": "name,title\na.txt,Ignored\n"})
    assert corpus.articles[0].title != "Ignored"
    assert any("no 'file' column" in w for w in corpus.warnings)


# --- duplicates, errors ------------------------------------------------------------------------


def test_duplicate_text_is_skipped_naming_the_first(make_corpus) -> None:
    corpus = make_corpus({"a.txt": BODY, "b/copy.txt": BODY.replace("\n", "\r\n").encode("utf-16")})
    assert [a.path for a in corpus.articles] == ["a.txt"]
    assert len(corpus.skipped) == 1
    assert corpus.skipped[0].path == "b/copy.txt"
    assert "a.txt" in corpus.skipped[0].reason


def test_junk_only_file_is_skipped(make_corpus) -> None:
    corpus = make_corpus({"a.txt": BODY, "junk.txt": "0\n0\n****\n"})
    assert [s.path for s in corpus.skipped] == ["junk.txt"]
    assert "no text" in corpus.skipped[0].reason


def test_article_from_bytes_errors() -> None:
    with pytest.raises(ValueError, match="empty"):
        article_from_bytes("a.txt", b"  \n ")
    with pytest.raises(UndecodableText):
        article_from_bytes("a.txt", bytes(range(256)))


def test_non_txt_files_are_not_articles(make_corpus) -> None:
    corpus = make_corpus({"a.txt": BODY, "notes.md": "# not an article", "B.TXT": "Other text here. Yes.\n"})
    assert sorted(a.path for a in corpus.articles) == ["B.TXT", "a.txt"]
    assert corpus.skipped == ()


def test_corpus_not_found_for_a_file_and_a_missing_path(tmp_path: Path) -> None:
    file = tmp_path / "a.txt"
    file.write_text(BODY, encoding="utf-8")
    with pytest.raises(CorpusNotFound):
        load_corpus(file)
    with pytest.raises(CorpusNotFound):
        load_corpus(tmp_path / "nowhere")


def test_empty_folder_is_an_empty_corpus(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 0 and corpus.skipped == ()


# --- fingerprint and subset ---------------------------------------------------------------------


def test_fingerprint_changes_on_edit_add_remove(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second article here. Fine.\n", encoding="utf-8")
    first = fingerprint(tmp_path)
    assert fingerprint(tmp_path) == first
    assert [entry[0] for entry in first] == ["a.txt", "b.txt"]

    # Same size, new content: the mtime must tell the difference.
    stat = (tmp_path / "a.txt").stat()
    (tmp_path / "a.txt").write_text(BODY.replace("Geneva", "Zurich"), encoding="utf-8")
    os.utime(tmp_path / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    edited = fingerprint(tmp_path)
    assert edited != first

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Third one. Ok.\n", encoding="utf-8")
    added = fingerprint(tmp_path)
    assert added != edited and "sub/c.txt" in [entry[0] for entry in added]

    (tmp_path / "b.txt").unlink()
    removed = fingerprint(tmp_path)
    assert [entry[0] for entry in removed] == ["a.txt", "sub/c.txt"]


def test_fingerprint_sees_metadata_changes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    before = fingerprint(tmp_path)
    (tmp_path / "metadata.csv").write_text("file,title\na.txt,New title\n", encoding="utf-8")
    assert fingerprint(tmp_path) != before


def test_subset_keeps_corpus_order_and_side_data(sample_corpus) -> None:
    part = sample_corpus.subset([SEED_004, SEED_001])
    assert [a.path for a in part.articles] == [SEED_001, SEED_004]
    assert part.root == sample_corpus.root
    assert part.topics_toml == sample_corpus.topics_toml
    assert len(sample_corpus) == 5  # the original is untouched
    assert len(sample_corpus.subset([])) == 0
    assert len(sample_corpus.subset(["not-there.txt"])) == 0


def test_article_lookup_by_path(sample_corpus) -> None:
    assert sample_corpus.article(SEED_003).path == SEED_003
    with pytest.raises(KeyError):
        sample_corpus.article("nope.txt")
