"""Measure the time and CPU to grade a cohort's bt3 submissions with ``ngoaivu autograde`` (for docs/deploy.md).

    .venv/bin/python deploy/measure_grading.py --trainees 30 [--jobs 2]

Builds a throwaway course from ``exercises/`` (SQLite gradebook) with N trainees whose bt3 notebooks hold
three different plans in turn (the model answer, a thin draft, the model cut to one activity), grades them
in one ``ngoaivu autograde`` run and prints wall time, CPU seconds (grader and kernels) and the load of the
machine, as JSON. Nothing outside the temporary folder is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
ASSIGNMENT = "bt3_thua_thien_hue"
ANSWER_CELL = "ke_hoach"


def solution_block(source: str) -> str:
    begin, end = "### BEGIN SOLUTION", "### END SOLUTION"
    return source[source.index(begin) + len(begin):source.index(end)].strip("\n") + "\n"


def plans() -> list[str]:
    """The model answer, a thin draft (plain data) and the model cut to its first activity."""
    from grader import examples

    nb = nbformat.read(REPO / "exercises" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == ANSWER_CELL)
    strong = solution_block(cell.source)
    cut = strong.find("Hoạt động 2")
    one = strong[:cut].rstrip() + '\n"""\n' if cut > 0 else strong
    return [strong, f"ke_hoach = {examples.ke_hoach_chua_dat()!r}\n", one]


def ngoaivu(course: Path, *args: str) -> None:
    cmd = [str(Path(sys.executable).parent / "ngoaivu"), *args, "--course", str(course)]
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{run.stdout}\n{run.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=0, help="ngoaivu autograde -j (default: its own default)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ngoaivu-measure-"))
    try:
        course = work / "course"
        course.mkdir()
        shutil.copy(REPO / "exercises" / "nbgrader_config.py", course)
        for name in ("source", "criteria"):
            if (REPO / "exercises" / name).exists():
                shutil.copytree(REPO / "exercises" / name, course / name)
        ids = [f"hv{i:03d}" for i in range(1, args.trainees + 1)]
        roster = work / "roster.csv"
        roster.write_text("id,full_name,province\n" + "".join(f"{i},Học viên {i},Thừa Thiên Huế\n" for i in ids),
                          encoding="utf-8")
        os.environ["NGOAIVU_EXCHANGE"] = str(work / "exchange")
        ngoaivu(course, "setup", "--roster", str(roster))
        ngoaivu(course, "release", ASSIGNMENT, "--no-exchange")
        released = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        texts = plans()
        for n, trainee in enumerate(ids):
            nb = nbformat.from_dict(json.loads(json.dumps(released)))
            cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == ANSWER_CELL)
            cell.source = texts[n % len(texts)]
            folder = course / "submitted" / trainee / ASSIGNMENT
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")
            (folder / "timestamp.txt").write_text("2026-11-26 00:00:00.000000 UTC", encoding="utf-8")
        extra = ["-j", str(args.jobs)] if args.jobs else []
        load_before = os.getloadavg()[0]
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        ngoaivu(course, "autograde", ASSIGNMENT, *extra)
        wall = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
        print(json.dumps({
            "submissions": args.trainees, "jobs": args.jobs or "default", "cores": os.cpu_count(),
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "cpu_s_per_submission": round(cpu / args.trainees, 2),
            "load_average_before": round(load_before, 1), "load_average_after": round(os.getloadavg()[0], 1),
        }, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
