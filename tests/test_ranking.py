"""The BM25F scorer: postings reading, duplicates, proximity, leads, deletions."""

from dataclasses import replace
from functools import cache

import numpy as np
import pytest

from indexer.build import update_index
from search import query as queries
from search.postings import leaf_postings
from search.ranking import KEYWORDS, QUESTIONS, Policy, Ranking, is_question

FILLER = " ".join(["كلام عام عن موضوعات متنوعة"] * 8)


@pytest.fixture
def engine(indexed):
    # Not folded: these documents share a filler text, near-duplicates by design.
    return lambda docs, ranking=None: indexed(docs, ranking=ranking, fold=False)


def paths(engine, query):
    return [h.path for h in engine.search(query).hits]


def test_block_postings_match_whoosh_matcher(engine):
    eng = engine({f"{i}.txt": f"خبر {i}\n" + "الطقس " * (i % 3 + 1) + FILLER for i in range(300)})
    leaf = eng.searcher().reader()
    assert leaf.is_atomic()
    ids, tfs, _, _ = leaf_postings(leaf, "body", "طقس")
    matcher = leaf.postings("body", "طقس")
    expected = list(matcher.items_as("weight"))
    assert ids.tolist() == [d for d, _ in expected]
    assert tfs.tolist() == [w for _, w in expected]
    assert len(ids) == 300


def test_positions_are_read_across_blocks_for_chosen_documents(engine):
    # "ريح" is in two documents of three: 200 postings, more than one block of 128.
    eng = engine(
        {
            f"{i:03}.txt": f"خبر {i}\n"
            + FILLER[: i % 40]
            + (" ريح" * (i % 4 + 1) if i % 3 else "")
            + " "
            + FILLER
            for i in range(300)
        }
    )
    searcher = eng.searcher()
    matcher = searcher.reader().postings("body", "ريح")
    expected = {d: list(p) for d, p in matcher.items_as("positions")}
    wanted = [0, 1, 2, 3, 129, 130, 131, 200, 255, 297, 298, 299]
    scorer = eng.view().scorer("ريح")
    got = scorer.positions("body", "ريح", wanted)
    assert {d: p.tolist() for d, p in got.items()} == {
        d: expected[d] for d in wanted if d in expected
    }
    assert sorted(got) == [1, 2, 130, 131, 200, 298, 299]
    assert len(expected) == 200


def test_exact_duplicates_are_collapsed(engine):
    text = "زلزال في تركيا\nضرب زلزال قوي جنوب تركيا."
    eng = engine({"a.txt": text, "copy.txt": text, "other.txt": "زلزال آخر\nزلزال في اليابان"})
    assert sorted(paths(eng, "زلزال")) == ["a.txt", "other.txt"]


def test_words_close_together_rank_higher(engine):
    docs = {
        "near.txt": "خبر\n" + FILLER + " مجلس الشورى " + FILLER,
        "far.txt": "خبر\n" + "مجلس " + FILLER + " الشورى " + FILLER,
    }
    assert paths(engine(docs), "مجلس الشورى")[0] == "near.txt"


def test_words_in_the_query_s_order_rank_above_the_same_words_reversed(engine):
    # Sultan bin Bandar is not Bandar bin Sultan: the same words, the same
    # distance, the other order.
    docs = {
        "reversed.txt": "خبر\n" + FILLER + " سلطان بن بندر " + FILLER,
        "ordered.txt": "خبر\n" + FILLER + " بندر بن سلطان " + FILLER,
    }
    eng = engine(docs, Ranking(lead=0.0))
    assert paths(eng, "بندر بن سلطان") == ["ordered.txt", "reversed.txt"]
    assert paths(eng, "سلطان بن بندر") == ["reversed.txt", "ordered.txt"]


@pytest.mark.parametrize(
    "a, b, gap",
    [([5], [6], 1), ([6], [5], 3), ([5], [5], 1), ([1, 10], [4, 9], 3), ([10], [1], 11)],
)
def test_a_pair_written_the_other_way_round_is_transposed_further_apart(a, b, gap):
    from search.scoring import _gap

    assert _gap(np.array(a), np.array(b)) == gap


def test_proximity_can_be_switched_off(engine):
    docs = {
        "near.txt": "خبر\n" + FILLER + " مجلس الشورى " + FILLER,
        "far.txt": "خبر\n" + "مجلس " + FILLER + " الشورى " + FILLER,
    }
    eng = engine(docs, Ranking(proximity=0.0, lead=0.0))
    scores = [h.score for h in eng.search("مجلس الشورى").hits]
    assert scores[0] == pytest.approx(scores[1])


def test_title_matches_weigh_more(engine):
    eng = engine(
        {
            "title.txt": "الميزانية العامة\n" + FILLER,
            "body.txt": "خبر\n" + FILLER + " الميزانية",
        }
    )
    assert paths(eng, "الميزانية") == ["title.txt", "body.txt"]


def test_deleted_documents_never_score(engine, seeds, index_dir):
    eng = engine({"a.txt": "خبر\nالطقس حار", "b.txt": "خبر\nالطقس بارد"})
    assert eng.search("الطقس").total == 2
    (seeds / "a.txt").unlink()
    update_index(seeds, index_dir)
    assert paths(eng, "الطقس") == ["b.txt"]


def test_postings_of_a_segment_with_deletions_are_read_whole(engine, seeds, index_dir):
    eng = engine({f"{i}.txt": f"خبر {i}\nالطقس اليوم {i}" for i in range(5)})
    (seeds / "2.txt").unlink()
    update_index(seeds, index_dir)
    leaf = eng.searcher().reader()
    assert leaf.is_atomic() and leaf.has_deletions()
    ids = leaf_postings(leaf, "body", "طقس")[0]
    assert len(ids) == 5  # the deleted document too: the scorer masks it
    assert paths(eng, "الطقس") == ["0.txt", "1.txt", "3.txt", "4.txt"]


def test_a_joined_proclitic_is_set_aside_where_the_index_confirms_the_shorter_term(engine):
    eng = engine(
        {
            "cup.txt": "البطولة\nرفع القائد كأس البطولة.",
            "cup2.txt": "الكأس\nعرضت الكأس في المتحف.",
            "team.txt": "الكرة\nفاز فريق الكرة.",
            "thirst.txt": "العطش\nجف الريق من العطش.",
        }
    )
    assert sorted(paths(eng, "لكأس")) == ["cup.txt", "cup2.txt"]
    # ريق is in no more documents than فريق: a فريق is not a ف and a ريق.
    assert paths(eng, "فريق") == ["team.txt"]


# A name no lexicon knows: analysis has no evidence that its ل is a proclitic,
# so only the index can confirm it.
RARE_NAME = "زنقلوب"


def test_the_index_confirms_a_proclitic_the_lexicon_cannot(engine):
    eng = engine({"name.txt": f"خبر\nوصل {RARE_NAME} أمس."})
    assert paths(eng, "ل" + RARE_NAME) == ["name.txt"]


def test_a_word_the_lexicon_knows_as_its_own_keeps_its_first_letter(engine):
    # More documents hold طاقه ('energy') than بطاقه ('card'), but analysis
    # decided from the lexicon that بطاقة is a word of its own.
    eng = engine(
        {
            "card.txt": "خبر\nصدرت بطاقة الهوية الجديدة.",
            "energy1.txt": "خبر\nارتفع استهلاك الطاقة.",
            "energy2.txt": "خبر\nمصادر الطاقة المتجددة.",
        }
    )
    assert paths(eng, "بطاقة") == ["card.txt"]


def test_proclitics_can_be_left_as_typed(engine):
    eng = engine({"name.txt": f"خبر\nوصل {RARE_NAME} أمس."}, ranking=Ranking(proclitics=False))
    assert paths(eng, "ل" + RARE_NAME) == []


ARTICLE = " ".join(["قال المتحدث إن الأمطار الغزيرة هطلت على جازان وأغلقت الطرق"] * 12)


def test_a_tag_page_does_not_outrank_an_article_on_its_subject(engine):
    docs = {
        "tags.txt": "صور العيد\nجازان أمطار سيول",
        "article.txt": "الأمطار تغلق طرق جازان\n" + ARTICLE,
    }
    assert paths(engine(docs), "جازان") == ["article.txt", "tags.txt"]
    # Full length normalisation, right for questions, puts the tag page first.
    assert paths(engine(docs, QUESTIONS), "جازان") == ["tags.txt", "article.txt"]


def test_a_word_written_as_typed_ranks_above_one_that_only_shares_its_stem(engine):
    body = "خبر عن المدينة " + FILLER
    eng = engine(
        {
            "sport.txt": "أخبار\nالرياضة " + body,
            "city.txt": "أخبار\nالرياض " + body,
        }
    )
    assert paths(eng, "الرياض") == ["city.txt", "sport.txt"]
    assert paths(eng, "الرياضة") == ["sport.txt", "city.txt"]


@pytest.mark.parametrize(
    ("query", "right", "wrong"),
    [
        ("العمرة", "أدى العمرة", "قضى عمره"),  # ه for ة: 'his age', not 'Umrah'
        ("سلمان", "الملك سلمان", "زفاف السلمان"),  # a name keeps its article, or its lack
    ],
)
def test_a_word_written_as_typed_ranks_above_a_letter_form_or_article_away(
    engine, query, right, wrong
):
    # The wrong one comes first in the folder, so a tie would put it first.
    body = " خبر عن المدينة " + FILLER
    eng = engine({"a-wrong.txt": "أخبار\n" + wrong + body, "b-right.txt": "أخبار\n" + right + body})
    assert paths(eng, query) == ["b-right.txt", "a-wrong.txt"]


@pytest.mark.parametrize(
    ("query", "holder", "deputy"),
    [
        ("وزير الصحة", "وزير الصحة يزور مستشفى نجران اليوم", "نائب وزير الصحة يزور مستشفى نجران"),
        ("ولى العهد", "ولي العهد يصل إلى الأردن", "ولي ولي العهد يصل إلى الأردن"),
    ],
)
def test_a_role_ranks_its_holder_above_its_deputy(engine, query, holder, deputy):
    # The deputy's document comes first in the folder, and its title is as long
    # as the holder's and holds each query word as often or more, so BM25 alone
    # ties (and the folder's order decides) or puts it first.
    body = "\nخبر عن الزيارة " + FILLER
    eng = engine({"a-deputy.txt": deputy + body, "b-holder.txt": holder + body})
    assert paths(eng, query) == ["b-holder.txt", "a-deputy.txt"]


def test_an_office_ranks_its_own_countrys_holder_above_another_countrys(engine):
    # The foreign minister's document comes first in the folder and its title is
    # as long as the own one's, so BM25 alone ties; the folder names Saudi
    # Arabia most, which makes it the collection's own country.
    body = "\nخبر عن الزيارة " + FILLER
    eng = engine(
        {
            "a-abroad.txt": "وزير الصحة الكوري يزور المستشفى" + body,
            "b-own.txt": "وزير الصحة يزور مستشفى نجران" + body,
            **{f"{i}.txt": f"خبر {i}\nالمملكة العربية السعودية " + FILLER for i in range(3)},
        }
    )
    assert paths(eng, "وزير الصحة")[:2] == ["b-own.txt", "a-abroad.txt"]


@pytest.mark.parametrize(("lead", "first"), [(0.5, "a-opens.txt"), (0.0, "b-mentions.txt")])
def test_a_body_that_opens_with_the_words_ranks_above_a_passing_mention(engine, lead, first):
    # Both bodies hold each word once; one opens with them, the other names them
    # at its end and is shorter, which BM25 alone prefers (a tie would put
    # a-opens.txt first).
    filler = FILLER + " " + FILLER
    more = " ".join(FILLER.split()[:10])
    docs = {
        "a-opens.txt": "خبر\nمترو الرياض يبدأ التشغيل " + filler + " " + more,
        "b-mentions.txt": "خبر\n" + filler + " يبدأ التشغيل مترو الرياض",
        **{f"{i}.txt": f"خبر {i}\n" + FILLER for i in range(6)},
    }
    eng = engine(docs, replace(KEYWORDS, lead=lead))
    assert paths(eng, "مترو الرياض")[0] == first


@pytest.mark.parametrize(("apart", "first"), [(0.5, "b-together.txt"), (1.0, "a-apart.txt")])
def test_a_body_that_opens_with_the_words_together_ranks_above_one_with_them_apart(
    engine, apart, first
):
    # Both bodies hold each word twice and the name once, and are about as long;
    # one opens with سلمان and محمد apart (the king, and another Mohammed) and
    # names the prince at its end, the other names him after twenty words.
    docs = {
        "a-apart.txt": "خبر\nالملك سلمان يستقبل الضيوف ويلتقي محمد "
        + FILLER
        + " وحضر الأمير محمد بن سلمان",
        "b-together.txt": "خبر\nفي زيارة رسمية إلى عمان بدأت اليوم وتستمر يومين يلتقي خلالها الملك عبدالله الثاني ويبحث معه العلاقات الثنائية محمد بن سلمان "
        + FILLER[:100]
        + " سلمان "
        + FILLER[100:]
        + " محمد",
        **{f"{i}.txt": f"خبر {i}\n" + FILLER for i in range(6)},
    }
    eng = engine(docs, replace(KEYWORDS, lead_apart=apart))
    assert paths(eng, "محمد بن سلمان")[0] == first


@pytest.mark.parametrize(
    "text, question",
    [
        ("من هو مؤسس الدولة السعودية", True),
        ("متى ولد المتنبي", True),
        ("المتنبي؟", True),
        ("أين تقع جازان", True),
        ("اعطي مثالاً على احدى احفاد الفاتحين والدعاة", True),  # a sentence
        ("وزير الصحة", False),
        ("جازان", False),
        ("من", True),
        (" ".join(["جازان"] * 50), False),
        ("منطقة الرياض", False),
    ],
)
def test_questions_are_told_from_keywords(text, question):
    assert is_question(text) is question


def test_questions_and_keywords_each_get_their_ranking():
    policy = Policy()
    assert policy.for_query("من هو وزير الصحة؟") is QUESTIONS
    assert policy.for_query("وزير الصحة") is KEYWORDS
    assert QUESTIONS.b == 1.0 and KEYWORDS.b < 1.0
    assert Policy.only(QUESTIONS).for_query("وزير الصحة") is QUESTIONS


@pytest.mark.parametrize(("bonus", "first"), [(0.0, "repeats.txt"), (0.25, "titled.txt")])
def test_a_questions_subject_in_a_title_counts_beside_a_body_that_repeats_it(engine, bonus, first):
    # BM25F saturates the title's and the body's counts together, so a body that
    # repeats the word leaves the title little to add; the title scored on its
    # own gives it back.
    docs = {
        "titled.txt": "الكرملين\n" + FILLER + " الكرملين" * 2,
        "repeats.txt": "خبر\n" + FILLER + " الكرملين" * 10,
        **{f"{i}.txt": f"خبر {i}\n" + FILLER for i in range(6)},
    }
    eng = engine(docs, Ranking(title_bonus=bonus))
    assert paths(eng, "ما هو الكرملين؟")[0] == first


@pytest.mark.parametrize(("centroid", "first"), [(0.2, "kerry-0.txt"), (0.0, "namesake.txt")])
def test_a_namesake_ranks_below_what_most_results_are_about(engine, centroid, first):
    # Three articles about the US Secretary of State and one about an actress who
    # shares his name, which opens with it: BM25 and the lead bonus alone put it
    # first. The articles share words, not sentences; hers shares none of them.
    topics = "الاتفاق النووي مع ايران والعقوبات على طهران"
    articles = [
        "يبحث جون كيري " + topics + " في جولة خليجية تبدأ غدا",
        "أكد الوزير جون كيري أن " + topics + " محور لقائه بنظيره الروسي",
        "دافع جون كيري أمام الكونغرس عن " + topics + " وسط انتقادات الجمهوريين",
    ]
    docs = {
        **{f"kerry-{i}.txt": f"خبر {i}\n" + text for i, text in enumerate(articles)},
        "namesake.txt": "خبر\nكيري الممثلة تحضر حفل عرض فيلمها الجديد في هوليوود مع نجوم السينما",
        **{f"{i}.txt": f"خبر {i}\n" + FILLER for i in range(6)},
    }
    eng = engine(docs, replace(KEYWORDS, centroid=centroid))
    found = paths(eng, "كيري")
    assert found[0] == first
    assert len(found) == 4
    assert (found[-1] == "namesake.txt") is bool(centroid)


@pytest.mark.parametrize(("exact_depth", "rises"), [(100, True), (20, False)])
def test_documents_writing_a_rare_word_as_typed_rise_from_below_the_first_twenty(
    engine, exact_depth, rises
):
    # العمرة (Umrah) and عمر (Omar) share a stem. Thirty short articles on Omar
    # outrank the three longer ones on Umrah on BM25 alone; the as-typed bonus
    # reaches the Umrah articles only if it reads below the first twenty.
    docs = {f"omar{i:02}.txt": f"خبر {i}\nقال عمر " + FILLER for i in range(30)}
    docs |= {f"umrah{i}.txt": f"رحلة {i}\nأداء العمرة {FILLER} {FILLER}" for i in range(3)}
    docs |= {f"other{i:03}.txt": f"خبر آخر {i}\n" + FILLER for i in range(100)}
    eng = engine(docs, replace(KEYWORDS, exact_depth=exact_depth))
    assert eng.view().term_of("العمرة") == eng.view().term_of("عمر")
    result = eng.search("العمرة")
    assert result.total == 33
    assert (
        {h.path for h in result.hits[:3]} == {"umrah0.txt", "umrah1.txt", "umrah2.txt"}
    ) is rises


@pytest.mark.parametrize(("query", "reads"), [("عمر", 3), ("العمرة", 33)])
def test_the_as_typed_bonus_reads_only_documents_that_could_reach_the_first_few(
    engine, query, reads
):
    # «عمر»: the best three write it as typed, and no document below can pass
    # them; «العمرة»: the three that do are last, so every document is read.
    docs = {f"omar{i:02}.txt": f"خبر {i}\nقال عمر " + FILLER for i in range(30)}
    docs |= {f"umrah{i}.txt": f"رحلة {i}\nأداء العمرة {FILLER} {FILLER}" for i in range(3)}
    docs |= {f"other{i:03}.txt": f"خبر آخر {i}\n" + FILLER for i in range(100)}
    eng = engine(docs)
    view = eng.view()
    scorer = view.scorer(query)
    q = queries.parse(view.parser, query)
    scores, idfs = scorer.scored(q, scorer.query_terms(q))
    best = np.argsort(-scores, kind="stable")[: np.count_nonzero(scores)]

    def bonused(keep):
        heads = eng._heads(view, scorer, query, cache(view.searcher.stored_fields))
        read, written = [], heads.written
        heads.written = lambda d: read.append(d) or written(d)
        got = scores.copy()
        scorer.as_typed(best, got, heads, idfs, keep)
        return best[np.lexsort((best, -got[best]))].tolist(), len(read)

    every, all_read = bonused(len(best))
    first, few_read = bonused(3)
    assert first[:3] == every[:3]
    assert all_read == 33
    assert few_read == reads
