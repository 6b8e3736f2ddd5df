"""The seeds folder: which of its files bahth indexes, listed the same way every time."""

import os
from pathlib import Path, PurePosixPath

from .formats import format_of

# (relative path, reason) of a folder that could not be listed.
Unlisted = list[tuple[str, str]]


def _is_seed_name(name: str) -> bool:
    return format_of(name) is not None and not name.startswith(".")


def seed_files(seeds: str | Path, unreadable: Unlisted | None = None) -> dict[str, Path]:
    """Every file under ``seeds`` in a format bahth reads (``indexer.formats``), by
    POSIX path relative to it.

    Symlinked folders are not followed (no loops); hidden files, such as an editor's
    temporary copies, are left out. Folders that cannot be listed are appended to
    ``unreadable`` as (relative path, reason).
    """
    seeds = Path(seeds)
    found = {}

    def refused(error: OSError) -> None:
        if unreadable is not None:
            folder = Path(error.filename).relative_to(seeds).as_posix()
            unreadable.append((folder, error.strerror or str(error)))

    for folder, dirs, files in os.walk(seeds, onerror=refused):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _is_seed_name(name):
                path = Path(folder, name)
                found[path.relative_to(seeds).as_posix()] = path
    return found


def seed_file(seeds: str | Path, rel: str) -> Path | None:
    """The file at relative path ``rel`` if ``seed_files(seeds)`` would list it, else None.

    Lets a caller that knows which paths changed check just those, not the whole tree.
    """
    parts = PurePosixPath(rel).parts
    if not parts or ".." in parts or not _is_seed_name(parts[-1]):
        return None
    folder = Path(seeds)
    for name in parts[:-1]:
        folder = folder / name
        # The same folders os.walk would skip in seed_files.
        if name.startswith(".") or folder.is_symlink() or not folder.is_dir():
            return None
    path = folder / parts[-1]
    # os.walk lists as a file anything that is not a folder, broken links included.
    return path if os.path.lexists(path) and not path.is_dir() else None
