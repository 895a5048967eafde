"""The grading records, at their old path: they live in :mod:`grader.records` since the report reads them too.

``grader.report`` sits below the CLI (the CLI imports it), so what both read, the per-submission records
and the cohort's grades (:mod:`grader.grades`), moved out of ``grader.cli``. This module re-exports the
records so that ``from grader.cli import records`` keeps working in the subcommands and tests that use it.
"""

from __future__ import annotations

from grader.records import (
    FINAL,
    Record,
    all_records,
    autograded_dir,
    feedback_problem,
    files_match,
    fingerprint,
    gradebook_submissions,
    graded_files,
    grading_basis,
    invalidate,
    is_current,
    load,
    record_path,
    save,
    submission_dir,
    sync_tree,
    write_atomic,
)

__all__ = [
    "FINAL", "Record", "all_records", "autograded_dir", "feedback_problem", "files_match", "fingerprint",
    "gradebook_submissions", "graded_files", "grading_basis", "invalidate", "is_current", "load", "record_path",
    "save", "submission_dir", "sync_tree", "write_atomic",
]
