"""`bahth search`."""

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from indexer.cli import counted, index_option, index_trouble
from indexer.documents import is_utf8
from indexer.store import IndexDamaged
from indexer.whoosh_seam import Formatter

from .engine import MAX_PAGE, MAX_PER_PAGE, PER_PAGE, SIMILAR, Engine, Hit, IndexMissing, ResultPage
from .filters import SORTS, Facets, FilterError, Narrow
from .snippets import AnsiFormatter, MarkFormatter, PlainFormatter


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "path": hit.path,
        "title": hit.title,
        "score": hit.score,
        "snippet": hit.snippet,
        "format": hit.format,
        "date": hit.date,
        "page": hit.page,
        "copies": [{"path": path, "title": title} for path, title in hit.copies],
    }


def result_json(result: ResultPage) -> dict[str, Any]:
    return {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "sort": result.sort,
        "hits": [hit_json(h) for h in result.hits],
        "facets": result.facets,
        "corrected_from": result.corrected_from,
        "unknown": result.unknown,
        "included": result.included,
    }


def _print_result(result: ResultPage, color: bool, suggestion: str | None = None) -> bool:
    """Prints a page of hits; returns False for a page past the last one."""
    if not result.searchable:
        click.echo("the query has no searchable words (only stopwords or punctuation)", err=True)
        return True
    if not result.total:
        click.echo("no documents match", err=True)
    if result.corrected_from is not None:
        missed = " ".join(result.unknown) if result.unknown else result.corrected_from
        click.echo(f"no documents match {missed!r}; showing {result.query!r}", err=True)
    if result.included is not None:
        click.echo(f"few documents match as typed; including {result.included!r}", err=True)
    if suggestion:
        click.echo(f"did you mean: {suggestion}", err=True)
    matching = f"{counted(result.total, 'document')} match{'es' if result.total == 1 else ''}"
    if result.distinct is not None and result.distinct != result.total:
        matching += f" ({counted(result.distinct, 'hit')} once near-duplicates are folded)"
    if not result.total:
        return True
    if not result.hits:
        click.echo(
            f"error: page {result.page} is past the end: {matching}, "
            f"{counted(result.pages, 'page')} of {result.per_page}",
            err=True,
        )
        return False
    if not result.ranked:
        click.echo(
            f"no words to rank by: every document the query lets through, {result.sort} first",
            err=True,
        )
    _print_hits(result.hits, (result.page - 1) * result.per_page + 1, color, result.ranked)
    click.echo(f"page {result.page} of {result.pages}: {matching}", err=True)
    return True


def _print_hits(hits: Iterable[Hit], first: int, color: bool, scored: bool = True) -> None:
    """Each hit with its score, or its date where ``scored`` is false (filters
    alone, listed by date)."""
    for rank, hit in enumerate(hits, first):
        click.echo(
            f"{rank}. {hit.title_snippet}  ({hit.score:.2f})"
            if scored
            else f"{rank}. {hit.title_snippet}  ({hit.date})"
        )
        click.echo(click.style(f"   {hit.path}", dim=color) if color else f"   {hit.path}")
        click.echo(f"   {hit.snippet}".replace("\n", " "))
        for path, title in hit.copies:
            click.echo(f"   = {title}  ({path})")


def _print_facets(facets: Facets) -> None:
    for name, entries in facets.items():
        if entries:
            click.echo(f"{name}: " + ", ".join(f"{e['value']} ({e['count']})" for e in entries))


def _text_query(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> str | None:
    # The query may come as one argument or as several words; -word is one of
    # them, but --word is no query syntax: a mistyped option.
    for word in value:
        if word.startswith("--"):
            raise click.NoSuchOption(word, ctx=ctx)
    text = " ".join(value) if value else None
    # Bytes that are not UTF-8 reach argv as lone surrogates, which nothing can print.
    if text is not None and not is_utf8(text):
        raise click.BadParameter("the query is not UTF-8 text")
    return text


def _lines(queries: Iterable[str]) -> Iterator[str]:
    try:
        yield from queries
    except UnicodeDecodeError:
        raise click.BadParameter("the file is not UTF-8 text", param_hint="--queries") from None


# A query's -word excludes a word: it is no option, even first.
@click.command("search", context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, callback=_text_query)
@click.option(
    "-n",
    "per_page",
    type=click.IntRange(1, MAX_PER_PAGE),
    default=PER_PAGE,
    show_default=True,
    help="Hits per page.",
)
@click.option(
    "--page",
    type=click.IntRange(1, MAX_PAGE),
    default=1,
    show_default=True,
    help="Page of hits to print (-n per page).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--queries",
    type=click.File("r", encoding="utf-8"),
    metavar="FILE",
    help="Run one query per line of FILE (- for stdin), one JSON line each.",
)
@click.option(
    "--folder", default="", help="Only documents in this folder of the seeds, or under it."
)
@click.option("--since", default="", metavar="YYYY-MM-DD", help="Only documents dated on or after.")
@click.option(
    "--until", default="", metavar="YYYY-MM-DD", help="Only documents dated on or before."
)
@click.option(
    "--type",
    "type_",
    default="",
    help="Only documents of this format: txt, pdf, docx, odt, html, md or epub.",
)
@click.option("--path", default="", help="Only this document (its path in the seeds).")
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="relevance",
    show_default=True,
    help="Order of the hits: by relevance, or by date (equal dates by relevance).",
)
@click.option(
    "--facets",
    "show_facets",
    is_flag=True,
    help="Print the counts of matches per folder, year, month and type.",
)
@index_option
def search_command(
    query: str | None,
    per_page: int,
    page: int,
    as_json: bool,
    queries: TextIO | None,
    folder: str,
    since: str,
    until: str,
    type_: str,
    path: str,
    sort: str,
    show_facets: bool,
    index_dir: Path,
) -> None:
    """Search the index for QUERY (one argument, or several words).

    \b
    A query may use:
      word word          documents with any of the words; more of them rank higher
      "a phrase"         the words in this order
      -word              documents without the word (alone: all documents without it)
      title:word         the word in the title
      prefix*            words that start with the prefix (two letters or more)
      AND, OR, NOT, ( )  boolean logic: a AND (b OR c) NOT d
      folder:F, type:T   only documents in folder F (or under it), of format T
      date:2015-03-01..2015-03-31
                         only documents dated within those days (either end may
                         be left open; a year or month is all its days)
      path:P             only the document P
    A query with no word to rank by (-word, or filters alone) lists every
    document it lets through, newest first.
    """
    try:
        narrow = Narrow.parse(folder, since, until, type_, path, sort)
    except FilterError as e:
        raise click.BadParameter(str(e)) from None
    if query is None and queries is None and narrow.filtering:
        query = ""  # filters alone: every document they let through, newest first
    if (query is None) == (queries is None):
        raise click.UsageError("give either a QUERY (or a filter) or --queries FILE")
    formatter: Formatter
    if queries is not None or as_json:
        formatter = MarkFormatter()
    else:
        formatter = AnsiFormatter() if sys.stdout.isatty() else PlainFormatter()
    engine = Engine(index_dir, formatter=formatter)
    try:
        if queries is not None:
            for line in _lines(queries):
                result = engine.search(
                    line.rstrip("\n"), page=page, per_page=per_page, narrow=narrow
                )
                click.echo(json.dumps(result_json(result), ensure_ascii=False))
            return
        # Without --queries there is a query.
        result, suggestion = engine.answer(query, page=page, per_page=per_page, narrow=narrow)  # type: ignore[arg-type]
    except (IndexMissing, IndexDamaged) as e:
        click.echo(f"error: {index_trouble(e)}", err=True)
        sys.exit(1)
    except FilterError as e:
        raise click.UsageError(str(e)) from None
    if as_json:
        click.echo(json.dumps(result_json(result), ensure_ascii=False))
        return
    if not _print_result(result, formatter.__class__ is AnsiFormatter, suggestion):
        sys.exit(1)
    if show_facets:
        _print_facets(result.facets)


@click.command("similar")
@click.argument("path")
@click.option(
    "-n",
    "count",
    type=click.IntRange(1, MAX_PER_PAGE),
    default=SIMILAR,
    show_default=True,
    help="How many documents.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@index_option
def similar_command(path: str, count: int, as_json: bool, index_dir: Path) -> None:
    """Print the documents most like an indexed document.

    PATH is the document's path in the seeds folder, as search prints it.
    """
    color = not as_json and sys.stdout.isatty()
    formatter = MarkFormatter() if as_json else AnsiFormatter() if color else PlainFormatter()
    try:
        hits = Engine(index_dir, formatter=formatter).similar(path, count)
    except (IndexMissing, IndexDamaged) as e:
        click.echo(f"error: {index_trouble(e)}", err=True)
        sys.exit(1)
    if hits is None:
        click.echo(f"error: no indexed document has the path {path}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(
            json.dumps({"path": path, "hits": [hit_json(h) for h in hits]}, ensure_ascii=False)
        )
    else:
        _print_hits(hits, 1, color)
