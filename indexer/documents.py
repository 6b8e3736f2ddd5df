"""Reading one seed file into a document: decoding, size cap, title, body and metadata."""

import atexit
import codecs
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from charset_normalizer import from_bytes

from .formats import CONVERTED, Extracted, Unreadable, format_of, markdown, ocr
from .formats.isolate import Isolated

# Bigger files are indexed up to this size and reported as cut, so one stray dump
# cannot exhaust memory.
MAX_BYTES = 16 * 1024 * 1024
# A PDF, an e-book or a Word file may be bigger, its pictures counting; its text
# is bounded by the readers (pages, inflated bytes).
MAX_FILE_BYTES = 512 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# A seed file that cannot be indexed; the message says why.
UnreadableDocument = Unreadable


@dataclass(frozen=True)
class Document:
    path: str
    title: str
    body: str
    digest: str
    truncated: bool = False
    # The file's state when it was opened: if it changes while being read, the
    # next run sees a newer state and reads it again.
    size: int = 0
    mtime_ns: int = 0
    format: str = "txt"
    date: str = ""  # ISO 8601: the file's own, else its modification time
    author: str = ""


def is_utf8(text: str) -> bool:
    """False for text with lone surrogates: bytes that were not UTF-8, as Python
    decodes file names and command-line arguments."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_text(text: str) -> bool:
    """No control characters besides layout, and at least one letter or digit."""
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    return controls == 0 and any(c.isalnum() for c in text)


def _mostly_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return bool(letters) and arabic / len(letters) >= 0.5


def decode(data: bytes) -> str:
    """Decode seed bytes: BOMs, then UTF-8, then Windows-1256, then charset detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise UnreadableDocument(
                    f"invalid {encoding} after its byte-order mark ({e.reason})"
                ) from e
    if b"\x00" in data:
        raise UnreadableDocument("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1256 next: it is how Arabic archives were written, and detectors
    # mistake short Arabic texts in it for other code pages. Line by line, because
    # files joined from both encodings are common in such archives.
    text = "\n".join(_utf8_or_cp1256(line) for line in data.split(b"\n"))
    if "\ufffd" not in text and _is_text(text) and _mostly_arabic(text):
        return text
    guess = from_bytes(data).best()
    if guess is not None and _is_text(str(guess)):
        return str(guess)
    raise UnreadableDocument("not text in UTF-8, UTF-16 or Windows-1256")


def _utf8_or_cp1256(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1256", errors="replace")


def _cut(data: bytes) -> bytes:
    """Cut at the last line break below MAX_BYTES so no character is split."""
    data = data[:MAX_BYTES]
    newline = b"\n\x00" if data.startswith(codecs.BOM_UTF16_LE) else b"\n"
    cut = data.rfind(newline)
    return data[: cut + len(newline)] if cut > 0 else data


def parse(text: str) -> tuple[str, str]:
    """Title = first non-empty line; body = the rest."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[i + 1 :]).strip()
    raise UnreadableDocument("empty file")


def read_document(path: str | Path, relpath: str) -> Document:
    """Read and parse one seed file; raises UnreadableDocument with the reason."""
    fmt = format_of(relpath)
    if fmt in CONVERTED:
        return _read_converted(path, relpath, fmt)
    data, state = _read_capped(path, MAX_BYTES + 1)
    truncated = len(data) > MAX_BYTES
    if truncated:
        data = _cut(data)
    if not data.strip():
        raise UnreadableDocument("empty file")
    text = decode(data)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if fmt == "md":
        return _document(relpath, markdown.parse(text), digest, truncated, state, fmt)
    title, body = parse(text)
    return Document(
        relpath,
        title,
        body,
        digest,
        truncated,
        state.st_size,
        state.st_mtime_ns,
        date=_mtime(state),
    )


def _read_capped(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
    try:
        with open(path, "rb") as f:
            return f.read(limit), os.fstat(f.fileno())
    except OSError as e:
        raise UnreadableDocument(e.strerror or str(e)) from None


_isolated = Isolated()
atexit.register(_isolated.close)


def _read_converted(path: str | Path, relpath: str, fmt: str) -> Document:
    digest = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as f:
            state = os.fstat(f.fileno())
            if state.st_size > MAX_FILE_BYTES:
                raise UnreadableDocument(f"over {MAX_FILE_BYTES // 2**20} MiB")
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except OSError as e:
        raise UnreadableDocument(e.strerror or str(e)) from None
    if not state.st_size:
        raise UnreadableDocument("empty file")
    options = {"ocr": True} if fmt == "pdf" and ocr.requested() else {}
    extracted = _isolated.read(path, fmt, **options)
    return _document(relpath, extracted, digest.hexdigest(), extracted.truncated, state, fmt)


def _document(
    relpath: str,
    extracted: Extracted,
    digest: str,
    truncated: bool,
    state: os.stat_result,
    fmt: str,
) -> Document:
    """A Document of a reader's text. The title is the file's own, else its first
    heading, else its first line, else (a line of no word: a rule, stars) the file name."""
    # Leading space kept: page breaks there number the pages after them.
    body = extracted.text.rstrip()
    if not body.strip():
        raise UnreadableDocument("no text in it")
    first_line = next(line.strip() for line in body.splitlines() if line.strip())
    if not any(c.isalnum() for c in first_line):
        first_line = PurePosixPath(relpath).stem
    title = extracted.title or extracted.heading or first_line[:200]
    return Document(
        relpath,
        title,
        body,
        digest,
        truncated,
        state.st_size,
        state.st_mtime_ns,
        format=fmt,
        date=extracted.date or _mtime(state),
        author=extracted.author,
    )


def _mtime(state: os.stat_result) -> str:
    return datetime.fromtimestamp(state.st_mtime, timezone.utc).isoformat(timespec="seconds")
