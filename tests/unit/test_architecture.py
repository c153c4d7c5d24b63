"""Dependencies point one way: connectors/ (channels, delivery targets, the inbox) depend on
bot/, never the reverse, and no module imports itself back through others.

Reads every import statement with ``ast``, also those inside functions and under
``TYPE_CHECKING``, so a hidden import counts like any other.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "connectors", "rasa_sdk_plugins")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> Dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or "models" in path.relative_to(ROOT).parts[:2]:
                continue
            found[module_name(path)] = path
    return found


def imports(path: Path, name: str, known: Set[str]) -> Iterator[Tuple[str, int]]:
    """(imported project module, line) for every import in ``path``."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                yield (submodule if submodule in known else target), node.lineno


def graph() -> Dict[str, List[Tuple[str, int]]]:
    modules = project_modules()
    known = set(modules)
    edges: Dict[str, List[Tuple[str, int]]] = {}
    for name, path in modules.items():
        edges[name] = [
            (target, line)
            for target, line in imports(path, name, known)
            if target.split(".")[0] in PACKAGES and target != name
        ]
    return edges


def cycles(edges: Dict[str, List[Tuple[str, int]]]) -> List[List[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    found: List[List[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _line in edges.get(node, ()):
            if target not in edges:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_bot_never_imports_connectors():
    edges = graph()
    upward = [
        f"{module} (regel {line}) importeert {target}"
        for module, targets in sorted(edges.items())
        if module.split(".")[0] == "bot"
        for target, line in targets
        if target.split(".")[0] == "connectors"
    ]
    assert upward == []


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_check_sees_hidden_imports(tmp_path):
    """The check itself: an import inside a function is found, and a cycle is reported."""
    source = "def f():\n    from connectors.site import tokens\n"
    path = tmp_path / "x.py"
    path.write_text(source)
    assert ("connectors.site.tokens", 2) in list(imports(path, "bot.x", {"connectors.site.tokens"}))
    assert cycles({"a": [("b", 1)], "b": [("c", 1)], "c": [("a", 1)], "d": [("a", 1)]}) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", ["bot.handoff.outbox", "bot.handoff.settings", "bot.maintenance.retention"])
def test_the_graph_knows_the_modules(module):
    assert module in graph()
