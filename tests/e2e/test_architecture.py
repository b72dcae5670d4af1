"""The package's shape: stage packages in pipeline order, no import cycle, no private reach-in.

Reads the imports of every module (with `ast`, nothing is imported) and checks what the README's
architecture map promises: each stage imports only the stages before it, no two modules import
each other round a cycle, no module imports another's private (underscored) name, and the top of
the package stays a handful of modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "newsweave"
TESTS = Path(__file__).resolve().parents[1]

# Pipeline order: a module may import its own layer and the layers before it, never after.
# `evaluation` and `cli` sit on top; `pipeline` is the spine between the stages and their users.
LAYERS = [
    {"errors", "models", "sections", "config"},
    {"text", "nlp", "runner"},
    {"timex"},
    {"readers"},
    {"clean"},
    {"dedup"},
    {"grouping"},
    {"briefing"},
    {"render"},
    {"pipeline", "__init__"},
    {"store"},
    {"app", "watch"},
    {"cli", "__main__", "evaluation"},
]


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    name: str | None  # the name taken from it, for `from target import name`
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, module: str, modules: dict[str, Path]) -> Iterator[Import]:
    """Every import of a newsweave module in `path`, at any depth (lazy imports count too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("newsweave"):
                    yield Import(module, alias.name, None, node.lineno)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newsweave"):
            assert node.level == 0, f"{module}:{node.lineno}: relative import"
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in modules:
                    yield Import(module, submodule, None, node.lineno)
                else:
                    yield Import(module, str(node.module), alias.name, node.lineno)


def all_imports() -> list[Import]:
    modules = package_modules()
    return [i for name, path in modules.items() for i in imports_of(path, name, modules)]


def layer_of(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for index, layer in enumerate(LAYERS):
        if top in layer:
            return index
    raise AssertionError(f"{module}: its package {top!r} is in no layer of LAYERS")


def test_the_top_of_the_package_holds_at_most_a_dozen_modules() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top


def test_every_module_belongs_to_a_layer() -> None:
    for module in package_modules():
        layer_of(module)


def test_each_stage_imports_only_the_stages_before_it() -> None:
    backwards = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in all_imports()
        if layer_of(i.target) > layer_of(i.module)
    ]
    assert backwards == []


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for item in all_imports():
        target = item.target
        while target not in package_modules() and "." in target:
            target = target.rsplit(".", 1)[0]
        if target != item.module:
            graph.setdefault(item.module, set()).add(target)
    cycles = [cycle for cycle in strongly_connected(graph) if len(cycle) > 1]
    assert cycles == []


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    found.append(component)
    return found


def private_imports(path: Path, module: str) -> Iterator[str]:
    modules = package_modules()
    for item in imports_of(path, module, modules):
        if item.name and item.name.startswith("_") and not item.name.startswith("__"):
            yield f"{module}:{item.line} imports {item.name} from {item.target}"


@pytest.mark.parametrize("where", ["src", "tests"])
def test_no_module_imports_another_modules_private_name(where: str) -> None:
    if where == "src":
        files = {name: path for name, path in package_modules().items()}
    else:
        files = {str(path.relative_to(TESTS)): path for path in sorted(TESTS.rglob("*.py"))}
    found = [line for name, path in files.items() for line in private_imports(path, name)]
    assert found == []
