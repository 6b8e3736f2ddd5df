"""Turning what a person typed into a Whoosh query.

Whoosh's default parser has traps for Arabic: its WildcardPlugin reads «؟» as the
wildcard ``?``, so a question's last word became a pattern, and its default grouping
is AND. bahth turns on only the syntax it documents, with OR grouping so a document
need not contain every word (the more it contains, the higher it ranks).
"""

import re
from itertools import islice

from whoosh import qparser, query
from whoosh.fields import Schema

from indexer.arabic.compounds import joined_text
from indexer.arabic.tokenize import MAX_WORD, WORD_CHAR

FIELDS = ("title", "body")

# A prefix shorter than this matches a large part of the vocabulary.
MIN_PREFIX = 2
# Only the first MAX_PREFIXES prefixes of a query are expanded; later ones are
# searched as words. Each reads up to 960 words of the vocabulary and scores up to
# 32 (search/scoring.py): 100 two-letter prefixes, within the page's 500
# characters, took 6.9 s and 3,200 terms.
MAX_PREFIXES = 4

# What of a query is parsed (see ``searched``). Whoosh's parser works per token
# and tries a pattern at every character of a word: it took 0.4 s for 6,000
# tokens and, quadratic in a word's length, 0.8 s for one word of 5,000 letters;
# and the terms scored and marked in snippets grow with the words. An ARCD
# question has fewer than 20 words; the page's 500 characters allow 250, and the
# command line any number.
MAX_WORDS = 64
MAX_SYNTAX = 64
MAX_DEPTH = 8
MAX_SCAN = 1000
# A query of more words and syntax characters than this, or with a prefix, is
# long (see search/lane.py). Keyword queries have 1-5; ARCD questions 3-25.
SHORT_TOKENS = 8
_TOKEN = re.compile(rf"(?P<word>{WORD_CHAR}+)|(?P<syntax>\S)")

# The parser's syntax characters; a query the parser rejects is retried without them.
_SYNTAX = re.compile(r"[\"'()*:+\-^\[\]{}~]")
# + and - mark a word only at its start: after a space, a bracket or nothing.
# Whoosh takes them anywhere, so «النمسا-المجر» excluded every document about
# Hungary, and «كوفيد-19» every one with 19.
_AT_WORD_START = r"(?<![^\s(])"


def make_parser(schema: Schema) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(FIELDS, schema, group=qparser.OrGroup, plugins=[])
    parser.add_plugins(
        [
            qparser.FieldsPlugin(),  # title:word
            qparser.PhrasePlugin(),  # "exact phrase"
            qparser.GroupPlugin(),  # (a OR b)
            qparser.OperatorsPlugin(),  # AND OR NOT
            qparser.PlusMinusPlugin(
                plusexpr=_AT_WORD_START + r"\+",  # +required
                minusexpr=_AT_WORD_START + "-",
            ),  # -excluded
            qparser.PrefixPlugin(),  # prefix*
        ]
    )
    return parser


def _bound_prefixes(q: query.Query) -> query.Query:
    """Short prefixes, and those after the first MAX_PREFIXES, become plain terms
    rather than scans of the vocabulary."""
    expanded: set[str] = set()

    def bound(node: query.Query) -> query.Query:
        if isinstance(node, query.Prefix):
            if len(node.text) >= MIN_PREFIX and (
                node.text in expanded or len(expanded) < MAX_PREFIXES
            ):
                expanded.add(node.text)
                return node
            return query.Term(node.fieldname, node.text, boost=node.boost)
        return node

    return q.accept(bound)


def searched(text: str) -> str:
    """``text`` as it is parsed: its first MAX_WORDS words, each cut to MAX_WORD
    characters as analysis cuts it, and the syntax characters among them, but for
    brackets nested deeper than MAX_DEPTH and any after the first MAX_SYNTAX,
    which become spaces. Only the first MAX_SCAN words and characters are read."""
    out, last, words, syntax, depth = [], 0, 0, 0, 0
    for m in islice(_TOKEN.finditer(text), MAX_SCAN):
        if m.lastgroup == "word":
            words += 1
            if words > MAX_WORDS:
                break
            kept = m.group()[:MAX_WORD]
        else:
            char = m.group()
            depth += char == "("
            kept = char if syntax < MAX_SYNTAX and depth <= MAX_DEPTH else " "
            depth -= char == ")" and depth > 0
            syntax += kept == char
        out += [text[last : m.start()], kept]
        last = m.end()
    return "".join(out)


def is_long(text: str) -> bool:
    """Whether ``text`` is a long query: more than SHORT_TOKENS tokens, or a prefix."""
    parsed = searched(text)
    return "*" in parsed or len(_TOKEN.findall(parsed)) > SHORT_TOKENS


def parse(parser: qparser.QueryParser, text: str) -> query.Query | None:
    """The query for ``text``, or None when it has no searchable word (a query
    that only excludes words is a Not).

    A malformed query (unbalanced quotes or brackets, a lone operator) still gets
    the best query for its words.
    """
    # Lone surrogates (bytes that were not UTF-8) cannot be looked up in the index;
    # as «?» they are punctuation, and ignored.
    # «عبد الله» is analysed as one word, as documents' «عبدالله» is.
    text = joined_text(searched(text).encode("utf-8", "replace").decode("utf-8"))
    try:
        q = parser.parse(text)
    except Exception:  # whoosh's parser raises assorted errors on broken syntax
        q = parser.parse(_SYNTAX.sub(" ", text))
    q = _bound_prefixes(q).normalize()
    if q is query.NullQuery:
        q = _only_excluded(parser, text)
    return None if q is query.NullQuery else q


def _only_excluded(parser: qparser.QueryParser, text: str) -> query.Query:
    """``-word`` with nothing else to search for, as Not(word): every document
    without it, as web search engines and Elasticsearch's must_not beside
    match_all answer it. Whoosh drops an exclusion that has nothing to exclude
    from; anything else that normalises to nothing stays nothing."""
    try:
        raw = parser.parse(text, normalize=False)
    except Exception:  # a malformed query's syntax is read as spaces: nothing is excluded
        return query.NullQuery
    if not isinstance(raw, query.AndNot):
        return query.NullQuery
    excluded = _bound_prefixes(raw.b).normalize()
    return query.NullQuery if excluded is query.NullQuery else query.Not(excluded)
