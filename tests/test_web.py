"""The web site and its JSON API, through Flask's test client."""

import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from indexer.build import update_index
from search import engine as search_engine
from web import numerals
from web.app import create_app
from web.paging import Pagination
from web.params import MAX_QUERY

from .conftest import islands, serving, write, write_all

RELATIONS = "سياسة/بوتين يبحث العلاقات.txt"
ECONOMY = "اقتصاد/تقرير الربع الثالث.txt"
UNSAFE = "unsafe.txt"
DOCS = {
    RELATIONS: "بوتين يبحث العلاقات الثنائية\n"
    "ناقش الرئيسان الْعَلَاقَاتِ الثنائية وملفات دولية.\n\n"
    "وقال إن الألعاب الأولمبية الشتوية ستقام في بكين.",
    ECONOMY: "الاقتصاد السعودي ينمو\nارتفع الناتج المحلي 3.5% في عام 2024 وتحسنت مؤشرات الاقتصاد.",
    "hospital.txt": "افتتاح مستشفى جديد\nافتتح وزير الصحة مستشفى للأطفال في الرياض.",
    UNSAFE: "عنوان <script>alert('t')</script> خطر\n"
    "نص فيه <b>وسم</b> و<img src=x onerror=alert(1)> وكلمة خطر & رموز.",
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@pytest.fixture
def app(seeds, index_dir):
    write_all(seeds, DOCS)
    update_index(seeds, index_dir)
    return create_app(index_dir)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def many(seeds, index_dir):
    """25 matching documents: three pages of ten."""
    for i in range(25):
        write(seeds, f"news/{i:02}.txt", f"خبر رقم {i}\nتقرير عن الاقتصاد والتجارة رقم {i}.")
    update_index(seeds, index_dir)
    return create_app(index_dir).test_client()


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def without_own_script(html):
    """The page without the site's own scripts (completions in the search box,
    moving between a document's matches)."""
    for name in ("complete.js", "find.js"):
        html = html.replace(f'<script src="/static/{name}" defer></script>', "", 1)
    return html


def doc_url(path, q=None):
    url = "/doc/" + quote(path)
    return url + "?q=" + quote_plus(q) if q else url


# --- home -------------------------------------------------------------------


def test_home_is_arabic_rtl_with_a_focused_plain_get_form(client):
    html = page(client, "/")
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r'<form[^>]*action="/search"[^>]*method="get"', html)
    assert re.search(r'<input[^>]*name="q"[^>]*autofocus', html)
    # Nothing depends on JavaScript: the one script only adds completions to the form.
    assert "<script" not in without_own_script(html)


def test_pages_load_nothing_from_outside_the_site(client):
    for url in ["/", "/search?q=" + quote("الاقتصاد"), doc_url(ECONOMY)]:
        html = page(client, url)
        for ref in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert ref.startswith("/") and not ref.startswith("//"), ref
    css = page(client, "/static/style.css")
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


def test_a_query_on_home_goes_to_the_results(client):
    response = client.get("/?q=" + quote("الاقتصاد"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/search?q=")
    assert client.get("/search?q=").headers["Location"] == "/"


# --- results ----------------------------------------------------------------


def test_results_show_count_time_title_link_path_and_marked_snippet(client):
    html = page(client, "/search?q=" + quote("العلاقات"))
    assert 'value="العلاقات"' in html  # the box keeps the query
    assert "نتيجة واحدة في " in html and "ثانية" in html
    assert f'href="{doc_url(RELATIONS, "العلاقات")}"' in html
    assert "<mark>الْعَلَاقَاتِ</mark>" in html
    assert "بوتين يبحث <mark>العلاقات</mark> الثنائية" in html  # the marked title
    assert f'<bdi dir="auto">{RELATIONS}</bdi>' in html


def test_counts_and_times_are_written_in_arabic_digits(many):
    html = page(many, "/search?q=" + quote("الاقتصاد"))
    assert "٢٥ نتيجة في " in html
    assert "الصفحة ١ من ٣" in html
    assert not re.search(r'class="stats">[^<]*[0-9]', html)


def test_document_text_is_escaped_and_only_marks_are_markup(client):
    html = page(client, "/search?q=" + quote("خطر"))
    assert (
        "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in html
        or "&lt;script&gt;alert('t')&lt;/script&gt;" in html
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in without_own_script(html) and "<img" not in html and "<b>" not in html
    assert "<mark>خطر</mark>" in html


def test_a_query_is_escaped_wherever_it_is_shown(client):
    q = '<script>alert(1)</script> "><b>x'
    html = page(client, "/search?q=" + quote(q))
    assert "<script" not in without_own_script(html) and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_no_hits_says_so_and_shows_the_results_of_a_close_indexed_word(client):
    html = page(client, "/search?q=" + quote("العلاكات"))
    assert "لا توجد نتائج لـ «<bdi>العلاكات</bdi>»، فهذه نتائج «<bdi>العلاقات</bdi>»" in html
    assert "هل تقصد:" not in html and 'class="hits"' in html
    # The hit opens with the correction's words marked; the box keeps what was typed.
    assert doc_url(RELATIONS, "العلاقات").replace("&", "&amp;") in html
    assert 'value="العلاكات"' in html


def test_a_slip_that_makes_a_known_word_is_included_and_named_above_its_hits(seeds, index_dir):
    write_all(seeds, islands(30))
    update_index(seeds, index_dir)
    client = create_app(index_dir).test_client()
    html = page(client, "/search?q=" + quote("الجزرة"))
    assert html.index("فهذه نتائجها ومعها نتائج") < html.index('class="hits"')
    assert f'href="/search?q={quote("الجزيرة")}"' in html
    body = json.loads(page(client, "/api/search?q=" + quote("الجزرة")))
    assert (body["suggestion"], body["included"]) == (None, "الجزيرة")
    # The three documents found as typed (جزر, islands, shares its stem) and the 30
    # of «الجزيرة».
    assert body["total"] == 33


def test_no_suggestion_when_nothing_is_close(client):
    html = page(client, "/search?q=" + quote("زلزال"))
    assert "لا توجد نتائج" in html and "هل تقصد" not in html


def test_a_query_of_only_stopwords_says_it_has_no_searchable_word(client):
    html = page(client, "/search?q=" + quote("في من ؟"))
    assert "ليس في استعلامك كلمة يمكن البحث عنها" in html


def test_pagination_links_previous_next_and_numbers(many):
    first = page(many, "/search?q=" + quote("الاقتصاد"))
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert '<span class="current" aria-current="page">١</span>' in first
    second = page(many, "/search?q=" + quote("الاقتصاد") + "&page=2")
    assert 'rel="prev"' in second and 'rel="next"' in second
    assert f'href="/search?q={quote("الاقتصاد")}&amp;page=3"' in second
    assert second.count('<li class="hit">') == 10
    last = page(many, "/search?q=" + quote("الاقتصاد") + "&page=3")
    assert 'rel="next"' not in last and last.count('<li class="hit">') == 5


def test_page_size_is_kept_in_page_links_and_bounded(many):
    html = page(many, "/search?q=" + quote("الاقتصاد") + "&per_page=5")
    assert html.count('<li class="hit">') == 5
    assert "per_page=5" in html
    page(many, "/search?q=" + quote("الاقتصاد") + "&per_page=101", 400)
    page(many, "/search?q=" + quote("الاقتصاد") + "&per_page=0", 400)


def test_a_page_past_the_last_says_so(many):
    html = page(many, "/search?q=" + quote("الاقتصاد") + "&page=9")
    assert "الصفحة ٩ بعد نهاية النتائج: ٢٥ نتيجة في ٣ صفحات." in html
    assert "الصفحة ٩ من ٣" not in html
    assert f'href="/search?q={quote("الاقتصاد")}&amp;page=3">الذهاب إلى الصفحة الأخيرة' in html


def test_a_query_that_only_excludes_lists_the_other_documents(client):
    html = page(client, "/search?q=" + quote("-بوتين"))
    assert "ليس في استعلامك كلمة يمكن البحث عنها" not in html
    assert "٣ نتائج" in html and "التي يسمح بها، الأحدث أولًا" in html
    body = json.loads(page(client, "/api/search?q=" + quote("-بوتين")))
    assert body["total"] == 3
    assert RELATIONS not in {h["path"] for h in body["hits"]}


def test_pagination_window():
    assert Pagination(1, 1).numbers == [1]
    assert Pagination(1, 3).numbers == [1, 2, 3]
    assert Pagination(10, 20).numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    deep = Pagination(search_engine.MAX_PAGE, 10_000)
    assert deep.last == search_engine.MAX_PAGE and deep.next is None


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        f"page={search_engine.MAX_PAGE + 1}",
        "page=99999999999999999999",
        "per_page=x",
    ],
)
def test_bad_page_parameters_are_a_clear_400(client, query):
    html = page(client, "/search?q=" + quote("الاقتصاد") + "&" + query, 400)
    assert "خطأ ٤٠٠" in html and ("رقم الصفحة" in html or "عدد النتائج" in html)
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.parametrize(
    "query, bad",
    [
        ("الاقتصاد", "page=0"),
        ("الاقتصاد", "page=abc"),
        ("الاقتصاد", "per_page=1000"),
        ("ا" * 600, ""),
    ],
)
def test_an_error_page_keeps_the_query_and_speaks_arabic(client, query, bad):
    html = page(client, "/search?q=" + quote(query) + "&" + bad, 400)
    assert f'value="{query}"' in html  # to be mended, not typed again
    section = re.search(r'<section class="error">(.*?)</section>', html, re.S).group(1)
    message = re.sub(r"<[^>]*>", "", section)
    assert not re.search(r"[A-Za-z]", message), message  # no parameter named in English


def test_an_overlong_query_is_a_clear_400(client):
    html = page(client, "/search?q=" + quote("ا" * (MAX_QUERY + 1)), 400)
    assert "النص أطول من ٥٠٠ حرف" in html
    page(client, "/search?q=" + quote("ا" * MAX_QUERY))


# --- document page ----------------------------------------------------------


def test_document_page_shows_the_whole_document_with_the_query_marked(client):
    html = page(client, doc_url(RELATIONS, "الألعاب العلاقات"))
    assert '<h1 dir="auto">بوتين يبحث <mark id="m1">العلاقات</mark> الثنائية</h1>' in html
    assert (
        '<p dir="auto">ناقش الرئيسان <mark id="m2">الْعَلَاقَاتِ</mark> الثنائية وملفات دولية.</p>'
    ) in html
    assert 'وقال إن <mark id="m3">الألعاب</mark> الأولمبية الشتوية ستقام في بكين.' in html
    assert f'href="/search?q={quote_plus("الألعاب العلاقات")}"' in html  # back to the results
    assert 'value="الألعاب العلاقات"' in html


def test_document_page_without_a_query_marks_nothing(client):
    html = page(client, doc_url(ECONOMY))
    assert "الاقتصاد السعودي ينمو" in html and "<mark>" not in html
    assert "3.5% في عام 2024" in html


def test_document_page_escapes_the_document(client):
    html = page(client, doc_url(UNSAFE, "خطر"))
    assert "<script" not in without_own_script(html) and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&amp; رموز" in html
    assert '<mark id="m1">خطر</mark>' in html


def test_result_links_open_documents_in_subfolders_with_spaces(client):
    html = page(client, "/search?q=" + quote("الناتج"))
    href = re.search(r'<h2><a href="([^"]+)"', html).group(1)
    assert "الاقتصاد السعودي ينمو" in page(client, href.replace("&amp;", "&"))


@pytest.mark.parametrize(
    "url",
    [
        "/doc/nothing.txt",
        "/doc/../pyproject.toml",
        "/doc/..%2Fpyproject.toml",
        "/doc/%2e%2e/%2e%2e/pyproject.toml",
        "/doc//etc/passwd",
        "/doc/%2Fetc%2Fpasswd",
        "/doc/" + quote(str(search_engine.__file__)),
        "/doc/seeds/hospital.txt",
    ],
)
def test_only_indexed_documents_are_served(client, url):
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "خطأ ٤٠٤" in html
    assert "root:" not in html and "[project]" not in html


# --- API --------------------------------------------------------------------


def test_api_search_shape(client):
    response = client.get("/api/search?q=" + quote("العلاقات"))
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert set(body) == {
        "query",
        "total",
        "page",
        "pages",
        "per_page",
        "took_ms",
        "hits",
        "suggestion",
        "facets",
        "filters",
        "sort",
        "corrected_from",
        "unknown",
        "included",
    }
    assert (body["query"], body["total"], body["page"], body["per_page"]) == ("العلاقات", 1, 1, 10)
    assert isinstance(body["took_ms"], float) and body["suggestion"] is None
    [hit] = body["hits"]
    assert set(hit) == {
        "path",
        "title",
        "score",
        "snippet",
        "url",
        "format",
        "date",
        "page",
        "copies",
    }
    assert hit["path"] == RELATIONS and hit["title"] == "بوتين يبحث العلاقات الثنائية"
    assert "<mark>الْعَلَاقَاتِ</mark>" in hit["snippet"]
    assert hit["url"] == doc_url(RELATIONS, "العلاقات")
    assert client.get(hit["url"]).status_code == 200


def test_api_search_corrects_and_escapes(client):
    body = client.get("/api/search?q=" + quote("العلاكات")).get_json()
    assert (body["query"], body["corrected_from"], body["suggestion"]) == (
        "العلاقات",
        "العلاكات",
        None,
    )
    assert body["hits"][0]["url"] == doc_url(RELATIONS, "العلاقات")
    hit = client.get("/api/search?q=" + quote("خطر")).get_json()["hits"][0]
    assert "<script>" in hit["title"]  # plain text: escaping is the reader's business
    assert "<img" not in hit["snippet"] and "&lt;img" in hit["snippet"]


def test_api_search_pages(many):
    body = many.get("/api/search?q=" + quote("الاقتصاد") + "&page=3&per_page=10").get_json()
    assert body["total"] == 25 and body["page"] == 3 and len(body["hits"]) == 5


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=",
        "q=%20",
        "q=x&page=abc",
        "q=x&page=0",
        f"q=x&page={search_engine.MAX_PAGE + 1}",
        "q=x&per_page=1000",
        "q=" + "x" * (MAX_QUERY + 1),
    ],
)
def test_api_bad_parameters_are_400_json(client, query):
    response = client.get("/api/search?" + query)
    assert response.status_code == 400 and response.is_json
    assert set(response.get_json()) == {"error"} and response.get_json()["error"]


def test_api_analyze_matches_the_cli(client, bahth):
    text = "الْعَلَاقَاتِ الثنائية في 2024"
    response = client.get("/api/analyze?text=" + quote(text))
    assert response.status_code == 200
    assert response.get_json() == json.loads(bahth("analyze", text, "--json").stdout)
    assert client.get("/api/analyze").status_code == 400


def test_healthz_counts_documents(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "documents": len(DOCS)}


# --- errors and safety -------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=x",
        "/doc/nothing",
        "/api/search?q=x",
        "/api/search",
        "/healthz",
        "/static/style.css",
        "/nowhere",
    ],
)
def test_security_headers_on_every_response(client, url):
    headers = client.get(url).headers
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp


def test_a_missing_index_is_explained_not_a_crash(tmp_path):
    client = create_app(tmp_path / "none").test_client()
    html = page(client, "/search?q=" + quote("الاقتصاد"), 503)
    assert "لم يُبنَ الفهرس بعد" in html and '<html lang="ar" dir="rtl">' in html
    assert client.get("/api/search?q=x").status_code == 503
    assert client.get("/healthz").status_code == 503
    assert client.get("/").status_code == 200


def test_an_unexpected_error_is_a_500_page_without_a_traceback(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(search_engine.Engine, "search", broken)
    client = app.test_client()
    html = page(client, "/search?q=x", 500)
    assert "خطأ ٥٠٠" in html and "secret" not in html and "Traceback" not in html
    response = client.get("/api/search?q=x")
    assert response.status_code == 500 and "secret" not in response.get_data(as_text=True)


def test_other_methods_and_big_bodies_are_refused(client):
    assert client.post("/search?q=x").status_code == 405
    assert "خطأ ٤٠٥" in client.post("/search?q=x").get_data(as_text=True)
    assert client.get("/search?q=x", data="x" * 100_000).status_code == 413


def test_debug_is_off(app):
    assert not app.debug


# --- Arabic numbers ---------------------------------------------------------


@pytest.mark.parametrize(
    "n, text",
    [
        (0, "لا نتائج"),
        (1, "نتيجة واحدة"),
        (2, "نتيجتان"),
        (3, "٣ نتائج"),
        (10, "١٠ نتائج"),
        (11, "١١ نتيجة"),
        (100, "١٠٠ نتيجة"),
        (103, "١٠٣ نتائج"),
        (1250, "١٬٢٥٠ نتيجة"),
    ],
)
def test_result_counts_agree_in_arabic(n, text):
    assert numerals.results(n) == text


@pytest.mark.parametrize(
    "n, pages, copies",
    [
        (1, "صفحة واحدة", "نسخة مشابهة"),
        (2, "صفحتين", "نسختان مشابهتان"),
        (3, "٣ صفحات", "٣ نسخ مشابهة"),
        (11, "١١ صفحة", "١١ نسخة مشابهة"),
    ],
)
def test_page_and_copy_counts_agree_in_arabic(n, pages, copies):
    assert numerals.pages(n) == pages and numerals.copies(n) == copies


def test_seconds_in_arabic():
    assert numerals.seconds(20.4) == "٠٫٠٢ ثانية"
    assert numerals.seconds(1500) == "١٫٥٠ ثانية"
    assert numerals.seconds(3) == "أقل من ٠٫٠١ ثانية"


# --- bahth serve ------------------------------------------------------------


def test_serve_prints_its_address_and_serves_the_site(seeds, index_dir):
    write(seeds, "a.txt", "الاقتصاد\nنص عن الاقتصاد.")
    update_index(seeds, index_dir)
    with serving("--index", str(index_dir)) as server:
        with urllib.request.urlopen(server.address + "healthz", timeout=10) as response:
            assert json.load(response)["documents"] == 1


def test_serve_answers_long_queries_in_a_process_of_their_own(seeds, index_dir):
    write(seeds, "a.txt", "الاقتصاد\nنص عن الاقتصاد والتجارة والصناعة في المملكة.")
    write(seeds, "b.txt", "الطقس\nالطقس حار في المملكة اليوم.")
    update_index(seeds, index_dir)
    queries = [
        # More than eight words, or a prefix: long (search/query.py).
        "الاقتصاد والتجارة والصناعة في المملكة هذا العام مع الشركات الكبرى",
        "الاق*",
        # Short, but its «did you mean» looks for spelling candidates: answered
        # there too, by the correction's hits.
        "الاقتصات",
        # Short: answered by the server's own engine.
        "الطقس",
    ]
    engine = search_engine.Engine(index_dir)
    with serving("--index", str(index_dir)) as server:
        children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
        commands = [
            Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children.read_text().split()
        ]
        assert any(b"spawn_main" in command for command in commands)
        for q in queries:
            url = server.address + "api/search?q=" + quote(q)
            with urllib.request.urlopen(url, timeout=30) as response:
                body = json.load(response)
            expected, suggestion = engine.answer(q)
            assert body["total"] == expected.total > 0
            assert [h["path"] for h in body["hits"]] == [h.path for h in expected.hits]
            assert [h["snippet"] for h in body["hits"]] == [h.snippet for h in expected.hits]
            assert body["suggestion"] == suggestion
            assert body["corrected_from"] == expected.corrected_from
        assert body["corrected_from"] is None and expected.total  # «الطقس»
    assert engine.answer("الاقتصات")[0].corrected_from == "الاقتصات"


def test_a_deep_page_is_answered_by_the_long_query_process(seeds, index_dir, monkeypatch):
    from web.current_engine import LONG_QUERIES

    monkeypatch.setattr(search_engine, "DEEP", 4)  # pages that end past 4 hits

    # Enough documents that the word is no slip: no spelling candidates to refer.
    for i in range(8):
        write(seeds, f"{i}.txt", f"الطقس {i}\nالطقس حار في المنطقة رقم {i} اليوم.")
    update_index(seeds, index_dir)
    app = create_app(index_dir)
    engine, asked = search_engine.Engine(index_dir), []

    class Process:  # answers as the long-query process would, and says which
        def answer(self, *args):
            asked.append(args[1:3])
            return engine.answer(*args)

    app.extensions[LONG_QUERIES] = Process()
    client = app.test_client()
    for page, per_page in [(1, 4), (2, 4), (1, 8), (2, 2)]:
        answer = client.get(
            "/api/search", query_string={"q": "الطقس", "page": page, "per_page": per_page}
        )
        assert len(answer.get_json()["hits"]) == per_page
    assert asked == [(2, 4), (1, 8)]


def test_serve_binds_loopback_by_default(bahth):
    assert "127.0.0.1" in bahth("serve", "--help").stdout


def test_an_error_the_server_could_not_receive_is_sent_as_its_message():
    from web.long_queries import _raise_sendable

    class Unsendable(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a} and {b}")

    with pytest.raises(RuntimeError, match="Unsendable: 1 and 2"):
        _raise_sendable(Unsendable(1, 2))
    with pytest.raises(ValueError, match="page"):
        _raise_sendable(ValueError("page"))


def test_a_long_query_the_process_does_not_answer_in_time_is_refused(index_dir):
    import time

    from search import filters
    from search.lane import Busy
    from web.long_queries import LongQueries

    process = LongQueries(index_dir, timeout=0.5)
    try:
        process._pool.apply_async(time.sleep, (3,))  # the process is busy, as if stuck
        with pytest.raises(Busy, match="0.5 s"):
            process.answer("الاقتصاد " * 10, 1, 10, filters.EVERYTHING)
    finally:
        process.close()
