"""The docs and the house: every CLI option, stage and ledger column documented; the
layout's rules (imports point down, no cycle, no private name imported across modules,
modules and functions of a readable size) hold. Read from the code, so they stay true."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import click
import pytest

from storytrace.cli import cli
from storytrace.engines.local import CROSS_STAGES
from storytrace.ledger import datasette_metadata
from storytrace.model import TABLES
from storytrace.stages.plan import Plan

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "storytrace"
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")

#: The floors of ARCHITECTURE.md: a module imports from its own floor or below.
FLOORS = {"text": 1, "model": 1, "unionfind": 1, "analyse": 2, "ingest": 2, "ledger": 2, "stages": 3,
          "report": 4, "jsonld": 4, "engines": 5, "cli": 6, "demo": 6}
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80  # longer only with a "# long: why" comment inside


def _options(cmd: click.Command, path: tuple[str, ...] = ()):
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from _options(sub, path + (name,))
        return
    for p in cmd.params:
        if isinstance(p, click.Option):
            yield path, max(p.opts, key=len)


def test_every_cli_option_is_in_the_readme():
    missing = [f"{' '.join(path)} {opt}" for path, opt in _options(cli) if opt.startswith("--") and opt not in README]
    assert missing == []


def _defined(stage) -> tuple[str, str]:
    """(module, name) of a stage: a function's own, or the module attribute holding a Plan."""
    if isinstance(stage, Plan):
        for mod in list(sys.modules.values()):
            if getattr(mod, "__name__", "").startswith("storytrace.stages."):
                for name, value in vars(mod).items():
                    if value is stage:
                        return mod.__name__, name
    return stage.__module__, stage.__name__


def test_every_stage_is_in_the_architecture_with_its_module():
    for name, fn in CROSS_STAGES:
        module, attr = _defined(fn)
        module = module.replace("storytrace.", "").replace(".", "/") + ".py"
        assert f"| {name} |" in ARCHITECTURE, name
        assert f"{module}:{attr}" in ARCHITECTURE, (name, module, attr)


def test_a_declared_stage_lists_the_tables_it_reads_and_writes():
    rows = {line.split("|")[1].strip(): line for line in ARCHITECTURE.splitlines() if line.startswith("| ")}
    for name, stage in CROSS_STAGES:
        if isinstance(stage, Plan):
            row = rows[name]
            assert [t for t in stage.tables_read() + stage.tables_written() if t not in row] == [], name


def test_every_ledger_column_has_a_datasette_description():
    tables = next(iter(datasette_metadata(Path("x.db"))["databases"].values()))["tables"]
    missing = {cls.table: [c for c in cls.columns() if not tables[cls.table].get("columns", {}).get(c)]
               for cls in TABLES}
    assert {t: cs for t, cs in missing.items() if cs} == {}


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        parts = p.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def _imports(name: str, path: Path):
    """(imported module or package, imported name) for every `from storytrace... import`."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "storytrace" or target.startswith("storytrace."):
                for alias in node.names:
                    yield target, alias.name


def _floor(module: str) -> int:
    parts = module.split(".")
    return FLOORS.get(parts[1], 0) if len(parts) > 1 else 0


def test_imports_point_down_and_make_no_cycle():
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    upward = []
    for name, path in mods.items():
        for target, imported in _imports(name, path):
            dst = f"{target}.{imported}" if f"{target}.{imported}" in mods else target
            if dst in (name, "storytrace"):
                continue
            graph[name].add(dst)
            if _floor(dst) > _floor(name):
                upward.append((name, dst))
    assert upward == []
    # a cycle: some module reaches itself (depth-first, iterative)
    state: dict[str, int] = {}
    for start in graph:
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph[start])))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                raise AssertionError(f"import cycle through {child}: {[n for n, _ in stack]}")
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(sorted(graph.get(child, ())))))


def test_no_private_name_is_imported_from_another_module():
    found = []
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "tests").glob("*.py"), *(ROOT / "eval").glob("*.py"),
             *(ROOT / "bench").glob("*.py")]
    mods = _modules()
    for path in files:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storytrace") or \
                    isinstance(node, ast.ImportFrom) and node.level:
                found += [f"{path.name}: {a.name}" for a in node.names if re.match(r"_[A-Za-z]", a.name)]
        # module._name on an imported storytrace module (absolute or relative import)
        imported = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    for a in node.names if f"{node.module}.{a.name}" in mods or
                    node.level and any(m.endswith(f"{node.module or ''}.{a.name}".lstrip(".")) for m in mods)}
        imported |= {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for a in node.names if a.name in mods}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                    node.value.id in imported and re.match(r"_[A-Za-z]", node.attr):
                found.append(f"{path.name}: {node.value.id}.{node.attr}")
    assert found == []


def test_modules_and_functions_are_of_a_readable_size():
    long_modules = []
    long_functions = []
    for path in PACKAGE.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MAX_MODULE_LINES:
            long_modules.append((path.name, len(lines)))
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = lines[node.lineno - 1: node.end_lineno]
                if len(body) > MAX_FUNCTION_LINES and not any("# long:" in line for line in body):
                    long_functions.append((path.name, node.name, len(body)))
    assert long_modules == []
    assert long_functions == []


def test_every_module_says_its_job():
    assert [p.name for p in PACKAGE.rglob("*.py") if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))] == []


def test_no_test_holds_a_wall_clock_threshold():
    # speed lives in bench/; a linear-time guard compares two sizes in one run (conftest.grows_linearly)
    clocks = re.compile("|".join(["perf" + "_counter", r"time\.time\(", "mono" + r"tonic\("]))  # (not this file's own)
    timed = [p.name for p in (ROOT / "tests").glob("test_*.py") if clocks.search(p.read_text(encoding="utf-8"))]
    assert timed == []


def test_the_license_is_an_spdx_expression():
    # a `license = {text = ...}` table makes every install print a BuildBackendWarning
    tomllib = pytest.importorskip("tomllib")  # (Python 3.11+)

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "Apache-2.0"
