"""No import cycle among our modules (analysis/, ui/, views/).

serve.py's warm start imports the first page's modules in one thread while the
page's script imports them in another. CPython gives each module a lock, so a
thread importing a module another thread is importing waits for it to finish;
but when two threads each hold a module of one cycle and want the other's, the
import machinery breaks the deadlock by handing one of them a half-made module
(or raising). Without cycles that cannot happen, and the page needs no wait.

The graph is built statically from the statements that run at import time
(module level, class bodies, ``if``/``try`` blocks; not function bodies, not
``if TYPE_CHECKING:``). An edge goes from a module to:
- each module of ours it imports (``import a.b.c``, ``from a.b import c`` where
  ``a.b.c`` is a module, ``from a.b.c import name``);
- the packages above it that are not above the importer (``import a.b.c`` in
  ``x.y`` imports ``a`` and ``a.b`` first; a module's own packages are already in
  ``sys.modules`` when it runs, so importing a sibling by name does not lock them);
- the package named in a ``from PACKAGE import ...`` (``from . import x`` too),
  even the importer's own: it waits for that package to finish initialising.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("analysis", "ui", "views")


def our_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of ours by dotted name (a package by its own name, for its ``__init__.py``)."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_time_statements(body: list[ast.stmt]):
    """The import statements run when the module is imported: not in functions, not under ``if TYPE_CHECKING:``."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _import_time_statements(node.body)
            yield from _import_time_statements(node.orelse)
        else:  # class bodies, try/with/for/while blocks and match cases run at import time
            for field in ("body", "orelse", "finalbody"):
                yield from _import_time_statements(getattr(node, field, []))
            for holder in [*getattr(node, "handlers", []), *getattr(node, "cases", [])]:
                yield from _import_time_statements(holder.body)


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """For each module of ours, the modules of ours that importing it imports (and may wait for), see above."""
    modules = our_modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        own_package = name if is_package else name.rpartition(".")[0]
        above_me = set(_ancestors(name))
        targets: set[str] = set()

        def reach(module: str) -> None:
            """Importing ``module`` by its full name: it, and its packages not already above the importer."""
            for candidate in [*_ancestors(module), module]:
                if candidate in modules and candidate not in above_me:
                    targets.add(candidate)

        for node in _import_time_statements(ast.parse(path.read_text(encoding="utf-8")).body):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    reach(alias.name)
                continue
            if node.level:
                base = own_package.split(".")[: len(own_package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            reach(source)
            if source in modules:
                targets.add(source)  # ``from P import x`` waits for P to finish, even P above the importer
            for alias in node.names:
                if f"{source}.{alias.name}" in modules:
                    targets.add(f"{source}.{alias.name}")
        targets.discard(name)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, ..., a]``, or None (a depth-first walk; our tree is far shallower than the
    recursion limit)."""
    on_path: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> list[str] | None:
        on_path.append(module)
        for following in sorted(graph.get(module, ())):
            if following in on_path:
                return on_path[on_path.index(following):] + [following]
            if following not in done and (cycle := visit(following)):
                return cycle
        on_path.pop()
        done.add(module)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return None


def test_our_modules_import_one_another_without_a_cycle():
    graph = import_graph()
    assert len(graph) > 50 and graph["ui.sidebar"]  # the walk found the code (a wrong root finds nothing)
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def _tree(root: Path, files: dict[str, str]) -> dict[str, set[str]]:
    for relative, text in {"analysis/__init__.py": "", "ui/__init__.py": "", "views/__init__.py": "",
                           **files}.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return import_graph(root)


@pytest.mark.parametrize("files, member", [
    # a submodule reading its own package's names, which the package's __init__ imports from it
    ({"analysis/corpus/__init__.py": "from analysis.corpus.text import f\n",
      "analysis/corpus/text.py": "from analysis.corpus import g\n"}, "analysis.corpus.text"),
    ({"analysis/corpus/__init__.py": "from .text import f\n",
      "analysis/corpus/text.py": "from . import dates\n", "analysis/corpus/dates.py": ""}, "analysis.corpus.text"),
    # two modules, through a class body, an else branch and ``import a.b``
    ({"ui/a.py": "class A:\n    from ui import b\n",
      "ui/b.py": "if X:\n    pass\nelse:\n    import ui.a\n"}, "ui.a"),
    # importing a submodule from outside imports its package first
    ({"analysis/story/__init__.py": "import ui.c\n", "analysis/story/claims.py": "",
      "ui/c.py": "try:\n    from analysis.story.claims import x\nexcept ImportError:\n    pass\n"}, "ui.c"),
])
def test_the_finder_sees_each_kind_of_edge(tmp_path, files, member):
    cycle = find_cycle(_tree(tmp_path, files))
    assert cycle is not None and member in cycle, cycle


def test_imports_in_functions_for_type_checkers_or_of_siblings_by_name_close_no_cycle(tmp_path):
    graph = _tree(tmp_path, {
        "analysis/corpus/__init__.py": "from analysis.corpus.text import f\n",
        "analysis/corpus/text.py": ("from analysis.corpus.dates import d\nfrom .model import m\n"
                                    "from typing import TYPE_CHECKING\n"
                                    "if TYPE_CHECKING:\n    from analysis.corpus import Corpus\n"
                                    "def later():\n    from analysis.corpus import Corpus\n"),
        "analysis/corpus/dates.py": "", "analysis/corpus/model.py": ""})
    assert find_cycle(graph) is None, graph
    assert graph["analysis.corpus.text"] == {"analysis.corpus.dates", "analysis.corpus.model"}
