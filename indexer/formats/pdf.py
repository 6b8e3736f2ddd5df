"""PDF, page by page, with pdfminer.six (MIT).

Chosen over pypdfium2 and pypdf by measurement on Arabic (bench/README.md):
pdfminer orders every line's characters by position, so its Arabic is reliably in
visual order, which ``rtl.logical`` undoes; pdfium reverses some words and not
others, and pypdf misplaces letters inside words.
"""

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTPage, LTTextContainer, LTTextGroup
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from . import MAX_PAGES, PAGE_BREAK, Extracted, Unreadable
from .isolate import TIMEOUT, alive
from .ocr import PAGE_TIMEOUT, missing, page_text
from .rtl import goes_on, logical, right_to_left

# A word broken at a line end by a hyphen (Latin text): "informa-" + "tion".
_HYPHENATED = re.compile(r"(\w)-\n(\w)")
_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?")


def read(path: str, ocr: bool = False) -> Extracted:
    """``ocr``: pages with no text layer are read by tesseract."""
    with open(path, "rb") as f:
        if b"%PDF-" not in f.read(1024):
            raise Unreadable("not a PDF (no %PDF- header)")
        f.seek(0)
        try:
            document = PDFDocument(PDFParser(f))
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise Unreadable("encrypted PDF (it needs a password)") from None
        except Exception as e:  # a damaged file fails in many ways inside pdfminer
            raise Unreadable(f"damaged PDF ({type(e).__name__})") from None
        info = _info(document)
        pages, truncated = [], False
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        try:
            for n, page in enumerate(PDFPage.create_pages(document)):
                if n == MAX_PAGES:
                    truncated = True
                    break
                interpreter.process_page(page)
                pages.append(_page_text(device.get_result()))
        except Exception as e:
            if not pages:
                raise Unreadable(f"damaged PDF ({type(e).__name__})") from None
            truncated = True  # keep the pages read before the damage
    scans = [n for n, text in enumerate(pages) if not text.strip()]
    if scans and ocr:
        _read_scans(path, pages, scans)
    if not any(p.strip() for p in pages):
        raise Unreadable(
            f"needs OCR: no text layer on its {len(pages)} page(s)"
            + ("; OCR is unavailable here" if ocr and missing() else "")
        )
    return Extracted(
        PAGE_BREAK.join(pages),
        title=info.get("Title", ""),
        date=_iso(info.get("CreationDate") or info.get("ModDate") or ""),
        author=info.get("Author", ""),
        truncated=truncated,
    )


def _read_scans(path: str, pages: list[str], scans: Iterable[int]) -> None:
    """Fills ``pages[n]`` for each page ``n`` of ``scans`` by OCR, if it can run."""
    if missing():
        return
    for n in scans:
        alive(PAGE_TIMEOUT + TIMEOUT)
        try:
            pages[n] = page_text(path, n).replace(PAGE_BREAK, "\n").strip()
        except Exception as e:  # tesseract failed or took too long on this page
            raise Unreadable(f"OCR failed on page {n + 1} ({type(e).__name__})") from None


def _page_text(layout: LTPage) -> str:
    """A page's text boxes, a paragraph each, their lines in logical order."""
    boxes = []
    for box in _reading_order(layout):
        # Lines in logical order, each followed by what joins it to the next: nothing
        # where a word goes on to the next line, else a line break.
        parts = []
        for line in filter(None, (line.strip() for line in box.get_text().splitlines())):
            parts += [logical(line), "" if goes_on(line) else "\n"]
        text = _HYPHENATED.sub(r"\1\2", "".join(parts[:-1]))
        boxes.append(text.replace("\n", " "))
    return "\n".join(box for box in boxes if box)


def _reading_order(layout: LTPage) -> list[LTTextContainer[Any]]:
    """The page's text boxes in reading order.

    pdfminer groups a page's boxes into a tree (columns, paragraphs, lines) and
    reads each group's members from the top left. On a right-to-left page, where a
    paragraph's last line is short and starts far to the right, that puts it after
    lines below it; there each group is read from the top right instead.
    """
    boxes = [element for element in layout if isinstance(element, LTTextContainer)]
    if not layout.groups or not right_to_left("".join(box.get_text() for box in boxes)):
        return boxes
    return list(_right_to_left(layout.groups))


def _right_to_left(members: Iterable[LTTextContainer[Any]]) -> Iterator[LTTextContainer[Any]]:
    # pdfminer's order (LTTextGroupLRTB) with x mirrored; 0.5 is LAParams.boxes_flow.
    for member in sorted(members, key=lambda m: 0.5 * -m.x1 - 1.5 * (m.y0 + m.y1)):
        if isinstance(member, LTTextGroup):
            yield from _right_to_left(member)
        else:
            yield member


def _info(document: PDFDocument) -> dict[str, str]:
    found: dict[str, str] = {}
    for info in document.info:
        for key, value in info.items():
            if isinstance(value, bytes):
                found.setdefault(key, " ".join(decode_text(value).split()))
            elif not isinstance(value, PSLiteral) and isinstance(value, str):
                found.setdefault(key, " ".join(value.split()))
    return found


def _iso(value: str) -> str:
    """A PDF date (D:YYYYMMDDHHmmSS+HH'mm') in ISO 8601, or "" if it is none."""
    m = _DATE.match(value)
    if not m:
        return ""
    year, month, day, hour, minute, second, sign, tzh, tzm = m.groups()
    try:
        when = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
        )
    except ValueError:
        return ""
    if sign in ("+", "-"):
        offset = timedelta(hours=int(tzh or 0), minutes=int(tzm or 0))
        when = when.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    elif sign:
        when = when.replace(tzinfo=timezone.utc)
    return when.isoformat()
