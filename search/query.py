"""Turning what a person typed into a Whoosh query.

Whoosh's default parser has traps for Arabic: its WildcardPlugin reads «؟» as the
wildcard ``?``, so a question's last word became a pattern, and its default grouping
is AND. bahth turns on only the syntax it documents, with OR grouping so a document
need not contain every word (the more it contains, the higher it ranks).
"""
import re

from whoosh import qparser, query

FIELDS = ("title", "body")

# A prefix shorter than this matches a large part of the vocabulary.
MIN_PREFIX = 2

# The parser's syntax characters; a query the parser rejects is retried without them.
_SYNTAX = re.compile(r"[\"'()*:+\-^\[\]{}~]")
# + and - mark a word only at its start: after a space, a bracket or nothing.
# Whoosh takes them anywhere, so «النمسا-المجر» excluded every document about
# Hungary, and «كوفيد-19» every one with 19.
_AT_WORD_START = r"(?<![^\s(])"


def make_parser(schema):
    parser = qparser.MultifieldParser(FIELDS, schema, group=qparser.OrGroup, plugins=[])
    parser.add_plugins([
        qparser.FieldsPlugin(),      # title:word
        qparser.PhrasePlugin(),      # "exact phrase"
        qparser.GroupPlugin(),       # (a OR b)
        qparser.OperatorsPlugin(),   # AND OR NOT
        qparser.PlusMinusPlugin(plusexpr=_AT_WORD_START + r"\+",   # +required
                                minusexpr=_AT_WORD_START + "-"),      # -excluded
        qparser.PrefixPlugin(),      # prefix*
    ])
    return parser


def _bound_prefixes(q):
    """Short prefixes become plain terms rather than scans of the vocabulary."""
    if isinstance(q, query.Prefix) and len(q.text) < MIN_PREFIX:
        return query.Term(q.fieldname, q.text, boost=q.boost)
    return q


def parse(parser, text):
    """The query for ``text``, or None when it has no searchable word.

    A malformed query (unbalanced quotes or brackets, a lone operator) still gets
    the best query for its words.
    """
    # Lone surrogates (bytes that were not UTF-8) cannot be looked up in the index;
    # as «?» they are punctuation, and ignored.
    text = text.encode("utf-8", "replace").decode("utf-8")
    try:
        q = parser.parse(text)
    except Exception:  # whoosh's parser raises assorted errors on broken syntax
        q = parser.parse(_SYNTAX.sub(" ", text))
    q = q.accept(_bound_prefixes).normalize()
    return None if q is query.NullQuery else q
