"""The two workspaces of `make start` (trainee) and `make instructor` (grader.launch), issue 21 deliverable 2."""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from lab_helpers import trainee_lab

from grader import launch

REPO = Path(__file__).resolve().parent.parent
TOKEN = "ngoaivu-launch-token"


def test_the_workspace_gets_the_lessons_and_keeps_what_the_trainee_changed(tmp_path: Path) -> None:
    course = tmp_path / "repo-course"
    course.mkdir()
    (course / "00_a.ipynb").write_text("v1")
    (course / "01_b.ipynb").write_text("v1")
    workspace = tmp_path / "ws"
    assert launch.prepare_workspace(workspace, course) == ["00_a.ipynb", "01_b.ipynb"]
    assert (workspace / "bai_tap").is_dir() and (workspace / "course" / "00_a.ipynb").read_text() == "v1"
    (workspace / "course" / "00_a.ipynb").write_text("the trainee's answers")
    (course / "00_a.ipynb").write_text("v2")
    (course / "01_b.ipynb").write_text("v2")
    assert launch.prepare_workspace(workspace, course) == ["01_b.ipynb"]  # a lesson the trainee changed stays
    assert (workspace / "course" / "00_a.ipynb").read_text() == "the trainee's answers"
    assert (workspace / "course" / "01_b.ipynb").read_text() == "v2"
    assert launch.prepare_workspace(workspace, course) == []


def test_the_workspace_holds_no_instructor_file(tmp_path: Path) -> None:
    launch.prepare_workspace(tmp_path, REPO / "course")
    names = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")}
    assert names == {"course", "bai_tap", launch.COPIES_FILE}
    assert sorted(p.name for p in (tmp_path / "course").iterdir()) == sorted(
        p.name for p in (REPO / "course").glob("*.ipynb"))


def test_name_and_id_are_asked_once_in_vietnamese(tmp_path: Path) -> None:
    answers = iter(["hv 01", "hv001", "", "Nguyễn   Thị Lan"])
    asked: list[str] = []
    said: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    trainee = launch.identify_trainee(tmp_path, ask=ask, say=said.append, env={}, roster={})
    assert trainee == launch.Trainee("hv001", "Nguyễn Thị Lan")
    assert asked[0].startswith("Mã học viên") and asked[-1] == "Họ và tên: "
    assert any("“hv 01” chưa đúng" in line for line in said) and any("Xin nhập họ và tên" in line for line in said)
    again = launch.identify_trainee(tmp_path, ask=lambda _: pytest.fail("asked twice"), env={}, roster={})
    assert again == trainee
    stored = json.loads((tmp_path / launch.IDENTITY_FILE).read_text(encoding="utf-8"))
    assert stored == {"id": "hv001", "ho_ten": "Nguyễn Thị Lan"}


def test_the_name_comes_from_the_roster_and_the_id_from_the_hub_login(tmp_path: Path) -> None:
    said: list[str] = []
    trainee = launch.identify_trainee(tmp_path, ask=lambda _: pytest.fail("nothing to ask"), say=said.append,
                                      env={"JUPYTERHUB_USER": "hv002"}, roster={"hv002": "Trần Văn Minh"})
    assert trainee == launch.Trainee("hv002", "Trần Văn Minh")
    assert said == ["Theo danh sách lớp, mã hv002 là của Trần Văn Minh."]


def test_the_two_workspaces_command_lines_and_environments(tmp_path: Path) -> None:
    trainee = launch.Trainee("hv001", "Nguyễn Thị Lan")
    env = launch.lab_environment({"HOME": str(tmp_path)}, workspace=tmp_path, trainee=trainee)
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(launch.TRAINEE_CONFIG)
    assert env["NGOAIVU_ASSIGNMENT_DIR"] == str(tmp_path / "bai_tap")
    assert (env["NGOAIVU_STUDENT_ID"], env["NGOAIVU_STUDENT_NAME"]) == ("hv001", "Nguyễn Thị Lan")
    instructor = launch.lab_environment({"HOME": str(tmp_path)})
    assert "JUPYTER_CONFIG_PATH" not in instructor and "NGOAIVU_STUDENT_ID" not in instructor
    cmd = launch.lab_command(8888, root=tmp_path, trainee=True)
    assert f"--ServerApp.root_dir={tmp_path}" in cmd and "--ServerApp.terminals_enabled=False" in cmd
    assert "--ServerApp.terminals_enabled=False" not in launch.lab_command(8888)
    makefile = (REPO / "Makefile").read_text()
    assert "-m grader.launch --instructor" in makefile
    assert "\nstart: $(STAMP)\n\t$(BIN)/python -m grader.launch --port" in makefile


def test_the_readme_names_both_workspaces() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make start" in readme and "make instructor" in readme


def test_exercises_not_yet_in_the_exchange_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("bt1_a", "bt2_b"):
        (tmp_path / "source" / name).mkdir(parents=True)
        (tmp_path / "source" / name / f"{name}.ipynb").write_text("{}")
    monkeypatch.setenv("NGOAIVU_EXCHANGE", str(tmp_path / "exchange"))
    assert launch.unreleased(tmp_path) == ["bt1_a", "bt2_b"]
    (tmp_path / "exchange" / "ngoaivu" / "outbound" / "bt1_a").mkdir(parents=True)
    assert launch.unreleased(tmp_path) == ["bt2_b"]


# ------------------------------------------------------------------ a real trainee server


class Server:
    def __init__(self, url: str, workspace: Path, exchange: Path):
        self.url, self.workspace, self.exchange = url, workspace, exchange

    def get(self, path: str) -> tuple[int, str]:
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"token {TOKEN}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except OSError:  # not listening yet
            return 0, ""

    def post(self, path: str, **form: str) -> Any:
        request = urllib.request.Request(self.url + path, data=urllib.parse.urlencode(form).encode(),
                                         headers={"Authorization": f"token {TOKEN}"}, method="POST")
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read().decode())


@pytest.fixture(scope="module")
def trainee_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The trainee's JupyterLab as `make start` starts it (command line and environment of grader.launch), on a
    temporary workspace, with one exercise already in a temporary exchange."""
    workspace = tmp_path_factory.mktemp("hoc_vien")
    state = tmp_path_factory.mktemp("state")
    exchange = state / "exchange"
    outbound = exchange / "ngoaivu" / "outbound" / "bt_thu"
    outbound.mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Bài tập thử")])
    nbformat.write(nb, outbound / "bt_thu.ipynb")
    for folder in (exchange, exchange / "ngoaivu"):
        folder.chmod(0o777)
    (exchange / "ngoaivu" / "inbound").mkdir(mode=0o733)
    (exchange / "ngoaivu" / "inbound").chmod(0o733)
    with trainee_lab(workspace, state, exchange, token=TOKEN, answers=("hv009", "Lê Thị Hoa")) as url:
        yield Server(url, workspace, exchange)


@pytest.mark.slow
def test_the_trainee_lab_reaches_only_the_lessons_and_the_exercises(trainee_server: Server) -> None:
    status, body = trainee_server.get("/api/contents")
    assert status == 200 and sorted(item["name"] for item in json.loads(body)["content"]) == ["bai_tap", "course"]
    for path in ("/api/contents/..%2Fexercises", "/api/contents/course%2F..%2F..%2Fexercises",
                 f"/api/contents/{launch.IDENTITY_FILE}", "/formgrader", "/api/terminals"):
        assert trainee_server.get(path)[0] in (403, 404), path
    status, page = trainee_server.get("/lab")
    for plugin in ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyter/nbgrader:course-list"):
        assert plugin in page.split('"disabledExtensions"', 1)[1].split("]", 1)[0], plugin


@pytest.mark.slow
def test_a_fetched_and_submitted_exercise_carries_the_trainee_s_id_and_name(trainee_server: Server) -> None:
    status, body = trainee_server.get("/assignments?course_id=ngoaivu")
    listed = json.loads(body)
    assert status == 200 and listed["success"], listed
    assert [a["assignment_id"] for a in listed["value"]] == ["bt_thu"]
    assert trainee_server.post("/assignments/fetch", course_id="ngoaivu", assignment_id="bt_thu")["success"]
    assert (trainee_server.workspace / "bai_tap" / "bt_thu" / "bt_thu.ipynb").is_file()
    submitted = trainee_server.post("/assignments/submit", course_id="ngoaivu", assignment_id="bt_thu")
    assert submitted["success"], submitted
    (folder,) = (trainee_server.exchange / "ngoaivu" / "inbound").iterdir()
    assert folder.name.startswith("hv009+bt_thu+")  # the trainee's id, not the machine's login
    identity = json.loads((folder / "hoc_vien.json").read_text(encoding="utf-8"))
    assert identity == {"id": "hv009", "ho_ten": "Lê Thị Hoa"}


def test_a_lesson_is_copied_with_the_kernel_s_python_version(tmp_path: Path) -> None:
    """JupyterLab writes the kernel's language_info into a notebook when it connects: the workspace's copy
    carries this machine's Python version already, so opening the lesson leaves nothing to save."""
    import platform

    course = tmp_path / "repo-course"
    course.mkdir()
    nb = nbformat.v4.new_notebook(metadata={"language_info": {"name": "python", "version": "3.0.0"}})
    nbformat.write(nb, course / "00_a.ipynb")
    launch.prepare_workspace(tmp_path / "ws", course)
    copy = json.loads((tmp_path / "ws" / "course" / "00_a.ipynb").read_text(encoding="utf-8"))
    assert copy["metadata"]["language_info"]["version"] == platform.python_version()
    assert launch.prepare_workspace(tmp_path / "ws", course) == []  # the rewritten copy is not the trainee's change


def test_every_lesson_stores_the_language_info_jupyterlab_writes() -> None:
    for path in sorted((REPO / "course").glob("*.ipynb")):
        info = json.loads(path.read_text(encoding="utf-8"))["metadata"]["language_info"]
        assert {"codemirror_mode", "file_extension", "mimetype", "nbconvert_exporter", "pygments_lexer",
                "version"} <= set(info), path.name
