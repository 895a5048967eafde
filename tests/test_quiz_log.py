"""Quiz answers recorded (issue 20, deliverable 5): each trainee's first answer to each question is saved in the
notebook's metadata, survives re-running the quiz cell, and the cohort report shows per question the share of
trainees right at the first try."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grader import quiz_log
from grader.quizzes import quiz_tinh_huong
from grader.widgets import Matching

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "jupyter" / "data" / "labextensions" / "ngoaivu-quiz-log"


@pytest.fixture
def in_kernel(monkeypatch):
    """As inside a trainee's kernel: first answers are kept, outputs go to a list instead of the frontend."""
    shown: list[tuple[dict, bool]] = []
    monkeypatch.setattr(quiz_log, "_in_kernel", lambda: True)
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: None)
    monkeypatch.setattr(quiz_log, "publish", lambda quiz, tries, *, update: shown.append(
        (quiz_log.payload(quiz, tries), update)))
    quiz_log.reset()
    yield shown
    quiz_log.reset()


def test_rerunning_the_quiz_cell_keeps_the_first_try(in_kernel):
    """Kind of defect: re-running the cell reset “the first try”."""
    quiz = quiz_tinh_huong()
    q = quiz.questions[2]
    quiz.answer(2, (q.answer + 1) % len(q.options))  # wrong first
    again = quiz_tinh_huong()  # the cell run again
    assert again.answer(2, q.answer).correct
    assert again.score()[0] == 0  # the first answer was wrong and stays wrong
    assert again.first_tries()["cs.q3"].correct is False


def test_each_first_answer_is_published_for_the_notebook_metadata(in_kernel):
    quiz = quiz_tinh_huong()
    quiz.answer(1, quiz.questions[1].answer)
    quiz.answer(1, 3)  # a later answer changes nothing
    quiz.answer(0, 0)
    published = [p for p, _ in in_kernel]
    assert len(published) == 2
    last = published[-1]
    assert last["quiz"] == "cs" and set(last["answers"]) == {"cs.q1", "cs.q2"}
    assert last["answers"]["cs.q2"]["correct"] is True and last["answers"]["cs.q2"]["answer"] == 0
    assert last["answers"]["cs.q1"]["correct"] is False
    json.dumps(last)  # plain data, as the notebook stores it


def test_a_matching_records_its_picks(in_kernel):
    from grader.quizzes import quiz_linh_vuc

    quiz = quiz_linh_vuc()
    index = next(i for i, q in enumerate(quiz.questions) if isinstance(q, Matching))
    quiz.answer(index, list(quiz.questions[index].answers))
    assert quiz.first_tries()["fa.q6"].answer == list(quiz.questions[index].answers)


def test_answers_saved_in_the_notebook_are_taken_up_after_a_restart(in_kernel, tmp_path, monkeypatch):
    nb = nbformat.v4.new_notebook()
    saved = {"answer": 2, "correct": False, "at": "2027-03-01T08:00:00+00:00"}
    nb.metadata[quiz_log.METADATA_KEY] = {"cs": {"cs.q2": saved}}
    path = tmp_path / "04_nghien_cuu_tinh_huong.ipynb"
    nbformat.write(nb, path)
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: path)
    quiz = quiz_tinh_huong()
    assert quiz.answer(1, quiz.questions[1].answer).correct
    assert quiz.score()[0] == 0


def test_outside_a_kernel_nothing_is_kept_between_quizzes():
    quiz_log.reset()
    quiz = quiz_tinh_huong()
    quiz.answer(1, 3)
    assert quiz_tinh_huong().score()[0] == 0 and quiz_tinh_huong().answer(1, 0).correct
    assert quiz_log.recorded("cs") == {}


def _nb(answers: dict) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.metadata[quiz_log.METADATA_KEY] = answers
    return json.loads(nbformat.writes(nb))


def test_the_cohort_share_right_at_the_first_try_per_question(tmp_path):
    right = {"answer": 0, "correct": True, "at": "2027-03-01T08:00:00+00:00"}
    wrong = {"answer": 1, "correct": False, "at": "2027-03-01T08:01:00+00:00"}
    cohort = {
        "hv001": {"cs": {"cs.q2": right, "cs.q3": wrong}},
        "hv002": {"cs": {"cs.q2": wrong, "cs.q3": wrong}},
        "hv003": {"cs": {"cs.q2": right}, "fa": {"fa.q6": {"answer": [5, 3, 1, 6], "correct": True}}},
    }
    for student, answers in cohort.items():
        folder = tmp_path / "bai_hoc_nop" / student
        folder.mkdir(parents=True)
        (folder / "04_nghien_cuu_tinh_huong.ipynb").write_text(json.dumps(_nb(answers)), encoding="utf-8")
    (tmp_path / "bai_hoc_nop" / "hv004").mkdir()
    (tmp_path / "bai_hoc_nop" / "hv004" / "hong.ipynb").write_text("{not json", encoding="utf-8")
    stats = {(s.quiz, s.question): s for s in quiz_log.question_stats(quiz_log.find_notebooks(tmp_path))}
    assert (stats["cs", "cs.q2"].answered, stats["cs", "cs.q2"].right) == (3, 2)
    assert stats["cs", "cs.q3"].share == 0.0
    assert stats["fa", "fa.q6"].share == 1.0
    section = quiz_log.report_section(tmp_path)
    assert "Bài học 04 (các tình huống), câu 2" in section and "67%" in section
    assert section.index("câu 3") < section.index("câu 2")  # the questions the class got wrong come first


def test_malformed_metadata_is_ignored():
    assert quiz_log.first_tries({"metadata": {quiz_log.METADATA_KEY: {"cs": {"cs.q1": {"correct": "yes"}}}}}) == {}
    assert quiz_log.first_tries({"metadata": {quiz_log.METADATA_KEY: ["x"]}}) == {}
    assert quiz_log.first_tries({}) == {}


def test_the_lab_plugin_copies_the_published_answers_into_the_metadata():
    """The hand-written plugin listens for the quiz's output and writes it under the metadata key, first try first."""
    manifest = json.loads((PLUGIN / "package.json").read_text(encoding="utf-8"))
    assert manifest["jupyterlab"]["_build"]["load"] == "static/remoteEntry.js"
    source = (PLUGIN / "static" / "remoteEntry.js").read_text(encoding="utf-8")
    assert quiz_log.MIME in source and f"'{quiz_log.METADATA_KEY}'" in source
    assert "setMetadata" in source and "update_display_data" in source
    assert "window._JUPYTERLAB" in source and "ngoaivu-quiz-log" in source


def test_the_cohort_report_has_the_quiz_section(tmp_path, monkeypatch):
    """grader.report.build_report includes the section (the gradebook's parts stubbed: no submissions)."""
    from types import SimpleNamespace

    from grader import report

    folder = tmp_path / "bai_hoc_nop" / "hv001"
    folder.mkdir(parents=True)
    answers = {"cs": {"cs.q2": {"answer": 0, "correct": True, "at": "2027-03-01T08:00:00+00:00"}}}
    (folder / "04.ipynb").write_text(json.dumps(_nb(answers)), encoding="utf-8")
    monkeypatch.setattr(report, "cohort", lambda course: ([], []))
    monkeypatch.setattr(report, "criteria_stats", lambda *a: [])
    monkeypatch.setattr(report, "coverage", lambda *a: report.Coverage())
    monkeypatch.setattr(report, "similarity_section", lambda course: "")
    course = SimpleNamespace(course_id="khoa-thu", db_display="sqlite", root=tmp_path)
    page = report.build_report(course)  # type: ignore[arg-type]
    assert "tỉ lệ trả lời đúng ngay lần đầu" in page and "Bài học 04 (các tình huống), câu 2" in page


# --------------------------------------------------------------------------- the lessons' answers carried by exercises
# Lessons are never handed in: the exercise's self-check publishes the first answers saved in the workspace's
# lessons, the lab plugin merges them into the exercise notebook's metadata, and the submission carries them.

RIGHT = {"answer": 0, "correct": True, "at": "2027-03-01T08:00:00+00:00"}
WRONG = {"answer": 2, "correct": False, "at": "2027-03-01T08:05:00+00:00"}


def _workspace(root: Path, lessons: dict[str, dict]) -> Path:
    """A trainee's workspace as `make start` lays it out: lessons in course/, a fetched exercise in bai_tap/."""
    (root / "course").mkdir(parents=True)
    for name, answers in lessons.items():
        (root / "course" / name).write_text(json.dumps(_nb(answers)), encoding="utf-8")
    exercise = root / "bai_tap" / "bt1_phan_loai" / "bt1_phan_loai.ipynb"
    exercise.parent.mkdir(parents=True)
    exercise.write_text(json.dumps(_nb({})), encoding="utf-8")
    return exercise


def _plugin_merge(metadata: dict, payload: dict) -> dict:
    """The lab plugin's own merge (static/remoteEntry.js run in node, with a fake JupyterLab around it)."""
    node = __import__("shutil").which("node")
    if node is None:
        pytest.skip("node is not installed: the plugin's merge is run in node")
    script = """
    global.window = {};
    require(process.argv[1]);
    const [metadata, payload] = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const store = {ngoaivu_quiz: metadata};
    let listener = null;
    const panel = {
      sessionContext: {iopubMessage: {connect: (fn) => { listener = fn; }}},
      content: {model: {getMetadata: (k) => store[k], setMetadata: (k, v) => { store[k] = v; }}},
    };
    const app = {shell: {widgets: () => [panel]}, restored: Promise.resolve()};
    window._JUPYTERLAB['ngoaivu-quiz-log'].get('./extension').then((m) => {
      m().default[0].activate(app);  // get() gives the module's factory
      return app.restored;
    }).then(() => new Promise((r) => setTimeout(r, 0))).then(() => {
      listener(null, {header: {msg_type: 'display_data'},
                      content: {data: {'application/vnd.ngoaivu.quiz-answers+json': payload}}});
      process.stdout.write(JSON.stringify(store.ngoaivu_quiz || {}));
    });
    """
    import subprocess

    done = subprocess.run([node, "-e", script, str(PLUGIN / "static" / "remoteEntry.js")], check=True,
                          input=json.dumps([metadata, payload]), capture_output=True, text=True, timeout=30)
    return json.loads(done.stdout)


@pytest.fixture
def exercise_kernel(monkeypatch):
    """As inside the kernel of an exercise: its outputs go to a list."""
    import IPython.display

    shown: list[dict] = []
    monkeypatch.setattr(quiz_log, "_in_kernel", lambda: True)
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw=False, **kw: shown.append(bundle))
    quiz_log.reset()
    yield shown
    quiz_log.reset()


def test_an_exercise_publishes_the_first_answers_of_the_workspace_lessons(exercise_kernel, tmp_path, monkeypatch):
    exercise = _workspace(tmp_path / "hoc_vien", {
        "04_nghien_cuu_tinh_huong.ipynb": {"cs": {"cs.q2": RIGHT, "cs.q3": WRONG}},
        "02_bay_noi_dung_trong_tam.ipynb": {"fa": {"fa.q6": {"answer": [5, 3, 1, 6], "correct": True, "at": ""}}},
        "05_xay_dung_ke_hoach.ipynb": {},
    })
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: exercise)
    assert quiz_log.workspace_root(exercise.parent) == (tmp_path / "hoc_vien").resolve()
    assert quiz_log.publish_workspace() == 3
    [bundle] = exercise_kernel
    assert bundle[quiz_log.MIME] == {"quizzes": {"cs": {"cs.q2": RIGHT, "cs.q3": WRONG},
                                                 "fa": {"fa.q6": {"answer": [5, 3, 1, 6], "correct": True,
                                                                  "at": ""}}}}
    assert bundle["text/plain"] == "Bài nộp sẽ kèm câu trả lời đầu tiên của anh/chị ở 3 câu hỏi trong các bài học."
    json.dumps(bundle)


def test_nothing_is_published_outside_a_workspace_or_from_a_lesson(exercise_kernel, tmp_path, monkeypatch):
    _workspace(tmp_path / "ws", {"04.ipynb": {"cs": {"cs.q2": RIGHT}}})
    lesson = tmp_path / "ws" / "course" / "05_xay_dung_ke_hoach.ipynb"  # lesson 05's self-check demo
    lesson.write_text(json.dumps(_nb({})), encoding="utf-8")
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: lesson)
    assert quiz_log.publish_workspace() == 0
    elsewhere = tmp_path / "elsewhere" / "a" / "b" / "c" / "d"
    elsewhere.mkdir(parents=True)
    (tmp_path / "elsewhere" / "course").mkdir()  # four levels up: not this exercise's workspace
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: None)
    monkeypatch.chdir(elsewhere)
    assert quiz_log.publish_workspace() == 0
    assert quiz_log.workspace_root(ROOT / "exercises" / "source" / "bt1_phan_loai") is None  # the repository
    assert exercise_kernel == []


def test_a_self_check_run_again_reads_only_the_lessons_that_changed(exercise_kernel, tmp_path, monkeypatch):
    exercise = _workspace(tmp_path, {f"0{i}.ipynb": {"cs": {"cs.q2": RIGHT}} for i in range(7)})
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: exercise)
    reads: list[Path] = []
    real = quiz_log._read_notebook
    monkeypatch.setattr(quiz_log, "_read_notebook", lambda path, **kw: reads.append(path) or real(path, **kw))
    quiz_log.publish_workspace()
    assert len(reads) == 7
    quiz_log.publish_workspace()
    assert len(reads) == 7
    (tmp_path / "course" / "03.ipynb").write_text(json.dumps(_nb({"cs": {"cs.q2": WRONG, "cs.q4": WRONG}})))
    assert quiz_log.publish_workspace() == 2 and len(reads) == 8


def test_the_lab_plugin_merges_an_exercise_payload_keeping_what_is_there():
    payload = {"quizzes": {"cs": {"cs.q2": RIGHT, "cs.q3": WRONG, "fa.q1": RIGHT, "__proto__": RIGHT},
                           "fa": {"fa.q1": WRONG}, "zz9": {"zz9.q1": RIGHT}, "pi": ["x"]}}
    merged = _plugin_merge({"cs": {"cs.q2": WRONG}}, payload)
    assert merged == {"cs": {"cs.q2": WRONG, "cs.q3": WRONG}, "fa": {"fa.q1": WRONG}}  # the first try stays
    assert _plugin_merge({}, {"quiz": "cs", "answers": {"cs.q1": RIGHT}}) == {"cs": {"cs.q1": RIGHT}}  # a lesson's


def _submit(course: Path, folder: str, student: str, assignment: str, metadata: dict) -> None:
    path = course / folder / student / assignment / f"{assignment}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_nb(metadata)), encoding="utf-8")


def test_a_submitted_exercise_brings_the_lessons_answers_to_the_report(exercise_kernel, tmp_path, monkeypatch):
    """End to end without a browser: self-check in the workspace, the plugin's merge, submitted/, the report."""
    exercise = _workspace(tmp_path / "hoc_vien", {"04_nghien_cuu_tinh_huong.ipynb": {"cs": {"cs.q2": RIGHT,
                                                                                          "cs.q3": WRONG}}})
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: exercise)
    quiz_log.publish_workspace()
    metadata = _plugin_merge({}, exercise_kernel[-1][quiz_log.MIME])
    course = tmp_path / "exercises"
    _submit(course, "submitted", "hv001", "bt1_phan_loai", metadata)
    _submit(course, "submitted", "hv002", "bt1_phan_loai", {"cs": {"cs.q2": WRONG}})
    assert not (course / "bai_hoc_nop").exists()
    stats = {(s.quiz, s.question): s for s in quiz_log.question_stats(quiz_log.find_notebooks(course))}
    assert (stats["cs", "cs.q2"].answered, stats["cs", "cs.q2"].right) == (2, 1)
    assert (stats["cs", "cs.q3"].answered, stats["cs", "cs.q3"].right) == (1, 0)
    section = quiz_log.report_section(course)
    assert "Bài học 04 (các tình huống), câu 2" in section and "50%" in section


def test_a_question_is_counted_once_per_trainee_the_earliest_answer_first(tmp_path):
    early_wrong = {"answer": 1, "correct": False, "at": "2027-02-28T08:00:00+07:00"}  # = 01:00 UTC, earliest
    later_right = {"answer": 0, "correct": True, "at": "2027-02-28T02:00:00+00:00"}
    _submit(tmp_path, "bai_hoc_nop", "hv001", "lessons", {"cs": {"cs.q2": later_right, "cs.q3": RIGHT}})
    for folder in ("submitted", "autograded"):
        for assignment in ("bt1_phan_loai", "bt3_thua_thien_hue"):
            _submit(tmp_path, folder, "hv001", assignment, {"cs": {"cs.q2": later_right, "cs.q3": RIGHT}})
    _submit(tmp_path, "submitted", "hv001", "bt5_ke_hoach_tinh", {"cs": {"cs.q2": early_wrong}})
    # the same answers also kept in a saved output of the exercise (the plugin did not run): counted once too
    nb = _nb({})
    nb["cells"] = [{"cell_type": "code", "source": "", "metadata": {}, "execution_count": 1, "outputs": [
        {"output_type": "display_data", "metadata": {},
         "data": {quiz_log.MIME: {"quizzes": {"cs": {"cs.q3": RIGHT}}}, "text/plain": ""}}]}]
    (tmp_path / "submitted" / "hv001" / "bt4_dat_hang").mkdir(parents=True)
    (tmp_path / "submitted" / "hv001" / "bt4_dat_hang" / "bt4_dat_hang.ipynb").write_text(json.dumps(nb))
    stats = {(s.quiz, s.question): s for s in quiz_log.question_stats(quiz_log.find_notebooks(tmp_path))}
    assert (stats["cs", "cs.q2"].answered, stats["cs", "cs.q2"].right) == (1, 0)  # the earliest: wrong
    assert (stats["cs", "cs.q3"].answered, stats["cs", "cs.q3"].right) == (1, 1)


FORGED = [
    {"cs": {"cs.q2": {"answer": 0, "correct": 1}}},  # not a bool
    {"cs": {"cs.q2": {"answer": list(range(10_000)), "correct": True}}},  # a huge matching
    {"cs": {"cs.q2": RIGHT} | {f"cs.q{i}x": RIGHT for i in range(5000)}},  # ids not of the course's form
    {"cs": {"cs.q999": RIGHT, "fa.q1": RIGHT, "cs.q0": RIGHT, "__proto__": RIGHT, "cs.q2 ": RIGHT}},
    {"zz": {"zz.q1": RIGHT}, "CS": {"CS.q1": RIGHT}, "x" * 5000: {}},  # not one of the lessons' quizzes
    {"cs": ["cs.q2"]}, {"cs": None}, ["cs"], "cs", 7, None,
    {"cs": {"cs.q2": {"answer": 0, "correct": True, "at": "9" * 10_000}}},  # an endless time: no time
    {"cs": {"cs.q2": {"answer": {"x": 1}, "correct": True, "at": ["2000"]}}},
]


def test_forged_answers_are_ignored_and_never_count_twice(tmp_path):
    for i, metadata in enumerate(FORGED):
        nb = _nb({})
        nb["metadata"][quiz_log.METADATA_KEY] = metadata
        nb["cells"] = [{"cell_type": "code", "source": "", "metadata": {}, "execution_count": 1, "outputs": [
            {"output_type": "display_data", "metadata": {},
             "data": {quiz_log.MIME: {"quizzes": metadata, "quiz": "cs", "answers": metadata}}}]}]
        path = tmp_path / "submitted" / "hv001" / f"bt{i}" / "x.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(nb), encoding="utf-8")
    broken = tmp_path / "submitted" / "hv002" / "bt1"
    broken.mkdir(parents=True)
    (broken / "deep.ipynb").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")  # nested too deep
    (broken / "list.ipynb").write_text("[1, 2]", encoding="utf-8")
    (broken / "link.ipynb").symlink_to(tmp_path / "submitted" / "hv001" / "bt0" / "x.ipynb")
    (broken / "bad.ipynb").write_bytes(b"\xff\xfe{")
    stats = quiz_log.question_stats(quiz_log.find_notebooks(tmp_path))
    assert {(s.quiz, s.question) for s in stats} == {("cs", "cs.q2")}
    assert all(s.answered == 1 for s in stats)  # hv001 once; hv002's files are unreadable or links
    assert "Bài học 04 (các tình huống), câu 2" in quiz_log.report_section(tmp_path)


def test_the_counted_quizzes_are_the_lessons():
    from grader.quizzes import LESSON_QUIZZES

    assert set(quiz_log.QUIZ_LESSONS) == {quiz().id for quiz in LESSON_QUIZZES}
    for quiz in LESSON_QUIZZES:
        q = quiz()
        assert quiz_log._read_quiz(q.id, {x.id: RIGHT for x in q.questions}).keys() == {x.id for x in q.questions}
