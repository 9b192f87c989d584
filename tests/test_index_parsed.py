"""Pass 3 of the index rebuilds each article from its parsed text in the cache; the file only when that is gone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from analysis.corpus import PARSED_TASK, parse_file, parsed_to_json
from analysis.corpus.files import read_file
from analysis.engine.cache import AnalysisCache
from analysis.engine.indexing import CHANGED, INDEX_TASKS, _analyse_batch, _WithParsedText
from tests.conftest import SAMPLE_DIR, SEED_001

JOBS = [(func, settings) for _, func, settings in INDEX_TASKS]
ALL = tuple(range(len(JOBS)))


def _parsed(root: Path, rel: str):
    article = parse_file(rel, lambda: read_file(str(root), rel))
    return article, json.dumps(parsed_to_json(article), ensure_ascii=False)


def test_the_cached_text_is_analysed_without_reading_the_file_and_gives_the_files_results(tmp_path):
    shutil.copy(SAMPLE_DIR / SEED_001, tmp_path / SEED_001)
    article, text = _parsed(tmp_path, SEED_001)
    from_file, problems = _analyse_batch(str(tmp_path), JOBS, [(SEED_001, None, None, article.id, (), ALL)])
    assert not problems and len(from_file) == len(JOBS)
    (tmp_path / SEED_001).unlink()  # only the cached text is left
    from_text, problems = _analyse_batch(str(tmp_path), JOBS, [(SEED_001, text, None, article.id, (), ALL)])
    assert not problems
    assert from_text == from_file


def test_without_its_cached_text_a_file_is_parsed_again_and_a_changed_one_is_reported(tmp_path):
    shutil.copy(SAMPLE_DIR / SEED_001, tmp_path / SEED_001)
    article, _ = _parsed(tmp_path, SEED_001)
    (tmp_path / SEED_001).write_text("Another headline\n\nSomething else happened in another town today.\n")
    rows, problems = _analyse_batch(str(tmp_path), JOBS, [(SEED_001, None, None, article.id, (), ALL)])
    assert rows == [] and problems == [(SEED_001, CHANGED)]
    (tmp_path / SEED_001).unlink()
    rows, problems = _analyse_batch(str(tmp_path), JOBS, [(SEED_001, None, None, article.id, (), ALL)])
    assert rows == [] and len(problems) == 1 and problems[0][0] == SEED_001


def test_batches_read_their_texts_from_the_cache_as_they_are_handed_out(tmp_path):
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    cache.put_rows([(PARSED_TASK, "", "key-a", '{"text": "a"}')])
    batches = _WithParsedText("root", JOBS, [[("a.txt", "key-a", None, "id-a", (), ALL)],
                                             [("b.txt", "key-b", None, "id-b", (), ALL)]], cache)
    assert len(batches) == 2
    handed = list(batches)
    assert handed[0] == ("root", JOBS, [("a.txt", '{"text": "a"}', None, "id-a", (), ALL)])
    assert handed[1] == ("root", JOBS, [("b.txt", None, None, "id-b", (), ALL)])  # gone: parsed from its file

