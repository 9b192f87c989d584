"""Copied passages: verbatim, lightly edited, reordered, identical files, crowds of copies, bad input."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from analysis.engine.batch import Runner
from analysis.corpus import Article, Corpus
from analysis.story.copies import COPY_COLUMNS, CopySettings, article_words, find_copies, shared_passages
from tests.conftest import SHARED_CORPORA

# Hand-written paragraphs with no hyphens or apostrophes, so str.split() counts their words.
BREAKWATER = (
    "The harbour authority confirmed on Thursday that the northern breakwater will close for repairs "
    "from early March, after winter storms opened a crack nearly twelve metres long along its seaward "
    "face and loosened several of the concrete blocks that protect the old lighthouse."
)
FERRIES = (
    "Engineers from the regional transport office will inspect the foundations first, and the work "
    "itself is expected to take about nine weeks, during which fishing boats will use the older "
    "southern quay and the ferry timetable will be cut to four crossings a day."
)
OPENINGS = [
    "Residents of the coastal town gathered at the library on Monday evening to hear the plans.",
    "Shopkeepers near the seafront say the closure comes at the worst possible time for them.",
    "A spokesman for the council declined to say how much the repairs would finally cost.",
    "Local cyclists have asked whether the promenade path will stay open while crews are working.",
]
ENDINGS = [
    "The mayor said a public meeting would be held before the work begins.",
    "Tourist numbers last summer were the highest the town has recorded in a decade.",
    "Questions about the budget will go to the finance committee later this month.",
    "Photographs of the damage were shared widely on local news websites this week.",
]
SHORT_SHARED = "The harbour authority confirmed on Thursday that the northern breakwater will close."
N = len(BREAKWATER.split())


def article(opening: int, *body: str, ending: int = 0) -> str:
    return "\n\n".join([OPENINGS[opening], *body, ENDINGS[ending]]) + "\n"


def runner() -> Runner:
    return Runner(workers=1)


def test_verbatim_paragraph_is_one_passage(make_corpus):
    corpus = make_corpus({"a.txt": article(0, BREAKWATER, ending=0), "b.txt": article(1, BREAKWATER, ending=1)})
    frame = find_copies(corpus, runner=runner())
    assert list(frame.columns) == COPY_COLUMNS
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row.article_a, row.article_b, row.words, row.passages) == ("a.txt", "b.txt", N, 1)
    assert row.passage == BREAKWATER.rstrip(".")  # the passage runs from first to last word
    a_words = len(corpus.article("a.txt").text.split())
    assert row.share_a == pytest.approx(N / a_words)


@pytest.mark.parametrize("edit, old, new, matched", [
    ("a changed word", "on Thursday", "on Friday", N - 1),
    ("punctuation and case", "from early March, after", "from early March; After", N),
    ("capitals and accents", "after winter storms opened", "after WINTER stórms opened", N),
    ("a spelling change", "twelve metres long", "twelve meters long", N - 1),
    ("a short insertion", "several of the concrete", "several of the already fragile concrete", N),
    ("a short cut", "loosened several of the concrete", "loosened the concrete", N - 2),
    # The two words between the changes are too few to count as matched (min_fragment).
    ("two changes close together", "nearly twelve metres long", "almost twelve metres wide", N - 4),
])
def test_light_edits_keep_one_passage(make_corpus, edit, old, new, matched):
    edited = BREAKWATER.replace(old, new)
    assert edited != BREAKWATER, edit
    corpus = make_corpus({"a.txt": article(0, BREAKWATER), "b.txt": article(1, edited, ending=1)})
    frame = find_copies(corpus, runner=runner())
    assert frame[["words", "passages"]].values.tolist() == [[matched, 1]]
    (passage,) = shared_passages(corpus.article("a.txt"), corpus.article("b.txt"))
    b_text = corpus.article("b.txt").text
    assert passage.words == matched
    assert passage.text == BREAKWATER.rstrip(".")
    assert b_text[passage.b_start : passage.b_end] == edited.rstrip(".")


def test_reordered_paragraphs_are_two_passages_with_spans(make_corpus):
    corpus = make_corpus({"a.txt": article(0, BREAKWATER, FERRIES, ending=1),
                          "b.txt": article(1, FERRIES, BREAKWATER, ending=2)})
    a, b = corpus.article("a.txt"), corpus.article("b.txt")
    passages = shared_passages(a, b)
    assert [p.text for p in passages] == [BREAKWATER.rstrip("."), FERRIES.rstrip(".")]  # in a's order
    for p in passages:
        assert a.text[p.a_start : p.a_end] == b.text[p.b_start : p.b_end] == p.text
    assert passages[0].b_start > passages[1].b_start
    row = find_copies(corpus, runner=runner()).iloc[0]
    assert (row.passages, row.words) == (2, N + len(FERRIES.split()))
    assert row.passage == FERRIES.rstrip(".")  # the longer of the two (44 words to 43)


def test_a_word_two_passages_meet_on_goes_to_the_longer(make_corpus):
    # a: ...a day. The mayor...; b: ...a day. The harbour...: "The" ends b's first
    # passage (as a continues) and starts its second.
    corpus = make_corpus({"a.txt": article(0, BREAKWATER, FERRIES, ending=0),
                          "b.txt": article(1, FERRIES, BREAKWATER, ending=2)})
    passages = shared_passages(corpus.article("a.txt"), corpus.article("b.txt"))
    assert [p.words for p in passages] == [N - 1, len(FERRIES.split()) + 1]
    assert passages[0].text == BREAKWATER.rstrip(".").removeprefix("The ")
    assert passages[1].text.endswith("a day.\n\nThe")


def test_a_paragraph_repeated_in_one_article_counts_once(make_corpus):
    corpus = make_corpus({"a.txt": article(0, BREAKWATER, FERRIES, BREAKWATER),
                          "b.txt": article(1, BREAKWATER, ending=1)})
    row = find_copies(corpus, runner=runner()).iloc[0]
    b_words = len(corpus.article("b.txt").text.split())
    assert (row.words, row.passages, row.share_b) == (N, 1, pytest.approx(N / b_words))


@pytest.mark.parametrize("files", [
    pytest.param({"a.txt": article(0, BREAKWATER), "b.txt": article(1, FERRIES, ending=1)}, id="nothing shared"),
    pytest.param({"a.txt": article(0, BREAKWATER)}, id="one article"),
    pytest.param({"a.txt": "Storm closes pier\n", "b.txt": "Storm closes pier today\n"}, id="shorter than a shingle"),
    # Twelve words in common: below min_words, as a quoted title or a set phrase would be.
    pytest.param({"a.txt": article(0, SHORT_SHARED), "b.txt": article(1, SHORT_SHARED, ending=1)}, id="below min_words"),
])
def test_no_shared_passage_gives_an_empty_frame(make_corpus, files):
    frame = find_copies(make_corpus(files), runner=runner())
    assert frame.empty and list(frame.columns) == COPY_COLUMNS
    assert frame["words"].dtype.kind == "i" and frame["share_a"].dtype.kind == "f"


def test_empty_corpus_gives_an_empty_frame(make_corpus):
    frame = find_copies(make_corpus({"notes.md": "not an article"}), runner=runner())
    assert frame.empty and list(frame.columns) == COPY_COLUMNS


def test_articles_without_words_give_an_empty_frame():
    empty = [Article(str(i), f"{i}.txt", "", "", "", "", text, ()) for i, text in enumerate(["", "?! ...", "— —"])]
    frame = find_copies(Corpus("memory", tuple(empty), duplicates=(("3.txt", "0.txt"),)), runner=runner())
    assert frame.empty and list(frame.columns) == COPY_COLUMNS
    assert shared_passages(empty[0], empty[1]) == []


def test_identical_files_are_reported_from_duplicates(make_corpus):
    text = article(0, BREAKWATER, FERRIES)
    corpus = make_corpus({"a.txt": text, "b.txt": article(1, FERRIES, ending=3), "c.txt": text})
    assert corpus.duplicates == (("c.txt", "a.txt"),)
    frame = find_copies(corpus, runner=runner())
    whole = frame[frame.article_b == "c.txt"].iloc[0]
    kept = corpus.article("a.txt")
    assert (whole.article_a, whole.words, whole.passages, whole.share_a, whole.share_b) == (
        "a.txt", len(kept.text.split()), 1, 1.0, 1.0)
    assert whole.passage == kept.text
    assert frame.iloc[0].article_b == "c.txt"  # the most words first
    assert set(frame.article_b) == {"b.txt", "c.txt"}


def test_the_earlier_dated_article_comes_first(make_corpus):
    corpus = make_corpus({
        "a.txt": article(0, BREAKWATER), "b.txt": article(1, BREAKWATER, ending=1),
        "metadata.csv": "file,published\na.txt,2025-03-02\nb.txt,2025-03-01\n",
    })
    row = find_copies(corpus, runner=runner()).iloc[0]
    assert (row.article_a, row.article_b) == ("b.txt", "a.txt")


def test_the_earlier_instant_comes_first_whatever_the_offsets(make_corpus):
    # a.txt: 23:30 in New York on 1 March, 04:30 UTC on the 2nd; b.txt: 01:00 in Paris on the 2nd, midnight UTC.
    corpus = make_corpus({
        "a.txt": article(0, BREAKWATER), "b.txt": article(1, BREAKWATER, ending=1),
        "metadata.csv": "file,published\na.txt,2025-03-01T23:30:00-05:00\nb.txt,2025-03-02T01:00:00+01:00\n",
    })
    row = find_copies(corpus, runner=runner()).iloc[0]
    assert (row.article_a, row.article_b) == ("b.txt", "a.txt")


def test_a_passage_in_few_articles_pairs_them_all_in_many_only_with_the_earliest(make_corpus):
    few = {f"few{i}.txt": article(i, FERRIES, ending=i) for i in range(3)}
    holders = CopySettings().all_pairs_max + 2
    crowd = {f"crowd{i:02d}.txt": f"Crowd report {i}.\n\n{BREAKWATER}\n" for i in range(holders)}
    frame = find_copies(make_corpus(few | crowd), runner=runner())
    among_few = frame[frame.article_a.str.startswith("few")]
    assert len(among_few) == 3  # every pair of three holders
    among_crowd = frame[frame.article_a.str.startswith("crowd")]
    assert set(among_crowd.article_a) == {"crowd00.txt"}
    assert len(among_crowd) == len(crowd) - 1


def test_two_thousand_near_copies_finish_fast_with_one_row_each(make_corpus):
    words = (BREAKWATER + " " + FERRIES).split()
    files = {}
    for i in range(2000):
        copy = list(words)
        copy[i % len(copy)] = f"changed{i}"  # each copy differs from the others by one word
        files[f"copy{i:04d}.txt"] = " ".join(copy) + "\n"
    corpus = make_corpus(files)
    assert len(corpus.articles) == 2000
    started = time.perf_counter()
    frame = find_copies(corpus, runner=runner())
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"{elapsed:.1f} s"  # about 3 s on a 2-core machine
    assert len(frame) == 1999
    assert set(frame.article_a) == {"copy0000.txt"}
    # Two changes (the first copy's and this copy's) cost at most four words: the
    # words left between a change and the text's edge are too few to trust.
    assert frame.words.min() >= len(words) - 4 and (frame.passages == 1).all()


def test_words_are_cached_per_article_and_reused_whatever_the_settings(make_corpus):
    class Store:
        def __init__(self):
            self.rows = {}

        def get_many(self, task, key, ids):
            return {i: self.rows[task, key, i] for i in ids if (task, key, i) in self.rows}

        def put_many(self, task, key, items):
            self.rows.update({(task, key, i): v for i, v in items.items()})

        def has_many(self, task, key, ids):
            return {i for i in ids if (task, key, i) in self.rows}

        def put_rows(self, rows):
            raise AssertionError("not used by map")

    corpus = make_corpus({"a.txt": article(0, BREAKWATER), "b.txt": article(1, BREAKWATER, ending=1)})
    cached = Runner(cache=Store(), workers=1)
    first = find_copies(corpus, runner=cached)
    assert (cached.computed, cached.reused) == (2, 0)
    again = find_copies(corpus, CopySettings(min_words=20, max_gap=2), runner=cached)
    assert (cached.computed, cached.reused) == (2, 2)
    pd.testing.assert_frame_equal(first, again)
    shorter = find_copies(corpus, CopySettings(shingle_words=5), runner=cached)
    assert (cached.computed, cached.reused) == (2, 4)  # shingles are rolled from the cached words
    assert shorter.words.tolist() == first.words.tolist()


def test_article_shingles_is_json_and_counts_words(make_corpus):
    import base64
    import json

    corpus = make_corpus({"a.txt": "Storm damage\n\nWaves broke over the wall of the old quay.\n"})
    data = article_words(corpus.articles[0])
    assert json.loads(json.dumps(data)) == data
    assert len(base64.b64decode(data["hashes"])) == 8 * 11  # one 64-bit hash per word


@pytest.mark.corpora
def test_bbc_identical_files_are_all_reported():
    root = SHARED_CORPORA / "bbc_news"
    if not root.is_dir():
        pytest.skip("research corpus ../shared/corpora/bbc_news is not here")
    from analysis.corpus import load_corpus

    corpus = load_corpus(root)
    frame = find_copies(corpus, runner=Runner(workers=1))
    pairs = set(zip(frame.article_a, frame.article_b))
    assert len(corpus.duplicates) >= 98
    assert {(kept, skipped) for skipped, kept in corpus.duplicates} <= pairs
    # Each row's longest passage is real text of article_a.
    texts = {a.path: a.text for a in corpus.articles}
    assert all(row.passage in texts[row.article_a] for row in frame.itertuples())
