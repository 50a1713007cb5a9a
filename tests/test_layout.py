"""The house rules of docs/architecture.md, checked on the source: who may import whom, no import circles
(imports inside functions count), and no module over 400 lines."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "onrecord"
# A layer may import only the layers listed for it (besides itself and the plain modules model/errors).
ALLOWED = {
    "read": set(), "lexicons": set(), "nlp": {"lexicons"}, "questions": set(),
    "evaluate": {"nlp", "read", "lexicons", "questions", "ledger", "scale"},
    "train": {"nlp", "read", "evaluate", "lexicons"}, "scale": {"nlp", "read", "ledger"},
    "ledger": {"read", "questions"}, "web": {"ledger", "scale", "read", "render", "export"},
    "cli": {"nlp", "read", "scale", "ledger", "web", "evaluate", "train", "render", "export"},
}
SHARED = {"model", "errors", "encoder", "__init__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every onrecord module the file imports, at any depth (function bodies included)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("onrecord")}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if not target.startswith("onrecord"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if (SRC / sub.replace(".", "/")).with_suffix(".py").exists()
                          or (SRC / sub.replace(".", "/")).is_dir() else target)
    return found - {name}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}


def test_no_module_imports_another_in_a_circle():
    edges = graph()
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    assert cycles == []


def test_each_layer_imports_only_what_docs_architecture_allows():
    wrong = []
    for name, targets in graph().items():
        layer = name.split(".")[1] if name.count(".") >= 1 else "__init__"
        if layer not in ALLOWED:
            continue
        for target in targets:
            other = target.split(".")[1] if target.count(".") >= 1 else "__init__"
            if other != layer and other not in SHARED and other not in ALLOWED[layer]:
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test_no_module_is_over_400_lines():
    long = [f"{p.relative_to(SRC)}: {n}" for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert long == []
