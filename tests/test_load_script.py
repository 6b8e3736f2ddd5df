"""bench/load.py drives a real `bahth serve` and reports honestly."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.build import update_index

from .conftest import serving, write

# Slow: runs bench/load.py against a served site (pyproject.toml: slow).
pytestmark = pytest.mark.slow

LOAD = Path(__file__).resolve().parent.parent / "bench" / "load.py"


@pytest.fixture
def site(seeds, index_dir):
    for i in range(30):
        write(
            seeds,
            f"news/{i}.txt",
            f"خبر عن الاقتصاد {i}\nقال وزير التعليم إن الطلاب في الرياض {i}.",
        )
    update_index(seeds, index_dir)
    with serving("--index", str(index_dir)) as server:
        yield server.address


def load(*args):
    return subprocess.run(
        [sys.executable, str(LOAD), *args], capture_output=True, text=True, timeout=60
    )


def test_a_short_run_reports_figures_and_adds_documents(site, seeds):
    run = load(
        site, "--seconds", "3", "--clients", "4", "--json", "--seeds", str(seeds), "--add", "3"
    )
    assert run.returncode == 0, run.stdout + run.stderr
    figures = json.loads(run.stdout)
    assert figures["requests"] > 0  # how many depends on the machine's load
    assert figures["server_errors"] == 0 and figures["connection_errors"] == {}
    assert figures["answers_listing_a_document_twice"] == 0
    assert {"200", "404"} <= set(figures["statuses"])  # documents, and junk refused
    assert set(figures["latency_ms"]["all"]) == {"p50", "p95", "p99"}
    assert figures["documents_added"] == 3
    assert sorted(p.name for p in (seeds / "_load").iterdir()) == ["0.txt", "1.txt", "2.txt"]


def test_only_this_machine_is_loaded():
    run = load("http://192.0.2.1:8000/", "--seconds", "1")
    assert run.returncode == 2 and "this machine only" in run.stderr


def test_a_run_that_cannot_reach_the_site_fails():
    # Nothing listens on a port just released: every request is a connection error.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = load(f"http://127.0.0.1:{port}/", "--seconds", "1", "--clients", "1", "--json")
    assert run.returncode == 1
    assert json.loads(run.stdout)["connection_errors"]


def test_adding_from_a_folder_without_documents_is_refused(site, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    run = load(site, "--seconds", "1", "--seeds", str(empty), "--add", "3")
    assert run.returncode == 1 and "no .txt file" in run.stderr
