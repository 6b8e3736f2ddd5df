"""Contracts of indexer/whoosh_seam.py with the installed Whoosh, and a check
that nothing else in the package touches a ``_name`` of a Whoosh object."""

import ast
import importlib.metadata
from pathlib import Path

import numpy as np
import pytest
import whoosh
from whoosh import fields, highlight, index
from whoosh.analysis import Token

from indexer.whoosh_seam import WHOOSH_VERSION, Formatter, block_values, posting_blocks

ROOT = Path(__file__).resolve().parent.parent
SEAM = "indexer/whoosh_seam.py"


def test_the_seam_names_the_installed_whoosh():
    assert importlib.metadata.version("whoosh3") == WHOOSH_VERSION


@pytest.fixture(scope="module")
def term_in_many_blocks(tmp_path_factory):
    """A segment where «كلمة» is in 300 documents (W3 blocks hold 128 postings),
    written k % 4 + 1 times in document k, at positions k % 3 + 2i; one deleted."""
    ix = index.create_in(
        tmp_path_factory.mktemp("ix"),
        fields.Schema(body=fields.TEXT(phrase=True), id=fields.ID(stored=True, unique=True)),
    )
    writer = ix.writer()
    for k in range(300):
        words = ["حشو"] * (k % 3) + ["كلمة", "حشو"] * (k % 4 + 1)
        writer.add_document(id=str(k), body=" ".join(words))
    writer.add_document(id="other", body="غيرها")
    writer.commit()
    writer = ix.writer()
    writer.delete_by_term("id", "7")
    writer.commit(merge=False)
    with ix.searcher() as searcher:
        (reader,) = [r for r, _ in searcher.leaf_searchers()]
        yield reader


def leaf(reader):
    matcher = reader.postings("body", "كلمة")
    return getattr(matcher, "child", matcher)  # deletions wrap it in a FilterMatcher


def test_posting_blocks_give_every_posting_with_its_weight(term_in_many_blocks):
    blocks = list(posting_blocks(leaf(term_in_many_blocks)))
    assert len(blocks) == 3  # 300 postings in blocks of 128
    ids = np.concatenate([ids for _, ids, _ in blocks])
    weights = np.concatenate([w for _, _, w in blocks])
    assert ids.tolist() == list(range(300))  # the deleted one too: callers mask it
    assert weights.tolist() == [k % 4 + 1 for k in range(300)]
    assert all(ids.dtype == np.int64 and w.dtype == np.float32 for _, ids, w in blocks)


def test_block_values_are_the_positions_of_that_block(term_in_many_blocks):
    matcher = leaf(term_in_many_blocks)
    decode = matcher.format.decoder("positions")
    offsets = [offset for offset, _, _ in posting_blocks(matcher)]
    positions = [
        decode(v)
        for offset in reversed(offsets)  # any order: blocks are sought
        for v in reversed(block_values(matcher, offset))
    ]
    expected = [[k % 3 + 2 * i for i in range(k % 4 + 1)] for k in range(300)]
    assert [list(p) for p in reversed(positions)] == expected


def test_a_formatter_writes_the_text_between_matches_through_plain():
    class Upper(Formatter):
        def plain(self, text):
            return text.upper()

        def format_token(self, text, token, replace=False):
            return "[" + highlight.get_text(text, token, replace) + "]"

    text = "ab cd ef"
    token = Token(startchar=3, endchar=5, matched=True)
    assert Upper().format([highlight.Fragment(text, [token])]) == "AB [cd] EF"


# --- nothing else touches Whoosh's private names ---------------------------------


def whoosh_private_names():
    """Every ``_name`` (not ``__name__``) Whoosh defines or uses."""
    names = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8", errors="replace"))):
            name = (
                node.name
                if isinstance(node, (ast.FunctionDef, ast.ClassDef))
                else node.attr
                if isinstance(node, ast.Attribute)
                else node.arg
                if isinstance(node, ast.arg)
                else None
            )
            if name and name.startswith("_") and not name.startswith("__"):
                names.add(name)
    return names


def private_uses(source, whoosh_names):
    """(line, what) of each reach into Whoosh's internals in ``source``: a
    ``._name`` of Whoosh's on anything but ``self``; in a class derived from a
    Whoosh class, ``self._name`` that the class does not define itself and
    ``def _name`` that overrides Whoosh's; a ``_name=`` keyword argument."""
    tree = ast.parse(source)
    from_whoosh = {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and (getattr(node, "module", None) or node.names[0].name).startswith("whoosh")
        for alias in node.names
    }
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in whoosh_names
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        ):
            found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.keyword) and node.arg and node.arg.startswith("_"):
            found.append((node.lineno, f"{node.arg}="))
        elif isinstance(node, ast.ClassDef) and any(
            isinstance(root := _root(base), ast.Name) and root.id in from_whoosh
            for base in node.bases
        ):
            found += _subclass_uses(node, whoosh_names)
    return sorted(found)


def _root(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node


def _subclass_uses(cls, whoosh_names):
    own = {
        n.attr
        for n in ast.walk(cls)
        if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)
    }
    found = [
        (n.lineno, f"def {n.name}")
        for n in cls.body
        if isinstance(n, ast.FunctionDef) and n.name in whoosh_names
    ]
    own |= {n.name for n in cls.body if isinstance(n, ast.FunctionDef)}
    found += [
        (n.lineno, ast.unparse(n))
        for n in ast.walk(cls)
        if isinstance(n, ast.Attribute)
        and n.attr in whoosh_names - own
        and isinstance(n.value, ast.Name)
        and n.value.id == "self"
    ]
    return found


@pytest.fixture(scope="module")
def uses():
    names = whoosh_private_names()
    return {
        path.relative_to(ROOT).as_posix(): found
        for package in ("indexer", "search", "web")
        for path in sorted((ROOT / package).rglob("*.py"))
        if (found := private_uses(path.read_text(encoding="utf-8"), names))
    }


def test_only_the_seam_touches_whoosh_internals(uses):
    assert SEAM in uses  # the finder finds what the seam does
    outside = {path: found for path, found in uses.items() if path != SEAM}
    assert outside == {}, "move these behind indexer/whoosh_seam.py"


def test_the_finder_sees_each_kind_of_reach():
    source = """
from whoosh import highlight
from whoosh.writing import SegmentWriter

class Mine:
    def __init__(self):
        self._items = []

class Fmt(highlight.Formatter):
    def _text(self, text):
        return text

class W(SegmentWriter):
    def own(self):
        self._mine = 1
        return self._mine, self._tempstorage, super()._merge_segments(1, 2, 3)

def f(matcher, make):
    make(_lk=False)
    return matcher._data, Mine()._items
"""
    names = {"_items", "_text", "_tempstorage", "_merge_segments", "_data", "_mine"}
    assert private_uses(source, names) == [
        (10, "def _text"),
        (16, "self._tempstorage"),
        (16, "super()._merge_segments"),
        (19, "_lk="),
        (20, "Mine()._items"),
        (20, "matcher._data"),
    ]
