"""A damaged index is named in one line with its remedy, and `--rebuild` always recovers."""

import json
import os
import pickle
import re
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from indexer.store import IndexDamaged, IndexLacksFields, IndexOutdated
from web.app import create_app

from .conftest import serving, write, write_all

DOCS = {f"{i}.txt": f"خبر رقم {i}\nنص عن الاقتصاد والتجارة {i}" for i in range(3)}
ONE_LINE_REMEDY = re.compile(
    r"^error: the index in .+ is damaged \(.+\); run `bahth index --rebuild`$"
)


def _segment(index_dir):
    return next(index_dir.glob("*.seg"))


def _toc(index_dir):
    return next(index_dir.glob("_MAIN_*.toc"))


DAMAGE = {
    "truncated segment": lambda ix: os.truncate(_segment(ix), 100),
    "half a segment": lambda ix: os.truncate(_segment(ix), _segment(ix).stat().st_size // 2),
    "deleted segment": lambda ix: _segment(ix).unlink(),
    "truncated table of contents": lambda ix: os.truncate(_toc(ix), 50),
    "overwritten table of contents": lambda ix: _toc(ix).write_bytes(os.urandom(1000)),
}


@pytest.fixture
def indexed(bahth, seeds, index_dir):
    write_all(seeds, DOCS)
    bahth("index")
    return index_dir


@pytest.fixture(params=DAMAGE)
def damaged(request, indexed):
    DAMAGE[request.param](indexed)
    return indexed


def _one_line_error(result):
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and ONE_LINE_REMEDY.match(lines[0]), result.stderr


def test_bahth_index_names_the_damage_and_the_remedy(bahth, damaged):
    _one_line_error(bahth("index", ok=False))


def test_bahth_search_names_the_damage_and_the_remedy(bahth, damaged):
    _one_line_error(bahth("search", "الاقتصاد", ok=False))


def test_rebuild_recovers_every_damage(bahth, damaged, search_json):
    assert "3 added" in bahth("index", "--rebuild").stdout
    assert search_json("الاقتصاد")["total"] == 3
    assert "up to date" in bahth("index").stdout
    assert len(list(damaged.glob("*.seg"))) == 1  # the damaged files are gone


def test_the_site_answers_503_and_recovers_after_the_rebuild(bahth, damaged):
    client = create_app(damaged).test_client()
    health = client.get("/healthz")
    assert health.status_code == 503
    assert "bahth index --rebuild" in health.get_json()["error"]
    page = client.get("/search?q=الاقتصاد")
    assert page.status_code == 503
    assert "bahth index --rebuild" in page.get_data(as_text=True)
    assert "الفهرس تالف" in page.get_data(as_text=True)
    bahth("index", "--rebuild")
    assert client.get("/healthz").get_json() == {"status": "ok", "documents": 3}


def test_bahth_serve_starts_and_says_what_is_wrong(indexed):
    os.truncate(_segment(indexed), 100)
    with serving("--index", str(indexed)) as server:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(server.address + "healthz", timeout=10)
        assert answer.value.code == 503
        # A long query, answered by the server's long-query process, says the same.
        long_query = quote("الاقتصاد " * 10)
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(server.address + "api/search?q=" + long_query, timeout=30)
        assert answer.value.code == 503 and "--rebuild" in answer.value.read().decode()
    warning = server.stderr.splitlines()[0]
    # The remedy names the index the server was given.
    assert re.match(
        r"^warning: the index in (.+) is damaged \(.+\); "
        r"run `bahth index --index \1 --rebuild`$",
        warning,
    )
    assert "Traceback" not in server.stderr


def test_a_missing_table_of_contents_is_a_missing_index(bahth, indexed, seeds):
    _toc(indexed).unlink()
    result = bahth("search", "الاقتصاد", ok=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: no index in {indexed}: run `bahth index` first"]
    assert "3 added" in bahth("index").stdout  # the leftover segment is no obstacle


def test_a_stale_lock_file_from_a_killed_process_is_no_obstacle(bahth, indexed, seeds):
    (indexed / "MAIN_WRITELOCK").write_text("4242")  # left behind, held by no one
    write(seeds, "new.txt", "خبر جديد\nنص جديد عن الاقتصاد")
    assert "1 added" in bahth("index").stdout


def test_a_lock_held_by_a_killed_writer_is_released(bahth, indexed, seeds):
    code = (
        "import sys, time; from whoosh import index; "
        "w = index.open_dir(sys.argv[1]).writer(); print('locked', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(indexed)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    holder.kill()
    holder.wait()
    write(seeds, "new.txt", "خبر جديد\nنص جديد عن الاقتصاد")
    assert "1 added" in bahth("index").stdout


def test_an_index_built_by_another_analysis_version_must_be_rebuilt(bahth, indexed, monkeypatch):
    from indexer import analysis

    monkeypatch.setattr(analysis, "VERSION", analysis.VERSION + 1)
    for command in (["index"], ["search", "الاقتصاد"]):
        result = bahth(*command, ok=False)
        assert result.exit_code == 1
        assert "built by another version of bahth's Arabic analysis" in result.stderr
        assert "bahth index --rebuild" in result.stderr
    assert "added" in bahth("index", "--rebuild").stdout
    assert json.loads(bahth("search", "الاقتصاد", "--json").stdout)["total"] > 0


@pytest.mark.parametrize(
    "error",
    [
        IndexDamaged("/x", OSError("truncated")),
        IndexOutdated("/x", 1),
        IndexLacksFields("/x", ["author"]),
    ],
)
def test_damage_survives_a_trip_between_processes(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error)
