"""Keeps the pipeline's layers honest: imports point one way, down the stack of
docs/architecture.md:

    cli > report > analysis > model > scenario > expr > format > errors

Every module's imports are read with `ast` (nothing is imported to check them), including
imports inside functions and under `if TYPE_CHECKING:`: a lazy import is still a dependency,
and no two modules or packages may depend on each other, however the import is spelled.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "zopa"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


MODULES = {_module_name(p): _imports(p) for p in sorted(SRC.rglob("*.py"))}


# --- import cycles ----------------------------------------------------------------------------


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same top-level package it imports, anywhere in its
    body (functions, `if TYPE_CHECKING:`); relative imports resolved; `from p import m`
    is an edge to module `p.m` when that module exists, else to `p`."""
    top = root.name
    paths = sorted(root.rglob("*.py"))
    names = {p: ".".join(_parts(p, root)) for p in paths}
    known = set(names.values())
    graph: dict[str, set[str]] = {}
    for path, mod in names.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, mod, is_package)
                modules = [f"{base}.{alias.name}" for alias in node.names]
                targets = [base] if any(m not in known for m in modules) else modules
            for target in targets:
                found = _longest_known(target, known)
                if found is not None and found.split(".")[0] == top and found != mod:
                    edges.add(found)
        graph[mod] = edges
    return graph


def _parts(path: Path, root: Path) -> tuple[str, ...]:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return parts[:-1] if parts[-1] == "__init__" else parts


def _absolute(node: ast.ImportFrom, mod: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    package = mod.split(".") if is_package else mod.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _longest_known(name: str, known: set[str]) -> str | None:
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return None


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph between packages: `zopa.model.session` belongs to `zopa.model`; a
    top-level module (`zopa.errors`) and the root (`zopa`) stand for themselves."""

    def package(mod: str) -> str:
        parts = mod.split(".")
        return ".".join(parts[:2])

    out: dict[str, set[str]] = {}
    for mod, edges in graph.items():
        out.setdefault(package(mod), set()).update(
            package(e) for e in edges if package(e) != package(mod)
        )
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one node, each sorted, as a list
    (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
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
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def _cycle_report(found: list[list[str]], graph: dict[str, set[str]]) -> list[str]:
    return ["; ".join(f"{m} -> {', '.join(sorted(graph[m] & set(c)))}" for m in c) for c in found]


def test_no_import_cycle_between_modules() -> None:
    graph = import_graph(SRC)
    assert _cycle_report(cycles(graph), graph) == []


def test_no_import_cycle_between_packages() -> None:
    graph = package_graph(import_graph(SRC))
    assert _cycle_report(cycles(graph), graph) == []


def test_the_cycle_checker_finds_lazy_and_type_checking_cycles(tmp_path: Path) -> None:
    """A test of the test: a package whose cycles hide behind a function-level import, an
    `if TYPE_CHECKING:` import and a relative import, and one between two sub-packages."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "other").mkdir()
    files = {
        "__init__.py": "",
        "a.py": "def f():\n    from pkg import b\n    return b\n",
        "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import f\n",
        "c.py": "import os\nfrom . import d\n",
        "d.py": "import pkg.c\n",
        "e.py": "import pkg.a\n",  # depends on the a-b cycle but is not part of it
        "sub/__init__.py": "",
        "sub/x.py": "from pkg.other.y import g\n",
        "other/__init__.py": "",
        "other/y.py": "def g():\n    import pkg.sub\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    graph = import_graph(pkg)
    assert graph["pkg.a"] == {"pkg.b"} and graph["pkg.b"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.b"], ["pkg.c", "pkg.d"]]
    # between packages only: sub.x -> other.y -> the package sub (no module cycle)
    assert ["pkg.other", "pkg.sub"] in cycles(package_graph(graph))
    (pkg / "a.py").write_text("import os\n", encoding="utf-8")
    assert cycles(import_graph(pkg)) == [["pkg.c", "pkg.d"]]


def _importers_of(prefix: str) -> list[str]:
    return sorted(
        mod
        for mod, names in MODULES.items()
        if any(n == prefix or n.startswith(prefix + ".") for n in names)
    )


def _in(mod: str, package: str) -> bool:
    return mod == package or mod.startswith(package + ".")


FORBIDDEN = [
    # (layer, what it must not import)
    ("zopa.scenario", ("numpy", "scipy", "highspy", "zopa.model", "zopa.analysis", "zopa.report")),
    (
        "zopa.expr",
        (
            "numpy",
            "scipy",
            "highspy",
            "zopa.scenario",
            "zopa.model",
            "zopa.analysis",
            "zopa.report",
        ),
    ),
    ("zopa.model", ("zopa.analysis", "zopa.report", "zopa.cli")),
    ("zopa.analysis", ("zopa.report", "zopa.cli")),
    ("zopa.dynamics", ("zopa.report", "zopa.cli")),
    ("zopa.report", ("zopa.cli",)),
    ("zopa.plot", ("zopa.report", "zopa.cli")),  # the HTML report draws with zopa.plot
    # testing/ checks the engine from outside: the oracle shares only the format's terms
    # (zopa.format.zone), assertions call the public `zopa.analyze`
    ("zopa.testing", ("zopa.model", "zopa.analysis", "zopa.report", "zopa.cli", "highspy")),
    ("zopa.gmcr", ("numpy", "scipy", "highspy", "zopa.model", "zopa.report", "zopa.cli")),
    (
        "zopa.importers",
        ("numpy", "scipy", "highspy", "zopa.model", "zopa.analysis", "zopa.report", "zopa.cli"),
    ),
]


@pytest.mark.parametrize(("layer", "forbidden"), FORBIDDEN)
def test_layer_does_not_import_downstream(layer: str, forbidden: tuple[str, ...]) -> None:
    offenders = [
        f"{mod} imports {name}"
        for mod, names in MODULES.items()
        if _in(mod, layer)
        for name in sorted(names)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]
    assert offenders == []


MAX_LINES = 450
"""A module longer than this does more than one job: split it along its sections."""

TOO_LONG_FOR_NOW: set[str] = set()
"""Known exceptions, each with an owner (none left: issue 12 split analysis/whatif.py)."""


def test_modules_stay_small() -> None:
    long = {
        _module_name(p): n
        for p in sorted(SRC.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert {m: n for m, n in long.items() if m not in TOO_LONG_FOR_NOW} == {}


def test_the_format_package_is_the_ground_floor() -> None:
    """`zopa.format` (the vocabulary) imports nothing else from zopa."""
    offenders = [
        f"{mod} imports {name}"
        for mod, names in MODULES.items()
        if _in(mod, "zopa.format")
        for name in sorted(names)
        if _in(name, "zopa") and not _in(name, "zopa.format")
    ]
    assert offenders == []


def test_only_the_solver_adapter_talks_to_highs() -> None:
    assert [m for m in _importers_of("highspy") if not _in(m, "zopa.model.solver")] == []


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:  # module level only: imports inside functions are lazy
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_matplotlib_is_imported_lazily_and_only_by_the_plot_package() -> None:
    """matplotlib is optional (`zopa[plot]`): no module imports it when it is loaded, and
    only `zopa.plot` imports it at all."""
    eager = [
        _module_name(p)
        for p in sorted(SRC.rglob("*.py"))
        if any(_in(n, "matplotlib") for n in _top_level_imports(p))
    ]
    assert eager == []
    assert [m for m in _importers_of("matplotlib") if not _in(m, "zopa.plot")] == []
    assert "zopa.plot.figure" in _importers_of("matplotlib")


def test_nothing_imports_the_cli() -> None:
    outside = [m for m in _importers_of("zopa.cli") if not _in(m, "zopa.cli")]
    assert [m for m in outside if m != "zopa.__main__"] == []


def test_the_scenario_layer_was_found() -> None:
    # Guards the checks above against a moved source tree (they would pass vacuously).
    assert "zopa.format.schema" in MODULES
    assert "zopa.format.refs" in MODULES
    assert "zopa.expr.tree" in MODULES


def test_validation_imports_no_numerics() -> None:
    """`zopa validate` stays fast: loading a scenario never imports numpy, scipy or highspy."""
    code = (
        "import sys, zopa\n"
        "zopa.loads('zopa: 1\\nissues: {x: {type: number, min: 0, max: 1}}\\n"
        "actors: {a: {red_lines: [{id: r, require: x <= 0.5}]}}\\n')\n"
        "print(sorted(m for m in ('numpy', 'scipy', 'highspy') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
