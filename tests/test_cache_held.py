"""AnalysisCache.held(): one connection for a thread's calls within the block, a new one per call elsewhere."""

from __future__ import annotations

import sqlite3
import threading

from analysis.engine.cache import AnalysisCache


def _counting(cache: AnalysisCache) -> list[sqlite3.Connection]:
    opened = []
    connect = cache._connect

    def counted() -> sqlite3.Connection:
        opened.append(connect())
        return opened[-1]

    cache._connect = counted
    return opened


def test_calls_within_the_block_share_one_connection_and_see_each_others_writes(tmp_path):
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    opened = _counting(cache)
    with cache.held():
        for n in range(5):
            cache.put_many("task", "", {f"id{n}": {"n": n}})
            assert cache.get_many("task", "", [f"id{n}"]) == {f"id{n}": {"n": n}}
        assert cache.has_many("task", "", ["id0", "id4", "id9"]) == {"id0", "id4"}
    assert len(opened) == 1
    assert cache.get_many("task", "", ["id3"]) == {"id3": {"n": 3}}  # after the block: one of its own
    assert len(opened) == 2


def test_another_thread_uses_its_own_connection_meanwhile(tmp_path):
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    opened = _counting(cache)
    found = {}
    with cache.held():
        cache.put_many("task", "", {"a": 1})
        reader = threading.Thread(target=lambda: found.update(cache.get_many("task", "", ["a"])))
        reader.start()
        reader.join()
    assert found == {"a": 1}
    assert len(opened) == 2


def test_another_process_reads_what_the_block_wrote_before_it_ends(tmp_path):
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    with cache.held():
        cache.put_many("task", "", {"a": [1, 2]})
        assert AnalysisCache(tmp_path / "cache.sqlite3").get_many("task", "", ["a"]) == {"a": [1, 2]}


def test_a_damaged_file_set_aside_within_the_block_lets_the_held_connection_go(tmp_path):
    path = tmp_path / "cache.sqlite3"
    cache = AnalysisCache(path)
    with cache.held():
        cache.put_many("task", "", {"a": 1})
        cache._set_aside()
        assert cache._held is None
        cache.put_many("task", "", {"b": 2})
        assert cache.get_many("task", "", ["a", "b"]) == {"b": 2}  # the new file, not the one set aside


def test_a_file_set_aside_by_another_thread_leaves_the_held_connection_to_its_owner(tmp_path):
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    failed = []
    with cache.held():
        cache.put_many("task", "", {"a": 1})

        def damage_found_elsewhere() -> None:
            try:
                cache._set_aside()  # what a read meeting a corrupt file does, here from another thread
            except Exception as exc:  # noqa: BLE001 - the test reports it
                failed.append(exc)

        other = threading.Thread(target=damage_found_elsewhere)
        other.start()
        other.join(30)
    assert failed == []  # sqlite3 refused to close this thread's connection from the other one
    assert cache._held is None  # let go by its owner at the block's end
    cache.put_many("task", "", {"b": 2})
    assert cache.get_many("task", "", ["b"]) == {"b": 2}  # the new file works
