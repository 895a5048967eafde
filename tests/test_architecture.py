"""The house's floors: the import contracts of pyproject.toml hold, and docs/architecture.md matches the code.

The contracts (``[tool.importlinter]``) are checked with import-linter: every import goes down a floor,
no circle between the modules of any package, the trainee's side never imports the instructor's side,
and the plan model and the rules below it never import Jupyter or plotting. The documentation names
every module under ``grader/`` (a row per top-level module, a row per package naming its modules),
names no module that does not exist, and draws the floors of the contract in the contract's order.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "grader"
DOC = ROOT / "docs" / "architecture.md"
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
FLOORS = next(c for c in CONTRACTS if c["id"] == "floors")["layers"]


def _rows() -> dict[str, str]:
    """First cell of each row of the doc's module table (a path in backticks) -> the whole row."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\| `([^`]+)` \|", line)
        if found:
            rows[found.group(1)] = line
    return rows


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert status == EXIT_STATUS_SUCCESS, capsys.readouterr().out


def test_the_floors_put_the_answers_plain_form_below_its_users() -> None:
    """The issue's ring (plan -> assignments -> grading.export -> plan) stays broken: the plain form is below
    the plan model, and the modules that judge an answer import it downward."""
    def floor(name: str) -> int:
        return next(i for i, layer in enumerate(FLOORS) if name in re.split(r"[|:()\s]+", layer))

    assert floor("answer_form") > floor("plan") > floor("substance") > floor("checks") > floor("assignments")
    assert floor("assignments") > floor("selfcheck") > floor("grading") > floor("report") > floor("cli")
    graph = grimp.build_graph("grader", cache_dir=None)
    for user in ("grader.plan", "grader.assignments", "grader.selfcheck", "grader.grading.export"):
        assert "grader.answer_form" in graph.find_modules_directly_imported_by(user), user


def test_every_module_is_in_the_architecture_doc() -> None:
    rows = _rows()
    missing = []
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        parts = path.relative_to(PACKAGE).parts
        if len(parts) == 1:
            if parts[0] != "__init__.py" and relative not in rows:
                missing.append(f"{relative}: no row")
            continue
        package = f"grader/{'/'.join(parts[:-1])}/"
        if package not in rows:
            missing.append(f"{package}: no row")
        elif path.stem not in ("__init__", "__main__") and f"`{path.stem}`" not in rows[package]:
            missing.append(f"{relative}: `{path.stem}` not named in the row of {package}")
    assert not missing, "docs/architecture.md does not name:\n" + "\n".join(sorted(set(missing)))


def test_the_architecture_doc_names_only_modules_that_exist() -> None:
    for name in _rows():
        if name.startswith("grader/"):
            assert (ROOT / name).exists(), f"docs/architecture.md names {name}, which does not exist"


def test_the_doc_draws_the_floors_of_the_contract_in_order() -> None:
    text = DOC.read_text(encoding="utf-8")
    diagram = text[text.index("## Floors"):text.index("## Modules")]
    lines = diagram.splitlines()
    at = [next((i for i, line in enumerate(lines) if line.strip().split("  ")[0] == floor.strip()), -1)
          for floor in FLOORS]
    assert -1 not in at, [f for f, i in zip(FLOORS, at, strict=True) if i == -1]
    assert at == sorted(at), "the diagram's floors are not in the contract's order"


MAX_LINES = 400  # "about 400 lines": a longer module says at its top why it is one module


def test_a_long_module_says_at_its_top_why_it_is_one_module() -> None:
    silent = []
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) <= MAX_LINES:
            continue
        if "Why one module" not in (ast.get_docstring(ast.parse(source)) or ""):
            silent.append(relative)
    assert not silent, f"over {MAX_LINES} lines with no 'Why one module ...' paragraph in the docstring: {silent}"
