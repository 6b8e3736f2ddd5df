"""Any query, however broken or hostile, gets an answer, quickly, and never a traceback."""

import time
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings, strategies as st

from indexer.build import update_index
from search import query as queries, scoring
from search.engine import Engine
from web.app import create_app
from web.cli import main

from .conftest import write
from .strategies import hostile_text

FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Generous for a loaded machine; an unbounded expansion or a scan of every document
# of the wide vocabulary below takes far longer.
SECONDS = 2.0
# Words sharing one prefix: a prefix query must not visit all of them.
WIDE = 5000

SYNTAX = [
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    '"',
    "*",
    "-",
    "+",
    ":",
    "title:",
    "body:",
    "path:",
    "nosuchfield:",
    "^",
    "~",
    "[",
    "]",
    "{",
    "}",
    "\\",
    "'",
    "؟",
    "ال*",
]
query_text = st.lists(
    st.one_of(
        hostile_text,
        st.sampled_from(SYNTAX),
        st.sampled_from(["العلاقات", "الاقتصاد", "كتب", "وزير"]),
    ),
    max_size=12,
).map(" ".join)
HOSTILE = [
    "*",
    "**",
    "?",
    "\ud800*",
    "title:\udcff*",
    '"',
    '"العلاقات',
    "(((",
    ")",
    "AND",
    "NOT NOT",
    "title:",
    ":",
    "nosuchfield:كتب",
    "كت*",
    "ك*",
    "ال*",
    "title:(",
    "-",
    "+-*",
    "\x00",
    "\x1b[2J",
    "\ud800",
    "كتب\udcff",
    "[a TO",
    "{a TO b}",
    "كتب~2",
    "كتب^9999",
    "العلاقات " * 2000,
]


def _wide_words():
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    return (f"كتب{a}{b}{c}" for a in letters for b in letters for c in letters)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    seeds, index_dir = root / "seeds", root / "index"
    write(seeds, "relations.txt", "بوتين يبحث العلاقات الثنائية\nناقش الرئيسان العلاقات.")
    write(seeds, "economy.txt", "الاقتصاد السعودي ينمو\nقال وزير المالية إن الاقتصاد ينمو.")
    wide = [w for w, _ in zip(_wide_words(), range(WIDE))]
    for i in range(0, WIDE, 100):
        write(seeds, f"wide/{i}.txt", f"كتب كثيرة\n{' '.join(wide[i : i + 100])}")
    update_index(seeds, index_dir)
    return index_dir


@pytest.fixture(scope="module")
def engine(index_dir):
    return Engine(index_dir)


@pytest.fixture(scope="module")
def client(index_dir):
    return create_app(index_dir).test_client()


def _timed(call, *args, **kwargs):
    start = time.perf_counter()
    value = call(*args, **kwargs)
    assert time.perf_counter() - start < SECONDS
    return value


@FUZZ
@given(query_text)
@example("العلاقات " * 2000)
def test_the_parser_answers_every_query(engine, text):
    _timed(queries.parse, engine.view().parser, text)


@FUZZ
@given(query_text)
def test_the_engine_answers_every_query_in_bounded_time(engine, text):
    result = _timed(engine.search, text)
    assert result.total >= len(result.hits)
    assert len({h.path for h in result.hits}) == len(result.hits)


@pytest.mark.parametrize("text", HOSTILE)
def test_the_engine_answers_hostile_queries(engine, text):
    _timed(engine.search, text)


@pytest.mark.parametrize(
    "text",
    [
        "كت*",
        "كتب*",
        "title:كت* OR body:كت*",
        "كت* -وزير",
        "(كت* AND كتب) NOT وزير",
        '"كتب كثيرة" كت*',
    ],
)
def test_a_prefix_query_visits_a_bounded_part_of_the_vocabulary(index_dir, monkeypatch, text):
    engine = Engine(index_dir)  # its own: a shared one would have the expansions cached
    reader_type = type(engine.view().searcher.reader())
    visited = []

    def counting(method):
        def visit(self, field, prefix):
            for item in method(self, field, prefix):
                visited.append(item)
                yield item

        return visit

    # bahth's expansions, and Whoosh's own, which a query left to Whoosh would use.
    for name in ("iter_prefix", "expand_prefix"):
        monkeypatch.setattr(reader_type, name, counting(getattr(reader_type, name)))
    result = engine.search(text)
    assert result.total  # the wide documents do match
    # Each field's prefix is read once (scoring and matching share the expansions).
    assert scoring.PREFIX_SCAN < WIDE
    assert 0 < len(visited) <= len(queries.FIELDS) * scoring.PREFIX_SCAN


@pytest.mark.slow  # runs the CLI for each generated query
@FUZZ
@given(query_text)
def test_bahth_search_exits_cleanly(index_dir, text):
    result = _timed(CliRunner().invoke, main, ["search", text, "--index", str(index_dir)])
    _assert_clean_exit(result)


@pytest.mark.parametrize("text", HOSTILE + ["--", "-n", "--help-me", "-x"])
def test_bahth_search_exits_cleanly_on_hostile_queries(index_dir, text):
    for extra in ([], ["--json"]):
        result = _timed(
            CliRunner().invoke, main, ["search", *extra, "--index", str(index_dir), "--", text]
        )
        _assert_clean_exit(result)


def test_bahth_search_refuses_a_queries_file_that_is_not_utf8(index_dir, tmp_path):
    queries_file = tmp_path / "queries.txt"
    queries_file.write_bytes("العلاقات\n".encode() + b"\xff\xfe\xc3(\n")
    result = CliRunner().invoke(
        main, ["search", "--queries", str(queries_file), "--index", str(index_dir)]
    )
    _assert_clean_exit(result)
    assert result.exit_code == 2 and "UTF-8" in result.stderr


def _assert_clean_exit(result):
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.strip()


def _url(path, text):
    # Lone surrogates go out as the invalid UTF-8 bytes a hostile client would send.
    return f"{path}?q={quote(text.encode('utf-8', 'surrogatepass'))}"


@pytest.mark.slow  # one request per generated query
@FUZZ
@given(query_text)
def test_the_api_answers_every_query_with_200_or_400(client, text):
    response = _timed(client.get, _url("/api/search", text))
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]
    body = response.get_json()
    if response.status_code == 400:
        assert body["error"]
    else:
        assert len({h["path"] for h in body["hits"]}) == len(body["hits"])


@pytest.mark.parametrize("text", HOSTILE)
def test_the_api_and_the_page_answer_hostile_queries(client, text):
    for path in ("/api/search", "/search"):
        response = _timed(client.get, _url(path, text))
        assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize(
    "raw",
    [
        "%00",
        "%ff%fe",
        "%",
        "%%32%65",
        "%c0%af",
        "a&q=b&q=c",
        "%E2%80%AE%D9%83",
        "x&page=-1",
        "x&per_page=1e9",
    ],
)
def test_the_api_answers_malformed_query_strings(client, raw):
    assert client.get("/api/search?q=" + raw).status_code in (200, 400)
