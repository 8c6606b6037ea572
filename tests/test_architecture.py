"""The structure a new engineer relies on (docs/architecture.md), checked on the source so that it stays true.

- Imports are at the top of their module: no module imports another from inside a function, except in an
  AppConfig.ready() (Django's place for signal wiring) or where a line says why with a `# cycle:` comment.
- The modules of the platform import each other without cycles (counting every import, inside functions too).
- Roles are checked in one place: only trainingnet/roles.py tests or queries role names; everything else asks
  `has_perm` about a permission declared in an app's rules.py, or a role predicate of roles.py.
- Model save() only saves: no model's save() sends mail, enqueues a task or calls a service.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

from trainingnet.apps import project_app_configs

ROOT = Path(settings.BASE_DIR)


def project_modules() -> dict[str, Path]:
    modules = {}
    for config in project_app_configs():
        base = Path(config.path)
        for path in base.rglob("*.py"):
            relative = path.relative_to(ROOT).with_suffix("")
            if "migrations" in relative.parts or "settings" in relative.parts:
                continue
            name = ".".join(relative.parts[:-1] if relative.name == "__init__" else relative.parts)
            modules[name] = path
    return modules


MODULES = project_modules()


def imports_of(path: Path):
    """(imported module, line, inside a function other than ready(), line marked '# cycle:') for every import."""
    tree = ast.parse(path.read_text())
    lines = path.read_text().split("\n")
    found = []

    def visit(node, function: str | None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name if function is None else function)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                names = []
                if isinstance(child, ast.Import):
                    names = [alias.name for alias in child.names]
                elif child.module and child.level == 0:
                    names = [child.module] + [f"{child.module}.{alias.name}" for alias in child.names]
                span = range(child.lineno, (child.end_lineno or child.lineno) + 1)
                marked = any("# cycle:" in lines[n - 1] for n in span)
                for name in names:
                    found.append((name, child.lineno, function not in (None, "ready"), marked))
            visit(child, function)

    visit(tree, None)
    return found


def test_imports_are_at_the_top_of_their_module():
    inside = [f"{path.relative_to(ROOT)}:{line} imports {name}"
              for module, path in MODULES.items()
              for name, line, in_function, marked in imports_of(path)
              if in_function and not marked and not name.startswith("__future__")]
    assert sorted(set(inside)) == []


def test_the_modules_of_the_platform_import_each_other_without_cycles():
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for module, path in MODULES.items():
        for name, _line, _in_function, _marked in imports_of(path):
            if name in MODULES and name != module:
                graph[module].add(name)
    # Tarjan's strongly connected components: a component of more than one module is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                connect(target)
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
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            connect(node)
    assert cycles == []


def test_only_the_roles_module_reads_role_names():
    readers = []
    for module, path in MODULES.items():
        if module == "trainingnet.roles":
            continue
        source = path.read_text()
        for needle in ("roles.has_role(", "groups__name="):
            if needle in source:
                readers.append(f"{path.relative_to(ROOT)}: {needle}")
    assert readers == []


def test_model_save_only_saves():
    side_effects = ("mail", "enqueue", "on_commit", "notify", "booking.", "grant_")
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text())
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            for method in cls.body:
                if isinstance(method, ast.FunctionDef) and method.name == "save":
                    body = ast.get_source_segment(path.read_text(), method) or ""
                    found += [f"{module}.{cls.name}.save: {word}" for word in side_effects if word in body]
    assert found == []
