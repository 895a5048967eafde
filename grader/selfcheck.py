"""The trainee's self-check: ``kiem_tra(answer, bai="bt3_thua_thien_hue")``.

It runs the assignment's PUBLIC criteria only, shows what passed and what to
fix in friendly Vietnamese (HTML in Jupyter, plain text elsewhere), never
names or hints at the hidden criteria, and always says that further criteria
are applied at grading, so "everything passed" never misleads. It never
raises, whatever the answer holds.

In the course's kernels (:mod:`grader.kernel_vi` loaded), when the last run of
the answer cell failed (a syntax error, say), the self-check says so and does
not check the older value the variable still holds.

In a trainee's workspace it also hands the lessons' first quiz answers to the exercise notebook (one hidden
output and one short line, :func:`grader.quiz_log.publish_workspace`), so a submission carries them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from grader import assignments, kernel_vi, quiz_log
from grader.answer_form import AnswerError
from grader.checks.gates import copy_notices
from grader.messages import t
from grader.results import CheckResult, Finding


@dataclass(frozen=True)
class Line:
    title: str
    passed: bool
    messages: tuple[str, ...]


@dataclass(frozen=True)
class SelfCheckReport:
    heading: str
    lines: tuple[Line, ...]
    problems: tuple[str, ...]  # the answer could not be read at all
    hidden_count: int
    answer_cell_failed: bool = False  # the last run of the answer cell failed: nothing was checked
    writing: tuple[str, ...] = ()  # lines the reader could not take as written (reported once, always shown)
    copies: tuple[str, ...] = ()  # what copies the course's or the articles' texts: not counted at grading

    @property
    def all_passed(self) -> bool:
        return (not self.problems and not self.writing and not self.copies
                and all(line.passed for line in self.lines))

    def _summary(self) -> str:
        if self.answer_cell_failed:
            return t("selfcheck.answer_cell_failed_summary")
        if self.problems:
            return t("selfcheck.unreadable")
        passed = sum(line.passed for line in self.lines)
        if self.all_passed:
            return t("selfcheck.all_public_passed", total=len(self.lines))
        if passed == len(self.lines) and not self.writing:
            return t("selfcheck.passed_but_copies", total=len(self.lines))
        if passed == len(self.lines):
            return t("selfcheck.passed_but_writing", total=len(self.lines), count=len(self.writing))
        return t("selfcheck.some_failed", passed=passed, total=len(self.lines))

    def _hidden_note(self) -> str:
        return t("selfcheck.hidden_note") if self.hidden_count else t("selfcheck.manual_note")

    def __str__(self) -> str:
        out = [self.heading, "", self._summary(), ""]
        for problem in self.problems:
            out.append(f"  ✗ {problem}")
        if self.writing:
            out.append(f"✗ {t('selfcheck.writing_title')}")
            out += [f"    - {m}" for m in self.writing]
        if self.copies:
            out.append(f"⚠ {t('selfcheck.copies_title')}")  # a warning about grading, not a failed criterion
            out += [f"    - {m}" for m in self.copies]
        for line in self.lines:
            out.append(f"{'✓' if line.passed else '✗'} {line.title}")
            out += [f"    - {m}" for m in line.messages]
        out += ["", self._hidden_note()]
        return "\n".join(out)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Plain-text display in IPython (text/plain beside the HTML): the report itself, not the record."""
        printer.text(str(self))

    def _repr_html_(self) -> str:
        esc = html.escape
        colour = "#1b7f3b" if self.all_passed else "#a15c00"
        parts = [
            '<div class="ngoaivu-selfcheck" style="border:1px solid #ccc;border-radius:6px;padding:10px 14px;'
            'font-family:inherit;max-width:60em">',
            f"<h4 style='margin:0 0 6px 0'>{esc(self.heading)}</h4>",
            f"<p style='color:{colour};font-weight:bold;margin:4px 0'>{esc(self._summary())}</p>",
        ]
        if self.problems:
            parts.append("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in self.problems) + "</ul>")
        parts.append("<ul style='list-style:none;padding-left:0'>")
        if self.writing:
            items = "".join(f"<li>{esc(m)}</li>" for m in self.writing)
            parts.append(f"<li><span style='color:#b00020'>✗</span> {esc(t('selfcheck.writing_title'))}"
                         f"<ul>{items}</ul></li>")
        if self.copies:
            items = "".join(f"<li>{esc(m)}</li>" for m in self.copies)
            parts.append(f"<li><span style='color:#a15c00'>⚠</span> {esc(t('selfcheck.copies_title'))}"
                         f"<ul>{items}</ul></li>")
        for line in self.lines:
            mark = "<span style='color:#1b7f3b'>✓</span>" if line.passed else "<span style='color:#b00020'>✗</span>"
            items = "".join(f"<li>{esc(m)}</li>" for m in line.messages)
            parts.append(f"<li>{mark} {esc(line.title)}" + (f"<ul>{items}</ul>" if items else "") + "</li>")
        parts.append("</ul>")
        parts.append(f"<p style='font-style:italic;margin:4px 0'>{esc(self._hidden_note())}</p></div>")
        return "".join(parts)


def _finding_texts(findings: tuple[Finding, ...]) -> tuple[str, ...]:
    texts = []
    for f in findings:
        try:
            texts.append(f.text())
        except Exception:  # a malformed parameter must not break the report
            texts.append(t("selfcheck.unreadable_detail"))
    return tuple(dict.fromkeys(texts))  # same message once


# Reasons that cost in every criterion judged activity by activity (a missing activity counts as unmet, a copy of
# an earlier activity or one that says no concrete work counts once or not at all), though the criteria that
# find them say them once.
_SHARED_REASONS = frozenset({"substance.few_activities", "checks.activity_copy", "substance.not_counted"})


def _hints(result: CheckResult, writing: tuple[str, ...], shared: tuple[str, ...]) -> tuple[str, ...]:
    """What a ✗ line tells the trainee: its own findings; else the writing slips above, or the reasons another
    criterion found that cost here too; never nothing."""
    own = _finding_texts(result.findings)
    messages = tuple(m for m in own if m not in writing)
    if messages:
        return messages
    if own:
        return (t("selfcheck.see_writing"),)
    if shared:
        return (t("selfcheck.shared_reasons"), *shared)
    return (t("selfcheck.no_detail"),)


def _hidden_count(spec: assignments.Assignment) -> int:
    """How many hidden criteria grading applies (at least 1 when they live only on the grader's side)."""
    return max(len(spec.hidden_criteria), int(spec.has_hidden_criteria))


def kiem_tra(answer: Any = None, bai: str = "bt3_thua_thien_hue") -> SelfCheckReport:
    """Check ``answer`` against the public criteria of exercise ``bai`` and return a friendly report.

    In a trainee's kernel it also publishes, for the exercise notebook's metadata, the first quiz answers saved
    in the workspace's lessons (:func:`grader.quiz_log.publish_workspace`), so the submission carries them.
    """
    quiz_log.publish_workspace()
    try:
        spec = assignments.get(bai)
    except KeyError:
        return SelfCheckReport(
            heading=t("selfcheck.heading_unknown"),
            lines=(),
            problems=(t("selfcheck.unknown_exercise", bai=str(bai)[:60], known=", ".join(assignments.ASSIGNMENT_IDS)),),
            hidden_count=0,
        )
    heading = t("selfcheck.heading", title=t(spec.title_key))
    failure = kernel_vi.last_failure(spec.answer_variable)
    if failure is not None:
        problem = t("selfcheck.answer_cell_failed", name=spec.answer_variable, failure=failure.summary)
        return SelfCheckReport(heading, (), (problem,), _hidden_count(spec), answer_cell_failed=True)
    try:
        record = spec.read(answer)
    except AnswerError as exc:
        return SelfCheckReport(heading, (), _finding_texts(exc.findings), _hidden_count(spec))
    except Exception:
        return SelfCheckReport(heading, (), (t("selfcheck.unreadable_detail"),), _hidden_count(spec))
    # What the reader could not take as written (a misspelt label, a line outside the template...):
    # shown once, on its own, even when every criterion passes.
    writing = _finding_texts(tuple(getattr(record, "problems", ())))
    try:
        results = assignments.judge(bai, record, [c.key for c in spec.public_criteria])
    except Exception:
        results = {}
    lines = []
    shared = _finding_texts(tuple(f for r in results.values() for f in r.findings if f.key in _SHARED_REASONS))
    for criterion in spec.public_criteria:
        result: CheckResult | None = results.get(criterion.key)
        if result is None:
            lines.append(Line(t(criterion.title_key), False, (t("selfcheck.unreadable_detail"),)))
            continue
        messages = () if result.passed else _hints(result, writing, shared)
        lines.append(Line(t(criterion.title_key), result.passed, messages))
    try:
        notices = _finding_texts(tuple(copy_notices(record))) if spec.has_hidden_criteria else ()
    except Exception:
        notices = ()
    return SelfCheckReport(heading, tuple(lines), (), _hidden_count(spec), writing=writing, copies=notices)
