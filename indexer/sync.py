"""Compare the seeds folder with the index and write the differences through a writer.

A document's fingerprint (content hash, size, modification time) is stored with
it, so a run reads only files that are new or changed, and deletes the documents
of files gone.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from whoosh.reading import IndexReader, TermNotFound
from whoosh.writing import IndexWriter

from . import listing
from .documents import Document, UnreadableDocument, is_utf8, read_document
from .facets import day_of, facet_fields
from .listing import Unlisted

T = TypeVar("T")


class Progress(Protocol):
    """Wraps an iteration over ``length`` items, as a progress bar does."""

    def __call__(self, items: Iterable[T], length: int) -> Iterable[T]: ...


@dataclass
class Report:
    """What one indexing run did, file by file."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    truncated: list[str] = field(default_factory=list)
    documents: int = 0  # in the index after the run

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.removed)} removed, {self.unchanged} unchanged, "
            f"{len(self.skipped)} skipped"
        )


@dataclass(frozen=True)
class Fingerprint:
    """What tells a file's indexed version from its version on disk."""

    digest: str
    size: int
    mtime_ns: int

    def encode(self, path: str) -> str:
        return f"{self.digest}:{self.size}:{self.mtime_ns}:{path}"

    @staticmethod
    def decode(value: str) -> tuple[str, "Fingerprint"]:
        digest, size, mtime_ns, path = value.split(":", 3)
        return path, Fingerprint(digest, int(size), int(mtime_ns))


def indexed_fingerprints(
    reader: IndexReader, paths: Iterable[str] | None = None
) -> dict[str, Fingerprint]:
    """``{path: Fingerprint}`` for every live document, or for those of ``paths``."""
    if not reader.has_column("fingerprint"):  # an empty index has no columns yet
        return {}
    column = reader.column_reader("fingerprint")
    if paths is None:
        docs = reader.all_doc_ids()
    else:
        docs = (d for rel in paths for d in _live_docs(reader, rel))
    return dict(Fingerprint.decode(column[d]) for d in docs)


def _live_docs(reader: IndexReader, rel: str) -> Iterable[int]:
    try:
        return reader.postings("path", rel).all_ids()  # deleted ones are filtered out
    except TermNotFound:
        return ()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _add(writer: IndexWriter, doc: Document, fingerprint: Fingerprint, update: bool) -> None:
    fields = dict(
        path=doc.path,
        fingerprint=fingerprint.encode(doc.path),
        digest=doc.digest,
        title=doc.title,
        body=doc.body,
        author=doc.author,
        **facet_fields(doc),
    )
    (writer.update_document if update else writer.add_document)(**fields)


def _inside(rel: str, folder: str) -> bool:
    return folder == "." or rel.startswith(folder + "/")


def sync(
    writer: IndexWriter,
    seeds: str | Path,
    known: Mapping[str, Fingerprint],
    report: Report,
    progress: Progress | None = None,
    paths: Collection[str] | None = None,
) -> Report:
    """Add, update and delete documents through ``writer`` so the index matches ``seeds``.

    ``paths`` limits the run to those relative paths (say, the ones a watcher saw
    change), with ``known`` holding at least their fingerprints. They are re-read even
    if size and mtime look unchanged: with coarse timestamps a quick rewrite of a
    half-written file can keep both, and the content hash still avoids needless updates.
    ``progress(items, length)``, if given, wraps the iteration over the files.
    """
    unreadable: Unlisted = []
    if paths is None:
        files = listing.seed_files(seeds, unreadable)
        gone = set(known) - set(files)
    else:
        files = {rel: path for rel in sorted(paths) if (path := listing.seed_file(seeds, rel))}
        gone = set(paths) & set(known) - set(files)
    add_files(writer, files, known, report, progress, trust_stat=paths is None)
    report_unreadable(report, unreadable)
    for rel in sorted(gone):
        # A folder that could not be listed keeps its documents, as an unreadable file does.
        if any(_inside(rel, folder) for folder, _ in unreadable):
            continue
        writer.delete_by_term("path", rel)
        report.removed.append(rel)
    return report


def add_files(
    writer: IndexWriter,
    files: Mapping[str, Path],
    known: Mapping[str, Fingerprint],
    report: Report,
    progress: Progress | None = None,
    trust_stat: bool = True,
) -> Report:
    """Index ``files`` (``{relative path: path}``) that are new or changed against
    ``known``; with ``trust_stat``, a file whose size and mtime are as indexed is
    taken as unchanged without reading it."""
    items = progress(files.items(), len(files)) if progress else files.items()
    for rel, path in items:
        if not is_utf8(rel):  # the index stores names as UTF-8
            report.skipped.append((rel, "the file name is not UTF-8"))
            continue
        stat = _stat(path)
        old = known.get(rel)
        if trust_stat and stat and old and (old.size, old.mtime_ns) == stat:
            report.unchanged += 1
            continue
        try:
            doc = read_document(path, rel)
        except UnreadableDocument as e:
            # A file that turned unreadable keeps its last good version in the index.
            report.skipped.append((rel, str(e)))
            continue
        # Same text on another day is still an update: the date is a filter.
        if old and old.digest == doc.digest and day_of(old.mtime_ns) == day_of(doc.mtime_ns):
            report.unchanged += 1
            continue
        _add(writer, doc, Fingerprint(doc.digest, doc.size, doc.mtime_ns), update=old is not None)
        (report.updated if old else report.added).append(rel)
        if doc.truncated:
            report.truncated.append(rel)
    return report


def report_unreadable(report: Report, unreadable: Unlisted) -> None:
    for folder, reason in unreadable:
        report.skipped.append((folder + "/", reason))
