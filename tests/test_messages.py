"""What the CLI says to a newcomer: answers to queries that only exclude, pages
past the end, counts in good English, stopwords named, hints that repeat the
folders typed, and --help that reads cleanly and describes every option."""

import json
import shlex

import click
import pytest

from web.cli import main

from .conftest import serving, write_all

DOCS = {
    "news/putin.txt": "بوتين يزور الصين\nزار الرئيس بوتين بكين أمس.",
    "news/weather.txt": "الطقس اليوم\nأمطار رعدية على جازان.",
    "sport/cup.txt": "نهائي الكأس\nفاز الهلال بالكأس في الرياض.",
    **{f"isis/{i}.txt": f"خبر {i} عن داعش\nتنظيم داعش في العراق، الخبر رقم {i}." for i in range(5)},
}


@pytest.fixture
def indexed(bahth, seeds):
    write_all(seeds, DOCS)
    bahth("index")


def paths(result):
    """The documents found: the hits and the near-duplicates folded into them."""
    hits = json.loads(result.stdout)["hits"]
    return sorted([h["path"] for h in hits] + [c["path"] for h in hits for c in h["copies"]])


# --- queries that only exclude or filter --------------------------------------


@pytest.mark.parametrize("query", ["-بوتين", "NOT بوتين", "-بوتين في"])
def test_a_query_that_only_excludes_lists_every_document_without_the_word(indexed, bahth, query):
    everything_else = sorted(p for p in DOCS if p != "news/putin.txt")
    assert paths(bahth("search", "--json", "-n", "20", "--", query)) == everything_else
    shown = bahth("search", "-n", "20", "--", query)
    assert "no searchable words" not in shown.stderr
    assert "no words to rank by" in shown.stderr
    assert "7 documents match" in shown.stderr


def test_excluding_two_words_or_a_prefix(indexed, search_json, bahth):
    assert paths(bahth("search", "--json", "--", "-بوتين -داعش")) == [
        "news/weather.txt",
        "sport/cup.txt",
    ]
    assert "news/putin.txt" not in paths(bahth("search", "--json", "--", "-بوت*"))


def test_filters_alone_list_the_documents_they_let_through(indexed, bahth):
    assert paths(bahth("search", "--json", "folder:news")) == ["news/putin.txt", "news/weather.txt"]
    assert paths(bahth("search", "--json", "-n", "20", "--", "-folder:isis")) == [
        "news/putin.txt",
        "news/weather.txt",
        "sport/cup.txt",
    ]


def test_excluding_only_a_stopword_still_has_nothing_to_search(indexed, bahth):
    assert "no searchable words" in bahth("search", "--", "-في").stderr


# --- pages and counts -----------------------------------------------------------


def test_a_page_past_the_end_is_an_error_that_says_so(indexed, bahth):
    result = bahth("search", "داعش", "-n", "2", "--page", "4", ok=False)
    assert result.exit_code == 1
    assert "page 4 of 3" not in result.stderr
    # Its five documents differ only in a number: near-duplicates, one hit.
    assert (
        "page 4 is past the end: 5 documents match (1 hit once near-duplicates are folded),"
        " 1 page of 2"
    ) in result.stderr
    # Programs paging through JSON read an empty page, as from an API.
    body = json.loads(bahth("search", "داعش", "-n", "2", "--page", "4", "--json").stdout)
    assert body["hits"] == [] and body["total"] == 5


def test_one_match_is_one_document(indexed, bahth):
    assert "page 1 of 1: 1 document matches" in bahth("search", "الكأس").stderr
    assert "5 documents match" in bahth("search", "داعش").stderr


def test_serve_counts_one_document_in_the_singular(seeds, index_dir, bahth):
    write_all(seeds, {"a.txt": "عنوان\nنص واحد."})
    bahth("index")
    with serving("--index", str(index_dir)) as served:
        assert f"1 document indexed in {index_dir}" in served.stdout


# --- analyze --------------------------------------------------------------------


def test_analyze_says_when_every_word_is_a_stopword(bahth):
    result = bahth("analyze", "في من إلى")
    assert result.stdout == ""
    assert "nothing indexed (all stopwords: في من إلى)" in result.stderr


def test_analyze_names_the_stopwords_it_drops(bahth):
    result = bahth("analyze", "ذهب إلى المدرسة")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["ذهب", "المدرسة"]
    assert "not indexed (stopwords: إلى)" in result.stderr
    assert "no words in TEXT" in bahth("analyze", "، ؟").stderr


# --- hints that repeat the folders given ------------------------------------------


def test_the_no_index_hint_repeats_the_index_option(bahth, tmp_path):
    elsewhere = tmp_path / "other index"
    for command in (["search", "داعش"], ["similar", "a.txt"]):
        result = bahth(*command, "--index", str(elsewhere), ok=False)
        assert result.exit_code == 1
        assert f"run `bahth index --index {shlex.quote(str(elsewhere))}` first" in result.stderr


def test_the_no_index_hint_needs_no_options_from_the_environment(bahth):
    assert "run `bahth index` first" in bahth("search", "داعش", ok=False).stderr


def test_serve_repeats_seeds_and_index_in_its_hint(seeds, tmp_path):
    elsewhere = tmp_path / "idx"
    with serving("--index", str(elsewhere), "--seeds", str(seeds)) as served:
        pass
    assert f"run `bahth index --seeds {seeds} --index {elsewhere}` first" in served.stderr


# --- --help ---------------------------------------------------------------------


def help_of(bahth, *command):
    return bahth(*command, "--help").stdout


def test_folder_defaults_read_cleanly(bahth):
    text = " ".join(help_of(bahth, "index").split())
    assert "($" not in text and "(seeds/" not in text
    assert "[env var: BAHTH_SEEDS; default: seeds/]" in text
    assert "[env var: BAHTH_INDEX; default: index/]" in text


def test_every_option_of_every_command_is_described():
    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"bahth {name} {param.opts[0]} has no description"


def test_the_command_list_shows_whole_sentences(bahth):
    listed = help_of(bahth).split("Commands:")[1]
    assert "..." not in listed


def test_search_help_summarises_the_operators(bahth):
    text = help_of(bahth, "search")
    for operator in (
        '"a phrase"',
        "-word",
        "title:word",
        "prefix*",
        "AND",
        "OR",
        "NOT",
        "folder:",
        "type:",
        "date:",
        "path:",
    ):
        assert operator in text, operator
