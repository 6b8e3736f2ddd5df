"""`bahth index`, `bahth watch` and `bahth analyze`."""

import json
import logging
import os
import shlex
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource
from click.types import OptionHelpExtra
from whoosh.index import LockError

from . import config, documents
from .analysis import analyze
from .arabic.compounds import joined_spans
from .arabic.stopwords import is_stopword
from .arabic.tokenize import words
from .build import update_index
from .formats import cut_reason, format_of, ocr
from .parallel import IndexingFailed
from .store import REBUILD, IndexDamaged
from .watch import POLL_INTERVAL, Watcher, watch_until_stopped

T = TypeVar("T")


class _FolderOption(click.Option):
    """A folder option whose help ends [env var: BAHTH_SEEDS; default: seeds/]
    (click puts a default given as text in brackets of its own)."""

    def __init__(self, *args: Any, default_shown: str, **kwargs: Any) -> None:
        super().__init__(*args, show_envvar=True, **kwargs)  # type: ignore[misc]  # args are declarations
        self.default_shown = default_shown

    def get_help_extra(self, ctx: click.Context) -> OptionHelpExtra:
        return {**super().get_help_extra(ctx), "default": self.default_shown}


seeds_option = click.option(
    "--seeds",
    cls=_FolderOption,
    type=click.Path(file_okay=False, path_type=Path),
    envvar="BAHTH_SEEDS",
    default=config.SEEDS,
    default_shown="seeds/",
    help="Folder of documents (.txt, .pdf, .docx, .odt, .html, .md, .epub).",
)
index_option = click.option(
    "--index",
    "index_dir",
    cls=_FolderOption,
    type=click.Path(file_okay=False, path_type=Path),
    envvar="BAHTH_INDEX",
    default=config.INDEX,
    default_shown="index/",
    help="Folder of the search index.",
)

ocr_option = click.option(
    "--ocr",
    "read_scans",
    is_flag=True,
    envvar=ocr.ENV,
    help="Read PDF pages with no text layer (scans) with tesseract's Arabic OCR "
    "(seconds a page); without it they are reported as needing OCR. "
    "Also $BAHTH_OCR=1.",
)


def counted(n: int, noun: str) -> str:
    """``n`` and an English noun, plural unless n is 1: 1 document, 5 documents."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def index_command_line(*extra: str) -> str:
    """The `bahth index` that builds the index this command was pointed at: with
    the --seeds and --index typed on its command line (from the environment or
    the defaults they need no repeating)."""
    ctx = click.get_current_context()
    words = ["bahth", "index"]
    for name, option in (("seeds", "--seeds"), ("index_dir", "--index")):
        if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE:
            words += [option, str(ctx.params[name])]
    return shlex.join(words + list(extra))


def index_trouble(e: Exception) -> str:
    """The message for an index that is damaged (IndexDamaged ``e``) or missing
    (any other), its remedy spelled with the folders this command was given."""
    if isinstance(e, IndexDamaged):
        return str(e).replace(REBUILD, f"run `{index_command_line('--rebuild')}`")
    index_dir = click.get_current_context().params["index_dir"]
    return f"no index in {index_dir}: run `{index_command_line()}` first"


def log_to_stderr() -> None:
    """Log lines (the watcher's commits, the server's requests) on standard error."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")


def require_seeds(seeds: Path) -> None:
    if not seeds.is_dir():
        raise click.UsageError(f"seeds folder {seeds} does not exist")


def use_ocr(wanted: bool) -> None:
    """Tells the readers, in this process and those it starts, whether to OCR, and
    says once why OCR cannot run here if it cannot."""
    os.environ[ocr.ENV] = "1" if wanted else "0"
    if wanted and ocr.missing():
        click.echo(
            f"warning: --ocr: {ocr.missing()}; pages with no text layer are reported, not read",
            err=True,
        )


def printable_name(name: str) -> str:
    """A file name on one printable line: control characters and bytes that are not
    UTF-8 escaped, so no name can break or forge a line of the report."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in name)


def _progress_bar(items: Iterable[T], length: int) -> Iterator[T]:
    with click.progressbar(items, length=length, label="Indexing", file=sys.stderr) as bar:
        yield from bar


@click.command("index")
@seeds_option
@index_option
@click.option("--rebuild", is_flag=True, help="Start from an empty index.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@ocr_option
def index_command(
    seeds: Path, index_dir: Path, rebuild: bool, quiet: bool, read_scans: bool
) -> None:
    """Bring the index up to date with the seeds folder.

    Only new, changed and deleted files are touched; the run ends in one atomic commit.
    """
    require_seeds(seeds)
    use_ocr(read_scans)
    show_bar = not quiet and sys.stderr.isatty()
    try:
        report = update_index(
            seeds,
            index_dir,
            rebuild=rebuild,
            parallel=True,
            progress=_progress_bar if show_bar else None,
        )
    except LockError:
        click.echo(
            f"error: another bahth process is writing to {index_dir}; "
            "try again when it has finished",
            err=True,
        )
        sys.exit(1)
    except IndexDamaged as e:
        click.echo(f"error: {index_trouble(e)}", err=True)
        sys.exit(1)
    except IndexingFailed as e:
        click.echo(f"error: {e}; the index is as it was before this run", err=True)
        sys.exit(1)
    for rel, reason in report.skipped:
        click.echo(f"skipped {printable_name(rel)}: {reason}", err=True)
    for rel in report.truncated:
        click.echo(
            f"cut {printable_name(rel)}: {cut_reason(format_of(rel), documents.MAX_BYTES)}",
            err=True,
        )
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
@click.option(
    "--poll",
    is_flag=True,
    help="Poll the folder instead of using file system events "
    "(for network and other file systems without them).",
)
@click.option(
    "--poll-interval",
    type=click.FloatRange(min=0.1),
    default=POLL_INTERVAL,
    show_default=True,
    help="Seconds between polls.",
)
@ocr_option
def watch_command(
    seeds: Path, index_dir: Path, poll: bool, poll_interval: float, read_scans: bool
) -> None:
    """Keep the index in sync with the seeds folder until stopped.

    Files that arrive, change or disappear are indexed within about a second;
    Ctrl-C or SIGTERM stops it.
    """
    require_seeds(seeds)
    use_ocr(read_scans)
    log_to_stderr()

    def announce(watcher: Watcher) -> None:
        how = f"polling every {poll_interval:g}s" if watcher.polling else "file system events"
        click.echo(f"watching {seeds} ({how}); Ctrl-C stops", err=True)

    watch_until_stopped(seeds, index_dir, poll, poll_interval, announce)


@click.command("analyze")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the tokens as JSON.")
def analyze_command(text: str, as_json: bool) -> None:
    """Show how TEXT is analysed into indexed terms.

    Prints each word of TEXT, its indexed term and its character offsets; words
    that are not indexed (stopwords) are named on standard error.
    """
    tokens = analyze(text)
    if as_json:
        click.echo(json.dumps({"tokens": tokens}, ensure_ascii=False))
        return
    for t in tokens:
        click.echo(f"{t['text']}\t{t['term']}\t{t['start']}-{t['end']}")
    kept = {t["start"] for t in tokens}
    dropped = [surface for surface, start, _ in joined_spans(words(text)) if start not in kept]
    if dropped or not tokens:
        click.echo(_not_indexed(dropped, all_dropped=not tokens), err=True)


def _not_indexed(dropped: list[str], all_dropped: bool) -> str:
    """What `bahth analyze` says of the words of its text that have no term."""
    if not dropped:
        return "no words in TEXT: nothing is indexed"
    stopwords = [w for w in dropped if is_stopword(w)]
    marks = [w for w in dropped if not is_stopword(w)]
    what = []
    if stopwords:
        what.append(
            f"{'all stopwords' if all_dropped and not marks else 'stopwords'}: "
            + " ".join(stopwords)
        )
    if marks:
        what.append("marks without letters: " + " ".join(marks))
    return f"{'nothing' if all_dropped else 'not'} indexed ({'; '.join(what)})"
