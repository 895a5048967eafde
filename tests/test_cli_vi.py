"""`ngoaivu` speaks the trainers' language while it runs (issue 21, deliverable 4): every line it prints, the
reasons it records and the watch service's log come from the catalogue (grader/messages/cli_run.yaml,
course.yaml), Vietnamese by default and English with NGOAIVU_LOCALE=en.

Two checks: the code itself (no English text literal of grader/cli, grader/grading or grader/grades.py reaches
print, an error, a log line, a table header, a collect note, a grading reason or a sandbox note without going
through ``t()``), and a small course taken through the commands and their error paths, whose whole output holds
no English word outside paths, ids, options and command names, and the English of it with the English locale.
The grading path's own reasons (an answer cell that failed, a sandbox without root) are followed from the graded
notebook's status to the autograde summary, the export and the report, in both locales.
"""

from __future__ import annotations

import ast
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli import FULL, answered, new_course, ngoaivu

from grader import messages
from grader.messages import t

GRADER = Path(__file__).resolve().parent.parent / "grader"
CLI = GRADER / "cli"
# Every module whose text reaches the instructor: the commands, the grading path (reasons, sandbox notes, warm
# pool) and the cohort's grades (status words).
SCANNED = [*sorted(CLI.glob("*.py")), *sorted((GRADER / "grading").glob("*.py")), GRADER / "grades.py"]

# --- the code ---------------------------------------------------------------------------------------------

# Calls whose text arguments reach the instructor: printing, errors, log lines, the records a summary shows.
SINKS = {"print", "write", "CLIError", "NoExchange", "ValueError", "EOFError", "info", "warning", "error",
         "exception", "say", "_fallback", "Outcome", "Collected", "Item", "Refusal", "table"}
TEXT_FIELDS = {"note", "reason", "problem", "message"}  # attributes and keywords that hold text for people
# Where English is the maintainers' copy (the --help, kept equal to cli.yaml's en by test_cli_help) or a log for
# maintainers (workers._log: nbgrader's own log of each submission; sandbox._log: a confinement that failed).
SKIPPED_FUNCTIONS = {"register", "add_course_options", "make_parser", "_log"}
SKIPPED_NAMES = {"EXIT_CODES_HELP", "NEW_CONFIG"}


LOOKUPS = {"t", "has", "columns", "outcome_word"}  # calls taking catalogue keys, whose text is the catalogue's


def _is_t_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in LOOKUPS


def _literals(node: ast.AST) -> Iterator[str]:
    """The text literals of an expression, not looking inside ``t(...)`` and the other catalogue lookups."""
    if _is_t_call(node):
        return
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("encode", "decode"):
        yield from _literals(node.func.value)  # its arguments name an encoding, not text
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
        return
    for child in ast.iter_child_nodes(node):
        yield from _literals(child)


def _english(text: str, codes_ok: bool, prose_only: bool = False) -> bool:
    """Whether a literal holds English words (a lone lower-case code like ``rejected`` is fine where codes are;
    ``prose_only``: only words in a row, not a name, a key or markup)."""
    if codes_ok and re.fullmatch(r"[a-z_]*", text):
        return False
    text = re.sub(r"`[^`]*`", " ", text)  # commands quoted in backticks
    text = re.sub(r"--?[A-Za-z][\w-]*", " ", text)  # option names
    text = re.sub(r"\S*[/.]\S*", " ", text)  # paths and file names
    if prose_only:
        return "<" not in text and re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", text) is not None
    return re.search(r"[A-Za-z]{3,}", text) is not None


def _name(func: ast.AST) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


class _Scan(ast.NodeVisitor):
    def __init__(self, path: Path):
        self.path, self.found = path, {}  # {"file:line: text": None}, in the order found

    def flag(self, node: ast.AST, codes_ok: bool, prose_only: bool = False) -> None:
        for text in _literals(node):
            if _english(text, codes_ok, prose_only):
                self.found[f"{self.path.name}:{node.lineno}: {text!r}"] = None

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name not in SKIPPED_FUNCTIONS:
            self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(tg, ast.Name) and tg.id in SKIPPED_NAMES for tg in node.targets):
            return
        for target in node.targets:
            pairs = zip(target.elts, node.value.elts, strict=False) \
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) else [(target, node.value)]
            for tg, value in pairs:
                if isinstance(tg, ast.Attribute) and tg.attr in TEXT_FIELDS:
                    self.flag(value, codes_ok=False)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name in SINKS:
            for i, arg in enumerate(node.args):
                self.flag(arg, codes_ok=not (name == "table" and i == 1) and name not in (
                    "print", "write", "CLIError", "NoExchange", "info", "warning", "error", "exception", "say"))
        for keyword in node.keywords:
            if keyword.arg in TEXT_FIELDS:
                self.flag(keyword.value, codes_ok=False)
        if not _is_t_call(node):
            self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None:
            self.flag(node.value, codes_ok=True, prose_only=True)  # a reason or a note for the caller to show
        self.generic_visit(node)


def test_no_english_text_literal_reaches_the_instructor_without_the_catalogue() -> None:
    found = []
    for path in SCANNED:
        scan = _Scan(path)
        scan.visit(ast.parse(path.read_text(encoding="utf-8")))
        found += list(scan.found)
    assert not found, "say these through t() and grader/messages/ (cli_run.yaml, grading.yaml):\n" + "\n".join(found)


def test_the_scan_finds_english_where_it_is() -> None:
    source = '''
def run(args):
    print(f"autograde: {n} submission(s) to grade")
    raise CLIError("--jobs must be at least 1", USAGE)
def other(item):
    item.outcome, item.note = "rejected", "not a notebook (.ipynb), a zip file or a folder"
    bar.write(t("cli.autograde.plan", todo=1, skipped=0))
    print(table(rows, ["file", "result"]))
    return "", "no trainee of the roster is named in the file name"
def register(sub):
    p.add_argument("--force", help="regrade submissions already graded")
'''
    scan = _Scan(Path("example.py"))
    scan.visit(ast.parse(source))
    assert sorted({int(f.split(":")[1]) for f in scan.found}) == [3, 4, 6, 8, 9], scan.found
    assert not any("regrade" in f or "rejected" in f for f in scan.found), scan.found


# --- the commands -----------------------------------------------------------------------------------------

# English words that would say something to the trainer (paths, ids, options and command names taken out first).
ENGLISH = re.compile(
    r"\b(the|of|and|to|is|not|no|could|cannot|submissions?|graded?|grading|nothing|folder|error|students?|"
    r"trainees?|assignments?|collected|rejected|skipped|unchanged|updated|released|made|failed|rows|file|"
    r"reason|note|result|warning|with|from|already|first|exist|does|interrupted|gradebook|roster|created|usage|"
    r"required|invalid|arguments?|options?|must|positive|least|run|release|feedback|period|plan|course|"
    r"line|empty|missing|column|unknown|this|has|took|older|than)\b", re.IGNORECASE)


def _words(line: str) -> str:
    """A line of output with what may stay as it is taken out: paths, file names, ids, options, commands."""
    line = re.sub(r"`[^`]*`", " ", line)
    line = re.sub(r"\S*[/\\]\S*", " ", line)  # paths
    line = re.sub(r"\S+\.(ipynb|zip|txt|csv|html|py|db|yaml)\b", " ", line)
    line = re.sub(r"--?[A-Za-z][\w-]*", " ", line)
    line = re.sub(r"\bngoaivu( [a-z-]+)?", " ", line)
    line = re.sub(r"'(check-sources|setup|release|collect|autograde|watch|feedback|export|report)'", " ", line)
    line = re.sub(r"^\s*(check-sources|setup|release|collect|autograde|watch|feedback|export|report)\b", " ", line)
    line = re.sub(r"\b(hv\d+|stranger|demo_course|demo|nope|bt\w+)\b", " ", line)
    line = re.sub(r"\b\w+(Error|Exception): .*", " ", line)  # a Python exception quoted as the detail
    return line


def _english_lines(text: str) -> list[str]:
    return [line for line in re.split(r"[\r\n]+", text) if ENGLISH.search(_words(line))]


@pytest.fixture
def english() -> Iterator[None]:
    messages.set_locale("en")
    yield
    messages._locale = None


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    try:
        code = ngoaivu(*args)
    except SystemExit as exc:  # argparse's errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.slow
def test_every_command_and_error_path_prints_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert messages.get_locale() == "vi"
    outputs: dict[str, str] = {}

    def run(label: str, expected: int, *args: str | Path) -> str:
        code, text = _run(capsys, *args)
        assert code == expected, (label, code, text)
        outputs[label] = text
        return text

    cc = new_course(tmp_path)  # setup and release (no exchange in the fixture course)
    outputs["setup, release"] = capsys.readouterr().out
    course = cc.root
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "hv001-old.ipynb").write_text(answered(cc, FULL), encoding="utf-8")
    time.sleep(0.05)
    (drop / "hv001.ipynb").write_text(answered(cc, FULL), encoding="utf-8")
    with zipfile.ZipFile(drop / "demo-hv002.zip", "w") as zf:
        zf.writestr("demo/bai_lam.ipynb", cc.release_path("demo").read_text(encoding="utf-8"))
    (drop / "hv003.ipynb").write_text("{ this is not json", encoding="utf-8")
    (drop / "stranger.ipynb").write_text(answered(cc, FULL), encoding="utf-8")
    (drop / "notes.txt").write_text("not a submission", encoding="utf-8")

    text = run("collect", 1, "collect", "--course", course, "demo", drop)
    assert t("cli.collect.count.collected", count=3) in text and t("cli.collect.no_trainee") in text
    assert t("cli.collect.took", chosen="demo/bai_lam.ipynb", wanted="demo.ipynb") in text
    assert t("cli.outcome.skipped") in text and t("cli.collect.invalid_notebook") in text
    text = run("autograde", 1, "autograde", "--course", course, "--cold", "--jobs", "2")
    assert t("cli.autograde.plan", todo=3, skipped=0) in text and t("cli.autograde.failed_title") in text
    assert t("cli.reason.not_json") in text
    text = run("autograde again", 1, "autograde", "--course", course)
    assert t("cli.autograde.plan", todo=0, skipped=3) in text and "hv003/demo" in text
    text = run("feedback", 0, "feedback", "--course", course)
    assert t("cli.feedback.summary", made=2, failed=0, folder=str(course / "feedback")) in text
    run("export", 0, "export", "--course", course, "-o", tmp_path / "grades.csv")
    run("report", 0, "report", "--course", course, "-o", tmp_path / "report.html")
    run("check-sources", 0, "check-sources")

    # The error paths an instructor meets.
    empty = tmp_path / "empty"
    empty.mkdir()
    bad_roster = tmp_path / "bad.csv"
    bad_roster.write_text("id,full_name,province\nhv004,Phạm Thị Dung,\nhv 005,,Huế\nhv004,A,B\n", encoding="utf-8")
    no_column = tmp_path / "no_column.csv"
    no_column.write_text("id,full_name\nhv004,Phạm Thị Dung\n", encoding="utf-8")
    for label, expected, args in [
        ("release unknown", 2, ["release", "--course", course, "nope"]),
        ("autograde unknown", 2, ["autograde", "--course", course, "nope"]),
        ("collect unknown", 2, ["collect", "--course", course, "nope", drop]),
        ("collect empty", 2, ["collect", "--course", course, "demo", empty]),
        ("collect missing folder", 2, ["collect", "--course", course, "demo", tmp_path / "nowhere"]),
        ("collect without exchange", 2, ["collect", "--course", course, "demo"]),
        ("autograde --jobs 0", 2, ["autograde", "--course", course, "--jobs", "0"]),
        ("autograde --time-limit 0", 2, ["autograde", "--course", course, "--time-limit", "0"]),
        ("autograde --jobs x", 2, ["autograde", "--course", course, "--jobs", "x"]),
        ("autograde unknown student", 2, ["autograde", "--course", course, "--student", "hv999"]),
        ("feedback unknown student", 2, ["feedback", "--course", course, "--student", "hv999"]),
        ("collect without arguments", 2, ["collect", "--course", course]),
        ("unknown command", 2, ["nope"]),
        ("unknown option", 2, ["export", "--course", course, "--nope"]),
        ("no course", 2, ["export", "--course", tmp_path / "no-such-course"]),
        ("not a course", 2, ["export", "--course", empty]),
        ("bad roster", 2, ["setup", "--course", course, "--roster", bad_roster]),
        ("roster without a column", 2, ["setup", "--course", course, "--roster", no_column]),
        ("no database driver", 3, ["export", "--course", course, "--db", "mysql+mysqldb://u:p@localhost/x"]),
        ("watch without exchange", 2, ["watch", "--course", course, "--once"]),
        ("watch --interval 0", 2, ["watch", "--course", course, "--interval", "0"]),
    ]:
        text = run(label, expected, *args)
        assert t("cli.error", prog="ngoaivu") in text or t("cli.error", prog=f"ngoaivu {args[0]}") in text, label
    assert t("course.unknown_assignment", assignment="nope", known="demo") in outputs["collect unknown"]
    assert t("cli.autograde.bad_jobs") in outputs["autograde --jobs 0"]
    assert t("cli.argparse.invalid_value", option="-j/--jobs", kind=t("cli.argparse.kind.int"), value="'x'") \
        in outputs["autograde --jobs x"]
    assert t("roster.empty_name", line=3, id="hv 005") in outputs["bad roster"]
    assert t("roster.duplicate_id", line=4, id="hv004", first=2) in outputs["bad roster"]
    from grader.course import load_course

    masked = load_course(course, "mysql+mysqldb://u:p@localhost/x").db_display
    assert t("cli.gradebook.read", db=masked, detail="\0").split("\0")[0] in outputs["no database driver"]
    assert t("cli.gradebook.no_driver") in outputs["no database driver"]

    english = {label: lines for label, text in outputs.items() if (lines := _english_lines(text))}
    assert not english, english
    shapeless = [label for label, text in outputs.items() if t("value.other") in text]
    assert not shapeless, shapeless  # a parameter t() could not show (e.g. a Path not passed as str)


@pytest.mark.slow
def test_the_english_locale_prints_the_maintainers_english(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           english: None) -> None:
    cc = new_course(tmp_path)
    capsys.readouterr()
    course = cc.root
    empty = tmp_path / "empty"
    empty.mkdir()
    checks = [
        (["autograde", "--course", course, "--jobs", "0"], "ngoaivu autograde: error: --jobs must be at least 1"),
        (["release", "--course", course, "nope"], "error: unknown assignment 'nope'; this course has: demo"),
        (["collect", "--course", course, "demo", empty], f"nothing to collect: {empty} is empty"),
        (["collect", "--course", course], "error: the following arguments are required: assignment"),
        (["export", "--course", course, "-o", tmp_path / "g.csv"], "export: 3 rows -> "),
    ]
    for args, expected in checks:
        _, text = _run(capsys, *args)
        assert expected in text, (args, text)
    _, text = _run(capsys, "collect", "--course", course, "demo", tmp_path / "nowhere")
    assert f"folder {tmp_path / 'nowhere'} does not exist" in text


# --- the grading path's own reasons -------------------------------------------------------------------------


@pytest.mark.slow
def test_an_answer_error_and_a_sandbox_without_root_reach_the_trainer_in_vietnamese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An answer cell with a syntax error, graded as if the grader were not root (the sandbox's notes): the
    autograde summary, the export's status words and reason and the report's answer section are Vietnamese; the
    graded notebook keeps the catalogue keys, so the same notebook reads in English with the English locale."""
    import csv
    import html
    from unittest import mock

    from nbgrader_helpers import CourseCopy, set_answer
    from test_cli import ROSTER

    from grader.assignments import get
    from grader.grades import grading_status_word, status_word
    from grader.grading import execute
    from grader.grading.status import read_status
    from grader.results import Finding

    real_notes = execute.SandboxKernelManager.sandbox_notes

    def as_non_root(self: execute.SandboxKernelManager) -> list:
        with mock.patch.object(execute.os, "geteuid", return_value=1000):
            return real_notes(self)

    monkeypatch.setattr(execute.SandboxKernelManager, "sandbox_notes", as_non_root)
    aid = "bt1_phan_loai"
    cc = CourseCopy.of(tmp_path, assignments=[aid])  # the course's own grading path (SafeExecute)
    course = cc.root
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert ngoaivu("setup", "--course", course, "--roster", tmp_path / "roster.csv") == 0
    assert ngoaivu("release", "--course", course, aid) == 0
    release = cc.release_notebook(aid)
    var = get(aid).answer_variable
    answer_id = next(c.metadata["nbgrader"]["grade_id"] for c in release.cells
                     if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code" and var in c.source)
    cc.submit("hv001", aid, set_answer(release, answer_id, f"{var} = {{\n    'a': \n"))  # a syntax error, line 2
    cc.submit("hv002", aid, release)  # blank
    capsys.readouterr()
    code, summary = _run(capsys, "autograde", "--course", course, "--cold", "--jobs", "1")
    assert code == 0, summary

    graded = cc.course.folder("autograded") / "hv001" / aid / f"{aid}.ipynb"
    status = read_status(graded)
    assert status is not None and status.status == "answer_error", status
    assert isinstance(status.message, Finding) and status.message.key == "grading.reason.answer_syntax"
    line = status.message.params["line"]
    assert [getattr(n, "key", n) for n in status.notes] == ["grading.sandbox.not_root"]
    reason = t("grading.reason.answer_syntax", error="SyntaxError", line=line)
    assert status.reason == reason and f"dòng {line}" in reason
    assert t("cli.autograde.answers_title") in summary and grading_status_word("answer_error") in summary
    assert reason in summary and "answer_error" not in summary
    assert t("cli.autograde.warned_title") in summary and t("grading.sandbox.not_root")[:60] in summary
    assert not _english_lines(summary), _english_lines(summary)

    csv_path = tmp_path / "grades.csv"
    assert ngoaivu("export", "--course", course, "-o", csv_path) == 0
    rows = {r["student"]: r for r in csv.DictReader(csv_path.open(encoding="utf-8"))}
    assert rows["hv001"]["grading_status"] == t("export.grading_status.answer_error") == "ô trả lời bị lỗi"
    assert rows["hv001"]["reason"] == reason
    assert rows["hv001"]["status"] in (status_word("graded"), status_word("needs_manual"))
    assert rows["hv002"]["status"] in (status_word("graded"), status_word("needs_manual"))
    assert rows["hv002"]["grading_status"] == t("export.grading_status.ok") == "bình thường"
    assert rows["hv003"]["status"] == "chưa nộp" and rows["hv003"]["grading_status"] == ""
    cells = "\n".join(f"{r['status']} {r['reason']} {r['grading_status']}" for r in rows.values())
    assert not _english_lines(cells), cells

    report = tmp_path / "report.html"
    assert ngoaivu("report", "--course", course, "-o", report) == 0
    section = report.read_text(encoding="utf-8").split(html.escape(t("report.h.answer_problems")))[1]
    section = section.split("<h2>")[0]
    assert "hv001" in section and html.escape(grading_status_word("answer_error")) in section
    assert html.escape(reason) in section and "answer_error" not in section and "hv002" not in section

    # The same graded notebook, read with the maintainers' locale.
    messages.set_locale("en")
    try:
        again = read_status(graded)
        assert again is not None and again.reason == f"SyntaxError in the answer cell at line {line}"
        assert again.note_texts()[0].startswith("Sandbox: kernels run as the grader's own user")
        assert status_word("ungradable") == "could not be graded" and grading_status_word("answer_error") == \
            "answer_error"
    finally:
        messages._locale = None


def test_a_status_records_keys_and_older_metadata_still_reads() -> None:
    """The graded notebook's status keeps the catalogue key and its parameters (nested too), and the English
    text for maintainers; metadata written before the keys (an English ``reason`` only) reads as it was."""
    import nbformat

    from grader.grading.execute import why_finding
    from grader.grading.status import UNGRADABLE, GradingStatus, status_of, write_status
    from grader.results import Finding

    nb = nbformat.v4.new_notebook()
    note = Finding("grading.sandbox.own_user", {"why": why_finding(("no_user", {"user": "nobody"}))})
    write_status(nb, GradingStatus(UNGRADABLE, Finding("grading.reason.timeout", {"seconds": 300}), (note,)))
    meta = nb.metadata["ngoaivu"]
    assert meta["reason"] == "the notebook ran longer than 300 s"
    assert meta["message"] == {"key": "grading.reason.timeout", "params": {"seconds": 300}}
    got = status_of(nbformat.reads(nbformat.writes(nb), as_version=4))
    assert got is not None and got.reason == t("grading.reason.timeout", seconds=300) == "sổ tay chạy quá 300 giây"
    assert got.note_texts() == [t("grading.sandbox.own_user", why=t("grading.sandbox.why.no_user", user="nobody"))]
    assert "nobody" in got.note_texts("en")[0] and got.note_texts("en")[0].startswith("Sandbox:")
    nb.metadata["ngoaivu"] = {"status": UNGRADABLE, "reason": "the kernel died", "notes": ["an old note"]}
    old = status_of(nb)
    assert old is not None and old.reason == "the kernel died" and old.note_texts() == ["an old note"]
    nb.metadata["ngoaivu"] = {"status": UNGRADABLE, "reason": "kept", "message": {"key": "no.such.key"}}
    assert status_of(nb).reason == "kept"  # a key this grader no longer knows: the English text recorded
