"""`bahth serve` logs a line per request and per commit of its watcher."""

import re
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from indexer.build import update_index

from .conftest import eventually, serving, write

QUERY = "بوتين"


@pytest.fixture
def built(seeds, index_dir):
    write(seeds, "putin.txt", "بوتين يزور الصين\nزار الرئيس بوتين بكين.")
    update_index(seeds, index_dir)
    return index_dir


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def requests_logged(*options, index_dir):
    with serving("--index", str(index_dir), *options) as served:
        assert get(served.address + "search?q=" + quote(QUERY)) == 200
        assert get(served.address + "api/search?q=" + quote(QUERY) + "&page=2") == 200
        assert get(served.address + "doc/" + quote("putin.txt")) == 200
        assert get(served.address + "nothing%0Aforged%20200") == 404
    return served.stderr


def test_each_request_is_logged_without_what_was_searched(built):
    log = requests_logged(index_dir=built)
    assert re.search(r"GET /search 200 \d+\.\d ms$", log, re.M), log
    assert re.search(r"GET /api/search 200 \d+\.\d ms$", log, re.M)
    assert re.search(r"GET /doc/putin\.txt 200 \d+\.\d ms$", log, re.M)
    assert QUERY not in log and "page=2" not in log


def test_a_path_cannot_forge_a_log_line(built):
    log = requests_logged(index_dir=built)
    assert re.search(r"GET /nothing\\nforged 200 404 \d+\.\d ms$", log, re.M), log
    assert not re.search(r"^forged", log, re.M)


def test_queries_are_logged_when_asked(built):
    log = requests_logged("--log-queries", index_dir=built)
    assert re.search(rf"GET /search\?q={QUERY} 200 ", log), log
    assert re.search(rf"GET /api/search\?q={QUERY}&page=2 200 ", log)


def test_the_access_log_can_be_turned_off(built):
    log = requests_logged("--no-access-log", index_dir=built)
    assert "GET /" not in log


def test_each_commit_of_the_watcher_is_logged(seeds, built):
    with serving("--watch", "--seeds", str(seeds), "--index", str(built)) as served:

        def found(query):
            with urllib.request.urlopen(
                served.address + "api/search?q=" + quote(query), timeout=10
            ) as response:
                return b'"total":1' in response.read().replace(b" ", b"")

        write(seeds, "new.txt", "زلزال\nزلزال في المحيط.")
        eventually(lambda: found("زلزال"), 15)
        (seeds / "new.txt").unlink()
        eventually(lambda: not found("زلزال"), 15)
    assert re.search(
        r"indexed: 1 added, 0 updated, 0 removed, .* \(\d+\.\d\d s\)$", served.stderr, re.M
    ), served.stderr
    assert re.search(
        r"indexed: 0 added, 0 updated, 1 removed, .* \(\d+\.\d\d s\)$", served.stderr, re.M
    )
