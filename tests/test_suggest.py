"""«Did you mean»: corrections drawn from the index's own words."""

from urllib.parse import quote

import pytest

from indexer.build import update_index
from search import engine as search_engine, suggest as suggest_module
from search.engine import Engine
from search.suggest import FEW_HITS, _slips, _Spelling, suggest, suggest_for, widened
from web.app import create_app

from .conftest import islands, write, write_all

DOCS = {
    "a.txt": "العلاقات الثنائية\nبحث الرئيسان العلاقات الثنائية. وقال الرئيس إن العلاقات جيدة.",
    "b.txt": "الاقتصاد\nوالعلاقات الاقتصادية بين الشركات. الاقتصاد ينمو.",
    "c.txt": "الطقس\nأمطار غزيرة على الرياض.",
}


@pytest.fixture
def searcher(seeds, index_dir):
    write_all(seeds, DOCS)
    update_index(seeds, index_dir)
    return Engine(index_dir).searcher()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("العلاكات", "العلاقات"),  # one letter wrong
        ("العلاكات الثنائية", "العلاقات الثنائية"),  # known words are kept as typed
        ("الاقتصات", "الاقتصاد"),
        ("امطار غزيره على الرياظ", "امطار غزيره على الرياض"),
        ("امطار غزبرةٌ", "امطار غزيرة"),  # with a mark after ة
        ("title:العلاكات", "title:العلاقات"),  # syntax is left alone
        ('"العلاكات الثنائية"', '"العلاقات الثنائية"'),
    ],
)
def test_unknown_words_are_replaced_by_the_closest_written_form(searcher, query, expected):
    assert suggest(searcher, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "العلاقات",
        "الْعَلَاقَاتِ",
        "علاقات",  # known, in any spelling
        "في من",  # stopwords only
        "زلزال",  # nothing close
        "العلا*",
        "NOT الطقس",
        "",
    ],
)
def test_nothing_to_suggest(searcher, query):
    assert suggest(searcher, query) is None


def test_the_most_common_form_of_the_term_is_suggested(searcher):
    # «العلاقات» is written so three times, «والعلاقات» once.
    assert suggest(searcher, "العلاقاط") == "العلاقات"


def test_a_word_found_only_in_a_title_is_suggested(searcher):
    assert suggest(searcher, "الطقص") == "الطقس"


def test_a_suggestion_finds_documents(seeds, index_dir, searcher):
    engine = Engine(index_dir)
    assert engine.search("الاقتصات").total == 0
    assert engine.search(suggest(searcher, "الاقتصات")).total == 1


def test_the_cli_shows_the_correction_when_nothing_matches(searcher, bahth, search_json):
    result = bahth("search", "الاقتصات")
    assert "no documents match 'الاقتصات'; showing 'الاقتصاد'" in result.stderr
    assert "did you mean" not in result.stderr and "1." in result.stdout
    corrected = search_json("الاقتصات")
    assert corrected["corrected_from"] == "الاقتصات" and corrected["total"]
    assert corrected["hits"] == search_json("الاقتصاد")["hits"]
    nothing = bahth("search", "زلزال")
    assert "no documents match" in nothing.stderr and "showing" not in nothing.stderr


def test_a_slip_keeps_the_clitics_that_were_typed(searcher):
    # One letter missing; the suggestion is the typed word mended, و and all.
    assert suggest(searcher, "والاقتصد") == "والاقتصاد"


def test_a_rare_word_one_slip_from_a_common_one_is_corrected(seeds, index_dir):
    write(seeds, "rare.txt", "خبر نادر\nذكر الكاتب العلاقاط مرة واحدة.")
    for i in range(40):
        write(seeds, f"common{i}.txt", f"خبر {i}\nتحسنت العلاقات بين البلدين.")
    update_index(seeds, index_dir)
    searcher = Engine(index_dir).searcher()
    assert suggest(searcher, "العلاقاط") == "العلاقات"
    assert suggest(searcher, "العلاقات") is None


@pytest.fixture
def few(seeds, index_dir):
    """«العلاقاط», a slip, written in one document; «العلاقات» in forty, two of
    which write it next to «الوفد»."""
    write(seeds, "slip.txt", "مقال\nكتب الكاتب عن العلاقاط بين البلدين.")
    for i in range(2, 40):
        write(seeds, f"common{i:02}.txt", f"خبر {i}\nتحسنت العلاقات بين البلدين {i}.")
    for i in range(2):
        write(seeds, f"common{i:02}.txt", f"خبر {i}\nناقش الوفد العلاقات بين البلدين.")
    update_index(seeds, index_dir)
    return Engine(index_dir)


def test_a_query_that_finds_a_few_documents_includes_its_correction(few):
    assert few.search("العلاقاط").total == 1
    result, suggestion = few.answer("العلاقاط", per_page=20)
    assert suggestion is None and result.corrected_from is None
    assert result.included == "العلاقات" and result.total == 41
    # The document that writes the query as typed comes first.
    assert result.hits[0].path == "slip.txt"
    assert few.answered_query("العلاقاط") == "العلاقاط العلاقات"
    assert few.answered_query("العلاقات") == "العلاقات"


@pytest.mark.parametrize(
    ("found", "query", "included"),
    [
        (FEW_HITS - 2, "العلاقاط الوفد", "العلاقات الوفد"),
        # A word in a document or two is a slip someone else made too, in a short
        # query however much its other words find...
        (FEW_HITS, "العلاقاط الوفد", "العلاقات الوفد"),
        # ...and a name in a long one, whose other words carry what is meant.
        (FEW_HITS, "العلاقاط الوفد إلى المدينة اليوم", None),
    ],
)
def test_a_query_that_finds_enough_includes_a_correction_only_in_a_short_query(
    few, seeds, index_dir, found, query, included
):
    # «العلاقاط» is in one document (slip.txt); «الوفد» is in ``found`` others.
    for i in range(found):
        write(seeds, f"delegation{i}.txt", f"زيارة {i}\nوصل الوفد إلى المدينة.")
    update_index(seeds, index_dir)
    result, suggestion = few.answer(query)
    assert (suggestion, result.included) == (None, included)
    assert result.total == (found + 41 if included else found + 3)
    if included:
        assert result.hits[0].path == "slip.txt"  # the words as typed come first


def test_a_word_in_no_document_is_corrected_however_much_the_rest_finds(few, seeds, index_dir):
    # «العلاكات» is in no document: the query's other word finds all it finds.
    for i in range(FEW_HITS + 3):
        write(seeds, f"delegation{i}.txt", f"زيارة {i}\nوصل الوفد إلى المدينة.")
    update_index(seeds, index_dir)
    assert few.search("العلاكات الوفد").total == FEW_HITS + 5
    result, suggestion = few.answer("العلاكات الوفد")
    assert (suggestion, result.query, result.corrected_from) == (
        None,
        "العلاقات الوفد",
        "العلاكات الوفد",
    )
    assert result.unknown == ["العلاكات"] and result.total == FEW_HITS + 3 + 40
    # A word a document holds is kept as typed, its correction included.
    result, _ = few.answer("العلاقاط الوفد")
    assert (result.query, result.corrected_from, result.unknown) == (
        "العلاقاط الوفد العلاقات",
        None,
        [],
    )


def test_a_word_holds_the_documents_of_its_rest_where_the_proclitic_is_undecided(seeds, index_dir):
    # «بتخليق» keeps its ب (the lexicon cannot tell), and is searched as «تخليق»
    # too (Scorer.query_terms): it finds the three files that write that.
    docs = {f"s{i}.txt": f"علم {i}\nنجح العلماء في تخليق الدواء." for i in range(3)}
    write_all(seeds, docs | {"b.txt": "علم\nقام فريق بتخليق الدواء."})
    update_index(seeds, index_dir)
    searcher = Engine(index_dir).searcher()
    assert suggest_module.unknown(searcher, "بتخليق الدواء", most=2) == []
    assert suggest_module.unknown(searcher, "بتخليق الزلزال", most=2) == ["الزلزال"]


def test_a_word_is_mended_only_to_one_written_beside_the_words_typed_with_it(few, seeds, index_dir):
    # «العلاكات» is in no document; «العلاقات» is written next to «الوفد» twice,
    # and never next to «المدينة».
    for i in range(FEW_HITS):
        write(seeds, f"delegation{i}.txt", f"زيارة {i}\nوصل الوفد إلى المدينة.")
    update_index(seeds, index_dir)
    result, suggestion = few.answer("العلاكات المدينة")
    assert (suggestion, result.query, result.corrected_from) == (None, "العلاكات المدينة", None)
    assert result.total == FEW_HITS  # what the typed words find
    result, suggestion = few.answer("العلاكات الوفد")
    assert (suggestion, result.corrected_from) == (None, "العلاكات الوفد")
    # A word typed alone has nothing to be written beside.
    assert few.answer("العلاكات")[0].corrected_from == "العلاكات"


def test_a_slip_beside_another_slip_is_mended_as_if_typed_alone(few, seeds, index_dir):
    # «الوفظ» is in no document: nothing is written beside it, so «العلاكات» next
    # to it takes its likeliest correction, and «الوفظ» the one written beside
    # «المدينة»; together they are written in two documents.
    for i in range(FEW_HITS):
        write(seeds, f"delegation{i}.txt", f"زيارة {i}\nوصل الوفد إلى المدينة.")
    update_index(seeds, index_dir)
    result = few.search("العلاكات الوفظ المدينة")
    assert result.total == FEW_HITS
    assert suggest_for(few.searcher(), result) == "العلاقات الوفد المدينة"


def test_one_document_beside_a_typed_word_may_be_a_coincidence(few, seeds, index_dir):
    for i in range(FEW_HITS):
        write(seeds, f"delegation{i}.txt", f"زيارة {i}\nوصل الوفد إلى المدينة.")
    write(seeds, "common00.txt", "خبر 0\nتحسنت العلاقات بين البلدين.")
    update_index(seeds, index_dir)
    result, _ = few.answer("العلاكات الوفد")
    assert (result.query, result.corrected_from) == ("العلاكات الوفد", None)


def test_the_words_typed_beside_a_slip_choose_among_its_corrections(seeds, index_dir):
    # «العضام» alone is likelier «العام» (a letter left out of a common word) than
    # «العظام» (ظ typed ض); typed beside «هشاشة», which the documents write
    # before العظام, it is the rarer word.
    docs = {f"year{i}.txt": f"تقرير {i}\nارتفع الإنتاج في العام الماضي." for i in range(40)}
    bones = (
        "تصيب هشاشة العظام كبار السن.",
        "الكالسيوم يقي من هشاشة العظام.",
        "هشاشة العظام مرض صامت.",
    )
    docs |= {f"bones{i}.txt": f"صحة {i}\n{text}" for i, text in enumerate(bones)}
    docs |= {f"other{i}.txt": f"رأي {i}\nكشفت الأزمة هشاشة الاقتصاد." for i in range(FEW_HITS)}
    write_all(seeds, docs)
    update_index(seeds, index_dir)
    engine = Engine(index_dir)
    assert suggest(engine.searcher(), "العضام") == "العام"
    result, _ = engine.answer("هشاشة العضام")
    assert (result.query, result.corrected_from) == ("هشاشة العظام", "هشاشة العضام")
    assert {hit.path for hit in result.hits[:3]} == {"bones0.txt", "bones1.txt", "bones2.txt"}


def test_the_cli_and_the_page_say_which_word_no_document_holds(
    few, seeds, index_dir, bahth, search_json
):
    for i in range(FEW_HITS):
        write(seeds, f"delegation{i}.txt", f"زيارة {i}\nوصل الوفد إلى المدينة.")
    update_index(seeds, index_dir)
    assert "no documents match 'العلاكات'; showing 'العلاقات الوفد'" in (
        bahth("search", "العلاكات الوفد").stderr
    )
    body = search_json("العلاكات الوفد")
    assert (body["unknown"], body["corrected_from"]) == (["العلاكات"], "العلاكات الوفد")
    html = create_app(index_dir).test_client().get("/search?q=" + quote("العلاكات الوفد"))
    text = html.get_data(as_text=True)
    assert (
        "لا ترد «<bdi>العلاكات</bdi>» في أي وثيقة، فهذه نتائج «<bdi>العلاقات الوفد</bdi>»" in text
    )


def test_the_cli_and_the_page_say_what_was_included(few, bahth, search_json, index_dir):
    result = bahth("search", "العلاقاط")
    assert "few documents match as typed; including 'العلاقات'" in result.stderr
    body = search_json("العلاقاط")
    assert body["included"] == "العلاقات" and body["corrected_from"] is None
    assert search_json("العلاقات")["included"] is None
    client = create_app(index_dir).test_client()
    html = client.get("/search?q=" + quote("العلاقاط")).get_data(as_text=True)
    link = f'<a href="/search?q={quote("العلاقات")}" dir="auto">العلاقات</a>'
    assert f"قليلة، فهذه نتائجها ومعها نتائج «{link}»" in html
    api = client.get("/api/search?q=" + quote("العلاقاط")).get_json()
    assert (api["included"], api["suggestion"], api["total"]) == ("العلاقات", None, 41)


def test_widened_adds_only_the_words_the_query_lacks():
    assert widened("مخيمات الاجئين", "مخيمات اللاجئين") == "مخيمات الاجئين اللاجئين"
    assert widened("title:العلاكات", "title:العلاقات") == "title:العلاكات العلاقات"


@pytest.mark.parametrize(
    "common, rare, typed, expected",
    [
        # «المختر» is «المختصر» with ص missed, or «المختص» with ص typed as ر: a letter
        # missed is the likelier slip.
        ("قال المختص إن الوضع مستقر.", "صدر الكتاب المختصر في التاريخ.", "المختر", "المختصر"),
        # «سيجب» is «يجب» with س added before it, or «سيجلب» with ل missed inside it:
        # a first letter is seldom mistyped.
        ("يجب على الجميع الالتزام.", "المشروع سيجلب الاستثمار.", "سيجب", "سيجلب"),
        # «الثيان» is «الثيران» with ر missed, or «الثاني» with ي added; the term of
        # «الثان» (ثان) is always written «الثاني», never «الثان».
        ("فاز الفريق بالمركز الثاني.", "شارك الثيران في المهرجان.", "الثيان", "الثيران"),
    ],
    ids=["missed-letter", "first-letter", "written-so"],
)
def test_the_likelier_slip_beats_the_commoner_word(seeds, index_dir, common, rare, typed, expected):
    for i in range(10):
        write(seeds, f"common{i}.txt", f"خبر {i}\n{common}")
    for i in range(3):
        write(seeds, f"rare{i}.txt", f"خبر {i}\n{rare}")
    update_index(seeds, index_dir)
    assert suggest(Engine(index_dir).searcher(), typed) == expected


def _likelihood(typed, candidate):
    return sum(p for c, p in _slips(typed) if c == candidate)


def test_a_letter_typed_in_excess_is_a_rarer_slip_than_one_missed_unless_doubled():
    missed = _likelihood("الارقاء", "الارتقاء")
    assert _likelihood("الارقاء", "الاراء") < missed <= _likelihood("الارراء", "الاراء")


def test_a_letter_missed_beats_a_letter_typed_in_excess(seeds, index_dir):
    # «الارقاء» is «الارتقاء» with ت missed, or «الاراء» with ق typed in excess.
    for i in range(6):
        write(seeds, f"views{i}.txt", f"خبر {i}\nتباينت الاراء حول القرار.")
    for i in range(3):
        write(seeds, f"rise{i}.txt", f"خبر {i}\nيسعى الفريق إلى الارتقاء بالأداء.")
    update_index(seeds, index_dir)
    assert suggest(Engine(index_dir).searcher(), "الارقاء") == "الارتقاء"


def test_a_form_no_document_writes_loses_to_one_that_is_written(seeds, index_dir):
    # «كاينات» is «كائنات» with the hamza left off, or «كافينات» with ف missed.
    # «كافينات» has the term of «كافة», in 100 documents, none of which writes it so.
    # The hamza's seat is a guess (كاءنات has the same term): the documents decide it.
    for i in range(100):
        write(seeds, f"all{i}.txt", f"خبر {i}\nحضر الاجتماع كافة الأعضاء.")
    write(seeds, "beings.txt", "علوم\nتعيش كائنات دقيقة في الماء.")
    update_index(seeds, index_dir)
    assert suggest(Engine(index_dir).searcher(), "كاينات") == "كائنات"


def test_the_word_meant_is_found_behind_commoner_terms_no_one_writes_so(seeds, index_dir):
    # Six neighbours of «كاينات» have terms in 20 documents each (كافينات of كافية,
    # كاسينات of كأس, كانيات of كانون, ...), none written so; «كائنات» is in one.
    for i in range(20):
        write(
            seeds,
            f"cup{i}.txt",
            f"خبر {i}\nفي شهر كانون فاز الفريق بالكأس، وكذا نال الكفاية، والكراهية غير كافية.",
        )
    write(seeds, "beings.txt", "علوم\nتعيش كائنات دقيقة في الماء.")
    update_index(seeds, index_dir)
    assert suggest(Engine(index_dir).searcher(), "كاينات") == "كائنات"


def test_a_suggestion_writes_ta_marbuta_only_at_the_end_of_a_word(seeds, index_dir):
    # «يظةر» has the term of «يظهر» (ة is indexed as ه), but is no word. In titles
    # only, no sampled body shows how «يظهر» is written: the candidate is shown.
    for i in range(3):
        write(seeds, f"news{i}.txt", f"يظهر التقرير تحسنا\nنص الخبر {i}.")
    update_index(seeds, index_dir)
    searcher = Engine(index_dir).searcher()
    assert suggest(searcher, "يظر") == "يظهر"


def test_a_query_that_finds_plenty_still_gets_its_unknown_word_mended(seeds, index_dir, bahth):
    for i in range(8):
        write(seeds, f"rain{i}.txt", f"الطقس {i}\nأمطار غزيرة على الرياض وجدة.")
    write(seeds, "name.txt", "خبر\nزار الرياض الوزير قرقاش.")
    update_index(seeds, index_dir)
    engine = Engine(index_dir)
    searcher = engine.searcher()
    typo = engine.search("امطار غزيره على الرياظ")
    assert typo.total >= FEW_HITS
    assert suggest_for(searcher, typo) == "امطار غزيره على الرياض"
    # «الرياظ» is in no document: the page is the suggestion's.
    assert "no documents match 'الرياظ'; showing 'امطار غزيره على الرياض'" in (
        bahth("search", "امطار غزيره على الرياظ").stderr
    )
    # A word the index knows, if rarely, is taken as typed when the query found plenty.
    name = engine.search("امطار الرياض قرقاش")
    assert name.total >= FEW_HITS
    assert suggest_for(searcher, name) is None


@pytest.mark.parametrize(
    "text, as_typed, written",
    [
        ("قرأ كِتَـاب اليوم", False, "كتاب"),  # marks and tatweel inside the word
        ("قرأ كتابٌ", False, "كتاب"),  # and after its last letter
        ("كتاب", True, "كتاب"),
        ("كتابين كتاب.", True, "كتاب"),
        ("الكتاب", False, None),
        ("كتابه", False, None),
        ("قرأ كتأب", False, "كتأب"),  # another spelling, as written
        ("قرأ ﻛﺘﺎﺏ", False, "كتاب"),  # presentation forms, in plain letters
    ],
)
def test_a_candidate_counts_only_as_a_whole_word(text, as_typed, written):
    spelling = _Spelling("كتاب")
    assert spelling.as_typed_in(text) is as_typed
    assert spelling.written_in(text) == written


def test_prepared_segments_are_not_read_again(index_dir, searcher, monkeypatch):
    Engine(index_dir).prepare_suggestions()  # as `bahth serve` does at start-up
    reader = type(searcher.leaf_searchers()[0][0].reader())
    monkeypatch.setattr(reader, "lexicon", lambda *a: pytest.fail("the words were read again"))
    assert suggest(searcher, "العلاكات") == "العلاقات"


def test_the_engine_suggests_from_the_view_its_search_used(seeds, index_dir, searcher, monkeypatch):
    engine = Engine(index_dir)
    result = engine.search("الاقتصات")
    assert engine.suggestion(result) == "الاقتصاد"
    used = engine.searcher()
    write(seeds, "new.txt", "خبر\nنص جديد عن الاقتصاد.")
    update_index(seeds, index_dir)  # a new generation: a new view would see it
    monkeypatch.setattr(search_engine, "suggest_for", lambda searcher, result, lane: searcher)
    assert engine.suggestion(result) is used
    monkeypatch.undo()
    first = engine.searcher()
    engine.close()
    assert first.is_closed
    assert engine.search("الاقتصاد").total == 2  # a closed view is opened again, newest


@pytest.fixture
def island_engine(seeds, index_dir):
    """An Engine over ``conftest.islands(n)``."""

    def build(n):
        write_all(seeds, islands(n))
        update_index(seeds, index_dir)
        return Engine(index_dir)

    return build


@pytest.mark.parametrize("island_docs, expected", [(30, "الجزيرة"), (2, None)])
def test_a_slip_that_makes_a_known_word_is_corrected_if_the_other_is_far_likelier(
    island_engine, island_docs, expected
):
    engine = island_engine(island_docs)
    assert suggest_for(engine.searcher(), engine.search("الجزرة")) == expected
    assert suggest_for(engine.searcher(), engine.search("جزر")) is None


def test_a_known_word_that_a_document_writes_as_typed_is_left_alone(seeds, index_dir):
    # «الجزرة» is in one of its term's documents as typed: it is in use, if rarely.
    write_all(seeds, {**islands(30), "carrot.txt": "خبر\nأكل الطفل الجزرة."})
    update_index(seeds, index_dir)
    assert suggest(Engine(index_dir).searcher(), "الجزرة", rare=0) is None


def test_a_slip_that_makes_a_known_word_is_looked_for_in_short_queries_only(island_engine):
    engine = island_engine(30)
    short, long = "الجزرة في البحر", "الجزرة في البحر زار الوفد"
    assert suggest_for(engine.searcher(), engine.search(short)) == "الجزيرة في البحر"
    assert suggest_for(engine.searcher(), engine.search(long)) is None


def test_a_word_the_hits_write_as_typed_is_not_looked_up(island_engine, monkeypatch):
    engine = island_engine(30)
    result = engine.search("جزر")
    monkeypatch.setattr(suggest_module, "_sightings", lambda *a, **k: pytest.fail("read"))
    assert suggest_for(engine.searcher(), result) is None


@pytest.mark.parametrize(
    "meant, rival, typed, expected",
    [
        # ب and ي are side by side on the keyboard; «بوتان» is «بوتبن» with ا for ب,
        # keys apart, though in twice as many documents.
        ("زار بوتين موسكو.", "ارتفع سعر غاز بوتان.", "بوتبن", "بوتين"),
        # ظ is ط with shift on Apple's layout, and beside it on a phone's.
        ("ارتفعت أسعار النفط.", "افتتح النفق الجديد.", "النفظ", "النفط"),
        # «قروس» is Gross with the Gulf's ق for /g/, written جروس; «قروي»
        # ('villager') is a key away (ي beside س).
        ("قال المدرب جروس إن الفريق جاهز.", "عاد الشاب القروي إلى قريته.", "قروس", "جروس"),
    ],
    ids=["neighbouring-key", "shifted-key", "foreign-g"],
)
def test_a_likelier_slip_beats_a_word_in_twice_as_many_documents(
    seeds, index_dir, meant, rival, typed, expected
):
    for i in range(4):
        write(seeds, f"rival{i}.txt", f"خبر {i}\n{rival}")
    for i in range(2):
        write(seeds, f"meant{i}.txt", f"خبر {i}\n{meant}")
    update_index(seeds, index_dir)
    assert suggest(Engine(index_dir).searcher(), typed) == expected


@pytest.mark.parametrize("typed", ["الكرملبن", "الكرملتن"])
def test_a_suggestion_is_a_form_its_documents_write(seeds, index_dir, typed):
    # «الكرملان» and «الكرملين» have one term, كرمل; documents write only the second.
    # ت is next to ا on the keyboard, not to ي: «الكرملان» is the likelier slip of
    # «الكرملتن», but no one writes it.
    for i in range(3):
        write(seeds, f"moscow{i}.txt", f"خبر {i}\nقال الكرملين إن المحادثات مستمرة.")
    update_index(seeds, index_dir)
    assert suggest(Engine(index_dir).searcher(), typed) == "الكرملين"
