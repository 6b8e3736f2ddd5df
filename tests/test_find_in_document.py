"""The document page's own search box: every match of its query marked, numbered
and counted, found as search finds words, with links to the one before and after."""

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from indexer.build import update_index
from search import inside
from search.engine import Engine
from web.app import create_app

from .conftest import write_all

TALKS = "سياسة/محادثات.txt"
DOCS = {
    TALKS: "محادثات حول العلاقات\n"
    "ناقش الرئيسان الْعَلَاقَاتِ الثنائية.\n\n"
    "وقال إن علاقتنا بالجيران قوية، وإن العلاقة مع الشركاء تتحسن.\n"
    "واختتمت المحادثات ببيان مشترك.",
    "تكرار.txt": "تكرار\n" + "مطر " * (inside.MAX_MARKS + 200),
}


@pytest.fixture
def client(seeds, index_dir):
    write_all(seeds, DOCS)
    update_index(seeds, index_dir)
    return create_app(index_dir).test_client()


def document(client, path, **args):
    response = client.get("/doc/" + quote(path), query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def marked(html):
    return re.findall(r'<mark id="m(\d+)">([^<]*)</mark>', html)


def step(html, rel):
    """The query of the previous or next link, and its anchor."""
    href = re.search(rf'<a class="{rel}" rel="{rel}" href="([^"]+)"', html).group(1)
    url = urlsplit(href.replace("&amp;", "&"))
    return {k: v[0] for k, v in parse_qs(url.query).items()}, url.fragment


def test_every_inflected_form_is_marked_numbered_and_counted(client):
    html = document(client, TALKS, q="علاقة")
    # As snippets find words: with ال, diacritics, suffixes and ة written ت.
    assert marked(html) == [
        ("1", "العلاقات"),
        ("2", "الْعَلَاقَاتِ"),
        ("3", "علاقتنا"),
        ("4", "العلاقة"),
    ]
    status = re.search(r'<p class="matches" role="status">(.*?)</p>', html, re.S).group(1)
    assert "التطابق" in status and "١</span> من ٤" in status
    assert 'id="find-q" name="q" type="search" value="علاقة"' in html


def test_previous_and_next_links_step_through_the_matches_and_wrap(client):
    first = document(client, TALKS, q="علاقة")
    assert step(first, "next") == ({"q": "علاقة", "at": "2"}, "m2")
    assert step(first, "prev") == ({"q": "علاقة", "at": "4"}, "m4")  # round to the last
    args, _ = step(first, "next")
    second = document(client, TALKS, **args)
    assert '<span class="at">٢</span>' in second
    assert step(second, "next")[0]["at"] == "3" and step(second, "prev")[0]["at"] == "1"
    last = document(client, TALKS, q="علاقة", at="4")
    assert step(last, "next")[0]["at"] == "1"
    # A number past the last match (the document changed) shows the last.
    assert '<span class="at">٤</span>' in document(client, TALKS, q="علاقة", at="9")
    assert client.get("/doc/" + quote(TALKS), query_string={"q": "x", "at": "0"}).status_code == 400


def test_a_query_the_document_lacks_says_so_and_links_nowhere(client):
    html = document(client, TALKS, q="الطقس")
    assert "لا تطابق لـ" in html and not marked(html) and 'rel="next"' not in html
    html = document(client, TALKS)
    assert 'class="matches"' not in html and 'id="find-q"' in html


def test_a_huge_number_of_matches_is_cut_and_the_page_says_so(client, index_dir):
    doc = Engine(index_dir).document("تكرار.txt", "مطر")
    assert (doc.matches, doc.more) == (inside.MAX_MARKS, True)
    html = document(client, "تكرار.txt", q="مطر")
    assert len(marked(html)) == inside.MAX_MARKS
    assert "مُيِّز أول ١٬٠٠٠ تطابق فقط" in html
    assert step(html, "prev")[0]["at"] == str(inside.MAX_MARKS)
