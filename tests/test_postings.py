"""bahth's posting pool writes the segment files Whoosh's own writer writes."""

import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st
from whoosh import index
from whoosh.writing import CLEAR

from indexer import parallel
from indexer.build import open_index
from indexer.schema import make_schema
from indexer.store import open_existing
from indexer.sync import Report
from indexer.writer import Writer

from .conftest import write
from .strategies import hostile_text

# Few enough words that terms recur across documents and fill several blocks.
WORDS = ["الوزير", "وزارة", "المملكة", "بمنطقة", "الرياض", "قال", "lorem", "٢٠١٥", "جدة"]
text = st.one_of(st.lists(st.sampled_from(WORDS), max_size=400).map(" ".join), hostile_text)
documents = st.lists(st.tuples(text, text), min_size=1, max_size=12)


def build(folder, batches, make_writer, optimize=False):
    """Index ``batches`` of (title, body) documents, one commit per batch; the
    bytes of the postings and terms files of every segment, by extension."""
    ix = index.create_in(folder, make_schema())
    docnum = 0
    for batch in batches:
        writer = make_writer(ix)
        for title, body in batch:
            writer.add_document(
                path=f"{docnum}.txt",
                title=title,
                body=body,
                fingerprint=str(docnum),
                digest=str(docnum),
            )
            docnum += 1
        writer.commit(optimize=optimize)
    files = sorted(Path(folder).glob("*.pst")) + sorted(Path(folder).glob("*.trm"))
    return [(path.suffix, path.read_bytes()) for path in files]


def whoosh_writer(ix):
    return ix.writer(compound=False)


def spilling_writer(ix):
    """Spills to a run on disk every few postings."""
    writer = Writer(ix, compound=False)
    writer.pool.limit = 2000
    return writer


def same_files(batches, optimize=False):
    with tempfile.TemporaryDirectory() as ours, tempfile.TemporaryDirectory() as theirs:
        mine = build(ours, batches, lambda ix: Writer(ix, compound=False), optimize)
        spilled = build(tempfile.mkdtemp(dir=ours), batches, spilling_writer, optimize)
        assert mine == build(theirs, batches, whoosh_writer, optimize) == spilled
        return mine


@settings(max_examples=40, deadline=None)
@given(documents)
def test_a_segment_is_written_as_whoosh_writes_it(docs):
    assert same_files([docs])


@settings(max_examples=20, deadline=None)
@given(st.lists(documents, min_size=2, max_size=3))
def test_segments_merged_are_written_as_whoosh_merges_them(batches):
    assert same_files(batches, optimize=True)


def test_a_term_of_many_blocks_spilled_in_pieces_is_whole_and_in_order():
    docs = [("الوزير", " ".join(["الوزير"] * (n % 7 + 1) + ["قال"] * n)) for n in range(300)]
    files = same_files([docs])
    assert len(files) == 2


def test_build_workers_spilling_at_once_keep_their_runs_apart(seeds, index_dir):
    # Over one batch of files each, so that both workers write; a tiny budget,
    # so that both spill, into the temporary storage all the index's writers share.
    for n in range(2 * parallel.BATCH + 10):
        write(seeds, f"{n}.txt", f"خبر {n}\n" + f"قال الوزير في الرياض {n} " * 30)
    writer = Writer(open_index(index_dir))
    parallel.sync(writer, index_dir, seeds, Report(), procs=2, limitmb=0.01)
    writer.commit(mergetype=CLEAR)
    with open_existing(index_dir).searcher() as searcher:
        assert searcher.doc_count() == 2 * parallel.BATCH + 10
        assert searcher.doc_frequency("body", "وزير") == 2 * parallel.BATCH + 10
