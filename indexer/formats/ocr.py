"""Pages with no text layer (scans) read by tesseract, when asked (``--ocr``).

Pages are rendered by pypdfium2 (PDFium; Apache-2.0 or BSD-3-Clause, both fine
with GPL-3): a wheel on every platform, rendering in the reading child process
under its time and memory bounds, where poppler's pdftoppm would be one more
system program to install and find. tesseract (Apache-2.0) is a program of its
own and its Arabic data a package of its own (Debian: tesseract-ocr,
tesseract-ocr-ara); either may be missing, and ``missing`` says which.
"""

import os
import shutil
import subprocess
from functools import lru_cache

# Set (to 1) by `bahth index|watch|serve --ocr`; also read from the environment.
ENV = "BAHTH_OCR"
# Pixels per inch of the page images: 300 is what tesseract is trained for; at
# 200 it misread a tenth of the words of rendered news articles more.
DPI = 300
# Seconds tesseract may take on one page.
PAGE_TIMEOUT = 120.0
INSTALL = "Debian: apt-get install tesseract-ocr tesseract-ocr-ara"


def requested() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


@lru_cache(maxsize=1)
def missing() -> str:
    """Why pages cannot be read by OCR here, or "" if they can."""
    program = shutil.which("tesseract")
    if program is None:
        return f"tesseract is not installed ({INSTALL})"
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return f"tesseract at {program} does not run"
    if "ara" not in listed:
        return f"tesseract has no Arabic data ({INSTALL})"
    return ""


def page_text(path: str, index: int) -> str:
    """The text tesseract reads on page ``index`` (from 0) of the PDF at ``path``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        bitmap = document[index].render(scale=DPI / 72, grayscale=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        rows = memoryview(bitmap.buffer).cast("B")
        pixels = b"".join(rows[y * stride : y * stride + width] for y in range(height))
    finally:
        document.close()
    # A binary PGM: leptonica reads it from stdin without a file or an encoder.
    image = b"P5\n%d %d\n255\n" % (width, height) + pixels
    # tesseract's page layout analysis finds nothing on a page of one short line
    # (a title page); such a page is read again as scattered text.
    return _tesseract(image, "3").strip() or _tesseract(image, "11")


def _tesseract(image: bytes, layout: str) -> str:
    done = subprocess.run(
        [
            shutil.which("tesseract") or "tesseract",
            "stdin",
            "stdout",
            "-l",
            "ara",
            "--dpi",
            str(DPI),
            "--psm",
            layout,
        ],
        input=image,
        capture_output=True,
        timeout=PAGE_TIMEOUT / 2,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    if done.returncode:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip()[-200:])
    return done.stdout.decode("utf-8", "replace")
