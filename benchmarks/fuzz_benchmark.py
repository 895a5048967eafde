"""Benchmark: thousands of malformed answers through every reader and judge of the answer path.

    .venv/bin/python benchmarks/fuzz_benchmark.py                  # 10,000 answers, seed 0, 2 processes
    .venv/bin/python benchmarks/fuzz_benchmark.py -n 2000 --seed 7 --only bt5_ke_hoach_tinh --jobs 1
    .venv/bin/python benchmarks/fuzz_benchmark.py --replay 1234:bt3_thua_thien_hue

Each answer is built by :class:`tests.fuzz_answers.Mutator` from a seed (so any defect can be
replayed with ``--replay SEED:ASSIGNMENT``): a hostile value of any type (wrong types at every level,
NaN and infinities, huge numbers, deep nesting, Unicode oddities, very long texts, objects whose repr
raises), a solution of the exercise with one field changed, or a text-form plan with one line changed.
Answers are spread over the assignments, most of them on the action plans (bt3, bt5), then bt4.

Every answer goes through :func:`tests.fuzz_answers.judge`: the plan reader, the self-check
(``kiem_tra``), ``cham`` for every criterion (hidden criteria loaded from exercises/criteria), and the
grading path's export, re-check of a notebook of every test cell and nbgrader's ``determine_grade``.
A **defect** is an exception other than the documented ``AnswerError``, a check that crashed, or
points that differ between the self-check, ``cham`` and grading.

Prints: answers, calls, defects (by kind, with the first examples), and the self-check's time per
answer (median, p99, max; overall and per assignment), both wall-clock and CPU time (CPU time is what
other processes on a shared machine cannot inflate). Targets on two cores: zero defects, p99 under
50 ms, max under 500 ms. Exit code 0 when there are no defects and the targets are met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from fuzz_answers import Mutator, judge, load_hidden_criteria  # noqa: E402

from grader.assignments import ASSIGNMENT_IDS  # noqa: E402

# Share of answers per assignment (the action plans carry most of the course's points and code).
WEIGHTS = {"bt1_phan_loai": 1, "bt2_doc_nguon": 1, "bt3_thua_thien_hue": 4, "bt4_dat_hang": 2,
           "bt5_ke_hoach_tinh": 4}
P99_TARGET_S = 0.050
MAX_TARGET_S = 0.500

Result = tuple[int, str, int, float, float, list[str]]  # seed, assignment, calls, wall, cpu, defects


def _plan(count: int, seed: int, only: str | None) -> list[tuple[int, str]]:
    ids = [only] if only else [a for a in ASSIGNMENT_IDS for _ in range(WEIGHTS.get(a, 1))]
    return [(seed + i, ids[i % len(ids)]) for i in range(count)]


def _warm(assignments: list[str]) -> None:
    load_hidden_criteria()
    for assignment in assignments:  # knowledge base, catalogue, vocabularies: loaded before timing
        judge(assignment, Mutator(-1).answer(assignment))


def _run(task: tuple[int, str]) -> Result:
    seed, assignment = task
    outcome = judge(assignment, Mutator(seed).answer(assignment))
    return (seed, assignment, outcome.calls, outcome.selfcheck_seconds, outcome.selfcheck_cpu_seconds,
            outcome.defects)


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _stats(values: list[float]) -> str:
    return f"median {_ms(statistics.median(values))}, p99 {_ms(_p99(values))}, max {_ms(max(values))}"


def _summary(done: int, calls: int, elapsed: float, jobs: int, kinds: Counter[str], defective: int,
             examples: list[str], wall: dict[str, list[float]], cpu: dict[str, list[float]]) -> bool:
    """Print the figures so far; True when the targets are met."""
    every_wall = [s for values in wall.values() for s in values]
    every_cpu = [s for values in cpu.values() for s in values]
    print(f"answers: {done}   calls: {calls}   wall time: {elapsed:.1f} s   processes: {jobs}")
    print(f"exceptions and divergences: {sum(kinds.values())} (in {defective} answers)")
    for kind, n in kinds.most_common():
        print(f"  {n:6d}  {kind}")
    for line in examples:
        print(f"  {line}")
    print(f"self-check time, wall: {_stats(every_wall)}")
    print(f"self-check time, CPU:  {_stats(every_cpu)}")
    for assignment in sorted(wall):
        print(f"  {assignment:20s} n={len(wall[assignment]):5d}  wall {_stats(wall[assignment])}")
        print(f"  {'':20s} {'':7s}  CPU  {_stats(cpu[assignment])}")
    met = not kinds and _p99(every_cpu) < P99_TARGET_S and max(every_cpu) < MAX_TARGET_S
    print(f"targets (0 defects; self-check CPU p99 < {_ms(P99_TARGET_S)}, max < {_ms(MAX_TARGET_S)}): "
          f"{'met' if met else 'NOT met'}", flush=True)
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=10_000, help="number of malformed answers")
    parser.add_argument("--seed", type=int, default=0, help="first seed (answer i uses seed + i)")
    parser.add_argument("--only", choices=ASSIGNMENT_IDS, help="fuzz one assignment only")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--replay", help="SEED:ASSIGNMENT: judge one answer and print its defects")
    parser.add_argument("--show", type=int, default=15, help="defect examples to print")
    args = parser.parse_args(argv)

    if args.replay:
        seed, assignment = args.replay.split(":")
        load_hidden_criteria()
        outcome = judge(assignment, Mutator(int(seed)).answer(assignment))
        print("\n".join(outcome.defects) or "no defect")
        return 1 if outcome.defects else 0

    tasks = _plan(args.count, args.seed, args.only)
    assignments = sorted({a for _, a in tasks})
    wall: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    kinds: Counter[str] = Counter()
    examples: list[str] = []
    slowest: dict[str, tuple[float, int]] = {}  # assignment -> (CPU seconds, seed) of its slowest self-check
    calls = defective = 0
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.jobs, initializer=_warm, initargs=(assignments,)) as pool:
        for i, (seed, assignment, n, w, c, defects) in enumerate(pool.imap_unordered(_run, tasks, chunksize=8)):
            calls += n
            wall[assignment].append(w)
            cpu[assignment].append(c)
            slowest[assignment] = max(slowest.get(assignment, (0.0, seed)), (c, seed))
            if defects:
                defective += 1
                for d in defects:
                    kinds[" ".join(d.split(":", 1)[0].split(" ")[:3])] += 1
                    if len(examples) < args.show:
                        examples.append(f"[--replay {seed}:{assignment}] {d[:300]}")
            if (i + 1) % 500 == 0:
                print(f"  ... {i + 1} answers, {defective} with defects, {time.perf_counter() - started:.0f} s",
                      flush=True)
            if (i + 1) % 2500 == 0 and i + 1 < len(tasks):
                _summary(i + 1, calls, time.perf_counter() - started, args.jobs, kinds, defective, examples, wall, cpu)
    met = _summary(len(tasks), calls, time.perf_counter() - started, args.jobs, kinds, defective, examples, wall,
                   cpu)
    print("slowest self-check per assignment: " + ", ".join(
        f"{a} {_ms(c)} (--replay {seed}:{a})" for a, (c, seed) in sorted(slowest.items())))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
