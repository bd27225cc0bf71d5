"""The package's layers: imports point one way, from the surfaces down to the rewriter.

Run as a script to print the import graph's figures (modules, arrows, levels, cycles):

    .venv/bin/python tests/test_layers.py
"""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "personalize"

# Lower numbers sit lower; a module may import its own layer and the ones below it.
# web and commands are both surfaces: commands read web's accessors of the app's catalog and
# store (extensions, storage), and the factory in web registers the commands.
# The package itself (personalize/__init__.py) is the entry point: its create_app loads the
# web factory when called.
LAYERS = {"": 0, "rewriter": 1, "core": 2, "store": 3, "reports": 4, "web": 5, "commands": 5,
          "entry": 6}
FLASK_FREE = ("", "rewriter", "core", "store", "reports")


def module_name(path: Path) -> str:
    """personalize/core/render.py -> personalize.core.render (packages by their __init__)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    """The layer folder a module is in ("" for the package's own leaf modules)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "entry"
    return parts[1] if parts[1] in LAYERS else ""


@cache
def modules() -> dict[str, Path]:
    """Every module of the package except Alembic's migration scripts."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "migrations" not in p.parts}


def imported(path: Path) -> set[str]:
    """Every name a module imports, at any depth (imports inside functions count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@cache
def graph() -> dict[str, frozenset[str]]:
    """Module -> the package's modules it imports. The layer folders' __init__ files hold only
    a docstring, so 'from personalize.web import api' is an arrow to api alone."""
    known = {name: path for name, path in modules().items()
             if path.name != "__init__.py" or name == "personalize"}
    return {name: frozenset(m for m in imported(path) if m in known and m != name
                            and m != "personalize")
            for name, path in known.items()}


def test_layer_folders_hold_only_a_docstring_in_their_init():
    for path in PACKAGE.glob("*/__init__.py"):
        body = ast.parse(path.read_text()).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr), path


def cycles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def levels(edges: dict[str, frozenset[str]]) -> int:
    """The longest chain of imports, counted in modules (the graph has no cycle)."""
    depth: dict[str, int] = {}

    def walk(node: str) -> int:
        if node not in depth:
            depth[node] = 1 + max((walk(n) for n in edges[node]), default=0)
        return depth[node]

    return max(walk(n) for n in edges)


def test_every_module_is_in_a_layer_folder_or_a_leaf():
    leaves = sorted(m for m in modules() if layer(m) == "")
    assert leaves == ["personalize.errors", "personalize.langtag"]


def test_the_leaf_modules_import_nothing_of_the_package():
    for name in ("personalize.errors", "personalize.langtag"):
        assert graph()[name] == frozenset(), name


def test_imports_point_down_the_layers():
    upward = [f"{a} ({layer(a) or 'leaf'}) imports {b} ({layer(b) or 'leaf'})"
              for a, targets in graph().items() for b in targets
              if LAYERS[layer(b)] > LAYERS[layer(a)]]
    assert upward == []


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_lower_layers_never_import_flask_or_the_surfaces():
    offenders = [name for name, path in modules().items() if layer(name) in FLASK_FREE
                 and any(m == "flask" or m.startswith("flask.") for m in imported(path))]
    assert offenders == []


def test_the_checks_can_fail():
    """The walkers see an upward arrow and a cycle when there is one."""
    made = {"personalize.core.a": frozenset({"personalize.web.b"}),
            "personalize.web.b": frozenset({"personalize.core.a"})}
    assert cycles(made) == [["personalize.core.a", "personalize.web.b"]]
    assert LAYERS[layer("personalize.web.b")] > LAYERS[layer("personalize.core.a")]


if __name__ == "__main__":
    edges = graph()
    print(f"modules {len(edges)}, arrows {sum(map(len, edges.values()))}, "
          f"levels {levels(edges) if not cycles(edges) else 'n/a'}, cycles {cycles(edges)}")
    sys.exit(0)
