"""Benchmark: stock serial ``nbgrader autograde``, cold and warm ``ngoaivu autograde``, side by side.

    .venv/bin/python benchmarks/autograde_benchmark.py            # 40 submissions of exercises/
    .venv/bin/python benchmarks/autograde_benchmark.py --large 400  # and 400, warm, to see how the cost grows
    .venv/bin/python benchmarks/autograde_benchmark.py -n 80 --jobs 2 --course tests/fixtures/cli_course

Steps: copy the course's sources to a temporary folder, set it up and release
every assignment, generate N submissions (cycling through the assignments and
through three kinds: full = the solution, partial = half of each answer
dictionary filled, the rest left as in the template, blank = the release as
handed out), then grade them on fresh copies of that folder, one after the
other in this run so the figures share the machine's load: one stock
``nbgrader autograde`` process (serial, every assignment), ``ngoaivu autograde
--cold`` (a kernel started from scratch per submission), ``ngoaivu autograde``
(warm kernels forked from a pre-started process, :mod:`grader.grading.warm`).
It checks every grade of every submission is identical in the three, then
prints the wall times, the ratios, and the per-notebook cost next to the cold
floor: ``jobs`` processes at once each starting a kernel, running an empty
notebook and stopping it, the least any cold kernel can cost here. While the
warm run goes, the proportional memory (PSS) of the warm process and of every
kernel it forked is sampled: its peak is printed. Targets on two cores: warm at
least 3x stock and below the cold floor per notebook; with ``--large`` the
per-notebook cost stays flat (linear total).

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
import threading
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


def floor(env: dict[str, str], repeats: int, jobs: int) -> float:
    """Seconds per notebook to start a cold kernel, run an empty notebook and stop it, ``jobs`` at a time.

    The kernel is stopped at once (nbclient's "immediate" shutdown, as ``ngoaivu autograde``
    does), the strict floor: the "graceful" default adds up to a second of waiting.
    """
    code = (
        "import time, nbformat\n"
        "from nbclient import NotebookClient\n"
        "nb = nbformat.v4.new_notebook(); nb.cells = [nbformat.v4.new_code_cell('')]\n"
        "nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}\n"
        "NotebookClient(nb, kernel_name='python3', shutdown_kernel='immediate').execute()\n"
        "t = time.monotonic()\n"
        f"for _ in range({repeats}):\n"
        "    NotebookClient(nb, kernel_name='python3', shutdown_kernel='immediate').execute()\n"
        "print(time.monotonic() - t)\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
             for _ in range(jobs)]
    walls = [float(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    return max(walls) / (repeats * jobs)


class PeakMemory:
    """Samples the PSS of the warm kernel processes (``grader.grading.warm``) and all they forked; keeps the peak."""

    def __init__(self, interval: float = 0.1):
        self.interval, self.peak_mb, self.peak_kernels = interval, 0.0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _tree() -> list[int]:
        children: dict[int, list[int]] = {}
        roots = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
                if b"grader.grading.warm" in (entry / "cmdline").read_bytes():
                    roots.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
        found, todo = [], list(roots)
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += children.get(pid, [])
        return found

    @staticmethod
    def _pss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            pids = self._tree()
            total = sum(self._pss_kb(p) for p in pids) / 1024
            if total > self.peak_mb:
                self.peak_mb, self.peak_kernels = total, len(pids)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cold_starts(course: Path) -> str:
    """What the warm run's log says of kernels that had to start cold ('' when none did)."""
    lines = [ln for log in sorted((course / ".ngoaivu" / "logs").glob("*.log"))
             for ln in log.read_text(encoding="utf-8", errors="replace").splitlines()
             if "starts cold" in ln or "khởi động sẵn" in ln or "pre-started" in ln]
    return f" ({len(lines)} kernel(s) started cold: {lines[0][:160]})" if lines else ""


def make_course(args: argparse.Namespace, tmp: Path, env: dict[str, str], n: int, name: str) -> tuple[Path, str]:
    """A set-up, released course with ``n`` generated submissions; (its folder, a description)."""
    base = tmp / name
    base.mkdir()
    shutil.copy2(args.course / "nbgrader_config.py", base / "nbgrader_config.py")
    shutil.copytree(args.course / "source", base / "source")
    if (args.course / "criteria").is_dir():
        shutil.copytree(args.course / "criteria", base / "criteria")
    ngoaivu = [str(BIN / "ngoaivu")]
    run(ngoaivu + ["setup", "--course", str(base)], base, env)
    run(ngoaivu + ["release", "--course", str(base)], base, env)
    assignments = sorted(p.name for p in (base / "release").iterdir() if p.is_dir())
    kinds: dict[str, int] = {}
    for i in range(n):
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
    what = (f"{n} submissions of {len(assignments)} assignment(s) "
            f"({', '.join(f'{k} {c}' for c, k in kinds.items())}) from {args.course}")
    return base, what


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--submissions", type=int, default=40, help="number of submissions (default 40)")
    parser.add_argument("--course", type=Path, default=REPO / "exercises", help="course whose sources to use")
    parser.add_argument("--jobs", type=int, default=None, help="ngoaivu workers (default: its own, the cores)")
    parser.add_argument("--large", type=int, default=0, metavar="N",
                        help="then grade N submissions warm, to show how the cost grows with the batch")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="ngoaivu-bench-"))
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", MPLBACKEND="Agg")
    for var in ("JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        env[var] = str(tmp / "state" / var.lower())
        Path(env[var]).mkdir(parents=True, exist_ok=True)
    try:
        n = args.submissions
        base, what = make_course(args, tmp, env, n, "base")
        stock, cold, warm = tmp / "stock", tmp / "cold", tmp / "warm"
        for folder in (stock, cold, warm):
            shutil.copytree(base, folder)
        ngoaivu = [str(BIN / "ngoaivu")]
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        print(what)
        t_stock = run([str(BIN / "nbgrader"), "autograde", "*"], stock, env)
        print(f"stock nbgrader autograde (serial): {t_stock:7.1f} s")
        t_cold = run(ngoaivu + ["autograde", "--course", str(cold), "--cold", *jobs], cold, env)
        print(f"ngoaivu autograde --cold:          {t_cold:7.1f} s")
        with PeakMemory() as memory:
            t_warm = run(ngoaivu + ["autograde", "--course", str(warm), *jobs], warm, env)
        print(f"ngoaivu autograde (warm):          {t_warm:7.1f} s{cold_starts(warm)}")

        a, b, c = (scores(folder / "gradebook.db") for folder in (stock, cold, warm))
        same = a == b == c and len(a) > 0
        print(f"scores identical in the three runs: {'yes' if same else 'NO'} ({len(a)} grades compared)")
        differ = [k for k in sorted(set(a) | set(b) | set(c)) if not a.get(k) == b.get(k) == c.get(k)]
        for key in differ[:10]:
            print(f"  {key}: stock {a.get(key)} cold {b.get(key)} warm {c.get(key)}")
        from grader.grading.status import read_status

        for assignment, student in sorted({(k[0], k[1]) for k in differ}):
            said = []
            for label, folder in (("stock", stock), ("cold", cold), ("warm", warm)):
                status = read_status(folder / "autograded" / student / assignment / f"{assignment}.ipynb")
                said.append(f"{label}: {status.status + ' ' + status.reason if status else 'no graded notebook'}")
            print(f"  {student}/{assignment} as recorded: " + "; ".join(said))

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        parallel = args.jobs or cores
        f = floor(env, repeats=4, jobs=parallel)
        print(f"\n{'':26}{'wall s':>9}{'s/notebook':>12}{'x stock':>9}{'x floor':>9}")
        for label, wall in (("stock nbgrader (serial)", t_stock), ("ngoaivu --cold", t_cold),
                            ("ngoaivu (warm)", t_warm)):
            print(f"{label:26}{wall:9.1f}{wall / n:12.3f}{t_stock / wall:9.2f}{wall / n / f:9.2f}")
        print(f"{'cold floor':26}{'':9}{f:12.3f}{'':9}{1.0:9.2f}   ({parallel} empty-notebook kernels at a time)")
        print(f"warm pool peak memory (PSS of the warm process and the kernels it forked): "
              f"{memory.peak_mb:.0f} MB over {memory.peak_kernels} processes")
        print(f"targets on 2 cores: warm >= 3x stock ({t_stock / t_warm:.2f}x), warm below the cold floor per "
              f"notebook ({t_warm / n:.3f} s vs {f:.3f} s); this machine: {cores} cores, timings are noisy when "
              "it is shared")
        if args.large:
            big, what = make_course(args, tmp, env, args.large, "large")
            print(f"\n{what}")
            with PeakMemory() as memory:
                t_big = run(ngoaivu + ["autograde", "--course", str(big), *jobs], big, env)
            per_big = t_big / args.large
            print(f"ngoaivu autograde (warm), {args.large} submissions{cold_starts(big)}:\n  {t_big:.1f} s, "
                  f"{per_big:.3f} s per notebook ({per_big / (t_warm / n):.2f}x the per-notebook cost at {n}); "
                  f"warm pool peak memory {memory.peak_mb:.0f} MB")
            shutil.rmtree(big, ignore_errors=True)
        return 0 if same else 1
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
