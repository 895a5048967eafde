"""nbgrader in the trainee's workspace (`make start`): who submits.

grader.launch puts this folder first on JUPYTER_CONFIG_PATH in the trainee's workspace only, with
NGOAIVU_STUDENT_ID and NGOAIVU_STUDENT_NAME set to the name and id the trainee gave once. The
submission is filed under that id (not the machine's login, often "root"), and carries a small
hoc_vien.json (id, full name) beside the notebooks, so an instructor without a roster still knows
whose it is. The exchange and course id come from ../config/nbgrader_config.py.
"""

import json
import os

from nbgrader.exchange.default.submit import ExchangeSubmit

c = get_config()  # noqa: F821  (provided by nbgrader's config loader)

IDENTITY_NAME = "hoc_vien.json"


class CourseSubmit(ExchangeSubmit):
    """nbgrader's submit, with the trainee's id and name written into the submitted folder."""

    def copy_files(self):
        student = os.environ.get("NGOAIVU_STUDENT_ID", "")
        if student:
            identity = {"id": student, "ho_ten": os.environ.get("NGOAIVU_STUDENT_NAME", "")}
            with open(os.path.join(self.src_path, IDENTITY_NAME), "w", encoding="utf-8") as fh:
                json.dump(identity, fh, ensure_ascii=False)
        super().copy_files()


if os.environ.get("NGOAIVU_STUDENT_ID"):
    c.CourseDirectory.student_id = os.environ["NGOAIVU_STUDENT_ID"]
c.ExchangeFactory.submit = CourseSubmit
