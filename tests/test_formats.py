"""PDF, DOCX, ODT, HTML, Markdown and EPUB: read, titled, dated, paged, found,
updated and deleted as .txt files are; hostile ones reported and skipped."""

import pytest

from indexer.arabic.normalize import strip_marks
from indexer.build import update_index
from indexer.documents import read_document
from indexer.formats import isolate
from indexer.formats.rtl import fold_forms, logical
from search.engine import Engine

from . import makefiles
from .conftest import write

HTML = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>مقال عن الواحات</title><meta name="author" content="ليلى"><script>var s = "سكربت";</script>
</head><body><nav><a href="/">الرئيسية</a> <a href="/x">قائمةالموقع</a></nav>
<h1>رأس الصفحة</h1><p>نص المقال عن الواحات والنخيل في الصحراء.</p>
<footer>حقوقالنشر محفوظة</footer></body></html>"""

MARKDOWN = """---
title: مذكرة الاجتماع
date: 2021-03-04
author: [سعيد, مريم]
---
# جدول الأعمال
ناقش الفريق خطة الري الجديدة.
"""


@pytest.fixture
def mixed(seeds):
    (seeds / "report.pdf").write_bytes(
        makefiles.pdf(
            [
                [makefiles.visual("تقرير الاقتصاد لعام 2015 مع Saudi Aramco")],
                [makefiles.visual("الصفحة الثانية عن الزراعة والقمح")],
            ],
            info={
                "Title": "التقرير السنوي",
                "Author": "وزارة الاقتصاد",
                "CreationDate": "D:20150721103000+03'00'",
            },
        )
    )
    makefiles.docx_file(
        seeds / "letter.docx", ["رسالة عن البريد والطوابع."], heading="رسالة رسمية", author="خالد"
    )
    makefiles.odt_file(
        seeds / "minutes.odt",
        ["محضر عن السدود والأمطار."],
        heading="محضر الجلسة",
        title="محضر رسمي",
        author="هدى",
    )
    write(seeds, "page.html", HTML)
    write(seeds, "notes.md", MARKDOWN)
    makefiles.epub_file(
        seeds / "book.epub",
        [("الفصل الأول", "البداية عن القوافل"), ("الفصل الثاني", "النهاية عن الموانئ")],
        title="كتاب الرحلات",
        author="ابن بطوطة",
        date="1355-01-01",
    )
    write(seeds, "plain.txt", "خبر نصي\nعن الأسواق")
    return seeds


def hit(engine, query):
    result = engine.search(query)
    assert result.total == 1, query
    return result.hits[0]


def test_every_format_is_indexed_with_its_title_date_author_and_pages(mixed, index_dir):
    report = update_index(mixed, index_dir)
    assert not report.skipped and len(report.added) == 7
    engine = Engine(index_dir)
    pdf = hit(engine, "القمح")
    assert (pdf.path, pdf.format, pdf.page) == ("report.pdf", "pdf", 2)
    assert pdf.title == "التقرير السنوي" and pdf.date == "2015-07-21"  # the day its metadata gives
    # Visual order repaired, Latin words and numbers kept in theirs.
    assert hit(engine, '"تقرير الاقتصاد لعام 2015 مع Saudi Aramco"').page == 1
    doc = engine.document("report.pdf")
    assert doc.author == "وزارة الاقتصاد" and len(doc.pages) == 2
    letter = hit(engine, "الطوابع")
    assert (letter.format, letter.title, letter.page) == ("docx", "رسالة رسمية", None)
    assert engine.document("letter.docx").author == "خالد"
    minutes = hit(engine, "السدود")
    assert (minutes.format, minutes.title) == ("odt", "محضر رسمي")
    assert engine.document("minutes.odt").author == "هدى"
    page = hit(engine, "النخيل")
    assert (page.format, page.title) == ("html", "مقال عن الواحات")
    for boilerplate in ("سكربت", "قائمةالموقع", "حقوقالنشر"):
        assert engine.search(boilerplate).total == 0
    notes = hit(engine, "الري")
    assert (notes.format, notes.title, notes.date) == ("md", "مذكرة الاجتماع", "2021-03-04")
    assert engine.document("notes.md").author == "سعيد, مريم"
    assert engine.search("title").total == 0  # front matter is not text
    book = hit(engine, "القوافل")
    assert (book.format, book.title, book.date) == ("epub", "كتاب الرحلات", "1355-01-01")
    # Chapters in the spine's order, not their files'; no style sheet as text.
    body = engine.document("book.epub").pages[0]
    assert body == ["الفصل الأول", "البداية عن القوافل", "الفصل الثاني", "النهاية عن الموانئ"]
    assert hit(engine, "الأسواق").format == "txt"


def test_title_falls_back_to_heading_then_first_line(seeds, index_dir):
    makefiles.docx_file(seeds / "heading.docx", ["نص عن الجبال"], heading="عنوان الرأس")
    makefiles.docx_file(seeds / "line.docx", ["السطر الأول هنا", "نص عن الوديان"])
    (seeds / "bare.pdf").write_bytes(makefiles.pdf([["* * *"], [makefiles.visual("نص عن السهول")]]))
    update_index(seeds, index_dir)
    engine = Engine(index_dir)
    assert hit(engine, "الجبال").title == "عنوان الرأس"
    assert hit(engine, "الوديان").title == "السطر الأول هنا"
    assert hit(engine, "السهول").title == "bare"  # a first line of no word: the file name


def test_converted_files_are_updated_and_deleted_like_txt(mixed, index_dir):
    update_index(mixed, index_dir)
    makefiles.docx_file(mixed / "letter.docx", ["رسالة عن القطارات."], heading="رسالة معدلة")
    (mixed / "book.epub").unlink()
    report = update_index(mixed, index_dir)
    assert report.updated == ["letter.docx"] and report.removed == ["book.epub"]
    engine = Engine(index_dir)
    assert hit(engine, "القطارات").title == "رسالة معدلة"
    assert engine.search("الطوابع").total == 0 and engine.search("القوافل").total == 0
    assert "up to date" not in str(update_index(mixed, index_dir).summary())
    assert update_index(mixed, index_dir).unchanged == 6


@pytest.mark.slow  # waits out a reader that hangs, in a child process
def test_hostile_files_are_reported_and_skipped_and_the_rest_indexed(bahth, seeds, index_dir):
    good = makefiles.pdf([[makefiles.visual("وثيقة سليمة عن الزيتون")]])
    (seeds / "good.pdf").write_bytes(good)
    (seeds / "locked.pdf").write_bytes(makefiles.pdf([["secret"]], encrypt=True))
    (seeds / "truncated.pdf").write_bytes(good[:40])
    write(seeds, "text.pdf", "هذا نص وليس PDF")
    (seeds / "scan.pdf").write_bytes(makefiles.pdf([[]]))
    (seeds / "loop.pdf").write_bytes(makefiles.pdf([[makefiles.visual("شجرة الصفحات")]], loop=True))
    (seeds / "long.pdf").write_bytes(makefiles.pdf([[makefiles.visual("كتاب طويل جدا")]] * 5000))
    makefiles.zip_bomb(seeds / "bomb.docx", "word/document.xml", 300 * 2**20)
    makefiles.zip_bomb(seeds / "bomb.epub", "OEBPS/c1.xhtml", 300 * 2**20)
    makefiles.epub_file(seeds / "laughs.epub", [("فصل", "نص")], entity_bomb=True)
    makefiles.entity_bomb(seeds / "laughs.odt", "content.xml", makefiles.odt_file)
    makefiles.entity_bomb(seeds / "laughs.docx", "word/document.xml", makefiles.docx_file)
    write(seeds, "good.txt", "خبر\nعن النخيل")
    result = bahth("index")
    lines = result.stderr.splitlines()

    def reason(name):
        return next(line for line in lines if line.startswith(f"skipped {name}: "))

    assert "encrypted PDF" in reason("locked.pdf")
    assert "damaged PDF" in reason("truncated.pdf")
    assert "not a PDF" in reason("text.pdf")
    assert "needs OCR" in reason("scan.pdf")
    assert "ZIP bomb" in reason("bomb.docx") and "ZIP bomb" in reason("bomb.epub")
    assert "EntitiesForbidden" in reason("laughs.epub")
    assert "EntitiesForbidden" in reason("laughs.odt")
    assert "cut long.pdf: only its first 2000 pages are indexed" in lines
    # libxml2, under python-docx, refuses the amplification.
    assert "damaged DOCX (XMLSyntaxError)" in reason("laughs.docx")
    assert "4 added" in result.stdout and "9 skipped" in result.stdout
    engine = Engine(index_dir)
    assert hit(engine, "الزيتون").path == "good.pdf"
    assert hit(engine, "النخيل").path == "good.txt"
    assert hit(engine, "الصفحات").path == "loop.pdf"  # its loop is not followed
    long = engine.document("long.pdf")
    assert len(long.pages) == 2000


def test_a_reader_that_takes_too_long_is_stopped_and_the_next_file_read(
    seeds, index_dir, monkeypatch
):
    # 2,000 pages take pdfminer seconds; the limit is a fraction of that.
    (seeds / "a-slow.pdf").write_bytes(makefiles.pdf([[makefiles.visual("بطيء جدا")]] * 2000))
    (seeds / "b-quick.pdf").write_bytes(makefiles.pdf([[makefiles.visual("سريع عن الرمان")]]))
    monkeypatch.setattr(isolate, "TIMEOUT", 0.5)
    report = update_index(seeds, index_dir)
    assert report.skipped == [("a-slow.pdf", "reading took over 0.5 s; skipped")]
    assert hit(Engine(index_dir), "الرمان").path == "b-quick.pdf"


def test_visual_order_is_restored_keeping_latin_and_numbers():
    assert logical(makefiles.visual("زار Paris عام 2015 مرتين")) == "زار Paris عام 2015 مرتين"
    assert logical("Hello world") == "Hello world"
    # Presentation forms, ﻻ among them, fold to letters in logical order.
    assert logical("ﺎﺒﺣﺮﻣ ﻻ") == "لا مرحبا"
    assert fold_forms("١٢ ½ ﻻ") == "١٢ ½ لا"


def test_an_arabic_page_is_read_from_the_top_right(tmp_path):
    # Right-aligned paragraphs whose last lines are short, each line a box of its
    # own: read from the top left, a short line came after the longer ones below it.
    first = [
        "بدأت الوزارة اليوم حملة واسعة لتنظيف الشواطئ والحدائق العامة في",
        "المدن الساحلية بمشاركة المتطوعين من طلاب الجامعات والمدارس",
        "والأهالي.",
    ]
    second = ["وأوضح المتحدث أن الحملة تستمر أسبوعين وتشمل الجزر القريبة من", "الساحل أيضا."]
    path = tmp_path / "page.pdf"
    path.write_bytes(
        makefiles.pdf([[makefiles.visual(line) for line in first + second]], right=True, leading=20)
    )
    assert read_document(path, path.name).body.split() == " ".join(first + second).split()


def test_a_space_inside_a_joined_word_is_removed():
    # pdfminer reads «يحلّق» drawn with its damma and shadda as «ﻖّﻠﺤُ ﻳ» (visual
    # order): the initial ﻳ joins the letter on its left, the medial ﺤ the one on
    # its right, so the space between them is no word break.
    split = "\ufed6\u0651\ufee0\ufea4\u064f \ufef3"
    assert strip_marks(logical(split)) == "يحلق"
    # A final form (ﺐ) and an initial one (ﻳ) on either side of a space: two words.
    assert logical("\ufed6\ufee0\ufea4\ufef3 \ufe90\ufe98\ufedb") == "كتب يحلق"


def test_a_word_split_at_a_line_end_is_rejoined(tmp_path):
    # «مكتبة» drawn as a shaped PDF draws it, broken after its ت: the first line
    # ends with ﺘ, the medial form that joins the letter after it, and the next
    # starts with ﺒ. A line whose last word ends in a final form is no break.
    lines = ["زرت \ufee3\ufedc\ufe98", "\ufe92\ufe94 الجامعة", "ونشرت الخبر"]
    path = tmp_path / "page.pdf"
    path.write_bytes(makefiles.pdf([[makefiles.visual(line) for line in lines]]))
    assert read_document(path, path.name).body.split() == [
        "زرت",
        "مكتبة",
        "الجامعة",
        "ونشرت",
        "الخبر",
    ]


def test_a_page_without_text_keeps_the_pages_after_it_numbered(seeds, index_dir):
    # A cover that is only a picture, then the text: the text is on page 2.
    (seeds / "covered.pdf").write_bytes(makefiles.pdf([[], [makefiles.visual("نص عن الزيتون")]]))
    update_index(seeds, index_dir)
    assert hit(Engine(index_dir), "الزيتون").page == 2
