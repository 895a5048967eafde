"""Python errors in Vietnamese in the course's kernels (an IPython extension).

Loaded in every kernel that the course's JupyterLab starts (the kernel spec
shipped in ``jupyter/data/kernels/python3`` runs ``ipykernel`` with
``--ext=grader.kernel_vi``; ``grader.launch`` puts that folder on
``JUPYTER_PATH``). It does two things:

* **explains errors in Vietnamese**: a syntax error is shown as "lỗi cú pháp"
  with the offending line (and its neighbours) and the likely cause (missing
  comma, quote or bracket, triple quotes never closed, text outside the
  quotes); a ``NameError`` on an answer variable says which cell to run first;
  other errors get a short explanation. The English traceback stays available
  to support staff in a collapsed ``<details>`` element. The cell still ends
  with an ``error`` output, so "run all" stops there and nbgrader still sees an
  error.
* **remembers whether the last run of a cell failed**, for every name that
  cell binds at top level (``ke_hoach = \"\"\"...\"\"\"``), so
  :func:`grader.selfcheck.kiem_tra` can say "the answer cell failed" instead
  of checking an older value (:func:`last_failure`).

Without the extension (plain Python, tests, grading) nothing is recorded and
:func:`last_failure` returns ``None``.
"""

from __future__ import annotations

import ast
import html
import re
import traceback
from dataclasses import dataclass
from typing import Any

from grader.messages import t

__all__ = ["CellFailure", "Explanation", "assigned_names", "explain", "last_failure", "load_ipython_extension",
           "unload_ipython_extension"]

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_TOP_LEVEL_ASSIGN = re.compile(r"^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)", re.MULTILINE)
_NUMBER = re.compile(r"\d[.,/]\d+[.,/]\d")  # 30/6/2024 or 2.000.000 written as Python code


@dataclass(frozen=True)
class CellFailure:
    """The last run of a cell failed; ``summary`` says how, in the catalogue's words ("lỗi cú pháp ở dòng 7")."""

    kind: str  # "syntax" or "error"
    line: int | None
    summary: str
    execution_count: int | None = None


@dataclass(frozen=True)
class Explanation:
    """An error explained for a trainee: a title, causes and fixes, and the lines of the cell to show."""

    kind: str  # "syntax" or "error"
    line: int | None
    title: str
    causes: tuple[str, ...]
    fixes: tuple[str, ...]
    excerpt: tuple[tuple[int, str], ...]  # (line number, text) around the offending line

    @property
    def failure(self) -> CellFailure:
        if self.kind == "syntax":
            summary = t("kernel.failure.syntax", line=self.line) if self.line else t("kernel.failure.syntax_noline")
        else:
            summary = t("kernel.failure.error", line=self.line) if self.line else t("kernel.failure.error_noline")
        return CellFailure(self.kind, self.line, summary)

    def text(self) -> str:
        out = [self.title]
        if self.excerpt:
            out += [f"{'➜' if n == self.line else ' '} {n:>3} | {s}" for n, s in self.excerpt]
        if self.causes:
            out.append(t("kernel.cause_label"))
            out += [f"  - {c}" for c in self.causes]
        if self.fixes:
            out.append(t("kernel.fix_label"))
            out += [f"  - {f}" for f in self.fixes]
        return "\n".join(out)

    def html(self, technical: str = "") -> str:
        esc = html.escape
        parts = ['<div class="ngoaivu-error" style="border:1px solid #d9a3a3;border-left:6px solid #b00020;'
                 'border-radius:4px;padding:8px 12px;background:#fff7f7;max-width:60em">',
                 f"<p style='margin:0 0 6px 0;font-weight:bold;color:#b00020'>{esc(self.title)}</p>"]
        if self.excerpt:
            rows = []
            for n, s in self.excerpt:
                style = "background:#ffe0e0;font-weight:bold" if n == self.line else "color:#555"
                rows.append(f"<span style='{style}'>{'➜' if n == self.line else ' '} {n:>3} | {esc(s)}</span>")
            parts.append("<pre class='ngoaivu-error-lines' style='margin:4px 0;padding:4px 6px;background:#fff;"
                         "white-space:pre-wrap'>" + "\n".join(rows) + "</pre>")
        for label, items in (("kernel.cause_label", self.causes), ("kernel.fix_label", self.fixes)):
            if items:
                parts.append(f"<p style='margin:6px 0 2px 0'><b>{esc(t(label))}</b></p><ul style='margin:0'>"
                             + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>")
        if technical:
            summary = esc(t("kernel.details_summary"))
            parts.append(f"<details style='margin-top:6px'><summary style='color:#666'>{summary}</summary>"
                         f"<pre style='font-size:85%;white-space:pre-wrap'>{esc(technical)}</pre></details>")
        parts.append("</div>")
        return "".join(parts)


# name bound by a cell -> failure of the last run of a cell that binds it (cleared when such a cell runs cleanly)
_failures: dict[str, CellFailure] = {}


def last_failure(name: str) -> CellFailure | None:
    """How the last run of the cell that binds ``name`` failed, or ``None`` if it ran cleanly (or was never seen)."""
    return _failures.get(name)


def assigned_names(source: str) -> set[str]:
    """Names a cell binds at top level. Works on cells that do not parse (a line-start ``name =`` is enough)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set(_TOP_LEVEL_ASSIGN.findall(source))
    names: set[str] = set()
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
    return names


def _excerpt(source: str, line: int | None, around: int = 1) -> tuple[tuple[int, str], ...]:
    if not source or not line:
        return ()
    lines = source.splitlines()
    if not 1 <= line <= len(lines):
        return ()
    lo, hi = max(1, line - around), min(len(lines), line + around)
    return tuple((n, lines[n - 1]) for n in range(lo, hi + 1))


def _answer_variables() -> set[str]:
    try:
        from grader import assignments

        return {assignments.get(a).answer_variable for a in assignments.ASSIGNMENT_IDS}
    except Exception:  # an assignment module that does not import must not hide the explanation
        return set()


def _syntax(exc: SyntaxError, source: str) -> Explanation:
    if "incomplete input" in (exc.msg or "") and source:
        # IPython's reading of an unfinished cell; Python's own compiler names the cause (quote or bracket)
        try:
            compile(source, "<cell>", "exec")
        except SyntaxError as precise:
            exc = precise
        except Exception:  # e.g. null bytes: keep IPython's error
            pass
    line = exc.lineno
    msg = (exc.msg or "").lower()
    causes: list[str] = []
    indent = isinstance(exc, IndentationError)
    triple = source.count('"""') + source.count("'''")
    if triple == 2 and not indent and _text_after_closing_quotes(source, line):
        # the usual slip in a text answer: words typed after the closing quotes (or before the opening ones)
        causes.append(t("kernel.cause.text_outside"))
    elif "triple-quoted" in msg:
        causes.append(t("kernel.cause.triple_quote", line=line))
    elif indent:
        causes.append(t("kernel.cause.indent", line=line))
    elif "unterminated string" in msg or "eol while scanning" in msg:
        causes.append(t("kernel.cause.quote"))
    elif "was never closed" in msg:
        found = re.search(r"'(.)'", exc.msg or "")
        causes.append(t("kernel.cause.bracket_open", bracket=found.group(1) if found else "(", line=line))
    elif "unmatched" in msg or "does not match" in msg:
        causes.append(t("kernel.cause.bracket_mismatch", line=line))
    elif "forgot a comma" in msg:
        causes.append(t("kernel.cause.comma", line=line))
    elif "decimal literal" in msg or "leading zeros" in msg:
        causes.append(t("kernel.cause.number", line=line))
    elif "invalid character" in msg or "invalid non-printable" in msg:
        found = re.search(r"'(.)'", exc.msg or "")
        causes.append(t("kernel.cause.character", line=line, char=found.group(1) if found else "?"))
    offending = (exc.text or "") if exc.text else dict(_excerpt(source, line, 0)).get(line or 0, "")
    if not causes and _NUMBER.search(offending):
        causes.append(t("kernel.cause.number", line=line))
    if triple > 2:
        causes.insert(0, t("kernel.cause.extra_triple_quote", count=triple))
    if not causes:
        causes.append(t("kernel.cause.generic_syntax", line=line))
    if indent:
        title = t("kernel.indent_title", line=line)
    else:
        title = t("kernel.syntax_title", line=line) if line else t("kernel.syntax_title_noline")
    return Explanation("syntax", line, title, tuple(causes), (t("kernel.fix.syntax"),), _excerpt(source, line))


def _text_after_closing_quotes(source: str, line: int | None) -> bool:
    """Is the offending line outside the one ``\"\"\" ... \"\"\"`` block of the cell?"""
    if not line:
        return False
    lines = source.splitlines()
    marks = [n for n, s in enumerate(lines, start=1) if '"""' in s or "'''" in s]
    return len(marks) == 2 and not marks[0] <= line <= marks[1]


def _cell_line(exc: BaseException, cell_files: set[str]) -> int | None:
    """Line of the running cell where ``exc`` went through last."""
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if name in cell_files or name.startswith("<ipython-input"):
            line = lineno
    return line


def explain(exc: BaseException, source: str = "", *, cell_files: set[str] | None = None) -> Explanation:
    """Explain ``exc`` (raised by the cell ``source``) to a trainee, in the catalogue's words."""
    if isinstance(exc, SyntaxError):
        return _syntax(exc, source)
    line = _cell_line(exc, cell_files or set())
    excerpt = _excerpt(source, line)
    title = t("kernel.error_title", line=line) if line else t("kernel.error_title_noline")
    if isinstance(exc, NameError) and not isinstance(exc, UnboundLocalError):
        name = getattr(exc, "name", None) or (re.findall(r"'(\w+)'", str(exc)) or ["?"])[0]
        failure = _failures.get(name)
        if failure is not None:
            cause = t("kernel.cause.name_answer_failed", name=name, failure=failure.summary)
            return Explanation("error", line, t("kernel.name_title", name=name), (cause,),
                               (t("kernel.fix.name_answer", name=name),), excerpt)
        if name in _answer_variables():
            cause = t("kernel.cause.name_answer", name=name)
            return Explanation("error", line, t("kernel.name_title", name=name), (cause,),
                               (t("kernel.fix.name_answer", name=name),), excerpt)
        return Explanation("error", line, title, (t("kernel.cause.name_other", name=name),),
                           (t("kernel.fix.name_other", name=name),), excerpt)
    if isinstance(exc, KeyboardInterrupt):
        return Explanation("error", line, title, (t("kernel.cause.interrupted"),), (), excerpt)
    if isinstance(exc, ImportError):
        name = getattr(exc, "name", None) or "?"
        return Explanation("error", line, title, (t("kernel.cause.import", name=name),), (t("kernel.fix.import"),),
                           excerpt)
    if isinstance(exc, TypeError):
        kind = t("kernel.kind.type")
    elif isinstance(exc, LookupError):
        kind = t("kernel.kind.lookup")
    elif isinstance(exc, ZeroDivisionError):
        kind = t("kernel.kind.zero")
    elif isinstance(exc, ValueError):
        kind = t("kernel.kind.value")
    elif isinstance(exc, AttributeError):
        kind = t("kernel.kind.attribute")
    else:
        kind = t("kernel.kind.other", ename=type(exc).__name__)
    cause = t("kernel.cause.runtime", line=line, kind=kind) if line else t("kernel.cause.runtime_noline", kind=kind)
    return Explanation("error", line, title, (cause,), (t("kernel.fix.runtime"),), excerpt)


class _Extension:
    """The state of the extension inside one IPython shell."""

    def __init__(self, shell: Any):
        self.shell = shell
        self.source = ""
        self.explanation: Explanation | None = None
        self.original_showtraceback = shell._showtraceback

    def pre_run_cell(self, info: Any) -> None:
        self.source = getattr(info, "raw_cell", "") or ""
        self.explanation = None

    def post_run_cell(self, result: Any) -> None:
        info = getattr(result, "info", None)
        if info is None or getattr(info, "silent", False):
            return
        names = assigned_names(getattr(info, "raw_cell", "") or "")
        if result.success:
            for name in names:
                _failures.pop(name, None)
            return
        explanation = self.explanation
        if explanation is None:
            error = result.error_before_exec or result.error_in_exec
            explanation = explain(error, self.source) if error is not None else None
        if explanation is None:
            return
        failure = explanation.failure
        failure = CellFailure(failure.kind, failure.line, failure.summary, getattr(result, "execution_count", None))
        for name in names:
            _failures[name] = failure

    def showtraceback(self, etype: type, evalue: BaseException, stb: list[str]) -> None:
        try:
            cell_files = set(getattr(self.shell.compile, "_filename_map", {}) or {})
            explanation = explain(evalue, self.source, cell_files=cell_files)
            self.explanation = explanation
            technical = _ANSI.sub("", "\n".join(stb))
            from IPython.display import publish_display_data

            publish_display_data({"text/plain": explanation.text(), "text/html": explanation.html(technical)})
            short = t("kernel.short_error", failure=explanation.failure.summary)
            self.original_showtraceback(etype, evalue, [f"\x1b[0;31m{short}\x1b[0m"])
        except Exception:  # never hide an error because explaining it failed
            self.original_showtraceback(etype, evalue, stb)


_active: dict[int, _Extension] = {}


def load_ipython_extension(shell: Any) -> None:
    """Called by IPython (``--ext=grader.kernel_vi`` or ``%load_ext grader.kernel_vi``)."""
    if id(shell) in _active:
        return
    ext = _Extension(shell)
    _active[id(shell)] = ext
    shell._showtraceback = ext.showtraceback
    shell.events.register("pre_run_cell", ext.pre_run_cell)
    shell.events.register("post_run_cell", ext.post_run_cell)


def unload_ipython_extension(shell: Any) -> None:
    ext = _active.pop(id(shell), None)
    if ext is None:
        return
    shell._showtraceback = ext.original_showtraceback
    shell.events.unregister("pre_run_cell", ext.pre_run_cell)
    shell.events.unregister("post_run_cell", ext.post_run_cell)
    _failures.clear()
