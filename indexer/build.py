"""Bring the index in line with the seeds folder, touching only what changed.

Every run ends in one Whoosh commit, which is atomic: a run killed half-way leaves
the previous index intact, and the next run finds the same differences and completes.
"""
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from whoosh import index
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.writing import CLEAR, NO_MERGE

from .documents import UnreadableDocument, is_utf8, read_document
from .facets import day_of, facet_fields
from .formats import format_of
from . import parallel as shared_build  # update_index has a parameter "parallel"
from .schema import make_schema
from .store import IndexDamaged, exists, open_existing
from .writer import Writer

# How long a run waits for another writer (a watcher, a second `bahth index`).
LOCK_TIMEOUT = 60.0
# Memory for postings before a writer spills them to disk, per process.
WRITER_MB = 128
# A full build of at least this many files is shared among the cores.
PARALLEL_FILES = 2000
# A run restricted to some paths (a watcher's) merges segments of fewer documents
# than SMALL_SEGMENT, once there are MERGE_FANOUT of them, and never bigger ones.
SMALL_SEGMENT = 1000
MERGE_FANOUT = 8


@dataclass
class Report:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (path, reason)
    truncated: list = field(default_factory=list)
    documents: int = 0  # in the index after the run

    @property
    def changed(self):
        return bool(self.added or self.updated or self.removed)

    def summary(self):
        return (f"{len(self.added)} added, {len(self.updated)} updated, "
                f"{len(self.removed)} removed, {self.unchanged} unchanged, "
                f"{len(self.skipped)} skipped")


@dataclass(frozen=True)
class Fingerprint:
    digest: str
    size: int
    mtime_ns: int

    def encode(self, path):
        return f"{self.digest}:{self.size}:{self.mtime_ns}:{path}"

    @staticmethod
    def decode(value):
        digest, size, mtime_ns, path = value.split(":", 3)
        return path, Fingerprint(digest, int(size), int(mtime_ns))


def _is_seed_name(name):
    return format_of(name) is not None and not name.startswith(".")


def seed_files(seeds, unreadable=None):
    """Every file under ``seeds`` in a format bahth reads (``indexer.formats``), by
    POSIX path relative to it.

    Symlinked folders are not followed (no loops); hidden files, such as an editor's
    temporary copies, are left out. Folders that cannot be listed are appended to
    ``unreadable`` as (relative path, reason).
    """
    seeds = Path(seeds)
    found = {}

    def refused(error):
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


def seed_file(seeds, rel):
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


def open_index(index_dir, schema=None, rebuild=False):
    """Open the index in ``index_dir``, creating it (with ``schema``) if there is none.

    Raises IndexDamaged if it cannot be read, unless ``rebuild``: then a new, empty
    index replaces it (its first commit deletes the old segment files).
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    if exists(index_dir):
        try:
            return open_existing(index_dir)
        except IndexDamaged:
            if not rebuild:
                raise
    return index.create_in(index_dir, schema or make_schema())


def indexed_fingerprints(reader, paths=None):
    """``{path: Fingerprint}`` for every live document, or for those of ``paths``."""
    if not reader.has_column("fingerprint"):  # an empty index has no columns yet
        return {}
    column = reader.column_reader("fingerprint")
    if paths is None:
        docs = reader.all_doc_ids()
    else:
        docs = (d for rel in paths for d in _live_docs(reader, rel))
    return dict(Fingerprint.decode(column[d]) for d in docs)


def _live_docs(reader, rel):
    try:
        return reader.postings("path", rel).all_ids()  # deleted ones are filtered out
    except TermNotFound:
        return ()


def _stat(path):
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _add(writer, doc, fingerprint, update):
    fields = dict(path=doc.path, fingerprint=fingerprint.encode(doc.path),
                  digest=doc.digest, title=doc.title, body=doc.body, author=doc.author,
                  **facet_fields(doc))
    (writer.update_document if update else writer.add_document)(**fields)


def _inside(rel, folder):
    return folder == "." or rel.startswith(folder + "/")


def sync(writer, seeds, known, report, progress=None, paths=None):
    """Add, update and delete documents through ``writer`` so the index matches ``seeds``.

    ``paths`` limits the run to those relative paths (say, the ones a watcher saw
    change), with ``known`` holding at least their fingerprints. They are re-read even
    if size and mtime look unchanged: with coarse timestamps a quick rewrite of a
    half-written file can keep both, and the content hash still avoids needless updates.
    ``progress(items, length)``, if given, wraps the iteration over the files.
    """
    unreadable = []
    if paths is None:
        files = seed_files(seeds, unreadable)
        gone = set(known) - set(files)
    else:
        files = {rel: path for rel in sorted(paths) if (path := seed_file(seeds, rel))}
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


def add_files(writer, files, known, report, progress=None, trust_stat=True):
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


def report_unreadable(report, unreadable):
    for folder, reason in unreadable:
        report.skipped.append((folder + "/", reason))


def _holds_many_files(seeds):
    """At least PARALLEL_FILES files of any kind: a cheap guess at a build's size."""
    count = 0
    for _, _, files in os.walk(seeds):
        count += len(files)
        if count >= PARALLEL_FILES:
            return True
    return False


def _cores_for(ix, seeds, rebuild, parallel, paths):
    """How many processes a run uses: with ``parallel``, a big full build of the
    whole folder uses every core (see ``indexer.parallel``; spawning costs about a
    second, so small builds stay in one process)."""
    cores = os.cpu_count() or 1
    full = (rebuild or ix.is_empty()) and paths is None
    return cores if parallel and cores > 1 and full and _holds_many_files(seeds) else 1


def merge_small_only(writer, segments):
    """Whoosh merge policy for frequent small commits: merge only small segments.

    Whoosh's default policy sometimes folds big segments into one, seconds of work
    that would hold up the next change.
    """
    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) < MERGE_FANOUT:
        return segments
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s not in small]


def update_index(seeds, index_dir, rebuild=False, progress=None, schema=None,
                 lock_timeout=LOCK_TIMEOUT, paths=None, parallel=False):
    """One indexing run; returns a Report. ``paths`` restricts it to those relative
    paths (see ``sync``); ``parallel`` lets a full build use every core (see
    ``_cores_for``). Raises whoosh's LockError if another writer holds the index
    for longer than ``lock_timeout`` seconds, and IndexDamaged if the index cannot be
    read (``rebuild`` replaces it instead)."""
    ix = open_index(index_dir, schema, rebuild)
    procs = _cores_for(ix, seeds, rebuild, parallel, paths)
    writer = Writer(ix, limitmb=WRITER_MB, timeout=lock_timeout)
    try:
        with writer.reader() as reader:
            known = {} if rebuild else indexed_fingerprints(reader, paths)
            indexed = 0 if rebuild else reader.doc_count()
        if procs > 1:
            report = shared_build.sync(writer, index_dir, seeds, Report(), procs, WRITER_MB, progress)
        else:
            report = sync(writer, seeds, known, Report(), progress, paths)
        report.documents = indexed + len(report.added) - len(report.removed)
        if rebuild:
            writer.commit(mergetype=CLEAR)
        elif paths is not None and report.changed:
            # Searchable first; then small segments are merged in a commit of their
            # own, which a search need not wait for.
            writer.commit(mergetype=NO_MERGE)
            _merge_small_segments(ix, lock_timeout)
        elif report.changed:
            writer.commit()
    finally:
        # Not committed: nothing changed, or the run failed or was interrupted.
        _cancel(writer)
    ix.close()
    return report


def _cancel(writer):
    if not writer.is_closed:
        writer.cancel()


def _merge_small_segments(ix, lock_timeout):
    small = [s for s in ix._segments() if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) >= MERGE_FANOUT:
        writer = Writer(ix, timeout=lock_timeout)
        try:
            writer.commit(mergetype=merge_small_only)
        finally:
            _cancel(writer)
