"""ZIP containers (DOCX, ODT, EPUB), opened only if they cannot inflate without bound."""

import zipfile

from . import Unreadable

# Bytes all members of one file may inflate to. A ZIP bomb declares its true
# sizes or is cut at the sizes it declares: zipfile reads no member past its
# declared size.
MAX_INFLATED = 256 * 1024 * 1024


def open_zip(path: str, kind: str) -> zipfile.ZipFile:
    """The ZipFile at ``path``; Unreadable if it is no ZIP or would inflate too far."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise Unreadable(f"damaged {kind} (not a ZIP file: {e})") from None
    inflated = sum(info.file_size for info in z.infolist())
    if inflated > MAX_INFLATED:
        z.close()
        raise Unreadable(
            f"{kind} would inflate to {inflated // 2**20} MiB "
            f"(over {MAX_INFLATED // 2**20} MiB): a ZIP bomb?"
        )
    return z


def clean(text: str) -> str:
    return " ".join(text.split())
