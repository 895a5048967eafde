"""nbgrader configuration of the course (run nbgrader commands from this folder)."""

import os
from pathlib import Path

c = get_config()  # noqa: F821  (provided by nbgrader's config loader)
_COURSE = Path(__file__).resolve().parent  # __file__ is set by traitlets' config loader

c.CourseDirectory.course_id = "ngoaivu"
# The gradebook: SQLite (gradebook.db in this folder) unless NGOAIVU_DB_URL gives an SQLAlchemy URL, e.g.
# postgresql://grader:secret@127.0.0.1:5432/ngoaivu (driver: pip install -e '.[postgres]').
if os.environ.get("NGOAIVU_DB_URL"):
    c.CourseDirectory.db_url = os.environ["NGOAIVU_DB_URL"]
# nbgrader's own log (nbgrader commands and the formgrader), as nbgrader's docs advise on JupyterHub.
c.NbGrader.logfile = os.environ.get("NGOAIVU_NBGRADER_LOG") or str(_COURSE / ".nbgrader.log")
# nbgrader's exchange (Assignments tab: fetch, submit, feedback): exchange/ in this folder on one machine,
# created by `make start` and `ngoaivu release`; a server sets NGOAIVU_EXCHANGE (see docs/deploy.md).
# The trainees' side reads jupyter/config/nbgrader_config.py, which names the same folder.
c.Exchange.root = os.environ.get("NGOAIVU_EXCHANGE") or str(_COURSE / "exchange")
# What `ngoaivu collect` / `ngoaivu watch` accept from the exchange per submission (grader/cli/exchange.py):
# a file or a whole submission over these sizes is refused and the trainee told why in Vietnamese.
c.NgoaivuCollect.max_file_mb = 5
c.NgoaivuCollect.max_submission_mb = 20

# What replaces the solutions in the trainees' copy. Answer cells keep their
# template (plain data with empty values) above the solution block, so the stub
# must be harmless when run; written answers get a Vietnamese prompt.
c.ClearSolutions.code_stub = {"python": "# ▲ Điền vào mẫu ở trên rồi chạy ô này (Shift + Enter)."}
c.ClearSolutions.text_stub = "Viết câu trả lời của bạn vào đây."

# The plan period the trainer sets (course_settings.yaml, in this folder) is written into every released
# notebook by the first preprocessor of generate_assignment, before nbgrader records the cells.
from nbgrader.converters import GenerateAssignment  # noqa: E402

from grader.cli.release import WritePeriod  # noqa: E402

c.WritePeriod.settings_file = str(_COURSE / "course_settings.yaml")
c.GenerateAssignment.preprocessors = [WritePeriod, *GenerateAssignment.class_traits()["preprocessors"].default()]

# The grading path (grader.grading), used by `nbgrader autograde` and `ngoaivu autograde` alike:
# a sandboxed kernel (resource limits, an unprivileged user when grading as root), a time limit
# per cell and per notebook, the trusted re-check of every test cell from the trainee's answer
# data, and outputs capped by size in bytes. See docs/threat-model.md.
from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from grader.grading.execute import SafeExecute  # noqa: E402
from grader.grading.feedback import TEMPLATE_NAME, TEMPLATES, GetGradesPending, HideHiddenTests  # noqa: E402
from grader.grading.outputs import CapOutputBytes  # noqa: E402
from grader.grading.review import MarkForReview  # noqa: E402

c.Autograde.autograde_preprocessors = [
    SafeExecute, IgnorePattern, ClearMetadataPreprocessor, CapOutputBytes, LimitOutput, SaveAutoGrades,
    MarkForReview, AssignLatePenalties, CheckCellMetadata,
]
c.Execute.timeout = 30  # seconds per cell
c.SafeExecute.notebook_timeout = 300  # seconds per notebook
c.SandboxKernelManager.memory_mb = 3072
c.SandboxKernelManager.cpu_seconds = 120
c.SandboxKernelManager.user = "nobody"
c.CapOutputBytes.max_bytes = 100_000
# Feedback returned to trainees: no hidden tests, no tracebacks from test cells; the page in Vietnamese, a written
# answer not marked yet reads "chờ giảng viên chấm", not 0 (grader/grading/templates/feedback).
c.GenerateFeedback.preprocessors = [GetGradesPending, HideHiddenTests, CSSHTMLHeaderPreprocessor]
# Only the feedback's exporter (HTMLExporter under GenerateFeedback): the formgrader's HTMLExporter keeps nbgrader's
# own "formgrade" template. The template keeps nbgrader's name "feedback", which nbgrader's API forces.
assert TEMPLATE_NAME == "feedback"
c.GenerateFeedback.HTMLExporter.template_name = TEMPLATE_NAME
c.GenerateFeedback.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
c.GenerateFeedback.HTMLExporter.filters = {"t": "grader.messages.t", "diem": "grader.grading.feedback.points_text"}
c.GenerateFeedback.HTMLExporter.exclude_input_prompt = True  # "In [3]:" is neither Vietnamese nor useful here
c.GenerateFeedback.HTMLExporter.exclude_output_prompt = True
