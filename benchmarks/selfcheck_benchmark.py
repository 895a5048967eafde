"""How long the trainee's self-check takes on the capstone plan (bt5), with every public criterion.

Run: ``.venv/bin/python benchmarks/selfcheck_benchmark.py [--repeat N]``. Prints the first call in a fresh
process (word lists, country and province names loaded) and the median of the next calls, for the strong
capstone plan of the calibration set, a plan ten times as long, and an empty answer. The bar is 200 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PLAN = ROOT / "tests" / "calibration" / "bt5" / "strong_1_ha_tinh.txt"
BAR_MS = 200.0


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    start = time.perf_counter()
    from grader.selfcheck import kiem_tra

    import_ms = (time.perf_counter() - start) * 1000
    text = PLAN.read_text(encoding="utf-8")
    head, _, body = text.partition("\nHoạt động 1:")
    blocks = ("Hoạt động 1:" + body).split("\nHoạt động ")
    long_plan = head + "\n" + "\n".join(
        f"Hoạt động {i}:" + blocks[(i - 1) % len(blocks)].split(":", 1)[1].replace("Hà Tĩnh", f"Hà Tĩnh {i}")
        for i in range(1, 10 * len(blocks) + 1))
    cases = {"capstone plan (8 activities)": text, "ten times as long (80 activities)": long_plan, "empty": ""}
    print(f"import grader.selfcheck: {import_ms:.0f} ms")
    worst = 0.0
    for label, answer in cases.items():
        first = timed(lambda answer=answer: kiem_tra(answer, bai="bt5_ke_hoach_tinh"))
        runs = [timed(lambda answer=answer: kiem_tra(answer, bai="bt5_ke_hoach_tinh")) for _ in range(args.repeat)]
        median = statistics.median(runs)
        worst = max(worst, median if label != "ten times as long (80 activities)" else 0.0)
        print(f"{label:36s} first call {first:7.1f} ms   median of {args.repeat} {median:7.1f} ms   "
              f"max {max(runs):7.1f} ms")
    from grader.assignments import evaluate_many, get

    keys = [c.key for c in get("bt5_ke_hoach_tinh").public_criteria]
    runs = [timed(lambda: evaluate_many("bt5_ke_hoach_tinh", text, keys)) for _ in range(args.repeat)]
    print(f"{'public checks, answer read once':36s} median of {args.repeat} {statistics.median(runs):7.1f} ms "
          "(evaluate_many: what the self-check costs when it reads the answer once)")
    print(f"bar: {BAR_MS:.0f} ms for the capstone plan -> {'OK' if worst < BAR_MS else 'TOO SLOW'}")
    return 0 if worst < BAR_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
