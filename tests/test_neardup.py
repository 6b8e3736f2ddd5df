"""Near-duplicates folded into the best-ranked copy, and never a document that differs."""

import random

import numpy as np
import pytest
from hypothesis import given, strategies as st

from indexer.build import update_index
from search import neardup
from search.engine import Engine
from web.app import create_app

from .conftest import write

STORY = (
    "وزير الصحة يفتتح مستشفى\nافتتح وزير الصحة اليوم مستشفى جديدا للأطفال في مدينة "
    "الرياض بسعة مئتي سرير، وقال إن المستشفى يخدم سكان المنطقة الشمالية ويضم "
    "أقساما للطوارئ والعناية المركزة والجراحة، وسيبدأ استقبال المرضى الأسبوع المقبل."
)
DOCS = {
    "spa/story.txt": STORY,
    # Another newspaper's copy: a word changed and the date-line added.
    "okaz/story.txt": "الرياض - واس\n" + STORY.replace("جديدا", "حديثا"),
    "other.txt": "وزير الصحة في جدة\nزار وزير الصحة مستشفى الملك فهد في جدة وتفقد أقسامه.",
}


@pytest.fixture
def engine(indexed):
    return indexed(DOCS)


def test_a_republished_story_is_folded_into_the_best_ranked_copy(engine):
    result = engine.search("مستشفى وزير الصحة")
    paths = [h.path for h in result.hits]
    assert len(paths) == 2 and "other.txt" in paths
    folded = next(h for h in result.hits if h.copies)
    assert {folded.path, folded.copies[0][0]} == {"spa/story.txt", "okaz/story.txt"}


def test_the_page_and_api_show_the_copies(engine):
    client = create_app(engine.index_dir).test_client()
    html = client.get("/search?q=مستشفى").get_data(as_text=True)
    assert "ونسخة مشابهة" in html and "<details" in html
    hit = next(h for h in client.get("/api/search?q=مستشفى").get_json()["hits"] if h["copies"])
    (copy,) = hit["copies"]
    assert set(copy) == {"path", "title", "url"} and copy["url"].startswith("/doc/")


def test_copies_filling_the_first_ranks_still_fill_every_page(indexed):
    # One story republished by 25 newspapers, each with its own date-line, ranks
    # above 12 different stories: the first page must still show ten hits, and
    # the pages together every document once, as a hit or a copy.
    docs = {f"copy{i:02}.txt": f"جدة {i} - واس\n" + STORY for i in range(25)}
    for i in range(12):
        docs[f"other{i:02}.txt"] = f"خبر {i}\nذكر وزير الصحة موضوعا آخر رقم {i} " + "كلام " * 60
    engine = indexed(docs)
    seen = []
    first = engine.search("وزير الصحة مستشفى", per_page=10)
    assert len(first.hits) == 10 and len(first.hits[0].copies) == 24
    for page in range(1, 4):
        result = engine.search("وزير الصحة مستشفى", page=page, per_page=10)
        seen += [h.path for h in result.hits] + [c[0] for h in result.hits for c in h.copies]
        assert result.pages == 2  # 13 hits once folded, not 37 documents
    assert sorted(seen) == sorted(docs)
    client = create_app(engine.index_dir).test_client()
    api = client.get("/api/search?q=وزير الصحة مستشفى&page=2").get_json()
    assert (api["total"], api["pages"], len(api["hits"])) == (37, 2, 3)
    html = client.get("/search?q=وزير الصحة مستشفى&page=3")
    assert "٣٧ نتيجة (١٣ نتيجة بعد ضم النسخ المشابهة) في صفحتين." in html.get_data(as_text=True)


WORDS = (
    "سوق نفط سعر برميل شركة وزارة مدينة طريق مشروع مدرسة طالب جامعة مجلس قرار "
    "تقرير ملعب فريق لاعب مباراة موسم أمطار رياح بحر جبل صحراء زراعة قمح تمر"
).split()


def test_folding_never_hides_a_document_that_differs_beyond_the_threshold(seeds, index_dir):
    rng = random.Random(18)
    base = [rng.choice(WORDS) for _ in range(80)]
    # Versions of one text with more and more of its 80 words replaced: from
    # copies to documents that share a quarter of their words with it.
    versions = {}
    for i, edits in enumerate(
        [
            0,
            1,
            2,
            4,
            6,
            8,
            10,
            12,
            16,
            20,
            25,
            30,
            40,
            50,
            60,
            1,
            3,
            5,
            7,
            9,
            11,
            14,
            18,
            22,
            27,
            33,
            45,
            55,
        ]
    ):
        words = list(base)
        for at in rng.sample(range(len(words)), edits):
            words[at] = rng.choice(WORDS) + rng.choice(WORDS)  # a word the base lacks
        versions[f"v{i:02}.txt"] = "خبر\n" + " ".join(words)
    for name, text in versions.items():
        write(seeds, name, text)
    update_index(seeds, index_dir)
    engine = Engine(index_dir)
    view = engine.view()
    result = engine.search(" ".join(WORDS[:6]), per_page=100)
    shown = {h.path for h in result.hits}
    folded = {c[0]: h.path for h in result.hits for c in h.copies}
    assert shown | folded.keys() == versions.keys()  # none lost
    number = {p: view.searcher.document_number(path=p) for p in versions}
    for copy, kept in folded.items():
        likeness = neardup.resemblance(view.shingles(number[copy]), view.shingles(number[kept]))
        assert likeness >= neardup.RESEMBLANCE, (copy, kept, likeness)
    # And what is shown differs from every other hit shown.
    hits = sorted(shown)
    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            assert (
                neardup.resemblance(view.shingles(number[a]), view.shingles(number[b]))
                < neardup.RESEMBLANCE
            )
    assert len(shown) > 10 and folded  # both sides of the threshold were exercised


shingle_sets = st.sets(st.integers(-50, 50), max_size=40)


@given(shingle_sets, shingle_sets)
def test_resemblance_is_the_jaccard_coefficient_of_the_shingles(a, b):
    as_array = [np.array(sorted(s), np.int64) for s in (a, b)]
    jaccard = len(a & b) / len(a | b) if a | b else 1.0
    assert neardup.resemblance(*as_array) == pytest.approx(jaccard)
    assert neardup.copies(*as_array) == (jaccard >= neardup.RESEMBLANCE)


@given(st.lists(st.sets(st.integers(0, 12), min_size=1, max_size=8), max_size=12))
def test_a_document_is_folded_into_the_first_better_ranked_hit_it_copies(sets):
    shingles = [np.array(sorted(s), np.int64) for s in sets]
    expected: list[tuple[int, float, list[int]]] = []
    for d, these in enumerate(shingles):
        hit = next((g for g in expected if neardup.copies(these, shingles[g[0]])), None)
        if hit is None:
            expected.append((d, 1.0, []))
        else:
            hit[2].append(d)
    assert neardup.fold([(d, 1.0) for d in range(len(sets))], shingles.__getitem__) == expected


def test_documents_ranked_past_the_folded_ones_are_left_as_ranked():
    # Every document a copy of the first: the first FOLDED fold into one hit, and
    # no page costs more than folding them.
    same = np.array([1, 2, 3], np.int64)
    groups = neardup.fold([(d, 1.0) for d in range(neardup.FOLDED + 3)], lambda d: same)
    assert groups[0][2] == list(range(1, neardup.FOLDED))
    assert [g[0] for g in groups[1:]] == [neardup.FOLDED, neardup.FOLDED + 1, neardup.FOLDED + 2]
