"""`--ocr`: PDF pages with no text layer read by tesseract, and a clear word when
it cannot run."""

import shutil
from pathlib import Path

import pytest

from indexer import documents
from indexer.formats import ocr
from search.engine import Engine

from . import makefiles
from .conftest import write

FONTS = [
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf",
]
PAGES = [
    ["مقدمة الكتاب عن الصحراء"],
    ["تقرير عن زراعة النخيل في الواحات", "أعلنت وزارة الزراعة خطة جديدة لري المزارع"],
]


@pytest.fixture
def fresh_reader(monkeypatch):
    """The reading child and the OCR check start again with this test's PATH, and
    again after it; BAHTH_OCR is as it was after it."""
    monkeypatch.delenv(ocr.ENV, raising=False)
    documents._isolated.close()
    ocr.missing.cache_clear()
    yield
    documents._isolated.close()
    ocr.missing.cache_clear()


def scanned_pdf(path, pages):
    """A PDF holding only pictures of ``pages`` (lists of lines, drawn by Pillow),
    as a scanner makes: no text layer."""
    Image, ImageDraw, ImageFont = _pillow()
    font_path = next((f for f in FONTS if Path(f).exists()), None)
    if font_path is None:
        pytest.skip("no Arabic font to draw the scan (apt-get install fonts-noto-core)")
    font = ImageFont.truetype(font_path, 48)
    images = []
    for lines in pages:
        image = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
        draw = ImageDraw.Draw(image)
        for n, line in enumerate(lines):
            draw.text(
                (2280, 300 + 120 * n),
                line,
                font=font,
                fill=0,
                anchor="ra",
                direction="rtl",
                language="ar",
            )
        images.append(image)
    images[0].save(path, "PDF", resolution=300, save_all=True, append_images=images[1:])


def _pillow():
    pil = pytest.importorskip("PIL", reason="Pillow draws the scan (pip install -e '.[test]')")
    from PIL import Image, ImageDraw, ImageFont, features

    if not features.check("raqm"):
        pytest.skip(f"Pillow {pil.__version__} has no libraqm to shape Arabic")
    return Image, ImageDraw, ImageFont


def test_missing_tesseract_is_said_once_and_the_scan_still_reported(
    bahth, seeds, tmp_path, monkeypatch, fresh_reader
):
    (seeds / "scan.pdf").write_bytes(makefiles.pdf([[]]))
    (seeds / "scan2.pdf").write_bytes(makefiles.pdf([[], []]))
    write(seeds, "good.txt", "خبر\nعن النخيل")
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    result = bahth("index", "--ocr")
    lines = result.stderr.splitlines()
    assert [line for line in lines if "tesseract" in line] == [
        f"warning: --ocr: tesseract is not installed ({ocr.INSTALL}); "
        "pages with no text layer are reported, not read"
    ]
    assert (
        "skipped scan.pdf: needs OCR: no text layer on its 1 page(s); OCR is unavailable here"
        in lines
    )
    assert (
        "skipped scan2.pdf: needs OCR: no text layer on its 2 page(s); OCR is unavailable here"
        in lines
    )


def test_missing_arabic_data_is_said(bahth, seeds, tmp_path, monkeypatch, fresh_reader):
    # A tesseract that knows English only, as Debian's tesseract-ocr alone installs.
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "List of available languages (2):"\necho eng\necho osd\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    (seeds / "scan.pdf").write_bytes(makefiles.pdf([[]]))
    write(seeds, "good.txt", "خبر\nعن النخيل")
    result = bahth("index", "--ocr")
    assert f"warning: --ocr: tesseract has no Arabic data ({ocr.INSTALL})" in result.stderr
    assert "skipped scan.pdf: needs OCR" in result.stderr


needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or ocr.missing() != "",
    reason="tesseract with Arabic data is not installed (apt-get install tesseract-ocr "
    "tesseract-ocr-ara)",
)


@needs_tesseract
def test_a_scanned_page_is_read_with_ocr(bahth, seeds, index_dir, fresh_reader):
    scanned_pdf(seeds / "scan.pdf", PAGES)
    write(seeds, "good.txt", "خبر\nعن الأسواق")
    without = bahth("index")
    assert "skipped scan.pdf: needs OCR: no text layer on its 2 page(s)" in without.stderr
    with_ocr = bahth("index", "--ocr")
    assert "scan.pdf" not in with_ocr.stderr
    engine = Engine(index_dir)
    for query in ("النخيل", "الواحات", "وزارة الزراعة", "المزارع"):
        result = engine.search(query)
        assert [h.path for h in result.hits] == ["scan.pdf"], query
        assert result.hits[0].page == 2, query
    assert engine.search("الصحراء").hits[0].page == 1
