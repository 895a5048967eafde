"""The instructor-side answer keys of exercises 1 and 2, for tests (never part of the installed package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

CRITERIA = Path(__file__).resolve().parent.parent / "exercises" / "criteria"


def instructor_keys(aid: str) -> ModuleType:
    """The criteria file ``exercises/criteria/<aid>.py``, imported by its path as the grading path does."""
    spec = importlib.util.spec_from_file_location(f"criteria_{aid}", CRITERIA / f"{aid}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


KEY1 = instructor_keys("bt1_phan_loai")
KEY2 = instructor_keys("bt2_doc_nguon")
