#!/usr/bin/env python3
"""Memory and time of `bahth index` over a folder of hostile files.

    .venv/bin/python bench/hostile.py [--runs 3]

Builds a folder of the files issue 16 names (an encrypted PDF, a truncated one,
one whose page tree loops, ZIP bombs named .docx and .epub, XML entity bombs
inside DOCX, ODT and EPUB, a 5,000-page PDF, a .pdf that is text, and a PDF whose
reading never ends: one page of 14 million text operators, 150 KB compressed)
next to ten good files, and runs the real `bahth index` over it --runs times.
Prints the wall time, the report's lines, and the peak resident memory of the
whole process tree (the indexer, its workers and the child that reads converted
formats, summed, polled from /proc every 20 ms) and of its largest process
(getrusage). Needs nothing from ../shared.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import makefiles  # noqa: E402

BAHTH = Path(sys.executable).parent / "bahth"
PAGE = os.sysconf("SC_PAGE_SIZE")


def hostile_folder(folder):
    visual = makefiles.visual
    good = makefiles.pdf([[visual("وثيقة سليمة عن الزيتون")]])
    (folder / "locked.pdf").write_bytes(makefiles.pdf([["secret"]], encrypt=True))
    (folder / "truncated.pdf").write_bytes(good[:40])
    (folder / "loop.pdf").write_bytes(makefiles.pdf([[visual("شجرة الصفحات")]], loop=True))
    (folder / "long.pdf").write_bytes(makefiles.pdf([[visual("كتاب طويل جدا")]] * 5000))
    (folder / "text.pdf").write_text("هذا نص وليس PDF", encoding="utf-8")
    (folder / "endless.pdf").write_bytes(endless_pdf())
    makefiles.zip_bomb(folder / "bomb.docx", "word/document.xml", 1024 * 2**20)
    makefiles.zip_bomb(folder / "bomb.epub", "OEBPS/c1.xhtml", 1024 * 2**20)
    makefiles.epub_file(folder / "laughs.epub", [("فصل", "نص")], entity_bomb=True)
    for name, member, make in (
        ("laughs.docx", "word/document.xml", makefiles.docx_file),
        ("laughs.odt", "content.xml", makefiles.odt_file),
    ):
        makefiles.entity_bomb(folder / name, member, make)
    for n in range(5):
        (folder / f"good-{n}.pdf").write_bytes(
            makefiles.pdf([[visual(f"تقرير رقم {n} عن النخيل")]])
        )
        (folder / f"good-{n}.txt").write_text(f"خبر {n}\nعن الأسواق", encoding="utf-8")


def endless_pdf():
    """One page whose compressed content stream inflates to 140 MB of text operators."""
    ops = b"BT /F1 12 Tf 50 780 Td " + b"<0001> Tj " * 14_000_000 + b"ET"
    data = zlib.compress(ops, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def tree_rss(root):
    """Resident bytes of ``root`` and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append((int(entry), int(fields[21])))
    total, todo = 0, [root]
    while todo:
        for pid, rss_pages in children.get(todo.pop(), []):
            total += rss_pages * PAGE
            todo.append(pid)
    return total


def run(seeds, index_dir):
    """One `bahth index --rebuild`: (seconds, peak tree RSS in bytes, stderr)."""
    peak, done = [0], threading.Event()
    start = time.perf_counter()
    # Started through a shell so the poller sees `bahth` itself as a descendant.
    process = subprocess.Popen(
        ["sh", "-c", f'exec "{BAHTH}" index -q --rebuild --seeds "{seeds}" --index "{index_dir}"'],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    me = os.getpid()

    def poll():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(me))
            time.sleep(0.02)

    poller = threading.Thread(target=poll)
    poller.start()
    _, err = process.communicate()
    done.set()
    poller.join()
    return time.perf_counter() - start, peak[0], err


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bahth-hostile-") as tmp:
        seeds, index_dir = Path(tmp) / "seeds", Path(tmp) / "index"
        seeds.mkdir()
        hostile_folder(seeds)
        size = sum(f.stat().st_size for f in seeds.iterdir())
        print(f"{len(list(seeds.iterdir()))} files, {size / 2**20:.1f} MiB on disk")
        times, peaks = [], []
        for _ in range(args.runs):
            took, peak, err = run(seeds, index_dir)
            times.append(took)
            peaks.append(peak)
        print(err.rstrip())
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        f"wall time: median {statistics.median(times):.1f} s over {args.runs} "
        f"({', '.join(f'{t:.1f}' for t in times)})"
    )
    print(
        f"peak RSS of the process tree: median {statistics.median(peaks) / 2**20:.0f} MB, "
        f"max {max(peaks) / 2**20:.0f} MB; largest single process {largest / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
