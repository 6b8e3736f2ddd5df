"""Snippets: which passages of a hit are shown, and how."""

import re

import pytest

from indexer.analysis import ArabicAnalyzer
from search.snippets import MarkFormatter, PlainFormatter, passages

TERM_OF = ArabicAnalyzer().chain.term

FILLER = "وتناول الاجتماع عددا من الملفات الإقليمية والدولية ذات الاهتمام المشترك بين البلدين"


PLAIN = PlainFormatter()


def snippet(text, query, formatter=PLAIN):
    terms = {TERM_OF(word) for word in query.split()}
    return passages(text, terms, TERM_OF, formatter)


def repeated(shown, source, n=4):
    """Runs of ``n`` words that ``shown`` holds more often than ``source``."""

    def runs(text):
        found = re.findall(r"\w+", text)
        return [" ".join(found[i : i + n]) for i in range(len(found) - n + 1)]

    return {run for run in runs(shown) if runs(shown).count(run) > runs(source).count(run)}


def test_matches_close_together_show_their_text_once():
    # Two matches 120 characters apart: passages around each, with context, overlap.
    text = (
        f"{FILLER}، ووصل وزير الاقتصاد الألماني، اليوم، إلى طهران بصحبة وفد اقتصادي، "
        f"بينما أعلن وزير الخارجية أن {FILLER} {FILLER}، ثم غادر وزير آخر."
    )
    shown = snippet(text, "وزير الخارجية")
    assert shown.count("إلى طهران بصحبة وفد اقتصادي") == 1
    assert not repeated(shown, text)


def test_the_sentences_with_most_distinct_query_words_are_shown():
    text = (
        f"قال الوزير إن الوزير سيزور المنطقة. {FILLER}. أعلنت الخارجية الزيارة. "
        f"{FILLER}. وأكد وزير الخارجية أن الزيارة ناجحة. {FILLER}."
    )
    shown = snippet(text, "وزير الخارجية الزيارة")
    assert shown == "أعلنت الخارجية الزيارة. … وأكد وزير الخارجية أن الزيارة ناجحة."


def test_a_closing_tag_list_is_shown_only_if_nothing_else_matches():
    body = f"{FILLER}. قال بوتين إن العلاقات مع السعودية قوية. {FILLER}.\n"
    tags = "سمات السعودية بوتين روسيا"
    shown = snippet(body + tags, "بوتين السعودية روسيا")
    assert "قال بوتين إن العلاقات مع السعودية قوية." in shown
    assert "سمات" not in shown
    assert snippet(f"{FILLER}.\n{tags}", "روسيا").endswith(tags)
    after_a_sentence = f"{FILLER}. قال بوتين إن العلاقات قوية. {tags}"
    assert "سمات" not in snippet(after_a_sentence, "بوتين روسيا")


@pytest.mark.parametrize("line", ["#السعودية #بوتين #روسيا", "الوسوم: السعودية، بوتين، روسيا"])
def test_other_tag_lists_are_skipped_too(line):
    text = f"{FILLER}. زار بوتين الرياض. {FILLER}.\n{line}"
    assert "الوسوم" not in snippet(text, "بوتين روسيا") and "#" not in snippet(text, "بوتين")


def test_a_sentence_that_starts_like_a_tag_list_is_a_sentence():
    text = f"{FILLER}. زار بوتين الرياض. {FILLER}.\nسمات القائد عند بوتين الصبر والحزم."
    assert snippet(text, "بوتين الصبر").endswith("سمات القائد عند بوتين الصبر والحزم.")


def test_a_passage_cut_inside_a_sentence_says_so():
    long_sentence = " ".join([FILLER] * 4)
    text = f"{long_sentence} وقال وزير الخارجية إن {long_sentence}."
    shown = snippet(text, "الخارجية")
    assert shown.startswith("… ") and shown.endswith(" …")
    assert "الخارجية" in shown and len(shown) < 300
    whole = snippet(f"بدأ الاجتماع. قال وزير الخارجية إن المحادثات مستمرة. {FILLER}.", "الخارجية")
    assert not whole.startswith("…") and not whole.endswith("…")


def test_the_original_text_is_marked_with_its_marks():
    text = f"{FILLER}. ناقش الرئيسان الْعَلَاقَاتِ الثنائية. {FILLER}."
    shown = snippet(text, "العلاقات", MarkFormatter())
    assert "<mark>الْعَلَاقَاتِ</mark>" in shown


def test_two_separate_passages_are_joined_by_an_ellipsis():
    text = (
        f"زار وزير الخارجية موسكو. {FILLER}. {FILLER}. {FILLER}. "
        f"{FILLER}. وعاد الوزير إلى الرياض وأعلن الخارجية نتائج الزيارة."
    )
    shown = snippet(text, "وزير الخارجية الزيارة")
    assert shown.count(" … ") == 1
    first, second = shown.split(" … ")
    assert first == "زار وزير الخارجية موسكو."
    assert second == "وعاد الوزير إلى الرياض وأعلن الخارجية نتائج الزيارة."
