"""Reading seed files: encodings, broken files, title and body."""

import codecs

import pytest

from indexer import documents
from indexer.documents import UnreadableDocument, read_document

TEXT = "عنوان الخبر\nنص الخبر الأول.\nفقرة ثانية."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM, little-endian here
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1256"),
        ("عنوان\r\n" + "نص").encode("cp1256"),
    ],
)
def test_encodings_are_decoded(tmp_path, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    doc = read_document(path, "a.txt")
    assert doc.title.startswith("عنوان")
    assert doc.body.startswith("نص")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        (bytes(range(128, 256)) * 4 + b"\x01\x02\x03", "not text"),
    ],
)
def test_unreadable_files_say_why(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument, match=reason):
        read_document(path, "bad.txt")


def test_title_is_the_first_non_empty_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\n\n  العنوان  \nالسطر الأول\n\nالسطر الثاني\n", encoding="utf-8")
    doc = read_document(path, "a.txt")
    assert doc.title == "العنوان"
    assert doc.body == "السطر الأول\n\nالسطر الثاني"


def test_huge_files_are_cut_at_a_line(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("عنوان\n" + "سطر طويل من النص\n" * 50, encoding="utf-8")
    doc = read_document(path, "big.txt")
    assert doc.truncated
    assert doc.body.endswith("النص")
