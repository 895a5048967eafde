"""nbgrader on the trainees' side: the Assignments tab (fetch, submit, fetch feedback) of the course's JupyterLab.

JupyterLab's nbgrader extension reads this file because the course's server runs with
JUPYTER_CONFIG_DIR set to this folder (grader.launch.lab_environment). The instructor's side
is exercises/nbgrader_config.py; both name the same exchange and course id.

On one machine (`make start`) everything has a default: the exchange is exercises/exchange/ and
fetched assignments land in bai_tap/ at the top of the course. A server sets instead:
NGOAIVU_EXCHANGE (the shared exchange), NGOAIVU_ASSIGNMENT_DIR (where a trainee's fetched
assignments go, e.g. their home) and NGOAIVU_PATH_INCLUDES_COURSE=1 (bai_tap/ngoaivu/<assignment>).
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821  (provided by nbgrader's config loader)
_REPO = Path(__file__).resolve().parent.parent.parent  # __file__ is set by traitlets' config loader

c.CourseDirectory.course_id = "ngoaivu"
c.Exchange.root = os.environ.get("NGOAIVU_EXCHANGE") or str(_REPO / "exercises" / "exchange")
if os.environ.get("NGOAIVU_ASSIGNMENT_DIR"):
    c.Exchange.assignment_dir = os.environ["NGOAIVU_ASSIGNMENT_DIR"]
elif os.access(_REPO, os.W_OK):  # one machine: the trainee owns the course folder
    c.Exchange.assignment_dir = str(_REPO / "bai_tap")
c.Exchange.path_includes_course = os.environ.get("NGOAIVU_PATH_INCLUDES_COURSE", "") == "1"
