"""Fixtures: small Arabic documents written by the tests, and the real CLI."""

import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from indexer.build import update_index
from search.engine import Engine
from web.cli import main


@pytest.fixture
def bench_module(monkeypatch):
    """Imports a script of bench/ by name, as the script itself would run."""
    bench = Path(__file__).resolve().parent.parent / "bench"
    monkeypatch.syspath_prepend(str(bench))

    def load(name):
        spec = importlib.util.spec_from_file_location(f"bench_{name}", bench / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    return folder


@pytest.fixture
def index_dir(tmp_path):
    return tmp_path / "index"


def eventually(check, timeout):
    """Poll ``check`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            assert result, f"{check.__doc__ or check} still false after {timeout}s"
            return result
        time.sleep(0.02)


def write(folder, name, text, encoding="utf-8"):
    path = Path(folder, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def write_all(folder, docs):
    """Write ``{name: text}`` into ``folder``."""
    for name, text in docs.items():
        write(folder, name, text)


@pytest.fixture
def indexed(seeds, index_dir):
    """``indexed(docs, **engine_options)``: an Engine over ``docs``, written into
    the seeds folder and indexed."""

    def build(docs, **options):
        write_all(seeds, docs)
        update_index(seeds, index_dir)
        return Engine(index_dir, **options)

    return build


def islands(n):
    """Documents where «الجزرة», a slip of «الجزيرة» (in ``n`` of them), has the
    term of «جزر» (islands, in three), none of which writes it so."""
    return {
        **{f"islands{i}.txt": f"خبر {i}\nزار الوفد جزر المالديف." for i in range(3)},
        **{f"island{i}.txt": f"خبر {i}\nتقع الجزيرة في البحر." for i in range(n)},
    }


def spawned_workers(pid):
    """Child processes of ``pid`` that multiprocessing spawned to do work."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            for child in f.read().split():
                with open(f"/proc/{child}/cmdline", "rb") as cmd:
                    if b"spawn_main" in cmd.read():
                        found.append(int(child))
    return found


@pytest.fixture
def bahth(seeds, index_dir):
    """Run the real `bahth` click command in-process against the test folders."""
    runner = CliRunner()

    def run(*args, ok=True):
        env = {"BAHTH_SEEDS": str(seeds), "BAHTH_INDEX": str(index_dir)}
        result = runner.invoke(main, list(args), env=env, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output + result.stderr
        return result

    return run


@pytest.fixture
def search_json(bahth):
    def run(query, *args):
        return json.loads(bahth("search", query, "--json", *args).stdout)

    return run


@contextmanager
def serving(*args):
    """The real `bahth serve --port 0 ARGS` in a child process.

    Yields ``address`` (http://127.0.0.1:PORT/), ``process`` and ``stdout``, what
    it printed up to its address; once the block is left the server is stopped
    and its ``stderr`` is set.
    """
    process = subprocess.Popen(
        [sys.executable, "-c", "from web.cli import main; main()", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    served = SimpleNamespace(process=process, address=None, stdout="", stderr=None)
    # Read as it comes: a log line per request would fill the pipe and stop the server.
    logged = []
    drain = threading.Thread(target=lambda: logged.extend(process.stderr), daemon=True)
    drain.start()
    try:
        deadline, line = time.monotonic() + 30, ""
        while "serving on" not in line and time.monotonic() < deadline:
            line = process.stdout.readline()
            served.stdout += line
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, "bahth serve did not print its address"
        served.address = match.group()
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=10)
        finally:
            drain.join(timeout=10)
            process.stdout.close()
        served.stderr = "".join(logged)
