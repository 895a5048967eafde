"""Benchmark: stock serial ``nbgrader autograde`` against ``ngoaivu autograde`` on the same submissions.

    .venv/bin/python benchmarks/autograde_benchmark.py            # 40 submissions of exercises/
    .venv/bin/python benchmarks/autograde_benchmark.py -n 80 --jobs 2 --course tests/fixtures/cli_course

Steps: copy the course's sources to a temporary folder, set it up and release
every assignment, generate N submissions (cycling through the assignments and
through three kinds: full = the solution, partial = half of each answer
dictionary filled, the rest left as in the template, blank = the release as
handed out), then grade them twice on fresh
copies of that folder: once with one stock ``nbgrader autograde`` process
(serial, every assignment), once with ``ngoaivu autograde``. It checks every
grade of every submission is identical, then prints both wall times, their
ratio, and the per-notebook cost next to the floor (starting a kernel and
running an empty notebook, measured here with nbclient). Targets on two cores:
ratio at least 1.8, per-notebook cost at most 1.5 times the floor.

Exit code 0 when the scores match (the timings are reported, not enforced), 1 when they differ.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KINDS = ("full", "partial", "blank")


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if proc.returncode not in (0, 1):  # 1: some submission failed, which blank ones may do
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed


def strip_solution(source: str) -> str:
    return "\n".join(ln for ln in source.splitlines() if ln.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def half_answer(source: str) -> str:
    """The solution with only the first half of its answer dictionary: the rest keeps the template's values.

    The cell's last ``name = {...}`` statement is the answer; an earlier ``name = {...}``
    is the template handed out. A cell without such a statement is left whole.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    assigns = [n for n in tree.body if isinstance(n, ast.Assign) and len(n.targets) == 1
               and isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.Dict)]
    if not assigns:
        return source
    answer = assigns[-1]
    name = answer.targets[0].id  # type: ignore[attr-defined]
    template = next((a.value for a in assigns[:-1] if a.targets[0].id == name), None)  # type: ignore[attr-defined]
    blanks = {ast.dump(k): v for k, v in zip(template.keys, template.values, strict=True)} if template else {}
    keep = len(answer.value.keys) // 2  # type: ignore[attr-defined]
    keys, values = [], []
    for i, (k, v) in enumerate(zip(answer.value.keys, answer.value.values, strict=True)):  # type: ignore[attr-defined]
        if i < keep:
            keys.append(k)
            values.append(v)
        elif k is not None and ast.dump(k) in blanks:
            keys.append(k)
            values.append(blanks[ast.dump(k)])
    answer.value = ast.Dict(keys=keys, values=values)
    return ast.unparse(ast.fix_missing_locations(tree))


def make_submission(release: dict, source: dict, kind: str) -> dict:
    """The release notebook with its answer cells filled from the source as ``kind`` says.

    full: every answer cell holds the solution; partial: every answer cell holds half of
    its answer (:func:`half_answer`); blank: the release as handed out.
    """
    nb = copy.deepcopy(release)
    answers = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) if isinstance(c["source"], list)
               else c["source"] for c in source["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("solution") or cell["cell_type"] != "code" or kind == "blank":
            continue
        full = strip_solution(answers.get(meta["grade_id"], ""))
        cell["source"] = full if kind == "full" else half_answer(full)
    return nb


def scores(db: Path) -> dict[tuple[str, str, str, str], tuple[float | None, float | None]]:
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{db}") as gb:
        for assignment in gb.assignments:
            for sub in gb.assignment_submissions(assignment.name):
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        found[(assignment.name, sub.student.id, nb.name, grade.name)] = (
                            grade.auto_score, grade.manual_score)
    return found


def floor(env: dict[str, str], repeats: int) -> float:
    """Median seconds to start a kernel, run an empty notebook and stop the kernel (in one process).

    The kernel is stopped at once (nbclient's "immediate" shutdown, as ``ngoaivu autograde``
    does), the strict floor: the "graceful" default adds up to a second of waiting.
    """
    code = (
        "import time, statistics, nbformat\n"
        "from nbclient import NotebookClient\n"
        "nb = nbformat.v4.new_notebook(); nb.cells = [nbformat.v4.new_code_cell('')]\n"
        "nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}\n"
        "times = []\n"
        f"for _ in range({repeats + 1}):\n"
        "    t = time.monotonic(); NotebookClient(nb, kernel_name='python3', shutdown_kernel='immediate').execute()\n"
        "    times.append(time.monotonic() - t)\n"
        "print(statistics.median(times[1:]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--submissions", type=int, default=40, help="number of submissions (default 40)")
    parser.add_argument("--course", type=Path, default=REPO / "exercises", help="course whose sources to use")
    parser.add_argument("--jobs", type=int, default=None, help="ngoaivu workers (default: its own, the cores)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="ngoaivu-bench-"))
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", MPLBACKEND="Agg")
    for var in ("JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        env[var] = str(tmp / "state" / var.lower())
        Path(env[var]).mkdir(parents=True, exist_ok=True)
    try:
        base = tmp / "base"
        base.mkdir()
        shutil.copy2(args.course / "nbgrader_config.py", base / "nbgrader_config.py")
        shutil.copytree(args.course / "source", base / "source")
        ngoaivu = [str(BIN / "ngoaivu")]
        run(ngoaivu + ["setup", "--course", str(base)], base, env)
        run(ngoaivu + ["release", "--course", str(base)], base, env)
        assignments = sorted(p.name for p in (base / "release").iterdir() if p.is_dir())
        kinds: dict[str, int] = {}
        for i in range(args.submissions):
            assignment = assignments[i % len(assignments)]
            kind = KINDS[(i // len(assignments)) % len(KINDS)]
            kinds[kind] = kinds.get(kind, 0) + 1
            student = f"hv{i:03d}"
            for rel in sorted((base / "release" / assignment).glob("*.ipynb")):
                src = json.loads((base / "source" / assignment / rel.name).read_text(encoding="utf-8"))
                nb = make_submission(json.loads(rel.read_text(encoding="utf-8")), src, kind)
                dest = base / "submitted" / student / assignment / rel.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
            (base / "submitted" / student / assignment / "timestamp.txt").write_text("2026-01-01 00:00:00 UTC")
        stock, ours = tmp / "stock", tmp / "ours"
        shutil.copytree(base, stock)
        shutil.copytree(base, ours)

        print(f"{args.submissions} submissions of {len(assignments)} assignment(s) "
              f"({', '.join(f'{n} {k}' for k, n in kinds.items())}) from {args.course}")
        t_stock = run([str(BIN / "nbgrader"), "autograde", "*"], stock, env)
        print(f"stock nbgrader autograde (serial): {t_stock:7.1f} s")
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        t_ours = run(ngoaivu + ["autograde", "--course", str(ours), *jobs], ours, env)
        print(f"ngoaivu autograde:                 {t_ours:7.1f} s")

        a, b = scores(stock / "gradebook.db"), scores(ours / "gradebook.db")
        same = a == b and len(a) > 0
        diff = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        print(f"scores identical: {'yes' if same else 'NO'} ({len(a)} grades compared)")
        for key in diff[:20]:
            print(f"  {key}: stock {a.get(key)} ngoaivu {b.get(key)}")

        f = floor(env, repeats=5)
        per_nb = t_ours / args.submissions
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"speed-up: {t_stock / t_ours:.2f}x (target >= 1.8x on 2 cores; this machine: {cores} cores)")
        print(f"per notebook: stock {t_stock / args.submissions:.2f} s, ngoaivu {per_nb:.2f} s; "
              f"floor (kernel start + empty notebook) {f:.2f} s -> {per_nb / f:.2f}x the floor (target <= 1.5x)")
        return 0 if same else 1
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
