"""`bahth index`, `bahth watch` and `bahth analyze`."""
import json
import logging
import os
import sys
from pathlib import Path

import click
from whoosh.index import LockError

from . import config, documents
from .formats import cut_reason, format_of, ocr
from .analysis import analyze
from .build import update_index
from .parallel import IndexingFailed
from .store import IndexDamaged
from .watch import POLL_INTERVAL, watch_until_stopped

seeds_option = click.option(
    "--seeds", type=click.Path(file_okay=False, path_type=Path), envvar="BAHTH_SEEDS",
    default=config.SEEDS, show_default="seeds/ ($BAHTH_SEEDS)", help="Folder of documents (.txt, .pdf, .docx, .odt, .html, .md, .epub).")
index_option = click.option(
    "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
    envvar="BAHTH_INDEX", default=config.INDEX, show_default="index/ ($BAHTH_INDEX)",
    help="Folder of the search index.")

ocr_option = click.option(
    "--ocr", "read_scans", is_flag=True, envvar=ocr.ENV,
    help="Read PDF pages with no text layer (scans) with tesseract's Arabic OCR "
         "(seconds a page); without it they are reported as needing OCR. "
         "Also $BAHTH_OCR=1.")


def require_seeds(seeds):
    if not seeds.is_dir():
        raise click.UsageError(f"seeds folder {seeds} does not exist")


def use_ocr(wanted):
    """Tells the readers, in this process and those it starts, whether to OCR, and
    says once why OCR cannot run here if it cannot."""
    os.environ[ocr.ENV] = "1" if wanted else "0"
    if wanted and ocr.missing():
        click.echo(f"warning: --ocr: {ocr.missing()}; pages with no text layer are "
                   "reported, not read", err=True)


def shown(name):
    """A file name on one printable line: control characters and bytes that are not
    UTF-8 escaped, so no name can break or forge a line of the report."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in name)


def _progress_bar(items, length):
    with click.progressbar(items, length=length, label="Indexing", file=sys.stderr) as bar:
        yield from bar


@click.command("index")
@seeds_option
@index_option
@click.option("--rebuild", is_flag=True, help="Start from an empty index.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@ocr_option
def index_command(seeds, index_dir, rebuild, quiet, read_scans):
    """Index the seeds folder; only new, changed and deleted files are touched."""
    require_seeds(seeds)
    use_ocr(read_scans)
    show_bar = not quiet and sys.stderr.isatty()
    try:
        report = update_index(seeds, index_dir, rebuild=rebuild, parallel=True,
                              progress=_progress_bar if show_bar else None)
    except LockError:
        click.echo(f"error: another bahth process is writing to {index_dir}; "
                   "try again when it has finished", err=True)
        sys.exit(1)
    except IndexDamaged as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except IndexingFailed as e:
        click.echo(f"error: {e}; the index is as it was before this run", err=True)
        sys.exit(1)
    for rel, reason in report.skipped:
        click.echo(f"skipped {shown(rel)}: {reason}", err=True)
    for rel in report.truncated:
        click.echo(f"cut {shown(rel)}: {cut_reason(format_of(rel), documents.MAX_BYTES)}", err=True)
    if report.changed or rebuild:
        click.echo(report.summary())
    else:
        click.echo(f"index is up to date ({report.summary()})")
    if not report.documents:
        click.echo(f"error: no document in {seeds} could be indexed", err=True)
        sys.exit(1)


@click.command("watch")
@seeds_option
@index_option
@click.option("--poll", is_flag=True,
              help="Poll the folder instead of using file system events "
                   "(for network and other file systems without them).")
@click.option("--poll-interval", type=click.FloatRange(min=0.1), default=POLL_INTERVAL,
              show_default=True, help="Seconds between polls.")
@ocr_option
def watch_command(seeds, index_dir, poll, poll_interval, read_scans):
    """Keep the index in sync with the seeds folder until stopped (Ctrl-C)."""
    require_seeds(seeds)
    use_ocr(read_scans)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    def announce(watcher):
        how = f"polling every {poll_interval:g}s" if watcher.polling else "file system events"
        click.echo(f"watching {seeds} ({how}); Ctrl-C stops", err=True)

    watch_until_stopped(seeds, index_dir, poll, poll_interval, announce)


@click.command("analyze")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the tokens as JSON.")
def analyze_command(text, as_json):
    """Show how TEXT is analysed: each word, its indexed term and offsets."""
    tokens = analyze(text)
    if as_json:
        click.echo(json.dumps({"tokens": tokens}, ensure_ascii=False))
        return
    for t in tokens:
        click.echo(f"{t['text']}\t{t['term']}\t{t['start']}-{t['end']}")
