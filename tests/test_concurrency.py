"""Searches running while a writer commits again and again never fail."""

import threading

import pytest

from indexer.build import update_index
from search.engine import Engine

from .conftest import write

# Slow: searches in threads while a writer commits, for seconds (pyproject.toml: slow).
pytestmark = pytest.mark.slow


def test_searches_never_fail_while_a_writer_commits(seeds, index_dir):
    for i in range(20):
        write(seeds, f"{i}.txt", f"خبر {i}\nنص عن الطقس رقم {i}")
    update_index(seeds, index_dir)
    engine = Engine(index_dir)
    errors, stop = [], threading.Event()

    def search():
        while not stop.is_set():
            try:
                paths = [h.path for h in engine.search("الطقس", per_page=100).hits]
                assert len(paths) == len(set(paths))
            except Exception as e:  # any error a person would see
                errors.append(repr(e))

    threads = [threading.Thread(target=search) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(40):
            write(seeds, f"new{i}.txt", f"خبر جديد {i}\nنص عن الطقس الجديد {i}")
            update_index(seeds, index_dir, paths=[f"new{i}.txt"])
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert engine.search("الطقس", per_page=100).total == 60
