"""nbgrader's file exchange with private submissions (used by trainees' servers on the hub).

nbgrader's stock ``submit`` leaves every submission world-readable (files 0444, the folder 0777) and
relies on nobody being able to list the inbound folder. On the hub the inbound folder is
``drwx-wx-wt`` (3733: others may create entries but not list them, the sticky bit stops them from
renaming or deleting entries they do not own, and the set-group-id bit gives every new submission
the course staff's group). This submit keeps that group and takes the permissions for others away,
so a trainee who learns another trainee's submission path still cannot read it; the instructor (in
the staff group) and the grading service (root) can.

Select it in the trainees' ``nbgrader_config.py``::

    c.ExchangeFactory.submit = "ngoaivu_exchange.PrivateExchangeSubmit"
"""

from __future__ import annotations

import os
import stat

from nbgrader.exchange.default.submit import ExchangeSubmit

# Owner read/write, staff group read/write (the instructor cleans up), nobody else.
PRIVATE_FILE = stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IWGRP
PRIVATE_DIR = stat.S_ISGID | stat.S_IRWXU | stat.S_IRWXG


class PrivateExchangeSubmit(ExchangeSubmit):
    """``nbgrader submit`` whose copy in the inbound folder is readable by its owner and the staff group only."""

    def set_perms(self, dest: str, fileperms: int, dirperms: int) -> None:
        # nbgrader asks for world-readable files and folders; the copy in the inbound folder gets
        # private ones instead (the trainee's own cache copy is not passed through here).
        super().set_perms(dest, PRIVATE_FILE, PRIVATE_DIR)

    def copy_files(self) -> None:
        super().copy_files()
        # nbgrader opens the submission folder itself to everyone (0777) after set_perms; close it.
        os.chmod(os.path.join(self.inbound_path, self.assignment_filename), PRIVATE_DIR)
