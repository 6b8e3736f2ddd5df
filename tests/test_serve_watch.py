"""`bahth serve --watch`: a file dropped into the seeds folder is found without a restart."""

import json
import os
import subprocess
import urllib.parse
import urllib.request

import pytest

from indexer.build import update_index

from .conftest import eventually, serving, write

# Slow: starts `bahth serve --watch` processes (pyproject.toml: slow).
pytestmark = pytest.mark.slow


@pytest.fixture
def server(seeds, index_dir):
    write(seeds, "first.txt", "الخبر الأول\nنص عن الطقس")
    update_index(seeds, index_dir)
    with serving("--watch", "--seeds", str(seeds), "--index", str(index_dir)) as served:
        yield served.process, served.address


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def paths(url, query):
    address = url + "api/search?" + urllib.parse.urlencode({"q": query})
    with urllib.request.urlopen(address, timeout=5) as response:
        return [h["path"] for h in json.load(response)["hits"]]


def test_new_changed_and_deleted_files_show_in_search(server, seeds):
    proc, url = server
    assert paths(url, "الطقس") == ["first.txt"]
    write(seeds, "news/second.txt", "خبر جديد\nزلزال في المحيط")
    eventually(lambda: paths(url, "زلزال") == ["news/second.txt"], 15)
    write(seeds, "first.txt", "الخبر الأول\nنص عن الاقتصاد")
    eventually(lambda: paths(url, "الطقس") == [] and paths(url, "الاقتصاد") == ["first.txt"], 15)
    os.unlink(seeds / "news/second.txt")
    eventually(lambda: paths(url, "زلزال") == [], 15)


def test_the_watcher_stops_with_the_server(server):
    proc, _ = server
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
    watcher = [int(p) for p in children.stdout.split()]
    assert watcher, "no watcher process"
    proc.kill()  # no chance to stop its watcher: the watcher must notice by itself
    proc.wait()
    eventually(lambda: not any(running(p) for p in watcher), 10)


def test_sigterm_stops_server_and_watcher_cleanly(server):
    proc, _ = server
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
    watcher = [int(p) for p in children.stdout.split()]
    proc.terminate()
    assert proc.wait(timeout=10) == 0
    eventually(lambda: not any(running(p) for p in watcher), 5)
