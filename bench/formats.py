#!/usr/bin/env python3
"""Extraction fidelity on Arabic, per route and extractor: word and bigram recall.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/formats.py [--articles 20]

Renders news articles of the shared corpus (nothing of them is kept) as
(1) Chromium's --print-to-pdf of an RTL page, (2) "baked" PDFs drawn the legacy
way, reshaped and reordered before drawing (fpdf2 + arabic-reshaper + python-bidi,
DejaVu Sans), and (3) DOCX, ODT, HTML, EPUB and Markdown. Each is read by
bahth's reader (indexer.formats), and the PDFs also by pypdfium2 and pypdf as
they come. Prints, per route and extractor, word recall and bigram (word order)
recall of the extracted text against the article, and the seconds per page.
"""
import argparse
import html
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from pathlib import Path

from common import collection, require_shared

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from indexer.documents import read_document  # noqa: E402
from tests import makefiles  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_WORD = re.compile(r"\w+")


def words(text):
    return _WORD.findall(text)


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
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return out


def baked_pdf(title, paragraphs, folder):
    import arabic_reshaper
    from bidi import get_display
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    for paragraph in [title, *paragraphs]:
        for line in textwrap.wrap(paragraph, 80):
            pdf.cell(0, 7, get_display(arabic_reshaper.reshape(line)), align="R",
                     new_x="LMARGIN", new_y="NEXT")
    out = folder / "baked.pdf"
    pdf.output(str(out))
    return out


def _page(title, paragraphs):
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
            f"<h1>{html.escape(title)}</h1><main>{body}</main></body></html>")


def others(title, paragraphs, folder):
    makefiles.docx_file(folder / "a.docx", paragraphs, heading=title)
    makefiles.odt_file(folder / "a.odt", paragraphs, heading=title)
    (folder / "a.html").write_text(_page(title, paragraphs), encoding="utf-8")
    (folder / "a.md").write_text(f"# {title}\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    makefiles.epub_file(folder / "a.epub", [(title, html.escape("\n".join(paragraphs)))])
    return {f"route 3: {s}": folder / f"a.{s}" for s in ("docx", "odt", "html", "md", "epub")}


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
    args = parser.parse_args()
    require_shared()
    articles = sorted(p for p in collection().glob("20*/*.txt"))[::997][:args.articles]
    totals = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for article in articles:
            title, _, body = article.read_text(encoding="utf-8").partition("\n")
            paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
            source = "\n".join([title, *paragraphs])
            routes = {"route 1: Chromium PDF": chrome_pdf(title, paragraphs, folder),
                      "route 2: baked PDF": baked_pdf(title, paragraphs, folder)}
            for route, path in routes.items():
                n = pages(path)
                for name, extract in (("bahth (pdfminer.six + repair)",
                                       lambda p: read_document(p, p.name).body),
                                      ("pypdfium2", pdfium_text), ("pypdf", pypdf_text)):
                    start = time.perf_counter()
                    text = extract(path)
                    took = time.perf_counter() - start
                    totals.setdefault((route, name), []).append((*scores(source, text), took, n))
            for route, path in others(title, paragraphs, folder).items():
                start = time.perf_counter()
                doc = read_document(path, path.name)
                took = time.perf_counter() - start
                totals.setdefault((route, "bahth"), []).append(
                    (*scores(source, doc.title + "\n" + doc.body), took, 1))
    print(f"{len(articles)} articles")
    print("| route | extractor | word recall | bigram recall | s/page |")
    print("| --- | --- | --- | --- | --- |")
    for (route, name), rows in totals.items():
        word = sum(r[0] for r in rows) / len(rows)
        bigram = sum(r[1] for r in rows) / len(rows)
        per_page = sum(r[2] for r in rows) / sum(r[3] for r in rows)
        print(f"| {route} | {name} | {word:.4f} | {bigram:.4f} | {per_page:.3f} |")


if __name__ == "__main__":
    main()
