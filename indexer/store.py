"""Opening an index on disk, and saying in one line what is wrong when it cannot be read."""

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex

from . import analysis
from .schema import make_schema

REBUILD = "run `bahth index --rebuild`"
# Whoosh's name for an index that is given none; its table of contents is _MAIN_<n>.toc.
NAME = "MAIN"


class IndexDamaged(Exception):
    """The index's files cannot be read (truncated, deleted, overwritten)."""

    def __init__(self, index_dir: str | Path, error: BaseException) -> None:
        super().__init__(f"the index in {index_dir} is damaged ({_reason(error)}); {REBUILD}")

    def __reduce__(self) -> tuple[Callable[[type[Exception], str], Exception], tuple[type, str]]:
        # Pickled as its message, all it holds: its __init__ (and its subclasses')
        # takes other arguments, which unpickling could not give it. `bahth
        # serve`'s long-query process raises it to the server this way.
        return _with_message, (type(self), str(self))


def _with_message(cls: type[Exception], message: str) -> Exception:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    return error


class IndexOutdated(IndexDamaged):
    """The index was built by another version of the analysis chain: its terms and
    a query's would not meet. Handled like damage: a rebuild replaces it."""

    def __init__(self, index_dir: str | Path, version: object) -> None:
        Exception.__init__(
            self,
            f"the index in {index_dir} was built by another version of "
            f"bahth's Arabic analysis ({version}, now {analysis.VERSION}); "
            f"{REBUILD}",
        )


class IndexLacksFields(IndexDamaged):
    """The index was built before its schema gained fields bahth now stores."""

    def __init__(self, index_dir: str | Path, missing: Iterable[str]) -> None:
        Exception.__init__(
            self,
            f"the index in {index_dir} was built by an older bahth "
            f"(it has no {', '.join(sorted(missing))} field); {REBUILD}",
        )


@cache
def _fields() -> frozenset[str]:
    return frozenset(make_schema().names())


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.strerror}: {Path(error.filename).name}"
    detail = " ".join(str(error).split())
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def exists(index_dir: str | Path) -> bool:
    """True if ``index_dir`` holds an index, readable or not.

    Whoosh's ``exists_in`` opens the index to find out, and so raises whatever a
    damaged table of contents raises.
    """
    return any(Path(index_dir).glob(f"_{NAME}_*.toc"))


def open_existing(index_dir: str | Path) -> FileIndex:
    """Open the index in ``index_dir`` and its segments; raises IndexDamaged, or
    IndexOutdated if another version of the analysis built it.

    Whoosh reads a segment's files only when a reader opens them, so a missing or
    truncated segment is found here rather than in the middle of a search.
    """
    try:
        # Reads rather than memory maps: a mapped 150 MB segment ends up counted in
        # a server's resident memory page by page, for no gain in speed.
        ix = FileStorage(str(index_dir), supports_mmap=False).open_index(NAME)
        with ix.reader() as reader:
            analyzer = reader.schema["body"].analyzer
            missing = _fields() - set(reader.schema.names())
    except Exception as e:  # damaged files fail in any of a dozen ways (EOF, pickle, struct)
        raise IndexDamaged(index_dir, e) from e
    version = getattr(analyzer, "version", None)
    if version != analysis.VERSION:
        raise IndexOutdated(index_dir, version)
    if missing:
        raise IndexLacksFields(index_dir, missing)
    return ix
