"""Keeps the pipeline's layers honest: dependencies point one way (DESIGN.md).

    scenario ──► expr ──► model ──► analysis ──► report ──► cli

Every module's imports are read with `ast` (nothing is imported to check them).
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
    ("zopa.expr", ("numpy", "scipy", "highspy", "zopa.model", "zopa.analysis", "zopa.report")),
    ("zopa.model", ("zopa.analysis", "zopa.report", "zopa.cli")),
    ("zopa.analysis", ("zopa.report", "zopa.cli")),
    ("zopa.report", ("zopa.cli",)),
    ("zopa.testing", ("zopa.model", "zopa.report", "zopa.cli", "highspy")),
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
