"""Filters, facets and date order, through the real CLI and the HTTP app, on files
with known folders and modification times."""

import datetime
import os
import re

import pytest

from indexer.build import update_index
from indexer.watch import Watcher
from search.engine import Engine
from search.filters import Narrow
from web.app import create_app

from .conftest import eventually, write

# path: (text, date of its modification time)
FILES = {
    "الرياض/محليات/a.txt": ("مطر أول\nهطلت الأمطار على الرياض", "2015-03-02"),
    "الرياض/محليات/b.txt": ("مطر ثان\nالأمطار مستمرة في الرياض", "2015-03-20"),
    "الرياض/رياضة/c.txt": ("مباراة\nأجلت الأمطار المباراة", "2015-04-11"),
    "جدة/d.txt": ("سيول\nالأمطار تغرق شوارع جدة", "2016-01-05"),
    "e.txt": ("طقس\nتوقعات الأمطار غدا", "2014-12-31"),
    "جدة/f.txt": ("اقتصاد\nارتفع مؤشر السوق", "2015-03-05"),
}


def _at_noon(path, day):
    noon = datetime.datetime.fromisoformat(day + "T12:00").timestamp()
    os.utime(path, (noon, noon))


@pytest.fixture
def dated(seeds, index_dir):
    for name, (text, day) in FILES.items():
        _at_noon(write(seeds, name, text), day)
    update_index(seeds, index_dir)
    return seeds


@pytest.fixture
def client(dated, index_dir):
    return create_app(index_dir).test_client()


def counts(entries):
    return {e["value"]: e["count"] for e in entries}


def test_facets_count_every_match_not_only_the_page(dated, search_json):
    result = search_json("الأمطار", "-n", "1")
    assert result["total"] == 5 and len(result["hits"]) == 1
    facets = result["facets"]
    assert counts(facets["folder"]) == {"الرياض": 3, "جدة": 1}  # e.txt is in no folder
    assert [e["value"] for e in facets["year"]] == ["2016", "2015", "2014"]
    assert counts(facets["year"]) == {"2016": 1, "2015": 3, "2014": 1}
    assert facets["month"] == []  # no year chosen
    assert counts(facets["type"]) == {"txt": 5}


def test_a_chosen_folder_counts_its_subfolders_and_a_chosen_year_its_months(dated, search_json):
    result = search_json(
        "الأمطار", "--folder", "الرياض", "--since", "2015-01-01", "--until", "2015-12-31"
    )
    assert sorted(h["path"] for h in result["hits"]) == [
        "الرياض/رياضة/c.txt",
        "الرياض/محليات/a.txt",
        "الرياض/محليات/b.txt",
    ]
    assert counts(result["facets"]["folder"]) == {"الرياض/محليات": 2, "الرياض/رياضة": 1}
    assert result["facets"]["month"] == [
        {"value": "2015-03", "count": 2},
        {"value": "2015-04", "count": 1},
    ]


def test_dates_are_inclusive_and_sorts_order_by_date(dated, search_json):
    result = search_json(
        "الأمطار", "--since", "2015-03-02", "--until", "2015-03-20", "--sort", "newest"
    )
    assert [h["path"] for h in result["hits"]] == ["الرياض/محليات/b.txt", "الرياض/محليات/a.txt"]
    oldest = search_json("الأمطار", "--sort", "oldest")
    assert [h["path"] for h in oldest["hits"]] == [
        "e.txt",
        "الرياض/محليات/a.txt",
        "الرياض/محليات/b.txt",
        "الرياض/رياضة/c.txt",
        "جدة/d.txt",
    ]


def test_the_query_language_filters_and_combines_with_operators(dated, search_json):
    def paths(query):
        return sorted(h["path"] for h in search_json(query)["hits"])

    assert paths("الأمطار folder:جدة") == ["جدة/d.txt"]
    assert paths("الأمطار -folder:الرياض") == ["e.txt", "جدة/d.txt"]
    assert paths("الأمطار date:2015-03-01..2015-03-31") == [
        "الرياض/محليات/a.txt",
        "الرياض/محليات/b.txt",
    ]
    assert paths("الأمطار date:..2014") == ["e.txt"]
    assert paths("الأمطار (folder:جدة OR folder:الرياض/رياضة)") == [
        "الرياض/رياضة/c.txt",
        "جدة/d.txt",
    ]
    assert paths("(الأمطار AND date:2016) OR السوق") == ["جدة/d.txt", "جدة/f.txt"]
    assert paths("الأمطار type:txt path:e.txt") == ["e.txt"]


def test_filters_beside_an_exclusion_narrow_it(dated, search_json):
    # Whoosh reads «-word folder:x» as folder:x AND NOT word: the folder is a filter.
    def paths(query):
        return sorted(h["path"] for h in search_json(query)["hits"])

    assert paths("-السوق folder:جدة") == ["جدة/d.txt"]
    assert paths("-الرياض الأمطار folder:الرياض") == ["الرياض/رياضة/c.txt"]
    assert paths("الأمطار -الرياض type:txt date:2015") == ["الرياض/رياضة/c.txt"]


def test_the_cli_prints_facets_and_refuses_bad_filters(dated, bahth):
    out = bahth("search", "الأمطار", "--facets").stdout
    assert "folder: الرياض (3), جدة (1)" in out and "year: 2016 (1), 2015 (3), 2014 (1)" in out
    for args, message in (
        (["--since", "2015-02-30"], "غير صالح"),
        (["--since", "2016-01-01", "--until", "2015-01-01"], "بعد"),
        (["--folder", "../etc"], "ليس داخل"),
        (["--type", "xls"], "غير معروف"),
    ):
        result = bahth("search", "الأمطار", *args, ok=False)
        assert result.exit_code == 2 and message in result.stderr
        assert "Traceback" not in result.output
    result = bahth("search", "الأمطار date:2015-13", ok=False)
    assert result.exit_code == 2 and "غير صالح" in result.stderr


def test_a_moved_or_redated_file_is_counted_in_its_new_place(dated, bahth, search_json):
    os.rename(dated / "e.txt", dated / "جدة" / "e.txt")
    _at_noon(dated / "الرياض/محليات/a.txt", "2016-02-01")
    bahth("index")
    facets = search_json("الأمطار")["facets"]
    assert counts(facets["folder"]) == {"الرياض": 3, "جدة": 2}
    assert counts(facets["year"]) == {"2016": 2, "2015": 2, "2014": 1}


@pytest.mark.parametrize("poll", [False, True], ids=["events", "polling"])
def test_the_watcher_counts_a_moved_or_redated_file_in_its_new_place(dated, index_dir, poll):
    engine = Engine(index_dir)
    with Watcher(dated, index_dir, poll=poll, poll_interval=0.1):
        os.rename(dated / "e.txt", dated / "جدة" / "e.txt")
        _at_noon(dated / "الرياض/محليات/a.txt", "2016-02-01")  # its text unchanged

        def moved():
            facets = engine.search("الأمطار").facets
            return (counts(facets["folder"]), counts(facets["year"])) == (
                {"الرياض": 3, "جدة": 2},
                {"2016": 2, "2015": 2, "2014": 1},
            )

        eventually(moved, 10)
    narrowed = engine.search("الأمطار", narrow=Narrow.parse(since="2016-01-01"))
    assert sorted(h.path for h in narrowed.hits) == ["الرياض/محليات/a.txt", "جدة/d.txt"]
    assert engine.search("الأمطار", narrow=Narrow.parse(folder="جدة")).total == 2


def test_the_api_filters_and_answers_bad_input_with_400(client):
    body = client.get(
        "/api/search", query_string={"q": "الأمطار", "folder": "الرياض/", "sort": "newest"}
    ).get_json()
    assert [h["path"] for h in body["hits"]] == [
        "الرياض/رياضة/c.txt",
        "الرياض/محليات/b.txt",
        "الرياض/محليات/a.txt",
    ]
    assert body["filters"] == {"folder": "الرياض", "sort": "newest"}
    assert counts(body["facets"]["folder"]) == {"الرياض/محليات": 2, "الرياض/رياضة": 1}
    for args in (
        {"sort": "random"},
        {"since": "2015/03/01"},
        {"until": "yesterday"},
        {"folder": "/etc"},
        {"folder": "a/../../etc"},
        {"type": "exe"},
        {"since": "2016-01-01", "until": "2015-01-01"},
    ):
        response = client.get("/api/search", query_string={"q": "الأمطار", **args})
        assert response.status_code == 400 and response.get_json()["error"]
    page = client.get("/search", query_string={"q": "الأمطار", "since": "2015-13-01"})
    assert page.status_code == 400
    assert "غير صالح" in page.get_data(as_text=True) and "Traceback" not in page.get_data(
        as_text=True
    )


def test_the_page_links_facets_chips_pages_and_sorts_with_the_filters_kept(client):
    html = client.get(
        "/search",
        query_string={"q": "الأمطار", "folder": "الرياض", "sort": "oldest", "per_page": 1},
    ).get_data(as_text=True)
    assert 'class="facets"' in html
    # A subfolder facet adds to the filters and keeps the order and the page size.
    assert (
        "folder=%D8%A7%D9%84%D8%B1%D9%8A%D8%A7%D8%B6/%D9%85%D8%AD%D9%84%D9%8A%D8%A7%D8%AA"
        "&amp;sort=oldest&amp;per_page=1" in html
    )
    # The chip removes the folder and nothing else; page 2 keeps both.
    assert (
        'class="chip" href="/search?q=%D8%A7%D9%84%D8%A3%D9%85%D8%B7%D8%A7%D8%B1&amp;'
        'sort=oldest&amp;per_page=1"' in html
    )
    assert "page=2&amp;folder=" in html and "sort=oldest" in html
    # A new query typed on the page keeps the filters.
    assert '<input type="hidden" name="folder" value="الرياض">' in html


def test_a_correction_keeps_the_filters(client):
    narrowed = {"q": "الامطاز", "folder": "جدة"}
    body = client.get("/api/search", query_string=narrowed).get_json()
    assert body["corrected_from"] == "الامطاز" and body["query"] == "الأمطار"
    assert body["total"] and all(h["path"].startswith("جدة/") for h in body["hits"])
    everywhere = client.get("/api/search", query_string={"q": "الامطاز"}).get_json()
    assert everywhere["total"] > body["total"]


def test_filters_typed_in_the_query_drive_the_facets_as_parameters_do(dated, search_json):
    typed = search_json("الأمطار folder:الرياض date:2015")
    given = search_json(
        "الأمطار", "--folder", "الرياض", "--since", "2015-01-01", "--until", "2015-12-31"
    )
    assert typed["facets"] == given["facets"]
    assert counts(typed["facets"]["folder"]) == {"الرياض/محليات": 2, "الرياض/رياضة": 1}
    assert counts(typed["facets"]["month"]) == {"2015-03": 2, "2015-04": 1}
    # Each narrows the other: the deepest folder, the days both ranges share.
    both = search_json(
        "الأمطار folder:الرياض date:2015", "--folder", "الرياض/محليات", "--since", "2015-03-10"
    )
    assert [h["path"] for h in both["hits"]] == ["الرياض/محليات/b.txt"]
    assert counts(both["facets"]["folder"]) == {}  # محليات has no subfolders
    assert counts(both["facets"]["month"]) == {"2015-03": 1}
    # Alternatives imply no one folder: top-level folders are counted.
    either = search_json("الأمطار (folder:جدة OR folder:الرياض/رياضة)")
    assert counts(either["facets"]["folder"]) == {"الرياض": 1, "جدة": 1}


def test_filters_alone_list_every_document_they_let_through_newest_first(dated, search_json, bahth):
    result = search_json("folder:جدة")
    assert result["sort"] == "newest" and result["total"] == 2
    assert [h["path"] for h in result["hits"]] == ["جدة/d.txt", "جدة/f.txt"]
    assert counts(result["facets"]["year"]) == {"2016": 1, "2015": 1}
    assert [
        h["path"] for h in search_json("type:txt date:2015-03", "--sort", "oldest")["hits"]
    ] == ["الرياض/محليات/a.txt", "جدة/f.txt", "الرياض/محليات/b.txt"]
    # With no query at all, a filter option is the search; relevance means newest.
    out = bahth("search", "--since", "2015-04-01", "--sort", "relevance").stdout
    assert out.index("جدة/d.txt") < out.index("الرياض/رياضة/c.txt")
    assert "(2016-01-05)" in out and "e.txt" not in out
    assert bahth("search", ok=False).exit_code == 2


def test_the_api_and_page_answer_filters_alone(client):
    body = client.get("/api/search", query_string={"type": "txt", "until": "2015-03-02"}).get_json()
    assert [h["path"] for h in body["hits"]] == ["الرياض/محليات/a.txt", "e.txt"]
    assert body["sort"] == "newest" and counts(body["facets"]["type"]) == {"txt": 2}
    assert client.get("/api/search").status_code == 400
    html = client.get("/search", query_string={"folder": "جدة"}).get_data(as_text=True)
    assert html.index("جدة/d.txt") < html.index("جدة/f.txt")
    assert 'class="facets"' in html and "الأنسب" not in html  # no relevance to sort by
    assert client.get("/search").status_code == 302
    empty = client.get("/search", query_string={"folder": "جدة", "type": "pdf"}).get_data(
        as_text=True
    )
    assert "لا مستندات تطابق هذه الشروط" in empty and "<title>تصفح المستندات — بحث</title>" in empty


def test_chips_show_filters_typed_in_the_query_and_remove_them_from_it(client):
    html = client.get(
        "/search", query_string={"q": "الأمطار folder:الرياض date:2015-03", "type": "txt"}
    ).get_data(as_text=True)
    chips = {
        c.split(">", 1)[1].split(" ×")[0].replace("<bdi>", "").replace("</bdi>", ""): c.split(
            'href="'
        )[1]
        .split('"')[0]
        .replace("&amp;", "&")
        for c in html.split('class="chip"')[1:]
    }
    assert set(chips) == {"النوع: txt", "المجلد: الرياض", "التاريخ: 2015-03-01 – 2015-03-31"}
    from urllib.parse import parse_qs, urlsplit

    query = {label: parse_qs(urlsplit(url).query) for label, url in chips.items()}
    assert query["النوع: txt"] == {"q": ["الأمطار folder:الرياض date:2015-03"]}
    assert query["المجلد: الرياض"] == {"q": ["الأمطار date:2015-03"], "type": ["txt"]}
    assert query["التاريخ: 2015-03-01 – 2015-03-31"] == {
        "q": ["الأمطار folder:الرياض"],
        "type": ["txt"],
    }
    # The typed folder's subfolders and the typed month's year are the facets.
    assert "محليات" in html.split('class="facets"')[1] and "مارس ٢٠١٥" in html


def test_a_folder_outside_the_seeds_is_refused_alike_whether_it_exists_or_not(client, dated):
    """No existence oracle: the answer never depends on what lies outside the seeds."""
    answers = set()
    for outside in (
        str(dated.parent / "index"),
        str(dated.parent / "no-such-folder"),
        "../index",
        "../no-such-folder",
        "~/",
        "C:/Windows",
        "a\\..\\b",
    ):
        response = client.get("/api/search", query_string={"q": "الأمطار", "folder": outside})
        answers.add((response.status_code, response.get_json()["error"].replace(outside, "X")))
    assert answers == {
        (
            400,
            "المجلد «X» ليس داخل مجلد المستندات؛ اكتب مساره منه، مثل «2015-03» أو «الرياض/محليات».",
        )
    }
    # Inside the seeds, a folder that does not exist simply matches nothing.
    body = client.get("/api/search", query_string={"q": "الأمطار", "folder": "لا-يوجد"}).get_json()
    assert body["total"] == 0 and body["hits"] == []


def test_the_results_page_shows_each_hits_date(client):
    html = client.get(
        "/search", query_string={"q": "الأمطار", "folder": "الرياض/محليات", "sort": "oldest"}
    ).get_data(as_text=True)
    assert re.findall(r'<time datetime="([\d-]+)">([^<]+)</time>', html) == [
        ("2015-03-02", "٢٠١٥-٠٣-٠٢"),
        ("2015-03-20", "٢٠١٥-٠٣-٢٠"),
    ]
