"""The site lets no one in: markup from documents, names or queries is inert, only
indexed documents are served, every answer carries a strict policy, and nothing
debugs, overflows or listens beyond this machine unless told to."""

import http.client
import re
import socket
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest

from indexer.build import update_index
from search import engine as search_engine
from web import serve
from web.app import create_app
from web.cli import main

from .conftest import serving, write, write_all

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>"
HOSTILE_NAME = 'x"><img src=x onerror=alert(4)>.txt'
DOCS = {
    "safe.txt": "الاقتصاد السعودي\nنص عن الاقتصاد والتجارة.",
    "evil/"
    + HOSTILE_NAME: f"عنوان {XSS} الاقتصاد\nنص الاقتصاد {XSS} عن الاقتصاد و<iframe src=//x> "
    "javascript:alert(5) &amp; &lt;b&gt; الأخبار.",
    "evil/again.txt": f"تقرير {XSS}\nتراجع الاقتصاد {XSS} هذا العام.",
}
SECRET = "كلمةسريةخارجالمجلد"


@pytest.fixture
def app(tmp_path, seeds, index_dir):
    write_all(seeds, DOCS)
    (tmp_path / "secret.txt").write_text(f"سر\n{SECRET}", encoding="utf-8")
    # In the seeds folder, but in no format bahth reads: never indexed.
    write(seeds, "not-indexed.rtf", f"سر\n{SECRET}")
    update_index(seeds, index_dir)
    return create_app(index_dir, seeds)


@pytest.fixture
def client(app):
    return app.test_client()


class _Markup(HTMLParser):
    """Every tag and attribute a browser would see in a page."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and attrs in (
            [("src", "/static/complete.js"), ("defer", None)],
            [("src", "/static/find.js"), ("defer", None)],
        ):
            return  # the site's own scripts: completions, moving between a document's matches
        self.tags.add(tag)
        self.attrs += attrs


def _assert_inert(html):
    markup = _Markup()
    markup.feed(html)
    assert not markup.tags & {"script", "img", "svg", "iframe", "object", "embed", "style", "b"}
    for name, value in markup.attrs:
        assert not name.startswith("on"), (name, value)
        assert name != "style"
        assert not (value or "").strip().lower().startswith("javascript:")


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


# --- escaping ---------------------------------------------------------------


@pytest.mark.parametrize("q", ["الاقتصاد", XSS, f"الاقتصاد {XSS}", f'"{XSS}', "الاقتصد <b>x</b>"])
def test_results_pages_are_inert_whatever_the_query_and_documents(client, q):
    html = _get(client, "/search?q=" + quote(q))
    _assert_inert(html)
    assert "&lt;script&gt;" in html or "<script" not in q


def test_a_suggestion_built_from_a_hostile_query_is_escaped(client):
    html = _get(client, "/search?q=" + quote(f"الاقتصد {XSS}"))
    # «الاقتصد» is in no document, and the two evil ones write «الاقتصاد» before
    # the markup: the suggestion's results are shown, and the word named.
    assert "في أي وثيقة" in html
    _assert_inert(html)


@pytest.mark.parametrize("q", [None, "الاقتصاد", XSS])
def test_document_pages_are_inert(client, q):
    url = "/doc/" + quote("evil/" + HOSTILE_NAME) + (f"?q={quote(q)}" if q else "")
    html = _get(client, url)
    _assert_inert(html)
    assert "&lt;iframe" in html and "&amp;amp;" in html  # shown as text, entities kept


def test_the_api_returns_plain_titles_and_escaped_snippets(client):
    body = client.get("/api/search?q=" + quote(f"الاقتصاد {XSS}")).get_json()
    evil = next(h for h in body["hits"] if h["path"].startswith("evil/"))
    assert XSS in evil["title"]  # plain text: JSON is not HTML
    _assert_inert(evil["snippet"])
    assert "&lt;<mark>script</mark>&gt;" in evil["snippet"]
    assert evil["url"].startswith("/doc/evil/") and '"' not in evil["url"]


def test_json_answers_are_json_not_html(client):
    response = client.get("/api/search?q=" + quote(XSS))
    assert response.mimetype == "application/json"
    assert client.get("/api/analyze?text=" + quote(XSS)).mimetype == "application/json"


# --- only indexed documents --------------------------------------------------

TRAVERSALS = [
    "../secret.txt",
    "..%2fsecret.txt",
    "..%2Fsecret.txt",
    "%2e%2e/secret.txt",
    "%2e%2e%2fsecret.txt",
    "..%5csecret.txt",
    "..\\secret.txt",
    "%252e%252e%252fsecret.txt",
    "..%252fsecret.txt",
    "....//secret.txt",
    "..%c0%afsecret.txt",
    "%2f%2e%2e%2fsecret.txt",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "//etc/passwd",
    "C:%5cWindows%5cwin.ini",
    "safe.txt%00.md",
    "safe.txt%00",
    "%00",
    "not-indexed.rtf",
    "evil/..%2f..%2fsecret.txt",
    "./safe.txt",
    "evil/../safe.txt",
    "safe.txt/",
    "SAFE.TXT",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_doc_serves_no_file_outside_the_index(client, path):
    # Werkzeug merges doubled slashes with a redirect to this site's /doc/ (followed here).
    response = client.get("/doc/" + path, follow_redirects=True)
    for hop in response.history:
        assert urlsplit(hop.location).netloc == "localhost"
        assert urlsplit(hop.location).path.startswith("/doc/")
    assert response.status_code in (400, 404)
    html = response.get_data(as_text=True)
    assert SECRET not in html and "root:" not in html
    _assert_inert(html)


def test_doc_serves_an_indexed_document_under_its_exact_path(client):
    assert "الاقتصاد السعودي" in _get(client, "/doc/safe.txt")


@pytest.mark.parametrize("path", TRAVERSALS)
def test_file_downloads_no_file_outside_the_index(client, path):
    response = client.get("/file/" + path, follow_redirects=True)
    for hop in response.history:
        assert urlsplit(hop.location).path.startswith("/file/")
    assert response.status_code in (400, 404)
    assert SECRET not in response.get_data(as_text=True)


def test_file_downloads_an_indexed_original_as_an_attachment(client):
    response = client.get("/file/safe.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.headers["Content-Disposition"] == "attachment; filename=safe.txt"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_data(as_text=True) == DOCS["safe.txt"]


def test_file_refuses_an_indexed_path_now_linked_outside_the_seeds(client, seeds, tmp_path):
    # The index still names safe.txt; the file became a link to one outside.
    (seeds / "safe.txt").unlink()
    (seeds / "safe.txt").symlink_to(tmp_path / "secret.txt")
    response = client.get("/file/safe.txt")
    assert response.status_code == 404 and SECRET not in response.get_data(as_text=True)


# --- the policy on every answer ----------------------------------------------

STRICT = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def _answers(client, app, monkeypatch):
    yield client.get("/")
    yield client.get("/search?q=x")
    yield client.get("/search?q=")  # redirect
    yield client.get("/?q=x")  # redirect
    yield client.get("/doc/safe.txt")
    yield client.get("/doc/nothing")  # 404
    yield client.get("/api/search?q=x")
    yield client.get("/api/search?page=0")  # 400
    yield client.get("/search?q=x&page=abc")  # 400
    yield client.post("/search?q=x")  # 405
    yield client.get("/search?q=x", data="x" * 100_000)  # 413
    yield client.get("/static/style.css")
    yield client.get("/healthz")
    yield create_app(app.extensions["bahth"].index_dir / "nowhere").test_client().get("/healthz")
    monkeypatch.setattr(search_engine.Engine, "search", lambda *a, **k: 1 / 0)
    yield client.get("/search?q=x")  # 500


def test_every_answer_carries_a_strict_content_security_policy(client, app, monkeypatch):
    statuses = set()
    for response in _answers(client, app, monkeypatch):
        statuses.add(response.status_code)
        policy = dict(
            d.strip().split(" ", 1)
            for d in response.headers["Content-Security-Policy"].split(";")
            if d.strip()
        )
        for directive, value in STRICT.items():
            assert policy[directive] == value, (response.status_code, directive)
        assert not any(
            w in v
            for v in policy.values()
            for w in ("unsafe-inline", "unsafe-eval", "*", "data:", "http:")
        )
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
    assert statuses == {200, 302, 400, 404, 405, 413, 500, 503}


def test_pages_need_no_inline_script_or_style(client):
    for url in ("/", "/search?q=الاقتصاد", "/doc/safe.txt", "/nowhere"):
        html = client.get(url).get_data(as_text=True)
        assert "<style" not in html and " style=" not in html
        # Scripts are the site's own files only: no inline code.
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert scripts and all(
            re.search(r'src="/static/[\w.]+\.js"', attrs) and not body for attrs, body in scripts
        )


# --- no debugging --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/console",
        "/console?__debugger__=yes&cmd=resource&f=style.css",
        "/?__debugger__=yes&cmd=printpid",
    ],
)
def test_no_debugger_is_reachable(client, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 404)  # / is the home page, nothing more
    assert "debugger" not in response.get_data(as_text=True).lower()
    assert "Werkzeug" not in response.get_data(as_text=True)


def test_flask_debug_in_the_environment_is_ignored(index_dir, seeds, monkeypatch):
    write(seeds, "a.txt", "خبر\nنص")
    update_index(seeds, index_dir)
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app(index_dir)
    assert not app.debug
    monkeypatch.setattr(search_engine.Engine, "search", lambda *a, **k: 1 / 0)
    response = app.test_client().get("/search?q=x")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Traceback" not in html and "ZeroDivisionError" not in html


# --- limits and binding ----------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_a_large_body_is_refused_whatever_the_method(client, method):
    response = client.open("/api/search?q=x", method=method, data=b"x" * 1_000_000)
    assert response.status_code == 413


def test_serve_listens_on_loopback_unless_told_otherwise(index_dir, monkeypatch):
    bound = []

    class Server:
        effective_host, effective_port = "127.0.0.1", 8000

        def run(self):
            pass

        def close(self):
            pass

    def create_server(app, **options):
        bound.append(options)
        return Server()

    monkeypatch.setattr(serve.waitress, "create_server", create_server)
    from click.testing import CliRunner

    runner = CliRunner()
    runner.invoke(main, ["serve", "--index", str(index_dir)], catch_exceptions=False)
    runner.invoke(
        main, ["serve", "--index", str(index_dir), "--host", "0.0.0.0"], catch_exceptions=False
    )
    assert [b["host"] for b in bound] == ["127.0.0.1", "0.0.0.0"]
    assert all(b["max_request_body_size"] <= 16 * 1024 for b in bound)


@pytest.fixture
def live(app, index_dir):
    """The real `bahth serve` on a free loopback port."""
    with serving("--index", str(index_dir)) as server:
        host, port = re.search(r"http://(127\.0\.0\.1):(\d+)/", server.address).groups()
        yield host, int(port)


def _raw(address, request):
    """The status of the answer to raw request bytes. Requests are kept just over the
    limits, so the server has read all of them when it answers and closes (unread bytes
    would make the kernel reset the connection and drop the answer)."""
    with socket.create_connection(address, timeout=10) as s:
        s.sendall(request)
        s.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1])


def test_the_live_server_refuses_large_and_chunked_bodies(live):
    # Refused on its announced length, before any of the body is read.
    announced = b"POST /api/search?q=x HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n"
    assert _raw(live, announced) == 413
    chunked = (
        b"GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in [b"y" * 8192] * 2 + [b"y" * 100])
    )
    assert _raw(live, chunked) == 413


def test_the_live_server_survives_oversized_and_broken_requests(live):
    long_line = b"GET /search?q=" + b"a" * 263_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert _raw(live, long_line) in (400, 414, 431)
    assert _raw(live, b"GARBAGE\r\n\r\n") == 400
    assert _raw(live, b"GET /doc/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n") in (400, 404)
    connection = http.client.HTTPConnection(*live, timeout=10)
    connection.request("GET", "/healthz")
    assert connection.getresponse().status == 200
