"""`bahth search`: spelling variants, query syntax, snippets, JSON."""

import json
from datetime import date

import pytest

from .conftest import write, write_all

DOCS = {
    "relations.txt": "بوتين يبحث العلاقات الثنائية\n"
    "ناقش الرئيسان الْعَلَاقَاتِ الثنائية وملفات دولية.\n"
    "وقال إن الألعاب الأولمبية الشتوية ستقام في بكين.",
    "economy.txt": "الاقتصاد السعودي ينمو\nارتفع الناتج المحلي وتحسنت مؤشرات الاقتصاد والاستثمار.",
    "hospital.txt": "افتتاح مستشفى جديد\nافتتح وزير الصحة مستشفى للأطفال في الرياض.",
    "weather.txt": "الطقس اليوم\nأمطار رعدية على مرتفعات جازان وعسير.",
}


@pytest.fixture
def indexed(bahth, seeds):
    write_all(seeds, DOCS)
    bahth("index")


@pytest.mark.parametrize(
    "query, path, marked",
    [
        ("العلاقات", "relations.txt", "الْعَلَاقَاتِ"),
        ("علاقات", "relations.txt", "الْعَلَاقَاتِ"),
        ("الْعَلاقات", "relations.txt", "الْعَلَاقَاتِ"),
        ("والعلاقات", "relations.txt", "الْعَلَاقَاتِ"),
        ("ألعاب", "relations.txt", "الألعاب"),
        ("العاب الاولمبيه", "relations.txt", "الأولمبية"),
        ("مستشفي", "hospital.txt", "مستشفى"),
        ("المستشفى", "hospital.txt", "مستشفى"),
        ("اقتصاد", "economy.txt", "الاقتصاد"),
        ("ما هو الاقتصاد السعودي؟", "economy.txt", "الاقتصاد"),
        ("جازان", "weather.txt", "جازان"),
    ],
)
def test_any_spelling_finds_the_document_and_marks_the_original(
    indexed, search_json, query, path, marked
):
    result = search_json(query)
    assert result["hits"][0]["path"] == path
    snippets = result["hits"][0]["snippet"]
    assert f"<mark>{marked}</mark>" in snippets


def test_whole_words_are_marked_never_parts(indexed, search_json):
    snippet = search_json("الاقتصاد")["hits"][0]["snippet"]
    assert "<mark>الاقتصاد</mark>" in snippet
    assert "<mark>" not in snippet.replace("<mark>الاقتصاد</mark>", "")


def test_more_matching_words_rank_higher(indexed, search_json):
    hits = search_json("الاقتصاد الطقس أمطار")["hits"]
    assert [h["path"] for h in hits] == ["weather.txt", "economy.txt"]


def test_phrase_exclusion_field_and_prefix(indexed, search_json):
    assert [h["path"] for h in search_json('"الألعاب الأولمبية"')["hits"]] == ["relations.txt"]
    assert search_json('"الأولمبية الألعاب"')["total"] == 0
    assert [h["path"] for h in search_json("الاقتصاد OR مستشفى -وزير")["hits"]] == ["economy.txt"]
    assert search_json("title:الثنائية")["total"] == 1
    assert search_json("title:دولية")["total"] == 0
    assert [h["path"] for h in search_json("الاستثم*")["hits"]] == ["economy.txt"]


@pytest.mark.parametrize(
    "query, paths",
    [
        ("الاقتصاد-الطقس", ["economy.txt", "weather.txt"]),  # a hyphen inside: both words
        ("الاقتصاد -الطقس", ["economy.txt"]),  # after a space: excluded
        ("(الاقتصاد -الطقس)", ["economy.txt"]),
        ("-الطقس الاقتصاد", ["economy.txt"]),
        ("الطقس+الاقتصاد", ["economy.txt", "weather.txt"]),
        ("+الطقس الاقتصاد", ["weather.txt"]),  # required
        ("(-الطقس الاقتصاد)", ["economy.txt"]),  # after a bracket
    ],
)
def test_minus_and_plus_mark_only_the_start_of_a_word(indexed, search_json, query, paths):
    assert sorted(h["path"] for h in search_json(query)["hits"]) == paths


def test_the_cli_takes_a_query_as_several_words(indexed, bahth):
    result = json.loads(bahth("search", "-الطقس", "الاقتصاد", "أمطار", "--json").stdout)
    assert [h["path"] for h in result["hits"]] == ["economy.txt"]
    mistyped = bahth("search", "الاقتصاد", "--jsn", ok=False)
    assert mistyped.exit_code == 2
    assert "--jsn" in mistyped.stderr and not mistyped.stdout


@pytest.mark.parametrize(
    "query",
    [
        '"الاقتصاد',
        "(الاقتصاد",
        "الاقتصاد)",
        "AND الاقتصاد",
        "الاقتصاد NOT",
        "-",
        "title:",
        "nofield:الاقتصاد",
        "الاقتصاد^",
        "*",
        "?",
        "؟",
        "[الاقتصاد",
        "الاقتصاد؟",
    ],
)
def test_malformed_queries_still_answer(indexed, bahth, query):
    result = json.loads(bahth("search", query, "--json").stdout)
    assert isinstance(result["total"], int)
    if "الاقتصاد" in query and "-" not in query[:1]:
        assert result["hits"][0]["path"] == "economy.txt"


def test_question_mark_is_not_a_wildcard(indexed, search_json):
    # With Whoosh's default WildcardPlugin «الطقس؟» became the pattern «الطقس?».
    assert search_json("الطقس؟")["hits"][0]["path"] == "weather.txt"


def test_query_without_searchable_words(indexed, bahth):
    result = bahth("search", "في من على")
    assert "no searchable words" in result.stderr
    assert json.loads(bahth("search", "، ؟", "--json").stdout)["total"] == 0


def test_json_shape_and_pages(indexed, search_json):
    result = search_json("الاقتصاد الطقس مستشفى", "-n", "2", "--page", "2")
    assert set(result) == {
        "query",
        "total",
        "page",
        "pages",
        "sort",
        "hits",
        "facets",
        "corrected_from",
        "unknown",
        "included",
    }
    assert result["total"] == 3 and result["page"] == 2 and result["corrected_from"] is None
    assert result["pages"] == 2
    assert len(result["hits"]) == 1
    hit = result["hits"][0]
    assert set(hit) == {"path", "title", "score", "snippet", "format", "date", "page", "copies"}
    # A .txt file has no pages; its date is the day of its modification time.
    assert hit["format"] == "txt" and hit["page"] is None
    assert date.fromisoformat(hit["date"]).year >= 2020


def test_queries_file_gives_one_json_line_per_query(indexed, bahth, search_json, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("الطقس\nمستشفى\nفي\nالاقتصات\n", encoding="utf-8")
    lines = bahth("search", "--queries", str(queries)).stdout.splitlines()
    results = [json.loads(line) for line in lines]
    assert [r["query"] for r in results] == ["الطقس", "مستشفى", "في", "الاقتصات"]
    assert results[0]["hits"][0]["path"] == "weather.txt"
    assert results[2]["total"] == 0
    # Each query is run as typed: a misspelling is not answered by its correction.
    assert results[3]["total"] == 0 and results[3]["corrected_from"] is None
    assert search_json("الاقتصات")["corrected_from"] == "الاقتصات"


def test_terminal_output_lists_title_path_and_snippet(indexed, bahth):
    out = bahth("search", "مستشفى").stdout
    assert "1. افتتاح مستشفى جديد" in out
    assert "hospital.txt" in out


def test_markup_in_documents_is_escaped(bahth, seeds, search_json):
    write(seeds, "x.txt", "عنوان <b>عريض</b>\nنص فيه <script>alert(1)</script> الطقس")
    bahth("index")
    snippet = search_json("الطقس")["hits"][0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_search_without_an_index_says_how_to_build_one(bahth):
    result = bahth("search", "الطقس", ok=False)
    assert result.exit_code == 1
    assert "bahth index" in result.stderr


def test_analyze_json(bahth):
    tokens = json.loads(bahth("analyze", "فِي الْعَلَاقَاتِ Python", "--json").stdout)["tokens"]
    assert tokens == [
        {"text": "الْعَلَاقَاتِ", "term": "علاقه", "start": 4, "end": 17},
        {"text": "Python", "term": "python", "start": 18, "end": 24},
    ]
