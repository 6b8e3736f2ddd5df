"""The package's modules import one way: no cycles, and indexer ← search ← web."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["indexer", "search", "web"]


def module_names():
    """{dotted name: path} of every module of the packages."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(name, path, modules):
    """The modules of ``modules`` that the module ``name`` imports, anywhere in it.

    A package importing its own submodules inside a function (loading format
    readers only when a file needs them) is left out: by then the package is
    initialised, so that import cannot find it half-done.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node, in_function in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        for target in _targets(node, package, modules):
            if not (in_function and package == name and target.startswith(name + ".")):
                targets.add(target)
    return {t for t in targets if t in modules and t != name}


def _imports(tree, in_function=False):
    """Every import statement under ``tree``, and whether it is inside a function."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, in_function
        yield from _imports(
            node, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        )


def _targets(node, package, modules):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = package.split(".")
        base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
    # `from pkg import name` imports pkg.name when that is a module, else pkg.
    return [
        f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
        for alias in node.names
    ]


def import_graph():
    modules = module_names()
    return {name: imported(name, path, modules) for name, path in modules.items()}


def find_cycle(graph):
    """One cycle of ``graph`` as a list of its nodes (first repeated last), or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return trail[trail.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt, trail + [nxt])):
                return cycle
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


def test_no_module_imports_itself_through_others():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


@pytest.mark.parametrize(
    "lower, upper", [("indexer", "search"), ("indexer", "web"), ("search", "web")]
)
def test_a_lower_package_imports_nothing_of_a_higher_one(lower, upper):
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in import_graph().items()
        if name.split(".")[0] == lower
        for target in targets
        if target.split(".")[0] == upper
    )
    assert wrong == []


def test_the_cycle_finder_finds_relative_and_absolute_imports(tmp_path, monkeypatch):
    for name, text in {
        "indexer/__init__.py": "",
        "indexer/a.py": "from . import b\n",
        "indexer/b.py": "def f():\n    import indexer.c\n",
        "indexer/c.py": "from .a import thing\n",
        "search/__init__.py": "",
        "web/__init__.py": "",
    }.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert find_cycle(import_graph()) == ["indexer.a", "indexer.b", "indexer.c", "indexer.a"]


def test_a_package_may_load_its_own_modules_inside_a_function(tmp_path, monkeypatch):
    for name, text in {
        "indexer/__init__.py": "def reader():\n    from . import a\n",
        "indexer/a.py": "from . import reader\n",
        "search/__init__.py": "from indexer import a\n",
        "web/__init__.py": "def f():\n    import search\n",
    }.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert import_graph() == {
        "indexer": set(),
        "indexer.a": {"indexer"},
        "search": {"indexer.a"},
        "web": {"search"},
    }
