"""The grading path shared by ``nbgrader autograde`` and ``ngoaivu autograde``.

Small nbgrader preprocessors, each with one job, switched on in
``exercises/nbgrader_config.py`` so that every way of grading uses them:

* :class:`~grader.grading.execute.SafeExecute` runs the notebook in a sandboxed kernel
  (resource limits, an unprivileged user when grading as root, a whole-notebook time
  limit), exports the trainee's answer as plain data, and re-checks every test cell
  in the grader's own process (:mod:`grader.grading.recheck`), so nothing the trainee's
  code does to the kernel can change a grade;
* :class:`~grader.grading.outputs.CapOutputBytes` caps outputs by size in bytes;
* :class:`~grader.grading.feedback.HideHiddenTests` removes hidden tests and tracebacks
  from the feedback returned to trainees.

The grading status of each notebook (``ok`` or ``ungradable`` with a reason) is written
to the graded notebook's metadata (:mod:`grader.grading.status`).
"""
