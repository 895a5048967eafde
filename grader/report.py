"""The cohort report: one self-contained HTML file with embedded PNG charts.

Sections: a summary per assignment, the score distribution per assignment,
the criteria most often failed (grade cells of the gradebook, each mapped to
its criterion through the ``cham(...)`` call of its test cell), the coverage of
focus areas x pillars across the cohort's action plans, the averages per
province, and the submissions that could not be graded.

Trainees' plans are read without running any trainee code: the answer cell of
each autograded notebook is parsed with :mod:`ast` and its value read with
``ast.literal_eval``; an answer that is not plain data is counted as unreadable.

Why one module: each section is a short query over the same gradebook rows and autograded notebooks, and the
sections share the page's one HTML frame and chart style; split by section, every piece would import the others'
helpers. The coverage heatmap is drawn by :mod:`grader.charts`, shared with the lessons.
"""

from __future__ import annotations

import ast
import base64
import html
import io
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grader.course import Course, gradebook
from grader.grades import (
    GRADED,
    NEEDS_MANUAL,
    NOT_SUBMITTED,
    UNGRADABLE,
    GradeRow,
    SubmissionRow,
    cohort,
    grading_status_word,
)
from grader.grading.review import report_section as review_section
from grader.grading.status import ANSWER_STATUSES
from grader.messages import t
from grader.quiz_log import report_section as quiz_section
from grader.similarity import report_section as similarity_section

MAX_ANSWER_CHARS = 200_000  # larger answer cells are not parsed (a plan is a few kilobytes)
SCORED = (GRADED, NEEDS_MANUAL)


# --- data -----------------------------------------------------------------------------------------

@dataclass
class CriterionStat:
    assignment: str
    grade_id: str
    label: str
    failed: int
    judged: int

    @property
    def rate(self) -> float:
        return self.failed / self.judged if self.judged else 0.0


@dataclass
class Coverage:
    """Activities of the cohort's plans counted by (focus area number, pillar number)."""

    counts: Counter[tuple[int, int]] = field(default_factory=Counter)
    plans_read: int = 0
    plans_with_problems: int = 0  # read, but not valid as a whole (their readable activities count)
    plans_empty: int = 0  # read, but without any activity classified by focus area and pillar
    plans_unreadable: int = 0


def criterion_of(source: str) -> tuple[str, str] | None:
    """``(assignment, criterion key)`` of the first ``cham("a", "k", ...)`` call in a test cell's source."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "cham":
            args = node.args
            if len(args) >= 2 and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2]):
                return args[0].value, args[1].value  # type: ignore[union-attr]
    return None


def criterion_label(assignment: str, grade_id: str, source: str) -> str:
    """The criterion's Vietnamese title when the test cell calls ``cham``; else the grade id."""
    found = criterion_of(source)
    if found is None:
        return grade_id
    try:
        from grader.assignments import get
        from grader.messages import t

        return t(get(found[0]).criterion(found[1]).title_key)
    except Exception:  # an unknown assignment or criterion: show what the cell names
        return found[1]


def criteria_stats(course: Course, grade_rows: Iterable[GradeRow], scored: set[tuple[str, str]]) -> list[CriterionStat]:
    """Autograded criteria with how many scored submissions failed them, most failed first."""
    stats: dict[tuple[str, str, str], CriterionStat] = {}
    with gradebook(course) as gb:
        sources: dict[tuple[str, str, str], str] = {}
        for g in grade_rows:
            if not g.autograded or (g.assignment, g.student) not in scored or g.score is None:
                continue
            key = (g.assignment, g.notebook, g.grade_id)
            if key not in sources:
                try:
                    sources[key] = gb.find_source_cell(g.grade_id, g.notebook, g.assignment).source or ""
                except Exception:  # a cell unknown to the gradebook: label it by its id
                    sources[key] = ""
            if key not in stats:
                stats[key] = CriterionStat(g.assignment, g.grade_id, criterion_label(g.assignment, g.grade_id,
                                                                                     sources[key]), 0, 0)
            stats[key].judged += 1
            stats[key].failed += int(g.score < g.max_score)
    return sorted(stats.values(), key=lambda s: (-s.rate, -s.failed, s.assignment, s.grade_id))


def answer_value(notebook: dict[str, Any], variable: str) -> Any:
    """The literal value assigned to ``variable`` in the notebook's answer cells (never executed).

    Raises ``ValueError`` when no cell assigns it plain data.
    """
    found: Any = None
    seen = False
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code" or not cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if variable not in source or len(source) > MAX_ANSWER_CHARS:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable for t in node.targets):
                try:
                    found, seen = ast.literal_eval(node.value), True
                except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
                    found, seen = None, False
    if not seen:
        raise ValueError(f"no plain-data value for {variable}")
    return found


def _pairs(focus_areas: Iterable[int], pillars: Iterable[int]) -> list[tuple[int, int]]:
    return [(f, p) for f in focus_areas for p in pillars]


def plan_pairs(data: Any, proposal: bool = False) -> tuple[str, list[tuple[int, int]], bool] | None:
    """What a trainee's answer adds to the coverage: ``(kind, (focus area, pillar) pairs, read strictly)``.

    ``kind`` is "plan" (an action plan: one entry per activity) or "proposal" (a
    "đặt hàng" proposal: one entry). An activity with several focus areas or
    pillars counts in each of its cells. A plan that :func:`grader.plan.parse_plan`
    rejects is read with the tolerant :func:`grader.plan.read_plan`, so its readable
    activities still count (the third value is then False). None: not a plan. ``data`` is the
    data form (a dict) or the text form (a str; ``proposal`` says which reader applies).
    """
    from grader.assignments import AnswerError
    from grader.plan import parse_plan, parse_proposal, read_plan, read_proposal

    if isinstance(data, str):  # the plain-text form trainees write (labelled lines, grader.plan_text)
        reader, strict_reader, kind = (read_proposal, parse_proposal, "proposal") if proposal \
            else (read_plan, parse_plan, "plan")
        strict = True
        try:
            read = strict_reader(data)
        except AnswerError:
            read, strict = reader(data), False
        if kind == "proposal":
            return kind, _pairs(read.focus_areas, read.pillars), strict
        return kind, [pair for a in read.activities for pair in _pairs(a.focus_areas, a.pillars)], strict
    if not isinstance(data, dict):
        return None
    if "hoat_dong" in data:
        strict = True
        try:
            plan = parse_plan(data)
        except AnswerError:
            plan, strict = read_plan(data), False
        return "plan", [pair for a in plan.activities for pair in _pairs(a.focus_areas, a.pillars)], strict
    if "linh_vuc" in data and "tru_cot" in data:
        strict = True
        try:
            proposal = parse_proposal(data)
        except AnswerError:
            proposal, strict = read_proposal(data), False
        return "proposal", _pairs(proposal.focus_areas, proposal.pillars), strict
    return None


def coverage(course: Course, rows: Iterable[SubmissionRow]) -> Coverage:
    """Focus area x pillar of every activity in the cohort's autograded plans (and proposals)."""
    from grader import assignments as registry

    result = Coverage()
    autograded = course.folder("autograded")
    unreadable: Counter[str] = Counter()
    plan_assignments: set[str] = set()
    for row in rows:
        if row.status not in SCORED:
            continue
        try:
            variable = registry.get(row.assignment).answer_variable
        except (KeyError, ImportError, AttributeError):
            continue
        for path in sorted((autograded / row.student / row.assignment).glob("*.ipynb")):
            try:
                found = plan_pairs(answer_value(json.loads(path.read_text(encoding="utf-8")), variable),
                                   proposal=variable == "dat_hang")
            except Exception:  # unreadable notebook, an answer that is not plain data, not a plan at all
                unreadable[row.assignment] += 1
                continue
            if found is None:
                continue
            plan_assignments.add(row.assignment)
            kind, pairs, strict = found
            if not pairs:  # a template left blank, or no activity with both a focus area and a pillar
                result.plans_empty += 1
                continue
            result.plans_read += 1
            result.plans_with_problems += int(not strict)
            result.counts.update(pairs)
    result.plans_unreadable = sum(n for a, n in unreadable.items() if a in plan_assignments)
    return result


# --- charts ---------------------------------------------------------------------------------------

def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _pct(row: SubmissionRow) -> float:
    return 100.0 * row.total / row.max_score if row.max_score else 0.0


def _horizontal() -> dict[str, Any]:
    """Keyword for a horizontal box plot (``orientation`` since Matplotlib 3.10, ``vert`` before)."""
    import matplotlib

    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    return {"orientation": "horizontal"} if (major, minor) >= (3, 10) else {"vert": False}


def chart_distribution(rows: list[SubmissionRow]) -> str | None:
    import matplotlib.pyplot as plt

    by_assignment: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r.status in SCORED:
            by_assignment[r.assignment].append(_pct(r))
    if not by_assignment:
        return None
    names = sorted(by_assignment)
    fig, ax = plt.subplots(figsize=(8, 0.7 * len(names) + 1.5))
    ax.boxplot([by_assignment[n] for n in names], widths=0.5, showfliers=False, **_horizontal())
    for i, name in enumerate(names, start=1):
        values = by_assignment[name]
        jitter = [i + 0.18 * ((k * 7919) % 11 - 5) / 5 for k in range(len(values))]
        ax.scatter(values, jitter, s=14, alpha=0.6, color="#1f6fb2", zorder=3)
    ax.set_yticks(range(1, len(names) + 1), [t("report.chart.count", label=n, n=len(by_assignment[n])) for n in names])
    ax.set_xlim(-2, 102)
    ax.set_xlabel(t("report.chart.distribution_axis"))
    ax.set_title(t("report.h.distribution"))
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def chart_criteria(stats: list[CriterionStat], top: int = 15) -> str | None:
    import matplotlib.pyplot as plt

    shown = [s for s in stats if s.failed][:top]
    if not shown:
        return None
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(shown) + 1.5))
    labels = [f"{s.assignment}: {s.label}" for s in shown][::-1]
    rates = [100 * s.rate for s in shown][::-1]
    ax.barh(labels, rates, color="#c0392b")
    for y, s in enumerate(shown[::-1]):
        ax.text(100 * s.rate + 1, y, f"{s.failed}/{s.judged}", va="center", fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xlabel(t("report.chart.criteria_axis"))
    ax.set_title(t("report.h.criteria"))
    return _png(fig)


def chart_coverage(cov: Coverage) -> str | None:
    """The cohort's focus area x pillar counts, drawn by :func:`grader.charts.counts_heatmap`."""
    from grader.charts import counts_heatmap, png_bytes
    from grader.knowledge import knowledge

    if not cov.counts:
        return None
    kb = knowledge()
    grid = [[cov.counts.get((f.number, p.number), 0) for p in kb.pillars] for f in kb.focus_areas]
    fig = counts_heatmap(grid, t("report.chart.coverage", plans=cov.plans_read))
    return base64.b64encode(png_bytes(fig, dpi=110)).decode("ascii")


def chart_provinces(rows: list[SubmissionRow]) -> str | None:
    import matplotlib.pyplot as plt

    by_province: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r.status in SCORED:
            by_province[r.province or t("report.no_province")].append(_pct(r))
    if not by_province:
        return None
    names = sorted(by_province, key=lambda p: -statistics.fmean(by_province[p]))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) + 1.5))
    means = [statistics.fmean(by_province[n]) for n in names][::-1]
    ax.barh([t("report.chart.count", label=n, n=len(by_province[n])) for n in names][::-1], means, color="#27ae60")
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("report.chart.provinces_axis"))
    ax.set_title(t("report.h.provinces"))
    return _png(fig)


# --- HTML -----------------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,'DejaVu Sans',sans-serif;max-width:1000px;margin:2em auto;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f3f3f3}td.n{text-align:right}img{max-width:100%}.muted{color:#777}
"""


def _table(header: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(
            f"<td class='n'>{c}</td>" if isinstance(c, int | float) else f"<td>{html.escape(str(c))}</td>" for c in r
        ) + "</tr>" for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _img(png: str | None, alt: str) -> str:
    if png is None:
        return f"<p class='muted'>{html.escape(t('report.no_data', what=alt))}</p>"
    return f"<img alt='{html.escape(alt)}' src='data:image/png;base64,{png}'>"


def summary_rows(rows: list[SubmissionRow]) -> list[list[Any]]:
    out = []
    for name in sorted({r.assignment for r in rows}):
        group = [r for r in rows if r.assignment == name]
        scored = [_pct(r) for r in group if r.status in SCORED]
        out.append([
            name, sum(r.status != NOT_SUBMITTED for r in group), len(scored),
            sum(r.status == UNGRADABLE for r in group), sum(r.status == NEEDS_MANUAL for r in group),
            round(statistics.fmean(scored), 1) if scored else "", round(statistics.median(scored), 1) if scored else "",
        ])
    return out


def build_report(course: Course) -> str:
    """The report's HTML."""
    import matplotlib

    matplotlib.use("Agg")
    rows, grade_rows = cohort(course)
    scored_keys = {(r.assignment, r.student) for r in rows if r.status in SCORED}
    stats = criteria_stats(course, grade_rows, scored_keys)
    cov = coverage(course, rows)
    provinces: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r.status in SCORED:
            provinces[r.province or t("report.no_province")].append(_pct(r))
    ungradable = [[r.assignment, r.student, r.name, r.reason] for r in rows if r.status == UNGRADABLE]
    answer_problems = [[r.assignment, r.student, r.name, grading_status_word(r.grading_status), r.reason] for r in rows
                       if r.grading_status in ANSWER_STATUSES and r.status != UNGRADABLE]
    now = datetime.now(UTC)
    when = t("report.when", date=now.strftime("%d/%m/%Y"), time=now.strftime("%H:%M"))
    title = t("report.title", course=course.course_id)
    none = f"<p class='muted'>{html.escape(t('report.none'))}</p>"

    def heading(key: str) -> str:
        return f"<h2>{html.escape(t(key))}</h2>"

    def columns(*keys: str) -> list[str]:
        return [t(f"report.col.{key}") for key in keys]

    parts = [
        f"<!DOCTYPE html><html lang='{t('report.lang')}'><head><meta charset='utf-8'><title>{html.escape(title)}"
        f"</title><style>{CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<p class='muted'>" + html.escape(t("report.intro", trainees=len({r.student for r in rows}), when=when,
                                            db=course.db_display)) + "</p>",
        heading("report.h.summary"),
        _table(columns("assignment", "submitted", "graded", "ungradable", "needs_manual", "mean", "median"),
               summary_rows(rows)),
        heading("report.h.distribution"), _img(chart_distribution(rows), t("report.h.distribution")),
        heading("report.h.criteria"), _img(chart_criteria(stats), t("report.h.criteria")),
        _table(columns("assignment", "criterion", "grade_cell", "failed", "judged", "failed_share"),
               [[s.assignment, s.label, s.grade_id, s.failed, s.judged, round(100 * s.rate, 1)] for s in stats]),
        heading("report.h.coverage"),
        _img(chart_coverage(cov), t("report.h.coverage")),
        "<p class='muted'>" + html.escape(t("report.coverage_note", read=cov.plans_read,
                                            problems=cov.plans_with_problems, empty=cov.plans_empty,
                                            unreadable=cov.plans_unreadable)) + "</p>",
        heading("report.h.provinces"), _img(chart_provinces(rows), t("report.h.provinces")),
        _table(columns("province", "graded_submissions", "mean"),
               [[p, len(v), round(statistics.fmean(v), 1)] for p, v in sorted(provinces.items())]),
        heading("report.h.ungradable"),
        _table(columns("assignment", "student", "name", "reason"), ungradable) if ungradable else none,
        heading("report.h.answer_problems"),
        f"<p class='muted'>{html.escape(t('report.answer_problems_note'))}</p>",
        _table(columns("assignment", "student", "name", "grading_status", "reason"), answer_problems)
        if answer_problems else none,
        review_section(Path(course.root) / "autograded"),  # unsure verdicts (grader.grading.review)
        similarity_section(course),  # copies between trainees (grader.similarity)
        quiz_section(course.root),  # lesson quizzes: share right at the first try (grader.quiz_log)
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(course: Course, path: Path) -> Path:
    path.write_text(build_report(course), encoding="utf-8")
    return path
