"""`ngoaivu` speaks the trainers' language while it runs (issue 21, deliverable 4): every line it prints, the
reasons it records and the watch service's log come from the catalogue (grader/messages/cli_run.yaml,
course.yaml), Vietnamese by default and English with NGOAIVU_LOCALE=en.

Two checks: the code itself (no English text literal reaches print, an error, a log line, a table header, a
collect note or a grading reason without going through ``t()``), and a small course taken through the
commands and their error paths, whose whole output holds no English word outside paths, ids, options and
command names, and the English of it with the English locale.
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

CLI = Path(__file__).resolve().parent.parent / "grader" / "cli"

# --- the code ---------------------------------------------------------------------------------------------

# Calls whose text arguments reach the instructor: printing, errors, log lines, the records a summary shows.
SINKS = {"print", "write", "CLIError", "NoExchange", "ValueError", "EOFError", "info", "warning", "error",
         "exception", "say", "_fallback", "Outcome", "Collected", "Item", "Refusal", "table"}
TEXT_FIELDS = {"note", "reason", "problem", "message"}  # attributes and keywords that hold text for people
# Where English is the maintainers' copy (the --help, kept equal to cli.yaml's en by test_cli_help) or a log for
# maintainers (workers._log: nbgrader's own log of each submission).
SKIPPED_FUNCTIONS = {"register", "add_course_options", "make_parser", "_log"}
SKIPPED_NAMES = {"EXIT_CODES_HELP", "NEW_CONFIG"}


LOOKUPS = {"t", "has", "columns", "outcome_word"}  # calls taking catalogue keys, whose text is the catalogue's


def _is_t_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in LOOKUPS


def _literals(node: ast.AST) -> Iterator[str]:
    """The text literals of an expression, not looking inside ``t(...)`` and the other catalogue lookups."""
    if _is_t_call(node):
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
    for path in sorted(CLI.glob("*.py")):
        scan = _Scan(path)
        scan.visit(ast.parse(path.read_text(encoding="utf-8")))
        found += list(scan.found)
    assert not found, "say these through t() and grader/messages/cli_run.yaml:\n" + "\n".join(found)


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
