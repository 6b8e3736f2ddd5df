#!/usr/bin/env python3
"""Extraction fidelity on Arabic, per route and extractor: word and bigram recall.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/formats.py [--articles 20]

Renders news articles of the shared corpus (nothing of them is kept) as
(1) Chromium's --print-to-pdf of an RTL page, (2) "baked" PDFs drawn the legacy
way, reshaped and reordered before drawing (fpdf2 + arabic-reshaper + python-bidi,
fonts as FONTS says), and (3) DOCX, ODT, HTML, EPUB and Markdown; and the first
``--scans`` of them as (4) scans: the Chromium PDF's pages as 300 dpi grey
pictures in a PDF with no text layer, read with --ocr (needs tesseract-ocr-ara).
Each is read by bahth's reader (indexer.formats), and the PDFs also by pypdfium2
and pypdf as they come. Prints, per route and extractor, word recall and bigram
(word order) recall of the extracted text against the article, and the seconds
per page. Words are compared as search sees them: harakat neither split nor count.
"""

import argparse
import html
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from pathlib import Path

from common import collection, require_shared

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from indexer.arabic import tokenize  # noqa: E402
from indexer.arabic.normalize import strip_marks  # noqa: E402
from indexer.documents import read_document  # noqa: E402
from indexer.formats import ocr  # noqa: E402
from tests import makefiles  # noqa: E402

# Fonts for the baked PDFs, the first drawing what it can and the next ones the
# rest: a baked PDF draws each letter's presentation form, ﷲ included, and a
# glyph its fonts lack is drawn as nothing, so the text layer never has it. Noto
# Naskh Arabic (fonts-noto-core) has every form but no Latin, which DejaVu Sans
# draws; DejaVu lacks ﷲ. Amiri (fonts-hosny-amiri) has everything but gives
# tatweel no width, so pdfminer cuts a line at each: it comes last.
FONTS = [
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf",
]


def words(text):
    """The words of ``text`` as a search finds them: harakat and tatweel inside a
    word neither split it nor count (a baked PDF's reshaper drops them, and the
    index ignores them)."""
    return [w for w in (strip_marks(word) for word, _, _ in tokenize.words(text)) if w]


def recall(reference, found):
    ref, got = Counter(reference), Counter(found)
    return sum(min(n, got[w]) for w, n in ref.items()) / max(1, sum(ref.values()))


def scores(source, text):
    ref, got = words(source), words(text)
    return recall(ref, got), recall(list(zip(ref, ref[1:])), list(zip(got, got[1:])))


def chrome_pdf(title, paragraphs, folder):
    page = folder / "page.html"
    page.write_text(_page(title, paragraphs), encoding="utf-8")
    out = folder / "chrome.pdf"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


def baked_pdf(title, paragraphs, folder):
    import arabic_reshaper
    from bidi import get_display
    from fpdf import FPDF

    lines = [
        get_display(arabic_reshaper.reshape(line))
        for paragraph in [title, *paragraphs]
        for line in textwrap.wrap(paragraph, 80)
    ]
    fonts = baked_fonts("".join(lines))
    pdf = FPDF()
    for n, font in enumerate(fonts):
        pdf.add_font(f"f{n}", fname=font)
    pdf.set_font("f0", size=12)
    pdf.set_fallback_fonts([f"f{n}" for n in range(1, len(fonts))])
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 7, line, align="R", new_x="LMARGIN", new_y="NEXT")
    out = folder / "baked.pdf"
    pdf.output(str(out))
    return out


def baked_fonts(text):
    """The fonts of FONTS installed, if between them they draw every character of
    ``text``; else the bench stops, since a missing glyph would count as the
    reader's loss."""
    from fontTools.ttLib import TTFont

    fonts = [font for font in FONTS if Path(font).exists()]
    drawn = set().union(*(TTFont(font).getBestCmap() for font in fonts))
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in drawn})
    if missing:
        sys.exit(
            f"no installed font draws {''.join(missing)!r} (of {len(fonts)} found); "
            "install fonts-hosny-amiri or fonts-noto-core"
        )
    return fonts


def _page(title, paragraphs):
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
        f"<h1>{html.escape(title)}</h1><main>{body}</main></body></html>"
    )


def others(title, paragraphs, folder):
    makefiles.docx_file(folder / "a.docx", paragraphs, heading=title)
    makefiles.odt_file(folder / "a.odt", paragraphs, heading=title)
    (folder / "a.html").write_text(_page(title, paragraphs), encoding="utf-8")
    (folder / "a.md").write_text(f"# {title}\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    makefiles.epub_file(folder / "a.epub", [(title, html.escape("\n".join(paragraphs)))])
    return {f"route 3: {s}": folder / f"a.{s}" for s in ("docx", "odt", "html", "md", "epub")}


def scanned_pdf(pdf, folder):
    """The pages of ``pdf`` as pictures only, as a scanner makes them."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = [page.render(scale=300 / 72, grayscale=True).to_pil() for page in document]
    out = folder / "scan.pdf"
    images[0].save(out, "PDF", resolution=300, save_all=True, append_images=images[1:])
    return out


def read_with_ocr(path):
    os.environ[ocr.ENV] = "1"
    try:
        return read_document(path, path.name).body
    finally:
        os.environ[ocr.ENV] = "0"


def pdfium_text(path):
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def pypdf_text(path):
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def pages(path):
    import pypdfium2

    return len(pypdfium2.PdfDocument(path))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument(
        "--scans",
        type=int,
        default=5,
        help="articles also read as scans by OCR (0: none; a page takes seconds)",
    )
    args = parser.parse_args()
    require_shared()
    if args.scans and ocr.missing():
        sys.exit(f"--scans needs OCR: {ocr.missing()} (or pass --scans 0)")
    articles = sorted(p for p in collection().glob("20*/*.txt"))[::997][: args.articles]
    totals = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for k, article in enumerate(articles):
            title, _, body = article.read_text(encoding="utf-8").partition("\n")
            paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
            source = "\n".join([title, *paragraphs])
            routes = {
                "route 1: Chromium PDF": chrome_pdf(title, paragraphs, folder),
                "route 2: baked PDF": baked_pdf(title, paragraphs, folder),
            }
            for route, path in routes.items():
                n = pages(path)
                for name, extract in (
                    ("bahth (pdfminer.six + repair)", lambda p: read_document(p, p.name).body),
                    ("pypdfium2", pdfium_text),
                    ("pypdf", pypdf_text),
                ):
                    start = time.perf_counter()
                    text = extract(path)
                    took = time.perf_counter() - start
                    totals.setdefault((route, name), []).append((*scores(source, text), took, n))
            if k < args.scans:
                scan = scanned_pdf(routes["route 1: Chromium PDF"], folder)
                start = time.perf_counter()
                text = read_with_ocr(scan)
                took = time.perf_counter() - start
                totals.setdefault(
                    ("route 4: scan + OCR (tesseract ara, 300 dpi)", "bahth --ocr"), []
                ).append((*scores(source, text), took, pages(scan)))
            for route, path in others(title, paragraphs, folder).items():
                start = time.perf_counter()
                doc = read_document(path, path.name)
                took = time.perf_counter() - start
                totals.setdefault((route, "bahth"), []).append(
                    (*scores(source, doc.title + "\n" + doc.body), took, 1)
                )
    print(f"{len(articles)} articles, {min(args.scans, len(articles))} of them as scans")
    print("| route | extractor | word recall | bigram recall | s/page | pages/s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for (route, name), rows in totals.items():
        word = sum(r[0] for r in rows) / len(rows)
        bigram = sum(r[1] for r in rows) / len(rows)
        per_page = sum(r[2] for r in rows) / sum(r[3] for r in rows)
        print(
            f"| {route} | {name} | {word:.4f} | {bigram:.4f} | {per_page:.3f} "
            f"| {1 / per_page if per_page else float('inf'):.1f} |"
        )


if __name__ == "__main__":
    main()
